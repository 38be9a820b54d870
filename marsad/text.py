"""Normalisation with an offset map back to the original text.

``normalize(text)`` returns a :class:`Normalized`: the folded string used for
matching (diacritics and tatweel removed, alef/yaa/taa-marbuta variants folded,
Arabic-Indic digits made ASCII, Latin lower-cased) and ``to_orig``, where
``to_orig[i]`` is the index in the original text of normalised character ``i``
(with one extra entry for the end). Every fold is one character to one
character or a deletion, so spans map back exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DELETE = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640", "\u200c", "\u200d",
                                                          "\u200e", "\u200f", "\u202a", "\u202b",
                                                          "\u202c", "\u202d", "\u202e", "\u2066",
                                                          "\u2067", "\u2068", "\u2069", "\ufeff"}
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك",
    "“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‘": "'", "’": "'",
    "–": "-", "—": "-", "\u00a0": " ",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian/Urdu)
_FOLD["٫"] = "."
_FOLD["٬"] = ","


@dataclass(frozen=True)
class Normalized:
    text: str
    to_orig: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original."""
        if start >= end:
            o = self.to_orig[start]
            return o, o
        return self.to_orig[start], self.to_orig[end - 1] + 1


def fold_char(ch: str) -> str:
    if ch in _DELETE:
        return ""
    ch = _FOLD.get(ch, ch)
    return ch.lower() if ch.isascii() else ch


def normalize(text: str) -> Normalized:
    out: list[str] = []
    to_orig: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        if f:
            out.append(f)
            to_orig.append(i)
    to_orig.append(len(text))
    return Normalized("".join(out), tuple(to_orig))


def fold(text: str) -> str:
    """The normalised form of a word or phrase (for lexicons and look-ups)."""
    return "".join(fold_char(c) for c in text)


_AR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_lang(text: str, sample: int = 4000) -> str:
    """'ar' or 'en' by letter counts; text with neither is called 'en'."""
    head = text[:sample]
    ar = len(_AR.findall(head))
    en = len(_LATIN.findall(head))
    return "ar" if ar >= en and ar > 0 else "en"
