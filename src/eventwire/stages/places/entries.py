"""Gazetteer entries and the arithmetic on them: name folding and great-circle distance."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z' .-]{2,}")


@dataclass(frozen=True, slots=True, kw_only=True)
class GazetteerEntry:
    """One place the gazetteer knows. ``feature``: country, admin1 (state, province), admin2
    (county, district), city (any populated place), region, or border (between countries).
    ``admin1`` is the GeoNames code "CC.XX" where known; ``members`` are the ISO3 codes of a
    region's or a border's countries."""

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


Candidate = tuple[GazetteerEntry, bool]
NameRow = tuple[str, GazetteerEntry, bool]


def fold(name: str) -> str:
    """The lookup key of a name: no accents, case-folded, hyphens as spaces, no leading "the"
    or trailing full stop ("W.Va." and "W.Va" are one name)."""
    plain = unicodedata.normalize("NFKD", name.replace("’", "'").replace("-", " "))
    folded = " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())
    return folded.removeprefix("the ").rstrip(".")


def distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float | None:
    """Great-circle distance between two entries' points (haversine), None if one has none."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def latin_alias(name: str) -> bool:
    """Whether an alternate name is worth indexing: Latin letters, capitalised, not an acronym."""
    return _LATIN_NAME.fullmatch(name) is not None and not name.isupper()
