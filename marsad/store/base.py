"""The store interface: one API for SQLite and PostgreSQL.

``open_store(url)`` gives a :class:`Store`. Everything that reads or writes
stored records goes through it: ``marsad ingest/export/stats/search``, the web
service and the tests. Records come out as ``marsad/1`` dicts (RECORD.md), with
extra fields added, never renamed.

Filters accepted by ``events``/``count_events`` (all optional):
``date_from``, ``date_to`` (``YYYY-MM-DD``), ``country``, ``admin1``,
``event_type``, ``sub_event_type``, ``actor`` (actor1 or actor2 or associated),
``q`` (full text over the events' articles), ``article_id``.

Store-level ids: a merged event's ``id`` is the store's (``ev-`` + 16 hex); its
``claim_ids`` are qualified ``article_id:claim_id``; every event dict also has
``article_id`` (the first report's article), ``article_ids``, ``source`` (a list
of outlets, syndicated copies included), ``n_reports`` and ``evidence`` items
tagged with ``article_id``. Claim dicts add ``article_id``, ``key``
(``article_id:id``) and store ``event_ids``. See :mod:`marsad.store.merge` for
how reports merge and :mod:`marsad.store.dedup` for syndicated copies.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..records import DocumentRecord


@dataclass
class StoredArticle:
    """An article as ingested: its text and metadata, and its extracted record."""

    id: str
    text: str
    lang: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class AddResult:
    added: int = 0  # new articles stored
    skipped: int = 0  # already stored (same content hash)
    events: int = 0
    claims: int = 0
    copies: int = 0  # syndicated copies of a stored article (recorded as one more outlet of it)
    conflicts: int = 0  # an id already stored with another text (the stored one is kept)
    failed: int = 0  # inputs that could not be read or extracted (reported, then passed over)

    def count(self, status: str, events: int = 0, claims: int = 0) -> None:
        """Count one article's outcome (``added``, ``skipped``, ``copy`` or ``conflict``)."""
        if status == "added":
            self.added += 1
            self.events += events
            self.claims += claims
        elif status == "skipped":
            self.skipped += 1
        elif status == "copy":
            self.copies += 1
        elif status == "conflict":
            self.conflicts += 1
        elif status == "failed":
            self.failed += 1


class Store(Protocol):
    url: str

    def add(self, items: Iterable[tuple[StoredArticle, DocumentRecord]]) -> AddResult:
        """Store articles with their records; each article commits atomically; idempotent."""

    def add_one(self, article: StoredArticle, record: DocumentRecord | dict | None, fp: Any = None) -> tuple[str, int, int]:
        """One article in one transaction: (status, events, claims); status is ``added``,
        ``skipped``, ``copy`` or ``conflict`` (see AddResult). ``fp`` a dedup.Fingerprint, computed if absent."""

    def has_article(self, content_hash: str) -> bool: ...

    def stored_hash(self, article_id: str) -> str | None:
        """The content hash stored under an article (or copy) id, else None."""

    def schema_version(self) -> int: ...

    def events(self, *, limit: int = 100, offset: int = 0, order: str = "-event_date", **filters: Any) -> list[dict]:
        """marsad/1 event dicts plus ``article_ids`` and ``source`` (outlets)."""

    def events_json(self, *, limit: int = 100, offset: int = 0, order: str = "-event_date", **filters: Any) -> list[str]:
        """The same page as :meth:`events`, each event as its stored JSON text (unparsed)."""

    def count_events(self, **filters: Any) -> int: ...

    def event(self, event_id: str) -> dict | None:
        """One event with ``claims``, ``evidence`` and ``articles`` (id, title, text, lang, source, url)."""

    def articles(self, *, limit: int = 100, offset: int = 0, q: str | None = None) -> list[dict]: ...

    def article(self, article_id: str) -> dict | None:
        """The article with its text and its marsad/1 document (events, claims, discrepancies)."""

    def claims(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[dict]: ...

    def discrepancies(self, *, limit: int = 100, offset: int = 0) -> list[dict]: ...

    def stats(self) -> dict:
        """Counts: articles, events, claims; events by type, by country, by month."""

    def search(self, q: str, *, limit: int = 20) -> list[dict]:
        """Full-text search over articles: id, title, snippet, rank."""

    def iter_events(self, **filters: Any) -> Iterator[dict]: ...

    def close(self) -> None: ...


def open_store(url: str | None = None) -> "Store":
    """The store at ``url``: ``sqlite:///PATH`` (the default ``sqlite:///marsad.db``; a bare path
    is a SQLite file too) or ``postgresql://USER@HOST:PORT/DB``. Creates or migrates the schema."""
    from ..errors import StoreError

    url = url or DEFAULT_URL
    if url.startswith(("postgresql://", "postgres://")):
        from .sql import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///") or "://" not in url:
        from .sql import SQLiteStore

        return SQLiteStore(url if url.startswith("sqlite:///") else "sqlite:///" + url)
    raise StoreError(f"unknown store URL {url!r}: use sqlite:///PATH or postgresql://USER@HOST/DB")


DEFAULT_URL = "sqlite:///marsad.db"
