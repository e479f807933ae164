"""An httpx response -> its body bytes, within a size cap, a decoded-size cap and a deadline.

Decompression is done here, not by httpx, on purpose: httpx inflates each network chunk in one
call with no limit on the output, so one 64 KiB chunk of a gzip bomb is some 64 MB in memory
before anyone can count it. Here the raw bytes go through zlib with ``max_length``, so no more
than ``limit + 1`` decoded bytes ever exist. gzip and deflate are the encodings asked for
(``ACCEPT_ENCODING``); a response in any other encoding is MALFORMED.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from email.message import Message

import httpx

from eventwire.vocab import SkipReason

ACCEPT_ENCODING = "gzip, deflate"
_ENCODINGS = frozenset({"gzip", "x-gzip", "deflate"})
_IDENTITY = frozenset({"", "identity"})
_ANY_ZLIB_HEADER = zlib.MAX_WBITS | 32


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a fetch failed; ``transient`` failures are retried, after ``retry_after`` if set."""

    reason: SkipReason
    detail: str
    transient: bool = False
    retry_after: float | None = None


def media_type(headers: httpx.Headers) -> tuple[str, str | None]:
    """The media type (lower case, "" when not given) and charset of a Content-Type header."""
    value = headers.get("content-type")
    if not value:
        return "", None
    message = Message()
    message["content-type"] = value
    return message.get_content_type(), message.get_content_charset()


def read_body(response: httpx.Response, limit: int, deadline: float) -> bytes | Failure:
    """The decoded body, or why it was not read to the end (``deadline`` is a monotonic time)."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in _ENCODINGS | _IDENTITY:
        return Failure(SkipReason.MALFORMED, f"unsupported Content-Encoding {encoding!r}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return Failure(SkipReason.TOO_LARGE,
                       f"Content-Length {int(declared):,} is over the {limit:,}-byte limit")
    inflater = _Inflater() if encoding in _ENCODINGS else None
    body, wire = bytearray(), 0
    try:
        for chunk in response.iter_raw():
            wire += len(chunk)
            body += inflater.inflate(chunk, limit + 1 - len(body)) if inflater else chunk
            if len(body) > limit or wire > limit:
                what = f"body decoded from {encoding}" if inflater else "body"
                return Failure(SkipReason.TOO_LARGE, f"{what} over the {limit:,}-byte limit")
            if time.monotonic() > deadline:
                return Failure(SkipReason.TIMEOUT, f"body incomplete at the deadline ({wire:,} "
                                                   "bytes read)")
    except zlib.error as exc:
        return Failure(SkipReason.MALFORMED, f"corrupt {encoding} body: {exc}")
    if inflater and not inflater.complete:
        return Failure(SkipReason.MALFORMED, f"truncated {encoding} body")
    return bytes(body)


class _Inflater:
    """gzip or zlib data, member after member, inflated at most ``room`` bytes at a time."""

    def __init__(self) -> None:
        self._zlib = zlib.decompressobj(_ANY_ZLIB_HEADER)

    @property
    def complete(self) -> bool:
        return self._zlib.eof

    def inflate(self, data: bytes, room: int) -> bytes:
        out = self._zlib.decompress(data, room)
        while self._zlib.eof and self._zlib.unused_data and len(out) < room:
            rest = self._zlib.unused_data
            self._zlib = zlib.decompressobj(_ANY_ZLIB_HEADER)
            out += self._zlib.decompress(rest, room - len(out))
        return out
