"""Stage 'discrepancies': sources that disagree about the same quantity.

Two figures disagree when they count the same thing (the same unit, or linked
units: people freed / escaped from a prison against those recaptured), come from
different sources, and cannot both hold:

- their ranges do not overlap (``[low, high]``, an open ``high`` is infinite), or
- one is a claimed total (stance ``claimed``, "زعمت"/"claimed") and the other a
  counted figure that falls well short of it (low under half of the claim).

"About the same event": both claims' figures sit in one article; when the
assembly stage has linked claims to events (``claim.event_ids``) figures tied to
different events are not compared.
"""

from __future__ import annotations

import re

from ..doc import Document
from ..records import Claim, Discrepancy, Quantity
from ..text import fold
from .lexicon import romanise

_UNCLEAR = re.compile(r"غير واضح|غير معروف|لا يزال مجهولا|unclear|not clear|unknown")

#: units that count the same people from different sides
LINKED = ({"freed", "escaped", "arrested"},)
#: units whose figures are totals (a smaller group of attackers or fighters is not a contradiction)
TOTALS = {"killed", "injured", "arrested", "detained", "abducted", "freed", "escaped", "displaced"}
_NAMES = {"freed": "freed", "escaped": "escaped", "arrested": "arrested or recaptured", "killed": "killed",
          "injured": "injured", "detained": "detained", "abducted": "abducted", "displaced": "displaced",
          "attackers": "attackers", "fighters": "fighters", "civilians": "civilians", "protesters": "protesters"}


def _group(unit: str) -> frozenset[str]:
    for g in LINKED:
        if unit in g:
            return frozenset(g)
    return frozenset({unit})


def _range(q: Quantity) -> tuple[float, float]:
    lo = q.low if q.low is not None else 0
    hi = q.high if q.high is not None else (float("inf") if q.qualifier in ("more_than", "at_least", "vague") else lo)
    if q.qualifier == "about" and q.low is not None:
        lo, hi = q.low * 0.9, q.low * 1.1
    return lo, hi


def _source_key(c: Claim) -> tuple:
    s = c.source
    return (s.type, s.affiliation or s.name)


def _english(text: str | None) -> str | None:
    if not text:
        return None
    return text if text.isascii() else romanise(text)


def _describe(c: Claim, q: Quantity) -> str:
    s = c.source
    name, aff = _english(s.name), _english(s.affiliation)
    who = name or aff or {"unattributed": "the article", "anonymous": "an anonymous source",
                          "media": "a media outlet", "organization": "an organisation"}.get(s.type, "a source")
    if aff and name and name != aff:
        who = f"{name} ({aff})"
    elif s.role and not name:
        who = f"a {s.role}" + (f" of {aff}" if aff else "")
    amount = {"more_than": f"more than {q.low - 1 if q.low else q.low}", "at_least": f"at least {q.low}",
              "about": f"about {q.low}", "between": f"{q.low}-{q.high}", "less_than": f"fewer than {(q.high or 0) + 1}",
              "at_most": f"up to {q.high}", "vague": f"{q.low}+" if q.low else "an unknown number"}.get(q.qualifier, str(q.low))
    verb = {"claimed": "claims", "denied": "denies", "believed": "is believed to count"}.get(c.stance, "reports")
    return f"{who} {verb} {amount} {_NAMES.get(q.unit, q.unit)}"


def _conflict(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    if qa.low is None and qb.low is None:
        return False
    la, ha = _range(qa)
    lb, hb = _range(qb)
    if qa.unit == qb.unit and qa.unit in TOTALS and (ha < lb or hb < la):
        return True
    if "claimed" in (a.stance, b.stance) and a.stance != b.stance:
        claimed, counted = (qa, qb) if a.stance == "claimed" else (qb, qa)
        if claimed.low and counted.low is not None and counted.low * 2 <= claimed.low:
            return True
    return False


class DiscrepancyStage:
    """Fills ``doc.discrepancies``."""

    name = "discrepancies"

    def __call__(self, doc: Document) -> Document:
        out: list[Discrepancy] = []
        seen: set[tuple] = set()
        items = []
        for c in doc.claims:
            if c.source.type == "unattributed" or c.stance == "denied":
                continue
            totals: dict[str, Quantity] = {}
            for q in c.quantities:  # a claim's total per unit ("12 killed, including 3 children": 12)
                if q.unit != "other" and (q.unit not in totals or (q.low or 0) > (totals[q.unit].low or 0)):
                    totals[q.unit] = q
            items.extend((c, q) for q in totals.values())
        for i, (a, qa) in enumerate(items):
            for b, qb in items[i + 1:]:
                if a is b or _source_key(a) == _source_key(b):
                    continue
                if qb.unit not in _group(qa.unit):
                    continue
                if a.event_ids and b.event_ids and not set(a.event_ids) & set(b.event_ids):
                    continue
                va, vb = getattr(qa, "_victim", None), getattr(qb, "_victim", None)
                if va and vb and va != vb:
                    continue  # 12 civilians killed vs 20 militants killed: different people
                if not _conflict(a, qa, b, qb):
                    continue
                key = (a.id, b.id, qa.unit, qb.unit)
                if key in seen:
                    continue
                seen.add(key)
                units = sorted(_group(qa.unit) if qa.unit != qb.unit else {qa.unit},
                               key=lambda u: ("freed", "arrested", "escaped").index(u) if u in ("freed", "arrested", "escaped") else 9)
                summary = f"{_describe(a, qa)}; {_describe(b, qb)}"
                if qa.unit != qb.unit:
                    summary += "; the figures count the same escape from different sides and cannot be reconciled"
                    if any(_UNCLEAR.search(fold(c.text)) for c in (a, b)):
                        summary += "; the total who escaped is still unclear"
                else:
                    summary += "; the figures cannot both hold"
                out.append(Discrepancy(unit=units[0], claim_ids=[a.id, b.id], summary=summary[:1].upper() + summary[1:] + ".",
                                       units=units))
        doc.discrepancies = out
        return doc
