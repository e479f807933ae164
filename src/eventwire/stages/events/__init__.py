"""Annotated + actors, places, times, quotes -> Events (PLOVER, CAMEO, ACLED, arms).

Two coders, each switchable in ``EventsConfig`` so their contributions can be measured:

* rules (``eventwire-rules``): a trigger lexicon (``data/triggers.yaml``, ``data/arms.yaml``)
  matched against the dependency parse. No library codes PLOVER from a spaCy parse
  (PETRARCH needs constituency parses and CAMEO dictionaries), hence hand-written rules;
* the event model (``eventwire-model``, ``model``/``hybrid``): a linear classifier over parse
  features, trained by ``eventwire.training``, that scores each sentence's PLOVER type and
  each paragraph's ACLED sub-event type. It re-ranks rule matches and adds an event where
  the rules found none of the type it reads.

Whoever found the trigger, the rest is rules over the parse, one module each: ``roles``
finds actor and recipient ids; ``factuality`` polarity, tense, background and source;
``setting`` date and place; ``arms`` the arms-transfer record; ``acled`` the ACLED code;
``mentions`` groups the mentions of one happening into one ``Event`` with several evidence
spans. An event's ``coder`` names the coders that found it ("eventwire-rules/0.2+eventwire-
model/0.1" when a rule match was re-ranked by the model).

By default an event that names no actor, recipient, place, date or weapon is dropped as too
vague to code (PLOVER codes no event without a named source; ACLED-style notes with unnamed
perpetrators survive through their date and place).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from eventwire.errors import ConfigError
from eventwire.records import (
    Actor,
    Annotated,
    DateRef,
    Event,
    Factuality,
    Place,
    Quote,
    Span,
    TimeExpr,
)
from eventwire.stages.events.acled import acled_code
from eventwire.stages.events.arms import arms_record
from eventwire.stages.events.factuality import factuality
from eventwire.stages.events.hybrid import ModelView
from eventwire.stages.events.lexicon import Lexicon, TriggerRule
from eventwire.stages.events.mentions import Mention, group_mentions, to_event
from eventwire.stages.events.model import EventModel
from eventwire.stages.events.roles import Cast
from eventwire.stages.events.setting import event_date, event_place, long_before
from eventwire.stages.events.syntax import Tree
from eventwire.stages.events.triggers import Match, find_matches
from eventwire.vocab import PloverType

__all__ = ["EventModel", "EventsConfig", "Lexicon", "code_events"]

JOINT_WORDS = frozenset({"joint", "combined", "multinational", "bilateral", "trilateral",
                         "multilateral"})


@dataclass(frozen=True, slots=True, kw_only=True)
class EventsConfig:
    """Which coders run and how events are kept.

    ``rules`` matches the trigger lexicon; ``model`` uses the event model (when one is
    given to ``code_events``); ``model_dir`` is where ``Resources`` loads the model from
    (None: the packaged one); ``add_threshold`` is the probability the model needs to add
    an event the rules missed. ``keep_unanchored`` keeps events that name nobody, no place,
    date or weapon; ``min_confidence`` drops events coded with less confidence.
    """

    rules: bool = True
    model: bool = True
    model_dir: Path | None = None
    add_threshold: float = 0.3
    keep_unanchored: bool = False
    min_confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class _Scene:
    """What every mention of one article is coded against."""

    tree: Tree
    cast: Cast
    places: tuple[Place, ...]
    times: tuple[TimeExpr, ...]
    quotes: tuple[Quote, ...]
    lexicon: Lexicon
    view: ModelView | None
    coders: tuple[str, str]


def code_events(ann: Annotated, actors: tuple[Actor, ...], places: tuple[Place, ...],
                times: tuple[TimeExpr, ...], quotes: tuple[Quote, ...], lexicon: Lexicon,
                config: EventsConfig | None = None,
                model: EventModel | None = None) -> tuple[Event, ...]:
    """Code the events of one annotated article, in text order of their best mention.

    Without ``model`` (or with ``config.model`` off) the rules code alone.
    """
    config = config or EventsConfig()
    use_model = config.model and model is not None
    if not (config.rules or use_model):
        raise ConfigError("events: rules are off and no event model is in use")
    tree = Tree(ann)
    view = ModelView(tree, model) if use_model and model is not None else None
    scene = _Scene(tree=tree, cast=Cast(tree, actors, quotes, lexicon.light_verbs),
                   places=places, times=times, quotes=quotes, lexicon=lexicon, view=view,
                   coders=(lexicon.version, model.version if model else ""))
    mentions = [_mention(scene, m, "rules") for m in _rule_matches(scene, config)]
    if view is not None:
        coded = {tree.tok(m.trigger_token).sent for m in mentions if _viable(m, config)}
        mentions += [_mention(scene, m, "model")
                     for m in view.matches(lexicon, coded, config.add_threshold)]
    events = []
    for group in group_mentions(sorted(mentions, key=lambda m: m.trigger.start),
                                scene.cast.actors):
        if all(m.bare and m.nominal for m in group):
            continue
        event = to_event(ann.article.id, group)
        if (config.keep_unanchored or _anchored(event)) and (
                event.confidence >= config.min_confidence):
            events.append(event)
    return tuple(sorted(events, key=lambda e: e.trigger.start))


def _rule_matches(scene: _Scene, config: EventsConfig) -> list[Match]:
    if not config.rules:
        return []
    matches = find_matches(scene.tree, scene.lexicon)
    view = scene.view
    return matches if view is None else [view.blend(m, m.rule.kinds) for m in matches]


def _mention(scene: _Scene, match: Match, found_by: str) -> Mention:
    tree, cast, rule, anchor = scene.tree, scene.cast, match.rule, match.anchor
    fact = factuality(tree, cast, anchor, scene.quotes)
    cast.fallback = False
    actor = next((a for a in map(cast.actor_of_trigger, (anchor, *match.folded)) if a), ())
    heads = cast.recipient_heads(rule, match.tokens, anchor) + [
        h for f in match.folded for h in cast.recipient_heads(rule, (f,), f)]
    kind, cameo = _joint(tree, rule, match, actor)
    if kind != rule.type:
        heads += [p for t in match.tokens for p in tree.prep_objects(t, {"with"})]
    recipient = tuple(r for r in cast.recipients(heads) if r not in actor)
    arms = None
    if rule.arms is not None:
        arms = arms_record(tree, cast, rule, anchor, list(match.items), fact.tense,
                           fact.polarity, scene.lexicon.arms)
        actor, recipient = arms.supplier, arms.recipient
    date, fact = _date(scene, anchor, fact)
    place, precision = event_place(tree, anchor, scene.places)
    known = [cast.actors[r] for r in recipient if r in cast.actors]
    doers = [cast.actors[a] for a in actor if a in cast.actors]
    scores = None if scene.view is None else scene.view.acled_scores(tree.tok(anchor).sent)
    return Mention(
        rule=rule, type=kind, cameo=cameo, mode=rule.mode if kind == rule.type else (),
        nominal=not tree.is_predicate(anchor), trigger_token=anchor,
        trigger=Span(start=tree.tok(match.tokens[0]).start, end=tree.tok(match.tokens[-1]).end),
        sentence=tree.sentence(anchor), actor=actor, recipient=recipient, factuality=fact,
        date=date, place=place, place_precision=precision, arms=arms,
        acled=acled_code(kind, rule.acled if found_by == "rules" else None,
                         {tree.lemma(h) for h in heads}, known, doers, scores),
        coder=_coder(scene, found_by),
        confidence=_confidence(rule, actor, recipient, bool(date.text or place),
                               cast.fallback))


def _coder(scene: _Scene, found_by: str) -> str:
    rules, model = scene.coders
    if found_by == "model":
        return model
    return rules if scene.view is None else f"{rules}+{model}"


def _joint(tree: Tree, rule: TriggerRule, match: Match,
           actor: tuple[str, ...]) -> tuple[PloverType, str]:
    """The joint type of an exercise-like rule when partners take part, else its own."""
    if rule.joint is None:
        return rule.type, rule.cameo
    mods = {tree.lemma(k) for t in match.tokens for k in tree.kids(t, "amod")}
    partners = any(tree.prep_objects(t, {"with"}) for t in match.tokens)
    involving = any(tree.lemma(k) == "involve" for t in match.tokens
                    for k in tree.kids(t, "acl"))
    if mods & JOINT_WORDS or partners or involving or len(actor) > 1:
        return rule.joint
    return rule.type, rule.cameo


def _date(scene: _Scene, anchor: int, fact: Factuality) -> tuple[DateRef, Factuality]:
    """The event date; background events (flagged, or dated long ago) get none."""
    time = event_date(scene.tree, anchor, scene.times)
    date = time.as_date_ref() if time is not None else DateRef()
    if fact.historical or long_before(date, scene.tree.ann.article.published):
        return DateRef(), replace(fact, historical=True)
    return date, fact


def _confidence(rule: TriggerRule, actor: tuple[str, ...], recipient: tuple[str, ...],
                anchored: bool, fallback: bool) -> float:
    """Lexicon confidence, raised by each role and anchor found, lowered by repairs."""
    score = 0.05 + 0.4 * rule.confidence + 0.3 * bool(actor) + 0.15 * bool(recipient)
    score += 0.1 * anchored - 0.1 * fallback
    return round(min(1.0, max(0.05, score)), 3)


def _viable(m: Mention, config: EventsConfig) -> bool:
    """Whether a mention can make an event on its own (see ``code_events``)."""
    anchored = config.keep_unanchored or bool(m.actor or m.recipient or m.place
                                              or m.date.text or m.arms)
    return anchored and not (m.bare and m.nominal)


def _anchored(event: Event) -> bool:
    return bool(event.actor or event.recipient or event.place or event.date.text or event.arms)
