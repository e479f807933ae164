"""Language: every article gets one (py3langid, offline); a non-English article is kept as a
record with its text and no coding, the English stages skipped with a counted reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.pipeline import PipelineConfig, Resources, process_batch
from eventwire.records import Article, RawDocument, Record, StageSkip
from eventwire.stages.extract import ExtractConfig, extract
from eventwire.stages.extract.language import LanguageConfig, identify_language
from eventwire.store import SqliteStore
from eventwire.vocab import InputFormat, SkipReason, Stage

GERMAN = ("Die Bundesregierung hat am Montag neue Regeln für den Export von Waffen beschlossen. "
          "Die Opposition kritisierte den Beschluss scharf und forderte eine Debatte im "
          "Bundestag, weil die Regeln nach ihrer Ansicht zu viele Ausnahmen enthalten.")
ENGLISH = ("Government troops retook the town of Hallam after two days of fighting, the army "
           "said on Tuesday, and residents began returning to their homes.")


@pytest.mark.parametrize(("text", "code"), [
    (ENGLISH, "en"),
    (GERMAN, "de"),
    ("Le gouvernement a annoncé mardi une nouvelle réforme des retraites, qui doit être "
     "présentée au Parlement avant la fin du mois.", "fr"),
    ("El gobierno anunció el martes una reforma de las pensiones que el Parlamento debatirá "
     "antes de que termine el mes.", "es"),
    ("Правительство объявило о новых правилах экспорта оружия в понедельник вечером.", "ru"),
    ("政府周一宣布了新的武器出口规则，反对派批评这一决定，并要求在议会进行辩论。", "zh"),
])
def test_languages_are_identified_as_iso_639_1(text: str, code: str) -> None:
    guess = identify_language(text, LanguageConfig())

    assert (guess.code, guess.assumed) == (code, False)
    assert guess.confidence >= 0.5


@pytest.mark.parametrize("text", ["Putin says", "Kyiv", "Obama Seeks More Aid", ""])
def test_too_little_text_takes_the_fallback_language(text: str) -> None:
    guess = identify_language(text, LanguageConfig())

    assert (guess.code, guess.assumed) == ("en", True)
    assert identify_language(text, LanguageConfig(fallback="und")).code == "und"


def test_a_non_english_article_is_extracted_with_its_language() -> None:
    article = extract(RawDocument(source="de.txt", payload=f"Neue Exportregeln\n\n{GERMAN}",
                                  format=InputFormat.TEXT), ExtractConfig())

    assert isinstance(article, Article)
    assert (article.language, article.title) == ("de", "Neue Exportregeln")
    assert article.text.endswith("zu viele Ausnahmen enthalten.")


def test_non_english_records_skip_the_english_stages_and_are_counted(
        resources: Resources, tmp_path: Path) -> None:
    docs = [RawDocument(source=name, payload=text, format=InputFormat.TEXT)
            for name, text in (("en-1", ENGLISH), ("de", GERMAN), ("en-2", ENGLISH + " Again."))]

    results = list(process_batch(docs, resources, PipelineConfig()))

    assert [r.source for r in results] == ["en-1", "de", "en-2"]
    assert all(isinstance(r, Record) for r in results)
    german = results[1]
    assert isinstance(german, Record)
    assert (german.language, german.actors, german.events, german.quotes) == ("de", (), (), ())
    assert german.skipped_stages == tuple(
        StageSkip(stage=stage, reason=SkipReason.NOT_ENGLISH) for stage in (
            Stage.NLP, Stage.ACTORS, Stage.PLACES, Stage.DATES, Stage.QUOTES, Stage.EVENTS))
    assert results[0].skipped_stages == () and results[0].actors
    with SqliteStore(tmp_path / "store.db") as store:
        for result in results:
            assert isinstance(result, Record)
            store.upsert(result)
        assert store.get(german.id) == german
        stats = store.stats()
    assert stats.languages == {"de": 1, "en": 2}
    assert stats.not_coded == {"not_english": 1}
