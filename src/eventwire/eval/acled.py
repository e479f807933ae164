"""ACLED-style dev notes -> Report: ACLED sub-event type of short event descriptions.

Data: ``eval/data/acled-dev.jsonl`` in this package, 100 one-to-three-sentence "notes" (four
for each of the 25 sub-event types of the public ACLED codebook), written for eventwire after
the codebook's definitions. They are not ACLED data, and the same team wrote the model's
training notes, so scores here are optimistic; see ``eval/data/README.md``.

Each note is coded as one article by the whole pipeline, with the rules alone, the model
alone and both (the default) in the same run; the baseline answers the most frequent
sub-event type for every note (with 4 notes each, the first in the file). A note's answer is
the most confident event that has an ACLED code (earliest on ties), or none. Per sub-event
type, TP: right; FP: answered for a note of another type; FN: note of this type answered
otherwise or not at all. Macro-F1 averages F1 over the 25 types; weighted F1 weights each
type by its number of gold notes (equal here, so it matches macro-F1 unless ``--limit`` cuts
the set). Event-type accuracy compares the six ACLED event types.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwire.eval import COUNTS_HEADER, Counts, Report, counts_row
from eventwire.eval.events import SYSTEMS, code_texts, primary
from eventwire.pipeline import PipelineConfig, Resources
from eventwire.records import AcledCode, Record
from eventwire.stages.events.acled import SUB_EVENTS

DATASET = "acled-dev (100 authored ACLED-style notes, 4 per sub-event type, 25 types)"
DEV_FILE = "acled-dev.jsonl"


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    event_type: str
    sub_event_type: str
    text: str


def score(data: Path, limit: int | None) -> Report:
    """Score the package's ACLED-style notes (``data`` is not read: the set ships here)."""
    notes = load(limit)
    res = Resources.load(PipelineConfig())
    answers = {name: [_answer(r) for r in code_texts([n.text for n in notes], res, cfg)]
               for name, cfg in SYSTEMS.items()}
    top = Counter(n.sub_event_type for n in notes).most_common(1)[0][0]
    answers["baseline (majority type)"] = [AcledCode(event_type=SUB_EVENTS[top][0],
                                                     sub_event_type=top)] * len(notes)
    header = ("system", "scored", "TP", "FP", "FN", "sub-event macro-F1",
              "sub-event weighted F1", "event-type accuracy")
    rows, metrics = [], {}
    for name, found in answers.items():
        values = _metrics(notes, found)
        tp = sum(n.sub_event_type == (a.sub_event_type if a else None)
                 for n, a in zip(notes, found, strict=True))
        answered = sum(a is not None for a in found)
        rows.append([name, str(len(notes)), str(tp), str(answered - tp), str(len(notes) - tp),
                     *(f"{v:.3f}" for v in values.values())])
        metrics.update({f"{name.split()[0]}.{k}": v for k, v in values.items()})
    rows.append([""] * len(header))
    rows.append(["**per sub-event type (both)**", *[f"**{h}**" for h in COUNTS_HEADER[1:]]])
    rows += [counts_row(sub, c) for sub, c in per_type(notes, answers["both"]).items()]
    return Report(title="ACLED sub-event types of short notes", dataset=DATASET, header=header,
                  rows=rows, metrics=metrics)


def load(limit: int | None = None) -> list[Note]:
    path = resources.files("eventwire.eval") / "data" / DEV_FILE
    notes = [Note(id=raw["id"], event_type=raw["event_type"],
                  sub_event_type=raw["sub_event_type"], text=raw["notes"])
             for raw in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    return notes[:limit] if limit else notes


def per_type(notes: Sequence[Note], found: Sequence[AcledCode | None]) -> dict[str, Counts]:
    out = {}
    pairs = [(n.sub_event_type, a.sub_event_type if a else None)
             for n, a in zip(notes, found, strict=True)]
    for sub in SUB_EVENTS:
        out[sub] = Counts(tp=sum(g == sub and p == sub for g, p in pairs),
                          fp=sum(g != sub and p == sub for g, p in pairs),
                          fn=sum(g == sub and p != sub for g, p in pairs))
    return out


def _metrics(notes: Sequence[Note], found: Sequence[AcledCode | None]) -> dict[str, float]:
    counts = per_type(notes, found)
    support = Counter(n.sub_event_type for n in notes)
    return {"macro_f1": sum(c.f1 for c in counts.values()) / len(counts),
            "weighted_f1": sum(counts[s].f1 * k for s, k in support.items()) / len(notes),
            "event_type_accuracy": sum(
                n.event_type == (a.event_type if a else None)
                for n, a in zip(notes, found, strict=True)) / len(notes)}


def _answer(record: Record | None) -> AcledCode | None:
    if record is None:
        return None
    event = primary(e for e in record.events if e.acled is not None)
    return event.acled if event is not None else None
