"""Find actor mentions in a parse: codebook phrases, named entities, groups of states, role nouns.

Each finder returns ``Found`` items (a token range and the actor it names, as a draft keyed by a
stable codebook-style key). The rules are written here because no library codes actors to
country + sector from a parse; spaCy supplies the parse and the NER spans they start from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from eventwire.records import Entity, Token
from eventwire.stages.actors.codebook import Codebook, Entry, Region
from eventwire.stages.actors.parse import ParseView
from eventwire.vocab import ActorKind

MAX_PHRASE = 7
_PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "appos", "attr", "ROOT"}
_PARTICIPANT_PREPS = {"by", "with", "against", "from", "to", "between", "for", "on", "toward",
                      "towards"}
_GEO_NOUNS = {"border", "territory", "capital", "neighbour", "neighbor", "soil", "airspace",
              "region", "city", "province", "coast", "north", "south", "east", "west", "side",
              "part", "frontier", "outskirts", "area"}
_GEO_VERBS = {"border", "neighbour", "neighbor", "visit", "enter", "leave", "reach", "cross"}
_COLLECTIVES = {"police", "military", "government", "leadership", "administration", "regime",
                "army", "opposition", "parliament"}
_STATE_NOUNS = {"country", "republic", "state", "nation", "neighbour", "neighbor", "government",
                "ally"}


@dataclass(slots=True)
class Draft:
    """An actor under construction, keyed by ``key``."""

    key: str
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    rule: str
    description: str | None = None
    members: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None

    @classmethod
    def of_entry(cls, entry: Entry, rule: str) -> Draft:
        return cls(key=entry.key, name=entry.name, kind=entry.kind, country=entry.country,
                   sector=entry.sector, rule=rule, description=entry.description,
                   members=entry.members)


@dataclass(slots=True)
class Found:
    lo: int
    hi: int
    draft: Draft
    extra: dict[str, str] = field(default_factory=dict)


def codebook_phrases(view: ParseView, book: Codebook, ents: dict[int, Entity]) -> Iterator[Found]:
    """Longest codebook matches over token n-grams; an entry beats a wrong NER label."""
    toks, i = view.tokens, 0
    while i < len(toks):
        for n in range(min(MAX_PHRASE, len(toks) - i), 0, -1):
            last = toks[i + n - 1]
            if (last.sent != toks[i].sent or not toks[i].text[:1].isupper()
                    or last.tag == "POS" or "\n" in view.surface(i, i + n)):
                continue
            entry = book.lookup(view.surface(i, i + n))
            if entry is None or (entry.kind is ActorKind.STATE and _named_person(ents, i)):
                continue
            if entry.kind is ActorKind.STATE and not _participant(view, i, i + n):
                continue
            yield Found(i, i + n, Draft.of_entry(entry, "codebook"))
            i += n - 1
            break
        i += 1


def _named_person(ents: dict[int, Entity], i: int) -> bool:
    ent = ents.get(i)
    return ent is not None and ent.label == "PERSON"


def _participant(view: ParseView, lo: int, hi: int, strict: bool = False) -> bool:
    """Whether a name is a participant (actor) rather than a location in its clause."""
    tok = view.governor(view.head_of(lo, hi))
    head = view.tokens[tok.head]
    if tok.dep == "poss":
        return head.lemma.lower() not in _GEO_NOUNS
    if strict:
        return tok.dep in {"nsubj", "nsubjpass", "agent"} or (
            tok.dep == "pobj" and head.lemma.lower() == "by")
    if tok.dep == "dobj" and head.lemma.lower() in _GEO_VERBS:
        return False
    if tok.dep in _PARTICIPANT_DEPS:
        return True
    owner = view.tokens[head.head]
    return (tok.dep == "pobj" and head.lemma.lower() in _PARTICIPANT_PREPS
            and owner.lemma.lower() not in _GEO_NOUNS)


def capitals(view: ParseView, book: Codebook, ents: tuple[Entity, ...]) -> Iterator[Found]:
    """A capital used as an agent ("Moscow holds bases", "led by Moscow") is its government."""
    for ent in ents:
        entry = book.capital_of(ent.text) if ent.label == "GPE" else None
        if entry and _participant(view, ent.token_start, ent.token_end, strict=True):
            yield Found(ent.token_start, ent.token_end, Draft.of_entry(entry, "capital-metonym"))


def named_entities(view: ParseView, ents: tuple[Entity, ...]) -> Iterator[Found]:
    """People and organisations the codebook does not know, kept without a guessed country."""
    for ent in ents:
        lo, hi = ent.token_start, ent.token_end
        if view.tokens[lo].text.lower() == "the":
            lo += 1
        if lo >= hi:
            continue
        name = view.surface(lo, hi)
        if ent.label == "PERSON":
            yield Found(lo, hi, Draft(key=f"PERSON-{slug(name)}", name=name,
                                      kind=ActorKind.PERSON, country=None, sector=None,
                                      rule="ner-person"))
        elif ent.label == "ORG":
            yield Found(lo, hi, Draft(key=f"ORG-{slug(name)}", name=name,
                                      kind=ActorKind.ORGANIZATION, country=None, sector=None,
                                      rule="ner-org"))


def demonym_groups(view: ParseView, book: Codebook) -> Iterator[Found]:
    """"Afghan militants", "Hungarian and Romanian officials" -> country + sector groups."""
    for tok in view.tokens:
        entry = book.demonym_of(tok.text)
        if entry is None or tok.dep not in {"amod", "compound", "conj", "nmod"}:
            continue
        noun = view.tokens[view.governor(tok).head]
        role = book.roles.get(noun.lemma.lower())
        if role is None or role.person:
            continue
        name = f"{tok.text} {noun.text}"
        coordinated = tok.dep == "conj" or any(view.kids(tok.i, "conj"))
        yield Found(tok.i, tok.i + 1 if coordinated else noun.i + 1,
                    Draft(key=f"{entry.key}-{role.sector}", name=name, kind=ActorKind.GROUP,
                          country=entry.key, sector=role.sector, rule="demonym+role"))


def state_groups(view: ParseView, book: Codebook) -> Iterator[Found]:
    """Groups of states: "Central Asian republics bordering X", "Afghanistan's neighbours"."""
    for tok in view.tokens:
        lemma = tok.lemma.lower()
        if lemma not in _STATE_NOUNS or tok.tag not in {"NNS", "NNPS"}:
            continue
        region, lo, hi = _region_modifier(view, book, tok)
        members = region.members if region else None
        name_key = region.key if region else ""
        for bordering in view.kids(tok.i, "acl"):
            target = next(view.kids(bordering.i, "dobj"), None)
            entry = book.lookup(target.text) if target is not None else None
            if bordering.lemma.lower() == "border" and entry is not None:
                near = book.neighbours.get(entry.key, ())
                members = tuple(m for m in members if m in near) if members else near
                name_key += f"-BORDERING-{entry.key}"
                hi = max(hi, view.subtree(bordering.i)[1])
        owner = next(view.kids(tok.i, "poss"), None)
        owner_entry = book.lookup(owner.text) if owner is not None else None
        if lemma in {"neighbour", "neighbor"} and owner is not None and owner_entry is not None:
            members = book.neighbours.get(owner_entry.key, ())
            name_key = f"NEIGHBOURS-{owner_entry.key}"
            lo = min(lo, owner.i)
        if members:
            yield Found(lo, hi, Draft(key=f"GROUP-{name_key.strip('-')}",
                                      name=view.surface(lo, hi), kind=ActorKind.GROUP,
                                      country=None, sector="GOV", rule="state-group",
                                      members=tuple(members)))


def _region_modifier(view: ParseView, book: Codebook,
                     noun: Token) -> tuple[Region | None, int, int]:
    """A region adjective before a state noun, or "in the <region>" after it."""
    i = noun.i
    mods = [t for t in view.kids(i, "amod", "compound", "nmod") if t.i < i]
    if mods:
        lo = min(view.subtree(m.i)[0] for m in mods)
        words = view.surface(lo, i).lower()
        for adj, region in book.region_adjectives.items():
            if re.search(rf"(?:^|\s){re.escape(adj)}$", words):
                return region, lo, i + 1
    for prep in view.kids(i, "prep"):
        for obj in view.kids(prep.i, "pobj"):
            lo_o = view.subtree(obj.i)[0]
            named = book.region_names.get(view.surface(lo_o, obj.i + 1).lower()
                                          .removeprefix("the "))
            if prep.lemma.lower() == "in" and named is not None:
                return named, i, obj.i + 1
    return None, i, i + 1


def role_groups(view: ParseView, book: Codebook, taken: set[int]) -> Iterator[Found]:
    """Unnamed collective actors ("militants", "police", "protesters"), no country guessed."""
    for tok in view.tokens:
        role = book.roles.get(tok.lemma.lower())
        if role is None or role.person or tok.i in taken or tok.pos not in {"NOUN", "PROPN"}:
            continue
        if tok.tag not in {"NNS", "NNPS"} and tok.lemma.lower() not in _COLLECTIVES:
            continue
        if not _participant(view, tok.i, tok.i + 1) and view.governor(tok).dep != "pobj":
            continue
        lo = min([tok.i] + [m.i for m in view.kids(tok.i, "amod", "compound")])
        country, hi = _country_of(view, book, tok)
        name = view.surface(lo, hi)
        key = f"{country.key}-{role.sector}" if country else f"UNNAMED-{role.sector}-{tok.lemma}"
        yield Found(lo, hi, Draft(key=key, name=name, kind=ActorKind.GROUP,
                                  country=country.key if country else None,
                                  sector=role.sector, rule="role-noun"))


def _country_of(view: ParseView, book: Codebook, noun: Token) -> tuple[Entry | None, int]:
    """The state a role noun belongs to: "the leadership in Kabul", "the government of Mali"."""
    for prep in view.kids(noun.i, "prep"):
        obj = next(view.kids(prep.i, "pobj"), None)
        if obj is None or prep.lemma.lower() not in {"in", "of"}:
            continue
        entry = book.lookup(obj.text) or book.capital_of(obj.text)
        if entry is not None and entry.kind is ActorKind.STATE:
            return entry, obj.i + 1
    return None, noun.i + 1


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
