"""JSONL lines -> RawDocument | Skipped: one JSON object per line holding ``html`` or ``text``.
Optional fields: ``url``, ``published`` and ``title`` (strings) and ``id`` (a string or an
integer). A line that is not JSON, not an object, holds neither a ``html`` nor a ``text``
string, or has an optional field of the wrong type is MALFORMED; a lone surrogate escape (text
that cannot be written back as UTF-8) is ENCODING. Lines are read with a length limit, so one
enormous line costs at most ``limit`` bytes of memory before it is skipped as TOO_LARGE.
``from_fields`` reads any mapping of these fields, so CSV rows follow the same rules.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest.decoding import SAMPLE_BYTES, binary_detail, skipped
from eventwire.vocab import InputFormat, SkipReason

_STRING_FIELDS = ("url", "published", "title")


def numbered_lines(stream: io.BufferedIOBase, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Each line with its 1-based number; None in place of a line longer than ``limit``."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line
            continue
        while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
            pass
        yield number, None


def parse_line(line: bytes, source: str) -> RawDocument | Skipped:
    """The document a JSONL line describes, or why it cannot be read."""
    try:
        value = json.loads(line)
    except UnicodeDecodeError as exc:
        return skipped(source, SkipReason.ENCODING, f"not UTF-8: {exc.reason} at {exc.start}")
    except (ValueError, RecursionError) as exc:
        return skipped(source, SkipReason.MALFORMED, f"not JSON: {exc}")
    if not isinstance(value, dict):
        return skipped(source, SkipReason.MALFORMED, f"a JSON {type(value).__name__}, not object")
    return from_fields(value, source)


def from_fields(value: dict[str, Any], source: str) -> RawDocument | Skipped:
    """The document a mapping of fields describes (a JSON object, a CSV row), or why not."""
    if problem := _field_problem(value):
        return skipped(source, SkipReason.MALFORMED, problem)
    text_first = isinstance(value.get("text"), str) and not _has_text(value, "html")
    fmt = InputFormat.TEXT if text_first else InputFormat.HTML
    payload = value.get(fmt.value)
    if not isinstance(payload, str):
        return skipped(source, SkipReason.MALFORMED, "no 'html' or 'text' string field")
    if not payload.strip():
        return skipped(source, SkipReason.EMPTY, f"the {fmt.value!r} field is blank")
    if binary := binary_detail(payload[:SAMPLE_BYTES]):
        return skipped(source, SkipReason.BINARY, binary)
    if not _encodable(payload, *(value.get(name) for name in _STRING_FIELDS)):
        return skipped(source, SkipReason.ENCODING, "a lone surrogate escape in a string field")
    raw_id = value.get("id")
    return RawDocument(source=source, payload=payload, format=fmt, url=value.get("url"),
                       published=value.get("published"), title=value.get("title"),
                       external_id=None if raw_id is None else str(raw_id))


def _has_text(value: dict[str, Any], key: str) -> bool:
    field = value.get(key)
    return isinstance(field, str) and bool(field.strip())


def _field_problem(value: dict[str, Any]) -> str | None:
    for name in _STRING_FIELDS:
        if not isinstance(value.get(name), str | None):
            return f"field {name!r} must be a string"
    raw_id = value.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | None):
        return "field 'id' must be a string or an integer"
    return None


def _encodable(*texts: object) -> bool:
    try:
        for text in texts:
            if isinstance(text, str):
                text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
