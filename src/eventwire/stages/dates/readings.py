"""Match + context -> reading: the value, interval and precision a time expression resolves to.

A ``Reading`` is what a resolver makes of one expression and ``Context`` what it resolves
against (the publication day and the tense of the clause). Here too: the word lists the
pattern table and the resolvers share (months, weekdays, number words, units), and the
calendar arithmetic on readings (a day, month, ISO week or year; narrowing an interval;
choosing among readings a year apart).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.vocab import DatePrecision, Tense, TimeType

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = tuple(calendar.month_name)[1:]
MONTH_ALT = ("(?:" + "|".join(_MONTH_NAMES) + r")\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|"
             r"Nov|Dec)(?:\.|\b)")
WEEKDAYS = tuple(calendar.day_name)
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                 "seventeen", "eighteen", "nineteen", "twenty")
_NUMBERS = {w: n for n, w in enumerate(_NUMBER_WORDS)} | {
    "a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100}
COUNT = (r"(?i:\d+|" + "|".join(sorted(set(_NUMBERS) - {"zero", "a", "an"}, key=len, reverse=True))
         + "|several|a few)")
UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
         "hour": "TH", "minute": "TM"}
SETS = {"daily": "D", "weekly": "W", "monthly": "M", "annual": "Y", "annually": "Y", "yearly": "Y"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    type: TimeType = TimeType.DATE
    value: str | None = None
    interval: tuple[date, date] | None = None
    precision: DatePrecision = DatePrecision.UNKNOWN
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    pub: date | None
    tense: Tense | None
    default_tense: Tense


Resolver = Callable[[re.Match[str], Context], Reading]


def day_reading(d: date) -> Reading:
    return Reading(value=d.isoformat(), interval=(d, d), precision=DatePrecision.DAY)


def month_reading(y: int, m: int, part: tuple[int, int] | None = None) -> Reading:
    last = calendar.monthrange(y, m)[1]
    lo, hi = part or (1, last)
    return Reading(value=f"{y:04d}-{m:02d}", interval=(date(y, m, lo), date(y, m, min(hi, last))),
                   precision=DatePrecision.MONTH)


def week_reading(d: date) -> Reading:
    year, week, weekday = d.isocalendar()
    monday = d - timedelta(days=weekday - 1)
    return Reading(value=f"{year}-W{week:02d}", interval=(monday, monday + timedelta(days=6)),
                   precision=DatePrecision.WEEK)


def year_reading(y: int) -> Reading:
    return Reading(value=f"{y:04d}", interval=(date(y, 1, 1), date(y, 12, 31)),
                   precision=DatePrecision.YEAR)


def clip(r: Reading, lo: date | None = None, hi: date | None = None) -> Reading:
    """The reading with its interval narrowed to [lo, hi], never empty nor outside its own."""
    assert r.interval is not None
    first, last = r.interval
    start = min(max(first, lo or first), last)
    end = max(min(last, hi or last), start)
    return Reading(type=r.type, value=r.value, interval=(start, end), precision=r.precision)


def pick(options: list[Reading], ctx: Context) -> Reading:
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


def _gap(r: Reading, day: date) -> int:
    """Days between ``day`` and the reading's interval (0 inside it)."""
    assert r.interval is not None
    lo, hi = r.interval
    return max((lo - day).days, (day - hi).days, 0)


def calendar_day(y: int | None, m: int, d: int, ctx: Context) -> Reading:
    """A calendar day; without a year, the one near publication the tense points to."""
    if not 1 <= d <= calendar.monthrange(2000, m)[1]:
        return Reading(note=f"impossible date: {_MONTH_NAMES[m - 1]} has no day {d}")
    if y is None and ctx.pub is None:
        return Reading()
    years = [y] if y is not None else [ctx.pub.year + k for k in (-1, 0, 1)] if ctx.pub else []
    options = [day_reading(date(yr, m, d)) for yr in years if d <= calendar.monthrange(yr, m)[1]]
    if not options:
        return Reading(note=f"impossible date: {y} is not a leap year")
    return options[0] if y is not None else pick(options, ctx)


def month_of(name: str) -> int:
    return MONTHS.index(name.rstrip(".")[:3].lower()) + 1


def count_of(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    total = y * 12 + m - 1 + k
    return total // 12, total % 12 + 1
