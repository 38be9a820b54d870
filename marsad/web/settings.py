"""The web service's settings, declared once: name, default, help.

``marsad serve`` turns each into a command-line option, the app reads them from a
:class:`Settings`, and the tests check that every one is documented.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

#: (name, default, help). The one list the CLI, the app and the docs read.
SETTINGS: tuple[tuple[str, object, str], ...] = (
    ("db", "sqlite:///marsad.db", "store URL (sqlite:///path.db or postgresql://...)"),
    ("host", "127.0.0.1", "address to listen on"),
    ("port", 8765, "port to listen on"),
    ("max_body_bytes", 2_000_000, "largest request body accepted, in bytes (larger: 413)"),
    ("max_limit", 1000, "largest page size a list endpoint returns"),
    ("cors_origins", "", "comma-separated origins allowed by CORS (empty: CORS off)"),
    ("read_token", False, "require the bearer token for reading too (default: reading is open)"),
    ("token_file", "", "file of token hashes (default: beside the SQLite file, or ~/.config/marsad/tokens.json)"),
    ("cache_size", 512, "how many API list responses to keep in memory (0: no cache); emptied on every ingest"),
)


@dataclass
class Settings:
    db: str = "sqlite:///marsad.db"
    host: str = "127.0.0.1"
    port: int = 8765
    max_body_bytes: int = 2_000_000
    max_limit: int = 1000
    cors_origins: str = ""
    read_token: bool = False
    token_file: str = ""
    cache_size: int = 512
    extra: dict = field(default_factory=dict)

    def origins(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]


def _check() -> None:  # the dataclass and SETTINGS must agree (tested)
    names = [f.name for f in fields(Settings) if f.name != "extra"]
    assert names == [s[0] for s in SETTINGS], names
