"""The SQL store: one implementation of :class:`marsad.store.base.Store` for
SQLite (:class:`SQLiteStore`) and PostgreSQL (:class:`PostgresStore`).

One writer adds articles, each in its own transaction (the article, its copies,
claims, quantities, discrepancies, events and the full-text entry commit together
or not at all), so a run killed at any moment leaves whole articles only, and a
second run skips what is stored. Readers may use the store from several threads
(the web service): every call holds the store's lock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from ..records import DocumentRecord
from ..text import normalize
from . import dedup, merge
from .base import AddResult, StoredArticle
from .migrations import MIGRATIONS

#: How many event counts (by filters) a SQLite store remembers while the store is unchanged.
COUNT_CACHE = 256

_ORDERS = {"event_date", "fatalities", "n_reports", "id", "seq", "country", "admin1", "location", "event_type",
           "sub_event_type", "actor1", "actor2"}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class SQLStore:
    dialect = "sqlite"

    def __init__(self, url: str):
        self.url = url
        self._lock = threading.RLock()
        self._conn = self._connect()
        self._counts: dict[tuple, tuple[Any, int]] = {}  # count_events by filters, with the write version
        self._commits = 0
        self.migrate()

    # ---- dialect hooks -------------------------------------------------
    def _connect(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    @contextmanager
    def _tx(self) -> Iterator[None]:  # pragma: no cover - overridden
        raise NotImplementedError
        yield

    def _fts_add(self, article_id: str, title: str, body: str) -> None:
        raise NotImplementedError

    def _fts_search(self, query: str, limit: int, offset: int = 0) -> list[tuple[str, float]]:
        raise NotImplementedError

    def _fts_ids_sql(self) -> str:
        """SQL (one parameter: the query) selecting the article ids that match."""
        raise NotImplementedError

    # ---- plumbing --------------------------------------------------------
    def _exec(self, sql: str, params: Iterable[Any] = ()):
        return self._conn.execute(self._sql(sql), tuple(params))

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        cur = self._exec(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self._exec(sql, params).fetchone()
        return row[0] if row else None

    def _next_seq(self, table: str) -> int:
        return int(self._scalar(f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {table}"))

    # ---- schema ----------------------------------------------------------
    def schema_version(self) -> int:
        with self._lock:
            return int(self._scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version") or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations not yet applied; returns their versions."""
        applied = []
        with self._lock:
            self._exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
            for version, name, fn in MIGRATIONS:
                with self._tx():
                    self._lock_schema()
                    if self._scalar("SELECT 1 FROM schema_version WHERE version = ?", (version,)):
                        continue
                    for stmt in fn(self.dialect):
                        self._exec(stmt)
                    self._exec("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                               (version, name, _now()))
                    applied.append(version)
        return applied

    def _lock_schema(self) -> None:
        pass

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing ---------------------------------------------------------
    def has_article(self, content_hash: str) -> bool:
        with self._lock:
            return bool(self._scalar("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,))
                        or self._scalar("SELECT 1 FROM article_copies WHERE content_hash = ?", (content_hash,)))

    def stored_hash(self, article_id: str) -> str | None:
        """The content hash stored under an article id (an article or a copy), else None."""
        with self._lock:
            return (self._scalar("SELECT content_hash FROM articles WHERE id = ?", (article_id,))
                    or self._scalar("SELECT content_hash FROM article_copies WHERE id = ?", (article_id,)))

    def add(self, items: Iterable[tuple]) -> AddResult:
        """Store (article, record) or (article, record, fingerprint) items; see :meth:`add_one`."""
        result = AddResult()
        for item in items:
            status, n_events, n_claims = self.add_one(*item)
            result.count(status, n_events, n_claims)
        return result

    def add_one(self, article: StoredArticle, record: DocumentRecord | dict | None,
                fp: dedup.Fingerprint | None = None) -> tuple[str, int, int]:
        """Store one article in one transaction. Returns (status, events, claims) where status is
        ``added``, ``skipped`` (this id with this text is stored), ``copy`` (a syndicated copy of a
        stored article: recorded as one more outlet of it) or ``conflict`` (this id is stored with
        another text: the stored one is kept)."""
        fp = fp or dedup.fingerprint(article.text)
        with self._lock, self._tx():
            stored = (self._scalar("SELECT content_hash FROM articles WHERE id = ?", (article.id,))
                      or self._scalar("SELECT content_hash FROM article_copies WHERE id = ?", (article.id,)))
            if stored is not None:
                return ("skipped" if stored == fp.content_hash else "conflict"), 0, 0
            original, sim = self._find_original(fp)
            if original is not None:
                self._add_copy(article, fp, original, sim)
                return "copy", 0, 0
            doc = record.to_dict() if isinstance(record, DocumentRecord) else dict(record or {})
            n_events, n_claims = self._add_article(article, doc, fp)
            return "added", n_events, n_claims

    def _find_original(self, fp: dedup.Fingerprint) -> tuple[str | None, float]:
        aid = self._scalar("SELECT id FROM articles WHERE content_hash = ?", (fp.content_hash,))
        if aid is None:
            aid = self._scalar("SELECT article_id FROM article_copies WHERE content_hash = ?", (fp.content_hash,))
        if aid is None:
            aid = self._scalar("SELECT id FROM articles WHERE norm_hash = ? ORDER BY seq LIMIT 1", (fp.norm_hash,))
        if aid is not None:
            return aid, 1.0
        bands = fp.bands()
        if not bands:
            return None, 0.0
        marks = ",".join("?" * len(bands))
        best, best_sim = None, 0.0
        for row in self._rows(f"SELECT DISTINCT a.id, a.minhash, a.seq FROM minhash_bands b JOIN articles a ON a.id = b.article_id "
                              f"WHERE b.band IN ({marks}) ORDER BY a.seq", bands):
            sim = dedup.similarity(fp.minhash, bytes(row["minhash"]) if row["minhash"] is not None else None)
            if sim >= dedup.NEAR_DUPLICATE and sim > best_sim:
                best, best_sim = row["id"], sim
        return best, best_sim

    def _add_source(self, name: str | None) -> None:
        if name and not self._scalar("SELECT 1 FROM sources WHERE name = ?", (name,)):
            self._exec("INSERT INTO sources (name, first_seen) VALUES (?, ?)", (name, _now()))

    def _add_copy(self, article: StoredArticle, fp: dedup.Fingerprint, original: str, sim: float) -> None:
        self._add_source(article.source)
        self._exec("INSERT INTO article_copies (id, article_id, content_hash, source, url, title, published, similarity, "
                   "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (article.id, original, fp.content_hash, article.source, article.url, article.title, article.published,
                    round(sim, 4), _now()))
        for row in self._rows("SELECT DISTINCT event_id FROM event_reports WHERE article_id = ?", (original,)):
            self._recompute_event(row["event_id"])

    def _add_article(self, article: StoredArticle, doc: dict, fp: dedup.Fingerprint) -> tuple[int, int]:
        aid = article.id
        self._add_source(article.source)
        info = doc.get("article") or {}
        published = article.published or info.get("published")
        self._exec("INSERT INTO articles (id, seq, content_hash, norm_hash, minhash, lang, title, published, source, url, "
                   "text, meta, document, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (aid, self._next_seq("articles"), fp.content_hash, fp.norm_hash, fp.minhash,
                    article.lang or info.get("lang"), article.title, published, article.source, article.url,
                    article.text, _dumps(article.meta or {}), _dumps(doc), _now()))
        for band in fp.bands():
            self._exec("INSERT INTO minhash_bands (band, article_id) VALUES (?, ?)", (band, aid))
        self._fts_add(aid, " ".join(dedup.words(article.title or "")), " ".join(dedup.words(article.text)))

        local_to_global: dict[str, str] = {}
        seq = self._next_seq("event_reports")
        for n, ev in enumerate(doc.get("events") or []):
            local = str(ev.get("id") or n)
            local_to_global[local] = self._add_report(aid, local, ev, seq + n)
        seq = self._next_seq("claims")
        for n, claim in enumerate(doc.get("claims") or []):
            cid = str(claim.get("id") or n)
            src = claim.get("source") or {}
            self._exec("INSERT INTO claims (article_id, id, seq, source_name, source_type, stance, cue, said_on, text, "
                       "start_offset, end_offset, event_ids, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (aid, cid, seq + n, src.get("name"), src.get("type"), claim.get("stance"), claim.get("cue"),
                        claim.get("said_on"), claim.get("text"), claim.get("start"), claim.get("end"),
                        _dumps([local_to_global.get(e, e) for e in claim.get("event_ids") or []]), _dumps(claim)))
            for i, q in enumerate(claim.get("quantities") or []):
                self._exec("INSERT INTO quantities (article_id, claim_id, idx, low, high, qualifier, unit, text, "
                           "start_offset, end_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (aid, cid, i, q.get("low"), q.get("high"), q.get("qualifier"), q.get("unit"), q.get("text"),
                            q.get("start"), q.get("end")))
        seq = self._next_seq("discrepancies")
        for i, d in enumerate(doc.get("discrepancies") or []):
            self._exec("INSERT INTO discrepancies (article_id, idx, seq, unit, summary, record) VALUES (?, ?, ?, ?, ?, ?)",
                       (aid, i, seq + i, d.get("unit"), d.get("summary"), _dumps(d)))
        return len(doc.get("events") or []), len(doc.get("claims") or [])

    def _add_report(self, aid: str, local: str, ev: dict, seq: int) -> str:
        key = merge.merge_key(ev)
        words = merge.event_words(ev)
        target = None
        if key is not None:
            for row in self._rows("SELECT id, record, words FROM events WHERE merge_key = ? ORDER BY seq", (key,)):
                stored = json.loads(row["record"])
                if aid in (stored.get("article_ids") or []):
                    continue  # events of one article were told apart by its extractor
                if merge.compatible(ev, stored, words, set((row["words"] or "").split())):
                    target = row["id"]
                    break
        event_id = target or merge.event_uid(aid, local)
        if target is None:
            self._exec("INSERT INTO events (id, seq, merge_key, record) VALUES (?, ?, ?, ?)",
                       (event_id, self._next_seq("events"), key, "{}"))
        self._exec("INSERT INTO event_reports (article_id, local_id, event_id, seq, record) VALUES (?, ?, ?, ?, ?)",
                   (aid, local, event_id, seq, _dumps(ev)))
        self._recompute_event(event_id)
        return event_id

    def _outlets(self, article_ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for aid in article_ids:
            names = [self._scalar("SELECT source FROM articles WHERE id = ?", (aid,))]
            names += [r["source"] for r in self._rows("SELECT source FROM article_copies WHERE article_id = ? ORDER BY "
                                                         "ingested_at, id", (aid,))]
            out[aid] = [n for n in names if n]
        return out

    def _recompute_event(self, event_id: str) -> None:
        reports = [(r["article_id"], json.loads(r["record"]))
                   for r in self._rows("SELECT article_id, record FROM event_reports WHERE event_id = ? ORDER BY seq",
                                       (event_id,))]
        if not reports:
            return
        ev = merge.merge_reports(event_id, reports, self._outlets(list(dict.fromkeys(a for a, _ in reports))))
        words: set[str] = set()
        for _aid, rep in reports:
            words |= merge.event_words(rep)
        actors = [ev.get("actor1"), ev.get("actor2"), *(ev.get("assoc_actor_1") or []), *(ev.get("assoc_actor_2") or [])]
        self._exec(
            "UPDATE events SET event_date = ?, event_type = ?, sub_event_type = ?, disorder_type = ?, country = ?, "
            "iso = ?, admin1 = ?, admin2 = ?, location = ?, actor1 = ?, actor2 = ?, actors = ?, latitude = ?, "
            "longitude = ?, fatalities = ?, fatalities_low = ?, fatalities_best = ?, fatalities_high = ?, "
            "n_reports = ?, sources = ?, words = ?, record = ? WHERE id = ?",
            (ev.get("event_date"), ev.get("event_type"), ev.get("sub_event_type"), ev.get("disorder_type"),
             ev.get("country"), ev.get("iso"), ev.get("admin1"), ev.get("admin2"), ev.get("location"),
             ev.get("actor1"), ev.get("actor2"), "\n".join(a for a in actors if a), ev.get("latitude"),
             ev.get("longitude"), ev.get("fatalities"), ev.get("fatalities_low"), ev.get("fatalities_best"),
             ev.get("fatalities_high"), ev.get("n_reports"), _dumps(ev.get("source")),
             " ".join(sorted(merge.limited(words))), _dumps(ev), event_id))

    # ---- reading ---------------------------------------------------------
    def _where(self, filters: dict[str, Any]) -> tuple[str, list[Any]]:
        clauses, params = [], []
        for key, value in filters.items():
            if value in (None, ""):
                continue
            if key == "date_from":
                clauses.append("event_date >= ?")
            elif key == "date_to":
                clauses.append("event_date <= ?")
            elif key in ("country", "admin1", "event_type", "sub_event_type", "disorder_type", "location"):
                clauses.append(f"LOWER({key}) = LOWER(?)")
            elif key == "actor":
                clauses.append("LOWER(actors) LIKE LOWER(?)")
                value = f"%{value}%"
            elif key == "article_id":
                clauses.append("id IN (SELECT event_id FROM event_reports WHERE article_id = ?)")
            elif key == "q":
                if not self._fts_terms(value):
                    continue  # nothing searchable (only punctuation or marks): no text filter
                clauses.append(f"id IN (SELECT event_id FROM event_reports WHERE article_id IN ({self._fts_ids_sql()}))")
                value = self._fts_query(value)
            elif key == "min_fatalities":
                clauses.append("fatalities >= ?")
            else:
                raise StoreError(f"unknown event filter {key!r}: use date_from, date_to, country, admin1, event_type, "
                                 "sub_event_type, actor, q, article_id")
            params.append(value)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @staticmethod
    def _order_parts(order: str) -> tuple[str, bool]:
        desc = order.startswith("-")
        col = order.lstrip("-+")
        if col not in _ORDERS:
            raise StoreError(f"cannot order events by {col!r}: use one of {', '.join(sorted(_ORDERS))}")
        return col, desc

    @classmethod
    def _order(cls, order: str) -> str:
        col, desc = cls._order_parts(order)
        way = "DESC" if desc else "ASC"
        return f" ORDER BY ({col} IS NULL), {col} {way}, id {way}"

    def events(self, *, limit: int = 100, offset: int = 0, order: str = "-event_date", **filters: Any) -> list[dict]:
        return [json.loads(r) for r in self.events_json(limit=limit, offset=offset, order=order, **filters)]

    def events_json(self, *, limit: int = 100, offset: int = 0, order: str = "-event_date", **filters: Any) -> list[str]:
        """The page :meth:`events` gives, each event as its stored JSON text (not parsed): for a
        caller that only writes it out again (the web service's lists)."""
        where, params = self._where(filters)
        order_sql = self._order(order)
        with self._lock:
            # The page's ids first (read off an index, or a sort of small rows), then their records:
            # sorting whole records (JSON of ~1 kB each) is what made a filtered page slow.
            ids = [r[0] for r in self._exec(f"SELECT id FROM events{where}{order_sql} LIMIT ? OFFSET ?",
                                            [*params, int(limit), int(offset)]).fetchall()]
            records = self._records(ids)
        return [records[i] for i in ids if i in records]

    def _records(self, ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self._exec(f"SELECT id, record FROM events WHERE id IN ({marks})", chunk).fetchall())
        return out

    def count_events(self, **filters: Any) -> int:
        where, params = self._where(filters)
        with self._lock:
            version = self._write_version()
            key = (where, tuple(params))
            if version is not None:
                hit = self._counts.get(key)
                if hit is not None and hit[0] == version:
                    return hit[1]
            n = int(self._scalar(f"SELECT COUNT(*) FROM events{where}", params))
            if version is not None:
                if len(self._counts) >= COUNT_CACHE:
                    self._counts.pop(next(iter(self._counts)))
                self._counts[key] = (version, n)
            return n

    def _write_version(self) -> Any:
        """A value that changes whenever the store may have changed (this connection's commits or
        another's), or None when the dialect cannot tell cheaply: then counts are not cached."""
        return None

    def iter_events(self, *, order: str = "event_date", batch: int = 1000, **filters: Any) -> Iterator[dict]:
        """Every selected event in ``order``, ``batch`` at a time. Keyset paging: each batch starts
        after the last (sort value, id) seen, so the whole walk is linear in the selection (an
        OFFSET walk re-reads every earlier row for each page)."""
        col, desc = self._order_parts(order)
        where, params = self._where(filters)
        cmp = "<" if desc else ">"
        order_sql = self._order(order)
        batch = max(1, int(batch))
        last: tuple[Any, str] | None = None
        while True:
            clauses, args = [], list(params)
            if last is not None:
                value, last_id = last
                if value is None:  # missing values sort last, whatever the direction: only those remain
                    clauses.append(f"({col} IS NULL AND id {cmp} ?)")
                    args.append(last_id)
                else:
                    clauses.append(f"({col} IS NULL OR {col} {cmp} ? OR ({col} = ? AND id {cmp} ?))")
                    args += [value, value, last_id]
            sql_where = where
            if clauses:
                sql_where = (where + " AND " if where else " WHERE ") + " AND ".join(clauses)
            with self._lock:
                rows = self._exec(f"SELECT id, {col}, record FROM events{sql_where}{order_sql} LIMIT ?",
                                  [*args, batch]).fetchall()
            for row in rows:
                yield json.loads(row[2])
            if len(rows) < batch:
                return
            last = (rows[-1][1], rows[-1][0])

    def event(self, event_id: str) -> dict | None:
        with self._lock:
            row = self._one("SELECT record FROM events WHERE id = ?", (event_id,))
            if row is None:
                return None
            ev = json.loads(row["record"])
            reports = self._rows("SELECT article_id, local_id, record FROM event_reports WHERE event_id = ? ORDER BY seq",
                                 (event_id,))
            ev["reports"] = [{"article_id": r["article_id"], "event_id": r["local_id"], "event": json.loads(r["record"])}
                             for r in reports]
            claims = []
            for key in ev.get("claim_ids") or []:
                aid, _, cid = key.partition(":")
                c = self._one("SELECT article_id, id, event_ids, record FROM claims WHERE article_id = ? AND id = ?",
                              (aid, cid))
                if c:
                    claims.append(self._claim_dict(c))
            ev["claims"] = claims
            ev["articles"] = [self._article_summary(a, with_text=True) for a in ev.get("article_ids") or []]
        return ev

    @staticmethod
    def _claim_dict(row: dict) -> dict:
        claim = json.loads(row["record"])
        claim["article_id"] = row["article_id"]
        claim["key"] = f"{row['article_id']}:{row['id']}"
        claim["event_ids"] = json.loads(row["event_ids"] or "[]")
        return claim

    def _article_summary(self, article_id: str, *, with_text: bool = False) -> dict:
        cols = "id, title, lang, published, source, url" + (", text" if with_text else "")
        row = self._one(f"SELECT {cols} FROM articles WHERE id = ?", (article_id,)) or {"id": article_id}
        row["copies"] = self._rows("SELECT id, source, url, title, published, similarity FROM article_copies "
                                   "WHERE article_id = ? ORDER BY ingested_at, id", (article_id,))
        return row

    def articles(self, *, limit: int = 100, offset: int = 0, q: str | None = None) -> list[dict]:
        """Articles (id, title, lang, published, source, url, n_events, copies), newest first;
        with ``q`` the full-text matches, best first, with a ``snippet``."""
        with self._lock:
            if q:
                return [dict(self._article_listing(aid), snippet=snip, rank=rank)
                        for aid, rank, snip in self._search(q, limit, offset)]
            ids = [r["id"] for r in self._rows("SELECT id FROM articles ORDER BY (published IS NULL), published DESC, "
                                                "seq DESC LIMIT ? OFFSET ?", (int(limit), int(offset)))]
            return [self._article_listing(a) for a in ids]

    def _article_listing(self, aid: str) -> dict:
        row = self._article_summary(aid)
        row["n_events"] = int(self._scalar("SELECT COUNT(DISTINCT event_id) FROM event_reports WHERE article_id = ?",
                                           (aid,)))
        return row

    def article(self, article_id: str) -> dict | None:
        """The article (its text, metadata, ``copies``) with ``document`` (its marsad/1 document as
        extracted) and ``events`` (the merged store events it reports). A copy's id gives its
        original, with ``copy_of_request`` set to the id asked for."""
        with self._lock:
            aid = article_id
            row = self._one("SELECT id, title, lang, published, source, url, text, meta, content_hash, document "
                            "FROM articles WHERE id = ?", (aid,))
            if row is None:
                aid = self._scalar("SELECT article_id FROM article_copies WHERE id = ?", (article_id,))
                if aid is None:
                    return None
                row = self._one("SELECT id, title, lang, published, source, url, text, meta, content_hash, document "
                                "FROM articles WHERE id = ?", (aid,))
                row["copy_of_request"] = article_id
            row["meta"] = json.loads(row["meta"] or "{}")
            row["document"] = json.loads(row["document"])
            row["copies"] = self._article_summary(aid)["copies"]
            ids = [r["event_id"] for r in self._rows("SELECT event_id FROM event_reports WHERE article_id = ? ORDER BY seq",
                                                     (aid,))]
            row["events"] = [json.loads(self._scalar("SELECT record FROM events WHERE id = ?", (e,)))
                             for e in dict.fromkeys(ids)]
        return row

    def claims(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[dict]:
        """Claims (marsad/1 claim dicts plus ``article_id``, ``key`` and store ``event_ids``).
        Filters: ``article_id``, ``event_id``, ``stance``, ``source_type``, ``source_name``, ``unit``
        (a quantity unit)."""
        clauses, params = [], []
        for key, value in filters.items():
            if value in (None, ""):
                continue
            if key in ("article_id", "stance", "source_type", "source_name"):
                clauses.append(f"{key} = ?")
            elif key == "event_id":
                clauses.append("event_ids LIKE ?")
                value = f'%"{value}"%'
            elif key == "unit":
                clauses.append("EXISTS (SELECT 1 FROM quantities q WHERE q.article_id = claims.article_id "
                               "AND q.claim_id = claims.id AND q.unit = ?)")
            else:
                raise StoreError(f"unknown claim filter {key!r}: use article_id, event_id, stance, source_type, "
                                 "source_name, unit")
            params.append(value)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        with self._lock:
            rows = self._rows(f"SELECT article_id, id, event_ids, record FROM claims{where} ORDER BY seq LIMIT ? OFFSET ?",
                              [*params, int(limit), int(offset)])
        return [self._claim_dict(r) for r in rows]

    def discrepancies(self, *, limit: int = 100, offset: int = 0) -> list[dict]:
        """Discrepancies (marsad/1 dicts plus ``article_id`` and ``claim_keys``), newest first."""
        with self._lock:
            rows = self._rows("SELECT article_id, record FROM discrepancies ORDER BY seq DESC LIMIT ? OFFSET ?",
                              (int(limit), int(offset)))
        out = []
        for r in rows:
            d = json.loads(r["record"])
            d["article_id"] = r["article_id"]
            d["claim_keys"] = [f"{r['article_id']}:{c}" for c in d.get("claim_ids") or []]
            out.append(d)
        return out

    def stats(self) -> dict:
        """Counts (articles, copies, sources, events, reports, claims, quantities, discrepancies) and
        events by type, by country and by month (``YYYY-MM``), each a list of [name, count]."""
        with self._lock:
            counts = {name: int(self._scalar(f"SELECT COUNT(*) FROM {table}")) for name, table in (
                ("articles", "articles"), ("copies", "article_copies"), ("sources", "sources"), ("events", "events"),
                ("reports", "event_reports"), ("claims", "claims"), ("quantities", "quantities"),
                ("discrepancies", "discrepancies"))}
            counts["merged_events"] = int(self._scalar("SELECT COUNT(*) FROM events WHERE n_reports > 1"))

            def group(expr: str) -> list[list]:
                return [[r["k"], int(r["n"])] for r in self._rows(
                    f"SELECT {expr} AS k, COUNT(*) AS n FROM events GROUP BY {expr} ORDER BY COUNT(*) DESC, {expr}")]

            counts["by_type"] = group("event_type")
            counts["by_country"] = group("country")
            counts["by_month"] = group("SUBSTR(event_date, 1, 7)")
            counts["by_source"] = [[r["source"], int(r["n"])] for r in self._rows(
                "SELECT source, COUNT(*) AS n FROM articles GROUP BY source ORDER BY COUNT(*) DESC, source")]
            counts["schema_version"] = int(self._scalar("SELECT MAX(version) FROM schema_version"))
        return counts

    # ---- full text ---------------------------------------------------------
    @staticmethod
    def _fts_terms(q: str) -> list[str]:
        return dedup.words(q)

    def _fts_query(self, q: str) -> str:
        return " ".join(self._fts_terms(q))

    def search(self, q: str, *, limit: int = 20) -> list[dict]:
        """Full-text search over articles, best first: id, title, source, published, snippet, rank
        (higher is better)."""
        with self._lock:
            out = []
            for aid, rank, snip in self._search(q, limit, 0):
                row = self._one("SELECT id, title, source, published, url FROM articles WHERE id = ?", (aid,))
                out.append(dict(row, snippet=snip, rank=rank))
        return out

    def _search(self, q: str, limit: int, offset: int) -> list[tuple[str, float, str]]:
        terms = self._fts_terms(q)
        if not terms:
            return []
        out = []
        for aid, rank in self._fts_search(" ".join(terms), int(limit), int(offset)):
            text = self._scalar("SELECT text FROM articles WHERE id = ?", (aid,)) or ""
            out.append((aid, round(float(rank), 6), snippet(text, terms)))
        return out


def snippet(text: str, terms: list[str], width: int = 160) -> str:
    """About ``width`` characters of the original text around the first of ``terms``."""
    norm = normalize(text[:200_000])
    folded = norm.text.lower()
    hits = [i for i in (folded.find(t) for t in terms) if i >= 0]
    if not hits:
        return " ".join(text[:width].split())
    start = norm.to_orig[min(hits)]
    lo = max(0, start - width // 3)
    lo = text.rfind(" ", 0, lo) + 1 if lo else 0
    piece = " ".join(text[lo:lo + width].split())
    return ("… " if lo else "") + piece + (" …" if lo + width < len(text) else "")


class SQLiteStore(SQLStore):
    dialect = "sqlite"

    def _connect(self):
        import sqlite3

        path = self.url[len("sqlite:///"):] if self.url.startswith("sqlite:///") else self.url
        self.path = path or ":memory:"
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL" if self.path != ":memory:" else "PRAGMA journal_mode = MEMORY")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {self.path!r}: {exc}") from exc
        conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: a killed process never loses a commit
        conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            # Reads through a memory map (shared by every connection of the process) instead of a
            # read() per page: filtered lists and counts touch many pages.
            conn.execute("PRAGMA mmap_size = 268435456")
        return conn

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
            self._commits += 1

    def _write_version(self) -> Any:
        # data_version changes when another connection commits; this one's commits are counted.
        return (self._conn.execute("PRAGMA data_version").fetchone()[0], self._commits)

    def _fts_add(self, article_id: str, title: str, body: str) -> None:
        self._exec("INSERT INTO articles_fts (article_id, title, body) VALUES (?, ?, ?)", (article_id, title, body))

    @staticmethod
    def _match(query: str) -> str:
        return " ".join('"' + t.replace('"', "") + '"' for t in query.split())

    def _fts_ids_sql(self) -> str:
        return "SELECT article_id FROM articles_fts WHERE articles_fts MATCH ?"

    def _fts_query(self, q: str) -> str:
        return self._match(" ".join(self._fts_terms(q)))

    def _fts_search(self, query: str, limit: int, offset: int = 0) -> list[tuple[str, float]]:
        rows = self._rows("SELECT article_id, bm25(articles_fts) AS r FROM articles_fts WHERE articles_fts MATCH ? "
                          "ORDER BY r, article_id LIMIT ? OFFSET ?", (self._match(query), limit, offset))
        return [(r["article_id"], -float(r["r"])) for r in rows]


class PostgresStore(SQLStore):
    dialect = "postgres"

    def _connect(self):
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("PostgreSQL needs psycopg: pip install 'marsad[postgres]'") from exc
        try:
            return psycopg.connect(self.url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(self.url)}: {str(exc).strip()}") from exc

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def _exec(self, sql: str, params: Iterable[Any] = ()):
        params = tuple(params)
        return self._conn.execute(self._sql(sql), params if params else None)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock, self._conn.transaction():
            yield

    def _lock_schema(self) -> None:
        self._exec("SELECT pg_advisory_xact_lock(7231)")

    def _fts_add(self, article_id: str, title: str, body: str) -> None:
        self._exec("UPDATE articles SET tsv = setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', ?) "
                   "WHERE id = ?", (title, body, article_id))

    def _fts_ids_sql(self) -> str:
        return "SELECT id FROM articles WHERE tsv @@ plainto_tsquery('simple', ?)"

    def _fts_search(self, query: str, limit: int, offset: int = 0) -> list[tuple[str, float]]:
        rows = self._rows("SELECT id, ts_rank(tsv, plainto_tsquery('simple', ?)) AS r FROM articles "
                          "WHERE tsv @@ plainto_tsquery('simple', ?) ORDER BY r DESC, id LIMIT ? OFFSET ?",
                          (query, query, limit, offset))
        return [(r["id"], float(r["r"])) for r in rows]


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
