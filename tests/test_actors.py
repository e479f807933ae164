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


# --- codebook content ------------------------------------------------------------------------


def test_codebook_has_hundreds_of_sourced_entries(book: Codebook) -> None:
    summary = book.summary()
    assert summary["kind:state"] >= 249 and summary["kind:organization"] >= 500
    for category, floor in (("igo", 80), ("armed_group", 80), ("state_body", 100),
                            ("company", 80), ("media", 80), ("person", 150)):
        assert summary[f"category:{category}"] >= floor, category
    assert all(entry.source for entry in book.entries.values())
    countries = {e.key for e in book.entries.values() if e.category == "country"}
    assert not countries & {e.key for e in book.entries.values() if e.category != "country"}


def test_every_state_with_a_seat_of_government_has_a_demonym(book: Codebook) -> None:
    governed = set(book.capitals.values())
    assert len(governed) >= 190
    # "Congolese" and "Dominican" name one country only (COD, DOM): see countries.tsv
    assert governed - set(book.demonyms.values()) == {"COG", "DMA"}


@pytest.mark.parametrize(("surface", "key"), [
    ("the Kremlin", "RUS"), ("the White House", "USA"), ("Downing Street", "GBR"),
    ("the Elysee", "FRA"), ("Zhongnanhai", "CHN"), ("the US", "USA"), ("Britain", "GBR"),
    ("ISIL", "ISIS"), ("Islamic State", "ISIS"), ("ISIS-K", "ISISK"), ("Ansar Allah", "HOUTHIS"),
    ("Hizbollah", "HEZBOLLAH"), ("al-Shabab", "SHABAAB"), ("the IDF", "ISR-MIL"),
    ("Xinhua", "XINHUA"), ("Anadolu Agency", "ANADOLU"), ("CSTO", "CSTO"), ("OPEC", "OPEC"),
])
def test_names_aliases_and_metonyms(book: Codebook, surface: str, key: str) -> None:
    entry = book.lookup(surface)
    assert entry is not None and entry.key == key


def test_pentagon_is_the_us_military(book: Codebook) -> None:
    entry = book.lookup("the Pentagon")
    assert entry is not None and (entry.country, entry.sector) == ("USA", "MIL")


def test_capitalised_names_need_capitals(book: Codebook) -> None:
    assert book.lookup("Russian Helicopters") is book.entries["RUSHELI"]
    assert book.lookup("Russian helicopters") is None
    assert book.lookup_split("Uralvagon zavod") is book.entries["UVZ"]
    assert book.demonym_of("North Korean") is book.entries["PRK"]
    assert book.capital_of("Washington") is book.entries["USA"]


# --- resolution in an article ----------------------------------------------------------------


def one(actors: dict[str, Actor], text: str, surface: str) -> Actor:
    found = [a for a in actors.values() if surface in surfaces(a, text)]
    assert len(found) == 1, (surface, {a.id: surfaces(a, text) for a in actors.values()})
    return found[0]


def test_role_nouns_take_the_country_of_their_owner(nlp: Language, book: Codebook) -> None:
    text = ("Afghan police detained two men. Russia's defence ministry said the Russian "
            "Defence Ministry was not told, and US troops and UN peacekeepers met Taliban "
            "fighters near Ukrainian army positions.")
    actors = actors_of(text, nlp, book)
    police = one(actors, text, "Afghan police")
    assert (police.country, police.sector) == ("AFG", "COP")
    ministry = one(actors, text, "Russian Defence Ministry")
    assert "Russia's defence ministry" in surfaces(ministry, text)
    assert (ministry.id, ministry.sector) == ("act-rus-mod", "MIL")
    assert (one(actors, text, "US troops").country, one(actors, text, "US troops").sector) == (
        "USA", "MIL")
    peacekeepers = one(actors, text, "peacekeepers")
    assert (peacekeepers.country, peacekeepers.sector) == ("IGO", "MIL")
    assert peacekeepers.affiliation == "act-un"
    assert one(actors, text, "Taliban fighters").id == "act-taliban"
    assert one(actors, text, "Ukrainian army").country == "UKR"


def test_titles_give_role_country_and_sector(nlp: Language, book: Codebook) -> None:
    text = ("Russia's foreign minister Sergei Lavrov met US President Joe Biden. Hamas leader "
            "Zaid Khaleel spoke to Lt. Gen. Mark Dorn and to Mr Khaleel's aides.")
    actors = actors_of(text, nlp, book)
    lavrov = one(actors, text, "foreign minister Sergei Lavrov")
    assert (lavrov.country, lavrov.sector, lavrov.role) == ("RUS", "GOV", "foreign minister")
    assert lavrov.affiliation == "act-rus"
    biden = one(actors, text, "US President Joe Biden")
    assert (biden.role, biden.country, biden.kind) == ("president", "USA", ActorKind.PERSON)
    leader = one(actors, text, "leader Zaid Khaleel")
    assert (leader.country, leader.sector, leader.affiliation) == ("PSE", "REB", "act-hamas")
    assert one(actors, text, "Lt. Gen. Mark Dorn").sector == "MIL"


def test_apposition_in_both_directions_and_office_holders(nlp: Language,
                                                           book: Codebook) -> None:
    text = ("Sergei Lavrov, Russia's foreign minister, said Moscow would respond. Russia's "
            "foreign minister, Sergei Lavrov, added that the Kremlin was ready.")
    actors = actors_of(text, nlp, book)
    lavrov = actors["act-person-sergei-lavrov"]
    assert surfaces(lavrov, text).count("Sergei Lavrov") == 2
    assert "Russia's foreign minister" in surfaces(lavrov, text)
    assert (lavrov.country, lavrov.role) == ("RUS", "foreign minister")
    assert sorted(surfaces(actors["act-rus"], text)) == ["Kremlin", "Moscow", "Russia"]


def test_short_references_join_their_antecedent(nlp: Language, book: Codebook) -> None:
    text = ("Hamas fired rockets at Israel. The Russian Defence Ministry said the group had "
            "Iranian help, and the ministry called for talks.")
    actors = actors_of(text, nlp, book)
    assert "the group" in surfaces(actors["act-hamas"], text)
    assert "the ministry" in surfaces(actors["act-rus-mod"], text)


def test_codebook_beats_ner_and_finds_what_ner_missed(nlp: Language, book: Codebook) -> None:
    text = "The Houthis fired a missile, and Rosatom said Daesh was to blame."
    article = Article(id="t", source="t", text=text, blocks=())
    ann = next(annotate([article], nlp, NlpConfig()))
    labels = {e.text: e.label for e in ann.entities}
    assert all(labels.get(name) != "ORG" for name in ("Houthis", "Rosatom", "Daesh"))
    actors = actors_of(text, nlp, book)
    assert actors["act-houthis"].country == "YEM" and actors["act-houthis"].sector == "REB"
    assert actors["act-rosatom"].sector == "BUS" and "Daesh" in surfaces(actors["act-isis"], text)


def test_peoples_and_coordinated_owners(nlp: Language, book: Codebook) -> None:
    text = ("Palestinians protested as Bosnian Serbs marched. Guinea closed its border to "
            "Sierra Leonean and Liberian refugees.")
    actors = actors_of(text, nlp, book)
    assert one(actors, text, "Palestinians").country == "PSE"
    assert one(actors, text, "Bosnian Serbs").country == "BIH"
    assert one(actors, text, "Sierra Leonean").id == "act-sle-ref"
    assert one(actors, text, "Liberian refugees").id == "act-lbr-ref"


def test_groups_of_states_list_their_members(nlp: Language, book: Codebook) -> None:
    text = "EU member states and the Gulf states agreed to sanctions."
    actors = actors_of(text, nlp, book)
    assert len(one(actors, text, "EU member states").members) == 27
    gulf = one(actors, text, "Gulf states")
    assert set(gulf.members) == {"act-bhr", "act-kwt", "act-omn", "act-qat", "act-sau",
                                 "act-are"}
    assert all(member in actors for member in gulf.members)


def test_unknown_actors_are_kept_without_a_country(nlp: Language, book: Codebook) -> None:
    text = "Zorgland threatened its neighbour. The Acme Liberation Council said it would fight."
    actors = actors_of(text, nlp, book)
    for surface in ("Zorgland", "Acme Liberation Council"):
        actor = one(actors, text, surface)
        assert (actor.kind, actor.country) == (ActorKind.UNKNOWN, None)
        assert actor.rule.startswith("ner-")


def test_every_actor_says_which_rule_resolved_it(example_text: str, nlp: Language,
                                                 book: Codebook) -> None:
    actors = actors_of(example_text, nlp, book)
    assert all(actor.rule for actor in actors.values())
    assert actors["act-rosoboronexport"].rule == "codebook-split:ROSOBORONEXPORT"
    assert actors["act-afg-reb"].rule == "role:militant+demonym:AFG"
    for actor in actors.values():
        for m in actor.mentions:
            surface = example_text[m.start:m.end]
            assert surface == surface.strip() and surface


# --- user codebook files ---------------------------------------------------------------------


@pytest.mark.parametrize(("content", "line", "message"), [
    ("entries:\n  - {key: X, name: X, kind: organization, country: XYZ}\n", 2,
     "unknown country code 'XYZ'"),
    ("entries:\n  - key: X\n    name: X\n    kind: organization\n    name: Y\n", 5,
     "field 'name' given twice (first on line 3)"),
    ("entries:\n  - {key: X, name: X, kind: group}\n  - {key: X, name: Z, kind: group}\n", 3,
     "duplicate key 'X' (first on line 2)"),
    ("entries:\n  - {key: X, name: X, kind: organization, members: [RUS, QQQ]}\n", 2,
     "unknown member 'QQQ'"),
    ("entries:\n  - {key: X, name: X, kind: organization, sector: ABC}\n", 2,
     "unknown sector 'ABC'"),
    ("entrys:\n  - {key: X}\n", 1, "unknown section 'entrys'"),
    ("entries:\n  - {key: X, name: X, kind: organization, alias: [x]}\n", 2,
     "unknown field 'alias'"),
    ("metonyms:\n  - {alias_of: NOPE, aliases: [x]}\n", 2, "unknown alias_of 'NOPE'"),
    ("entries:\n  - {key: X, name: Acme, kind: group}\n"
     "  - {key: Y, name: Acme Corp, kind: group, aliases: [acme]}\n", 3,
     "alias 'acme' of 'Y' already names 'X' (line 2)"),
    ("regions:\n  - {key: R, name: R, members: []}\n", 2, "needs at least one member"),
])
def test_user_file_errors_give_file_line_and_problem(tmp_path: Path, content: str, line: int,
                                                     message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(ConfigError) as info:
        Codebook.load(bad)
    assert str(info.value).startswith(f"{bad}, line {line}: ")
    assert message in str(info.value)


def test_unreadable_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read actor file"):
        Codebook.load(tmp_path / "missing.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ConfigError, match="cannot read actor file"):
        Codebook.load(binary)


def test_user_file_overrides_an_entry_by_key(tmp_path: Path, nlp: Language) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("entries:\n  - {key: WAGNER, name: Africa Corps, kind: organization, "
                     "country: RUS, sector: MIL, aliases: [Wagner]}\n")
    book = Codebook.load(extra)
    assert book.lookup("Wagner") is book.entries["WAGNER"]
    assert book.entries["WAGNER"].name == "Africa Corps"
