"""Places stage: toponyms geocoded offline, metonymic mentions left to the actors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventwire.records import Actor, Annotated, Article, Block, Place, Span
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.stages.places import Gazetteer, PlacesConfig, find_places
from eventwire.stages.places.resolve import resolve
from eventwire.vocab import ActorKind, BlockKind, PlacePrecision


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _annotate(nlp: Language, text: str) -> Annotated:
    article = Article(id="t", source="test", text=text,
                      blocks=(Block(kind=BlockKind.BODY, start=0, end=len(text)),))
    return next(annotate([article], nlp, NlpConfig()))


def _places(nlp: Language, gazetteer: Gazetteer, text: str,
            actors: tuple[Actor, ...] = ()) -> dict[str, Place]:
    places = find_places(_annotate(nlp, text), actors, PlacesConfig(), gazetteer)
    for place in places:
        assert place.mentions
        assert all(text[m.start:m.end] for m in place.mentions)
    return {p.name: p for p in places}


def test_example_article_places(nlp: Language, gazetteer: Gazetteer, example_text: str) -> None:
    places = _places(nlp, gazetteer, example_text)
    for name, iso3 in (("Afghanistan", "AFG"), ("Kyrgyzstan", "KGZ"), ("Uzbekistan", "UZB"),
                       ("Tajikistan", "TJK")):
        assert places[name].country == iso3
        assert places[name].precision is PlacePrecision.COUNTRY
    kabul = places["Kabul"]
    assert (kabul.country, kabul.feature, kabul.precision) == ("AFG", "city", PlacePrecision.EXACT)
    assert kabul.id == f"pl-{kabul.geonameid}" and kabul.lat is not None
    assert len(kabul.mentions) >= 3
    kyrgyzstan = places["Kyrgyzstan"].mentions[0]
    assert kyrgyzstan.start == example_text.index("Kyrgyzstan")
    # Moscow and Russia act in every mention (subject, possessive, "led by", "exercises
    # with"): they are actors here, not places. "Central Asian" is an adjective.
    assert "Moscow" not in places and "Russia" not in places
    assert "Central Asia" not in places


def test_every_mention_slices_to_the_name(nlp: Language, gazetteer: Gazetteer,
                                          example_text: str) -> None:
    for place in _places(nlp, gazetteer, example_text).values():
        for m in place.mentions:
            surface = example_text[m.start:m.end]
            assert surface in (place.name, "US") or place.feature == "border"


def test_border_of_the_subjects_with_a_country(nlp: Language, gazetteer: Gazetteer,
                                               example_text: str) -> None:
    border = next(p for p in _places(nlp, gazetteer, example_text).values()
                  if p.feature == "border")
    (mention,) = border.mentions
    assert example_text[mention.start:mention.end] == "borders with Afghanistan"
    assert border.name == "Tajikistan and Uzbekistan border with Afghanistan"
    assert border.id == "pl-border-afg-tjk-uzb" and border.country is None
    assert border.precision is PlacePrecision.REGION
    assert border.lat is not None and 36 < border.lat < 39.5 and 66 < (border.lon or 0) < 71


@pytest.mark.parametrize("sentence", [
    "Moscow holds military bases in the region.",
    "Russia has received new orders for helicopters.",
    "Russia's state arms exporter signed the contract.",
    "The drills are run by an alliance led by Moscow.",
])
def test_agentive_mentions_are_not_places(nlp: Language, gazetteer: Gazetteer,
                                          sentence: str) -> None:
    places = _places(nlp, gazetteer, sentence)
    assert "Moscow" not in places and "Russia" not in places


def test_locative_mentions_are_places(nlp: Language, gazetteer: Gazetteer) -> None:
    text = ("Russia said the talks in Kyrgyzstan went well. Troops were deployed in Russia "
            "along its borders with Afghanistan.")
    places = _places(nlp, gazetteer, text)
    assert set(places) >= {"Kyrgyzstan", "Russia", "Afghanistan"}
    russia = places["Russia"]
    assert [text[m.start:m.end] for m in russia.mentions] == ["Russia"]
    assert russia.mentions[0].start == text.index("in Russia") + 3


def test_subjects_of_their_own_ground_stay_places(nlp: Language, gazetteer: Gazetteer) -> None:
    text = ("Uzbekistan and Tajikistan earlier this month held joint military exercises with "
            "Russia close to their borders with Afghanistan.")
    places = _places(nlp, gazetteer, text)
    assert {"Uzbekistan", "Tajikistan", "Afghanistan"} <= set(places)
    assert "Russia" not in places


def test_region_noun_but_not_adjective(nlp: Language, gazetteer: Gazetteer) -> None:
    places = _places(nlp, gazetteer, "Central Asian leaders met in Central Asia on Monday.")
    region = places["Central Asia"]
    assert (region.feature, region.precision, region.country) == (
        "region", PlacePrecision.REGION, None)
    assert region.id == "pl-central-asia"
    assert len(region.mentions) == 1


def test_regions_inside_one_country_carry_it(nlp: Language, gazetteer: Gazetteer) -> None:
    places = _places(nlp, gazetteer, "Shelling continued in the Gaza Strip overnight.")
    assert places["Gaza Strip"].country == "PSE"


def test_mentions_of_one_place_merge(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Crowds gathered in Kabul. Later, gunfire was heard in Kabul."
    places = find_places(_annotate(nlp, text), (), PlacesConfig(), gazetteer)
    assert [p.name for p in places] == ["Kabul"]
    assert [m.start for m in places[0].mentions] == [text.index("Kabul"), text.rindex("Kabul")]


def test_disambiguation_by_capital_and_context(nlp: Language, gazetteer: Gazetteer) -> None:
    places = _places(nlp, gazetteer, "Protesters marched in Washington and in Paris. "
                                     "The mayor spoke in Springfield, Illinois.")
    assert places["Washington"].admin1 == "US.DC"
    assert places["Paris"].country == "FRA"
    assert places["Springfield"].admin1 == "US.IL"
    assert places["Illinois"].precision is PlacePrecision.ADMIN1


def test_scan_finds_country_and_region_names_without_ner(nlp: Language,
                                                          gazetteer: Gazetteer) -> None:
    text = "Refugees arrived in Tajikistan and Central Asia, Central Asian officials said."
    config = PlacesConfig(labels=())
    places = {p.name for p in find_places(_annotate(nlp, text), (), config, gazetteer)}
    assert places == {"Tajikistan", "Central Asia"}


def test_scan_skips_names_inside_other_entities(nlp: Language, gazetteer: Gazetteer) -> None:
    ann = _annotate(nlp, "The Bank of America opened an office in Chad.")
    assert any(e.label == "ORG" and "America" in e.text for e in ann.entities)
    names = {p.name for p in find_places(ann, (), PlacesConfig(), gazetteer)}
    assert names == {"Chad"}


def test_unknown_toponyms_keep_their_text(nlp: Language) -> None:
    text = "Crowds gathered in Kabul on Friday."
    (place,) = find_places(_annotate(nlp, text), (), PlacesConfig(), Gazetteer([]))
    assert (place.name, place.precision, place.lat, place.geonameid) == (
        "Kabul", PlacePrecision.UNKNOWN, None, None)
    assert place.id == "pl-kabul"


def test_names_the_actor_stage_claims_are_not_places(nlp: Language,
                                                     gazetteer: Gazetteer) -> None:
    text = "Fighters loyal to Daesh crossed into Syria."
    start = text.index("Daesh")
    daesh = Actor(id="a-daesh", name="Islamic State", kind=ActorKind.GROUP,
                  mentions=(Span(start=start, end=start + 5),))
    assert "Daesh" not in _places(nlp, gazetteer, text, (daesh,))


_FRAGMENTS = ("Moscow holds bases", "in Kyrgyzstan", "Russia's exporter", "led by Moscow",
              "Central Asian", "Central Asia", "the Gaza Strip", "Georgia", "with Russia", "said",
              "near their borders", "Kabul", "Springfield", ",", ".", "\n\n", "the Gulf of Aden")


@settings(max_examples=25, deadline=None)
@given(words=st.lists(st.sampled_from(_FRAGMENTS), max_size=12))
def test_mentions_always_slice_the_text(nlp: Language, gazetteer: Gazetteer,
                                        words: list[str]) -> None:
    text = " ".join(words)
    for place in find_places(_annotate(nlp, text), (), PlacesConfig(), gazetteer):
        assert place.mentions
        for m in place.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end].strip() == text[m.start:m.end]


@pytest.mark.parametrize(("text", "name", "members"), [
    ("Fighting broke out along the Turkish-Syrian border on Monday.", "Syria–Turkey border",
     "pl-border-syr-tur"),
    ("Refugees crossed the border between Sudan and Chad.", "Chad–Sudan border",
     "pl-border-sdn-tcd"),
])
def test_borders_named_by_adjectives_or_between(nlp: Language, gazetteer: Gazetteer, text: str,
                                                name: str, members: str) -> None:
    border = _places(nlp, gazetteer, text)[name]
    assert border.id == members and border.lat is not None


def test_one_sided_border_takes_a_neighbour_from_the_article(nlp: Language,
                                                              gazetteer: Gazetteer) -> None:
    text = "Pakistan said troops massed on the border with Afghanistan."
    border = next(p for p in _places(nlp, gazetteer, text).values() if p.feature == "border")
    assert border.id == "pl-border-afg-pak" and border.lat is not None


@pytest.mark.parametrize(("text", "name", "admin1"), [
    ("The mayor of Paris, Texas spoke on Monday.", "Paris", "US.TX"),
    ("He was arrested in Richmond, Ky., on Friday.", "Richmond", "US.KY"),
    ("Storms hit Atlanta, Georgia overnight.", "Georgia", "US.GA"),
])
def test_containment_picks_the_reading_inside(nlp: Language, gazetteer: Gazetteer, text: str,
                                              name: str, admin1: str) -> None:
    assert _places(nlp, gazetteer, text)[name].admin1 == admin1


def test_georgia_is_the_country_in_a_caucasus_story(nlp: Language,
                                                    gazetteer: Gazetteer) -> None:
    text = "Russian troops stayed in Georgia, near Tbilisi, after the war in South Ossetia."
    assert _places(nlp, gazetteer, text)["Georgia"].country == "GEO"


def test_a_name_the_gazetteer_lacks_lies_within_its_container(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Kashkash in Southern Hasaka."
    spans = [Span(start=text.index(n), end=text.index(n) + len(n))
             for n in ("Kashkash", "Southern Hasaka")]
    readings = resolve(text, spans, gazetteer, PlacesConfig().context_bonus)
    kashkash, hasaka = readings[spans[0]], readings[spans[1]]
    assert kashkash.entry is None and kashkash.within is hasaka.entry
    assert hasaka.entry is not None and (hasaka.entry.feature, hasaka.entry.country) == (
        "admin1", "SYR")


def test_places_carry_points_iso3_and_admin1(nlp: Language, gazetteer: Gazetteer) -> None:
    places = _places(nlp, gazetteer, "Floods hit Punjab, Pakistan, and parts of Russia.")
    punjab, russia = places["Punjab"], places["Russia"]
    assert (punjab.country, punjab.precision) == ("PAK", PlacePrecision.ADMIN1)
    assert punjab.admin1 == "PK.04" and punjab.lat is not None
    assert (russia.lat, russia.lon, russia.geonameid) == (60.0, 100.0, 2017370)


def test_dateline_places_are_flagged(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "KABUL, Aug 26 (Reuters) - Gunfire was heard near the airport in Kabul."
    kabul = _places(nlp, gazetteer, text)["Kabul"]
    assert kabul.dateline and text[kabul.mentions[0].start:kabul.mentions[0].end] == "KABUL"
    assert not _places(nlp, gazetteer, "Gunfire was heard in Kabul.")["Kabul"].dateline


def test_place_opening_a_local_body_name(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "The Shreveport Police Department arrested two men on Friday."
    assert _places(nlp, gazetteer, text)["Shreveport"].admin1 == "US.LA"


@pytest.mark.parametrize("text", ["Doctors confirmed a case of West Nile virus.",
                                  "Two Sri Lankan ministers resigned."])
def test_diseases_and_demonyms_are_not_places(nlp: Language, gazetteer: Gazetteer,
                                              text: str) -> None:
    assert not {"West Nile", "Sri Lankan", "Sri Lanka"} & set(_places(nlp, gazetteer, text))
