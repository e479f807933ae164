"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.pipeline import Resources
from eventwire.stages import events, places
from eventwire.stages.actors import Codebook
from eventwire.stages.nlp import NlpConfig, load_pipeline

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "example"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.json from the current output (review the diff)")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(NlpConfig())


@pytest.fixture(scope="session")
def resources(nlp: Language) -> Resources:
    """The whole pipeline's resources, sharing the session's spaCy pipeline."""
    return Resources(nlp=nlp, codebook=Codebook.load(), gazetteer=places.Gazetteer.load(),
                     lexicon=events.Lexicon.load(), event_model=events.EventModel.load())


@pytest.fixture(scope="session")
def example_text() -> str:
    return (EXAMPLE_DIR / "article.txt").read_text(encoding="utf-8")
