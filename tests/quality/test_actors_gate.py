"""Quality gate: actor country and sector codes on plover-gsr dev (166 odd-id records).

Floors sit just under the scores measured with ``eventwire eval actors`` (docs/quality.md);
eventwire must beat the spaCy + pycountry baseline of the same run on both codes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import Report
from eventwire.eval.actors import score

FLOORS = {
    "eventwire/country/f1": 0.81,
    "eventwire/country/precision": 0.92,
    "eventwire/sector/f1": 0.82,
    "eventwire/sector/precision": 0.84,
    "eventwire/matched": 0.83,
}


@pytest.fixture(scope="module")
def report(data_dir: Path) -> Report:
    return score(data_dir, None)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(report: Report, metric: str) -> None:
    assert report.metrics[metric] >= FLOORS[metric], report.markdown()


@pytest.mark.parametrize("code", ["country", "sector"])
def test_beats_the_baseline(report: Report, code: str) -> None:
    ours = report.metrics[f"eventwire/{code}/f1"]
    assert ours > report.metrics[f"spaCy+pycountry/{code}/f1"] + 0.3, report.markdown()
