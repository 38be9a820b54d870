"""Reporting cues ("قال", "بحسب", "said", "according to") found in the normalised text.

Shared by the dates stage (a date right by a cue is when something was *said*)
and the attribution stage. Computed once per document and kept in
``doc.scratch["claims_cues"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..doc import Document
from .lexicon import Lexicon, lexicon, word_re


@dataclass
class Cue:
    nstart: int   # offsets into doc.norm.text
    nend: int
    word: str     # the folded cue key
    kind: str     # say | according | relay | believed | show
    stance: str
    conj: bool    # opens a coordinated clause (و/ف prefix or after a comma)


@lru_cache(maxsize=None)
def _cue_re(lang: str) -> re.Pattern:
    lex = lexicon(lang)
    keys = list(lex.cues)
    if lang == "ar":
        # a cue verb may carry و/ف in front (وقال، فأكد); prepositions only و
        return re.compile(rf"(?<![\w])(?P<conj>[وف])?(?P<cue>{_alt(keys)})(?![\w])")
    return re.compile(rf"(?<![\w-])(?P<conj>)(?P<cue>{_alt(keys)})(?![\w-])")


def _alt(keys: list[str]) -> str:
    keys = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


@lru_cache(maxsize=None)
def _comp_re(lang: str) -> re.Pattern:
    lex = lexicon(lang)
    words = [c for c in lex.complementisers if c != ":"]
    return re.compile(rf"(?:{word_re(words, lang, clitics=False)})|:|\"")


def complementiser_re(lang: str) -> re.Pattern:
    return _comp_re(lang)


def find_cues(doc: Document) -> list[Cue]:
    cached = doc.scratch.get("claims_cues")
    if cached is not None:
        return cached
    lang = doc.lang if doc.lang in ("ar", "en") else "en"
    lex: Lexicon = lexicon(lang)
    text = doc.norm.text
    out: list[Cue] = []
    for m in _cue_re(lang).finditer(text):
        key = " ".join(m.group("cue").split())
        info = lex.cues.get(key) or {}
        before = text[max(0, m.start() - 3):m.start()].rstrip()
        conj = bool(m.group("conj")) or before.endswith((",", "،", "؛", ";")) or text[max(0, m.start() - 4):m.start()].strip() == "and"
        if lang == "en" and key in ("say", "says") and text[max(0, m.start() - 4):m.start()].strip() in ("to", "not"):
            continue
        if lang == "en" and key == "said" and doc.norm.to_orig[m.start()] < len(doc.text) and doc.text[doc.norm.to_orig[m.start()]].isupper():
            nxt = text[m.end():m.end() + 12].split()[:1]
            if m.start() > 0 and text[m.start() - 2:m.start()].strip() not in (".", "", '"') or (nxt and nxt[0] in lex.cues):
                continue  # the name "Said" ("Ahmed Said said", "Said told reporters")
        out.append(Cue(m.start(), m.end(), key, info.get("kind", "say"), info.get("stance", "asserted"), conj))
    doc.scratch["claims_cues"] = out
    return out
