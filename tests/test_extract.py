"""Extract: clean article text with its structure, from pre-scraped text and from HTML.

The fixture articles are invented and hand-written, each with another site's kind of furniture.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.records import Article, RawDocument, Skipped
from eventwire.stages.extract import ExtractConfig, extract
from eventwire.vocab import BlockKind, InputFormat, SkipReason, Stage

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def clean(payload: str, fmt: InputFormat = InputFormat.TEXT, *,
          config: ExtractConfig | None = None, published: str | None = None,
          url: str | None = None, title: str | None = None) -> Article:
    doc = RawDocument(source="test", payload=payload, format=fmt, published=published, url=url,
                      title=title)
    article = extract(doc, config or ExtractConfig())
    assert isinstance(article, Article), article
    return article


def fixture(name: str, published: str | None = None,
            url: str | None = None) -> tuple[str, Article]:
    payload = (FIXTURES / name).read_text(encoding="utf-8")
    fmt = InputFormat.HTML if name.endswith(".html") else InputFormat.TEXT
    return payload, clean(payload, fmt, published=published, url=url)


def texts(article: Article, kind: BlockKind) -> list[str]:
    return [article.text[b.start:b.end] for b in article.blocks if b.kind is kind]


def assert_blocks_slice_text(article: Article) -> None:
    assert "\n\n".join(article.text[b.start:b.end] for b in article.blocks) == article.text
    assert all(article.text[b.start:b.end].strip() == article.text[b.start:b.end]
               for b in article.blocks)


def test_example_title_standfirst_and_caption(example_text: str) -> None:
    article = clean(example_text, published="2021-08-26")
    caption = ("Russia remains cautiously optimistic about the new leadership in Kabul, while it "
               "has warned of militants entering neighbouring countries as refugees.")

    assert article.title == "Russia to supply arms and helicopters to Afghanistan's neighbours"
    assert article.standfirst == (
        "Orders for weapons come as countries in ex-Soviet region, where Moscow holds military "
        "bases, have raised concerns over Taliban's rise to power.")
    assert texts(article, BlockKind.CAPTION) == [caption]
    assert article.credits == ("Reuters",)
    assert article.text.count(caption) == 1
    assert (article.published, article.language) == ("2021-08-26", "en")


def test_example_heading_body_and_furniture(example_text: str) -> None:
    article = clean(example_text)
    body = texts(article, BlockKind.BODY)

    assert texts(article, BlockKind.HEADING) == ["Military exercises"]
    assert [b.kind for b in article.blocks] == [
        BlockKind.TITLE, BlockKind.STANDFIRST, BlockKind.CAPTION, *[BlockKind.BODY] * 4,
        BlockKind.HEADING, *[BlockKind.BODY] * 4]
    assert body[0].startswith("Russia has received new orders")
    assert body[-1].startswith("While the Taliban has said")
    for furniture in ("READ MORE", "Loading", "Route 6"):
        assert furniture not in article.text
    assert all(paragraph in example_text.splitlines() for paragraph in body)
    assert_blocks_slice_text(article)


def test_the_id_is_stable_and_follows_the_canonical_url(example_text: str) -> None:
    plain = clean(example_text)
    tagged = clean(example_text, url="HTTPS://Example.org/news/1?utm_source=x&page=2#top")

    assert plain.id == clean(example_text).id and re.fullmatch(r"[0-9a-f]{16}", plain.id)
    assert tagged.url == "https://example.org/news/1?page=2"
    assert tagged.id == clean("Other text.", url="https://example.org/news/1?page=2").id
    assert tagged.id != plain.id
    assert tagged.outlet == "example.org"
    assert clean("Text.", url="http://[broken").url == "http://[broken"


def test_wire_story_byline_dateline_and_stamp() -> None:
    source, article = fixture("wire_dateline.txt")

    assert article.title == "Rebels seize border crossing as ceasefire talks stall"
    assert article.byline == "MARIA LOPEZ and DANIEL KIM"
    assert article.standfirst is None
    assert article.credits == ("AP",)
    assert article.published == "2023-03-14"
    assert texts(article, BlockKind.BODY)[0].startswith("PORT ELARA, Veridia (AP) —")
    assert len(texts(article, BlockKind.BODY)) == 6
    for furniture in ("Skip to", "World News", "Share", "Facebook", "Advertisement", "Copyright",
                      "Published"):
        assert furniture not in article.text
    assert all(p in source.splitlines() for p in texts(article, BlockKind.BODY))


def test_cookie_notice_breadcrumb_related_list_and_prompts() -> None:
    source, article = fixture("cookie_related.txt", published="2023-05-13")

    assert article.title == "Minister resigns over leaked defence procurement memo"
    assert article.standfirst is not None and article.standfirst.startswith("The defence minister")
    assert article.byline == "Sarah Whitfield, Political Correspondent"
    assert article.published == "2023-05-13"
    assert texts(article, BlockKind.HEADING) == ["What happens next"]
    assert len(texts(article, BlockKind.BODY)) == 4
    assert all(p in source.splitlines() for p in texts(article, BlockKind.BODY))
    for furniture in ("cookie", "Home >", "Related", "Helen Marsh?", "Timeline", "Opposition "
                      "demands", "Sign up", "Follow us", "©"):
        assert furniture not in article.text
    assert_blocks_slice_text(article)


def test_captions_take_their_credits_and_link_lines_go() -> None:
    _, article = fixture("captions_credits.txt")

    assert article.standfirst == ("Rescue teams used boats to reach villages cut off by the "
                                  "rising water.")
    assert texts(article, BlockKind.CAPTION) == [
        "Residents wade through a flooded street in the town of Marrow on Sunday.",
        "Soldiers load sacks of rice onto a helicopter at an airbase near Marrow. "
        "(AP Photo/Jonas Berg)"]
    assert article.credits == ("AFP", "AP")
    assert texts(article, BlockKind.BODY)[-1].startswith("The government has asked")
    for furniture in ("Photo:", "Watch:", "Also read", "Click here", "Reporting by"):
        assert furniture not in article.text


def test_hard_wrapped_text_keeps_its_paragraphs_whole() -> None:
    source, article = fixture("wrapped.txt")
    body = texts(article, BlockKind.BODY)

    assert article.title == "Port workers strike over pay as shipping backlog grows"
    assert texts(article, BlockKind.HEADING) == ["Government response"]
    assert len(body) == 3
    assert body[0].startswith("Dock workers") and body[0].endswith("the port authority said.")
    assert all(paragraph in source for paragraph in body)


def test_html_goes_through_trafilatura_with_metadata() -> None:
    _, article = fixture("page.html")

    assert article.title == "Parliament approves new drone export rules"
    assert article.text.count("Parliament approves new drone export rules") == 1
    assert (article.published, article.byline, article.outlet) == (
        "2023-06-02", "Priya Natarajan", "The Daily Example")
    assert article.url == "https://news.example.org/politics/drone-export-rules"
    assert texts(article, BlockKind.HEADING) == ["Industry reaction"]
    assert len(texts(article, BlockKind.BODY)) == 5
    for furniture in ("READ MORE", "©", "Privacy", "Home"):
        assert furniture not in article.text
    assert_blocks_slice_text(article)


def test_the_users_date_and_url_win_over_the_pages() -> None:
    _, article = fixture("page.html", published="5 June 2023", url="https://example.net/a")

    assert (article.published, article.url) == ("2023-06-05", "https://example.net/a")


def test_html_summary_that_opens_the_text_is_the_standfirst() -> None:
    html = ("<html><head><title>Talks resume in Geneva</title>"
            '<meta name="description" content="Envoys from both sides met for the first time '
            'in a year."></head><body><article><p>Envoys from both sides met for the first time '
            "in a year.</p><p>The talks, hosted by the United Nations, focused on prisoner "
            "exchanges and a ceasefire along the northern front, diplomats said.</p><p>A second "
            "round is planned for next month, according to a statement released on Friday by "
            "the organisers of the meeting.</p></article></body></html>")

    article = clean(html, InputFormat.HTML)

    assert article.title == "Talks resume in Geneva"
    assert article.standfirst == "Envoys from both sides met for the first time in a year."


def test_a_known_title_is_put_above_the_text() -> None:
    article = clean("The army said it had regained control of the town.", title="Town retaken")

    assert texts(article, BlockKind.TITLE) == ["Town retaken"]
    assert article.text.startswith("Town retaken\n\n")


@pytest.mark.parametrize("payload", [
    "Advertisement\n\nREAD MORE: Something else\n\nShare on Facebook\n",
    "Subscribe to our newsletter",
])
def test_documents_without_article_text_are_skipped(payload: str) -> None:
    skipped = extract(RawDocument(source="s", payload=payload, format=InputFormat.TEXT),
                      ExtractConfig())

    assert isinstance(skipped, Skipped)
    assert (skipped.source, skipped.stage, skipped.reason) == ("s", Stage.EXTRACT,
                                                               SkipReason.NO_TEXT)


def test_html_without_main_text_is_skipped() -> None:
    skipped = extract(RawDocument(source="s", payload="<html><body></body></html>",
                                  format=InputFormat.HTML), ExtractConfig())

    assert isinstance(skipped, Skipped) and skipped.reason is SkipReason.NO_TEXT


@pytest.mark.parametrize(("published", "expected"), [
    ("2021-08-26T10:00:00Z", "2021-08-26"),
    ("Thursday, 26 August 2021", "2021-08-26"),
    ("Aug. 26, 2021 10:15 BST", "2021-08-26"),
    ("August 2021", None),
    ("yesterday", None),
    ("2021-02-30", None),
])
def test_published_is_a_full_date_or_none(published: str, expected: str | None) -> None:
    assert clean("Troops crossed the border.", published=published).published == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "Russia to supply arms", "Reuters", "READ MORE: x", "Loading...", "By Jane Doe",
    "Troops crossed the border on Monday.", "Route 6", "Photo: A/B", "", "  ", "\n",
    "A caption under a picture. [Jane Doe/AFP]", "- a bullet", "Related:", "© 2021",
    "Officials said the talks would resume.", "Military exercises",
]) | st.text(), max_size=25).map("\n".join))
def test_any_text_gives_blocks_that_are_slices_of_the_input(payload: str) -> None:
    result = extract(RawDocument(source="h", payload=payload, format=InputFormat.TEXT),
                     ExtractConfig())

    if isinstance(result, Skipped):
        assert result.reason is SkipReason.NO_TEXT
        return
    assert_blocks_slice_text(result)
    assert all(result.text[b.start:b.end] in payload for b in result.blocks)


def test_a_lone_headline_is_an_article_but_a_lone_metadata_title_is_not() -> None:
    headline = clean("Rebels seize border crossing")
    skipped = extract(RawDocument(source="s", payload="Advertisement\nShare", title="A title",
                                  format=InputFormat.TEXT), ExtractConfig())

    assert (headline.title, headline.text) == (("Rebels seize border crossing",) * 2)
    assert isinstance(skipped, Skipped) and skipped.reason is SkipReason.NO_TEXT


BODY = ("Government troops retook the town after two days of fighting, the army said on "
        "Tuesday, and residents began returning to their homes.")


@pytest.mark.parametrize(("payload", "credits"), [
    (f"KYIV, Ukraine (AP) — {BODY}", ("AP",)),
    (f"LONDON, June 1 (Reuters) - {BODY}", ("Reuters",)),
    (f"Paris (AFP) - {BODY}", ("AFP",)),
    (f"(dpa) - {BODY}", ("dpa",)),
    (f"{BODY}\n\nAdditional reporting by Reuters and the Associated Press", ("Reuters", "AP")),
    (f"{BODY}\n\nThe Associated Press contributed to this report.", ("AP",)),
    (f"{BODY}\n\n— AFP", ("AFP",)),
    (f"{BODY} (Reuters)", ("Reuters",)),
    (f"By Jane Doe | Reuters\n\n{BODY}", ("Reuters",)),
    (f"{BODY}\n\nSoldiers at a checkpoint on Monday.\n\nAP Photo/Jonas Berg\n\n{BODY}", ("AP",)),
    (f"{BODY}\n\nThe minister told Reuters the town was safe.", ()),
    (f"The strike at the AP Moller terminal continued. {BODY}", ()),
])
def test_wire_credits_name_the_agency(payload: str, credits: tuple[str, ...]) -> None:
    assert clean(payload).credits == credits


def test_a_page_laid_out_in_a_table_keeps_its_paragraphs() -> None:
    paragraphs = [f"<p>{BODY}</p>", "<p>Aid agencies said food and water were running short "
                  "in the camps outside the town, where thousands had fled.</p>"]
    html = ("<html><body><table><tr><td><a href='/'>Home</a></td><td>"
            f"{''.join(paragraphs)}</td></tr><tr><td>Price</td><td>$10</td></tr></table>"
            "</body></html>")

    article = clean(html, InputFormat.HTML)

    assert texts(article, BlockKind.BODY)[0] == BODY
    assert "$10" not in article.text


def test_the_fetch_day_is_the_last_resort_publication_date() -> None:
    doc = RawDocument(source="s", payload=BODY, format=InputFormat.TEXT, fetched="2023-07-01")
    dated = dataclasses.replace(doc, published="2023-06-30")

    assert [a.published for a in (extract(doc, ExtractConfig()), extract(dated, ExtractConfig()))
            if isinstance(a, Article)] == ["2023-07-01", "2023-06-30"]


def test_the_site_name_leaves_the_title_and_the_label_the_author() -> None:
    html = ("<html><head><title>Talks resume in Geneva - The Daily Example</title>"
            '<meta property="og:site_name" content="The Daily Example">'
            '<meta name="author" content="By Jane Doe"></head><body><article>'
            f"<p>{BODY}</p><p>{BODY.replace('town', 'city')}</p></article></body></html>")

    article = clean(html, InputFormat.HTML)

    assert (article.title, article.byline) == ("Talks resume in Geneva", "Jane Doe")
