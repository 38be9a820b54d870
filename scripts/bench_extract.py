"""Benchmark `extract`: articles per second, peak memory and start-up time.

    .venv/bin/python scripts/bench_extract.py [--corpus PATH] [--limit N]

Runs the default pipeline in one process over the 1,800 articles of
../shared/corpora/ant_multisource_arabic_news_2018 (the same way
`marsad extract` does for a JSONL batch), then times `marsad extract` on a
short article in a fresh process (start-up: imports, data loading, one article).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "ant_multisource_arabic_news_2018" / "ant_multisource_sample.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"bench_extract: {args.corpus} not found (it is in ../shared/corpora)", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]

    t0 = time.perf_counter()
    from marsad.pipeline import Pipeline

    pipeline = Pipeline()
    t_load = time.perf_counter() - t0

    chars = events = claims = 0
    t1 = time.perf_counter()
    for row in rows:
        rec = pipeline.extract(row["text"], id=row["docno"], title=row.get("title"), source=row.get("source"),
                               url=row.get("url"))
        chars += len(row["text"])
        events += len(rec.events)
        claims += len(rec.claims)
    elapsed = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    sample = ROOT / "examples" / "ghwayran" / "article.ar.txt"
    t2 = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "marsad"), "extract", str(sample)], check=True,
                   capture_output=True)
    startup = time.perf_counter() - t2

    print(f"articles        {len(rows)}")
    print(f"characters      {chars}  (mean {chars // max(1, len(rows))} per article)")
    print(f"events, claims  {events}, {claims}")
    print(f"pipeline load   {t_load:.2f} s")
    print(f"extract time    {elapsed:.1f} s")
    print(f"articles/s      {len(rows) / elapsed:.1f}  (one process)")
    print(f"peak memory     {peak_mb:.0f} MB (max RSS)")
    print(f"start-up        {startup:.2f} s  (`marsad extract` on one article, fresh process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
