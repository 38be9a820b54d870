"""Fill the actor catalogue's UCDP ids from the UCDP Actor Dataset (v22.1, CC BY 4.0).

Reads ../shared/gazetteer/actors/ucdp/ucdp-actor-221.csv and writes
marsad/actors/data/ucdp_ids.json ({canonical name: UCDP ActorId}). An actor matches a UCDP
row when one of its English names or aliases equals the row's short name (NameData,
NameOrig) or full English name (NameOrigFullEng, NewNameFullEng), and the row's location
includes the actor's country where the actor has one; state forces match "Government of
{country}".

    .venv/bin/python scripts/build_actor_ids.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def norm(s: str) -> str:
    s = s.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"[^a-z0-9' ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args(argv)
    path = Path(args.shared) / "gazetteer/actors/ucdp/ucdp-actor-221.csv"
    if not path.exists():
        print(f"no UCDP actor list at {path}", file=sys.stderr)
        return 2
    import yaml

    from marsad.actors.catalogue import DATA

    by_name: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            for col in ("NameData", "NameOrig", "NameOrigFullEng", "NewNameFullEng", "NewName"):
                for part in (row.get(col) or "").split(","):
                    if part.strip():
                        by_name.setdefault(norm(part), []).append(row)
    countries = [c["country"] for c in yaml.safe_load((DATA / "countries.yaml").read_text("utf-8"))]
    ucdp_country = {"Palestine": "Israel", "United States": "United States of America"}
    actors = yaml.safe_load((DATA / "actors.yaml").read_text("utf-8"))["actors"]
    ids: dict[str, int] = {}

    def located(row, country):
        return country is None or (ucdp_country.get(country, country) in (row.get("Location") or ""))

    for a in actors:
        if a.get("role") == "source":
            continue
        cs = a.get("countries") or [a.get("country")]
        names = [a["name"].replace(" ({country})", ""), *(a.get("en") or [])]
        names += [p.strip() for p in re.split(r"[:(]", a["name"]) if p.strip() and "{" not in p]
        for c in cs:
            for n in names:
                rows = [r for r in by_name.get(norm(str(n)), []) if located(r, c)] or \
                       [r for r in by_name.get(norm(str(n)), []) if len(cs) > 1]
                if rows:
                    ids[a["name"].replace("{country}", c or "Unknown")] = int(rows[0]["ActorId"])
                    break
    for c in countries:
        rows = by_name.get(norm(f"Government of {ucdp_country.get(c, c)}"), [])
        if rows:
            ids[f"Military Forces of {c}"] = int(rows[0]["ActorId"])
            ids[f"Police Forces of {c}"] = int(rows[0]["ActorId"])
    out = DATA / "ucdp_ids.json"
    out.write_text(json.dumps(dict(sorted(ids.items())), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(ids)} UCDP ids -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
