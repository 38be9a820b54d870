"""Integrity of the actor catalogue (marsad/actors/data): every actor type valid, no alias
claimed twice within one language and country, every family and name well formed."""

from __future__ import annotations

from collections import defaultdict

import pytest
import yaml

from marsad.actors.catalogue import DATA, Catalogue, alias_key
from marsad.records import INTER_TYPES


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load((DATA / "actors.yaml").read_text("utf-8"))["actors"]


@pytest.fixture(scope="module")
def countries():
    return yaml.safe_load((DATA / "countries.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def cat():
    return Catalogue()


ALLOWED = {"name", "inter", "country", "countries", "ar", "en", "ar_ambiguous", "en_ambiguous", "valid", "role",
           "media_of", "acled", "family", "in_country", "acled_periods"}


def test_keys_and_types(raw, countries):
    known = {c["country"] for c in countries} | {"Benin", "Togo"}
    for a in raw:
        assert set(a) <= ALLOWED, (a["name"], set(a) - ALLOWED)
        assert a.get("role", "armed") in ("armed", "source")
        if a.get("role", "armed") == "armed":
            assert a["inter"] in INTER_TYPES, a["name"]
        else:
            assert a["inter"] is None or a["inter"] in INTER_TYPES, a["name"]
        cs = a.get("countries") or [a.get("country")]
        assert all(c is None or c in known for c in cs), (a["name"], cs)
        assert ("{country}" in a["name"]) <= bool(a.get("countries")), a["name"]
        assert a.get("ar") or a.get("en"), a["name"]
        lo, _, hi = (a.get("valid") or "..").partition("..")
        if lo and hi:
            assert lo < hi, a["name"]


def test_unique_names(raw):
    names = [a["name"] for a in raw]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]


def test_no_duplicate_alias_within_language_and_country(raw):
    seen = defaultdict(list)
    for a in raw:
        cs = a.get("countries") or [a.get("country")]
        for lang in ("ar", "en"):
            for alias in (a.get(lang) or []) + (a.get(lang + "_ambiguous") or []):
                for c in cs:
                    seen[(lang, alias_key(str(alias)), c)].append(a["name"])
    # the same actor may list spelling variants that fold alike (الدواعش / دواعش); two actors may not
    dups = {k: v for k, v in seen.items() if len(set(v)) > 1}
    assert not dups, dups


def test_at_least_300_actors(cat, raw):
    n = sum(len(a.get("countries") or [1]) for a in raw if a.get("role", "armed") == "armed")
    n += len(cat.state_entries)
    assert n >= 300, n


def test_media_of_and_in_country_name_actors(raw):
    names = {a["name"] for a in raw}
    for a in raw:
        if a.get("media_of"):
            assert a["media_of"] in names, a["name"]
        for country, name in (a.get("in_country") or {}).items():
            assert name in names, (a["name"], country, name)


def test_generic_file(cat):
    g = cat.generic
    for sub, spec in g["context"].items():
        assert spec["inter"] in INTER_TYPES and "{country}" in spec["name"], sub
        assert spec["ar"] and spec["en"]
    for sub, spec in g["state"].items():
        assert spec["inter"] == "State forces"
    countries = {c["country"] for c in cat.countries}
    assert set(g["country_specific"]) <= countries
    assert set(g["external_countries"]) <= countries


def test_ucdp_ids_point_at_catalogue_names(cat):
    import json

    ids = json.loads((DATA / "ucdp_ids.json").read_text("utf-8"))
    for name, i in ids.items():
        assert isinstance(i, int)
        assert cat.entry_for(name) is not None, name
    assert ids.get("Islamic State (Syria)") == 234 and ids.get("SDF: Syrian Democratic Forces") == 6288


@pytest.mark.parametrize("ours,theirs,same", [
    ("Military Forces of Syria", "Military Forces of Syria (2000-2024)", True),
    ("Military Forces of Syria", "Military Forces of Syria (2024-)", True),
    ("Houthi Movement", "Military Forces of Yemen (2016-) Supreme Political Council", True),
    ("Military Forces of Yemen", "Military Forces of Yemen (2016-) Supreme Political Council", False),
    ("LNA: Libyan National Army", "Military Forces of Libya (2014-) Libyan National Army", True),
    ("Islamic State (Syria)", "Islamic State (Syria)", True),
    ("Islamic State (Syria)", "Islamic State (Iraq)", False),
    (None, None, True),
])
def test_same_actor(ours, theirs, same):
    from marsad.actors import same_actor

    assert same_actor(ours, theirs) is same


@pytest.mark.parametrize("name,day,expected", [
    ("Military Forces of Syria", "2022-01-20", "Military Forces of Syria (2000-2024)"),
    ("Military Forces of Syria", "2025-03-07", "Military Forces of Syria (2024-)"),
    ("Houthi Movement", "2022-05-05", "Military Forces of Yemen (2016-) Supreme Political Council"),
    ("Islamic State (Syria)", "2022-01-20", "Islamic State (Syria)"),
])
def test_acled_name(name, day, expected):
    import datetime as dt

    from marsad.actors import acled_name

    assert acled_name(name, dt.date.fromisoformat(day)) == expected
