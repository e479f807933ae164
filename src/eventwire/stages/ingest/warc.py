"""WARC and WARC.gz files -> RawDocument | Skipped: HTML responses read with FastWARC.

Each ``response`` record whose HTTP status is 2xx and whose payload is HTML (by its
Content-Type, or sniffed when it has none) becomes a document named ``path@OFFSET`` (the
record's byte offset, as CDX indexes and ``warcio extract`` name it), with the target URI as
``url``, the configured ``published`` and the WARC-Date as ``fetched``. Transfer and content
encodings are undone by FastWARC as the payload streams, and at most ``max_bytes + 1`` decoded
bytes are read (a longer payload is TOO_LARGE). Other records are passed over and counted:
WARC_NOT_RESPONSE (request, metadata, warcinfo, revisit...), WARC_NOT_OK, WARC_NOT_HTML.

Damage. FastWARC, like warcio, stops quietly where an archive is cut or corrupt. So once it
stops, the end of the last record it read is checked against the file: in a ``.warc`` the
record's header block and Content-Length must fit in the file, with nothing but blank space
after; in a ``.warc.gz`` the record's gzip member must end and nothing may follow. A failure
is one MALFORMED row naming the byte offset and record number; the document of a record found
cut short is dropped (held back one record for this), those before it are kept.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest.config import IngestConfig, PassedOver
from eventwire.stages.ingest.decoding import decode, skipped, sniff_format
from eventwire.stages.ingest.files import too_large
from eventwire.vocab import InputFormat, SkipReason

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_MAGIC = b"\x1f\x8b"
_MAX_HEADER = 32 << 10
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class _Damage:
    """What is wrong, and whether the last record read is itself cut short."""

    detail: str
    cuts_last: bool = False


@dataclass(frozen=True, slots=True)
class _Mark:
    """Where a record starts, its number and its declared block length."""

    number: int
    offset: int
    length: int


def read_warc(path: Path, config: IngestConfig,
              passed: Counter[PassedOver]) -> Iterator[RawDocument | Skipped]:
    """One document per HTML response record, then one Skipped row if the archive is damaged."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield skipped(str(path), SkipReason.UNREADABLE, exc.strerror or str(exc))
        return
    last: _Mark | None = None
    held: RawDocument | Skipped | None = None
    with stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream, auto_decode="all"), 1):
                if held is not None:
                    yield held
                last = _Mark(number, record.stream_pos, _declared_length(record))
                result = _read_record(record, f"{path}@{record.stream_pos}", config)
                held = None if isinstance(result, PassedOver) else result
                if isinstance(result, PassedOver):
                    passed[result] += 1
            stopped = None
        except OSError as exc:
            stopped = _Damage(f"{exc} after record {last.number if last else 0}")
        damage = _damage(stream, last) or stopped
    if held is not None and not (damage and damage.cuts_last):
        yield held
    if damage:
        yield skipped(str(path), SkipReason.MALFORMED, f"archive damaged: {damage.detail}")


def _read_record(record: WarcRecord, source: str,
                 config: IngestConfig) -> RawDocument | Skipped | PassedOver:
    http = record.http_headers if record.record_type == WarcRecordType.response else None
    if http is None:
        return PassedOver.WARC_NOT_RESPONSE
    if not 200 <= (http.status_code or 0) < 300:
        return PassedOver.WARC_NOT_OK
    media = (record.http_content_type or "").lower()
    if media and media not in _HTML_TYPES:
        return PassedOver.WARC_NOT_HTML
    body = record.reader.read(config.max_bytes + 1)
    if len(body) > config.max_bytes:
        return skipped(source, SkipReason.TOO_LARGE, too_large(config, "payload"))
    if not media and sniff_format(body) is not InputFormat.HTML:
        return PassedOver.WARC_NOT_HTML
    text = decode(body, InputFormat.HTML, source, record.http_charset)
    if isinstance(text, Skipped):
        return text
    return RawDocument(source=source, payload=text, format=InputFormat.HTML,
                       url=record.headers.get("WARC-Target-URI"), published=config.published,
                       fetched=_day(record))


def _declared_length(record: WarcRecord) -> int:
    value = record.headers.get("Content-Length") or ""
    return int(value) if value.isdigit() else 0


def _day(record: WarcRecord) -> str | None:
    try:
        return record.record_date.date().isoformat()
    except (AttributeError, ValueError):
        return None


def _damage(stream: BinaryIO, last: _Mark | None) -> _Damage | None:
    """Where the archive stops making sense after the last record read, or None."""
    size = stream.seek(0, 2)
    stream.seek(0)
    gzipped = stream.read(2) == _GZIP_MAGIC
    if last is None:
        stream.seek(0)
        blank = not stream.read(_CHUNK).strip()
        return None if blank else _Damage("no record could be read from byte 0")
    if gzipped:
        return _gzip_damage(stream, last)
    return _plain_damage(stream, last, size)


def _plain_damage(stream: BinaryIO, last: _Mark, size: int) -> _Damage | None:
    stream.seek(last.offset)
    header_end = stream.read(_MAX_HEADER).find(b"\r\n\r\n")
    where = f"record {last.number} (byte {last.offset})"
    if header_end < 0:
        return _Damage(f"{where} is cut short in its headers", cuts_last=True)
    end = last.offset + header_end + 4 + last.length + 4
    if size < end - 4:
        return _Damage(f"{where} is cut short: the file ends at byte {size}, the record at "
                       f"{end}", cuts_last=True)
    stream.seek(end)
    if stream.read(_CHUNK).strip():
        return _Damage(f"unreadable data at byte {end}, after record {last.number}")
    return None


def _gzip_damage(stream: BinaryIO, last: _Mark) -> _Damage | None:
    """Inflate (and drop) the last record's gzip member; it must end, and the file with it."""
    stream.seek(last.offset)
    start = last.offset if stream.read(2) == _GZIP_MAGIC else 0
    stream.seek(start)
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        while not inflater.eof and (chunk := stream.read(_CHUNK)):
            inflater.decompress(chunk, _CHUNK)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    except zlib.error as exc:
        return _Damage(f"corrupt gzip after byte {start} (record {last.number}): {exc}",
                       cuts_last=True)
    if not inflater.eof:
        return _Damage(f"record {last.number} (byte {last.offset}) is cut short: its gzip "
                       "member ends early", cuts_last=True)
    end = stream.tell() - len(inflater.unused_data)
    if inflater.unused_data.strip() or stream.read(_CHUNK).strip():
        return _Damage(f"unreadable data at byte {end}, after record {last.number}")
    return None
