"""Annotated article -> time expressions (TIMEX3-like), resolved against the publication date.

Candidates are the model's DATE and TIME entities plus a grammar of regular expressions for
what the small model splits or misses ("between September 7 and 9", "two days ago", "since
March"); where candidates overlap the longest wins. Calendar dates are read by the grammar and
validated with ``datetime.date``, so "February 30" is kept with a note saying why it has no
value; entity texts the grammar does not know ("26/08/2021") go to dateparser.

Relative expressions are resolved by our own code against ``Article.published``: dateparser
resolves against a single base with one fixed past/future preference and returns a point,
while news needs the clause's tense (a bare weekday in a past clause is the one on or before
publication, in a future clause the next one) and the interval and precision an expression
names ("earlier this month" is August 1-25, precision month; "last week" is an ISO week).
Without a publication date relative expressions keep their text with no value.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from dateparser.date import DateDataParser

from eventwire.records import Annotated, Entity, TimeExpr, Token
from eventwire.vocab import DatePrecision, Tense, TimeType

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = tuple(calendar.month_name)[1:]
_MONTH_ALT = ("(?:" + "|".join(_MONTH_NAMES) + r")\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|"
              r"Nov|Dec)(?:\.|\b)")
_WEEKDAYS = tuple(calendar.day_name)
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                 "seventeen", "eighteen", "nineteen", "twenty")
_NUMBERS = {w: n for n, w in enumerate(_NUMBER_WORDS)} | {
    "a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100}
_COUNT = (r"(?i:\d+|" + "|".join(sorted(set(_NUMBERS) - {"zero", "a", "an"}, key=len, reverse=True))
          + "|several|a few)")
_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "hour": "TH",
          "minute": "TM"}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
          "overnight": "NI"}
_FUTURE_LEMMAS = frozenset({"schedule", "plan", "due", "expect", "set", "slate", "intend"})
_PREPOSITIONS = tuple(f"{w} " for p in ("in", "during", "until", "by", "before", "after", "of",
                                        "from") for w in (p, p.capitalize()))


def _m(g: str) -> str:
    return rf"(?P<{g}>{_MONTH_ALT})"


def _d(g: str) -> str:
    return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"


def _y(g: str) -> str:
    return rf"(?P<{g}>(?:1[89]|20)\d\d)(?!\d)"


_WD = rf"(?P<wd>{'|'.join(_WEEKDAYS)})"
_N = rf"(?P<n>{_COUNT}|[Aa]n?)"
_SETS = {"daily": "D", "weekly": "W", "monthly": "M", "annual": "Y", "annually": "Y", "yearly": "Y"}
_U = rf"(?P<u>{'|'.join(_UNITS)})s?"
_MOD = r"(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ]"


@dataclass(frozen=True, slots=True, kw_only=True)
class DatesConfig:
    labels: tuple[str, ...] = ("DATE", "TIME")
    default_tense: Tense = Tense.PAST
    use_dateparser: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class _Reading:
    type: TimeType = TimeType.DATE
    value: str | None = None
    interval: tuple[date, date] | None = None
    precision: DatePrecision = DatePrecision.UNKNOWN
    note: str | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    pub: date | None
    tense: Tense | None
    default_tense: Tense


Resolver = Callable[[re.Match[str], _Context], _Reading]


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    from_entity: bool
    resolve: Callable[[_Context], _Reading]


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
            _Context(pub, _clause_tense(ann, c.start, c.end), config.default_tense)))
        for c in sorted(chosen, key=lambda c: c.start))


def _publication(published: str | None) -> date | None:
    """The publication day; None when absent or not an ISO date."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _candidates(ann: Annotated, config: DatesConfig) -> Iterator[_Candidate]:
    text = ann.article.text
    for pattern, resolver, needs_cue in _GRAMMAR:
        for m in pattern.finditer(text):
            start, end = m.span("t") if "t" in pattern.groupindex else m.span()
            if not needs_cue or m.group("mod") or text.endswith(_PREPOSITIONS, 0, start):
                yield _Candidate(start, end, False, partial(resolver, m))
    for e in ann.entities:
        if e.label in config.labels and not re.search(r"\bold\b|-year-old|\bage[ds]?\b", e.text):
            yield _Candidate(e.start, e.end, True, partial(_resolve_entity, e, config=config))


def _resolve_entity(entity: Entity, ctx: _Context, *, config: DatesConfig) -> _Reading:
    kind = TimeType.TIME if entity.label == "TIME" else TimeType.DATE
    body = entity.text.removeprefix("the ").removeprefix("The ")
    for pattern, resolver, _ in (*_GRAMMAR, *_ENTITY_GRAMMAR):
        m = pattern.fullmatch(body)
        if m:
            return resolver(m, ctx)
    if config.use_dateparser and _calendar_words_only(body):
        return _dateparser_reading(body, ctx) or _Reading(type=kind)
    return _inner_reading(body, ctx) or _Reading(type=kind)


def _inner_reading(body: str, ctx: _Context) -> _Reading | None:
    """For a longer entity ("the end of last year"), the value of its longest known part."""
    inner = [(m.group(0), resolver(m, ctx)) for pattern, resolver, _ in (*_GRAMMAR,
             *_ENTITY_GRAMMAR) for m in pattern.finditer(body)]
    valued = [(part, r) for part, r in inner if r.value]
    if not valued:
        return None
    part, r = max(valued, key=lambda pr: (pr[1].interval is not None, len(pr[0])))
    return _Reading(type=r.type, value=r.value, interval=r.interval, precision=r.precision,
                    note=f"approximate: read from {part!r}")


def _calendar_words_only(body: str) -> bool:
    """Digits, month and weekday names only: a calendar date in a format we do not parse."""
    words = re.findall(r"[A-Za-z]+", body)
    return bool(re.search(r"\d", body)) and all(
        w in ("of", "the", "st", "nd", "rd", "th") or re.fullmatch(_MONTH_ALT, w) or w in _WEEKDAYS
        for w in words)


def _dateparser_reading(body: str, ctx: _Context) -> _Reading | None:
    prefer = "future" if ctx.tense is Tense.FUTURE else "past"
    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer}
    if ctx.pub:
        settings["RELATIVE_BASE"] = datetime(ctx.pub.year, ctx.pub.month, ctx.pub.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(body)
    if data.date_obj is None or (ctx.pub is None and "year" not in data.parts):
        return None
    day = data.date_obj.date()
    return {"month": _month(day.year, day.month), "year": _year(day.year),
            "week": _week(day)}.get(data.period or "day", _day(day))


def _expr(text: str, start: int, end: int, r: _Reading) -> TimeExpr:
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
        if any(k.lemma in ("will", "shall") for k in auxes):
            return Tense.FUTURE
        if verb.tag == "VBD" or any(k.tag == "VBD" or k.lemma == "have" for k in auxes):
            return Tense.PAST
        if verb.lemma in _FUTURE_LEMMAS or (verb.lemma == "go" and verb.tag == "VBG"):
            return Tense.FUTURE
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


# --- readings ------------------------------------------------------------------------------------


def _day(d: date) -> _Reading:
    return _Reading(value=d.isoformat(), interval=(d, d), precision=DatePrecision.DAY)


def _month(y: int, m: int, part: tuple[int, int] | None = None) -> _Reading:
    last = calendar.monthrange(y, m)[1]
    lo, hi = part or (1, last)
    return _Reading(value=f"{y:04d}-{m:02d}", interval=(date(y, m, lo), date(y, m, min(hi, last))),
                    precision=DatePrecision.MONTH)


def _week(d: date) -> _Reading:
    year, week, weekday = d.isocalendar()
    monday = d - timedelta(days=weekday - 1)
    return _Reading(value=f"{year}-W{week:02d}", interval=(monday, monday + timedelta(days=6)),
                    precision=DatePrecision.WEEK)


def _year(y: int) -> _Reading:
    return _Reading(value=f"{y:04d}", interval=(date(y, 1, 1), date(y, 12, 31)),
                    precision=DatePrecision.YEAR)


def _clip(r: _Reading, lo: date | None = None, hi: date | None = None) -> _Reading:
    """The reading with its interval narrowed to [lo, hi], never empty nor outside its own."""
    assert r.interval is not None
    first, last = r.interval
    start = min(max(first, lo or first), last)
    end = max(min(last, hi or last), start)
    return _Reading(type=r.type, value=r.value, interval=(start, end), precision=r.precision)


def _pick(options: list[_Reading], ctx: _Context) -> _Reading:
    """Of readings a year apart: in a past clause the latest starting by publication, in a
    future clause the first ending on or after it, else the nearest."""
    assert ctx.pub is not None
    pub = ctx.pub
    spans = [r.interval for r in options if r.interval]
    if ctx.tense is Tense.FUTURE:
        return next(r for r, s in zip(options, spans, strict=True) if s[1] >= pub)
    if ctx.tense is Tense.PAST:
        return [r for r, s in zip(options, spans, strict=True) if s[0] <= pub][-1]
    return min(options, key=lambda r: _gap(r, pub))


def _gap(r: _Reading, day: date) -> int:
    """Days between ``day`` and the reading's interval (0 inside it)."""
    assert r.interval is not None
    lo, hi = r.interval
    return max((lo - day).days, (day - hi).days, 0)


def _calendar(y: int | None, m: int, d: int, ctx: _Context) -> _Reading:
    """A calendar day; without a year, the one near publication the tense points to."""
    if not 1 <= d <= calendar.monthrange(2000, m)[1]:
        return _Reading(note=f"impossible date: {_MONTH_NAMES[m - 1]} has no day {d}")
    if y is None and ctx.pub is None:
        return _Reading()
    years = [y] if y is not None else [ctx.pub.year + k for k in (-1, 0, 1)] if ctx.pub else []
    options = [_day(date(yr, m, d)) for yr in years if d <= calendar.monthrange(yr, m)[1]]
    if not options:
        return _Reading(note=f"impossible date: {y} is not a leap year")
    return options[0] if y is not None else _pick(options, ctx)


def _month_of(name: str) -> int:
    return _MONTHS.index(name.rstrip(".")[:3].lower()) + 1


def _count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    total = y * 12 + m - 1 + k
    return total // 12, total % 12 + 1


_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


# --- resolvers, one per grammar pattern ---------------------------------------------------------


def _r_range(m: re.Match[str], ctx: _Context) -> _Reading:
    groups = m.groupdict()
    m1 = _month_of(groups.get("m1") or groups["m2"])
    m2 = _month_of(groups["m2"]) if groups.get("m2") else m1
    y1 = groups.get("y1") or groups.get("y2")
    first = _calendar(int(y1) if y1 else None, m1, int(m.group("d1")), ctx)
    if not first.interval:
        return first
    start = first.interval[0]
    wraps = (m2, int(m.group("d2"))) < (m1, start.day)
    y2 = int(groups["y2"]) if groups.get("y2") else start.year + wraps
    second = _calendar(y2, m2, int(m.group("d2")), ctx)
    if not second.interval:
        return second
    end = second.interval[0]
    return _Reading(value=f"{start.isoformat()}/{end.isoformat()}", interval=(start, end),
                    precision=DatePrecision.DAY)


def _r_year_range(m: re.Match[str], ctx: _Context) -> _Reading:
    g = m.groupdict()
    y1 = int(g["y1"] or g["y3"])
    y2 = int(g["y2"] or g["y4"]) if g["y2"] or g["y4"] else y1 // 100 * 100 + int(g["yy"])
    if y2 < y1:
        return _Reading(note="year range ends before it starts")
    return _Reading(value=f"{y1}/{y2}", interval=(date(y1, 1, 1), date(y2, 12, 31)),
                    precision=DatePrecision.YEAR)


def _r_date(m: re.Match[str], ctx: _Context) -> _Reading:
    year = m.group("y1")
    return _calendar(int(year) if year else None, _month_of(m.group("m1")), int(m.group("d1")),
                     ctx)


def _r_iso(m: re.Match[str], ctx: _Context) -> _Reading:
    y, mo, d = (int(p) for p in m.group(0).split("-"))
    return _calendar(y, mo, d, ctx) if 1 <= mo <= 12 else _Reading(note="impossible month")


def _r_month(m: re.Match[str], ctx: _Context) -> _Reading:
    month = _month_of(m.group("m1"))
    mod = (m.group("mod") or "").lower()
    groups = m.groupdict()
    if groups.get("y1"):
        reading = _month(int(groups["y1"]), month, _THIRDS.get(mod))
    elif ctx.pub is None:
        return _Reading()
    else:
        pub = ctx.pub
        options = [_month(pub.year + k, month, _THIRDS.get(mod)) for k in (-1, 0, 1)]
        if mod in ("last", "next"):
            before = [r for r in options if r.interval and r.interval[1] < pub]
            after = [r for r in options if r.interval and r.interval[0] > pub]
            reading = before[-1] if mod == "last" else after[0]
        else:
            tense = Tense.PAST if mod == "since" else ctx.tense
            reading = _pick(options, _Context(pub, tense, ctx.default_tense))
    return _since(reading, ctx) if mod == "since" else reading


def _r_year(m: re.Match[str], ctx: _Context) -> _Reading:
    year = int(m.group("y1"))
    mod = (m.group("mod") or "").lower()
    halves = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
    reading = _year(year)
    if mod in halves:
        lo, hi = halves[mod]
        last = calendar.monthrange(year, hi)[1]
        reading = _clip(reading, date(year, lo, 1), date(year, hi, last))
    return _since(reading, ctx) if mod == "since" else reading


def _since(r: _Reading, ctx: _Context) -> _Reading:
    if r.interval is None or ctx.pub is None:
        return r
    return _Reading(value=r.value, interval=(r.interval[0], max(r.interval[0], ctx.pub)),
                    precision=r.precision)


def _r_relative(m: re.Match[str], ctx: _Context) -> _Reading:
    """this/last/next/past week|month|year|weekend, optionally 'earlier'/'later'/'early'/'late'."""
    rel, unit = m.group("rel").lower(), m.group("u")
    adj = (m.groupdict().get("adj") or "").lower()
    if unit == "decade" or (rel == "past" and unit != "weekend"):
        value = "P10Y" if unit == "decade" else f"P1{_UNITS[unit]}"
        return _Reading(type=TimeType.DURATION, value=value)
    if ctx.pub is None:
        return _Reading()
    step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[rel]
    pub = ctx.pub
    if unit == "year":
        reading = _year(pub.year + step)
    elif unit == "month":
        reading = _month(*_shift_month(pub.year, pub.month, step))
    else:
        reading = _week(pub + timedelta(weeks=step))
    if unit == "weekend":
        assert reading.interval is not None
        saturday = reading.interval[0] + timedelta(days=5)
        return _Reading(value=f"{reading.value}-WE", interval=(saturday, saturday +
                        timedelta(days=1)), precision=DatePrecision.WEEK)
    return _part_of(reading, adj, pub)


def _part_of(r: _Reading, adj: str, pub: date) -> _Reading:
    assert r.interval is not None
    lo, hi = r.interval
    third = (hi - lo) / 3
    if adj == "earlier":
        return _clip(r, hi=pub - timedelta(days=1))
    if adj == "later":
        return _clip(r, lo=pub + timedelta(days=1))
    if adj in ("early", "late"):
        return _clip(r, hi=lo + third) if adj == "early" else _clip(r, lo=hi - third)
    return r


def _r_ago(m: re.Match[str], ctx: _Context) -> _Reading:
    n, unit = _count(m.group("n")), m.group("u")
    if n is None or ctx.pub is None or unit in ("hour", "minute"):
        return _Reading()
    pub = ctx.pub
    if unit == "day":
        return _day(pub - timedelta(days=n))
    if unit == "week":
        return _week(pub - timedelta(weeks=n))
    if unit == "month":
        return _month(*_shift_month(pub.year, pub.month, -n))
    return _year(pub.year - n * (10 if unit == "decade" else 1))


def _r_decade(m: re.Match[str], ctx: _Context) -> _Reading:
    start = int(m.group("dec")) * 10
    return _Reading(value=m.group("dec"), interval=(date(start, 1, 1), date(start + 9, 12, 31)),
                    precision=DatePrecision.YEAR)


def _r_anchored(m: re.Match[str], ctx: _Context) -> _Reading:
    """'three years after ...': the distance is known, the anchor is another event."""
    duration = _r_duration(m, ctx)
    return _Reading(type=TimeType.DURATION, value=duration.value,
                    note="relative to another event, not to publication")


def _r_duration(m: re.Match[str], ctx: _Context) -> _Reading:
    n, code = _count(m.group("n")), _UNITS[m.group("u").lower()]
    if code == "DE":
        n, code = None if n is None else n * 10, "Y"
    amount = "X" if n is None else str(n)
    value = f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"
    return _Reading(type=TimeType.DURATION, value=value)


def _r_dayword(m: re.Match[str], ctx: _Context) -> _Reading:
    word = m.group(0).lower()
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}.get(word.split()[-1])
    if ctx.pub is None:
        return _Reading(type=TimeType.DATE if offset is not None else TimeType.TIME)
    if offset is not None:
        return _day(ctx.pub + timedelta(days=offset))
    before = word in ("overnight", "last night")
    day = ctx.pub - timedelta(days=1) if before else ctx.pub
    end = ctx.pub if word == "overnight" else day
    return _Reading(type=TimeType.TIME, value=f"{day.isoformat()}T{_PARTS[word.split()[-1]]}",
                    interval=(day, end), precision=DatePrecision.DAY)


def _r_weekday(m: re.Match[str], ctx: _Context) -> _Reading:
    part = m.group("part")
    kind = TimeType.TIME if part else TimeType.DATE
    if ctx.pub is None:
        return _Reading(type=kind)
    rel = (m.group("rel") or "").lower()
    tense = {"last": Tense.PAST, "next": Tense.FUTURE}.get(rel, ctx.tense or ctx.default_tense)
    gap = (ctx.pub.weekday() - _WEEKDAYS.index(m.group("wd"))) % 7
    if tense is Tense.FUTURE or (rel == "this" and ctx.tense is not Tense.PAST):
        day = ctx.pub + timedelta(days=(-gap) % 7 or (0 if rel == "this" else 7))
    else:
        day = ctx.pub - timedelta(days=gap or (7 if rel == "last" else 0))
    reading = _day(day)
    if part:
        return _Reading(type=kind, value=f"{reading.value}T{_PARTS[part]}",
                        interval=reading.interval, precision=DatePrecision.DAY)
    return reading


def _r_set(m: re.Match[str], ctx: _Context) -> _Reading:
    unit = m.group("u").lower()
    return _Reading(type=TimeType.SET, value=f"P1{_SETS.get(unit) or _UNITS[unit]}")


def _r_clock(m: re.Match[str], ctx: _Context) -> _Reading:
    """A clock time, taken to fall on the publication day (the news convention)."""
    g = m.groupdict()
    hour = int(g["h"])
    if g.get("ampm"):
        hour = hour % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
    clock = f"T{hour:02d}:{g['min'] or '00'}{'Z' if g.get('tz') else ''}"
    if ctx.pub is None:
        return _Reading(type=TimeType.TIME, value=f"XXXX-XX-XX{clock}")
    return _Reading(type=TimeType.TIME, value=f"{ctx.pub.isoformat()}{clock}",
                    interval=(ctx.pub, ctx.pub), precision=DatePrecision.DAY)


def _rule(pattern: str, resolver: Resolver, needs_cue: bool = False
          ) -> tuple[re.Pattern[str], Resolver, bool]:
    return re.compile(pattern), resolver, needs_cue


_Y12 = rf"(?:,? {_y('y1')})?"
_GRAMMAR = (
    _rule(rf"\b(?:[Bb]etween|[Ff]rom) {_m('m1')} {_d('d1')}{_Y12} (?:and|to|until|through|-|–) "
          rf"(?:{_m('m2')} )?{_d('d2')}(?:,? {_y('y2')})?", _r_range),
    _rule(rf"\b(?:[Bb]etween|[Ff]rom) (?:the )?{_d('d1')}(?: {_m('m1')})? (?:and|to|until|through) "
          rf"(?:the )?{_d('d2')}(?: of)? {_m('m2')}(?: {_y('y2')})?", _r_range),
    _rule(rf"\b{_m('m1')} {_d('d1')} ?[-–] ?{_d('d2')}(?:,? {_y('y2')})?", _r_range),
    _rule(rf"\b{_d('d1')} ?[-–] ?{_d('d2')} {_m('m2')}(?: {_y('y2')})?", _r_range),
    _rule(rf"\b(?:(?:[Bb]etween|[Ff]rom) {_y('y1')} (?:and|to|until) {_y('y2')}|"
          rf"{_y('y3')} ?[-–] ?(?:{_y('y4')}|(?P<yy>\d\d)(?![\d-])))", _r_year_range),
    _rule(rf"\b(?:{_WD},? )?{_m('m1')} {_d('d1')}{_Y12}", _r_date),
    _rule(rf"\b(?:{_WD},? )?(?:the )?{_d('d1')}(?: of)? {_m('m1')}{_Y12}", _r_date),
    _rule(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b", _r_iso),
    _rule(rf"\b(?:{_MOD})?{_m('m1')},? {_y('y1')}", _r_month),
    _rule(rf"(?P<t>\b(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ll]ast|[Nn]ext|[Ss]ince)[- ])?"
          rf"{_m('m1')})(?! ?[0-3]?\d\b)", _r_month, True),
    _rule(rf"(?P<t>\b(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ss]ince)[- ])?{_y('y1')})(?![-–]\d)",
          _r_year, True),
    _rule(r"\b(?:(?P<adj>[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate) )?(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|"
          r"[Pp]ast|[Cc]oming) (?P<u>week|month|year|weekend|decade)\b", _r_relative),
    _rule(rf"\b{_N} {_U} ago\b", _r_ago),
    _rule(rf"\b{_N} {_U} (?:later|earlier|before|after)\b", _r_anchored),
    _rule(rf"\b(?:the )?(?:[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming|[Ff]irst) (?P<n>{_COUNT}) {_U}\b",
          _r_duration),
    _rule(rf"(?<![\w-])(?P<n>{_COUNT}) {_U}(?![\w-])(?! old)", _r_duration),
    _rule(r"\b(?:(?:[Ee]arlier|[Ll]ater) today|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|"
          r"[Oo]vernight|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))\b", _r_dayword),
    _rule(rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his) )?{_WD}"
          r"(?: (?P<part>morning|afternoon|evening|night))?\b", _r_weekday),
    _rule(r"\b(?:[Ee]very|[Ee]ach) (?P<u>day|week|month|year)\b", _r_set),
    _rule(r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))? ?(?P<ampm>[AaPp]\.?[Mm]\b\.?)", _r_clock),
    _rule(r"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?: ?(?P<tz>UTC|GMT)\b)?", _r_clock),
)
# Entity texts that name a bare month or year ("March", "2019") without a cue word.
_ENTITY_GRAMMAR = (
    _rule(rf"(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ])?{_m('m1')}", _r_month),
    _rule(rf"(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ])?{_y('y1')}", _r_year),
    _rule(rf"{_N}[ -]{_U}(?:-long)?", _r_duration),
    _rule(rf"(?P<u>{'|'.join(_SETS)})", _r_set),
    _rule(r"(?P<dec>1[89]\d|20\d)0s", _r_decade),
)
