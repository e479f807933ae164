"""plover-gsr dev -> Report: PLOVER type and actor/recipient countries; rules, model, both.

Data: ``plover-gsr/dev.jsonl``, 166 records (odd ids), one sentence each from the CAMEO
manual. Each sentence is coded as a one-sentence article by the whole pipeline (extract,
nlp, actors, places, dates, quotes, events) under three event-coder settings in the same
run: the trigger rules alone, the event model alone, and both (the default); the baseline
codes every record with the most frequent gold type (AGREE).

* Type: gold draft-0.5 names are mapped to PLOVER v2.0 as the set's README says (DEMAND ->
  REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT); 16 classes. The system's
  answer is its most confident event (earliest on ties); a record with no event is a miss.
  TP: right type; FP: wrong type; FN: wrong type or no event. Accuracy is TP / scored;
  macro-F1 averages the per-type F1 over the 16 types.
* Actor and recipient: a record is right when the set of gold ``code`` values equals the set
  of countries (ISO3, or IGO) of the answer's actors (recipients); a group without a country
  stands for its members' countries. A missing, empty or non-list gold ``target`` is the empty
  set, so an empty answer is right there. Gold codes are compared as written, so the set's
  non-ISO codes (``JAP``, ``ITL``, ``IMG``, ``ISM``, ``NGO``) can never match.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.eval import COUNTS_HEADER, Counts, Report, counts_row
from eventwire.pipeline import PipelineConfig, Resources, process_batch
from eventwire.records import Actor, Event, RawDocument, Record
from eventwire.stages.events import EventsConfig
from eventwire.vocab import InputFormat, PloverType

DATASET = "plover-gsr dev (166 odd-id records), PLOVER v2.0 types (16)"
V2_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
            "FIGHT": "ASSAULT"}
SYSTEMS = {"rules": EventsConfig(rules=True, model=False),
           "model": EventsConfig(rules=False, model=True),
           "both": EventsConfig()}


@dataclass(frozen=True, slots=True)
class Gold:
    text: str
    type: str
    actors: frozenset[str]
    recipients: frozenset[str]


@dataclass(frozen=True, slots=True)
class Answer:
    type: str | None
    actors: frozenset[str]
    recipients: frozenset[str]


def score(data: Path, limit: int | None) -> Report:
    golds = load(data / "plover-gsr" / "dev.jsonl", limit)
    resources = Resources.load(PipelineConfig())
    answers = {name: [answer(r) for r in code_texts([g.text for g in golds], resources, cfg)]
               for name, cfg in SYSTEMS.items()}
    top = Counter(g.type for g in golds).most_common(1)[0][0]
    answers["baseline (majority type)"] = [Answer(top, frozenset(), frozenset())] * len(golds)
    header = ("system", "scored", "TP", "FP", "FN", "accuracy", "macro-F1", "actor acc",
              "recipient acc")
    rows, metrics = [], {}
    for name, found in answers.items():
        row, values = _summary(name, golds, found)
        rows.append(row)
        metrics.update({f"{name.split()[0]}.{k}": v for k, v in values.items()})
    rows.append([""] * len(header))
    rows.append(["**per type (both)**", *[f"**{h}**" for h in COUNTS_HEADER[1:]], "", ""])
    rows += [[*counts_row(kind, counts), "", ""]
             for kind, counts in per_type(golds, answers["both"]).items()]
    return Report(title="Event coding: PLOVER type and actors", dataset=DATASET,
                  header=header, rows=rows, metrics=metrics,
                  notes=_confusions(golds, answers["both"]))


def load(path: Path, limit: int | None) -> list[Gold]:
    golds = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            golds.append(Gold(text=raw["text"], type=V2_NAMES.get(raw["event"], raw["event"]),
                              actors=_codes(raw.get("source")),
                              recipients=_codes(raw.get("target"))))
    return golds[:limit] if limit else golds


def code_texts(texts: Sequence[str], resources: Resources,
               events: EventsConfig) -> list[Record | None]:
    """Each text through the whole pipeline as one article, in input order (None where it
    was skipped: skipped documents leave the batch early, so results are matched by source)."""
    docs = [RawDocument(source=f"eval-{n}", payload=t, format=InputFormat.TEXT)
            for n, t in enumerate(texts)]
    done = {r.source: r for r in process_batch(docs, resources, PipelineConfig(events=events))
            if isinstance(r, Record)}
    return [done.get(d.source) for d in docs]


def primary(events: Iterable[Event]) -> Event | None:
    """The most confident event, earliest on ties."""
    return max(events, key=lambda e: (e.confidence, -e.trigger.start), default=None)


def answer(record: Record | None) -> Answer:
    event = primary(record.events) if record is not None else None
    if record is None or event is None:
        return Answer(None, frozenset(), frozenset())
    actors = {a.id: a for a in record.actors}
    return Answer(event.plover.type.value, _countries(event.actor, actors),
                  _countries(event.recipient, actors))


def per_type(golds: Sequence[Gold], found: Sequence[Answer]) -> dict[str, Counts]:
    out = {}
    for kind in PloverType:
        tp = sum(g.type == kind and a.type == kind for g, a in zip(golds, found, strict=True))
        fp = sum(g.type != kind and a.type == kind for g, a in zip(golds, found, strict=True))
        fn = sum(g.type == kind and a.type != kind for g, a in zip(golds, found, strict=True))
        out[kind.value] = Counts(tp, fp, fn)
    return out


def _summary(name: str, golds: Sequence[Gold],
             found: Sequence[Answer]) -> tuple[list[str], dict[str, float]]:
    pairs = list(zip(golds, found, strict=True))
    tp = sum(g.type == a.type for g, a in pairs)
    fp = sum(a.type is not None and g.type != a.type for g, a in pairs)
    values = {"accuracy": tp / len(pairs),
              "macro_f1": sum(c.f1 for c in per_type(golds, found).values()) / len(PloverType),
              "actor_acc": sum(g.actors == a.actors for g, a in pairs) / len(pairs),
              "recipient_acc": sum(g.recipients == a.recipients for g, a in pairs) / len(pairs)}
    row = [name, str(len(pairs)), str(tp), str(fp), str(len(pairs) - tp),
           *(f"{v:.3f}" for v in values.values())]
    return row, values


def _confusions(golds: Sequence[Gold], found: Sequence[Answer]) -> list[str]:
    pairs = Counter((g.type, a.type or "no event") for g, a in zip(golds, found, strict=True)
                    if g.type != a.type)
    common = ", ".join(f"{g} -> {p} ({n})" for (g, p), n in pairs.most_common(8))
    return [f"Most frequent errors (both): {common}."]


def _codes(raw: object) -> frozenset[str]:
    if not isinstance(raw, list):
        return frozenset()
    return frozenset(str(a["code"]).upper() for a in raw if isinstance(a, dict) and a.get("code"))


def _countries(ids: Iterable[str], actors: dict[str, Actor]) -> frozenset[str]:
    out: set[str] = set()
    for i in ids:
        actor = actors.get(i)
        if actor is None:
            continue
        if actor.country:
            out.add(actor.country)
        else:
            out |= {c for m in actor.members if m in actors and (c := actors[m].country)}
    return frozenset(out)
