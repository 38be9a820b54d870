"""The ``marsad/1`` records: the output contract of ``spec/RECORD.md`` as types.

Every record is a dataclass; ``to_dict`` gives exactly the JSON the contract
describes, and ``marsad/schema/marsad-1.schema.json`` is tested against these
fields (``tests/test_schema.py``). Fields may be added, never renamed or dropped.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "marsad/1"

UNITS = (
    "killed", "injured", "detained", "arrested", "abducted", "freed", "escaped",
    "attackers", "fighters", "civilians", "displaced", "protesters", "other",
)
QUALIFIERS = ("exact", "more_than", "at_least", "less_than", "at_most", "about", "between", "vague")
SOURCE_TYPES = ("person", "organization", "media", "anonymous", "unattributed")
STANCES = ("asserted", "claimed", "believed", "denied")
INTER_TYPES = (
    "State forces", "Rebel group", "Political militia", "Identity militia",
    "Rioters", "Protesters", "Civilians", "External/Other forces",
)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.to_dict() if hasattr(value, "to_dict") else dataclasses.asdict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: ``to_dict`` over the public dataclass fields, recursively."""

    def to_dict(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self) if not f.name.startswith("_")}


@dataclass
class Quantity(Record):
    low: int | None
    high: int | None
    qualifier: str
    unit: str
    text: str
    start: int
    end: int


@dataclass
class Source(Record):
    type: str = "unattributed"
    name: str | None = None
    affiliation: str | None = None
    role: str | None = None
    name_ar: str | None = None


@dataclass
class Evidence(Record):
    start: int
    end: int
    text: str


@dataclass
class Claim(Record):
    id: str
    source: Source
    cue: str | None
    stance: str
    said_on: str | None
    text: str
    start: int
    end: int
    quantities: list[Quantity] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)


@dataclass
class Plover(Record):
    event: str
    mode: str | None = None


@dataclass
class Event(Record):
    id: str
    event_date: str | None
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    plover: Plover
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    assoc_actor_2: list[str] = field(default_factory=list)
    inter1: str | None = None
    inter2: str | None = None
    interaction: str | None = None
    civilian_targeting: bool = False
    country: str | None = None
    iso: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    location_ar: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    geonameid: int | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    claim_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    notes: str = ""
    confidence: float = 0.5


@dataclass
class Discrepancy(Record):
    unit: str
    claim_ids: list[str]
    summary: str
    units: list[str] = field(default_factory=list)


@dataclass
class Dateline(Record):
    place: str | None = None
    date: str | None = None
    start: int | None = None
    end: int | None = None

    def holds(self, offset: int) -> bool:
        """Whether ``offset`` (into the original text) falls inside the dateline."""
        return self.start is not None and self.end is not None and self.start <= offset < self.end

    def cut(self, start: int, end: int) -> int:
        """Where the span ``[start, end)`` goes on past the dateline, when the dateline starts in it
        ("دبي، الإمارات العربية المتحدة (CNN)— أعلنت ..."); else ``start``."""
        if self.start is None or self.end is None or not start <= self.start < end:
            return start
        return min(max(start, self.end), end)


@dataclass
class Article(Record):
    id: str
    lang: str
    title: str | None = None
    published: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    source: str | None = None
    url: str | None = None


@dataclass
class DocumentRecord(Record):
    article: Article
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict:
        out = {"schema": self.schema}
        out.update({k: v for k, v in super().to_dict().items() if k != "schema"})
        return out
