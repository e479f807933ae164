"""Package training data -> the event model: the library behind ``eventwire train``.

``train()`` reads the project's own training data (``training/data``), parses it with the
spaCy pipeline, fits the PLOVER and ACLED heads (``fit``), and writes ``model.json`` to a
folder, by default the packaged ``eventwire/data/event_model``. The same data, seed and
library versions give the same file byte for byte. No evaluation set is read: the plover-gsr
dev records and the ACLED-style dev notes only ever measure the result.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from spacy.language import Language

from eventwire.stages.events.model import EventModel
from eventwire.stages.nlp import NlpConfig, load_pipeline, model_name
from eventwire.training.examples import Example, load_examples
from eventwire.training.fit import FitConfig, featurize, fit_head, label_counts

__all__ = ["FitConfig", "TrainingReport", "default_model_dir", "train"]

MODEL_VERSION = "eventwire-model/0.1"


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What was trained: where it went, from how many examples, and its size."""

    path: Path
    examples: int
    plover_labels: dict[str, int]
    acled_labels: dict[str, int]
    features: int
    size_bytes: int


def default_model_dir() -> Path:
    """The packaged model folder (writable in a source checkout or editable install)."""
    return Path(str(resources.files("eventwire") / "data" / "event_model"))


def train(out: Path | None = None, seed: int = 0, nlp: Language | None = None,
          config: FitConfig | None = None) -> TrainingReport:
    """Fit the event model on the package's training data and write it to ``out``."""
    config = config or FitConfig()
    nlp = nlp or load_pipeline(NlpConfig())
    examples = load_examples(seed)
    bags = featurize(examples, nlp)
    plover = fit_head(bags, [e.plover for e in examples], config.plover_c, seed,
                      config.max_iter)
    acled = fit_head(bags, [e.acled for e in examples], config.acled_c, seed, config.max_iter,
                     config.acled_balanced)
    trained = {"seed": seed, "examples": len(examples), "data_sha256": _digest(examples),
               "spacy_model": model_name(nlp),
               "scikit_learn": metadata.version("scikit-learn"),
               "plover_c": config.plover_c, "acled_c": config.acled_c,
               "acled_balanced": config.acled_balanced}
    model = EventModel(version=MODEL_VERSION, plover=plover, acled=acled, trained=trained)
    path = model.save(out or default_model_dir())
    return TrainingReport(path=path, examples=len(examples),
                          plover_labels=label_counts(e.plover for e in examples),
                          acled_labels=label_counts(e.acled for e in examples),
                          features=len(set(plover.weights) | set(acled.weights)),
                          size_bytes=path.stat().st_size)


def _digest(examples: list[Example]) -> str:
    text = "\n".join(f"{e.plover}\t{e.acled}\t{e.text}" for e in examples)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
