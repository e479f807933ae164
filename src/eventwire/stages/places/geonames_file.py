"""GeoNames file (SQLite, made by ``eventwire gazetteer load``) -> gazetteer candidates.

The file format lives here beside its reader: ``SCHEMA``, ``FORMAT`` and ``feature_of`` (which
GeoNames feature classes and codes become which gazetteer feature). The loader in
``eventwire.gazetteer`` writes what this module reads. A name with many homonyms in a full dump
("Springfield") yields its ``MAX_CANDIDATES`` most populous places.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.stages.places.entries import Candidate, GazetteerEntry

FORMAT = "eventwire-geonames/1"
MAX_CANDIDATES = 50
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL,
    code TEXT NOT NULL, country TEXT, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
    population INTEGER NOT NULL);
CREATE TABLE names (
    name TEXT NOT NULL, geonameid INTEGER NOT NULL, alias INTEGER NOT NULL,
    PRIMARY KEY (name, geonameid)) WITHOUT ROWID;
"""
_QUERY = """
SELECT p.geonameid, p.name, p.feature, p.code, p.country, p.admin1, p.lat, p.lon,
       p.population, n.alias
FROM names n JOIN places p ON p.geonameid = n.geonameid
WHERE n.name = ? ORDER BY p.population DESC, p.geonameid LIMIT ?
"""
_REGION_CODES = frozenset({
    "RGN", "RGNE", "AREA", "CONT", "ISL", "ISLS", "PEN", "MTS", "VAL", "DSRT", "PLN", "SEA",
    "GULF", "BAY", "OCN", "LK", "STRT"})


def feature_of(feature_class: str, feature_code: str) -> str | None:
    """The gazetteer feature of a GeoNames class and code; None for what news rarely names
    (streams, buildings, roads, spots)."""
    if feature_class == "P":
        return "city"
    if feature_class == "A":
        if feature_code.startswith("PCL"):
            return "country"
        if feature_code == "ADM1":
            return "admin1"
        return "admin2" if feature_code.startswith("ADM") else None
    return "region" if feature_class in "LTH" and feature_code in _REGION_CODES else None


class GeoNamesFile:
    """Read-only view of a gazetteer file; reopened by path when a worker unpickles it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = _open(path)

    def candidates(self, folded: str) -> list[Candidate]:
        rows = self._db.execute(_QUERY, (folded, MAX_CANDIDATES)).fetchall()
        return [(_entry(row), bool(row[-1])) for row in rows]

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self._db = _open(self.path)


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise ConfigError(f"{path}: gazetteer file not found "
                          "(make one with `eventwire gazetteer load FILE`)")
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                         check_same_thread=False)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as exc:
        db.close()
        raise ConfigError(f"{path}: not a gazetteer file ({exc})") from exc
    if row is None or row[0] != FORMAT:
        db.close()
        raise ConfigError(f"{path}: not a gazetteer file of format {FORMAT}")
    return db


def _entry(row: tuple[Any, ...]) -> GazetteerEntry:
    gid, name, feature, code, country, admin1, lat, lon, population, _ = row
    return GazetteerEntry(id=f"pl-{gid}", name=name, feature=feature, country=country,
                          admin1=admin1, lat=lat, lon=lon, geonameid=gid,
                          population=population, capital=code == "PPLC")
