"""Paths and stdin -> RawDocument | Skipped: text and HTML files, JSONL, folders, read defensively.

- a missing or unreadable path -> UNREADABLE;
- a file over ``max_bytes`` -> TOO_LARGE, decided from its size before reading; a compressed
  file, a JSONL line or stdin are read at most ``max_bytes + 1`` bytes deep, never whole;
- no text (or a JSONL file with no lines) -> EMPTY; NUL bytes or many control characters
  -> BINARY; not UTF-8 (nor a charset the HTML declares) -> ENCODING; a truncated ``.gz`` or a
  bad JSONL line -> MALFORMED.

``kind`` names a file's format from its extension, under a ``.gz`` (``page.html.gz`` is
``.html``); ``expand`` walks a folder recursively in sorted order and keeps the files whose
kind ``read_inputs`` reads, leaving out hidden entries.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import sys
import zlib
from collections.abc import Collection, Iterator
from pathlib import Path

from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest.config import IngestConfig
from eventwire.stages.ingest.decoding import decode, skipped, sniff_format
from eventwire.stages.ingest.jsonl import numbered_lines, parse_line
from eventwire.vocab import InputFormat, SkipReason

STDIN_SOURCE = "<stdin>"
DOCUMENTS = {".txt": InputFormat.TEXT, ".html": InputFormat.HTML, ".htm": InputFormat.HTML}
GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


def kind(path: Path) -> str:
    """The extension that names the format, under a ``.gz``: ``.html`` for ``a.html.gz``."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == ".gz" else suffix


def expand(path: Path, kinds: Collection[str]) -> Iterator[Path]:
    """``path`` itself, or the files of the folder ``path`` whose kind is one of ``kinds``."""
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
        if kind(child) in kinds and not hidden and child.is_file():
            yield child


def open_file(path: Path) -> io.BufferedIOBase:
    """The file's bytes, gunzipped when its name ends in ``.gz``."""
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")


def read_bytes(path: Path, config: IngestConfig) -> bytes | Skipped:
    """The whole (decompressed) file, or why it cannot be read within ``max_bytes``."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > config.max_bytes:
            return skipped(source, SkipReason.TOO_LARGE, too_large(config, f"{size:,} bytes"))
        with open_file(path) as stream:
            data = stream.read(config.max_bytes + 1)
    except GZIP_ERRORS as exc:
        return skipped(source, SkipReason.MALFORMED, f"corrupt gzip: {exc}")
    except OSError as exc:
        return skipped(source, SkipReason.UNREADABLE, exc.strerror or str(exc))
    if len(data) > config.max_bytes:
        return skipped(source, SkipReason.TOO_LARGE, too_large(config, "decompressed"))
    return data


def read_document(path: Path, config: IngestConfig) -> RawDocument | Skipped:
    """One text or HTML file (the format from the extension, else sniffed)."""
    data = read_bytes(path, config)
    if isinstance(data, Skipped):
        return data
    return _document(data, DOCUMENTS.get(kind(path)) or sniff_format(data), str(path), config)


def read_stdin(config: IngestConfig) -> RawDocument | Skipped:
    """The one document on stdin, sniffed as HTML or text."""
    try:
        data = (config.stdin or sys.stdin.buffer).read(config.max_bytes + 1)
    except OSError as exc:
        return skipped(STDIN_SOURCE, SkipReason.UNREADABLE, exc.strerror or str(exc))
    if len(data) > config.max_bytes:
        return skipped(STDIN_SOURCE, SkipReason.TOO_LARGE, too_large(config, "stdin"))
    return _document(data, sniff_format(data), STDIN_SOURCE, config)


def read_jsonl(path: Path, config: IngestConfig) -> Iterator[RawDocument | Skipped]:
    """One document per non-blank line, named ``path:LINE``."""
    documents = 0
    try:
        with open_file(path) as stream:
            for number, line in numbered_lines(stream, config.max_bytes):
                source = f"{path}:{number}"
                if line is None:
                    documents += 1
                    yield skipped(source, SkipReason.TOO_LARGE, too_large(config, "line"))
                elif line.strip():
                    documents += 1
                    yield dated(parse_line(line, source), config)
        if not documents:
            yield skipped(str(path), SkipReason.EMPTY, "no JSON lines")
    except GZIP_ERRORS as exc:
        yield skipped(str(path), SkipReason.MALFORMED, f"corrupt gzip: {exc}")
    except OSError as exc:
        yield skipped(str(path), SkipReason.UNREADABLE, exc.strerror or str(exc))


def dated(doc: RawDocument | Skipped, config: IngestConfig) -> RawDocument | Skipped:
    """The document with the configured date when it carries none of its own."""
    if isinstance(doc, Skipped) or doc.published or not config.published:
        return doc
    return dataclasses.replace(doc, published=config.published)


def too_large(config: IngestConfig, what: str) -> str:
    return f"{what} over the {config.max_bytes:,}-byte limit"


def _document(data: bytes, fmt: InputFormat, source: str,
              config: IngestConfig) -> RawDocument | Skipped:
    text = decode(data, fmt, source)
    if isinstance(text, Skipped):
        return text
    return RawDocument(source=source, payload=text, format=fmt, url=config.url,
                       published=config.published)
