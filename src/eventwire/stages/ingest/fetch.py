"""A URL -> ``Page`` (final URL, body, media type) | ``Skipped``: httpx with a crawler's manners.

One ``Fetcher`` holds one ``httpx.Client`` for a whole ``read_inputs`` call. A fetch follows
redirects itself, hop by hop (at most ``max_redirects``; a URL seen twice is a loop), and on
every hop checks the URL (``guards``), the host's addresses (unless ``allow_private``) and the
host's robots.txt (fetched once per origin, through the same path), waits out the per-host
interval, then makes up to ``1 + retries`` attempts. Only HTML, plain text and feed XML (or
no declared type, sniffed later) are read; the body is read by ``body.read_body``.

The client ignores proxy environment variables (``trust_env=False``): a proxy would hide the
address actually connected to, which the address check reads from the connection.
"""

from __future__ import annotations

import email.utils
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from eventwire.records import Skipped
from eventwire.stages.ingest.body import ACCEPT_ENCODING, Failure, media_type, read_body
from eventwire.stages.ingest.config import FetchConfig
from eventwire.stages.ingest.decoding import skipped
from eventwire.stages.ingest.guards import (
    address_kind,
    host_problem,
    robot_rules,
    robots_url,
    url_problem,
)
from eventwire.vocab import SkipReason

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/xml", "text/xml"})
DOCUMENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ROBOTS_MAX_BYTES = 512_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """A fetched body: the final URL, the media type ("" if none) and the day it was fetched."""

    url: str
    body: bytes
    media_type: str
    charset: str | None
    fetched: str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Reply:
    url: str
    status: int
    location: str | None = None
    page: Page | None = None


class Fetcher:
    """Fetches URLs one at a time; close it (or use ``with``) to close the connections."""

    def __init__(self, config: FetchConfig, *, max_bytes: int, allow_private: bool) -> None:
        self._config = config
        self._max_bytes = max_bytes
        self._allow_private = allow_private
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
            follow_redirects=False, trust_env=False,
            headers={"User-Agent": config.user_agent, "Accept": _ACCEPT,
                     "Accept-Encoding": ACCEPT_ENCODING})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Page | Skipped:
        """The page at ``url`` after redirects, or a Skipped row whose source is ``url``."""
        reply = self._follow(url, self._max_bytes, document=True)
        if isinstance(reply, Failure):
            return skipped(url, reply.reason, reply.detail)
        if reply.page is None:
            phrase = httpx.codes.get_reason_phrase(reply.status)
            return skipped(url, SkipReason.HTTP_ERROR,
                           f"HTTP {reply.status} {phrase} at {reply.url}")
        return reply.page

    def _follow(self, url: str, limit: int, *, document: bool) -> _Reply | Failure:
        """The reply at the end of the redirects; a document fetch also obeys robots.txt and
        accepts only the media types of documents and feeds."""
        chain = [url]
        while True:
            if problem := self._refusal(chain[-1], document=document):
                return problem
            reply = self._with_retries(chain[-1], limit, document=document)
            if isinstance(reply, Failure) or reply.location is None:
                return reply
            target = urljoin(chain[-1], reply.location)
            if target in chain:
                return Failure(SkipReason.REDIRECT, "redirect loop: " + " -> ".join(
                    [*chain[chain.index(target):], target]))
            if len(chain) > self._config.max_redirects:
                return Failure(SkipReason.REDIRECT,
                               f"more than {self._config.max_redirects} redirects, last {target}")
            chain.append(target)

    def _refusal(self, url: str, *, document: bool) -> Failure | None:
        if problem := url_problem(url):
            return Failure(SkipReason.MALFORMED, f"{problem}: {url}")
        if not self._allow_private and (refused := host_problem(url)):
            return Failure(*refused)
        if document and not self._rules(url).can_fetch(self._config.user_agent, url):
            return Failure(SkipReason.ROBOTS, f"robots.txt of {urlsplit(url).netloc} "
                                              f"disallows {url}")
        return None

    def _rules(self, url: str) -> RobotFileParser:
        origin = robots_url(url)
        if origin not in self._robots:
            reply = self._follow(origin, _ROBOTS_MAX_BYTES, document=False)
            if isinstance(reply, Failure):
                self._robots[origin] = robot_rules(None, b"")
            else:
                self._robots[origin] = robot_rules(reply.status, reply.page.body
                                                   if reply.page else b"")
        return self._robots[origin]

    def _with_retries(self, url: str, limit: int, *, document: bool) -> _Reply | Failure:
        attempts = self._config.retries + 1
        for attempt in range(attempts):
            result = self._attempt(url, limit, document=document)
            if isinstance(result, _Reply) or not result.transient or attempt + 1 == attempts:
                break
            wait = self._config.backoff * 2**attempt
            if result.retry_after is not None:
                if result.retry_after > self._config.max_retry_after:
                    return Failure(result.reason, f"{result.detail}; Retry-After "
                                   f"{result.retry_after:g} s is over the "
                                   f"{self._config.max_retry_after:g}-s cap")
                wait = result.retry_after
            time.sleep(wait)
        if isinstance(result, Failure) and result.transient:
            return Failure(result.reason, f"{result.detail} ({attempts} attempts)")
        return result

    def _attempt(self, url: str, limit: int, *, document: bool) -> _Reply | Failure:
        host = urlsplit(url).netloc
        self._wait_turn(url, host)
        deadline = time.monotonic() + self._config.deadline
        try:
            with self._client.stream("GET", url) as response:
                if problem := self._peer_problem(response):
                    return problem
                return self._reply(response, limit, deadline, document=document)
        except httpx.TimeoutException as exc:
            return Failure(SkipReason.TIMEOUT, f"{type(exc).__name__} at {url}", transient=True)
        except httpx.TransportError as exc:
            return Failure(SkipReason.NETWORK, f"{type(exc).__name__} at {url}: {exc}",
                           transient=True)
        finally:
            self._last_request[host] = time.monotonic()

    def _reply(self, response: httpx.Response, limit: int, deadline: float, *,
               document: bool) -> _Reply | Failure:
        url, status = str(response.url), response.status_code
        if status in _REDIRECTS and "location" in response.headers:
            return _Reply(url=url, status=status, location=response.headers["location"])
        if status == httpx.codes.TOO_MANY_REQUESTS or status >= 500:
            return Failure(SkipReason.HTTP_ERROR, f"HTTP {status} {response.reason_phrase} "
                           f"at {url}", transient=True, retry_after=_retry_after(response))
        if not 200 <= status < 300:
            return _Reply(url=url, status=status)
        kind, charset = media_type(response.headers)
        if document and kind and kind not in DOCUMENT_TYPES | FEED_TYPES:
            return Failure(SkipReason.CONTENT_TYPE,
                           f"{kind} at {url} is not HTML, plain text or a feed")
        body = read_body(response, limit, deadline)
        if isinstance(body, Failure):
            return body
        page = Page(url=url, body=body, media_type=kind, charset=charset,
                    fetched=_day(response.headers.get("date")))
        return _Reply(url=url, status=status, page=page)

    def _peer_problem(self, response: httpx.Response) -> Failure | None:
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if self._allow_private or not peer or not (kind := address_kind(str(peer[0]))):
            return None
        return Failure(SkipReason.BLOCKED, f"connected to {peer[0]}, a {kind} address")

    def _wait_turn(self, url: str, host: str) -> None:
        """Sleep until ``min_interval`` (or the host's Crawl-delay) has passed since the last
        request to ``host`` ended."""
        interval = self._config.min_interval
        rules = self._robots.get(robots_url(url))
        delay = rules.crawl_delay(self._config.user_agent) if rules else None
        if delay is not None:
            interval = max(interval, min(float(delay), self._config.max_retry_after))
        wait = self._last_request.get(host, -math.inf) + interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _day(header: str | None) -> str:
    """The ISO day of an HTTP Date header, else today (UTC)."""
    try:
        return email.utils.parsedate_to_datetime(header or "").date().isoformat()
    except (TypeError, ValueError):
        return datetime.now(UTC).date().isoformat()
