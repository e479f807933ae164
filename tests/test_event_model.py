"""The event model: training is reproducible, the shipped model is the one the data gives, and
the model codes what the rules miss (real spaCy parses, real training, no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.errors import ConfigError
from eventwire.records import Actor, Annotated, Article, Block, Span
from eventwire.stages.events import EventModel, EventsConfig, Lexicon, code_events
from eventwire.stages.events.acled import SUB_EVENTS
from eventwire.stages.events.model import NONE, Head
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.training import FitConfig, TrainingReport, train
from eventwire.training.examples import load_examples
from eventwire.training.fit import featurize, fit_head
from eventwire.vocab import ActorKind, BlockKind, PloverType

pytest.importorskip("sklearn")


@pytest.fixture(scope="module")
def trained(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> TrainingReport:
    return train(tmp_path_factory.mktemp("model"), seed=0, nlp=nlp)


@pytest.fixture(scope="module")
def model() -> EventModel:
    return EventModel.load()


def parse(nlp: Language, text: str) -> Annotated:
    art = Article(id="m1", source="test", text=text,
                  blocks=(Block(kind=BlockKind.BODY, start=0, end=len(text)),))
    return next(annotate([art], nlp, NlpConfig()))


def state(text: str, actor_id: str, name: str) -> Actor:
    at = text.index(name)
    return Actor(id=actor_id, name=name, kind=ActorKind.STATE,
                 mentions=(Span(start=at, end=at + len(name)),))


def test_fitting_is_reproducible(nlp: Language) -> None:
    examples = load_examples(0)[::6]
    bags = featurize(examples, nlp)
    labels = [e.plover for e in examples]
    first, again = (fit_head(bags, labels, c=4.0, seed=0, max_iter=3000) for _ in range(2))
    assert first == again
    assert len(first.labels) > 10


def test_training_writes_the_model(trained: TrainingReport) -> None:
    assert trained.examples == len(load_examples(0)) > 800
    assert set(trained.plover_labels) == {k.value for k in PloverType} | {NONE}
    assert set(trained.acled_labels) == set(SUB_EVENTS) | {NONE}
    assert trained.size_bytes < 2_000_000
    meta = json.loads(trained.path.read_text(encoding="utf-8"))["trained"]
    assert (meta["seed"], meta["plover_c"]) == (0, FitConfig().plover_c)


def test_the_shipped_model_is_trained_on_the_shipped_data(trained: TrainingReport,
                                                          model: EventModel) -> None:
    fresh = EventModel.load(trained.path.parent)
    assert model.trained["data_sha256"] == fresh.trained["data_sha256"]
    assert model.version == fresh.version == "eventwire-model/0.1"
    assert model.plover.labels == fresh.plover.labels
    assert model.acled.labels == fresh.acled.labels


def test_head_probabilities_sum_to_one(model: EventModel) -> None:
    scores = model.plover.probabilities(["v:attack", "w:village", "unknown:feature"])
    assert abs(sum(scores.values()) - 1.0) < 1e-9
    assert max(scores, key=lambda k: scores[k]) == "ASSAULT"
    assert model.plover.weight(["v:attack"], "ASSAULT") > 0


def test_a_bad_model_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="event model"):
        EventModel.load(tmp_path)
    (tmp_path / "model.json").write_text('{"version": "x", "plover": {}}', encoding="utf-8")
    with pytest.raises(ConfigError, match="event model"):
        EventModel.load(tmp_path)
    with pytest.raises(ValueError, match="one value per label"):
        Head.from_json({"labels": ["A", "B"], "intercept": [0, 0], "weights": {"f": [1]}})


@pytest.mark.parametrize(("text", "kind"), [
    ("Ghana called up thousands of reservists.", PloverType.MOBILIZE),
    ("Kenya lodged a complaint with Tanzania over the remarks.", PloverType.ACCUSE),
    ("Ghana turned down Nigeria's offer to host the summit.", PloverType.REJECT),
    ("Kenya pressed Tanzania to reopen the border.", PloverType.REQUEST),
])
def test_model_codes_what_the_lexicon_lacks(nlp: Language, model: EventModel, text: str,
                                            kind: PloverType) -> None:
    actors = tuple(state(text, c, name) for c, name in (
        ("KEN", "Kenya"), ("TZA", "Tanzania"), ("GHA", "Ghana"), ("NGA", "Nigeria"))
        if name in text)
    ann = parse(nlp, text)
    lexicon = Lexicon.load()
    alone = code_events(ann, actors, (), (), (), lexicon, EventsConfig(rules=False), model)
    assert [e.plover.type for e in alone] == [kind]
    assert alone[0].coder == model.version
    assert alone[0].actor == (("GHA",) if "Ghana" in text else ("KEN",))
    assert text[alone[0].trigger.start:alone[0].trigger.end] == text.split()[1]
    both = code_events(ann, actors, (), (), (), lexicon, EventsConfig(), model)
    assert [e.plover.type for e in both] == [kind]
    assert code_events(ann, actors, (), (), (), lexicon, EventsConfig(model=False), model) == ()
