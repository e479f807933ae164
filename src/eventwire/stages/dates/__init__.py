"""Annotated article -> time expressions (TIMEX3-like), resolved against the publication date.

Candidates are the model's DATE and TIME entities plus a grammar of regular expressions for
what the small model splits or misses ("between September 7 and 9", "two days ago", "since
March", "the third quarter", "last winter", "recently"); where candidates overlap the longest
wins. An entity is split at a comma that joins two expressions ("June 17, two days later")
and loses a dangling "and"; a bare number the model took for a date (an age, "CAC 40") is
dropped. Calendar dates are read by the grammar and
validated with ``datetime.date``, so "February 30" is kept with a note saying why it has no
value; entity texts the grammar does not know ("26/08/2021") go to dateparser.

Relative expressions are resolved by our own code against ``Article.published``: dateparser
resolves against a single base with one fixed past/future preference and returns a point,
while news needs the clause's tense (a bare weekday in a past clause is the one on or before
publication, in a future clause the next one) and the interval and precision an expression
names ("earlier this month" is August 1-25, precision month; "last week" is an ISO week).
Without a publication date relative expressions keep their text with no value.

Modules, one concept each: ``patterns`` the grammar (each pattern with its resolver);
``absolute`` resolvers for calendar dates, months, years and ranges, and dateparser;
``relative`` resolvers for expressions relative to publication, durations, sets and clock
times; ``periods`` quarters, seasons and vague references (``PAST_REF`` ...); ``readings``
the reading a resolver returns and the calendar arithmetic they share. This module chooses
among overlapping candidates and finds the tense of each one's clause: future with
will/shall or a verb of scheduling ("has been scheduled for June 3"), past with a past
tense, a perfect or a participle modifying a noun ("plans announced in January").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

from eventwire.records import Annotated, Entity, TimeExpr, Token
from eventwire.stages.dates.absolute import calendar_words_only, dateparser_reading
from eventwire.stages.dates.patterns import ENTITY_GRAMMAR, GRAMMAR, PREPOSITIONS
from eventwire.stages.dates.readings import Context, Reading
from eventwire.vocab import Tense, TimeType

__all__ = ["DatesConfig", "find_times"]

_JOINING_COMMA = r", (?!(?:1[89]|20)\d\d\b)"
_NUMBER = r"\d{1,3}|\d[\d,]*\.\d+(?:\.\d+)*|\d{1,3}(?:,\d{3})+"
_FUTURE_LEMMAS = frozenset({"schedule", "plan", "due", "expect", "set", "slate", "intend"})


@dataclass(frozen=True, slots=True, kw_only=True)
class DatesConfig:
    labels: tuple[str, ...] = ("DATE", "TIME")
    default_tense: Tense = Tense.PAST
    use_dateparser: bool = True


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    from_entity: bool
    resolve: Callable[[Context], Reading]


def find_times(ann: Annotated, config: DatesConfig) -> tuple[TimeExpr, ...]:
    """Time expressions of the article, in text order, each resolved where it can be."""
    text = ann.article.text
    pub = _publication(ann.article.published)
    chosen: list[_Candidate] = []
    for cand in sorted(_candidates(ann, config),
                       key=lambda c: (c.start - c.end, c.from_entity, c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return tuple(
        _expr(text, c.start, c.end, c.resolve(
            Context(pub, _clause_tense(ann, c.start, c.end), config.default_tense)))
        for c in sorted(chosen, key=lambda c: c.start))


def _publication(published: str | None) -> date | None:
    """The publication day; None when absent or not an ISO date."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _candidates(ann: Annotated, config: DatesConfig) -> Iterator[_Candidate]:
    text = ann.article.text
    for pattern, resolver, needs_cue in GRAMMAR:
        for m in pattern.finditer(text):
            start, end = m.span("t") if "t" in pattern.groupindex else m.span()
            if not needs_cue or m.group("mod") or text.endswith(PREPOSITIONS, 0, start):
                yield _Candidate(start, end, False, partial(resolver, m))
    for e in ann.entities:
        if e.label in config.labels and not re.search(r"\bold\b|-year-old|\bage[ds]?\b", e.text):
            for start, end in _entity_parts(text, e):
                yield _Candidate(start, end, True, partial(
                    _resolve_entity, text[start:end], e.label, config=config))


def _entity_parts(text: str, entity: Entity) -> Iterator[tuple[int, int]]:
    """The entity split at commas that join two expressions ("June 17, two days later"), not
    a date and its year; without a dangling "and"; bare numbers (ages, index points) left out."""
    start = entity.start
    for sep in [*re.finditer(_JOINING_COMMA, entity.text), None]:
        end = entity.start + sep.start() if sep else entity.end
        part = re.sub(r"(?:,| and| or)+$", "", text[start:end])
        if part and not re.fullmatch(_NUMBER, part):
            yield start, start + len(part)
        start = entity.start + sep.end() if sep else end


def _resolve_entity(body: str, label: str, ctx: Context, *, config: DatesConfig) -> Reading:
    kind = TimeType.TIME if label == "TIME" else TimeType.DATE
    body = body.removeprefix("the ").removeprefix("The ")
    for pattern, resolver, _ in (*GRAMMAR, *ENTITY_GRAMMAR):
        m = pattern.fullmatch(body)
        if m:
            return resolver(m, ctx)
    if config.use_dateparser and calendar_words_only(body):
        return dateparser_reading(body, ctx) or Reading(type=kind)
    return _inner_reading(body, ctx) or Reading(type=kind)


def _inner_reading(body: str, ctx: Context) -> Reading | None:
    """For a longer entity ("the end of last year"), the value of its longest known part."""
    inner = [(m.group(0), resolver(m, ctx)) for pattern, resolver, _ in (*GRAMMAR,
             *ENTITY_GRAMMAR) for m in pattern.finditer(body)]
    valued = [(part, r) for part, r in inner if r.value]
    if not valued:
        return None
    part, r = max(valued, key=lambda pr: (pr[1].interval is not None, len(pr[0])))
    return Reading(type=r.type, value=r.value, interval=r.interval, precision=r.precision,
                   note=f"approximate: read from {part!r}")


def _expr(text: str, start: int, end: int, r: Reading) -> TimeExpr:
    interval = (r.interval[0].isoformat(), r.interval[1].isoformat()) if r.interval else None
    return TimeExpr(text=text[start:end], start=start, end=end, type=r.type, value=r.value,
                    interval=interval, precision=r.precision, note=r.note)


# --- tense of the clause -----------------------------------------------------------------------


def _clause_tense(ann: Annotated, start: int, end: int) -> Tense | None:
    tokens = ann.tokens
    verb = _governing_verb(tokens, start, end)
    for _ in range(3):
        if verb is None:
            return None
        kids = [t for t in _sentence(ann, verb) if t.head == verb.i and t.i != verb.i]
        auxes = [k for k in kids if k.dep in ("aux", "auxpass")]
        if any(k.lemma in ("will", "shall") for k in auxes) or verb.lemma in _FUTURE_LEMMAS or (
                verb.lemma == "go" and verb.tag == "VBG"):
            return Tense.FUTURE
        if verb.tag == "VBD" or any(k.tag == "VBD" or k.lemma == "have" for k in auxes) or (
                verb.tag == "VBN" and verb.dep == "acl"):
            return Tense.PAST
        if verb.dep != "xcomp" and not any(k.tag == "TO" for k in kids):
            return None
        verb = tokens[verb.head] if verb.head != verb.i else None
    return None


def _governing_verb(tokens: tuple[Token, ...], start: int, end: int) -> Token | None:
    lo = bisect.bisect_left([t.end for t in tokens], start + 1)
    inside = [t for t in tokens[lo:] if t.start < end]
    token = next((t for t in inside if not start <= tokens[t.head].start < end), None)
    while token is not None and token.pos not in ("VERB", "AUX"):
        token = None if token.head == token.i else tokens[token.head]
    return token


def _sentence(ann: Annotated, token: Token) -> tuple[Token, ...]:
    sent = ann.sentences[token.sent]
    return ann.tokens[sent.token_start:sent.token_end]
