"""Stage 'attribution': claims, each tied to whoever made it.

A claim is one sentence (or clause) with a reporting cue (قال، أعلن، زعم، بحسب،
"said", "according to", ...), or a narration sentence that gives figures (source
``unattributed``). The source is read from the words the cue points at (the
subject after an Arabic verb, the words before an English "said", the phrase
after بحسب / "according to"):

- anonymous markers (شريطة عدم الكشف عن هويته, "a resident") -> ``anonymous``;
- a role word (المتحدث باسم, "spokesman") and/or a personal name -> ``person`` with
  the affiliation of the actor mentioned beside it (``doc.actors``, filled by the
  actors stage) and a romanised name (``name_ar`` keeps the Arabic);
- an actor or a monitor (``doc.actors``, ``doc.scratch["actor_sources"]``) -> ``organization``;
  the group's own media (أعماق, "its news service") counts as the group;
- an outlet (وكالة, Reuters) -> ``media``;
- nothing (وأضاف أن, "he said") -> the previous claim's source; a bare surname
  (وقال علي) or "the spokesman" -> the person named before.

Stance comes from the cue (زعم -> claimed, يُعتقد -> believed, نفى -> denied);
``said_on`` from a date by the cue ("قالت ... يوم الجمعة إن", "said on Friday").
A claim's quantities are the ``doc.quantities`` inside its span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..doc import ActorMention, Document
from ..records import Claim, Source
from .cues import Cue, complementiser_re, find_cues
from .dates import is_statement_date
from ..text import fold as fold_word
from .lexicon import Lexicon, lexicon, names, romanise, word_re

_WORD = re.compile(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*\.?|\d+")
_CAP_NAME = re.compile(r"(?:[A-Z][a-z'’\-]+\.?|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’\-]+\.?|[A-Z]\.|al-[A-Z][a-z]+|bin|ibn|de|van))*")
_ARMED_SKIP = {"generic"}


@dataclass
class _Known:
    """People named so far (for "وقال علي", "the spokesman")."""

    people: list[Source] = field(default_factory=list)

    def by_surname(self, word: str) -> Source | None:
        for p in reversed(self.people):
            if p.name_ar and word in p.name_ar.split()[1:]:
                return p
            if p.name and word.lower() in [w.lower() for w in p.name.split()[1:]]:
                return p
        return None

    def by_role(self, role: str | None) -> Source | None:
        for p in reversed(self.people):
            if role and p.role == role:
                return p
        return None


class _Tables:
    def __init__(self, lang: str):
        lex = lexicon(lang)
        self.lex = lex
        self.anon = re.compile(word_re(lex.anonymous, lang))
        self.role = re.compile(word_re(lex.roles, lang))
        self.title = re.compile(word_re(lex.titles, lang, clitics=False))
        self.media = re.compile(word_re(lex.media, lang))
        self.group_media = re.compile(word_re(lex.group_media, lang))
        self.org = re.compile(word_re(lex.org_nouns, lang))
        self.group = re.compile(word_re(lex.group_words, lang))
        self.comp = complementiser_re(lang)
        self.relay_stop = re.compile(r"(?<![\w])(?:عن|as saying|quoted)(?![\w])")


_TABLES: dict[str, _Tables] = {}


def tables(lang: str) -> _Tables:
    lang = lang if lang in ("ar", "en") else "en"
    if lang not in _TABLES:
        _TABLES[lang] = _Tables(lang)
    return _TABLES[lang]


class AttributionStage:
    """Fills ``doc.claims``."""

    name = "attribution"

    def __init__(self):
        for lang in ("ar", "en"):
            tables(lang)

    def __call__(self, doc: Document) -> Document:
        try:
            doc.claims = _Attributor(doc).run()
        except (ValueError, IndexError, KeyError) as exc:  # junk input never stops the pipeline
            doc.scratch.setdefault("errors", []).append(f"attribution: {exc!r}")
            doc.claims = []
        return doc


class _Attributor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lang = doc.lang if doc.lang in ("ar", "en") else "en"
        self.T = tables(self.lang)
        self.lex: Lexicon = self.T.lex
        self.text = doc.norm.text
        self.known = _Known()
        self.actors = [a for a in doc.actors if a.kind not in _ARMED_SKIP and not a.actor.name.startswith("Civilians")]
        self.sources = list(doc.scratch.get("actor_sources") or [])
        self.nspan = {id(a): (doc.orig_to_norm(a.start), doc.orig_to_norm(a.end)) for a in self.actors + self.sources}
        self.date_n = [(doc.orig_to_norm(d.start), doc.orig_to_norm(d.end)) for d in doc.dates]
        self.last_source: Source | None = None
        self.last_org: Source | None = None

    # ------------------------------------------------------------------ clauses
    def run(self) -> list[Claim]:
        doc = self.doc
        cues = find_cues(doc)
        claims: list[Claim] = []
        dl = doc.article.dateline
        floor = dl.end if dl is not None and dl.end is not None else 0
        ci = 0
        for sent in doc.sentences:
            ns, ne = doc.orig_to_norm(sent.start), doc.orig_to_norm(sent.end)
            while ci < len(cues) and cues[ci].nstart < ns:
                ci += 1
            here = []
            k = ci
            while k < len(cues) and cues[k].nstart < ne:
                here.append(cues[k])
                k += 1
            clauses = self._clauses(here, ns, ne)
            if not clauses:
                qs = [q for q in doc.quantities if sent.start <= q.start < sent.end]
                if qs:
                    clauses = [(None, ns, ne)]
            for cue, cs, ce in clauses:
                claim = self._claim(cue, cs, ce, len(claims) + 1, floor)
                if claim is not None:
                    claims.append(claim)
        return claims

    def _clauses(self, cues: list[Cue], ns: int, ne: int) -> list[tuple[Cue, int, int]]:
        keep: list[Cue] = []
        for c in cues:
            if not keep:
                keep.append(c)
                continue
            if self.lang == "ar" and c.conj and c.kind in ("say", "according") and c.stance != "believed":
                keep.append(c)
        out = []
        for i, c in enumerate(keep):
            start = ns if i == 0 else c.nstart
            end = keep[i + 1].nstart if i + 1 < len(keep) else ne
            if i + 1 < len(keep):
                # the next clause starts at its conjunction / comma
                while end > start and self.text[end - 1] in " ،,و":
                    end -= 1
            out.append((c, start, end))
        return out

    # ------------------------------------------------------------------ one claim
    def _claim(self, cue: Cue | None, cs: int, ce: int, n: int, floor: int) -> Claim | None:
        doc = self.doc
        span = doc.norm_span(cs, ce)
        start, end = max(span.start, floor), span.end
        while start < end and doc.text[start] in " \t-–—:«»\"“”'":
            start += 1
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        if end <= start:
            return None
        if cue is None:
            source, stance, cue_text, said_on = Source(type="unattributed"), "asserted", None, None
        else:
            region = self._region(cue, cs, ce)
            source = self._resolve(cue, region, cs, ce)
            stance = cue.stance
            cue_text = doc.norm_span(cue.nstart, cue.nend).text
            said_on = self._said_on(cue, region, cs, ce)
        qs = [q for q in doc.quantities if start <= q.start and q.end <= end]
        if source.type != "unattributed":
            self.last_source = source
        return Claim(id=f"c{n}", source=source, cue=cue_text, stance=stance, said_on=said_on,
                     text=doc.text[start:end], start=start, end=end, quantities=qs)

    def _region(self, cue: Cue, cs: int, ce: int) -> tuple[int, int]:
        """The normalised span that names the source."""
        t = self.text
        if cue.kind == "believed":
            return cue.nend, cue.nend
        if cue.kind == "show":
            return cs, ce
        if cue.kind == "according":
            m = re.compile(r"[.,،؛;:\n\"()]").search(t, cue.nend, ce)
            stop = m.start() if m else ce
            return cue.nend, min(stop, cue.nend + 120)
        if self.lang == "en":
            # "X said", "X, a spokesman, said", else "said X"
            b = max(cs, cue.nstart - 120)
            seg = t[b:cue.nstart]
            cut = max(seg.rfind(","), seg.rfind('"'), seg.rfind(";"))
            before = (b + cut + 1, cue.nstart) if cut >= 0 else (b, cue.nstart)
            words = t[before[0]:before[1]].split()
            if words and not (len(words) == 1 and words[0] in ("he", "she", "it", "they")) or (words and words[0] in self.lex.pronouns):
                return before
            if cut >= 0 and seg[cut] == "," and b + cut > cs:
                # "Ahmed Ali, a spokesman for the army, said": take the phrase before the comma too
                seg2 = t[cs:b + cut]
                c2 = max(seg2.rfind('"'), seg2.rfind("."))
                return (cs + c2 + 1 if c2 >= 0 else cs), cue.nstart
            m = re.compile(r"[.,;:\n\"]|(?<![\w])that(?![\w])").search(t, cue.nend, ce)
            return cue.nend, (m.start() if m else ce)
        # Arabic: the subject follows the verb, up to إن/أن/":" (or عن after نقل)
        limit = min(ce, cue.nend + 160)
        if cue.kind == "relay" and cue.word in ("نقل", "نقلت"):
            m = self.T.relay_stop.search(t, cue.nend, limit)
            if m:
                return cue.nend, m.start()
        m = self.T.comp.search(t, cue.nend, limit)
        if m:
            c = re.compile(r"[،,]").search(t, cue.nend, m.start())
            if c and len(t[cue.nend:c.start()].split()) >= 2 and not self.T.role.search(t, cue.nend, c.start()) \
                    and not self.T.title.search(t, c.end(), m.start()):
                return cue.nend, c.start()
            return cue.nend, m.start()
        m = re.compile(r"[.,،؛;\n]").search(t, cue.nend, limit)
        return cue.nend, (m.start() if m else limit)

    def _in(self, items, s: int, e: int):
        return [a for a in items if s <= a.start < e]

    def _resolve(self, cue: Cue, region: tuple[int, int], cs: int, ce: int) -> Source:
        doc, t = self.doc, self.text
        rs, re_ = self._cut(region)
        seg = t[rs:re_]
        o = doc.norm_span(rs, re_) if re_ > rs else None
        os_, oe = (o.start, o.end) if o else (0, 0)
        sent_s, sent_e = doc.norm_span(cs, ce).start, doc.norm_span(cs, ce).end
        whole = t[cs:ce]
        if cue.kind == "believed":
            return Source(type="unattributed")
        if cue.kind == "show":
            actors = self._in(self.actors, sent_s, sent_e)
            if actors:
                return self._org(actors[0])
            srcs = self._in(self.sources, sent_s, sent_e)
            if srcs:
                return self._media_or_org(srcs[0])
            return Source(type="unattributed")
        if self.T.anon.search(seg) or re.search(r"شريطه عدم الكشف|طلب عدم الكشف|condition of anonymity|not authori[sz]ed to", whole):
            if not seg.strip() or self.T.anon.search(seg) or len(seg.split()) <= 3:
                return Source(type="anonymous", name=None, role=self._role(seg))
        actors = self._in(self.actors, os_, oe) if o else []
        srcs = self._in(self.sources, os_, oe) if o else []
        role = self._role(seg)
        titled = self.T.title.search(seg) is not None
        if not actors and not srcs and seg.strip():
            actors = self._headword_actor(seg, os_)
        name_ar, name = self._name(rs, re_, actors + srcs)
        if name is not None and not role and not titled and (actors or srcs or self.T.org.search(seg)):
            name_ar, name = None, None  # "قالت القوة ... المعروفة باسم ...": an organisation speaking
        if name is not None and not role and not titled and self.lang == "ar" and not self._known_name(name_ar):
            name_ar, name = None, None  # "قال خبراء أسلحة": not a personal name
        if name is None and not role and not actors and not srcs:
            words = seg.split()
            if not words or all(w in self.lex.pronouns or w in self.lex.name_stop for w in words):
                return self._copy(self.last_source) if self.last_source else Source(type="unattributed")
        # a bare surname or "the spokesman" refers back
        if name is not None and not role and not actors and len(name_ar.split()) == 1:
            prev = self.known.by_surname(name_ar)
            if prev:
                return self._copy(prev)
        if name is None and role and not actors:
            prev = self.known.by_role(role)
            if prev and (self.T.group.search(seg) is None):
                return self._copy(prev)
        affiliation = actors[0].actor.name if actors else None
        if affiliation is None and srcs and (name is not None or role):
            affiliation = srcs[0].actor.name
        if affiliation is None and role:
            cut_seg = seg
            if name_ar and fold_word(name_ar) in seg:
                cut_seg = seg[:seg.index(fold_word(name_ar))]
            affiliation = self._role_object(cut_seg, rs)
        if name is not None or role:
            src = Source(type="person", name=name, affiliation=affiliation, role=role, name_ar=name_ar)
            if name is not None:
                self.known.people.append(src)
            return src
        if actors:
            return self._org(actors[0])
        if srcs:
            return self._media_or_org(srcs[0])
        if self.T.group_media.search(seg) and self.last_org:
            return self._copy(self.last_org)
        if self.T.media.search(seg):
            return Source(type="media", name=self._clean_name(os_, oe))
        if self.T.group.search(seg) and self.last_org:
            return self._copy(self.last_org)
        if seg.strip():
            words = [w for w in seg.split() if w not in self.lex.name_stop]
            if words:
                return Source(type="organization", name=self._clean_name(os_, oe))
        return self._copy(self.last_source) if self.last_source else Source(type="unattributed")

    def _role_object(self, seg: str, rs: int) -> str | None:
        """The words after "باسم" / "spokesman for" when no actor was resolved there."""
        m = re.search(r"(?:باسم|\bfor|\bof)\s+([^,،:\"]{2,60})", seg)
        if not m:
            return None
        words = m.group(1).split()[:4]
        if not words:
            return None
        s = self.doc.norm_span(rs + m.start(1), rs + m.start(1) + len(" ".join(words)))
        return s.text.strip() or None

    def _known_name(self, name_ar: str | None) -> bool:
        table = names()[0]
        words = fold_word(name_ar or "").split()
        return any(w in table or (w.startswith("ال") and w[2:] in table) for w in words) or bool(
            self.known.by_surname(words[-1]) if words else False)

    def _cut(self, region: tuple[int, int]) -> tuple[int, int]:
        """The region up to its first figure or outcome word ("أعلن ... اعتقال 6", "قال ... مقتل")."""
        rs, re_ = region
        lex = self.lex
        for m in _WORD.finditer(self.text, rs, re_):
            w = m.group()
            if w.isdigit() or w in lex.numbers:
                return rs, m.start()
            if self.lang == "ar":
                k = lex.strip_clitic(w, lex.unit_verbs) or lex.strip_clitic(w, lex.unit_nouns)
                if k is not None and m.start() > rs:
                    return rs, m.start()
        return rs, re_

    def _headword_actor(self, seg: str, at: int) -> list[ActorMention]:
        """An actor named elsewhere in the article by a phrase that starts with the region's
        first noun ("قال التحالف" -> "التحالف الذي تقوده الولايات المتحدة")."""
        words = [w for w in seg.split() if w not in self.lex.name_stop and w not in ("the",)]
        if not words:
            return []
        head = words[0]
        if self.lang == "ar":
            head = head[1:] if head.startswith(("و", "ف")) and head[1:].startswith("ال") else head
            if not head.startswith("ال") or len(head) < 5:
                return []
        elif len(head) < 4:
            return []
        doc = self.doc
        hits = []
        for a in self.actors:
            ns, ne = self.nspan[id(a)]
            ft = self.text[ns:ne].split()
            if ft and (ft[0] == head or (self.lang == "en" and head in ft)) and a.kind != "backref":
                hits.append(a)
        if not hits:
            return []
        before = [a for a in hits if a.start < at]
        return [before[-1] if before else hits[0]]

    def _org(self, a: ActorMention) -> Source:
        if self.T.media.search(self.text[self.doc.orig_to_norm(a.start):self.doc.orig_to_norm(a.end)]):
            return Source(type="media", name=a.actor.name)
        src = Source(type="organization", name=a.actor.name, affiliation=a.actor.name)
        self.last_org = src
        return src

    def _media_or_org(self, a: ActorMention) -> Source:
        if self.T.group_media.search(self.text[self.doc.orig_to_norm(a.start):self.doc.orig_to_norm(a.end)]):
            # the group's own media counts as the group: the armed actor named last before it
            before = [x for x in self.actors if x.start < a.start and x.actor.inter in ("Rebel group", "Political militia", "Identity militia")]
            if before:
                return self._org(before[-1])
            if self.last_org:
                return self._copy(self.last_org)
        if self.T.media.search(self.text[self.doc.orig_to_norm(a.start):self.doc.orig_to_norm(a.end)]):
            return Source(type="media", name=a.actor.name)
        return Source(type="organization", name=a.actor.name)

    def _clean_name(self, os_: int, oe: int) -> str | None:
        """The region's words as written, without dates and trailing "في بيان"-like words."""
        doc = self.doc
        for d in doc.dates:
            if os_ <= d.start < oe:
                oe = d.start
        words = doc.text[os_:oe].split()
        while words and fold_word(words[-1]) in self.lex.name_stop:
            words.pop()
        return " ".join(words).strip(" ،,") or None

    @staticmethod
    def _copy(s: Source) -> Source:
        return Source(type=s.type, name=s.name, affiliation=s.affiliation, role=s.role, name_ar=s.name_ar)

    def _role(self, seg: str) -> str | None:
        m = self.T.role.search(seg)
        if not m:
            return None
        key = " ".join(m.group().split())
        for cand in (key, key.lstrip("وفبلك")):
            if cand in self.lex.roles:
                return self.lex.roles[cand]
        for p, r in self.lex.roles.items():
            if key.endswith(p):
                return r
        return None

    def _name(self, rs: int, re_: int, mentions: list[ActorMention]) -> tuple[str | None, str | None]:
        """A personal name in the region: (as written, romanised/English)."""
        doc, t = self.doc, self.text
        if re_ <= rs:
            return None, None
        blocked: list[tuple[int, int]] = []
        for a in mentions:
            blocked.append(self.nspan.get(id(a)) or (doc.orig_to_norm(a.start), doc.orig_to_norm(a.end)))
        for rx in (self.T.role, self.T.title, self.T.org, self.T.media, self.T.anon):
            for m in rx.finditer(t, rs, re_):
                blocked.append((m.start(), m.end()))
        for a, b in self.date_n:
            if a < re_ and b > rs:
                blocked.append((a, b))
        if self.lang == "en":
            seg_o = doc.norm_span(rs, re_)
            best = None
            actor_spans = [self.nspan.get(id(a)) or (doc.orig_to_norm(a.start), doc.orig_to_norm(a.end)) for a in mentions]
            drop = {x.rstrip(".") for x in self.lex.titles} | {r.split()[0] for r in self.lex.roles}
            for m in _CAP_NAME.finditer(doc.text, seg_o.start, seg_o.end):
                words = []
                for wm in re.finditer(r"\S+", m.group()):
                    wn = doc.orig_to_norm(m.start() + wm.start())
                    if not any(a <= wn < b for a, b in actor_spans):
                        words.append(wm.group())
                cut = max((i + 1 for i, w in enumerate(words) if w.lower().rstrip(".") in drop), default=0)
                words = [w for w in words[cut:] if w.lower() not in self.lex.name_stop and w.lower() not in self.lex.media]
                if words and (best is None or len(words) > len(best)):
                    best = words
            if best:
                nm = " ".join(best)
                return nm, nm
            return None, None
        runs: list[list[tuple[int, int, str]]] = [[]]
        for m in _WORD.finditer(t, rs, re_):
            w = m.group()
            bad = any(a <= m.start() < b for a, b in blocked) or w in self.lex.name_stop or w.isdigit() or len(w) < 2
            if bad or (w.startswith("ال") and not runs[-1]) or w.startswith(("وال", "بال", "لل")):
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append((m.start(), m.end(), w))
        runs = [r for r in runs if 1 <= len(r) <= 5]
        if not runs:
            return None, None
        table = names()[0]
        known = [r for r in runs if any(w in table or w[2:] in table for _a, _b, w in r)]
        run = known[0] if known else runs[0]
        while len(run) > 2 and run[-1][2] not in table:
            run = run[:-1]
        o = doc.norm_span(run[0][0], run[-1][1])
        return o.text, romanise(o.text)

    def _said_on(self, cue: Cue, region: tuple[int, int], cs: int, ce: int) -> str | None:
        doc = self.doc
        lo = doc.norm_span(cs, ce)
        for d in doc.dates:
            if d.date is None or d.kind in ("year", "dateline") or not (lo.start <= d.start < lo.end):
                continue
            dn = doc.orig_to_norm(d.start)
            near = region[0] - 2 <= dn <= max(region[1], cue.nend) + 2 or (self.lang == "en" and abs(dn - cue.nend) < 30)
            if near and is_statement_date(doc, d):
                return d.date.isoformat()
        return None
