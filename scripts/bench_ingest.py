"""Benchmark `ingest`: store overhead against extraction alone, and scaling with workers.

    .venv/bin/python scripts/bench_ingest.py [--corpus PATH] [--limit N] [--workers 2] [--dask]

Over the ANT sample (../shared/corpora/ant_multisource_arabic_news_2018, 1,800
articles) it measures, each after a warm-up so that start-up is not counted:

1. extract only: the default pipeline in one process, as `marsad extract` runs it;
2. ingest, one worker: the same articles read, extracted, fingerprinted and stored
   in a fresh SQLite store (one transaction per article), in one process;
3. ingest, N workers (--workers, default 2) into another fresh store;
4. with --dask, the same on a LocalCluster of N worker processes.

Targets (issue 7): (2) at least 80% of the rate of (1); (3) at least 1.6 times (2)
with two workers on a 2-core machine. The load average is printed before and
after: other processes on the machine change the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "ant_multisource_arabic_news_2018" / "ant_multisource_sample.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (default: all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dask", action="store_true", help="also time a Dask LocalCluster")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"bench_ingest: {args.corpus} not found (it is in ../shared/corpora)", file=sys.stderr)
        return 2

    from marsad.engine import DaskEngine, LocalEngine
    from marsad.pipeline import default_pipeline
    from marsad.sources import read_sources
    from marsad.store import StoredArticle, open_store
    from marsad.store.ingest import extract_article, ingest

    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    corpus = args.corpus
    if args.limit:
        corpus = tmp / "corpus.jsonl"
        with args.corpus.open(encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as dst:
            for n, line in enumerate(src):
                if n >= args.limit:
                    break
                dst.write(line)
    articles = [a for a in read_sources([str(corpus)]) if isinstance(a, StoredArticle)]
    n = len(articles)
    print(f"articles        {n}  ({corpus})")
    print(f"load average    {' '.join(f'{x:.2f}' for x in os.getloadavg())}  (before)")

    pipeline = default_pipeline()
    pipeline.extract("warm-up", id="w")
    failed = 0
    t0 = time.perf_counter()
    for a in articles:
        try:
            pipeline.extract(a.text, id=a.id, title=a.title, published=a.published, source=a.source, url=a.url)
        except Exception:  # counted: the pipeline is someone else's work in progress
            failed += 1
    t_extract = time.perf_counter() - t0
    rate_extract = n / t_extract
    print(f"extract only    {rate_extract:7.1f} articles/s  ({t_extract:.1f} s, {failed} failed)")

    # The store's own cost, free of the machine's load on extraction: fingerprint + one transaction.
    done = [r for r in (extract_article(a) for a in articles) if r[3] is None]
    store = open_store(f"sqlite:///{tmp / 'store-only.db'}")
    t0 = time.perf_counter()
    for article, doc, _fp, _err in done:
        from marsad.store.dedup import fingerprint

        store.add_one(article, doc, fingerprint(article.text))
    t_store = time.perf_counter() - t0
    store.close()
    store_ms = 1000 * t_store / max(1, len(done))
    extract_ms = 1000 / rate_extract
    print(f"store only      {store_ms:7.2f} ms/article  (fingerprint + one SQLite transaction; "
          f"{extract_ms / (extract_ms + store_ms):.2f} of the extract-only rate)")

    def timed_ingest(engine, label: str) -> float:
        url = f"sqlite:///{tmp / (label + '.db')}"
        store = open_store(url)
        warm = [StoredArticle(id=f"w{i}", text="نص قصير للتحمية.", lang="ar") for i in range(engine.workers * 16)]
        list(engine.map(extract_article, warm))  # start the workers and build their pipelines
        t = time.perf_counter()
        result = ingest([str(corpus)], store, engine)
        elapsed = time.perf_counter() - t
        stats = store.stats()
        store.close()
        print(f"{label:15s} {n / elapsed:7.1f} articles/s  ({elapsed:.1f} s; {result.added} added, {result.copies} "
              f"copies, {result.failed} failed; {stats['events']} events, {stats['merged_events']} merged)")
        return n / elapsed

    with LocalEngine(1) as engine:
        rate1 = timed_ingest(engine, "ingest 1 worker")
    with LocalEngine(args.workers) as engine:
        rate_n = timed_ingest(engine, f"ingest {args.workers} workers")
    rate_dask = None
    if args.dask:
        with DaskEngine(workers=args.workers) as engine:
            rate_dask = timed_ingest(engine, f"dask {args.workers} workers")
    print(f"load average    {' '.join(f'{x:.2f}' for x in os.getloadavg())}  (after)")
    print(f"ingest/extract  {rate1 / rate_extract:.2f}  (target >= 0.80)")
    print(f"{args.workers} workers/1     {rate_n / rate1:.2f}x  (target >= 1.6x with 2 workers on 2 cores)")
    if rate_dask:
        print(f"dask/1          {rate_dask / rate1:.2f}x")
    print(json.dumps({"articles": n, "extract_rate": round(rate_extract, 1), "ingest_rate_1": round(rate1, 1),
                      f"ingest_rate_{args.workers}": round(rate_n, 1),
                      "dask_rate": round(rate_dask, 1) if rate_dask else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
