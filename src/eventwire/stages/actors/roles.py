"""Parse + codebook -> role-noun actors: "Afghan police" (AFG COP), "Russia's Defence Ministry"
(RUS-MOD), "UN peacekeepers" (IGO MIL), "Hungarian and Romanian officials", and unnamed
"militants" or "protesters" with no country.

A role phrase from ``roles.tsv`` ("police", "defence ministry", "ministers") is a group or a
body; its owner is the demonym, country, possessive or organisation before it or an "of"/"in"
phrase after it (``mentions.owner_before``/``owner_after``). The owner gives the country and,
for roles without a sector of their own, the sector.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.stages.actors.codebook import Codebook, Role
from eventwire.stages.actors.mentions import (
    Draft,
    Found,
    Owner,
    coordinated,
    owner_after,
    owner_before,
    participant,
    slug,
)
from eventwire.stages.actors.parse import ParseView
from eventwire.vocab import ActorKind

MAX_ROLE = 5
_COLLECTIVES = {"police", "military", "government", "leadership", "administration", "regime",
                "army", "opposition", "parliament", "navy", "junta", "cabinet", "media",
                "militia", "intelligence", "judiciary"}
_PLURAL = {"NNS", "NNPS"}
_OWNED_ONLY = {"people", "population", "national"}


def role_at(view: ParseView, book: Codebook, i: int) -> tuple[int, Role] | None:
    """The longest role phrase starting at token ``i``, as (end token, role)."""
    toks = view.tokens
    first = toks[i].text.lower()
    for word in {first, toks[i].lemma.lower()}:
        for words, role in book.role_index.get(word, ()):
            hi = i + len(words)
            if hi <= len(toks) and all(
                    w in (toks[i + k].text.lower(), toks[i + k].lemma.lower())
                    for k, w in enumerate(words)) and toks[hi - 1].sent == toks[i].sent:
                return hi, role
    return None


def role_ending_at(view: ParseView, book: Codebook, j: int) -> tuple[int, Role] | None:
    """The longest role phrase whose last token is ``j``, as (start token, role)."""
    for lo in range(max(0, j - MAX_ROLE + 1), j + 1):
        found = role_at(view, book, lo)
        if found is not None and found[0] == j + 1:
            return lo, found[1]
    return None


def collective(view: ParseView, role: Role, lo: int, hi: int, owned: bool = False) -> bool:
    """Whether the phrase names a group of people or a body (not one person's title); one
    member of an owned group ("a U.S. soldier") stands for the group."""
    head = view.head_of(lo, hi)
    if head.pos not in {"NOUN", "PROPN"}:
        return False
    if role.kind == "body":
        return True
    plural = head.tag in _PLURAL
    if role.kind == "person":
        return plural
    return plural or owned or head.lemma.lower() in _COLLECTIVES


def owned_roles(view: ParseView, book: Codebook, taken: set[int]) -> Iterator[Found]:
    """Groups and bodies with an owner: "Afghan police", "the government of Mali"."""
    i = 0
    while i < len(view.tokens):
        found = role_at(view, book, i)
        if found is None or found[1].kind == "honorific" or not taken.isdisjoint(
                range(i, found[0])) or not collective(view, found[1], i, found[0], owned=True):
            i += 1
            continue
        hi, role = found
        owner = owner_before(view, book, i) or owner_after(view, book, view.head_of(i, hi).i)
        if owner is not None:
            yield from _owned(view, role, i, hi, owner, taken)
            yield from (Found(o.lo, o.hi, _draft(view, role, o, o.lo, hi))
                        for o in coordinated(view, book, owner)
                        if o.hi <= i and taken.isdisjoint(range(o.lo, o.hi)))
        i = hi


def _owned(view: ParseView, role: Role, lo: int, hi: int, owner: Owner,
           taken: set[int]) -> Iterator[Found]:
    free = taken.isdisjoint(range(owner.lo, owner.hi))
    span_lo = min(lo, owner.lo) if free else lo
    if owner.lo > lo:
        span_lo = _modifiers_start(view, lo, hi, taken)
    span_hi = max(hi, owner.hi) if free else hi
    org = owner.entry.kind is not ActorKind.STATE
    if org and role.sector in (None, owner.entry.sector):
        yield Found(span_lo, span_hi, Draft.of_entry(owner.entry, f"role:{role.phrase}+codebook"))
        return
    yield Found(span_lo, span_hi, _draft(view, role, owner, span_lo, span_hi))


def _draft(view: ParseView, role: Role, owner: Owner, lo: int, hi: int) -> Draft:
    org = owner.entry.kind is not ActorKind.STATE
    name = view.surface(lo, hi) if hi - lo > owner.hi - owner.lo else (
        f"{view.surface(owner.lo, owner.hi)} {role.phrase}")
    return Draft(key=f"{owner.entry.key}-{role.key}", name=name,
                 kind=ActorKind.ORGANIZATION if role.kind == "body" else ActorKind.GROUP,
                 country=owner.entry.country, sector=role.sector or owner.sector,
                 rule=f"role:{role.phrase}+{owner.how}:{owner.entry.key}",
                 description=role.phrase, affiliation=owner.entry.key if org else None)


def _modifiers_start(view: ParseView, lo: int, hi: int, taken: set[int]) -> int:
    """Where the phrase starts with its adjectives: "the new leadership in Kabul" -> "new"."""
    mods = [m.i for m in view.kids(view.head_of(lo, hi).i, "amod", "compound") if m.i < lo]
    start = min([lo, *mods])
    return start if taken.isdisjoint(range(start, lo)) else lo


def unnamed_roles(view: ParseView, book: Codebook, taken: set[int]) -> Iterator[Found]:
    """Collective actors nobody owns ("militants", "police", "protesters"): no country."""
    i = 0
    while i < len(view.tokens):
        found = role_at(view, book, i)
        if found is None or not taken.isdisjoint(range(i, found[0])):
            i += 1
            continue
        hi, role = found
        head = view.head_of(i, hi)
        if (role.sector is None or role.phrase in _OWNED_ONLY or not collective(view, role, i, hi)
                or not (participant(view, head.i, head.i + 1)
                        or view.governor(head).dep == "pobj")):
            i += 1
            continue
        lo = _modifiers_start(view, i, hi, taken)
        yield Found(lo, hi, Draft(key=f"UNNAMED-{role.sector}-{slug(role.phrase)}",
                                  name=view.surface(lo, hi),
                                  kind=ActorKind.ORGANIZATION if role.kind == "body"
                                  else ActorKind.GROUP, country=None, sector=role.sector,
                                  rule=f"role:{role.phrase}", description=role.phrase))
        i = hi
