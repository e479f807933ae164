"""WARC archives, written here with FastWARC: HTML responses become documents, other records
are counted, and an archive cut or damaged anywhere keeps what came before and says where."""

from __future__ import annotations

import gzip
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest import IngestConfig, PassedOver, read_inputs
from eventwire.vocab import InputFormat, SkipReason, Stage

PAGE = "<html><body><h1>Talks resume</h1><p>Negotiators met in Doha {n}.</p></body></html>"


def record(kind: WarcRecordType, url: str, block: bytes, block_type: str) -> WarcRecord:
    warc = WarcRecord()
    warc.init_headers(kind, content_length=len(block))
    warc.headers["WARC-Date"] = "2021-08-26T10:00:00Z"
    warc.headers["WARC-Target-URI"] = url
    warc.headers["Content-Type"] = block_type
    warc.set_bytes_content(block)
    return warc


def response(url: str, body: bytes, *, status: str = "200 OK",
             headers: str = "Content-Type: text/html; charset=utf-8") -> WarcRecord:
    http = f"HTTP/1.1 {status}\r\n{headers}\r\n\r\n".encode() + body
    return record(WarcRecordType.response, url, http, "application/http; msgtype=response")


def request(url: str) -> WarcRecord:
    http = b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
    return record(WarcRecordType.request, url, http, "application/http; msgtype=request")


def write(path: Path, records: list[WarcRecord]) -> Path:
    with path.open("wb") as stream:
        if path.suffix == ".gz":
            writer = GzipWriter(stream)
            for item in records:
                item.write(writer)
                writer.finish()
            writer.close()
        else:
            for item in records:
                item.write(stream)
    return path


def crawl() -> list[WarcRecord]:
    """A small crawl: two HTML pages (one gzip-encoded) among records that are not pages."""
    warcinfo = record(WarcRecordType.warcinfo, "", b"software: test\r\n", "application/warc-fields")
    return [
        warcinfo,
        request("https://news.example/a"),
        response("https://news.example/a", PAGE.format(n=1).encode()),
        response("https://news.example/logo.png", b"\x89PNG...",
                 headers="Content-Type: image/png"),
        response("https://news.example/gone", b"not found", status="404 Not Found"),
        response("https://news.example/b", gzip.compress(PAGE.format(n=2).encode()),
                 headers="Content-Type: text/html\r\nContent-Encoding: gzip"),
        record(WarcRecordType.metadata, "https://news.example/b", b"fetchTimeMs: 12\r\n",
               "application/warc-fields"),
    ]


def read(path: Path, **options: object) -> tuple[list[RawDocument | Skipped], Counter[PassedOver]]:
    passed: Counter[PassedOver] = Counter()
    config = IngestConfig(published="2021-08-27", **options)  # type: ignore[arg-type]
    return list(read_inputs([str(path)], config, passed)), passed


def offsets(path: Path) -> list[int]:
    with path.open("rb") as stream:
        return [item.stream_pos for item in ArchiveIterator(stream)]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_documents_and_the_rest_is_counted(
        tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, crawl())
    starts = offsets(path)

    docs, passed = read(path)

    assert [(d.source, d.url) for d in docs if isinstance(d, RawDocument)] == [
        (f"{path}@{starts[2]}", "https://news.example/a"),
        (f"{path}@{starts[5]}", "https://news.example/b")]
    first, second = docs
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.format, first.published, first.fetched) == (
        InputFormat.HTML, "2021-08-27", "2021-08-26")
    assert "Doha 2." in second.payload
    assert passed == {PassedOver.WARC_NOT_RESPONSE: 3, PassedOver.WARC_NOT_HTML: 1,
                      PassedOver.WARC_NOT_OK: 1}


def test_the_http_charset_decodes_the_page(tmp_path: Path) -> None:
    body = "<p>Café owners protested.</p>".encode("latin-1")
    path = write(tmp_path / "latin.warc", [response(
        "https://news.example/c", body, headers="Content-Type: text/html; charset=ISO-8859-1")])

    [doc], _ = read(path)

    assert isinstance(doc, RawDocument) and "Café" in doc.payload


def test_an_oversized_or_undecodable_record_is_skipped_and_the_next_read(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.warc.gz", [
        response("https://news.example/big", b"<p>" + b"x" * 5000 + b"</p>"),
        response("https://news.example/bad", "<p>Café</p>".encode("latin-1")),
        response("https://news.example/a", PAGE.format(n=1).encode())])
    starts = offsets(path)

    big, bad, good = read(path, max_bytes=2000)[0]

    assert isinstance(big, Skipped) and isinstance(bad, Skipped)
    assert (big.source, big.stage, big.reason) == (
        f"{path}@{starts[0]}", Stage.INGEST, SkipReason.TOO_LARGE)
    assert (bad.source, bad.reason) == (f"{path}@{starts[1]}", SkipReason.ENCODING)
    assert isinstance(good, RawDocument) and good.url == "https://news.example/a"


def _pages() -> list[WarcRecord]:
    return [item for n in range(3) for item in (
        request(f"https://news.example/{n}"),
        response(f"https://news.example/{n}", PAGE.format(n=n).encode()))]


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_an_archive_cut_anywhere_keeps_the_whole_records_and_says_where(
        tmp_path: Path, name: str) -> None:
    whole = write(tmp_path / f"whole-{name}", _pages()).read_bytes()
    starts = offsets(tmp_path / f"whole-{name}")
    ends = [*starts[1:], len(whole)]
    # a cut inside the blank line that closes a record loses nothing
    slack = 0 if name.endswith(".gz") else 4
    for cut in range(1, len(whole), 2):
        path = tmp_path / f"{cut}-{name}"  # a new file: rewriting one flushes it on ext4
        path.write_bytes(whole[:cut])
        complete = [n for n, end in enumerate(ends) if end - slack <= cut]

        docs, _ = read(path)

        urls = [d.url for d in docs if isinstance(d, RawDocument)]
        assert urls == [f"https://news.example/{n // 2}" for n in complete if n % 2], cut
        damage = [d for d in docs if isinstance(d, Skipped)]
        clean = cut in starts or any(end - slack <= cut <= end for end in ends)
        assert len(damage) == (0 if clean else 1), (cut, damage)
        for skipped in damage:
            assert (skipped.source, skipped.reason) == (str(path), SkipReason.MALFORMED)
            assert skipped.detail.startswith("archive damaged: ") and "byte" in skipped.detail


@settings(max_examples=60, deadline=None)
@given(gz=st.booleans(), edits=st.lists(st.tuples(st.integers(0, 2000), st.binary(min_size=1,
                                                                                   max_size=8)),
                                        max_size=3))
def test_any_damage_ends_as_documents_and_skipped_rows(
        gz: bool, edits: list[tuple[int, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / ("fuzz.warc.gz" if gz else "fuzz.warc"), _pages())
        data = bytearray(path.read_bytes())
        for at, junk in edits:
            data[at % len(data):at % len(data) + len(junk)] = junk
        path.write_bytes(bytes(data))

        docs, _ = read(path)

    assert all(isinstance(d, RawDocument | Skipped) for d in docs)
    assert all("\n" not in d.detail for d in docs if isinstance(d, Skipped))


def test_garbage_inside_an_archive_stops_it_there(tmp_path: Path) -> None:
    data = bytearray(write(tmp_path / "whole.warc", _pages()).read_bytes())
    third = offsets(tmp_path / "whole.warc")[2]
    data[third:third + 8] = b"GARBAGE!"
    path = tmp_path / "damaged.warc"
    path.write_bytes(bytes(data))

    *docs, damage = read(path)[0]

    assert [d.url for d in docs if isinstance(d, RawDocument)] == ["https://news.example/0"]
    assert isinstance(damage, Skipped) and damage.reason is SkipReason.MALFORMED
    assert f"byte {third}" in damage.detail


@pytest.mark.parametrize(("content", "reason"), [(b"", None), (b"not a warc at all\n", "byte 0")])
def test_an_empty_or_foreign_file_named_warc(tmp_path: Path, content: bytes,
                                            reason: str | None) -> None:
    path = tmp_path / "odd.warc"
    path.write_bytes(content)

    docs, _ = read(path)

    assert [d.detail for d in docs if isinstance(d, Skipped) and reason and reason in d.detail] \
        == [d.detail for d in docs]
    assert len(docs) == (1 if reason else 0)


def test_folders_take_warc_and_csv_files(tmp_path: Path) -> None:
    write(tmp_path / "crawl.warc.gz", crawl())
    (tmp_path / "sheet.csv").write_text("text,url\nTroops crossed the border.,https://x.example/1\n",
                                        encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")

    docs, _ = read(tmp_path)

    assert [Path(d.source.split("@")[0].rsplit(":", 1)[0]).name for d in docs] == [
        "crawl.warc.gz", "crawl.warc.gz", "sheet.csv"]


def test_a_missing_archive_is_unreadable(tmp_path: Path) -> None:
    [skipped], _ = read(tmp_path / "missing.warc.gz")

    assert isinstance(skipped, Skipped) and skipped.reason is SkipReason.UNREADABLE
