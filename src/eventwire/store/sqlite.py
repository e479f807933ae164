"""Records in, rows out (and back): the embedded SQLite store, one file in WAL mode.

One table per record kind (``articles``, ``actors``, ``places``, ``events``, ``quotes``,
``times``), each child row holding the item's main fields as columns for querying plus its full
JSON (``eventwire.codec``); ``get`` rebuilds a :class:`Record` from those tables. ``articles_fts``
is an FTS5 index over title and text, kept in step by triggers. ``quarantine`` holds the inputs
that did not become records (one row per input, the latest failure; a record with the same
``source`` clears it) and ``runs`` the provenance of each run. Only the standard library
``sqlite3`` is used: the schema is small and an ORM would hide the transactions that matter.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from eventwire import codec
from eventwire.errors import ConfigError
from eventwire.records import (
    Actor,
    Block,
    Event,
    PipelineInfo,
    Place,
    Quote,
    Record,
    Skipped,
    TimeExpr,
)
from eventwire.vocab import SkipReason, Stage

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    doc INTEGER PRIMARY KEY,  -- stable rowid for the external-content FTS index
    id TEXT NOT NULL UNIQUE, url TEXT, outlet TEXT, published TEXT, language TEXT NOT NULL,
    title TEXT, standfirst TEXT, byline TEXT, credits TEXT NOT NULL, text TEXT NOT NULL,
    blocks TEXT NOT NULL, pipeline TEXT NOT NULL, source TEXT, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
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

_ARTICLE_COLUMNS = ("id", "url", "outlet", "published", "language", "title", "standfirst",
                    "byline", "credits", "text", "blocks", "pipeline", "source")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _ChildTable(Generic[T]):
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


_CHILD_TABLES: tuple[_ChildTable[Any], ...] = (
    _ChildTable("actors", Actor, ("id", "name", "kind", "country", "sector"),
                lambda a: (a.id, a.name, a.kind, a.country, a.sector)),
    _ChildTable("places", Place, ("id", "name", "country", "admin1", "lat", "lon", "geonameid",
                                  "feature", "precision"),
                lambda p: (p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.geonameid,
                           p.feature, p.precision)),
    _ChildTable("events", Event, ("id", "plover_type", "cameo", "quad", "polarity", "tense",
                                  "date_start", "date_end", "place_id", "confidence"),
                lambda e: (e.id, e.plover.type, e.cameo, e.quad, e.factuality.polarity,
                           e.factuality.tense, e.date.start, e.date.end, e.place,
                           e.confidence)),
    _ChildTable("quotes", Quote, ("id", "start_char", "end_char", "direct", "speaker_id",
                                  "date_start", "date_end"),
                lambda q: (q.id, q.start, q.end, q.direct, q.speaker, q.date.start,
                           q.date.end)),
    _ChildTable("times", TimeExpr, ("type", "value", "start_char", "end_char",
                                    "interval_start", "interval_end"),
                lambda t: (t.type, t.value, t.start, t.end, *(t.interval or (None, None)))),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreStats:
    """Row counts of a store; ``events`` by PLOVER type, ``quarantined`` by skip reason."""

    articles: int
    actors: int
    places: int
    quotes: int
    times: int
    events: Mapping[str, int]
    quarantined: Mapping[str, int]
    runs: int


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarantineRow:
    """One input that did not become a record: its latest failure."""

    id: int
    run_id: str | None
    input: str
    stage: Stage
    reason: SkipReason
    detail: str
    time: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRow:
    """One run: what ran, when, and its counts (None while unfinished)."""

    id: str
    version: str
    args: str
    started: str
    finished: str | None
    counts: Mapping[str, int] | None


class SqliteStore:
    """An eventwire store in one SQLite file; create it by opening a path that does not exist."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise ConfigError(f"{self.path}: not a readable SQLite file ({exc})") from exc
        except ConfigError:
            self._db.close()
            raise

    @classmethod
    def open(cls, path: str | Path) -> SqliteStore:
        """Open or create the store at ``path``, creating missing parent folders."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return cls(path)

    def upsert(self, record: Record) -> None:
        """Write a record, replacing any earlier version of the same id and its child rows."""
        row = [_article_value(record, name) for name in _ARTICLE_COLUMNS]
        with self._transaction("BEGIN IMMEDIATE") as db:
            db.execute("DELETE FROM articles WHERE id = ?", (record.id,))
            db.execute(f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}, updated_at) "
                       f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))}, ?)", (*row, _now()))
            for table in _CHILD_TABLES:
                db.executemany(table.insert_sql(), table.rows(record))
            if record.source is not None:
                db.execute("DELETE FROM quarantine WHERE input = ?", (record.source,))

    def get(self, record_id: str) -> Record | None:
        """The record with this id, rebuilt from the tables, or None."""
        with self._transaction("BEGIN") as db:
            row = db.execute("SELECT * FROM articles WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                return None
            children: dict[str, Any] = {t.name: t.load(db, record_id) for t in _CHILD_TABLES}
        return Record(
            id=row["id"], url=row["url"], outlet=row["outlet"], published=row["published"],
            language=row["language"], title=row["title"], standfirst=row["standfirst"],
            byline=row["byline"], credits=tuple(json.loads(row["credits"])), text=row["text"],
            blocks=tuple(codec.from_json(Block, b) for b in json.loads(row["blocks"])),
            pipeline=codec.from_json(PipelineInfo, json.loads(row["pipeline"])),
            source=row["source"], **children)

    def ids(self) -> list[str]:
        """Every record id in the store, sorted."""
        return [i for (i,) in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of the records whose title or text hold every word of ``query``, best first.

        Each word is matched as a quoted FTS5 phrase (stemmed), so any user string is safe.
        """
        match = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
        if not match:
            return []
        rows = self._db.execute(
            "SELECT articles.id FROM articles_fts"
            " JOIN articles ON articles.doc = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?", (match, limit))
        return [i for (i,) in rows]

    def quarantine(self, skipped: Skipped, run_id: str | None = None) -> None:
        """Record that an input did not become a record, replacing its earlier failure."""
        with self._transaction("BEGIN IMMEDIATE") as db:
            db.execute(
                "INSERT INTO quarantine (run_id, input, stage, reason, detail, time)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (input) DO UPDATE SET"
                " run_id = excluded.run_id, stage = excluded.stage, reason = excluded.reason,"
                " detail = excluded.detail, time = excluded.time",
                (run_id, skipped.source, skipped.stage, skipped.reason, skipped.detail, _now()))

    def quarantined(self) -> list[QuarantineRow]:
        """Every quarantine row, oldest first."""
        rows = self._db.execute("SELECT * FROM quarantine ORDER BY id")
        return [QuarantineRow(id=r["id"], run_id=r["run_id"], input=r["input"],
                              stage=Stage(r["stage"]), reason=SkipReason(r["reason"]),
                              detail=r["detail"], time=r["time"]) for r in rows]

    def start_run(self, version: str, args: str) -> str:
        """Open a run row and return its id (sortable by start time)."""
        started = _now()
        run_id = f"{started[:19].replace('-', '').replace(':', '')}-{uuid.uuid4().hex[:8]}"
        with self._transaction("BEGIN IMMEDIATE") as db:
            db.execute("INSERT INTO runs (id, version, args, started) VALUES (?, ?, ?, ?)",
                       (run_id, version, args, started))
        return run_id

    def finish_run(self, run_id: str, counts: Mapping[str, int]) -> None:
        """Close a run with its counts (for example records, skipped, events)."""
        with self._transaction("BEGIN IMMEDIATE") as db:
            cursor = db.execute("UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
                                (_now(), json.dumps(dict(counts), sort_keys=True), run_id))
            if cursor.rowcount != 1:
                raise ValueError(f"no run with id {run_id!r} in {self.path}")

    def runs(self) -> list[RunRow]:
        """Every run, oldest first."""
        rows = self._db.execute("SELECT * FROM runs ORDER BY started, id")
        return [RunRow(id=r["id"], version=r["version"], args=r["args"], started=r["started"],
                       finished=r["finished"],
                       counts=json.loads(r["counts"]) if r["counts"] else None) for r in rows]

    def stats(self) -> StoreStats:
        """Row counts per table, events by PLOVER type and quarantine rows by reason."""
        with self._transaction("BEGIN") as db:
            counts = {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                      for name in ("articles", "actors", "places", "quotes", "times", "runs")}
            events = dict(db.execute("SELECT plover_type, count(*) FROM events"
                                     " GROUP BY plover_type ORDER BY plover_type").fetchall())
            quarantined = dict(db.execute("SELECT reason, count(*) FROM quarantine"
                                          " GROUP BY reason ORDER BY reason").fetchall())
        return StoreStats(events=events, quarantined=quarantined, **counts)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if not tables:
            self._db.executescript(f"BEGIN IMMEDIATE; {_SCHEMA}"
                                   "INSERT OR IGNORE INTO meta VALUES ('schema_version',"
                                   f" '{SCHEMA_VERSION}'); COMMIT;")
        elif "meta" not in tables:
            raise ConfigError(f"{self.path}: not an eventwire store (no meta table)")
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        found = row["value"] if row else None
        if found != str(SCHEMA_VERSION):
            raise ConfigError(f"{self.path}: store schema version {found}, this eventwire "
                              f"reads version {SCHEMA_VERSION}; migrate or use a new file")

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        self._db.execute(begin)
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _article_value(record: Record, name: str) -> object:
    value = getattr(record, name)
    return codec.dumps(value) if name in ("credits", "blocks", "pipeline") else value


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
