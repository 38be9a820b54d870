"""Integrity of the claims layer's language data (marsad/claims/data/*.yaml)."""

from __future__ import annotations

import pytest

from marsad.claims.dates import _rel_date
from marsad.claims.lexicon import LANGS, fphrase, lexicon, load_raw, names, romanise
from marsad.records import QUALIFIERS, STANCES, UNITS

KINDS = {"say", "according", "relay", "believed", "show"}
RELATIVE = {"day_before_yesterday", "last_night", "yesterday", "today", "tomorrow", "last_week", "this_week",
            "last_month", "this_month", "last_year"}
ROLES = {"spokesman", "commander", "minister", "president", "governor", "official", "director", "head", "member", "envoy"}


@pytest.mark.parametrize("lang", LANGS)
def test_same_keys_in_every_language(lang):
    assert set(load_raw(lang)) == set(load_raw("ar"))


@pytest.mark.parametrize("lang", LANGS)
def test_values_are_language_blind_keys(lang):
    raw = load_raw(lang)
    assert set(raw["months"]) == set(range(1, 13))
    assert set(raw["weekdays"]) == set(range(7))
    assert not raw["hijri_months"] or set(raw["hijri_months"]) == set(range(1, 13))
    assert set(raw["relative"]) <= RELATIVE
    assert set(raw["units"]) <= set(UNITS)
    assert set(raw["duals"].values()) <= set(UNITS)
    assert set(raw["qualifiers"]) | set(raw["qualifiers_after"]) <= set(QUALIFIERS)
    assert set(raw["roles"]) <= ROLES
    for cue, info in raw["cues"].items():
        assert info["kind"] in KINDS, cue
        assert info.get("stance", "asserted") in STANCES, cue
    for k, v in list(raw["numbers"].items()) + list(raw["multipliers"].items()):
        assert isinstance(v, int) and v > 0, k
    for k, v in raw["vague"].items():
        assert v is None or (isinstance(v, int) and v > 0), k


@pytest.mark.parametrize("lang", LANGS)
def test_no_empty_or_duplicate_phrases(lang):
    raw = load_raw(lang)
    for key in ("anonymous", "titles", "media", "group_media", "complementisers", "inherit", "org_nouns"):
        items = [str(x).strip() for x in raw[key]]
        assert all(items), key
    for unit, d in raw["units"].items():
        for kind in ("verbs", "nouns"):
            assert all(str(w).strip() for w in d.get(kind) or []), (unit, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_month_and_weekday_names_are_unambiguous(lang):
    lex = lexicon(lang)
    raw = load_raw(lang)
    for k, ws in raw["months"].items():
        for w in ws:
            assert lex.months[fphrase(w)] == k, w
    assert len(lex.weekdays) >= 7


def test_relative_keys_resolve():
    import datetime as dt

    for key in RELATIVE:
        date, prec, _end = _rel_date(key, dt.date(2022, 1, 24))
        assert prec in (1, 2, 3) and abs((date - dt.date(2022, 1, 24)).days) < 400


def test_names_table_and_romanisation():
    table, letters = names()
    assert all(v.strip() for v in table.values()) and len(letters) >= 28
    assert romanise("سيامند علي") == "Siamand Ali"
    assert romanise("جون دبليو برينان") == "John W. Brennan"
    assert romanise("بشار الأسد") == "Bashar al-Assad"
    assert romanise("كزبر").isascii()
