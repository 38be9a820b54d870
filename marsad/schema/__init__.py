"""The JSON Schema of ``marsad/1``, generated from the record dataclasses.

``build_schema()`` derives the schema from :mod:`marsad.records` (field names,
types, enums); the shipped ``marsad-1.schema.json`` is its output, and
``validate(document)`` checks a document against the shipped file.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from importlib import resources

from .. import records as R

DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

#: per-field constraints beyond the Python type
_EXTRA = {
    ("Quantity", "qualifier"): {"enum": list(R.QUALIFIERS)},
    ("Quantity", "unit"): {"enum": list(R.UNITS)},
    ("Source", "type"): {"enum": list(R.SOURCE_TYPES)},
    ("Claim", "stance"): {"enum": list(R.STANCES)},
    ("Claim", "said_on"): {"anyOf": [DATE, {"type": "null"}]},
    ("Event", "event_date"): {"anyOf": [DATE, {"type": "null"}]},
    ("Event", "time_precision"): {"enum": [1, 2, 3]},
    ("Event", "geo_precision"): {"enum": [1, 2, 3]},
    ("Event", "inter1"): {"enum": [*R.INTER_TYPES, None]},
    ("Event", "inter2"): {"enum": [*R.INTER_TYPES, None]},
    ("Event", "confidence"): {"type": "number", "minimum": 0, "maximum": 1},
    ("Event", "fatalities"): {"type": "integer", "minimum": 0},
    ("Event", "disorder_type"): {"enum": ["Political violence", "Demonstrations", "Strategic developments",
                                          "Political violence; Demonstrations"]},
    ("Article", "lang"): {"enum": ["ar", "en"]},
    ("Article", "published"): {"anyOf": [DATE, {"type": "null"}]},
    ("Dateline", "date"): {"anyOf": [DATE, {"type": "null"}]},
    ("DocumentRecord", "schema"): {"const": R.SCHEMA},
}

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _type_schema(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in typing.get_args(tp)]
        if all(set(o) == {"type"} for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    if origin is list:
        (item,) = typing.get_args(tp)
        return {"type": "array", "items": _type_schema(item, defs)}
    if origin is dict:
        return {"type": "object"}
    if dataclasses.is_dataclass(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if tp is float:
        return {"type": "number"}
    return {"type": _SCALARS[tp]}


def _define(cls, defs: dict) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    props = {}
    for f in dataclasses.fields(cls):
        prop = _type_schema(hints[f.name], defs)
        extra = _EXTRA.get((cls.__name__, f.name))
        if extra:
            prop = extra if ("anyOf" in extra or "const" in extra) else {**prop, **extra}
        props[f.name] = prop
    defs[cls.__name__] = {
        "type": "object",
        "properties": props,
        "required": [f.name for f in dataclasses.fields(cls)],
        "additionalProperties": True,
    }


def build_schema() -> dict:
    defs: dict = {}
    _define(R.DocumentRecord, defs)
    root = defs.pop("DocumentRecord")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://marsad.example/schema/marsad-1.schema.json",
        "title": "marsad/1 document",
        "description": "One article's conflict-event records (spec: RECORD.md).",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


@lru_cache(maxsize=1)
def shipped_schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("marsad-1.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(shipped_schema())


def validate(document: dict) -> None:
    """Raise ``jsonschema.ValidationError`` if ``document`` is not valid ``marsad/1``."""
    _validator().validate(document)
