"""The SQLite schema of a store, and how each kind of sub-record maps to its table.

``articles`` holds one row per stored record (``text_sha1`` finds exact duplicates, ``story``
is its near-duplicate cluster, ``first_seen`` when it was first stored); ``copies`` one row per
input that became that record, its own included (an exact duplicate adds a row, not an
article: its id, URL and source); ``signatures`` the MinHash of each article's text, numbered
by ``seq`` so an index can read only the rows added since it last looked. Child tables
(``actors``, ``places``, ``events``, ``quotes``, ``times``) hold each item's main fields as
columns for querying plus its full JSON. ``articles_fts`` is an FTS5 index over title and text,
kept in step by triggers. Version 2 added ``copies``, ``signatures`` and the article columns
``text_sha1``, ``story``, ``first_seen`` and ``skipped_stages``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from eventwire import codec
from eventwire.records import Actor, Event, Place, Quote, Record, TimeExpr

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    doc INTEGER PRIMARY KEY,  -- stable rowid for the external-content FTS index
    id TEXT NOT NULL UNIQUE, url TEXT, outlet TEXT, published TEXT, language TEXT NOT NULL,
    title TEXT, standfirst TEXT, byline TEXT, credits TEXT NOT NULL, text TEXT NOT NULL,
    blocks TEXT NOT NULL, pipeline TEXT NOT NULL, source TEXT, skipped_stages TEXT NOT NULL,
    text_sha1 TEXT NOT NULL, story TEXT NOT NULL, first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_text_sha1 ON articles (text_sha1);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE TABLE IF NOT EXISTS copies (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    url TEXT, source TEXT, first_seen TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS copies_article ON copies (article_id);
CREATE INDEX IF NOT EXISTS copies_source ON copies (source);
CREATE INDEX IF NOT EXISTS copies_url ON copies (url);
CREATE TABLE IF NOT EXISTS signatures (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    minhash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS actors (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, sector TEXT, json TEXT NOT NULL, PRIMARY KEY (article_id, ord));
CREATE TABLE IF NOT EXISTS places (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, country TEXT, admin1 TEXT,
    lat REAL, lon REAL, geonameid INTEGER, feature TEXT NOT NULL, precision TEXT NOT NULL,
    json TEXT NOT NULL, PRIMARY KEY (article_id, ord));
CREATE TABLE IF NOT EXISTS events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, id TEXT NOT NULL, plover_type TEXT NOT NULL, cameo TEXT NOT NULL,
    quad INTEGER NOT NULL, polarity TEXT NOT NULL, tense TEXT NOT NULL, date_start TEXT,
    date_end TEXT, place_id TEXT, confidence REAL NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (article_id, ord));
CREATE INDEX IF NOT EXISTS events_plover_type ON events (plover_type);
CREATE INDEX IF NOT EXISTS events_date_start ON events (date_start);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, id TEXT NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, direct INTEGER NOT NULL, speaker_id TEXT, date_start TEXT,
    date_end TEXT, json TEXT NOT NULL, PRIMARY KEY (article_id, ord));
CREATE TABLE IF NOT EXISTS times (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, type TEXT NOT NULL, value TEXT, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, interval_start TEXT, interval_end TEXT, json TEXT NOT NULL,
    PRIMARY KEY (article_id, ord));
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'doc', tokenize = 'porter unicode61');
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.doc, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.doc, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.doc, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.doc, new.title, new.text);
END;
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, version TEXT NOT NULL, args TEXT NOT NULL, started TEXT NOT NULL,
    finished TEXT, counts TEXT);
CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY, run_id TEXT REFERENCES runs (id) ON DELETE SET NULL,
    input TEXT NOT NULL UNIQUE, stage TEXT NOT NULL, reason TEXT NOT NULL,
    detail TEXT NOT NULL, time TEXT NOT NULL);
"""

# Record fields kept as article columns; JSON_COLUMNS hold their value as JSON text.
ARTICLE_COLUMNS = ("id", "url", "outlet", "published", "language", "title", "standfirst",
                   "byline", "credits", "text", "blocks", "pipeline", "source", "skipped_stages")
JSON_COLUMNS = frozenset({"credits", "blocks", "pipeline", "skipped_stages"})
# Record fields the store derives rather than keeps as given.
DERIVED_FIELDS = frozenset({"urls", "story", "earliest"})

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ChildTable(Generic[T]):
    """How one kind of sub-record (a ``Record`` tuple field) maps to its table."""

    name: str
    kind: type[T]
    columns: tuple[str, ...]
    values: Callable[[T], tuple[object, ...]]

    def rows(self, record: Record) -> Iterator[tuple[object, ...]]:
        for ord_, item in enumerate(getattr(record, self.name)):
            yield (record.id, ord_, *self.values(item), codec.dumps(item))

    def insert_sql(self) -> str:
        names = ("article_id", "ord", *self.columns, "json")
        return (f"INSERT INTO {self.name} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})")

    def load(self, db: sqlite3.Connection, article_id: str) -> tuple[T, ...]:
        rows = db.execute(f"SELECT json FROM {self.name} WHERE article_id = ? ORDER BY ord",
                          (article_id,))
        return tuple(codec.from_json(self.kind, json.loads(text)) for (text,) in rows)


CHILD_TABLES: tuple[ChildTable[Any], ...] = (
    ChildTable("actors", Actor, ("id", "name", "kind", "country", "sector"),
               lambda a: (a.id, a.name, a.kind, a.country, a.sector)),
    ChildTable("places", Place, ("id", "name", "country", "admin1", "lat", "lon", "geonameid",
                                 "feature", "precision"),
               lambda p: (p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.geonameid,
                          p.feature, p.precision)),
    ChildTable("events", Event, ("id", "plover_type", "cameo", "quad", "polarity", "tense",
                                 "date_start", "date_end", "place_id", "confidence"),
               lambda e: (e.id, e.plover.type, e.cameo, e.quad, e.factuality.polarity,
                          e.factuality.tense, e.date.start, e.date.end, e.place,
                          e.confidence)),
    ChildTable("quotes", Quote, ("id", "start_char", "end_char", "direct", "speaker_id",
                                 "date_start", "date_end"),
               lambda q: (q.id, q.start, q.end, q.direct, q.speaker, q.date.start,
                          q.date.end)),
    ChildTable("times", TimeExpr, ("type", "value", "start_char", "end_char",
                                   "interval_start", "interval_end"),
               lambda t: (t.type, t.value, t.start, t.end, *(t.interval or (None, None)))),
)
