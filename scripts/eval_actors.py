"""Measure the actors stage on the dev data we have (nothing here is tuned on held-out data).

1. Arabic event sentences (../shared/corpora/arabic_event_gsr/*_spans.dev.json, Asharq Al-Awsat,
   PLOVER ASSAULT/PROTEST with gold source and target spans): how often a gold source/target
   span is found as an actor mention (detection), and how often ``assign_roles`` puts the gold
   source in actor1 and the gold target in actor2 (roles; either order reported too).
2. English PLOVER gold records (ASSAULT, FIGHT, COERCE, PROTEST): the same on English text.
3. ConfliBERT CAMEO sentences (source/target token spans): detection of the spans.
4. The team's own ACLED-style notes and Arabic event sentences (tests/test_actors_roles.py):
   both actors right in either order.

    .venv/bin/python scripts/eval_actors.py [--shared ../shared] [--errors 20]

An actor "matches" a gold span when one of our mentions of that actor overlaps the span.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.actors.stage import ActorStage, assign_roles  # noqa: E402
from marsad.doc import Document, EventMention  # noqa: E402


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    phrase = phrase.strip()
    if not phrase:
        return None
    i = text.find(phrase)
    return (i, i + len(phrase)) if i >= 0 else None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def found(doc: Document, span) -> bool:
    return span is not None and any(overlaps((m.start, m.end), span) for m in doc.actors)


def actor_at(doc: Document, actor, span) -> bool:
    """Our role actor is the one mentioned in the gold span."""
    if actor is None or span is None:
        return False
    return any(m.actor.name == actor.name and overlaps((m.start, m.end), span) for m in doc.actors)


class Tally:
    def __init__(self, name: str):
        self.name, self.n, self.k = name, 0, 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.k += bool(ok)

    def __str__(self) -> str:
        pct = 100.0 * self.k / self.n if self.n else 0.0
        return f"{self.name:<58} {self.k:>4}/{self.n:<4} {pct:5.1f}%"


# the gold role codes (CAMEO sectors) as ACLED actor-type classes
_CLASS = {"MIL": "state", "COP": "state", "GOV": "state", "SPY": "state", "REB": "armed", "UAF": "armed",
          "INS": "armed", "CRM": "armed", "CVL": "civ", "REF": "civ", "REL": "civ", "EDU": "civ", "MED": "civ",
          "LAB": "civ", "BUS": "civ", "JUD": "civ", "OPP": "protest"}
_INTER = {"State forces": "state", "Rebel group": "armed", "Political militia": "armed", "Identity militia": "armed",
          "External/Other forces": "state", "Civilians": "civ", "Protesters": "protest", "Rioters": "protest"}


def same_class(actor, role) -> bool:
    """Our actor has the gold span's actor type (when the gold gives one)."""
    return actor is not None and role is not None and _INTER.get(actor.inter) == _CLASS.get(role)


def roles_eval(stage, text, et, st, src, tgt, tallies, errors, key, roles=(None, None)):
    doc = stage(Document.make(text))
    em = EventMention(0, len(text), text, et, st, "", None, 1.0, 0)
    a1, a2, _, _ = assign_roles(doc, em, et, st)
    s_ok, t_ok = actor_at(doc, a1, src), actor_at(doc, a2, tgt)
    tallies[f"{key} detection: source span found"].add(found(doc, src))
    tallies[f"{key} detection: target span found"].add(found(doc, tgt))
    tallies[f"{key} roles: actor1 = gold source"].add(s_ok)
    if tgt is not None:
        tallies[f"{key} roles: actor2 = gold target"].add(t_ok)
        either = (s_ok and t_ok) or (actor_at(doc, a2, src) and actor_at(doc, a1, tgt))
        tallies[f"{key} roles: both right, either order"].add(either)
        r_s, r_t = roles
        if r_s in _CLASS or r_t in _CLASS:
            ok_s = s_ok or same_class(a1, r_s) or (r_s not in _CLASS)
            ok_t = t_ok or same_class(a2, r_t) or (r_t not in _CLASS) or et == "Protests"  # ACLED: no actor2
            tallies[f"{key} roles (typed gold): actor1 and actor2 right by span or type"].add(ok_s and ok_t)
        if not either:
            errors.append((text[:160], text[src[0]:src[1]], text[tgt[0]:tgt[1]], a1 and a1.name, a2 and a2.name))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--errors", type=int, default=0, help="print this many role errors per data set")
    args = ap.parse_args(argv)
    corpora = Path(args.shared) / "corpora"
    stage = ActorStage()
    tallies: dict[str, Tally] = {}

    class D(dict):
        def __missing__(self, k):
            self[k] = Tally(k)
            return self[k]

    tallies = D()
    errors: dict[str, list] = {"ar": [], "en": [], "notes": []}
    t0, n_docs = time.perf_counter(), 0

    # 1. Arabic GSR spans
    for fn, et, st in (("assault_spans.dev.json", "Battles", "Armed clash"),
                       ("protest_spans.dev.json", "Protests", "Peaceful protest")):
        path = corpora / "arabic_event_gsr" / fn
        if not path.exists():
            continue
        for rec in json.loads(path.read_text("utf-8")):
            text = rec["text"]
            span = next((s for s in rec["spans"] if s.get("source_actor")), None)
            if span is None:
                continue
            src = locate(text, " ".join(span["source_actor"]))
            tgt = locate(text, " ".join(span["target_actor"])) if span.get("target_actor") else None
            if src is None:
                continue
            e_t, s_t = et, st
            trole = span.get("target_role")
            if et == "Battles" and isinstance(trole, dict) and trole.get("role") == "CVL":
                e_t, s_t = "Violence against civilians", "Attack"
            srole = span.get("source_role") if isinstance(span.get("source_role"), dict) else {}
            r_t = trole.get("role") if isinstance(trole, dict) else None
            roles_eval(stage, text, e_t, s_t, src, tgt, tallies, errors["ar"], "ar GSR " + fn.split("_")[0],
                       (srole.get("role"), r_t))
            n_docs += 1

    # 2. English PLOVER gold records
    path = corpora / "plover_gold_standard_records" / "PLOVER_GSR_CAMEO.json"
    kinds = {"ASSAULT": ("Violence against civilians", "Attack"), "FIGHT": ("Battles", "Armed clash"),
             "COERCE": ("Strategic developments", "Arrests"), "PROTEST": ("Protests", "Peaceful protest")}
    if path.exists():
        for rec in json.loads(path.read_text("utf-8")):
            if rec.get("event") not in kinds or not rec.get("source"):
                continue
            text = rec["text"]
            src = locate(text, rec["source"][0]["actorText"])
            tgt = locate(text, rec["target"][0]["actorText"]) if rec.get("target") else None
            if src is None:
                continue
            et, st = kinds[rec["event"]]
            if rec["event"] == "ASSAULT" and rec.get("target") and rec["target"][0].get("sector") not in ("CVL", "REF"):
                et, st = "Battles", "Armed clash"
            roles_eval(stage, text, et, st, src, tgt, tallies, errors["en"], "en PLOVER",
                       (rec["source"][0].get("sector"), rec["target"][0].get("sector") if rec.get("target") else None))
            n_docs += 1

    # 3. ConfliBERT CAMEO NER spans
    path = corpora / "conflibert_cameo_sentences" / "cameo_ner_test.txt"
    if path.exists():
        for block in path.read_text("utf-8").split("\n\n"):
            rows = [ln.rsplit(" ", 1) for ln in block.splitlines() if " " in ln]
            if not rows:
                continue
            text, spans, pos, cur = "", {"S": [], "T": []}, 0, None
            for tok, tag in rows:
                start = len(text) + (1 if text else 0)
                text = (text + " " + tok) if text else tok
                if tag.startswith("B-"):
                    cur = [tag[2:], start, len(text)]
                    spans.setdefault(tag[2:], []).append(cur)
                elif tag.startswith("I-") and cur:
                    cur[2] = len(text)
                else:
                    cur = None
            doc = stage(Document.make(text))
            n_docs += 1
            for k, name in (("S", "source"), ("T", "target")):
                for _k, s, e in spans[k]:
                    tallies[f"en ConfliBERT detection: {name} span found"].add(found(doc, (s, e)))

    # 4. the team's own sentences
    try:
        sys.path.insert(0, str(ROOT / "tests"))
        from test_actors_roles import AR_EVENTS, NOTES  # noqa: E402

        from marsad.doc import Span
        for rows, key in ((NOTES, "own ACLED-style English notes"), (AR_EVENTS, "own Arabic event sentences")):
            for text, et, st, g1, g2, trig in rows:
                doc = stage(Document.make(text))
                t = None
                if trig and trig in text:
                    i = text.index(trig)
                    t = Span(i, i + len(trig), trig)
                a1, a2, _, _ = assign_roles(doc, EventMention(0, len(text), text, et, st, "", None, 1.0, 0, t), et, st)
                got = {a1.name if a1 else None, a2.name if a2 else None}
                tallies[f"{key}: both actors right, either order"].add(got == {g1, g2})
                tallies[f"{key}: actor1 right"].add((a1.name if a1 else None) == g1)
    except ImportError:
        pass

    dt = time.perf_counter() - t0
    for t in tallies.values():
        print(t)
    print(f"{n_docs} texts in {dt:.2f}s")
    for k, errs in errors.items():
        for e in errs[: args.errors]:
            print(k, "|", " | ".join(str(x) for x in e))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
