"""Annotated + actors, places, times, quotes -> Events (PLOVER, CAMEO, ACLED, arms), by rules.

The first, transparent cut of event coding (coder ``eventwire-rules/0.1``): a trigger lexicon
(``data/triggers.yaml``, ``data/arms.yaml``) matched against the dependency parse, and rules
over the parse for roles, factuality, date and place. No library codes PLOVER from a spaCy
parse (PETRARCH needs constituency parses and CAMEO dictionaries), hence the hand-written
rules; a statistical model can later replace ``triggers`` while keeping the rest.

Steps, one module each: ``triggers`` finds rule matches; ``roles`` finds actor and recipient
ids; ``factuality`` polarity, tense, background and source; ``setting`` date and place;
``arms`` the arms-transfer record; ``acled`` the ACLED code; ``mentions`` groups the mentions
of one happening into one ``Event`` with several evidence spans.

By default an event that names no actor, recipient, place, date or weapon is dropped as too
vague to code (PLOVER codes no event without a named source; ACLED-style notes with unnamed
perpetrators survive through their date and place).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
from eventwire.stages.events.lexicon import Lexicon, TriggerRule
from eventwire.stages.events.mentions import Mention, group_mentions, to_event
from eventwire.stages.events.roles import Cast
from eventwire.stages.events.setting import event_date, event_place, long_before
from eventwire.stages.events.syntax import Tree
from eventwire.stages.events.triggers import Match, find_matches
from eventwire.vocab import PloverType

__all__ = ["EventsConfig", "Lexicon", "code_events"]

JOINT_WORDS = frozenset({"joint", "combined", "multinational", "bilateral", "trilateral",
                         "multilateral"})


@dataclass(frozen=True, slots=True, kw_only=True)
class EventsConfig:
    """``keep_unanchored`` keeps events that name nobody, no place, date or weapon;
    ``min_confidence`` drops events coded with less confidence."""

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


def code_events(ann: Annotated, actors: tuple[Actor, ...], places: tuple[Place, ...],
                times: tuple[TimeExpr, ...], quotes: tuple[Quote, ...], lexicon: Lexicon,
                config: EventsConfig | None = None) -> tuple[Event, ...]:
    """Code the events of one annotated article, in text order of their best mention."""
    config = config or EventsConfig()
    tree = Tree(ann)
    scene = _Scene(tree=tree, cast=Cast(tree, actors, quotes, lexicon.light_verbs),
                   places=places, times=times, quotes=quotes, lexicon=lexicon)
    mentions = [_mention(scene, m) for m in find_matches(tree, lexicon)]
    events = []
    for group in group_mentions(mentions, scene.cast.actors):
        if all(m.bare and m.nominal for m in group):
            continue
        event = to_event(ann.article.id, group)
        if (config.keep_unanchored or _anchored(event)) and (
                event.confidence >= config.min_confidence):
            events.append(event)
    return tuple(sorted(events, key=lambda e: e.trigger.start))


def _mention(scene: _Scene, match: Match) -> Mention:
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
    return Mention(
        rule=rule, type=kind, cameo=cameo, mode=rule.mode if kind == rule.type else (),
        nominal=not tree.is_predicate(anchor),
        trigger=Span(start=tree.tok(match.tokens[0]).start, end=tree.tok(match.tokens[-1]).end),
        sentence=tree.sentence(anchor), actor=actor, recipient=recipient, factuality=fact,
        date=date, place=place, place_precision=precision, arms=arms,
        acled=acled_code(rule, {tree.lemma(h) for h in heads}, known),
        confidence=_confidence(rule, actor, recipient, bool(date.text or place),
                               cast.fallback))


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


def _anchored(event: Event) -> bool:
    return bool(event.actor or event.recipient or event.place or event.date.text or event.arms)
