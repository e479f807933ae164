"""Ingest: every input becomes a RawDocument or a Skipped row, and one bad input stops nothing."""

from __future__ import annotations

import gzip
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import ConfigError
from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest import IngestConfig, read_inputs
from eventwire.vocab import InputFormat, SkipReason, Stage

GOOD_TEXT = "Troops crossed the border on Monday, officials said.\n"


def read(paths: list[Path] | list[str], config: IngestConfig | None = None,
         ) -> list[RawDocument | Skipped]:
    return list(read_inputs([str(p) for p in paths], config or IngestConfig()))


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def test_reads_text_html_and_folders_in_sorted_order(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "two.htm").write_text("<html><body><p>Two</p></body></html>")
    (folder / "a.txt").write_text("One.")
    (folder / "c.html.gz").write_bytes(gzip.compress(b"<p>Three</p>"))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    (folder / ".hidden.txt").write_text("Hidden.")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.txt").write_text("Cached.")

    docs = read([folder])

    assert [(Path(d.source).name, d.format) for d in docs if isinstance(d, RawDocument)] == [
        ("a.txt", InputFormat.TEXT), ("two.htm", InputFormat.HTML),
        ("c.html.gz", InputFormat.HTML)]
    assert len(docs) == 3


def test_plain_files_carry_the_configured_date_and_url(good: Path) -> None:
    [doc] = read([good], IngestConfig(published="2021-08-26", url="https://example.org/a"))

    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.payload, doc.published, doc.url) == (
        str(good), GOOD_TEXT, "2021-08-26", "https://example.org/a")


def test_a_url_for_many_documents_is_a_configuration_error(good: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        read([good, good], IngestConfig(url="https://example.org/a"))
    with pytest.raises(ConfigError):
        read([tmp_path], IngestConfig(url="https://example.org/a"))


def test_max_bytes_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        IngestConfig(max_bytes=0)


def test_jsonl_lines_are_documents_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [{"text": "First story.", "url": "https://example.org/1", "id": 7},
             {"html": "<p>Second</p>", "published": "2022-01-02", "title": "Second"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")

    first, second = read([path], IngestConfig(published="2020-05-05"))

    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.source, first.format, first.url, first.external_id, first.published) == (
        f"{path}:1", InputFormat.TEXT, "https://example.org/1", "7", "2020-05-05")
    assert (second.source, second.format, second.published, second.title) == (
        f"{path}:2", InputFormat.HTML, "2022-01-02", "Second")


@pytest.mark.parametrize(("line", "reason"), [
    (b"{not json", SkipReason.MALFORMED),
    (b"[1, 2]", SkipReason.MALFORMED),
    (b'{"title": "no body"}', SkipReason.MALFORMED),
    (b'{"text": "Body.", "published": 20210826}', SkipReason.MALFORMED),
    (b'{"text": "   "}', SkipReason.EMPTY),
    (b'{"text": "a\\u0000b"}', SkipReason.BINARY),
    (b'{"text": "\\ud800 lone"}', SkipReason.ENCODING),
    (b'{"text": "caf\xe9"}', SkipReason.ENCODING),
    (b'{"text": "' + b"x" * 500 + b'"}', SkipReason.TOO_LARGE),
])
def test_a_bad_jsonl_line_is_skipped_and_the_next_is_read(
        tmp_path: Path, line: bytes, reason: SkipReason) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(line + b'\n{"text": "Good."}\n')

    bad, good = read([path], IngestConfig(max_bytes=400))

    assert isinstance(bad, Skipped) and isinstance(good, RawDocument)
    assert (bad.source, bad.stage, bad.reason) == (f"{path}:1", Stage.INGEST, reason)
    assert "\n" not in bad.detail
    assert (good.source, good.payload) == (f"{path}:2", "Good.")


def _truncated_gzip(path: Path) -> None:
    path.write_bytes(gzip.compress(GOOD_TEXT.encode() * 50)[:40])


def _sparse_50_mb(path: Path) -> None:
    with path.open("wb") as stream:
        stream.truncate(50_000_000)


BAD_INPUTS: dict[str, tuple[str, Callable[[Path], object], SkipReason]] = {
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), SkipReason.EMPTY),
    "whitespace": ("blank.txt", lambda p: p.write_bytes(b" \n\t\n"), SkipReason.EMPTY),
    "nul bytes": ("image.txt", lambda p: p.write_bytes(b"GIF89a\x00\x01\x02text"),
                  SkipReason.BINARY),
    "control characters": ("noise.txt", lambda p: p.write_bytes(bytes(range(1, 8)) * 20 + b"ok"),
                           SkipReason.BINARY),
    "latin-1 text": ("latin.txt", lambda p: p.write_bytes("Café crème.".encode("latin-1")),
                     SkipReason.ENCODING),
    "html without charset": ("page.html",
                             lambda p: p.write_bytes("<p>Café</p>".encode("latin-1")),
                             SkipReason.ENCODING),
    "over max_bytes": ("long.txt", lambda p: p.write_text("word " * 300), SkipReason.TOO_LARGE),
    "50 MB page": ("huge.html", _sparse_50_mb, SkipReason.TOO_LARGE),
    "gzip bomb": ("bomb.txt.gz", lambda p: p.write_bytes(gzip.compress(b"a" * 100_000)),
                  SkipReason.TOO_LARGE),
    "truncated gzip": ("cut.txt.gz", _truncated_gzip, SkipReason.MALFORMED),
    "truncated jsonl gzip": ("cut.jsonl.gz", _truncated_gzip, SkipReason.MALFORMED),
    "empty jsonl": ("none.jsonl", lambda p: p.write_bytes(b"\n  \n"), SkipReason.EMPTY),
    "missing": ("missing.txt", lambda p: None, SkipReason.UNREADABLE),
    "missing jsonl": ("missing.jsonl", lambda p: None, SkipReason.UNREADABLE),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_a_bad_input_is_skipped_and_the_next_file_is_read(
        tmp_path: Path, good: Path, case: str) -> None:
    name, make, reason = BAD_INPUTS[case]
    bad_path = tmp_path / name
    make(bad_path)
    max_bytes = 10_000_000 if case == "50 MB page" else 1000

    bad, doc = read([bad_path, good], IngestConfig(max_bytes=max_bytes))

    assert isinstance(bad, Skipped), bad
    assert (bad.source, bad.stage, bad.reason) == (str(bad_path), Stage.INGEST, reason)
    assert bad.detail and "\n" not in bad.detail
    assert isinstance(doc, RawDocument) and doc.payload == GOOD_TEXT


@pytest.mark.parametrize(("data", "expected"), [
    ('<html><head><meta charset="iso-8859-1"></head><p>Café</p></html>'.encode("latin-1"),
     "Café"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>“Hi”</p>'
     .encode("cp1252"), "“Hi”"),
    ('<meta charset="latin-1"><p>Café</p>'.encode(), "Café"),
    (b"\xef\xbb\xbf<p>BOM</p>", "<p>BOM</p>"),
    ("<p>Zwölf</p>".encode("utf-16"), "<p>Zwölf</p>"),
])
def test_html_is_decoded_by_its_bom_or_declared_charset(
        tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)

    [doc] = read([path])

    assert isinstance(doc, RawDocument) and expected in doc.payload
    assert not doc.payload.startswith("\ufeff")


@pytest.mark.parametrize(("data", "fmt"), [
    (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", InputFormat.HTML),
    (b"  <!-- saved page -->\n<div><p>Hi</p></div>", InputFormat.HTML),
    (b"Headline\n\nThe body, which mentions <b> once.", InputFormat.TEXT),
])
def test_stdin_is_sniffed_as_html_or_text(data: bytes, fmt: InputFormat) -> None:
    [doc] = read(["-"], IngestConfig(stdin=io.BytesIO(data), published="2021-08-26"))

    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.format, doc.published) == ("<stdin>", fmt, "2021-08-26")


def test_an_explicit_file_with_another_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("# Title\n\nBody text.")

    [doc] = read([path])

    assert isinstance(doc, RawDocument) and doc.format is InputFormat.TEXT


def test_stdin_over_max_bytes_is_skipped_without_reading_it_all() -> None:
    stream = io.BytesIO(b"x" * 5000)

    [skipped] = read(["-"], IngestConfig(stdin=stream, max_bytes=100))

    assert isinstance(skipped, Skipped) and skipped.reason is SkipReason.TOO_LARGE
    assert stream.tell() == 101


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_become_one_document_or_one_skipped_row(data: bytes) -> None:
    [result] = read(["-"], IngestConfig(stdin=io.BytesIO(data), max_bytes=200))

    if isinstance(result, RawDocument):
        assert result.payload.strip()
        result.payload.encode("utf-8")
    else:
        assert result.stage is Stage.INGEST and "\n" not in result.detail


def test_csv_rows_are_documents_named_by_row(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("\ufeff Text ,URL,published,id,title,notes\n"
                    '"Troops crossed\nthe border.",https://example.org/1,2022-01-02,7,T,x\n'
                    ",,,,,\n"
                    "Second story.,,,,,\n", encoding="utf-8")

    first, second = read([path], IngestConfig(published="2020-05-05"))

    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.source, first.payload, first.url, first.published, first.external_id,
            first.title) == (f"{path}:2", "Troops crossed\nthe border.", "https://example.org/1",
                             "2022-01-02", "7", "T")
    assert (second.source, second.url, second.published, second.external_id) == (
        f"{path}:4", None, "2020-05-05", None)


def test_csv_html_wins_over_text_and_gzip_is_read(tmp_path: Path) -> None:
    path = tmp_path / "pages.csv.gz"
    path.write_bytes(gzip.compress(b"text,html\nsummary,<p>Full page</p>\n"))

    [doc] = read([path])

    assert isinstance(doc, RawDocument)
    assert (doc.format, doc.payload) == (InputFormat.HTML, "<p>Full page</p>")


@pytest.mark.parametrize(("content", "source", "reason", "detail"), [
    (b"", "", SkipReason.MALFORMED, "no header row"),
    (b"title,url\nA,B\n", "", SkipReason.MALFORMED, "no 'text' or 'html' column"),
    (b"text,url\n", "", SkipReason.EMPTY, "no data rows"),
    (b"text,url\n   ,https://x.example\n", ":2", SkipReason.EMPTY, "blank"),
    (b"text\none,two\n", ":2", SkipReason.MALFORMED, "2 cells under a header of 1"),
    (b"text\n" + b"y" * 500 + b"\n", "", SkipReason.TOO_LARGE, "line 2 over the 400-byte"),
    ("text\nCafé\n".encode("latin-1"), "", SkipReason.ENCODING, "line 2 is not UTF-8"),
])
def test_a_bad_csv_is_one_row_and_the_next_file_is_read(
        tmp_path: Path, good: Path, content: bytes, source: str, reason: SkipReason,
        detail: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    *bad, doc = read([path, good], IngestConfig(max_bytes=400))

    assert [(s.source, s.reason) for s in bad if isinstance(s, Skipped)] == [
        (f"{path}{source}", reason)]
    assert detail in bad[0].detail
    assert isinstance(doc, RawDocument) and doc.payload == GOOD_TEXT


def test_a_csv_cell_over_the_limit_ends_the_file_after_the_rows_before(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('text\nFine.\n"' + ("z" * 300 + "\n") * 2 + '"\nLost.\n', encoding="utf-8")

    fine, big = read([path], IngestConfig(max_bytes=400))

    assert isinstance(fine, RawDocument) and (fine.source, fine.payload) == (f"{path}:2", "Fine.")
    assert isinstance(big, Skipped) and big.reason is SkipReason.TOO_LARGE
    assert big.source == f"{path}:3" and "a cell over" in big.detail


def test_sniffing_a_page_of_many_comments_takes_no_time() -> None:
    """Regression: comments could be stretched on backtracking, exponential in their number."""
    page = b"<!-- c -->" * 60 + b"<x>Text after sixty comments.</x>"
    start = time.perf_counter()

    [doc] = read(["-"], IngestConfig(stdin=io.BytesIO(page)))

    assert time.perf_counter() - start < 1.0
    assert isinstance(doc, RawDocument) and doc.format is InputFormat.TEXT
