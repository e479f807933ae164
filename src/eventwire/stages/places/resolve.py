"""Toponym spans -> one gazetteer reading each: containment, context, adjacency, population.

1. Candidates: every entry the gazetteer has for the name; a name it lacks may drop a
   direction word ("Southern Hasaka" -> Hasaka, as an alias reading).
2. Containment: a name followed by ", B" or " in B" where B reads as a country, division or
   region ("Springfield, Illinois", "Kashkash in Southern Hasaka") keeps only its readings
   inside B; a name with no reading at all is placed within B at B's precision.
3. Context: the countries and first-level divisions that the article's names agree on, and
   the points of the names with a single reading.
4. Score: log10(population) (a region counts as ``REGION_SIZE``), plus a bonus for a country,
   a national capital, a country or division in context, a country bordering one in context
   (adjacency), a point within ``NEAR_KM`` of an unambiguous place; minus one for an alias.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from eventwire.records import Span
from eventwire.stages.places.entries import Candidate, GazetteerEntry, distance_km, fold
from eventwire.stages.places.gazetteer import Gazetteer

CONTAINERS = frozenset({"country", "admin1", "admin2", "region"})
COUNTRY_BONUS = 2.0
CAPITAL_BONUS = 2.0
ADJACENT_BONUS = 1.0
NEAR_BONUS = 1.5
NEAR_KM = 150.0
ALIAS_PENALTY = 1.5
REGION_SIZE = 8.0
_CONTAINMENT = re.compile(r"\s*,\s*(?:in\s+)?|\s+in\s+(?:the\s+)?")
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|upper|lower|greater)(?:ern)?\s+",
                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a toponym resolved to: an entry, or (for a name the gazetteer lacks) the place
    it lies within; both None when nothing is known."""

    entry: GazetteerEntry | None = None
    within: GazetteerEntry | None = None


def resolve(text: str, spans: list[Span], gazetteer: Gazetteer,
            context_bonus: float) -> dict[Span, Reading]:
    """One reading per span, all names of the article considered together: a first choice in
    the context of the names with one reading, a second in the context of the first."""
    cands = {s: _candidates(text[s.start:s.end], gazetteer) for s in spans}
    outer_of = _containers(text, spans)
    for span, outer in outer_of.items():
        _narrow(cands, span, outer)
    names = {s: fold(text[s.start:s.end]) for s in spans}
    context = _Context({names[s]: [e for e, _ in c] for s, c in cands.items()}, gazetteer)
    chosen = {s: context.choose(names[s], c, context_bonus) for s, c in cands.items()}
    context = _Context({names[s]: [e] for s, e in chosen.items() if e is not None}, gazetteer)
    chosen = {s: context.choose(names[s], c, context_bonus) for s, c in cands.items()}
    return {s: Reading(entry=chosen[s], within=None if chosen[s] or s not in outer_of
                       else _container(chosen[outer_of[s]]))
            for s in spans}


class _Context:
    """What the other names of the article say: the countries and divisions each name's
    readings agree on, and the single city or county a name can be."""

    def __init__(self, readings: dict[str, list[GazetteerEntry]], gazetteer: Gazetteer) -> None:
        self._agreed = {name: _agreed(entries) for name, entries in readings.items()}
        self._anchors = {name: entries[0] for name, entries in readings.items()
                         if len(entries) == 1 and entries[0].feature in ("city", "admin2")}
        self._gazetteer = gazetteer

    def choose(self, name: str, cands: tuple[Candidate, ...],
               context_bonus: float) -> GazetteerEntry | None:
        countries = {c for other, (cs, _) in self._agreed.items() if other != name for c in cs}
        admin1s = {a for other, (_, ds) in self._agreed.items() if other != name for a in ds}
        adjacent = {n for c in countries for n in self._gazetteer.neighbours(c)} - countries
        anchors = [e for other, e in self._anchors.items() if other != name]

        def score(cand: Candidate) -> float:
            entry, alias = cand
            near = entry.feature in ("city", "admin2") and any(
                (d := distance_km(entry, a)) is not None and 0 < d <= NEAR_KM for a in anchors)
            return (_size(entry) + COUNTRY_BONUS * (entry.feature == "country")
                    + CAPITAL_BONUS * entry.capital
                    + context_bonus * (entry.country in countries)
                    + context_bonus * (entry.feature != "admin1" and entry.admin1 in admin1s)
                    + ADJACENT_BONUS * (entry.country in adjacent) + NEAR_BONUS * near
                    - ALIAS_PENALTY * alias)
        return max(cands, key=score)[0] if cands else None


def _candidates(name: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    found = gazetteer.candidates(name)
    bare = _DIRECTION.sub("", name)
    if found or bare == name:
        return found
    return tuple((entry, True) for entry, _ in gazetteer.candidates(bare))


def _containers(text: str, spans: list[Span]) -> dict[Span, Span]:
    """Span -> the span right after it that names what contains it ("A, B", "A in B")."""
    return {a: b for a, b in itertools.pairwise(spans)
            if _CONTAINMENT.fullmatch(text, a.end, b.start)}


def _narrow(cands: dict[Span, tuple[Candidate, ...]], span: Span, outer: Span) -> None:
    """Keep the readings of ``span`` inside a container reading of ``outer``, and vice versa."""
    containers = [c for c in cands[outer] if c[0].feature in CONTAINERS]
    pairs = [(inner, box) for inner in cands[span] for box in containers
             if _inside(inner[0], box[0])]
    if pairs:
        cands[span] = tuple(dict.fromkeys(inner for inner, _ in pairs))
        cands[outer] = tuple(dict.fromkeys(box for _, box in pairs))
    elif not cands[span]:
        cands[outer] = tuple(containers)


def _inside(entry: GazetteerEntry, box: GazetteerEntry) -> bool:
    if entry is box or entry.feature == "country":
        return False
    if box.feature == "country":
        return entry.country == box.country
    if box.feature in ("admin1", "admin2"):
        return entry.admin1 == box.admin1 and entry.feature != "admin1"
    return entry.country is not None and entry.country in box.members


def _agreed(entries: list[GazetteerEntry]) -> tuple[set[str], set[str]]:
    """The country, and division, that every reading of a name agrees on (or none)."""
    countries = {e.country for e in entries}
    divisions = {e.admin1 for e in entries}
    if len(countries) != 1 or None in countries:
        return set(), set()
    admin1s = {d for d in divisions if d} if len(divisions) == 1 else set()
    return {c for c in countries if c}, admin1s


def _size(entry: GazetteerEntry) -> float:
    size = math.log10(entry.population + 1)
    return max(size, REGION_SIZE) if entry.feature == "region" else size


def _container(entry: GazetteerEntry | None) -> GazetteerEntry | None:
    return entry if entry is not None and entry.feature in CONTAINERS else None
