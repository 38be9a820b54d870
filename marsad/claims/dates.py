"""Stage 'dates': every date expression, resolved against ``doc.reference_date``.

Reads ``doc.norm.text`` with precompiled regexes built from ``data/{ar,en}.yaml``:
explicit dates in every Arabic month system (يناير / كانون الثاني / جانفي),
numeric dates, Hijri dates (via ``hijridate``), weekdays ("يوم الأحد", "on Sunday":
the latest such day on or before the reference date), relative days (أمس،
الليلة الماضية، "three days ago", "last week") and years ("عام 2019", kind
``year``, precision 3). Fills ``doc.dates`` (``DateMention``, original offsets).

``date_for_span`` gives the day of an event told in a span; a date that says
when a statement was made ("said Friday that ...") is not the event's date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..doc import DateMention, Document
from ..text import fold
from .cues import complementiser_re, find_cues
from .lexicon import AR_PREFIX, lexicon, phrase_alt

_ORDINAL_AFTER = re.compile(r"\s+(?:ال(?:اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|تالي|سابق|وطني|عالمي|دولي|ذي|الذي)|ذاته|نفسه|التالي)\b")
_PAST_AFTER = re.compile(r"\s*(?:الماضي|المنصرم|الفائت|last)\b")
_NEXT_AFTER = re.compile(r"\s*(?:المقبل|القادم|next)\b")


#: a day of the month in words ("في السادس من يوليو", "الحادي والعشرين من"), folded
_ORDINALS = {"اول": 1, "حادي": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "سادس": 6, "سابع": 7, "ثامن": 8,
             "تاسع": 9, "عاشر": 10}
_ORDINAL_DAY = (r"ال(?:" + "|".join(_ORDINALS) + r")(?:\s+عشر|\s+والعشرين|\s+والثلاثين)?|العشرين|الثلاثين")


def _ordinal_day(words: str) -> int:
    """"السادس" 6, "الحادي عشر" 11, "الثاني والعشرين" 22, "الثلاثين" 30."""
    parts = words.split()
    if parts[0] in ("العشرين", "الثلاثين"):
        return 20 if parts[0] == "العشرين" else 30
    n = _ORDINALS[parts[0][2:]]
    if len(parts) == 1:
        return n
    return {"عشر": 10, "والعشرين": 20, "والثلاثين": 30}[parts[1]] + n


class _Patterns:
    def __init__(self, lang: str):
        lex = lexicon(lang)
        self.lex = lex
        months = phrase_alt(lex.months)
        wdays = phrase_alt(lex.weekdays)
        rel = phrase_alt(lex.relative)
        units = phrase_alt(lex.day_units)
        nums = phrase_alt(lex.numbers)
        if lang == "ar":
            pre = rf"(?<![\w]){AR_PREFIX}"
            monthx = rf"(?P<m>{months})(?:\s*[/(\-]\s*(?:{months})\s*\)?)?"
            wd = rf"(?:{pre}(?:يوم|نهار)\s+)?(?:{wdays}|ل(?:{phrase_alt(w[1:] for w in lex.weekdays)}))"
            self.explicit = re.compile(
                rf"(?:{wd}\s*[,،]?\s*)?(?:في\s+)?(?:(?<!\d)(?P<d>[0-3]?\d)(?!\d)\s*(?:من\s+)?|(?<![\w])(?P<o>{_ORDINAL_DAY})\s+من\s+)"
                rf"(?:شهر\s+)?{monthx}"
                rf"(?:\s*(?:من\s+)?(?:عام|سنه|العام)?\s*[,،/]?\s*(?P<y>(?:19|20)\d\d)(?!\d))?(?:\s*م(?![\w]))?")
            self.month_year = re.compile(rf"(?<![\w])(?:{pre}شهر\s+)?{monthx}\s*(?:من\s+)?(?:عام\s+|العام\s+)?[,،]?\s*(?P<y>(?:19|20)\d\d)(?!\d)")
            hmonths = phrase_alt(lex.hijri_months)
            self.hijri = re.compile(
                rf"(?<!\d)(?P<d>[0-3]?\d)(?!\d)\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{hmonths})(?![\w])"
                rf"(?:\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<y>1[345]\d\d)(?!\d))?(?:\s*(?:{phrase_alt(lex.hijri_suffix)})(?![\w]))?")
            self.weekday = re.compile(rf"(?<![\w]){AR_PREFIX}(?:(?:{phrase_alt(lex.day_parts)})\s+)?(?:(?:يوم|نهار)\s+)?(?P<w>{wdays})(?![\w])"
                                      rf"|(?<![\w])[وف]?ل(?P<w2>{phrase_alt(w[1:] for w in lex.weekdays)})(?![\w])")
            self.relative = re.compile(rf"(?<![\w]){AR_PREFIX}(?P<r>{rel})(?![\w])")
            self.ago = re.compile(rf"(?<![\w])[وف]?(?:{phrase_alt(lex.ago)})\s+(?:(?P<n>\d+|{nums})\s+)?(?P<u>{units})(?![\w])")
            self.year = re.compile(rf"(?<![\w]){AR_PREFIX}(?:{phrase_alt(lex.year_words)})\s+(?P<y>(?:19|20)\d\d)(?!\d)")
            # "في منتصف يوليو (تموز)", "أواخر الشهر"-less month names: a month, not a day
            self.month_only = re.compile(
                rf"(?<![\w])[وف]?(?P<q>في|خلال|منتصف|اواسط|اواخر|اوائل|مطلع|بدايه|نهايه|اخر|شهر)\s+(?:شهر\s+)?"
                rf"(?P<m>{months})(?![\w])(?!\s*(?:[(/\-]\s*)?\d)")
        else:
            self.explicit = re.compile(
                rf"(?<![\w])(?:(?:{wdays}),?\s+)?(?:(?P<m>{months})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>(?:19|20)\d\d))?"
                rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{months})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)(?![\w])")
            self.month_year = re.compile(rf"(?<![\w])(?:in\s+)?(?P<m>{months})\.?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)")
            self.hijri = None
            self.weekday = re.compile(rf"(?<![\w])(?:(?:early|late)\s+)?(?P<w>{wdays})(?:\s+(?:morning|afternoon|evening|night))?(?![\w])")
            self.relative = re.compile(rf"(?<![\w])(?P<r>{rel})(?![\w])")
            self.ago = re.compile(rf"(?<![\w])(?P<n>\d+|{nums}|a|an|a few|several)\s+(?P<u>{units})\s+ago(?![\w])")
            self.year = re.compile(rf"(?<![\w])(?:in|since|of|year)\s+(?P<y>(?:19|20)\d\d)(?!\d)(?!\s*(?:people|men|soldiers|fighters|civilians|troops))")
            self.month_only = re.compile(
                rf"(?<![\w])(?P<q>in|during|mid-?|early|late|end of|the end of|beginning of)\s*"
                rf"(?P<m>{months})(?![\w])(?!\.?,?\s*\d)", re.I)
        self.numeric = re.compile(r"(?<![\d/.\-])(?:(?P<d>[0-3]?\d)[/.\-](?P<m>[01]?\d)[/.\-](?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))(?![\d/.])")


#: "قبل يومين من انتخابات الرئاسة", "two days before the vote": counted back from another event
_BEFORE_ANCHOR = re.compile(r"\s+(?:من|علي|على)\s+(?:\S+\s+)?(?:ال)?(?:انتخابات|موعد|بدء|بدايه|انطلاق|اجراء|ذكري|ذكرى|"
                            r"عيد|زياره|وصول|قمه|استفتاء|اقتراع|افتتاح|انعقاد|توقيع|مؤتمر|اجتماع)(?!\w)")
#: plural units with no number: "منذ أسابيع", "قبل أيام" say some time ago, not which day (folded)
_VAGUE_UNITS = frozenset({"ايام", "اسابيع", "اشهر", "شهور"})
#: month names that are also common words ("آب" father, "ماي"): a month only after "شهر"
_AMBIGUOUS_MONTHS = frozenset({"اب", "ماي", "may", "mar", "jan", "aug", "oct", "dec", "sept", "sep"})
_WEEKDAY_NEXT = re.compile(r"\s+(?:ال)?(?:سبت|احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه)(?![\w])")


@lru_cache(maxsize=None)
def patterns(lang: str) -> _Patterns:
    return _Patterns(lang if lang in ("ar", "en") else "en")


def _infer_year(month: int, day: int, ref: dt.date | None) -> int | None:
    if ref is None:
        return None
    y = ref.year
    try:
        if dt.date(y, month, day) > ref + dt.timedelta(days=31):
            y -= 1
    except ValueError:
        return None
    return y


def _mk(y: int | None, m: int, d: int) -> dt.date | None:
    if y is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _num(tok: str | None, lex) -> int | None:
    if not tok:
        return None
    tok = " ".join(tok.split())
    if tok.isdigit():
        return int(tok)
    if tok in ("a", "an"):
        return 1
    if tok in ("a few", "several"):
        return 3
    return lex.numbers.get(tok)


def _rel_date(key: str, ref: dt.date) -> tuple[dt.date, int, dt.date | None]:
    day = dt.timedelta(days=1)
    if key == "yesterday" or key == "last_night":
        return ref - day, 1, None
    if key == "day_before_yesterday":
        return ref - 2 * day, 1, None
    if key == "today":
        return ref, 1, None
    if key == "tomorrow":
        return ref + day, 1, None
    if key == "last_week":
        start = ref - dt.timedelta(days=ref.weekday() + 7)
        return start, 2, start + 6 * day
    if key == "this_week":
        start = ref - dt.timedelta(days=ref.weekday())
        return start, 2, ref
    if key == "last_month":
        first = ref.replace(day=1) - day
        return first.replace(day=1), 3, first
    if key == "this_month":
        return ref.replace(day=1), 3, ref
    if key == "last_year":
        return dt.date(ref.year - 1, 1, 1), 3, dt.date(ref.year - 1, 12, 31)
    return ref, 2, None


def weekday_before(ref: dt.date, wd: int) -> dt.date:
    """The latest day with weekday ``wd`` (Monday 0) on or before ``ref``."""
    return ref - dt.timedelta(days=(ref.weekday() - wd) % 7)


def find_dates(norm: str, lang: str, ref: dt.date | None) -> list[tuple[int, int, dt.date | None, int, str, dt.date | None]]:
    """``(nstart, nend, date, precision, kind, end_date)`` over a normalised text, without overlaps."""
    P = patterns(lang)
    lex = P.lex
    found: list[tuple] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s, e, date, prec, kind, end=None):
        if free(s, e):
            taken.append((s, e))
            found.append((s, e, date, prec, kind, end))

    if P.hijri is not None:
        from hijridate import Gregorian, Hijri

        for m in P.hijri.finditer(norm):
            hm = lex.hijri_months.get(" ".join(m.group("m").split()))
            d = int(m.group("d"))
            y = int(m.group("y")) if m.group("y") else None
            date = None
            if y is None and ref is not None:
                try:
                    y = Gregorian(ref.year, ref.month, ref.day).to_hijri().year
                except (ValueError, OverflowError):
                    y = None
            if y and hm and 1 <= d <= 30:
                try:
                    date = Hijri(y, hm, d).to_gregorian()
                    date = dt.date(date.year, date.month, date.day)
                    if not m.group("y") and ref and date > ref + dt.timedelta(days=31):
                        g = Hijri(y - 1, hm, d).to_gregorian()
                        date = dt.date(g.year, g.month, g.day)
                except (ValueError, OverflowError):
                    date = None
            add(m.start(), m.end(), date, 1, "hijri")
    for m in P.numeric.finditer(norm):
        y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (m.group("y2"), m.group("m2"), m.group("d2"))
        date = _mk(int(y), int(mo), int(d))
        if date:
            add(m.start(), m.end(), date, 1, "absolute")
    for m in P.explicit.finditer(norm):
        g = m.groupdict()
        mname, dstr, ystr = (g.get("m") or g.get("m2")), (g.get("d") or g.get("d2")), (g.get("y") or g.get("y2"))
        month = lex.months.get(" ".join(mname.split()).rstrip(".")) or lex.months.get(" ".join(mname.split()))
        if not month:
            continue
        d = int(dstr) if dstr else _ordinal_day(g["o"])
        y = int(ystr) if ystr else _infer_year(month, d, ref)
        if not 1 <= d <= 31:
            continue
        add(m.start(), m.end(), _mk(y, month, d), 1, "absolute")
    for m in P.month_year.finditer(norm):
        month = lex.months.get(" ".join(m.group("m").split()).rstrip(".")) or lex.months.get(" ".join(m.group("m").split()))
        if month:
            add(m.start(), m.end(), _mk(int(m.group("y")), month, 1), 3, "month")
    for m in P.month_only.finditer(norm):
        name = " ".join(m.group("m").split())
        month = lex.months.get(name.rstrip(".")) or lex.months.get(name)
        if not month or ref is None or (name in _AMBIGUOUS_MONTHS and "شهر" not in m.group(0)):
            continue
        if _NEXT_AFTER.match(norm, m.end()):
            continue  # "في يوليو المقبل": a plan
        y = ref.year if month <= ref.month else ref.year - 1
        first = dt.date(y, month, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        q = m.group("q").lower().strip()
        day = {"منتصف": 15, "اواسط": 15, "mid": 15, "mid-": 15, "اواخر": 21, "نهايه": 21, "اخر": 21, "late": 21,
               "end of": 21, "the end of": 21}.get(q, 1)
        whole = q in ("في", "خلال", "شهر", "in", "during")  # "في يوليو": the whole month; "منتصف يوليو": a day of it
        add(m.start(), m.end(), first.replace(day=day), 3, "month", last if whole else None)
    for m in P.ago.finditer(norm):
        unit = lex.day_units.get(" ".join(m.group("u").split()))
        n = _num(m.group("n"), lex)
        if _BEFORE_ANCHOR.match(norm, m.end()):
            continue  # "قبل يومين من انتخابات الرئاسة": two days before the elections, not before today
        if unit == "day" and n is None and _WEEKDAY_NEXT.match(norm, m.end()):
            continue  # "منذ يوم الجمعة": since Friday (the weekday pattern has it)
        if n is None and (unit in ("days", "weeks", "months") or " ".join(m.group("u").split()) in _VAGUE_UNITS):
            add(m.start(), m.end(), None, 3, "relative")  # "منذ أسابيع", "قبل أيام": some time, no day
            continue
        if unit in ("two_days", "two_weeks", "two_months"):
            n, unit = 2, unit[4:-1]
        elif unit in ("days", "weeks", "months"):
            unit = unit[:-1]
        if n is None:
            n = 1
        if ref is None or unit is None or n > 1000:
            add(m.start(), m.end(), None, 2, "relative")
            continue
        if unit == "day":
            add(m.start(), m.end(), ref - dt.timedelta(days=n), 1 if n <= 3 else 2, "relative")
        elif unit == "week":
            add(m.start(), m.end(), ref - dt.timedelta(days=7 * n), 2, "relative")
        else:
            add(m.start(), m.end(), ref - dt.timedelta(days=30 * n), 3, "relative")
    for m in P.relative.finditer(norm):
        key = lex.relative.get(" ".join(m.group("r").split()))
        if key is None:
            continue
        if key == "today" and lang == "ar" and (_ORDINAL_AFTER.match(norm, m.end()) or m.group(0).startswith(("لل", "ولل"))):
            continue
        if ref is None:
            add(m.start(), m.end(), None, 1, "relative")
            continue
        date, prec, end = _rel_date(key, ref)
        add(m.start(), m.end(), date, prec, "relative", end)
    for m in P.weekday.finditer(norm):
        w = m.groupdict().get("w")
        wd = lex.weekdays.get(w) if w else lex.weekdays.get("ال" + m.group("w2"))
        if wd is None:
            continue
        date = None
        if ref is not None:
            date = weekday_before(ref, wd)
            if _PAST_AFTER.match(norm, m.end()) and date == ref:
                date -= dt.timedelta(days=7)
            elif _NEXT_AFTER.match(norm, m.end()):
                date = ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
        add(m.start(), m.end(), date, 1, "weekday")
    for m in P.year.finditer(norm):
        y = int(m.group("y"))
        add(m.start("y") if lang == "en" else m.start(), m.end(), dt.date(y, 1, 1), 3, "year", dt.date(y, 12, 31))
    found.sort(key=lambda t: t[0])
    return found


class DateStage:
    """Fills ``doc.dates``."""

    name = "dates"

    def __init__(self):
        for lang in ("ar", "en"):
            patterns(lang)

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang if doc.lang in ("ar", "en") else "en"
        out: list[DateMention] = []
        skip = doc.article.dateline
        for s, e, date, prec, kind, end in find_dates(doc.norm.text, lang, doc.reference_date):
            span = doc.norm_span(s, e)
            if skip.start is not None and skip.start <= span.start < (skip.end or 0):
                kind = "dateline"
            out.append(DateMention(span.start, span.end, span.text, date, prec, kind, end))
        doc.dates = out
        return doc


# --- which date is an event's -------------------------------------------------------

def is_statement_date(doc: Document, dm: DateMention) -> bool:
    """True when ``dm`` says when something was said ("قال ... يوم الجمعة إن", "said on Friday")."""
    lang = doc.lang if doc.lang in ("ar", "en") else "en"
    ns, ne = doc.orig_to_norm(dm.start), doc.orig_to_norm(dm.end)
    text = doc.norm.text
    comp = complementiser_re(lang)
    others = [doc.orig_to_norm(d.start) for d in doc.dates if d is not dm]
    for cue in find_cues(doc):
        if cue.kind in ("believed",):
            continue
        if cue.nend <= ns and ns - cue.nend <= 90:
            gap = text[cue.nend:ns]
            if "." in gap or "\n" in gap or comp.search(gap):
                continue
            if any(cue.nend <= o < ns for o in others):
                continue  # "أكدت الوحدات الاثنين مصرع المقاتلة في 15 مارس": the second day is the event's
            if lang == "en" and len(gap.split()) > 6:
                continue
            if cue.kind == "according" and len(gap.split()) > 4:
                continue
            return True
        if lang == "ar" and ne <= cue.nstart and cue.nstart - ne <= 3 and not text[ne:cue.nstart].strip(" \t،,"):
            return True  # "والاثنين، أعلنت الوكالة": the day of the announcement
        if lang == "en" and ne <= cue.nstart and cue.nstart - ne <= 25:
            gap = text[ne:cue.nstart]
            if not comp.search(gap) and "." not in gap and "," not in gap and len(gap.split()) <= 3:
                return True
    return False


#: the words before a date that start a period ("منذ الأربعاء", "since Wednesday")
SINCE = re.compile(r"(?:^|\s)[وف]?(?:منذ|since)\s*$")


def opens_period(doc: Document, dm: DateMention) -> bool:
    """Whether ``dm`` is the start of a period ("منذ 19 يونيو", "since Wednesday"), not a day."""
    return bool(SINCE.search(fold(doc.text[max(0, dm.start - 10):dm.start])))


def _event_dates(doc: Document):
    cached = doc.scratch.get("claims_event_dates")
    if cached is None:
        cached = [d for d in doc.dates if d.date is not None and d.kind not in ("year", "dateline")
                  and not is_statement_date(doc, d) and (doc.reference_date is None or d.date <= doc.reference_date)]
        doc.scratch["claims_event_dates"] = cached
    return cached


#: a sentence opening in the pluperfect of background ("وكانت الحكومة فرضت السبت ...")
_BACKGROUND_HEAD = re.compile(r"^\W*[وف]?(?:كان|كانت|كانوا)\s")


def _in_background(doc: Document, dm: DateMention) -> bool:
    """Whether ``dm`` sits in a sentence told as background, whose day is not the next one's."""
    si = doc.sentence_index(dm.start) if doc.sentences else -1
    return si >= 0 and bool(_BACKGROUND_HEAD.match(fold(doc.sentences[si].text)))


def _day_told(dates: list[DateMention]) -> DateMention:
    """Of the event days a passage tells, the one its event takes: the most precise, then the first."""
    return min(dates, key=lambda d: (d.precision, d.start))


def date_for_span(doc: Document, start: int, end: int):
    """The day an event told in ``doc.text[start:end]`` happened.

    Returns ``(date | None, time_precision, DateMention | None)``: a date mention in
    the span that is not the date a statement was made, else the nearest one
    before it in the article (not one told as background), else the date a statement
    in the span, or the latest one before it, was made (precision 2: the event
    happened on or before it), else the day the next sentence tells, else the
    article's reference date with precision 2 (None with precision 3 when there is
    none).
    """
    events = _event_dates(doc)
    inside = [d for d in events if start <= d.start < end]
    if inside:
        best = _day_told(inside)
        return best.date, best.precision, best
    for d in doc.dates:
        # "خلال زيادة القوات عام 2014", "in 2019": the event happened that year (not "منذ 2014", "since 2014")
        if d.kind == "year" and start <= d.start < end and d.date and (
                doc.reference_date is None or d.date.year < doc.reference_date.year):
            lead = fold(doc.text[max(0, d.start - 8):d.end])
            if not re.search(r"(?:منذ|since)\s+(?:عام\s+|العام\s+)?\d{4}$", lead):
                return d.date, 3, d
    # the nearest date before, not the start of a period ("منذ 19 يونيو", "since 19 June") nor a day told
    # as background ("وكانت الحكومة فرضت السبت حظرا للتجوال")
    before = [d for d in events if d.start < start and d.precision == 1 and not opens_period(doc, d)
              and not _in_background(doc, d)]
    if before:
        best = before[-1]
        si = doc.sentence_index(best.start)
        same = doc.in_sentence(before, si) if si >= 0 else []
        if same:
            # the day the sentence before tells, chosen as for an event told in it: "استمرت الاحتجاجات
            # الأحد رغم إعلان الحكومة مساء السبت ... . في البصرة، حاول متظاهرون اقتحام": Sunday
            best = _day_told(same)
        return best.date, best.precision, best
    said = [d for d in doc.dates if start <= d.start < end and d.date is not None and d.kind not in ("year", "dateline")]
    if said:
        return said[0].date, 2, said[0]
    # "أكدت مصادر أمس أن ... . وقالت المصادر إن معارك دارت في ...": on or before the day the sources spoke
    said = [d for d in doc.dates if d.start < start and d.date is not None and d.precision == 1
            and d.kind not in ("year", "dateline") and is_statement_date(doc, d)]
    if said:
        return said[-1].date, 2, said[-1]
    # a lead with no day before it: the day the next sentence tells ("قتل قيادي حوثي في ضربة جوية. ... وقتل
    # الصماد يوم الخميس الماضي في محافظة الحديدة")
    si = doc.sentence_index(max(start, end - 1)) if doc.sentences else -1
    if 0 <= si < len(doc.sentences) - 1:
        nxt = [d for d in doc.in_sentence(events, si + 1) if d.precision <= 2 and not opens_period(doc, d)
               and not _in_background(doc, d)]
        if nxt:
            best = _day_told(nxt)
            return best.date, best.precision, best
    if doc.reference_date is not None:
        return doc.reference_date, 2, None
    return None, 3, None
