"""Stage 'quantities': the figures an article gives about people, with qualifier and unit.

Works on tokens of ``doc.norm.text`` (offsets map back through ``doc.norm_span``):
digits (Arabic-Indic digits are folded to ASCII by the normaliser), number words
(ثلاثة آلاف ومئتان وخمسون, خمسة عشر, twenty-five), qualifiers before or after
(أكثر من, ما لا يقل عن, "at least", ما بين X و Y), vague amounts (العشرات → 10,
مئات → 100, عدد من → None, "dozens" → 12) and duals (قتيلان → 2 killed).

The unit is read from the words around the figure, strongest first:
1. the counted noun right after it when it names an outcome (قتيلا, جرحى, "wounded");
2. an outcome verb or noun just before it (قتلوا العشرات, اعتقلت أكثر من 100);
3. an outcome predicate after it (3000 ... محتجزون, "20 people were killed");
4. the unit of the figure before it, after "بما في ذلك"/"including";
5. the counted noun's role (مسلح → fighters, مدنيين → civilians, شخص → other).
A figure with none of these (two trucks, 5 raids, 3 villages) is not a count of
people and is left out; so are ages, years, hours, calibres, percentages, money
and figures inside date expressions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..doc import Document
from ..records import Quantity
from .lexicon import Lexicon, fphrase, lexicon, word_re

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[.,،؛;:!?؟\"()\[\]\-/%\n]")
_PUNCT_STOP = {".", "!", "?", "؟", "\n", ";", "؛", ":", "\""}
NOUN_FIRST = {"killed", "injured", "abducted", "displaced"}
STATE_UNITS = {"killed", "injured", "arrested", "detained", "abducted", "freed", "escaped", "displaced", "attackers"}


def fatalities_value(q: Quantity) -> int:
    """ACLED's fatality figure for one quantity: the lowest reported figure. Vague words
    already carry ACLED's fixed numbers in ``low`` ("dozens" 12, العشرات 10, "hundreds" 100);
    an unknown number ("عدد من", "several") or an upper bound only counts 0."""
    return q.low if q.low is not None else 0


class _PhraseIndex:
    def __init__(self, table):
        keys = [k.split() for k in table]
        self.first = {k[0] for k in keys if k}
        self.last = {k[-1] for k in keys if k}
        self.maxn = max((len(k) for k in keys), default=1)


_INDEX: dict[int, tuple[object, _PhraseIndex]] = {}


def _index(table) -> _PhraseIndex:
    hit = _INDEX.get(id(table))
    if hit is None or hit[0] is not table:
        hit = (table, _PhraseIndex(table))
        _INDEX[id(table)] = hit
    return hit[1]


class _Tables:
    def __init__(self, lang: str):
        lex = lexicon(lang)
        self.lex = lex
        self.lang = lang
        self.not_after = re.compile(r"\s*-?\s*(?:" + word_re(lex.not_after, lang, clitics=False).replace("(?<![\\w])", "") + ")")
        self.not_after_pct = re.compile(r"\s*%")
        self.not_before = re.compile("(?:" + word_re(lex.not_before, lang, clitics=False) + r")\s*[:\-]?\s*$")
        self.max_words = max(len(p.split()) for p in list(lex.qualifiers) + list(lex.vague) + list(lex.numbers))
        self.objects = {fphrase(p) for p in lex.raw["not_count_after"]["objects"]}
        self.number_words = set(lex.numbers) | set(lex.multipliers)
        self.starters = ({p.split()[0] for p in lex.vague} | {p.split()[0] for p in lex.numbers}
                         | set(lex.multipliers) | set(lex.duals))
        self.skip_after = {"من", "of", "the", "من بين"} if lang == "ar" else {"of", "the", "them"}


@lru_cache(maxsize=None)
def tables(lang: str) -> _Tables:
    return _Tables(lang if lang in ("ar", "en") else "en")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _digits(tok: str) -> float | None:
    if not tok[0].isdigit() or len(tok) > 15:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", tok):
        return float(tok.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", tok):
        return float(tok.replace(",", "."))
    return None


class _Reader:
    """Reads the figures of one normalised text."""

    def __init__(self, text: str, lang: str):
        self.T = tables(lang)
        self.lex: Lexicon = self.T.lex
        self.lang = lang
        self.text = text
        self.toks = tokenize(text)
        self.words = [t[2] for t in self.toks]
        self.last_noun: str | None = None

    # --- helpers -------------------------------------------------------------------
    def _word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def _lookup(self, i: int, table, max_words: int = 4, clitic: bool = True) -> tuple[str | None, int]:
        """The longest phrase of ``table`` starting at token ``i``: (key, token count)."""
        idx = _index(table)
        words = self.words
        if i >= len(words):
            return None, 0
        w0 = words[i]
        k0 = w0 if w0 in idx.first else None
        if k0 is None and clitic and self.lang == "ar":
            k0 = self.lex.strip_clitic(w0, idx.first)
        if k0 is None:
            return None, 0
        for n in range(min(max_words, idx.maxn), 0, -1):
            if i + n > len(words):
                continue
            phrase = " ".join([k0] + words[i + 1:i + n])
            if phrase in table:
                return phrase, n
        return None, 0

    def _lookup_ending(self, i: int, table, max_words: int = 5) -> tuple[str | None, int]:
        """The longest phrase of ``table`` ending right before token ``i``."""
        idx = _index(table)
        words = self.words
        if i < 1 or (words[i - 1] not in idx.last):
            return None, 0
        for n in range(min(max_words, idx.maxn), 0, -1):
            if i - n < 0:
                continue
            ws = words[i - n:i]
            phrase = " ".join(ws)
            if phrase in table:
                return phrase, n
            if self.lang == "ar":
                k = self.lex.strip_clitic(ws[0], idx.first)
                if k is not None and " ".join([k] + ws[1:]) in table:
                    return " ".join([k] + ws[1:]), n
        return None, 0

    def _number_at(self, i: int) -> tuple[float | None, int]:
        """A number (digits or words) starting at token ``i``: (value, tokens used)."""
        lex = self.lex
        w = self.words[i]
        d = _digits(w)
        if d is not None:
            j = i + 1
            mult, n = self._lookup(j, lex.multipliers, 1)
            if mult and lex.multipliers[mult] >= 1000:
                return d * lex.multipliers[mult], 2
            return d, 1
        total, cur, j, used = 0, 0, i, 0
        last_kind = None
        while j < len(self.words):
            tok = self.words[j]
            if tok in ("-",) and used and j + 1 < len(self.words) and self.words[j + 1] in lex.numbers:
                j += 1
                continue
            if tok in ("and", "و") and used:
                j += 1
                continue
            core = tok
            if self.lang == "ar" and tok.startswith("و") and tok[1:] in self.T.number_words and (used or tok[1:] in lex.numbers):
                core = tok[1:]
            two = " ".join(self.words[j:j + 2])
            if two in lex.numbers and (not used or last_kind == "mult"):
                cur += lex.numbers[two]
                j += 2
                used = j - i
                last_kind = "num"
                continue
            if core in lex.multipliers and lex.multipliers[core] in (100, 1000, 1000000):
                m = lex.multipliers[core]
                if not used and core in lex.vague:
                    break  # "آلاف" alone is vague
                if m == 100:
                    cur = (cur or 1) * 100
                else:
                    total += (cur or 1) * m
                    cur = 0
                last_kind = "mult"
            elif core in lex.multipliers:
                total += lex.multipliers[core]
                last_kind = "mult"
            elif core == "عشر" and used and last_kind == "num" and 0 < cur % 100 < 10:
                cur += 10
                last_kind = "num"
            elif core in lex.numbers:
                if used and last_kind == "num" and core == "عشره" and 0 < cur % 100 < 10:
                    cur += 10
                elif used and last_kind == "num" and not (self.lang == "ar" and tok.startswith("و")) and not (self.lang == "en" and cur % 10 == 0 and lex.numbers[core] < 10):
                    break
                else:
                    cur += lex.numbers[core]
                last_kind = "num"
            else:
                break
            j += 1
            used = j - i
        if not used:
            return None, 0
        # drop a dangling "و"/"and" at the end
        used = min(used, len(self.words) - i)
        while used > 1 and self.words[i + used - 1] in ("and", "و", "-"):
            used -= 1
        return float(total + cur), used

    # --- units ----------------------------------------------------------------------
    def _unit_word(self, i: int, table) -> tuple[str | None, int]:
        key, n = self._lookup(i, table, 3)
        if key is None:
            return None, 0
        return table[key], n

    def _noun_unit(self, j: int) -> tuple[str | None, int]:
        """The counted noun's unit: the first noun after the figure (Arabic) or within three words (English)."""
        while self._word(j) in self.T.skip_after or self._word(j) == '"':
            j += 1
        span = 1 if self.lang == "ar" else 3
        for k in range(j, min(j + span, len(self.words))):
            w = self.words[k]
            if not w[0].isalpha():
                break
            combo, n = self._lookup(k, self.lex.killed_and_injured, 4)
            if combo:
                return "mixed", k
            u, _ = self._unit_word(k, self.lex.unit_nouns)
            if u is None and self.lang == "en":  # "20 killed", "30 wounded"
                u, _ = self._unit_word(k, self.lex.unit_verbs)
            if u:
                return u, k
        return None, j

    def _before_unit(self, i: int) -> str | None:
        found: list[str] = []
        k = i - 1
        seen = 0
        while k >= 0 and seen < 5:
            w = self.words[k]
            if w in _PUNCT_STOP or w in (",", "،") or _digits(w) is not None:
                break
            if w[0].isalpha():
                seen += 1
                u, _ = self._unit_word(k, self.lex.unit_verbs)
                if u is None:
                    u2, _ = self._unit_word(k, self.lex.unit_nouns)
                    u = u2 if u2 in STATE_UNITS else None
                if u in STATE_UNITS:
                    found.append(u)
                    if len(found) == 1 and k >= 1:
                        u_prev, _ = self._unit_word(k - 1 if self.words[k - 1] not in ("و", "and") else k - 2, self.lex.unit_verbs)
                        if u_prev and u_prev != u and {u_prev, u} == {"killed", "injured"}:
                            return "other"
                    return found[0]
            k -= 1
        return None

    def _after_unit(self, j: int) -> str | None:
        k, seen = j, 0
        while k < len(self.words) and seen < 10:
            w = self.words[k]
            if w in _PUNCT_STOP or _digits(w) is not None:
                break
            if w[0].isalpha():
                seen += 1
                if w in self.lex.complementisers and self.lang == "ar":
                    break
                bare = w
                if self.lang == "ar":
                    for p in ("و", "ف", "ب", "ك", "ل"):
                        if bare.startswith(p) and len(bare) > 3:
                            bare = bare[1:]
                            break
                definite = self.lang == "ar" and bare.startswith("ال")
                u, _ = self._unit_word(k, self.lex.unit_verbs)
                if u is not None and self.lang == "ar" and (bare in self.lex.masdar or w in self.lex.masdar):
                    u = u if w[0] in "بل" and w != bare else None
                if u is None and not definite:
                    u, _ = self._unit_word(k, self.lex.unit_nouns)
                if u is not None:
                    if u in STATE_UNITS:
                        if u == "detained":
                            for kk in range(k + 1, min(k + 3, len(self.words))):
                                u2, _ = self._unit_word(kk, self.lex.unit_nouns)
                                if u2 == "abducted":
                                    return "abducted"
                        return u
            k += 1
        return None

    def _unit(self, qs: int, i: int, j: int, prev: Quantity | None, prev_tok: int) -> str | None:
        noun, nk = self._noun_unit(j)
        self.last_noun = noun if noun in ("civilians", "fighters", "attackers", "protesters") else None
        if noun == "mixed":
            return "other"
        if noun in NOUN_FIRST:
            return noun
        before = self._before_unit(qs)
        if before:
            if before == "escaped" and noun == "civilians":
                return "displaced"
            return before
        after = self._after_unit(nk + 1 if noun else j)
        if after:
            if after == "escaped" and noun == "civilians":
                return "displaced"
            return after
        if noun in STATE_UNITS:
            return noun
        if prev is not None and prev_tok >= 0:
            inh, _ = self._lookup_ending(qs, self.lex.inherit, 4)
            if inh:
                self.last_part = True  # "59 قتيلا بينهم 7 أطفال": part of the figure before, not another count
                return prev.unit
            if self._word(qs - 1) in ("و", "and") and qs - prev_tok <= 8 and prev.unit in STATE_UNITS:
                return prev.unit
        return noun

    # --- the scan -------------------------------------------------------------------
    def read(self, date_spans: list[tuple[int, int]]) -> list[tuple[int, int, Quantity]]:
        """``(nstart, nend, Quantity)`` with normalised offsets (the caller maps them)."""
        lex = self.lex
        out: list[tuple[int, int, Quantity]] = []
        prev: Quantity | None = None
        prev_tok = -1
        i = 0
        n = len(self.words)
        while i < n:
            w = self.words[i]
            if not (w[0].isalnum()) or (not w[0].isdigit() and w not in self.T.starters
                                         and (self.lang != "ar" or self.lex.strip_clitic(w, self.T.starters) is None)):
                i += 1
                continue
            value, used, qual, low, high = None, 0, "exact", None, None
            vague_key, vn = self._lookup(i, lex.vague, 4)
            dual_key, dn = (None, 0)
            if vague_key is None:
                dual_key = lex.strip_clitic(w, lex.duals)
                if dual_key in lex.duals_ambiguous:
                    nxt = self._word(i + 1)
                    if w.startswith(("ال", "لل", "بال", "وال")) or not (nxt.endswith("ين") and len(nxt) > 3):
                        dual_key = None
            if dual_key is None and vague_key is None:
                value, used = self._number_at(i)
            if value is None and vague_key is None and dual_key is None:
                i += 1
                continue
            s_tok = i
            e_tok = i + (used or vn or 1)
            ns, ne = self.toks[s_tok][0], self.toks[e_tok - 1][1]
            if self.lang == "ar" and w[0] in "وف" and value is not None and w[1:2] and not w[1].isdigit():
                ns += 1  # the clitic و of "وثلاثة" is not part of the figure
            if any(a <= ns < b for a, b in date_spans):
                i = e_tok
                continue
            if value is not None and s_tok > 0:
                fr, fn = self._lookup_ending(s_tok, lex.fractions, 3)
                if fr:
                    value *= lex.fractions[fr]
                    s_tok -= fn
                    ns = self.toks[s_tok][0]
            if value is not None and self._not_count(ns, ne, value):
                i = e_tok
                continue
            if vague_key is not None and self.T.not_after.match(self.text, ne):
                i = e_tok
                continue
            if self._object_after(e_tok):
                i = e_tok
                continue
            unit_j = e_tok
            if dual_key is not None:
                q = Quantity(2, 2, "exact", lex.duals[dual_key], "", 0, 0)
                out.append((ns, ne, q))
                prev, prev_tok = q, i
                i = e_tok
                continue
            if vague_key is not None:
                low = lex.vague[vague_key]
                qual = "vague"
            else:
                v = int(value)
                # "ما بين 150 و 200", "between 10 and 20", "من 10 إلى 20"
                b_key, bn = self._lookup_ending(s_tok, set(lex.raw["between"]) | {"ما بين", "between", "from"}, 2)
                if self._word(e_tok) in set(lex.raw["between_and"]) or (self.lang == "ar" and self._word(e_tok) in ("الى", "حتى")):
                    v2, used2 = self._number_at(e_tok + 1) if e_tok + 1 < n else (None, 0)
                    if v2 is not None and v2 > v and (b_key or self._word(e_tok) in ("الى", "to", "حتى")):
                        e_tok = e_tok + 1 + used2
                        ne = self.toks[e_tok - 1][1]
                        low, high, qual = v, int(v2), "between"
                        if b_key:
                            s_tok -= bn
                            ns = self.toks[s_tok][0]
                        unit_j = e_tok
                if qual != "between":
                    q_key, qn = self._lookup_ending(s_tok, lex.qualifiers, 4)
                    if q_key:
                        qual = lex.qualifiers[q_key]
                        s_tok -= qn
                        ns = self.toks[s_tok][0]
                    else:
                        for k in range(e_tok, min(e_tok + 4, n)):
                            a_key, an = self._lookup(k, lex.qualifiers_after, 3, clitic=False)
                            if a_key:
                                qual = lex.qualifiers_after[a_key]
                                break
                    low, high = {
                        "exact": (v, v), "about": (v, v), "more_than": (v + 1, None), "at_least": (v, None),
                        "less_than": (None, v - 1), "at_most": (None, v),
                    }.get(qual, (v, v))
            self.last_part = False
            unit = self._unit(s_tok, i, unit_j, prev, prev_tok)
            if unit is None:
                i = e_tok
                continue
            q = Quantity(low, high, qual, unit, "", 0, 0)
            q._victim = self.last_noun  # not a dataclass field: read by the discrepancies stage only
            q._part = self.last_part  # nor this: read by the fatalities of events
            out.append((ns, ne, q))
            prev, prev_tok = q, i
            i = e_tok
        return out

    def _object_after(self, j: int) -> bool:
        """The figure counts things (trucks, raids, villages), not people."""
        while self._word(j) in self.T.skip_after:
            j += 1
        key, _ = self._lookup(j, self.T.objects, 2)
        return key is not None

    def _not_count(self, ns: int, ne: int, value: float) -> bool:
        text = self.text
        if value != int(value) and value < 1000:
            return True
        if 1900 <= value <= 2100 and re.fullmatch(r"\d{4}", text[ns:ne]):
            after = text[ne:ne + 12]
            if not re.match(r"\s*(?:من\s+)?[^\W\d]", after) or self.T.not_after.match(text, ne):
                return True
        if self.T.not_after.match(text, ne) or self.T.not_after_pct.match(text, ne):
            return True
        before = text[max(0, ns - 25):ns]
        if self.T.not_before.search(before):
            return True
        if ns > 0 and text[ns - 1] in ":/.$£€#" or text[ne:ne + 1] in (":", "/") and text[ne + 1:ne + 2].isdigit():
            return True
        if ns > 0 and text[ns - 1].isascii() and text[ns - 1].isalpha():
            return True
        if text[ne:ne + 1].isascii() and text[ne:ne + 1].isalpha() and text[ne:ne + 2] not in ("st", "nd", "rd", "th"):
            return True
        return False


class QuantityStage:
    """Fills ``doc.quantities``."""

    name = "quantities"

    def __init__(self):
        for lang in ("ar", "en"):
            tables(lang)

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang if doc.lang in ("ar", "en") else "en"
        dates = [(doc.orig_to_norm(d.start), doc.orig_to_norm(d.end)) for d in doc.dates]
        out: list[Quantity] = []
        for ns, ne, q in _Reader(doc.norm.text, lang).read(dates):
            span = doc.norm_span(ns, ne)
            q.start, q.end, q.text = span.start, span.end, span.text
            out.append(q)
        doc.quantities = out
        return doc


def read_quantities(text: str, lang: str) -> list[Quantity]:
    """The figures of a bare text (offsets into the text): for tests and scripts."""
    from ..doc import Document as _D

    doc = _D.make(text, lang=lang)
    return QuantityStage()(doc).quantities
