"""Reading ingest sources: files, directories, JSONL, RSS/Atom feeds, HTML pages, WARC archives.

``read_sources(paths)`` yields one :class:`~marsad.store.base.StoredArticle` per
article, or an :class:`~marsad.errors.InputError` for an input (or a JSONL line)
that cannot be read; the caller reports it and goes on. What a path is, is told
by its name and, failing that, by its content:

- a directory: every file in it, recursively, in name order (hidden files skipped);
- ``.warc``/``.warc.gz``/``.arc.gz``: a web archive (news crawls such as CC-NEWS);
  every HTML response is an article (main text by trafilatura);
- ``.jsonl``/``.ndjson``, or text whose first line is a JSON object: one article a
  line, with the field names of common corpora (:data:`FIELDS`);
- ``.json``: one article (an object) or several (an array); a ``marsad/1`` document
  (an object with ``events`` and no text, such as an example's expected answer) is passed over;
- ``.rss``/``.atom``/``.xml``, or XML with ``<rss``/``<feed``: a feed (feedparser),
  one article per entry (its content, else its summary);
- ``.html``/``.htm``, or text that looks like HTML: one page, main text by trafilatura;
- anything else: one plain-text article (decoded by :func:`marsad.io.decode`).

HTML from pages and archives is kept as it is and turned into text where the
article is extracted (:func:`prepare`), so the workers of a cluster share that
work too. Article ids are the caller's (a JSONL ``id``/``docno``, a feed entry's
id, a hash of a WARC record's target URL); an article without one gets the first 16 hex
digits of the SHA-1 of its text, as :mod:`marsad.doc` does.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError, NotFoundError
from .io import decode, html_to_text, jsonl_objects, looks_like_html
from .store.base import StoredArticle

#: marsad field <- the names it has in common corpora and feeds, tried in order.
FIELDS = {
    "id": ("id", "docno", "doc_id", "guid", "article_id", "uuid"),
    "text": ("text", "content", "body", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "time", "date_publish", "published_at", "pubDate", "date_extracted",
                  "datetime", "timestamp"),
    "source": ("source", "outlet", "source_domain", "sitename", "domain", "publisher"),
    "url": ("url", "link", "uri"),
    "lang": ("lang", "language"),
}
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")
_FEED = (".rss", ".atom", ".xml")
_HTML = (".html", ".htm", ".xhtml")
_JSONL = (".jsonl", ".ndjson", ".jsonl.gz")


def text_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def url_id(url: str) -> str:
    return "u" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def iso_date(value: object) -> str | None:
    """A date as ``YYYY-MM-DD`` from ISO text, RFC 822 (feeds, ANT's ``time``) or a struct_time."""
    if value is None or value == "":
        return None
    if hasattr(value, "tm_year"):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    s = str(value).strip()
    if len(s) >= 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit():
        return s[:10]
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def article_from_fields(obj: dict, where: str) -> StoredArticle | InputError:
    """An article from a JSON object with any of the field names of :data:`FIELDS`."""
    got = {}
    for key, names in FIELDS.items():
        for name in names:
            value = obj.get(name)
            if value not in (None, ""):
                got[key] = value
                break
    text = got.get("text")
    if not isinstance(text, str):
        return InputError(f"{where}: no text (a \"text\" or \"content\" string)")
    meta = {k: v for k, v in obj.items() if k not in {n for names in FIELDS.values() for n in names}
            and isinstance(v, (str, int, float, bool))}
    return StoredArticle(
        id=str(got.get("id") or text_id(text)),
        text=text,
        lang=str(got.get("lang") or "auto"),
        title=_str(got.get("title")),
        published=iso_date(got.get("published")),
        source=_str(got.get("source")),
        url=_str(got.get("url")),
        meta=meta,
    )


def _str(value: object) -> str | None:
    return None if value is None else " ".join(str(value).split()) or None


def read_sources(paths: Iterable[str], *, encoding: str | None = None) -> Iterator[StoredArticle | InputError]:
    for path in paths:
        p = Path(path)
        if not p.exists():
            yield NotFoundError(f"{path}: no such file or directory")
        elif p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield from read_file(Path(root) / name, encoding=encoding)
        else:
            yield from read_file(p, encoding=encoding)


def count_articles(paths: Iterable[str]) -> int | None:
    """How many articles the sources hold, when that is cheap to know (None for archives)."""
    total = 0
    for path in paths:
        p = Path(path)
        files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else []
        for f in files:
            name = f.name.lower()
            if name.startswith("."):
                continue
            if name.endswith(_WARC) or name.endswith(_FEED):
                return None
            if name.endswith(".json"):
                total += sum(1 for a in read_file(f) if isinstance(a, StoredArticle))
            elif name.endswith(_JSONL) or _first_char(f) == "{":
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
    return total


def _first_char(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            return fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1].decode("latin-1")
    except OSError:
        return ""


def read_file(path: Path, *, encoding: str | None = None) -> Iterator[StoredArticle | InputError]:
    name = path.name.lower()
    where = str(path)
    if name.endswith(_WARC):
        yield from read_warc(path)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"{where}: cannot read: {exc.strerror}")
        return
    if name.endswith(".gz"):
        import gzip

        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield InputError(f"{where}: not a gzip file: {exc}")
            return
    try:
        text = decode(data, encoding, name=where)
    except InputError as exc:
        yield exc
        return
    head = text.lstrip()[:2000].lower()
    if name.endswith(".json") or (head.startswith(("{", "[")) and not _first_line_is_object(text)):
        yield from read_json(text, where)
    elif name.endswith(_JSONL) or head.startswith("{"):
        yield from read_jsonl(text, where)
    elif name.endswith((".rss", ".atom")) or ("<rss" in head or "<feed" in head or "<rdf:rdf" in head):
        yield from read_feed(text, where)
    elif name.endswith(_HTML) or looks_like_html(text):
        yield html_article(text, url=None, where=where)
    elif not text.strip():
        yield InputError(f"{where}: empty")
    else:
        yield StoredArticle(id=text_id(text), text=text, lang="auto", meta={"path": where})


def _first_line_is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text.lstrip().split("\n", 1)[0]), dict)
    except ValueError:
        return False


def read_json(text: str, where: str) -> Iterator[StoredArticle | InputError]:
    """A JSON file: one article (an object), several (an array of objects), or a marsad/1
    document (an output, such as an example's expected answer: passed over)."""
    try:
        obj = json.loads(text)
    except ValueError:
        if _first_line_is_object(text):
            yield from read_jsonl(text, where)
        else:
            yield InputError(f"{where}: not JSON")
        return
    if isinstance(obj, dict) and ("events" in obj or str(obj.get("schema", "")).startswith("marsad/")) \
            and not any(isinstance(obj.get(k), str) for k in FIELDS["text"]):
        return  # a marsad/1 document or reference answer: an output, not an article
    objs = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(objs, 1):
        loc = f"{where}[{n}]" if isinstance(obj, list) else where
        yield article_from_fields(item, loc) if isinstance(item, dict) else InputError(f"{loc}: not a JSON object")


def read_jsonl(text: str, where: str) -> Iterator[StoredArticle | InputError]:
    for got in jsonl_objects(text, where):
        yield got if isinstance(got, InputError) else article_from_fields(got[1], got[0])


def read_feed(text: str, where: str) -> Iterator[StoredArticle | InputError]:
    import feedparser

    feed = feedparser.parse(text)
    outlet = _str(feed.feed.get("title")) if feed.get("feed") else None
    if not feed.entries:
        yield InputError(f"{where}: no entries in this feed" + (f" ({feed.bozo_exception})" if feed.get("bozo") else ""))
        return
    for n, entry in enumerate(feed.entries, 1):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or ""
        if "<" in body:
            body = " ".join(html_to_text(body).split())
        if not body.strip():
            yield InputError(f"{where}: entry {n} has no content or summary")
            continue
        date = entry.get("published_parsed") or entry.get("updated_parsed")
        yield StoredArticle(
            id=str(entry.get("id") or entry.get("link") or text_id(body)),
            text=body, lang=str(entry.get("language") or "auto"), title=_str(entry.get("title")),
            published=iso_date(date), source=outlet, url=_str(entry.get("link")), meta={"feed": where},
        )


def html_article(markup: str, *, url: str | None, where: str, id: str | None = None,
                 published: str | None = None) -> StoredArticle:
    """A page waiting to be turned into text (by :func:`prepare`, where it is extracted)."""
    return StoredArticle(id=id or "", text="", lang="auto", url=url, published=published,
                         meta={"_html": markup, "path": where})


def prepare(article: StoredArticle) -> StoredArticle:
    """Turn a page's HTML into its main text and metadata (trafilatura); other articles pass."""
    markup = article.meta.get("_html") if article.meta else None
    if markup is None:
        return article
    import trafilatura

    meta = {k: v for k, v in article.meta.items() if k != "_html"}
    doc = trafilatura.bare_extraction(markup, url=article.url, with_metadata=True, include_comments=False)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():  # no main text found: keep the page's visible text
        text = " ".join(html_to_text(markup).split())
    title = getattr(doc, "title", None) if doc is not None else None
    return StoredArticle(
        id=article.id or text_id(text), text=text, lang=article.lang, title=_str(title) or article.title,
        published=article.published or iso_date(getattr(doc, "date", None) if doc is not None else None),
        source=article.source or _str(getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
                                      if doc is not None else None),
        url=article.url or (getattr(doc, "url", None) if doc is not None else None), meta=meta,
    )


def read_warc(path: Path) -> Iterator[StoredArticle | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(f"{where}: cannot read: {exc.strerror}")
        return
    with fh:
        head = fh.read(8)
        fh.seek(0)
        if not (head.startswith((b"\x1f\x8b", b"WARC/", b"filedesc")) or head.lstrip().startswith(b"WARC/")):
            yield InputError(f"{where}: not a WARC archive (no WARC/ header and not gzip)")
            return
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode()
                if "html" not in ctype or (status and not status.startswith("2")):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                raw = record.content_stream().read()
                charset = ctype.split("charset=")[-1].split(";")[0].strip() if "charset=" in ctype else None
                try:
                    markup = decode(raw, None, name=url or where)
                except InputError:
                    try:
                        markup = raw.decode(charset or "utf-8", errors="replace")
                    except LookupError:
                        markup = raw.decode("utf-8", errors="replace")
                art = html_article(markup, url=url, where=f"{where}:{url}", id=url_id(url) if url else None)
                date = iso_date(record.rec_headers.get_header("WARC-Date"))
                if date:
                    art.meta["crawl_date"] = date
                yield art
        except ArchiveLoadFailed as exc:
            yield InputError(f"{where}: not a WARC archive: {exc}")
