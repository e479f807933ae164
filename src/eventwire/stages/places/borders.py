"""Parse + countries resolved in the article -> border places ("close to their borders with
Afghanistan", "the Turkish-Syrian border", "the border between Sudan and Chad").

A border noun's countries come from "with X", "between X and Y", country names and demonyms
before it ("the Afghan border", "Turkey's border"), and "its/their" (the subject of its
clause). Named on one side only ("the border with Afghanistan"), the other side is any country
of the article that borders it (adjacency). The point is the mean of the ``Gazetteer.border_point``
of each pair of countries that share a land border; the span runs from the first country word
before the noun to the last country after it.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from eventwire.records import Annotated, Span, Token
from eventwire.stages.places.entries import GazetteerEntry
from eventwire.stages.places.gazetteer import Gazetteer
from eventwire.stages.places.metonymy import dominates

BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})


def border_places(ann: Annotated, countries: dict[int, tuple[str, Span]],
                  gazetteer: Gazetteer) -> list[tuple[Span, GazetteerEntry]]:
    """Border mentions and their entries; ``countries`` maps a token index to the ISO3 code
    and span of the country name it belongs to."""
    children: dict[int, list[Token]] = defaultdict(list)
    for token in ann.tokens:
        if token.head != token.i:
            children[token.head].append(token)
    found = []
    for noun in ann.tokens:
        if noun.lemma in BORDER_NOUNS and noun.pos == "NOUN":
            border = _border(ann, noun, children, countries, gazetteer)
            if border is not None:
                found.append(border)
    return found


def _border(ann: Annotated, noun: Token, children: dict[int, list[Token]],
            countries: dict[int, tuple[str, Span]],
            gazetteer: Gazetteer) -> tuple[Span, GazetteerEntry] | None:
    before = _before(ann, noun, countries, gazetteer)
    sides = {iso for iso, _ in before} | _owners(ann, noun, children, countries)
    others: dict[str, Span] = {}
    after: list[Span] = []
    for prep in _preps(ann, noun, children):
        named = _objects(prep, children, countries)
        if prep.lemma == "with":
            others.update(named)
        elif prep.lemma == "between":
            sides |= set(named)
        after += named.values()
    sides -= set(others)
    if not sides:
        mentioned = {iso for iso, _ in countries.values()}
        sides = {c for o in others for c in gazetteer.neighbours(o) if c in mentioned}
    if not others and not sides:
        return None
    start = min([s.start for _, s in before] + [noun.start])
    end = max([s.end for s in after] + [noun.end])
    return Span(start=start, end=end), _entry(sides, set(others), gazetteer)


def _preps(ann: Annotated, noun: Token, children: dict[int, list[Token]]) -> list[Token]:
    """The noun's prepositions, and "with/between" right after it wherever the parser hung
    it ("close to their borders with X" often hangs "with" on "close")."""
    preps = [c for c in children[noun.i] if c.dep == "prep"]
    after = ann.tokens[noun.i + 1] if noun.i + 1 < len(ann.tokens) else None
    if after is not None and after.dep == "prep" and after.lemma in ("with", "between") and (
            after not in preps):
        preps.append(after)
    return preps


def _before(ann: Annotated, noun: Token, countries: dict[int, tuple[str, Span]],
            gazetteer: Gazetteer) -> list[tuple[str, Span]]:
    """Country names and demonyms modifying the noun from the left ("Turkish-Syrian")."""
    found = []
    for token in reversed(ann.tokens[ann.sentences[noun.sent].token_start:noun.i]):
        if not dominates(ann.tokens, noun, token):
            break
        iso = countries[token.i][0] if token.i in countries else gazetteer.demonym(token.text)
        if iso:
            span = countries[token.i][1] if token.i in countries else Span(
                start=token.start, end=token.end)
            found.append((iso, span))
    return found


def _owners(ann: Annotated, noun: Token, children: dict[int, list[Token]],
            countries: dict[int, tuple[str, Span]]) -> set[str]:
    """'its/their border': the countries that are the subject of the noun's clause."""
    if not any(c.dep == "poss" and c.text.lower() in ("its", "their") for c in children[noun.i]):
        return set()
    verb = noun
    while verb.pos not in ("VERB", "AUX") and verb.head != verb.i:
        verb = ann.tokens[verb.head]
    subjects = [c for c in children[verb.i] if c.dep in ("nsubj", "nsubjpass")]
    owners = set(_objects_of(subjects, children, countries))
    for subject in subjects[:1]:
        owners |= _listed_before(ann, subject, countries)
    return owners


def _listed_before(ann: Annotated, token: Token,
                   countries: dict[int, tuple[str, Span]]) -> set[str]:
    """Countries listed right before a subject ("Uzbekistan and Tajikistan"), which the parser
    does not always join to it."""
    found: set[str] = set()
    i = token.i - 1
    while i >= 0 and (ann.tokens[i].text in (",", "and") or i in countries):
        if i in countries:
            found.add(countries[i][0])
        i -= 1
    return found


def _objects(prep: Token, children: dict[int, list[Token]],
             countries: dict[int, tuple[str, Span]]) -> dict[str, Span]:
    return _objects_of([c for c in children[prep.i] if c.dep == "pobj"], children, countries)


def _objects_of(heads: list[Token], children: dict[int, list[Token]],
                countries: dict[int, tuple[str, Span]]) -> dict[str, Span]:
    """Countries named by these tokens and their conjuncts."""
    found: dict[str, Span] = {}
    todo = list(heads)
    while todo:
        token = todo.pop()
        if token.i in countries:
            iso, span = countries[token.i]
            found.setdefault(iso, span)
        todo += [c for c in children[token.i] if c.dep == "conj"]
    return found


def _entry(sides: set[str], others: set[str], gazetteer: Gazetteer) -> GazetteerEntry:
    members = sorted(sides | others)
    pairs = ([(s, o) for s in sides for o in others] if others and sides
             else list(itertools.combinations(sorted(members), 2)))
    points = [p for p in (gazetteer.border_point(a, b) for a, b in pairs) if p]
    lat = round(sum(p[0] for p in points) / len(points), 4) if points else None
    lon = round(sum(p[1] for p in points) / len(points), 4) if points else None
    return GazetteerEntry(
        id="pl-border-" + "-".join(m.lower() for m in members),
        name=_name(sides, others, gazetteer),
        feature="border", country=members[0] if len(members) == 1 else None, lat=lat,
        lon=lon, members=tuple(members))


def _name(sides: set[str], others: set[str], gazetteer: Gazetteer) -> str:
    if others:
        where = f"border with {_names(others, gazetteer)}"
        return f"{_names(sides, gazetteer)} {where}" if sides else where
    return "–".join(_names(sides, gazetteer).split(" and ")) + " border"


def _names(codes: set[str], gazetteer: Gazetteer) -> str:
    return " and ".join(sorted((e.name if (e := gazetteer.country(c)) else c) for c in codes))
