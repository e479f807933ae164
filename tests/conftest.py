"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.pipeline import PipelineConfig, Resources
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
    loaded = Resources.load(PipelineConfig())
    return Resources(nlp=nlp, codebook=loaded.codebook, gazetteer=loaded.gazetteer,
                     lexicon=loaded.lexicon)


@pytest.fixture(scope="session")
def example_text() -> str:
    return (EXAMPLE_DIR / "article.txt").read_text(encoding="utf-8")
