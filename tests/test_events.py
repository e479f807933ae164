"""Events stage: hand-written news sentences and the example article through the real parser."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.errors import ConfigError
from eventwire.records import (
    Actor,
    Annotated,
    Article,
    Block,
    Event,
    Place,
    Quote,
    Span,
    TimeExpr,
)
from eventwire.stages.events import EventModel, EventsConfig, Lexicon, code_events
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.vocab import (
    ActorKind,
    ArmsCategory,
    ArmsStage,
    BlockKind,
    DatePrecision,
    PlacePrecision,
    PloverType,
    Polarity,
    Tense,
    TimeType,
)

# --- building inputs by hand ---------------------------------------------------------------


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def model() -> EventModel:
    return EventModel.load()


def spans(text: str, *surfaces: str) -> tuple[Span, ...]:
    """Every occurrence of each surface as a mention span."""
    return tuple(Span(start=m.start(), end=m.end())
                 for s in surfaces for m in re.finditer(re.escape(s), text))


def actor(text: str, actor_id: str, *surfaces: str, kind: ActorKind = ActorKind.STATE,
          affiliation: str | None = None, sector: str | None = None) -> Actor:
    return Actor(id=actor_id, name=surfaces[0], kind=kind, affiliation=affiliation,
                 sector=sector, mentions=spans(text, *surfaces))


def time(text: str, surface: str, start: str, end: str, precision: DatePrecision) -> TimeExpr:
    at = text.index(surface)
    return TimeExpr(text=surface, start=at, end=at + len(surface), type=TimeType.DATE,
                    value=start, interval=(start, end), precision=precision)


def place(text: str, place_id: str, name: str, precision: PlacePrecision) -> Place:
    return Place(id=place_id, name=name, country=None, admin1=None, lat=0.0, lon=0.0,
                 geonameid=None, feature="P", precision=precision, mentions=spans(text, name))


def parse(nlp: Language, text: str, blocks: tuple[Block, ...] | None = None,
          published: str | None = "2023-05-10") -> Annotated:
    blocks = blocks or (Block(kind=BlockKind.BODY, start=0, end=len(text)),)
    art = Article(id="a1", source="test", text=text, blocks=blocks, published=published)
    return next(annotate([art], nlp, NlpConfig()))


def code(nlp: Language, lexicon: Lexicon, text: str, actors: Mapping[str, tuple[str, ...]], *,
         extra: tuple[Actor, ...] = (), places: tuple[Place, ...] = (),
         times: tuple[TimeExpr, ...] = (), quotes: tuple[Quote, ...] = (),
         config: EventsConfig | None = None, ann: Annotated | None = None,
         model: EventModel | None = None) -> tuple[Event, ...]:
    """Code ``text`` with state actors ``{id: surfaces}`` plus any other stage inputs (by
    rules alone unless a ``model`` is given)."""
    found = tuple(actor(text, k, *v) for k, v in actors.items()) + extra
    return code_events(ann or parse(nlp, text), found, places, times, quotes, lexicon, config,
                       model)


def only(events: tuple[Event, ...], kind: PloverType) -> Event:
    found = [e for e in events if e.plover.type == kind]
    assert len(found) == 1, [(e.plover.type, e.trigger) for e in events]
    return found[0]


def surface(text: str, span: Span) -> str:
    return text[span.start:span.end]


# --- one sentence per PLOVER type -------------------------------------------------------------

TYPES = [
    ("Iran and Russia agreed to expand cooperation on energy projects.",
     {"IRN": ("Iran",), "RUS": ("Russia",)}, PloverType.AGREE, ("IRN", "RUS"), ()),
    ("The United States and China held talks in Geneva on Tuesday.",
     {"USA": ("The United States",), "CHN": ("China",)}, PloverType.CONSULT, ("USA", "CHN"), ()),
    ("France praised Kenya for its role in the peace process.",
     {"FRA": ("France",), "KEN": ("Kenya",)}, PloverType.SUPPORT, ("FRA",), ("KEN",)),
    ("Israel conceded that the raid had been a mistake.",
     {"ISR": ("Israel",)}, PloverType.CONCEDE, ("ISR",), ()),
    ("Japan and India will cooperate on maritime security.",
     {"JPN": ("Japan",), "IND": ("India",)}, PloverType.COOPERATE, ("JPN", "IND"), ()),
    ("Germany provided humanitarian aid to Ukraine.",
     {"DEU": ("Germany",), "UKR": ("Ukraine",)}, PloverType.AID, ("DEU",), ("UKR",)),
    ("Russia withdrew its troops from the border with Ukraine.",
     {"RUS": ("Russia",)}, PloverType.RETREAT, ("RUS",), ()),
    ("The European Union urged Serbia to recognise Kosovo.",
     {"EU": ("The European Union",), "SRB": ("Serbia",), "XKX": ("Kosovo",)},
     PloverType.REQUEST, ("EU",), ("SRB",)),
    ("Turkey accused Greece of violating its airspace.",
     {"TUR": ("Turkey",), "GRC": ("Greece",)}, PloverType.ACCUSE, ("TUR",), ("GRC",)),
    ("Pakistan rejected India's proposal for talks.",
     {"PAK": ("Pakistan",), "IND": ("India",)}, PloverType.REJECT, ("PAK",), ("IND",)),
    ("Vladimir Putin threatened to cut gas supplies to Poland.",
     {"PUT": ("Vladimir Putin",), "POL": ("Poland",)}, PloverType.THREATEN, ("PUT",), ()),
    ("Thousands of people protested against the government in Nairobi on Sunday.",
     {"KEN": ("the government",)}, PloverType.PROTEST, (), ("KEN",)),
    ("Poland expelled three Russian diplomats.",
     {"POL": ("Poland",)}, PloverType.SANCTION, ("POL",), ()),
    ("China deployed warships near Taiwan.",
     {"CHN": ("China",)}, PloverType.MOBILIZE, ("CHN",), ()),
    ("The United States imposed sanctions on Iran over its nuclear programme.",
     {"USA": ("The United States",), "IRN": ("Iran",)}, PloverType.COERCE, ("USA",), ("IRN",)),
    ("Hamas fired rockets at Israel.",
     {"HAM": ("Hamas",), "ISR": ("Israel",)}, PloverType.ASSAULT, ("HAM",), ("ISR",)),
]


@pytest.mark.parametrize(("text", "actors", "kind", "who", "whom"), TYPES,
                         ids=[t[2].value for t in TYPES])
def test_each_plover_type(nlp: Language, lexicon: Lexicon, text: str,
                          actors: dict[str, tuple[str, ...]], kind: PloverType,
                          who: tuple[str, ...], whom: tuple[str, ...]) -> None:
    event = only(code(nlp, lexicon, text, actors, config=EventsConfig(keep_unanchored=True)),
                 kind)
    assert (event.actor, event.recipient) == (who, whom)
    assert event.coder == lexicon.version == "eventwire-rules/0.2"
    assert len(event.cameo) == 2 and 1 <= int(event.cameo) <= 20
    assert event.quad == (1 if int(event.cameo) <= 5 else 2 if int(event.cameo) <= 9
                          else 3 if int(event.cameo) <= 14 else 4)
    assert event.trigger.start >= event.evidence[0].start
    assert event.trigger.end <= event.evidence[0].end
    assert 0.0 <= event.confidence <= 1.0


def test_say_and_tell_alone_are_not_events(nlp: Language, lexicon: Lexicon) -> None:
    text = "Russia said on Monday that it had told Kenya about the plan."
    assert code(nlp, lexicon, text, {"RUS": ("Russia",), "KEN": ("Kenya",)}) == ()


# --- roles ------------------------------------------------------------------------------------


def test_passive_with_agent(nlp: Language, lexicon: Lexicon) -> None:
    text = "Kenya was attacked by al-Shabaab on Monday."
    monday = time(text, "Monday", "2023-05-08", "2023-05-08", DatePrecision.DAY)
    event = only(code(nlp, lexicon, text, {"KEN": ("Kenya",), "SHB": ("al-Shabaab",)},
                      times=(monday,)), PloverType.ASSAULT)
    assert (event.actor, event.recipient) == (("SHB",), ("KEN",))
    assert (event.date.text, event.date.start) == ("Monday", "2023-05-08")


def test_attributed_to_names_the_actor_of_a_passive(nlp: Language, lexicon: Lexicon) -> None:
    text = "Mali has been targeted by attacks attributed to Wagner."
    event = only(code(nlp, lexicon, text, {"MLI": ("Mali",), "WAG": ("Wagner",)}),
                 PloverType.ASSAULT)
    assert (event.actor, event.recipient) == (("WAG",), ("MLI",))


def test_coordinated_actors_with_a_partner_are_a_joint_exercise(nlp: Language,
                                                              lexicon: Lexicon) -> None:
    text = "Uzbekistan and Tajikistan held joint military exercises with Russia."
    event = only(code(nlp, lexicon, text, {"UZB": ("Uzbekistan",), "TJK": ("Tajikistan",),
                                           "RUS": ("Russia",)}), PloverType.COOPERATE)
    assert (event.actor, event.recipient) == (("UZB", "TJK"), ("RUS",))
    assert (event.cameo, event.plover.mode, event.plover.context) == ("06", (), ("military",))
    assert event.acled is not None and event.acled.event_type == "Strategic developments"


def test_single_party_exercise_is_mobilize(nlp: Language, lexicon: Lexicon) -> None:
    text = "Russia held military exercises in Kaliningrad."
    event = only(code(nlp, lexicon, text, {"RUS": ("Russia",)}), PloverType.MOBILIZE)
    assert (event.actor, event.cameo, event.plover.mode) == (("RUS",), "15", ("troops",))


def test_nominal_event_with_possessor(nlp: Language, lexicon: Lexicon) -> None:
    text = "The Taliban's takeover of Kabul shocked the world."
    event = only(code(nlp, lexicon, text, {"TAL": ("Taliban",)}), PloverType.COERCE)
    assert event.actor == ("TAL",)
    assert surface(text, event.trigger) == "takeover"


def test_nominal_event_involving_members(nlp: Language, lexicon: Lexicon) -> None:
    text = ("Drills involving members of the Collective Security Treaty Organisation are "
            "scheduled in Kyrgyzstan between September 7 and 9.")
    kgz = place(text, "pl-kgz", "Kyrgyzstan", PlacePrecision.COUNTRY)
    dates = time(text, "between September 7 and 9", "2023-09-07", "2023-09-09",
                 DatePrecision.DAY)
    event = only(code(nlp, lexicon, text, {"CSTO": ("Collective Security Treaty Organisation",)},
                      places=(kgz,), times=(dates,)), PloverType.COOPERATE)
    assert event.actor == ("CSTO",)
    assert event.factuality.tense == Tense.FUTURE
    assert (event.place, event.place_precision) == ("pl-kgz", PlacePrecision.COUNTRY)
    assert (event.date.start, event.date.end) == ("2023-09-07", "2023-09-09")


def test_pronoun_subject_is_the_preceding_subject_actor(nlp: Language,
                                                        lexicon: Lexicon) -> None:
    text = "While Russia remains optimistic, it has warned of militants entering the region."
    event = only(code(nlp, lexicon, text, {"RUS": ("Russia",)}), PloverType.ACCUSE)
    assert event.actor == ("RUS",)
    assert event.plover.mode == ("disapprove",)


# --- factuality -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind"), [
    ("Iran did not attack Israel.", PloverType.ASSAULT),
    ("Iran denied attacking Israel.", PloverType.ASSAULT),
    ("Iran has never threatened Israel.", PloverType.THREATEN),
])
def test_negation(nlp: Language, lexicon: Lexicon, text: str, kind: PloverType) -> None:
    event = only(code(nlp, lexicon, text, {"IRN": ("Iran",), "ISR": ("Israel",)}), kind)
    assert event.factuality.polarity == Polarity.NEGATED
    assert "negation" in event.plover.context


def test_hypothetical(nlp: Language, lexicon: Lexicon) -> None:
    text = "India could impose sanctions on China if talks fail."
    event = only(code(nlp, lexicon, text, {"IND": ("India",), "CHN": ("China",)}),
                 PloverType.COERCE)
    assert event.factuality.polarity == Polarity.HYPOTHETICAL
    assert (event.actor, event.recipient) == (("IND",), ("CHN",))


@pytest.mark.parametrize("text", [
    "Russia and Ukraine will meet in Istanbul.",
    "Russia and Ukraine plan to meet in Istanbul.",
    "Russia and Ukraine are scheduled to meet in Istanbul.",
])
def test_future_and_planned(nlp: Language, lexicon: Lexicon, text: str) -> None:
    event = only(code(nlp, lexicon, text, {"RUS": ("Russia",), "UKR": ("Ukraine",)}),
                 PloverType.CONSULT)
    assert event.factuality.tense == Tense.FUTURE
    assert event.actor == ("RUS", "UKR")
    assert "future" in event.plover.context


def test_headline_infinitive_is_future(nlp: Language, lexicon: Lexicon) -> None:
    text = "Germany to send aid to Ukraine"
    ann = parse(nlp, text, (Block(kind=BlockKind.TITLE, start=0, end=len(text)),))
    event = only(code(nlp, lexicon, text, {"DEU": ("Germany",), "UKR": ("Ukraine",)},
                      ann=ann), PloverType.AID)
    assert event.factuality.tense == Tense.FUTURE
    assert (event.actor, event.recipient) == (("DEU",), ("UKR",))


def test_present_progressive_is_ongoing(nlp: Language, lexicon: Lexicon) -> None:
    text = "Protesters are rallying against the government in Nairobi."
    event = only(code(nlp, lexicon, text, {"KEN": ("the government",)}), PloverType.PROTEST)
    assert event.factuality.tense == Tense.ONGOING


def test_historical_background_has_no_date(nlp: Language, lexicon: Lexicon) -> None:
    text = "Turkey has previously threatened Greece, officials said on Monday."
    monday = time(text, "Monday", "2023-05-08", "2023-05-08", DatePrecision.DAY)
    event = only(code(nlp, lexicon, text, {"TUR": ("Turkey",), "GRC": ("Greece",)},
                      times=(monday,)), PloverType.THREATEN)
    assert event.factuality.historical
    assert event.date.text is None
    assert "historical" in event.plover.context


def test_event_dated_long_before_publication_is_background(nlp: Language,
                                                           lexicon: Lexicon) -> None:
    text = "Turkey invaded Cyprus in 1974."
    year = time(text, "1974", "1974-01-01", "1974-12-31", DatePrecision.YEAR)
    event = only(code(nlp, lexicon, text, {"TUR": ("Turkey",), "CYP": ("Cyprus",)},
                      times=(year,)), PloverType.ASSAULT)
    assert event.factuality.historical and event.date.start is None
    assert (event.actor, event.recipient) == (("TUR",), ("CYP",))


def test_background_after_following(nlp: Language, lexicon: Lexicon) -> None:
    text = "Russia held talks with Iran following the Taliban's takeover of Kabul."
    events = code(nlp, lexicon, text, {"RUS": ("Russia",), "IRN": ("Iran",),
                                       "TAL": ("Taliban",)})
    assert only(events, PloverType.COERCE).factuality.historical
    assert not only(events, PloverType.CONSULT).factuality.historical


def test_reported_in_a_quote(nlp: Language, lexicon: Lexicon) -> None:
    text = '"We will never negotiate with Hamas," Prime Minister Benjamin Netanyahu said.'
    end = text.index('," ')
    quote = Quote(id="q1", text=text[1:end], start=1, end=end, direct=True, speaker="NET")
    netanyahu = actor(text, "NET", "Benjamin Netanyahu", kind=ActorKind.PERSON,
                      affiliation="ISR")
    event = only(code(nlp, lexicon, text, {"HAM": ("Hamas",)}, quotes=(quote,),
                      extra=(netanyahu, actor(text, "ISR", "Israel"))), PloverType.CONSULT)
    assert (event.actor, event.recipient) == (("ISR",), ("HAM",))
    assert (event.factuality.source, event.factuality.reported) == ("NET", True)
    assert event.factuality.polarity == Polarity.NEGATED
    assert event.factuality.tense == Tense.FUTURE


def test_reported_in_the_complement_of_a_reporting_verb(nlp: Language,
                                                        lexicon: Lexicon) -> None:
    text = "Egypt said Israel had bombed a hospital."
    event = only(code(nlp, lexicon, text, {"EGY": ("Egypt",), "ISR": ("Israel",)}),
                 PloverType.ASSAULT)
    assert (event.actor, event.factuality.source, event.factuality.reported) == (
        ("ISR",), "EGY", True)


def test_asserted_event_is_not_reported(nlp: Language, lexicon: Lexicon) -> None:
    event = only(code(nlp, lexicon, "Hamas fired rockets at Israel.",
                      {"HAM": ("Hamas",), "ISR": ("Israel",)}), PloverType.ASSAULT)
    assert event.factuality == type(event.factuality)(polarity=Polarity.ASSERTED,
                                                      tense=Tense.PAST)


# --- ACLED-style notes ------------------------------------------------------------------------


def test_acled_style_ied_note(nlp: Language, lexicon: Lexicon) -> None:
    text = ("On 3 March, an IED planted by suspected al-Shabaab militants exploded near a "
            "police post in Mogadishu, killing two officers.")
    mogadishu = place(text, "pl-mgq", "Mogadishu", PlacePrecision.EXACT)
    march = time(text, "3 March", "2023-03-03", "2023-03-03", DatePrecision.DAY)
    events = code(nlp, lexicon, text, {"SHB": ("al-Shabaab",)}, places=(mogadishu,),
                  times=(march,))
    event = only(events, PloverType.ASSAULT)
    assert len(events) == 1
    assert event.actor == ("SHB",)
    assert event.acled is not None
    assert (event.acled.event_type, event.acled.sub_event_type) == (
        "Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert (event.place, event.place_precision) == ("pl-mgq", PlacePrecision.EXACT)
    assert event.date.start == "2023-03-03"
    assert event.plover.mode == ("explosives",)


def test_acled_clash_near_a_town(nlp: Language, lexicon: Lexicon) -> None:
    text = "Boko Haram fighters clashed with Nigerian troops near Maiduguri."
    town = place(text, "pl-mai", "Maiduguri", PlacePrecision.EXACT)
    event = only(code(nlp, lexicon, text, {"BH": ("Boko Haram",), "NGA": ("Nigerian",)},
                      places=(town,)), PloverType.ASSAULT)
    assert (event.actor, event.recipient) == (("BH",), ("NGA",))
    assert event.acled is not None and event.acled.sub_event_type == "Armed clash"
    assert (event.place, event.place_precision) == ("pl-mai", PlacePrecision.ADMIN1)


def test_unnamed_perpetrators_are_kept_when_anchored(nlp: Language, lexicon: Lexicon) -> None:
    text = "Unidentified gunmen killed five villagers in Borno on Friday."
    borno = place(text, "pl-bor", "Borno", PlacePrecision.ADMIN1)
    friday = time(text, "Friday", "2023-05-05", "2023-05-05", DatePrecision.DAY)
    event = only(code(nlp, lexicon, text, {}, places=(borno,), times=(friday,)),
                 PloverType.ASSAULT)
    assert (event.actor, event.recipient, event.place) == ((), (), "pl-bor")
    assert event.acled is not None
    assert event.acled.event_type == "Violence against civilians"


def test_vague_events_are_dropped_unless_asked_for(nlp: Language, lexicon: Lexicon) -> None:
    text = "Militants attacked a village."
    assert code(nlp, lexicon, text, {}) == ()
    kept = code(nlp, lexicon, text, {}, config=EventsConfig(keep_unanchored=True))
    assert [e.plover.type for e in kept] == [PloverType.ASSAULT]


def test_protest_acled(nlp: Language, lexicon: Lexicon) -> None:
    text = "Thousands of people protested against the government in Nairobi."
    event = only(code(nlp, lexicon, text, {"KEN": ("the government",)}), PloverType.PROTEST)
    assert event.acled is not None
    assert (event.acled.event_type, event.acled.sub_event_type) == ("Protests",
                                                                     "Peaceful protest")
    assert event.plover.mode == ("demo",)


# --- mentions, ids, spans ---------------------------------------------------------------------


def test_two_mentions_are_one_event_with_two_evidence_spans(nlp: Language,
                                                            lexicon: Lexicon) -> None:
    text = ("Russia has warned of militants entering the region. Officials met in Moscow. "
            "Russia warned of militants entering the region as refugees.")
    events = code(nlp, lexicon, text, {"RUS": ("Russia",)})
    event = only(events, PloverType.ACCUSE)
    assert len(event.evidence) == 2
    assert [surface(text, s)[:6] for s in event.evidence] == ["Russia", "Russia"]


def test_ids_are_stable_and_spans_slice_the_text(nlp: Language, lexicon: Lexicon) -> None:
    text = "Hamas fired rockets at Israel. Israel bombed Gaza on Monday."
    actors = {"HAM": ("Hamas",), "ISR": ("Israel",)}
    first, again = code(nlp, lexicon, text, actors), code(nlp, lexicon, text, actors)
    assert [e.id for e in first] == [e.id for e in again]
    assert len({e.id for e in first}) == len(first) == 2
    assert all(e.id.startswith("ev-") for e in first)
    assert surface(text, first[0].trigger) == "fired rockets"
    assert surface(text, first[1].evidence[0]) == "Israel bombed Gaza on Monday."


def test_lexicon_rejects_a_bad_rule(tmp_path: Path) -> None:
    bad = tmp_path / "triggers.yaml"
    bad.write_text("light_verbs: []\nrecipients: {}\nrules:\n  ASSAULT:\n"
                   "    - {match: attack, cameo: '99'}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="CAMEO"):
        Lexicon.load(triggers=bad)


def test_lexicon_covers_every_plover_type(lexicon: Lexicon) -> None:
    assert {r.type for r in lexicon.rules} == set(PloverType)
    assert all(1 <= int(r.root) <= 20 for r in lexicon.rules)


# --- the example article ----------------------------------------------------------------------

FURNITURE = ("READ MORE", "Loading...", "Route 6", "Reuters")


def example_article(raw: str) -> Article:
    """The clean article of the example, as the extract stage leaves it (built by hand)."""
    paragraphs: list[str] = []
    for line in (x.strip() for x in raw.splitlines()):
        if line and not line.startswith(FURNITURE) and line not in paragraphs:
            paragraphs.append(line)
    text = "\n\n".join(paragraphs)
    blocks, at = [], 0
    for n, para in enumerate(paragraphs):
        kind = [BlockKind.TITLE, BlockKind.STANDFIRST, BlockKind.CAPTION][n] if n < 3 else (
            BlockKind.HEADING if para == "Military exercises" else BlockKind.BODY)
        blocks.append(Block(kind=kind, start=at, end=at + len(para)))
        at += len(para) + 2
    return Article(id="example", source="example", text=text, blocks=tuple(blocks),
                   published="2021-08-26")


def example_inputs(text: str) -> tuple[tuple[Actor, ...], tuple[Place, ...],
                                       tuple[TimeExpr, ...], tuple[Quote, ...]]:
    """The key actors, places, times and quotes of expected.md, from spans of the text."""
    group = ("Central Asian republics bordering Afghanistan", "countries in ex-Soviet region",
             "countries in the ex-Soviet region", "countries in the region",
             "Central Asian countries", "the ex-Soviet republics in the region")
    actors = (
        actor(text, "RUS", "Russia", "Moscow", sector="GOV"),
        actor(text, "ROE", "Rosoboron export", kind=ActorKind.ORGANIZATION, affiliation="RUS"),
        actor(text, "MIK", "Alexander Mikheev", kind=ActorKind.PERSON, affiliation="ROE"),
        actor(text, "TAL", "Taliban", kind=ActorKind.ORGANIZATION, sector="REB"),
        actor(text, "UZB", "Uzbekistan"), actor(text, "TJK", "Tajikistan"),
        actor(text, "CSTO", "Collective Security Treaty Organisation (CSTO)", "the alliance",
              kind=ActorKind.ORGANIZATION, sector="IGO"),
        Actor(id="CAR", name="Central Asian republics", kind=ActorKind.GROUP,
              members=("TJK", "UZB", "TKM"), mentions=spans(text, *group)))
    places = (place(text, "pl-afg", "Afghanistan", PlacePrecision.COUNTRY),
              place(text, "pl-kgz", "Kyrgyzstan", PlacePrecision.COUNTRY),
              place(text, "pl-kbl", "Kabul", PlacePrecision.EXACT))
    times = (time(text, "Thursday", "2021-08-26", "2021-08-26", DatePrecision.DAY),
             time(text, "earlier this month", "2021-08-01", "2021-08-25", DatePrecision.MONTH),
             time(text, "between September 7 and 9", "2021-09-07", "2021-09-09",
                  DatePrecision.DAY))
    first = text.index("We are already")
    second = text.index("the destruction")
    bounds = ((first, text.index(' systems,"') + 8, "MIK"),
              (second, text.index('member state"') + 12, "CSTO"))
    quotes = tuple(Quote(id=f"q{n}", text=text[a:b], start=a, end=b, direct=True, speaker=who)
                   for n, (a, b, who) in enumerate(bounds))
    return actors, places, times, quotes


@pytest.fixture(scope="module", params=["rules", "both"])
def example(request: pytest.FixtureRequest, nlp: Language, lexicon: Lexicon, model: EventModel,
            example_text: str) -> tuple[str, dict[PloverType, list[Event]]]:
    """The example's events by rules alone and by rules and model (the default)."""
    art = example_article(example_text)
    actors, places, times, quotes = example_inputs(art.text)
    ann = next(annotate([art], nlp, NlpConfig()))
    by_type: dict[PloverType, list[Event]] = {}
    with_model = model if request.param == "both" else None
    for event in code_events(ann, actors, places, times, quotes, lexicon, model=with_model):
        by_type.setdefault(event.plover.type, []).append(event)
    return art.text, by_type


def test_example_has_the_eight_events_of_expected_md(
        example: tuple[str, dict[PloverType, list[Event]]]) -> None:
    _, by_type = example
    assert {k: len(v) for k, v in by_type.items()} == {
        PloverType.AID: 1, PloverType.COERCE: 1, PloverType.ACCUSE: 2,
        PloverType.COOPERATE: 2, PloverType.THREATEN: 1, PloverType.ASSAULT: 1}


def test_example_arms_supply_event(example: tuple[str, dict[PloverType, list[Event]]]) -> None:
    text, by_type = example
    (event,) = by_type[PloverType.AID]
    assert (event.cameo, event.quad, event.plover.context) == ("07", 2, ("military", "future"))
    assert event.actor == ("RUS", "ROE") and event.recipient == ("CAR",)
    assert event.factuality == type(event.factuality)(
        polarity=Polarity.ASSERTED, tense=Tense.FUTURE, source="MIK", reported=True)
    assert (event.date.text, event.date.start, event.date.precision) == (
        "Thursday", "2021-08-26", DatePrecision.DAY)
    firsts = [surface(text, s).split()[0] for s in event.evidence]
    assert firsts == ["Russia", "Orders", "Russia", '"We']


def test_example_arms_record(example: tuple[str, dict[PloverType, list[Event]]]) -> None:
    (event,) = example[1][PloverType.AID]
    arms = event.arms
    assert arms is not None
    assert (arms.supplier, arms.recipient) == (("RUS", "ROE"), ("CAR",))
    assert [i.category for i in arms.items] == [
        ArmsCategory.AIRCRAFT, ArmsCategory.SMALL_ARMS, ArmsCategory.BORDER_SECURITY]
    assert all(i.quantity is None and i.designation is None for i in arms.items)
    assert arms.stage == ArmsStage.ORDERED
    assert arms.value is None


def test_example_background_takeover(example: tuple[str, dict[PloverType, list[Event]]]) -> None:
    text, by_type = example
    (event,) = by_type[PloverType.COERCE]
    assert surface(text, event.trigger) == "takeover"
    assert event.actor == ("TAL",)
    assert event.factuality.historical and event.date.text is None


def test_example_statements(example: tuple[str, dict[PloverType, list[Event]]]) -> None:
    text, by_type = example
    concerns, warning = sorted(by_type[PloverType.ACCUSE],
                               key=lambda e: "warn" in surface(text, e.trigger))
    assert surface(text, concerns.trigger) == "raised concerns"
    assert (concerns.actor, concerns.recipient, len(concerns.evidence)) == (
        ("CAR",), ("TAL",), 2)
    assert surface(text, warning.trigger) == "warned"
    assert (warning.actor, warning.recipient, len(warning.evidence)) == (("RUS",), (), 2)
    assert {concerns.factuality.tense, warning.factuality.tense} == {Tense.PAST}
    (threat,) = by_type[PloverType.THREATEN]
    assert (threat.actor, threat.recipient) == (("TAL",), ("CAR",))
    assert threat.factuality.polarity == Polarity.NEGATED
    assert (threat.factuality.source, threat.factuality.reported) == ("TAL", True)


def test_example_exercises(example: tuple[str, dict[PloverType, list[Event]]]) -> None:
    text, by_type = example
    held, drills = by_type[PloverType.COOPERATE]
    assert (held.actor, held.recipient) == (("UZB", "TJK"), ("RUS",))
    assert (held.date.text, held.date.precision) == ("earlier this month", DatePrecision.MONTH)
    assert (held.place, held.place_precision) == ("pl-afg", PlacePrecision.REGION)
    assert held.factuality.tense == Tense.PAST
    assert surface(text, drills.trigger) == "Drills"
    assert drills.actor == ("CSTO",)
    assert drills.factuality.tense == Tense.FUTURE
    assert (drills.date.start, drills.date.end) == ("2021-09-07", "2021-09-09")
    assert drills.place == "pl-kgz"
    assert len(drills.evidence) == 2


def test_example_past_attacks(example: tuple[str, dict[PloverType, list[Event]]]) -> None:
    text, by_type = example
    (attack,) = by_type[PloverType.ASSAULT]
    assert surface(text, attack.trigger) == "targeted"
    assert (attack.actor, attack.recipient) == ((), ("CAR",))
    assert attack.factuality.historical and attack.factuality.tense == Tense.PAST
    assert attack.date.text is None


def test_example_spans_slice_the_text(example: tuple[str, dict[PloverType, list[Event]]]) -> None:
    text, by_type = example
    for event in (e for events in by_type.values() for e in events):
        for span in (event.trigger, *event.evidence):
            assert 0 <= span.start < span.end <= len(text)
            assert surface(text, span) == surface(text, span).strip()
        assert any(s.start <= event.trigger.start < s.end for s in event.evidence)


# --- ACLED sub-event types, rules and model -------------------------------------------------

ACLED_NOTES = [
    ("On 2 June, a man threw a grenade at a police station in Bujumbura.",
     "Explosions/Remote violence", "Grenade"),
    ("On 9 August, soldiers raped two women in a village near Bunia.",
     "Violence against civilians", "Sexual violence"),
    ("On 14 August, the army recaptured the town of Ber from the rebels.",
     "Battles", "Government regains territory"),
    ("On 5 May, a mob lynched a suspected thief in Kano.", "Riots", "Mob violence"),
    ("On 4 April, soldiers defused an IED planted on the road near Mandera.",
     "Strategic developments", "Disrupted weapons use"),
]


@pytest.mark.parametrize(("text", "event_type", "sub_event_type"), ACLED_NOTES,
                         ids=[n[2] for n in ACLED_NOTES])
@pytest.mark.parametrize("with_model", [False, True], ids=["rules", "both"])
def test_acled_sub_event_types(nlp: Language, lexicon: Lexicon, model: EventModel, text: str,
                               event_type: str, sub_event_type: str, with_model: bool) -> None:
    army = actor(text, "ARMY", "the army", "soldiers", kind=ActorKind.ORGANIZATION, sector="MIL")
    events = code(nlp, lexicon, text, {}, extra=(army,),
                  config=EventsConfig(keep_unanchored=True),
                  model=model if with_model else None)
    coded = [e.acled for e in events if e.acled is not None]
    assert coded and (coded[0].event_type, coded[0].sub_event_type) == (event_type,
                                                                         sub_event_type)


def test_model_reads_an_intervention_in_the_next_sentence(nlp: Language, lexicon: Lexicon,
                                                          model: EventModel) -> None:
    text = ("On 5 April, students demonstrated against fee increases in Lagos. Police "
            "dispersed the crowd with tear gas and arrested ten students.")
    lagos = place(text, "pl-los", "Lagos", PlacePrecision.EXACT)
    by_rules = only(code(nlp, lexicon, text, {}, places=(lagos,)), PloverType.PROTEST)
    assert by_rules.acled is not None and by_rules.acled.sub_event_type == "Peaceful protest"
    both = only(code(nlp, lexicon, text, {}, places=(lagos,), model=model), PloverType.PROTEST)
    assert both.acled is not None
    assert both.acled.sub_event_type == "Protest with intervention"
    assert both.coder == f"{lexicon.version}+{model.version}"


def test_model_adds_events_only_where_the_rules_found_none(nlp: Language, lexicon: Lexicon,
                                                          model: EventModel) -> None:
    text = "Hamas fired rockets at Israel. Ghana called up thousands of reservists."
    actors = {"HAM": ("Hamas",), "ISR": ("Israel",), "GHA": ("Ghana",)}
    events = code(nlp, lexicon, text, actors, model=model)
    assert [(e.plover.type, e.coder) for e in events] == [
        (PloverType.ASSAULT, f"{lexicon.version}+{model.version}"),
        (PloverType.MOBILIZE, model.version)]
    assert [e.plover.type for e in code(nlp, lexicon, text, actors)] == [PloverType.ASSAULT]


def test_a_coder_must_be_on(nlp: Language, lexicon: Lexicon, model: EventModel) -> None:
    text = "Hamas fired rockets at Israel."
    with pytest.raises(ConfigError, match="no event model"):
        code(nlp, lexicon, text, {}, config=EventsConfig(rules=False))
    with pytest.raises(ConfigError, match="no event model"):
        code(nlp, lexicon, text, {}, config=EventsConfig(rules=False, model=False),
             model=model)


def test_lexicon_rejects_an_acled_code_acled_lacks(tmp_path: Path) -> None:
    bad = tmp_path / "triggers.yaml"
    bad.write_text("light_verbs: []\nrecipients: {}\nrules:\n  ASSAULT:\n"
                   "    - {match: attack, cameo: '180', acled: [Battles, Attack]}\n",
                   encoding="utf-8")
    with pytest.raises(ConfigError, match="Violence against civilians"):
        Lexicon.load(triggers=bad)


def test_a_drill_scenario_is_hypothetical(nlp: Language, lexicon: Lexicon) -> None:
    text = "The drills will simulate an attack by rebels on a border post in Armenia."
    events = code(nlp, lexicon, text, {"ARM": ("Armenia",)},
                  extra=(actor(text, "REB", "rebels", kind=ActorKind.GROUP),))
    assert only(events, PloverType.ASSAULT).factuality.polarity is Polarity.HYPOTHETICAL


def test_a_contrastive_clause_keeps_its_own_date(nlp: Language, lexicon: Lexicon) -> None:
    text = "While Serbia threatened Kosovo, Albania withdrew its troops on Monday."
    monday = time(text, "on Monday", "2023-05-08", "2023-05-08", DatePrecision.DAY)
    events = code(nlp, lexicon, text, {"SRB": ("Serbia",), "XKX": ("Kosovo",),
                                       "ALB": ("Albania",)}, times=(monday,))
    assert only(events, PloverType.THREATEN).date.start is None
    assert only(events, PloverType.RETREAT).date.start == "2023-05-08"
