"""Examples -> EventModel: parse each text, take its model features, fit one logistic
regression per head with scikit-learn, and keep the weights as plain numbers.

scikit-learn is needed here only (``pip install eventwire[train]``); the fitted weights are
turned into ``model.Head`` so that coding never imports it. Weights under ``MIN_WEIGHT`` are
dropped and the rest rounded, which keeps the shipped file small and changes no prediction
that matters (measured by ``eventwire eval events``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language

from eventwire.errors import ConfigError
from eventwire.records import Article, Block
from eventwire.stages.events.features import sentence_features
from eventwire.stages.events.model import Head
from eventwire.stages.events.syntax import Tree
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.training.examples import Example
from eventwire.vocab import BlockKind

MIN_WEIGHT = 0.02
DIGITS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class FitConfig:
    """Inverse regularisation strength per head, whether the ACLED head weighs its classes
    by inverse frequency (its NONE examples outnumber each sub-event type's many times), and
    the solver's iteration budget."""

    plover_c: float = 4.0
    acled_c: float = 4.0
    acled_balanced: bool = True
    max_iter: int = 3000


def featurize(examples: Sequence[Example], nlp: Language) -> list[set[str]]:
    """The bag of model features of every example's text (all its sentences)."""
    articles = [Article(id=f"train-{n}", source="training", text=ex.text,
                        blocks=(Block(kind=BlockKind.BODY, start=0, end=len(ex.text)),))
                for n, ex in enumerate(examples)]
    bags = []
    for ann in annotate(articles, nlp, NlpConfig()):
        tree = Tree(ann)
        bags.append({f for s in range(len(ann.sentences))
                     for feats in sentence_features(tree, s).values() for f in feats})
    return bags


def fit_head(bags: Sequence[set[str]], labels: Sequence[str | None], c: float, seed: int,
             max_iter: int, balanced: bool = False) -> Head:
    """Fit a multinomial logistic regression on the examples that carry a label."""
    try:
        from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    except ImportError as exc:
        raise ConfigError("training needs scikit-learn: pip install 'eventwire[train]'") from exc
    rows = [(dict.fromkeys(bag, 1.0), label) for bag, label in zip(bags, labels, strict=True)
            if label is not None]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([r for r, _ in rows])
    y = [label for _, label in rows]
    clf = LogisticRegression(C=c, max_iter=max_iter, random_state=seed,
                             class_weight="balanced" if balanced else None)
    clf.fit(x, y)
    classes = [str(k) for k in clf.classes_]
    names = vectorizer.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        column = [float(clf.coef_[k][j]) for k in range(len(classes))]
        if max(abs(w) for w in column) >= MIN_WEIGHT:
            weights[str(name)] = tuple(round(w, DIGITS) for w in column)
    return Head(labels=tuple(classes),
                intercept=tuple(round(float(b), DIGITS) for b in clf.intercept_),
                weights=weights)


def label_counts(labels: Iterable[str | None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for label in labels:
        if label is not None:
            counts[label] = counts.get(label, 0) + 1
    return dict(sorted(counts.items()))
