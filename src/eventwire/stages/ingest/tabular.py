"""CSV files -> RawDocument | Skipped: one document per row, from a ``text`` or ``html`` column.

The first row names the columns (any case, surrounding spaces ignored); besides ``text`` or
``html`` a file may have ``url``, ``published``, ``id`` and ``title``; other columns are
ignored, and blank optional cells count as absent. A row follows the JSONL rules
(``jsonl.from_fields``): ``html`` wins when both are filled, a blank document is EMPTY. Rows are
named ``path:ROW`` with the header as row 1, as a spreadsheet numbers them.

UTF-8 with or without the BOM spreadsheets write; a ``.csv.gz`` is read through gzip. A file
with no header or no document column is one MALFORMED row; a row with more cells than the
header is MALFORMED. A cell over ``max_bytes`` (the ``csv`` module's field limit is
process-wide, so it is raised only while a row is read) or a row the ``csv`` module rejects,
a line longer than ``max_bytes`` and a line that is not UTF-8 (the file is decoded line by line
to name it) each end the file with one TOO_LARGE, MALFORMED or ENCODING row: a quoted cell
can span lines, so where the next record starts cannot be known after such an error.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest.config import IngestConfig
from eventwire.stages.ingest.decoding import skipped
from eventwire.stages.ingest.files import GZIP_ERRORS, dated, open_file, too_large
from eventwire.stages.ingest.jsonl import from_fields, numbered_lines
from eventwire.vocab import SkipReason

_DOCUMENT_COLUMNS = ("text", "html")
_COLUMNS = (*_DOCUMENT_COLUMNS, "url", "published", "id", "title")
_REST_UNREAD = "; the rest of the file is not read"


def read_csv(path: Path, config: IngestConfig) -> Iterator[RawDocument | Skipped]:
    """One document or Skipped row per data row of the CSV file at ``path``."""
    lines = _Lines()
    try:
        with open_file(path) as stream:
            reader = csv.reader(lines.decoded(stream, config.max_bytes))
            yield from _documents(path, reader, config)
    except _LineTooLong:
        yield skipped(str(path), SkipReason.TOO_LARGE,
                      too_large(config, f"line {lines.number}") + _REST_UNREAD)
    except UnicodeDecodeError as exc:
        yield skipped(str(path), SkipReason.ENCODING, f"line {lines.number} is not UTF-8 "
                      f"(byte {exc.object[exc.start]:#04x}){_REST_UNREAD}")
    except GZIP_ERRORS as exc:
        yield skipped(str(path), SkipReason.MALFORMED, f"corrupt gzip: {exc}")
    except OSError as exc:
        yield skipped(str(path), SkipReason.UNREADABLE, exc.strerror or str(exc))


class _LineTooLong(Exception):
    """A physical line of the file is longer than ``max_bytes``."""


class _Lines:
    """A binary file's lines, decoded one at a time so that an error names its line."""

    def __init__(self) -> None:
        self.number = 0

    def decoded(self, stream: io.BufferedIOBase, limit: int) -> Iterator[str]:
        for number, line in numbered_lines(stream, limit):
            self.number = number
            if line is None:
                raise _LineTooLong
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")


def _documents(path: Path, reader: Iterator[list[str]],
               config: IngestConfig) -> Iterator[RawDocument | Skipped]:
    problem: str | None
    try:
        header = _next_row(reader, config.max_bytes)
    except csv.Error as exc:
        header, problem = None, f"header: {exc}"
    else:
        problem = _header_problem(header)
    if problem or header is None:
        yield skipped(str(path), SkipReason.MALFORMED, problem or "no header row")
        return
    columns = [name.strip().lower() for name in header]
    row, documents = 1, 0
    try:
        while (cells := _next_row(reader, config.max_bytes)) is not None:
            row += 1
            if any(cell.strip() for cell in cells):
                documents += 1
                yield dated(_document(columns, cells, f"{path}:{row}"), config)
    except csv.Error as exc:
        documents += 1
        yield _row_error(f"{path}:{row + 1}", exc, config)
    if not documents:
        yield skipped(str(path), SkipReason.EMPTY, "no data rows")


def _next_row(reader: Iterator[list[str]], limit: int) -> list[str] | None:
    previous = csv.field_size_limit(limit)
    try:
        return next(reader, None)
    finally:
        csv.field_size_limit(previous)


def _header_problem(header: list[str] | None) -> str | None:
    if header is None:
        return "no header row"
    names = {name.strip().lower() for name in header}
    if not names & set(_DOCUMENT_COLUMNS):
        return f"no 'text' or 'html' column among {', '.join(header) or 'none'}"
    return None


def _row_error(source: str, error: csv.Error, config: IngestConfig) -> Skipped:
    if "field larger than field limit" in str(error):
        return skipped(source, SkipReason.TOO_LARGE, too_large(config, "a cell") + _REST_UNREAD)
    return skipped(source, SkipReason.MALFORMED, f"{error}{_REST_UNREAD}")


def _document(columns: list[str], cells: list[str], source: str) -> RawDocument | Skipped:
    if len(cells) > len(columns):
        return skipped(source, SkipReason.MALFORMED,
                       f"{len(cells)} cells under a header of {len(columns)}")
    fields = {name: cell for name, cell in zip(columns, cells, strict=False)
              if name in _COLUMNS and (name in _DOCUMENT_COLUMNS or cell.strip())}
    return from_fields(fields, source)

