"""Look-up keys for place names, shared by the gazetteer builder and the matcher.

``ar_key`` folds an Arabic name (:func:`marsad.text.fold`), keeps Arabic letters and
spaces, and drops the article ``ال`` from every word: ``الحسكة`` -> ``حسكه``,
``دير الزور`` -> ``دير زور``. ``en_key`` reduces a Latin transliteration to a
loose phonetic form so that Hasakah, Hasaka, Hassakeh and Al-Hasakah, or Marib
and Ma'rib, share one key. The same functions key the gazetteer and the text.
"""

from __future__ import annotations

import re
import unicodedata

from ..text import fold

_AR_LETTERS = re.compile(r"[^\u0621-\u064A ]+")
_SPACES = re.compile(r"\s+")
_ARTICLE_EN = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed", "es", "et",
                         "ez", "en", "er", "ul", "il", "the"})
_EN_DROP = re.compile(r"[‘’'`ʿʾʼ´]")
_EN_NON = re.compile(r"[^a-z0-9 ]+")
_DOUBLE = re.compile(r"([a-z])\1+")


def ar_word(w: str) -> str:
    """One folded Arabic word without its article (``الحسكه`` -> ``حسكه``; short words kept)."""
    if w.startswith("ال") and len(w) > 3:
        return w[2:]
    return w


def ar_key(name: str) -> str:
    s = _AR_LETTERS.sub(" ", fold(name))
    return " ".join(ar_word(w) for w in s.split())


def en_word(t: str) -> str:
    """A loose phonetic form of one lower-case Latin word."""
    t = _DOUBLE.sub(r"\1", t)
    if len(t) > 3 and t.endswith("h") and t[-2] in "aeiou":
        t = t[:-1]
    if len(t) > 2 and t.endswith("e"):
        t = t[:-1] + "a"
    t = (t.replace("aw", "u").replace("ou", "u").replace("oo", "u").replace("q", "k").replace("ay", "i").replace("ai", "i")
         .replace("ei", "i").replace("ey", "i").replace("ee", "i").replace("e", "i").replace("o", "u")
         .replace("y", "i").replace("dh", "d").replace("kh", "k").replace("gh", "g").replace("sh", "s")
         .replace("th", "d").replace("ph", "f"))  # th/dh both write ذ (Thiban = Dhiban, Thi-Qar = Dhi Qar)
    t = _DOUBLE.sub(r"\1", t)
    return t


def _strip_latin(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("å", "a").replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("ı", "i")
    return s


def en_tokens(name: str) -> list[str]:
    s = _EN_DROP.sub("", _strip_latin(name).lower())
    s = _EN_NON.sub(" ", s.replace("-", " "))
    toks = s.split()
    out = [t for i, t in enumerate(toks) if not (t in _ARTICLE_EN and i + 1 < len(toks))]
    return out


def en_key(name: str) -> str:
    return " ".join(en_word(t) for t in en_tokens(name))


def plain_latin(name: str) -> str:
    """A display form without diacritics and WOF's odd letters (``Al Ḩudaydah`` -> ``Al Hudaydah``)."""
    s = _strip_latin(name).replace("‘", "'").replace("’", "'").replace("`", "'")
    return _SPACES.sub(" ", s).strip()


def is_arabic(s: str) -> bool:
    """Arabic letters only (Persian/Urdu/Kurdish letters excluded), at least two of them."""
    letters = [c for c in s if not c.isspace() and c not in "-'"]
    if len(letters) < 2:
        return False
    return all("\u0621" <= c <= "\u0652" or c in "\u0670\u0671\u0640" for c in letters)


def is_latin(s: str) -> bool:
    return bool(s) and all(ord(c) < 0x250 or c in "‘’ʿʾḩḨţŢşŞḑḐẓẒḥḤṭṬṣṢḍḌẕ" or unicodedata.combining(c)
                           for c in s)
