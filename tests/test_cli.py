"""The command line through its real entry point (the installed ``eventwire`` script)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("eventwire")
GOOD = ("Police in Nairobi arrested 20 protesters on Tuesday, officials said. "
        "Kenya's interior minister warned that further protests would not be tolerated.\n")


Run = subprocess.CompletedProcess[str]


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> Run:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, input=stdin,
                          cwd=cwd, timeout=300, check=False)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """One process run over a folder of good and bad inputs."""
    root = tmp_path_factory.mktemp("batch")
    inputs = root / "inputs"
    (inputs / "nested").mkdir(parents=True)
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    (inputs / "nested" / "page.html").write_text(
        "<html><head><title>Ceasefire talks</title></head><body><article><h1>Ceasefire talks"
        "</h1><p>" + "Negotiators from both sides met in Doha on Monday to discuss a ceasefire. "
        * 4 + "</p></article></body></html>", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "latin1.txt").write_bytes("Caf\xe9 owners protested in Lyon.".encode("latin-1"))
    with open(inputs / "huge.html", "wb") as f:
        f.write(b"<html><body>" + b"<p>word word word word</p>" * 2_000_000 + b"</body></html>")
    (inputs / "lines.jsonl").write_text(
        json.dumps({"id": "a1", "text": GOOD.replace("20", "30"), "published": "2024-05-07"})
        + "\n{not json\n",
        encoding="utf-8")
    db = root / "store.sqlite"
    out = root / "out.jsonl"
    result = run("process", str(inputs), "--db", str(db), "--jsonl", str(out),
                 "--published", "2024-05-08")
    return root, result


def test_process_stores_good_inputs_and_quarantines_bad_ones(
        batch: tuple[Path, Run]) -> None:
    root, result = batch
    assert result.returncode == 1, result.stderr
    bad_lines = [ln for ln in result.stderr.splitlines() if "failed" in ln]
    for name in ("empty.txt", "binary.txt", "latin1.txt", "huge.html", "lines.jsonl:2"):
        assert sum(name in ln for ln in bad_lines) == 1, (name, result.stderr)
    with sqlite3.connect(root / "store.sqlite") as db:
        reasons = dict(db.execute("select input, reason from quarantine").fetchall())
        stored = db.execute("select count(*) from articles").fetchone()[0]
    assert len(reasons) == 5 and stored == 3
    records = [json.loads(ln) for ln in (root / "out.jsonl").read_text().splitlines()]
    assert len(records) == 3
    assert all(r["text"] and r["pipeline"]["model"] for r in records)


def test_stats_and_show_read_the_store(batch: tuple[Path, Run]) -> None:
    root, _ = batch
    db = str(root / "store.sqlite")
    stats = run("stats", "--db", db, "--json")
    assert stats.returncode == 0, stats.stderr
    counts = json.loads(stats.stdout)
    assert counts["articles"] == 3 and sum(counts["quarantined"].values()) == 5
    first = json.loads((root / "out.jsonl").read_text().splitlines()[0])
    shown = run("show", first["id"], "--db", db, "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout) == first
    assert run("show", "nope", "--db", db).returncode == 1


def test_reprocessing_updates_in_place(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    db = str(tmp_path / "s.sqlite")
    for _ in range(2):
        assert run("process", str(article), "--db", db).returncode == 0
    counts = json.loads(run("stats", "--db", db, "--json").stdout)
    assert counts["articles"] == 1 and counts["runs"] == 2


def test_stdin_to_jsonl_stdout(tmp_path: Path) -> None:
    result = run("process", "-", "--no-db", "--jsonl", "-", "--published", "2024-05-08",
                 stdin=GOOD, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert record["published"] == "2024-05-08" and record["source"] == "<stdin>"
    assert not (tmp_path / "eventwire.sqlite").exists()


def test_demo_prints_the_example_and_stores_it(tmp_path: Path) -> None:
    result = run("demo", "--db", str(tmp_path / "demo.sqlite"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for expected in ("Russia to supply arms and helicopters", "Rosoboron export",
                     "Alexander Mikheev", "Collective Security Treaty", "Kyrgyzstan",
                     "2021-09-07", "RIA Novosti"):
        assert expected in result.stdout, expected


def test_bad_actor_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "actors.yaml"
    bad.write_text("entries:\n  - {key: X}\n")
    result = run("demo", "--db", str(tmp_path / "d.sqlite"), "--actors", str(bad))
    assert result.returncode == 2
    assert str(bad) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_schema_command_prints_the_record_schema() -> None:
    result = run("schema")
    assert json.loads(result.stdout)["title"] == "eventwire Record"


def test_feed_polled_twice_codes_only_new_items(tmp_path: Path) -> None:
    from fixtures.ingest.server import LocalSite, Reply

    page = ("<html><head><title>{t}</title></head><body><article><h1>{t}</h1><p>"
            + "Government troops clashed with rebels near the northern town on Monday, "
              "officials said, and the fighting forced hundreds of families to flee. " * 3
            + "</p></article></body></html>")
    with LocalSite() as site:
        items = "".join(f"<item><title>Story {n}</title><link>{site.url(f'/s/{n}')}</link>"
                        f"<pubDate>Mon, 0{n} Mar 2024 10:00:00 +0000</pubDate></item>"
                        for n in (1, 2))
        site.routes["/feed"] = Reply(body=f"<rss version='2.0'><channel><title>N</title>"
                                     f"{items}</channel></rss>".encode(),
                                     headers={"Content-Type": "application/rss+xml"})
        for n in (1, 2):
            site.routes[f"/s/{n}"] = Reply(body=page.format(t=f"Clashes day {n}").encode())
        db = str(tmp_path / "feed.sqlite")
        args = ("process", site.url("/feed"), "--db", db, "--allow-private", "--rate", "0")
        first = run(*args)
        assert first.returncode == 0, first.stderr
        second = run(*args)
        assert second.returncode == 0, second.stderr
        assert site.hits["/s/1"] == 1 and site.hits["/s/2"] == 1
    assert "2 known_url" in second.stderr
    assert json.loads(run("stats", "--db", db, "--json").stdout)["articles"] == 2


def test_private_address_is_refused_without_opt_in(tmp_path: Path) -> None:
    result = run("process", "http://127.0.0.1:9/x", "--db", str(tmp_path / "s.sqlite"))
    assert result.returncode == 1
    assert "blocked" in result.stderr and "127.0.0.1" in result.stderr


def test_gazetteer_load_writes_a_file_the_pipeline_can_use(tmp_path: Path) -> None:
    dump = Path(__file__).parent / "fixtures" / "geonames" / "sample.txt"
    out = tmp_path / "geonames.sqlite"
    result = run("gazetteer", "load", str(dump), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.is_file() and str(out) in result.stdout
    story = tmp_path / "story.txt"
    story.write_text("Kurdish fighters clashed with militants in Kashkash in Southern Hasaka on "
                     "Monday, a monitoring group said.\n", encoding="utf-8")
    coded = run("process", str(story), "--no-db", "--jsonl", "-", "--gazetteer", str(out))
    assert coded.returncode == 0, coded.stderr
    places = {p["name"]: p for p in json.loads(coded.stdout)["places"]}
    assert places["Kashkash"]["geonameid"] == 9900001
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta\tgeonames\tline\n", encoding="utf-8")
    refused = run("gazetteer", "load", str(bad), "--out", str(tmp_path / "x.sqlite"))
    assert refused.returncode == 2 and f"{bad}:1: not GeoNames format" in refused.stderr


def test_codebook_counts_entries_and_checks_a_user_file(tmp_path: Path) -> None:
    counts = json.loads(run("codebook", "--json").stdout)
    assert counts["kind:state"] >= 250 and counts["kind:organization"] >= 300
    bad = tmp_path / "mine.yaml"
    bad.write_text("entries:\n  - {key: X, name: X, kind: organization, country: ZZZ}\n")
    result = run("codebook", "--actors", str(bad))
    assert result.returncode == 2 and str(bad) in result.stderr and "ZZZ" in result.stderr
