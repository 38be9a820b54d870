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

    def __call__(self, doc: Document) -> Document:
        try:
            doc.actors, doc.scratch["actor_sources"] = self.find(doc)
        except (ValueError, IndexError, KeyError, TypeError):  # junk input never stops the pipeline
            doc.actors, doc.scratch["actor_sources"] = [], []
        return doc

    # ------------------------------------------------------------------ matching
    def matches(self, norm: str) -> list[tuple[int, int, Target, int, int]]:
        """Longest phrase matches over the folded text: (nstart, nend, target, tok_i, tok_j)."""
        toks = [(m.group(), m.start(), m.end()) for m in _TOK.finditer(norm)]
        index, n = self.cat.index, len(toks)
        rest_keys: list = [None] * n

        def best_at(i: int):
            best = None
            for k in first_keys(toks[i][0]):
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
            best = best_at(i)
            # "تنظيم القاعدة في بلاد المغرب": a generic word before a longer name ("group", تنظيم)
            if i + 1 < n and any(k in _PREFIXES for k in first_keys(toks[i][0])):
                nxt = best_at(i + 1)
                if nxt and (best is None or nxt[0] >= best[0]):
                    L, targets = nxt
                    out.append((toks[i][1], toks[i + L][2], targets, i, i + 1 + L))
                    i += 1 + L
                    continue
            if best:
                L, targets = best
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
        raw = self.matches(norm)
        day = doc.reference_date
        # countries named in the text, by sentence
        sent_of = (lambda s: doc.sentence_index(s)) if doc.sentences else (lambda s: 0)
        country_mentions: list[tuple[int, str]] = []
        for ns, ne, targets, _i, _j in raw:
            for t in targets:
                if t.kind == "country" or (t.kind == "state" and len(targets) == 1):
                    country_mentions.append((doc.norm.to_orig[ns], t.country))
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

        def countries_at(start: int) -> list[str]:
            si = sent_of(start)
            out = list(place_by_sent.get(si, [])) + list(cm_by_sent.get(si, []))
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
                    best, best_score = (e.actor(country), t), score
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
                c = next(iter(countries_at(span.start)), None)
                a = self.cat.context_actor(ctx[0].sub, c)
                if a:
                    mentions.append(ActorMention(span.start, span.end, span.text, a, 0.8, "generic"))
                continue
            if kinds & {"indefinite", "backref"}:
                pending.append((span.start, span.end, "backref" if "backref" in kinds else "indefinite", ti, tj))
        mentions = self._resolve_pending(doc, mentions, pending, countries_at)
        mentions = self._merge_heads(doc, mentions)
        mentions.sort(key=lambda m: m.start)
        return mentions, sources

    def _is_militant(self, actor: Actor) -> bool:
        e = self.cat.entry_for(actor.name)
        g = self.cat.generic
        return bool(e and (e.family in g.get("militant_families", ()) or e.name in g.get("militant_names", ())))

    def _resolve_pending(self, doc, mentions, pending, countries_at):
        armed = [m for m in mentions if m.actor.inter in NON_STATE and not m.actor.generic]
        militant = [m for m in armed if self._is_militant(m.actor)]
        if militant:
            armed = militant
        freq = Counter(m.actor.name for m in armed)
        out = list(mentions)
        for start, end, kind, _ti, _tj in pending:
            before = [m for m in armed if m.end <= start]
            if kind == "backref":
                src = before[-1] if before else (max(armed, key=lambda m: freq[m.actor.name]) if armed else None)
                if src:
                    out.append(ActorMention(start, end, doc.text[start:end], src.actor, 0.7, "backref"))
                continue
            if armed:
                # an unnamed "gunmen"/مسلحون in an article about one armed group is that group
                top = max(armed, key=lambda m: (freq[m.actor.name], -abs(m.start - start)))
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


def actors_in(doc: Document, start: int, end: int) -> list[ActorMention]:
    """The actor mentions inside ``[start, end)`` of the original text."""
    return [m for m in doc.actors if start <= m.start < end]
