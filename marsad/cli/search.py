"""marsad search: full-text search over the stored articles."""

from __future__ import annotations

import argparse

HELP = "Search the stored articles (full text, Arabic or English) and show the best matches."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="+", help="words to look for (all of them must appear)")
    p.add_argument("--db", default=None, metavar="URL", help="the store (default sqlite:///marsad.db)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="how many matches (default 20)")
    p.add_argument("--json", action="store_true", help="print the matches as JSON lines instead of a table")


def run(args: argparse.Namespace) -> int:
    import json

    from ..store import open_store
    from .tables import print_table

    with open_store(args.db) as store:
        hits = store.search(" ".join(args.query), limit=args.limit)
    if args.json:
        for hit in hits:
            print(json.dumps(hit, ensure_ascii=False))
        return 0 if hits else 1
    print_table(f"{len(hits)} matches", ["article", "published", "source", "title", "snippet"],
                [[h["id"], h.get("published"), h.get("source"), h.get("title"), h.get("snippet")] for h in hits])
    return 0 if hits else 1
