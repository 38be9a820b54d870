"""place_for_span: the event's place from its passage, the sentences before it, or the article's
main place, never the dateline's; ACLED's geo_precision; the article's country context."""

from __future__ import annotations

import pytest

from marsad.doc import Document
from marsad.geo import PlaceStage, geocode_text, place_for_span
from marsad.geo.stage import places_for_span
from marsad.records import Dateline
from marsad.sentences import SentenceStage


@pytest.fixture(scope="module")
def stage():
    return PlaceStage()


def _doc(stage, text, dateline=None):
    doc = Document.make(text)
    doc = SentenceStage()(doc)
    if dateline:
        s = text.index(dateline)
        doc.article.dateline = Dateline(place=dateline, start=s, end=s + len(dateline))
    return stage(doc)


def _span(text, needle):
    s = text.index(needle)
    return s, s + len(needle)


def test_dateline_place_is_never_the_event_place(stage):
    text = ("كييف - 24 يناير 2022: هاجم مسلحون سجن غويران في الحسكة. وقال مسؤول إن الاشتباكات استمرت حتى الصباح.")
    doc = _doc(stage, text, dateline="كييف")
    assert all(m.place.country != "Ukraine" for m in doc.places)
    pm = place_for_span(doc, *_span(text, "وقال مسؤول إن الاشتباكات استمرت حتى الصباح"))
    assert pm.place.name == "Al Hasakah" and pm.place.country == "Syria"


@pytest.mark.parametrize("text,event,name,prec", [
    ("هاجم مسلحون سجن غويران في الحسكة. وقتل عشرة حراس.", "وقتل عشرة حراس", "Al Hasakah", 1),
    ("قصفت الطائرات بلدة سراقب في ريف إدلب. وقتل خمسة مدنيين في القصف.", "وقتل خمسة مدنيين في القصف", "Saraqib", 1),
    ("اندلعت اشتباكات في محافظة مأرب.", "اندلعت اشتباكات في محافظة مأرب", "Ma'rib", 3),
    ("Fighting broke out on the Al Jawf frontlines. Five were killed.", "Five were killed", "Al Hazm", 2),
    ("Clashes in Ras Al Ain district (Al Hasakah) killed two.", "Clashes in Ras Al Ain district", "Ra's al 'Ayn", 2),
    ("تظاهر المئات في حي الزهور بالحسكة.", "تظاهر المئات في حي الزهور", "Al Hasakah", 1),
    # "المقاومة الشعبية": the popular resistance, not a Libyan district called الجيش
    ("هاجمت المقاومة الشعبية والجيش الوطني مواقع الحوثيين في مدينة تعز.", "هاجمت المقاومة", "Taiz", 1),
    # a governorate named right after a place says which of its namesakes it is, or that none is
    ("استعاد الجيش منطقة بير السلامي الواقعة على حدود كتاف في محافظة صعدة.", "استعاد الجيش", "Kitaf", 1),
    ("قتل 12 مدنيا في قصف استهدف قرية هداج في ريف الحسكة الجنوبي.", "قتل 12 مدنيا", "Al Hasakah", 2),
    ("قتل 23 شخصا في غارات على حفل زفاف ببلدة بني قيس في محافظة حجة.", "قتل 23 شخصا", "Hajjah", 3),
    # a governorate is coded at its capital, not its largest town (Khamis Mushait) or a namesake
    ("قتل أربعة من عناصر الأمن في هجوم على نقطة تفتيش في منطقة عسير جنوب السعودية.", "قتل أربعة", "Abha", 3),
    ("شنت مقاتلات التحالف غارات على مواقع الحوثيين في محافظة الجوف اليمنية.", "شنت مقاتلات", "Al Hazm", 3),
    # a district is coded at its town of the same name, however small, not its largest town
    ("قصفت مدفعية الجيش مواقع الحوثيين في مديرية الملاجم بمحافظة البيضاء.", "قصفت مدفعية", "Al Malajim", 2),
    # ... and vouches for no common word further back in the clause ("ظهر الخميس": at noon)
    ("أعلنت الوكالة مقتل الصماد ظهر الخميس في غارة للتحالف على محافظة الحديدة.", "مقتل الصماد", "Al Hudaydah", 3),
])
def test_place_for_span(stage, text, event, name, prec):
    doc = _doc(stage, text)
    pm = place_for_span(doc, *_span(text, event))
    assert pm is not None and pm.place.name == name and pm.geo_precision == prec


def test_country_only_passage_takes_the_article_place(stage):
    text = "قتل ثلاثة في هجوم على حاجز في منبج. وقالت قوات مدعومة من الولايات المتحدة إنها صدت الهجوم."
    doc = _doc(stage, text)
    pm = place_for_span(doc, *_span(text, "وقالت قوات مدعومة من الولايات المتحدة إنها صدت الهجوم"))
    assert pm.place.name == "Manbij"


def test_no_place_gives_none(stage):
    doc = _doc(stage, "قال المتحدث إن الوضع هادئ.")
    assert place_for_span(doc, 0, len(doc.text)) is None


def test_country_context(stage):
    doc = _doc(stage, "قصف على حلب وإدلب، واجتماع في أنقرة حول الوضع في سوريا وحماة.")
    assert doc.country_context[0] == "Syria" and "Turkey" in doc.country_context


def test_same_name_resolved_by_context(stage):
    doc = _doc(stage, "اشتباكات في طرابلس بين كتائب مصراتة والزاوية غربي ليبيا.")
    trip = [m for m in doc.places if m.place.name == "Tripoli"]
    assert trip and trip[0].place.country == "Libya"
    doc = _doc(stage, "اشتباكات في طرابلس شمالي لبنان قرب عكار.")
    trip = [m for m in doc.places if m.place.name == "Tripoli"]
    assert trip and trip[0].place.country == "Lebanon"


def test_offsets_point_at_the_original_text():
    text = "قُتِلَ شخصان بِالْحَسَكَةِ وفي حلب"
    ms = geocode_text(text)
    assert [text[m.start:m.end] for m in ms] == ["الْحَسَكَةِ", "حلب"]


@pytest.mark.parametrize("text", ["Al-Nusra Front fighters said on Monday they would leave.",
                                  "أعلن الأمن العام أن السلطات أغلقت الطريق يوم الخميس",
                                  "وقال محمد إن الدولة لن تسمح بذلك"])
def test_common_words_are_not_places(text):
    assert geocode_text(text) == []


@pytest.mark.parametrize("text,name", [
    ("أعلن الجيش القضاء على أمير التنظيم في سيناء", "'Ali al Amir"),  # على (on), not a village named Ali
    ("وأكدت القناة أن صالح الصماد قتل في غارة", "In Salah"),  # أن (that) and a man's name
    # "بمفرق قطبين" (at the Qutbain junction) in a story from Yemen is not Mafraq in Jordan
    ("تقدمت قوات الجيش اليمني في نهم شرق صنعاء وقتل عشرة حوثيين في قصف استهدف تجمعاتهم بمفرق قطبين في اليمن",
     "Mafraq"),
])
def test_a_common_word_is_no_place_abroad(text, name):
    assert name not in [m.place.name for m in geocode_text(text)]


@pytest.mark.parametrize("text,names", [
    ("خرج الآلاف إلى الشوارع في المدن الجنوبية كالبصرة والناصرية والديوانية.", {"Basrah", "Nasiriyah", "Ad Diwaniyah"}),
    ("Thousands protested in Basra, Nasiriyah and Diwaniyah on Friday.", {"Basrah", "Nasiriyah", "Ad Diwaniyah"}),
    ("قصفت الطائرات بلدة سراقب في ريف إدلب.", {"Saraqib"}),  # a town and its region: one place
    # the town named first, then a list: one event each
    ("استهدفت الطائرات الأحياء السكنية في مدينة دوما بالتزامن مع قصف جوي على حرستا وعربين.",
     {"Duma", "Harasta", "'Irbin"}),
    # a town of the list's governorate, not Giza; and across an item in no gazetteer (السهوة)
    ("استعادت القوات السورية بلدات المسيفرة وكحيل والسهوة والجيزة شرق درعا.", {"Al Musayfirah", "Kahil", "Al Jizah"}),
    # two towns the shelling fell beside, each with its side: one event each
    ("قصفت المدفعية مواقع المسلحين جنوب الجراحي وغربي التحيتا.", {"Al Jarrahi", "Al Tuhayta'"}),
    # sides told in brackets between the towns of the list
    ("خرجت احتجاجات في مدن إربد وجرش والمفرق (شمال) والكرك والطفيلة (جنوب).",
     {"Irbid", "Jarash", "Mafraq", "Al Karak", "At Tafilah"}),
    # "ومديرية": a second district of the list
    ("قصفت الطائرات مواقع في مديرية رازح ومديرية غمر.", {"An Nazir", "Al Ghamr"}),
])
def test_places_for_span_lists(stage, text, names):
    """A list of towns gives one event place each, as ACLED codes a protest in three cities."""
    doc = _doc(stage, text)
    assert {pm.place.name for pm in places_for_span(doc, 0, len(text))} == names


@pytest.mark.parametrize("text,name", [
    ("وبدأت فصائل أخرى مواجهات في وسط مدينة دمت القريبة من الخط الرابط بين تعز وصنعاء.", "Hammam Damt"),
    ("Fighting broke out in Zinjibar, on the road between Aden and Mukalla.", "Zinjibar"),
])
def test_places_a_road_or_border_runs_between_are_reference_points(stage, text, name):
    """"the road between Taiz and Sanaa" is no list of event places: the event is in the town."""
    doc = _doc(stage, text)
    assert [pm.place.name for pm in places_for_span(doc, 0, len(text))] == [name]


@pytest.mark.parametrize("text,names", [
    # a cue before a list names each town of it: small villages that need a cue are found
    ("تم التوصل إلى اتفاقات مصالحة في بلدات المسيفرة وكحيل بريف درعا.", {"Al Musayfirah", "Kahil", "Dar'a"}),
    ("قتل ثلاثة في قريتي كحيل والمسيفرة بريف درعا.", {"Kahil", "Al Musayfirah", "Dar'a"}),
    # not across a bare space or to a participle: "منطقة كرش، الواقعة على الحدود"
    ("دارت معارك في منطقة كرش، الواقعة على الحدود بين محافظتي تعز ولحج.", {"Kirsh", "Taiz", "Lahij"}),
])
def test_a_cue_before_a_list_names_each_town(text, names):
    assert {m.place.name for m in geocode_text(text, "ar")} == names


def test_a_list_after_the_governorate_of_the_event_is_not_the_event_places(stage):
    """The passage places its event in a governorate first; the towns listed later are where the
    dead had fought: one place, not an event in each."""
    text = "اندلعت اشتباكات في منطقة بمحافظة ذمار بعد دفن جثث مقاتلين قتلوا في عدن ولحج."
    assert len(places_for_span(_doc(stage, text), 0, len(text))) == 1


def test_a_place_after_a_direction_is_a_reference_point(stage):
    """"in Arhab district north of the capital Sanaa": the event is in Arhab, not in Sanaa."""
    text = "وفي مديرية أرحب شمال العاصمة صنعاء اندلعت مواجهات."
    pm = place_for_span(_doc(stage, text), 0, len(text))
    assert pm.place.admin2 == "Arhab" and pm.geo_precision == 2


@pytest.mark.parametrize("text,expected", [
    # القصر is also El Kseur (Algeria, 26,000 people): not in an article about Yemen
    ("قصفت طائرات التحالف القصر الجمهوري في صنعاء وقتل خمسة من الحوثيين في صنعاء وعدن.", {"Sanaa", "Aden"}),
    # a street of Taiz, not a village called الأربعين elsewhere
    ("وتدور اشتباكات عنيفة في شارع الأربعين في مدينة تعز.", {"Taiz"}),
    # tear gas ("الغاز المسيل للدموع"), not M'Sila in Algeria; M'Sila itself is still found
    ("أطلق الجنود الغاز المسيل للدموع على المحتجين في غزة.", {"Gaza"}),
    ("قتل شخصان في انفجار في مدينة المسيلة.", {"M'Sila"}),
])
def test_common_words_are_not_far_away_villages(text, expected):
    assert {m.place.name for m in geocode_text(text, "ar")} == expected


@pytest.mark.parametrize("text,name", [
    # where the speaker was is not where the shell fell
    ("وقال المتحدث في الرياض إن مقذوفا سقط على منزل في مدينة نجران.", "Najran"),
    # "the coalition led by Washington struck near Albu Kamal"
    ("شن التحالف الدولي بقيادة واشنطن غارة على موقع للجيش في مدينة البوكمال.", "Albu Kamal"),
    # a governorate whose name ends in a direction word
    ("سقطت قذائف على محافظة ظهران الجنوب أمس.", "Zahran al-Janub"),
])
def test_the_event_place_not_the_speakers_or_the_leaders(stage, text, name):
    pm = place_for_span(_doc(stage, text), 0, len(text))
    assert pm is not None and name in (pm.place.name, pm.place.admin2), pm


def test_a_lead_without_a_place_takes_the_next_sentences(stage):
    """The lead tells the clash, the next sentence where; Baghdad, named more, is elsewhere."""
    text = ("قتل عميد في القوات الخاصة بعد مواجهات مع مقاتلين. ووقعت المواجهات عند أحد مخارج مدينة سامراء. "
            "وقال مسؤول في بغداد إن التحقيق بدأ. وشهدت بغداد اجتماعا أمنيا. وعاد الوفد إلى بغداد.")
    doc = _doc(stage, text)
    pm = place_for_span(doc, *_span(text, "قتل عميد في القوات الخاصة بعد مواجهات مع مقاتلين"))
    assert pm.place.name == "Samarra'"


def test_a_lead_without_a_place_takes_the_list_the_next_sentence_gives(stage):
    """"the army retook four villages. SANA said it freed the villages of A, B and C": one
    place per village, as the lead's event is one per village."""
    text = ("قال الجيش السوري إنه استعاد عدة بلدات من المعارضة. "
            "وقالت الوكالة إن القوات حررت بلدات نوى وإنخل والشيخ مسكين في ريف درعا.")
    doc = _doc(stage, text)
    names = [pm.place.name for pm in places_for_span(doc, *_span(text, "قال الجيش السوري إنه استعاد عدة بلدات"))]
    assert len(names) == 3 and names[0] == "Nawa", names


@pytest.mark.parametrize("second,name", [
    ("وأوضح المصدر أن الغارات تركزت في مديرية حيران.", "Al Faranitah"),  # Hayran district's town
    ("وأوضح المصدر أن المسؤول زار مديرية حيران.", "Hajjah"),  # about something else: the governorate stays
])
def test_a_governorate_event_takes_the_district_the_next_sentence_details(second, name):
    from marsad.pipeline import extract

    text = "شنت مقاتلات التحالف غارات جوية على مواقع للحوثيين في محافظة حجة أمس. " + second
    assert [e.location for e in extract(text, published="2018-02-16", lang="ar").events] == [name]


def test_a_capital_of_a_kind_is_no_country_capital(stage):
    """"رابع عاصمة إقليمية تستردها": a fourth provincial capital, not Sanaa."""
    text = "استعادت المقاومة مدينة زنجبار التي تعتبر رابع عاصمة إقليمية تستردها في اليمن."
    assert "Sanaa" not in [m.place.name for m in _doc(stage, text).places]


@pytest.mark.parametrize("text,name", [
    # "في العاصمة" with no name: the capital of the country the article is about
    ("خرج المتظاهرون في الأردن مساء الأربعاء، لاسيما في العاصمة، احتجاجا على قانون الضريبة.", "Amman"),
    # a nationality after it says which capital
    ("وقع انفجار في العاصمة العراقية أمس، بعد يوم من معارك في سوريا.", "Baghdad"),
    # ... also where the name after it is in no gazetteer, and in a sentence of no country; a "-stan" and a
    # "-ya" country
    ("قتل 20 في تفجير انتحاري في العاصمة الأفغانية كابول.", "Kabul"),
    ("انفجرت سيارة مفخخة في العاصمة التركية أمس.", "Ankara"),
    # a name after it is the place; a province's capital is not the country's
    ("تظاهر المئات في العاصمة صنعاء.", "Sanaa"),
])
def test_the_capital_unnamed_is_the_country_capital(stage, text, name):
    doc = _doc(stage, text)
    assert name in [m.place.name for m in doc.places]


def test_a_province_capital_is_not_the_country_capital(stage):
    doc = _doc(stage, "اجتمع المحتجون في سوريا أمام مبنى في عاصمة المحافظة.")
    assert "Damascus" not in [m.place.name for m in doc.places]


def test_work_is_no_place(stage):
    """"والعمل معهم" (and to work with them) is no district of Riyadh."""
    doc = _doc(stage, "تعهد رئيس الحكومة الأردنية بإجراء حوار مع مختلف الأطراف والعمل معهم.")
    assert all(m.place.country != "Saudi Arabia" for m in doc.places)


def test_an_air_base_is_named_after_its_village(stage):
    """"قاعدة الضمير الجوية": Ad Dumayr, a village of no recorded population, named by the base."""
    doc = _doc(stage, "اعترضت الدفاعات الجوية في سوريا ثلاثة صواريخ كانت تستهدف قاعدة الضُمير الجوية العسكرية.")
    assert "Ad Dumayr" in [m.place.name for m in doc.places]


def test_near_a_town_then_the_site_the_next_sentence_names(stage):
    """"a missile attack near Homs. The attack targeted Shayrat air base": the base, not Homs."""
    text = ("أفادت وسائل إعلام في سوريا بتصدي أنظمة الدفاع الجوي لهجوم صاروخي بالقرب من مدينة حمص. "
            "واستهدف الهجوم قاعدة الشعيرات الجوية.")
    doc = _doc(stage, text)
    pm = place_for_span(doc, *_span(text, text.split(". ")[0]))
    assert pm.place.name == "Ash Sha'irat"


@pytest.mark.parametrize("text,absent,present", [
    # "مصادر في الصحة": health sources, not al-Sihha district of Baghdad
    ("وقالت مصادر في الصحة إن المحتج القتيل ضربته قنبلة في العراق.", "Seha", "Iraq"),
    # the White Helmets, not Al Bayda
    ("قالت الحكومة اليمنية في صنعاء إنها لن تنتظر. وقال رئيس المكتب الإعلامي لمنظمة الخوذ البيضاء في محافظة إدلب إن "
     "رجلا قتل.", "Al Bayda'", "Idlib"),
    ("وقال عاملون في منظمة الخوذات البيضاء إنهم انتشلوا جثثا في إدلب.", "Al Bayda'", "Idlib"),
    # "بحجة أنهم": on the pretext that, not Hajjah; "مواقع بحجة": positions in Hajjah
    ("قتلت القوات ثلاثة بحجة أنهم كانوا يحاولون زرع عبوة في غزة.", "Hajjah", "Gaza"),
    ("قصفت الطائرات مواقع بحجة شمال اليمن.", None, "Hajjah"),
    # the Al-Quds Brigades (Islamic Jihad's armed wing), not Jerusalem; Jerusalem itself stays
    ("وأعلنت سرايا القدس مسؤوليتها عن استهداف مواقع الجيش في غزة.", "Jerusalem", "Gaza"),
    ("قتل فلسطيني برصاص الشرطة في القدس.", None, "Jerusalem"),
    # the west bank of a river, not the West Bank
    ("قتل 45 مسلحا في هجمات على قرى في الضفة الغربية لنهر الفرات في شرق سوريا.", "West Bank", "Syria"),
    ("اعتقلت القوات الإسرائيلية ثلاثة فلسطينيين في الضفة الغربية.", None, "West Bank"),
    # "منطقة سكنه": where he lives, not the village Sakanah
    ("قالت زوجته إن الشرطة تبحث عنه في منطقة سكنه في القاهرة.", "Qaryat as Sakanah", "Cairo"),
    # Iran's Quds Force after "و", not Jerusalem
    ("استهدفت الغارات مواقع للحرس الثوري وقوات القدس في سوريا.", "Jerusalem", "Syria"),
])
def test_common_words_that_are_also_place_names(stage, text, absent, present):
    names = [m.place.name for m in _doc(stage, text).places]
    assert present in names and (absent is None or absent not in names)


def test_where_the_wounded_were_taken_is_not_the_scene(stage):
    """"a landmine at the entrance of Manzar village ... the family was taken to Aden and Khawkhah"."""
    text = ("انفجر لغم زرعته الميليشيات عند مدخل قرية منظر في اليمن، وقال مصدر إن القوات نقلوا الأسرة إلى مدينتي "
            "عدن والخوخة لتلقي العلاج.")
    doc = _doc(stage, text)
    assert [m.place.name for m in places_for_span(doc, 0, len(text))] == ["Al Munazzir"]


@pytest.mark.parametrize("text,name", [
    # a district is coded to its town of the same name, however small, spelt with a final hamza
    ("قصفت المدفعية مواقع المسلحين في مديرية التحيتا.", "Al Tuhayta'"),
    # else to its most populous town
    ("قصفت الطائرات مواقع في مديرية رازح.", "An Nazir"),
])
def test_a_district_is_coded_to_its_town(stage, text, name):
    doc = _doc(stage, text)
    assert [m.place.name for m in places_for_span(doc, 0, len(text))] == [name]


@pytest.mark.parametrize("text", [
    "قتل ثلاثة مدنيين في قصف على بلدة سراقب، بحسب المرصد الذي يتخذ من لندن مقرا له.",
    "قتل ثلاثة مدنيين في قصف، بحسب المرصد السوري لحقوق الإنسان ومقره لندن.",
    "Three civilians were killed in shelling, said the London-based Syrian Observatory for Human Rights.",
])
def test_where_the_teller_has_its_seat_is_never_the_scene(stage, text):
    """The monitor's seat (London) is no event place, even when the passage names no other town."""
    doc = _doc(stage, text)
    names = [m.place.name for m in places_for_span(doc, 0, len(text)) if m is not None]
    assert "London" not in names
    assert place_for_span(doc, 0, len(text)) is None or place_for_span(doc, 0, len(text)).place.name != "London"


def test_a_district_after_the_town_a_passage_opens_with_is_where_the_event_was(stage):
    """"وفي العاصمة صنعاء ... في مواجهات في منطقة بمديرية أرحب": the passage zooms in from Sanaa to a
    district beside it; the district's town, not Sanaa."""
    text = "وفي العاصمة صنعاء دمرت قبائل مدرعتين للحوثي في مواجهات اندلعت في منطقة بمديرية أرحب شمال المدينة."
    doc = _doc(stage, text)
    assert place_for_span(doc, 0, len(text)).place.admin2 == "Arhab"
    # a district far on in a long sentence is another front, and the town's own district is the town
    far = ("قتل العشرات من الحوثيين في مدينة البيضاء على يد المقاومة، وقالت مصادر إن المقاومة اعترضت تعزيزات كانت في "
           "طريقها من المحافظات الشمالية إلى المحافظة الجنوبية المجاورة، وما زالت المعارك محتدمة في مديرية لودر.")
    assert place_for_span(_doc(stage, far), 0, len(far)).place.name == "Al Bayda'"
