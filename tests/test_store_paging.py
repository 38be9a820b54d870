"""The store's read paths for the workbench's lists (issue 8, item 6), on SQLite and PostgreSQL:
keyset paging of ``iter_events`` in every order (missing values and ties included),
``events_json`` against ``events``, the count cache seeing every write, and (SQLite) query
plans that read filtered pages off an index."""

from __future__ import annotations

import json
import random

import pytest

from marsad.records import Article, DocumentRecord, Event, Evidence, Plover
from marsad.store import StoredArticle, open_store
from marsad.store.sql import SQLiteStore

# Our own rows: (country, admin1, event type, date, fatalities, actor1), with missing values and ties.
ROWS = [
    ("Syria", "Idlib", "Battles", "2023-05-14", 3, "Military Forces of Syria"),
    ("Syria", "Idlib", "Battles", "2023-05-14", 3, "Hayat Tahrir al-Sham"),
    ("Syria", "Aleppo", "Protests", "2023-05-15", 0, "Protesters"),
    ("Syria", None, "Battles", None, None, "Islamic State"),
    ("Iraq", "Ninewa", "Explosions/Remote violence", "2023-05-01", 12, "Islamic State"),
    ("Iraq", "Baghdad", "Protests", None, 0, "Protesters"),
    ("Yemen", "Taizz", "Battles", "2023-06-02", None, "Houthis"),
    ("Yemen", "Marib", "Battles", "2023-06-02", 7, "Houthis"),
    ("Yemen", None, "Riots", "2023-04-30", 1, None),
]
TEXT = "Fighting and protests were reported in several provinces on the day, local sources said."
WORDS = ("army rebels town market bridge convoy village checkpoint shelling drone hospital school road border "
         "camp river district council port airport factory farm mosque church prison station").split()


def _text(n: int) -> str:
    """An article of its own for row ``n`` (so that no two are taken for syndicated copies)."""
    rng = random.Random(n)
    return TEXT + " " + " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(60)) + "."


def _fill(store) -> None:
    pairs = []
    for n, (country, admin1, etype, date, dead, actor1) in enumerate(ROWS):
        ev = Event(id="e1", event_date=date, time_precision=1, disorder_type="Political violence", event_type=etype,
                   sub_event_type="Armed clash", plover=Plover("FIGHT"), actor1=actor1, actor2="Civilians",
                   country=country, admin1=admin1, location=admin1 or country, fatalities=dead,
                   evidence=[Evidence(0, 8, TEXT[:8])])
        aid = f"p{n}"
        pairs.append((StoredArticle(aid, _text(n), "en", source=f"Outlet {n}"),
                      DocumentRecord(Article(id=aid, lang="en"), [ev])))
    store.add(pairs)


@pytest.fixture
def filled(store_url):
    store = open_store(store_url)
    _fill(store)
    yield store
    store.close()


ORDERS = ["event_date", "-event_date", "fatalities", "-fatalities", "country", "-admin1", "actor1", "id", "-seq"]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("batch", [1, 2, 4, 1000])
def test_iter_events_keyset_matches_one_query(filled, order, batch):
    whole = [e["id"] for e in filled.events(limit=1000, order=order)]
    assert len(whole) == len(ROWS)
    assert [e["id"] for e in filled.iter_events(order=order, batch=batch)] == whole


@pytest.mark.parametrize("filters, n", [
    (dict(country="syria"), 4), (dict(country="Yemen", event_type="battles"), 2), (dict(admin1="IDLIB"), 2),
    (dict(actor="houthi"), 2), (dict(actor="islamic", country="Iraq"), 1), (dict(date_from="2023-05-14"), 5),
    (dict(event_type="Protests", date_to="2023-05-31"), 1), (dict(country="Nowhere"), 0),
])
def test_filtered_pages_counts_and_json(filled, filters, n):
    assert filled.count_events(**filters) == n
    for order in ("-event_date", "fatalities"):
        objs = filled.events(limit=2, offset=1, order=order, **filters)
        raw = filled.events_json(limit=2, offset=1, order=order, **filters)
        assert [json.loads(r) for r in raw] == objs
        assert len(objs) == max(0, min(2, n - 1))
        assert [e["id"] for e in filled.iter_events(order=order, batch=1, **filters)] == \
            [e["id"] for e in filled.events(limit=100, order=order, **filters)]


def test_missing_dates_come_last_in_both_directions(filled):
    for order in ("event_date", "-event_date"):
        dates = [e.get("event_date") for e in filled.iter_events(order=order, batch=2)]
        assert dates[-2:] == [None, None] and None not in dates[:-2]


def test_counts_follow_writes(store_url):
    store = open_store(store_url)
    other = open_store(store_url)  # another connection, as another process would be
    try:
        assert store.count_events(country="Syria") == 0
        _fill(other)
        assert store.count_events(country="Syria") == 4  # the other connection's commit is seen
        ev = Event(id="e1", event_date="2023-07-01", time_precision=1, disorder_type="Political violence",
                   event_type="Battles", sub_event_type="Armed clash", plover=Plover("FIGHT"), country="Syria",
                   evidence=[Evidence(0, 8, TEXT[:8])])
        store.add([(StoredArticle("late", _text(99), "en"),
                    DocumentRecord(Article(id="late", lang="en"), [ev]))])
        assert store.count_events(country="Syria") == 5  # and its own
        assert other.count_events(country="Syria") == 5
    finally:
        store.close()
        other.close()


@pytest.mark.parametrize("where, params, index", [
    ("LOWER(country) = LOWER(?)", ["Syria"], "events_country_date"),
    ("LOWER(admin1) = LOWER(?)", ["Idlib"], "events_admin1_date"),
    ("LOWER(event_type) = LOWER(?)", ["Battles"], "events_type_date"),
    ("LOWER(country) = LOWER(?) AND LOWER(event_type) = LOWER(?)", ["Syria", "Battles"], "events_country_type_date"),
    ("1 = 1", [], "events_by_date"),
])
def test_sqlite_filtered_page_reads_an_index_in_order(sqlite_url, where, params, index):
    store = open_store(sqlite_url)
    try:
        assert isinstance(store, SQLiteStore)
        sql = f"EXPLAIN QUERY PLAN SELECT id FROM events WHERE {where}{store._order('-event_date')} LIMIT 50"
        plan = " | ".join(str(row[-1]) for row in store._conn.execute(sql, params).fetchall())
        assert index in plan and "TEMP B-TREE" not in plan, plan
    finally:
        store.close()
