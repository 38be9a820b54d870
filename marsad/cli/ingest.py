"""marsad ingest: read news sources, extract them and add them to the store."""

from __future__ import annotations

import argparse
import sys

HELP = "Extract articles (files, directories, JSONL, RSS/Atom feeds, HTML pages, WARC archives) into the store."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="a file, a directory, a JSONL file, an RSS/Atom feed file, HTML pages or WARC archives")
    p.add_argument("--db", default=None, metavar="URL",
                   help="the store: sqlite:///PATH (default sqlite:///marsad.db) or postgresql://USER@HOST/DB")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: processes on this machine (default); dask: a Dask cluster")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores; for dask without --scheduler, the local cluster's size)")
    p.add_argument("--scheduler", metavar="URL", help="a Dask scheduler, e.g. tcp://HOST:8786 (--engine dask)")
    p.add_argument("--encoding", help="input encoding (default: detect UTF-8/16/32, Windows-1256)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")


def run(args: argparse.Namespace) -> int:
    from ..engine import get_engine
    from ..errors import ConfigError
    from ..sources import count_articles
    from ..store import open_store
    from ..store.ingest import ingest

    if args.workers is not None and args.workers < 1:
        raise ConfigError("--workers must be at least 1")
    if args.scheduler and args.engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    store = open_store(args.db)
    total = count_articles(args.sources)
    workers = args.workers
    if workers is None and args.engine == "local" and total is not None and total < 16:
        workers = 1  # a handful of articles: starting worker processes would take longer than the work
    progress = None
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a convenience: without tqdm, the summary line only
        tqdm = None
    if not args.quiet and tqdm is not None:
        progress = tqdm(total=total, unit="article", file=sys.stderr, smoothing=0.1,
                        dynamic_ncols=True, mininterval=0.5)

    def report(message: str) -> None:
        line = f"marsad ingest: {message}"
        if progress is not None:
            progress.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    try:
        with get_engine(args.engine, workers=workers, scheduler=args.scheduler) as engine:
            result = ingest(args.sources, store, engine, progress=progress, on_error=report, encoding=args.encoding)
    finally:
        if progress is not None:
            progress.close()
        store.close()
    if not args.quiet:
        print(f"marsad ingest: {result.added} articles added ({result.events} events, {result.claims} claims), "
              f"{result.copies} syndicated copies, {result.skipped} already stored, {result.conflicts} id conflicts, "
              f"{result.failed} failed", file=sys.stderr)
    return 1 if result.failed else 0
