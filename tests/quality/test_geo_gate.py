"""Quality gate: geoparsing on a fixed subset of geoparsing-dev (the first 60 articles of LGL
and of GeoVirus: 672 and 409 toponyms, about 35 s); floors sit 0.01 under the scores measured
on that subset (``eventwire eval geo --limit 60``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import geo

LIMIT = 60
FLOORS = {
    "lgl.eventwire.f1": 0.629,
    "lgl.eventwire.acc161": 0.842,
    "lgl.eventwire.country": 0.919,
    "geovirus.eventwire.f1": 0.847,
    "geovirus.eventwire.acc161": 0.751,
}


@pytest.fixture(scope="module")
def metrics(data_dir: Path) -> dict[str, float]:
    return dict(geo.score(data_dir, LIMIT).metrics)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_geoparsing_floor(metrics: dict[str, float], name: str) -> None:
    assert metrics[name] >= FLOORS[name], f"{name} fell to {metrics[name]:.3f}"


@pytest.mark.parametrize("corpus", ["lgl", "geovirus"])
def test_eventwire_beats_the_spacy_baseline(metrics: dict[str, float], corpus: str) -> None:
    assert metrics[f"{corpus}.eventwire.f1"] > metrics[f"{corpus}.spacy.f1"]
    assert metrics[f"{corpus}.eventwire.acc161"] > metrics[f"{corpus}.spacy.acc161"]
