"""Model features -> label probabilities: the event model's PLOVER and ACLED heads.

The model is a multinomial logistic regression fitted by ``eventwire.training`` with
scikit-learn and shipped as JSON package data (``data/event_model/model.json``): per head its
labels, one intercept per label, and per feature one weight per label. Scoring is a sum of
weights and a softmax, written out here so that coding needs no scikit-learn at run time and
the weights stay small, readable and diffable (a pickled estimator would be neither, and ties
the package to one scikit-learn version).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError

MODEL_FILE = "model.json"
NONE = "NONE"
_PACKAGED = resources.files("eventwire") / "data" / "event_model"


@dataclass(frozen=True, slots=True)
class Head:
    """One classifier: labels, their intercepts, and each feature's weight per label."""

    labels: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Label -> probability for a bag of features (repeats count once, as in training)."""
        logits = list(self.intercept)
        for feature in set(features):
            for n, w in enumerate(self.weights.get(feature, ())):
                logits[n] += w
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def weight(self, features: Iterable[str], label: str) -> float:
        """How much ``features`` push towards ``label`` (the sum of their weights)."""
        n = self.labels.index(label)
        return sum(self.weights[f][n] for f in set(features) if f in self.weights)

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "intercept": list(self.intercept),
                "weights": {f: list(w) for f, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Head:
        labels = tuple(str(x) for x in raw["labels"])
        weights = {str(f): tuple(float(x) for x in w) for f, w in raw["weights"].items()}
        if len(raw["intercept"]) != len(labels) or any(
                len(w) != len(labels) for w in weights.values()):
            raise ValueError("every weight row needs one value per label")
        return cls(labels=labels, intercept=tuple(float(x) for x in raw["intercept"]),
                   weights=weights)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventModel:
    """The PLOVER type head and the ACLED sub-event head, with the model's name/version."""

    version: str
    plover: Head
    acled: Head
    trained: Mapping[str, Any]

    @classmethod
    def load(cls, folder: Path | None = None) -> EventModel:
        """Read the packaged model, or the one ``eventwire train --out`` wrote to ``folder``."""
        source: Traversable = folder if folder is not None else _PACKAGED
        path = source / MODEL_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(version=str(raw["version"]), plover=Head.from_json(raw["plover"]),
                       acled=Head.from_json(raw["acled"]), trained=dict(raw.get("trained", {})))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}: cannot read the event model: {exc}") from exc

    def save(self, folder: Path) -> Path:
        """Write the model as ``folder/model.json``; return the path."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / MODEL_FILE
        raw = {"version": self.version, "trained": dict(self.trained),
               "plover": self.plover.to_json(), "acled": self.acled.to_json()}
        path.write_text(json.dumps(raw, separators=(",", ":"), sort_keys=True) + "\n",
                        encoding="utf-8")
        return path
