"""Evaluation of the event layer against the dev sets in ``../shared`` and any
gold file in the format of ``examples/ghwayran/expected.json``.

- Arabic event gold standard (``arabic_event_gsr/{assault,protest}_gsr*.csv``):
  one sentence at a time; predicted ASSAULT (PROTEST) when the event stage finds a
  mention whose PLOVER 2.0 event (the record's ``plover.event``) is ASSAULT
  (PROTEST). Gold: label ``yes`` is positive, ``easy no`` and ``difficult no``
  negative, ``ambiguous`` left out. Also reported: ``family_f1``, counting only the
  mentions of that family of ``taxonomy.yaml`` (the gold standard was coded before
  PLOVER 2.0 merged conventional military force into ASSAULT), and both against the
  unanimous answers only (``difficult no`` left out too).
- CASE 2021 task 2 (``case2021_task2_acled_subtypes/case2021_task2*.tsv``): one
  snippet at a time, the predicted sub-event type (the best-scored mention, or
  ``NONE``) against the gold code; the five non-ACLED codes are gold ``NONE``;
  weighted F1 over the gold classes, as in the shared task.
- ACLED-style notes (``benchmarks/acled_style_notes.yaml``, team-written, never
  trained on): one note at a time, the best-scored mention's event type and
  sub-event type against the key the note is filed under; notes under ``none``
  must give no event.
- Gold documents: every event of the output against the gold events: a match
  needs the event type, a day within the gold date range and the place
  (location or coordinates within 25 km); required events count for recall,
  optional ones are never false positives.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

CASE_NONE = "NONE"


# ---------------------------------------------------------------- corpora readers
def read_gsr(path: Path) -> list[tuple[str, str, str]]:
    """(id, text, label) rows of an Arabic event gold-standard CSV."""
    with open(path, encoding="utf-8", newline="") as f:
        return [(r["id"], r["text"], r["label"]) for r in csv.DictReader(f) if r.get("text")]


def read_case(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, code) rows of the CASE 2021 task 2 TSV."""
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r.get("EventSnippet"):
                rows.append((r["id"], r["EventSnippet"], r["SubType"].strip()))
    return rows


def read_plover(path: Path) -> list[tuple[str, str, str, str | None]]:
    """(id, text, event, mode) of the PLOVER gold-standard records."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [(r.get("id", ""), r["text"], r["event"], r.get("mode") or None)
            for r in data if isinstance(r, dict) and r.get("event") and r.get("text")]


def find_corpus(shared: Path, folder: str, pattern: str) -> list[Path]:
    return sorted((Path(shared) / "corpora" / folder).glob(pattern))


# ---------------------------------------------------------------- scores
@dataclass
class Score:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    n: int = 0
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: bool, pred: bool) -> None:
        """Count one binary decision against its gold answer."""
        self.tp += gold and pred
        self.fp += (not gold) and pred
        self.fn += gold and not pred

    def to_dict(self) -> dict:
        d = {"name": self.name, "n": self.n, "tp": self.tp, "fp": self.fp, "fn": self.fn,
             "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}
        d.update(self.extra)
        if self.note:
            d["note"] = self.note
        return d


def weighted_f1(gold: list[str], pred: list[str]) -> tuple[float, float]:
    """(weighted F1 over the gold classes, accuracy)."""
    classes = Counter(gold)
    total = 0.0
    for c, support in classes.items():
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = support - tp
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        total += f * support
    n = len(gold)
    return (total / n if n else 0.0), (sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0)


class SentenceTagger:
    """The event layer alone over single sentences or snippets."""

    def __init__(self):
        from .events.detect import EventStage
        from .sentences import SentenceStage

        self.sentences = SentenceStage()
        self.events = EventStage()

    def __call__(self, text: str, lang: str):
        from .doc import Document, Span

        doc = Document.make(text, lang=lang)
        doc.sentences = [Span(0, len(text), text)] if text.strip() else []
        return self.events(doc).event_mentions

    def best(self, text: str, lang: str):
        """The best-scored mention of ``text``, or None."""
        return max(self(text, lang), key=lambda m: m.score, default=None)


def eval_gsr(shared: Path, tagger: SentenceTagger) -> list[Score]:
    """Per file: predicted ASSAULT (PROTEST) when a mention's PLOVER 2.0 event (the record's
    ``plover.event``) is that event; gold ``yes`` positive, ``easy no`` and ``difficult no``
    negative. Extras: ``family_f1`` (a mention of that family of ``taxonomy.yaml`` only: the
    gold standard predates PLOVER 2.0 folding conventional force into ASSAULT) and both F1s
    against the unanimous answers only (``difficult no``, a rejection with a dissenting
    annotator, left out like ``ambiguous``)."""
    from .events.lexicon import family_of

    families = family_of()
    out = []
    for kind in ("assault", "protest"):
        fam = kind.upper()
        for path in find_corpus(shared, "arabic_event_gsr", f"{kind}_gsr*.csv"):
            s = Score(f"Arabic GSR {fam} ({path.name})",
                      note="gold: yes=event; easy/difficult no=no event; ambiguous left out; "
                           "predicted: a mention whose PLOVER 2.0 event is " + fam)
            by_family, unanimous, unanimous_family = Score("family"), Score("unanimous"), Score("unanimous family")
            for _id, text, label in read_gsr(path):
                if label not in ("yes", "easy no", "difficult no"):
                    continue
                s.n += 1
                gold = label == "yes"
                ms = tagger(text, "ar")
                plover = any(m.plover_event == fam for m in ms)
                family = any(families.get(m.sub_event_type) == fam for m in ms)
                s.add(gold, plover)
                by_family.add(gold, family)
                if label != "difficult no":
                    unanimous.add(gold, plover)
                    unanimous_family.add(gold, family)
            s.extra = {"family_f1": round(by_family.f1, 4), "f1_vs_unanimous_no": round(unanimous.f1, 4),
                       "family_f1_vs_unanimous_no": round(unanimous_family.f1, 4)}
            out.append(s)
    return out


def eval_case(shared: Path, tagger: SentenceTagger) -> list[Score]:
    from .events.lexicon import non_acled_case_codes, taxonomy

    by_name = {v.sub_event_type: v.case for v in taxonomy().values()}
    non_acled = set(non_acled_case_codes())
    out = []
    for path in find_corpus(shared, "case2021_task2_acled_subtypes", "case2021_task2*.tsv"):
        gold, pred = [], []
        for _id, text, code in read_case(path):
            best = tagger.best(text, "en")
            gold.append(CASE_NONE if code in non_acled else code)
            pred.append(by_name.get(best.sub_event_type, CASE_NONE) if best else CASE_NONE)
        wf1, acc = weighted_f1(gold, pred)
        s = Score(f"CASE 2021 task 2 ({path.name})", n=len(gold),
                  note="weighted F1 over gold classes; the 5 non-ACLED codes are gold NONE")
        for g, p in zip(gold, pred):
            s.add(g != CASE_NONE, p != CASE_NONE)
        ev_types = {v.case: v.event_type for v in taxonomy().values()}
        type_acc = sum(ev_types.get(g, g) == ev_types.get(p, p) for g, p in zip(gold, pred)) / max(len(gold), 1)
        s.extra = {"weighted_f1": round(wf1, 4), "accuracy": round(acc, 4), "event_type_accuracy": round(type_acc, 4)}
        out.append(s)
    return out


def eval_notes(path: Path, tagger: SentenceTagger | None = None) -> list[Score]:
    """Event-type and sub-event-type accuracy on a notes file (see the module docstring)."""
    import yaml

    from .events.lexicon import taxonomy

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise InputError(f"cannot read notes file {path}: {e}") from None
    tax = taxonomy()
    tagger = tagger or SentenceTagger()
    s = Score(f"ACLED-style notes ({Path(path).name})",
              note="notes: P/R/F1 of 'is an ACLED event'; accuracies over the notes filed under a sub-event type")
    typed = type_ok = sub_ok = 0
    wrong: list[str] = []
    for lang, table in (data or {}).items():
        for key, notes in table.items():
            gold = tax.get(key)
            if gold is None and key != "none":
                raise InputError(f"{path}: unknown sub-event key {key!r}")
            for text in notes:
                best = tagger.best(text, "ar" if lang == "ar" else "en")
                s.n += 1
                s.add(gold is not None, best is not None)
                if gold:
                    typed += 1
                    type_ok += bool(best and best.event_type == gold.event_type)
                    sub_ok += bool(best and best.sub_event_type == gold.sub_event_type)
                if (best.sub_event_type if best else None) != (gold.sub_event_type if gold else None):
                    wrong.append(f"{key} -> {best.sub_event_type if best else 'none'}")
    s.extra = {"event_type_accuracy": round(type_ok / max(typed, 1), 4),
               "sub_event_type_accuracy": round(sub_ok / max(typed, 1), 4),
               "confusions": [f"{k} x{v}" for k, v in Counter(wrong).most_common(8)]}
    return [s]


# ---------------------------------------------------------------- gold documents
def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(a)))


def event_matches(pred: dict, gold: dict, km: float = 25.0) -> bool:
    """Type, a day within the gold range, and the place (name or within ``km``)."""
    if pred.get("event_type") != gold.get("event_type"):
        return False
    dates = gold.get("event_date")
    lo, hi = (dates if isinstance(dates, list) else [dates, dates]) if dates else (None, None)
    d = pred.get("event_date")
    if lo and (not d or not (lo <= d <= hi)):
        return False
    gl, pl = gold.get("location"), pred.get("location")
    if gl and pl and gl.strip().lower() == pl.strip().lower():
        return True
    if None not in (gold.get("latitude"), gold.get("longitude"), pred.get("latitude"), pred.get("longitude")):
        return _km(gold["latitude"], gold["longitude"], pred["latitude"], pred["longitude"]) <= km
    return not gl and not gold.get("latitude")


def claim_matches(pred: dict, gold: dict) -> bool:
    if gold.get("stance") and pred.get("stance") != gold["stance"]:
        return False
    gs, ps = gold.get("source") or {}, pred.get("source") or {}
    if gs.get("type") and ps.get("type") != gs["type"]:
        return False
    if gs.get("name") and (ps.get("name") or "").lower() != gs["name"].lower():
        return False
    pq = {(q.get("unit"), q.get("low"), q.get("qualifier")) for q in pred.get("quantities", [])}
    return all((q.get("unit"), q.get("low"), q.get("qualifier")) in pq for q in gold.get("quantities", []))


def _match(preds: list[dict], golds: list[dict], fn) -> tuple[int, int, int, list]:
    """One-to-one matching; required golds count for recall, optional ones are never errors."""
    used: set[int] = set()
    matched_pred: set[int] = set()
    rows = []
    for g in sorted(golds, key=lambda g: not g.get("required", True)):
        hit = next((i for i, p in enumerate(preds) if i not in used and fn(p, g)), None)
        if hit is not None:
            used.add(hit)
            matched_pred.add(hit)
        rows.append((g, hit))
    tp = sum(1 for g, h in rows if h is not None and g.get("required", True))
    fn_ = sum(1 for g, h in rows if h is None and g.get("required", True))
    fp = len(preds) - len(matched_pred)
    return tp, fp, fn_, rows


def article_for_gold(path: Path, gold: dict, shared: Path | None = None) -> str:
    """The article a gold file codes: its ``text``; the corpus row its ``source`` names
    (``{"corpus", "file", "key", "value"}`` under ``shared``/corpora: title, a blank line and
    the body, for corpora whose texts may not be redistributed); or one article*.txt beside it."""
    if isinstance(gold.get("text"), str):
        return gold["text"]
    src = gold.get("source")
    if isinstance(src, dict):
        corpus = Path(shared or "") / "corpora" / str(src.get("corpus", "")) / str(src.get("file", ""))
        if shared is None or not corpus.is_file():
            raise InputError(f"{path}: codes an article of {src.get('corpus')}, not found under {shared}: "
                             f"pass --shared PATH (the folder holding corpora/)")
        with corpus.open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get(src.get("key")) == src.get("value"):
                    body = row.get("content") or row.get("text") or row.get("abstract") or ""
                    return f"{row.get('title') or ''}\n\n{body}".strip()
        raise InputError(f"{path}: no row with {src.get('key')} = {src.get('value')!r} in {corpus}")
    cands = sorted(Path(path).parent.glob("article*.txt"))
    if len(cands) != 1:
        raise InputError(f"{path}: no article text: put it in the gold file's 'text' or one article*.txt beside it")
    return cands[0].read_text(encoding="utf-8")


def eval_gold(path: Path, extract=None, shared: Path | None = None) -> list[Score]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    text = article_for_gold(Path(path), gold, shared)
    art = gold.get("article") or {}
    if extract is None:
        from .pipeline import extract
    rec = extract(text, published=art.get("published"), lang=art.get("lang") or "auto").to_dict()
    out = []
    tp, fp, fn_, rows = _match(rec["events"], gold.get("events", []), event_matches)
    s = Score(f"events in {Path(path).parent.name}/{Path(path).name}", tp, fp, fn_, n=len(rec["events"]),
              note="match: event type, day in the gold range, place (name or within 25 km)")
    s.extra = {"required_found": [f"{g['event_type']} {g.get('event_date')}" for g, h in rows
                                  if h is not None and g.get("required", True)],
               "required_missed": [f"{g['event_type']} {g.get('event_date')}" for g, h in rows
                                   if h is None and g.get("required", True)]}
    out.append(s)
    if gold.get("claims"):
        tp, fp, fn_, _ = _match(rec["claims"], gold["claims"], claim_matches)
        out.append(Score(f"claims in {Path(path).parent.name}/{Path(path).name}", tp, fp, fn_, n=len(rec["claims"]),
                         note="match: stance, source type/name, every gold quantity (unit, low, qualifier)"))
    return out


def evaluate(gold_files: Iterable[Path] = (), dev_sets: bool = False, shared: Path | None = None,
             notes: Iterable[Path] = ()) -> list[Score]:
    scores: list[Score] = []
    for n in notes:
        scores += eval_notes(Path(n))
    if dev_sets:
        if shared is None or not (Path(shared) / "corpora").is_dir():
            raise InputError(f"no corpora under {shared}: pass --shared PATH (the folder holding corpora/)")
        tagger = SentenceTagger()
        scores += eval_gsr(Path(shared), tagger)
        scores += eval_case(Path(shared), tagger)
    files = [f for g in gold_files for f in (sorted(Path(g).glob("*.json")) if Path(g).is_dir() else [Path(g)])]
    per = [eval_gold(f, shared=shared) for f in files]
    scores += [s for ss in per for s in ss]
    if len(files) > 1:  # the whole set, micro-averaged
        for kind in ("events", "claims"):
            parts = [s for ss in per for s in ss if s.name.startswith(kind + " in ")]
            if parts:
                total = Score(f"{kind} in {len(parts)} gold articles (all)", n=sum(s.n for s in parts), note=parts[0].note)
                for s in parts:
                    total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
                scores.append(total)
    return scores


def format_table(scores: list[Score]) -> str:
    lines = [f"{'set':58} {'n':>5} {'P':>6} {'R':>6} {'F1':>6}  other"]
    for s in scores:
        other = ", ".join(f"{k}={v}" for k, v in s.extra.items() if not isinstance(v, list))
        lines.append(f"{s.name[:58]:58} {s.n:>5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {other}")
        for k, v in s.extra.items():
            if isinstance(v, list) and v:
                lines.append(f"{'':6}{k}: " + "; ".join(map(str, v)))
    notes = sorted({s.note for s in scores if s.note})
    lines += [f"  - {n}" for n in notes]
    return "\n".join(lines)
