"""Reading ingest sources: JSONL of several corpora's shapes, RSS and Atom feeds, HTML
pages, WARC archives, directories, and bad input (every text here is ours)."""

from __future__ import annotations

import io
import json

import pytest

from marsad.errors import InputError
from marsad.sources import count_articles, iso_date, prepare, read_sources

STORY_AR = "قالت مصادر محلية إن انفجار عبوة ناسفة استهدف دورية للشرطة في مدينة الرمادي غرب العراق مساء الخميس."
STORY_EN = "A roadside bomb hit a police patrol in Ramadi, western Iraq, on Thursday evening, local sources said."


def articles(paths):
    return [a for a in read_sources([str(p) for p in paths]) if not isinstance(a, InputError)]


def errors(paths):
    return [a for a in read_sources([str(p) for p in paths]) if isinstance(a, InputError)]


@pytest.mark.parametrize("row, want", [
    # ANT's shape: docno, source, url, time (RFC 822), title, text
    ({"docno": "BB-1", "source": "BBC", "url": "http://x/1", "time": "Fri, 30 Mar 2018 00:31:33 GMT",
      "title": "عنوان", "text": STORY_AR},
     {"id": "BB-1", "source": "BBC", "published": "2018-03-30", "title": "عنوان", "url": "http://x/1"}),
    ({"docno": "SK-2", "source": "skynews", "time": "Wed, 18 Apr 2018 15:40:57 +0400", "text": STORY_AR},
     {"id": "SK-2", "published": "2018-04-18"}),
    # SaudiNewsNet's shape: source, url, date_extracted, title, content (no id)
    ({"source": "okaz", "url": "http://y/2", "date_extracted": "2015-08-02 22:57:35", "title": "خبر",
      "content": STORY_AR},
     {"source": "okaz", "published": "2015-08-02", "title": "خبر"}),
    # marsad's own: id, text, published, lang
    ({"id": 17, "text": STORY_EN, "published": "2020-01-05", "lang": "en"},
     {"id": "17", "published": "2020-01-05", "lang": "en"}),
])
def test_jsonl_shapes(tmp_path, row, want):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (a,) = articles([path])
    for key, value in want.items():
        assert getattr(a, key) == value
    assert a.text in (STORY_AR, STORY_EN)
    assert a.id  # the caller's, else a hash of the text
    if "id" not in want:
        assert len(a.id) == 16


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([json.dumps({"id": "ok", "text": STORY_EN}), "{not json", "[1, 2]",
                               json.dumps({"id": "no-text"}), ""]) + "\n", encoding="utf-8")
    assert [a.id for a in articles([path])] == ["ok"]
    messages = [str(e) for e in errors([path])]
    assert len(messages) == 3 and all("mixed.jsonl:" in m for m in messages)


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title>
<item><guid>n-1</guid><title>Bomb in Ramadi</title><link>http://example.org/1</link>
<pubDate>Thu, 04 Jan 2024 18:00:00 GMT</pubDate><description>&lt;p&gt;{en}&lt;/p&gt;</description></item>
<item><guid>n-2</guid><title>انفجار في الرمادي</title><link>http://example.org/2</link>
<pubDate>Fri, 05 Jan 2024 08:00:00 +0300</pubDate><description>{ar}</description></item>
</channel></rss>""".format(en=STORY_EN, ar=STORY_AR)

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title>
<entry><id>urn:a:1</id><title>Ramadi</title><link href="http://example.org/a1"/>
<updated>2024-02-01T10:00:00Z</updated><content type="html">&lt;p&gt;{en}&lt;/p&gt;</content></entry>
</feed>""".format(en=STORY_EN)


def test_rss_feed(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    got = articles([path])
    assert [(a.id, a.published, a.source, a.url) for a in got] == [
        ("n-1", "2024-01-04", "Example News", "http://example.org/1"),
        ("n-2", "2024-01-05", "Example News", "http://example.org/2")]
    assert got[0].text == STORY_EN and got[1].text == STORY_AR


def test_atom_feed_by_content(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    (a,) = articles([path])
    assert (a.id, a.published, a.source, a.title, a.text) == ("urn:a:1", "2024-02-01", "Atom Outlet", "Ramadi", STORY_EN)


PAGE = """<!doctype html><html><head><title>Ramadi bomb | Example</title>
<meta property="og:site_name" content="Example Daily"><meta name="date" content="2024-03-03"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Bomb hits police patrol</h1><p>{p}</p><p>{p2}</p></article>
<footer>Copyright Example Daily. All rights reserved.</footer></body></html>"""


def test_html_page_main_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(p=STORY_EN, p2="Two officers were wounded, the police said in a statement."),
                    encoding="utf-8")
    (pending,) = articles([path])
    a = prepare(pending)
    assert STORY_EN in a.text and "Copyright" not in a.text and "Home" not in a.text
    assert (a.published, a.source) == ("2024-03-03", "Example Daily")
    assert len(a.id) == 16


def _warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                                          http_headers=headers))


def test_warc_archive(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [
        ("http://example.org/a", "text/html; charset=utf-8", PAGE.format(p=STORY_AR, p2=STORY_AR)),
        ("http://example.org/logo.png", "image/png", "PNG"),
        ("http://example.org/b", "text/html", PAGE.format(p=STORY_EN, p2=STORY_EN)),
    ])
    got = articles([path])
    assert [a.url for a in got] == ["http://example.org/a", "http://example.org/b"]
    texts = [prepare(a).text for a in got]
    assert STORY_AR in texts[0] and STORY_EN in texts[1]
    assert got[0].id.startswith("u") and got[0].meta["crawl_date"]
    assert count_articles([str(path)]) is None  # unknown without reading the archive


def test_directory_of_mixed_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(STORY_AR, encoding="utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text(json.dumps({"id": "b1", "text": STORY_EN}) + "\n"
                                              + json.dumps({"id": "b2", "text": STORY_AR}) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "cp1256.txt").write_bytes(STORY_AR.replace("الرمادي", "الفلوجة").encode("cp1256"))
    got = articles([tmp_path])
    assert len(got) == 4
    assert {a.id for a in got} >= {"b1", "b2"}
    assert count_articles([str(tmp_path)]) == 4


@pytest.mark.parametrize("name, data", [
    ("binary.bin", bytes(range(256)) * 20),
    ("empty.txt", b""),
    ("broken.warc.gz", b"this is not an archive at all"),
    ("bad.rss", b"<rss><channel><title>x</title></channel></rss>"),
])
def test_bad_files_are_errors_not_crashes(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert articles([path]) == []
    assert errors([path])


def test_missing_path(tmp_path):
    (err,) = errors([tmp_path / "nope.jsonl"])
    assert "no such file" in str(err)


@pytest.mark.parametrize("value, want", [
    ("Fri, 30 Mar 2018 00:31:33 GMT", "2018-03-30"), ("Wed, 18 Apr 2018 23:40:57 +0400", "2018-04-18"),
    ("2015-08-02 22:57:35", "2015-08-02"), ("2020-01-05", "2020-01-05"), ("yesterday", None), ("", None), (None, None),
])
def test_iso_date(value, want):
    assert iso_date(value) == want


def test_json_files(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "j1", "text": STORY_EN}, indent=2), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"id": "j2", "text": STORY_AR}, {"id": "j3", "content": STORY_EN}],
                                                   indent=1), encoding="utf-8")
    (tmp_path / "expected.json").write_text(json.dumps({"about": "reference", "article": {"id": "x"}, "events": []},
                                                       indent=1), encoding="utf-8")
    assert sorted(a.id for a in articles([tmp_path])) == ["j1", "j2", "j3"]
    assert errors([tmp_path]) == []
