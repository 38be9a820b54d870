"""marsad extract: news articles in, marsad/1 documents out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

HELP = "Extract marsad/1 event records from articles (files, or - for standard input)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="text, HTML or JSONL files; - or nothing reads standard input")
    p.add_argument("--format", choices=("json", "jsonl", "acled-csv", "geojson"), default=None,
                   help="output format (default: json for one input, jsonl for several)")
    p.add_argument("--lang", choices=("auto", "ar", "en"), default="auto", help="language of the articles")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="publication date when the text carries none")
    p.add_argument("--input-format", choices=("auto", "text", "html", "jsonl"), default="auto",
                   help="how to read the input (auto: by its content)")
    p.add_argument("--encoding", help="input encoding (default: detect UTF-8/16/32, Windows-1256)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")


def run(args: argparse.Namespace) -> int:
    import datetime as dt

    from ..errors import InputError
    from ..formats import write
    from ..io import decode, items_from_text, read_path
    from ..pipeline import default_pipeline

    if args.date:
        try:
            dt.date.fromisoformat(args.date)
        except ValueError:
            raise InputError(f"--date {args.date!r} is not a date: use YYYY-MM-DD") from None
    paths = args.paths or ["-"]
    # Read every input first: a missing path or junk file stops the run before any output.
    inputs = []
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read()
            where = "<stdin>"
        else:
            data = read_path(path)
            where = path
        inputs.append((where, decode(data, args.encoding, name=where)))

    failures = 0

    def documents() -> Iterator[dict]:
        nonlocal failures
        pipeline = default_pipeline()
        for where, text in inputs:
            for item in items_from_text(text, where, args.input_format):
                if isinstance(item, InputError):
                    failures += 1
                    print(f"marsad extract: {item}", file=sys.stderr)
                    continue
                meta = dict(item.meta)
                if args.lang != "auto" and not meta.get("lang"):
                    meta["lang"] = args.lang
                yield pipeline.extract(item.text, default_date=args.date, **meta).to_dict()

    fmt = args.format
    if fmt is None:
        single = len(inputs) == 1 and args.input_format != "jsonl" and not is_jsonl_input(inputs[0][1], args.input_format)
        fmt = "json" if single else "jsonl"
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        write(documents(), fmt, out)
    finally:
        if args.output:
            out.close()
    return 1 if failures else 0


def is_jsonl_input(text: str, input_format: str) -> bool:
    from ..io import is_jsonl

    return input_format == "auto" and text.lstrip().startswith("{") and is_jsonl(text.lstrip())
