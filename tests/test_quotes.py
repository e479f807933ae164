"""Quotes stage: direct and reported speech with speaker, cue, channel and date."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventwire.records import Actor, Annotated, Article, Block, Quote, Span
from eventwire.stages.dates import DatesConfig, find_times
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.stages.quotes import QuotesConfig, find_quotes
from eventwire.vocab import ActorKind, BlockKind, DatePrecision


def _annotate(nlp: Language, text: str, published: str | None = "2021-08-26") -> Annotated:
    article = Article(id="t", source="test", text=text, published=published,
                      blocks=(Block(kind=BlockKind.BODY, start=0, end=len(text)),))
    return next(annotate([article], nlp, NlpConfig()))


def _actor(text: str, id_: str, kind: ActorKind, pattern: str, sector: str | None = None) -> Actor:
    mentions = tuple(Span(start=m.start(), end=m.end()) for m in re.finditer(pattern, text))
    return Actor(id=id_, name=id_, kind=kind, sector=sector, mentions=mentions)


def _quotes(nlp: Language, text: str, actors: tuple[Actor, ...] = ()) -> tuple[Quote, ...]:
    ann = _annotate(nlp, text)
    quotes = find_quotes(ann, actors, find_times(ann, DatesConfig()), QuotesConfig())
    for q in quotes:
        assert text[q.start:q.end] == q.text
        for span in (q.speaker_span, q.cue_span):
            assert span is None or text[span.start:span.end].strip() == text[span.start:span.end]
    return quotes


def _example_actors(text: str) -> tuple[Actor, ...]:
    return (
        _actor(text, "mikheev", ActorKind.PERSON, r"Alexander Mikheev"),
        _actor(text, "russia", ActorKind.STATE, r"\bRussia\b|\bMoscow\b"),
        _actor(text, "rosoboronexport", ActorKind.ORGANIZATION, r"Rosoboron export"),
        _actor(text, "ria", ActorKind.ORGANIZATION, r"RIA Novosti", "MED"),
        _actor(text, "interfax", ActorKind.ORGANIZATION, r"Interfax", "MED"),
        _actor(text, "csto", ActorKind.ORGANIZATION,
               r"Collective Security Treaty Organisation|\bCSTO\b|the alliance"),
        _actor(text, "taliban", ActorKind.GROUP, r"(?:the )?Taliban"),
    )


def test_example_direct_quotes(nlp: Language, example_text: str) -> None:
    quotes = _quotes(nlp, example_text, _example_actors(example_text))
    first = "We are already working on a number of orders"
    (supply,) = [q for q in quotes if q.text.startswith(first)]
    assert supply.text.endswith("modern border protection systems")
    assert supply.start == example_text.index(first)
    assert (supply.direct, supply.speaker, supply.channel) == (True, "mikheev", "ria")
    assert supply.cue == "told"
    assert supply.speaker_span is not None
    speaker = example_text[supply.speaker_span.start:supply.speaker_span.end]
    assert speaker == "Alexander Mikheev, the head of Russia's state arms exporter Rosoboron export"
    assert (supply.date.start, supply.date.precision) == ("2021-08-26", DatePrecision.DAY)

    (drills,) = [q for q in quotes if q.text.startswith("the destruction of illegal")]
    assert drills.text.endswith("CSTO member state")
    assert (drills.direct, drills.speaker, drills.channel) == (True, "csto", "interfax")
    assert drills.cue == "according to"
    assert drills.date.precision is DatePrecision.UNKNOWN


def test_example_reported_speech(nlp: Language, example_text: str) -> None:
    quotes = _quotes(nlp, example_text, _example_actors(example_text))
    indirect = {(q.text, q.speaker) for q in quotes if not q.direct}
    assert ("militants entering neighbouring countries as refugees", "russia") in indirect
    assert ("it does not pose a threat to Central Asian countries", "taliban") in indirect


def test_ids_are_stable(nlp: Language, example_text: str) -> None:
    actors = _example_actors(example_text)
    first = [q.id for q in _quotes(nlp, example_text, actors)]
    assert first == [q.id for q in _quotes(nlp, example_text, actors)]
    assert len(set(first)) == len(first) and all(i.startswith("q-") for i in first)


def test_curly_quote_with_speaker_after_it(nlp: Language) -> None:
    text = "“We will not back down. This is our land,” John Smith said on Monday."
    actors = (_actor(text, "smith", ActorKind.PERSON, r"John Smith"),)
    (quote,) = _quotes(nlp, text, actors)
    assert quote.text == "We will not back down. This is our land"
    assert (quote.speaker, quote.cue, quote.date.start) == ("smith", "said", "2021-08-23")


def test_quote_running_over_paragraphs(nlp: Language) -> None:
    text = ('Mary Jones, a farmer, spoke next. She said: "The water is gone and nobody helps.\n\n'
            '"We have waited for years and the government has done nothing."\n\nThen she left.')
    actors = (_actor(text, "jones", ActorKind.PERSON, r"Mary Jones"),)
    (quote,) = [q for q in _quotes(nlp, text, actors) if q.direct]
    assert quote.text.startswith("The water is gone")
    assert quote.text.endswith("has done nothing.")
    assert "\n\n" in quote.text
    assert quote.speaker == "jones"


def test_scare_quotes_are_ignored(nlp: Language) -> None:
    assert not _quotes(nlp, 'The so-called "peace plan" was rejected by the "council".')


def test_partial_quote_inside_a_sentence(nlp: Language) -> None:
    text = 'The minister promised to focus on "the reconstruction of every destroyed school".'
    (quote,) = [q for q in _quotes(nlp, text) if q.direct]
    assert quote.text == "the reconstruction of every destroyed school"


def test_pronoun_speaker_is_the_last_person(nlp: Language) -> None:
    text = ('Ahmed Karimi arrived in the city on Monday. "The road is closed to everyone," '
            'he told the BBC in an interview.')
    actors = (_actor(text, "karimi", ActorKind.PERSON, r"Ahmed Karimi"),
              _actor(text, "bbc", ActorKind.ORGANIZATION, r"the BBC", "MED"))
    (quote,) = [q for q in _quotes(nlp, text, actors) if q.direct]
    assert (quote.speaker, quote.channel) == ("karimi", "bbc")
    assert quote.speaker_span is not None
    assert text[quote.speaker_span.start:quote.speaker_span.end] == "he"


def test_unmatched_speaker_keeps_its_span(nlp: Language) -> None:
    text = '"The border will stay closed until further notice," a senior official said.'
    (quote,) = _quotes(nlp, text)
    assert quote.speaker is None and quote.speaker_span is not None
    assert text[quote.speaker_span.start:quote.speaker_span.end] == "a senior official"


def test_reported_by_a_news_agency(nlp: Language) -> None:
    text = "The United Nations said that the situation was deteriorating, Reuters reported."
    actors = (_actor(text, "un", ActorKind.ORGANIZATION, r"The United Nations"),
              _actor(text, "reuters", ActorKind.ORGANIZATION, r"Reuters", "MED"))
    (quote,) = _quotes(nlp, text, actors)
    assert (quote.text, quote.direct) == ("the situation was deteriorating", False)
    assert (quote.speaker, quote.channel) == ("un", "reuters")


def test_warned_of_is_reported_speech(nlp: Language) -> None:
    text = "France warned against any escalation in the region on Tuesday."
    actors = (_actor(text, "france", ActorKind.STATE, r"France"),)
    (quote,) = _quotes(nlp, text, actors)
    assert (quote.text, quote.speaker, quote.direct) == (
        "any escalation in the region", "france", False)
    assert quote.date.start == "2021-08-24"


_FRAGMENTS = ('"', "“", "”", "We will fight on until the end", "he said", "John Smith told",
              "the BBC", "according to officials", "warned of new attacks", ",", ".", "\n\n",
              "said that prices would rise", "on Monday", "in an interview with Reuters")


@settings(max_examples=25, deadline=None)
@given(words=st.lists(st.sampled_from(_FRAGMENTS), max_size=14))
def test_quote_spans_always_slice_the_text(nlp: Language, words: list[str]) -> None:
    text = " ".join(words)
    actors = (_actor(text, "smith", ActorKind.PERSON, r"John Smith"),
              _actor(text, "bbc", ActorKind.ORGANIZATION, r"the BBC|Reuters", "MED"))
    for q in _quotes(nlp, text, actors):
        assert q.text and q.start < q.end
        assert q.speaker in (None, "smith", "bbc") and q.channel in (None, "bbc")


def test_typewriter_quote_marks(nlp: Language) -> None:
    text = "''We are not a burden on America,'' Mr. Obama said on Saturday."
    actors = (_actor(text, "obama", ActorKind.PERSON, r"Obama"),)
    (quote,) = _quotes(nlp, text, actors)
    assert (quote.text, quote.speaker, quote.cue) == (
        "We are not a burden on America", "obama", "said")


def test_continued_quote_keeps_its_speaker(nlp: Language) -> None:
    text = ('"The period of voting has begun," Anna Baker said. "We intend to educate every '
            'voter about the record."\n\n"Nothing will stop us now, whatever they say."\n\n'
            'The vote is in November.')
    actors = (_actor(text, "baker", ActorKind.PERSON, r"Anna Baker"),)
    direct = [q for q in _quotes(nlp, text, actors) if q.direct]
    assert len(direct) == 3
    assert {(q.speaker, q.cue) for q in direct} == {("baker", "said")}
    assert len({q.cue_span for q in direct}) == 1


def test_according_to_a_source_is_reported_speech(nlp: Language) -> None:
    text = "Turnout fell by a third in the north, according to the electoral commission."
    actors = (_actor(text, "commission", ActorKind.ORGANIZATION, r"the electoral commission"),)
    (quote,) = _quotes(nlp, text, actors)
    assert (quote.text, quote.direct, quote.cue) == (
        "Turnout fell by a third in the north", False, "according to")
    assert quote.speaker == "commission"


def test_parenthetical_cue_and_verb_group(nlp: Language) -> None:
    text = "Acts of protest, the senator has said, are acts of patriotism."
    (quote,) = _quotes(nlp, text)
    assert quote.text == "Acts of protest, the senator has said, are acts of patriotism"
    assert quote.cue == "has said" and not quote.direct
    assert quote.speaker_span is not None
    assert text[quote.speaker_span.start:quote.speaker_span.end] == "the senator"


def test_claims_of_belief_and_evidence(nlp: Language) -> None:
    text = ("A new poll shows that the president has lost support in rural areas. "
            "He told reporters that the army would withdraw within a month.")
    quotes = {q.cue: q for q in _quotes(nlp, text)}
    assert quotes["shows"].text == "the president has lost support in rural areas"
    assert quotes["told"].text == "the army would withdraw within a month"


def test_headline_claim_with_a_name_and_colon(nlp: Language) -> None:
    text = "Lavrov: Western Sanctions Will Not Change Russia's Course\n\nThe minister spoke."
    actors = (_actor(text, "lavrov", ActorKind.PERSON, r"Lavrov"),)
    (quote,) = _quotes(nlp, text, actors)
    assert quote.text == "Western Sanctions Will Not Change Russia's Course"
    assert (quote.speaker, quote.cue, quote.direct) == ("lavrov", ":", False)
