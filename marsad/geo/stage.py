"""Stage 'places': fills ``doc.places`` and ``doc.country_context``.

Place names are matched on ``doc.norm.text`` (see :mod:`marsad.geo.matcher`), skipping the
dateline (where the report was filed is never where an event happened). Each
:class:`~marsad.doc.PlaceMention` keeps the place as named (a prison, a quarter, a town);
:func:`record_place` gives what an event record carries, in ACLED's way: a prison or a
neighbourhood is coded to its town, a governorate to its capital.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..doc import Document, Place, PlaceMention
from .gazetteer import Gazetteer, GazetteerMissing, km
from ..text import fold, fold_char
from .matcher import Matcher, curated, geo_precision, main_cue, specificity

#: "في العاصمة", "بالعاصمة": the capital, named by the article's country
_CAPITAL = re.compile(r"(?<!\w)[وفب]?(?:في\s+)?(?P<w>(?:ال)?عاصمه)(?!\w)")
#: ... but not a province's capital, another kind of capital, or a country named after it
_NOT_THE_CAPITAL = re.compile(r"(?:ال)?(?:محافظه|المحافظه|الولايه|ولايه|الاقليم|اقليم|الاقتصاديه|التجاريه|الاداريه|"
                              r"السياسيه|الثقافيه|الصيفيه|المؤقته|الجنوب|الشمال|دوله|الدوله|اقليميه|عربيه|اوروبيه|افريقيه|"
                              r"اسيويه|اجنبيه|اخري|عالميه)(?!\w)")
_CAPITALS = curated().get("capitals") or {}
_ADMIN1_CAPITALS = curated().get("admin1_capitals") or {}

#: how many sentences before an event's span to look for its place
LOOK_BACK = 2
LOOK_AHEAD = 1  # then the next sentence (a lead that names no place)


class PlaceStage:
    name = "places"

    def __init__(self) -> None:
        try:
            self.matcher: Matcher | None = Matcher()
        except GazetteerMissing:
            self.matcher = None

    def __call__(self, doc: Document) -> Document:
        if self.matcher is None or not doc.text:
            return doc
        skip = None
        dl = doc.article.dateline
        if dl is not None and dl.start is not None and dl.end is not None and dl.end > dl.start:
            skip = (doc.orig_to_norm(dl.start), doc.orig_to_norm(dl.end))
        cands = self.matcher.find(doc.norm.text, doc.text, doc.norm.to_orig, skip=skip)
        kept, ctx = self.matcher.resolve(cands)
        gz = self.matcher.gz
        places = []
        for c in kept:
            sp = doc.norm_span(c.nstart, c.nend)
            end = sp.end
            while end < len(doc.text) and not fold_char(doc.text[end]):  # trailing diacritics belong to the name
                end += 1
            cue = main_cue(c)
            places.append(PlaceMention(sp.start, end, doc.text[sp.start:end], gz.place(c.chosen),
                                       geo_precision=geo_precision(c),
                                       score=round(min(1.0, max(0.05, c.score / 12.0)), 3),
                                       cue=cue.key if cue else None))
        doc.country_context = [gz.countries[cc][0] for cc in ctx if cc in gz.countries]
        places += self._the_capital(doc, places)
        doc.places = sorted(places, key=lambda m: m.start)
        # "Tafas (Dar'a)": the bracketed region only qualifies the name before it
        doc.scratch["geo_qualifiers"] = {(p.start, p.end) for c, p in zip(kept, places) if "qualifies" in c.extra}
        return doc

    def _the_capital(self, doc: Document, places: list[PlaceMention]) -> list[PlaceMention]:
        """"في العاصمة" with no name after it (not "العاصمة صنعاء", nor a province's capital): the
        capital of the country the article is about; "العاصمة الأفغانية" (named or not after it, when
        the name is in no gazetteer): the capital of the country the adjective names."""
        if doc.lang != "ar":
            return []
        gz = self.matcher.gz
        home = gz.country_cc(doc.country_context[0]) if doc.country_context else None
        starts = {m.start for m in places}
        out = []
        for m in _CAPITAL.finditer(doc.norm.text):
            sp = doc.norm_span(m.start("w"), m.end("w"))
            after = doc.text[sp.end:sp.end + 30]
            nxt = after.lstrip(" ،,:(")
            if any(sp.end <= st <= sp.end + 3 + len(after) - len(nxt) for st in starts) or _NOT_THE_CAPITAL.match(fold(nxt)):
                continue  # "العاصمة صنعاء", "عاصمة المحافظة", "العاصمة الاقتصادية"
            word = fold(nxt).split(" ", 1)[0] if nxt else ""
            cc = home
            if word.startswith("ال") and word.endswith("يه"):  # "العاصمة الأردنية": the country it names
                if any(sp.end < st <= sp.end + len(after) for st in starts):
                    continue  # "العاصمة القطرية الدوحة": named
                cc = self._country_of_adjective(word)
            town = self._capital_of(cc)
            if town is not None:
                out.append(PlaceMention(sp.start, sp.end, doc.text[sp.start:sp.end], gz.place(town), geo_precision=1,
                                        score=0.5, cue="capital"))
        return out

    def _capital_of(self, cc: str | None):
        gz = self.matcher.gz
        name = _CAPITALS.get(cc)
        towns = [e for e in gz.candidates(name, gz.countries[cc][0]) if e.level == "locality"] if name else []
        return max(towns, key=lambda e: e.pop) if towns else None

    def _country_of_adjective(self, word: str) -> str | None:
        """"الاردنيه" -> JO, "السوريه" -> SY, "الافغانيه" -> AF, "التركيه" -> TR: the country whose Arabic
        name the adjective is made of."""
        stem = word[2:-2]
        for cc, v in self.matcher.gz.countries.items():
            name = fold(v[2] or "")
            if name.startswith("ال"):
                name = name[2:]
            if name and (name == stem or name.rstrip("ا") == stem or name in (stem + "يه", stem + "يا", stem + "ستان")):
                return cc
        return None


def record_place(mention: PlaceMention) -> tuple[Place, int]:
    """The place an event record carries for a mention, and its ACLED geo_precision.

    A facility or a neighbourhood is coded to its town (precision 1); a frontline or an area
    to its town (2); a governorate or a district to its capital, or to the town of the same
    name (3, or 2 for a district); a town is itself."""
    p = mention.place
    prec = mention.geo_precision
    try:
        gz = Gazetteer.open()
    except GazetteerMissing:
        return p, prec
    cc = gz.country_cc(p.country)
    if p.level in ("facility", "district", "region") and p.parent:
        me = [e for e in gz.candidates(p.name, p.country) if e.level == p.level and e.lat == p.latitude
              and e.lon == p.longitude and e.parent]
        parents = [gz.entry(me[0].parent)] if me else [e for e in gz.candidates(p.parent, p.country)
                                                         if e.level == "locality"]
        if parents and parents[0] is not None:
            pp = gz.place(parents[0])
            if pp.level in ("admin1", "admin2"):  # the parent is a district: its town
                pp = record_place(replace(mention, place=pp))[0]
            return pp, (2 if p.level == "region" else prec)
        return p, prec
    if p.level == "admin1" and cc and p.admin1 in _ADMIN1_CAPITALS.get(cc, {}):
        towns = [e for e in gz.candidates(_ADMIN1_CAPITALS[cc][p.admin1], p.country) if e.level == "locality"]
        if towns:
            return gz.place(max(towns, key=lambda e: e.pop)), 3
    if p.level in ("admin1", "admin2") and cc:
        same = [e for e in gz.candidates(p.name, p.country) if e.level == "locality"
                and (e.admin1 == p.admin1 or not p.admin1) and e.pop >= 1000]
        if not same and p.level == "admin2" and mention.text:
            # "مديرية الملاجم": the district's town of the same name, however small (ACLED codes it there)
            same = [e for e in gz.candidates(mention.text, p.country) if e.level == "locality"
                    and e.admin1 == p.admin1 and e.lat is not None]
        cap = same[0] if same else gz.capital(cc, p.admin1 if p.level == "admin1" else None,
                                               p.admin2 if p.level == "admin2" else None)
        if cap is not None:
            return gz.place(cap), (3 if p.level == "admin1" else 2)
    if p.level == "country" and cc:
        return p, 3
    return p, prec


def _in_dateline(doc: Document, m: PlaceMention) -> bool:
    return doc.article.dateline.holds(m.start)


def main_place(doc: Document) -> PlaceMention | None:
    """The article's main place: the most mentioned, weighted by how specific it is."""
    weight: dict[tuple, float] = {}
    first: dict[tuple, PlaceMention] = {}
    for m in doc.places:
        if _in_dateline(doc, m) or _seat(doc, m):
            continue
        k = (m.place.name, m.place.country, m.place.level)
        weight[k] = weight.get(k, 0.0) + specificity(m.place.level)
        first.setdefault(k, m)
    if not weight:
        return None
    if doc.country_context:
        top = doc.country_context[0]
        for k in weight:
            if k[1] == top:
                weight[k] *= 1.5
    best = max(weight, key=lambda k: (weight[k], specificity(k[2])))
    return first[best]


def place_for_span(doc: Document, start: int, end: int):
    """The best place for an event told in ``doc.text[start:end]``: a
    :class:`~marsad.doc.PlaceMention` in the span, else in the sentences around
    it, else the article's main place; never the dateline's place. None if none.
    The returned mention's ``place`` is the record-level place (a prison's town)."""
    cands = [m for m in doc.places if start <= m.start < end and not _in_dateline(doc, m)]
    quals = doc.scratch.get("geo_qualifiers") or set()
    if any((m.start, m.end) not in quals for m in cands):
        cands = [m for m in cands if (m.start, m.end) not in quals]
    cands = _event_places(doc, cands)
    chosen = None
    fallback = None
    if cands:
        top = doc.country_context[0] if doc.country_context else None
        chosen = max(cands, key=lambda m: (_specificity(m) + (1.5 if m.place.country == top else 0.0), m.score))
        if chosen.place.level == "country":
            # a country named in the passage is mostly background ("US-backed"): look for a town first
            fallback, chosen = chosen, None
        elif _specificity(chosen) <= specificity("admin1"):
            chosen = _elaborated(doc, end, chosen) or chosen
        elif chosen.place.level == "locality" and (zoom := _zoomed_district(cands, chosen)) is not None:
            chosen = zoom  # "وفي العاصمة صنعاء دمرت قبائل ... في منطقة بني مران بمديرية أرحب": the district
        elif chosen.cue in ("near", "direction") or _NEAR.search(fold(doc.text[max(0, chosen.start - 25):chosen.start])):
            # "تصدت الدفاعات لهجوم صاروخي بالقرب من مدينة حمص. واستهدف الهجوم قاعدة الشعيرات": the base
            chosen = _elaborated(doc, end, chosen, _FACILITY_CUES) or chosen
    if chosen is None:
        si = doc.sentence_index(start) if doc.sentences else -1
        if si >= 0:
            lo = doc.sentences[max(0, si - LOOK_BACK)].start
            near = _event_places(doc, [m for m in doc.places if lo <= m.start < start and not _in_dateline(doc, m)
                                       and m.place.level != "country"])
            if near:
                chosen = max(near, key=lambda m: (_specificity(m), -m.geo_precision, m.start))
            elif LOOK_AHEAD and si + 1 < len(doc.sentences):
                # a lead that names no place, the next sentences do ("... at an exit of Samarra")
                hi = doc.sentences[min(len(doc.sentences) - 1, si + LOOK_AHEAD)].end
                ahead = _event_places(doc, [m for m in doc.places if end <= m.start < hi and not _in_dateline(doc, m)
                                            and m.place.level not in ("country", "admin1")])
                if ahead:
                    chosen = min(ahead, key=lambda m: m.start)
        if chosen is None:
            mp = main_place(doc)
            if fallback is None or (mp is not None and mp.place.level != "country"):
                chosen = mp
            else:
                chosen = fallback
    if chosen is None:
        return None
    return _as_record(chosen)


ZOOM_KM = 80
ZOOM_CHARS = 120  # (a district further on in a long sentence is another front)


def _zoomed_district(cands: list[PlaceMention], town: PlaceMention) -> PlaceMention | None:
    """A district named with its cue after ``town`` and not the town's own ("وفي العاصمة صنعاء ...
    بمديرية أرحب"): the passage zooms in from the town it opens with to where the event was."""
    return next((m for m in cands if town.start < m.start < town.end + ZOOM_CHARS and m.place.level == "admin2"
                 and m.cue == "district"
                 and m.place.country == town.place.country and m.place.name != town.place.admin2
                 and None not in (m.place.latitude, m.place.longitude, town.place.latitude, town.place.longitude)
                 and km(m.place.latitude, m.place.longitude, town.place.latitude, town.place.longitude) < ZOOM_KM),
                None)


#: a sentence that goes back to the event told before it ("وأوضح المصدر أن الغارات تركزت في ...")
_BACK_REFERENCE = re.compile(r"(غار[ةهات]|الغارات|قصف|القصف|ضرب|مواجه|اشتباك|معارك|المعارك|هجوم|الهجوم|استهدف|"
                             r"\bstrikes?\b|\bshelling\b|\bclash|\battack|\bfighting\b|\bbomb)", re.I)
#: cues that name where in a governorate the fighting or the strikes were
_FRONT_CUES = frozenset({"frontline", "district", "town", "city", "village", "countryside"})
#: "بالقرب من (مدينة) حمص", "near the town of": told as near it
_NEAR = re.compile(r"(?:(?:^|\s)[وب]?(?:القرب|قرب|مقربه|محيط)\s+(?:من\s+)?|\b(?:near|outside)\s+(?:the\s+)?(?:town\s+of\s+)?)$",
                   re.I)
#: cues of a site near a town: where "near <town>" was ("قاعدة الشعيرات", "the airport")
_FACILITY_CUES = frozenset({"airport", "camp", "prison", "port", "crossing", "village", "town"})


def _elaborated(doc: Document, end: int, region: PlaceMention, cues=None) -> PlaceMention | None:
    """The front or town of ``region`` (a governorate) that the next sentence names, when that
    sentence tells no event of its own but details this one ("شنت المقاتلات غارات في محافظة
    حجة. وأفاد موفد العربية أن المقاتلات استهدفت مخزن أسلحة في مديرية حيران")."""
    si = doc.sentence_index(max(0, end - 1)) if doc.sentences else -1
    if si < 0 or si + 1 >= len(doc.sentences) or not region.place.admin1:
        return None
    nxt = doc.sentences[si + 1]
    if any(nxt.start <= m.start < nxt.end for m in (doc.event_mentions or [])):
        return None  # the next sentence has its own event
    if not _BACK_REFERENCE.search(fold(nxt.text)):
        return None  # ... or is about something else ("the minister visited Hayran district")
    towns = [m for m in doc.places if nxt.start <= m.start < nxt.end and _told_as_scene(doc, m)
             and m.cue in (cues or _FRONT_CUES) and _specificity(m) > specificity("admin1")
             and m.place.country == region.place.country and m.place.admin1 == region.place.admin1]
    return min(towns, key=lambda m: m.start) if towns else None


def _as_record(m: PlaceMention) -> PlaceMention:
    """``m`` with its record-level place (a prison's town) and that place's geo_precision."""
    place, prec = record_place(m)
    return replace(m, place=place, geo_precision=prec)


#: a place right after a direction ("شمال العاصمة صنعاء", "20 km north of Sanaa") is a reference point
_REFERENCE = re.compile(r"(?:(?:^|\s)(?:[وب]?(?:شمال|جنوب|شرق|غرب)(?:ي|ى)?(?:\s+(?:شرق|غرب)(?:ي)?)?)"
                        r"(?:\s+(?:العاصمه|العاصمة|مدينه|مدينة|محافظه|محافظة))?"
                        r"|(?:^|\s)(?:القريبه|القريب)\s+من(?:\s+(?:العاصمه|مدينه))?"
                        # "الخط الرابط بين تعز وصنعاء", "the road between Aden and Lahij": the places it spans
                        r"|(?:^|\s)بين(?:\s+(?:محافظتي|مدينتي|بلدتي))?(?:\s+\S+\s+و)?"
                        r"|\bbetween(?:\s+the)?(?:\s+\S+(?:\s+\S+)?\s+and)?"
                        r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of(?:\s+the\s+capital)?)\s*$",
                        re.I)


def _specificity(m: PlaceMention) -> float:
    """How precisely a mention places an event: "مديرية حيس بمحافظة الحديدة" names the governorate
    of Al Hudaydah (whose record place is its capital city), so Hays is the more precise."""
    return specificity("admin1" if m.cue == "governorate" else m.place.level)


def _reference_point(doc: Document, m: PlaceMention) -> bool:
    return bool(_REFERENCE.search(doc.text[max(0, m.start - 30):m.start]))


_SPEAKER = re.compile(r"(?:(?:^|\s)[وف]?(?:قال|قالت|اعلن|اعلنت|اكد|اكدت|ذكر|ذكرت|افاد|افادت|صرح|اوضح|اضاف|said|told|announced|stated)"
                      r"(?:\s+\S+){0,3}\s+(?:في|من|in|from)|(?:^|\s)(?:بقياده|تقوده|يقوده|تتزعمه|led\s+by))\s*$", re.I)


def _speaker_place(doc: Document, m: PlaceMention) -> bool:
    """The place of whoever speaks ("قال مسؤول في الرياض", "an official in Washington said")."""
    return bool(_SPEAKER.search(fold(doc.text[max(0, m.start - 40):m.start])))


#: where an organisation has its seat ("المرصد الذي يتخذ من لندن مقرا له", "ومقرها لندن", "London-based"): not the scene
_SEAT_BEFORE = re.compile(r"(?:(?:^|\s)(?:يتخذ|تتخذ|يتخذون|اتخذ|اتخذت)\s+من|(?:^|\s)[و]?(?:مقره|مقرها|مقرهم)"
                          r"(?:\s+(?:في|الرئيسي))?|\b(?:based|headquartered)\s+in)\s*$", re.I)
_SEAT_AFTER = re.compile(r"^(?:\s*(?:مقرا|مقر)\b|-based\b)", re.I)


def _seat(doc: Document, m: PlaceMention) -> bool:
    return bool(_SEAT_BEFORE.search(fold(doc.text[max(0, m.start - 30):m.start]))
                or _SEAT_AFTER.match(fold(doc.text[m.end:m.end + 12])))


#: where someone was taken or went ("نقلوا الأسرة إلى مدينتي عدن والخوخة", "fled to Aden"): not the scene
_DESTINATION = re.compile(r"(?:(?:^|\s)[وف]?(?:نقل|نقلت|نقلوا|تم نقل|اسعف\w*|نزح\w*|فر|فرت|فروا|هرب\w*|لجا\w*|توجه\w*|"
                          r"وصل\w*|ترحيل|رحل\w*|اجلاء|اجلي\w*)(?:\s+\S+){0,4}\s+(?:الي|إلى)"
                          r"(?:\s+(?:مدينه|مدينتي|مدن|مستشفي|مستشفيات|مخيم|مخيمات))?"
                          r"|\b(?:taken|evacuated|fled|moved|transferred|airlifted|rushed)\b(?:\s+\S+){0,4}\s+to(?:\s+the)?)\s*(?:\S+\s+و\s*)?$",
                          re.I)


def _destination(doc: Document, m: PlaceMention) -> bool:
    return bool(_DESTINATION.search(fold(doc.text[max(0, m.start - 60):m.start])))


def _told_as_scene(doc: Document, m: PlaceMention) -> bool:
    """Whether ``m`` is told as a place where something happened: not the dateline, a reference
    point ("شمال العاصمة صنعاء"), where someone spoke ("قال مسؤول في الرياض") or has its seat ("المرصد
    الذي يتخذ من لندن مقرا له")."""
    return not _in_dateline(doc, m) and not _reference_point(doc, m) and not _speaker_place(doc, m) \
        and not _destination(doc, m) and not _seat(doc, m)


#: the text between two places of one list: "البصرة والناصرية"، "Basra, Nasiriyah and Diwaniyah", "والمفرق (شمال)
#: والزرقاء (شرق)"
_PAREN = r"[(\[][^()\[\]\n]{1,15}[)(\]]\s*"  # "(شمال)": a side told in brackets
_LIST_GAP = re.compile(r"^\s*(?:%s)?(?:[,،]|\band\b|\bor\b)?\s*(?:و|او|أو|ك)?\s*$" % _PAREN, re.I)
#: ... or with a side or a kind of place after the "and": "جنوب الجراحي وغربي التحيتا", "مديرية رازح ومديرية غمر",
#: "south of X and west of Y"
_LIST_GAP_SIDE = re.compile(r"^\s*(?:[,،]\s*)?(?:و|او|أو|\band\b|\bor\b)\s*(?:(?:ال)?(?:شمال|جنوب|شرق|غرب)(?:ي|يّ)?|"
                            r"(?:ب)?(?:مديريه|مديرية|منطقه|منطقة|بلده|بلدة|قريه|قرية|مدينه|مدينة)|"
                            r"(?:north|south|east|west)(?:ern)?(?: of)?|(?:the )?(?:district|town|village) of)\s+$", re.I)
#: ... with one item between them that is in no gazetteer ("المسيفرة وكحيل والسهوة والجيزة")
_LIST_GAP_ONE = re.compile(r"^\s*(?:{p})?(?:[,،]\s*)?(?:و|او|أو)?\s*[\u0621-\u064a]+\s*(?:{p})?(?:[,،]\s*(?:و|او|أو)?|و|او|أو)\s*$"
                           .format(p=_PAREN))


def _event_places(doc: Document, cands: list[PlaceMention]) -> list[PlaceMention]:
    """The places of ``cands`` that can be where the event happened: not a reference point
    ("شمال العاصمة صنعاء"), not where someone spoke or who leads ("قال مسؤول في الرياض",
    "التحالف بقيادة واشنطن"), not abroad when the article's countries are named too; never where
    the teller has its seat ("المرصد الذي يتخذ من لندن مقرا له")."""
    cands = [m for m in cands if not _seat(doc, m)]
    for odd in (_speaker_place, _destination, _reference_point):  # a reference point is near the event; the others not
        if any(not odd(doc, m) for m in cands):
            cands = [m for m in cands if not odd(doc, m)]
    ctx = set(doc.country_context[:2])
    if len(cands) > 1 and any(m.place.country in ctx for m in cands):
        cands = [m for m in cands if m.place.country in ctx]
    return cands


def _runs(doc: Document, mentions: list[PlaceMention]) -> list[list[PlaceMention]]:
    """``mentions`` grouped into the lists they form in the text (places of one country, joined
    by "و", a comma, or "وغربي", "ومديرية")."""
    runs: list[list[PlaceMention]] = []
    for m in sorted(mentions, key=lambda m: m.start):
        gap = doc.text[runs[-1][-1].end:m.start] if runs else ""
        if runs and (_LIST_GAP.match(gap) or _LIST_GAP_ONE.match(gap) or _LIST_GAP_SIDE.match(gap)) \
                and m.place.country == runs[-1][-1].place.country:
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def places_for_span(doc: Document, start: int, end: int) -> list:
    """Every place of a list of towns in the span ("في البصرة والناصرية والديوانية": one
    event each, as ACLED codes them), else ``[place_for_span(...)]`` (possibly ``[None]``)."""
    towns = [m for m in doc.places if start <= m.start < end and _told_as_scene(doc, m)
             and m.place.level not in ("country", "admin1")]
    if not towns:
        sides = [m for m in doc.places if start <= m.start < end and m.cue == "direction"
                 and m.place.level not in ("country", "admin1") and not _in_dateline(doc, m)]
        run = max(_runs(doc, sides), key=len, default=[])
        if len(run) > 1 and len({(m.place.name, m.place.country) for m in run}) == len(run):
            # "قصفا على مواقع الحوثيين جنوب الجراحي وغربي التحيتا": beside two towns, one event at each
            return [_as_record(m) for m in run]
        one = place_for_span(doc, start, end)
        if one is not None and one.start >= end and doc.sentences:
            # a lead that names no place, the next sentence lists the towns ("استعاد 4 قرى ...
            # وقالت سانا إن القوات حررت قرى الجنينة والجيعة وشمرة الحصان"): one event each
            nxt = doc.sentences[doc.sentence_index(one.start)]
            more = places_for_span(doc, nxt.start, nxt.end)
            if len(more) > 1 and any(m is not None and m.start == one.start for m in more):
                return more
        return [one]
    best = max(_runs(doc, towns), key=len, default=[])
    if len(best) < 2 or len({(m.place.name, m.place.country) for m in best}) < 2:
        return [place_for_span(doc, start, end)]
    first = min((m for m in doc.places if start <= m.start < end and _told_as_scene(doc, m)
                 and m.place.level != "country"), key=lambda m: m.start, default=None)
    if first is not None and first not in best:
        if first.place.level in ("admin1", "region") or first.cue == "governorate":
            if first.place.admin1 != best[0].place.admin1:
                # "في مخلاف بني عمر بمحافظة ذمار ... عقب مقتلهم في عدن ولحج": the list is elsewhere
                return [place_for_span(doc, start, end)]
        elif first.place.country == best[0].place.country:
            # "غارة على زملكا بالتزامن مع قصف على عربين وعين ترما": the town named first, then the list
            best = [first] + best
    return [_as_record(m) for m in best]


def geocode_text(text: str, lang: str = "auto") -> list[PlaceMention]:
    """Place mentions in any text (for notes, the web, the evaluation), with record-level places."""
    doc = Document.make(text or "", lang=lang)
    doc = _stage()(doc)
    return doc.places


_STAGE: PlaceStage | None = None


def _stage() -> PlaceStage:
    global _STAGE
    if _STAGE is None:
        _STAGE = PlaceStage()
    return _STAGE
