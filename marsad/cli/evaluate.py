"""marsad evaluate: precision, recall and F1 of the event layer."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "Score event extraction on the dev sets in ../shared and on gold files (precision, recall, F1)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", nargs="*", default=[], metavar="FILE.json",
                   help="gold files in the format of examples/ghwayran/expected.json (article*.txt beside each, "
                        "or a 'source' row of a corpus under --shared), or folders of them, e.g. benchmarks/articles")
    p.add_argument("--dev-sets", action="store_true",
                   help="score the Arabic event GSR (ASSAULT, PROTEST) and CASE 2021 task 2 under --shared")
    p.add_argument("--notes", nargs="*", default=[], metavar="FILE.yaml",
                   help="ACLED-style notes filed by sub-event key, e.g. benchmarks/acled_style_notes.yaml")
    p.add_argument("--shared", type=Path, default=None, metavar="PATH",
                   help="the folder holding corpora/ (default: ../shared beside the repository, or $MARSAD_SHARED)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    import json
    import os

    from ..evaluate import evaluate, format_table

    shared = args.shared or Path(os.environ.get("MARSAD_SHARED") or Path(__file__).resolve().parents[3] / "shared")
    gold = list(args.gold)
    if not gold and not args.dev_sets and not args.notes:
        default = Path(__file__).resolve().parents[2] / "examples" / "ghwayran" / "expected.json"
        gold = [default] if default.exists() else []
        args.dev_sets = True
    scores = evaluate(gold, dev_sets=args.dev_sets, shared=shared, notes=args.notes)
    if args.json:
        print(json.dumps([s.to_dict() for s in scores], ensure_ascii=False, indent=1))
    else:
        print(format_table(scores))
        if args.dev_sets:
            print("  - the shipped classifier is trained on these dev splits (resubstitution); held-out estimates:"
                  " scripts/train_events.py --cv 5")
    return 0
