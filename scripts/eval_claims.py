"""Run the claims layer (dateline, dates, quantities, attribution, discrepancies) over a
jsonl corpus of articles and report robustness, time per article and a summary of
what it found.

    .venv/bin/python scripts/eval_claims.py [../shared/corpora/ant_multisource_arabic_news_2018/ant_multisource_sample.jsonl]
        [--limit N] [--show N]

Every article must go through without an exception. Time is measured per stage
over the claims stages only (the sentences and actors stages run too, as the
attribution stage reads their output, but are not counted). ``--show N`` prints
N random claims with figures for error analysis.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import email.utils
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "ant_multisource_arabic_news_2018" / "ant_multisource_sample.jsonl"
CLAIMS_STAGES = ("dateline", "dates", "quantities", "attribution", "discrepancies")


def _published(row: dict) -> str | None:
    for key in ("published", "date", "time", "date_extracted"):
        v = row.get(key)
        if not v:
            continue
        try:
            return email.utils.parsedate_to_datetime(v).date().isoformat()
        except (TypeError, ValueError):
            try:
                return dt.date.fromisoformat(str(v)[:10]).isoformat()
            except ValueError:
                continue
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    from marsad.doc import Document
    from marsad.pipeline import STAGES, load_stage

    wanted = [(n, p) for n, p in STAGES if n in CLAIMS_STAGES or n in ("sentences", "actors")]
    stages = [(n, load_stage(p)) for n, p in wanted]
    spent = collections.Counter()
    counts = collections.Counter()
    units = collections.Counter()
    types = collections.Counter()
    samples = []
    failures = 0
    n = 0
    with open(args.path, encoding="utf-8") as fh:
        for line in fh:
            if args.limit and n >= args.limit:
                break
            row = json.loads(line)
            n += 1
            text = row.get("text") or row.get("content") or ""
            try:
                doc = Document.make(text, id=row.get("docno") or row.get("id"), published=_published(row),
                                    title=row.get("title"))
                for name, stage in stages:
                    t0 = time.perf_counter()
                    doc = stage(doc)
                    spent[name] += time.perf_counter() - t0
            except Exception as exc:  # noqa: BLE001 - the point is to report every failure
                failures += 1
                print(f"FAIL {row.get('docno')}: {exc!r}", file=sys.stderr)
                continue
            counts["dates"] += len(doc.dates)
            counts["quantities"] += len(doc.quantities)
            counts["claims"] += len(doc.claims)
            counts["claims_with_figures"] += sum(1 for c in doc.claims if c.quantities)
            counts["discrepancies"] += len(doc.discrepancies)
            counts["datelines"] += bool(doc.article.dateline.place)
            units.update(q.unit for q in doc.quantities)
            types.update(c.source.type for c in doc.claims)
            samples.extend(c for c in doc.claims if c.quantities)
    claims_ms = sum(spent[s] for s in CLAIMS_STAGES) * 1000 / max(n, 1)
    print(f"articles: {n}, failures: {failures}")
    print(f"claims stages: {claims_ms:.2f} ms/article (" + ", ".join(
        f"{s} {spent[s] * 1000 / max(n, 1):.2f}" for s in CLAIMS_STAGES) + ")")
    print("found per article: " + ", ".join(f"{k} {v / max(n, 1):.2f}" for k, v in counts.items()))
    print("units: " + ", ".join(f"{k} {v}" for k, v in units.most_common()))
    print("source types: " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    random.seed(args.seed)
    for c in random.sample(samples, min(args.show, len(samples))):
        s = c.source
        print(f"\n[{s.type}] {s.name} / {s.affiliation} / {s.role} {c.stance} {c.said_on}")
        print("  " + c.text[:300].replace("\n", " "))
        for q in c.quantities:
            print(f"  -> {q.text!r}: {q.low}..{q.high} {q.qualifier} {q.unit}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
