"""Output formats of ``marsad/1`` documents: json, jsonl, acled-csv, geojson.

Writers take an iterable of documents (``marsad/1`` dicts) and a text stream, and
stream: nothing is held beyond one document (geojson holds its features, which
are small). ``marsad extract`` and ``marsad export`` share them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO

from .errors import MarsadError

#: ACLED's column names, in order, then marsad's additions (RECORD.md).
ACLED_COLUMNS = (
    "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities",
    "article_id", "fatalities_low", "fatalities_best", "fatalities_high",
)
FORMATS = ("json", "jsonl", "acled-csv", "geojson")


def acled_row(event: dict, article: dict) -> dict:
    """One ACLED CSV row of an event. Associated actors are joined with '; ' as ACLED does;
    ``civilian_targeting`` is ACLED's text ("Civilian targeting" or empty)."""
    row = {c: event.get(c) for c in ACLED_COLUMNS}
    for key in ("assoc_actor_1", "assoc_actor_2"):
        row[key] = "; ".join(event.get(key) or [])
    row["civilian_targeting"] = "Civilian targeting" if event.get("civilian_targeting") else ""
    sources = event.get("source")
    if isinstance(sources, list):
        sources = "; ".join(str(s) for s in sources if s)
    row["source"] = sources or article.get("source") or ""
    row["article_id"] = event.get("article_id") or article.get("id")
    return {k: ("" if v is None else v) for k, v in row.items()}


def geojson_feature(event: dict, article: dict) -> dict | None:
    if event.get("latitude") is None or event.get("longitude") is None:
        return None
    props = {k: v for k, v in event.items() if k not in ("latitude", "longitude")}
    props.setdefault("article_id", article.get("id"))
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [event["longitude"], event["latitude"]]},
        "properties": props,
    }


def events_of(documents: Iterable[dict]) -> Iterator[tuple[dict, dict]]:
    for doc in documents:
        article = doc.get("article", {})
        for event in doc.get("events", []):
            yield event, article


def write(documents: Iterable[dict], fmt: str, out: IO[str]) -> int:
    """Write documents in ``fmt``; returns how many documents were written."""
    if fmt not in FORMATS:
        raise MarsadError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    n = 0
    if fmt == "jsonl":
        for doc in documents:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        docs = list(documents)
        n = len(docs)
        payload = docs[0] if n == 1 else docs
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "acled-csv":
        writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for doc in documents:
            n += 1
            for event in doc.get("events", []):
                writer.writerow(acled_row(event, doc.get("article", {})))
    else:  # geojson
        features = []
        for doc in documents:
            n += 1
            for event, article in events_of([doc]):
                feature = geojson_feature(event, article)
                if feature:
                    features.append(feature)
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
    return n
