"""Typed records that cross stage boundaries (leaf module: imports only ``vocab``).

Every record is a frozen, slotted, keyword-only dataclass; collections are tuples.
Character offsets (``start``/``end``) always index into ``Article.text`` and slice it
exactly. Dates are ISO strings (``YYYY-MM-DD``) so a record serialises without loss.
The JSON form of :class:`Record` is the output contract of DESIGN.md; see ``codec`` for the
conversion and ``docs/record.schema.json`` for the generated JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar, dataclass_transform

from eventwire.vocab import (
    ActorKind,
    ArmsCategory,
    ArmsDeal,
    ArmsStage,
    BlockKind,
    DatePrecision,
    InputFormat,
    PlacePrecision,
    PloverType,
    Polarity,
    SkipReason,
    Stage,
    Tense,
    TimeType,
)

_R = TypeVar("_R")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[_R]) -> type[_R]:
    """Make ``cls`` a frozen, slotted, keyword-only dataclass (typed for mypy)."""
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)



@record
class Span:
    """Half-open character range ``[start, end)`` into the clean text."""

    start: int
    end: int


# --- ingest -> extract -----------------------------------------------------------------


@record
class RawDocument:
    """One input document before extraction: the payload and what the user told us of it."""

    source: str
    payload: str
    format: InputFormat
    url: str | None = None
    published: str | None = None
    external_id: str | None = None
    title: str | None = None
    fetched: str | None = None  # the day it was fetched or crawled: a last-resort publication date


@record
class Skipped:
    """A document that did not become a record, with the stage and reason (quarantine row)."""

    source: str
    stage: Stage
    reason: SkipReason
    detail: str

    def message(self) -> str:
        """One line naming the input, for the terminal."""
        return f"{self.source}: {self.stage} failed ({self.reason}): {self.detail}"


@record
class StageSkip:
    """A stage that did not run on a record, and why (counted, not a failure: the record is
    kept). A non-English article has one per English stage, reason ``not_english``."""

    stage: Stage
    reason: SkipReason


# --- extract -> nlp ----------------------------------------------------------------------


@record
class Block:
    kind: BlockKind
    start: int
    end: int


@record
class Article:
    """Clean article text with its structure and metadata."""

    id: str
    source: str
    text: str
    blocks: tuple[Block, ...]
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str = "en"
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    credits: tuple[str, ...] = ()


# --- nlp -> coding stages -----------------------------------------------------------------


@record
class Token:
    """One token of the parse; ``head`` and ``i`` are article-wide token indices."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str
    sent: int


@record
class Sentence:
    start: int
    end: int
    token_start: int
    token_end: int


@record
class Entity:
    """A named-entity mention from the NER model."""

    start: int
    end: int
    label: str
    text: str
    token_start: int
    token_end: int


@record
class Annotated:
    """An article with its linguistic annotation (what the nlp stage adds)."""

    article: Article
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    model: str


# --- coding stage outputs -------------------------------------------------------------------


@record
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    members: tuple[str, ...] = ()
    affiliation: str | None = None
    role: str | None = None
    mentions: tuple[Span, ...] = ()
    rule: str = ""
    description: str | None = None


@record
class Place:
    id: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str
    precision: PlacePrecision
    mentions: tuple[Span, ...] = ()
    dateline: bool = False


@record
class DateRef:
    """The date of an event or quote, resolved against the publication date."""

    text: str | None = None
    start: str | None = None
    end: str | None = None
    precision: DatePrecision = DatePrecision.UNKNOWN


@record
class TimeExpr:
    """A time expression in the text (TIMEX3-like), with its normalised value."""

    text: str
    start: int
    end: int
    type: TimeType
    value: str | None
    interval: tuple[str, str] | None
    precision: DatePrecision
    note: str | None = None

    def as_date_ref(self) -> DateRef:
        """The date this expression names, as an event or quote date."""
        start, end = self.interval or (None, None)
        return DateRef(text=self.text, start=start, end=end, precision=self.precision)


@record
class Quote:
    id: str
    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None
    cue: str | None = None
    channel: str | None = None
    date: DateRef = field(default_factory=DateRef)
    speaker_span: Span | None = None
    cue_span: Span | None = None


@record
class PloverCode:
    type: PloverType
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


@record
class AcledCode:
    event_type: str
    sub_event_type: str


@record
class Factuality:
    polarity: Polarity = Polarity.ASSERTED
    tense: Tense = Tense.PAST
    historical: bool = False
    source: str | None = None
    reported: bool = False


@record
class ArmsItem:
    category: ArmsCategory
    designation: str | None = None
    quantity: int | None = None
    text: str | None = None


@record
class Arms:
    supplier: tuple[str, ...]
    recipient: tuple[str, ...]
    items: tuple[ArmsItem, ...]
    stage: ArmsStage = ArmsStage.UNKNOWN
    deal: ArmsDeal = ArmsDeal.UNKNOWN
    value: str | None = None


@record
class Event:
    id: str
    plover: PloverCode
    cameo: str
    quad: int
    evidence: tuple[Span, ...]
    trigger: Span
    acled: AcledCode | None = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    factuality: Factuality = field(default_factory=Factuality)
    date: DateRef = field(default_factory=DateRef)
    place: str | None = None
    place_precision: PlacePrecision = PlacePrecision.UNKNOWN
    confidence: float = 0.5
    arms: Arms | None = None
    coder: str = ""


@record
class PipelineInfo:
    version: str
    model: str
    codebook: str


@record
class Record:
    """The output record of one article: the contract of DESIGN.md.

    ``skipped_stages``: the stages that did not run on it and why (a non-English article is kept
    with its text, no actors, events or quotes). The store fills the last three: ``urls``,
    every source URL of the same clean text (exact duplicates are stored once); ``story``, the
    id of the story cluster of near-duplicates (the same wire story re-published with edits)
    it belongs to; ``earliest``, the id of the cluster's earliest copy (by publication date,
    then by when it was stored). A record alone in its cluster, as every record is when it leaves
    the pipeline, has ``story == earliest == id``.
    """

    id: str
    text: str
    language: str
    blocks: tuple[Block, ...]
    pipeline: PipelineInfo
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    credits: tuple[str, ...] = ()
    source: str | None = None
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    skipped_stages: tuple[StageSkip, ...] = ()
    urls: tuple[str, ...] = ()
    story: str | None = None
    earliest: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The record as plain JSON values (the DESIGN.md contract)."""
        from eventwire.codec import to_json  # codec imports this module

        result: dict[str, Any] = to_json(self)
        return result
