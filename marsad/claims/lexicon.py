"""The claims layer's language data (``data/ar.yaml``, ``data/en.yaml``, ``data/names.yaml``).

Every phrase is folded with :func:`marsad.text.fold`, so the stages match it
against ``doc.norm.text``. Loaded once per process (``lexicon(lang)``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..text import fold

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("ar", "en")

#: Arabic clitics that may stick to the front of a word (و ف ب ل ك and pairs).
AR_PREFIX = r"(?:[وف]?[بلك]?)"


def load_raw(lang: str) -> dict[str, Any]:
    with open(DATA / f"{lang}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def fphrase(p: Any) -> str:
    return " ".join(fold(str(p)).split())


def phrase_alt(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases, longest first, spaces flexible."""
    uniq = sorted({fphrase(p) for p in phrases if str(p).strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in uniq)


def word_re(phrases: Iterable[str], lang: str, clitics: bool = True) -> str:
    """A regex for any of ``phrases`` as whole words (Arabic: with clitics before)."""
    phrases = [fphrase(p) for p in phrases if str(p).strip()]
    if lang == "ar" and clitics:
        extra = ["ل" + p[1:] for p in phrases if p.startswith("ال")]  # ل + ال -> لل
        core = phrase_alt(phrases)
        lil = phrase_alt(extra)
        alt = f"{AR_PREFIX}(?:{core})" + (f"|[وف]?(?:{lil})" if lil else "")
        return rf"(?<![\w])(?:{alt})(?![\w])"
    return rf"(?<![\w])(?:{phrase_alt(phrases)})(?![\w])"


class Lexicon:
    """Folded look-up tables for one language."""

    def __init__(self, lang: str):
        raw = load_raw(lang)
        self.lang = lang
        self.raw = raw
        self.months = {fphrase(n): int(k) for k, names in raw["months"].items() for n in names}
        self.hijri_months = {fphrase(n): int(k) for k, names in (raw.get("hijri_months") or {}).items() for n in names}
        self.weekdays = {fphrase(n): int(k) for k, names in raw["weekdays"].items() for n in names}
        self.relative = {fphrase(n): key for key, names in raw["relative"].items() for n in names}
        self.day_units = {fphrase(n): key for key, names in raw["day_units"].items() for n in names}
        self.numbers = {fphrase(k): int(v) for k, v in raw["numbers"].items()}
        self.multipliers = {fphrase(k): int(v) for k, v in raw["multipliers"].items()}
        self.qualifiers = {fphrase(p): key for key, ps in raw["qualifiers"].items() for p in ps}
        self.qualifiers_after = {fphrase(p): key for key, ps in raw["qualifiers_after"].items() for p in ps}
        self.vague = {fphrase(k): (None if v is None else int(v)) for k, v in raw["vague"].items()}
        self.duals = {fphrase(k): v for k, v in raw["duals"].items()}
        self.unit_verbs: dict[str, str] = {}
        self.unit_nouns: dict[str, str] = {}
        for unit, d in raw["units"].items():
            for w in d.get("verbs") or []:
                self.unit_verbs.setdefault(fphrase(w), unit)
            for w in d.get("nouns") or []:
                self.unit_nouns.setdefault(fphrase(w), unit)
        self.duals_ambiguous = {fphrase(k) for k in raw.get("duals_ambiguous") or []}
        self.fractions = {fphrase(k): float(v) for k, v in (raw.get("fractions") or {}).items()}
        self.masdar = {fphrase(k) for k in raw.get("masdar") or []}
        self.killed_and_injured = {fphrase(p) for p in raw["killed_and_injured"]}
        self.inherit = {fphrase(p) for p in raw["inherit"]}
        self.not_after = {fphrase(p): key for key, ps in raw["not_count_after"].items() for p in ps}
        self.not_before = {fphrase(p) for p in raw["not_count_before"]}
        self.cues = {fphrase(k): dict(v) for k, v in raw["cues"].items()}
        self.complementisers = {fphrase(p) for p in raw["complementisers"]}
        self.anonymous = [fphrase(p) for p in raw["anonymous"]]
        self.roles = {fphrase(p): key for key, ps in raw["roles"].items() for p in ps}
        self.titles = {fphrase(p) for p in raw["titles"]}
        self.media = [fphrase(p) for p in raw["media"]]
        self.group_media = [fphrase(p) for p in raw["group_media"]]
        self.media_objects = [fphrase(p) for p in raw["media_objects"]]
        self.group_words = [fphrase(p) for p in raw["group_words"]]
        self.pronouns = {fphrase(p) for p in raw["pronoun_subjects"]}
        self.org_nouns = [fphrase(p) for p in raw.get("org_nouns") or []]
        self.name_stop = {fphrase(p) for p in raw.get("name_stop") or []}
        self.year_words = {fphrase(p) for p in raw["year_words"]}
        self.ago = {fphrase(p) for p in raw["ago"]}
        self.day_word = {fphrase(p) for p in raw["day_word"]}
        self.day_parts = {fphrase(p) for p in raw["day_parts"]}
        self.hijri_suffix = {fphrase(p) for p in raw.get("hijri_suffix") or []}

    def strip_clitic(self, tok: str, table: dict | set) -> str | None:
        """``tok`` itself, or without a leading و/ف/ب/ل/ك (Arabic), if it is in ``table``."""
        if tok in table:
            return tok
        if self.lang == "ar":
            for n in (1, 2):
                if len(tok) > n + 1 and all(c in "وفبلك" for c in tok[:n]):
                    rest = tok[n:]
                    if rest in table:
                        return rest
                    if rest.startswith("ل") and "ا" + rest in table:  # لل -> ال
                        return "ا" + rest
        return None


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    return Lexicon(lang if lang in LANGS else "en")


@lru_cache(maxsize=None)
def names() -> tuple[dict[str, str], dict[str, str]]:
    with open(DATA / "names.yaml", encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return ({fphrase(k): v for k, v in raw["names"].items()}, _first(raw["translit"]))


def _first(table: dict) -> dict:
    out: dict[str, str] = {}
    for k, v in table.items():
        out.setdefault(fold(k) or k, v)
    return out


def romanise(name_ar: str) -> str:
    """A romanised form of an Arabic-script personal name (table first, then letter by letter)."""
    table, letters = names()
    words = fphrase(name_ar).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        two = " ".join(words[i:i + 2])
        if i + 1 < len(words) and two in table:
            out.append(table[two])
            i += 2
            continue
        w = words[i]
        if w in table:
            out.append(table[w])
        elif w.startswith("ال") and w[2:] in table:
            out.append("al-" + table[w[2:]])
        else:
            s = "".join(letters.get(c, c if c.isascii() else "") for c in w)
            out.append(s[:1].upper() + s[1:] if s else w)
        i += 1
    return " ".join(out)
