"""Mentions -> Events: one event per happening, however often the article mentions it.

Two mentions are one event when they have the same PLOVER type (a joint exercise and an
exercise count as one type), the same rule family ("raised concerns" / "raise concern",
"supply arms" / "orders for weapons"), the same polarity, compatible actors and recipients
(equal, one side unnamed, or related: an affiliate or organisation of a state speaks for it,
as Rosoboronexport for Russia; groups that share members are one set of countries), and no
clash of date or place. A mention joins the nearest earlier event it fits,
so an anaphoric "the maneuvers" or "the orders" joins the event it refers back to.

The event takes its codes, tense and place from its best mention (highest confidence,
earliest on ties); its date, and with it the reporting source, from the first dated mention
when the best one has none; the union of actors, recipients and arms; one evidence span per
mention. An arms transfer that is not yet delivered is in the future, whatever the tense of
the verb that reports the order. Ids hash the article id, the best trigger's offset and type.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from eventwire.records import (
    AcledCode,
    Actor,
    Arms,
    DateRef,
    Event,
    Factuality,
    PloverCode,
    Span,
)
from eventwire.stages.events.arms import merge_arms
from eventwire.stages.events.lexicon import TriggerRule
from eventwire.vocab import ActorKind, ArmsStage, PlacePrecision, PloverType, Polarity, Tense

UNDELIVERED = frozenset({ArmsStage.REQUESTED, ArmsStage.NEGOTIATING, ArmsStage.PROMISED,
                         ArmsStage.ORDERED})


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One trigger in the text, coded on its own."""

    rule: TriggerRule
    type: PloverType
    cameo: str
    mode: tuple[str, ...]
    trigger: Span
    trigger_token: int
    sentence: Span
    nominal: bool
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    factuality: Factuality
    date: DateRef
    place: str | None
    place_precision: PlacePrecision
    arms: Arms | None
    acled: AcledCode | None
    coder: str
    confidence: float

    @property
    def bare(self) -> bool:
        """Names nobody and no weapon ("the orders come", "military exercises")."""
        return not (self.actor or self.recipient or (self.arms and self.arms.items))


def group_mentions(mentions: list[Mention], actors: dict[str, Actor]) -> list[list[Mention]]:
    """Mentions in text order -> groups, one per event."""
    groups: list[list[Mention]] = []
    for m in mentions:
        home = next((g for g in reversed(groups) if _fits(g, m, actors)), None)
        if home is None:
            groups.append([m])
        else:
            home.append(m)
    return groups


def _fits(group: list[Mention], m: Mention, actors: dict[str, Actor]) -> bool:
    first = group[0]
    if not m.rule.kinds & first.rule.kinds:
        return False
    if m.rule.family not in {x.rule.family for x in group}:
        return False
    if m.factuality.polarity != first.factuality.polarity:
        return False
    dates = {x.date.start for x in group if x.date.start}
    places = {x.place for x in group if x.place}
    return (_compatible([a for x in group for a in x.actor], m.actor, actors)
            and _compatible([a for x in group for a in x.recipient], m.recipient, actors)
            and not (m.date.start and dates and m.date.start not in dates)
            and not (m.place and places and m.place not in places))


def _compatible(known: list[str], new: tuple[str, ...], actors: dict[str, Actor]) -> bool:
    if not known or not new:
        return True
    return all(a in known or _linked(a, known, actors) for a in new)


def _linked(a: str, known: list[str], actors: dict[str, Actor]) -> bool:
    mine = actors.get(a)
    return mine is not None and any(
        _related(mine, actors[k]) or _related(actors[k], mine) for k in known if k in actors)


def _related(one: Actor, other: Actor) -> bool:
    """``one`` speaks for or belongs to ``other``, or both groups share members."""
    if one.affiliation == other.id or other.id in one.members:
        return True
    if other.kind == ActorKind.STATE and one.kind != ActorKind.STATE:
        return one.country is not None and one.country == other.country
    return bool(set(one.members) & set(other.members))


def to_event(article_id: str, group: list[Mention]) -> Event:
    """The event a group of mentions describes."""
    best = max(group, key=lambda m: (m.confidence, -m.trigger.start))
    dated = best if best.date.text else next((m for m in group if m.date.text), best)
    fact = best.factuality if best.factuality.reported else replace(
        best.factuality, source=dated.factuality.source, reported=dated.factuality.reported)
    fact = replace(fact, historical=all(m.factuality.historical for m in group))
    arms = merge_arms([m.arms for m in group if m.arms]) if best.arms else None
    if arms is not None and arms.stage in UNDELIVERED:
        fact = replace(fact, tense=Tense.FUTURE)
    placed = best if best.place else next((m for m in group if m.place), best)
    actor = _union(m.actor for m in group) if arms is None else arms.supplier
    recipient = _union(m.recipient for m in group) if arms is None else arms.recipient
    return Event(
        id=event_id(article_id, best.trigger.start, best.type),
        plover=PloverCode(type=best.type, mode=best.mode,
                          context=best.rule.context + _special_contexts(fact)),
        cameo=best.cameo[:2], quad=quad_class(best.cameo), acled=best.acled,
        actor=actor, recipient=tuple(r for r in recipient if r not in actor),
        factuality=fact, date=DateRef() if fact.historical else dated.date,
        place=placed.place, place_precision=placed.place_precision,
        evidence=tuple(sorted({m.sentence for m in group}, key=lambda s: s.start)),
        trigger=best.trigger, arms=arms, coder=best.coder,
        confidence=round(min(1.0, best.confidence + 0.05 * (len(group) - 1)), 3))


def event_id(article_id: str, trigger_start: int, kind: PloverType) -> str:
    digest = hashlib.sha1(f"{article_id}|{trigger_start}|{kind}".encode()).hexdigest()
    return f"ev-{digest[:16]}"


def quad_class(cameo: str) -> int:
    """CAMEO quad class of a code: 1 verbal/2 material cooperation, 3 verbal/4 material conflict."""
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _special_contexts(fact: Factuality) -> tuple[str, ...]:
    """PLOVER's special contexts (manual, "Special contexts") for the factuality."""
    out = ["historical"] if fact.historical else []
    if fact.tense == Tense.FUTURE:
        out.append("future")
    if fact.polarity == Polarity.HYPOTHETICAL:
        out.append("hypothetical")
    if fact.polarity == Polarity.NEGATED:
        out.append("negation")
    return tuple(out)


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out += [x for x in group if x not in out]
    return tuple(out)
