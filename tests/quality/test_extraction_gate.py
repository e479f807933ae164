"""Quality gate: article extraction on extraction-dev (trafilatura's own evaluation subset,
250 pages, 168 English), eventwire's extract against plain trafilatura in the same run.

Floors sit just under the scores measured with ``eventwire eval extraction`` (docs/quality.md);
eventwire must also stay at least as good as plain trafilatura on the English pages. The whole
set runs (about 15-30 s).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import extraction

FLOORS = {
    "en_eventwire_f1": 0.925,
    "en_eventwire_precision": 0.93,
    "en_eventwire_recall": 0.92,
    "all_eventwire_f1": 0.916,
    "en_eventwire_title_accuracy": 0.70,
    "en_eventwire_author_accuracy": 0.55,
    "en_eventwire_date_accuracy": 0.87,
}


@pytest.fixture(scope="module")
def metrics(data_dir: Path) -> dict[str, float]:
    return dict(extraction.score(data_dir, None).metrics)


def test_every_page_is_scored(metrics: dict[str, float]) -> None:
    assert (metrics["all_eventwire_pages"], metrics["en_eventwire_pages"]) == (250, 168)
    assert metrics["en_eventwire_tp"] + metrics["en_eventwire_fn"] == 498


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS.items()))
def test_extraction_stays_above_its_floor(metrics: dict[str, float], metric: str,
                                          floor: float) -> None:
    assert metrics[metric] >= floor, f"{metric} = {metrics[metric]:.3f} < floor {floor}"


def test_eventwire_is_at_least_as_good_as_plain_trafilatura(metrics: dict[str, float]) -> None:
    for scope in ("en", "all"):
        assert metrics[f"{scope}_eventwire_f1"] >= metrics[f"{scope}_trafilatura_f1"], scope
