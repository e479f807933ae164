"""Quality gate: ACLED sub-event types of the package's ACLED-style dev notes (100 notes).

The notes were written for eventwire (see ``eventwire/eval/data/README.md``); floors sit just
under the scores measured with ``eventwire eval acled`` (docs/quality.md). Rules and model
together must beat either alone, and the majority-type baseline, in the same run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import Report
from eventwire.eval.acled import load, score
from eventwire.stages.events.acled import SUB_EVENTS

FLOORS = {"both.macro_f1": 0.84, "both.weighted_f1": 0.84, "both.event_type_accuracy": 0.82,
          "rules.macro_f1": 0.48, "model.macro_f1": 0.77}


@pytest.fixture(scope="module")
def report(data_dir: Path) -> Report:
    return score(data_dir, None)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(report: Report, metric: str) -> None:
    assert report.metrics[metric] >= FLOORS[metric], report.markdown()


def test_rules_and_model_together_beat_either_alone(report: Report) -> None:
    both = report.metrics["both.macro_f1"]
    assert both > report.metrics["rules.macro_f1"]
    assert both > report.metrics["model.macro_f1"]
    assert report.metrics["rules.macro_f1"] > 10 * report.metrics["baseline.macro_f1"]


def test_the_set_covers_every_sub_event_type_evenly() -> None:
    notes = load()
    assert len(notes) == 100
    assert {n.sub_event_type for n in notes} == set(SUB_EVENTS)
    assert all(SUB_EVENTS[n.sub_event_type][0] == n.event_type for n in notes)
    assert all(sum(m.sub_event_type == n.sub_event_type for m in notes) == 4 for n in notes)
