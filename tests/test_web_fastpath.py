"""The event list's fast path (issue 8, item 6): GET /api/events answered without FastAPI's
dependency solving must give exactly what the route gives, and must leave to the route every
query it does not plainly accept (so errors keep their one JSON shape)."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.records import Article, DocumentRecord, Event, Evidence, Plover  # noqa: E402
from marsad.store import StoredArticle, open_store  # noqa: E402
from marsad.web import app as web_app  # noqa: E402
from marsad.web import create_app  # noqa: E402

PLACES = [("Syria", "Idlib"), ("Syria", "Aleppo"), ("Iraq", "Ninewa"), ("Yemen", "Taizz"), ("Libya", "Tripoli")]
TYPES = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence")]
ACTORS = ["Military Forces of Syria", "Islamic State", "Houthis", "Protesters", None]
WORDS = "army rebels town market bridge convoy village checkpoint shelling drone hospital school road border".split()


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('fast') / 'fast.db'}"
    rng = random.Random(8)
    pairs = []
    for n in range(60):
        country, admin1 = PLACES[n % len(PLACES)]
        etype, sub = TYPES[n % len(TYPES)]
        text = " ".join(rng.choice(WORDS) + str(rng.randrange(10_000)) for _ in range(80)) + "."
        ev = Event(id="e1", event_date=None if n % 11 == 0 else f"2023-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
                   time_precision=1, disorder_type="Political violence", event_type=etype, sub_event_type=sub,
                   plover=Plover("FIGHT"), actor1=ACTORS[n % len(ACTORS)], actor2="Civilians", country=country,
                   admin1=admin1, location=admin1, fatalities=None if n % 7 == 0 else n % 5,
                   evidence=[Evidence(0, 5, text[:5])])
        pairs.append((StoredArticle(f"f{n}", text, "en", source=f"Outlet {n % 4}"),
                      DocumentRecord(Article(id=f"f{n}", lang="en"), [ev])))
    store = open_store(url)
    store.add(pairs)
    assert store.count_events() == 60
    store.close()
    return url


QUERIES = [
    "", "limit=5", "country=syria", "country=Syria&event_type=battles&limit=3", "admin1=IDLIB&offset=2&limit=4",
    "actor=islamic", "actor=houthis&country=Yemen", "sub_event_type=Armed%20clash&sort=-fatalities",
    "date_from=2023-03-01&date_to=2023-06-30", "date_from=2023-03-01&sort=event_date&limit=7",
    "sort=country&limit=10&offset=5", "sort=-actor1", "sort=confidence&limit=4", "q=market", "q=%D8%8C.!",
    "country=&limit=2", "event_type=Riots&date_to=2023-12-31&sort=fatalities", "limit=100000", "offset=1000",
]


def _body(client: TestClient, query: str) -> tuple[int, dict]:
    resp = client.get("/api/events?" + query)
    return resp.status_code, resp.json()


@pytest.mark.parametrize("query", QUERIES)
def test_fast_path_answers_as_the_route(store_url, monkeypatch, query):
    with TestClient(create_app(db=store_url, cache_size=0)) as fast:
        got = _body(fast, query)
    assert web_app.fast_event_params(query, 1000) is not None  # answered by the fast path
    monkeypatch.setattr(web_app, "fast_event_params", lambda *a: None)  # every query to the route
    with TestClient(create_app(db=store_url, cache_size=0)) as routed:
        want = _body(routed, query)
    assert got == want
    assert got[0] == 200 and got[1]["total"] >= len(got[1]["items"])


@pytest.mark.parametrize("query", [
    "date_from=25/01/2022", "date_from=2023-1-01", "limit=0", "limit=abc", "limit=-1", "offset=-5",
    "offset=99999999999", "sort=password", "sort=" + "x" * 41, "country=" + "x" * 201, "actor=" + "y" * 301,
    "colour=red", "country=Syria&country=Iraq",
])
def test_fast_path_leaves_the_rest_to_the_route(store_url, query):
    assert web_app.fast_event_params(query, 1000) is None
    with TestClient(create_app(db=store_url, cache_size=0), raise_server_exceptions=False) as client:
        resp = client.get("/api/events?" + query)
    if resp.status_code == 200:  # FastAPI takes unknown and repeated parameters its own way
        assert query in ("colour=red", "country=Syria&country=Iraq")
    else:
        assert resp.status_code == 422 and set(resp.json()) == {"error"}


@pytest.mark.parametrize("query, expect", [
    ("country=Syria&limit=20", ({"country": "Syria"}, 20, 0, "-event_date")),
    ("limit=5000", ({}, 1000, 0, "-event_date")),  # clamped to max_limit
    ("q=%D8%8C.!&offset=3", ({}, 50, 3, "-event_date")),  # nothing searchable: no text filter
    ("actor=&sort=-fatalities", ({}, 50, 0, "-fatalities")),
])
def test_fast_event_params(query, expect):
    assert web_app.fast_event_params(query, 1000) == expect


def test_fast_answers_are_cached_and_emptied_by_writes(store_url, tmp_path):
    import shutil

    url = f"sqlite:///{tmp_path / 'copy.db'}"
    shutil.copy(store_url[len("sqlite:///"):], tmp_path / "copy.db")
    with TestClient(create_app(db=url)) as client:
        first = client.get("/api/events?country=Libya").json()
        assert client.get("/api/events?country=Libya").json() == first
        store = open_store(url)
        text = "A later clash near the capital was reported by residents and officials on Tuesday evening."
        ev = Event(id="e1", event_date="2024-01-02", time_precision=1, disorder_type="Political violence",
                   event_type="Battles", sub_event_type="Armed clash", plover=Plover("FIGHT"), country="Libya",
                   evidence=[Evidence(0, 7, text[:7])])
        store.add([(StoredArticle("later", text, "en"), DocumentRecord(Article(id="later", lang="en"), [ev]))])
        store.close()
        again = client.get("/api/events?country=Libya").json()
    assert again["total"] == first["total"] + 1 and again["items"][0]["event_date"] == "2024-01-02"
