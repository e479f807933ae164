"""Feed bytes -> ``Feed`` (items: link, title, day published) | why it is no feed: feedparser.

feedparser reads RSS 0.9x/1.0/2.0 and Atom, resolves relative links against the feed's URL
and recovers what it can from broken XML. A feed whose XML breaks part-way keeps the items
read before the break and says where it broke (``Feed.damage``), so the caller can process
them and quarantine the rest with one row. Bytes that are not a feed at all are a problem
string. feedparser is only ever given bytes, never a URL, so it does no fetching of its own.

An item's date is the calendar day the publisher wrote: ``Fri, 27 Aug 2021 23:30 -0500`` is
2021-08-27. feedparser's parsed dates are converted to UTC (here 2021-08-28), so the raw
string is read first (RFC 822 through ``email.utils``, ISO 8601 through ``datetime``), and
feedparser's date is the fallback for the formats only it knows.
"""

from __future__ import annotations

import email.utils
import time
import xml.sax
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]

_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem:
    link: str | None
    title: str | None
    published: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    items: tuple[FeedItem, ...]
    damage: str | None = None


def parse_feed(data: bytes, url: str | None, media_type: str) -> Feed | str:
    """The feed in ``data`` (fetched from ``url``, served as ``media_type``), or why not."""
    headers = {"content-type": media_type or "application/xml"}
    if url:
        headers["content-location"] = url
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False)
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(error, _HARMLESS):
        error = None
    if not parsed.get("version"):
        return "not an RSS or Atom feed" + (f": {_describe(error)}" if error else "")
    items = tuple(_item(entry) for entry in parsed.entries)
    if error is None:
        return Feed(items=items)
    return Feed(items=items, damage=f"XML broken at {_describe(error)}; {len(items)} items "
                                    "read before it")


def _item(entry: Any) -> FeedItem:
    link, title = entry.get("link"), entry.get("title")
    return FeedItem(link=link.strip() if isinstance(link, str) and link.strip() else None,
                    title=title.strip() if isinstance(title, str) and title.strip() else None,
                    published=_day(entry))


def _day(entry: Any) -> str | None:
    for key in ("published", "updated"):
        raw = entry.get(key)
        if isinstance(raw, str) and (day := _written_day(raw.strip())):
            return day.isoformat()
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return date(*parsed[:3]).isoformat()
    return None


def _written_day(raw: str) -> date | None:
    try:
        return email.utils.parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw).date()
    except ValueError:
        return None


def _describe(error: Exception) -> str:
    if isinstance(error, xml.sax.SAXParseException):
        return (f"line {error.getLineNumber()}, column {error.getColumnNumber()}: "
                f"{error.getMessage()}")
    return f"{type(error).__name__}: {error}"
