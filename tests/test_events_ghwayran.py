"""The event layer on the bundled Ghwayran article: which sentences report events.
(The field-by-field golden test of the whole pipeline is tests/test_ghwayran.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.doc import Document
from marsad.events.detect import EventStage
from marsad.sentences import SentenceStage

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "ghwayran" / "article.ar.txt"


@pytest.fixture(scope="module")
def mentions():
    doc = SentenceStage()(Document.make(ARTICLE.read_text(encoding="utf-8"), published="2022-01-24"))
    return EventStage()(doc).event_mentions


def kinds_in(mentions, needle):
    """Sub-event and event types of the mentions in the sentence holding ``needle`` (a battle's
    sub-type may still change at assembly, by its actors: tests/test_ghwayran.py checks those)."""
    return {k for m in mentions if needle in m.text for k in (m.sub_event_type, m.event_type)}


@pytest.mark.parametrize("needle,expected", [
    ("استمرت لليوم الرابع الأحد", "Armed clash"),          # clashes for the fourth day on Sunday
    ("تم صده", "Battles"),                                  # the attack on the northern section repelled
    ("رهائن", "Abduction/forced disappearance"),            # prison workers held hostage (told twice)
    ("بانتحاريين أجنبيين", "Suicide bomb"),                 # the group's account of the suicide bombers
])
def test_event_sentences(mentions, needle, expected):
    assert expected in kinds_in(mentions, needle)


@pytest.mark.parametrize("needle", [
    "لا يزال يخطط لهجمات أخرى",   # a plan, not an event
    "منذ سقوط",                    # history ("since the fall of the caliphate in 2019")
    "لا تزال تشكل تهديدًا",        # a threat assessment
    "طلبا للأمان",                 # civilians fled: no ACLED event
])
def test_non_event_sentences(mentions, needle):
    assert not kinds_in(mentions, needle)
