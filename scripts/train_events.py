#!/usr/bin/env python
"""Rebuild marsad/events/data/event_weights.npz, deterministically.

Training data: the dev splits in ../shared/corpora (CASE 2021 task 2, the Arabic
event gold standard, the PLOVER gold records) plus the team-written examples in
marsad/events/data/examples.yaml. Features: USE multilingual v3 sentence
embeddings + lexicon counts (marsad.events.model); classifier: multinomial
logistic regression (scikit-learn at training time only; the coefficients ship).

    .venv/bin/python scripts/train_events.py [--shared ../shared] [--cv 5]

--cv K also prints K-fold cross-validated scores of the dev data (each fold's
model never sees the fold it is scored on).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.evaluate import find_corpus, read_case, read_gsr, read_plover  # noqa: E402
from marsad.events.lexicon import DATA, Lexicon, non_acled_case_codes, taxonomy  # noqa: E402
from marsad.events.model import EMBED_CHARS, NONE, WEIGHTS, Embedder, featurize_texts  # noqa: E402

#: which sub-event a lexicon hit suggests when a corpus only says "an ASSAULT"
ASSAULT_ORDER = ["suicide_bomb", "chemical_weapon", "air_strike", "remote_explosive", "grenade", "shelling",
                 "abduction", "sexual_violence", "attack", "armed_clash"]
PROTEST_ORDER = ["excessive_force", "violent_demonstration", "protest_with_intervention", "peaceful_protest"]
VIOLENCE_KEYS = set(ASSAULT_ORDER) | {"mob_violence", "cue_kill"}
PROTEST_KEYS = set(PROTEST_ORDER) | {"cue_protester"}
C = 4.0
NONE_WEIGHT = 0.6  # the "no event" rows outnumber the events 3 to 1; weigh them down a little


def weak_label(hits: list[str], order: list[str], default: str) -> str:
    for k in order:
        if k in hits:
            return k
    if default == "armed_clash" and "cue_civilian" in hits and "cue_armed" not in hits:
        return "attack"
    return default


def load(shared: Path, lexicon: Lexicon, embedder: Embedder):
    """Rows: (text, label, source, weight, group) and their features."""
    case_map = {v.case: k for k, v in taxonomy().items()}
    non_acled = set(non_acled_case_codes())
    texts, labels, sources, weights = [], [], [], []

    def add(t, lab, src, w=1.0):
        texts.append(t)
        labels.append(lab)
        sources.append(src)
        weights.append(w)

    for p in find_corpus(shared, "case2021_task2_acled_subtypes", "case2021_task2*.tsv"):
        for _id, t, code in read_case(p):
            add(t, NONE if code in non_acled else case_map.get(code, NONE), "case")
    for p in find_corpus(shared, "plover_gold_standard_records", "*.json"):
        for _id, t, ev, mode in read_plover(p):
            if ev in ("THREATEN", "DEMAND", "REJECT", "DISAPPROVE", "SUPPORT", "CONSULT", "AID", "SANCTION",
                      "INVESTIGATE", "CONCEDE", "COOPERATE"):
                add(t, NONE, "plover", 0.5)
            elif ev in ("ASSAULT", "FIGHT", "PROTEST") or (ev == "COERCE" and mode in ("arrest", "detain")):
                add(t, ev, "plover-pos", 0.5)  # sub-type from the lexicon, below
    for kind in ("assault", "protest"):
        for p in find_corpus(shared, "arabic_event_gsr", f"{kind}_gsr*.csv"):
            for _id, t, lab in read_gsr(p):
                if lab == "yes":
                    add(t, kind.upper(), f"gsr-{kind}")
                elif lab in ("easy no", "difficult no"):
                    add(t, NONE, f"gsr-{kind}", 1.0 if lab == "easy no" else 0.5)
    ex = yaml.safe_load((DATA / "examples.yaml").read_text(encoding="utf-8")) if (DATA / "examples.yaml").exists() else {}
    for lang, table in (ex or {}).items():  # "en_notes": English, ACLED-notes style
        for key, sents in table.items():
            for t in sents:
                add(t, NONE if key.startswith("none") else key, f"team-{lang}", 2.0)

    E, hits = cached_features(texts, lexicon, embedder)
    final, keep = [], []
    for i, (lab, src, h) in enumerate(zip(labels, sources, hits)):
        if lab == "ASSAULT" or lab == "FIGHT":
            lab = weak_label(h, ASSAULT_ORDER, "armed_clash")
        elif lab == "PROTEST":
            lab = weak_label(h, PROTEST_ORDER, "peaceful_protest")
        elif lab == "COERCE":
            lab = "arrests"
        elif lab == NONE and src == "gsr-assault" and PROTEST_KEYS & set(h):
            continue  # "not an ASSAULT" is not "no event" when it is a protest
        elif lab == NONE and src == "gsr-protest" and VIOLENCE_KEYS & set(h):
            continue
        final.append(lab)
        keep.append(i)
    keep = np.array(keep)
    return ([texts[i] for i in keep], final, [sources[i] for i in keep], np.array(weights)[keep], E[keep],
            [hits[i] for i in keep])


def cached_features(texts, lexicon, embedder):
    """Embeddings cached in /tmp by text hash (speeds up re-runs; not shipped)."""
    cache_path = Path("/tmp/marsad_event_embed_cache.npz")
    cache = {}
    if cache_path.exists():
        with np.load(cache_path) as z:
            cache = dict(zip(z["keys"], z["vecs"]))
    keys = [hashlib.sha1(f"{EMBED_CHARS}:{t}".encode()).hexdigest() for t in texts]
    missing = [i for i, k in enumerate(keys) if k not in cache]
    if missing:
        E_new, _ = featurize_texts([texts[i] for i in missing], lexicon, embedder)
        for i, v in zip(missing, E_new):
            cache[keys[i]] = v
        np.savez(cache_path, keys=np.array(list(cache)), vecs=np.stack(list(cache.values())))
    from marsad.text import detect_lang, normalize

    hits = [[k for _, _, k in lexicon.find(normalize(t).text, detect_lang(t))] for t in texts]
    return np.stack([cache[k] for k in keys]), hits


def fit(X, y, w, classes):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=3000, class_weight=None)
    clf.fit(X, y, sample_weight=np.where(y == NONE, w * NONE_WEIGHT, w))
    coef = np.zeros((len(classes), X.shape[1]), dtype=np.float32)
    inter = np.full(len(classes), -30.0, dtype=np.float32)
    for j, c in enumerate(clf.classes_):
        i = classes.index(c)
        coef[i] = clf.coef_[j]
        inter[i] = clf.intercept_[j]
    return coef, inter


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cv", type=int, default=0, help="also report K-fold cross-validated scores")
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    args = ap.parse_args(argv)
    lexicon = Lexicon()
    embedder = Embedder(threads=1)
    texts, y, src, w, E, hits = load(args.shared, lexicon, embedder)
    from marsad.events.model import lexicon_vector

    lex_keys = lexicon.keys
    X = np.hstack([E, np.stack([lexicon_vector(lex_keys, h) for h in hits])])
    classes = [NONE] + list(taxonomy())
    counts = Counter(y).most_common()
    print(f"{len(y)} training sentences; labels: " + ", ".join(f"{k}={v}" for k, v in counts), file=sys.stderr)
    if args.cv:
        from sklearn.model_selection import StratifiedKFold

        pred = np.empty(len(y), dtype=object)
        proba_none = np.zeros(len(y))
        ya = np.array(y)
        strat = np.array([s + ":" + (l if l == NONE else "ev") for s, l in zip(src, y)])
        for tr, te in StratifiedKFold(args.cv, shuffle=True, random_state=0).split(X, strat):
            coef, inter = fit(X[tr], ya[tr], w[tr], classes)
            z = X[te] @ coef.T + inter
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            pred[te] = [classes[i] for i in p.argmax(1)]
            proba_none[te] = p[:, 0]
            best = p[:, 1:].argmax(1) + 1
            pred[te] = [classes[b] if p[k, 0] < 0.5 else NONE for k, b in enumerate(best)]
        from marsad.events.detect import is_candidate

        sub_keys = set(taxonomy())
        cand = np.array([is_candidate([(0, 0, k) for k in h if k != 'neg_metaphor'], sub_keys) for h in hits])
        report(pred, ya, np.array(src), cand)
    coef, inter = fit(X, np.array(y), w, classes)
    np.savez_compressed(args.out, coef=coef.astype(np.float16), intercept=inter, classes=np.array(classes),
                        lex_keys=np.array(lex_keys), threshold=np.array(0.5))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def report(pred, gold, src, cand):
    from sklearn.metrics import f1_score

    pred = np.where(cand, pred, NONE)  # the run-time filter: no trigger, no event

    tax = taxonomy()
    for s in sorted(set(src)):
        m = src == s
        p, g = pred[m], gold[m]
        if s.startswith("gsr-"):
            fam = "ASSAULT" if s == "gsr-assault" else "PROTEST"
            pe = np.array([x != NONE and tax[x].plover_event == fam for x in p])
            ge = np.array([x != NONE for x in g])
            tp = (pe & ge).sum(); fp = (pe & ~ge).sum(); fn = (~pe & ge).sum()
            pr = tp / max(tp + fp, 1); rc = tp / max(tp + fn, 1)
            print(f"CV {s}: P={pr:.3f} R={rc:.3f} F1={2*pr*rc/max(pr+rc,1e-9):.3f} (n={m.sum()})")
        else:
            etype = np.vectorize(lambda k: tax[k].event_type if k in tax else k)
            print(f"CV {s}: weighted F1={f1_score(g, p, average='weighted', zero_division=0):.3f} "
                  f"acc={np.mean(p == g):.3f} event-type acc={np.mean(etype(p) == etype(g)):.3f} (n={m.sum()})")


if __name__ == "__main__":
    sys.exit(main())
