"""Shared fixtures. Tests that read ../shared (third-party corpora) use
``shared_dir`` and are skipped with a reason when it is absent: a user's clone
has no ../shared; CI has it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"needs the third-party corpora in {SHARED} (absent in a user's clone; present in CI)")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    from marsad.pipeline import default_pipeline

    return default_pipeline()


# --- web fixtures ---
# A served workbench over a temporary SQLite store: the bundled examples ingested through the
# pipeline, plus three team-written articles with hand-coded records (so the pages always have
# events, evidence, claims and a discrepancy to show, whatever the pipeline finds), one of them
# carrying script/onerror payloads in its text, title and names.

WEB_XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def web_samples() -> list:
    """(StoredArticle, DocumentRecord) pairs written by the team for the web tests."""
    from marsad.records import (Article, Claim, Discrepancy, DocumentRecord, Event, Evidence, Plover, Quantity,
                                Source)
    from marsad.store.base import StoredArticle

    out = []

    def ev(text, id, pieces, **kw):
        evidence = [Evidence(*_span(text, p), p) for p in pieces]
        base = dict(time_precision=1, disorder_type="Political violence", plover=Plover("FIGHT"), geo_precision=2,
                    evidence=evidence, confidence=0.8)
        base.update(kw)
        return Event(id=id, **base)

    def claim(text, id, piece, source, stance, quantities=(), event_ids=(), said_on=None, cue=None):
        s, e = _span(text, piece)
        qs = []
        for qtext, low, high, qual, unit in quantities:
            qs_, qe = _span(text, qtext)
            qs.append(Quantity(low, high, qual, unit, qtext, qs_, qe))
        return Claim(id=id, source=source, cue=cue, stance=stance, said_on=said_on, text=piece, start=s, end=e,
                     quantities=qs, event_ids=list(event_ids))

    # 1. Arabic: a clash in al-Hasakah with two sources disagreeing on the dead.
    ar = ("الحسكة (سوريا) - اندلعت اشتباكات عنيفة مساء الثلاثاء في حي غويران بمدينة الحسكة بين قوات سوريا "
          "الديمقراطية ومسلحين من تنظيم الدولة الإسلامية.\n"
          "وقال المتحدث باسم قوات سوريا الديمقراطية إن 12 مقاتلاً على الأقل قتلوا في الهجوم.\n"
          "لكن المرصد السوري لحقوق الإنسان قال إن عدد القتلى بلغ 27 شخصاً، بينهم مدنيون.\n"
          "ونفى التنظيم في بيان أن يكون قد استهدف المدنيين.")
    c1 = claim(ar, "c1", "إن 12 مقاتلاً على الأقل قتلوا في الهجوم", Source("person", "SDF spokesperson", "SDF: Syrian Democratic Forces", "spokesperson", "المتحدث باسم قوات سوريا الديمقراطية"),
               "claimed", [("12 مقاتلاً على الأقل", 12, None, "at_least", "killed")], ["e1"], "2022-01-25", "وقال")
    c2 = claim(ar, "c2", "إن عدد القتلى بلغ 27 شخصاً، بينهم مدنيون", Source("organization", "Syrian Observatory for Human Rights", None, None, "المرصد السوري لحقوق الإنسان"),
               "claimed", [("27 شخصاً", 27, 27, "exact", "killed")], ["e1"], "2022-01-25", "قال")
    c3 = claim(ar, "c3", "أن يكون قد استهدف المدنيين", Source("organization", "Islamic State", None, None, "تنظيم الدولة الإسلامية"),
               "denied", [], ["e1"], None, "نفى")
    e1 = ev(ar, "e1", ["اندلعت اشتباكات عنيفة مساء الثلاثاء في حي غويران بمدينة الحسكة", "12 مقاتلاً على الأقل قتلوا"],
            event_date="2022-01-25", event_type="Battles", sub_event_type="Armed clash",
            actor1="Islamic State (Syria)", actor2="SDF: Syrian Democratic Forces", inter1="Rebel group",
            inter2="Rebel group", country="Syria", iso=760, admin1="Al Hasakah", location="Al Hasakah",
            location_ar="الحسكة", latitude=36.5024, longitude=40.7477, fatalities=12, fatalities_low=12,
            fatalities_best=12, fatalities_high=27, claim_ids=["c1", "c2", "c3"])
    d1 = Discrepancy("killed", ["c1", "c2"], "SDF spokesperson: at least 12 killed; SOHR: 27 killed", ["killed"])
    rec = DocumentRecord(Article("webtest-ar-hasakah", "ar", "اشتباكات في الحسكة", "2022-01-26", source="Marsad test wire"),
                         [e1], [c1, c2, c3], [d1])
    out.append((StoredArticle("webtest-ar-hasakah", ar, "ar", rec.article.title, "2022-01-26", "Marsad test wire"), rec))

    # 2. English: a protest and arrests in Tunis.
    en = ("TUNIS, March 4 (Marsad test wire) - Several hundred protesters marched through central Tunis on "
          "Friday against rising bread prices, witnesses said. Police said they arrested 14 people after "
          "scuffles near the interior ministry.")
    c4 = claim(en, "c1", "they arrested 14 people after scuffles near the interior ministry",
               Source("organization", "Police (Tunisia)"), "claimed",
               [("14 people", 14, 14, "exact", "arrested")], ["e2"], "2023-03-04", "said")
    e2 = ev(en, "e1", ["Several hundred protesters marched through central Tunis on Friday"],
            event_date="2023-03-03", event_type="Protests", sub_event_type="Peaceful protest",
            disorder_type="Demonstrations", actor1="Protesters (Tunisia)", country="Tunisia", iso=788,
            admin1="Tunis", location="Tunis", latitude=36.8065, longitude=10.1815, plover=Plover("PROTEST", "demonstrate"))
    e3 = ev(en, "e2", ["Police said they arrested 14 people"], event_date="2023-03-03",
            event_type="Strategic developments", sub_event_type="Arrests", disorder_type="Strategic developments",
            actor1="Police Forces of Tunisia (2021-)", actor2="Protesters (Tunisia)", country="Tunisia", iso=788,
            admin1="Tunis", location="Tunis", latitude=36.8065, longitude=10.1815, claim_ids=["c1"])
    rec = DocumentRecord(Article("webtest-en-tunis", "en", "Bread-price protest in Tunis", "2023-03-04",
                                 source="Marsad test wire"), [e2, e3], [c4], [])
    out.append((StoredArticle("webtest-en-tunis", en, "en", rec.article.title, "2023-03-04", "Marsad test wire"), rec))

    # 3. Hostile: payloads in the text, the title and every name.
    xs = (f"قصف {WEB_XSS} مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي صباح الأحد. "
          f"Shelling hit Kafr Nabl {WEB_XSS} on Sunday morning, local sources said.")
    e4 = ev(xs, "e1", [f"قصف {WEB_XSS} مدفعي على بلدة كفرنبل"], event_date="2021-06-06",
            event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
            actor1=f"Military Forces of Syria {WEB_XSS}", actor2=f"Civilians {WEB_XSS}", country="Syria", iso=760,
            admin1="Idleb", location=f"Kafr Nabl {WEB_XSS}", location_ar=f"كفرنبل {WEB_XSS}",
            latitude=35.6144, longitude=36.5611, notes=f"note {WEB_XSS}", claim_ids=["c1"])
    c5 = claim(xs, "c1", f"Shelling hit Kafr Nabl {WEB_XSS} on Sunday morning",
               Source("anonymous", f"local sources {WEB_XSS}"), "claimed", [], ["e1"], None, "said")
    rec = DocumentRecord(Article("webtest-xss", "ar", f"Payload title {WEB_XSS}", "2021-06-06",
                                 source=f"Wire {WEB_XSS}"), [e4], [c5],
                         [Discrepancy("killed", ["c1"], f"summary {WEB_XSS}", ["killed"])])
    out.append((StoredArticle("webtest-xss", xs, "ar", rec.article.title, "2021-06-06", rec.article.source), rec))
    return out


def fill_web_store(url: str) -> None:
    """The bundled examples through the pipeline, then the team-written samples."""
    from marsad.pipeline import default_pipeline
    from marsad.store import open_store
    from marsad.store.base import StoredArticle

    pipe = default_pipeline()
    pairs = []
    for path in sorted((ROOT / "examples").glob("*/article.*.txt")):
        text = path.read_text(encoding="utf-8")
        rec = pipe.extract(text)
        a = rec.article
        pairs.append((StoredArticle(a.id, text, a.lang, a.title, a.published, a.source, a.url), rec))
    store = open_store(url)
    try:
        store.add(pairs + web_samples())
    finally:
        store.close()


@pytest.fixture(scope="session")
def web_store_url(tmp_path_factory) -> str:
    pytest.importorskip("marsad.store.sql", reason="the SQLite store is not built yet")
    url = "sqlite:///" + str(tmp_path_factory.mktemp("web") / "web.db")
    fill_web_store(url)
    return url


_WEB_TOKENS: dict[str, str] = {}


def web_token(base_url: str) -> str:
    """The write token of the served workbench at ``base_url``."""
    return _WEB_TOKENS[base_url]


@pytest.fixture(scope="session")
def web_server(web_store_url):
    """A real uvicorn serving the workbench on a free port of 127.0.0.1; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from marsad.web import create_app
    from marsad.web.tokens import new_token, token_path

    token = new_token(token_path(web_store_url), "web-tests")
    app = create_app(db=web_store_url)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    _WEB_TOKENS[base] = token
    yield base
    server.should_exit = True
    thread.join(timeout=10)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, web_server):
    """A fresh page; fails the test on any page error or any request leaving 127.0.0.1."""
    # bypass_csp: Playwright's waits evaluate strings, which the app's CSP forbids; it also makes the
    # hostile-text test check the escaping itself, not the CSP behind it.
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB", bypass_csp=True)
    pg = context.new_page()
    pg.errors = []
    pg.outside = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("request", lambda req: req.url.startswith(web_server) or req.url.startswith("data:") or pg.outside.append(req.url))
    yield pg
    context.close()


# --- store fixtures ---
@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL 15 server on 127.0.0.1 for the session (tests/pg.py)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pg import PostgresServer, available

    reason = available()
    if reason:
        pytest.skip(reason)
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server, request) -> str:
    """A fresh, empty database on the test server."""
    import re

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:50]
    return pg_server.create_db(name)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'marsad.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'marsad.db'}"
    return request.getfixturevalue("pg_url")
