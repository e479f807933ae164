"""Dates stage: time expressions found, spanned and resolved against the publication date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventwire.records import Annotated, Article, Block, TimeExpr
from eventwire.stages.dates import DatesConfig, find_times
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.vocab import BlockKind, DatePrecision, TimeType

PUBLISHED = "2021-08-26"  # a Thursday, the example article's date


def _annotate(nlp: Language, text: str, published: str | None = PUBLISHED) -> Annotated:
    article = Article(id="t", source="test", text=text, published=published,
                      blocks=(Block(kind=BlockKind.BODY, start=0, end=len(text)),))
    return next(annotate([article], nlp, NlpConfig()))


def _times(nlp: Language, text: str, published: str | None = PUBLISHED) -> tuple[TimeExpr, ...]:
    times = find_times(_annotate(nlp, text, published), DatesConfig())
    assert all(text[t.start:t.end] == t.text for t in times)
    return times


def _only(times: tuple[TimeExpr, ...], surface: str) -> TimeExpr:
    (found,) = [t for t in times if t.text == surface]
    return found


def test_example_article_dates(nlp: Language, example_text: str) -> None:
    times = _times(nlp, example_text)
    thursday = _only(times, "Thursday")
    assert (thursday.value, thursday.precision) == ("2021-08-26", DatePrecision.DAY)
    assert thursday.start == example_text.index("Thursday")
    month = _only(times, "earlier this month")
    assert month.value == "2021-08"
    assert month.interval == ("2021-08-01", "2021-08-25")
    assert month.precision is DatePrecision.MONTH
    drills = _only(times, "between September 7 and 9")
    assert drills.interval == ("2021-09-07", "2021-09-09")
    assert drills.precision is DatePrecision.DAY
    assert thursday.as_date_ref().start == "2021-08-26"


@pytest.mark.parametrize(("sentence", "surface", "value", "interval", "precision"), [
    ("Rebels attacked the town last week.", "last week", "2021-W33",
     ("2021-08-16", "2021-08-22"), DatePrecision.WEEK),
    ("The dam was built in 2019.", "2019", "2019", ("2019-01-01", "2019-12-31"),
     DatePrecision.YEAR),
    ("Elections will be held next year.", "next year", "2022", ("2022-01-01", "2022-12-31"),
     DatePrecision.YEAR),
    ("The talks were held two days ago.", "two days ago", "2021-08-24",
     ("2021-08-24", "2021-08-24"), DatePrecision.DAY),
    ("Officials met yesterday.", "yesterday", "2021-08-25", ("2021-08-25", "2021-08-25"),
     DatePrecision.DAY),
    ("He has lived there since March.", "since March", "2021-03",
     ("2021-03-01", "2021-08-26"), DatePrecision.MONTH),
    ("The minister visited on Friday.", "Friday", "2021-08-20", ("2021-08-20", "2021-08-20"),
     DatePrecision.DAY),
    ("The minister will visit on Friday.", "Friday", "2021-08-27",
     ("2021-08-27", "2021-08-27"), DatePrecision.DAY),
    ("The ceasefire was agreed on August 12, 2020.", "August 12, 2020", "2020-08-12",
     ("2020-08-12", "2020-08-12"), DatePrecision.DAY),
    ("The summit is scheduled for September 7-9.", "September 7-9",
     "2021-09-07/2021-09-09", ("2021-09-07", "2021-09-09"), DatePrecision.DAY),
    ("He was arrested on 26/08/2021 in the capital.", "26/08/2021", "2021-08-26",
     ("2021-08-26", "2021-08-26"), DatePrecision.DAY),
    ("The vote took place last weekend.", "last weekend", "2021-W33-WE",
     ("2021-08-21", "2021-08-22"), DatePrecision.WEEK),
])
def test_resolves_against_publication(nlp: Language, sentence: str, surface: str, value: str,
                                      interval: tuple[str, str],
                                      precision: DatePrecision) -> None:
    found = _only(_times(nlp, sentence), surface)
    assert (found.value, found.interval, found.precision) == (value, interval, precision)


def test_overnight_is_a_time_of_the_night_before(nlp: Language) -> None:
    found = _only(_times(nlp, "Fighting erupted overnight in the north."), "overnight")
    assert found.type is TimeType.TIME
    assert found.value == "2021-08-25TNI"


@pytest.mark.parametrize(("sentence", "surface", "value"), [
    ("The siege lasted two days.", "two days", "P2D"),
    ("He served three years in prison.", "three years", "P3Y"),
    ("The past two weeks were calm.", "The past two weeks", "P2W"),
])
def test_durations_have_no_interval(nlp: Language, sentence: str, surface: str,
                                    value: str) -> None:
    found = _only(_times(nlp, sentence), surface)
    assert (found.type, found.value, found.interval) == (TimeType.DURATION, value, None)


def test_ages_are_not_durations(nlp: Language) -> None:
    assert not [t for t in _times(nlp, "The victim was 45 years old.") if "45" in t.text]


def test_impossible_date_is_kept_with_a_note(nlp: Language) -> None:
    found = _only(_times(nlp, "The deal was signed on February 30 in Doha."), "February 30")
    assert found.value is None and found.interval is None
    assert found.note is not None and "February" in found.note


def test_without_publication_date_relative_dates_stay_unresolved(nlp: Language) -> None:
    text = ("Rebels attacked the town last week and again on Thursday, two days ago. "
            "A truce was signed on August 12, 2020 and lasted three years.")
    times = _times(nlp, text, published=None)
    for surface in ("last week", "Thursday", "two days ago"):
        found = _only(times, surface)
        assert (found.value, found.interval, found.precision) == (
            None, None, DatePrecision.UNKNOWN)
    assert _only(times, "August 12, 2020").value == "2020-08-12"
    assert _only(times, "three years").value == "P3Y"


def test_example_without_publication_date(nlp: Language, example_text: str) -> None:
    times = _times(nlp, example_text, published=None)
    assert _only(times, "earlier this month").value is None
    assert _only(times, "between September 7 and 9").precision is DatePrecision.UNKNOWN


_FRAGMENTS = ("Rebels attacked the town", "on Thursday", "last week", "between September 7 and 9",
              "in 2019", "two days ago", "February 30", "overnight", "since March", "the 1990s",
              "at 10 a.m.", "from 2019-2021", "next year", "will meet", "earlier this month",
              "May", "said", ".", ",", "\n\n", "Kabul", "3", "every week", "45 years old")


@settings(max_examples=25, deadline=None)
@given(words=st.lists(st.sampled_from(_FRAGMENTS), max_size=14),
       published=st.sampled_from([None, PUBLISHED, "2020-02-29", "not a date"]))
def test_spans_always_slice_the_text(nlp: Language, words: list[str],
                                     published: str | None) -> None:
    text = " ".join(words)
    for t in find_times(_annotate(nlp, text, published), DatesConfig()):
        assert text[t.start:t.end] == t.text
        assert t.interval is None or t.interval[0] <= t.interval[1]


@pytest.mark.parametrize(("sentence", "surface", "value", "interval"), [
    ("Profits rose in the third quarter of 2020.", "the third quarter of 2020", "2020-Q3",
     ("2020-07-01", "2020-09-30")),
    ("Sales fell in the first quarter of last year.", "the first quarter of last year",
     "2020-Q1", ("2020-01-01", "2020-03-31")),
    ("Output grew in the last quarter.", "the last quarter", "2021-Q2",
     ("2021-04-01", "2021-06-30")),
    ("The company posted a Q4 2019 loss.", "Q4 2019", "2019-Q4", ("2019-10-01", "2019-12-31")),
    ("The offensive began last winter.", "last winter", "2020-WI", ("2020-12-01", "2021-02-28")),
    ("Talks will resume in the spring.", "the spring", "2022-SP", ("2022-03-01", "2022-05-31")),
    ("The dam was finished in the autumn of 2019.", "the autumn of 2019", "2019-FA",
     ("2019-09-01", "2019-11-30")),
    ("Inflation has doubled since October 2019.", "since October 2019", "2019-10",
     ("2019-10-01", "2021-08-26")),
    ("Turnout was low the previous year.", "the previous year", "2020",
     ("2020-01-01", "2020-12-31")),
    ("Protesters gathered over the weekend.", "the weekend", "2021-W33-WE",
     ("2021-08-21", "2021-08-22")),
    ("Two quarters ago the bank failed.", "Two quarters ago", "2021-Q1",
     ("2021-01-01", "2021-03-31")),
])
def test_quarters_seasons_and_anchored_months(nlp: Language, sentence: str, surface: str,
                                              value: str, interval: tuple[str, str]) -> None:
    found = _only(_times(nlp, sentence), surface)
    assert (found.value, found.interval) == (value, interval)
    assert found.precision in (DatePrecision.MONTH, DatePrecision.YEAR, DatePrecision.WEEK)


@pytest.mark.parametrize(("sentence", "surface", "value"), [
    ("Fighting has recently intensified.", "recently", "PAST_REF"),
    ("The border was previously closed.", "previously", "PAST_REF"),
    ("Attacks rose in recent years.", "recent years", "PAST_REF"),
    ("The ministry is now run by the army.", "now", "PRESENT_REF"),
    ("A deal is expected very soon.", "very soon", "FUTURE_REF"),
    ("Prices will stay high in the near term.", "the near term", "FUTURE_REF"),
    ("Such raids were common in the past.", "the past", "PAST_REF"),
])
def test_vague_references_keep_text_without_interval(nlp: Language, sentence: str,
                                                     surface: str, value: str) -> None:
    found = _only(_times(nlp, sentence), surface)
    assert (found.type, found.value, found.interval) == (TimeType.DATE, value, None)
    assert found.precision is DatePrecision.UNKNOWN


def test_signals_and_counts_around_expressions(nlp: Language) -> None:
    times = _times(nlp, "Three years after the war, envoys met twice a year and signed a "
                        "deal three days later. Refineries ran 15 a day for six straight days.")
    assert _only(times, "Three years").value == "P3Y"
    assert _only(times, "twice a year").type is TimeType.SET
    later = _only(times, "three days later")
    assert later.type is TimeType.DATE and later.value is None
    assert later.note is not None and "P3D" in later.note
    assert _only(times, "a day").value == "P1D"
    assert _only(times, "six straight days").value == "P6D"


def test_ages_and_index_points_are_not_dates(nlp: Language) -> None:
    text = "Mary Barra, 51, will lead the firm. The index closed at 8,579.19 on Monday."
    surfaces = {t.text for t in _times(nlp, text)}
    assert not surfaces & {"51", "8,579.19"}


def test_scheduled_and_participle_clauses_set_the_tense(nlp: Language) -> None:
    text = ("A June 3 hearing has been scheduled in the court. The cuts extend plans "
            "announced in January.")
    times = _times(nlp, text)
    assert _only(times, "June 3").value == "2022-06-03"
    assert _only(times, "January").value == "2021-01"
