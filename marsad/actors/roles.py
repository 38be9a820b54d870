"""ACLED roles for one event mention: who is actor1, actor2 and the associated actors.

Per ACLED's codebook: the attacker is actor1 in Battles and Explosions/Remote violence; the
victims of Violence against civilians are actor2 (``Civilians ({country})``); protesters are
actor1 of Protests (organisers go to ``assoc_actor_1``; the police that intervene are actor2);
rioters are actor1 of Riots; the arresting force is actor1 of Arrests.
"""

from __future__ import annotations

import re
from collections import Counter

from ..doc import Actor, ActorMention, Document
from ..records import INTER_TYPES
from ..text import fold
from .catalogue import default_catalogue

ARMED = {"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"}
NON_STATE = {"Rebel group", "Political militia", "Identity militia"}
_ORDER = {t: i for i, t in enumerate(INTER_TYPES)}

# an agent follows these (passive voice, "attack by X", "على يد")
_AGENT_CUES = re.compile(r"(?:^|\s)(?:علي يد|على يد|علي ايدي|على ايدي|بيد|من قبل|من جانب|بواسطه|شنه|شنها|شنته|شنتها|نفذه|نفذها|نفذته|"
                         r"تبناه|تبنته|by|carried out by|claimed by|launched by)\s*$")
# a victim/target follows these
_TARGET_CUES = re.compile(r"(?:^|\s)(?:ضد|علي|على|استهدف\S*|باتجاه|against|on|targeting|at|with)\s*$")
# victims follow these nouns and passives: "مقتل 15 جنديا", "تعرضت القوات لهجوم", "killing 2 soldiers"
_VICTIM_CUES = re.compile(r"(?:^|\s)[وب]?(?:مقتل|اصابه|جرح|اغتيال|اختطاف|خطف|اعتقال|تعرض|تعرضت|استشهاد|مصرع|killing|wounding|"
                          r"injuring|kidnapping|abducting)(?:\s+(?:نحو|زهاء|حوالي|اكثر من|at least|about|\d+|[\w]+ة?))?\s*$")
# an ally follows these: "الجيش اليمني بدعم من التحالف", "backed by coalition jets"
_SUPPORT_CUES = re.compile(r"(?:^|\s)(?:ب(?:دعم|اسناد|مسانده|مؤازره|موازره|غطاء|التنسيق مع|التعاون مع)(?:\s+(?:جوي|بري|مدفعي))?(?:\s+من)?|"
                           r"(?:مدعوم|مسنود)\S*\s+(?:من)?)(?:\s+(?:قوات|طيران|مقاتلات|مروحيات))?\s*$|"
                           r"\b(?:backed by|supported by|with the (?:support|backing) of|with support from|aided by|in coordination with)\s*$")
# reported speech: a source before these words is not an actor of the event
_SPEECH = re.compile(r"(?:قال|قالت|اعلن|اعلنت|افاد|افادت|ذكر|ذكرت|اكد|اكدت|said|says|reported|announced|according to)")
_SPEECH_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:قال|قالت|اعلن|اعلنت|افاد|افادت|ذكر|ذكرت|اكد|اكدت|اضاف|اضافت|بحسب|وفق|وفقا ل|حسب)\s+$")
_SPEECH_AFTER = re.compile(r"\s*(?:said|says|told|reported|announced|claimed responsibility)\b")


_ATTACK = re.compile(r"(?:^|\s)[وف]?(?:هاجم\S*|شن\S*|اقتحم\S*|فجر\S*|قصف\S*|استهدف\S*|اغتال\S*|قتل\S*|اختطف\S*)(?:\s|$)|"
                     r"\b(?:attack\w*|storm\w*|shell\w*|ambush\w*|kill\w*|abduct\w*|kidnap\w*|bomb\w*|struck|strike)\b")
_SYMMETRIC = re.compile(r"(?:^|\s)(?:بين|اشتباك\S*|اشتبك\S*|مواجه\S*|معارك)(?:\s|$)|\b(?:between|clash\w*|fighting)\b")


def _aggressors(doc: Document) -> dict[str, int]:
    """How often each actor of the article is the subject of an attack verb (SVO or VSO), cached."""
    got = doc.scratch.get("_actor_aggressors")
    if got is not None and got[0] == len(doc.actors):
        return got[1]
    score: dict[str, int] = {}
    for m in doc.actors:
        if m.actor.inter not in ARMED:
            continue
        after = fold(doc.text[m.end:m.end + 30])
        before = fold(doc.text[max(0, m.start - 14):m.start])
        if _ATTACK.search(after[:30]) and not _AGENT_CUES.search(before) or re.search(r"(?:هاجم|شن|اقتحم|قصف|استهدف)\S*\s*$", before):
            score[m.actor.name] = score.get(m.actor.name, 0) + 1
    doc.scratch["_actor_aggressors"] = (len(doc.actors), score)
    return score


def interaction(inter1: str | None, inter2: str | None) -> str | None:
    """ACLED's interaction text: the two actor types in ACLED's order of types
    (``State forces-Rebel group``, ``Rebel group-Civilians``), or ``Protesters only`` when
    the event has one actor."""
    if not inter1 and not inter2:
        return None
    if not inter1 or not inter2:
        return f"{inter1 or inter2} only"
    a, b = sorted((inter1, inter2), key=lambda t: _ORDER.get(t, 99))
    return f"{a}-{b}"


def civilian_targeting(event_type: str | None, sub_event_type: str | None = None,
                       actor2: Actor | None = None) -> bool:
    """ACLED's civilian-targeting flag: every Violence against civilians event, and an
    Explosions/Remote violence or Riots (mob violence) event whose target is civilians."""
    if event_type == "Violence against civilians":
        return True
    if event_type in ("Explosions/Remote violence", "Riots") and actor2 is not None:
        return actor2.inter == "Civilians"
    return False


def _country(doc: Document, mentions: list[ActorMention], start: int = 0, end: int = 0) -> str | None:
    """The event's country: a country or town named in the passage, the article's places, else
    the country of the state forces named in it."""
    named = [c for s, c in doc.scratch.get("actor_countries", ()) if start <= s < end]
    if named:
        return Counter(named).most_common(1)[0][0]
    for m in mentions:
        if m.actor.country and m.actor.generic:
            return m.actor.country
    if doc.country_context:
        return doc.country_context[0]
    c = Counter(m.actor.country for m in doc.actors if m.actor.country)
    for m in mentions:
        if m.actor.country:
            return m.actor.country
    return c.most_common(1)[0][0] if c else None


def _dedup(ms: list[ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for m in ms:
        if m.actor.name not in seen:
            seen.add(m.actor.name)
            out.append(m)
    return out


def _main_belligerents(doc: Document) -> list[Actor]:
    """The article's armed actors, the most named first, not counting where one is named only as
    another's backer."""
    c = Counter()
    first: dict[str, Actor] = {}
    for m in doc.actors:
        if m.actor.inter in ARMED and not _backed(doc, m):
            c[m.actor.name] += 1 if m.kind != "name" else 2
            first.setdefault(m.actor.name, m.actor)
    return [first[n] for n, _ in c.most_common()]


def _order_armed(doc: Document, span_start: int, trig: tuple[int, int] | None, ms: list[ActorMention]) -> list[ActorMention]:
    """Armed actors of a passage in attacker-first order."""
    if not ms:
        return []
    text = doc.text
    agent, others = [], []
    for m in ms:
        left = fold(text[max(span_start, m.start - 20):m.start])
        if _AGENT_CUES.search(left):
            agent.append(m)
        else:
            others.append(m)
    # drop reporting sources ("قالت قسد إن ...", "the SDF said") when other actors remain
    quoted = _speech_spans(doc, span_start, max(m.end for m in ms))
    filtered = []
    for m in others:
        if any(s <= m.start < e for s, e in quoted):
            continue
        left = fold(text[max(span_start, m.start - 12):m.start])
        right = fold(text[m.end:m.end + 14])
        if _SPEECH_BEFORE.search(left) or _SPEECH_AFTER.match(right):
            continue
        filtered.append(m)
    if filtered and len(filtered) < len(others) and (filtered or agent):
        others = filtered
    targeted = []
    rest = []
    for m in others:
        left = fold(text[max(span_start, m.start - 14):m.start])
        (targeted if _TARGET_CUES.search(left) or _VICTIM_CUES.search(fold(text[max(span_start, m.start - 24):m.start]))
         else rest).append(m)
    if trig and doc.lang == "ar":
        ts, te = trig
        after = [m for m in rest if m.start >= te]
        before = [m for m in rest if m.start < te and m not in after]  # a trigger inside a name (المسيرات التركية) counts as before
        # VSO: "هاجم مسلحو داعش مواقع قسد"
        if after and (after[0].start - te) <= 3 and not before:
            rest = after + before
        else:
            rest = list(reversed(before)) + after
    elif trig:
        ts, te = trig
        after = [m for m in rest if m.start >= te]
        before = [m for m in rest if m.start < te and m not in after]
        rest = list(reversed(before)) + after
    out = _dedup(agent + rest + targeted)
    if not agent and len(out) >= 2 and _SYMMETRIC.search(fold(text[span_start:max(m.end for m in ms)])):
        # "clashes between X and Y": the article's attacker first
        agg = _aggressors(doc)
        a, b = out[0], out[1]
        if agg.get(b.actor.name, 0) > agg.get(a.actor.name, 0):
            out[0], out[1] = b, a
    return out


_SPEECH_CLAUSE = re.compile(
    r"(?:^|[\s\-–:.,])[وف]?(?:قالت|قال|اعلنت|اعلن|افادت|افاد|ذكرت|ذكر|اكدت|اكد|اضافت|اضاف|اوضحت|اوضح|زعمت|زعم)"
    r"(?P<who>[^.!?\n]{1,90}?)\s(?:ان|إن|انه|انها|انهم)\s"
    r"|(?:المتحدث|الناطق|متحدث|ناطق)(?: الرسمي)? باسم(?P<who2>[^.!?\n]{1,40}?)[،,]"
    r"|(?:بحسب|وفقا ل|حسب|according to)(?P<who3>[^.!?\n]{1,40}?)[،,]")


def _speech_spans(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Original-text spans of the sources of reported speech in [start, end) (قالت قسد إن, المتحدث باسم X،)."""
    ns, ne = doc.orig_to_norm(start), doc.orig_to_norm(end)
    out = []
    for m in _SPEECH_CLAUSE.finditer(doc.norm.text, max(0, ns - 1), min(len(doc.norm.text), ne + 100)):
        g = next(x for x in ("who", "who2", "who3") if m.group(x) is not None)
        s, e = doc.norm.span(m.start(g), m.end(g))
        out.append((s, e))
    return out


def _militant(cat, actor: Actor) -> bool:
    e = cat.entry_for(actor.name)
    g = cat.generic
    return bool(e and (e.family in g.get("militant_families", ()) or e.name in g.get("militant_names", ())))


def assign_roles(doc: Document, mention, event_type: str, sub_event_type: str):
    """ACLED roles for an event mention: ``(actor1, actor2, assoc_actor_1, assoc_actor_2)``
    as :class:`~marsad.doc.Actor` (or None) and lists of Actor, per ACLED's codebook
    (victims are actor2 in violence against civilians, protesters actor1, ...)."""
    return _assign(doc, mention, event_type or "", sub_event_type or "")


def _assign(doc: Document, mention, event_type: str, sub_event_type: str):
    cat = default_catalogue()
    dl = doc.article.dateline  # "دبي، الإمارات العربية المتحدة (CNN)— ...": the dateline names no actor
    lo, hi = dl.cut(mention.start, mention.end), mention.end
    ms = [m for m in doc.actors if lo <= m.start < hi]
    if sum(m.actor.inter in ARMED for m in ms) < 2 and doc.sentences:
        # a clause-long event passage: read the actors of its whole sentence
        i = doc.sentence_index(mention.start)
        j = doc.sentence_index(max(mention.start, mention.end - 1))
        if 0 <= i <= j < len(doc.sentences):
            lo, hi = min(lo, doc.sentences[i].start), max(hi, doc.sentences[j].end)
            lo = dl.cut(lo, hi)
            ms = [m for m in doc.actors if lo <= m.start < hi]
    country = _country(doc, ms, lo, hi)
    trig = None
    if getattr(mention, "trigger", None) is not None:
        trig = (mention.trigger.start, mention.trigger.end)
    armed = [m for m in ms if m.actor.inter in ARMED]
    allies = _supporters(doc, lo, armed)
    armed = [m for m in armed if m.actor.name not in allies]
    civ = [m for m in ms if m.actor.inter == "Civilians"]
    prot = [m for m in ms if m.actor.inter == "Protesters"]
    ordered = _order_armed(doc, lo, trig, armed)
    a_list = [m.actor for m in ordered]

    def ctx(sub):
        return cat.context_actor(sub, country)

    if event_type == "Protests":
        a1 = ctx("protesters")
        assoc = [m.actor for m in _dedup(prot) if not m.actor.generic]
        assoc += [a for a in a_list if a.inter in NON_STATE and a.name not in {x.name for x in assoc}]
        a2 = None
        if sub_event_type in ("Excessive force against protesters", "Protest with intervention"):
            # the forces named in the passage, else the article's ("بنيران الجيش الإسرائيلي" told earlier)
            state = [a for a in a_list if a.inter == "State forces"] or \
                [a for a in _main_belligerents(doc) if a.inter == "State forces"]
            a2 = state[0] if state else ctx("police")
        return a1, a2, assoc, []
    if event_type == "Riots":
        a1 = ctx("rioters")
        state = [a for a in a_list if a.inter == "State forces"]
        if sub_event_type == "Mob violence":
            a2 = (state[0] if state else None) or (ctx("civilians") if civ or not a_list else a_list[0])
        else:
            a2 = state[0] if state else (ctx("police") if "police" in fold(mention.text) or "شرط" in fold(mention.text) else None)
        return a1, a2, [], []
    if event_type == "Violence against civilians":
        a1 = a_list[0] if a_list else None
        victim = next((a for a in a_list[1:] if a.name != a1.name and not _same_state(a1, a)), None)
        if victim is not None and not civ and sub_event_type == "Attack":
            # "مقتل مسلحين بنيران الشرطة": two armed sides and no civilian named, the dead are fighters
            return a1, victim, [], []
        if a1 is None:
            mains = [a for a in _main_belligerents(doc) if a.inter in NON_STATE and not a.generic]
            a1 = mains[0] if mains else ctx("uag")
        return a1, ctx("civilians"), [], []
    if event_type == "Strategic developments":
        if sub_event_type == "Arrests":
            state = [a for a in a_list if a.inter == "State forces"]
            a1 = state[0] if state else (a_list[0] if a_list else ctx("police"))
            others = [a for a in a_list if a is not a1 and a.name != a1.name] if a1 else a_list
            a2 = others[0] if others else (ctx("protesters") if prot else ctx("civilians"))
            return a1, a2, [], []
        a1 = a_list[0] if a_list else None
        a2 = a_list[1] if len(a_list) > 1 else None
        return a1, a2, [], []
    # Battles, Explosions/Remote violence
    a1 = a_list[0] if a_list else None
    a2 = next((a for a in a_list[1:] if a.name != (a1.name if a1 else None) and not _same_state(a1, a)), None)
    if event_type == "Explosions/Remote violence" and civ and (a2 is None or sub_event_type in ("Suicide bomb",)) \
            and a2 is None:
        a2 = ctx("civilians")
    if event_type == "Battles" or (event_type == "Explosions/Remote violence" and a1 is not None and a2 is None and not civ):
        if a1 is None or a2 is None:
            mains = [a for a in _main_belligerents(doc) if a.name != (a1.name if a1 else None) and a.name not in allies
                     and not _same_state(a1, a)]
            fam = {a1.name} if a1 else set()
            if a1 is None and mains:
                a1, mains = mains[0], mains[1:]
                fam = {a1.name}
            if a2 is None and event_type == "Battles":
                opp = [a for a in mains if a.name not in fam and not a.generic] or [a for a in mains if a.name not in fam]
                if opp:
                    a2 = opp[0]
                elif _other_armed(doc, lo, hi, ordered):
                    a2 = ctx("uag")  # "بين الحوثيين والقوات الموالية للرئيس": an armed side we cannot name
                else:  # one armed side and no other in the article: its victims are civilians (ACLED: an attack)
                    a2 = ctx("civilians")
                if a2 is not None and a1 is not None and a2.name == a1.name:
                    a2 = None
    if event_type == "Explosions/Remote violence" and a1 is None:
        if sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack"):
            a1 = next((a for a in _main_belligerents(doc) if a.inter in ("State forces", "External/Other forces")), None)
        else:  # a bomb with no named perpetrator in an article about one militant group is that group's
            a1 = next((a for a in _main_belligerents(doc) if _militant(cat, a)), None) or ctx("uag")
    return a1, a2, list(allies.values()) if a1 is not None else [], []


def _same_state(a: Actor | None, b: Actor | None) -> bool:
    """Two forces of one state (its police and its army) fight on the same side."""
    return bool(a and b and a.inter == b.inter == "State forces" and a.country and a.country == b.country)


def _backed(doc: Document, m: ActorMention, lo: int = 0) -> bool:
    """Whether ``m`` is named as another's support ("بإسناد من التحالف", "backed by"), reading no
    further back than ``lo``."""
    return bool(_SUPPORT_CUES.search(fold(doc.text[max(lo, m.start - 24):m.start])))


def _supporters(doc: Document, lo: int, armed: list[ActorMention]) -> dict[str, Actor]:
    """The armed actors named as another's support ("الجيش بإسناد من التحالف", "backed by
    coalition jets"): allies, ACLED's associated actors, never the other side."""
    backed = [m for m in armed if _backed(doc, m, lo)]
    # one also named on its own in the passage acts in it ("... ودمرت طائرات التحالف مخزنا")
    alone = {m.actor.name for m in armed if m not in backed}
    return {m.actor.name: m.actor for m in backed if m.actor.name not in alone}


#: words that name an armed side ("القوات الموالية للرئيس", "عناصر المقاومة", "the loyalist troops")
_ARMED_WORDS = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:قوات|عناصر|مسلح\w*|مقاتل\w*|جيش|مقاومه|ميليشي\w*|مليشي\w*|كتائب|"
                          r"فصائل|فصيل|شرطه|جنود|حرس|troops|forces|fighters|militants|gunmen|soldiers|army|militia\w*|"
                          r"police|rebels|insurgents|guards)(?!\w)", re.I)


def _other_armed(doc: Document, lo: int, hi: int, named) -> bool:
    """Whether the passage names an armed side besides the actors found (``named`` mentions)."""
    text = doc.text[lo:hi]
    for m in sorted(named, key=lambda m: m.start, reverse=True):
        if lo <= m.start and m.end <= hi:
            text = text[:m.start - lo] + " " * (m.end - m.start) + text[m.end - lo:]
    return bool(_ARMED_WORDS.search(fold(text)))
