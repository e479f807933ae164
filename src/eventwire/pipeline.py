"""RawDocument -> Record | Skipped: the stages of DESIGN.md, in order, over a batch.

``Resources`` holds what is costly to build (the spaCy pipeline, the actor codebook, the
gazetteer, the trigger lexicon); build it once per worker and pass it in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.language import Language

from eventwire import __version__
from eventwire.errors import InputError
from eventwire.records import Article, PipelineInfo, RawDocument, Record, Skipped, StageSkip
from eventwire.stages import dates, events, extract, places, quotes
from eventwire.stages.actors import ActorsConfig, Codebook, resolve_actors
from eventwire.stages.ingest.decoding import sniff_format
from eventwire.stages.nlp import NlpConfig, annotate, load_pipeline, model_name
from eventwire.vocab import SkipReason, Stage

CODED_LANGUAGE = "en"
_NOT_ENGLISH = tuple(StageSkip(stage=stage, reason=SkipReason.NOT_ENGLISH) for stage in (
    Stage.NLP, Stage.ACTORS, Stage.PLACES, Stage.DATES, Stage.QUOTES, Stage.EVENTS))


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineConfig:
    """Each stage's configuration; ``chunk`` articles are coded together (one ``nlp.pipe``
    batch run), so a long input streams instead of being held in memory."""

    chunk: int = 64
    extract: extract.ExtractConfig = field(default_factory=extract.ExtractConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    actors: ActorsConfig = field(default_factory=ActorsConfig)
    dates: dates.DatesConfig = field(default_factory=dates.DatesConfig)
    places: places.PlacesConfig = field(default_factory=places.PlacesConfig)
    quotes: quotes.QuotesConfig = field(default_factory=quotes.QuotesConfig)
    events: events.EventsConfig = field(default_factory=events.EventsConfig)


@dataclass(frozen=True, slots=True)
class Resources:
    nlp: Language
    codebook: Codebook
    gazetteer: places.Gazetteer
    lexicon: events.Lexicon
    event_model: events.EventModel = field(default_factory=events.EventModel.load)

    @classmethod
    def load(cls, config: PipelineConfig) -> Resources:
        return cls(nlp=load_pipeline(config.nlp), codebook=Codebook.load(config.actors.extra),
                   gazetteer=places.Gazetteer.load(config.places.gazetteer),
                   lexicon=events.Lexicon.load(),
                   event_model=events.EventModel.load(config.events.model_dir))

    def info(self) -> PipelineInfo:
        return PipelineInfo(version=__version__, model=model_name(self.nlp),
                            codebook=f"eventwire-actors/{self.codebook.version}")


def process_batch(docs: Iterable[RawDocument | Skipped], resources: Resources,
                  config: PipelineConfig) -> Iterator[Record | Skipped]:
    """Run every stage over a batch; a document that fails a stage comes out as ``Skipped``.

    Records come out in input order, ``config.chunk`` at a time; skipped documents as soon as
    they are known.
    """
    articles: list[Article] = []
    for doc in docs:
        result = doc if isinstance(doc, Skipped) else extract.extract(doc, config.extract)
        if isinstance(result, Skipped):
            yield result
            continue
        articles.append(result)
        if len(articles) >= config.chunk:
            yield from code_articles(articles, resources, config)
            articles = []
    yield from code_articles(articles, resources, config)


def code_articles(articles: Iterable[Article], resources: Resources,
                  config: PipelineConfig) -> Iterator[Record]:
    """nlp -> actors -> places -> dates -> quotes -> events for clean articles, in input order.

    Those stages read English only: an article in another language comes out with its text
    and metadata, no coding, and the stages it skipped in ``Record.skipped_stages``.
    """
    info = resources.info()
    batch = list(articles)
    coded = iter(annotate((a for a in batch if a.language == CODED_LANGUAGE), resources.nlp,
                          config.nlp))
    for art in batch:
        if art.language != CODED_LANGUAGE:
            yield _record(art, info, skipped_stages=_NOT_ENGLISH)
            continue
        ann = next(coded)
        actors = resolve_actors(ann, resources.codebook)
        found_places = places.find_places(ann, actors, config.places, resources.gazetteer)
        times = dates.find_times(ann, config.dates)
        found_quotes = quotes.find_quotes(ann, actors, times, config.quotes)
        found_events = events.code_events(ann, actors, found_places, times, found_quotes,
                                          resources.lexicon, config.events,
                                          resources.event_model)
        yield _record(ann.article, info, actors=actors, places=found_places, events=found_events,
                      times=times, quotes=found_quotes)


def _record(art: Article, info: PipelineInfo, **coding: Any) -> Record:
    return Record(id=art.id, text=art.text, language=art.language, blocks=art.blocks,
                  pipeline=info, url=art.url, outlet=art.outlet, published=art.published,
                  title=art.title, standfirst=art.standfirst, byline=art.byline,
                  credits=art.credits, source=art.source, urls=(art.url,) if art.url else (),
                  story=art.id, earliest=art.id, **coding)


@cache
def default_resources() -> Resources:
    """Resources of the default configuration, built on first use and kept for the process."""
    return Resources.load(PipelineConfig())


def process(text_or_html: str, *, published: str | None = None, url: str | None = None,
            source: str = "<python>") -> Record:
    """Code one article given as plain text or HTML; raise ``InputError`` if it is unusable."""
    doc = RawDocument(source=source, payload=text_or_html, url=url, published=published,
                      format=sniff_format(text_or_html.encode("utf-8", "replace")))
    (result,) = process_batch([doc], default_resources(), PipelineConfig())
    if isinstance(result, Skipped):
        raise InputError(result.message(), skipped=result)
    return result
