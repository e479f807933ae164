"""Arms transfers: hand-written sentences through the real parser -> Event.arms records.

The example article's arms record (expected.md section 5) is tested in test_events.py,
next to the other events of the example.
"""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from eventwire.records import Actor, Arms, Article, Block, Event, Span
from eventwire.stages.events import Lexicon, code_events
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.vocab import (
    ActorKind,
    ArmsCategory,
    ArmsDeal,
    ArmsStage,
    BlockKind,
    PloverType,
    Tense,
)

STATES = {"USA": "the United States", "UKR": "Ukraine", "POL": "Poland", "RUS": "Russia",
          "IRN": "Iran", "TUR": "Turkey", "DEU": "Germany", "IND": "India", "SRB": "Serbia"}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def transfers(nlp: Language, lexicon: Lexicon, text: str) -> list[Event]:
    """Events with an arms record in ``text``, with every state of STATES as an actor."""
    article = Article(id="a1", source="test", text=text, published="2023-05-10",
                      blocks=(Block(kind=BlockKind.BODY, start=0, end=len(text)),))
    actors = tuple(
        Actor(id=code, name=name, kind=ActorKind.STATE,
              mentions=tuple(Span(start=m.start(), end=m.end())
                             for m in re.finditer(re.escape(name), text, re.IGNORECASE)))
        for code, name in STATES.items() if name.lower() in text.lower())
    ann = next(annotate([article], nlp, NlpConfig()))
    return [e for e in code_events(ann, actors, (), (), (), lexicon) if e.arms is not None]


def one(nlp: Language, lexicon: Lexicon, text: str) -> tuple[Event, Arms]:
    (event,) = transfers(nlp, lexicon, text)
    assert event.arms is not None
    return event, event.arms


def items(arms: Arms) -> list[tuple[ArmsCategory, str | None, int | None]]:
    return [(i.category, i.designation, i.quantity) for i in arms.items]


def test_sale_ordered_with_value(nlp: Language, lexicon: Lexicon) -> None:
    event, arms = one(nlp, lexicon,
                      "Poland ordered 250 Abrams tanks from the United States for $4.75 billion.")
    assert (arms.supplier, arms.recipient) == (("USA",), ("POL",))
    assert (event.actor, event.recipient) == (("USA",), ("POL",))
    assert items(arms) == [(ArmsCategory.ARMOURED_VEHICLES, "Abrams", 250)]
    assert (arms.stage, arms.deal, arms.value) == (ArmsStage.ORDERED, ArmsDeal.SALE,
                                                   "$4.75 billion")
    assert (event.plover.type, event.cameo, event.plover.context) == (
        PloverType.AID, "07", ("military", "future"))
    assert event.factuality.tense == Tense.FUTURE


def test_order_placed_by_the_buyer(nlp: Language, lexicon: Lexicon) -> None:
    _, arms = one(nlp, lexicon, "Iran has placed an order for 24 Su-35 fighter jets from Russia.")
    assert (arms.supplier, arms.recipient) == (("RUS",), ("IRN",))
    assert items(arms) == [(ArmsCategory.AIRCRAFT, "Su-35", 24)]
    assert arms.stage == ArmsStage.ORDERED


def test_delivery(nlp: Language, lexicon: Lexicon) -> None:
    event, arms = one(nlp, lexicon,
                      "The United States delivered eight HIMARS launchers to Ukraine.")
    assert (arms.supplier, arms.recipient) == (("USA",), ("UKR",))
    assert items(arms) == [(ArmsCategory.ARTILLERY, "HIMARS", 8)]
    assert arms.stage == ArmsStage.DELIVERED
    assert event.factuality.tense == Tense.PAST


def test_donation_with_designation_and_quantity(nlp: Language, lexicon: Lexicon) -> None:
    _, arms = one(nlp, lexicon, "Turkey donated five Bayraktar TB2 drones to Ukraine.")
    assert (arms.supplier, arms.recipient) == (("TUR",), ("UKR",))
    assert items(arms) == [(ArmsCategory.AIRCRAFT, "Bayraktar TB2", 5)]
    assert (arms.stage, arms.deal) == (ArmsStage.DELIVERED, ArmsDeal.AID)
    assert arms.items[0].text == "five Bayraktar TB2 drones"


def test_handed_over(nlp: Language, lexicon: Lexicon) -> None:
    _, arms = one(nlp, lexicon, "Russia handed over two S-400 systems to India.")
    assert (arms.supplier, arms.recipient) == (("RUS",), ("IND",))
    assert items(arms) == [(ArmsCategory.AIR_DEFENCE, "S-400", 2)]
    assert arms.stage == ArmsStage.DELIVERED


@pytest.mark.parametrize("text", [
    "Germany will supply Ukraine with 14 Leopard tanks.",
    "Germany agreed to supply 14 Leopard tanks to Ukraine.",
])
def test_promised_supply(nlp: Language, lexicon: Lexicon, text: str) -> None:
    event, arms = one(nlp, lexicon, text)
    assert (arms.supplier, arms.recipient) == (("DEU",), ("UKR",))
    assert items(arms) == [(ArmsCategory.ARMOURED_VEHICLES, "Leopard", 14)]
    assert arms.stage == ArmsStage.PROMISED
    assert event.factuality.tense == Tense.FUTURE


def test_negotiating(nlp: Language, lexicon: Lexicon) -> None:
    _, arms = one(nlp, lexicon,
                  "India and Russia are in talks on the supply of 10 Mi-17 helicopters.")
    assert items(arms) == [(ArmsCategory.AIRCRAFT, "Mi-17", 10)]
    assert arms.stage == ArmsStage.NEGOTIATING


def test_request_is_a_request_event(nlp: Language, lexicon: Lexicon) -> None:
    event, arms = one(nlp, lexicon, "Ukraine requested more HIMARS from the United States.")
    assert (event.plover.type, event.cameo) == (PloverType.REQUEST, "10")
    assert (arms.supplier, arms.recipient, arms.stage) == (("USA",), ("UKR",),
                                                           ArmsStage.REQUESTED)


def test_licensed_production(nlp: Language, lexicon: Lexicon) -> None:
    _, arms = one(nlp, lexicon, "India will begin licensed production of Kalashnikov rifles.")
    assert (arms.recipient, arms.deal) == (("IND",), ArmsDeal.LICENCE)
    assert items(arms) == [(ArmsCategory.SMALL_ARMS, "Kalashnikov", None)]


def test_generic_arms_give_way_to_named_items(nlp: Language, lexicon: Lexicon) -> None:
    _, arms = one(nlp, lexicon, "Russia will supply arms and helicopters to Serbia.")
    assert items(arms) == [(ArmsCategory.AIRCRAFT, None, None)]


def test_generic_arms_alone_are_kept(nlp: Language, lexicon: Lexicon) -> None:
    _, arms = one(nlp, lexicon, "Russia will supply weapons to Serbia.")
    assert items(arms) == [(ArmsCategory.OTHER, None, None)]


def test_supplies_of_other_goods_are_not_arms(nlp: Language, lexicon: Lexicon) -> None:
    assert transfers(nlp, lexicon, "Russia supplied gas to Serbia.") == []


def test_mentions_of_one_deal_are_one_record(nlp: Language, lexicon: Lexicon) -> None:
    text = ("Russia will supply helicopters to Serbia. "
            "Serbia ordered six Mi-17 helicopters from Russia in May.")
    event, arms = one(nlp, lexicon, text)
    assert (arms.supplier, arms.recipient) == (("RUS",), ("SRB",))
    assert items(arms) == [(ArmsCategory.AIRCRAFT, None, None),
                           (ArmsCategory.AIRCRAFT, "Mi-17", 6)]
    assert arms.stage == ArmsStage.ORDERED
    assert len(event.evidence) == 2
