"""Quality gate: entity mentions on re3d (90 docs, BBC excluded), all documents.

Floors sit just under the scores measured with ``eventwire eval entities`` (docs/quality.md):
exact (doc, start, end, type) F1 over all gold annotations, and the same after dropping a
leading determiner. eventwire must beat raw spaCy NER, mapped to the same types, in the same run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import Report
from eventwire.eval.entities import score

FLOORS = {
    "eventwire/all/exact/Person/f1": 0.38,
    "eventwire/all/exact/Organisation/f1": 0.40,
    "eventwire/all/exact/Nationality/f1": 0.70,
    "eventwire/all/exact/Weapon/f1": 0.28,
    "eventwire/all/exact/MilitaryPlatform/f1": 0.27,
    "eventwire/all/exact/micro/f1": 0.44,
    "eventwire/all/no-det/Organisation/f1": 0.54,
    "eventwire/conf>=0.5/no-det/micro/f1": 0.46,
}


@pytest.fixture(scope="module")
def report(data_dir: Path) -> Report:
    return score(data_dir, None)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(report: Report, metric: str) -> None:
    assert report.metrics[metric] >= FLOORS[metric], report.markdown()


@pytest.mark.parametrize("kind", ["Person", "Organisation", "micro"])
def test_beats_spacy_ner_on_actor_types(report: Report, kind: str) -> None:
    for gold in ("all", "conf>=0.5"):
        ours = report.metrics[f"eventwire/{gold}/exact/{kind}/f1"]
        assert ours > report.metrics[f"spaCy NER/{gold}/exact/{kind}/f1"], report.markdown()
