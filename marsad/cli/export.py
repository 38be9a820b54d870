"""marsad export: stored events out, as ACLED CSV, JSONL, GeoJSON, Parquet or PLOVER JSON."""

from __future__ import annotations

import argparse
import sys

HELP = "Export the stored (merged) events: acled-csv, jsonl, geojson, parquet or plover-json, with filters."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, metavar="URL", help="the store (default sqlite:///marsad.db)")
    p.add_argument("--format", choices=("acled-csv", "jsonl", "geojson", "parquet", "plover-json"), default="acled-csv",
                   help="output format (default acled-csv)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (needed for parquet)")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="events on or after this day")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="events on or before this day")
    p.add_argument("--country", help="events in this country (English name, e.g. Syria)")
    p.add_argument("--admin1", help="events in this first-level region")
    p.add_argument("--event-type", help="ACLED event type, e.g. 'Explosions/Remote violence'")
    p.add_argument("--actor", help="events with this actor (actor1, actor2 or associated; part of a name is enough)")


def run(args: argparse.Namespace) -> int:
    import datetime as dt

    from ..errors import InputError
    from ..store import open_store
    from ..store.export import export

    for name in ("date_from", "date_to"):
        value = getattr(args, name)
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise InputError(f"--{name[5:]} {value!r} is not a date: use YYYY-MM-DD") from None
    if args.format == "parquet" and not args.output and sys.stdout.isatty():
        raise InputError("parquet is binary: pass -o FILE.parquet")
    filters = {"date_from": args.date_from, "date_to": args.date_to, "country": args.country, "admin1": args.admin1,
               "event_type": args.event_type, "actor": args.actor}
    store = open_store(args.db)
    try:
        if args.format == "parquet":
            out = open(args.output, "wb") if args.output else sys.stdout.buffer
        else:
            out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
        try:
            n = export(store, args.format, out, **filters)
        finally:
            if args.output:
                out.close()
    finally:
        store.close()
    if args.output:
        print(f"marsad export: {n} events to {args.output}", file=sys.stderr)
    return 0
