"""The store on SQLite and PostgreSQL: schema and migrations, idempotent adds, syndicated
copies, cross-article event merging, filters, full-text search, and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.records import Article, Claim, DocumentRecord, Event, Evidence, Plover, Quantity, Source
from marsad.store import StoredArticle, open_store
from marsad.store import dedup, merge
from marsad.store.migrations import MIGRATIONS

# Our own sentences (not corpus text): three reports of one strike, one unrelated event.
STRIKE_AR = "قُتل خمسة مدنيين وأصيب عشرة آخرون في غارة جوية استهدفت سوقاً شعبياً في مدينة إدلب صباح الأحد."
STRIKE_AR2 = "أفاد ناشطون بمقتل سبعة مدنيين في غارة جوية على سوق شعبي في مدينة إدلب يوم الأحد."
STRIKE_EN = "An air strike on a crowded market in Idlib city killed at least five civilians on Sunday, medics said."
CLASH_AR = "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي."

LONG_AR = (
    "أعلنت وزارة الصحة في غزة أن حصيلة القصف الإسرائيلي على مخيم جباليا ارتفعت إلى ثلاثة عشر قتيلا "
    "بينهم أطفال ونساء، فيما نقل عشرات الجرحى إلى مستشفى الشفاء الذي يعاني نقصا حادا في الأدوية. "
    "وقال متحدث باسم الوزارة إن فرق الإسعاف ما زالت تبحث عن مفقودين تحت الأنقاض في الحي الشرقي من المخيم. "
    "ودعت منظمات إغاثة دولية إلى فتح المعابر أمام شاحنات المساعدات والوقود بشكل عاجل."
)
OTHER_AR = (
    "افتتح وزير التعليم في الأردن العام الدراسي الجديد بزيارة عدد من المدارس الحكومية في محافظة إربد، "
    "وأكد أن الوزارة أنهت تجهيز الصفوف وتوزيع الكتب المدرسية على الطلاب في جميع المحافظات، "
    "مشيرا إلى خطة لتوظيف معلمين جدد خلال الفصل الأول وتحسين البنية التحتية للمدارس في القرى النائية."
)


def event(eid="e1", *, date="2023-05-14", etype="Explosions/Remote violence", country="Syria", location="Idlib",
          geonameid=None, actor1="Military Forces of Russia", actor2="Civilians (Syria)", evidence=STRIKE_AR,
          low=5, high=5, best=None, fatalities=None, claim_ids=(), **kw) -> Event:
    return Event(
        id=eid, event_date=date, time_precision=1, disorder_type="Political violence", event_type=etype,
        sub_event_type="Air/drone strike", plover=Plover("ASSAULT", "aerial"), actor1=actor1, actor2=actor2,
        country=country, iso=760 if country == "Syria" else None, admin1="Idlib" if location == "Idlib" else None,
        location=location, latitude=35.93 if location == "Idlib" else None, longitude=36.63 if location == "Idlib" else None,
        geonameid=geonameid, fatalities=low if fatalities is None else fatalities, fatalities_low=low,
        fatalities_best=best, fatalities_high=high, claim_ids=list(claim_ids),
        evidence=[Evidence(0, len(evidence), evidence)] if evidence else [],
        notes=kw.pop("notes", f"On {date}, an event in {location or country}."), **kw,
    )


def doc(aid: str, *events: Event, claims=(), lang="ar") -> DocumentRecord:
    return DocumentRecord(article=Article(id=aid, lang=lang), events=list(events), claims=list(claims))


def art(aid: str, text: str, source: str, **kw) -> StoredArticle:
    return StoredArticle(id=aid, text=text, lang=kw.pop("lang", "ar"), source=source, **kw)


# ---- schema ----------------------------------------------------------------

def test_migrations_recorded_once(store_url):
    store = open_store(store_url)
    assert store.schema_version() == MIGRATIONS[-1][0]
    assert store.migrate() == []  # nothing left to apply
    store.close()
    again = open_store(store_url)
    assert again.schema_version() == MIGRATIONS[-1][0]
    assert again.stats()["articles"] == 0
    again.close()


def test_migration_versions_are_ordered():
    versions = [v for v, _name, _fn in MIGRATIONS]
    assert versions == sorted(versions) == list(range(1, len(versions) + 1))


# ---- idempotent adds, copies, conflicts ----------------------------------------

def test_same_articles_twice_change_nothing(store_url):
    store = open_store(store_url)
    items = [(art("a1", LONG_AR, "Outlet A"), doc("a1", event())), (art("a2", OTHER_AR, "Outlet B"), doc("a2"))]
    first = store.add(items)
    before = store.stats()
    second = store.add(items)
    assert (first.added, first.skipped) == (2, 0)
    assert (second.added, second.skipped, second.events) == (0, 2, 0)
    assert store.stats() == before
    store.close()


def test_same_id_other_text_is_a_conflict(store_url):
    store = open_store(store_url)
    store.add([(art("a1", LONG_AR, "Outlet A"), doc("a1"))])
    res = store.add([(art("a1", OTHER_AR, "Outlet A"), doc("a1"))])
    assert res.conflicts == 1 and res.added == 0
    assert store.article("a1")["text"] == LONG_AR
    store.close()


@pytest.mark.parametrize("copy_text, is_copy", [
    (LONG_AR, True),                                               # the same agency text on another outlet
    (LONG_AR.replace("قتيلا", "قَتيلاً"), True),                     # diacritics added
    ("غزة (رويترز) - " + LONG_AR + " للمزيد تابعونا.", True),       # a dateline and a footer
    (LONG_AR.replace("ثلاثة عشر", "أربعة عشر"), True),               # one figure updated
    (OTHER_AR, False),                                             # another story
    (LONG_AR[: len(LONG_AR) // 3], False),                         # a third of it only
])
def test_syndicated_copies_are_one_article(store_url, copy_text, is_copy):
    store = open_store(store_url)
    store.add([(art("orig", LONG_AR, "Agency"), doc("orig", event(evidence=LONG_AR[:60])))])
    res = store.add([(art("copy", copy_text, "Newspaper"), doc("copy", event("x1", evidence=copy_text[:60])))])
    stats = store.stats()
    if is_copy:
        assert (res.copies, stats["articles"], stats["copies"]) == (1, 1, 1)
        ev = store.events()[0]
        assert ev["source"] == ["Agency", "Newspaper"]
        assert store.article("copy")["id"] == "orig"
    else:
        assert (res.added, stats["articles"]) == (1, 2)
    store.close()


# ---- cross-article merging -------------------------------------------------------

MERGE_CASES = [
    # (second report, merged?) against event() from another article
    ("same everything, other words", dict(evidence=STRIKE_EN), True),
    ("same event, other figures", dict(evidence=STRIKE_AR2, low=7, high=7), True),
    ("same geonameid beats spelling", dict(evidence=STRIKE_AR2, location="Idleb"), False),
    ("other day", dict(date="2023-05-15"), False),
    ("other type", dict(etype="Battles"), False),
    ("other country", dict(country="Iraq"), False),
    ("other actor pair", dict(actor1="Military Forces of Syria"), False),
    ("no place, similar text", dict(location=None, evidence=STRIKE_AR), True),
    ("no place, other text", dict(location=None, evidence=CLASH_AR), False),
    ("one actor missing, similar text", dict(actor2=None, evidence=STRIKE_AR), True),
    ("one actor missing, other text", dict(actor2=None, evidence=CLASH_AR), False),
    ("no date", dict(date=None), False),
]


@pytest.mark.parametrize("name, change, merged", MERGE_CASES, ids=[c[0] for c in MERGE_CASES])
def test_cross_article_merge(sqlite_url, name, change, merged):
    store = open_store(sqlite_url)
    store.add([(art("a1", LONG_AR, "Outlet A"), doc("a1", event()))])
    store.add([(art("a2", OTHER_AR, "Outlet B"), doc("a2", event(**change)))])
    events = store.events()
    assert len(events) == (1 if merged else 2)
    if merged:
        assert events[0]["source"] == ["Outlet A", "Outlet B"]
        assert events[0]["article_ids"] == ["a1", "a2"]
        assert events[0]["n_reports"] == 2
    store.close()


def test_same_geonameid_merges_other_spellings(sqlite_url):
    store = open_store(sqlite_url)
    store.add([(art("a1", LONG_AR, "A"), doc("a1", event(geonameid=169389)))])
    store.add([(art("a2", OTHER_AR, "B"), doc("a2", event(geonameid=169389, location="Idleb", evidence=CLASH_AR)))])
    assert store.count_events() == 1
    store.close()


def test_merged_fatalities_range_over_every_report(store_url):
    store = open_store(store_url)
    texts = [LONG_AR, OTHER_AR, STRIKE_AR * 3]
    reports = [dict(low=5, high=5), dict(low=7, high=9, best=8), dict(low=None, high=None, fatalities=0)]
    for n, (text, rep) in enumerate(zip(texts, reports)):
        store.add([(art(f"a{n}", text, f"Outlet {n}"), doc(f"a{n}", event(claim_ids=["c1"], **rep)))])
    (ev,) = store.events()
    assert (ev["fatalities"], ev["fatalities_low"], ev["fatalities_best"], ev["fatalities_high"]) == (5, 5, 5, 9)
    assert ev["source"] == ["Outlet 0", "Outlet 1", "Outlet 2"]
    assert ev["claim_ids"] == ["a0:c1", "a1:c1", "a2:c1"]
    assert [e["article_id"] for e in ev["evidence"]] == ["a0", "a1", "a2"]
    full = store.event(ev["id"])
    assert [a["id"] for a in full["articles"]] == ["a0", "a1", "a2"]
    assert len(full["reports"]) == 3
    store.close()


def test_events_of_one_article_stay_apart(sqlite_url):
    store = open_store(sqlite_url)
    store.add([(art("a1", LONG_AR, "A"), doc("a1", event("e1"), event("e2", evidence=STRIKE_AR2)))])
    assert store.count_events() == 2
    store.close()


# ---- claims, filters, search ---------------------------------------------------

def test_claims_and_quantities_are_stored(store_url):
    store = open_store(store_url)
    claim = Claim("c1", Source("organization", "Syrian Civil Defence"), "قال", "asserted", "2023-05-14",
                  STRIKE_AR, 0, len(STRIKE_AR), [Quantity(5, 5, "exact", "killed", "خمسة", 6, 10)], ["e1"])
    store.add([(art("a1", LONG_AR, "A"), doc("a1", event(claim_ids=["c1"]), claims=[claim]))])
    (ev,) = store.events()
    (c,) = store.claims()
    assert c["key"] == "a1:c1" and c["event_ids"] == [ev["id"]]
    assert c["quantities"][0]["unit"] == "killed"
    assert store.claims(unit="killed") and not store.claims(unit="injured")
    assert store.event(ev["id"])["claims"][0]["source"]["name"] == "Syrian Civil Defence"
    assert store.stats()["quantities"] == 1
    store.close()


FILTERS = [
    (dict(country="syria"), 2), (dict(country="Iraq"), 1), (dict(date_from="2023-05-14"), 2),
    (dict(date_to="2023-05-13"), 1), (dict(date_from="2023-05-14", date_to="2023-05-14"), 1),
    (dict(event_type="Battles"), 1), (dict(admin1="Idlib"), 1), (dict(actor="Russia"), 3), (dict(actor="hayat tahrir"), 1),
    (dict(actor="Islamic State"), 1), (dict(q="إدلب"), 1), (dict(q="Mosul"), 1), (dict(q="nothing-matches-this"), 0),
]


@pytest.mark.parametrize("filters, n", FILTERS)
def test_event_filters(store_url, filters, n):
    store = open_store(store_url)
    store.add([
        (art("a1", STRIKE_AR * 3, "A"), doc("a1", event())),
        (art("a2", CLASH_AR * 3, "B"), doc("a2", event(date="2023-05-20", etype="Battles", location="Hama",
                                                         actor2="Hayat Tahrir al-Sham", evidence=CLASH_AR))),
        (art("a3", "Fighting near Mosul left two Islamic State members dead, the army said. " * 3, "C", lang="en"),
         doc("a3", event(date="2023-05-01", country="Iraq", location="Mosul", actor2="Islamic State (Iraq)",
                         evidence="Fighting near Mosul"), lang="en")),
    ])
    assert store.count_events(**filters) == n
    assert len(store.events(**filters)) == n
    assert len(list(store.iter_events(**filters))) == n
    store.close()


@pytest.mark.parametrize("query, hit", [
    ("غارة جوية", "a1"),          # the words as written
    ("غاره", "a1"),               # taa marbuta folded
    ("قتل", "a1"),                # diacritics ignored (قُتل in the text)
    ("ادلب", "a1"),               # hamza folded
    ("MOSUL", "a3"),              # case ignored
    ("حماة", "a2"),
])
def test_full_text_search(store_url, query, hit):
    store = open_store(store_url)
    store.add([(art("a1", STRIKE_AR, "A"), doc("a1")), (art("a2", CLASH_AR, "B"), doc("a2")),
               (art("a3", "Fighting near Mosul left two dead.", "C", lang="en"), doc("a3", lang="en"))])
    hits = store.search(query)
    assert [h["id"] for h in hits] == [hit]
    assert hits[0]["snippet"]
    assert store.articles(q=query)[0]["id"] == hit
    store.close()


def test_search_of_nothing_finds_nothing(sqlite_url):
    store = open_store(sqlite_url)
    store.add([(art("a1", STRIKE_AR, "A"), doc("a1"))])
    for q in ("", "   ", '"', "*", "AND OR NOT", "(("):
        assert isinstance(store.search(q), list)
    store.close()


# ---- bad input never crashes, round trips -----------------------------------------

JUNK = ["", " ", "\x00\x01\x02", "ا" * 200_000, "\u202bمرحبا\u202c hello", "🙂" * 50, "'; DROP TABLE articles; --",
        "مختلط mixed نص text ١٢٣ 123"]


@pytest.mark.parametrize("text", JUNK, ids=range(len(JUNK)))
def test_junk_articles_store(sqlite_url, text):
    store = open_store(sqlite_url)
    res = store.add([(art("j", text, None, title=text[:50]), doc("j"))])
    assert res.added == 1
    assert store.article("j")["text"] == text
    assert isinstance(store.search(text[:30]), list)
    store.close()


def test_unknown_filter_is_a_clear_error(sqlite_url):
    from marsad.errors import StoreError

    store = open_store(sqlite_url)
    with pytest.raises(StoreError, match="unknown event filter"):
        store.events(colour="red")
    with pytest.raises(StoreError, match="cannot order"):
        store.events(order="-rowid; DROP")
    store.close()


def test_bad_url_is_a_clear_error():
    from marsad.errors import StoreError

    with pytest.raises(StoreError, match="unknown store URL"):
        open_store("mysql://localhost/db")


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=400), title=st.none() | st.text(max_size=40))
def test_round_trip(text, title):
    store = open_store("sqlite:///:memory:")
    try:
        aid = dedup.content_hash(text)[:16]
        assert store.add([(art(aid, text, "X", title=title), doc(aid))]).added == 1
        got = store.article(aid)
        assert (got["id"], got["text"], got["title"]) == (aid, text, title)
        assert store.add([(art(aid, text, "X", title=title), doc(aid))]).skipped == 1
    finally:
        store.close()


@pytest.mark.parametrize("a, b, similar", [
    (LONG_AR, LONG_AR.replace("ثلاثة عشر", "أربعة عشر"), True),
    (LONG_AR, OTHER_AR, False),
])
def test_minhash_similarity(a, b, similar):
    s = dedup.similarity(dedup.fingerprint(a).minhash, dedup.fingerprint(b).minhash)
    assert (s >= dedup.NEAR_DUPLICATE) is similar


def test_short_texts_are_not_fuzzy_matched():
    assert dedup.fingerprint("عاجل: انفجار في بغداد").minhash is None


def test_merge_key_needs_date_and_type():
    assert merge.merge_key({"event_type": "Battles", "event_date": None}) is None
    assert merge.merge_key({"event_type": "Battles", "event_date": "2023-01-01", "country": "Yemen"}) == \
        "Battles|2023-01-01|Yemen"


@pytest.mark.parametrize("order", ["-event_date", "event_date", "-fatalities", "country", "actor2", "-location"])
def test_event_orders(sqlite_url, order):
    store = open_store(sqlite_url)
    store.add([(art("a1", STRIKE_AR * 3, "A"), doc("a1", event(low=2, high=2))),
               (art("a2", CLASH_AR * 3, "B"), doc("a2", event(date="2023-05-20", etype="Battles", location="Hama",
                                                                actor2=None, evidence=CLASH_AR, low=9, high=9)))])
    got = [e["event_date"] for e in store.events(order=order)]
    assert sorted(got) == ["2023-05-14", "2023-05-20"]
    if order == "-event_date":
        assert got == ["2023-05-20", "2023-05-14"]
    if order == "-fatalities":
        assert got == ["2023-05-20", "2023-05-14"]
    if order == "actor2":  # missing values last
        assert got == ["2023-05-14", "2023-05-20"]
    assert store.count_events(q="،.!") == 2  # nothing searchable: no text filter
    store.close()
