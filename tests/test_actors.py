"""Actor stage: codebook lookups, resolution rules, user codebook files."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.errors import ConfigError
from eventwire.records import Actor, Article
from eventwire.stages.actors import Codebook, resolve_actors
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.vocab import ActorKind


@pytest.fixture(scope="module")
def book() -> Codebook:
    return Codebook.load()


def actors_of(text: str, nlp: Language, book: Codebook) -> dict[str, Actor]:
    article = Article(id="t", source="t", text=text, blocks=())
    ann = next(annotate([article], nlp, NlpConfig()))
    found = resolve_actors(ann, book)
    for actor in found:
        for m in actor.mentions:
            assert 0 <= m.start < m.end <= len(text)
    return {a.id: a for a in found}


def surfaces(actor: Actor, text: str) -> list[str]:
    return [text[m.start:m.end] for m in actor.mentions]


def test_codebook_counts_and_lookups(book: Codebook) -> None:
    assert len(book.entries) > 340
    assert book.lookup("the Kremlin") is book.entries["RUS"]
    assert book.lookup("Britain") is book.entries["GBR"]
    assert book.lookup("Daesh") is book.entries["ISIS"]
    assert book.lookup("us") is None
    assert book.demonym_of("Emirati") is book.entries["ARE"]
    assert book.capital_of("Moscow") is book.entries["RUS"]
    assert set(book.neighbours["AFG"]) >= {"TJK", "UZB", "TKM"}


def test_example_article_actors(example_text: str, nlp: Language, book: Codebook) -> None:
    actors = actors_of(example_text, nlp, book)
    rus = actors["act-rus"]
    assert (rus.country, rus.sector, rus.kind) == ("RUS", "GOV", ActorKind.STATE)
    assert "Moscow" in surfaces(rus, example_text)
    assert actors["act-taliban"].country == "AFG" and actors["act-taliban"].sector == "REB"
    assert actors["act-rosoboronexport"].country == "RUS"
    assert surfaces(actors["act-rosoboronexport"], example_text) == ["Rosoboron export"]
    mikheev = actors["act-person-alexander-mikheev"]
    assert mikheev.kind is ActorKind.PERSON and mikheev.role == "head"
    assert mikheev.affiliation == "act-rosoboronexport" and mikheev.country == "RUS"
    csto = actors["act-csto"]
    assert csto.country == "IGO" and "act-kgz" in csto.members and "act-rus" in csto.members
    assert {"CSTO", "the alliance"} <= set(surfaces(csto, example_text))
    phrase = "Central Asian republics bordering Afghanistan"
    bordering = next(a for a in actors.values() if surfaces(a, example_text) == [phrase])
    assert sorted(bordering.members) == ["act-tjk", "act-tkm", "act-uzb"]
    assert actors["act-rianovosti"].sector == "MED"
    assert actors["act-afg-reb"].name == "Afghan militants"
    assert "act-kgz" in actors and actors["act-kgz"].mentions == ()
    for member in csto.members:
        assert member in actors


def test_capital_as_location_is_not_an_actor(nlp: Language, book: Codebook) -> None:
    text = "Thousands gathered in Paris on Sunday. Paris has condemned the coup in Niger."
    actors = actors_of(text, nlp, book)
    assert surfaces(actors["act-fra"], text) == ["Paris"]
    assert actors["act-fra"].mentions[0].start == text.index("Paris has")


def test_demonyms_with_role_nouns(nlp: Language, book: Codebook) -> None:
    text = "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate."
    actors = actors_of(text, nlp, book)
    assert actors["act-hun-gov"].country == "HUN" and actors["act-rou-gov"].sector == "GOV"


def test_unknown_group_is_not_given_a_country(nlp: Language, book: Codebook) -> None:
    text = "Unidentified gunmen attacked a police post, and militants later fled."
    actors = actors_of(text, nlp, book)
    gunmen = [a for a in actors.values() if a.sector == "REB"]
    assert gunmen and all(a.country is None for a in gunmen)


def test_acronym_defined_in_text_joins_long_form(nlp: Language, book: Codebook) -> None:
    text = ("The Northern Farmers Union (NFU) met the minister on Monday. "
            "The NFU said it would protest.")
    actors = actors_of(text, nlp, book)
    union = next(a for a in actors.values() if "NFU" in surfaces(a, text))
    assert len(union.mentions) >= 2 and union.country is None


def test_user_file_adds_entries(tmp_path: Path, nlp: Language) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("entries:\n  - {key: ACME, name: Acme Arms, kind: organization, "
                     "country: USA, sector: BUS, aliases: [Acme]}\n")
    book = Codebook.load(extra)
    assert book.lookup("Acme").country == "USA"  # type: ignore[union-attr]
    assert book.version.endswith("+mine.yaml")


@pytest.mark.parametrize(("content", "message"), [
    ("entries: [\n", "line"),
    ("- just a list\n", "expected a mapping"),
    ("entries:\n  - {key: X, name: X}\n", "missing required field 'kind'"),
    ("entries:\n  - {key: X, name: X, kind: alien}\n", "kind 'alien' is not one of"),
])
def test_malformed_user_file_names_file_and_problem(tmp_path: Path, content: str,
                                                    message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(ConfigError, match=message) as info:
        Codebook.load(bad)
    assert str(bad) in str(info.value)


def test_surname_joins_full_name_and_keeps_affiliation(nlp: Language, book: Codebook) -> None:
    text = ("Barack Obama met NATO leaders in Warsaw on Monday. Susan Rice, an adviser to Obama, "
            "said the alliance was strong.")
    actors = actors_of(text, nlp, book)
    obama = actors["act-person-barack-obama"]
    assert surfaces(obama, text) == ["Barack Obama", "Obama"]
    assert "act-person-obama" not in actors
    assert actors["act-person-susan-rice"].role == "adviser"
