"""Annotated -> tuple[Actor]: who is who in an article, coded to country and sector.

Mentions come from the codebook (longest phrase match, which beats a wrong NER label), capitals
used as agents, named entities, demonym + role noun groups, groups of states and unnamed role
groups (``mentions``). They are then merged per actor, persons get role and affiliation from
appositions, surnames join full names, defined acronyms and "the alliance"-style references
join their antecedent, and alliance members become actors of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.records import Actor, Annotated, Span
from eventwire.stages.actors import mentions as m
from eventwire.stages.actors.codebook import Codebook
from eventwire.stages.actors.parse import ParseView
from eventwire.vocab import ActorKind

__all__ = ["ActorsConfig", "Codebook", "resolve_actors"]

_ANAPHORS = {"alliance": "alliance", "bloc": "IGO", "organisation": "IGO", "organization": "IGO",
             "group": "REB", "movement": "REB", "militia": "REB", "company": "BUS", "firm": "BUS",
             "agency": "MED", "ministry": "ministry", "exporter": "BUS"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorsConfig:
    extra: Path | None = None


def resolve_actors(ann: Annotated, book: Codebook) -> tuple[Actor, ...]:
    """Resolve every actor mention of the article and return one Actor per real-world actor."""
    view = ParseView.of(ann)
    found = _select(view, book, ann)
    drafts: dict[str, m.Draft] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in found:
        drafts.setdefault(f.draft.key, f.draft)
        spans.setdefault(f.draft.key, []).append((f.lo, f.hi))
    _join_surnames(drafts, spans)
    _persons(view, drafts, spans)
    _acronyms(view, spans)
    _anaphors(view, drafts, spans)
    _members(book, drafts, spans)
    return tuple(_actor(view, d, spans[d.key]) for d in drafts.values())


def _select(view: ParseView, book: Codebook, ann: Annotated) -> list[m.Found]:
    """All candidate mentions, earlier finders winning overlaps; ordered by position."""
    chosen: list[m.Found] = []
    taken: set[int] = set()
    ents = {e.token_start: e for e in ann.entities}
    finders = (m.state_groups(view, book), m.codebook_phrases(view, book, ents),
               m.capitals(view, book, ann.entities), m.demonym_groups(view, book),
               m.named_entities(view, ann.entities))
    for finder in finders:
        for f in finder:
            if taken.isdisjoint(range(f.lo, f.hi)):
                chosen.append(f)
                taken.update(range(f.lo, f.hi))
    chosen.extend(m.role_groups(view, book, taken))
    return sorted(chosen, key=lambda f: f.lo)


def _join_surnames(drafts: dict[str, m.Draft], spans: dict[str, list[tuple[int, int]]]) -> None:
    people = [d for d in drafts.values() if d.kind is ActorKind.PERSON]
    for short in people:
        if " " in short.name:
            continue
        full = next((d for d in people if d is not short and d.name.split()[-1] == short.name),
                    None)
        if full is not None:
            spans[full.key].extend(spans.pop(short.key))
            del drafts[short.key]


def _persons(view: ParseView, drafts: dict[str, m.Draft],
             spans: dict[str, list[tuple[int, int]]]) -> None:
    """Role and affiliation from an apposition: "X, the head of Russia's arms exporter Y"."""
    owner = {i: key for key, ss in spans.items() for lo, hi in ss for i in range(lo, hi)}
    for draft in drafts.values():
        if draft.kind is not ActorKind.PERSON:
            continue
        for lo, hi in spans[draft.key]:
            head = view.head_of(lo, hi)
            appos = next(view.kids(head.i, "appos"), None)
            if appos is None and head.dep == "appos":
                appos = view.tokens[head.head]
            if appos is None:
                continue
            a_lo, a_hi = view.subtree(appos.i)
            draft.role = draft.role or _role_phrase(view, appos.i)
            org = next((owner[i] for i in range(a_lo, a_hi)
                        if i in owner and owner[i] != draft.key
                        and drafts[owner[i]].kind is ActorKind.ORGANIZATION), None)
            state = next((owner[i] for i in range(a_lo, a_hi)
                          if i in owner and drafts[owner[i]].kind is ActorKind.STATE), None)
            draft.affiliation = draft.affiliation or org or state
            source = drafts.get(draft.affiliation or "")
            if source is not None:
                draft.country = draft.country or source.country
                draft.sector = draft.sector or source.sector
                draft.rule += "+apposition"


def _role_phrase(view: ParseView, i: int) -> str:
    mods = [t.i for t in view.kids(i, "compound", "amod")]
    return view.surface(min([i, *mods]), i + 1).lower()


def _acronyms(view: ParseView, spans: dict[str, list[tuple[int, int]]]) -> None:
    """"Collective Security Treaty Organisation (CSTO)": later "CSTO" joins the long form."""
    end_of = {view.tokens[hi - 1].end: key for key, ss in spans.items() for _, hi in ss}
    for match in re.finditer(r" \(([A-Z][A-Za-z]{1,9})\)", view.text):
        key = end_of.get(match.start())
        if key is None:
            continue
        for tok in view.tokens:
            if tok.text == match.group(1) and not any(lo <= tok.i < hi for ss in spans.values()
                                                     for lo, hi in ss):
                spans[key].append((tok.i, tok.i + 1))


def _anaphors(view: ParseView, drafts: dict[str, m.Draft],
              spans: dict[str, list[tuple[int, int]]]) -> None:
    """"the alliance", "the group", "the ministry" -> the latest fitting actor before them."""
    starts = sorted((lo, key) for key, ss in spans.items() for lo, _ in ss)
    used = {i for ss in spans.values() for lo, hi in ss for i in range(lo, hi)}
    for tok in view.tokens:
        want = _ANAPHORS.get(tok.lemma.lower())
        det = next(view.kids(tok.i, "det"), None)
        if want is None or det is None or det.text.lower() != "the":
            continue
        if not used.isdisjoint(range(det.i, tok.i + 1)):
            continue
        before = [key for lo, key in starts if lo < tok.i and _fits(drafts[key], want)]
        if before:
            spans[before[-1]].append((det.i, tok.i + 1))


def _fits(draft: m.Draft, want: str) -> bool:
    description = (draft.description or "").lower()
    return (want in description or draft.sector == want) and draft.kind is not ActorKind.PERSON


def _members(book: Codebook, drafts: dict[str, m.Draft],
             spans: dict[str, list[tuple[int, int]]]) -> None:
    for draft in list(drafts.values()):
        for iso3 in draft.members:
            entry = book.entries.get(iso3)
            if entry is not None and iso3 not in drafts:
                drafts[iso3] = m.Draft.of_entry(entry, f"member-of:{draft.key}")
                spans[iso3] = []


def actor_id(key: str) -> str:
    return "act-" + m.slug(key)


def _actor(view: ParseView, d: m.Draft, token_spans: list[tuple[int, int]]) -> Actor:
    mentions = sorted({(view.tokens[lo].start, view.tokens[hi - 1].end) for lo, hi in token_spans})
    return Actor(id=actor_id(d.key), name=d.name, kind=d.kind, country=d.country, sector=d.sector,
                 members=tuple(actor_id(k) for k in d.members),
                 affiliation=actor_id(d.affiliation) if d.affiliation else None, role=d.role,
                 mentions=tuple(Span(start=s, end=e) for s, e in mentions), rule=d.rule,
                 description=d.description)
