"""RSS and Atom feeds: each new item's link is fetched once and carries the item's title and day;
known links are counted, not fetched; a broken feed keeps its readable items and says where."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest import FetchConfig, IngestConfig, PassedOver, read_inputs
from eventwire.vocab import SkipReason, Stage
from fixtures.ingest.server import LocalSite, Reply

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
FAST = FetchConfig(read_timeout=0.5, retries=0, min_interval=0.0)
RSS = {"Content-Type": "application/rss+xml"}


def story(number: int) -> Reply:
    return Reply(body=f"<html><body><h1>Story {number}</h1><p>Body {number}.</p></body></html>"
                 .encode(), headers={"Content-Type": "text/html; charset=utf-8"})


@pytest.fixture
def site() -> Iterator[LocalSite]:
    server = LocalSite().start()
    for number in (1, 2, 3):
        server.routes[f"/story/{number}"] = story(number)
    server.routes["/story/2?utm_source=rss"] = story(2)
    yield server
    server.stop()


def feed_text(site: LocalSite, name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", site.url(""))


def read(inputs: list[str], passed: Counter[PassedOver] | None = None,
         **options: Any) -> list[RawDocument | Skipped]:
    config = IngestConfig(allow_private=True, fetch=FAST, **options)
    return list(read_inputs(inputs, config, passed))


def test_rss_items_become_documents_with_their_title_and_day(site: LocalSite) -> None:
    site.routes["/feed"] = Reply(body=feed_text(site, "news.rss").encode(), headers=RSS)
    passed: Counter[PassedOver] = Counter()

    first, second = read([site.url("/feed")], passed)

    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.source, first.url, first.title, first.published) == (
        site.url("/story/1"), site.url("/story/1"), "Ceasefire talks resume in Doha",
        "2021-08-26")
    assert (second.title, second.published) == ("Late-night vote & protests in Lima",
                                                "2021-08-27")
    assert "Story 2" in second.payload
    assert passed == {PassedOver.ITEM_WITHOUT_LINK: 1, PassedOver.REPEATED_URL: 1}
    assert site.hits["/story/1"] == 1


def test_polling_again_fetches_only_new_items(site: LocalSite) -> None:
    site.routes["/feed"] = Reply(body=feed_text(site, "news.rss").encode(), headers=RSS)
    known = {doc.source for doc in read([site.url("/feed")]) if isinstance(doc, RawDocument)}
    newer = feed_text(site, "news.rss").replace(
        "<item>", f"<item><title>New</title><link>{site.url('/story/3')}</link></item><item>", 1)
    site.routes["/feed"] = Reply(body=newer.encode(), headers=RSS)
    passed: Counter[PassedOver] = Counter()

    [new] = read([site.url("/feed")], passed, skip_url=known.__contains__)

    assert isinstance(new, RawDocument) and new.source == site.url("/story/3")
    assert passed == {PassedOver.KNOWN_URL: 3, PassedOver.ITEM_WITHOUT_LINK: 1}
    assert (site.hits["/story/1"], site.hits["/story/3"]) == (1, 1)


def test_atom_links_resolve_against_the_feed_and_keep_the_local_day(site: LocalSite) -> None:
    site.routes["/atom"] = Reply(body=feed_text(site, "news.atom").encode(),
                                 headers={"Content-Type": "application/atom+xml"})

    [doc] = read([site.url("/atom")])

    assert isinstance(doc, RawDocument)
    assert (doc.url, doc.title, doc.published) == (
        site.url("/story/3"), "Border crossing reopens", "2021-08-28")


def test_a_feed_file_is_read_like_a_feed_url(site: LocalSite, tmp_path: Path) -> None:
    path = tmp_path / "saved.rss"
    path.write_text(feed_text(site, "news.rss"), encoding="utf-8")

    docs = read([str(path)], published="2020-01-01")

    assert [doc.source for doc in docs] == [site.url("/story/1"),
                                            site.url("/story/2?utm_source=rss")]


def test_a_feed_served_as_html_is_still_a_feed(site: LocalSite) -> None:
    site.routes["/feed"] = Reply(body=feed_text(site, "news.rss").encode())

    assert len(read([site.url("/feed")])) == 2


def test_items_without_a_date_take_the_configured_one(site: LocalSite) -> None:
    body = f"<rss version='2.0'><channel><item><link>{site.url('/story/3')}</link></item>" \
           "</channel></rss>"
    site.routes["/feed"] = Reply(body=body.encode(), headers=RSS)

    [doc] = read([site.url("/feed")], published="2021-09-01")

    assert isinstance(doc, RawDocument) and (doc.published, doc.title) == ("2021-09-01", None)


def test_a_truncated_feed_keeps_the_items_before_the_break(site: LocalSite) -> None:
    text = feed_text(site, "news.rss")
    site.routes["/feed"] = Reply(body=text[:text.index("<item>", text.index("story/2"))].encode(),
                                 headers=RSS)

    *docs, broken = read([site.url("/feed")])

    assert [doc.source for doc in docs] == [site.url("/story/1"),
                                            site.url("/story/2?utm_source=rss")]
    assert isinstance(broken, Skipped)
    assert (broken.source, broken.stage, broken.reason) == (
        site.url("/feed"), Stage.INGEST, SkipReason.MALFORMED)
    assert "XML broken at line" in broken.detail and "2 items read" in broken.detail


@pytest.mark.parametrize(("content", "reason", "detail"), [
    ("<?xml version='1.0'?><catalog><book/></catalog>", SkipReason.MALFORMED,
     "not an RSS or Atom feed"),
    ("{\"version\": \"https://jsonfeed.org/version/1\"}", SkipReason.MALFORMED,
     "not an RSS or Atom feed"),
    ("<rss version='2.0'><channel><title>Quiet</title></channel></rss>", SkipReason.EMPTY,
     "no items"),
])
def test_a_feed_file_that_is_no_usable_feed_is_one_row_and_the_next_file_is_read(
        tmp_path: Path, content: str, reason: SkipReason, detail: str) -> None:
    path, good = tmp_path / "feed.xml", tmp_path / "good.txt"
    path.write_text(content, encoding="utf-8")
    good.write_text("Troops crossed the border.", encoding="utf-8")

    skipped, doc = read([str(path), str(good)])

    assert isinstance(skipped, Skipped) and isinstance(doc, RawDocument)
    assert (skipped.source, skipped.stage, skipped.reason) == (str(path), Stage.INGEST, reason)
    assert detail in skipped.detail and "\n" not in skipped.detail


def test_a_failing_item_is_skipped_and_the_others_are_read(site: LocalSite) -> None:
    site.routes["/story/1"] = Reply(status=404)
    site.routes["/feed"] = Reply(body=feed_text(site, "news.rss").encode(), headers=RSS)

    gone, doc = read([site.url("/feed")])

    assert isinstance(gone, Skipped) and gone.reason is SkipReason.HTTP_ERROR
    assert gone.source == site.url("/story/1")
    assert isinstance(doc, RawDocument)


def test_an_item_that_is_itself_a_feed_is_not_followed(site: LocalSite) -> None:
    site.routes["/feed"] = Reply(body=f"<rss version='2.0'><channel><item><link>"
                                      f"{site.url('/other-feed')}</link></item></channel></rss>"
                                 .encode(), headers=RSS)
    site.routes["/other-feed"] = Reply(body=feed_text(site, "news.rss").encode(), headers=RSS)

    [skipped] = read([site.url("/feed")])

    assert isinstance(skipped, Skipped) and skipped.reason is SkipReason.CONTENT_TYPE
