"""Fetching URLs: every failure mode against a real server on 127.0.0.1 ends as one Skipped row
with input, stage, reason and a one-line detail, and the good page in the same call is read."""

from __future__ import annotations

import dataclasses
import gzip
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import ConfigError
from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest import FetchConfig, IngestConfig, read_inputs
from eventwire.stages.ingest.guards import address_kind, host_problem
from eventwire.vocab import InputFormat, SkipReason, Stage
from fixtures.ingest.server import Hit, LocalSite, Reply

ARTICLE = (b"<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
           b"<p>Negotiators met in Doha on Monday, officials said.</p></article></body></html>")
HTML = {"Content-Type": "text/html; charset=utf-8"}
FAST = FetchConfig(connect_timeout=1.0, read_timeout=0.5, deadline=1.0, retries=2, backoff=0.01,
                   max_retry_after=0.5, min_interval=0.0, max_redirects=3)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    server = LocalSite().start()
    server.routes["/article"] = Reply(body=ARTICLE, headers=HTML)
    server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n",
                                         headers={"Content-Type": "text/plain"})
    yield server
    server.stop()


def fetch(urls: list[str], **options: Any) -> list[RawDocument | Skipped]:
    config = IngestConfig(allow_private=True, max_bytes=20_000, fetch=FAST)
    return list(read_inputs(urls, dataclasses.replace(config, **options)))


def test_a_page_is_read_with_its_final_url_and_fetch_day(site: LocalSite) -> None:
    site.routes["/old"] = Reply(status=301, headers={"Location": "/article"})

    [doc] = fetch([site.url("/old")], published="2021-08-26")

    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.url, doc.format) == (
        site.url("/old"), site.url("/article"), InputFormat.HTML)
    assert doc.payload == ARTICLE.decode() and doc.published == "2021-08-26"
    assert doc.fetched and len(doc.fetched) == 10


def test_text_pages_and_charsets_from_the_header(site: LocalSite) -> None:
    site.routes["/plain"] = Reply(body="Café talks.".encode("latin-1"),
                                  headers={"Content-Type": "text/plain; charset=iso-8859-1"})

    [doc] = fetch([site.url("/plain")])

    assert isinstance(doc, RawDocument)
    assert (doc.format, doc.payload) == (InputFormat.TEXT, "Café talks.")


def test_a_gzip_page_is_decoded(site: LocalSite) -> None:
    site.routes["/zipped"] = Reply(body=gzip.compress(ARTICLE),
                                   headers={**HTML, "Content-Encoding": "gzip"})

    [doc] = fetch([site.url("/zipped")])

    assert isinstance(doc, RawDocument) and doc.payload == ARTICLE.decode()


def test_a_transient_error_is_retried(site: LocalSite) -> None:
    site.routes["/flaky"] = lambda hit: (Reply(status=503) if hit.count < 3
                                         else Reply(body=ARTICLE, headers=HTML))

    [doc] = fetch([site.url("/flaky")])

    assert isinstance(doc, RawDocument) and site.hits["/flaky"] == 3


def test_retry_after_is_honoured(site: LocalSite) -> None:
    site.routes["/busy"] = lambda hit: (Reply(status=429, headers={"Retry-After": "0"})
                                        if hit.count == 1 else Reply(body=ARTICLE, headers=HTML))

    [doc] = fetch([site.url("/busy")])

    assert isinstance(doc, RawDocument) and site.hits["/busy"] == 2


def test_requests_to_one_host_keep_the_minimum_interval(site: LocalSite) -> None:
    site.routes["/second"] = Reply(body=ARTICLE, headers=HTML)
    config = dataclasses.replace(FAST, min_interval=0.25)

    docs = fetch([site.url("/article"), site.url("/second")], fetch=config)

    assert all(isinstance(doc, RawDocument) for doc in docs)
    times = [when for when, path in site.log if path in ("/article", "/second")]
    assert times[1] - times[0] >= 0.24


def test_the_crawl_delay_of_robots_txt_is_kept_up_to_the_cap(site: LocalSite) -> None:
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nCrawl-delay: 1\n")
    site.routes["/second"] = Reply(body=ARTICLE, headers=HTML)

    fetch([site.url("/article"), site.url("/second")])

    times = [when for when, path in site.log if path in ("/article", "/second")]
    assert 0.49 <= times[1] - times[0] < 0.9


def _drip(site: LocalSite) -> str:
    site.routes["/drip"] = Reply(body=ARTICLE, headers=HTML, drip=0.05, length=False)
    return "/drip"


def _route(path: str, reply: Reply | Callable[[Hit], Reply]) -> Callable[[LocalSite], str]:
    def add(site: LocalSite) -> str:
        site.routes[path] = reply
        return path
    return add


def _loop(site: LocalSite) -> str:
    site.routes["/loop"] = Reply(status=302, headers={"Location": "/loop2"})
    site.routes["/loop2"] = Reply(status=302, headers={"Location": site.url("/loop")})
    return "/loop"


def _hops(site: LocalSite) -> str:
    for n in range(1, 6):
        site.routes[f"/hop/{n}"] = Reply(status=302, headers={"Location": f"/hop/{n - 1}"})
    site.routes["/hop/0"] = Reply(body=ARTICLE, headers=HTML)
    return "/hop/5"


BOMB = gzip.compress(b"<p>" + b"a" * 5_000_000)
FAILURES: dict[str, tuple[Callable[[LocalSite], str], SkipReason, str]] = {
    "timeout": (_route("/slow", Reply(body=ARTICLE, delay=1.5)), SkipReason.TIMEOUT,
                "ReadTimeout"),
    "deadline": (_drip, SkipReason.TIMEOUT, "deadline"),
    "404": (_route("/gone", Reply(status=404)), SkipReason.HTTP_ERROR, "HTTP 404 Not Found"),
    "5xx exhausted": (_route("/down", Reply(status=503)), SkipReason.HTTP_ERROR,
                      "HTTP 503 Service Unavailable at"),
    "long Retry-After": (_route("/later", Reply(status=503, headers={"Retry-After": "3600"})),
                         SkipReason.HTTP_ERROR, "over the 0.5-s cap"),
    "redirect loop": (_loop, SkipReason.REDIRECT, "redirect loop"),
    "too many redirects": (_hops, SkipReason.REDIRECT, "more than 3 redirects"),
    "redirect off the web": (_route("/away", Reply(status=302,
                                                   headers={"Location": "file:///etc/passwd"})),
                             SkipReason.MALFORMED, "scheme 'file'"),
    "wrong content type": (_route("/photo", Reply(body=b"\x89PNG", headers={
        "Content-Type": "image/png"})), SkipReason.CONTENT_TYPE, "image/png"),
    "xml that is no feed": (_route("/data.xml", Reply(body=b"<?xml version='1.0'?><data/>",
                                                      headers={"Content-Type": "text/xml"})),
                            SkipReason.CONTENT_TYPE, "neither a feed nor a page"),
    "declared over-size": (_route("/big", Reply(body=b"x" * 30_000)), SkipReason.TOO_LARGE,
                           "Content-Length 30,000"),
    "streamed over-size": (_route("/stream", Reply(body=b"x" * 30_000, length=False)),
                           SkipReason.TOO_LARGE, "body over the 20,000-byte limit"),
    "gzip bomb": (_route("/bomb", Reply(body=BOMB, headers={**HTML, "Content-Encoding": "gzip"})),
                  SkipReason.TOO_LARGE, "decoded from gzip over the 20,000-byte limit"),
    "unknown encoding": (_route("/br", Reply(body=b"??", headers={"Content-Encoding": "br"})),
                         SkipReason.MALFORMED, "Content-Encoding 'br'"),
    "invalid encoding": (_route("/latin", Reply(body="<p>Café</p>".encode("latin-1"))),
                         SkipReason.ENCODING, "byte 0xe9"),
    "empty page": (_route("/empty", Reply(body=b"")), SkipReason.EMPTY, "no text"),
    "binary page": (_route("/bin", Reply(body=b"\x00\x01\x02" * 50)), SkipReason.BINARY, "NUL"),
    "robots.txt disallow": (_route("/private/page", Reply(body=ARTICLE)), SkipReason.ROBOTS,
                            "disallows"),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_a_failure_is_one_skipped_row_and_the_next_page_is_read(
        site: LocalSite, case: str) -> None:
    add, reason, detail = FAILURES[case]
    bad_url = site.url(add(site))

    bad, good = fetch([bad_url, site.url("/article")])

    assert isinstance(bad, Skipped), bad
    assert (bad.source, bad.stage, bad.reason) == (bad_url, Stage.INGEST, reason)
    assert detail in bad.detail and "\n" not in bad.detail
    assert isinstance(good, RawDocument) and good.url == site.url("/article")


def test_robots_txt_is_read_once_per_host(site: LocalSite) -> None:
    site.routes["/second"] = Reply(body=ARTICLE, headers=HTML)

    fetch([site.url("/article"), site.url("/second"), site.url("/private/x")])

    assert site.hits["/robots.txt"] == 1 and site.hits["/private/x"] == 0


def test_robots_txt_that_fails_disallows_the_host(site: LocalSite) -> None:
    site.routes["/robots.txt"] = Reply(status=500)

    [skipped] = fetch([site.url("/article")])

    assert isinstance(skipped, Skipped) and skipped.reason is SkipReason.ROBOTS
    assert site.hits["/article"] == 0


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_private_addresses_are_refused_without_the_opt_in(site: LocalSite, host: str) -> None:
    url = site.url("/article", host)

    [skipped] = fetch([url], allow_private=False)

    assert isinstance(skipped, Skipped)
    assert (skipped.source, skipped.reason) == (url, SkipReason.BLOCKED)
    assert "loopback" in skipped.detail and sum(site.hits.values()) == 0


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("192.168.0.10", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.251", "multicast"), ("240.0.0.1", "reserved"), ("0.0.0.0", "unspecified"),
    ("100.64.0.1", "non-global"), ("::ffff:127.0.0.1", "loopback"), ("93.184.216.34", None),
    ("2606:4700::1111", None),
])
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(address) == kind


def test_a_host_that_does_not_resolve_is_named() -> None:
    reason, detail = host_problem("http://no-such-host.invalid/") or (None, "")

    assert reason is SkipReason.NETWORK
    assert detail.startswith("cannot resolve no-such-host.invalid")


def test_a_url_list_is_read_after_the_paths(site: LocalSite, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# morning run\n{site.url('/article')}\n\nnot a url\n", encoding="utf-8")

    doc, bad = fetch([], url_list=urls)

    assert isinstance(doc, RawDocument) and doc.source == site.url("/article")
    assert isinstance(bad, Skipped)
    assert (bad.source, bad.reason) == (f"{urls}:4", SkipReason.MALFORMED)


def test_a_url_with_a_url_option_is_a_configuration_error(site: LocalSite) -> None:
    with pytest.raises(ConfigError):
        fetch([site.url("/article")], url="https://example.org/a")


@pytest.mark.parametrize("options", [{"read_timeout": 0}, {"retries": -1}, {"user_agent": " "}])
def test_fetch_settings_are_checked(options: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        FetchConfig(**options)  # type: ignore[arg-type]
