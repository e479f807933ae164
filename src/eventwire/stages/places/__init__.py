"""Annotated article + actors -> places: toponyms geocoded against an offline gazetteer.

``toponyms`` finds the names (NER, datelines, a scan for country and region names);
``resolve`` picks one gazetteer reading per name (containment, context, adjacency,
population); ``borders`` adds border places ("their borders with Afghanistan"). Mentions of
one place merge into one Place with a precision code; a name the gazetteer lacks stays as text
with precision ``unknown``, or takes the precision of the place it is said to lie in
("Kashkash in Southern Hasaka").

Metonymy (``metonymy``): a place name used as an agent names an actor, not a location. A place
whose every mention is agentive is dropped: in the example article Russia and Moscow are
actors only.

A Place is a ``dateline`` place when a mention opens a dateline ("KABUL, Aug 26 (Reuters) -"),
so the events stage can fall back to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from eventwire.records import Actor, Annotated, Place, Span
from eventwire.stages.places.borders import border_places
from eventwire.stages.places.entries import GazetteerEntry
from eventwire.stages.places.gazetteer import Gazetteer
from eventwire.stages.places.metonymy import agentive, head_token
from eventwire.stages.places.resolve import Reading, resolve
from eventwire.stages.places.sources import slug_id
from eventwire.stages.places.toponyms import opens_dateline, toponym_spans
from eventwire.vocab import ActorKind, PlacePrecision

__all__ = ["PRECISION", "Gazetteer", "GazetteerEntry", "PlacesConfig", "find_places"]

PRECISION = {"country": PlacePrecision.COUNTRY, "region": PlacePrecision.REGION,
             "border": PlacePrecision.REGION, "admin1": PlacePrecision.ADMIN1,
             "admin2": PlacePrecision.ADMIN1, "city": PlacePrecision.EXACT}
_NAME_PARTICLES = frozenset({"of", "the", "and", "de", "del", "la", "al", "el", "upon", "on"})


@dataclass(frozen=True, slots=True, kw_only=True)
class PlacesConfig:
    """``gazetteer``: a GeoNames file made by ``eventwire gazetteer load`` (None: the
    offline tables only)."""

    labels: tuple[str, ...] = ("GPE", "LOC", "FAC")
    nested_labels: tuple[str, ...] = ("ORG", "FAC")
    scan_names: bool = True
    drop_agentive: bool = True
    keep_unknown: bool = True
    borders: bool = True
    context_bonus: float = 2.0
    gazetteer: Path | None = None


def find_places(ann: Annotated, actors: tuple[Actor, ...], config: PlacesConfig,
                gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Places named in the article, each with its locative (non-agentive) mentions."""
    text = ann.article.text
    spans = [s for s in toponym_spans(ann, gazetteer, labels=config.labels,
                                      nested_labels=config.nested_labels,
                                      scan_names=config.scan_names)
             if not _claimed(s, actors)]
    readings = resolve(text, spans, gazetteer, config.context_bonus)
    groups: dict[str, list[Span]] = defaultdict(list)
    chosen: dict[str, Reading] = {}
    for span in spans:
        reading = readings[span]
        if reading.entry is None and reading.within is None and not (
                config.keep_unknown and _looks_like_name(text, span)):
            continue
        key = reading.entry.id if reading.entry else slug_id(text[span.start:span.end])
        chosen[key] = reading
        if not (config.drop_agentive and agentive(ann, span)):
            groups[key].append(span)
    if config.borders:
        for span, entry in border_places(ann, _country_tokens(ann, readings), gazetteer):
            chosen[entry.id] = Reading(entry=entry)
            groups[entry.id].append(span)
    return tuple(_place(key, chosen[key], text, tuple(mentions))
                 for key, mentions in sorted(groups.items(), key=lambda kv: kv[1][0].start))


def _claimed(span: Span, actors: tuple[Actor, ...]) -> bool:
    """The actor stage named exactly this surface as a person, organisation or group."""
    return any(a.kind is not ActorKind.STATE and (m.start, m.end) == (span.start, span.end)
               for a in actors for m in a.mentions)


def _looks_like_name(text: str, span: Span) -> bool:
    words = text[span.start:span.end].split()
    return any(c.isalpha() for c in "".join(words)) and all(
        w[0].isupper() or w in _NAME_PARTICLES for w in words)


def _country_tokens(ann: Annotated, readings: dict[Span, Reading]) -> dict[int, tuple[str, Span]]:
    """Token index of each country name's head -> its ISO3 code and span."""
    found = {}
    for span, reading in readings.items():
        entry = reading.entry
        head = head_token(ann.tokens, span)
        if entry and entry.feature == "country" and entry.country and head is not None:
            found[head.i] = (entry.country, span)
    return found


def _dateline(text: str, mentions: tuple[Span, ...]) -> bool:
    return any(opens_dateline(text, m) for m in mentions)


def _place(key: str, reading: Reading, text: str, mentions: tuple[Span, ...]) -> Place:
    dateline = _dateline(text, mentions)
    entry = reading.entry
    if entry is None:
        box = reading.within
        return Place(id=key, name=text[mentions[0].start:mentions[0].end],
                     country=box.country if box else None, admin1=box.admin1 if box else None,
                     lat=box.lat if box else None, lon=box.lon if box else None,
                     geonameid=None, feature="unknown",
                     precision=PRECISION[box.feature] if box else PlacePrecision.UNKNOWN,
                     mentions=mentions, dateline=dateline)
    return Place(id=key, name=entry.name, country=entry.country, admin1=entry.admin1,
                 lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid, feature=entry.feature,
                 precision=PRECISION[entry.feature], mentions=mentions, dateline=dateline)
