"""marsad token: make a bearer token for POST /api/ingest (and reading, with serve --read-token)."""

from __future__ import annotations

import argparse

HELP = "Make a bearer token for the web service's POST /api/ingest; prints it once, stores only its hash."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="sqlite:///marsad.db", help="the store the token is for (default: %(default)s)")
    p.add_argument("--token-file", default="", help="where to keep the hashes (default: beside the SQLite file)")
    p.add_argument("--name", default="default", help="a label for the token (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    import sys

    from ..web.tokens import new_token, token_path

    path = token_path(args.db, args.token_file)
    token = new_token(path, args.name)
    print(token)
    print(f"marsad token: hash stored in {path}; send 'Authorization: Bearer <token>' to POST /api/ingest",
          file=sys.stderr)
    return 0
