"""Exporting stored (merged) events: acled-csv, jsonl, geojson, parquet, plover-json.

``export(store, fmt, out, **filters)`` streams the events that match the filters
(:mod:`marsad.store.base`) in date order. The per-event ACLED row and GeoJSON
feature are :mod:`marsad.formats`' (shared with ``marsad extract``); an event's
``source`` lists every outlet that reported it, joined with ``; `` in ACLED's
CSV. ``jsonl`` is one store event a line (marsad/1 event plus the store's fields);
``parquet`` has the ACLED CSV's columns with typed values; ``plover-json`` is a
JSON array of PLOVER event records.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from ..errors import MarsadError
from ..formats import ACLED_COLUMNS, acled_row, geojson_feature

FORMATS = ("acled-csv", "jsonl", "geojson", "parquet", "plover-json")
_INT = ("time_precision", "iso", "geo_precision", "fatalities", "fatalities_low", "fatalities_best", "fatalities_high")
_FLOAT = ("latitude", "longitude")


def export(store: Any, fmt: str, out: IO, **filters: Any) -> int:
    """Write the matching events to ``out`` (text, or binary for parquet); returns how many."""
    if fmt not in FORMATS:
        raise MarsadError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    events = store.iter_events(**filters)
    return {"acled-csv": write_acled_csv, "jsonl": write_jsonl, "geojson": write_geojson,
            "parquet": write_parquet, "plover-json": write_plover}[fmt](events, out)


def _article(ev: dict) -> dict:
    return {"id": ev.get("article_id")}


def write_acled_csv(events: Iterable[dict], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(acled_row(ev, _article(ev)))
        n += 1
    return n


def write_jsonl(events: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps(ev, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(events: Iterable[dict], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for ev in events:
        feature = geojson_feature(ev, _article(ev))
        if feature is None:
            continue
        out.write((",\n" if n else "\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_parquet(events: Iterable[dict], out: IO[bytes]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MarsadError("parquet needs pyarrow: pip install 'marsad[export]'") from exc
    fields = []
    for col in ACLED_COLUMNS:
        kind = pa.int64() if col in _INT else pa.float64() if col in _FLOAT else pa.string()
        fields.append(pa.field(col, kind))
    schema = pa.schema(fields)
    writer = pq.ParquetWriter(out, schema)
    n = 0
    batch: list[dict] = []

    def flush() -> None:
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            batch.clear()

    for ev in events:
        row = acled_row(ev, _article(ev))
        for col in _INT + _FLOAT:
            row[col] = ev.get(col)
        batch.append({c: (None if row[c] == "" and c in _INT + _FLOAT else row[c]) for c in ACLED_COLUMNS})
        n += 1
        if len(batch) >= 5000:
            flush()
    flush()
    writer.close()
    return n


def plover_record(ev: dict) -> dict:
    """One event as a PLOVER record (the field names of PLOVER's gold-standard JSON)."""
    plover = ev.get("plover") or {}
    evidence = ev.get("evidence") or []
    return {
        "id": ev.get("id"),
        "date": ev.get("event_date"),
        "event": plover.get("event"),
        "mode": plover.get("mode"),
        "source": [{"actorText": ev["actor1"], "sector": ev.get("inter1")}] if ev.get("actor1") else [],
        "target": [{"actorText": ev["actor2"], "sector": ev.get("inter2")}] if ev.get("actor2") else [],
        "eventText": evidence[0]["text"] if evidence else None,
        "text": ev.get("notes"),
        "location": {"placeName": ev.get("location"), "admin1": ev.get("admin1"), "country": ev.get("country"),
                     "lat": ev.get("latitude"), "lon": ev.get("longitude"), "geonameid": ev.get("geonameid")},
        "fatalities": ev.get("fatalities"),
        "publication": "; ".join(ev.get("source") or []),
        "articles": ev.get("article_ids") or [],
        "acled": {"event_type": ev.get("event_type"), "sub_event_type": ev.get("sub_event_type")},
        "coder": "marsad",
        "version": "marsad/1",
    }


def write_plover(events: Iterable[dict], out: IO[str]) -> int:
    out.write("[")
    n = 0
    for ev in events:
        out.write((",\n" if n else "\n") + json.dumps(plover_record(ev), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n
