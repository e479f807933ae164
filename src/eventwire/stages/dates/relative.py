"""Match + context -> reading for relative expressions, resolved against the publication day.

Our own code rather than dateparser's: dateparser resolves against a single base with one
fixed past/future preference and returns a point, while news needs the clause's tense (a
bare weekday in a past clause is the one on or before publication, in a future clause the
next one) and the interval and precision an expression names ("earlier this month" is
August 1-25, precision month; "last week" is an ISO week). Durations, sets and clock times
are here too: they are read from the same counts, units and day parts.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.stages.dates.periods import quarter_reading
from eventwire.stages.dates.readings import (
    SETS,
    UNITS,
    WEEKDAYS,
    Context,
    Reading,
    clip,
    count_of,
    day_reading,
    month_reading,
    shift_month,
    week_reading,
    year_reading,
)
from eventwire.vocab import DatePrecision, Tense, TimeType

_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
          "overnight": "NI"}


def r_relative(m: re.Match[str], ctx: Context) -> Reading:
    """this/last/next/past week|month|year|weekend, optionally 'earlier'/'later'/'early'/'late'."""
    rel, unit = m.group("rel").lower(), m.group("u")
    adj = (m.groupdict().get("adj") or "").lower()
    if unit == "decade" or (rel == "past" and unit != "weekend"):
        value = "P10Y" if unit == "decade" else f"P1{UNITS[unit]}"
        return Reading(type=TimeType.DURATION, value=value)
    if ctx.pub is None:
        return Reading()
    step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]
    pub = ctx.pub
    if unit == "year":
        reading = year_reading(pub.year + step)
    elif unit == "month":
        reading = month_reading(*shift_month(pub.year, pub.month, step))
    else:
        reading = week_reading(pub + timedelta(weeks=step))
    if unit == "weekend":
        assert reading.interval is not None
        saturday = reading.interval[0] + timedelta(days=5)
        return Reading(value=f"{reading.value}-WE", interval=(saturday, saturday +
                       timedelta(days=1)), precision=DatePrecision.WEEK)
    return _part_of(reading, adj, pub)


def _part_of(r: Reading, adj: str, pub: date) -> Reading:
    assert r.interval is not None
    lo, hi = r.interval
    third = (hi - lo) / 3
    if adj == "earlier":
        return clip(r, hi=pub - timedelta(days=1))
    if adj == "later":
        return clip(r, lo=pub + timedelta(days=1))
    if adj in ("early", "late"):
        return clip(r, hi=lo + third) if adj == "early" else clip(r, lo=hi - third)
    return r


def r_ago(m: re.Match[str], ctx: Context) -> Reading:
    n, unit = count_of(m.group("n")), m.group("u")
    if n is None or ctx.pub is None or unit in ("hour", "minute"):
        return Reading()
    pub = ctx.pub
    if unit == "day":
        return day_reading(pub - timedelta(days=n))
    if unit == "week":
        return week_reading(pub - timedelta(weeks=n))
    if unit in ("month", "quarter"):
        y, month = shift_month(pub.year, pub.month, -n * (3 if unit == "quarter" else 1))
        return month_reading(y, month) if unit == "month" else quarter_reading(y, (month + 2) // 3)
    return year_reading(pub.year - n * (10 if unit == "decade" else 1))


def r_anchored(m: re.Match[str], ctx: Context) -> Reading:
    """'three days later': a date whose distance is known and whose anchor is another event."""
    return Reading(note=f"{r_duration(m, ctx).value} from another event, not from publication")


def r_duration(m: re.Match[str], ctx: Context) -> Reading:
    n, code = count_of(m.group("n")), UNITS[m.group("u").lower()]
    if code == "DE":
        n, code = None if n is None else n * 10, "Y"
    amount = "X" if n is None else str(n)
    value = f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"
    return Reading(type=TimeType.DURATION, value=value)


def r_weekend(m: re.Match[str], ctx: Context) -> Reading:
    """'the weekend': in a future clause the coming one, else the last one begun by publication."""
    if ctx.pub is None:
        return Reading()
    ahead = (ctx.tense or ctx.default_tense) is Tense.FUTURE
    step = 0 if ahead or ctx.pub.weekday() >= 5 else -1
    if ahead and ctx.pub.weekday() == 6:
        step = 1
    monday = week_reading(ctx.pub + timedelta(weeks=step))
    assert monday.interval is not None
    saturday = monday.interval[0] + timedelta(days=5)
    return Reading(value=f"{monday.value}-WE", interval=(saturday, saturday + timedelta(days=1)),
                   precision=DatePrecision.WEEK)


def r_dayword(m: re.Match[str], ctx: Context) -> Reading:
    word = m.group(0).lower()
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}.get(word.split()[-1])
    if ctx.pub is None:
        return Reading(type=TimeType.DATE if offset is not None else TimeType.TIME)
    if offset is not None:
        return day_reading(ctx.pub + timedelta(days=offset))
    before = word in ("overnight", "last night")
    day = ctx.pub - timedelta(days=1) if before else ctx.pub
    end = ctx.pub if word == "overnight" else day
    return Reading(type=TimeType.TIME, value=f"{day.isoformat()}T{_PARTS[word.split()[-1]]}",
                   interval=(day, end), precision=DatePrecision.DAY)


def r_weekday(m: re.Match[str], ctx: Context) -> Reading:
    part = m.group("part")
    kind = TimeType.TIME if part else TimeType.DATE
    if ctx.pub is None:
        return Reading(type=kind)
    rel = (m.group("rel") or "").lower()
    tense = {"last": Tense.PAST, "next": Tense.FUTURE}.get(rel, ctx.tense or ctx.default_tense)
    gap = (ctx.pub.weekday() - WEEKDAYS.index(m.group("wd"))) % 7
    if tense is Tense.FUTURE or (rel == "this" and ctx.tense is not Tense.PAST):
        day = ctx.pub + timedelta(days=(-gap) % 7 or (0 if rel == "this" else 7))
    else:
        day = ctx.pub - timedelta(days=gap or (7 if rel == "last" else 0))
    reading = day_reading(day)
    if part:
        return Reading(type=kind, value=f"{reading.value}T{_PARTS[part]}",
                       interval=reading.interval, precision=DatePrecision.DAY)
    return reading


def r_set(m: re.Match[str], ctx: Context) -> Reading:
    unit = m.group("u").lower()
    return Reading(type=TimeType.SET, value=f"P1{SETS.get(unit) or UNITS[unit]}")


def r_clock(m: re.Match[str], ctx: Context) -> Reading:
    """A clock time, taken to fall on the publication day (the news convention)."""
    g = m.groupdict()
    hour = int(g["h"])
    if g.get("ampm"):
        hour = hour % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
    clock = f"T{hour:02d}:{g['min'] or '00'}{'Z' if g.get('tz') else ''}"
    if ctx.pub is None:
        return Reading(type=TimeType.TIME, value=f"XXXX-XX-XX{clock}")
    return Reading(type=TimeType.TIME, value=f"{ctx.pub.isoformat()}{clock}",
                   interval=(ctx.pub, ctx.pub), precision=DatePrecision.DAY)
