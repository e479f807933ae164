"""Records in, rows out (and back): the embedded SQLite store, one file in WAL mode.

The tables are in ``schema.py``; ``get`` rebuilds a :class:`Record` from them. Duplicates:
a record whose clean text is already stored under another id is an exact duplicate and is not
stored again (its id, URL and source join the stored record's ``copies``); every other record
joins the story cluster of its most similar stored text (``stories.py``: MinHash LSH over every
stored article) or starts its own, so a record comes back with ``urls``, ``story`` and
``earliest`` filled in. ``quarantine`` holds the inputs that did not become records (one row
per input, the latest failure; a record with the same ``source`` clears it) and ``runs`` the
provenance of each run. Only the standard library ``sqlite3`` is used: the schema is small and
an ORM would hide the transactions that matter.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from eventwire import codec
from eventwire.errors import ConfigError
from eventwire.records import Block, PipelineInfo, Record, Skipped, StageSkip
from eventwire.store.schema import (
    ARTICLE_COLUMNS,
    CHILD_TABLES,
    JSON_COLUMNS,
    SCHEMA,
    SCHEMA_VERSION,
)
from eventwire.store.stories import (
    Signature,
    StoryConfig,
    StoryIndex,
    from_bytes,
    signature,
    to_bytes,
)
from eventwire.vocab import SkipReason, Stage

# The earliest copy of each story: first published, then first stored.
_EARLIEST_ORDER = "published IS NULL, published, first_seen, id"
_EARLIEST_IDS = (f"SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY story ORDER BY"
                 f" {_EARLIEST_ORDER}) AS n FROM articles) WHERE n = 1")


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreStats:
    """What a store holds.

    ``articles`` stored records, ``stories`` near-duplicate clusters among them, ``duplicates``
    inputs stored as a copy of an article with the same text; ``languages`` articles by
    language; ``not_coded`` articles whose English stages were skipped, by reason. ``actors``
    to ``events`` (events by PLOVER type) count the earliest copy of each story only, so a wire
    story published ten times counts once, unless ``all_copies``. ``quarantined`` inputs by
    skip reason; ``runs`` runs.
    """

    articles: int
    stories: int
    duplicates: int
    actors: int
    places: int
    quotes: int
    times: int
    events: Mapping[str, int]
    languages: Mapping[str, int]
    not_coded: Mapping[str, int]
    quarantined: Mapping[str, int]
    runs: int
    all_copies: bool


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
    """An eventwire store in one SQLite file; create it by opening a path that does not exist.

    ``stories`` says how near-duplicates are matched; use the same settings for one file.
    """

    def __init__(self, path: str | Path, stories: StoryConfig | None = None) -> None:
        self.path = Path(path)
        self._stories = stories or StoryConfig()
        self._index: StoryIndex | None = None
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
    def open(cls, path: str | Path, stories: StoryConfig | None = None) -> SqliteStore:
        """Open or create the store at ``path``, creating missing parent folders."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return cls(path, stories)

    def upsert(self, record: Record) -> Record:
        """Write a record and return it as stored, with ``urls``, ``story`` and ``earliest``.

        The same id replaces the earlier version and its child rows. A new id whose clean text
        is stored already is an exact duplicate: its id, URL and source are added to that
        record, which is returned (and found by ``get`` under either id). The ``urls``,
        ``story`` and ``earliest`` given are ignored: the store derives them.
        """
        digest = hashlib.sha1(record.text.encode("utf-8")).hexdigest()
        sig = signature(record.text, self._stories)
        with self._transaction("BEGIN IMMEDIATE") as db:
            original = _original_of(db, record.id, digest)
            if original is None:
                _write_article(db, record, digest, self._story(db, record.id, sig), sig)
            _write_copy(db, original or record.id, record)
            if record.source is not None:
                db.execute("DELETE FROM quarantine WHERE input = ?", (record.source,))
            return _read(db, original or record.id)

    def get(self, record_id: str) -> Record | None:
        """The record with this id (or of which it is an exact duplicate), or None."""
        with self._transaction("BEGIN") as db:
            row = db.execute("SELECT article_id FROM copies WHERE id = ?",
                             (record_id,)).fetchone()
            article_id = row[0] if row else record_id
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                return _read(db, article_id)
        return None

    def has_source(self, name: str) -> bool:
        """Whether a stored article or copy came from this input name or URL (feed polling
        uses it to fetch only new items)."""
        found = self._db.execute(
            "SELECT 1 FROM articles WHERE source = ?1 OR url = ?1 "
            "UNION ALL SELECT 1 FROM copies WHERE source = ?1 OR url = ?1 LIMIT 1",
            (name,)).fetchone()
        return found is not None

    def ids(self, *, all_copies: bool = True) -> list[str]:
        """Every record id in the store, sorted; only each story's earliest copy unless
        ``all_copies``."""
        query = "SELECT id FROM articles" if all_copies else _EARLIEST_IDS
        return [i for (i,) in self._db.execute(f"{query} ORDER BY id")]

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

    def stats(self, *, all_copies: bool = False) -> StoreStats:
        """What the store holds; coded items of each story's earliest copy only, unless
        ``all_copies`` (see :class:`StoreStats`)."""
        counted = "SELECT id FROM articles" if all_copies else _EARLIEST_IDS
        with self._transaction("BEGIN") as db:
            def count(sql: str) -> int:
                return int(db.execute(sql).fetchone()[0])

            def grouped(sql: str) -> dict[str, int]:
                return dict(db.execute(f"{sql} GROUP BY 1 ORDER BY 1").fetchall())

            children = {name: count(f"SELECT count(*) FROM {name} WHERE article_id IN"
                                    f" ({counted})")
                        for name in ("actors", "places", "quotes", "times")}
            return StoreStats(
                articles=count("SELECT count(*) FROM articles"),
                stories=count("SELECT count(DISTINCT story) FROM articles"),
                duplicates=count("SELECT count(*) FROM copies WHERE id != article_id"),
                events=grouped(f"SELECT plover_type, count(*) FROM events WHERE article_id IN"
                               f" ({counted})"),
                languages=grouped("SELECT language, count(*) FROM articles"),
                not_coded=grouped("SELECT json_extract(skip.value, '$.reason'),"
                                  " count(DISTINCT articles.id)"
                                  " FROM articles, json_each(articles.skipped_stages) AS skip"),
                quarantined=grouped("SELECT reason, count(*) FROM quarantine"),
                runs=count("SELECT count(*) FROM runs"), all_copies=all_copies, **children)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _story(self, db: sqlite3.Connection, record_id: str, sig: Signature | None) -> str:
        """The story of the most similar stored text, or ``record_id`` for a new story."""
        if sig is None:
            return record_id
        if self._index is None:
            self._index = StoryIndex(self._stories)
        self._index.sync(tuple(row) for row in db.execute(
            "SELECT seq, article_id, minhash FROM signatures WHERE seq > ? ORDER BY seq",
            (self._index.seen,)))
        best: tuple[float, str] | None = None
        for key in self._index.candidates(sig):
            row = None if key == record_id else db.execute(
                "SELECT minhash, story FROM signatures JOIN articles ON articles.id = article_id"
                " WHERE article_id = ?", (key,)).fetchone()
            if row is None:
                continue
            score = self._index.similar(sig, from_bytes(row["minhash"], self._stories))
            if score is not None and (best is None or score > best[0]):
                best = (score, row["story"])
        return best[1] if best else record_id

    def _ensure_schema(self) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if not tables:
            self._db.executescript(f"BEGIN IMMEDIATE; {SCHEMA}"
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


def _original_of(db: sqlite3.Connection, record_id: str, digest: str) -> str | None:
    """The stored article a new id duplicates exactly (same clean text), if any."""
    if db.execute("SELECT 1 FROM articles WHERE id = ?", (record_id,)).fetchone():
        return None
    row = db.execute("SELECT id FROM articles WHERE text_sha1 = ? ORDER BY doc LIMIT 1",
                     (digest,)).fetchone()
    return str(row[0]) if row else None


def _write_article(db: sqlite3.Connection, record: Record, digest: str, story: str,
                   sig: Signature | None) -> None:
    values = {name: _column_value(record, name) for name in ARTICLE_COLUMNS}
    values |= {"text_sha1": digest, "story": story, "updated_at": _now()}
    if db.execute("SELECT 1 FROM articles WHERE id = ?", (record.id,)).fetchone():
        db.execute(f"UPDATE articles SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                   (*values.values(), record.id))
        for name in (*(child.name for child in CHILD_TABLES), "signatures"):
            db.execute(f"DELETE FROM {name} WHERE article_id = ?", (record.id,))
    else:
        values["first_seen"] = values["updated_at"]
        db.execute(f"INSERT INTO articles ({', '.join(values)}) "
                   f"VALUES ({', '.join('?' * len(values))})", tuple(values.values()))
    for child in CHILD_TABLES:
        db.executemany(child.insert_sql(), child.rows(record))
    if sig is not None:
        db.execute("INSERT INTO signatures (article_id, minhash) VALUES (?, ?)",
                   (record.id, to_bytes(sig)))


def _write_copy(db: sqlite3.Connection, article_id: str, record: Record) -> None:
    db.execute("INSERT INTO copies (id, article_id, url, source, first_seen)"
               " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
               " article_id = excluded.article_id,"
               " url = excluded.url, source = excluded.source",
               (record.id, article_id, record.url, record.source, _now()))


def _read(db: sqlite3.Connection, article_id: str) -> Record:
    row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    children: dict[str, Any] = {t.name: t.load(db, article_id) for t in CHILD_TABLES}
    urls = [u for (u,) in db.execute(
        "SELECT url FROM copies WHERE article_id = ? AND url IS NOT NULL"
        " ORDER BY id != article_id, first_seen, rowid", (article_id,))]
    (earliest,) = db.execute(
        f"SELECT id FROM articles WHERE story = ? ORDER BY {_EARLIEST_ORDER} LIMIT 1",
        (row["story"],)).fetchone()
    return Record(
        id=row["id"], url=row["url"], outlet=row["outlet"], published=row["published"],
        language=row["language"], title=row["title"], standfirst=row["standfirst"],
        byline=row["byline"], credits=tuple(json.loads(row["credits"])), text=row["text"],
        blocks=tuple(codec.from_json(Block, b) for b in json.loads(row["blocks"])),
        pipeline=codec.from_json(PipelineInfo, json.loads(row["pipeline"])),
        source=row["source"], skipped_stages=tuple(
            codec.from_json(StageSkip, s) for s in json.loads(row["skipped_stages"])),
        urls=tuple(dict.fromkeys(urls)), story=row["story"], earliest=earliest, **children)


def _column_value(record: Record, name: str) -> object:
    value = getattr(record, name)
    return codec.dumps(value) if name in JSON_COLUMNS else value


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
