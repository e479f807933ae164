"""Quality gate: PLOVER event type and actors on plover-gsr dev (166 odd-id records).

Floors sit just under the scores measured with ``eventwire eval events`` (docs/quality.md),
the lower of two runs: with the actor stage as committed and with its pending rewrite (actor
accuracy 0.31 and 0.45), since actor and recipient accuracy move with the actor stage. Rules and
model together must beat either alone on type accuracy, measured in the same run, and every
coder must beat the majority-type baseline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import Report
from eventwire.eval.events import score

FLOORS = {"both.accuracy": 0.61, "both.macro_f1": 0.63, "both.actor_acc": 0.48,
          "both.recipient_acc": 0.24,
          "rules.accuracy": 0.51, "rules.macro_f1": 0.54,
          "model.accuracy": 0.58, "model.macro_f1": 0.63}


@pytest.fixture(scope="module")
def report(data_dir: Path) -> Report:
    return score(data_dir, None)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(report: Report, metric: str) -> None:
    assert report.metrics[metric] >= FLOORS[metric], report.markdown()


def test_rules_and_model_together_beat_either_alone(report: Report) -> None:
    both = report.metrics["both.accuracy"]
    assert both > report.metrics["rules.accuracy"]
    assert both > report.metrics["model.accuracy"]


def test_every_coder_beats_the_baseline(report: Report) -> None:
    for coder in ("rules", "model", "both"):
        assert report.metrics[f"{coder}.macro_f1"] > 3 * report.metrics["baseline.macro_f1"]
        assert report.metrics[f"{coder}.accuracy"] > 3 * report.metrics["baseline.accuracy"]


def test_report_names_the_set_and_prints_counts(report: Report) -> None:
    assert "plover-gsr dev (166 odd-id records)" in report.dataset
    assert report.header[:5] == ("system", "scored", "TP", "FP", "FN")
    assert report.rows[0][1] == "166"
