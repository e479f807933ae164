"""HTML -> Page: the main text as Lines plus the page metadata (trafilatura lives only here).

trafilatura finds the main text and the metadata: title, author, date (through htmldate), site
name, canonical URL and description. This module only maps its element tree to lines: ``head``
elements are heading hints, each list item is a line hinted as body (an item is text even when
short and unpunctuated), and tables, images and comments are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura
from trafilatura.settings import Document

from eventwire.stages.extract.layout import Line
from eventwire.vocab import BlockKind

_SKIPPED_TAGS = frozenset({"table", "graphic", "image", "ref"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """What trafilatura read from one HTML page."""

    lines: tuple[Line, ...]
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    url: str | None
    description: str | None


def read_page(html: str, *, url: str | None, favor_precision: bool) -> Page | None:
    """The main text and metadata of ``html``, or None when trafilatura finds no main text."""
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=favor_precision)
    if not isinstance(document, Document) or document.body is None:
        return None
    return Page(lines=tuple(_lines(document.body)), title=_clean(document.title),
                author=_clean(document.author), date=_clean(document.date),
                sitename=_clean(document.sitename), url=_clean(document.url),
                description=_clean(document.description))


def _lines(body: Any) -> Iterator[Line]:
    for element in body:
        if element.tag in _SKIPPED_TAGS:
            continue
        if element.tag == "list":
            yield from (Line(text, BlockKind.BODY) for item in element.findall("item")
                        if (text := _text(item)))
        elif text := _text(element):
            yield Line(text, BlockKind.HEADING if element.tag == "head" else None)


def _text(element: Any) -> str:
    """The element's text on one line; a line break inside it becomes a space."""
    for lb in element.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return " ".join("".join(element.itertext()).split())


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
