"""GeoNames dump -> gazetteer file -> Gazetteer: import, lookup, merge and bad input.

``fixtures/geonames/sample.txt`` is a hand-written file in the GeoNames dump format (19
tab-separated columns): a village the offline tables lack, a first-level division, a stream
and a hotel (not kept), a region, and a city the tables already have (same GeoNames id).
"""

from __future__ import annotations

import pickle
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.gazetteer import default_gazetteer_path, load_geonames
from eventwire.records import Span
from eventwire.stages.places import Gazetteer, PlacesConfig
from eventwire.stages.places.geonames_file import GeoNamesFile
from eventwire.stages.places.resolve import resolve

SAMPLE = Path(__file__).parent / "fixtures" / "geonames" / "sample.txt"


@pytest.fixture(scope="module")
def geonames(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gazetteer") / "geonames.sqlite"
    report = load_geonames(SAMPLE, out)
    assert (report.path, report.lines, report.places) == (out, 6, 4)
    assert report.names >= 8
    return out


@pytest.fixture(scope="module")
def gazetteer(geonames: Path) -> Gazetteer:
    return Gazetteer.load(geonames)


def test_imported_places_are_candidates(gazetteer: Gazetteer) -> None:
    (kashkash, alias), = gazetteer.candidates("Kashkash")
    assert not alias
    assert (kashkash.id, kashkash.feature, kashkash.country, kashkash.admin1) == (
        "pl-9900001", "city", "SYR", "SY.01")
    assert (kashkash.lat, kashkash.lon, kashkash.population) == (36.61, 40.93, 1200)
    assert [alias for _, alias in gazetteer.candidates("Tall Kashkash")] == [True]
    assert [e.feature for e, _ in gazetteer.candidates("Dry Valley")
            if e.geonameid == 9900004] == ["region"]


def test_streams_and_buildings_are_not_kept(gazetteer: Gazetteer) -> None:
    assert not any(e.geonameid in (9900003, 9900005)
                   for name in ("Mill Creek", "Grand Hotel")
                   for e, _ in gazetteer.candidates(name))


def test_one_place_from_tables_and_file_comes_once(gazetteer: Gazetteer) -> None:
    springfields = [e for e, _ in gazetteer.candidates("Springfield") if e.geonameid == 4250542]
    assert len(springfields) == 1
    hasakah = [e for e, _ in gazetteer.candidates("Hasakah") if e.feature == "admin1"]
    assert [(e.admin1, e.geonameid) for e in hasakah] == [("SY.01", 9900002)]


def test_file_resolves_a_village_in_its_division(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Kashkash in Southern Hasaka."
    spans = [Span(start=text.index(n), end=text.index(n) + len(n))
             for n in ("Kashkash", "Southern Hasaka")]
    kashkash = resolve(text, spans, gazetteer, PlacesConfig().context_bonus)[spans[0]].entry
    assert kashkash is not None and kashkash.geonameid == 9900001


def test_zip_dump_imports_like_the_text(tmp_path: Path) -> None:
    archive = tmp_path / "cities500.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "GeoNames readme")
        z.write(SAMPLE, "cities500.txt")
    report = load_geonames(archive, tmp_path / "g.sqlite")
    assert (report.lines, report.places) == (6, 4)


@pytest.mark.parametrize(("line", "why"), [
    ("just\tfour\tcolumns\there", "4 tab-separated columns, expected 19"),
    ("x" + "\t" * 18, "invalid literal"),
])
def test_a_bad_line_fails_with_file_and_line(tmp_path: Path, line: str, why: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(SAMPLE.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"bad\.txt:7: not GeoNames format \(.*{why}"):
        load_geonames(bad, tmp_path / "g.sqlite")


def test_a_failed_import_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "g.sqlite"
    load_geonames(SAMPLE, out)
    bad = tmp_path / "allCountries.txt"
    bad.write_bytes(b"\xff\xfe not text\n")
    with pytest.raises(ConfigError, match=r"allCountries\.txt:1: not GeoNames format"):
        load_geonames(bad, out)
    assert Gazetteer.load(out).candidates("Kashkash")
    assert not (tmp_path / "g.sqlite.part").exists()


def test_empty_and_missing_dumps_fail(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="no GeoNames rows"):
        load_geonames(empty, tmp_path / "g.sqlite")
    with pytest.raises(ConfigError, match="file not found"):
        load_geonames(tmp_path / "absent.zip", tmp_path / "g.sqlite")


def test_a_file_that_is_not_a_gazetteer_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    for path in (other, text, tmp_path / "missing.sqlite"):
        with pytest.raises(ConfigError, match=re.escape(path.name)):
            Gazetteer.load(path)


def test_gazetteer_file_survives_pickling(geonames: Path) -> None:
    copy = pickle.loads(pickle.dumps(GeoNamesFile(geonames)))
    assert [e.geonameid for e, _ in copy.candidates("kashkash")] == [9900001]


def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_gazetteer_path() == tmp_path / "eventwire" / "geonames.sqlite"
