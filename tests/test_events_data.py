"""Integrity of the event layer's data: taxonomy, lexicons, examples, weights."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from marsad.events.lexicon import DATA, Lexicon, non_acled_case_codes, taxonomy
from marsad.events.model import NONE, EventModel
from marsad.text import fold

ACLED_2024 = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
DISORDER = {"Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}
PLOVER_2 = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
            "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_taxonomy_is_acled_2024():
    tax = taxonomy()
    assert len(tax) == 25
    got: dict[str, set] = {}
    for s in tax.values():
        got.setdefault(s.event_type, set()).add(s.sub_event_type)
    assert got == ACLED_2024


@pytest.mark.parametrize("key", sorted(taxonomy()))
def test_each_sub_event_type_is_complete(key):
    s = taxonomy()[key]
    assert s.disorder_type in DISORDER
    assert s.plover_event in PLOVER_2
    assert s.family == ("FIGHT" if s.event_type == "Battles" or key in ("air_strike", "shelling") else s.plover_event)
    assert s.case and s.case.isupper()
    assert 1 <= s.rank <= 6


@pytest.mark.parametrize("sub,disorder", [
    ("Armed clash", "Political violence"), ("Peaceful protest", "Demonstrations"),
    ("Excessive force against protesters", "Political violence; Demonstrations"),
    ("Violent demonstration", "Demonstrations"), ("Mob violence", "Political violence"),
    ("Arrests", "Strategic developments"), ("Suicide bomb", "Political violence"),
])
def test_disorder_types(sub, disorder):
    assert {s.sub_event_type: s.disorder_type for s in taxonomy().values()}[sub] == disorder


def test_case_codes_unique_and_non_acled_disjoint():
    codes = [s.case for s in taxonomy().values()]
    assert len(codes) == len(set(codes))
    assert set(non_acled_case_codes()) == {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}
    assert not set(codes) & set(non_acled_case_codes())


def test_trigger_lexicons_map_to_known_keys():
    data = yaml.safe_load((DATA / "triggers.yaml").read_text(encoding="utf-8"))
    assert set(data) == {"ar", "en"}
    tax = set(taxonomy())
    for lang, table in data.items():
        for key, words in table.items():
            assert key in tax or key.startswith(("cue_", "neg_")), (lang, key)
            assert words, (lang, key)
            for w in words:
                assert isinstance(w, str) and fold(w.rstrip("$")).strip(), (lang, key, w)
                if lang == "en":
                    assert w == w.lower(), w
                else:
                    assert any("\u0600" <= c <= "\u06ff" for c in w), w
    negs = {k for t in data.values() for k in t if k.startswith("neg_")}
    assert negs == {"neg_metaphor", "neg_threat", "neg_denial", "neg_history", "neg_statistics",
                    "neg_diplomacy", "neg_disaster", "neg_crime"}


def test_examples_file():
    data = yaml.safe_load((DATA / "examples.yaml").read_text(encoding="utf-8"))
    tax = set(taxonomy())
    for lang, table in data.items():
        assert lang in ("ar", "en", "en_notes")
        for key, sents in table.items():
            assert key in tax or key.startswith("none_"), key
            assert all(isinstance(s, str) and len(s) > 15 for s in sents)


def test_weights_match_taxonomy_and_lexicon():
    m = EventModel()
    assert m.classes[0] == NONE and set(m.classes[1:]) == set(taxonomy())
    assert m.lex_keys == Lexicon().keys
    assert m.coef.shape == (len(m.classes), 512 + len(m.lex_keys))
    assert np.isfinite(m.coef).all() and 0 < m.threshold < 1
