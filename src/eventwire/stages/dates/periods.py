"""Match + context -> reading for named periods: quarters, seasons and vague references.

A quarter ("the third quarter of 2009", "Q3", "third-quarter") is ``2009-Q3`` and a season
("last summer", "in the spring of 2020") is ``2020-SP``, TIMEX3's values; both are intervals of
whole months, so their precision is month. Seasons are the meteorological ones of the
northern hemisphere (spring March-May, summer June-August, autumn September-November,
winter December-February, named by the year it begins). Named without a year they are the
one near publication the clause's tense points to, as months are.

Vague references ("recently", "now", "the near term") are TIMEX3's ``PAST_REF``,
``PRESENT_REF`` and ``FUTURE_REF``: kept as text with that value and no interval, so an event
they date says "before publication" without a made-up day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from eventwire.stages.dates.readings import Context, Reading, pick
from eventwire.vocab import DatePrecision

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4}
# (first month, number of months) of each season, and its TIMEX3 code.
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
            "winter": ("WI", 12)}
_STEPS = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}
_PAST = ("recent", "recently", "lately", "previously", "past")
_PRESENT = ("now", "currently", "presently", "nowadays", "time being")


def _months(y: int, first: int, count: int) -> tuple[date, date]:
    end_y, end_m = divmod(y * 12 + first - 1 + count - 1, 12)
    end_m += 1
    return date(y, first, 1), date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])


def quarter_reading(y: int, q: int) -> Reading:
    return Reading(value=f"{y:04d}-Q{q}", interval=_months(y, 3 * q - 2, 3),
                   precision=DatePrecision.MONTH)


def _season_reading(y: int, code: str, first: int) -> Reading:
    return Reading(value=f"{y:04d}-{code}", interval=_months(y, first, 3),
                   precision=DatePrecision.MONTH)


def _year_of(m: re.Match[str], ctx: Context) -> int | None:
    """The year a period names: its digits, or this/last/next year against publication."""
    g = m.groupdict()
    if g.get("y1"):
        return int(g["y1"])
    rel = (g.get("yrel") or "").lower()
    if rel and ctx.pub:
        return ctx.pub.year + _STEPS[rel]
    return None


def r_quarter(m: re.Match[str], ctx: Context) -> Reading:
    """'the third quarter of 2009', 'Q3', 'the last quarter' (the one before publication)."""
    g = m.groupdict()
    word = (g.get("ord") or "").lower()
    q = int(g["q"]) if g.get("q") else _ORDINALS.get(word)
    year = _year_of(m, ctx)
    if q is None and year is not None:
        q = 4
    if year is not None and q is not None:
        return quarter_reading(year, q)
    if ctx.pub is None:
        return Reading()
    current = (ctx.pub.month - 1) // 3
    if q is None:
        y, k = divmod(ctx.pub.year * 4 + current + _STEPS.get(word, -1), 4)
        return quarter_reading(y, k + 1)
    options = [quarter_reading(ctx.pub.year + k, q) for k in (-1, 0, 1)]
    return pick(options, ctx)


def r_season(m: re.Match[str], ctx: Context) -> Reading:
    code, first = _SEASONS[m.group("season").lower()]
    year = _year_of(m, ctx)
    if year is not None:
        return _season_reading(year, code, first)
    if ctx.pub is None:
        return Reading()
    options = [_season_reading(ctx.pub.year + k, code, first) for k in (-2, -1, 0, 1)]
    rel = (m.groupdict().get("mod") or "").lower()
    pub = ctx.pub
    spans = [(r, r.interval) for r in options if r.interval]
    if rel in ("last", "past", "previous"):
        return [r for r, s in spans if s[1] < pub][-1]
    if rel in ("next", "coming"):
        return next(r for r, s in spans if s[0] > pub)
    return pick(options[1:], ctx)


def r_vague(m: re.Match[str], ctx: Context) -> Reading:
    word = m.group("w").lower()
    value = "PAST_REF" if word in _PAST else "PRESENT_REF" if word in _PRESENT else "FUTURE_REF"
    return Reading(value=value)
