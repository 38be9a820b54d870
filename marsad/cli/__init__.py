"""The ``marsad`` command: a thin skin over the library.

Each sub-command lives in its own module of this package with ``HELP`` (one
line), ``add_arguments(parser)`` and ``run(args) -> int``. Modules import their
heavy parts inside ``run`` so that ``marsad --help`` starts fast. Any
:class:`marsad.errors.MarsadError` becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import MarsadError

#: sub-command name -> module (in this package)
COMMANDS = {
    "extract": "extract",
    "evaluate": "evaluate",
    "ingest": "ingest",
    "export": "export",
    "stats": "stats",
    "search": "search",
    "serve": "serve",
    "token": "token",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marsad", description="Arabic and English news to marsad/1 conflict-event records.")
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        try:
            mod = importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise
            continue  # not built yet
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except MarsadError as exc:
        print(f"marsad {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"marsad {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
