"""The extraction pipeline: an ordered list of small named stages.

Every stage is a callable ``stage(doc) -> doc`` with a ``name``; it reads what the
stages before it filled and fills its own part of :class:`marsad.doc.Document`.
Stages load their data once, when the pipeline is built; build one
:class:`Pipeline` and reuse it for every article.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Any, Callable

from .doc import Document, identify
from .records import DocumentRecord

#: The default stages, in order: (name, "module:Class"). Each says what it fills.
STAGES: tuple[tuple[str, str], ...] = (
    ("sentences", "marsad.sentences:SentenceStage"),          # doc.sentences
    ("dateline", "marsad.claims.dateline:DatelineStage"),     # article.dateline, published, reference_date
    ("dates", "marsad.claims.dates:DateStage"),               # doc.dates
    ("quantities", "marsad.claims.quantities:QuantityStage"), # doc.quantities
    ("places", "marsad.geo.stage:PlaceStage"),                # doc.places, doc.country_context
    ("actors", "marsad.actors.stage:ActorStage"),             # doc.actors
    ("attribution", "marsad.claims.attribution:AttributionStage"),  # doc.claims
    ("events", "marsad.events.detect:EventStage"),            # doc.event_mentions
    ("assembly", "marsad.events.assemble:AssemblyStage"),     # doc.events, claim.event_ids
    ("discrepancies", "marsad.claims.discrepancies:DiscrepancyStage"),  # doc.discrepancies
)

#: Texts longer than this are processed in pieces cut at paragraph breaks.
PIECE_CHARS = 100_000


def load_stage(path: str) -> Callable[[Document], Document]:
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)()


class Pipeline:
    def __init__(self, stages: Iterable[tuple[str, str]] = STAGES, *, skip: Iterable[str] = ()):
        skip = set(skip)
        self.stages = [(name, load_stage(path)) for name, path in stages if name not in skip]

    def __call__(self, doc: Document) -> Document:
        for _name, stage in self.stages:
            doc = stage(doc)
        return doc

    def extract(self, text: str, **meta: Any) -> DocumentRecord:
        """One article's text (and optional id, lang, title, published, source, url) to its record."""
        if len(text) <= PIECE_CHARS:
            return self(Document.make(text, **meta)).to_record()
        return self._extract_in_pieces(text, meta)

    def extract_many(self, items: Iterable[dict]) -> Iterator[DocumentRecord]:
        for item in items:
            yield self.extract(item.pop("text"), **item)

    def _extract_in_pieces(self, text: str, meta: dict) -> DocumentRecord:
        # The whole text's id and language, given to every piece (no Document of the whole text:
        # its offset map alone would cost more memory than the pieces together).
        id, lang = identify(text, id=meta.get("id"), lang=meta.get("lang"), title=meta.get("title"))
        part_meta = dict(meta, id=id, lang=lang)
        merged: DocumentRecord | None = None
        for n, (offset, piece) in enumerate(pieces(text)):
            rec = self(Document.make(piece, **part_meta)).to_record()
            _shift(rec, offset, f"p{n}-")
            if merged is None:
                merged = rec
                continue
            merged.events.extend(rec.events)
            merged.claims.extend(rec.claims)
            merged.discrepancies.extend(rec.discrepancies)
        assert merged is not None  # a text longer than PIECE_CHARS has at least one piece
        return merged

def pieces(text: str, size: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Cut a long text into pieces of about ``size`` characters at paragraph or line breaks."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind("\n", start + size // 2, end), text.rfind(". ", start + size // 2, end))
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def _shift(rec: DocumentRecord, offset: int, prefix: str) -> None:
    for claim in rec.claims:
        claim.id = prefix + claim.id
        claim.event_ids = [prefix + e for e in claim.event_ids]
        claim.start += offset
        claim.end += offset
        for q in claim.quantities:
            q.start += offset
            q.end += offset
    for ev in rec.events:
        ev.id = prefix + ev.id
        ev.claim_ids = [prefix + c for c in ev.claim_ids]
        for e in ev.evidence:
            e.start += offset
            e.end += offset
    for d in rec.discrepancies:
        d.claim_ids = [prefix + c for c in d.claim_ids]


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide default pipeline, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract(text: str, **meta: Any) -> DocumentRecord:
    return default_pipeline().extract(text, **meta)
