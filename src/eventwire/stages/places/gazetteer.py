"""Place names -> gazetteer entries: the index the places stage resolves toponyms against.

A ``Gazetteer`` holds the offline tables in memory (``sources.offline_tables``: countries,
first-level divisions, US counties, cities, continents, regions) and, when the user imported a
GeoNames dump (``eventwire gazetteer load``), asks that SQLite file for each name as well
(``geonames_file``). Names are folded (accents, case, hyphens, a leading "the") on both sides.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

from eventwire.records import Span
from eventwire.stages.places import geonames_file, sources
from eventwire.stages.places.entries import Candidate, GazetteerEntry, NameRow, fold

_SCANNED = frozenset({"country", "region"})


class CandidateSource(Protocol):
    """More candidates for a folded name: a GeoNames file."""

    def candidates(self, folded: str) -> list[Candidate]: ...


class Gazetteer:
    """Folded name -> candidate entries; a scanner for country and region names; country
    neighbours and border points for adjacency."""

    def __init__(self, names: Iterable[NameRow], *,
                 neighbours: Mapping[str, frozenset[str]] | None = None,
                 borders: Mapping[frozenset[str], tuple[float, float]] | None = None,
                 demonyms: Mapping[str, str] | None = None, qualifiers: Iterable[str] = (),
                 extra: CandidateSource | None = None) -> None:
        self._index: dict[str, list[Candidate]] = defaultdict(list)
        self._countries: dict[str, GazetteerEntry] = {}
        scan: set[str] = set()
        for name, entry, alias in names:
            bucket = self._index[fold(name)]
            if all(known is not entry for known, _ in bucket):
                bucket.append((entry, alias))
            if entry.feature in _SCANNED:
                scan.add(name)
            if entry.feature == "country" and entry.country and not alias:
                self._countries.setdefault(entry.country, entry)
        self._scanner = _scanner(scan, set(qualifiers))
        self._neighbours = dict(neighbours or {})
        self._borders = dict(borders or {})
        self._demonyms = dict(demonyms or {})
        self._extra = extra

    @classmethod
    def load(cls, path: Path | None = None, *, min_city_population: int = 1000) -> Gazetteer:
        """The offline tables, plus the GeoNames file at ``path`` (made by ``eventwire
        gazetteer load``) when given; raises ``ConfigError`` if that file is not one."""
        extra = geonames_file.GeoNamesFile(path) if path else None
        tables = sources.offline_tables(min_city_population)
        return cls(tables.names, neighbours=tables.neighbours, borders=tables.borders,
                   demonyms=tables.demonyms, qualifiers=tables.qualifiers, extra=extra)

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Entries a surface name may refer to, each flagged True when matched by an alias.
        A place both the tables and the GeoNames file know comes once."""
        folded = fold(name)
        found = self._index.get(folded, [])
        if self._extra is not None:
            found = _merge(itertools.chain(found, self._extra.candidates(folded)))
        return tuple(found)

    def country(self, iso3: str) -> GazetteerEntry | None:
        return self._countries.get(iso3)

    def neighbours(self, iso3: str) -> frozenset[str]:
        """ISO3 codes of the countries sharing a land border with ``iso3``."""
        return self._neighbours.get(iso3, frozenset())

    def border_point(self, a: str, b: str) -> tuple[float, float] | None:
        """A representative point of the land border of two countries, if they share one."""
        return self._borders.get(frozenset((a, b)))

    def demonym(self, word: str) -> str | None:
        """The ISO3 code of the country a demonym or adjective names ("Afghan" -> AFG)."""
        return self._demonyms.get(fold(word))

    def scan(self, text: str) -> Iterator[Span]:
        """Spans of country and region names in ``text`` (case-sensitive, whole words), and of
        qualifiers right after a comma ("Richmond, Va.")."""
        for m in self._scanner.finditer(text):
            yield Span(start=m.start(), end=m.end())


def _scanner(names: set[str], qualifiers: set[str]) -> re.Pattern[str]:
    def either(words: set[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    parts = ([rf"(?<![\w-])(?:{either(names)})(?![\w-])(?! of\b)"] if names else []) + (
        [rf"(?<=, )(?:{either(qualifiers)})(?!\w)"] if qualifiers else [])
    return re.compile("|".join(parts) or r"(?!)")


def _merge(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per place (same GeoNames id, or same first-level division code); the
    reading with a GeoNames id (the user's dump) wins over a table row without one."""
    best: dict[tuple[str, str], Candidate] = {}
    for entry, alias in candidates:
        key = (("admin1", entry.admin1) if entry.feature == "admin1" and entry.admin1 else
               ("id", str(entry.geonameid)) if entry.geonameid else ("entry", entry.id))
        known = best.get(key)
        if known is None or (known[0].geonameid is None and entry.geonameid is not None):
            best[key] = (entry, alias and (known is None or known[1]))
    return list(best.values())
