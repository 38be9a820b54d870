"""Measure the geocoder on the dev data we have.

    .venv/bin/python scripts/eval_geo.py [--shared ../shared] [--errors 20]

1. coverage: the 21 names of ../shared/gazetteer/wof/coverage_test_list.tsv (plus غويران -> al-Hasakah),
   looked up alone and inside a sentence; right = the record place within 25 km of the expected point.
2. notes: the team's English notes in ACLED's style (tests/test_geo_notes.py), right = within 25 km.
   table: the team's test table (tests/test_geo_table.py), Arabic and English rows: right = the
   expected (name, country) among the record places.
3. ANERcorp: recall of the LOC mentions (a LOC span overlapped by a place mention), and the share of
   place mentions that overlap a LOC span (a lower bound of precision: the corpus tags many
   countries and cities as ORG or leaves them out), over pseudo-articles of 30 sentences.
4. Ghwayran: the bundled example through the whole pipeline; right = event within 25 km of the
   hand-coded point.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.doc import Document  # noqa: E402
from marsad.geo import Gazetteer, PlaceStage, record_place  # noqa: E402
from marsad.geo.gazetteer import km  # noqa: E402
from marsad.geo.keys import en_key  # noqa: E402


def coverage(shared: Path, stage: PlaceStage, gz: Gazetteer) -> dict:
    rows = list(csv.DictReader((shared / "gazetteer/wof/coverage_test_list.tsv").open(encoding="utf-8"),
                               delimiter="\t"))
    alone = in_text = 0
    for r in rows:
        lat, lon = (float(r["lat"]), float(r["lon"])) if r["resolved"] == "yes" else (36.5024, 40.7477)
        got = gz.candidates(r["query_ar"])
        if got:
            e = got[0]
            if e.parent:
                e = gz.entry(e.parent)
            alone += km(e.lat, e.lon, lat, lon) <= 25
        doc = stage(Document.make(f"وأفادت مصادر محلية بمقتل شخصين في هجوم على حاجز في {r['query_ar']} صباح اليوم"))
        places = [record_place(m)[0] for m in doc.places]
        in_text += any(km(p.latitude, p.longitude, lat, lon) <= 25 for p in places if p.latitude is not None)
    return {"names": len(rows), "lookup_right": alone, "in_text_right": in_text}


def table(stage: PlaceStage) -> dict:
    spec = importlib.util.spec_from_file_location("geo_table", ROOT / "tests" / "test_geo_table.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    out = {}
    for lang in ("ar", "en"):
        rows = [r for r in mod.ROWS if r[3] == lang]
        right = 0
        for text, name, country, _lang in rows:
            doc = stage(Document.make(text, lang=lang))
            got = {(en_key(record_place(m)[0].name), record_place(m)[0].country) for m in doc.places}
            got |= {(en_key(m.place.name), m.place.country) for m in doc.places}
            right += (en_key(name), country) in got
        out[lang] = {"rows": len(rows), "right": right}
    return out


def anercorp(shared: Path, stage: PlaceStage, n_errors: int) -> dict:
    lines = (shared / "corpora/anercorp_original/ANERCorp.txt").read_text(encoding="utf-8").splitlines()
    sents, cur = [], []
    for line in lines:
        parts = line.rsplit(" ", 1)
        if len(parts) != 2 or not parts[0]:
            continue
        cur.append((parts[0], parts[1]))
        if parts[0] in (".", "!", "?"):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    gold = found = placed = placed_on_loc = 0
    missed: Counter = Counter()
    extra: Counter = Counter()
    t = time.perf_counter()
    n_docs = 0
    for i in range(0, len(sents), 30):
        chunk = sents[i:i + 30]
        text, spans, pos = [], [], 0
        loc_start = None
        for sent in chunk:
            for tok, tag in sent:
                if tag == "B-LOC" or (tag == "I-LOC" and loc_start is None):
                    if loc_start is not None:
                        spans.append((loc_start, pos - 1))
                    loc_start = pos
                elif tag != "I-LOC" and loc_start is not None:
                    spans.append((loc_start, pos - 1))
                    loc_start = None
                text.append(tok)
                pos += len(tok) + 1
        if loc_start is not None:
            spans.append((loc_start, pos - 1))
        full = " ".join(text)
        doc = stage(Document.make(full, lang="ar"))
        n_docs += 1
        ms = [(m.start, m.end, m.text) for m in doc.places]
        for s, e in spans:
            gold += 1
            if any(ms_s < e and s < ms_e for ms_s, ms_e, _ in ms):
                found += 1
            else:
                missed[full[s:e]] += 1
        for s, e, txt in ms:
            placed += 1
            if any(s < ge and gs < e for gs, ge in spans):
                placed_on_loc += 1
            else:
                extra[txt] += 1
    dt = time.perf_counter() - t
    return {"loc_mentions": gold, "recall": round(found / max(gold, 1), 3), "place_mentions": placed,
            "on_loc_share": round(placed_on_loc / max(placed, 1), 3), "ms_per_pseudo_article": round(dt / n_docs * 1000, 2),
            "top_missed": " ".join(f"{w}×{c}" for w, c in missed.most_common(n_errors)),
            "top_not_loc": " ".join(f"{w}×{c}" for w, c in extra.most_common(n_errors))}


def notes() -> dict:
    """The team's English notes in ACLED's style (tests/test_geo_notes.py): share placed within 25 km."""
    from marsad.geo import place_for_span
    from marsad.sentences import SentenceStage

    spec = importlib.util.spec_from_file_location("geo_notes", ROOT / "tests" / "test_geo_notes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    stage, sents = PlaceStage(), SentenceStage()
    right = 0
    for text, lat, lon in mod.NOTES:
        doc = stage(sents(Document.make(text, lang="en")))
        pm = place_for_span(doc, 0, len(text))
        right += bool(pm and pm.place.latitude is not None and km(pm.place.latitude, pm.place.longitude, lat, lon) <= 25)
    return {"notes": len(mod.NOTES), "within_25_km": right, "share": round(right / len(mod.NOTES), 3)}


def ghwayran() -> dict:
    import marsad

    exp = json.loads((ROOT / "examples/ghwayran/expected.json").read_text(encoding="utf-8"))
    rec = marsad.extract((ROOT / "examples/ghwayran/article.ar.txt").read_text(encoding="utf-8"))
    e0 = exp["events"][0]
    evs = rec.events
    right = sum(1 for ev in evs if ev.latitude is not None and
                km(ev.latitude, ev.longitude, e0["latitude"], e0["longitude"]) <= 25 and ev.country == "Syria")
    return {"events": len(evs), "placed_right": right, "none_in_ukraine": all(ev.country != "Ukraine" for ev in evs)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--errors", type=int, default=15)
    a = ap.parse_args(argv)
    gz = Gazetteer.open()
    stage = PlaceStage()
    out = {"table": table(stage), "acled_style_notes": notes(), "ghwayran": ghwayran()}
    if (a.shared / "gazetteer").is_dir():
        out["coverage"] = coverage(a.shared, stage, gz)
    if (a.shared / "corpora/anercorp_original").is_dir():
        out["anercorp"] = anercorp(a.shared, stage, a.errors)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
