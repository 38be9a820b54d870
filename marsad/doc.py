"""The working document every pipeline stage reads and fills.

A :class:`Document` holds the original text exactly as the caller gave it
(decoded), its normalised form with an offset map (:mod:`marsad.text`), and the
mentions each stage adds. Every mention carries ``start``/``end`` offsets into
the ORIGINAL text. ``Document.to_record()`` gives the ``marsad/1`` record.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .records import Article, Claim, Dateline, Discrepancy, DocumentRecord, Event, Quantity
from .text import Normalized, detect_lang, normalize


def identify(text: str, *, id: str | None = None, lang: str | None = "auto",
             title: str | None = None) -> tuple[str, str]:
    """An article's id (the caller's, else a hash of the text) and language
    (the caller's, else detected), without building a Document."""
    if lang in (None, "", "auto"):
        lang = detect_lang((title or "") + "\n" + text)
    if not id:
        id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return str(id), lang


def parse_iso_date(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) to a date; None when absent or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class DateMention:
    """A date expression. ``date`` is the resolved day (the first day of the
    week or month when ``precision`` is 2 or 3); ``kind`` says how it was read
    (``absolute``, ``weekday``, ``relative``, ``hijri``, ``year``, ...)."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int = 1
    kind: str = "absolute"
    end_date: dt.date | None = None  # for ranges ("between Thursday and Sunday")


@dataclass
class Place:
    """A gazetteer entry (English names, ACLED admin hierarchy)."""

    name: str
    country: str | None
    iso: int | None
    admin1: str | None = None
    admin2: str | None = None
    name_ar: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    level: str = "locality"  # country | admin1 | admin2 | locality | district | facility | region
    population: int = 0
    parent: str | None = None


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    geo_precision: int = 1
    score: float = 1.0
    cue: str | None = None  # "مدينة", "ريف", "near", ...


@dataclass
class Actor:
    """A canonical actor in ACLED's naming."""

    name: str
    inter: str | None
    country: str | None = None
    ucdp_id: int | None = None
    generic: bool = False


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor
    score: float = 1.0
    kind: str = "name"  # name | description | backref | generic


@dataclass
class EventMention:
    """A passage that reports an event, classified in ACLED's taxonomy."""

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    plover_event: str
    plover_mode: str | None
    score: float
    sentence: int
    trigger: Span | None = None


@dataclass
class Document:
    text: str
    article: Article
    norm: Normalized = field(repr=False, default=None)  # type: ignore[assignment]
    sentences: list[Span] = field(default_factory=list)
    reference_date: dt.date | None = None
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    country_context: list[str] = field(default_factory=list)  # countries in order of weight
    scratch: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.norm is None:
            self.norm = normalize(self.text)

    @classmethod
    def make(
        cls,
        text: str,
        *,
        id: str | None = None,
        lang: str = "auto",
        title: str | None = None,
        published: str | None = None,
        source: str | None = None,
        url: str | None = None,
        default_date: str | None = None,
    ) -> "Document":
        """``published`` comes from the article's metadata; ``default_date`` (the
        CLI's ``--date``) is used only when neither metadata nor dateline give one."""
        id, lang = identify(text, id=id, lang=lang, title=title)
        article = Article(id=str(id), lang=lang, title=title, published=published, source=source, url=url,
                          dateline=Dateline())
        doc = cls(text=text, article=article)
        doc.reference_date = parse_iso_date(published)
        doc.scratch["default_date"] = parse_iso_date(default_date)
        return doc

    @property
    def lang(self) -> str:
        return self.article.lang

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def norm_span(self, nstart: int, nend: int) -> Span:
        """A Span in the original text for a [nstart, nend) span of ``norm.text``."""
        s, e = self.norm.span(nstart, nend)
        return Span(s, e, self.text[s:e])

    def orig_to_norm(self, offset: int) -> int:
        """The first normalised index at or after an original offset."""
        return bisect.bisect_left(self.norm.to_orig, offset)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that holds an original offset (-1 if none)."""
        if not self.sentences:
            return -1
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return max(i, 0)

    def in_sentence(self, items: list, index: int) -> list:
        """The mentions (anything with ``start``) that fall in sentence ``index``."""
        s = self.sentences[index]
        return [m for m in items if s.start <= m.start < s.end]

    def to_record(self) -> DocumentRecord:
        return DocumentRecord(article=self.article, events=self.events, claims=self.claims,
                              discrepancies=self.discrepancies)
