"""Parse + NER + codebook -> people with their titles: "US President Joe Biden" (role president,
USA GOV), "Russia's foreign minister Sergei Lavrov", "Hamas leader Ismail Haniyeh" (affiliated
to Hamas, REB), "Mr Ellwood", and unnamed office holders with an owner ("Taiwan's vice foreign
minister").

A title is a run of ``roles.tsv`` titles and capitalised title words right before a PERSON
name (or at the start of the NER span, when the model swallowed it). The owner before the title,
or an "of" phrase after the name ("King Hassan of Morocco"), gives country and affiliation; the
title gives the sector, or the owner does for titles like "leader" or "spokesman".
"""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.records import Entity
from eventwire.stages.actors.codebook import Codebook, Role
from eventwire.stages.actors.mentions import (
    Draft,
    Found,
    Owner,
    demonym_ending_at,
    name_ending_at,
    owner_after,
    owner_before,
    participant,
    slug,
)
from eventwire.stages.actors.parse import ParseView
from eventwire.stages.actors.roles import role_at, role_ending_at
from eventwire.vocab import ActorKind

MAX_TITLE = 7
_TITLE_WORDS = {"deputy", "vice", "acting", "interim", "former", "senior", "chief", "first",
                "assistant", "special", "then", "prime", "and", "for", "of", "the", "state",
                "foreign", "defence", "defense", "presidential", "lieutenant", "general"}
_NO_NAME_DEPS = {"appos", "compound", "amod", "poss"}
_LOCATIVE = {"in", "near", "at", "outside", "around", "across", "inside"}


def titled_persons(view: ParseView, book: Codebook, ents: tuple[Entity, ...],
                   taken: set[int]) -> Iterator[Found]:
    """Named people with the title, owner and role the text gives them."""
    for ent in ents:
        if ent.label != "PERSON" or not taken.isdisjoint(
                range(ent.token_start, ent.token_end)) or located(view, ent):
            continue
        name_lo, hi = _name_start(view, book, ent), name_end(view, ent)
        if name_lo >= hi:
            continue
        t_lo, titles = _title_block(view, book, name_lo)
        owner = owner_before(view, book, t_lo) if titles else None
        owner = owner or owner_after(view, book, view.head_of(name_lo, hi).i)
        if not titles and owner is None and book.lookup(view.surface(name_lo, hi)) is None:
            continue
        lo = t_lo
        if owner is not None and owner.hi == t_lo and owner.how in {"demonym", "name"} and (
                taken.isdisjoint(range(owner.lo, owner.hi))):
            lo = owner.lo
        name = view.surface(name_lo, hi)
        known = book.lookup(name)
        draft = _person(f"PERSON-{slug(name)}", name, _role(view, t_lo, name_lo, titles),
                        titles, owner)
        if known is not None and known.kind is ActorKind.PERSON:
            draft.key, draft.name, draft.rule = known.key, known.name, f"{draft.rule}+codebook"
            draft.country = draft.country or known.country
            draft.sector = draft.sector or known.sector
        yield Found(lo, hi, draft)


def office_holders(view: ParseView, book: Codebook, taken: set[int]) -> Iterator[Found]:
    """Unnamed holders of an office: "Taiwan's vice foreign minister", or a capitalised title
    ("The Foreign Secretary said"), which names one office even with no country given."""
    for tok in view.tokens:
        found = role_at(view, book, tok.i)
        if found is None or found[1].kind != "person" or not taken.isdisjoint(
                range(tok.i, found[0])):
            continue
        hi, role = found
        head = view.head_of(tok.i, hi)
        if head.tag not in {"NN", "NNP"} or head.dep in _NO_NAME_DEPS or (
                hi < len(view.tokens) and view.tokens[hi].ent_type == "PERSON"):
            continue
        t_lo, titles = _title_block(view, book, hi)
        owner = owner_before(view, book, t_lo) or owner_after(view, book, head.i)
        if owner is not None and not taken.isdisjoint(range(owner.lo, owner.hi)):
            continue
        office = owner is not None or all(t.text[:1].isupper() for t in view.tokens[t_lo:hi]
                                          if t.text.isalpha() and t.text not in {"of", "for"})
        if not office or not participant(view, t_lo, hi):
            continue
        text = _role(view, t_lo, hi, titles) or role.phrase
        lo, end = (min(owner.lo, t_lo), max(owner.hi, hi)) if owner else (t_lo, hi)
        yield Found(lo, end, _person(f"{owner.entry.key if owner else 'OFFICE'}-{slug(text)}",
                                     view.surface(lo, end), text, titles, owner))


def _name_start(view: ParseView, book: Codebook, ent: Entity) -> int:
    """Skip "the" and leading title words that the NER span swallowed."""
    lo = ent.token_start + (view.tokens[ent.token_start].text.lower() == "the")
    while lo < ent.token_end:
        found = role_at(view, book, lo)
        if found is None or found[1].kind not in {"person", "honorific"} or (
                found[0] >= ent.token_end):
            break
        lo = found[0]
    return lo


def located(view: ParseView, ent: Entity) -> bool:
    """A "person" after "in", "near" or "at" is a place the NER model mislabelled ("near
    Raqqah"), unless it owns something ("in Obama's view")."""
    first = view.tokens[ent.token_start]
    before = first if first.text.lower() in _LOCATIVE else (
        view.tokens[ent.token_start - 1] if ent.token_start > 0 else None)
    after = view.tokens[ent.token_end] if ent.token_end < len(view.tokens) else None
    return (before is not None and before.text.lower() in _LOCATIVE
            and not (after is not None and after.tag == "POS"))


def name_end(view: ParseView, ent: Entity) -> int:
    """The end of a name without what NER swallowed after it: "'s", ",[1", "(Arabic"."""
    hi = next((j for j in range(ent.token_start + 1, ent.token_end)
               if view.tokens[j].text in {",", "(", "[", ";"}), ent.token_end)
    while hi > ent.token_start + 1 and (view.tokens[hi - 1].tag == "POS" or not any(
            c.isalnum() for c in view.tokens[hi - 1].text)):
        hi -= 1
    return hi


def _title_block(view: ParseView, book: Codebook, name_lo: int) -> tuple[int, list[Role]]:
    """The run of title tokens that ends right before ``name_lo``, and the titles in it.

    A rank abbreviation may sit across a sentence break the parser put after its period."""
    lo, titles = name_lo, list[Role]()
    while lo > 0 and name_lo - lo < MAX_TITLE:
        found = role_ending_at(view, book, lo - 1)
        abbreviation = found is not None and view.tokens[lo - 1].text.endswith(".")
        if view.tokens[lo - 1].sent != view.tokens[lo].sent and not abbreviation:
            break
        if found is not None and found[1].kind in {"person", "honorific"}:
            lo, titles = found[0], [found[1], *titles]
        elif titles and _title_word(view, book, lo - 1):
            lo -= 1
        else:
            break
    while lo < name_lo and view.tokens[lo].text.lower() in {"and", "for", "of", "the"}:
        lo += 1
    return lo, titles


def _title_word(view: ParseView, book: Codebook, j: int) -> bool:
    tok = view.tokens[j]
    if demonym_ending_at(view, book, j) or name_ending_at(view, book, j):
        return False
    word = tok.text.lower()
    if word in {"and", "for", "of", "the"}:
        joins = j > 0 and view.tokens[j - 1].text[:1].isupper()
        return joins and not (word == "and" and role_at(view, book, j + 1) is not None)
    if word in _TITLE_WORDS:
        return True
    first = j == 0 or view.tokens[j - 1].sent != tok.sent
    return tok.text.istitle() and tok.pos in ({"PROPN"} if first else {"PROPN", "NOUN", "ADJ"})


def _role(view: ParseView, lo: int, hi: int, titles: list[Role]) -> str | None:
    if not titles or all(t.kind == "honorific" for t in titles):
        return None
    return view.surface(lo, hi).lower()


def _person(key: str, name: str, role: str | None, titles: list[Role],
            owner: Owner | None) -> Draft:
    sector = next((t.sector for t in reversed(titles) if t.kind == "person"), None)
    how = ["person"] + ["title"] * bool(titles) + (
        [f"{owner.how}:{owner.entry.key}"] if owner else [])
    return Draft(key=key, name=name, kind=ActorKind.PERSON,
                 country=owner.entry.country if owner else None,
                 sector=sector or (owner.sector if owner else None),
                 rule="+".join(how), role=role,
                 affiliation=owner.entry.key if owner else None)
