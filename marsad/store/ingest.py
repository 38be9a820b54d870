"""Ingest: sources in, store out. ``ingest(paths, store, engine)`` is what
``marsad ingest`` calls.

The driver reads the sources, skips what the store already holds (by article id,
before any extraction), sends the rest through ``engine.map(extract_article, ...)``
and adds each result to the store in input order, one transaction per article.
A run killed at any moment and started again therefore ends with every article
exactly once, and any engine gives the same store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import InputError
from .base import AddResult, Store, StoredArticle
from .dedup import Fingerprint, content_hash, fingerprint


def extract_article(article: StoredArticle) -> tuple[StoredArticle, dict | None, Fingerprint | None, str | None]:
    """Run where the work is done (any worker): the page's text (HTML sources), the marsad/1
    document of the default pipeline (built once per process) and the text's fingerprint.
    Returns (article, document, fingerprint, error); an error is reported by the driver."""
    from ..pipeline import default_pipeline
    from ..sources import prepare

    try:
        article = prepare(article)
        if not article.text.strip():
            return article, None, None, "no text"
        record = default_pipeline().extract(article.text, id=article.id, lang=article.lang or "auto",
                                            title=article.title, published=article.published,
                                            source=article.source, url=article.url)
    except Exception as exc:  # one bad article must not stop a run of thousands; the driver reports it
        return article, None, None, f"extraction failed: {type(exc).__name__}: {exc}"
    doc = record.to_dict()
    article.lang = doc["article"].get("lang") or article.lang
    return article, doc, fingerprint(article.text), None


def ingest(paths: Iterable[str], store: Store, engine: Any, *, progress: Any = None,
           on_error: Callable[[str], None] | None = None, encoding: str | None = None) -> AddResult:
    """Ingest every article of ``paths`` into ``store`` with ``engine``. ``progress`` (a tqdm-like
    object with ``update(n)`` and ``set_postfix``) and ``on_error`` (one message per failure) are optional."""
    from ..sources import read_sources

    result = AddResult()

    def tick(status: str, events: int = 0, claims: int = 0) -> None:
        result.count(status, events, claims)
        if progress is not None:
            progress.update(1)
            progress.set_postfix(added=result.added, events=result.events, copies=result.copies,
                                 skipped=result.skipped, refresh=False)

    def fail(message: str) -> None:
        if on_error is not None:
            on_error(message)
        tick("failed")

    def todo() -> Iterator[StoredArticle]:
        for item in read_sources(paths, encoding=encoding):
            if isinstance(item, InputError):
                fail(str(item))
                continue
            stored = store.stored_hash(item.id) if item.id else None
            if stored is not None:
                pending_html = "_html" in (item.meta or {})
                tick("skipped" if pending_html or stored == content_hash(item.text) else "conflict")
                continue
            yield item

    for article, doc, fp, error in engine.map(extract_article, todo()):
        if error:
            fail(f"{article.meta.get('path') or article.url or article.id}: {error}")
            continue
        status, n_events, n_claims = store.add_one(article, doc, fp)
        tick(status, n_events, n_claims)
    return result
