"""The web API over a SQLite store filled with the examples and the team-written samples
(tests/conftest.py, web fixtures): filters, pages, one event with its evidence, the one
error shape, the token, size limits, CORS and the downloads."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.errors import InputError  # noqa: E402
from marsad.formats import ACLED_COLUMNS  # noqa: E402
from marsad.web import SETTINGS, create_app  # noqa: E402
from marsad.web.tokens import check, new_token, token_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def client(web_store_url):
    app = create_app(db=web_store_url)

    @app.get("/test/marsad-error")
    def _marsad_error():
        raise InputError("not news text: pass a text file")

    @app.get("/test/crash")
    def _crash():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def fresh(tmp_path):
    """An app over an empty store of its own, and a token for it."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    token = new_token(token_path(url))
    with TestClient(create_app(db=url), raise_server_exceptions=False) as c:
        yield c, token


def assert_error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and err["code"] == code
    assert isinstance(err["message"], str) and err["message"]
    return err


# ---- the one error shape ----
@pytest.mark.parametrize("method,path,kwargs,status,code", [
    ("get", "/api/no-such-thing", {}, 404, "not_found"),
    ("get", "/api/events/ev-does-not-exist", {}, 404, "not_found"),
    ("get", "/api/articles/nope", {}, 404, "not_found"),
    ("get", "/api/events?date_from=25/01/2022", {}, 422, "validation_error"),
    ("get", "/api/events?limit=0", {}, 422, "validation_error"),
    ("get", "/api/events?sort=password", {}, 422, "validation_error"),
    ("get", "/api/search", {}, 422, "validation_error"),
    ("post", "/api/extract", {"json": {"txt": "no text field"}}, 422, "validation_error"),
    ("post", "/api/extract", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422,
     "validation_error"),
    ("put", "/api/events", {}, 405, "method_not_allowed"),
    ("post", "/api/ingest", {"json": {"text": "x"}}, 401, "unauthorized"),
    ("post", "/api/ingest", {"json": {"text": "x"}, "headers": {"authorization": "Bearer wrong"}}, 401,
     "unauthorized"),
    ("post", "/api/extract", {"content": b"x" * 2_000_001, "headers": {"content-type": "application/json"}}, 413,
     "too_large"),
    ("get", "/test/marsad-error", {}, 400, "bad_input"),
    ("get", "/test/crash", {}, 500, "internal_error"),
])
def test_every_error_has_one_shape(client, method, path, kwargs, status, code):
    err = assert_error(getattr(client, method)(path, **kwargs), status, code)
    assert "secret internals" not in err["message"]
    if status == 422:
        assert isinstance(err["details"], list) or "sort" in err["message"]
    if status == 401:
        assert "Bearer" in err["message"]


def test_chunked_body_over_the_limit_is_413(client):
    def chunks():
        for _ in range(30):
            yield b"x" * 100_000
    assert_error(client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"}),
                 413, "too_large")


# ---- reading ----
@pytest.mark.parametrize("params,expect", [
    ({"country": "Tunisia"}, {"webtest-en-tunis"}),
    ({"country": "tunisia", "event_type": "Protests"}, {"webtest-en-tunis"}),
    ({"event_type": "Battles", "country": "Syria"}, {"webtest-ar-hasakah"}),
    ({"admin1": "Idleb"}, {"webtest-xss"}),
    ({"date_from": "2023-01-01", "date_to": "2023-12-31", "country": "Tunisia"}, {"webtest-en-tunis"}),
    ({"date_from": "2021-06-06", "date_to": "2021-06-06"}, {"webtest-xss"}),
    ({"actor": "SDF", "country": "Syria"}, {"webtest-ar-hasakah"}),
    ({"q": "bread prices"}, {"webtest-en-tunis"}),
    ({"q": "غويران", "country": "Syria", "event_type": "Battles"}, {"webtest-ar-hasakah"}),
    ({"country": "Atlantis"}, set()),
])
def test_event_filters(client, params, expect):
    body = client.get("/api/events", params=dict(params, limit=100)).json()
    got = {aid for ev in body["items"] for aid in ev["article_ids"] if aid.startswith("webtest-")}
    assert got == expect
    assert body["total"] >= len(body["items"])
    if not expect:
        assert body["total"] == 0


def test_pagination_and_sort(client):
    everything = client.get("/api/events", params={"limit": 1000}).json()
    total = everything["total"]
    assert total >= 4 and len(everything["items"]) == total
    pages = [client.get("/api/events", params={"limit": 2, "offset": o}).json()["items"] for o in range(0, total, 2)]
    assert [e["id"] for p in pages for e in p] == [e["id"] for e in everything["items"]]
    dates = [e["event_date"] for e in everything["items"] if e.get("event_date")]
    assert dates == sorted(dates, reverse=True)
    by_fat = client.get("/api/events", params={"sort": "-fatalities", "limit": 1}).json()["items"][0]
    assert by_fat["fatalities"] == max(e["fatalities"] or 0 for e in everything["items"])
    # a field the store may not sort by is sorted by the web layer
    types = [e["event_type"] for e in client.get("/api/events", params={"sort": "event_type", "limit": 100}).json()["items"]]
    assert types == sorted(types, key=str.casefold)
    assert client.get("/api/events", params={"limit": 10**5}).json()["limit"] == 1000  # clamped to max_limit


def test_event_has_claims_evidence_and_articles(client):
    ev_id = client.get("/api/events", params={"event_type": "Battles", "country": "Syria",
                                              "q": "غويران"}).json()["items"][0]["id"]
    ev = client.get(f"/api/events/{ev_id}").json()
    assert ev["event_type"] == "Battles" and ev["fatalities"] == 12
    art = next(a for a in ev["articles"] if a["id"] == "webtest-ar-hasakah")
    assert art["lang"] == "ar" and "غويران" in art["text"]
    for span in ev["evidence"]:
        assert art["text"][span["start"]:span["end"]] == span["text"]
    stances = sorted(c["stance"] for c in ev["claims"])
    assert stances == ["claimed", "claimed", "denied"]
    figures = sorted(q["low"] for c in ev["claims"] for q in c["quantities"])
    assert figures == [12, 27]


def test_articles_claims_discrepancies_stats_search(client):
    arts = client.get("/api/articles", params={"limit": 100}).json()["items"]
    assert {"webtest-ar-hasakah", "webtest-en-tunis", "webtest-xss"} <= {a["id"] for a in arts}
    one = client.get("/api/articles/webtest-en-tunis").json()
    assert one["text"].startswith("TUNIS") and one["document"]["schema"] == "marsad/1"
    claims = client.get("/api/claims", params={"article_id": "webtest-ar-hasakah"}).json()["items"]
    assert len(claims) == 3
    denied = client.get("/api/claims", params={"stance": "denied"}).json()["items"]
    assert any(c["article_id"] == "webtest-ar-hasakah" for c in denied)
    disc = client.get("/api/discrepancies").json()["items"]
    assert any(d["article_id"] == "webtest-ar-hasakah" and d["unit"] == "killed" for d in disc)
    stats = client.get("/api/stats").json()
    assert stats["events"] >= 4 and stats["articles"] >= 3
    hits = client.get("/api/search", params={"q": "الحسكة"}).json()["items"]
    assert hits and hits[0]["id"] == "webtest-ar-hasakah"


def test_summary_feeds_map_and_timeline(client):
    s = client.get("/api/events/summary", params={"country": "Tunisia"}).json()
    assert s["total"] == 2 and len(s["points"]) == 2
    assert s["days"] == [{"date": "2023-03-03", "counts": {"Protests": 1, "Strategic developments": 1}}]
    assert all(p["lat"] == 36.8065 for p in s["points"])


def test_downloads(client):
    r = client.get("/api/events.csv", params={"country": "Syria"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert {row["country"] for row in rows} == {"Syria"}
    assert any(row["admin1"] == "Al Hasakah" and row["fatalities"] == "12" for row in rows)
    g = client.get("/api/events.geojson", params={"country": "Tunisia"}).json()
    assert g["type"] == "FeatureCollection" and len(g["features"]) == 2
    assert g["features"][0]["geometry"]["coordinates"] == [10.1815, 36.8065]
    assert_error(client.get("/api/events.csv", params={"date_to": "yesterday"}), 422, "validation_error")


# ---- writing ----
ARTICLE = ("دمشق - قالت وكالة الأنباء السورية الرسمية إن ثلاثة جنود قتلوا يوم الاثنين في هجوم بطائرة مسيرة "
           "استهدف موقعاً عسكرياً قرب مدينة درعا جنوبي البلاد.")


def test_extract_returns_marsad1(client):
    r = client.post("/api/extract", json={"text": ARTICLE, "published": "2024-02-06"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["schema"] == "marsad/1" and doc["article"]["lang"] == "ar"
    assert isinstance(doc["events"], list) and isinstance(doc["claims"], list)
    assert client.post("/extract", json={"text": ARTICLE, "published": "2024-02-06"}).json() == doc  # alias
    assert_error(client.post("/ingest", json={"text": ARTICLE}), 401, "unauthorized")
    for junk in ("", "\u202e\u200f<<>>", "x" * 50_000):
        assert client.post("/api/extract", json={"text": junk}).status_code == 200


def test_ingest_needs_the_token_and_is_idempotent(fresh):
    c, token = fresh
    auth = {"authorization": f"Bearer {token}"}
    assert_error(c.post("/api/ingest", json={"text": ARTICLE}), 401, "unauthorized")
    first = c.post("/api/ingest", json={"text": ARTICLE, "title": "Daraa drone strike"}, headers=auth)
    assert first.status_code == 200, first.text
    assert first.json()["added"] == 1
    assert first.json()["documents"][0]["schema"] == "marsad/1"
    assert first.json()["documents"][0]["article"]["title"] == "Daraa drone strike"
    again = c.post("/api/ingest", json={"articles": [{"text": ARTICLE}]}, headers=auth).json()
    assert again["added"] == 0 and again["skipped"] == 1
    arts = c.get("/api/articles").json()["items"]
    assert [a["title"] for a in arts] == ["Daraa drone strike"]


def test_reading_can_require_the_token(tmp_path):
    url = f"sqlite:///{tmp_path / 'closed.db'}"
    token = new_token(token_path(url))
    with TestClient(create_app(db=url, read_token=True), raise_server_exceptions=False) as c:
        assert_error(c.get("/api/events"), 401, "unauthorized")
        assert c.get("/api/events", headers={"authorization": f"Bearer {token}"}).status_code == 200


# ---- safety headers, CORS, docs ----
def test_cors_is_off_by_default_and_can_be_enabled(client, tmp_path):
    r = client.get("/api/stats", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    url = f"sqlite:///{tmp_path / 'cors.db'}"
    with TestClient(create_app(db=url, cors_origins="https://ok.example")) as c:
        ok = c.get("/api/stats", headers={"origin": "https://ok.example"})
        assert ok.headers["access-control-allow-origin"] == "https://ok.example"
        bad = c.get("/api/stats", headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in bad.headers


def test_ui_and_docs_are_served_locally(client):
    r = client.get("/")
    if r.status_code == 503:
        pytest.skip("front-end files not built: run npm ci && scripts/build_web_assets.sh")
    assert r.status_code == 200 and "<script" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "http://" not in r.text and "https://" not in r.text  # nothing from a CDN
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/claims", "/api/discrepancies",
                 "/api/stats", "/api/extract", "/api/ingest", "/api/events.csv", "/api/events.geojson"):
        assert path in spec["paths"], path


def test_every_setting_is_a_documented_serve_option():
    from marsad.web.settings import _check

    _check()
    out = subprocess.run([sys.executable, "-m", "marsad", "serve", "--help"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    for name, _default, help_text in SETTINGS:
        assert "--" + name.replace("_", "-") in out, name
        assert help_text.split()[0] in out


def test_token_command(tmp_path):
    db = tmp_path / "t.db"
    r = subprocess.run([sys.executable, "-m", "marsad", "token", "--db", f"sqlite:///{db}"], capture_output=True,
                       text=True, cwd=ROOT, check=True)
    token = r.stdout.strip()
    path = Path(str(db) + ".tokens.json")
    assert token.startswith("msd_") and path.exists()
    assert token not in path.read_text()  # only the hash is stored
    assert path.stat().st_mode & 0o077 == 0
    assert check(path, token) and not check(path, token + "x") and not check(path, None)
    assert json.loads(path.read_text())["tokens"][0]["name"] == "default"


def test_marsad_serve_through_its_entry_point(web_store_url):
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", web_store_url, "--port", str(port),
                             "--log-level", "warning"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?country=Tunisia", timeout=2) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "marsad serve did not answer"
                time.sleep(0.2)
        assert body["total"] == 2
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_refuses_a_bad_store_url_in_one_line():
    r = subprocess.run([sys.executable, "-m", "marsad", "serve", "--db", "mysql://nope/x"], capture_output=True,
                       text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 2
    assert r.stderr.startswith("marsad serve: ") and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("q", ['"', "AND OR NOT", "*", "))((", "NEAR(a b)", "الحَسَكة", "\u202e\u200f", "a" * 400,
                               "x' OR 1=1 --", "%", "_", 'a"b', "-x", "x:y", "^a", "\x00", "ـــ", "ً"])
def test_junk_text_queries_never_crash(client, q):
    for path in ("/api/events", "/api/events/summary", "/api/search", "/api/articles", "/api/events.csv"):
        r = client.get(path, params={"q": q})
        assert r.status_code == 200, (path, r.text)
    assert client.get("/api/events", params={"q": q, "country": "Atlantis"}).json()["total"] == 0
