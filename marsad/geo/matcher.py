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

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..text import fold
from .gazetteer import Entry, Gazetteer, lookup_score
from .keys import ar_key, ar_word, en_key, en_word

DATA = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"[\u0621-\u064a]+|[a-z0-9]+(?:'[a-z]+)*")
_GAP_OK = re.compile(r"^[\s\-]*$")
_LIST_GAP = re.compile(r"^\s*(?:[,،]\s*(?:و|او|أو|and|or)?|و|او|أو|and|or)\s*$")
#: a clause ends between a place and a governorate named after it ("حلب وفي ريف إدلب": not Aleppo's)
_CLAUSE_BREAK = re.compile(r"[.!?؟:؛;\n]|(?:^|\s)و(?:في|ب)")
_WITHIN_GAP = 80  # characters at most between a place and the governorate that says where it is
#: ... and what lies between them when the name is right before it ("كتاف في محافظة", "هداج في ريف")
_ADJACENT = re.compile(r"^[\s،,#\"«»]*(?:في\s+|ب)?(?:ال)?(?:محافظه|ولايه|اقليم|امانه|ريف|ارياف|ضواحي|اطراف|محيط|تخوم|باديه)?[\s#]*$")
#: written function words that fold into the first word of a place name (على -> علي "Ali", أن -> ان)
_FUNCTION_WORDS = frozenset({"على", "أن", "إلى", "لأن"})
_GAP_WORDS = re.compile(r"^[\sa-z\u0621-\u064a]*\($")  # "Ras Al Ain district (": a cue word, then the bracket
_EN_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed", "es", "et", "ez",
                          "en", "er", "ul", "il"})
_AR_CLITIC2 = ("وب", "ول", "فب", "فل")
_MIN_POP_FREE = 15000  # a town this big in the region needs no cue or context ...
_MIN_POP_WORLD = 500_000
#: cues that name a place of this kind ("مدينة X", "قرية X"): they vouch for an obscure or common-word name
_NAMING_LEVELS = frozenset({"locality", "admin1", "admin2", "district"})  # ... and this big elsewhere
#: the Arab world and its neighbours, where a town of _MIN_POP_FREE is notable
REGION = frozenset("SY IQ YE LY SD SO LB PS EG JO SA TN DZ MA ML AE QA BH KW OM MR DJ KM IR TR IL SS TD NE ET ER AF "
                   "PK NG BF".split())


def prominent(e: Entry, n_words: int = 1, lang: str = "ar") -> bool:
    """Notable enough to be taken without a cue or context."""
    if e.level == "country" or e.src == "curated":
        return True
    if e.level == "admin1":
        return e.cc in REGION or n_words > 1
    if e.level == "admin2" and e.cc in REGION and e.pop >= _MIN_POP_FREE and lang == "en":
        return True
    if e.level != "locality":
        return False
    return e.pop >= _MIN_POP_WORLD or (e.cc in REGION and e.pop >= _MIN_POP_FREE)


#: a one-word name of a town of fewer people, in a country the article is not otherwise about, is not kept
_MIN_POP_FOREIGN_WORD = 100_000

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


@lru_cache(maxsize=1)
def curated() -> dict:
    """``data/curated_places.yaml``, parsed once (stop words, capitals, ...): read, never changed."""
    return yaml.safe_load((DATA / "curated_places.yaml").read_text(encoding="utf-8"))


class Lexicon:
    """Cue words and stop words, loaded once."""

    def __init__(self) -> None:
        cues = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))["cues"]
        self.ar_before: dict[str, Cue] = {}
        self.en_before: dict[str, Cue] = {}
        self.en_after: dict[str, Cue] = {}
        self.ar_bare: set[str] = set()  # cues only without the article
        for key, c in cues.items():
            cue = Cue(key, c.get("level"), int(c.get("precision") or 1))
            for w in c.get("ar") or []:
                self.ar_before[ar_key(w)] = cue
            for w in c.get("ar_bare") or []:
                self.ar_before[ar_key(w)] = cue
                self.ar_bare.add(ar_key(w))
            for w in c.get("en_before") or []:
                self.en_before[w.lower()] = cue
            for w in c.get("en_after") or []:
                self.en_after[w.lower()] = cue
        cur = curated()
        self.stop_ar = frozenset(ar_key(w) for w in cur.get("stop_ar") or [])
        self.stop_en = frozenset(en_key(w) for w in cur.get("stop_en") or [])
        # a word after a name that shows it is no place: "المسيلة للدموع" (tear gas), not M'Sila
        self.not_before = frozenset(ar_key(w) for w in cur.get("not_before_ar") or [])
        #: words whose prefix is no preposition before a place ("بحجة": on the pretext)
        self.prefixed_words = {fold(w): frozenset(fold(x) for x in nxt)
                               for w, nxt in (cur.get("prefixed_words_ar") or {}).items()}
        # cue words themselves are never place names
        self.never = frozenset(self.ar_before) | frozenset(ar_key(w) for w in cur.get("never_ar") or []) | frozenset(
            en_key(w) for w in list(self.en_before) + list(self.en_after))
        # single cue words: a name that ends in one ("Marib City", "الباب شرقي") is read as name + cue
        self.never_words = frozenset(w for w in self.ar_before if " " not in w) | frozenset(
            en_word(w) for w in self.en_after if " " not in w)


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
    if w[0] in "وفبل":
        out.append((ar_word(w[1:]), 1))
    elif w.startswith("كال") and len(w) > 5:
        out.append((ar_word(w[1:]), 1))  # "كالبصرة والناصرية": like Basra and Nasiriyah
    return out


class Matcher:
    def __init__(self, gz: Gazetteer | None = None):
        self.gz = gz or Gazetteer.open()
        self.lex = lexicon()
        self.keys = self.gz.keys
        self.first = self.gz.first_words
        self.max_words = min(self.gz.max_words, 6)
        self._words: dict[str, tuple] = {}
        self._kscore: dict[str, float] = {}
        self._known: dict[str, bool] = {}

    def _key_score(self, key: str) -> float:
        """How good the best place of a key is, for choosing between clitic readings (ولبنان: و+لبنان, not ول+بنان)."""
        hit = self._kscore.get(key)
        if hit is None:
            entries = self.gz.by_key(key)
            hit = max((lookup_score(e) + (3.0 if prominent(e) else 0.0) for e in entries), default=0.0)
            if key in self.lex.stop_ar or key in self.lex.stop_en:
                hit -= 5.0
            self._kscore[key] = hit
        return hit

    def _well_known(self, key: str) -> bool:
        hit = self._known.get(key)
        if hit is None:
            hit = self._known[key] = key not in self.lex.stop_ar and any(
                e.level in ("country", "admin1") or e.src == "curated" or (e.level == "locality" and e.pop >= 50_000)
                for e in self.gz.by_key(key))
        return hit

    def _word_info(self, w: str) -> tuple[bool, str, list]:
        """(Arabic?, the word's key inside a name, its first-word forms that start some name)."""
        a = "\u0621" <= w[0] <= "\u064a"
        if a:
            forms = []
            for f, strip in _ar_first_forms(w):
                if f not in self.first:
                    continue
                rest = w[strip:]
                # "وحلب", "بالحسكة", "للرقة" strip safely; a bare ب/ل/ف before a word without its article
                # ("بلاد", "فيرة") must leave the name of a well-known place
                need = bool(strip and not rest.startswith("ال") and w[0] != "و" and w[:2] != "لل")
                forms.append((f, strip, need))
            if forms and forms[0][1] == 0 and forms[0][0] in self.keys and forms[0][0] not in self.lex.stop_ar:
                forms = forms[:1] + [x for x in forms[1:] if self._key_score(x[0]) > self._key_score(forms[0][0]) + 3]
            return True, ar_word(w), forms
        return False, en_word(w.replace("'", "")), []

    # -- pass 0: find names --
    def find(self, text: str, orig: str | None = None, to_orig=None, skip: tuple[int, int] | None = None) -> list[Candidate]:
        """Every gazetteer name in a normalised ``text``. ``orig``/``to_orig`` (the original text and the
        offset map) let English names require a capital letter; ``skip`` is a normalised span to ignore."""
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        n = len(toks)
        inner: list[str] = []
        is_ar: list[bool] = []
        firsts: list[list] = []
        wc = self._words
        if len(wc) > 300_000:
            wc.clear()
        for _s, _e, w in toks:
            hit = wc.get(w)
            if hit is None:
                hit = wc[w] = self._word_info(w)
            is_ar.append(hit[0])
            inner.append(hit[1])
            firsts.append(hit[2])
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
                forms = firsts[i]
                if not forms:
                    i += 1
                    continue
            elif w0 in _EN_ARTICLES and i + 1 < n and not is_ar[i + 1] and _GAP_OK.match(text[e0:toks[i + 1][0]]) \
                    and (w0 in ("al", "el") or text[e0:e0 + 1] == "-" or
                         (orig is not None and to_orig is not None and orig[to_orig[s0]].isupper())):
                offset_tok = i + 1  # "al-Hasakah": the key starts at the next word, the mention here
                forms = [(inner[i + 1], 0, False)]
            else:
                forms = [(inner[i], 0, False)]
            for form, strip, need in forms:
                if form not in first:
                    continue
                key = form
                if key in keys and (not need or self._well_known(key)) and (best is None or (best[3] == offset_tok and
                                                     self._key_score(key) > self._key_score(best[1]))):
                    best = (1, key, strip, offset_tok)
                j = offset_tok + 1
                while j < n and j - offset_tok < self.max_words + 2:
                    if is_ar[j] != is_ar[offset_tok] or not _GAP_OK.match(text[toks[j - 1][1]:toks[j][0]]):
                        break
                    if not is_ar[j] and toks[j][2] in _EN_ARTICLES and j + 1 < n:
                        j += 1
                        continue
                    key = key + " " + inner[j]
                    if form in lex.ar_before and j == offset_tok + 1 and inner[j] in keys and not any(
                            e.src == "curated" or e.cc in REGION for e in self.gz.by_key(key)):
                        j += 1  # "مدينة زنجبار" is the cue and Zinjibar, not Zanzibar City's Arabic name
                        continue
                    if key in keys and (not need or self._well_known(key)) and (best is None or best[3] < j or (
                            best[3] == j and self._key_score(key) > self._key_score(best[1]))) and (
                            inner[j] not in lex.never_words or any(e.src == "curated" for e in self.gz.by_key(key)) or (
                                # "ظهران الجنوب", a governorate; not "الباب شرقي حلب", Al Bab east of Aleppo
                                (j + 1 >= n or inner[j + 1] not in first)
                                and any(e.level in ("admin1", "admin2") for e in self.gz.by_key(key)))):
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
                word = orig[o:to_orig[toks[offset_tok][1] - 1] + 1]
                if not orig[o].isupper() or (ntok == 1 and word.isupper() and len(word) <= 4):
                    i += 1  # lower case, or an acronym (SAF, SNA, RSF)
                    continue
                if j + 1 < n and not is_ar[j + 1] and text[toks[j][1]:toks[j + 1][0]] == " ":
                    nxt = toks[j + 1][2]
                    o2 = to_orig[toks[j + 1][0]]
                    if orig[o2].isupper() and nxt not in lex.en_after and en_word(nxt) not in lex.never_words:
                        cand_partial = True  # "Kafr Nubl", "Shabwa Defense Forces": part of a longer name
                    else:
                        cand_partial = False
                else:
                    cand_partial = False
                if i > 0 and not is_ar[i - 1] and text[toks[i - 1][1]:s0] == " ":
                    prev = toks[i - 1][2]
                    o0 = to_orig[toks[i - 1][0]]
                    if orig[o0].isupper() and prev not in lex.en_before and prev not in _EN_ARTICLES \
                            and en_key(prev) not in lex.stop_en and not (i - 1 == 0 or text[toks[i - 2][1]:toks[i - 1][0]].strip()):
                        cand_partial = True  # "Kafr Nubl": a capitalised word before, mid-sentence
            else:
                cand_partial = False
            stop = lex.stop_ar if lang == "ar" else lex.stop_en
            if key in lex.never or (j + 1 < n and inner[j + 1] in lex.not_before):
                i += 1  # "الغاز المسيل للدموع" is tear gas, not M'Sila
                continue
            if i > 0 and is_ar[i - 1] and (f"{inner[i - 1]} {key}" in lex.stop_ar
                                           or f"{inner[i - 1][1:]} {key}" in lex.stop_ar and inner[i - 1][:1] in "وف"):
                i += 1  # "الخوذ البيضاء": the White Helmets, not Al Bayda
                continue
            if strip and ntok == 1 and j + 1 < n and toks[j + 1][2] in lex.prefixed_words.get(w0, ()):
                i += 1  # "بحجة أنهم": on the pretext that, not in Hajjah
                continue
            if lang == "ar" and ntok > 1 and orig is not None and to_orig is not None and \
                    orig[to_orig[s0]:to_orig[e0 - 1] + 1].lstrip("وفبل") in _FUNCTION_WORDS:
                i += 1  # "القضاء على أمير التنظيم" is not the village 'Ali al Amir, "أن صالح" not In Salah
                continue
            cand = Candidate(nstart, nend, key, (), lang, n_words=ntok)
            cand.extra["partial"] = cand_partial
            before = text[max(0, nstart - 2):nstart].strip()
            if before.endswith("(") and out and 0 <= nstart - out[-1].nend <= 16 and \
                    _GAP_WORDS.match(text[out[-1].nend:nstart]):
                cand.extra["qualifies"] = len(out) - 1  # "Tafas (Dar'a)": the region of the name before it
            cand.cue_before = self._cue_before(text, toks, i, is_ar[i], strip, w0)
            if cand.cue_before is None and out and out[-1].cue_before is not None and key not in lex.stop_ar and \
                    out[-1].cue_before.level in _NAMING_LEVELS and _LIST_GAP.match(text[out[-1].nend:nstart]):
                cand.cue_before = out[-1].cue_before  # "بلدات المسيفرة وكحيل والسهوة": the cue names each
                cand.extra["list_prev"] = len(out) - 1
            if lang == "en":
                cand.cue_after = self._cue_after(toks, j + 1)
            if key in stop and (cand.cue_before is None or cand.cue_before.level not in _NAMING_LEVELS):
                i += 1
                continue
            cand.entries = self.gz.by_key(key)
            if lang == "ar" and w0[strip:].startswith("ال"):
                # "السورية", "المالي": an adjective, not the country (whose name has no article)
                cand.entries = tuple(e for e in cand.entries if e.level != "country" or
                                     fold(e.name_ar or "").startswith("ال") or " " in key)
                if not cand.entries:
                    i = j + 1
                    continue
            out.append(cand)
            i = j + 1
        _mark_within(text, out)
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
                    if cue and key in lex.ar_bare and "ال" in words[0][:3]:
                        continue  # "المقاومة الشعبية": an adjective, not Libya's district
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
                c.extra["strong"] = (e.cc, 1.0 if e.level != "country" else 1.5)
                weights[e.cc] += c.extra["strong"][1]
                if e.admin1 and e.level != "country":
                    admin1s[(e.cc, e.admin1)] += 1
        top = weights.most_common(1)[0][0] if weights else None
        total = sum(weights.values()) or 1.0
        for c in cands:
            k = c.extra.get("qualifies")
            if k is not None:
                qual = _likeliest(c.entries)
                cands[k].extra["qual"] = ({e.cc for e in qual},
                                          {en_key(x) for e in qual for x in (e.name, e.admin1) if x})
            k = c.extra.get("within")
            if k is not None:
                qual = _likeliest(cands[k].entries)
                c.extra["within_admin1"] = {(e.cc, en_key(e.admin1)) for e in qual
                                            if e.admin1 and e.level in ("admin1", "locality")}
        kept: list[Candidate] = []
        for c in cands:
            sib = _sibling(cands, c)
            if sib is not None:  # "بلدات المسيفرة وكحيل والجيزة": a town of the list's governorate, not Giza
                c.extra["sibling_admin1"] = (sib.chosen.cc, sib.chosen.admin1)
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
        if c.key in self.lex.stop_ar or c.key in self.lex.stop_en:
            return None
        prom = [e for e in c.entries if prominent(e, c.n_words, c.lang)]
        if not prom:
            return None
        prom.sort(key=lookup_score, reverse=True)
        if len(prom) > 1 and prom[0].cc != prom[1].cc and lookup_score(prom[0]) - lookup_score(prom[1]) < 1.0:
            return None
        return prom[0]

    def _score(self, c: Candidate, e: Entry, weights, admin1s, top, total) -> float:
        s = lookup_score(e)
        qual = c.extra.get("qual")
        if qual:
            if e.cc in qual[0]:
                s += 6.0
                if (e.admin1 and en_key(e.admin1) in qual[1]) or (e.admin2 and en_key(e.admin2) in qual[1]):
                    s += 4.0
        if (e.cc, en_key(e.admin1 or "")) in c.extra.get("within_admin1", ()):
            s += 4.0
        if e.admin1 and (e.cc, e.admin1) == c.extra.get("sibling_admin1") and e.level not in ("admin1", "country"):
            s += 8.0
        if e.level == "admin1":
            s -= 1.5
        w = weights.get(e.cc, 0.0)
        s += 4.0 * w / total + (1.5 if e.cc == top else 0.0)
        if e.admin1 and admin1s.get((e.cc, e.admin1)) and e.level not in ("admin1", "country"):
            s += 2.0
        cue = main_cue(c)
        if cue and cue.level:
            if cue.level == e.level:
                s += 5.0
            elif cue.level == "locality" and e.level in ("admin1", "admin2"):
                s -= 2.0
            elif cue.level in ("admin1", "admin2") and e.level in ("admin1", "admin2"):
                s += 1.5
        return s

    def _allowed(self, c: Candidate, e: Entry, weights, admin1s) -> bool:
        own = c.extra["strong"][1] if c.extra.get("strong", (None,))[0] == e.cc else 0.0
        if c.n_words == 1 and e.level == "locality" and e.pop < _MIN_POP_FOREIGN_WORD and not c.extra.get("qual") \
                and weights and weights.get(e.cc, 0) - own <= 0 and max(weights.values()) >= 2:
            # one word, a small town abroad (its own mention aside), in an article about elsewhere: a common
            # word ("ثكنة", "بمفرق قطبين": at the junction)
            return False
        if c.extra.get("partial") and not (e.level in ("country", "admin1") or e.pop >= 500_000 or e.src == "curated"):
            return False
        if c.extra.get("qual") and e.cc in c.extra["qual"][0] and e.level != "country":
            return True  # "Tafas (Dar'a)": a qualified name is a place
        within = c.extra.get("within_admin1")
        if within and e.level not in ("country", "admin1"):
            if (e.cc, en_key(e.admin1 or "")) in within:
                if c.extra.get("adjacent"):
                    return True  # "على حدود كتاف في محافظة صعدة": the Kitaf of Sa'dah
            elif not prominent(e, c.n_words, c.lang):
                return False  # "بلدة بني قيس في محافظة حجة" is not the Bani Qays of Marib
        if prominent(e, c.n_words, c.lang) and c.key not in self.lex.stop_ar and c.key not in self.lex.stop_en:
            return True
        cue = main_cue(c)
        in_ctx = weights.get(e.cc, 0) > 0
        if cue is not None and cue.key == "street" and e.level not in ("district", "facility") and e.src != "curated":
            return False  # "شارع الأربعين" in Taiz is a street, not a village called الأربعين
        if cue is not None and cue.key == "neighbourhood" and e.level == "locality" and e.src != "curated" \
                and not admin1s.get((e.cc, e.admin1)):
            return False  # a neighbourhood of the town the article is about, not a village elsewhere
        if cue is not None and cue.level in _NAMING_LEVELS:
            return in_ctx or e.pop >= 1000 or c.n_words > 1
        if cue is not None and cue.key == "airport" and in_ctx and e.level == "locality":
            return True  # "قاعدة الشعيرات الجوية": an air base is named after its village, however small
        if cue is not None and cue.key != "in":
            return (in_ctx and (e.pop >= 1000 or c.n_words > 1)) or e.level in ("facility", "district")
        if e.admin1 and admin1s.get((e.cc, e.admin1)):
            return c.n_words > 1 or e.pop >= 1000 or cue is not None
        if c.lang == "en" and cue is not None:
            return in_ctx and (e.pop >= 1000 or c.n_words > 1 or e.level in ("admin2", "district"))
        if in_ctx and c.n_words > 1 and e.level in ("locality", "admin2", "district"):
            return e.pop >= 1000 or c.lang == "en"
        return False


def _likeliest(entries) -> list[Entry]:
    """The six likeliest entries of a qualifying name ("(Dar'a)", "في محافظة صعدة"): where it may be."""
    return sorted(entries, key=lookup_score, reverse=True)[:6]


def _sibling(cands: list[Candidate], c: Candidate) -> Candidate | None:
    """The nearest earlier place of the list ``c`` is in, already resolved to a town."""
    k = c.extra.get("list_prev")
    while k is not None:
        prev = cands[k]
        if prev.chosen is not None and prev.chosen.level not in ("admin1", "country"):
            return prev
        k = prev.extra.get("list_prev")
    return None


def _mark_within(text: str, cands: list[Candidate]) -> None:
    """A governorate named after places of its clause says where they are ("قرية هداج في ريف
    الحسكة الجنوبي", "ميناء حبل بمحافظة حجة"): each such place gets ``extra["within"]``, the
    index of the governorate's candidate, and ``extra["adjacent"]`` when the name stands right
    before it (or in a list right before it), which vouches for an obscure name."""
    for k, q in enumerate(cands):
        cue = q.cue_before
        if q.lang != "ar" or cue is None or cue.key not in ("governorate", "countryside"):
            continue
        adjacent, right, gap_ok = True, q.nstart, _ADJACENT  # then a list's separators ("قرى أ وب في ريف")
        for c in reversed(cands[:k]):
            gap = text[c.nend:q.nstart]
            if len(gap) > _WITHIN_GAP or _CLAUSE_BREAK.search(gap):
                break
            adjacent = adjacent and bool(gap_ok.match(text[c.nend:right]))
            right, gap_ok = c.nstart, _LIST_GAP
            if "within" not in c.extra:
                c.extra["within"], c.extra["adjacent"] = k, adjacent


def main_cue(c: Candidate) -> Cue | None:
    """The more telling of the cues around a name ("in Ras Al Ain district": district)."""
    cues = [x for x in (c.cue_before, c.cue_after) if x is not None]
    if not cues:
        return None
    return max(cues, key=lambda x: (x.level is not None, x.precision, x.key != "in"))


def geo_precision(c: Candidate) -> int:
    e = c.chosen
    cue = main_cue(c)
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


def specificity(level: str) -> float:
    return {"facility": 3.0, "district": 3.0, "locality": 3.0, "region": 2.0, "admin2": 1.5, "admin1": 1.0,
            "country": 0.3}.get(level, 1.0)
