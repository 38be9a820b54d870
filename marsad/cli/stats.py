"""marsad stats: what the store holds, as terminal tables."""

from __future__ import annotations

import argparse

HELP = "Show what the store holds: counts, and events by type, country, month and outlet."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, metavar="URL", help="the store (default sqlite:///marsad.db)")
    p.add_argument("--top", type=int, default=15, metavar="N", help="rows per table (default 15)")
    p.add_argument("--json", action="store_true", help="print the counts as JSON instead of tables")


def run(args: argparse.Namespace) -> int:
    import json

    from ..store import open_store
    from .tables import print_table

    with open_store(args.db) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))
        return 0
    counts = [[k, v] for k, v in stats.items() if isinstance(v, int)]
    print_table("marsad store", ["what", "count"], counts)
    for key, title, col in (("by_type", "Events by type", "event_type"), ("by_country", "Events by country", "country"),
                            ("by_month", "Events by month", "month"), ("by_source", "Articles by outlet", "source")):
        rows = stats.get(key) or []
        if rows:
            print_table(title, [col, "count"], rows[: args.top])
    return 0
