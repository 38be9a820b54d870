"""Integrity of the geo language data: curated places, cue words, stop words."""

from __future__ import annotations

from pathlib import Path

import yaml

from marsad.geo import Gazetteer
from marsad.geo.keys import ar_key, en_key, is_arabic

DATA = Path(__file__).resolve().parent.parent / "marsad" / "geo" / "data"
LEVELS = {"facility", "district", "region", "locality"}


def _load(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def test_curated_places_schema():
    cur = _load("curated_places.yaml")
    places = cur["places"]
    assert len(places) >= 100
    names = set()
    for p in places:
        assert set(p) <= {"name", "cc", "level", "lat", "lon", "parent", "ar", "en", "pop", "admin1", "admin2", "gn"}, p
        assert p["name"] not in names, p["name"]
        names.add(p["name"])
        assert isinstance(p["cc"], str) and len(p["cc"]) == 2
        assert p["level"] in LEVELS
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
        assert p.get("ar") or p.get("en")
        for a in p.get("ar", []):
            assert is_arabic(a) and ar_key(a), a
        for e in p.get("en", []):
            assert isinstance(e, str) and en_key(e), e


def test_curated_places_are_in_the_gazetteer_with_their_town():
    gz = Gazetteer.open()
    for p in _load("curated_places.yaml")["places"]:
        got = [e for e in gz.candidates(p["name"], p["cc"]) if e.src == "curated"]
        assert got, p["name"]
        if p.get("parent"):
            assert got[0].parent is not None, p["name"]
            parent = gz.entry(got[0].parent)
            assert parent.cc == p["cc"]
            # the parent town is near the place (a prison, a camp or a port is by its town)
            from marsad.geo.gazetteer import km
            assert km(parent.lat, parent.lon, p["lat"], p["lon"]) < 150, (p["name"], parent.name)


def test_country_names():
    cur = _load("curated_places.yaml")
    for cc, names in cur["countries_ar"].items():
        assert isinstance(cc, str) and len(cc) == 2
        assert names and all(is_arabic(n) for n in names)
    for cc, name in cur["country_names"].items():
        assert isinstance(cc, str) and len(cc) == 2 and isinstance(name, str)
    for wid, name in cur["admin1_names"].items():
        assert isinstance(wid, int) and isinstance(name, str)


def test_stop_words_are_words():
    cur = _load("curated_places.yaml")
    assert all(is_arabic(w) for w in cur["stop_ar"])
    assert all(is_arabic(w) for w in cur["never_ar"])
    assert all(isinstance(w, str) and w.isascii() for w in cur["stop_en"])


def test_cues_schema():
    cues = _load("cues.yaml")["cues"]
    for key, c in cues.items():
        assert set(c) <= {"level", "precision", "ar", "ar_bare", "en_before", "en_after"}, key
        assert c["precision"] in (1, 2, 3)
        assert c["level"] in (None, "locality", "admin1", "admin2", "district", "facility")
        for w in c.get("ar") or []:
            assert is_arabic(w), w
        for w in (c.get("en_before") or []) + (c.get("en_after") or []):
            assert isinstance(w, str) and w == w.lower(), w


def test_web_layers_exist():
    import json
    for name in ("world_countries.geojson", "focus_admin1.geojson"):
        gj = json.loads((DATA / name).read_text(encoding="utf-8"))
        assert gj["type"] == "FeatureCollection" and len(gj["features"]) > 100
