"""The shipped JSON Schema is the one the record dataclasses generate, and it
accepts what the pipeline prints and rejects what breaks the contract."""

import copy

import jsonschema
import pytest

from marsad.records import SCHEMA
from marsad.schema import build_schema, shipped_schema, validate


def test_shipped_schema_matches_the_dataclasses():
    assert shipped_schema() == build_schema(), "run: .venv/bin/python scripts/make_schema.py"


def test_contract_fields_are_all_there():
    """RECORD.md's field names, never renamed or dropped."""
    defs = shipped_schema()["$defs"]
    event = set(defs["Event"]["properties"])
    assert {"id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "plover",
            "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2", "interaction",
            "civilian_targeting", "country", "iso", "admin1", "admin2", "location", "location_ar", "latitude",
            "longitude", "geo_precision", "geonameid", "fatalities", "fatalities_low", "fatalities_best",
            "fatalities_high", "claim_ids", "evidence", "notes", "confidence"} <= event
    assert {"id", "source", "cue", "stance", "said_on", "text", "start", "end", "quantities",
            "event_ids"} <= set(defs["Claim"]["properties"])
    assert {"low", "high", "qualifier", "unit", "text", "start", "end"} <= set(defs["Quantity"]["properties"])
    assert {"name", "type", "affiliation", "role"} <= set(defs["Source"]["properties"])
    assert {"unit", "claim_ids", "summary"} <= set(defs["Discrepancy"]["properties"])
    assert {"id", "lang", "title", "published", "dateline", "source", "url"} <= set(defs["Article"]["properties"])


def test_pipeline_output_validates(pipeline):
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "examples/ghwayran/article.ar.txt").read_text(encoding="utf-8")
    doc = pipeline.extract(text).to_dict()
    validate(doc)
    assert doc["schema"] == SCHEMA


def _minimal():
    return {"schema": "marsad/1", "article": {"id": "x", "lang": "ar", "title": None, "published": "2022-01-24",
            "dateline": {"place": None, "date": None, "start": None, "end": None}, "source": None, "url": None},
            "events": [], "claims": [], "discrepancies": []}


@pytest.mark.parametrize("path, bad", [
    (("schema",), "marsad/2"),
    (("article", "lang"), "fr"),
    (("article", "published"), "24/01/2022"),
    (("article",), None),
])
def test_schema_rejects_broken_documents(path, bad):
    doc = _minimal()
    validate(copy.deepcopy(doc))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)
