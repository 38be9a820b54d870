"""The store's schema, as ordered migrations.

``schema_version`` holds one row per applied migration (version, name, time).
Opening a store applies, in order and each in its own transaction, every
migration whose version is above the highest applied one (the model is
sqlite-utils' migrations). A migration is a function of the dialect
(``"sqlite"`` or ``"postgres"``) returning its SQL statements. Add new ones at
the end; never edit one that has shipped.

Tables: ``sources`` (outlets), ``articles`` (text, metadata, content hashes,
MinHash, the extracted marsad/1 document), ``article_copies`` (syndicated copies
of a stored article), ``minhash_bands`` (near-duplicate look-up), ``events``
(merged events), ``event_reports`` (each article's own events, linked to the
merged one), ``claims``, ``quantities``, ``discrepancies``, and the full-text
index (SQLite FTS5 ``articles_fts``; PostgreSQL a ``tsvector`` column with the
``simple`` configuration, which indexes Arabic words as they are). Both index the
folded text (:func:`marsad.store.dedup.words`), so a search ignores diacritics
and alef/yaa/taa-marbuta variants.
"""

from __future__ import annotations

from typing import Callable


def _types(dialect: str) -> dict[str, str]:
    if dialect == "postgres":
        return {"blob": "BYTEA", "real": "DOUBLE PRECISION", "int": "BIGINT"}
    return {"blob": "BLOB", "real": "REAL", "int": "INTEGER"}


def m001_initial(dialect: str) -> list[str]:
    t = _types(dialect)
    return [
        "CREATE TABLE sources (name TEXT PRIMARY KEY, first_seen TEXT)",
        f"""CREATE TABLE articles (
            id TEXT PRIMARY KEY, seq {t['int']} NOT NULL, content_hash TEXT NOT NULL UNIQUE,
            norm_hash TEXT NOT NULL, minhash {t['blob']}, lang TEXT, title TEXT, published TEXT,
            source TEXT, url TEXT, text TEXT NOT NULL, meta TEXT, document TEXT NOT NULL, ingested_at TEXT)""",
        "CREATE INDEX articles_norm_hash ON articles (norm_hash)",
        "CREATE INDEX articles_published ON articles (published)",
        """CREATE TABLE article_copies (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles (id), content_hash TEXT NOT NULL,
            source TEXT, url TEXT, title TEXT, published TEXT, similarity REAL, ingested_at TEXT)""",
        "CREATE INDEX article_copies_article ON article_copies (article_id)",
        "CREATE INDEX article_copies_hash ON article_copies (content_hash)",
        "CREATE TABLE minhash_bands (band TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, article_id))",
        f"""CREATE TABLE events (
            id TEXT PRIMARY KEY, seq {t['int']} NOT NULL, merge_key TEXT, event_date TEXT, event_type TEXT,
            sub_event_type TEXT, disorder_type TEXT, country TEXT, iso {t['int']}, admin1 TEXT, admin2 TEXT,
            location TEXT, actor1 TEXT, actor2 TEXT, actors TEXT, latitude {t['real']}, longitude {t['real']},
            fatalities {t['int']}, fatalities_low {t['int']}, fatalities_best {t['int']}, fatalities_high {t['int']},
            n_reports {t['int']}, sources TEXT, words TEXT, record TEXT NOT NULL)""",
        "CREATE INDEX events_merge_key ON events (merge_key)",
        "CREATE INDEX events_date ON events (event_date)",
        "CREATE INDEX events_country ON events (country, admin1)",
        f"""CREATE TABLE event_reports (
            article_id TEXT NOT NULL REFERENCES articles (id), local_id TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events (id), seq {t['int']} NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (article_id, local_id))""",
        "CREATE INDEX event_reports_event ON event_reports (event_id)",
        f"""CREATE TABLE claims (
            article_id TEXT NOT NULL REFERENCES articles (id), id TEXT NOT NULL, seq {t['int']} NOT NULL,
            source_name TEXT, source_type TEXT, stance TEXT, cue TEXT, said_on TEXT, text TEXT,
            start_offset {t['int']}, end_offset {t['int']}, event_ids TEXT, record TEXT NOT NULL,
            PRIMARY KEY (article_id, id))""",
        f"""CREATE TABLE quantities (
            article_id TEXT NOT NULL, claim_id TEXT NOT NULL, idx {t['int']} NOT NULL, low {t['int']},
            high {t['int']}, qualifier TEXT, unit TEXT, text TEXT, start_offset {t['int']}, end_offset {t['int']},
            PRIMARY KEY (article_id, claim_id, idx))""",
        "CREATE INDEX quantities_unit ON quantities (unit)",
        f"""CREATE TABLE discrepancies (
            article_id TEXT NOT NULL REFERENCES articles (id), idx {t['int']} NOT NULL, seq {t['int']} NOT NULL,
            unit TEXT, summary TEXT, record TEXT NOT NULL, PRIMARY KEY (article_id, idx))""",
    ]


def m002_full_text(dialect: str) -> list[str]:
    if dialect == "postgres":
        return [
            "ALTER TABLE articles ADD COLUMN tsv tsvector",
            "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
        ]
    return ["CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"]


def m003_seq_indexes(dialect: str) -> list[str]:
    """Every add reads MAX(seq) of its tables: without these, that is a scan, and ingest slows
    down as the store grows."""
    return [f"CREATE INDEX {t}_seq ON {t} (seq)" for t in ("articles", "events", "event_reports", "claims",
                                                           "discrepancies")]


def m004_filter_indexes(dialect: str) -> list[str]:
    """Indexes for the workbench's filtered event lists. Filters compare ``LOWER(column)`` with
    ``LOWER(?)`` and the default order is ``(event_date IS NULL), event_date DESC, id DESC``: each
    index has exactly those expressions, so a filtered page is read off the index in order (no
    sort of the whole selection) and its count is an index-only scan. PostgreSQL takes the same
    expression indexes."""
    order = "(event_date IS NULL), event_date DESC, id DESC"
    return [
        f"CREATE INDEX events_by_date ON events ({order})",
        f"CREATE INDEX events_country_date ON events (LOWER(country), {order})",
        f"CREATE INDEX events_country_type_date ON events (LOWER(country), LOWER(event_type), {order})",
        f"CREATE INDEX events_admin1_date ON events (LOWER(admin1), {order})",
        f"CREATE INDEX events_type_date ON events (LOWER(event_type), {order})",
        "CREATE INDEX event_reports_article ON event_reports (article_id, event_id)",
    ]


def m005_actor_index(dialect: str) -> list[str]:
    """The actor filter (``LOWER(actors) LIKE``, a substring) next to a country: counted and
    checked on the index, without reading the events' rows."""
    return ["CREATE INDEX events_country_actors ON events (LOWER(country), LOWER(actors))"]


#: (version, name, function), in order.
MIGRATIONS: list[tuple[int, str, Callable[[str], list[str]]]] = [
    (1, "initial", m001_initial),
    (2, "full_text", m002_full_text),
    (3, "seq_indexes", m003_seq_indexes),
    (4, "filter_indexes", m004_filter_indexes),
    (5, "actor_index", m005_actor_index),
]
