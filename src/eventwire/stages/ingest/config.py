"""Settings -> validated config: what to read (``IngestConfig``) and how to fetch (``FetchConfig``).

Also the closed list of things ingest passes over on purpose (``PassedOver``): inputs that are
not documents (a WARC request record) or that the caller already has (a feed item whose link
is known). They are counted in the ``Counter`` given to ``read_inputs``, never quarantined, so a
poll of a feed with no news, or a WARC file with its usual request and metadata records, is
a clean run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import ConfigError

USER_AGENT = "eventwire/0.1 (news event coder; respects robots.txt)"


class PassedOver(StrEnum):
    """Why an input was passed over without a document or a quarantine row."""

    KNOWN_URL = "known_url"                  # a feed item whose link skip_url says we have
    REPEATED_URL = "repeated_url"            # a feed item link already fetched in this call
    ITEM_WITHOUT_LINK = "item_without_link"  # a feed item with no link to fetch
    WARC_NOT_RESPONSE = "warc_not_response"  # request, metadata, warcinfo, revisit records
    WARC_NOT_OK = "warc_not_ok"              # a response whose HTTP status is not 2xx
    WARC_NOT_HTML = "warc_not_html"          # a response that is not HTML (images, PDFs...)


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchConfig:
    """How URLs are fetched: timeouts and deadlines in seconds, politeness, retries.

    A failed attempt (connection error, timeout, 429, 5xx) is retried ``retries`` times after
    ``backoff * 2**attempt`` seconds, or after the server's ``Retry-After`` when that is at most
    ``max_retry_after``; a longer ``Retry-After`` ends the retries at once. Two requests to one
    host are at least ``min_interval`` seconds apart (longer if robots.txt asks a Crawl-delay,
    up to ``max_retry_after``). ``deadline`` bounds one attempt, body included, so a server
    that drips bytes cannot hold the run.
    """

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 60.0
    min_interval: float = 1.0
    max_redirects: int = 5

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "deadline"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive, got {getattr(self, name)}")
        for name in ("retries", "backoff", "max_retry_after", "min_interval", "max_redirects"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative, got {getattr(self, name)}")
        if not self.user_agent.strip():
            raise ConfigError("user_agent must not be blank")


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestConfig:
    """How to read inputs.

    ``published`` dates every document that carries no date of its own; ``url`` names the one
    file or stdin document given; ``max_bytes`` caps any one document (file, line, WARC record,
    HTTP body after decompression); ``stdin`` is the stream ``-`` reads (default: the
    process's); ``url_list`` is a text file of URLs, one a line (blank lines and ``#``
    comments ignored), read after the paths; ``allow_private`` lets URLs reach private,
    loopback and link-local addresses (off: such URLs are BLOCKED); ``skip_url`` says which
    feed item links the caller already has (they are counted as KNOWN_URL, not fetched).
    """

    published: str | None = None
    url: str | None = None
    max_bytes: int = 10_000_000
    stdin: BinaryIO | None = None
    url_list: Path | None = None
    allow_private: bool = False
    skip_url: Callable[[str], bool] | None = None
    fetch: FetchConfig = field(default_factory=FetchConfig)

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
