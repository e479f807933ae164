"""Paths and stdin -> RawDocument | Skipped: text, HTML and JSONL files, folders, read defensively.

Every input is named in ``RawDocument.source``: the path, ``path:LINE`` for a JSONL line, or
``<stdin>``. A bad input is a ``Skipped`` row, never an exception, and the other inputs go on:

- a missing or unreadable path -> UNREADABLE;
- a file over ``max_bytes`` -> TOO_LARGE, decided from its size before reading; a compressed
  file, a JSONL line or stdin are read at most ``max_bytes + 1`` bytes deep, never whole;
- no text (or a JSONL file with no lines) -> EMPTY; NUL bytes or many control characters
  -> BINARY; not UTF-8 (nor a charset the HTML declares) -> ENCODING; a truncated ``.gz`` or a
  bad JSONL line -> MALFORMED.

The format comes from the extension: ``.txt`` text, ``.html``/``.htm`` HTML, ``.jsonl`` one
document per line, each also gzip-compressed (``page.html.gz``). A file named explicitly with
another extension, and ``-`` (stdin, one document), are sniffed as HTML or text. Folders are
walked recursively in sorted order; hidden entries and files with other extensions (images,
notes) are skipped silently, as a folder of articles usually holds some.

``published`` applies to every document that does not carry its own date (a JSONL line's field
wins). ``url`` names one document, so it is accepted only with a single file or stdin: the
article id is a hash of the URL, and one URL on many documents would merge them.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import ConfigError
from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest.decoding import decode, skipped, sniff_format
from eventwire.stages.ingest.jsonl import numbered_lines, parse_line
from eventwire.vocab import InputFormat, SkipReason

STDIN = "-"
STDIN_SOURCE = "<stdin>"
_JSONL = ".jsonl"
_DOCUMENTS = {".txt": InputFormat.TEXT, ".html": InputFormat.HTML, ".htm": InputFormat.HTML}
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestConfig:
    """How to read inputs; ``stdin`` is the stream ``-`` reads (default: the process's)."""

    published: str | None = None
    url: str | None = None
    max_bytes: int = 10_000_000
    stdin: BinaryIO | None = None

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")


def read_inputs(paths: Sequence[str], config: IngestConfig) -> Iterator[RawDocument | Skipped]:
    """One RawDocument or Skipped per document in ``paths``, in the order given."""
    if config.url and not _single_document(paths):
        raise ConfigError("a url names one document: give it with a single file or stdin")
    for name in paths:
        if name == STDIN:
            yield _read_stdin(config)
            continue
        for path in _expand(Path(name)):
            if _kind(path) == _JSONL:
                yield from _read_jsonl(path, config)
            else:
                yield _read_document(path, config)


def _single_document(paths: Sequence[str]) -> bool:
    return len(paths) == 1 and not Path(paths[0]).is_dir() and _kind(Path(paths[0])) != _JSONL


def _kind(path: Path) -> str:
    """The extension that names the format, under a ``.gz``: ``.html`` for ``a.html.gz``."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == ".gz" else suffix


def _expand(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
        known = _kind(child) in _DOCUMENTS or _kind(child) == _JSONL
        if known and not hidden and child.is_file():
            yield child


def _open(path: Path) -> io.BufferedIOBase:
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")


def _read_document(path: Path, config: IngestConfig) -> RawDocument | Skipped:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > config.max_bytes:
            return skipped(source, SkipReason.TOO_LARGE, _too_large(config, f"{size:,} bytes"))
        with _open(path) as stream:
            data = stream.read(config.max_bytes + 1)
    except _GZIP_ERRORS as exc:
        return skipped(source, SkipReason.MALFORMED, f"corrupt gzip: {exc}")
    except OSError as exc:
        return skipped(source, SkipReason.UNREADABLE, exc.strerror or str(exc))
    if len(data) > config.max_bytes:
        return skipped(source, SkipReason.TOO_LARGE, _too_large(config, "decompressed"))
    return _document(data, _DOCUMENTS.get(_kind(path)) or sniff_format(data), source, config)


def _read_stdin(config: IngestConfig) -> RawDocument | Skipped:
    try:
        data = (config.stdin or sys.stdin.buffer).read(config.max_bytes + 1)
    except OSError as exc:
        return skipped(STDIN_SOURCE, SkipReason.UNREADABLE, exc.strerror or str(exc))
    if len(data) > config.max_bytes:
        return skipped(STDIN_SOURCE, SkipReason.TOO_LARGE, _too_large(config, "stdin"))
    return _document(data, sniff_format(data), STDIN_SOURCE, config)


def _read_jsonl(path: Path, config: IngestConfig) -> Iterator[RawDocument | Skipped]:
    documents = 0
    try:
        with _open(path) as stream:
            for number, line in numbered_lines(stream, config.max_bytes):
                source = f"{path}:{number}"
                if line is None:
                    documents += 1
                    yield skipped(source, SkipReason.TOO_LARGE, _too_large(config, "line"))
                elif line.strip():
                    documents += 1
                    yield _dated(parse_line(line, source), config)
        if not documents:
            yield skipped(str(path), SkipReason.EMPTY, "no JSON lines")
    except _GZIP_ERRORS as exc:
        yield skipped(str(path), SkipReason.MALFORMED, f"corrupt gzip: {exc}")
    except OSError as exc:
        yield skipped(str(path), SkipReason.UNREADABLE, exc.strerror or str(exc))


def _document(data: bytes, fmt: InputFormat, source: str,
              config: IngestConfig) -> RawDocument | Skipped:
    text = decode(data, fmt, source)
    if isinstance(text, Skipped):
        return text
    return RawDocument(source=source, payload=text, format=fmt, url=config.url,
                       published=config.published)


def _dated(doc: RawDocument | Skipped, config: IngestConfig) -> RawDocument | Skipped:
    if isinstance(doc, Skipped) or doc.published or not config.published:
        return doc
    return dataclasses.replace(doc, published=config.published)


def _too_large(config: IngestConfig, what: str) -> str:
    return f"{what} over the {config.max_bytes:,}-byte limit"
