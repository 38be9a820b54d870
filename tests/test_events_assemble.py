"""Assembly rules: one event per actor pair, place and day; precedence; split by day;
fatalities; notes; claims. The other stages' functions are replaced by fakes here so
that each rule is tested alone."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.doc import Actor, DateMention, Document, EventMention, Place, PlaceMention, Span
from marsad.events import assemble as A
from marsad.events.lexicon import taxonomy
from marsad.records import Claim, Quantity, Source

REF = dt.date(2022, 1, 24)
HASAKAH = Place("Al Hasakah", "Syria", 760, admin1="Al Hasakah", latitude=36.50, longitude=40.75, geonameid=173814)
IS = Actor("Islamic State (Syria)", "Rebel group")
SDF = Actor("SDF: Syrian Democratic Forces", "Rebel group")
CIV = Actor("Civilians (Syria)", "Civilians")


def make_doc(sentences: list[str]) -> Document:
    text = " ".join(sentences)
    doc = Document.make(text, published=REF.isoformat(), lang="en")
    pos = 0
    for s in sentences:
        doc.sentences.append(Span(pos, pos + len(s), s))
        pos += len(s) + 1
    return doc


def mention(doc, i, sub_key, score=0.8):
    s = doc.sentences[i]
    sub = taxonomy()[sub_key]
    return EventMention(s.start, s.end, s.text, sub.event_type, sub.sub_event_type, sub.plover_event,
                        sub.plover_mode, score, i, None)


@pytest.fixture
def fakes(monkeypatch):
    """dates: {sentence index: (date, precision, end_date)}; roles: {sentence index: (a1, a2)}."""
    cfg = {"dates": {}, "roles": {}, "place": HASAKAH}

    def date_for_span(doc, start, end):
        i = doc.sentence_index(start)
        if i in cfg["dates"]:
            d, p, end_d = cfg["dates"][i]
            s = doc.sentences[i]
            return d, p, DateMention(s.start, s.start + 1, s.text[:1], d, p, end_date=end_d)
        return REF, 2, None

    def places_for_span(doc, start, end):
        return [PlaceMention(start, start + 1, "x", cfg["place"], 1) if cfg["place"] else None]

    def assign_roles(doc, m, et, st):
        a1, a2 = cfg["roles"].get(m.sentence, (None, None))
        return a1, a2, [], []

    monkeypatch.setattr(A, "date_for_span", date_for_span)
    monkeypatch.setattr(A, "places_for_span", places_for_span)
    monkeypatch.setattr(A, "assign_roles", assign_roles)
    return cfg


def run(doc):
    return A.AssemblyStage()(doc).events


def killed(doc, i, text, low, high, qualifier="exact"):
    s = doc.sentences[i]
    at = s.text.index(text)
    return Quantity(low, high, qualifier, "killed", text, s.start + at, s.start + at + len(text))


def test_precedence_same_actors_place_day(fakes):
    doc = make_doc(["IS fighters clashed with the SDF at the prison.", "A suicide bomber blew up a truck at the gate."])
    thu = dt.date(2022, 1, 20)
    fakes["dates"] = {0: (thu, 1, None), 1: (thu, 1, None)}
    fakes["roles"] = {0: (IS, SDF), 1: (IS, SDF)}
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "suicide_bomb")]
    evs = run(doc)
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("Battles", "Armed clash")]
    assert len(evs[0].evidence) == 2 and evs[0].interaction == "Rebel group-Rebel group"


def test_other_actor_pair_is_another_event(fakes):
    doc = make_doc(["IS fighters clashed with the SDF.", "The militants took twenty prison workers hostage."])
    thu = dt.date(2022, 1, 20)
    fakes["dates"] = {0: (thu, 1, None), 1: (thu, 1, None)}
    fakes["roles"] = {0: (SDF, IS), 1: (IS, CIV)}
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "abduction")]
    evs = run(doc)
    assert sorted(e.sub_event_type for e in evs) == ["Abduction/forced disappearance", "Armed clash"]
    vac = next(e for e in evs if e.event_type == "Violence against civilians")
    assert vac.civilian_targeting and vac.actor2 == "Civilians (Syria)"


def test_battle_actor_order_does_not_split(fakes):
    doc = make_doc(["The SDF fought IS on Sunday.", "IS attacked SDF positions on Sunday."])
    sun = dt.date(2022, 1, 23)
    fakes["dates"] = {0: (sun, 1, None), 1: (sun, 1, None)}
    fakes["roles"] = {0: (SDF, IS), 1: (IS, SDF)}
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "armed_clash")]
    assert len(run(doc)) == 1


def test_days_make_separate_events_and_ranges_split(fakes):
    doc = make_doc(["Clashes broke out on Thursday.", "Clashes continued from Friday to Sunday."])
    fakes["dates"] = {0: (dt.date(2022, 1, 20), 1, None), 1: (dt.date(2022, 1, 21), 1, dt.date(2022, 1, 23))}
    fakes["roles"] = {0: (IS, SDF), 1: (IS, SDF)}
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "armed_clash")]
    assert [e.event_date for e in run(doc)] == ["2022-01-20", "2022-01-21", "2022-01-22", "2022-01-23"]


@pytest.mark.parametrize("text,kept", [
    # the day is the earlier killing's, over a week back: the sentence is background
    ("Tension rose in the protests after a protester was killed on 12 January.", False),
    ("Police fired on the protesters in Basra on 12 January.", True),  # the event's own day, in the fortnight
    ("Tension rose in the protests after a protester was killed on 20 January.", True),  # this week: news
])
def test_a_day_told_of_what_came_before(fakes, monkeypatch, text, kept):
    doc = make_doc([text])
    day = dt.date(2022, 1, 12) if "12 January" in text else dt.date(2022, 1, 20)
    s = text.index("12 January" if "12 January" in text else "20 January")
    dm = DateMention(s, s + 10, text[s:s + 10], day, 1)
    monkeypatch.setattr(A, "date_for_span", lambda doc, start, end: (day, 1, dm))
    doc.event_mentions = [mention(doc, 0, "peaceful_protest")]
    assert bool(run(doc)) == kept


def test_a_vague_period_is_not_split_by_day(fakes):
    """"خلال الأسبوع الماضي": a week's tally, told as a period (precision 2), is one event, not
    seven days of fighting."""
    doc = make_doc(["During the past week the army killed 8 militants in clashes."])
    fakes["dates"] = {0: (dt.date(2022, 1, 10), 2, dt.date(2022, 1, 16))}
    fakes["roles"] = {0: (IS, SDF)}
    doc.event_mentions = [mention(doc, 0, "armed_clash")]
    assert [e.event_date for e in run(doc)] == ["2022-01-10"]


def test_attack_on_armed_actor_is_a_battle(fakes):
    doc = make_doc(["Gunmen attacked an army checkpoint."])
    fakes["roles"] = {0: (IS, Actor("Military Forces of Syria", "State forces"))}
    doc.event_mentions = [mention(doc, 0, "attack")]
    assert run(doc)[0].sub_event_type == "Armed clash"


def test_history_and_future_are_dropped(fakes):
    doc = make_doc(["In 2014 the group overran large areas.", "The group will attack next month."])
    fakes["dates"] = {0: (dt.date(2014, 6, 1), 3, None), 1: (dt.date(2022, 2, 20), 2, None)}
    doc.event_mentions = [mention(doc, 0, "nsa_overtakes_territory"), mention(doc, 1, "armed_clash")]
    assert run(doc) == []


@pytest.mark.parametrize("text,kept", [
    ("The protests had begun on 12 January when police fired on the crowd.", False),  # told as background
    ("Since 12 January the army has shelled the town.", False),
    ("Police fired on the crowd on 12 January.", True),                                # a dated report
    ("Police fired on the crowd on 8 January.", False),  # over a fortnight before the report: background
])
def test_background_told_in_the_pluperfect_is_dropped(fakes, text, kept):
    doc = make_doc([text])
    fakes["dates"] = {0: (dt.date(2022, 1, 12) if "12" in text else dt.date(2022, 1, 8), 1, None)}
    doc.event_mentions = [mention(doc, 0, "excessive_force")]
    assert bool(run(doc)) == kept


def test_a_mention_without_a_trigger_is_the_toll_of_the_one_before(fakes):
    doc = make_doc(["Jets struck three houses in the town on Thursday.", "Among the dead were two commanders."])
    fakes["dates"] = {0: (dt.date(2022, 1, 20), 1, None)}
    fakes["roles"] = {0: (SDF, IS), 1: (IS, CIV)}
    strike = mention(doc, 0, "air_strike")
    strike.trigger = Span(doc.sentences[0].start, doc.sentences[0].start + 4, "Jets")
    doc.event_mentions = [strike, mention(doc, 1, "attack")]
    evs = run(doc)
    assert [(e.sub_event_type, e.event_date, len(e.evidence)) for e in evs] == [("Air/drone strike", "2022-01-20", 2)]


@pytest.mark.parametrize("text,low,high,qualifier,expected", [
    ("العشرات", 10, None, "vague", 12),
    ("dozens", 10, None, "vague", 12),
    ("مئات", 100, None, "vague", 100),
    ("several", None, None, "vague", 3),
    ("عدد من", None, None, "vague", 3),
    ("many", None, None, "vague", 10),
    ("23", 23, 23, "exact", 23),
    ("between 150 and 200", 150, 200, "between", 150),
    ("at least 20", 20, None, "at_least", 20),
])
def test_fatalities_rules(fakes, text, low, high, qualifier, expected):
    doc = make_doc([f"Militants killed {text} fighters in the attack."])
    doc.quantities = [killed(doc, 0, text, low, high, qualifier)]
    doc.event_mentions = [mention(doc, 0, "armed_clash")]
    assert run(doc)[0].fatalities == expected


def test_lowest_figure_and_ucdp_range(fakes):
    doc = make_doc(["Officials said 12 people were killed; the group said 30 were killed; medics said 15 were killed."])
    doc.quantities = [killed(doc, 0, "12", 12, 12), killed(doc, 0, "30", 30, 30), killed(doc, 0, "15", 15, 15)]
    doc.event_mentions = [mention(doc, 0, "armed_clash")]
    e = run(doc)[0]
    assert (e.fatalities, e.fatalities_low, e.fatalities_best, e.fatalities_high) == (12, 12, 15, 30)


def test_a_part_of_the_toll_is_no_lower_figure():
    """"59 قتيلا بينهم 7 أطفال": the 7 children are among the 59, not a lower report."""
    from marsad.pipeline import extract

    rec = extract("قتل 59 فلسطينيا بينهم 7 أطفال برصاص الجيش الإسرائيلي في غزة الاثنين.",
                  published="2018-05-15", lang="ar").to_dict()
    assert [e["fatalities"] for e in rec["events"]] == [59]
    rec = extract("قالت وزارة الصحة إن 59 قتلوا، وقال الجيش إن 40 قتلوا في غزة الاثنين.",
                  published="2018-05-15", lang="ar").to_dict()
    assert [e["fatalities"] for e in rec["events"]] == [40]


@pytest.mark.parametrize("when,dated", [("الأربعاء", "2018-02-21"), ("في 2 فبراير", None)])
def test_an_arrest_reported_in_the_pluperfect_this_week_is_news(when, dated):
    """"وكانت الوزارة قد أعلنت الأربعاء القبض على ...": the pluperfect is the announcement's, made the
    day before; what it announces is news, on or before that day. Announced weeks back, background."""
    from marsad.pipeline import extract

    text = ("قالت مصادر أمنية إن التحقيقات مستمرة. وكانت وزارة الداخلية المصرية قد أعلنت " + when +
            " القبض على ستة من عناصر تنظيم الدولة في مدينة العريش بمحافظة شمال سيناء.")
    rec = extract(text, published="2018-02-22", lang="ar").to_dict()
    assert [(e["event_date"], e["sub_event_type"]) for e in rec["events"]] == ([(dated, "Arrests")] if dated else [])


def test_casualties_alone_are_not_fatalities(fakes):
    doc = make_doc(["The attack caused casualties among the guards."])
    s = doc.sentences[0]
    at = s.text.index("casualties")
    doc.quantities = [Quantity(None, None, "vague", "other", "casualties", at, at + 10)]
    doc.event_mentions = [mention(doc, 0, "armed_clash")]
    e = run(doc)[0]
    assert e.fatalities == 0 and e.fatalities_best is None


def test_notes_claims_evidence_and_record(fakes):
    doc = make_doc(["The SDF said IS militants attacked the prison on Thursday, killing 7 guards."])
    fakes["dates"] = {0: (dt.date(2022, 1, 20), 1, None)}
    fakes["roles"] = {0: (IS, SDF)}
    claim = Claim("c1", Source("organization", "SDF"), "said", "asserted", None, doc.text, 0, len(doc.text),
                  [killed(doc, 0, "7", 7, 7)])
    doc.claims = [claim]
    doc.event_mentions = [mention(doc, 0, "armed_clash")]
    e = run(doc)[0]
    assert e.notes.startswith("On 20 January 2022, Islamic State (Syria) clashed with SDF: Syrian Democratic Forces in Al Hasakah")
    assert e.fatalities == 7 and e.claim_ids == ["c1"] and claim.event_ids == [e.id]
    assert all(doc.text[x.start:x.end] == x.text for x in e.evidence)
    assert e.disorder_type == "Political violence" and e.plover.event == "ASSAULT"
    assert (e.country, e.iso, e.latitude, e.geo_precision) == ("Syria", 760, 36.50, 1)
    assert 0 < e.confidence <= 1 and e.time_precision == 1
    assert set(e.to_dict()) >= {"event_date", "sub_event_type", "plover", "notes", "evidence", "fatalities_best"}


def test_no_place_no_actor_still_an_event(fakes):
    fakes["place"] = None
    doc = make_doc(["Protesters rallied against price rises."])
    doc.event_mentions = [mention(doc, 0, "peaceful_protest")]
    e = run(doc)[0]
    assert e.location is None and e.disorder_type == "Demonstrations" and e.geo_precision == 3
    assert e.notes and e.time_precision == 2


def test_empty_document():
    doc = make_doc(["Nothing happened."])
    assert A.AssemblyStage()(doc).events == []


def test_undated_retelling_joins_the_dated_event(fakes):
    doc = make_doc(["Fighting goes on near the prison.", "Clashes continued for the fourth day on Sunday."])
    fakes["dates"] = {1: (dt.date(2022, 1, 23), 1, None)}  # sentence 0 only gets the article's date
    fakes["roles"] = {0: (IS, SDF), 1: (SDF, IS)}
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "armed_clash")]
    evs = run(doc)
    assert [e.event_date for e in evs] == ["2022-01-23"] and len(evs[0].evidence) == 2


def test_undated_event_alone_is_kept(fakes):
    doc = make_doc(["Fighting goes on near the prison."])
    fakes["roles"] = {0: (IS, SDF)}
    doc.event_mentions = [mention(doc, 0, "armed_clash")]
    evs = run(doc)
    assert len(evs) == 1 and evs[0].time_precision == 2


ARMY = Actor("Military Forces of Syria (2000-2024)", "State forces")


@pytest.mark.parametrize("key,a1,a2,expected", [
    ("gov_regains_territory", ARMY, IS, "Government regains territory"),
    ("gov_regains_territory", IS, SDF, "Armed clash"),                      # only governments regain ground
    ("gov_regains_territory", None, None, "Government regains territory"),  # nobody known: the model's call
    ("nsa_overtakes_territory", SDF, IS, "Non-state actor overtakes territory"),
    ("nsa_overtakes_territory", ARMY, IS, "Government regains territory"),
])
def test_territory_needs_the_right_actor(fakes, key, a1, a2, expected):
    doc = make_doc(["The attack on the northern wing was repelled and the gunmen driven out."])
    fakes["roles"] = {0: (a1, a2)}
    doc.event_mentions = [mention(doc, 0, key)]
    assert [e.sub_event_type for e in run(doc)] == [expected]


def test_one_fight_told_with_two_pairs_of_sides_is_one_event(fakes):
    """"the army and the resistance fought the Houthis", "the Houthis clashed with coalition forces"
    on the same place and day: the sides are named differently, the fight is one."""
    army, houthi, coalition = (Actor("Military Forces of Yemen", "State forces"), Actor("Houthi Movement", "Rebel group"),
                               Actor("Operation Restoring Hope", "External/Other forces"))
    doc = make_doc(["The army fought the Houthis in the city.", "The Houthis clashed with coalition forces there.",
                    "Jets of the coalition struck a Houthi camp."])
    day = dt.date(2022, 1, 20)
    fakes["dates"] = {0: (day, 1, None), 1: (day, 1, None), 2: (day, 1, None)}
    fakes["roles"] = {0: (army, houthi), 1: (houthi, coalition), 2: (coalition, houthi)}
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "armed_clash"), mention(doc, 2, "air_strike")]
    evs = run(doc)
    assert sorted((e.event_type, len(e.evidence)) for e in evs) == [("Battles", 2), ("Explosions/Remote violence", 1)]


def test_going_on_since_a_recent_day_is_the_report_day(fakes, monkeypatch):
    """"protests have gone on since Wednesday": an event on the day of the report, not on
    Wednesday; "since" a month back is background (dropped)."""
    doc = make_doc(["Protests have gone on since Wednesday against the tax bill."])
    at = doc.text.index("Wednesday")
    for day, expected in ((dt.date(2022, 1, 19), [REF.isoformat()]), (dt.date(2021, 12, 1), [])):
        monkeypatch.setattr(A, "date_for_span", lambda d, s, e, day=day: (
            day, 1, DateMention(at, at + 9, "Wednesday", day, 1)))
        doc.event_mentions = [mention(doc, 0, "peaceful_protest")]
        assert [e.event_date for e in run(doc)] == expected


def test_a_headline_event_is_the_body_news_in_brief(fakes, monkeypatch):
    """"Clashes at the base and deaths in Taiz" (headline) over a body that tells the clash at the
    base: the headline's own Taiz event goes, its evidence joins the body's battle."""
    title = "Clashes at the base and deaths in Taiz"
    body = "Heavy clashes broke out at the air base on Monday."
    doc = Document.make(title + "\n" + body, published=REF.isoformat(), lang="en")
    doc.sentences = [Span(0, len(title), title), Span(len(title) + 1, len(title) + 1 + len(body), body)]
    taiz = Place("Taiz", "Yemen", 887, latitude=13.58, longitude=44.01, geonameid=70225)
    fakes["roles"] = {0: (IS, SDF), 1: (IS, SDF)}
    fakes["dates"] = {1: (dt.date(2022, 1, 24), 1, None)}
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "armed_clash")]
    places = iter([taiz, HASAKAH])
    monkeypatch.setattr(A, "places_for_span", lambda d, s, e: [PlaceMention(s, s + 1, "x", next(places), 1)])
    evs = run(doc)
    assert [(e.location, len(e.evidence)) for e in evs] == [("Al Hasakah", 2)]


@pytest.mark.parametrize("text,kept", [
    ("قتل عشرات الإسرائيليين في هجمات طعن أو إطلاق نار نفذها فلسطينيون أمس.", True),
    # "N days have passed since the attack": an earlier event recalled
    ("وقد مرت ثلاثة أسابيع على الغارات التي قتلت 20 مدنيا في بلدة سراقب.", False),
    # a running total since the start, with no day of its own; with one, the day's news stays
    ("وقتل 140 فلسطينيا على الأقل بنيران الجيش الإسرائيلي منذ بدء التظاهرات على حدود غزة.", False),
    ("وقتل فلسطينيان أمس بنيران الجيش الإسرائيلي على حدود غزة، ليرتفع العدد منذ بدء التظاهرات إلى 140.", True),
    # what was done over weeks or months, with no day of its own: a tally; with a day, the day's news
    ("واستعادت قوات الجيش خلال الأسابيع الماضية عشرات القرى في ريف إدلب بعد معارك عنيفة.", False),
    ("واستعادت قوات الجيش أمس ثلاث قرى في ريف إدلب بعد معارك عنيفة، ليرتفع ما استعادته خلال الأسابيع الماضية "
     "إلى 30.", True),
    # ... or since then ("مذاك")
    ("وقتل ما لا يقل عن 149 فلسطينيا برصاص الجنود الإسرائيليين مذاك على حدود غزة.", False),
    # a sentence that opens with "since" a year back tallies a period: no event
    ("ومنذ عام 2015، قتل عشرات الإسرائيليين في هجمات طعن أو إطلاق نار نفذها فلسطينيون.", False),
    # "وكان ... قد": the pluperfect of background, even days before the report
    ("وكان فلسطيني قد لقي مصرعه برصاص الجيش الإسرائيلي أمس الأول في احتجاجات قرب الحدود.", False),
    # dated only by a month weeks before the report: background
    ("وانطلقت القوات من عدن التي استعيدت في منتصف يوليو بعد معارك عنيفة بين المتمردين الحوثيين والقوات الموالية "
     "للرئيس هادي.", False),
])
def test_tallies_and_past_months_are_background(text, kept):
    from marsad.pipeline import extract

    assert bool(extract(text, published="2015-08-09", lang="ar").events) == kept


def test_a_demonstration_and_a_riot_on_one_place_and_day_are_one_event():
    from marsad.pipeline import extract

    text = ("في البصرة، حاول متظاهرون اقتحام مبنى المحافظة في وسط المدينة أمس لكن الشرطة قامت بتفريقهم "
            "بواسطة قنابل الغاز المسيل للدموع. وتنطلق تظاهرات في البصرة لليوم الثامن على التوالي احتجاجا على البطالة.")
    evs = [e for e in extract(text, published="2018-07-15", lang="ar").events if e.location == "Basrah"]
    assert [(e.event_type, e.event_date) for e in evs] == [("Riots", "2018-07-14")]


def test_troop_moves_of_a_war_are_not_events_of_their_own(fakes):
    """Reinforcements sent while the article tells the fighting are that war's moves; told
    alone, a move is a strategic development."""
    doc = make_doc(["Government troops clashed with IS fighters in the city.",
                    "The army sent reinforcements to the nearby town."])
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "change_to_group")]
    assert [e.sub_event_type for e in run(doc)] == ["Armed clash"]
    doc = make_doc(["The army sent reinforcements to the nearby town."])
    doc.event_mentions = [mention(doc, 0, "change_to_group")]
    assert [e.sub_event_type for e in run(doc)] == ["Change to group/activity"]


def test_an_unattributed_retelling_joins_the_event_told_with_its_actors(fakes):
    """"air defences intercepted a missile over the city" told twice, once with the forces
    named: one event; told alone without actors, it stays an event."""
    saudi = Actor("Military Forces of Saudi Arabia", "State forces")
    doc = make_doc(["Saudi air defences intercepted a missile fired at the city.",
                    "A missile was intercepted north-east of the city, state television said."])
    fakes["roles"] = {0: (saudi, None)}
    doc.event_mentions = [mention(doc, 0, "disrupted_weapons"), mention(doc, 1, "disrupted_weapons")]
    evs = run(doc)
    assert [(e.actor1, len(e.evidence)) for e in evs] == [(saudi.name, 2)]
    doc.event_mentions = [mention(doc, 1, "disrupted_weapons")]
    assert [(e.actor1, len(e.evidence)) for e in run(doc)] == [(None, 1)]


def test_one_bomb_read_with_two_pairs_of_actors_is_one_event(fakes):
    """A car bomb aimed at a police convoy, and "an explosion in a street with an army hotel"
    (the army read as the bomber): one explosion on that place and day. Two different kinds of
    attack stay two events."""
    police, army = Actor("Police Forces of Egypt", "State forces"), Actor("Military Forces of Egypt", "State forces")
    uag = Actor("Unidentified Armed Group (Egypt)", "Political militia")
    doc = make_doc(["A car bomb targeting the police chief's convoy killed a sergeant.",
                    "The blast damaged three cars in the street.",
                    "Witnesses heard a loud explosion in a street with an army hotel."])
    fakes["roles"] = {0: (uag, police), 1: (uag, police), 2: (army, None)}
    doc.event_mentions = [mention(doc, 0, "remote_explosive"), mention(doc, 1, "remote_explosive"),
                          mention(doc, 2, "remote_explosive")]
    evs = run(doc)
    assert [(e.actor1, len(e.evidence)) for e in evs] == [(uag.name, 3)]
    doc.event_mentions = [mention(doc, 0, "remote_explosive"), mention(doc, 2, "air_strike")]
    assert len(run(doc)) == 2


def test_fighting_still_going_on_is_on_the_report_day(fakes, monkeypatch):
    """"fighting is still going on in the district", after a sentence dated two days back: the
    day of the report, not the day inherited from before."""
    doc = make_doc(["Government forces took the hills two days ago.", "Fighting is still going on in the district."])
    two_days = REF - dt.timedelta(days=2)
    at = doc.text.index("two days ago")
    monkeypatch.setattr(A, "date_for_span", lambda d, s, e: (two_days, 1, DateMention(at, at + 12, "two days ago",
                                                                                     two_days, 1)))
    doc.event_mentions = [mention(doc, 1, "armed_clash")]
    assert [(e.event_date, e.time_precision) for e in run(doc)] == [(REF.isoformat(), 2)]


@pytest.mark.parametrize("lead,nxt,dated", [
    # the next sentence retells the lead's killing: its day is the lead's
    ("A Houthi leader was killed in a coalition air strike.", "Al-Sammad was killed last Thursday in Hodeidah.", True),
    # the next sentence tells another event (territory taken): the lead is the report's day
    ("The border strip saw an exchange of shelling between the two sides.",
     "Two days ago, government forces regained control of villages near the city.", False),
])
def test_the_next_sentence_gives_its_day_only_when_it_retells_the_lead(fakes, monkeypatch, lead, nxt, dated):
    doc = make_doc([lead, nxt])
    day = REF - dt.timedelta(days=4)
    at = doc.sentences[1].start
    monkeypatch.setattr(A, "date_for_span", lambda d, s, e: (day, 1, DateMention(at, at + 3, nxt[:3], day, 1)))
    doc.event_mentions = [mention(doc, 0, "air_strike" if dated else "shelling")]
    assert [e.event_date for e in run(doc)] == [(day if dated else REF).isoformat()]


def test_the_launch_of_an_intercepted_missile_is_that_interception(fakes):
    """"air defences detected the launch of a ballistic missile ... and intercepted it": one
    disrupted weapons use; a missile that killed people stays an attack."""
    houthi = Actor("Houthi Movement", "Rebel group")
    doc = make_doc(["Coalition air defences detected the launch of a ballistic missile by the Houthis.",
                    "Saudi air defences intercepted a missile over the city."])
    fakes["roles"] = {0: (houthi, None), 1: (houthi, None)}
    doc.event_mentions = [mention(doc, 0, "shelling"), mention(doc, 1, "disrupted_weapons")]
    evs = run(doc)
    assert [(e.sub_event_type, len(e.evidence)) for e in evs] == [("Disrupted weapons use", 2)]
    doc = make_doc(["A missile fired by the Houthis killed two people in the market.",
                    "Saudi air defences intercepted a missile over the city."])
    fakes["roles"] = {0: (houthi, CIV), 1: (houthi, None)}
    doc.event_mentions = [mention(doc, 0, "shelling"), mention(doc, 1, "disrupted_weapons")]
    assert sorted(e.sub_event_type for e in run(doc)) == ["Disrupted weapons use", "Shelling/artillery/missile attack"]


def test_the_people_of_a_place_are_of_its_country(fakes):
    """Protesters read as "(Israel)" from "the Gaza border with Israel", for a protest placed in Gaza:
    Protesters (Palestine), one event with the one told right; the army keeps its own country."""
    gaza = Place("Gaza", "Palestine", 275, latitude=31.50, longitude=34.47, geonameid=281133)
    fakes["place"] = gaza
    israel_army = Actor("Military Forces of Israel", "State forces", country="Israel")
    doc = make_doc(["Protesters at the border with Israel were shot.", "Protesters in Gaza were shot by soldiers."])
    fakes["roles"] = {0: (Actor("Protesters (Israel)", "Protesters", country="Israel", generic=True), israel_army),
                      1: (Actor("Protesters (Palestine)", "Protesters", country="Palestine", generic=True), israel_army)}
    doc.event_mentions = [mention(doc, 0, "excessive_force"), mention(doc, 1, "excessive_force")]
    evs = run(doc)
    assert [(e.actor1, e.actor2, len(e.evidence)) for e in evs] == [
        ("Protesters (Palestine)", "Military Forces of Israel", 2)]


def places_in_turn(monkeypatch, *places: tuple[Place, int]) -> None:
    """Each event passage, in turn, is placed at the next (place, geo_precision) of ``places``."""
    it = iter(places)

    def places_for_span(d, s, e):
        p, prec = next(it)
        return [PlaceMention(s, s + 1, "x", p, prec)]

    monkeypatch.setattr(A, "places_for_span", places_for_span)


def test_two_gazetteer_entries_of_one_town_are_one_place(fakes, monkeypatch):
    """GeoNames' and Who's On First's entries of one town (one with no GeoNames id, a few hundred
    metres apart) are one place: one event, on the entry with the GeoNames id and the finer precision."""
    doc = make_doc(["Fierce clashes near the airport of Hasakah city.", "The clashes went on in Hasakah."])
    fakes["roles"] = {0: (IS, SDF), 1: (IS, SDF)}
    wof = Place("Al Hasakah", "Syria", 760, admin1="Al Hasakah", latitude=36.497, longitude=40.748)
    places_in_turn(monkeypatch, (wof, 2), (HASAKAH, 1))
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "armed_clash")]
    evs = run(doc)
    assert [(e.location, e.geonameid, e.geo_precision, len(e.evidence)) for e in evs] == [("Al Hasakah", 173814, 1, 2)]


@pytest.mark.parametrize("second_day,n_events", [(REF, 1), (REF - dt.timedelta(days=3), 2)])
def test_an_event_placed_only_in_a_country_is_the_one_of_its_town(fakes, monkeypatch, second_day, n_events):
    """"17 fighters killed in attacks in the south of the country" then "the clashes in a desert area of
    Hasakah province": one event, in Hasakah; on another day it stays apart."""
    doc = make_doc(["17 fighters were killed in IS attacks in the south of the country.",
                    "The clashes took place in a desert area of Hasakah province."])
    fakes["roles"] = {0: (IS, SDF), 1: (IS, SDF)}
    fakes["dates"] = {0: (REF, 2, None), 1: (second_day, 2, None)}
    syria = Place("Syria", "Syria", 760)
    places_in_turn(monkeypatch, (syria, 3), (HASAKAH, 2))
    doc.event_mentions = [mention(doc, 0, "armed_clash"), mention(doc, 1, "armed_clash")]
    evs = run(doc)
    assert len(evs) == n_events
    if n_events == 1:
        assert (evs[0].location, len(evs[0].evidence)) == ("Al Hasakah", 2)


def test_territory_taken_outranks_the_fighting_told_with_it(fakes):
    """"The army took the camp ... after days of fighting": one battle event, coded as the territory
    taken, even when the fighting sentence scores higher."""
    doc = make_doc(["The army took the camp in the district on Saturday.", "It came after days of heavy fighting."])
    fakes["roles"] = {0: (IS, SDF), 1: (IS, SDF)}
    doc.event_mentions = [mention(doc, 0, "nsa_overtakes_territory", 0.7), mention(doc, 1, "armed_clash", 0.9)]
    evs = run(doc)
    assert [(e.sub_event_type, len(e.evidence)) for e in evs] == [("Non-state actor overtakes territory", 2)]
