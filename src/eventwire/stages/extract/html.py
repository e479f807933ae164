"""HTML -> Page: the main text as Lines plus the page metadata (trafilatura lives only here).

trafilatura finds the main text and the metadata: title, author, date (through htmldate), site
name, canonical URL and description. This module maps its element tree to lines: ``head``
elements are heading hints, each list item is a line hinted as body (an item is text even when
short and unpunctuated), each table cell is a line left for the layout to judge (a page laid out
in a table keeps its paragraphs, a data table's short cells go as fragments); images and
comments are left out. Tables are asked for even so: without them trafilatura falls back to a
cruder extractor on pages whose text sits in a table. Two metadata fixes: a title's trailing
`` - Site name`` goes when it names the page's site, and an author's ``By``/``Posted by``
label goes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura
from trafilatura.settings import Document

from eventwire.stages.extract.layout import Line
from eventwire.vocab import BlockKind

_SKIPPED_TAGS = frozenset({"graphic", "image", "ref"})
_AUTHOR_LABEL = re.compile(r"^(?:(?:view|see) (?:all )?(?:posts|articles|stories) by|posted by"
                           r"|written by|words by|by)\s+", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table"})


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
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, favor_precision=favor_precision)
    if not isinstance(document, Document) or document.body is None:
        return None
    sitename = _clean(document.sitename)
    return Page(lines=tuple(_lines(document.body)),
                title=_without_site(_clean(document.title), sitename),
                author=_AUTHOR_LABEL.sub("", _clean(document.author) or "") or None,
                date=_clean(document.date), sitename=sitename, url=_clean(document.url),
                description=_clean(document.description))


def _lines(body: Any) -> Iterator[Line]:
    for element in body:
        if element.tag in _SKIPPED_TAGS:
            continue
        if element.tag == "list":
            yield from (Line(text, BlockKind.BODY) for item in element.findall("item")
                        if (text := _text(item)))
        elif element.tag == "table":
            yield from _cells(element)
        elif text := _text(element):
            yield Line(text, BlockKind.HEADING if element.tag == "head" else None)


def _cells(table: Any) -> Iterator[Line]:
    """A table's cells in order: a cell holding paragraphs (a page laid out in a table) gives
    its lines, any other cell one line, left for the layout to judge."""
    for cell in table.iter("cell"):
        if cell.find(".//cell") is not None:
            continue
        if any(child.tag in _BLOCK_TAGS for child in cell):
            yield from _lines(cell)
        elif text := _text(cell):
            yield Line(text)


def _text(element: Any) -> str:
    """The element's text on one line; a line break inside it becomes a space."""
    for lb in element.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return " ".join("".join(element.itertext()).split())


def _without_site(title: str | None, sitename: str | None) -> str | None:
    """The title without a trailing `` - Site name`` or `` | Site name`` that names the site."""
    parts = _TITLE_SEPARATOR.split(title or "")
    if not title or not sitename or len(parts) < 2:
        return title
    site = sitename.casefold()
    for cut in range(1, len(parts)):
        tail = " ".join(parts[cut:]).casefold()
        if (site in tail or tail in site) and len(parts[0].split()) >= 2:
            return " ".join(" ".join(parts[:cut]).split()) or title
    return title


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
