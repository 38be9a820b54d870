"""Fingerprints of article texts: exact, normalised and near-duplicate (MinHash).

Syndicated copies of one story (the same agency text on several outlets, with a
different headline, a dateline or a footer) are one article in the store. Each
text gets three fingerprints, computed where the article is extracted (so a
cluster of workers shares the work):

- ``content_hash``: SHA-1 of the exact text; the same text twice is skipped.
- ``norm_hash``: SHA-1 of the folded words (diacritics, tatweel, letter variants,
  punctuation and spacing removed); equal means a copy.
- ``minhash``: a 64-value MinHash of the word 4-shingles of the folded text, in
  16 bands of 4 for look-up (locality-sensitive hashing); two texts whose
  estimated shingle Jaccard is at least :data:`NEAR_DUPLICATE` are copies.
  Texts of fewer than :data:`MIN_SHINGLES` shingles are matched by ``norm_hash``
  only (short items are too alike to tell apart by shingles).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

from ..text import _DELETE, _FOLD

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 4
MIN_SHINGLES = 12
NEAR_DUPLICATE = 0.8

_TABLE = {ord(c): None for c in _DELETE}
_TABLE.update({ord(k): v for k, v in _FOLD.items()})
_WORD = re.compile(r"\w+")
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20240611)
_A = _rng.integers(1, 1 << 32, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, PERMUTATIONS, dtype=np.uint64)


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    """The folded words of a text (see :mod:`marsad.text`), lower-cased."""
    return _WORD.findall(text.translate(_TABLE).lower())


@dataclass
class Fingerprint:
    content_hash: str
    norm_hash: str
    minhash: bytes | None  # PERMUTATIONS little-endian uint32, or None for short texts

    def bands(self) -> list[str]:
        if self.minhash is None:
            return []
        return [f"{i}:{self.minhash[i * ROWS * 4:(i + 1) * ROWS * 4].hex()}" for i in range(BANDS)]


def fingerprint(text: str) -> Fingerprint:
    ws = words(text)
    norm = hashlib.sha1(" ".join(ws).encode("utf-8")).hexdigest()
    sig = None
    if len(ws) - SHINGLE + 1 >= MIN_SHINGLES:
        shingles = {" ".join(ws[i:i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)}
        x = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
        # (a*x + b) mod p over 32-bit values: the product fits in 64 bits.
        h = (np.outer(x, _A) + _B) % np.uint64(_PRIME)
        sig = (h.min(axis=0) & np.uint64(0xFFFFFFFF)).astype("<u4").tobytes()
    return Fingerprint(content_hash(text), norm, sig)


def similarity(a: bytes | None, b: bytes | None) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
