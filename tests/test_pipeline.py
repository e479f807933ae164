"""The whole pipeline: golden output for the example article, the JSON Schema contract, span
and reference invariants on any text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventwire
from eventwire import codec
from eventwire.pipeline import PipelineConfig, Resources, process_batch
from eventwire.records import RawDocument, Record, Skipped
from eventwire.vocab import InputFormat

GOLDEN = Path(__file__).parent / "golden" / "example.json"
SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "record.schema.json"


def code(text: str, resources: Resources, published: str | None = "2021-08-26") -> Record | Skipped:
    doc = RawDocument(source="example", payload=text, format=InputFormat.TEXT,
                      published=published)
    (result,) = process_batch([doc], resources, PipelineConfig())
    return result


@pytest.fixture(scope="module")
def example(example_text: str, resources: Resources) -> Record:
    result = code(example_text, resources)
    assert isinstance(result, Record)
    return result


def comparable(record: Record) -> dict[str, Any]:
    data = codec.to_json(record)
    data.pop("source")
    data["pipeline"].pop("version")
    return dict(data)


def test_example_matches_golden(example: Record, request: pytest.FixtureRequest) -> None:
    current = comparable(example)
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    assert current == json.loads(GOLDEN.read_text(encoding="utf-8")), (
        "output changed: review, then rerun with --update-golden")


def test_example_validates_against_schema(example: Record) -> None:
    jsonschema.validate(codec.to_json(example), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_example_acceptance(example: Record) -> None:
    """The headline facts of shared/example/expected.md."""
    text = example.text
    assert example.title == "Russia to supply arms and helicopters to Afghanistan's neighbours"
    assert example.credits == ("Reuters",)
    for junk in ("READ MORE", "Loading...", "Route 6"):
        assert junk not in text
    actors = {a.id: a for a in example.actors}
    assert actors["act-rus"].country == "RUS" and actors["act-taliban"].country == "AFG"
    types = {e.plover.type.value for e in example.events}
    assert {"AID", "COOPERATE", "THREATEN", "ASSAULT"} <= types
    arms = next(e.arms for e in example.events if e.arms is not None)
    assert {i.category.value for i in arms.items} == {"aircraft", "small_arms", "border_security"}
    drills = next(e for e in example.events if e.date.start == "2021-09-07")
    assert drills.date.end == "2021-09-09" and drills.factuality.tense.value == "future"
    threat = next(e for e in example.events if e.plover.type.value == "THREATEN")
    assert threat.factuality.polarity.value == "negated"
    mikheev = next(q for q in example.quotes if q.direct and q.text.startswith("We are"))
    assert mikheev.speaker == "act-person-alexander-mikheev"
    assert mikheev.channel == "act-rianovosti" and mikheev.date.start == "2021-08-26"
    assert "Moscow" not in {p.name for p in example.places}
    assert {"Kabul", "Kyrgyzstan"} <= {p.name for p in example.places}
    assert "on Thursday" in text


def spans_of(data: Any) -> Iterator[tuple[int, int, str | None]]:
    """Every (start, end, surface-if-known) offset pair in a record's JSON."""
    if isinstance(data, dict):
        if isinstance(data.get("start"), int) and isinstance(data.get("end"), int):
            yield data["start"], data["end"], data.get("text")
        for value in data.values():
            yield from spans_of(value)
    elif isinstance(data, list):
        for value in data:
            yield from spans_of(value)


def check_invariants(record: Record) -> None:
    data = codec.to_json(record)
    for start, end, surface in spans_of({k: v for k, v in data.items() if k != "text"}):
        assert 0 <= start <= end <= len(record.text)
        if surface is not None:
            assert record.text[start:end] == surface
    actor_ids = {a.id for a in record.actors}
    place_ids = {p.id for p in record.places}
    quote_ids = {q.id for q in record.quotes}
    assert len(actor_ids) == len(record.actors) and len(place_ids) == len(record.places)
    assert len(quote_ids) == len(record.quotes)
    for actor in record.actors:
        assert set(actor.members) <= actor_ids
        assert actor.affiliation is None or actor.affiliation in actor_ids
    for event in record.events:
        assert set(event.actor) | set(event.recipient) <= actor_ids
        assert event.place is None or event.place in place_ids
        assert event.factuality.source is None or event.factuality.source in actor_ids
        if event.arms:
            assert set(event.arms.supplier) | set(event.arms.recipient) <= actor_ids
    for quote in record.quotes:
        assert {quote.speaker, quote.channel} - {None} <= actor_ids


def test_example_invariants(example: Record) -> None:
    check_invariants(example)


def test_reprocessing_gives_the_same_record(example: Record, example_text: str,
                                            resources: Resources) -> None:
    assert code(example_text, resources) == example


WORDS = st.sampled_from(["Russia", "the Taliban", "said", "attacked", "police", "in", "Kabul",
                         "on Thursday", "\"We will fight,\"", "NATO", "troops", "protesters",
                         "will", "not", "supply", "helicopters", "to", "Ukraine", ".", ",",
                         "\n\n", "READ MORE:", "between May 3 and 5", "Mr Smith", "é", "—"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=60).map(" ".join))
def test_any_text_gives_a_consistent_record_or_a_reason(resources: Resources, text: str) -> None:
    result = code(text, resources, published=None)
    if isinstance(result, Skipped):
        assert result.detail
    else:
        check_invariants(result)


def test_python_api_gives_the_batch_record(example: Record, example_text: str) -> None:
    record = eventwire.process(example_text, published="2021-08-26", source="example")
    assert record == example
    assert record.to_json() == codec.to_json(example)
    with pytest.raises(eventwire.InputError, match="no_text"):
        eventwire.process("   \n", published="2021-08-26")


def test_a_long_input_streams_chunk_by_chunk(example_text: str, resources: Resources) -> None:
    pulled = 0

    def docs() -> Iterator[RawDocument]:
        nonlocal pulled
        for n in range(10):
            pulled += 1
            yield RawDocument(source=f"d{n}", payload=f"{example_text}\n\nCopy {n}.",
                              format=InputFormat.TEXT, published="2021-08-26")

    results = process_batch(docs(), resources, PipelineConfig(chunk=3))
    assert isinstance(next(results), Record) and pulled == 3
    assert len([next(results) for _ in range(9)]) == 9 and pulled == 10
