"""Quality gate: time expressions on time-dev (MEANTIME-en, 120 docs, 370 TIMEX3).

Floors sit just under the scores measured with ``eventwire eval time`` (docs/quality.md);
eventwire must also beat dateparser alone, measured in the same run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import Report
from eventwire.eval.time import Timex, load_documents, score, tally

FLOORS = {"eventwire.strict_f1": 0.79, "eventwire.relaxed_f1": 0.91,
          "eventwire.value_f1": 0.75, "eventwire.value_accuracy": 0.81,
          "eventwire.type_accuracy": 0.92}


@pytest.fixture(scope="module")
def report(data_dir: Path) -> Report:
    return score(data_dir, None)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(report: Report, metric: str) -> None:
    assert report.metrics[metric] >= FLOORS[metric], report.markdown()


def test_beats_dateparser_alone(report: Report) -> None:
    for measure in ("relaxed_f1", "value_f1"):
        assert report.metrics[f"eventwire.{measure}"] > report.metrics[f"dateparser.{measure}"]


def test_report_names_the_set_and_prints_counts(report: Report) -> None:
    assert "MEANTIME-en, 120 docs, 370 TIMEX3" in report.dataset
    assert all(len(row) == len(report.header) for row in report.rows)
    assert report.rows[0][1:4] != ["0", "0", "0"]


def test_gold_skips_creation_times_and_fixes_the_bad_dct(data_dir: Path) -> None:
    docs = {d.doc_id: d for d in load_documents(data_dir)}
    assert sum(len(d.gold) for d in docs.values()) == 370
    assert docs["120578"].dct == "2009-02-03"


def test_matching_can_fail() -> None:
    gold = [Timex(0, 8, "DATE", "2021-08-26"), Timex(20, 27, "DURATION", "P2D")]
    found = [Timex(0, 4, "DATE", "2021-08-27"), Timex(40, 45, "DATE", None)]
    t = tally(gold, found)
    assert (t.strict.tp, t.strict.fp, t.strict.fn) == (0, 2, 2)
    assert (t.relaxed.tp, t.relaxed.fp, t.relaxed.fn) == (1, 1, 1)
    assert (t.same_type, t.same_value, t.value.tp) == (1, 0, 0)
