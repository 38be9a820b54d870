"""Stage 'actors': find actor mentions and resolve them to canonical ACLED actors.

Fills ``doc.actors`` (armed actors, state forces, civilians, protesters, rioters) and
``doc.scratch["actor_sources"]`` (monitors and media: the Syrian Observatory, Amaq, ... for the
claims stage; never event actors). Matching runs on ``doc.norm.text`` over the phrase index of
:mod:`marsad.actors.catalogue`. Roles for an event come from :func:`assign_roles`.
"""

from __future__ import annotations

import re
from collections import Counter

from ..doc import Actor, ActorMention, Document
from ..text import fold
from .catalogue import Catalogue, Target, default_catalogue, first_keys, strip_al
from .roles import assign_roles, civilian_targeting, interaction  # noqa: F401  (public API)

NON_STATE = {"Rebel group", "Political militia", "Identity militia"}
ARMED = NON_STATE | {"State forces", "External/Other forces"}
_PREFIXES = {"تنظيم", "جماعه", "حركه", "مجموعه", "ميليشيا", "مليشيا", "group", "the"}
_AR_CHAR = re.compile(r"[\u0600-\u06ff]")
_TOK = re.compile(r"[\u0621-\u064a]+|[a-z0-9]+(?:\.[a-z0-9]+)*(?:'[a-z]+)?")


class ActorStage:
    name = "actors"

    def __init__(self, catalogue: Catalogue | None = None):
        self.cat = catalogue or default_catalogue()
        self._not_before = {fold(k): {fold(w) for w in v}
                            for k, v in (self.cat.generic.get("not_before") or {}).items()}

    def __call__(self, doc: Document) -> Document:
        doc.actors, doc.scratch["actor_sources"] = self.find(doc)
        return doc

    # ------------------------------------------------------------------ matching
    def matches(self, norm: str, original: str | None = None,
                to_orig: tuple[int, ...] | None = None) -> list[tuple[int, int, Target, int, int]]:
        """Longest phrase matches over the folded text: (nstart, nend, target, tok_i, tok_j).
        With the original text, an upper-case "IS" is read as the Islamic State (not the verb)."""
        toks = [(m.group(), m.start(), m.end()) for m in _TOK.finditer(norm)]
        if original is not None and to_orig is not None:
            for k, (t, a, b) in enumerate(toks):
                if t == "is" and original[to_orig[a]:to_orig[b - 1] + 1] == "IS":
                    toks[k] = ("isis", a, b)
        index, n = self.cat.index, len(toks)
        rest_keys: list = [None] * n
        keys = [first_keys(t[0]) for t in toks]
        live = [any(k in index or k in _PREFIXES for k in ks) for ks in keys]

        def best_at(i: int):
            best = None
            for k in keys[i]:
                for rest, target in index.get(k, ()):
                    L = len(rest)
                    if i + L >= n or (best and L + 1 < best[0]):
                        continue
                    ok = True
                    for j, r in enumerate(rest, i + 1):
                        if rest_keys[j] is None:
                            t = toks[j][0]
                            rest_keys[j] = (t, strip_al(t), t[:-2] if t.endswith("'s") else t)
                        if r not in rest_keys[j]:
                            ok = False
                            break
                    if ok and (best is None or L + 1 > best[0]):
                        best = (L + 1, [target])
                    elif ok and best and L + 1 == best[0]:
                        best[1].append(target)
            return best

        out, i = [], 0
        while i < n:
            if not live[i]:
                i += 1
                continue
            best = best_at(i)
            # "تنظيم القاعدة في بلاد المغرب": a generic word before a longer name ("group", تنظيم)
            if i + 1 < n and live[i + 1] and any(k in _PREFIXES for k in keys[i]):
                nxt = best_at(i + 1)
                if nxt and (best is None or nxt[0] >= best[0]):
                    L, targets = nxt
                    out.append((toks[i][1], toks[i + L][2], targets, i, i + 1 + L))
                    i += 1 + L
                    continue
            if best:
                L, targets = best
                if i + L < n and L <= 2 and toks[i + L - 1][0] in self._not_before:
                    nxt_keys = first_keys(toks[i + L][0])
                    if any(k in self._not_before[toks[i + L - 1][0]] for k in nxt_keys):
                        i += L
                        continue
                out.append((toks[i][1], toks[i + L - 1][2], targets, i, i + L))
                i += L
            else:
                i += 1
        return out

    # ------------------------------------------------------------------ resolving
    def find(self, doc: Document) -> tuple[list[ActorMention], list[ActorMention]]:
        norm = doc.norm.text
        if not norm.strip():
            return [], []
        raw = self.matches(norm, doc.text, doc.norm.to_orig)
        day = doc.reference_date
        # countries named in the text, by sentence
        sent_of = (lambda s: doc.sentence_index(s)) if doc.sentences else (lambda s: 0)
        country_mentions: list[tuple[int, str]] = []
        state_mentions: list[tuple[int, str]] = []
        dl = doc.article.dateline
        for ns, ne, targets, _i, _j in raw:
            if dl.holds(doc.norm.to_orig[ns]):
                continue  # "دبي، الإمارات العربية المتحدة (CNN)—": where the bureau is, not whose forces act
            for t in targets:
                if t.kind == "country":
                    country_mentions.append((doc.norm.to_orig[ns], t.country))
                    break
                if t.kind == "state" and len(targets) == 1:  # "Iraqi security forces": weaker evidence
                    state_mentions.append((doc.norm.to_orig[ns], t.country))
                    break
        external = set(self.cat.generic.get("external_countries", ()))
        counts = Counter()
        for _s, c in country_mentions:
            counts[c] += 1 if c not in external else 0.25
        main_country = (doc.country_context[0] if doc.country_context else None) or \
            (counts.most_common(1)[0][0] if counts else None)
        place_by_sent: dict[int, list[str]] = {}
        for pm in doc.places:
            if pm.place.country:
                place_by_sent.setdefault(sent_of(pm.start), []).append(pm.place.country)
        cm_by_sent: dict[int, list[str]] = {}
        for s, c in country_mentions:
            if c not in external:
                cm_by_sent.setdefault(sent_of(s), []).append(c)
        sm_by_sent: dict[int, list[str]] = {}
        for s, c in state_mentions:
            if c not in external:
                sm_by_sent.setdefault(sent_of(s), []).append(c)

        def countries_at(start: int) -> list[str]:
            si = sent_of(start)
            said = cm_by_sent.get(si, [])
            if main_country in said:  # "في العراق وسوريا" in an article about Syria
                said = [main_country] + [c for c in said if c != main_country]
            places = place_by_sent.get(si, [])
            top = set(doc.country_context[:2])
            out = list(said) + [c for c in places if c in top] + sm_by_sent.get(si, []) + \
                list(doc.country_context[:1]) + list(places)
            out += list(doc.country_context)
            if main_country:
                out.append(main_country)
            out += [c for c, _n in counts.most_common()]
            return out

        def pick_named(targets: list[Target], start: int) -> tuple[Actor, Target] | None:
            ctx = countries_at(start)
            ctx_set = set(ctx)
            best, best_score = None, -1
            for t in targets:
                e = t.entry
                if e is None or not e.valid_on(day) and len(targets) > 1:
                    continue
                inter_ctx = [c for c in ctx if c in e.countries]
                if t.ambiguous and not inter_ctx:
                    continue
                score = (2 if inter_ctx else 0) + (1 if e.valid_on(day) else 0) + (1 if None in e.countries else 0) * 0
                if inter_ctx and ctx and inter_ctx[0] == ctx[0]:
                    score += 1
                if score > best_score:
                    country = inter_ctx[0] if inter_ctx else (e.countries[0] if e.countries else None)
                    if None in e.countries and not inter_ctx:
                        country = None
                    actor = e.actor(country)
                    here = ctx[0] if ctx else None
                    if e.in_country and here in e.in_country:  # "القاعدة" in Yemen: AQAP
                        local = self.cat.entry_for(e.in_country[here])
                        if local is not None and local.valid_on(day):
                            actor = local.actor(here)
                    best, best_score = (actor, t), score
            return best if best else None

        mentions: list[ActorMention] = []
        sources: list[ActorMention] = []
        pending: list[tuple[int, int, str, int, int]] = []  # indefinite / backref, resolved after
        for ns, ne, targets, ti, tj in raw:
            kinds = {t.kind for t in targets}
            if kinds == {"country"}:
                continue
            span = doc.norm_span(ns, ne)
            named = [t for t in targets if t.kind in ("named", "state")]
            if "source" in kinds:
                src = [t for t in targets if t.kind == "source"]
                got = pick_named(src, span.start)
                if got:
                    a, t = got
                    sources.append(ActorMention(span.start, span.end, span.text, a, 1.0, "source"))
                    if not named:
                        continue
            if named and "context" in kinds:
                here = set(countries_at(span.start)[:2])
                named = [t for t in named if here & set(t.entry.countries)]
            if named:
                got = pick_named(named, span.start)
                if got:
                    a, t = got
                    kind = "generic" if t.kind == "state" else "name"
                    mentions.append(ActorMention(span.start, span.end, span.text, a, 1.0, kind))
                    continue
            ctx = [t for t in targets if t.kind == "context"]
            if ctx:
                sub = ctx[0].sub
                if sub in ("military", "police"):
                    # "the army", الجيش after "Turkish forces" in the same or the previous sentence: the same forces
                    si = _sent_id(doc, span.start)
                    prev = next((m for m in reversed(mentions) if m.kind == "generic" and m.actor.inter == "State forces"
                                 and m.actor.country and si - _sent_id(doc, m.start) <= 1
                                 and m.actor.name.startswith("Military" if sub == "military" else "Police")), None)
                    if prev is not None:
                        mentions.append(ActorMention(span.start, span.end, span.text, prev.actor, 0.8, "generic"))
                        continue
                c = next(iter(countries_at(span.start)), None)
                a = self.cat.context_actor(sub, c)
                if a:
                    mentions.append(ActorMention(span.start, span.end, span.text, a, 0.8, "generic"))
                continue
            if kinds & {"indefinite", "backref"}:
                pending.append((span.start, span.end, "backref" if "backref" in kinds else "indefinite", ti, tj))
        doc.scratch["actor_countries"] = [(s, c) for s, c in country_mentions if c not in external]
        mentions = self._resolve_pending(doc, mentions, pending, countries_at)
        mentions = self._merge_heads(doc, mentions)
        mentions.sort(key=lambda m: m.start)
        return mentions, sources

    def _is_militant(self, actor: Actor) -> bool:
        e = self.cat.entry_for(actor.name)
        g = self.cat.generic
        return bool(e and (e.family in g.get("militant_families", ()) or e.name in g.get("militant_names", ())))

    def _resolve_pending(self, doc, mentions, pending, countries_at):
        """Back references and unnamed gunmen: the article's named armed group, else an
        Unidentified Armed Group of the country."""
        import bisect

        armed = [m for m in mentions if m.actor.inter in NON_STATE and not m.actor.generic]
        militant = [m for m in armed if self._is_militant(m.actor)]
        if militant:
            armed = militant
        armed.sort(key=lambda m: m.start)
        ends = [m.end for m in armed]
        freq = Counter(m.actor.name for m in armed)
        top_all = max(armed, key=lambda m: freq[m.actor.name]) if armed else None
        by_sent: dict[int, list[ActorMention]] = {}
        for m in mentions:
            if m.actor.inter in ARMED:
                by_sent.setdefault(_sent_id(doc, m.start), []).append(m)
        out = list(mentions)
        for start, end, kind, _ti, _tj in pending:
            k = bisect.bisect_right(ends, start)
            if kind == "backref":
                src = armed[k - 1] if k else top_all
                if src:
                    out.append(ActorMention(start, end, doc.text[start:end], src.actor, 0.7, "backref"))
                continue
            # the other side of the sentence is not the unnamed gunmen ("LNA forces clashed with rebels")
            here = {m.actor.name for m in by_sent.get(_sent_id(doc, start), ())[:20]
                    if _OPPOSED.search(fold(doc.text[min(m.end, start):max(m.start, end)][:300]))}
            if here:
                cands = [m for m in armed if m.actor.name not in here]
                before = [m for m in cands if m.end <= start]
                top = max(cands, key=lambda m: (freq[m.actor.name], -abs(m.start - start))) if cands else None
            else:
                cands = armed
                before = armed[max(0, k - 1):k]
                top = top_all
            if top is not None:
                # an unnamed "gunmen"/مسلحون in an article about one armed group is that group
                near = before[-1] if before else top
                pick = near if freq[near.actor.name] * 2 >= freq[top.actor.name] else top
                out.append(ActorMention(start, end, doc.text[start:end], pick.actor, 0.6, "backref"))
            else:
                c = next(iter(countries_at(start)), None)
                a = self.cat.context_actor("uag", c)
                if a:
                    out.append(ActorMention(start, end, doc.text[start:end], a, 0.6, "description"))
        return out

    def _merge_heads(self, doc, mentions):
        """Take a construct head into a name's span (مقاتلو داعش, عناصر التنظيم, "IS fighters")."""
        if not mentions:
            return mentions
        mentions.sort(key=lambda m: m.start)
        out: list[ActorMention] = []
        for m in mentions:
            prev = out[-1] if out else None
            if prev and prev.kind in ("generic", "description", "backref") and m.kind == "name" \
                    and 0 <= m.start - prev.end <= 1 and self._is_head(prev.text):
                out[-1] = ActorMention(prev.start, m.end, doc.text[prev.start:m.end], m.actor, m.score, m.kind)
                continue
            # "SDF fighters", "Houthi militants": a head after the name (English order)
            if prev and prev.kind in ("name", "generic") and m.kind in ("backref", "description", "generic") \
                    and 0 <= m.start - prev.end <= 1 and self._is_head(m.text) and not _AR_CHAR.search(m.text) \
                    and prev.actor.inter in ARMED:
                out[-1] = ActorMention(prev.start, m.end, doc.text[prev.start:m.end], prev.actor, prev.score, prev.kind)
                continue
            # a head word right before the name that matched nothing itself
            lead = doc.text[max(0, m.start - 12):m.start]
            w = lead.split()[-1:] if lead.endswith(" ") else []
            if w and self._is_head(w[0]):
                s = m.start - len(lead) + lead.rfind(w[0])
                if not prev or s >= prev.end:
                    m = ActorMention(s, m.end, doc.text[s:m.end], m.actor, m.score, m.kind)
            out.append(m)
        return out

    def _is_head(self, text: str) -> bool:
        from ..text import fold

        f = fold(text).strip()
        return any(" ".join(strip_al(k) for k in [x]) in self.cat.heads for x in first_keys(f)) or f in self.cat.heads


# words between two actors of one sentence that make them opponents ("X clashed with Y", "هاجم X مواقع Y")
_OPPOSED = re.compile(r"\b(?:with|against|between|targeting|attack\w*|clash\w*|fought|fighting|ambush\w*)\b|"
                      r"(?:^|\s)(?:مع|ضد|بين|هاجم\S*|اشتب\S*|استهدف\S*|قصف\S*|قاتل\S*)(?:\s|$)")
_SENT_END = re.compile(r"[.!?؟\n]+")


def _sent_id(doc: Document, offset: int) -> int:
    """The sentence of an offset: the sentences stage's, else a split at full stops."""
    if doc.sentences:
        return doc.sentence_index(offset)
    ends = doc.scratch.get("_actor_sent_ends")
    if ends is None:
        ends = [m.end() for m in _SENT_END.finditer(doc.text)]
        doc.scratch["_actor_sent_ends"] = ends
    import bisect

    return bisect.bisect_right(ends, offset)


def actors_in(doc: Document, start: int, end: int) -> list[ActorMention]:
    """The actor mentions inside ``[start, end)`` of the original text."""
    return [m for m in doc.actors if start <= m.start < end]
