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
_AGENT_CUES = re.compile(r"(?:^|\s)(?:علي يد|على يد|من قبل|من جانب|بواسطه|by|carried out by|claimed by)\s*$")
# a victim/target follows these
_TARGET_CUES = re.compile(r"(?:^|\s)(?:ضد|علي|على|استهدف\S*|باتجاه|against|on|targeting|at|with)\s*$")
# reported speech: a source before these words is not an actor of the event
_SPEECH = re.compile(r"(?:قال|قالت|اعلن|اعلنت|افاد|افادت|ذكر|ذكرت|اكد|اكدت|said|says|reported|announced|according to)")
_AR_VERB_FIRST = re.compile(r"^[وف]?(?:[اتين]?\w+)$")


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


def _country(doc: Document, mentions: list[ActorMention]) -> str | None:
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
    c = Counter()
    first: dict[str, Actor] = {}
    for m in doc.actors:
        if m.actor.inter in ARMED:
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
    filtered = []
    for m in others:
        left = fold(text[max(span_start, m.start - 12):m.start])
        right = fold(text[m.end:m.end + 14])
        if (_SPEECH.search(left) and re.search(r"(?:ان|إن)\b|\bان\s|إن\s", right + " ")) or re.match(r"\s*(?:said|says)\b", right):
            continue
        filtered.append(m)
    if filtered and len(filtered) < len(others) and (filtered or agent):
        others = filtered
    targeted = []
    rest = []
    for m in others:
        left = fold(text[max(span_start, m.start - 14):m.start])
        (targeted if _TARGET_CUES.search(left) else rest).append(m)
    if trig and doc.lang == "ar":
        ts, te = trig
        after = [m for m in rest if m.start >= te]
        before = [m for m in rest if m.end <= ts]
        # VSO: "هاجم مسلحو داعش مواقع قسد"
        if after and (after[0].start - te) <= 3 and not before:
            rest = after + before
        else:
            rest = list(reversed(before)) + after
    elif trig:
        ts, te = trig
        before = [m for m in rest if m.end <= ts]
        after = [m for m in rest if m.start >= te]
        rest = list(reversed(before)) + after
    return _dedup(agent + rest + targeted)


def assign_roles(doc: Document, mention, event_type: str, sub_event_type: str):
    """ACLED roles for an event mention: ``(actor1, actor2, assoc_actor_1, assoc_actor_2)``
    as :class:`~marsad.doc.Actor` (or None) and lists of Actor, per ACLED's codebook
    (victims are actor2 in violence against civilians, protesters actor1, ...)."""
    try:
        return _assign(doc, mention, event_type or "", sub_event_type or "")
    except (ValueError, IndexError, KeyError, TypeError, AttributeError):
        return None, None, [], []


def _assign(doc: Document, mention, event_type: str, sub_event_type: str):
    cat = default_catalogue()
    ms = [m for m in doc.actors if mention.start <= m.start < mention.end]
    country = _country(doc, ms)
    trig = None
    if getattr(mention, "trigger", None) is not None:
        trig = (mention.trigger.start, mention.trigger.end)
    armed = [m for m in ms if m.actor.inter in ARMED]
    civ = [m for m in ms if m.actor.inter == "Civilians"]
    prot = [m for m in ms if m.actor.inter == "Protesters"]
    ordered = _order_armed(doc, mention.start, trig, armed)
    a_list = [m.actor for m in ordered]

    def ctx(sub):
        return cat.context_actor(sub, country)

    if event_type == "Protests":
        a1 = ctx("protesters")
        assoc = [m.actor for m in _dedup(prot) if not m.actor.generic]
        assoc += [a for a in a_list if a.inter in NON_STATE and a.name not in {x.name for x in assoc}]
        a2 = None
        if sub_event_type in ("Excessive force against protesters", "Protest with intervention"):
            state = [a for a in a_list if a.inter == "State forces"]
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
        if a1 is None:
            mains = [a for a in _main_belligerents(doc) if a.inter in NON_STATE and not a.generic]
            a1 = mains[0] if mains else ctx("uag")
        return a1, ctx("civilians"), [], []
    if event_type == "Strategic developments":
        if sub_event_type == "Arrests":
            state = [a for a in a_list if a.inter == "State forces"]
            a1 = state[0] if state else (a_list[0] if a_list else ctx("police"))
            others = [a for a in a_list if a is not a1 and a.name != a1.name] if a1 else a_list
            a2 = others[0] if others else (ctx("civilians") if civ else None)
            return a1, a2, [], []
        a1 = a_list[0] if a_list else None
        a2 = a_list[1] if len(a_list) > 1 else None
        return a1, a2, [], []
    # Battles, Explosions/Remote violence
    a1 = a_list[0] if a_list else None
    a2 = next((a for a in a_list[1:] if a.name != (a1.name if a1 else None)), None)
    if event_type == "Explosions/Remote violence" and civ and (a2 is None or sub_event_type in ("Suicide bomb",)) \
            and a2 is None:
        a2 = ctx("civilians")
    if event_type == "Battles" or (event_type == "Explosions/Remote violence" and a1 is not None and a2 is None and not civ):
        if a1 is None or a2 is None:
            mains = [a for a in _main_belligerents(doc) if a.name != (a1.name if a1 else None)]
            fam = {a1.name} if a1 else set()
            if a1 is None and mains:
                a1, mains = mains[0], mains[1:]
                fam = {a1.name}
            if a2 is None and event_type == "Battles":
                opp = [a for a in mains if a.name not in fam and (a.inter != a1.inter or a.inter == "State forces")] or \
                      [a for a in mains if a.name not in fam]
                a2 = opp[0] if opp else ctx("uag")
    if event_type == "Explosions/Remote violence" and a1 is None:
        a1 = ctx("uag") if sub_event_type not in ("Air/drone strike", "Shelling/artillery/missile attack") else \
            next((a for a in _main_belligerents(doc) if a.inter in ("State forces", "External/Other forces")), None)
    return a1, a2, [], []
