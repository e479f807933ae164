"""Scorers that measure eventwire against the public gold data in ``../shared/data``.

Each scorer is a module here with ``score(data: Path, limit: int | None) -> Report``; ``SCORERS``
names them for ``eventwire eval NAME``. Scorers print counts (scored, TP, FP, FN) beside every
metric, and run a baseline in the same run where the task has one, so a report can be checked
and can fail.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import ConfigError

SCORERS: Mapping[str, str] = {
    "extraction": "eventwire.eval.extraction",
    "entities": "eventwire.eval.entities",
    "actors": "eventwire.eval.actors",
    "events": "eventwire.eval.events",
    "acled": "eventwire.eval.acled",
    "geo": "eventwire.eval.geo",
    "time": "eventwire.eval.time",
    "quotes": "eventwire.eval.quotes",
}


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with the usual ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class Report:
    """A scorer's result: a table for people, flat metrics for the quality gate."""

    title: str
    dataset: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    metrics: Mapping[str, float] = field(default_factory=dict)
    notes: Sequence[str] = ()

    def markdown(self) -> str:
        lines = [f"### {self.title}", "", f"Data: {self.dataset}", "",
                 "| " + " | ".join(self.header) + " |",
                 "|" + "---|" * len(self.header)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        lines += [""] + [f"- {note}" for note in self.notes]
        return "\n".join(lines).rstrip() + "\n"


def counts_row(name: str, counts: Counts, *extra: str) -> list[str]:
    """A table row: name, TP, FP, FN, P, R, F1 (and any extra cells)."""
    return [name, str(counts.tp), str(counts.fp), str(counts.fn), f"{counts.precision:.3f}",
            f"{counts.recall:.3f}", f"{counts.f1:.3f}", *extra]


COUNTS_HEADER = ("system", "TP", "FP", "FN", "P", "R", "F1")


def default_data_dir() -> Path:
    """``$EVENTWIRE_DATA``, else the nearest ``shared/data`` above the working directory or
    this file (the checkout's sibling ``../shared/data``)."""
    env = os.environ.get("EVENTWIRE_DATA")
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, *Path(__file__).resolve().parents):
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return here.parent / "shared" / "data"


def run(name: str, data: Path | None = None, limit: int | None = None) -> Report:
    """Run the scorer ``name`` on the dev set under ``data``."""
    if name not in SCORERS:
        raise ConfigError(f"unknown scorer {name!r}; choose from {', '.join(SCORERS)}")
    folder = data or default_data_dir()
    if not folder.is_dir():
        raise ConfigError(f"{folder}: gold data folder not found (set --data or EVENTWIRE_DATA)")
    module = importlib.import_module(SCORERS[name])
    report: Report = module.score(folder, limit)
    return report
