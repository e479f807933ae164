"""RawDocument -> Article | Skipped: the clean article text in typed blocks, with its metadata.

Blocks are title, standfirst, heading, body and caption.

HTML goes through trafilatura (``html.py``), pre-scraped plain text through the line splitter
(``plaintext.py``); both then go through one layout reader (``layout.py``) that drops page
furniture (``furniture.py``) and gives each kept paragraph its block kind. The article text is
the kept paragraphs joined by a blank line, and every block slices it exactly.

Metadata: the user's ``published`` wins over the page's date (htmldate's, through trafilatura),
which wins over a publication stamp left in a plain text, which wins over the day the page was
fetched (the ingest's last resort); each is normalised to ``YYYY-MM-DD``
and only a full date counts. The id is the start of the sha1 of the canonical URL (the user's,
else the page's) or, with no URL, of the clean text, so processing the input again gives it
the same id.

Nothing left, or nothing but a title that came from metadata, is NO_TEXT; a text that is only a
headline is an article with a title and no body (headlines alone are worth coding).

Language (``language.py``): py3langid on the clean text, an ISO 639-1 code. Every article
keeps its language and is returned whatever it is: the runner decides which stages run on it.

Credits (``agencies.py``): the news agencies named by credit lines, photo credits, the dateline
of the first paragraph, the byline and the sign-off sentences of the last paragraphs, each by
its canonical name (``Reuters``, ``AP``, ``AFP``), in that order, once each.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import parser as dateparser

from eventwire.records import Article, Block, RawDocument, Skipped
from eventwire.stages.extract.agencies import agencies_in, sign_off_agencies
from eventwire.stages.extract.html import read_page
from eventwire.stages.extract.language import LanguageConfig, identify_language
from eventwire.stages.extract.layout import Hints, Layout, read_layout
from eventwire.stages.extract.plaintext import split_lines
from eventwire.vocab import BlockKind, InputFormat, SkipReason, Stage

_SIGN_OFF_PARAGRAPHS = 3
_TRACKING_PARAMETERS = re.compile(r"utm_\w+|fbclid|gclid|mc_cid|mc_eid", re.IGNORECASE)
_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractConfig:
    """``favor_precision`` asks trafilatura to leave out doubtful parts of a page."""

    favor_precision: bool = False
    id_length: int = 16
    language: LanguageConfig = field(default_factory=LanguageConfig)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Metadata:
    url: str | None
    published: str | None
    outlet: str | None
    byline: str | None
    title: str | None


def extract(doc: RawDocument, config: ExtractConfig) -> Article | Skipped:
    """The clean article in ``doc``, or why there is none."""
    if doc.format is InputFormat.TEXT:
        layout = read_layout(split_lines(doc.payload), Hints(title=doc.title))
        metadata = _Metadata(url=doc.url,
                             published=_first_date(doc.published, layout.date, doc.fetched),
                             outlet=None, byline=layout.byline, title=doc.title)
        return _article(doc, layout, metadata, config)
    page = read_page(doc.payload, url=doc.url, favor_precision=config.favor_precision)
    if page is None:
        return _skipped(doc, SkipReason.NO_TEXT, "trafilatura found no main text in the HTML")
    title = doc.title or page.title
    layout = read_layout(page.lines, Hints(title=title, summary=page.description,
                                           guess_standfirst=False))
    metadata = _Metadata(url=doc.url or page.url,
                         published=_first_date(doc.published, page.date, layout.date,
                                               doc.fetched),
                         outlet=page.sitename, byline=page.author or layout.byline, title=title)
    return _article(doc, layout, metadata, config)


def _article(doc: RawDocument, layout: Layout, metadata: _Metadata,
             config: ExtractConfig) -> Article | Skipped:
    if all(text == metadata.title for _, text in layout.paragraphs):
        return _skipped(doc, SkipReason.NO_TEXT, "no article text left after removing furniture")
    text = "\n\n".join(paragraph for _, paragraph in layout.paragraphs)
    blocks = _blocks(layout)
    url = _canonical_url(metadata.url)
    digest = hashlib.sha1((url or text).encode("utf-8")).hexdigest()
    return Article(
        id=digest[:config.id_length], source=doc.source, text=text, blocks=blocks, url=url,
        outlet=metadata.outlet or _host(url), published=metadata.published,
        language=identify_language(text, config.language).code,
        title=_first_block(text, blocks, BlockKind.TITLE), byline=metadata.byline,
        standfirst=_first_block(text, blocks, BlockKind.STANDFIRST),
        credits=_agencies(layout, metadata.byline))


def _skipped(doc: RawDocument, reason: SkipReason, detail: str) -> Skipped:
    return Skipped(source=doc.source, stage=Stage.EXTRACT, reason=reason, detail=detail)


def _blocks(layout: Layout) -> tuple[Block, ...]:
    blocks, offset = [], 0
    for kind, paragraph in layout.paragraphs:
        blocks.append(Block(kind=kind, start=offset, end=offset + len(paragraph)))
        offset += len(paragraph) + 2
    return tuple(blocks)


def _first_block(text: str, blocks: tuple[Block, ...], kind: BlockKind) -> str | None:
    return next((text[b.start:b.end] for b in blocks if b.kind is kind), None)


def _agencies(layout: Layout, byline: str | None) -> tuple[str, ...]:
    """The agencies credited by the layout's credits, the byline and the closing sign-offs."""
    found = [agency for credit in (*layout.credits, byline or "")
             for agency in agencies_in(credit)]
    found += [agency for _, paragraph in layout.paragraphs[-_SIGN_OFF_PARAGRAPHS:]
              for agency in sign_off_agencies(paragraph)]
    return tuple(dict.fromkeys(found))


def _first_date(*candidates: str | None) -> str | None:
    """The first candidate that names a full calendar date, as ``YYYY-MM-DD``."""
    return next((day for value in candidates if value and (day := _full_date(value))), None)


def _full_date(value: str) -> str | None:
    if iso := _ISO_DATE.match(value):
        try:
            return date.fromisoformat(iso.group(1)).isoformat()
        except ValueError:
            return None
    try:
        first, second = (dateparser.parse(value, default=default, fuzzy=True, ignoretz=True)
                         for default in (datetime(2000, 1, 1), datetime(2001, 2, 2)))
    except (ValueError, OverflowError):
        return None
    return first.date().isoformat() if first.date() == second.date() else None


def _canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no fragment, no tracking parameters; other text as given."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if not parts.scheme or not parts.netloc:
        return url.strip()
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING_PARAMETERS.fullmatch(key)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       urlencode(query), ""))


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
