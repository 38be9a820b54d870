"""`marsad extract` through its real entry point: formats, jsonl batches, bad input.

Every document printed is validated against the shipped JSON Schema."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.schema import validate

ROOT = Path(__file__).resolve().parent.parent
GHWAYRAN = ROOT / "examples" / "ghwayran" / "article.ar.txt"
EN_TEXT = ("BEIRUT (AP) — Gunmen attacked a checkpoint of government forces near the town of Daraa "
           "on Sunday, killing three soldiers, a war monitor said.\n")


def marsad(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=600, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def documents(out: bytes) -> list[dict]:
    text = out.decode("utf-8").strip()
    if not text:
        return []
    if text.startswith("["):
        return json.loads(text)
    if text.startswith("{") and "\n{" not in text:
        return [json.loads(text)]
    return [json.loads(line) for line in text.splitlines()]


def check_valid(docs: list[dict]) -> None:
    for doc in docs:
        validate(doc)
        text_len = None
        for ev in doc["events"]:
            for span in ev["evidence"]:
                assert span["start"] <= span["end"]
        assert doc["schema"] == "marsad/1"


def test_one_file_gives_one_json_document():
    r = marsad("extract", str(GHWAYRAN))
    assert r.returncode == 0, r.stderr
    docs = documents(r.stdout)
    assert len(docs) == 1 and docs[0]["article"]["lang"] == "ar"
    check_valid(docs)


def test_two_files_give_jsonl(tmp_path):
    p = tmp_path / "en.txt"
    p.write_text(EN_TEXT)
    r = marsad("extract", str(GHWAYRAN), str(p))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().strip().splitlines()
    assert len(lines) == 2
    docs = [json.loads(x) for x in lines]
    assert [d["article"]["lang"] for d in docs] == ["ar", "en"]
    check_valid(docs)


def test_jsonl_batch_keeps_ids_order_and_reports_bad_lines(tmp_path):
    rows = [json.dumps({"id": f"a{i}", "text": EN_TEXT, "published": "2022-01-24"}) for i in range(5)]
    rows.insert(2, "{not json")
    rows.insert(4, json.dumps({"id": "no-text"}))
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(rows) + "\n")
    r = marsad("extract", str(p))
    assert r.returncode == 1  # partial: some lines were bad
    docs = documents(r.stdout)
    assert [d["article"]["id"] for d in docs] == [f"a{i}" for i in range(5)]
    assert all(d["article"]["published"] == "2022-01-24" for d in docs)
    err = r.stderr.decode()
    assert f"{p}:3:" in err and f"{p}:5:" in err and "Traceback" not in err
    check_valid(docs)


def test_stdin_and_date_option():
    r = marsad("extract", "-", "--date", "2022-01-24", "--lang", "en", stdin=b"Protesters gathered in Beirut on Sunday.")
    assert r.returncode == 0, r.stderr
    (doc,) = documents(r.stdout)
    assert doc["article"]["published"] == "2022-01-24" and doc["article"]["lang"] == "en"
    check_valid([doc])


@pytest.mark.parametrize("encoding, bom", [("cp1256", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf")])
def test_encodings_decode_right(tmp_path, encoding, bom):
    text = GHWAYRAN.read_text(encoding="utf-8")
    p = tmp_path / f"article.{encoding}.txt"
    p.write_bytes(bom + text.encode(encoding))
    r = marsad("extract", str(p))
    assert r.returncode == 0, r.stderr
    (doc,) = documents(r.stdout)
    assert doc["article"]["lang"] == "ar"
    ref = documents(marsad("extract", str(GHWAYRAN)).stdout)[0]
    assert doc["events"] == ref["events"] and doc["claims"] == ref["claims"]


def test_html_reduced_to_text_with_offsets_into_the_html(tmp_path):
    body = GHWAYRAN.read_text(encoding="utf-8").replace("\n", "</p>\n<p>")
    page = (f"<!doctype html><html><head><title>سجن غويران</title><style>p{{color:red}}</style>"
            f"<script>var x = '<p>قتل 500 شخص</p>';</script></head><body><p>{body}</p></body></html>")
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    r = marsad("extract", str(p))
    assert r.returncode == 0, r.stderr
    (doc,) = documents(r.stdout)
    assert doc["article"]["title"] == "سجن غويران"
    for claim in doc["claims"]:
        assert page[claim["start"]:claim["end"]] == claim["text"]
        assert "<" not in claim["text"]
    for ev in doc["events"]:
        for span in ev["evidence"]:
            assert page[span["start"]:span["end"]] == span["text"]
    assert not any(q["low"] == 500 for c in doc["claims"] for q in c["quantities"])  # script text ignored
    check_valid([doc])


def test_empty_file_gives_document_with_no_events(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = marsad("extract", str(p))
    assert r.returncode == 0, r.stderr
    (doc,) = documents(r.stdout)
    assert doc["events"] == [] and doc["claims"] == []
    check_valid([doc])


@pytest.mark.slow
def test_huge_file_is_processed_in_pieces(tmp_path):
    text = GHWAYRAN.read_text(encoding="utf-8")
    copies = (20 * 1024 * 1024) // len(text.encode("utf-8")) + 1
    p = tmp_path / "huge.txt"
    with p.open("w", encoding="utf-8") as f:
        for _ in range(copies):
            f.write(text + "\n\n")
    assert p.stat().st_size >= 20 * 1024 * 1024
    r = marsad("extract", str(p), "--format", "jsonl")
    assert r.returncode == 0, r.stderr[-2000:]
    (doc,) = documents(r.stdout)
    big = p.read_text(encoding="utf-8")
    for claim in doc["claims"][:200]:
        assert big[claim["start"]:claim["end"]] == claim["text"]
    assert len({c["id"] for c in doc["claims"]}) == len(doc["claims"])
    assert len({e["id"] for e in doc["events"]}) == len(doc["events"])
    check_valid([doc])


@pytest.mark.parametrize("make", ["junk", "dir", "missing", "bad-date"])
def test_user_mistakes_give_one_line_and_exit_2(tmp_path, make):
    if make == "junk":
        p = tmp_path / "junk.bin"
        p.write_bytes(bytes(range(256)) * 40 + os.urandom(4000))
        args = [str(p)]
    elif make == "dir":
        args = [str(tmp_path)]
    elif make == "missing":
        args = [str(tmp_path / "nope.txt")]
    else:
        args = [str(GHWAYRAN), "--date", "24/01/2022"]
    r = marsad("extract", *args)
    assert r.returncode == 2
    err = r.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert r.stdout == b""


def test_acled_csv_and_geojson(tmp_path):
    r = marsad("extract", str(GHWAYRAN), "--format", "acled-csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    header = r.stdout.decode().splitlines()[0].split(",")
    assert header[:5] == ["event_date", "time_precision", "disorder_type", "event_type", "sub_event_type"]
    assert "fatalities_best" in header and "article_id" in header
    ref = documents(marsad("extract", str(GHWAYRAN)).stdout)[0]
    assert len(rows) == len(ref["events"])
    r = marsad("extract", str(GHWAYRAN), "--format", "geojson")
    fc = json.loads(r.stdout)
    assert fc["type"] == "FeatureCollection"
    located = [e for e in ref["events"] if e["latitude"] is not None]
    assert len(fc["features"]) == len(located)
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -90 <= lat <= 90 and -180 <= lon <= 180
