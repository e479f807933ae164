"""URLs, URL lists and feeds -> RawDocument | Skipped: fetch, tell feeds from pages, read items.

A fetched body is a feed when it opens with an RSS, RDF or Atom root element, whatever type
it was served as; otherwise it is HTML or plain text by its media type (sniffed when none),
and XML that is neither a feed nor XHTML is CONTENT_TYPE. A document's ``source`` is the URL
as given, its ``url`` the final URL after redirects, ``fetched`` the day of the response.

Each feed item's link is fetched once per call and becomes a document with the item's title
and day published (``published`` from the config when the item has none). Items are passed
over, and counted, when ``skip_url`` knows the link (KNOWN_URL), when the link was fetched
earlier in the call (REPEATED_URL) or when there is none (ITEM_WITHOUT_LINK). An item link that
serves another feed is CONTENT_TYPE: feeds are not followed into feeds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest.config import IngestConfig, PassedOver
from eventwire.stages.ingest.decoding import decode, looks_like_feed, skipped, sniff_format
from eventwire.stages.ingest.feeds import FeedItem, parse_feed
from eventwire.stages.ingest.fetch import FEED_TYPES, Fetcher, Page
from eventwire.vocab import InputFormat, SkipReason

_TEXT_TYPES = frozenset({"text/plain"})


def is_url(name: str) -> bool:
    """Whether an input name is a URL to fetch rather than a path."""
    return name.lower().startswith(("http://", "https://"))


class WebReader:
    """Reads URLs and feeds for one ``read_inputs`` call; the HTTP client opens on first use."""

    def __init__(self, config: IngestConfig, passed: Counter[PassedOver]) -> None:
        self._config = config
        self._passed = passed
        self._fetcher: Fetcher | None = None
        self._fetched: set[str] = set()

    def __enter__(self) -> WebReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def read_url(self, url: str) -> Iterator[RawDocument | Skipped]:
        """The document at ``url``, or one per new item when it is a feed."""
        page = self._fetch(url)
        if isinstance(page, Skipped):
            yield page
        elif looks_like_feed(page.body):
            yield from self.read_feed(page.body, url, base=page.url, media_type=page.media_type)
        else:
            yield self._document(page, url, None)

    def read_url_list(self, path: Path) -> Iterator[RawDocument | Skipped]:
        """Every URL in a text file, one a line; blank lines and ``#`` comments are ignored."""
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            yield skipped(str(path), SkipReason.UNREADABLE, str(exc))
            return
        for number, line in enumerate(lines, 1):
            name = line.strip()
            if not name or name.startswith("#"):
                continue
            if is_url(name):
                yield from self.read_url(name)
            else:
                yield skipped(f"{path}:{number}", SkipReason.MALFORMED,
                              f"not an http(s) URL: {name[:80]}")

    def read_feed(self, data: bytes, source: str, *, base: str | None,
                  media_type: str) -> Iterator[RawDocument | Skipped]:
        """A document per new item of the feed in ``data``; a Skipped row if it is broken."""
        feed = parse_feed(data, base, media_type)
        if isinstance(feed, str):
            yield skipped(source, SkipReason.MALFORMED, feed)
            return
        if not feed.items and not feed.damage:
            yield skipped(source, SkipReason.EMPTY, "a feed with no items")
        for item in feed.items:
            yield from self._read_item(item)
        if feed.damage:
            yield skipped(source, SkipReason.MALFORMED, feed.damage)

    def _read_item(self, item: FeedItem) -> Iterator[RawDocument | Skipped]:
        if item.link is None:
            self._passed[PassedOver.ITEM_WITHOUT_LINK] += 1
        elif item.link in self._fetched:
            self._passed[PassedOver.REPEATED_URL] += 1
        elif self._config.skip_url is not None and self._config.skip_url(item.link):
            self._passed[PassedOver.KNOWN_URL] += 1
        else:
            page = self._fetch(item.link)
            if isinstance(page, Skipped):
                yield page
            elif looks_like_feed(page.body):
                yield skipped(item.link, SkipReason.CONTENT_TYPE, "a feed item that is a feed")
            else:
                yield self._document(page, item.link, item)

    def _fetch(self, url: str) -> Page | Skipped:
        if self._fetcher is None:
            self._fetcher = Fetcher(self._config.fetch, max_bytes=self._config.max_bytes,
                                    allow_private=self._config.allow_private)
        self._fetched.add(url)
        page = self._fetcher.fetch(url)
        if isinstance(page, Page):
            self._fetched.add(page.url)
        return page

    def _document(self, page: Page, source: str, item: FeedItem | None) -> RawDocument | Skipped:
        fmt = _format(page)
        if fmt is None:
            return skipped(source, SkipReason.CONTENT_TYPE,
                           f"{page.media_type} at {page.url} is neither a feed nor a page")
        text = decode(page.body, fmt, source, page.charset)
        if isinstance(text, Skipped):
            return text
        published = (item.published if item else None) or self._config.published
        return RawDocument(source=source, payload=text, format=fmt, url=page.url,
                           published=published, title=item.title if item else None,
                           fetched=page.fetched)


def _format(page: Page) -> InputFormat | None:
    if page.media_type in _TEXT_TYPES:
        return InputFormat.TEXT
    sniffed = sniff_format(page.body)
    if page.media_type in FEED_TYPES:
        return sniffed if sniffed is InputFormat.HTML else None
    return InputFormat.HTML if page.media_type else sniffed
