"""Stage 'assembly': event mentions into ACLED events.

One event per actor pair, place and day. On the same actors, place and day the
higher event type absorbs the lower (ACLED's precedence: Battles, then
Explosions/Remote violence, Violence against civilians, Riots, Protests,
Strategic developments). Fighting told over several days is split by day.
Fatalities follow ACLED (the lowest reported figure; "several" 3, "many" 10,
"dozens" 12, "hundreds" 100; "casualties" alone 0) with UCDP's low/best/high.
The date, place and actors come from the other stages' functions
(``date_for_span``, ``place_for_span``, ``assign_roles``, ``interaction``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..actors.catalogue import default_catalogue
from ..actors.stage import assign_roles, interaction
from ..claims.dates import date_for_span, is_statement_date, opens_period
from ..claims.lexicon import lexicon
from ..doc import Document, EventMention
from ..geo.stage import places_for_span
from ..records import Event, Evidence, Plover
from ..text import fold
from .lexicon import Lexicon, SubEvent, taxonomy
from .rules import patterns

#: a mention dated more than this many days before the article is background, not news (an
#: article reports its own fortnight: no hand-coded event of benchmarks/articles ends more than 8
#: days before publication, while the stories retell weeks-old offensives as context)
HISTORY_DAYS = 14
#: a mention in the pluperfect of background ("وكان ... قد", "had", "since") dated more than this many
#: days before the article is background too
BACKGROUND_DAYS = 7
TALLY_LEAD = 20  # a sentence that opens with "since <a date weeks back>" tallies a period
#: "وكان ... قد + verb" at the head of a sentence: the pluperfect of background
PLUPERFECT = re.compile(r"^\W*[وف]?(?:كان|كانت|كانوا)\s+(?:\S+\s+){0,4}قد\s")
BACKGROUND = re.compile(r"^\W*[وف]?(?:كان|كانت)\b|(?:^|\s)[وف]?منذ\b|\bhad\b|\bsince\b")
#: a first line this short, with no full stop, followed by more text, is a headline
TITLE_CHARS = 150
#: a mention with no trigger of its own this many sentences after a triggered one is part of it
FOLD_SENTENCES = 2
#: a range of days told (not a vague "last week") up to this many days is split into one event per day
SPLIT_DAYS = 7
#: vague words -> ACLED's fixed fatality figures (folded text)
VAGUE_FATALITIES = [
    (re.compile(r"عشرات|dozens"), 12),
    (re.compile(r"مئات|hundreds"), 100),
    (re.compile(r"الاف|thousands"), 1000),
    (re.compile(r"بضع|عده|عدد من|several|a few|some"), 3),
    (re.compile(r"كثير|عديد|many|numerous|scores"), 10),
]
#: "in the aftermath of an attack": the mention looks back at an earlier event
LOOKBACK = re.compile(r"في اعقاب|اعقاب|اثر|اثناء|in the aftermath|following|after an? ")
#: a day told in a clause about what came before ("بعد مقتل متظاهر في الثامن من تموز", "after a protester was
#: killed on 8 July"): that earlier event's day
AFTER_CLAUSE = re.compile(r"(?:^|\s)(?:بعد|اثر|عقب|اعقاب|غداه|after|following)\s+(?:\S+\s+){0,4}(?:في\s+|يوم\s+|on\s+)?$")
#: "the attack that began on Thursday": an episode's first day
BEGAN = re.compile(r"بدا|بدء|اندلع|انطلق|began|started|broke out")
#: "مضى 11 يوما على الهجوم", "مرت ثلاثة أسابيع على", "weeks have passed since": an earlier event recalled
SINCE_THEN = re.compile(r"(?<!\w)[وف]?(?:قد\s+)?(?:مضي|مضت|مرت|مر)\s+(?:\S+\s+){1,2}?(?:يوم\w*|ايام|اسبوع\w*|اسابيع|شهر\w*|"
                        r"اشهر)\s+(?:علي|على)\s|\b(?:days|weeks|months) (?:have )?(?:passed|gone by) since\b")
#: "منذ بدء التظاهرات", "since the start of the protests": a running total, not one day's event
#: a tally over weeks, months or years ("استعادت خلال الأسبوعين الأخيرين كل مناطق الريف", "over the past
#: two weeks"): no day's news
OVER_WEEKS = re.compile(r"(?<!\w)خلال\s+(?:ال)?(?:اسبوعين|اسابيع|اشهر|شهرين|شهور|سنوات|اعوام|عامين|سنتين)\s+"
                        r"(?:ال)?(?:ماضي\w*|اخير\w*|منصرم\w*|فائت\w*)"
                        r"|\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:few\s+|two\s+|three\s+|several\s+)?"
                        r"(?:weeks|months|years)\b|\bin recent (?:weeks|months|years)\b")
SINCE_START = re.compile(r"(?<!\w)[وف]?منذ\s+(?:بدء|بدايه|انطلاق|اندلاع|انطلاقه)(?!\w)|\bsince the (?:start|beginning|outbreak)\b"
                         r"|(?<!\w)[وف]?(?:مذاك|مذ ذاك|منذ ذلك الحين|منذ ذلك الوقت|منذ ذلك التاريخ|منذئذ)(?!\w)|\bsince then\b")
#: a missile's launch told ("رصدت الدفاعات إطلاق صاروخ باليستي", "a missile was fired at")
_LAUNCH = re.compile(r"(?:اطلاق|اطلق\w*)\s+(?:\S+\s+){0,2}?صاروخ|\b(?:launch\w*|fired)\b.{0,30}\bmissile", re.I)
#: an event told as still going on ("ولا تزال المعارك مستمرة", "fighting is still raging"): the day of the report
ONGOING = re.compile(r"(?:^|\s)[وف]?(?:لا|ما)\s?(?:تزال|يزال|زالت|زال)\s|(?:^|\s)[وف]?(?:تتواصل|يتواصل)\s|"
                     r"\b(?:still|continues? to|continuing)\b")
EPISODE = re.compile(r"هجوم|اشتباك|معارك|مواجهات|قتال|attack|fighting|clashes|offensive|assault")


def _recent_report(doc: Document, m: EventMention, after_qad: str, ref: dt.date) -> bool:
    """"وكانت الوزارة قد أعلنت الأربعاء القبض على ...": the pluperfect is the report's, made this
    week, and what it reports is news. ``after_qad`` is the mention's folded text after "قد"."""
    verb = after_qad.split()[:1]
    cue = lexicon("ar").cues.get(verb[0]) if verb else None
    if cue is None or cue.get("kind", "say") != "say":
        return False
    return any(m.start <= d.start < m.end and d.date and 0 <= (ref - d.date).days <= BACKGROUND_DAYS
               and is_statement_date(doc, d) for d in doc.dates)


@dataclass
class _Cand:
    mention: EventMention
    sub: SubEvent
    day: dt.date | None
    precision: int
    place: object | None
    actor1: object | None
    actor2: object | None
    assoc1: list = field(default_factory=list)
    assoc2: list = field(default_factory=list)


class AssemblyStage:
    name = "assembly"

    def __init__(self) -> None:
        self.tax = taxonomy()
        self.by_name = {s.sub_event_type: s for s in self.tax.values()}
        self.lexicon = Lexicon()

    def __call__(self, doc: Document) -> Document:
        doc.events = self.assemble(doc)
        return doc

    # ------------------------------------------------------------------
    def assemble(self, doc: Document) -> list[Event]:
        if not doc.event_mentions:
            return []
        episode_start = self._episode_start(doc)
        cands: list[_Cand] = []
        for m in doc.event_mentions:
            sub = self.by_name.get(m.sub_event_type)
            if sub is None:
                continue
            for c in self._candidates(doc, m, sub, episode_start):
                cands.append(c)
        self._fold_untriggered(cands)
        groups: dict[tuple, list[_Cand]] = {}
        for c in cands:
            groups.setdefault(self._key(c), []).append(c)
        self._fold_undated(groups)
        self._merge_shared_actor(groups)
        self._merge_unattributed(groups)
        self._merge_one_bomb(groups)
        self._fold_intercepted_launch(groups, doc.lang)
        self._merge_demonstrations(groups)
        self._fold_country_level(groups)
        self._drop_moves_of_a_war(groups)
        events = self._fold_headline(doc, [self._event(doc, n, members) for n, members in enumerate(groups.values(), 1)])
        events.sort(key=lambda e: (e.event_date or "", e.evidence[0].start if e.evidence else 0))
        for n, e in enumerate(events, 1):
            e.id = f"e{n}"
        self._link_claims(doc, events)
        return events

    @staticmethod
    def _fold_headline(doc: Document, events: list[Event]) -> list[Event]:
        """An event told only in the headline, when the body tells events too, is the body's
        news in brief: its evidence goes to the body's event of the same type, or it goes."""
        nl = doc.text.find("\n")
        title = doc.text[:nl].strip() if nl > 0 else ""
        if not title or len(title) > TITLE_CHARS or title.endswith((".", "۔")) or not doc.text[nl:].strip():
            return events
        head = [e for e in events if e.evidence and all(ev.end <= nl for ev in e.evidence)]
        body = [e for e in events if e not in head]
        if not head or not body:
            return events
        for h in head:
            same = next((b for b in body if b.event_type == h.event_type), None)
            if same is not None:
                same.evidence = sorted(same.evidence + h.evidence, key=lambda ev: ev.start)
        return body

    @staticmethod
    def _fold_untriggered(cands: list[_Cand]) -> None:
        """A mention with no trigger word of its own (only "killed" and an armed actor: "among the
        dead were ...") right after a triggered one tells that event's toll, not a new event."""
        for c in cands:
            if c.mention.trigger is not None:
                continue
            before = [d for d in cands if d.mention.trigger is not None
                      and 0 < c.mention.sentence - d.mention.sentence <= FOLD_SENTENCES]
            if before:
                d = max(before, key=lambda d: d.mention.sentence)
                c.sub, c.day, c.precision, c.place = d.sub, d.day, d.precision, d.place
                c.actor1, c.actor2, c.assoc1, c.assoc2 = d.actor1, d.actor2, d.assoc1, d.assoc2

    @staticmethod
    def _merge_shared_actor(groups: dict[tuple, list[_Cand]]) -> None:
        """Two events of one type on the same place and day that share an actor ("the army and the
        resistance fought the Houthis", "the Houthis clashed with coalition forces") are one
        fight told twice, its sides named differently: one event."""
        keys = sorted(groups, key=lambda k: -len(groups[k]))
        for i, a in enumerate(keys):
            if a not in groups:
                continue
            for b in keys[i + 1:]:
                if b not in groups or a[2:] != b[2:] or a[2] is None \
                        or _event_type(groups[a]) != _event_type(groups[b]):
                    continue
                if {x for x in a[:2] if x and x != "armed"} & {x for x in b[:2] if x and x != "armed"}:
                    groups[a].extend(groups.pop(b))

    @staticmethod
    def _merge_unattributed(groups: dict[tuple, list[_Cand]]) -> None:
        """A retelling with no actor named ("اعترضت الدفاعات الجوية صاروخا شمال شرق الرياض") of
        the one event of its type told on the same place and day with its actors is that event."""
        for k in [k for k, v in groups.items() if k[2] is not None and all(c.actor1 is None and c.actor2 is None
                                                                            for c in v)]:
            same = [o for o in groups if o != k and o[2:] == k[2:]
                    and _event_type(groups[o]) == _event_type(groups[k])
                    and any(c.actor1 is not None or c.actor2 is not None for c in groups[o])]
            if len(same) == 1:
                groups[same[0]].extend(groups.pop(k))

    @staticmethod
    def _fold_country_level(groups: dict[tuple, list[_Cand]]) -> None:
        """An event placed only in a country ("قتل 17 مقاتلا في هجمات في جنوب البلاد") with the same
        actors, type and day as the one event the article places in a town or province of that
        country ("... في الاشتباكات التي دارت في محافظة السويداء") is that event told vaguely."""
        for k in [k for k in groups if k[2] is not None and k[2][0] == k[2][2]]:
            same = [o for o in groups if o != k and o[:2] == k[:2] and o[3] == k[3] and o[2] is not None
                    and o[2][2] == k[2][2] and o[2][0] != o[2][2]
                    and _event_type(groups[o]) == _event_type(groups[k])]
            if len(same) == 1:
                groups[same[0]].extend(groups.pop(k))

    @staticmethod
    def _merge_one_bomb(groups: dict[tuple, list[_Cand]]) -> None:
        """A bomb (an IED, a car bomb, a suicide bomber) told on the same place and day under
        different actors ("انفجار سيارة مفخخة كانت تستهدف موكب مدير الأمن" and "سمعوا صوت انفجار
        شديد في شارع يضم فندقا للقوات المسلحة") is one explosion whose target was read as its author:
        one event, told with the actors of its most-told reading (a non-state bomber first)."""
        bombs = ("Remote explosive/landmine/IED", "Suicide bomb")
        spots: dict[tuple, list[tuple]] = {}
        for k, members in groups.items():
            subs = {c.sub.sub_event_type for c in members}
            if k[2] is not None and len(subs) == 1 and subs <= set(bombs):
                spots.setdefault((k[2], k[3], subs.pop()), []).append(k)
        for keys in spots.values():
            if len(keys) < 2:
                continue
            target = max(keys, key=lambda k: (len(groups[k]), getattr(groups[k][0].actor1, "inter", None) != "State forces"))
            for k in keys:
                if k != target:
                    groups[target].extend(groups.pop(k))

    @staticmethod
    def _fold_intercepted_launch(groups: dict[tuple, list[_Cand]], lang: str) -> None:
        """The launch of a missile the article says was intercepted that day ("رصدت قوات الدفاع
        الجوي إطلاق صاروخ باليستي ... وتمكنت من اعتراضه"), with nobody killed, is that interception
        (disrupted weapons use), not a missile attack of its own."""
        p = patterns(lang)

        def launch(c: _Cand) -> bool:
            text = fold(c.mention.text)
            return c.sub.sub_event_type == "Shelling/artillery/missile attack" and bool(_LAUNCH.search(text)) \
                and not p["killed"].search(text)

        days = {k[3]: k for k, v in groups.items() if k[3] is not None
                and any(c.sub.sub_event_type == "Disrupted weapons use"
                        and (p["intercept"].search(fold(c.mention.text)) or p["shootdown"].search(fold(c.mention.text)))
                        for c in v)}
        if not days:
            return
        for k in days.values():
            intercepted = next(c.sub for c in groups[k] if c.sub.sub_event_type == "Disrupted weapons use")
            for c in groups[k]:
                if launch(c):
                    c.sub = intercepted
        for k in [k for k, v in groups.items() if k[3] in days and k != days[k[3]]]:
            members = groups[k]
            if all(launch(c) for c in members):
                target = groups[days[k[3]]]
                for c in members:
                    c.sub, c.place, c.precision = target[0].sub, target[0].place, target[0].precision
                target.extend(groups.pop(k))

    @staticmethod
    def _merge_demonstrations(groups: dict[tuple, list[_Cand]]) -> None:
        """A demonstration and a riot on the same place and day ("protesters tried to storm the
        governor's office; police dispersed them") are one demonstration, coded as the riot
        (ACLED: the higher type absorbs the lower); lethal force on the crowd stays an event of
        its own."""
        demo = ("Protests", "Riots")
        by_spot: dict[tuple, list[tuple]] = {}
        for k, members in groups.items():
            if k[2] is not None and all(c.sub.event_type in demo for c in members):
                by_spot.setdefault(k[2:], []).append(k)
        for keys in by_spot.values():
            if len(keys) < 2:
                continue
            riots = [k for k in keys if any(c.sub.event_type == "Riots" for c in groups[k])]
            lethal = [k for k in keys if any(c.sub.sub_event_type == "Excessive force against protesters"
                                             for c in groups[k])]
            if lethal or not riots:
                continue  # lethal force on the crowd stays an event of its own
            target = riots[0]
            for k in keys:
                if k != target:
                    groups[target].extend(groups.pop(k))

    @staticmethod
    def _drop_moves_of_a_war(groups: dict[tuple, list[_Cand]]) -> None:
        """Troops sent, withdrawn or deployed (Change to group/activity) in an article that tells
        fighting or strikes are that war's moves, told around its events; ACLED codes the
        fighting. A move told alone (a group dissolved, a force deployed where none fights) stays."""
        violent = ("Battles", "Explosions/Remote violence")
        if not any(c.sub.event_type in violent for members in groups.values() for c in members):
            return
        for k in [k for k, members in groups.items()
                  if all(c.sub.sub_event_type == "Change to group/activity" for c in members)]:
            del groups[k]

    @staticmethod
    def _fold_undated(groups: dict[tuple, list[_Cand]]) -> None:
        """A mention with no day of its own (only the article's date, precision 2 or worse)
        that retells an event already dated on the same actors and place is evidence for
        that event (the latest such day), not a new event."""
        for key in list(groups):
            members = groups[key]
            if any(c.precision == 1 for c in members):
                continue
            dated = [k for k, v in groups.items() if k[:3] == key[:3] and k != key and k[3]
                     and any(c.precision == 1 for c in v)]
            if dated:
                target = max(dated, key=lambda k: k[3])
                groups[target].extend(members)
                del groups[key]

    def _episode_start(self, doc: Document) -> dt.date | None:
        """The day "the attack began" when a sentence says so with its own date."""
        for sent in doc.sentences:
            t = fold(sent.text)
            if BEGAN.search(t) and EPISODE.search(t):
                day, _prec, dm = date_for_span(doc, sent.start, sent.end)
                if dm is not None and sent.start <= dm.start < sent.end and day:
                    return day
        return None

    def _candidates(self, doc: Document, m: EventMention, sub: SubEvent, episode_start):
        day, precision, dm = date_for_span(doc, m.start, m.end)
        own_date = dm is not None and m.start <= dm.start < m.end
        text = fold(m.text)
        if dm is not None and dm.start >= m.end and doc.reference_date and not self._retells(doc, text, dm):
            day, precision = doc.reference_date, 2  # the next sentence's day belongs to another event it tells
        if not own_date and episode_start and LOOKBACK.search(text):
            day, precision = episode_start, 1
        ref = doc.reference_date
        if not own_date and ref and ONGOING.search(text) and not PLUPERFECT.search(text):
            day, precision = ref, 2  # "ولا تزال المعارك مستمرة في مديرية الملاجم": going on as the report is written
        if own_date and day and ref and 0 < (ref - day).days <= BACKGROUND_DAYS and opens_period(doc, dm):
            day, precision = ref, 2  # "وتتواصل الاحتجاجات منذ الأربعاء": still going on the day of the report
        if day and ref and (ref - day).days > HISTORY_DAYS:
            return []  # background: history, not this article's news
        if day and ref and day > ref + dt.timedelta(days=1):
            return []  # a plan or a forecast
        if own_date and precision == 3 and day and ref and (
                (dm.end_date and dm.end_date < ref) or (not dm.end_date and (ref - day).days > BACKGROUND_DAYS)):
            # "عدن التي استعيدت في منتصف يوليو", "في مايو", "إثر هجوم بدأته الشهر الماضي": a past month
            # is background
            return []
        if ref and any(m.start <= d.start < m.start + TALLY_LEAD and d.date and (ref - d.date).days > BACKGROUND_DAYS
                       and opens_period(doc, d) for d in doc.dates):
            return []  # "ومنذ عام 2015، قتل عشرات ...", "Since 2015, dozens have been killed": a tally
        if not own_date and OVER_WEEKS.search(text):
            return []  # "استعادت خلال الأسبوعين الأخيرين كل مناطق الريف": a tally of weeks, no day's news
        if not own_date and SINCE_START.search(text):
            return []  # "وقتل 140 فلسطينيا منذ بدء التظاهرات": a tally since the start, no day's news
        if SINCE_THEN.search(text):
            return []  # "وقد مضى 11 يوما على الهجوم الكيماوي": what is counted from is an earlier event
        pluperfect = PLUPERFECT.search(text)
        if ref and pluperfect and not (own_date and day == ref) \
                and not _recent_report(doc, m, text[pluperfect.end():], ref):
            return []  # "وكان فلسطيني قد لقي مصرعه ...": told as what had happened before the news
        if day and ref and (ref - day).days > BACKGROUND_DAYS and BACKGROUND.search(text):
            return []  # "وكانت الاحتجاجات بدأت في 8 يوليو": told as background
        if own_date and day and ref and (ref - day).days > BACKGROUND_DAYS and \
                AFTER_CLAUSE.search(fold(doc.text[max(m.start, dm.start - 50):dm.start])):
            return []  # "تصاعد التوتر ... بعد مقتل متظاهر في الثامن من تموز": the day of what came before
        places = places_for_span(doc, m.start, m.end)
        roles = assign_roles(doc, m, sub.event_type, sub.sub_event_type)
        a1, a2, as1, as2 = (list(roles) + [None, None, [], []])[:4]
        sub = self._retype(sub, a1, a2)
        days = [day]
        end_day = getattr(dm, "end_date", None) if dm is not None else None
        if day and end_day and 0 < (end_day - day).days <= SPLIT_DAYS and sub.event_type == "Battles" and precision == 1:
            days = [day + dt.timedelta(days=k) for k in range((end_day - day).days + 1)]
        out = []
        for place in places:
            country = getattr(getattr(place, "place", None), "country", None)
            b1, b2 = _local(a1, country), _local(a2, country)
            out += [_Cand(m, sub, d, precision if d else 3, place, b1, b2, list(as1 or []), list(as2 or [])) for d in days]
        return out

    def _retells(self, doc: Document, text: str, dm) -> bool:
        """Whether the sentence of ``dm`` tells what ``text`` (a lead with no day) tells: they
        share an event word ("قتل قيادي حوثي في ضربة جوية. ... قتل الصماد يوم الخميس"), not only
        an armed actor ("شهد الشريط الحدودي تبادلا للقصف. وتمكنت القوات قبل يومين من السيطرة")."""
        si = doc.sentence_index(dm.start)
        if si < 0:
            return True
        def words(t: str) -> set[str]:
            return {k for _, _, k in self.lexicon.find(t, doc.lang) if k in self.tax or k in ("cue_kill", "cue_attack")}
        return bool(words(text) & words(fold(doc.sentences[si].text)))

    def _retype(self, sub: SubEvent, actor1, actor2) -> SubEvent:
        """ACLED: violence on armed actors is a battle; on civilians, violence against civilians;
        only government forces regain territory (an armed group "driven out" by another armed
        group was in a gunfight) and a non-state actor does not seize it from itself."""
        inter1, inter2 = getattr(actor1, "inter", None), getattr(actor2, "inter", None)
        if sub.key == "gov_regains_territory" and inter1 and inter1 != "State forces":
            return self.tax["armed_clash"]
        if sub.key == "nsa_overtakes_territory" and inter1 == "State forces":
            return self.tax["gov_regains_territory"]
        if inter2 is None:
            return sub
        if sub.key == "attack" and inter2 not in ("Civilians", "Protesters"):
            return self.tax["armed_clash"]
        if sub.key == "armed_clash" and inter2 == "Civilians":
            return self.tax["attack"]
        return sub

    def _key(self, c: _Cand) -> tuple:
        place = c.place.place if c.place is not None else None
        # the place by its name and province: two gazetteer entries of one town (GeoNames', Who's On First's)
        # are one place
        pkey = ((getattr(place, "name", None), getattr(place, "admin1", None), getattr(place, "country", None))
                if place else None)
        a1 = getattr(c.actor1, "name", None)
        a2 = getattr(c.actor2, "name", None)
        if a1 is None and a2 is None:
            # unknown actors: keep apart what ACLED keeps apart (civilian targets, protests, arrests)
            a2 = c.sub.event_type if c.sub.event_type in ("Violence against civilians", "Protests", "Riots",
                                                         "Strategic developments") else "armed"
        if c.sub.event_type == "Battles":
            a1, a2 = sorted((a1 or "", a2 or ""))  # a battle is the same event whoever is named first
        return (a1, a2, pkey, c.day)

    def _event(self, doc: Document, n: int, members: list[_Cand]) -> Event:
        top = min(members, key=lambda c: (c.sub.rank, -c.mention.score))
        sub = top.sub
        same = [c for c in members if c.sub.event_type == sub.event_type]
        # within a type, the most specific (highest-scored) sub-type; in a battle, territory taken outranks
        # the fighting told with it ("تمكن الجيش من تحرير معسكر ... بعد معارك استمرت عدة أيام")
        taken = [c for c in same if c.sub.sub_event_type in _TAKEN]
        sub = max(taken or same, key=lambda c: c.mention.score).sub
        # (members share the place's name: the most precise of its entries, one with a GeoNames id first)
        placed = [c.place for c in members if c.place is not None]
        place = min(placed, key=lambda m: (getattr(m, "geo_precision", 3), getattr(m.place, "geonameid", None) is None),
                    default=None)
        p = place.place if place is not None else None
        a1 = next((c.actor1 for c in members if c.actor1 is not None), None)
        a2 = next((c.actor2 for c in members if c.actor2 is not None), None)
        inter1, inter2 = getattr(a1, "inter", None), getattr(a2, "inter", None)
        evidence, seen = [], set()
        for c in sorted(members, key=lambda c: c.mention.start):
            if (c.mention.start, c.mention.end) not in seen:
                seen.add((c.mention.start, c.mention.end))
                evidence.append(Evidence(c.mention.start, c.mention.end, doc.text[c.mention.start:c.mention.end]))
        fat, low, best, high = self._fatalities(doc, evidence)
        day = min(members, key=lambda c: (c.precision, c.sub.rank, -c.mention.score)).day  # an own date first
        ev = Event(
            id=f"e{n}", event_date=day.isoformat() if day else None, time_precision=min(c.precision for c in members),
            disorder_type=sub.disorder_type, event_type=sub.event_type, sub_event_type=sub.sub_event_type,
            plover=Plover(sub.plover_event, sub.plover_mode),
            actor1=getattr(a1, "name", None), actor2=getattr(a2, "name", None),
            assoc_actor_1=sorted({getattr(a, "name", str(a)) for c in members for a in c.assoc1}),
            assoc_actor_2=sorted({getattr(a, "name", str(a)) for c in members for a in c.assoc2}),
            inter1=inter1, inter2=inter2, interaction=interaction(inter1, inter2),
            civilian_targeting=inter2 == "Civilians" or (sub.event_type == "Violence against civilians"),
            country=getattr(p, "country", None), iso=getattr(p, "iso", None), admin1=getattr(p, "admin1", None),
            admin2=getattr(p, "admin2", None), location=getattr(p, "name", None),
            location_ar=getattr(p, "name_ar", None), latitude=getattr(p, "latitude", None),
            longitude=getattr(p, "longitude", None), geo_precision=getattr(place, "geo_precision", 3) if place else 3,
            geonameid=getattr(p, "geonameid", None), fatalities=fat, fatalities_low=low, fatalities_best=best,
            fatalities_high=high, evidence=evidence,
        )
        ev.confidence = self._confidence(members, ev)
        ev.notes = notes(ev)
        return ev

    # ------------------------------------------------------------------
    def _quantities(self, doc: Document, evidence: list[Evidence]):
        found, seen = [], set()
        pools = list(doc.quantities) + [q for c in doc.claims for q in c.quantities]
        for q in pools:
            if q.unit != "killed" or (q.start, q.end) in seen:
                continue
            if any(e.start <= q.start < e.end for e in evidence):
                seen.add((q.start, q.end))
                found.append(q)
        return found

    def _fatalities(self, doc: Document, evidence: list[Evidence]):
        qs = self._quantities(doc, evidence)
        if any(not getattr(q, "_part", False) for q in qs):
            qs = [q for q in qs if not getattr(q, "_part", False)]  # "بينهم 7 أطفال" is no lower figure
        points = []
        for q in qs:
            if q.qualifier == "vague" or q.low is None:
                v = vague_fatalities(q.text)
                if v is not None:
                    points.append((v, v))
                continue
            points.append((q.low, q.high if q.high is not None else q.low))
        if not points:
            return 0, None, None, None
        lows = sorted(p[0] for p in points)
        highs = [p[1] for p in points]
        return lows[0], lows[0], lows[len(lows) // 2], max(highs)

    def _confidence(self, members: list[_Cand], ev: Event) -> float:
        s = max(c.mention.score for c in members)
        s = 0.5 * s + 0.1 * min(len(members), 3) / 3
        s += 0.15 if ev.event_date and ev.time_precision == 1 else 0.0
        s += 0.1 if ev.location else 0.0
        s += 0.1 if ev.actor1 else 0.0
        return round(min(1.0, s), 3)

    def _link_claims(self, doc: Document, events: list[Event]) -> None:
        for c in doc.claims:
            for e in events:
                if any(c.start < x.end and x.start < c.end for x in e.evidence):
                    if e.id not in c.event_ids:
                        c.event_ids.append(e.id)
                    if c.id not in e.claim_ids:
                        e.claim_ids.append(c.id)


#: the battle sub-types of territory changing hands, which outrank the fighting told with them
_TAKEN = ("Government regains territory", "Non-state actor overtakes territory")
#: the people of a place: civilians, protesters and rioters are of the country where the event is
_PEOPLE = {"Civilians": "civilians", "Protesters": "protesters", "Rioters": "rioters"}


def _event_type(members: list[_Cand]) -> str:
    """The event type a group of candidates makes: its highest-ranked member's."""
    return min(members, key=lambda c: c.sub.rank).sub.event_type


def _local(actor, country: str | None):
    """``Protesters (Israel)`` read from "the Gaza border with Israel", for an event in Gaza, is
    ``Protesters (Palestine)``: a generic population actor takes the country of the event's place."""
    kind = _PEOPLE.get(getattr(actor, "inter", None))
    if kind and actor.generic and country and actor.country != country:
        return default_catalogue().context_actor(kind, country)
    return actor


def vague_fatalities(text: str) -> int | None:
    """ACLED's fixed figure for a vague word, or None ("casualties" alone is 0 elsewhere)."""
    t = fold(text)
    for rx, v in VAGUE_FATALITIES:
        if rx.search(t):
            return v
    return None


_VERB = {
    "Armed clash": "clashed with", "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from", "Chemical weapon": "used chemical weapons against",
    "Air/drone strike": "carried out an air/drone strike on", "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "shelled", "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Grenade": "threw a grenade at", "Sexual violence": "sexually assaulted", "Attack": "attacked",
    "Abduction/forced disappearance": "abducted", "Peaceful protest": "protested",
    "Protest with intervention": "protested and were dispersed by",
    "Excessive force against protesters": "protested and met lethal or excessive force from",
    "Violent demonstration": "rioted", "Mob violence": "attacked", "Agreement": "reached an agreement with",
    "Arrests": "arrested", "Change to group/activity": "changed activity", "Disrupted weapons use": "disrupted weapons of",
    "Headquarters or base established": "established a base", "Looting/property destruction": "looted or destroyed property of",
    "Non-violent transfer of territory": "took over territory from", "Other": "was involved in an event with",
}


def notes(ev: Event) -> str:
    """A short English summary in ACLED's style."""
    when = ""
    if ev.event_date:
        d = dt.date.fromisoformat(ev.event_date)
        when = f"On {d.day} {d.strftime('%B')} {d.year}" if ev.time_precision == 1 else \
            (f"Around {d.day} {d.strftime('%B')} {d.year}" if ev.time_precision == 2 else f"In {d.strftime('%B')} {d.year}")
    a1 = ev.actor1 or "unidentified actors"
    verb = _VERB.get(ev.sub_event_type, "were involved in")
    obj = f" {ev.actor2}" if ev.actor2 else ""
    if verb.endswith((" with", " from", " on", " against", " at", " of", " by")) and not ev.actor2:
        verb, obj = verb.rsplit(" ", 1)[0], ""
    where = f" in {ev.location}" + (f" ({ev.admin1}, {ev.country})" if ev.admin1 and ev.admin1 != ev.location and ev.country
                                    else (f" ({ev.country})" if ev.country and ev.country != ev.location else "")) \
        if ev.location else (f" in {ev.country}" if ev.country else "")
    head = f"{when}, " if when else ""
    text = f"{head}{a1} {verb}{obj}{where}."
    text = text[0].upper() + text[1:]
    fat = f" {ev.fatalities} fatalities." if ev.fatalities else " No fatalities reported." \
        if ev.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians") else ""
    return (text + fat).strip()
