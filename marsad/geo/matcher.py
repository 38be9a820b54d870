"""Find place names in normalised text and resolve them against the gazetteer.

The text is tokenised once; every token gets its look-up forms (an Arabic word with and
without its clitics ``و ف ب ل ك`` and article, or a Latin word's loose phonetic form), and
the longest run of tokens whose joined key is a gazetteer key wins. Cue words before
(``مدينة``, ``ريف``, ``شمال``, "near") and after ("district", "city", "frontlines") say
what kind of place it is and how precise. Candidates are then chosen in two passes: the
unambiguous, prominent mentions (countries, regions, towns, curated places) give the
article's country and region context, which then picks among same-named places and lets
small villages in only where the text or context supports them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..text import fold
from .gazetteer import Entry, Gazetteer, lookup_score
from .keys import ar_key, ar_word, en_key, en_word

DATA = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"[\u0621-\u064a]+|[a-z0-9]+(?:'[a-z]+)*")
_GAP_OK = re.compile(r"^[\s\-]*$")
_EN_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed", "es", "et", "ez",
                          "en", "er", "ul", "il"})
_AR_CLITIC2 = ("وب", "ول", "فب", "فل", "وك")
_MIN_POP_FREE = 15000  # a town this big needs no cue or context


@dataclass
class Cue:
    key: str
    level: str | None
    precision: int


@dataclass
class Candidate:
    """One matched name in the normalised text, with its gazetteer candidates."""

    nstart: int
    nend: int
    key: str
    entries: tuple[Entry, ...]
    lang: str
    cue_before: Cue | None = None
    cue_after: Cue | None = None
    n_words: int = 1
    chosen: Entry | None = None
    score: float = 0.0
    extra: dict = field(default_factory=dict)


class Lexicon:
    """Cue words and stop words, loaded once."""

    def __init__(self) -> None:
        cues = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))["cues"]
        self.ar_before: dict[str, Cue] = {}
        self.en_before: dict[str, Cue] = {}
        self.en_after: dict[str, Cue] = {}
        for key, c in cues.items():
            cue = Cue(key, c.get("level"), int(c.get("precision") or 1))
            for w in c.get("ar") or []:
                self.ar_before[ar_key(w)] = cue
            for w in c.get("en_before") or []:
                self.en_before[w.lower()] = cue
            for w in c.get("en_after") or []:
                self.en_after[w.lower()] = cue
        cur = yaml.safe_load((DATA / "curated_places.yaml").read_text(encoding="utf-8"))
        self.stop_ar = frozenset(ar_key(w) for w in cur.get("stop_ar") or [])
        self.stop_en = frozenset(en_key(w) for w in cur.get("stop_en") or [])
        # cue words themselves are never place names
        self.never = frozenset(self.ar_before) | frozenset(
            en_key(w) for w in list(self.en_before) + list(self.en_after))
        self.max_ar_cue = max(k.count(" ") for k in self.ar_before) + 1


_LEX: Lexicon | None = None


def lexicon() -> Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = Lexicon()
    return _LEX


def _ar_first_forms(w: str) -> list[tuple[str, int]]:
    """Look-up forms of an Arabic word that may carry clitics: (key word, characters stripped)."""
    out = [(ar_word(w), 0)]
    if len(w) < 4:
        return out
    if w.startswith("لل") and len(w) > 4:
        out.append((w[2:], 2))
    if w[:2] in _AR_CLITIC2 and len(w) > 4:
        out.append((ar_word(w[2:]), 2))
        if w[2:4] == "ال":
            out.append((w[4:], 4))
    if w[0] in "وفبلك":
        out.append((ar_word(w[1:]), 1))
    return out


class Matcher:
    def __init__(self, gz: Gazetteer | None = None):
        self.gz = gz or Gazetteer.open()
        self.lex = lexicon()
        self.keys = self.gz.keys
        self.first = self.gz.first_words
        self.max_words = min(self.gz.max_words, 6)

    # -- pass 0: find names --
    def find(self, text: str, orig: str | None = None, to_orig=None, skip: tuple[int, int] | None = None) -> list[Candidate]:
        """Every gazetteer name in a normalised ``text``. ``orig``/``to_orig`` (the original text and the
        offset map) let English names require a capital letter; ``skip`` is a normalised span to ignore."""
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        n = len(toks)
        inner: list[str] = []
        is_ar: list[bool] = []
        for _s, _e, w in toks:
            a = "\u0621" <= w[0] <= "\u064a"
            is_ar.append(a)
            inner.append(ar_word(w) if a else en_word(w.replace("'", "")))
        keys, first, lex = self.keys, self.first, self.lex
        out: list[Candidate] = []
        i = 0
        while i < n:
            s0, e0, w0 = toks[i]
            if skip and skip[0] <= s0 < skip[1]:
                i += 1
                continue
            best = None  # (n_tokens, key, strip)
            offset_tok = i
            if is_ar[i]:
                forms = _ar_first_forms(w0)
            elif w0 in _EN_ARTICLES and i + 1 < n and not is_ar[i + 1] and _GAP_OK.match(text[e0:toks[i + 1][0]]):
                offset_tok = i + 1  # "al-Hasakah": the key starts at the next word, the mention here
                forms = [(inner[i + 1], 0)]
            else:
                forms = [(inner[i], 0)]
            for form, strip in forms:
                if form not in first:
                    continue
                key = form
                if key in keys and best is None:
                    best = (1, key, strip, offset_tok)
                j = offset_tok + 1
                while j < n and j - offset_tok < self.max_words + 2:
                    if is_ar[j] != is_ar[offset_tok] or not _GAP_OK.match(text[toks[j - 1][1]:toks[j][0]]):
                        break
                    if not is_ar[j] and toks[j][2] in _EN_ARTICLES and j + 1 < n:
                        j += 1
                        continue
                    key = key + " " + inner[j]
                    if key in keys and (best is None or best[3] < j):
                        best = (key.count(" ") + 1, key, strip, j)
                    j += 1
            if best is None:
                i += 1
                continue
            ntok, key, strip, j = best
            nstart = s0 + strip
            nend = toks[j][1]
            lang = "ar" if is_ar[i] else "en"
            if lang == "en" and orig is not None and to_orig is not None:
                o = to_orig[toks[offset_tok][0]]
                if not orig[o].isupper():
                    i += 1
                    continue
            stop = lex.stop_ar if lang == "ar" else lex.stop_en
            cand = Candidate(nstart, nend, key, (), lang, n_words=ntok)
            cand.cue_before = self._cue_before(text, toks, i, is_ar[i], strip, w0)
            if lang == "en":
                cand.cue_after = self._cue_after(toks, j + 1)
            if key in lex.never:
                i += 1
                continue
            if key in stop and (cand.cue_before is None or cand.cue_before.key == "in"):
                i += 1
                continue
            cand.entries = self.gz.by_key(key)
            out.append(cand)
            i = j + 1
        return out

    def _cue_before(self, text, toks, i, ar: bool, strip: int, w0: str) -> Cue | None:
        lex = self.lex
        if ar:
            for span in (2, 1):
                if i - span < 0:
                    continue
                words = [toks[k][2] for k in range(i - span, i)]
                for form, _s in _ar_first_forms(words[0]):
                    key = " ".join([form] + [ar_word(w) for w in words[1:]])
                    cue = lex.ar_before.get(key)
                    if cue:
                        return cue
            return None
        for span in (2, 1):
            if i - span < 0:
                continue
            phrase = " ".join(toks[k][2] for k in range(i - span, i))
            cue = lex.en_before.get(phrase)
            if cue:
                return cue
        return None

    def _cue_after(self, toks, j: int) -> Cue | None:
        if j >= len(toks):
            return None
        w = toks[j][2]
        cue = self.lex.en_after.get(w)
        if cue is None and j + 1 < len(toks):
            cue = self.lex.en_after.get(w + " " + toks[j + 1][2])
        return cue

    # -- passes 1 and 2: choose --
    def resolve(self, cands: list[Candidate], country_hint: list[str] | None = None) -> tuple[list[Candidate], list[str]]:
        """Choose an entry for each candidate; drop the unsupported ones. Returns (kept, country context)."""
        weights: Counter = Counter()
        admin1s: Counter = Counter()
        for cc in country_hint or []:
            weights[cc] += 0.5
        strong: list[tuple[Candidate, Entry]] = []
        for c in cands:
            e = self._strong(c)
            if e is not None:
                strong.append((c, e))
                weights[e.cc] += 1.0 if e.level != "country" else 1.5
                if e.admin1 and e.level != "country":
                    admin1s[(e.cc, e.admin1)] += 1
        top = weights.most_common(1)[0][0] if weights else None
        total = sum(weights.values()) or 1.0
        kept: list[Candidate] = []
        for c in cands:
            best, best_s = None, -1e9
            for e in c.entries:
                s = self._score(c, e, weights, admin1s, top, total)
                if s > best_s:
                    best, best_s = e, s
            if best is None or not self._allowed(c, best, weights, admin1s):
                continue
            c.chosen, c.score = best, best_s
            kept.append(c)
        ctx = Counter()
        for c in kept:
            ctx[c.chosen.cc] += 1.5 if c.chosen.level == "country" else 1.0
        order = [cc for cc, _ in ctx.most_common()]
        return kept, order

    def _strong(self, c: Candidate) -> Entry | None:
        """The entry of an unambiguous, prominent mention (used for context), else None."""
        prominent = [e for e in c.entries if e.level in ("country", "admin1") or e.pop >= _MIN_POP_FREE
                     or e.src == "curated"]
        if not prominent:
            return None
        prominent.sort(key=lookup_score, reverse=True)
        if len(prominent) > 1 and prominent[0].cc != prominent[1].cc and \
                lookup_score(prominent[0]) - lookup_score(prominent[1]) < 1.0:
            return None
        return prominent[0]

    def _score(self, c: Candidate, e: Entry, weights, admin1s, top, total) -> float:
        s = lookup_score(e)
        if e.level == "admin1":
            s -= 1.5
        w = weights.get(e.cc, 0.0)
        s += 4.0 * w / total + (1.5 if e.cc == top else 0.0)
        if e.admin1 and admin1s.get((e.cc, e.admin1)) and e.level not in ("admin1", "country"):
            s += 2.0
        cue = c.cue_before or c.cue_after
        if cue and cue.level:
            if cue.level == e.level:
                s += 3.0
            elif cue.level == "locality" and e.level in ("admin1", "admin2"):
                s -= 2.0
            elif cue.level in ("admin1", "admin2") and e.level in ("admin1", "admin2"):
                s += 1.5
        return s

    def _allowed(self, c: Candidate, e: Entry, weights, admin1s) -> bool:
        if e.level in ("country", "admin1") or e.src == "curated" or e.pop >= _MIN_POP_FREE:
            return True
        cue = c.cue_before or c.cue_after
        in_ctx = weights.get(e.cc, 0) > 0
        if cue is not None and cue.key != "in":
            return in_ctx or e.pop >= 1000 or c.n_words > 1
        if e.admin1 and admin1s.get((e.cc, e.admin1)):
            return c.n_words > 1 or e.pop >= 1000 or cue is not None or len(c.key) >= 6
        if c.lang == "en" and cue is not None:
            return in_ctx and (e.pop >= 1000 or c.n_words > 1 or e.level in ("admin2", "district"))
        if in_ctx and c.n_words > 1 and e.level in ("locality", "admin2", "district"):
            return e.pop >= 1000 or c.lang == "en"
        return False


def geo_precision(c: Candidate) -> int:
    e = c.chosen
    cue = c.cue_before or c.cue_after
    if e is None:
        return 3
    if e.level in ("country", "admin1"):
        return 3
    if e.level == "region":
        return 2
    if cue is not None and cue.precision == 2:
        return 2
    if e.level == "admin2":
        return 2
    return 1


def folded(s: str) -> str:
    return fold(s)


def specificity(level: str) -> float:
    return {"facility": 3.0, "district": 3.0, "locality": 3.0, "region": 2.0, "admin2": 1.5, "admin1": 1.0,
            "country": 0.3}.get(level, 1.0)


def log_pop(e: Entry) -> float:
    return math.log10(e.pop + 10)
