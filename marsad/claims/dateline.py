"""Stage 'dateline': where and when the report was filed.

Reads the dateline at the start of the body ("بوابة أوكرانيا -كييف- 24 يناير 2022-",
"BEIRUT (AP) —", "الرياض: «الشرق الأوسط أونلاين»", "DAMASCUS, Syria (Reuters) -",
"عدن - "), fills ``doc.article.dateline`` (place as written, date, span), and sets
``doc.article.published`` / ``doc.reference_date`` by priority: metadata, then
the dateline's date, then ``doc.scratch["default_date"]`` (the CLI's ``--date``).
The dateline's place is where the report was filed, never an event place: the
places stage skips ``dateline.start..end``.
"""

from __future__ import annotations

import datetime as dt
import re

from ..doc import Document
from ..records import Dateline
from .dates import find_dates

_AR = r"\u0621-\u064A"
_DASH = r"[-–—]"
# "بوابة أوكرانيا -كييف- 24 يناير 2022-" : outlet -place- date-
_OUTLET_PLACE_DATE = re.compile(rf"^(?P<outlet>[^\n\-–—:]{{2,40}}?)\s*{_DASH}\s*(?P<place>[{_AR} ]{{2,30}}?)\s*{_DASH}\s*(?P<date>[^\n\-–—]{{4,40}}?)\s*{_DASH}")
# "الرياض: «الشرق الأوسط»", "بيروت - «...»", "دمشق - سانا", "عدن - "
_AR_PLACE = re.compile(rf"^\(?(?P<place>[{_AR}]{{2,15}}(?: [{_AR}]{{2,15}})?)\)?\s*(?:[،,]\s*(?P<date>[^\n:()\-–—]{{4,30}}?)\s*)?(?:\((?P<agency>[^)\n]{{1,40}})\)\s*)?(?P<sep>:|{_DASH}|/)\s*")
# "BEIRUT (AP) —", "DAMASCUS, Syria (Reuters) -", "KYIV, Ukraine —", "BEIRUT, Jan 24 (Reuters) -"
_EN_PLACE = re.compile(r"^(?P<place>[A-Z][A-Z.'\- ]{1,30}?)(?:,\s*(?P<region>[A-Z][A-Za-z.' ]{1,30}?))?(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.? \d{1,2}(?:, \d{4})?))?\s*(?:\((?P<agency>[^)\n]{1,40})\)\s*)?(?P<sep>[-–—:]+)\s*")
# "عمر عريبي- سبق- جازان: أصيب ...": author - outlet - place: (Saudi papers' byline)
_BYLINE_PLACE = re.compile(rf"^(?P<author>[{_AR} ]{{2,30}}?)\s*{_DASH}\s*(?P<outlet>[{_AR} ]{{2,20}}?)\s*{_DASH}\s*(?P<place>[{_AR}]{{2,15}}(?: [{_AR}]{{2,15}})?)\s*:\s*")
_AR_NOT_PLACE = {"قال", "قالت", "وقال", "وقالت", "اكد", "أكد", "أعلن", "اعلن", "في", "من", "على", "إلى", "الى", "عاجل", "تحديث", "المصدر", "ملاحظة", "اقرأ", "أيضا", "شاهد", "صورة", "فيديو"}


_AGENCY_ONLY = re.compile(r"^\((?P<agency>[A-Za-z\u0621-\u064A .]{2,25})\)\s*[-–—]+\s*")


def _ar_place_ok(place: str) -> bool:
    from ..text import fold
    from .lexicon import lexicon

    words = place.split()
    if not words or words[0] in _AR_NOT_PLACE or any(w in _AR_NOT_PLACE for w in words):
        return False
    lex = lexicon("ar")
    first = fold(words[0])
    if first.startswith("لل") or lex.strip_clitic(first, lex.cues) is not None:
        return False  # "وأضاف:", "للمزيد:", "قال:"
    if len(words) > 1 and fold(words[1]) in lex.months:
        return False  # "يشهد مارس"
    return True


def read_dateline(doc: Document, max_lines: int = 3) -> tuple[Dateline, dt.date | None] | None:
    text = doc.text
    pos, seen = 0, 0
    while pos < len(text) and seen < max_lines:
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end]
        if line.strip():
            seen += 1
            lead = len(line) - len(line.lstrip())
            found = _match_line(doc, line.lstrip(), pos + lead)
            if found:
                return found
            if len(line) > 160 or re.search(r"[.!?؟]\s*$", line.strip()):
                return None  # the body has started: a dateline comes before it
        pos = line_end + 1
    return None


def _match_line(doc: Document, line: str, offset: int):
    head = line[:160]
    m = _OUTLET_PLACE_DATE.match(head)
    if m:
        date = _parse_date(doc, m.group("date"))
        if date is not None:
            return _result(offset, m, m.group("place").strip(), date)
    m = _BYLINE_PLACE.match(head)
    if m and _ar_place_ok(m.group("place")):
        return _result(offset, m, m.group("place").strip(), None)
    m = _AGENCY_ONLY.match(head)
    if m:  # "(CNN)-- قال ...": an agency tag with no place
        return Dateline(place=None, date=None, start=offset, end=offset + m.end()), None
    m = _EN_PLACE.match(head)
    if m and (m.group("agency") or m.group("place").isupper()) and len(m.group("place").strip()) >= 3 and m.group("place").strip().replace(" ", "").replace(".", "").replace("-", "").replace("'", "").isupper():
        date = _parse_date(doc, m.group("date")) if m.group("date") else None
        return _result(offset, m, m.group("place").strip(), date)
    m = _AR_PLACE.match(head)
    if m and _ar_place_ok(m.group("place")):
        rest = head[m.end():]
        sep = m.group("sep")
        # "PLACE: «OUTLET»" / "PLACE - OUTLET" / "PLACE (AGENCY) -": accept when the place is short and
        # the line goes on into a sentence
        if sep == ":" and not (rest.startswith(("«", '"', "“")) or m.group("agency")):
            return None
        if len(rest.strip()) < 10 and "\n" not in line[m.end():m.end() + 1] and len(line) < 30:
            return None
        date = _parse_date(doc, m.group("date")) if m.group("date") else None
        return _result(offset, m, m.group("place").strip(), date)
    return None


def _result(offset: int, m: re.Match, place: str, date: dt.date | None):
    start = offset + m.start()
    end = offset + m.end()
    # extend over a quoted outlet right after a colon ("الرياض: «الشرق الأوسط أونلاين»")
    return Dateline(place=place, date=date.isoformat() if date else None, start=start, end=end), date


def _parse_date(doc: Document, s: str | None) -> dt.date | None:
    if not s:
        return None
    from ..text import fold

    for _s, _e, date, prec, kind, _end in find_dates(fold(s), doc.lang if doc.lang in ("ar", "en") else "en",
                                                   doc.reference_date or doc.scratch.get("default_date")):
        if date is not None and prec == 1 and kind in ("absolute", "hijri"):
            return date
    return None


class DatelineStage:
    """Fills ``doc.article.dateline`` and, when metadata gave none, ``article.published``;
    sets ``doc.reference_date``."""

    name = "dateline"

    def __call__(self, doc: Document) -> Document:
        found = None
        try:
            found = read_dateline(doc)
        except (ValueError, IndexError):
            found = None
        date = None
        if found:
            doc.article.dateline, date = found
            if doc.article.dateline.end is not None:
                # a quoted outlet after the colon belongs to the dateline
                q = re.match(r"\s*[«\"“][^»\"”\n]{1,60}[»\"”]\s*", doc.text[doc.article.dateline.end:])
                if q:
                    doc.article.dateline.end += q.end()
        published = doc.reference_date  # from metadata (Document.make)
        if published is None:
            published = date or doc.scratch.get("default_date")
            if published is not None:
                doc.article.published = published.isoformat()
        doc.reference_date = published
        return doc
