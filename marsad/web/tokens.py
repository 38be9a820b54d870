"""Bearer tokens for writing (``POST /ingest``) and, optionally, reading.

``marsad token`` makes a random token, prints it once and stores only its SHA-256
hash in a JSON file: beside the SQLite file (``marsad.db`` -> ``marsad.db.tokens.json``)
or, for other stores, in ``~/.config/marsad/tokens.json``. The server reads the
file on every check, so a new token works without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from ..errors import ConfigError


def token_path(db_url: str, token_file: str = "") -> Path:
    if token_file:
        return Path(token_file)
    path = sqlite_path(db_url)
    if path is not None and path != ":memory:":
        return Path(path + ".tokens.json")
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "marsad" / "tokens.json"


def sqlite_path(db_url: str) -> str | None:
    """The file of a ``sqlite:///`` URL (or of a bare path ending .db/.sqlite), else None."""
    if db_url.startswith("sqlite:///"):
        return db_url[len("sqlite:///"):] or None
    if db_url.startswith("sqlite://"):
        return db_url[len("sqlite://"):] or None
    if "://" not in db_url and db_url.endswith((".db", ".sqlite", ".sqlite3")):
        return db_url
    return None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def load_hashes(path: Path) -> list[dict]:
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"token file {path} is unreadable ({exc}): delete it and run `marsad token` again") from exc
    return [t for t in data.get("tokens", []) if isinstance(t, dict) and "sha256" in t]


def new_token(path: Path, name: str = "default") -> str:
    """Make a token, append its hash to ``path`` (mode 0600) and return the token."""
    token = "msd_" + secrets.token_urlsafe(32)
    entries = load_hashes(path)
    entries.append({"name": name, "sha256": _hash(token), "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"tokens": entries}, fh, indent=1)
    os.replace(tmp, path)
    return token


def check(path: Path, token: str | None) -> bool:
    """True when ``token`` matches a stored hash (compared in constant time)."""
    if not token:
        return False
    digest = _hash(token)
    return any(hmac.compare_digest(digest, t["sha256"]) for t in load_hashes(path))
