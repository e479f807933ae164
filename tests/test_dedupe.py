"""Duplicates in the store: exact copies stored once with every URL, near-duplicates (the same
wire story re-published with edits) grouped into story clusters, counted once in stats.

The near-duplicate measure runs on ``fixtures/syndication`` (hand-written, see its README):
every copy goes through extract and into a real SQLite store, then every pair of copies is
scored: same story in the gold (file name before ``--``) and in the store is a TP.
``pytest tests/test_dedupe.py -s`` prints the counts, beside a baseline that pairs only
copies with the same clean text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

from eventwire.eval import COUNTS_HEADER, Counts, counts_row
from eventwire.records import (
    Article,
    Block,
    Event,
    PipelineInfo,
    PloverCode,
    RawDocument,
    Record,
    Span,
)
from eventwire.stages.extract import ExtractConfig, extract
from eventwire.store import SqliteStore, StoryConfig
from eventwire.vocab import BlockKind, InputFormat, PloverType

SYNDICATION = Path(__file__).parent / "fixtures" / "syndication"
INFO = PipelineInfo(version="0.1.0", model="none", codebook="none")
WIRE = ("Rebels seized the northern border crossing on Tuesday after three days of fighting "
        "with government troops, the army said, as ceasefire talks in the capital stalled over "
        "the release of prisoners and the withdrawal of heavy weapons from the front line. ")


def record(record_id: str, text: str, **fields: object) -> Record:
    base = Record(id=record_id, text=text, language="en", pipeline=INFO,
                  blocks=(Block(kind=BlockKind.BODY, start=0, end=len(text)),))
    return dataclasses.replace(base, **fields)


def event(text: str) -> Event:
    span = Span(start=0, end=len(text))
    return Event(id="e1", plover=PloverCode(type=PloverType.ASSAULT),
                 cameo="19", quad=4, evidence=(span,), trigger=span)


def syndication_records() -> list[tuple[str, Record]]:
    """Each copy of the set as a record with its gold story, through the extract stage."""
    found = []
    for path in sorted(SYNDICATION.glob("*.txt")):
        doc = RawDocument(source=path.name, payload=path.read_text(encoding="utf-8"),
                          format=InputFormat.TEXT, url=f"https://example.org/{path.stem}")
        article = extract(doc, ExtractConfig())
        assert isinstance(article, Article)
        found.append((path.name.split("--")[0], record(
            article.id, article.text, blocks=article.blocks, url=article.url, source=path.name)))
    return found


def pair_counts(gold: Sequence[str], predicted: Sequence[str]) -> Counts:
    """Pairs of copies in one story: TP in both, FP predicted only, FN gold only."""
    tp = fp = fn = 0
    for (gold_a, pred_a), (gold_b, pred_b) in combinations(zip(gold, predicted, strict=True), 2):
        tp += gold_a == gold_b and pred_a == pred_b
        fp += gold_a != gold_b and pred_a == pred_b
        fn += gold_a == gold_b and pred_a != pred_b
    return Counts(tp, fp, fn)


def measure(tmp_path: Path, config: StoryConfig) -> Counts:
    copies = syndication_records()
    with SqliteStore(tmp_path / f"syndication-{config.threshold}.db", config) as store:
        stories = [store.upsert(rec).story or "" for _, rec in copies]
    return pair_counts([story for story, _ in copies], stories)


def test_syndication_pairs_are_found(tmp_path: Path) -> None:
    config = StoryConfig()
    counts = measure(tmp_path, config)
    copies = syndication_records()
    exact = pair_counts([story for story, _ in copies], [rec.text for _, rec in copies])
    print(f"\nsyndication set: {len(copies)} copies, threshold {config.threshold}\n"
          f"| {' | '.join(COUNTS_HEADER)} |\n"
          f"| {' | '.join(counts_row('MinHash LSH stories', counts))} |\n"
          f"| {' | '.join(counts_row('baseline: same clean text', exact))} |")
    assert counts.tp + counts.fn == 30
    assert counts.precision >= 0.99
    assert counts.recall >= 0.99


def test_exact_duplicates_are_stored_once_with_every_url(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        first = store.upsert(record("a", WIRE * 2, url="https://one.example/a", source="a.html"))
        second = store.upsert(record("b", WIRE * 2, url="https://two.example/b", source="b.html"))
        again = store.upsert(record("b", WIRE * 2, url="https://two.example/b", source="b.html"))
        assert first.urls == ("https://one.example/a",)
        assert second.id == again.id == "a"
        assert second.urls == ("https://one.example/a", "https://two.example/b")
        assert store.ids() == ["a"]
        assert store.get("b") == store.get("a") == second
        stats = store.stats()
    assert (stats.articles, stats.duplicates, stats.stories) == (1, 1, 1)


def test_a_changed_text_under_a_duplicate_id_becomes_its_own_record(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        store.upsert(record("a", WIRE))
        store.upsert(record("b", WIRE))
        changed = store.upsert(record("b", "A different story entirely."))
        assert changed.id == "b" and store.ids() == ["a", "b"]
        assert store.stats().duplicates == 0


def test_near_duplicates_share_a_story_and_name_the_earliest_copy(tmp_path: Path) -> None:
    late = record("late", "Breaking: " + WIRE * 2 + "More follows.", published="2023-03-15")
    early = record("early", WIRE * 2, published="2023-03-14")
    other = record("other", "Floods forced thousands from their homes in the south on Monday "
                   "after a river burst its banks following days of heavy rain, officials said, "
                   "and the army sent boats to reach villages cut off by the water.")
    with SqliteStore(tmp_path / "store.db") as store:
        first = store.upsert(late)
        assert (first.story, first.earliest) == ("late", "late")
        second = store.upsert(early)
        third = store.upsert(other)
        assert (second.story, second.earliest) == ("late", "early")
        assert store.get("late") == dataclasses.replace(first, earliest="early")
        assert (third.story, third.earliest) == ("other", "other")
        assert store.ids(all_copies=False) == ["early", "other"]


def test_signatures_persist_across_store_connections(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with SqliteStore(path) as store:
        store.upsert(record("a", WIRE * 2))
    with SqliteStore(path) as reopened:
        assert reopened.upsert(record("b", "UPDATE " + WIRE * 2)).story == "a"


def test_short_texts_are_not_matched(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        store.upsert(record("a", "Rebels seize border crossing"))
        assert store.upsert(record("b", "Rebels seize border crossing again")).story == "b"


def test_stats_count_the_events_of_a_story_once_unless_asked(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.db") as store:
        store.upsert(record("a", WIRE * 2, events=(event(WIRE),), published="2023-03-14"))
        store.upsert(record("b", WIRE * 2 + "Updated.", events=(event(WIRE),)))
        once, every = store.stats(), store.stats(all_copies=True)
    assert (once.articles, once.stories, once.events, once.all_copies) == (
        2, 1, {"ASSAULT": 1}, False)
    assert (every.events, every.all_copies) == ({"ASSAULT": 2}, True)
