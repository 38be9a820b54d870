"""Dates, datelines and event days: team-written sentences with their expected readings.

The reference date is Monday 24 January 2022 unless a row says otherwise; a
weekday is the latest such day on or before it (Sunday 23, Thursday 20)."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.claims.dateline import DatelineStage
from marsad.claims.dates import DateStage, date_for_span
from marsad.doc import Document
from marsad.sentences import SentenceStage

REF = "2022-01-24"

# (sentence, expected first date ISO or None, precision, kind)
AR_DATES = [
    ("قتل ثلاثة مدنيين يوم الأحد في قصف على ريف إدلب", "2022-01-23", 1, "weekday"),
    ("قتل ثلاثة مدنيين الأحد في قصف على ريف إدلب", "2022-01-23", 1, "weekday"),
    ("اندلعت اشتباكات عنيفة مساء الخميس قرب السجن", "2022-01-20", 1, "weekday"),
    ("وفي صباح السبت شنت الطائرات غارات على البلدة", "2022-01-22", 1, "weekday"),
    ("وقع الانفجار فجر الجمعة في سوق شعبي", "2022-01-21", 1, "weekday"),
    # the day of the month in words
    ("وخطف ثلاثة مهندسين في السادس من يناير في هجوم على مشروع مياه", "2022-01-06", 1, "absolute"),
    ("قتل متظاهر في الحادي عشر من كانون الثاني/يناير", "2022-01-11", 1, "absolute"),
    ("جرت الانتخابات في الثاني والعشرين من ديسمبر 2021", "2021-12-22", 1, "absolute"),
    ("خرجت مظاهرة يوم الثلاثاء في ساحة الشهداء", "2022-01-18", 1, "weekday"),
    ("استهدف هجوم بطائرة مسيرة الأربعاء موقعا عسكريا", "2022-01-19", 1, "weekday"),
    ("أعلنت الشرطة الاثنين اعتقال خمسة مشتبه بهم", "2022-01-24", 1, "weekday"),
    ("وفي ليلة السبت تعرضت القرية لقصف مدفعي", "2022-01-22", 1, "weekday"),
    ("قتل جنديان أمس في هجوم على حاجز", "2022-01-23", 1, "relative"),
    ("قتل جنديان البارحة في هجوم على حاجز", "2022-01-23", 1, "relative"),
    ("قصفت القوات الحكومية البلدة الليلة الماضية", "2022-01-23", 1, "relative"),
    ("شن مسلحون هجوما فجر اليوم على نقطة أمنية", "2022-01-24", 1, "relative"),
    ("تظاهر المئات اليوم أمام مبنى البرلمان", "2022-01-24", 1, "relative"),
    ("انفجرت عبوة ناسفة صباح اليوم في حي الشيخ مقصود", "2022-01-24", 1, "relative"),
    ("اعتقلت قوات الأمن أول أمس ناشطين اثنين", "2022-01-22", 1, "relative"),
    ("قتل شاب قبل ثلاثة أيام برصاص قناص", "2022-01-21", 1, "relative"),
    ("اختطف مسلحون طبيبا منذ يومين في المدينة", "2022-01-22", 1, "relative"),
    ("قتل عشرة أشخاص قبل أسبوع في غارة جوية", "2022-01-17", 2, "relative"),
    ("شهدت المدينة الأسبوع الماضي احتجاجات واسعة", "2022-01-17", 2, "relative"),
    ("نزح آلاف السكان الشهر الماضي من القرى الحدودية", "2021-12-01", 3, "relative"),
    ("قتل 12 شخصا في 15 يناير 2022 بانفجار سيارة مفخخة", "2022-01-15", 1, "absolute"),
    ("وقع الهجوم في 3 كانون الثاني 2022 على طريق المطار", "2022-01-03", 1, "absolute"),
    ("أعلنت الحكومة في 12 جانفي 2022 حظر التجول", "2022-01-12", 1, "absolute"),
    ("في 14 فيفري 2021 خرجت مسيرة في العاصمة", "2021-02-14", 1, "absolute"),
    ("قتل جندي في 20 شباط 2020 على الحدود", "2020-02-20", 1, "absolute"),
    ("تعرضت القرية لهجوم في 5 آذار 2019", "2019-03-05", 1, "absolute"),
    ("في 7 نيسان 2018 قصفت الطائرات مدينة دوما", "2018-04-07", 1, "absolute"),
    ("تم توقيع الاتفاق في 22 أيار 2021", "2021-05-22", 1, "absolute"),
    ("وقعت الاشتباكات في 9 حزيران 2021", "2021-06-09", 1, "absolute"),
    ("سقط الصاروخ في 30 تموز 2021 قرب المطار", "2021-07-30", 1, "absolute"),
    ("انفجر المرفأ في 4 آب 2020", "2020-08-04", 1, "absolute"),
    ("في 11 أيلول 2021 هاجم مسلحون دورية", "2021-09-11", 1, "absolute"),
    ("في 17 تشرين الأول 2019 بدأت الاحتجاجات في لبنان", "2019-10-17", 1, "absolute"),
    ("في 25 تشرين الثاني 2021 قتل ثلاثة عناصر", "2021-11-25", 1, "absolute"),
    ("في 31 كانون الأول 2021 سقطت قذيفة على الحي", "2021-12-31", 1, "absolute"),
    ("في 5 جويلية 2021 أحيت الجزائر عيد الاستقلال", "2021-07-05", 1, "absolute"),
    ("في 1 أوت 2021 وقع الحادث", "2021-08-01", 1, "absolute"),
    ("جرت الانتخابات في 10 أكتوبر 2021", "2021-10-10", 1, "absolute"),
    ("قتل ٢٣ شخصا في ١٥ يناير ٢٠٢٢ بانفجار", "2022-01-15", 1, "absolute"),
    ("وقع الهجوم يوم الخميس 20 يناير 2022 على سجن غويران", "2022-01-20", 1, "absolute"),
    ("أعلنت الوزارة في 20 يناير/كانون الثاني 2022 حصيلة جديدة", "2022-01-20", 1, "absolute"),
    ("في 18 يناير قتل مدنيان في قصف", "2022-01-18", 1, "absolute"),
    ("في 28 ديسمبر قصفت الطائرات المدينة", "2021-12-28", 1, "absolute"),
    ("شهد شهر ديسمبر 2021 تصعيدا كبيرا", "2021-12-01", 3, "month"),
    ("في ١٥ رمضان ١٤٤٣ هـ قتل خمسة أشخاص", "2022-04-16", 1, "hijri"),
    ("في 1 محرم 1443 هـ أعلنت السلطات", "2021-08-09", 1, "hijri"),
    ("وقع الانفجار في 10 ذو الحجة 1442", "2021-07-20", 1, "hijri"),
    ("في 27 رجب 1443 هـ خرجت مظاهرة", "2022-02-28", 1, "hijri"),
    ("سقطت الخلافة في عام 2019 بعد معارك طويلة", "2019-01-01", 3, "year"),
    ("يسيطر التنظيم على المنطقة منذ 2014", "2014-01-01", 3, "year"),
    ("في 20/01/2022 قتل شرطي في هجوم", "2022-01-20", 1, "absolute"),
    ("قتل طفل يبلغ من العمر 12 عاما في الساعة 10 صباحا", None, None, None),
    ("يسود الهدوء منذ يوم الجمعة في أعقاب الاتفاق", "2022-01-21", 1, "weekday"),  # since Friday
    ("استمرت الاشتباكات لليوم الرابع على التوالي", None, None, None),
    ("أصيب 15 شخصا بجروح في الهجوم", None, None, None),
]

EN_DATES = [
    ("Three civilians were killed on Sunday in shelling on Idlib", "2022-01-23", 1, "weekday"),
    ("The attack began on Thursday night", "2022-01-20", 1, "weekday"),
    ("Gunmen stormed the prison early Friday", "2022-01-21", 1, "weekday"),
    ("Protesters gathered on Saturday afternoon in the square", "2022-01-22", 1, "weekday"),
    ("Police said Tuesday that they had arrested ten people", "2022-01-18", 1, "weekday"),
    ("A drone struck a convoy on Wednesday", "2022-01-19", 1, "weekday"),
    ("Clashes resumed on Monday near the border", "2022-01-24", 1, "weekday"),
    ("Two soldiers were killed yesterday in an ambush", "2022-01-23", 1, "relative"),
    ("Militants shelled the town last night", "2022-01-23", 1, "relative"),
    ("Airstrikes hit the city overnight", "2022-01-23", 1, "relative"),
    ("A bomb exploded today in the market", "2022-01-24", 1, "relative"),
    ("A roadside bomb exploded this morning near the airport", "2022-01-24", 1, "relative"),
    ("The journalist was kidnapped three days ago", "2022-01-21", 1, "relative"),
    ("The journalist was kidnapped 3 days ago", "2022-01-21", 1, "relative"),
    ("Five people were arrested two weeks ago", "2022-01-10", 2, "relative"),
    ("Fighting intensified last week in the north", "2022-01-17", 2, "relative"),
    ("Thousands fled their homes last month", "2021-12-01", 3, "relative"),
    ("On January 15, 2022, a car bomb killed 12 people", "2022-01-15", 1, "absolute"),
    ("The attack took place on 15 January 2022", "2022-01-15", 1, "absolute"),
    ("The attack took place on Jan. 20, 2022", "2022-01-20", 1, "absolute"),
    ("On Jan 18 two civilians were killed", "2022-01-18", 1, "absolute"),
    ("On December 28 jets bombed the city", "2021-12-28", 1, "absolute"),
    ("The siege lasted from March 2021 until the summer", "2021-03-01", 3, "month"),
    ("Fighting broke out on Thursday, January 20, 2022", "2022-01-20", 1, "absolute"),
    ("The deal was signed on 3rd of February 2021", "2021-02-03", 1, "absolute"),
    ("The caliphate fell in 2019", "2019-01-01", 3, "year"),
    ("The group has held the area since 2014", "2014-01-01", 3, "year"),
    ("The report dated 2022-01-20 lists the victims", "2022-01-20", 1, "absolute"),
    ("A 12-year-old boy was shot at 10 am", None, None, None),
    ("The clashes continued for a fourth day", None, None, None),
    ("May God have mercy on them", None, None, None),
    ("On Sunday 23 January 2022 residents reported shelling", "2022-01-23", 1, "absolute"),
]


def _doc(text: str, lang: str, published: str | None = REF) -> Document:
    doc = Document.make(text, lang=lang, published=published)
    for stage in (SentenceStage(), DatelineStage(), DateStage()):
        doc = stage(doc)
    return doc


def _check(text, lang, iso, prec, kind):
    doc = _doc(text, lang)
    if iso is None:
        assert [d for d in doc.dates if d.kind != "year"] == [], [(d.text, d.date) for d in doc.dates]
        return
    assert doc.dates, text
    d = doc.dates[0]
    assert (d.date.isoformat() if d.date else None, d.precision, d.kind) == (iso, prec, kind), d
    assert doc.text[d.start:d.end] == d.text


@pytest.mark.parametrize("text,iso,prec,kind", AR_DATES)
def test_arabic_dates(text, iso, prec, kind):
    _check(text, "ar", iso, prec, kind)


@pytest.mark.parametrize("text,iso,prec,kind", EN_DATES)
def test_english_dates(text, iso, prec, kind):
    _check(text, "en", iso, prec, kind)


@pytest.mark.parametrize("text", ["هي أعنف غارات على إدلب منذ أسابيع", "قتل قبل أيام ثلاثة جنود"])
def test_some_time_ago_gives_no_day(text):
    """"منذ أسابيع" (for weeks), "قبل أيام" (days ago): not a day an event can take."""
    assert [d.date for d in _doc(text, "ar").dates] == [None]


@pytest.mark.parametrize("text,iso", [
    # counted back from another event (the elections, the anniversary), not from the day of the report
    ("استهدف التفجير موكب مدير الأمن قبل يومين من انتخابات الرئاسة", None),
    ("وقع الهجوم قبل ثلاثة أيام من ذكرى الثورة", None),
    # "تمكنت ... من": the verb's complement; the day is two days back from the report
    ("وتمكنت القوات قبل يومين من السيطرة على مناطق قريبة من المدينة", "2022-01-22"),
])
def test_days_before_another_event_are_not_days_ago(text, iso):
    days = [d.date.isoformat() for d in _doc(text, "ar").dates if d.date]
    assert days == ([iso] if iso else [])


def test_a_vague_week_before_is_not_lent_to_the_next_sentences():
    """"وجه الحوثي الأسبوع الماضي قياداته ..." then "أفادت مصادر بسقوط قتلى في غارات": the strikes
    are not dated by the week told of another matter; an explicit day still is."""
    for told, iso in (("الأسبوع الماضي", "2022-01-24"), ("السبت", "2022-01-22")):
        text = f"وقال المتحدث إن القائد وجه {told} قياداته بسحب المقاتلين. وأفادت مصادر بسقوط قتلى في غارات على المدينة."
        doc = _doc(text, "ar")
        s = text.index("وأفادت")
        assert date_for_span(doc, s, len(text))[0].isoformat() == iso, told


def test_weekday_on_the_reference_day_and_the_past_one():
    doc = _doc("قال الجيش الأحد الماضي إن خمسة قتلوا", "ar", "2022-01-23")
    assert doc.dates[0].date == dt.date(2022, 1, 16)
    doc = _doc("قتل خمسة يوم الأحد", "ar", "2022-01-23")
    assert doc.dates[0].date == dt.date(2022, 1, 23)


def test_no_reference_date_gives_undated_mentions():
    doc = _doc("قتل خمسة يوم الأحد", "ar", None)
    assert doc.reference_date is None and doc.dates[0].date is None
    assert date_for_span(doc, 0, len(doc.text)) == (None, 3, None)


# --- datelines ----------------------------------------------------------------------
# (text, lang, place, date, published given, default date, expected published)
DATELINES = [
    ("بوابة أوكرانيا -كييف- 24 يناير 2022-قالت القوة الكردية إن", "ar", "كييف", "2022-01-24", None, None, "2022-01-24"),
    ("BEIRUT (AP) — Israeli jets struck targets near Damascus on Sunday.", "en", "BEIRUT", None, None, None, None),
    ("DAMASCUS, Syria (Reuters) - Syrian state media said on Friday", "en", "DAMASCUS", None, "2022-01-21", None, "2022-01-21"),
    ("الرياض: «الشرق الأوسط أونلاين»\nقال مسؤول سعودي إن", "ar", "الرياض", None, None, "2021-05-01", "2021-05-01"),
    ("عدن - قتل خمسة جنود يمنيين في هجوم للحوثيين", "ar", "عدن", None, None, None, None),
    ("KYIV, Ukraine — Russia said on Monday", "en", "KYIV", None, None, "2022-02-28", "2022-02-28"),
    ("بيروت (رويترز) - قالت مصادر أمنية إن", "ar", "بيروت", None, "2020-08-05", "2020-01-01", "2020-08-05"),
    ("قتل خمسة أشخاص في غارة جوية على إدلب يوم الأحد.", "ar", None, None, None, None, None),
    ("واشنطن (CNN)-- قال الرئيس الأمريكي إن", "ar", "واشنطن", None, None, None, None),
    ("دبي، الإمارات العربية المتحدة (CNN)-- قال مسؤول إن", "ar", "دبي", None, None, None, None),
    ("(CNN)-- قال رئيس المكتب الإعلامي إن", "ar", None, None, None, None, None),
    ("قتل جندي في هجوم.\nوأضاف: «لن نستسلم»", "ar", None, None, None, None, None),
    ("يشهد مارس المقبل انتخابات.\nقال الوزير إن", "ar", None, None, None, None, None),
    ("Five people were killed in Idlib on Sunday.", "en", None, None, None, "2022-01-24", "2022-01-24"),
    ("إصابة مواطن بمقذوف\n\nعمر العلي- سبق- جازان: أصيب مواطن مساء اليوم", "ar", "جازان", None, None, None, None),
]


@pytest.mark.parametrize("text,lang,place,date,published,default,expected", DATELINES)
def test_datelines(text, lang, place, date, published, default, expected):
    doc = Document.make(text, lang=lang, published=published, default_date=default)
    doc = DatelineStage()(SentenceStage()(doc))
    assert doc.article.dateline.place == place
    assert doc.article.dateline.date == date
    assert doc.article.published == expected
    assert (doc.reference_date.isoformat() if doc.reference_date else None) == expected
    if place:
        dl = doc.article.dateline
        assert place in text[dl.start:dl.end]


def test_dateline_date_resolves_weekdays():
    doc = _doc("بوابة أوكرانيا -كييف- 24 يناير 2022-قالت القوة الكردية إن الاشتباكات استمرت الأحد.", "ar", None)
    assert doc.article.published == "2022-01-24"
    assert [d.date for d in doc.dates if d.kind == "weekday"] == [dt.date(2022, 1, 23)]


# --- the event's day ----------------------------------------------------------------
# (text, lang, the phrase that tells the event, expected date, precision)
EVENT_DAYS = [
    ("Police said Friday that it had arrested 50 escaped prisoners.", "en", "arrested 50", "2022-01-21", 2),
    ("وقالت القوات يوم الجمعة إنها اعتقلت أكثر من 100 سجين.", "ar", "اعتقلت", "2022-01-21", 2),
    ("The attack began on Thursday. The army said on Sunday that it repelled the attack.", "en", "repelled", "2022-01-20", 1),
    ("الهجوم الذي بدأ يوم الخميس هو الأكبر. وقال الجيش الأحد إنه صد الهجوم.", "ar", "صد الهجوم", "2022-01-20", 1),
    ("قال التحالف في بيان يوم الأحد إن مسلحين شنوا هجوما جديدا يوم السبت.", "ar", "شنوا هجوما", "2022-01-22", 1),
    ("Militants attacked a checkpoint on Saturday, the army said on Sunday.", "en", "attacked", "2022-01-22", 1),
    ("Gunmen killed two guards.", "en", "killed", "2022-01-24", 2),
    ("قتل مسلحون حارسين أمس.", "ar", "قتل", "2022-01-23", 1),
    # "والاثنين، أعلنت ...": Monday is when it was announced; the killing was on Thursday the 20th
    ("والاثنين، أعلنت الوكالة أن القيادي قتل ظهر الخميس 20 يناير في غارة جوية.", "ar", "غارة", "2022-01-20", 1),
    # the day the sources spoke, in the sentence before: the event happened on or before it
    ("أكدت مصادر محلية أمس أن المقاومة تقدمت. وقالت المصادر إن معارك عنيفة دارت في المنطقة.", "ar", "معارك",
     "2022-01-23", 2),
    # ... or further back: the statement the passage goes on quoting ("وذكر البيان أن")
    ("أعلن الجيش في بيان أمس أن قواته تقدمت. وأضاف أن الوحدات انتشرت. وذكر البيان أن غارات استهدفت مواقع المسلحين.",
     "ar", "غارات", "2022-01-23", 2),
    # the day the sentence before tells, not a later date in its side clause ("رغم إعلان الحكومة مساء السبت")
    ("استمرت الاحتجاجات الأحد رغم إعلان الحكومة مساء السبت إجراءات جديدة. وحاول متظاهرون اقتحام مبنى المحافظة.",
     "ar", "اقتحام", "2022-01-23", 1),
    # a lead with no day before it takes the day the next sentence tells
    ("قتل قيادي بارز في ضربة جوية للتحالف. وكان الصماد قتل يوم الخميس في الحديدة.", "ar", "ضربة", "2022-01-24", 2),
    ("قتل قيادي بارز في ضربة جوية للتحالف. وقتل الصماد يوم الخميس في محافظة الحديدة.", "ar", "ضربة", "2022-01-20", 1),
    # the day the statement was made, then the day the event happened: the event's is the second
    ("وأكدت الوحدات الكردية الاثنين مصرع مقاتلة أجنبية في 15 يناير في قصف على جبهات المدينة.", "ar", "قصف",
     "2022-01-15", 1),
    ("أعلن الجيش الخميس مقتل ثلاثة من جنوده يوم الثلاثاء في هجوم على حاجز.", "ar", "هجوم", "2022-01-18", 1),
    # a day told as background ("وكانت الحكومة فرضت السبت ...") is not the next sentence's
    ("اشتبك محتجون مع الشرطة في البصرة الأحد. وكانت الحكومة فرضت السبت حظرا للتجوال. وأدت الاشتباكات المتجددة "
     "إلى إصابة 50 شخصا.", "ar", "المتجددة", "2022-01-23", 1),
]


@pytest.mark.parametrize("text,lang,phrase,iso,prec", EVENT_DAYS)
def test_event_day(text, lang, phrase, iso, prec):
    doc = _doc(text, lang)
    i = text.index(phrase)
    sent = next(s for s in doc.sentences if s.start <= i < s.end)
    date, p, _ = date_for_span(doc, sent.start, sent.end)
    assert (date.isoformat(), p) == (iso, prec)


@pytest.mark.parametrize("junk", ["", " ", "\x00\x01\x02", "٢٠٢٢" * 1000, "يوم " * 500, "Sunday " * 300,
                                  "\u202eيوم الأحد\u202c 2022 Sunday ١٥ رمضان ١٤٤٣", "32 يناير 2022 30 فبراير 2021"])
def test_junk_never_crashes(junk):
    for lang in ("ar", "en"):
        doc = _doc(junk, lang)
        assert isinstance(doc.dates, list)
        date_for_span(doc, 0, len(junk))


@pytest.mark.parametrize("text,lang,iso,end", [
    ("وانطلقت القوات من عدن التي استعيدت في منتصف يوليو (تموز) بعد معارك عنيفة.", "ar", "2021-07-15", None),
    ("وقتل العشرات في أواخر ديسمبر في المدينة.", "ar", "2021-12-21", None),
    ("وشهدت المدينة خلال شهر آب معارك عنيفة.", "ar", "2021-08-01", "2021-08-31"),
    ("Aden, retaken in mid-July after heavy fighting.", "en", "2021-07-15", None),
    ("Clashes in January killed dozens.", "en", "2022-01-01", "2022-01-31"),
])
def test_a_month_without_a_day(text, lang, iso, end):
    """"في منتصف يوليو": a month (precision 3), the latest one on or before the reference date."""
    d = next(d for d in _doc(text, lang).dates if d.kind == "month")
    assert (d.date.isoformat(), d.precision, d.end_date.isoformat() if d.end_date else None) == (iso, 3, end)


@pytest.mark.parametrize("text,lang", [("قال إن أبا محمد في آب الماضي", "ar"), ("في يوليو المقبل تجرى الانتخابات", "ar"),
                                       ("Fighters may attack in may", "en")])
def test_month_words_that_are_not_a_past_month(text, lang):
    """"آب" is also "father", "may" a verb; "next July" is a plan."""
    assert [d for d in _doc(text, lang).dates if d.kind == "month"] == []


@pytest.mark.parametrize("text,lang,iso,prec", [
    ("خلال زيادة القوات عام 2014 نفذ التنظيم عدة عمليات هروب من السجون.", "ar", "2014-01-01", 3),
    ("During the 2014 surge, in 2014 the group staged several jailbreaks.", "en", "2014-01-01", 3),
    ("قتل مسلحو التنظيم الذي يسيطر على المنطقة منذ 2014 خمسة أشخاص.", "ar", "2022-01-24", 2),
    ("Militants who have held the area since 2014 killed five people.", "en", "2022-01-24", 2),
])
def test_years_date_an_event_only_when_it_happened_then(text, lang, iso, prec):
    doc = _doc(text, lang)
    date, p, _ = date_for_span(doc, 0, len(text))
    assert (date.isoformat(), p) == (iso, prec)
