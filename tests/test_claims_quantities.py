"""Figures: team-written sentences, each with every figure it should yield
as (low, high, qualifier, unit), in order. Rows with [] give no count of people."""

from __future__ import annotations

import pytest

from marsad.claims.quantities import read_quantities
from marsad.records import QUALIFIERS, UNITS

AR = [
    ("قتل 23 شخصا في الغارة", [(23, 23, "exact", "killed")]),
    ("قتل ٢٣ شخصا في الغارة", [(23, 23, "exact", "killed")]),
    ("لقي ثلاثة أشخاص حتفهم في الحادث", [(3, 3, "exact", "killed")]),
    ("أسفر القصف عن مقتل خمسة عشر مدنيا", [(15, 15, "exact", "killed")]),
    ("قتل ثلاثة آلاف ومئتان وخمسون شخصا خلال الحرب", [(3250, 3250, "exact", "killed")]),
    ("قتل عشرون جنديا في الكمين", [(20, 20, "exact", "killed")]),
    ("أصيب عشرين شخصا بجروح", [(20, 20, "exact", "injured")]),
    ("قتل أكثر من 3000 شخص", [(3001, None, "more_than", "killed")]),
    ("قتل ما لا يقل عن 20 جنديا في الهجوم", [(20, None, "at_least", "killed")]),
    ("قتل 20 جنديا على الأقل في الهجوم", [(20, None, "at_least", "killed")]),
    ("أصيب أقل من 10 أشخاص", [(None, 9, "less_than", "injured")]),
    ("قتل نحو 100 شخص", [(100, 100, "about", "killed")]),
    ("قتل حوالي 40 مدنيا", [(40, 40, "about", "killed")]),
    ("نزح قرابة 5000 شخص من القرى", [(5000, 5000, "about", "displaced")]),
    ("اعتقلت الشرطة زهاء 200 متظاهر", [(200, 200, "about", "arrested")]),
    ("يتحصن ما بين 150 و 200 مسلح في الجناح الشمالي", [(150, 200, "between", "fighters")]),
    ("قتل بين 10 و 15 مدنيا", [(10, 15, "between", "killed")]),
    ("قتل العشرات من المقاتلين", [(10, None, "vague", "killed")]),
    ("أصيب عشرات المدنيين", [(10, None, "vague", "injured")]),
    ("اعتقلت القوات مئات الشبان", [(100, None, "vague", "arrested")]),
    ("نزح آلاف السكان من المدينة", [(1000, None, "vague", "displaced")]),
    ("اختطف مسلحون عددا من المدنيين", [(None, None, "vague", "abducted")]),
    ("قتل عدد من الجنود في الهجوم", [(None, None, "vague", "killed")]),
    ("سقط قتيلان في الاشتباكات", [(2, 2, "exact", "killed")]),
    ("أصيب جريحين في القصف", [(2, 2, "exact", "injured")]),
    ("قتل شخصان في إطلاق نار", [(2, 2, "exact", "other")]),
    ("قتيلان وثلاثة جرحى في انفجار عبوة", [(2, 2, "exact", "killed"), (3, 3, "exact", "injured")]),
    ("سقط 88 قتيلا وجريحا في التفجير", [(88, 88, "other", "other")][:0] + [(88, 88, "exact", "other")]),
    ("أسفر الهجوم عن مقتل وإصابة 20 شخصا", [(20, 20, "exact", "other")]),
    ("قتل 5 أشخاص وأصيب 12 آخرون بجروح", [(5, 5, "exact", "killed"), (12, 12, "exact", "injured")]),
    ("اعتقلت قوات الأمن خمسة متظاهرين", [(5, 5, "exact", "arrested")]),
    ("اعتقلت حتى الآن أكثر من 100 سجين فروا", [(101, None, "more_than", "arrested")]),
    ("زعمت أنها أفرجت عن أكثر من 800 مسلح", [(801, None, "more_than", "freed")]),
    ("أطلق سراح 30 معتقلا", [(30, 30, "exact", "freed")]),
    ("فر أكثر من 50 سجينا من السجن", [(51, None, "more_than", "escaped")]),
    ("وفر مئات المدنيين من المنطقة", [(100, None, "vague", "displaced")]),
    ("نزح أكثر من 200 ألف شخص", [(200001, None, "more_than", "displaced")]),
    ("هاجم أكثر من 100 مسلح المنشأة", [(101, None, "attackers", "attackers")][:0] + [(101, None, "more_than", "attackers")]),
    ("قال إن نحو 100 مسلح هاجموا السجن", [(100, 100, "about", "attackers")]),
    ("اختطف مسلحون سبعة عمال", [(7, 7, "exact", "abducted")]),
    ("أظهر الفيديو أكثر من عشرين عاملا محتجزين كرهائن", [(21, None, "more_than", "abducted")]),
    ("يحتجز في السجن أكثر من 3000 من مقاتلي التنظيم", [(3001, None, "more_than", "detained")]),
    ("يعتقد أن أكثر من 3000 من المقاتلين محتجزون في السجن", [(3001, None, "more_than", "detained")]),
    ("تظاهر آلاف المحتجين في الساحة", [(1000, None, "vague", "protesters")]),
    ("خرج نحو ألف متظاهر إلى الشوارع", [(1000, 1000, "about", "protesters")]),
    ("انتشر خمسون عنصرا من الشرطة في المدينة", [(50, 50, "exact", "fighters")]),
    ("قتل 7 مدنيين بينهم ثلاثة أطفال", [(7, 7, "exact", "killed"), (3, 3, "exact", "killed")]),
    ("استخدم المسلحون مئات القاصرين المحتجزين دروعا بشرية", [(100, None, "vague", "other")]),
    ("قتل انتحاريان في الهجوم", [(2, 2, "exact", "attackers")][:0] + [(2, 2, "exact", "attackers")]),
    ("فجر انتحاريان شاحنتين عند البوابة", [(2, 2, "exact", "attackers")]),
    ("قتل طفل يبلغ من العمر 12 عاما", []),
    ("ممن تقل أعمارهم عن 18 عامًا", []),
    ("استمر القصف لمدة 48 ساعة", []),
    ("استخدمت قذائف عيار 120 ملم", []),
    ("ارتفعت الأسعار بنسبة 30 بالمئة", []),
    ("دفعت الحكومة 500 دولار لكل أسرة", []),
    ("دمرت الغارات 12 منزلا", []),
    ("أطلق المسلحون 20 صاروخا على المدينة", []),
    ("فجر المهاجمون شاحنتين عند بوابة السجن", []),
    ("سقطت الخلافة عام 2019", []),
    ("صدر القرار 2254 عن مجلس الأمن", []),
    ("نفذ داعش عدة عمليات هروب من السجون", []),
    ("وقعت الحادثة على بعد 5 كيلومترات من المدينة", []),
    ("في الساعة 10 صباحا سمع دوي انفجار", []),
    ("استمرت المعارك لليوم الرابع", []),
]

EN = [
    ("Twenty-three people were killed in the strike", [(23, 23, "exact", "killed")]),
    ("The strike killed 23 people", [(23, 23, "exact", "killed")]),
    ("At least 20 people were killed and 30 wounded", [(20, None, "at_least", "killed"), (30, 30, "exact", "injured")]),
    ("More than 3,000 people were detained", [(3001, None, "more_than", "detained")]),
    ("Fewer than 10 people were injured", [(None, 9, "less_than", "injured")]),
    ("Up to 50 fighters were killed", [(None, 50, "at_most", "killed")]),
    ("About 100 gunmen attacked the prison", [(100, 100, "about", "attackers")]),
    ("Around 40 civilians were killed", [(40, 40, "about", "killed")]),
    ("Nearly 5,000 people have been displaced", [(5000, 5000, "about", "displaced")]),
    ("Between 150 and 200 militants remain holed up", [(150, 200, "between", "fighters")]),
    ("Police arrested between 10 and 20 protesters", [(10, 20, "between", "arrested")]),
    ("Dozens of protesters were arrested", [(12, None, "vague", "arrested")]),
    ("Hundreds of civilians fled the fighting", [(100, None, "vague", "displaced")]),
    ("Thousands of people were displaced", [(1000, None, "vague", "displaced")]),
    ("Several soldiers were wounded", [(None, None, "vague", "injured")]),
    ("Gunmen kidnapped a number of aid workers", [(None, None, "vague", "abducted")]),
    ("Twenty-five soldiers were killed", [(25, 25, "exact", "killed")]),
    ("Three hundred and fifty prisoners escaped", [(350, 350, "exact", "escaped")]),
    ("The group claimed it freed more than 800 prisoners", [(801, None, "more_than", "freed")]),
    ("Security forces recaptured more than 100 escaped prisoners", [(101, None, "more_than", "arrested")]),
    ("Militants abducted seven workers", [(7, 7, "exact", "abducted")]),
    ("The militants took 21 workers hostage", [(21, 21, "exact", "abducted")]),
    ("Five soldiers and three civilians were killed", [(5, 5, "exact", "killed"), (3, 3, "exact", "killed")]),
    ("The attack killed 5, including 3 children", [(5, 5, "exact", "killed"), (3, 3, "exact", "killed")]),
    ("Thousands of protesters marched in the capital", [(1000, None, "vague", "protesters")]),
    ("Some 2,000 troops were deployed", [(2000, 2000, "about", "fighters")]),
    ("The blast wounded 14 people", [(14, 14, "exact", "injured")]),
    ("The death toll rose to 31", [(31, 31, "exact", "killed")]),
    ("Police detained 12 men", [(12, 12, "exact", "detained")]),
    ("An estimated 300 people were killed", [(300, 300, "about", "killed")]),
    ("A 12-year-old boy was killed", []),
    ("The shelling lasted 48 hours", []),
    ("They fired 120mm mortar shells", []),
    ("Prices rose by 30 percent", []),
    ("The government paid $500 to each family", []),
    ("Airstrikes destroyed 12 houses", []),
    ("Militants fired 20 rockets at the city", []),
    ("Two trucks exploded at the gate", []),
    ("The caliphate fell in 2019", []),
    ("UN resolution 2254 calls for elections", []),
    ("The village lies 5 km from the border", []),
]


def _rows(qs):
    return [(q.low, q.high, q.qualifier, q.unit) for q in qs]


@pytest.mark.parametrize("text,expected", AR)
def test_arabic_figures(text, expected):
    qs = read_quantities(text, "ar")
    assert _rows(qs) == expected
    for q in qs:
        assert text[q.start:q.end] == q.text and q.text
        assert q.unit in UNITS and q.qualifier in QUALIFIERS


@pytest.mark.parametrize("text,expected", EN)
def test_english_figures(text, expected):
    qs = read_quantities(text, "en")
    assert _rows(qs) == expected
    for q in qs:
        assert text[q.start:q.end] == q.text and q.text


@pytest.mark.parametrize("junk", ["", "0", "9" * 5000, "و و و و", "أكثر من", "ما بين 5 و", "between 3 and",
                                  "عشرات " * 200, "\ufeff\u202e١٢٣\u202c", "1,2,3,4,5.6.7", "-" * 100, "قتيلان" * 50])
def test_junk_never_crashes(junk):
    for lang in ("ar", "en"):
        qs = read_quantities(junk, lang)
        for q in qs:
            assert junk[q.start:q.end] == q.text
