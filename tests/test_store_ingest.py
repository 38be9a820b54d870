"""Ingest end to end: the corpora twice, a run killed with SIGKILL and resumed, Dask
against one process, PostgreSQL against SQLite record for record, and the CLI
(ingest, export in every format, stats, search) through its real entry point."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.engine import DaskEngine, LocalEngine, get_engine
from marsad.formats import ACLED_COLUMNS
from marsad.store import open_store
from marsad.store.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
ANT = "corpora/ant_multisource_arabic_news_2018/ant_multisource_sample.jsonl"
SNN = "corpora/saudinewsnet_yemen_2015_sample/saudinewsnet_yemen_sample600.jsonl"


def marsad(*args: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], cwd=ROOT, capture_output=True, text=True,
                          check=check, **kw)


def dump(url: str) -> dict:
    """Everything a store holds, in a comparable form."""
    store = open_store(url)
    try:
        ids = sorted(a["id"] for a in store.articles(limit=10**7))
        return {
            "stats": store.stats(),
            "articles": [store.article(a) for a in ids],
            "events": sorted(store.events(limit=10**7), key=lambda e: e["id"]),
            "claims": sorted(store.claims(limit=10**7), key=lambda c: c["key"]),
            "discrepancies": sorted(store.discrepancies(limit=10**7), key=lambda d: (d["article_id"], d["summary"])),
        }
    finally:
        store.close()


def assert_same(got: dict, want: dict) -> None:
    """Two dumps are equal; on failure, say where they first differ."""
    for key in want:
        if key == "articles":
            for a, b in zip(got[key], want[key]):
                for field in b:
                    assert a.get(field) == b[field], f"article {b['id']}: {field} differs"
        assert got[key] == want[key], f"{key} differs"


@pytest.fixture(scope="module")
def corpus_subset(shared_dir, tmp_path_factory) -> Path:
    """40 ANT articles (the sample's syndicated duplicates among them) and 20 SaudiNewsNet
    articles, in a temporary JSONL (corpus text never enters the repository)."""
    ant = [json.loads(line) for line in (shared_dir / ANT).open(encoding="utf-8")]
    seen: dict[str, int] = {}
    for row in ant:
        seen[row["text"]] = seen.get(row["text"], 0) + 1
    dups = [r for r in ant if seen[r["text"]] > 1][:6]
    rows = dups + [r for r in ant if seen[r["text"]] == 1][: 40 - len(dups)]
    rows += [json.loads(line) for _, line in zip(range(20), (shared_dir / SNN).open(encoding="utf-8"))]
    path = tmp_path_factory.mktemp("corpus") / "subset.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def run_ingest(url: str, paths: list[str], engine=None):
    store = open_store(url)
    engine = engine or LocalEngine(1)
    try:
        return ingest(paths, store, engine)
    finally:
        store.close()


@pytest.fixture(scope="module")
def reference(corpus_subset, tmp_path_factory):
    """The subset ingested by one process into SQLite: (url, AddResult, dump)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    result = run_ingest(url, [str(corpus_subset)])
    return url, result, dump(url)


@pytest.mark.corpora
def test_corpora_twice_same_counts(corpus_subset, reference):
    url, first, before = reference
    second = run_ingest(url, [str(corpus_subset)])
    assert first.added + first.copies + first.failed == 60
    assert first.copies >= 1  # the ANT sample carries one story under several ids
    assert second.added == second.copies == second.conflicts == 0
    assert second.skipped == first.added + first.copies
    assert dump(url) == before
    assert before["stats"]["articles"] == first.added
    assert before["stats"]["sources"] >= 5


@pytest.mark.corpora
@pytest.mark.slow
def test_dask_equals_one_process(corpus_subset, reference, tmp_path):
    dask_url = f"sqlite:///{tmp_path / 'dask.db'}"
    with DaskEngine(workers=2, batch=4) as engine:
        assert engine.workers == 2
        run_ingest(dask_url, [str(corpus_subset)], engine)
    assert_same(dump(dask_url), reference[2])


@pytest.mark.corpora
def test_local_pool_equals_one_process(corpus_subset, reference, tmp_path):
    pool_url = f"sqlite:///{tmp_path / 'pool.db'}"
    with LocalEngine(2) as engine:
        run_ingest(pool_url, [str(corpus_subset)], engine)
    assert_same(dump(pool_url), reference[2])


@pytest.mark.corpora
@pytest.mark.postgres
def test_postgres_equals_sqlite_on_corpora(corpus_subset, reference, pg_url):
    with LocalEngine(2) as engine:
        run_ingest(pg_url, [str(corpus_subset)], engine)
    assert_same(dump(pg_url), reference[2])


@pytest.mark.postgres
def test_postgres_equals_sqlite_with_merged_events(sqlite_url, pg_url):
    from test_store_merge import CLASH_AR, LONG_AR, OTHER_AR, STRIKE_AR2, art, doc, event

    items = [
        (art("a1", LONG_AR, "A"), doc("a1", event(claim_ids=["c1"]))),
        (art("a2", OTHER_AR, "B"), doc("a2", event(evidence=STRIKE_AR2, low=7, high=9))),
        (art("a3", LONG_AR.replace("ثلاثة عشر", "أربعة عشر"), "C"), doc("a3", event())),
        (art("a4", CLASH_AR * 4, "D"), doc("a4", event(etype="Battles", location="Hama", evidence=CLASH_AR))),
    ]
    for url in (sqlite_url, pg_url):
        store = open_store(url)
        store.add(items)
        store.close()
    got = dump(pg_url)
    assert got == dump(sqlite_url)
    assert got["stats"]["merged_events"] == 1 and got["stats"]["copies"] == 1


def test_engines_map_in_order():
    items = list(range(50))
    assert list(LocalEngine(1).map(abs, items)) == items
    with LocalEngine(2, warm=None) as engine:
        assert list(engine.map(abs, items)) == items


@pytest.mark.slow
def test_dask_engine_map_in_order():
    with get_engine("dask", workers=2) as engine:
        assert list(engine.map(abs, range(-30, 0))) == list(range(30, 0, -1))


# ---- SIGKILL ----------------------------------------------------------------------

WORDS = ("قصف غارة اشتباك مسلحين قوات الجيش مدينة قرية ريف شمال جنوب شرق غرب مقتل إصابة جرحى مدنيين "
         "أطفال مستشفى سوق مسجد مدرسة طائرة مدفعية صاروخ عبوة انفجار حاجز دورية الشرطة المعارضة فصائل "
         "النظام التحالف الحكومة وزارة مصادر محلية ناشطون مرصد حقوق الإنسان بيان رسمي الأحد الاثنين").split()


def synthetic_jsonl(path: Path, n: int) -> list[str]:
    """n short Arabic articles of random words (ours), each distinct."""
    rng = random.Random(7)
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(rng.choice(WORDS) for _ in range(40)) + f" {i}."
            ids.append(f"syn-{i:05d}")
            fh.write(json.dumps({"id": ids[-1], "text": text, "source": f"outlet-{i % 7}",
                                 "published": "2023-06-01"}, ensure_ascii=False) + "\n")
    return ids


def test_sigkill_and_resume_stores_every_article_once(tmp_path):
    src = tmp_path / "many.jsonl"
    ids = synthetic_jsonl(src, 300)
    db = tmp_path / "kill.db"
    url = f"sqlite:///{db}"
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(src), "--db", url, "--workers", "2",
                             "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.time() + 120
    try:
        while time.time() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                except sqlite3.Error:
                    stored = 0
                if stored >= 20:
                    break
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        killed_at = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 20 <= killed_at < len(ids)

    marsad("ingest", str(src), "--db", url, "--workers", "2", "--quiet")
    with sqlite3.connect(db) as conn:
        got = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
        fts = conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0]
        bands = conn.execute("SELECT COUNT(DISTINCT article_id) FROM minhash_bands").fetchone()[0]
    assert got == ids  # every article exactly once
    assert fts == len(ids) and bands == len(ids)  # and each one whole
    assert open_store(url).stats()["articles"] == len(ids)


# ---- the CLI and the exports ------------------------------------------------------

@pytest.fixture
def events_db(sqlite_url) -> str:
    from test_store_merge import CLASH_AR, LONG_AR, OTHER_AR, STRIKE_AR, STRIKE_EN, art, doc, event

    store = open_store(sqlite_url)
    store.add([
        (art("a1", LONG_AR, "Agency"), doc("a1", event())),
        (art("a2", OTHER_AR, "Daily"), doc("a2", event(evidence=STRIKE_EN, low=6, high=8))),
        (art("a3", CLASH_AR * 3, "Agency"), doc("a3", event(date="2023-05-20", etype="Battles", location="Hama",
                                                              actor2="Hayat Tahrir al-Sham", evidence=CLASH_AR))),
        (art("a4", STRIKE_AR * 2 + " Mosul", "Wire"), doc("a4", event(date="2023-04-02", country="Iraq",
                                                                       location="Mosul", evidence="Mosul"))),
    ])
    store.close()
    return sqlite_url


def test_acled_csv_opens_in_pandas_with_acled_types(events_db, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    marsad("export", "--db", events_db, "--format", "acled-csv", "-o", str(out))
    df = pd.read_csv(out)
    assert list(df.columns) == list(ACLED_COLUMNS)
    assert len(df) == 3
    for col in ("time_precision", "geo_precision", "fatalities", "fatalities_low", "fatalities_high"):
        assert str(df[col].dtype) == "int64", col
    for col in ("latitude", "longitude"):
        assert str(df[col].dtype) == "float64", col
    assert pd.to_datetime(df["event_date"], format="%Y-%m-%d").notna().all()
    for col in ("event_type", "sub_event_type", "actor1", "country", "source", "notes"):
        assert df[col].dtype == object or str(df[col].dtype) in ("string", "str"), col
    merged = df[df["fatalities_high"] == 8].iloc[0]
    assert merged["source"] == "Agency; Daily" and merged["fatalities"] == 5


@pytest.mark.parametrize("args, n", [
    ([], 3), (["--country", "Iraq"], 1), (["--from", "2023-05-01"], 2), (["--to", "2023-05-14"], 2),
    (["--event-type", "Battles"], 1), (["--admin1", "Idlib"], 1), (["--actor", "tahrir"], 1),
    (["--from", "2023-05-15", "--to", "2023-05-31", "--country", "Syria"], 1),
])
def test_export_filters(events_db, args, n):
    out = marsad("export", "--db", events_db, "--format", "jsonl", *args).stdout
    assert len(out.splitlines()) == n


def test_export_formats(events_db, tmp_path):
    geo = json.loads(marsad("export", "--db", events_db, "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 1  # only Idlib has coordinates
    assert geo["features"][0]["geometry"]["coordinates"] == [36.63, 35.93]
    plover = json.loads(marsad("export", "--db", events_db, "--format", "plover-json").stdout)
    assert {p["event"] for p in plover} == {"ASSAULT"} and len(plover) == 3
    assert all(p["date"] and p["source"] for p in plover)
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    marsad("export", "--db", events_db, "--format", "parquet", "-o", str(out))
    table = pq.read_table(out)
    assert table.column_names == list(ACLED_COLUMNS) and table.num_rows == 3
    assert str(table.schema.field("fatalities").type) == "int64"


def test_export_bad_date_is_exit_2(events_db):
    res = marsad("export", "--db", events_db, "--from", "May 2023", check=False)
    assert res.returncode == 2 and "YYYY-MM-DD" in res.stderr


def test_stats_and_search_tables(events_db):
    out = marsad("stats", "--db", events_db).stdout
    assert "articles" in out and "Explosions/Remote violence" in out and "2023-05" in out
    stats = json.loads(marsad("stats", "--db", events_db, "--json").stdout)
    assert stats["events"] == 3 and stats["merged_events"] == 1
    out = marsad("search", "--db", events_db, "اشتباكات").stdout
    assert "a3" in out and "1 matches" in out
    assert marsad("search", "--db", events_db, "nothing-like-this", check=False).returncode == 1


def test_ingest_cli_files_and_progress(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    synthetic_jsonl(src / "a.jsonl", 5)
    (src / "note.txt").write_text("انفجار سيارة مفخخة في حي سكني ببغداد وسقوط ضحايا.", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    res = marsad("ingest", str(src), "--db", url, "--workers", "1")
    assert "6 articles added" in res.stderr and "article/s" in res.stderr  # the summary and the progress bar
    res = marsad("ingest", str(src), "--db", url, "--workers", "1", "--quiet")
    assert res.stderr == ""
    assert open_store(url).stats()["articles"] == 6


@pytest.mark.parametrize("args, message", [
    (["--engine", "local", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    (["--workers", "0"], "--workers must be at least 1"),
    (["--db", "oracle://x"], "unknown store URL"),
])
def test_ingest_cli_errors(tmp_path, args, message):
    (tmp_path / "a.txt").write_text("نص قصير.", encoding="utf-8")
    res = marsad("ingest", str(tmp_path / "a.txt"), "--db", f"sqlite:///{tmp_path / 'e.db'}", *args, check=False)
    assert res.returncode == 2 and message in res.stderr
