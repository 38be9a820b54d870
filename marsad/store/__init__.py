"""The event store: SQLite by default, PostgreSQL through the same interface (see base.py)."""

from .base import DEFAULT_URL, AddResult, Store, StoredArticle, open_store

__all__ = ["DEFAULT_URL", "AddResult", "Store", "StoredArticle", "open_store"]
