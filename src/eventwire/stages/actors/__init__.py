"""Annotated -> tuple[Actor]: who is who in an article, coded to country and sector.

Finders propose mentions in a fixed order, an earlier finder winning any overlap: groups of
states (``regions``), codebook names of organisations (``names``: an entry beats a wrong NER
label), people with their titles (``persons``), role nouns with an owner (``roles``: "Afghan
police"), states and seats of government acting as agents, unknown named entities, and
last unnamed role groups ("militants"). ``coref`` then merges mentions of the same actor within
the article and completes roles and affiliations. Every actor says which rule or codebook entry
resolved it (``Actor.rule``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eventwire.records import Actor, Annotated, Span
from eventwire.stages.actors import coref, names, persons, regions, roles
from eventwire.stages.actors.codebook import Codebook
from eventwire.stages.actors.codebook_file import CATEGORIES
from eventwire.stages.actors.mentions import Draft, Found, slug
from eventwire.stages.actors.parse import ParseView

__all__ = ["CATEGORIES", "ActorsConfig", "Codebook", "actor_id", "resolve_actors"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorsConfig:
    extra: Path | None = None


def resolve_actors(ann: Annotated, book: Codebook) -> tuple[Actor, ...]:
    """Resolve every actor mention of the article and return one Actor per real-world actor."""
    view = ParseView.of(ann)
    drafts: dict[str, Draft] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in _select(view, book, ann):
        coref.add(drafts, spans, f.draft, (f.lo, f.hi))
    coref.join_surnames(drafts, spans)
    coref.appositions(view, drafts, spans)
    coref.join_offices(drafts, spans)
    coref.acronyms(view, spans)
    coref.anaphors(view, book, drafts, spans)
    coref.expand(book, drafts, spans)
    return tuple(_actor(view, d, spans[d.key]) for d in drafts.values())


def _select(view: ParseView, book: Codebook, ann: Annotated) -> list[Found]:
    """All candidate mentions, earlier finders winning overlaps; ordered by position."""
    chosen: list[Found] = []
    taken: set[int] = set()
    ents = ann.entities

    def keep(found: Iterable[Found]) -> None:
        for f in found:
            if taken.isdisjoint(range(f.lo, f.hi)):
                chosen.append(f)
                taken.update(range(f.lo, f.hi))

    keep(regions.state_groups(view, book))
    keep(names.codebook_phrases(view, book, ents, states=False))
    keep(persons.titled_persons(view, book, ents, taken))
    keep(persons.office_holders(view, book, taken))
    keep(roles.owned_roles(view, book, taken))
    keep(names.codebook_phrases(view, book, ents, states=True))
    keep(names.capitals(view, book, ents))
    keep(names.named_entities(view, book, ents))
    keep(roles.unnamed_roles(view, book, taken))
    return sorted(chosen, key=lambda f: f.lo)


def actor_id(key: str) -> str:
    return "act-" + slug(key)


def _actor(view: ParseView, d: Draft, token_spans: list[tuple[int, int]]) -> Actor:
    return Actor(id=actor_id(d.key), name=d.name, kind=d.kind, country=d.country, sector=d.sector,
                 members=tuple(actor_id(k) for k in d.members),
                 affiliation=actor_id(d.affiliation) if d.affiliation else None, role=d.role,
                 mentions=tuple(Span(start=view.tokens[lo].start, end=view.tokens[hi - 1].end)
                                for lo, hi in _joined(token_spans)),
                 rule=d.rule, description=d.description)


def _joined(token_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, de-duplicated spans; touching spans of one actor become one ("Taliban fighters")."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(set(token_spans)):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out
