"""The store interface: one API for SQLite and PostgreSQL.

``open_store(url)`` gives a :class:`Store`. Everything that reads or writes
stored records goes through it: ``marsad ingest/export/stats/search``, the web
service and the tests. Records come out as ``marsad/1`` dicts (RECORD.md), with
extra fields added, never renamed.

Filters accepted by ``events``/``count_events`` (all optional):
``date_from``, ``date_to`` (``YYYY-MM-DD``), ``country``, ``admin1``,
``event_type``, ``sub_event_type``, ``actor`` (actor1 or actor2 or associated),
``q`` (full text over the events' articles), ``article_id``.
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


class Store(Protocol):
    url: str

    def add(self, items: Iterable[tuple[StoredArticle, DocumentRecord]]) -> AddResult:
        """Store articles with their records; each article commits atomically; idempotent."""

    def has_article(self, content_hash: str) -> bool: ...

    def events(self, *, limit: int = 100, offset: int = 0, order: str = "-event_date", **filters: Any) -> list[dict]:
        """marsad/1 event dicts plus ``article_ids`` and ``source`` (outlets)."""

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
