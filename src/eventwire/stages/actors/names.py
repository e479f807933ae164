"""Parse + NER + codebook -> named actors: codebook names and aliases (an entry beats a wrong NER
label), names a scraper split ("Rosoboron export"), capitals used as agents ("Moscow said"),
and the people, organisations and places acting as agents that the codebook does not know.

An unknown organisation keeps its text as ``kind: unknown`` with no country, unless its own
name says one ("Nigerian Union of Teachers") or a role noun right after it gives a sector
("the BTA news agency"): then it is an organisation with the rule that found it.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.records import Entity
from eventwire.stages.actors.codebook import Codebook, Entry
from eventwire.stages.actors.mentions import (
    MAX_NAME,
    Draft,
    Found,
    demonym_ending_at,
    name_ending_at,
    participant,
    slug,
)
from eventwire.stages.actors.parse import ParseView
from eventwire.stages.actors.persons import located, name_end
from eventwire.stages.actors.roles import role_at, role_ending_at
from eventwire.vocab import ActorKind


def codebook_phrases(view: ParseView, book: Codebook, ents: tuple[Entity, ...],
                     states: bool) -> Iterator[Found]:
    """Longest codebook matches over token n-grams, of states or of everything else."""
    toks, i = view.tokens, 0
    person_at = {t: e for e in ents if e.label == "PERSON"
                 for t in range(e.token_start, e.token_end)}
    while i < len(toks):
        for n in range(min(MAX_NAME, len(toks) - i), 0, -1):
            match = _match(view, book, i, n)
            if match is None or (match[0].kind is ActorKind.STATE) != states:
                continue
            entry, rule = match
            if _inside_person(person_at, i, i + n, entry) or (
                    states and not participant(view, i, i + n)):
                break
            yield Found(i, i + n, Draft.of_entry(entry, rule))
            i += n - 1
            break
        i += 1


def _match(view: ParseView, book: Codebook, i: int, n: int) -> tuple[Entry, str] | None:
    toks = view.tokens
    last = toks[i + n - 1]
    if (last.sent != toks[i].sent or not toks[i].text[:1].isupper() or last.tag == "POS"
            or toks[i].text == "The" or "\n" in view.surface(i, i + n)):
        return None
    surface = view.surface(i, i + n)
    entry = book.lookup(surface)
    if entry is not None:
        return entry, "codebook"
    entry = book.lookup_split(surface) if n > 1 else None
    return (entry, "codebook-split") if entry is not None else None


def _inside_person(person_at: dict[int, Entity], lo: int, hi: int, entry: Entry) -> bool:
    """A person's name holds the match ("Leonardo DiCaprio"), or the NER person is a state's
    name; a person of the codebook under a PERSON span is left to ``persons``."""
    ent = person_at.get(lo) or person_at.get(hi - 1)
    if ent is None:
        return False
    return entry.kind in {ActorKind.STATE, ActorKind.PERSON} or (
        ent.token_end - ent.token_start > hi - lo)


def capitals(view: ParseView, book: Codebook, ents: tuple[Entity, ...]) -> Iterator[Found]:
    """A capital used as an agent ("Moscow holds bases", "led by Moscow") is its government."""
    for ent in ents:
        entry = book.capital_of(ent.text) if ent.label == "GPE" else None
        if entry and participant(view, ent.token_start, ent.token_end, strict=True):
            yield Found(ent.token_start, ent.token_end,
                        Draft.of_entry(entry, f"seat-of-government:{ent.text}"))


def named_entities(view: ParseView, book: Codebook,
                   ents: tuple[Entity, ...]) -> Iterator[Found]:
    """People, organisations and agent places the codebook does not know; no guessed country."""
    for ent in ents:
        lo, hi = ent.token_start, name_end(view, ent)
        lo += view.tokens[lo].text.lower() == "the"
        if lo >= hi:
            continue
        name = view.surface(lo, hi)
        people = _people(view, book, lo, hi) if ent.label in {"PERSON", "NORP"} else None
        if people is not None:
            if participant(view, people.lo, people.hi):
                yield people
        elif ent.label == "PERSON" and not located(view, ent):
            yield Found(lo, hi, known_person(book, name) or Draft(
                key=f"PERSON-{slug(name)}", name=name, kind=ActorKind.PERSON, country=None,
                sector=None, rule="ner-person"))
        elif ent.label == "ORG":
            yield Found(lo, hi, _organisation(view, book, lo, hi, name))
        elif ent.label in {"GPE", "NORP"} and participant(view, lo, hi, strict=True):
            yield Found(lo, hi, Draft(key=f"UNKNOWN-{slug(name)}", name=name,
                                      kind=ActorKind.UNKNOWN, country=None, sector=None,
                                      rule=f"ner-{ent.label.lower()}-agent"))


def known_person(book: Codebook, name: str) -> Draft | None:
    """The codebook's entry for a person's name ("Barack Obama", "Obama"), if any."""
    entry = book.lookup(name)
    if entry is None or entry.kind is not ActorKind.PERSON:
        return None
    return Draft.of_entry(entry, "codebook-person")


def _people(view: ParseView, book: Codebook, lo: int, hi: int) -> Found | None:
    """A people named by demonyms, whatever NER called it: "Palestinians", "Bosnian Serbs",
    "Iraqi Kurds" (the first demonym gives the country)."""
    before = demonym_ending_at(view, book, lo - 1) if lo > 0 else None
    lo = before[0] if before is not None else lo
    starts = [found[1] for j in range(min(hi, lo + 3) - 1, lo - 1, -1)
              if (found := demonym_ending_at(view, book, j)) is not None and found[0] == lo]
    head = view.tokens[hi - 1]
    if not starts or not (head.tag in {"NNS", "NNPS"} or book.demonym_of(head.text)):
        return None
    iso3 = starts[0].key
    return Found(lo, hi, Draft(key=f"{iso3}-CVL", name=view.surface(lo, hi),
                               kind=ActorKind.GROUP, country=iso3, sector="CVL",
                               rule=f"demonym-people:{iso3}"))


def _organisation(view: ParseView, book: Codebook, lo: int, hi: int, name: str) -> Draft:
    """An organisation unknown to the codebook, with what its name and head noun tell."""
    draft = Draft(key=f"ORG-{slug(name)}", name=name, kind=ActorKind.UNKNOWN, country=None,
                  sector=None, rule="ner-org")
    country = next((found[1] for j in range(lo, hi)
                    if (found := demonym_ending_at(view, book, j) or
                        _state_name_ending_at(view, book, j)) is not None and found[0] >= lo),
                   None)
    inner = role_ending_at(view, book, hi - 1)
    after = role_at(view, book, hi) if hi < len(view.tokens) else None
    role = inner[1] if inner is not None else (after[1] if after is not None else None)
    if role is not None and role.kind == "body" and role.sector is not None:
        draft.sector, draft.description = role.sector, role.phrase
        draft.rule += f"+role:{role.phrase}"
    if country is not None:
        draft.country = country.key
        draft.rule += f"+name-country:{country.key}"
    if draft.sector or draft.country:
        draft.kind = ActorKind.ORGANIZATION
    return draft


def _state_name_ending_at(view: ParseView, book: Codebook, j: int) -> tuple[int, Entry] | None:
    found = name_ending_at(view, book, j)
    return found if found is not None and found[1].kind is ActorKind.STATE else None
