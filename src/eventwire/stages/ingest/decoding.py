"""Bytes or a string -> checked text: empty, binary and encoding tests, and HTML/text sniffing.

Decoding is strict on purpose: UTF-8 (with or without a BOM), UTF-16 when a BOM says so, the
charset the transport declares (HTTP, WARC), and for HTML the charset the page declares.
Nothing is guessed, because a wrong guess yields mojibake that looks like text to every later
stage; an undecodable input becomes ``Skipped(ENCODING)``. UTF-8 is tried before a declared
charset: bytes that are valid UTF-8 almost never come from another encoding, while pages that
declare Latin-1 and serve UTF-8 are common.
"""

from __future__ import annotations

import codecs
import contextlib
import re

from eventwire.records import Skipped
from eventwire.vocab import InputFormat, SkipReason, Stage

SAMPLE_BYTES = 8192
_MAX_CONTROL_SHARE = 0.1
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# The prologues are atomic groups: a comment that could be stretched to a later "-->" on
# backtracking makes these patterns take seconds on pages with many comments.
_HTML_START = re.compile(
    rb"(?>(?:\s+|<!--.*?-->)*)<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b",
    re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(rb"<(?:html|body)\b", re.IGNORECASE)
_FEED_START = re.compile(rb"(?>(?:\s+|<\?[^>]*>|<!--.*?-->|<!DOCTYPE[^>]*>)*)"
                         rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset|<\?xml[^>]+encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE)
# WHATWG: pages that declare these mean windows-1252; a declared UTF-16 in bytes we could
# read as ASCII is a lie, so it is ignored.
_CHARSET_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_IGNORED_CHARSETS = {"utf-16", "utf-16-le", "utf-16-be"}


def skipped(source: str, reason: SkipReason, detail: str) -> Skipped:
    """An ingest quarantine row."""
    return Skipped(source=source, stage=Stage.INGEST, reason=reason, detail=detail)


def sniff_format(data: bytes) -> InputFormat:
    """HTML when the bytes open with markup or hold an <html>/<body> tag early on, else text."""
    head = data[:SAMPLE_BYTES].removeprefix(codecs.BOM_UTF8)
    if _HTML_START.match(head) or _HTML_TAG.search(head):
        return InputFormat.HTML
    return InputFormat.TEXT


def decode(data: bytes, fmt: InputFormat, source: str,
           charset: str | None = None) -> str | Skipped:
    """The text of ``data`` or why it cannot be read as a document of format ``fmt``.

    ``charset`` is the one the transport declared (an HTTP Content-Type, a WARC record's).
    """
    if not data.strip():
        return skipped(source, SkipReason.EMPTY, f"{len(data)} bytes, no text")
    has_bom = data.startswith(_UTF16_BOMS)
    if not has_bom and (binary := binary_detail(data[:SAMPLE_BYTES].decode("latin-1"))):
        return skipped(source, SkipReason.BINARY, binary)
    meta = _declared_charset(data) if fmt is InputFormat.HTML else None
    declared = list(dict.fromkeys(filter(None, [_usable(charset), meta])))
    text = _decode(data, ["utf-16"] if has_bom else ["utf-8-sig", *declared])
    if isinstance(text, UnicodeDecodeError):
        return skipped(source, SkipReason.ENCODING, _encoding_detail(text, declared))
    return text if text.strip() else skipped(source, SkipReason.EMPTY, "whitespace only")


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes open with an RSS, RDF or Atom root element."""
    return _FEED_START.match(data[:SAMPLE_BYTES].removeprefix(codecs.BOM_UTF8)) is not None


def binary_detail(sample: str) -> str | None:
    """Why ``sample`` looks like binary data (a NUL, many control characters), or None."""
    if "\x00" in sample:
        return f"NUL byte at offset {sample.index(chr(0))}"
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"{controls} control characters in the first {len(sample)}"
    return None


def _decode(data: bytes, encodings: list[str]) -> str | UnicodeDecodeError:
    """The text in the first encoding that fits, or the first encoding's error."""
    try:
        return data.decode(encodings[0])
    except UnicodeDecodeError as error:
        for encoding in encodings[1:]:
            with contextlib.suppress(UnicodeDecodeError):
                return data.decode(encoding)
        return error


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:SAMPLE_BYTES])
    return _usable(match.group(1).decode("ascii")) if match else None


def _usable(charset: str | None) -> str | None:
    """The codec to try for a declared charset, None when unknown or not to be believed."""
    try:
        name = codecs.lookup(charset).name if charset else None
    except LookupError:
        return None
    return None if name in _IGNORED_CHARSETS else _CHARSET_ALIASES.get(name or "", name)


def _encoding_detail(error: UnicodeDecodeError, declared: list[str]) -> str:
    byte = error.object[error.start]
    tried = error.encoding.removesuffix("-sig").upper()
    also = f" nor the declared {', '.join(declared)}" if declared else ""
    return f"not {tried}{also}: byte {byte:#04x} at offset {error.start} does not decode"
