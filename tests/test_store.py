"""The SQLite store: records round-trip through real files, upserts replace, bookkeeping rows."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from eventwire.errors import ConfigError
from eventwire.records import (
    Actor,
    Block,
    Event,
    PipelineInfo,
    PloverCode,
    Record,
    Skipped,
    Span,
)
from eventwire.store import SCHEMA_VERSION, SqliteStore
from eventwire.store.schema import ARTICLE_COLUMNS, CHILD_TABLES, DERIVED_FIELDS
from eventwire.vocab import ActorKind, BlockKind, PloverType, SkipReason, Stage
from strategies import records

PROPERTY = settings(max_examples=50, deadline=None)


def article(record_id: str, text: str, **fields: Any) -> Record:
    base = Record(id=record_id, text=text, language="en",
                  blocks=(Block(kind=BlockKind.BODY, start=0, end=len(text)),),
                  pipeline=PipelineInfo(version="0.1.0", model="sm", codebook="plover-2.0"))
    return dataclasses.replace(base, **fields)


def event(event_id: str, plover: PloverType, text: str) -> Event:
    span = Span(start=0, end=len(text))
    return Event(id=event_id, plover=PloverCode(type=plover), cameo="14", quad=3,
                 evidence=(span,), trigger=span)


def as_stored(record: Record) -> Record:
    """A record alone in its store: its own URL, its own story, its own earliest copy."""
    return dataclasses.replace(record, urls=() if record.url is None else (record.url,),
                               story=record.id, earliest=record.id)


def child_counts(store: SqliteStore) -> tuple[int, ...]:
    stats = store.stats()
    return (stats.articles, stats.actors, stats.places, stats.quotes, stats.times,
            sum(stats.events.values()))


def record_counts(record: Record) -> tuple[int, ...]:
    return (1, len(record.actors), len(record.places), len(record.quotes), len(record.times),
            len(record.events))


@PROPERTY
@given(record=records())
def test_records_round_trip_through_the_tables(
        record: Record, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("round-trip") / "store.db"
    with SqliteStore(path) as store:
        stored = store.upsert(record)
    with SqliteStore(path) as store:
        assert store.get(record.id) == stored == as_stored(record)
        assert store.ids() == [record.id]


@PROPERTY
@given(first=records(), second=records())
def test_upsert_replaces_the_record_and_its_children(
        first: Record, second: Record, tmp_path_factory: pytest.TempPathFactory) -> None:
    second = dataclasses.replace(second, id=first.id)
    with SqliteStore(tmp_path_factory.mktemp("upsert") / "store.db") as store:
        store.upsert(first)
        store.upsert(second)
        store.upsert(second)
        assert store.get(first.id) == as_stored(second)
        assert child_counts(store) == record_counts(second)


def test_every_record_field_is_stored_or_derived() -> None:
    stored = set(ARTICLE_COLUMNS) | {table.name for table in CHILD_TABLES} | DERIVED_FIELDS
    assert stored == {field.name for field in dataclasses.fields(Record)}


def test_get_unknown_id_is_none(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        assert store.get("missing") is None
        store.upsert(article("a", "Text."))
        assert store.ids() == ["a"]


def test_store_file_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_open_creates_parent_folders(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "a" / "b" / "store.db") as store:
        assert store.path.exists()


def test_search_finds_words_in_title_and_text(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        store.upsert(article("a", "Protesters marched on the ministry.", title="Unrest"))
        store.upsert(article("b", "The ministers met in Geneva for talks."))
        assert store.search("protest", 10) == ["a"]
        assert store.search("unrest", 10) == ["a"]
        assert store.search("minister talk", 10) == ["b"]
        assert sorted(store.search("the", 10)) == ["a", "b"]
        assert len(store.search("the", 1)) == 1
        assert store.search("geneva talks", 10) == ["b"]
        assert store.search('NEAR( "" -* OR', 10) == []
        assert store.search("   ", 10) == []


def test_search_index_follows_upserts(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        store.upsert(article("a", "Tanks crossed the border."))
        store.upsert(article("a", "Talks resumed in Doha."))
        assert store.search("tanks", 10) == []
        assert store.search("doha", 10) == ["a"]


def test_stats_count_rows_by_kind(tmp_path: Path) -> None:
    text = "Police fired on protesters; protesters threw stones."
    actors = tuple(Actor(id=f"a{i}", name="police", kind=ActorKind.GROUP) for i in range(2))
    events = (event("e1", PloverType.PROTEST, text), event("e2", PloverType.ASSAULT, text),
              event("e3", PloverType.PROTEST, text))
    with SqliteStore(tmp_path / "store.db") as store:
        store.upsert(article("x", text, actors=actors, events=events))
        store.upsert(article("y", "Talks resumed.", language="fr"))
        store.quarantine(Skipped(source="f.bin", stage=Stage.INGEST, reason=SkipReason.BINARY,
                                 detail="NUL bytes"))
        store.start_run("0.1.0", "process f.bin")
        stats = store.stats()
    assert (stats.articles, stats.actors, stats.places, stats.quotes, stats.runs) == (2, 2, 0, 0, 1)
    assert (stats.stories, stats.duplicates, stats.not_coded) == (2, 0, {})
    assert stats.events == {"ASSAULT": 1, "PROTEST": 2}
    assert stats.languages == {"en": 1, "fr": 1}
    assert stats.quarantined == {"binary": 1}


def test_quarantine_keeps_the_latest_failure_per_input(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        run = store.start_run("0.1.0", "process inbox/")
        store.quarantine(Skipped(source="inbox/a.html", stage=Stage.EXTRACT,
                                 reason=SkipReason.NO_TEXT, detail="no main text"), run)
        store.quarantine(Skipped(source="inbox/b.txt", stage=Stage.INGEST,
                                 reason=SkipReason.EMPTY, detail="0 bytes"))
        store.quarantine(Skipped(source="inbox/a.html", stage=Stage.EXTRACT,
                                 reason=SkipReason.NOT_ENGLISH, detail="de"), run)
        rows = store.quarantined()
        assert [(r.input, r.run_id, r.stage, r.reason, r.detail) for r in rows] == [
            ("inbox/a.html", run, Stage.EXTRACT, SkipReason.NOT_ENGLISH, "de"),
            ("inbox/b.txt", None, Stage.INGEST, SkipReason.EMPTY, "0 bytes")]
        assert all(r.time for r in rows)
        store.upsert(article("a", "Now readable.", source="inbox/a.html"))
        assert [r.input for r in store.quarantined()] == ["inbox/b.txt"]


def test_runs_record_version_args_and_counts(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        run = store.start_run("0.1.0", "process --jobs 2 inbox/")
        (open_run,) = store.runs()
        assert (open_run.id, open_run.finished, open_run.counts) == (run, None, None)
        store.finish_run(run, {"records": 3, "skipped": 1})
        (done,) = store.runs()
        assert (done.version, done.args) == ("0.1.0", "process --jobs 2 inbox/")
        assert done.finished is not None and done.finished >= done.started
        assert done.counts == {"records": 3, "skipped": 1}
        with pytest.raises(ValueError, match="no run"):
            store.finish_run("nope", {})


@pytest.mark.parametrize("version", [SCHEMA_VERSION - 1, SCHEMA_VERSION + 1])
def test_other_schema_version_is_a_clear_error(tmp_path: Path, version: int) -> None:
    path = tmp_path / "store.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    db.close()
    with pytest.raises(ConfigError, match=f"schema version {version}, .* version {SCHEMA_VERSION}"):
        SqliteStore(path)


def test_foreign_database_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE things (id INTEGER)")
    db.close()
    with pytest.raises(ConfigError, match="not an eventwire store"):
        SqliteStore(path)


def test_non_sqlite_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the pages you are looking for" * 100)
    with pytest.raises(ConfigError, match="not a readable SQLite file"):
        SqliteStore(path)


def test_context_manager_closes_the_connection(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        store.ids()
