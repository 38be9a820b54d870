#!/usr/bin/env python
"""Rebuild marsad/events/data/event_weights.npz, deterministically.

Two models: the fast one (USE multilingual v3 + lexicon + hashed n-grams) and the
full one (the same plus multilingual-e5-small on the first E5_CHARS characters
around the trigger, scaled by E5_SCALE); at run time the full one rereads what the
fast one is not sure of (GATE). --cv reports the fast model, the full model and the
two in cascade (what ships).

Training data: the dev splits in ../shared/corpora (CASE 2021 task 2, the Arabic
event gold standard, the PLOVER gold records) plus the team-written examples in
marsad/events/data/examples.yaml. Features: USE multilingual v3 sentence
embeddings + lexicon counts + hashed character/word n-grams (marsad.events.model);
classifiers: a multinomial logistic regression over the sub-event types and two
binary family heads (ASSAULT, PROTEST) whose thresholds are chosen by an inner
5-fold cross-validation on the training rows (scikit-learn at training time only;
the coefficients ship, float16).

    .venv/bin/python scripts/train_events.py [--shared ../shared] [--cv 5]

--cv K also prints K-fold cross-validated scores of the dev data (each fold's
model, and its family thresholds, never see the fold it is scored on); --errors
SOURCE prints that source's CV errors (e.g. team-ar) and the rows ACLED's codebook rules
(marsad.events.rules) change. Experiments may override NGRAM_SCALE, GSR_NONE_WEIGHT, VETO
("0.3,1.0"), FAMILY_TEAM_WEIGHT ("0.25,0.25"), C_FAMILY, FAMILY_GSR_WEIGHT and OTHER_EVENTS from
the environment; the shipped weights use the defaults. (5-fold CV of the cascade, this session:
C_FAMILY 1 or 10 and FAMILY_GSR_WEIGHT 4 all gave a lower PROTEST F1 than the defaults.)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.evaluate import find_corpus, read_case, read_gsr, read_plover  # noqa: E402
from marsad.events.lexicon import DATA, Lexicon, non_acled_case_codes, taxonomy  # noqa: E402
from marsad.events.model import (E5_CHARS, EMBED_CHARS, NGRAM_BITS, NONE, WEIGHTS, E5Embedder, needs_full, Embedder, clipped_texts,  # noqa: E402
                                  decide, featurize_texts, ngram_index)
from marsad.events.rules import SIZE_TAG, refine  # noqa: E402

#: which sub-event a lexicon hit suggests when a corpus only says "an ASSAULT"
#: (the gold standard's ASSAULT is violence by unconventional means; conventional military force,
#: family FIGHT in taxonomy.yaml, is not)
ASSAULT_ORDER = ["suicide_bomb", "chemical_weapon", "remote_explosive", "grenade", "abduction", "sexual_violence",
                 "attack"]
FIGHT_ORDER = ["air_strike", "shelling", "armed_clash"]
FIGHT_KEYS = set(FIGHT_ORDER)
PROTEST_ORDER = ["excessive_force", "violent_demonstration", "protest_with_intervention", "peaceful_protest"]
VIOLENCE_KEYS = set(ASSAULT_ORDER) | FIGHT_KEYS | {"mob_violence", "cue_kill"}
PROTEST_KEYS = set(PROTEST_ORDER) | {"cue_protester"}
C = float(os.environ.get("EVENTS_C", 4.0))  # the multinomial model
C_FAMILY = float(os.environ.get("C_FAMILY", 3.0))  # the binary ASSAULT / PROTEST heads
FAMILY_NGRAM_SCALE = 2.0  # the heads see the hashed n-grams scaled up (the weights shipped absorb it)
FAMILY_GSR_WEIGHT = float(os.environ.get("FAMILY_GSR_WEIGHT", 2.0))  # and weigh the gold-standard sentences up
#: x the team-written rows' weight, per family head (ASSAULT, PROTEST)
FAMILY_TEAM_WEIGHT = tuple(float(v) for v in os.environ.get("FAMILY_TEAM_WEIGHT", "0.25,0.25").split(","))
NGRAM_SCALE = float(os.environ.get("NGRAM_SCALE", 1.0))  # the same for the multinomial model
FAMILIES = ["ASSAULT", "PROTEST"]
#: in the multinomial model, a gold-standard "no" only says "not an ASSAULT" (PROTEST), not "no event";
#: the binary heads take them at full weight
GSR_NONE_WEIGHT = float(os.environ.get("GSR_NONE_WEIGHT", 0.3))
OTHER_EVENTS = int(os.environ.get("OTHER_EVENTS", 1))
#: per family: see marsad.events.model.decide. A multinomial ASSAULT answer stands when the ASSAULT
#: head is at least 0.3 x its threshold (else the likeliest class outside ASSAULT, if it beats
#: "none"); the PROTEST head decides alone. 5-fold CV, cascade: 1.0 gave CASE 0.733, GSR ASSAULT
#: 0.659; 0.3 gave 0.742 and 0.656 and the team-written Arabic 0.755 (0.745); 0.1, 0.743 and 0.638.
VETO = tuple(float(v) for v in os.environ.get("VETO", "0.3,1.0").split(","))
E5_SCALE = 4.0  # the full model reads the e5 embedding scaled up (the weights shipped absorb it)
#: (g, q, q_sure, g_sure): which sentences the full model rereads (marsad.events.model.needs_full)
GATE = tuple(float(v) for v in os.environ.get("GATE", "0.3,0.5,0.2,2.0").split(","))
THRESHOLDS = np.round(np.arange(0.05, 0.71, 0.05), 2)
NONE_WEIGHT = 0.6  # the "no event" rows outnumber the events 3 to 1; weigh them down a little


def weak_label(hits: list[str], order: list[str], default: str) -> str:
    for k in order:
        if k in hits:
            return k
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
        if lab == "ASSAULT":
            lab = weak_label(h, ASSAULT_ORDER, "attack")
        elif lab == "FIGHT":
            lab = weak_label(h, FIGHT_ORDER, "armed_clash")
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


def cached(path: Path, keys: list[str], texts: list[str], embed) -> np.ndarray:
    """``embed(texts)`` row by row, cached in ``path`` under ``keys`` (speeds up re-runs; not shipped)."""
    cache = {}
    if path.exists():
        with np.load(path) as z:
            cache = dict(zip(z["keys"], z["vecs"]))
    missing = sorted({k: i for i, k in enumerate(keys) if k not in cache}.values())
    if missing:
        for i, v in zip(missing, embed([texts[i] for i in missing])):
            cache[keys[i]] = v
        np.savez(path, keys=np.array(list(cache)), vecs=np.stack(list(cache.values())))
    return np.stack([cache[k] for k in keys])


def cached_features(texts, lexicon, embedder):
    """USE embeddings (cached in /tmp by text hash) and lexicon hit keys of ``texts``."""
    from marsad.text import detect_lang, normalize

    keys = [hashlib.sha1(f"{EMBED_CHARS}:{t}".encode()).hexdigest() for t in texts]
    E = cached(Path("/tmp/marsad_event_embed_cache.npz"), keys, texts,
               lambda ts: featurize_texts(ts, lexicon, embedder)[0])
    hits = [[k for _, _, k in lexicon.find(normalize(t).text, detect_lang(t))] for t in texts]
    return E, hits


def cached_e5(texts):
    """multilingual-e5-small embeddings of the (clipped) texts, cached in /tmp like the USE ones."""
    def embed(ts):
        print(f"embedding {len(ts)} sentences with multilingual-e5-small ...", file=sys.stderr)
        return E5Embedder(threads=os.cpu_count())(ts)

    keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    return cached(Path("/tmp/marsad_event_e5_cache.npz"), keys, texts, embed)


def scale_columns(X, scale, nd):
    """X with its hashed n-gram columns (after the first ``nd``) multiplied by ``scale``."""
    if scale == 1.0:
        return X
    d = np.ones(X.shape[1], dtype=np.float32)
    d[nd:] = scale
    return X.multiply(d.reshape(1, -1)).tocsr()


def fit(X, y, w, classes, src, nd):
    """Multinomial model; returns (coef over all columns of X, intercept) in ``classes`` order."""
    from sklearn.linear_model import LogisticRegression

    w = np.where((y == NONE) & np.char.startswith(src.astype(str), "gsr-"), w * GSR_NONE_WEIGHT, w)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight=None)
    clf.fit(scale_columns(X, NGRAM_SCALE, nd), y, sample_weight=np.where(y == NONE, w * NONE_WEIGHT, w))
    coef = np.zeros((len(classes), X.shape[1]), dtype=np.float32)
    inter = np.full(len(classes), -30.0, dtype=np.float32)
    for j, c in enumerate(clf.classes_):
        i = classes.index(c)
        coef[i] = clf.coef_[j]
        inter[i] = clf.intercept_[j]
    coef[:, nd:] *= NGRAM_SCALE
    return coef, inter


def family_labels(y):
    tax = taxonomy()
    return np.array([[lab != NONE and tax[lab].family == f for lab in y] for f in FAMILIES], dtype=int)


def fit_family(X, yb, w):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C_FAMILY, max_iter=3000)
    clf.fit(X, yb, sample_weight=w)
    return clf.coef_[0].astype(np.float32), np.float32(clf.intercept_[0])


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def f1(pred, gold):
    tp = (pred & gold).sum(); fp = (pred & ~gold).sum(); fn = (~pred & gold).sum()
    pr = tp / max(tp + fp, 1); rc = tp / max(tp + fn, 1)
    return 2 * pr * rc / max(pr + rc, 1e-9)


def fit_families(X, y, w, src, strat, cand, nd):
    """Binary heads on all rows, thresholds by inner 5-fold CV (F1 on the gold-standard rows
    of each family, candidates only, as at run time)."""
    from sklearn.model_selection import StratifiedKFold

    Yb = family_labels(y)
    w0 = np.where(np.char.startswith(src.astype(str), "gsr-"), w * FAMILY_GSR_WEIGHT, w)
    team = np.char.startswith(src.astype(str), "team-")
    X = scale_columns(X, FAMILY_NGRAM_SCALE, nd)
    coefs, inters, thr = [], [], []
    folds = list(StratifiedKFold(5, shuffle=True, random_state=1).split(np.zeros(len(y)), strat))
    for f, yb, tw in zip(FAMILIES, Yb, FAMILY_TEAM_WEIGHT):
        w = np.where(team, w0 * tw, w0)
        oof = np.zeros(len(y))
        for tr, te in folds:
            c, b = fit_family(X[tr], yb[tr], w[tr])
            oof[te] = sigmoid(X[te] @ c + b)  # X is already scaled here
        m = src == f"gsr-{f.lower()}"
        if not m.any():
            m = np.ones(len(y), dtype=bool)
        scores = [f1((oof[m] >= t) & cand[m], yb[m] == 1) for t in THRESHOLDS]
        thr.append(float(THRESHOLDS[int(np.argmax(scores))]))
        c, b = fit_family(X, yb, w)
        c[nd:] *= FAMILY_NGRAM_SCALE
        coefs.append(c)
        inters.append(b)
    return np.stack(coefs), np.array(inters, dtype=np.float32), np.array(thr, dtype=np.float32)


def scores(X, coef, inter, bcoef, binter):
    z = np.asarray(X @ coef.T + inter)
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return p, sigmoid(np.asarray(X @ bcoef.T) + binter)


def train(X, y, w, src, strat, cand, classes, nd, fight):
    """One model: (coef, intercept, family coef, family intercept, family thresholds). Rows
    ``fight`` (the Arabic gold standard's "no ASSAULT" on a gunfight, shelling or air strike:
    perhaps PLOVER's FIGHT, an ACLED event) teach the ASSAULT head only."""
    coef, inter = fit(X[~fight], y[~fight], w[~fight], classes, src[~fight], nd)
    return (coef, inter) + fit_families(X, y, w, src, strat, cand, nd)


def cascade(XA, XB, fast, full, classes, texts, hits):
    """Decisions of the two-stage model (see marsad.events.model.EventModel), then ACLED's
    codebook rules (marsad.events.rules.refine), as at run time."""
    from marsad.text import detect_lang, fold

    P, B = scores(XA, *fast[:4])
    out = np.array(decide(P, B, classes, FAMILIES, 0.5, fast[4], VETO), dtype=object)
    again = np.flatnonzero(needs_full(P[:, 0], (B / fast[4]).max(axis=1), GATE))
    if len(again):
        P2, B2 = scores(XB[again], *full[:4])
        out[again] = decide(P2, B2, classes, FAMILIES, 0.5, full[4], VETO)
        P[again] = P2
    raw = out.copy()
    for i, t in enumerate(texts):
        out[i] = refine(out[i], dict(zip(classes, P[i].tolist())), set(hits[i]), fold(t), detect_lang(t),
                        bool(SIZE_TAG.search(t)))
    return out, raw, len(again) / max(len(out), 1)


def main(argv=None) -> int:
    import scipy.sparse as sp

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cv", type=int, default=0, help="also report K-fold cross-validated scores")
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--errors", default="", help="with --cv: print the CV errors of this source (e.g. team-ar)")
    args = ap.parse_args(argv)
    lexicon = Lexicon()
    embedder = Embedder(threads=1)
    texts, y, src, w, E, hits = load(args.shared, lexicon, embedder)
    from marsad.events.model import lexicon_vector

    lex_keys = lexicon.keys
    clipped = clipped_texts(texts, lexicon)
    XD = np.hstack([E, np.stack([lexicon_vector(lex_keys, h) for h in hits])]).astype(np.float32)
    XDB = np.hstack([XD, cached_e5(clipped_texts(texts, lexicon, size=E5_CHARS)) * E5_SCALE]).astype(np.float32)
    rows = [ngram_index(t) for t in clipped]
    H = sp.csr_matrix((np.concatenate([v for _, v in rows]), np.concatenate([i for i, _ in rows]),
                       np.cumsum([0] + [len(i) for i, _ in rows])), shape=(len(texts), 2 ** NGRAM_BITS))
    XA = sp.hstack([sp.csr_matrix(XD), H]).tocsr()
    XB = sp.hstack([sp.csr_matrix(XDB), H]).tocsr()
    nd, ndb = XD.shape[1], XDB.shape[1]
    classes = [NONE] + list(taxonomy())
    ya, srca = np.array(y), np.array(src)
    counts = Counter(y).most_common()
    print(f"{len(y)} training sentences; labels: " + ", ".join(f"{k}={v}" for k, v in counts), file=sys.stderr)
    sub_keys = set(taxonomy())
    from marsad.events.detect import is_candidate

    cand = np.array([is_candidate([(0, 0, k) for k in h if k != 'neg_metaphor'], sub_keys) for h in hits])
    strat = np.array([s + ":" + (l if l == NONE else "ev") for s, l in zip(src, y)])
    other = {k for k, v in taxonomy().items() if v.family not in ("ASSAULT", "PROTEST")} if OTHER_EVENTS else set()
    fight = (ya == NONE) & np.char.startswith(srca.astype(str), "gsr-") & np.array(
        [bool((FIGHT_KEYS | other) & set(h)) for h in hits]) & ((srca == "gsr-assault") | bool(other))
    if args.cv:
        from sklearn.model_selection import StratifiedKFold

        pred = {k: np.empty(len(y), dtype=object) for k in ("fast", "full", "cascade without the codebook rules",
                                                            "cascade")}
        share = []
        for tr, te in StratifiedKFold(args.cv, shuffle=True, random_state=0).split(XD, strat):
            fast = train(XA[tr], ya[tr], w[tr], srca[tr], strat[tr], cand[tr], classes, nd, fight[tr])
            full = train(XB[tr], ya[tr], w[tr], srca[tr], strat[tr], cand[tr], classes, ndb, fight[tr])
            pred["fast"][te] = decide(*scores(XA[te], *fast[:4]), classes, FAMILIES, 0.5, fast[4], VETO)
            pred["full"][te] = decide(*scores(XB[te], *full[:4]), classes, FAMILIES, 0.5, full[4], VETO)
            pred["cascade"][te], pred["cascade without the codebook rules"][te], f = cascade(
                XA[te], XB[te], fast, full, classes, [texts[i] for i in te], [hits[i] for i in te])
            share.append(f)
        for k, p in pred.items():
            print(f"CV, {k} model (each fold scored by a model, and thresholds, that never saw it):")
            report(p, ya, srca, cand, w)
        print(f"  (the cascade sent {np.mean(share):.0%} of the sentences to the full model)")
        if args.errors:
            for i in np.flatnonzero(srca == args.errors):
                p = pred["cascade"][i] if cand[i] else NONE
                if p != ya[i]:
                    print(f"  gold={ya[i]} pred={p}: {texts[i][:120]}")
            changed = pred["cascade"] != pred["cascade without the codebook rules"]
            for i in np.flatnonzero((srca == args.errors) & changed & cand):
                print(f"  rule: gold={ya[i]} {pred['cascade without the codebook rules'][i]} -> "
                      f"{pred['cascade'][i]}: {texts[i][:120]}")
    fast = train(XA, ya, w, srca, strat, cand, classes, nd, fight)
    full = train(XB, ya, w, srca, strat, cand, classes, ndb, fight)
    print(f"family thresholds: fast {dict(zip(FAMILIES, fast[4].tolist()))}, "
          f"full {dict(zip(FAMILIES, full[4].tolist()))}", file=sys.stderr)
    print("resubstitution (training rows, optimistic):")
    report(cascade(XA, XB, fast, full, classes, texts, hits)[0], ya, srca, cand, w)
    arrays = {}
    for prefix, (coef, inter, bcoef, binter, bthr), n in (("", fast, nd), ("x", full, ndb)):
        arrays.update({prefix + "coef": coef[:, :n].astype(np.float16), prefix + "intercept": inter,
                       prefix + "hcoef": np.ascontiguousarray(coef[:, n:].T).astype(np.float16),
                       prefix + "bcoef": bcoef[:, :n].astype(np.float16),
                       prefix + "bhcoef": np.ascontiguousarray(bcoef[:, n:].T).astype(np.float16),
                       prefix + "bintercept": binter, prefix + "bthreshold": bthr})
    np.savez_compressed(args.out, bits=np.array(NGRAM_BITS), classes=np.array(classes), lex_keys=np.array(lex_keys),
                        threshold=np.array(0.5), families=np.array(FAMILIES), bveto=np.array(VETO),
                        e5_scale=np.array(E5_SCALE), gate=np.array(GATE), **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def report(pred, gold, src, cand, weight):
    from sklearn.metrics import f1_score

    pred = np.where(cand, pred, NONE)  # the run-time filter: no trigger, no event

    tax = taxonomy()
    for s in sorted(set(src)):
        m = src == s
        p, g = pred[m], gold[m]
        if s.startswith("gsr-"):
            fam = "ASSAULT" if s == "gsr-assault" else "PROTEST"
            ge = np.array([x != NONE for x in g])
            p2 = np.array([x != NONE and tax[x].plover_event == fam for x in p])  # the record's PLOVER 2.0 event
            pf = np.array([x != NONE and tax[x].family == fam for x in p])
            unanimous = ~((gold[m] == NONE) & (weight[m] < 1.0))  # "difficult no" rows weigh 0.5 (load)
            tp = (p2 & ge).sum(); fp = (p2 & ~ge).sum(); fn = (~p2 & ge).sum()
            pr = tp / max(tp + fp, 1); rc = tp / max(tp + fn, 1)
            print(f"  {s}: P={pr:.3f} R={rc:.3f} F1={2*pr*rc/max(pr+rc,1e-9):.3f} (n={m.sum()}; family only "
                  f"{f1(pf, ge):.3f}; against the unanimous answers {f1(p2[unanimous], ge[unanimous]):.3f}, "
                  f"family only {f1(pf[unanimous], ge[unanimous]):.3f})")
        else:
            etype = np.vectorize(lambda k: tax[k].event_type if k in tax else k)
            print(f"  {s}: weighted F1={f1_score(g, p, average='weighted', zero_division=0):.3f} "
                  f"acc={np.mean(p == g):.3f} event-type acc={np.mean(etype(p) == etype(g)):.3f} (n={m.sum()})")


if __name__ == "__main__":
    sys.exit(main())
