"""RawDocument -> Article | Skipped: the clean article text in typed blocks, with its metadata.

Blocks are title, standfirst, heading, body and caption.

HTML goes through trafilatura (``html.py``), pre-scraped plain text through the line splitter
(``plaintext.py``); both then go through one layout reader (``layout.py``) that drops page
furniture (``furniture.py``) and gives each kept paragraph its block kind. The article text is
the kept paragraphs joined by a blank line, and every block slices it exactly.

Metadata: the user's ``published`` wins over the page's date (htmldate's, through trafilatura),
which wins over a publication stamp left in a plain text; each is normalised to ``YYYY-MM-DD``
and only a full date counts. The id is the start of the sha1 of the canonical URL (the user's,
else the page's) or, with no URL, of the clean text, so processing the input again gives it
the same id.

Nothing left, or nothing but a title that came from metadata, is NO_TEXT; a text that is only a
headline is an article with a title and no body (headlines alone are worth coding).

Language (a cheap heuristic, no model): English function words (the, of, and, to, ...) make up
about a third of the words of English news and a few percent at most of other languages'
text. A text of at least 25 words where they are under 8%, or whose letters are mostly not
Latin, is judged not English: Skipped NOT_ENGLISH, or language ``und`` when
``require_english`` is off. Every other text, short ones included, is ``en``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import parser as dateparser

from eventwire.records import Article, Block, RawDocument, Skipped
from eventwire.stages.extract.html import read_page
from eventwire.stages.extract.layout import Hints, Layout, read_layout
from eventwire.stages.extract.plaintext import split_lines
from eventwire.vocab import BlockKind, InputFormat, SkipReason, Stage

_ENGLISH = frozenset({
    "the", "of", "and", "to", "that", "for", "with", "was", "is", "by", "from", "are", "this",
    "have", "has", "were", "which", "it", "be", "his", "her", "they", "their", "he", "she", "its",
    "will", "would", "said", "been", "who", "an", "at", "on", "not", "but", "or", "as", "had"})
_MIN_WORDS_JUDGED = 25
_MIN_ENGLISH_SHARE = 0.08
_MIN_LETTERS_JUDGED = 50
_TRACKING_PARAMETERS = re.compile(r"utm_\w+|fbclid|gclid|mc_cid|mc_eid", re.IGNORECASE)
_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractConfig:
    """``favor_precision`` asks trafilatura to leave out doubtful parts of a page."""

    require_english: bool = True
    favor_precision: bool = False
    id_length: int = 16


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
        metadata = _Metadata(url=doc.url, published=_first_date(doc.published, layout.date),
                             outlet=None, byline=layout.byline, title=doc.title)
        return _article(doc, layout, metadata, config)
    page = read_page(doc.payload, url=doc.url, favor_precision=config.favor_precision)
    if page is None:
        return _skipped(doc, SkipReason.NO_TEXT, "trafilatura found no main text in the HTML")
    title = doc.title or page.title
    layout = read_layout(page.lines, Hints(title=title, summary=page.description,
                                           guess_standfirst=False))
    metadata = _Metadata(url=doc.url or page.url,
                         published=_first_date(doc.published, page.date, layout.date),
                         outlet=page.sitename, byline=page.author or layout.byline, title=title)
    return _article(doc, layout, metadata, config)


def _article(doc: RawDocument, layout: Layout, metadata: _Metadata,
             config: ExtractConfig) -> Article | Skipped:
    if all(text == metadata.title for _, text in layout.paragraphs):
        return _skipped(doc, SkipReason.NO_TEXT, "no article text left after removing furniture")
    text = "\n\n".join(paragraph for _, paragraph in layout.paragraphs)
    blocks = _blocks(layout)
    language, problem = _language(text)
    if problem and config.require_english:
        return _skipped(doc, SkipReason.NOT_ENGLISH, problem)
    url = _canonical_url(metadata.url)
    digest = hashlib.sha1((url or text).encode("utf-8")).hexdigest()
    return Article(
        id=digest[:config.id_length], source=doc.source, text=text, blocks=blocks, url=url,
        outlet=metadata.outlet or _host(url), published=metadata.published, language=language,
        title=_first_block(text, blocks, BlockKind.TITLE), byline=metadata.byline,
        standfirst=_first_block(text, blocks, BlockKind.STANDFIRST), credits=layout.credits)


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


def _language(text: str) -> tuple[str, str | None]:
    """``en`` or ``und``, and why the text is judged not English (None for English)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    letters = sum(len(word) for word in words)
    latin = sum(1 for word in words for ch in word if ch <= "\u024f")
    if letters >= _MIN_LETTERS_JUDGED and latin < letters / 2:
        return "und", f"only {latin / letters:.0%} of {letters} letters are Latin"
    share = sum(word in _ENGLISH for word in words) / max(len(words), 1)
    if len(words) >= _MIN_WORDS_JUDGED and share < _MIN_ENGLISH_SHARE:
        return "und", f"English function words are {share:.1%} of {len(words)} words"
    return "en", None


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
