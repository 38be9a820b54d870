"""Normalisation keeps an exact offset map; sentences and language detection."""

import pytest
from hypothesis import given, strategies as st

from marsad.doc import Document
from marsad.sentences import split
from marsad.text import detect_lang, fold, normalize


@pytest.mark.parametrize("raw, folded", [
    ("أحمد", "احمد"), ("إسرائيل", "اسرائيل"), ("آلاف", "الاف"), ("مستشفى", "مستشفي"),
    ("المدينة", "المدينه"), ("قُتِلَ", "قتل"), ("الـــحسكة", "الحسكه"), ("١٢٣", "123"),
    ("۴۵", "45"), ("Hasakah", "hasakah"), ("«داعش»", '"داعش"'), ("\u200fحلب", "حلب"),
])
def test_fold(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize("text, needle", [
    ("قُتِلَ ثلاثةُ أشخاصٍ في مدينةِ الحسكة", "الحسكه"),
    ("ذكرت الـــوكالة أن ١٥ شخصا", "15 شخصا"),
    ("BEIRUT (AP) — Militants attacked", "militants"),
])
def test_norm_span_maps_back(text, needle):
    doc = Document.make(text)
    i = doc.norm.text.index(needle)
    span = doc.norm_span(i, i + len(needle))
    assert fold(span.text) == needle
    assert doc.text[span.start:span.end] == span.text


@given(st.text(alphabet=st.sampled_from(list("قُتِلَ أإآىة ١٢٣ــ abc\u200f.")), max_size=60))
def test_offset_map_is_monotonic_and_complete(text):
    n = normalize(text)
    assert len(n.to_orig) == len(n.text) + 1
    assert list(n.to_orig) == sorted(n.to_orig)
    for i, ch in enumerate(n.text):
        assert fold(text[n.to_orig[i]]) == ch


@pytest.mark.parametrize("text, lang", [
    ("قال المتحدث إن الهجوم وقع أمس", "ar"),
    ("The spokesman said the attack happened yesterday", "en"),
    ("", "en"),
    ("BEIRUT (AP) — قال مسؤولون إن الغارات استهدفت مواقع في الجنوب", "ar"),
])
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


@pytest.mark.parametrize("text, n", [
    ("قال المتحدث إن الهجوم وقع أمس. وأضاف أن القتلى 5.", 2),
    ("Maj. Gen. John W. Brennan said it. The U.S. agreed.", 2),
    ("سطر أول\nسطر ثان\n\nسطر ثالث", 3),
    ("هل انتهى الهجوم؟ لا أحد يعرف!", 2),
    ("The rate rose to 3.5 percent. Fine.", 2),
    ("", 0),
])
def test_sentences(text, n):
    spans = split(text)
    assert len(spans) == n
    for s in spans:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
