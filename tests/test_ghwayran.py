"""The bundled example, checked field by field against its hand-coded answer
(examples/ghwayran/expected.json, a copy of ../shared/examples/ghwayran/expected.json)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from marsad.schema import validate

HERE = Path(__file__).resolve().parent.parent / "examples" / "ghwayran"
GOLD = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
REQUIRED_EVENTS = [e for e in GOLD["events"] if e["required"]]
REQUIRED_CLAIMS = [c for c in GOLD["claims"] if c["required"]]


@pytest.fixture(scope="module")
def doc(pipeline):
    text = (HERE / "article.ar.txt").read_text(encoding="utf-8")
    out = pipeline.extract(text).to_dict()
    validate(out)
    return out


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(a))


def test_article(doc):
    art = doc["article"]
    assert art["lang"] == GOLD["article"]["lang"]
    assert art["published"] == GOLD["article"]["published"]
    assert art["dateline"]["place"] == GOLD["article"]["dateline"]["place"]
    assert art["dateline"]["date"] == GOLD["article"]["dateline"]["date"]


def event_matches(ev: dict, gold: dict) -> list[str]:
    """The fields of ``ev`` that disagree with the gold event (empty: a match)."""
    wrong = []
    for key in ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location"):
        if ev.get(key) != gold[key]:
            wrong.append(f"{key}={ev.get(key)!r}")
    lo, hi = gold["event_date"]
    if not (ev["event_date"] and lo <= ev["event_date"] <= hi):
        wrong.append(f"event_date={ev['event_date']}")
    if ev.get("latitude") is None or km(ev["latitude"], ev["longitude"], gold["latitude"], gold["longitude"]) > 10:
        wrong.append(f"at={ev.get('latitude')},{ev.get('longitude')}")
    if ev["fatalities"] != gold["fatalities"]:
        wrong.append(f"fatalities={ev['fatalities']}")
    return wrong


@pytest.mark.parametrize("gold", REQUIRED_EVENTS, ids=[f"{e['sub_event_type']}-{e['event_date'][0]}" for e in REQUIRED_EVENTS])
def test_required_event_found(doc, gold):
    tried = {ev["id"]: event_matches(ev, gold) for ev in doc["events"]}
    assert any(not w for w in tried.values()), f"no event matches {gold['why']!r}; closest: {sorted(tried.values(), key=len)[:3]}"


def test_required_event_evidence_points_into_the_text(doc):
    text = (HERE / "article.ar.txt").read_text(encoding="utf-8")
    assert doc["events"]
    for ev in doc["events"]:
        assert ev["evidence"], ev["id"]
        for span in ev["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]
        assert ev["notes"].startswith("On ")


def test_no_event_in_kyiv_or_ukraine(doc):
    for ev in doc["events"]:
        assert ev["country"] != "Ukraine" and ev["location"] not in ("Kyiv", "Kiev")
        assert ev["country"] == "Syria"


def claim_matches(claim: dict, gold: dict) -> bool:
    src, gsrc = claim["source"], gold["source"]
    if src["type"] != gsrc["type"]:
        return False
    for key in ("name", "affiliation"):
        if gsrc.get(key) and src.get(key) != gsrc[key]:
            return False
    if claim["stance"] != gold["stance"]:
        return False
    if gold.get("said_on") and claim["said_on"] != gold["said_on"]:
        return False
    have = [(q["low"], q["high"], q["qualifier"], q["unit"]) for q in claim["quantities"]]
    return all((q["low"], q["high"], q["qualifier"], q["unit"]) in have for q in gold["quantities"])


def test_required_claims(doc):
    """Issue 2 asks for at least 8 of the 11 required claims; issue 3 for all of them."""
    missing = [g["hint"] for g in REQUIRED_CLAIMS if not any(claim_matches(c, g) for c in doc["claims"])]
    assert len(REQUIRED_CLAIMS) - len(missing) >= 8, f"missing: {missing}"


def test_claims_point_into_the_text(doc):
    text = (HERE / "article.ar.txt").read_text(encoding="utf-8")
    for c in doc["claims"]:
        assert text[c["start"]:c["end"]] == c["text"]
        for q in c["quantities"]:
            assert text[q["start"]:q["end"]] == q["text"]
            assert c["start"] <= q["start"] and q["end"] <= c["end"]


def test_freed_versus_recaptured_discrepancy(doc):
    by_id = {c["id"]: c for c in doc["claims"]}
    found = False
    for d in doc["discrepancies"]:
        units = {q["unit"] for cid in d["claim_ids"] for q in by_id[cid]["quantities"]}
        if "freed" in units and ({"arrested", "escaped"} & units):
            found = True
            assert d["summary"]
    assert found, doc["discrepancies"]
