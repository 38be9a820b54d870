"""Attribution: team-written passages, each with the claim expected for one phrase of it.

Published Monday 24 January 2022. Rows give the source type, romanised name,
role, stance, said_on and the figures of the claim that contains ``phrase``;
a None in ``name``/``role`` means "no name/role", ``ANY`` means "not checked".
Affiliations come from the actors stage (doc.actors)."""

from __future__ import annotations

import pytest

from marsad.doc import Document
from marsad.pipeline import Pipeline
from marsad.records import SOURCE_TYPES, STANCES

ANY = object()
REF = "2022-01-24"

# (text, phrase, type, name, role, affiliation, stance, said_on, quantities)
AR = [
    ("وقال المتحدث باسم قوات سوريا الديمقراطية، سيامند علي، إن 5 مقاتلين قتلوا.", "5 مقاتلين",
     "person", "Siamand Ali", "spokesman", "SDF: Syrian Democratic Forces", "asserted", None, [(5, 5, "exact", "killed")]),
    ("وقال المتحدث باسم القوات الكردية فرهاد شامي إن المسلحين استخدموا مئات القاصرين دروعا بشرية.", "مئات",
     "person", "Farhad Shami", "spokesman", "SDF: Syrian Democratic Forces", "asserted", None, [(100, None, "vague", "other")]),
    ("قال المتحدث باسم قوات سوريا الديمقراطية، سيامند علي، إن الهجوم فشل. وقال علي إن نحو 100 مسلح هاجموا السجن.", "نحو 100",
     "person", "Siamand Ali", "spokesman", "SDF: Syrian Democratic Forces", "asserted", None, [(100, 100, "about", "attackers")]),
    ("وقالت قوات سوريا الديمقراطية يوم الجمعة إنها اعتقلت أكثر من 100 سجين فروا.", "أكثر من 100",
     "organization", ANY, None, "SDF: Syrian Democratic Forces", "asserted", "2022-01-21", [(101, None, "more_than", "arrested")]),
    ("وزعمت داعش أنها أفرجت عن أكثر من 800 مسلح.", "800",
     "organization", ANY, None, "Islamic State (Syria)", "claimed", None, [(801, None, "more_than", "freed")]),
    ("وقالت الجماعة المتشددة إن الهجوم تزامن مع أعمال شغب، وزعمت أنها أفرجت عن أكثر من 800 مسلح.", "800",
     "organization", ANY, None, ANY, "claimed", None, [(801, None, "more_than", "freed")]),
    ("يُعتقد أن أكثر من 3000 من مقاتلي داعش محتجزون في السجن.", "3000",
     "unattributed", None, None, None, "believed", None, [(3001, None, "more_than", "detained")]),
    ("ونفى الجيش السوري مقتل 20 جنديا في الهجوم.", "20",
     "organization", ANY, None, ANY, "denied", None, [(20, 20, "exact", "killed")]),
    ("ونفت الحكومة اعتقال أي صحفي.", "ونفت",
     "organization", ANY, None, ANY, "denied", None, []),
    ("وقال أحد السكان إن طائرات حلقت فوق المدينة.", "طائرات",
     "anonymous", None, None, None, "asserted", None, []),
    ("وقال مصدر أمني، طلب عدم الكشف عن هويته، إن 4 عناصر قتلوا.", "4 عناصر",
     "anonymous", None, None, None, "asserted", None, [(4, 4, "exact", "killed")]),
    ("وقال الساكن، الذي تحدث شريطة عدم الكشف عن هويته، إن القوات طالبت المسلحين بالاستسلام.", "طالبت",
     "anonymous", None, None, None, "asserted", None, []),
    ("وأفادت مصادر محلية بمقتل 3 مدنيين في القصف.", "3 مدنيين",
     "anonymous", None, None, None, "asserted", None, [(3, 3, "exact", "killed")]),
    ("وبحسب شهود عيان، فإن 7 أشخاص أصيبوا بجروح.", "7 أشخاص",
     "anonymous", None, None, None, "asserted", None, [(7, 7, "exact", "injured")]),
    ("قتل 12 شخصا في انفجار سيارة مفخخة وسط المدينة.", "12",
     "unattributed", None, None, None, "asserted", None, [(12, 12, "exact", "killed")]),
    ("وفر مئات المدنيين من المنطقة طلبا للأمان.", "مئات",
     "unattributed", None, None, None, "asserted", None, [(100, None, "vague", "displaced")]),
    ("وتأتي المواجهة بعد هجوم قتل فيه المسلحون العشرات من الحراس.", "العشرات",
     "unattributed", None, None, None, "asserted", None, [(10, None, "vague", "killed")]),
    ("وقالت وكالة الأنباء الرسمية إن 15 جنديا قتلوا.", "15",
     "media", ANY, None, None, "asserted", None, [(15, 15, "exact", "killed")]),
    ("وذكرت صحيفة الوطن أن 9 أشخاص اعتقلوا.", "9",
     "media", ANY, None, None, "asserted", None, [(9, 9, "exact", "arrested")]),
    ("وقال وزير الداخلية محمد العلي إن الشرطة اعتقلت 30 شخصا.", "30",
     "person", "Mohammed al-Ali", "minister", ANY, "asserted", None, [(30, 30, "exact", "arrested")]),
    ("وأعلن قائد الشرطة اللواء أحمد حسن اعتقال 6 مشتبه بهم.", "6",
     "person", "Ahmed Hassan", "commander", ANY, "asserted", None, [(6, 6, "exact", "arrested")]),
    ("وأكد مدير المستشفى سامي خليل وصول 25 جريحا.", "25",
     "person", "Sami Khalil", "director", ANY, "asserted", None, [(25, 25, "exact", "injured")]),
    ("وقال المتحدث باسم الجيش أحمد سعيد إن 3 جنود قتلوا. وأضاف أن 8 آخرين أصيبوا.", "8 آخرين",
     "person", "Ahmed Said", "spokesman", ANY, "asserted", None, [(8, 8, "exact", "injured")]),
    ("وقال المتحدث باسم الجيش أحمد سعيد إن الهجوم فشل. وقال المتحدث إن 4 مسلحين قتلوا.", "4 مسلحين",
     "person", "Ahmed Said", "spokesman", ANY, "asserted", None, [(4, 4, "exact", "killed")]),
    ("قال التحالف في بيان يوم الأحد إن القوات احتوت التهديد.", "احتوت",
     "organization", ANY, None, ANY, "asserted", "2022-01-23", []),
    ("وقالت القوات الكردية في وقت متأخر من يوم السبت إن الرجال فقدوا.", "الرجال",
     "organization", ANY, None, "SDF: Syrian Democratic Forces", "asserted", "2022-01-22", []),
    ("وأعلن تنظيم داعش في خدمة أعماق الإخبارية التابعة له، الجمعة، مسؤوليته عن الهجوم.", "مسؤوليته",
     "organization", ANY, None, "Islamic State (Syria)", "asserted", "2022-01-21", []),
    ("هاجم داعش السجن. وأعلنت الجماعة الإرهابية في خدمة أعماق الإخبارية التابعة لها، الجمعة، مسؤوليتها عن الهجوم.", "مسؤوليتها",
     "organization", ANY, None, "Islamic State (Syria)", "asserted", "2022-01-21", []),
    ("وفي مقطع فيديو نشر على خدمة إخبارية تابعة لداعش، أظهر المتشددون أكثر من عشرين عاملا محتجزين كرهائن.", "عشرين",
     "organization", ANY, None, "Islamic State (Syria)", "asserted", None, [(21, None, "more_than", "abducted")]),
    ("ونقلت داعش عن أحد مقاتليها قوله إن الهجوم بدأ بانتحاريين اثنين.", "الهجوم بدأ",
     "organization", ANY, None, "Islamic State (Syria)", "asserted", None, ANY),
    ("هاجم تنظيم داعش القرية. وزعم التنظيم في بيان مقتل 50 جنديا.", "50",
     "organization", ANY, None, ANY, "claimed", None, [(50, 50, "exact", "killed")]),
    ("وتبنى تنظيم داعش الهجوم الذي أسفر عن مقتل 11 شخصا.", "11",
     "organization", ANY, None, "Islamic State (Syria)", "claimed", None, [(11, 11, "exact", "killed")]),
    ("وأشار المرصد السوري لحقوق الإنسان إلى مقتل 14 عنصرا من قوات النظام.", "14",
     "organization", ANY, None, ANY, "asserted", None, [(14, 14, "exact", "killed")]),
    ("وكشفت مصادر طبية أن 40 شخصا نقلوا إلى المستشفى.", "40",
     "anonymous", None, None, None, "asserted", None, ANY),
    ("ونعت حركة حماس 3 من عناصرها قتلوا في الغارة.", "3 من",
     "organization", ANY, None, ANY, "asserted", None, [(3, 3, "exact", "killed")]),
    ("واتهمت الحكومة المتمردين بقتل 7 مدنيين.", "7",
     "organization", ANY, None, ANY, "asserted", None, [(7, 7, "exact", "killed")]),
    ("وصرح محافظ الحسكة غسان خليل بأن 200 عائلة نزحت.", "200",
     "person", ANY, "governor", ANY, "asserted", None, ANY),
    ("ووفقا للأمم المتحدة، نزح أكثر من 45 ألف شخص.", "45",
     "organization", ANY, None, ANY, "asserted", None, [(45001, None, "more_than", "displaced")]),
    ("وقال ناشط محلي إن 6 أطفال بين القتلى.", "6",
     "anonymous", None, None, None, "asserted", None, ANY),
    ("وأضافت الوزارة أن عدد الجرحى بلغ 33.", "وأضافت",
     "organization", ANY, None, ANY, "asserted", None, ANY),
    ("وقال الرئيس بشار الأسد في خطاب إن الحرب انتهت.", "الحرب",
     "person", "Bashar al-Assad", "president", ANY, "asserted", None, []),
]

EN = [
    ("SDF spokesman Farhad Shami said the militants used hundreds of detained minors as human shields.", "hundreds",
     "person", "Farhad Shami", "spokesman", "SDF: Syrian Democratic Forces", "asserted", None, [(100, None, "vague", "detained")]),
    ("Siamand Ali, a spokesman for the Syrian Democratic Forces, said about 100 gunmen attacked the prison.", "about 100",
     "person", "Siamand Ali", "spokesman", "SDF: Syrian Democratic Forces", "asserted", None, [(100, 100, "about", "attackers")]),
    ("The Kurdish-led forces said Friday that they had arrested more than 100 escaped prisoners.", "more than 100",
     "organization", ANY, None, ANY, "asserted", "2022-01-21", [(101, None, "more_than", "arrested")]),
    ("The Islamic State group claimed it freed more than 800 prisoners.", "800",
     "organization", ANY, None, ANY, "claimed", None, [(801, None, "more_than", "freed")]),
    ("More than 3,000 suspected IS fighters are believed to be held at the prison.", "3,000",
     "unattributed", None, None, None, "believed", None, [(3001, None, "more_than", "detained")]),
    ("The army denied that 20 soldiers were killed in the attack.", "20",
     "organization", ANY, None, ANY, "denied", None, [(20, 20, "exact", "killed")]),
    ("A resident who spoke on condition of anonymity said jets flew over the prison.", "jets",
     "anonymous", None, None, None, "asserted", None, []),
    ("Five people were killed in the blast, according to a security source.", "Five",
     "anonymous", None, None, None, "asserted", None, [(5, 5, "exact", "killed")]),
    ("Witnesses said at least 12 protesters were wounded.", "12",
     "anonymous", None, None, None, "asserted", None, [(12, None, "at_least", "injured")]),
    ("A car bomb killed 12 people in the city centre.", "12",
     "unattributed", None, None, None, "asserted", None, [(12, 12, "exact", "killed")]),
    ("Hundreds of civilians fled the area.", "Hundreds",
     "unattributed", None, None, None, "asserted", None, [(100, None, "vague", "displaced")]),
    ("Reuters reported that 15 soldiers were killed.", "15",
     "media", ANY, None, None, "asserted", None, [(15, 15, "exact", "killed")]),
    ("State news agency SANA said 9 people were arrested.", "9",
     "media", ANY, None, None, "asserted", None, [(9, 9, "exact", "arrested")]),
    ("Interior Minister Mohammed Ali said police arrested 30 people.", "30",
     "person", "Mohammed Ali", "minister", ANY, "asserted", None, [(30, 30, "exact", "arrested")]),
    ("Maj. Gen. John W. Brennan said the group remained an existential threat.", "threat",
     "person", "John W. Brennan", ANY, ANY, "asserted", None, []),
    ("Army spokesman Ahmed Said said 3 soldiers were killed. He added that 8 others were wounded.", "8 others",
     "person", "Ahmed Said", "spokesman", ANY, "asserted", None, [(8, 8, "exact", "injured")]),
    ("Army spokesman Ahmed Said said the attack failed. The spokesman said 4 militants were killed.", "4 militants",
     "person", "Ahmed Said", "spokesman", ANY, "asserted", None, [(4, 4, "exact", "killed")]),
    ("Army spokesman Ahmed Said said the attack failed. Said told reporters that 6 gunmen were captured.", "6 gunmen",
     "person", "Ahmed Said", "spokesman", ANY, "asserted", None, [(6, 6, "exact", "arrested")]),
    ("The coalition said in a statement on Sunday that the threat was contained.", "contained",
     "organization", ANY, None, ANY, "asserted", "2022-01-23", []),
    ("The group claimed responsibility for the attack, which killed 11 people.", "11",
     "organization", ANY, None, ANY, "claimed", None, [(11, 11, "exact", "killed")]),
    ("The Syrian Observatory for Human Rights said 14 regime soldiers were killed.", "14",
     "organization", ANY, None, ANY, "asserted", None, [(14, 14, "exact", "killed")]),
    ("According to the United Nations, more than 45,000 people have been displaced.", "45,000",
     "organization", ANY, None, ANY, "asserted", None, [(45001, None, "more_than", "displaced")]),
    ("Medical sources told AFP that 40 people were taken to hospital.", "40",
     "anonymous", None, None, None, "asserted", None, ANY),
    ("The ministry denied reports that 7 civilians had died.", "7",
     "organization", ANY, None, ANY, "denied", None, [(7, 7, "exact", "killed")]),
    ("Police said on Tuesday they detained 12 men.", "12",
     "organization", ANY, None, ANY, "asserted", "2022-01-18", [(12, 12, "exact", "detained")]),
    ("A video released by Islamic State militants showed more than 20 workers held hostage.", "20",
     "organization", ANY, None, ANY, "asserted", None, [(21, None, "more_than", "abducted")]),
    ("Gunmen stormed a checkpoint late Saturday, killing two guards, the interior ministry said.", "two guards",
     "organization", ANY, None, ANY, "asserted", None, [(2, 2, "exact", "killed")]),
    ("\"We will not surrender,\" the commander said.", "surrender",
     "person", None, "commander", ANY, "asserted", None, []),
    ("Activists said dozens of detainees were freed.", "dozens",
     "anonymous", None, None, None, "asserted", None, [(12, None, "vague", "freed")]),
    ("Officials said at least 31 people died in the floods.", "31",
     "anonymous", None, None, None, "asserted", None, [(31, None, "at_least", "killed")]),
]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(skip=("events", "assembly", "discrepancies", "places"))


def _claim_for(pipe, text, lang, phrase):
    doc = pipe(Document.make(text, lang=lang, published=REF))
    i = text.index(phrase)
    hits = [c for c in doc.claims if c.start <= i < c.end]
    assert hits, [(c.text, c.source) for c in doc.claims]
    for c in doc.claims:
        assert text[c.start:c.end] == c.text
        assert c.source.type in SOURCE_TYPES and c.stance in STANCES
    return hits[-1]


def _check(c, typ, name, role, aff, stance, said_on, qs):
    got = (c.source.type, c.source.name, c.source.role, c.source.affiliation, c.stance, c.said_on,
           [(q.low, q.high, q.qualifier, q.unit) for q in c.quantities])
    want = (typ, name, role, aff, stance, said_on, qs)
    for g, w, label in zip(got, want, ("type", "name", "role", "affiliation", "stance", "said_on", "quantities")):
        if w is not ANY:
            assert g == w, f"{label}: {g!r} != {w!r} in {c.text!r} ({c.source})"


@pytest.mark.parametrize("text,phrase,typ,name,role,aff,stance,said_on,qs", AR)
def test_arabic_attribution(pipe, text, phrase, typ, name, role, aff, stance, said_on, qs):
    _check(_claim_for(pipe, text, "ar", phrase), typ, name, role, aff, stance, said_on, qs)


@pytest.mark.parametrize("text,phrase,typ,name,role,aff,stance,said_on,qs", EN)
def test_english_attribution(pipe, text, phrase, typ, name, role, aff, stance, said_on, qs):
    _check(_claim_for(pipe, text, "en", phrase), typ, name, role, aff, stance, said_on, qs)


def test_name_ar_is_kept(pipe):
    c = _claim_for(pipe, "وقال المتحدث باسم القوات الكردية فرهاد شامي إن 3 مقاتلين قتلوا.", "ar", "3")
    assert c.source.name_ar == "فرهاد شامي"


def test_sentence_without_cue_or_figure_gives_no_claim(pipe):
    doc = pipe(Document.make("واحتمى المسلحون في المناطق السكنية المحيطة بالسجن.", lang="ar", published=REF))
    assert doc.claims == []


@pytest.mark.parametrize("junk", ["", "قال", "said", "قال قال قال إن إن", "according to", "وقال علي" * 300,
                                  "\x00\x01 said \u202e قال", "، ، ، قالت"])
def test_junk_never_crashes(pipe, junk):
    for lang in ("ar", "en"):
        doc = pipe(Document.make(junk, lang=lang))
        for c in doc.claims:
            assert junk[c.start:c.end] == c.text
