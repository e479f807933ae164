"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.stages.nlp import NlpConfig, load_pipeline

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "example"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(NlpConfig())


@pytest.fixture(scope="session")
def example_text() -> str:
    return (EXAMPLE_DIR / "article.txt").read_text(encoding="utf-8")
