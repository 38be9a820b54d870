"""Discrepancies: team-written passages where sources do (or do not) disagree on a figure."""

from __future__ import annotations

import pytest

from marsad.doc import Document
from marsad.pipeline import Pipeline

# (text, lang, expected number of discrepancies, expected units of the first one)
CASES = [
    ("وقال المتحدث باسم الجيش أحمد سعيد إن 5 جنود قتلوا في الهجوم. "
     "وقال المرصد السوري لحقوق الإنسان إن 27 جنديا قتلوا في الهجوم.", "ar", 1, {"killed"}),
    ("وقالت الشرطة إنها اعتقلت أكثر من 100 سجين فروا. وزعم التنظيم أنه أفرج عن أكثر من 800 سجين.", "ar", 1,
     {"freed", "arrested", "escaped"}),
    ("وقال المتحدث باسم الجيش أحمد سعيد إن نحو 20 جنديا قتلوا. وقال المرصد السوري لحقوق الإنسان إن 21 جنديا قتلوا.",
     "ar", 0, None),
    ("وقال مصدر طبي إن 7 مدنيين قتلوا، بينهم طفلان. وقالت وزارة الصحة إن 7 أشخاص قتلوا.", "ar", 0, None),
    ("قتل 10 أشخاص في الانفجار. وقالت وزارة الداخلية إن 30 شخصا قتلوا.", "ar", 0, None),  # narration is no source
    ("Army spokesman Ahmed Said said 5 soldiers were killed. "
     "The Syrian Observatory for Human Rights said 27 soldiers were killed.", "en", 1, {"killed"}),
    ("Police said they had recaptured 40 escaped prisoners. The group claimed it had freed more than 500 prisoners.",
     "en", 1, {"freed", "arrested", "escaped"}),
    ("Rescuers said at least 12 civilians were killed, including three children. "
     "A medic said 14 people were killed.", "en", 0, None),
    ("Rescuers said 12 civilians were killed. The army said it killed 20 militants.", "en", 0, None),
    ("The ministry denied that 50 people were killed. Activists said 50 people were killed.", "en", 0, None),
]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(skip=("places", "events", "assembly"))


@pytest.mark.parametrize("text,lang,n,units", CASES)
def test_discrepancies(pipe, text, lang, n, units):
    doc = pipe(Document.make(text, lang=lang, published="2022-01-24"))
    assert len(doc.discrepancies) == n, [(d.summary, d.claim_ids) for d in doc.discrepancies]
    if n:
        d = doc.discrepancies[0]
        assert set(d.units) == units
        assert d.summary.endswith(".") and d.summary.isascii()
        ids = {c.id for c in doc.claims}
        assert set(d.claim_ids) <= ids and len(set(d.claim_ids)) == 2
