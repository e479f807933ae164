"""Hypothesis strategies that build valid ``Record``s.

The text is drawn first and every span is drawn inside it, so each ``start/end`` slices the
text (quotes and time expressions carry exactly the surface they name); every id an item
refers to (members, speakers, event actors, places) is an id drawn for the same record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import strategies as st

from eventwire.records import (
    AcledCode,
    Actor,
    Arms,
    ArmsItem,
    Block,
    DateRef,
    Event,
    Factuality,
    PipelineInfo,
    Place,
    PloverCode,
    Quote,
    Record,
    Span,
    StageSkip,
    TimeExpr,
)
from eventwire.vocab import (
    ActorKind,
    ArmsCategory,
    ArmsDeal,
    ArmsStage,
    BlockKind,
    DatePrecision,
    PlacePrecision,
    PloverType,
    Polarity,
    SkipReason,
    Stage,
    Tense,
    TimeType,
)

ids = st.text(alphabet="0123456789abcdef", min_size=1, max_size=12)
words = st.text(max_size=20)
maybe_words = st.none() | words
iso_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(
    date.isoformat)
unit_floats = st.floats(min_value=0.0, max_value=1.0)


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    """A half-open span inside ``text`` (possibly empty)."""
    start = draw(st.integers(0, len(text)))
    return Span(start=start, end=draw(st.integers(start, len(text))))


def ref(pool: Sequence[str]) -> st.SearchStrategy[str | None]:
    """None or one id of ``pool``."""
    return st.none() | st.sampled_from(pool) if pool else st.none()


def refs(pool: Sequence[str]) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct ids of ``pool``, in drawn order."""
    if not pool:
        return st.just(())
    return st.lists(st.sampled_from(pool), unique=True, max_size=3).map(tuple)


@st.composite
def date_refs(draw: st.DrawFn) -> DateRef:
    start, end = sorted(draw(st.lists(iso_dates, min_size=2, max_size=2)))
    dated = draw(st.booleans())
    return DateRef(text=draw(maybe_words), start=start if dated else None,
                   end=end if dated else None, precision=draw(st.sampled_from(DatePrecision)))


@st.composite
def actors(draw: st.DrawFn, text: str, actor_id: str, pool: Sequence[str]) -> Actor:
    return Actor(id=actor_id, name=draw(words), kind=draw(st.sampled_from(ActorKind)),
                 country=draw(maybe_words), sector=draw(maybe_words), members=draw(refs(pool)),
                 affiliation=draw(ref(pool)), role=draw(maybe_words),
                 mentions=tuple(draw(st.lists(spans(text), max_size=3))), rule=draw(words))


@st.composite
def places(draw: st.DrawFn, text: str, place_id: str) -> Place:
    coordinate = st.none() | st.floats(-180.0, 180.0)
    return Place(id=place_id, name=draw(words), country=draw(maybe_words),
                 admin1=draw(maybe_words), lat=draw(coordinate), lon=draw(coordinate),
                 geonameid=draw(st.none() | st.integers(0, 2**40)), feature=draw(words),
                 precision=draw(st.sampled_from(PlacePrecision)),
                 mentions=tuple(draw(st.lists(spans(text), max_size=3))))


@st.composite
def arms(draw: st.DrawFn, actor_ids: Sequence[str]) -> Arms:
    item = st.builds(ArmsItem, category=st.sampled_from(ArmsCategory), designation=maybe_words,
                     quantity=st.none() | st.integers(0, 10**6), text=maybe_words)
    return Arms(supplier=draw(refs(actor_ids)), recipient=draw(refs(actor_ids)),
                items=tuple(draw(st.lists(item, max_size=3))),
                stage=draw(st.sampled_from(ArmsStage)), deal=draw(st.sampled_from(ArmsDeal)),
                value=draw(maybe_words))


@st.composite
def events(draw: st.DrawFn, text: str, event_id: str, actor_ids: Sequence[str],
           place_ids: Sequence[str]) -> Event:
    plover = PloverCode(type=draw(st.sampled_from(PloverType)),
                        mode=tuple(draw(st.lists(words, max_size=2))),
                        context=tuple(draw(st.lists(words, max_size=2))))
    factuality = Factuality(polarity=draw(st.sampled_from(Polarity)),
                            tense=draw(st.sampled_from(Tense)), historical=draw(st.booleans()),
                            source=draw(ref(actor_ids)))
    acled = st.none() | st.builds(AcledCode, event_type=words, sub_event_type=words)
    return Event(id=event_id, plover=plover, cameo=f"{draw(st.integers(1, 20)):02d}",
                 quad=draw(st.integers(1, 4)),
                 evidence=tuple(draw(st.lists(spans(text), min_size=1, max_size=3))),
                 trigger=draw(spans(text)), acled=draw(acled), actor=draw(refs(actor_ids)),
                 recipient=draw(refs(actor_ids)), factuality=factuality, date=draw(date_refs()),
                 place=draw(ref(place_ids)), place_precision=draw(st.sampled_from(PlacePrecision)),
                 confidence=draw(unit_floats), arms=draw(st.none() | arms(actor_ids)),
                 coder=draw(words))


@st.composite
def times(draw: st.DrawFn, text: str) -> TimeExpr:
    span = draw(spans(text))
    interval = draw(st.none() | st.lists(iso_dates, min_size=2, max_size=2).map(sorted))
    return TimeExpr(text=text[span.start:span.end], start=span.start, end=span.end,
                    type=draw(st.sampled_from(TimeType)), value=draw(maybe_words),
                    interval=(interval[0], interval[1]) if interval else None,
                    precision=draw(st.sampled_from(DatePrecision)), note=draw(maybe_words))


@st.composite
def quotes(draw: st.DrawFn, text: str, quote_id: str, actor_ids: Sequence[str]) -> Quote:
    span = draw(spans(text))
    return Quote(id=quote_id, text=text[span.start:span.end], start=span.start, end=span.end,
                 direct=draw(st.booleans()), speaker=draw(ref(actor_ids)), cue=draw(maybe_words),
                 channel=draw(ref(actor_ids)), date=draw(date_refs()),
                 speaker_span=draw(st.none() | spans(text)),
                 cue_span=draw(st.none() | spans(text)))


@st.composite
def records(draw: st.DrawFn) -> Record:
    """A valid record: spans inside its text, references to ids of the same record."""
    text = draw(st.text(max_size=40) | st.text(min_size=40, max_size=300))
    actor_ids, place_ids, event_ids, quote_ids = (
        draw(st.lists(ids, unique=True, max_size=n)) for n in (4, 3, 4, 3))
    blocks = st.builds(lambda kind, span: Block(kind=kind, start=span.start, end=span.end),
                       st.sampled_from(BlockKind), spans(text))
    return Record(
        id=draw(ids), text=text, language=draw(st.sampled_from(["en", "fr", "und"])),
        blocks=tuple(draw(st.lists(blocks, max_size=4))),
        pipeline=draw(st.builds(PipelineInfo, version=words, model=words, codebook=words)),
        url=draw(maybe_words), outlet=draw(maybe_words), published=draw(st.none() | iso_dates),
        title=draw(maybe_words), standfirst=draw(maybe_words), byline=draw(maybe_words),
        credits=tuple(draw(st.lists(words, max_size=3))), source=draw(maybe_words),
        actors=tuple(draw(actors(text, i, actor_ids)) for i in actor_ids),
        places=tuple(draw(places(text, i)) for i in place_ids),
        events=tuple(draw(events(text, i, actor_ids, place_ids)) for i in event_ids),
        times=tuple(draw(st.lists(times(text), max_size=3))),
        quotes=tuple(draw(quotes(text, i, actor_ids)) for i in quote_ids),
        skipped_stages=tuple(draw(st.lists(st.builds(
            StageSkip, stage=st.sampled_from(Stage), reason=st.sampled_from(SkipReason)),
            max_size=2))))
