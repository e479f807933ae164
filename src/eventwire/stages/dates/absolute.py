"""Match + context -> reading for calendar expressions: dates, ranges, months, years, decades.

Calendar dates are read from the grammar's groups and validated with ``datetime.date``, so
"February 30" is kept with a note saying why it has no value. A date, month or year named
without its year ("March", "September 7") is the one near publication the clause's tense
points to. Entity texts made of digits and calendar words in a format the grammar does not
read ("26/08/2021") go to dateparser.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from dateparser.date import DateDataParser

from eventwire.stages.dates.readings import (
    MONTH_ALT,
    WEEKDAYS,
    Context,
    Reading,
    calendar_day,
    clip,
    day_reading,
    month_of,
    month_reading,
    pick,
    week_reading,
    year_reading,
)
from eventwire.vocab import DatePrecision, Tense

_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def calendar_words_only(body: str) -> bool:
    """Digits, month and weekday names only: a calendar date in a format we do not parse."""
    words = re.findall(r"[A-Za-z]+", body)
    return bool(re.search(r"\d", body)) and all(
        w in ("of", "the", "st", "nd", "rd", "th") or re.fullmatch(MONTH_ALT, w) or w in WEEKDAYS
        for w in words)


def dateparser_reading(body: str, ctx: Context) -> Reading | None:
    prefer = "future" if ctx.tense is Tense.FUTURE else "past"
    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer}
    if ctx.pub:
        settings["RELATIVE_BASE"] = datetime(ctx.pub.year, ctx.pub.month, ctx.pub.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(body)
    if data.date_obj is None or (ctx.pub is None and "year" not in data.parts):
        return None
    day = data.date_obj.date()
    return {"month": month_reading(day.year, day.month), "year": year_reading(day.year),
            "week": week_reading(day)}.get(data.period or "day", day_reading(day))


# --- resolvers, one per grammar pattern ---------------------------------------------------------


def r_range(m: re.Match[str], ctx: Context) -> Reading:
    groups = m.groupdict()
    m1 = month_of(groups.get("m1") or groups["m2"])
    m2 = month_of(groups["m2"]) if groups.get("m2") else m1
    y1 = groups.get("y1") or groups.get("y2")
    first = calendar_day(int(y1) if y1 else None, m1, int(m.group("d1")), ctx)
    if not first.interval:
        return first
    start = first.interval[0]
    wraps = (m2, int(m.group("d2"))) < (m1, start.day)
    y2 = int(groups["y2"]) if groups.get("y2") else start.year + wraps
    second = calendar_day(y2, m2, int(m.group("d2")), ctx)
    if not second.interval:
        return second
    end = second.interval[0]
    return Reading(value=f"{start.isoformat()}/{end.isoformat()}", interval=(start, end),
                   precision=DatePrecision.DAY)


def r_year_range(m: re.Match[str], ctx: Context) -> Reading:
    g = m.groupdict()
    y1 = int(g["y1"] or g["y3"])
    y2 = int(g["y2"] or g["y4"]) if g["y2"] or g["y4"] else y1 // 100 * 100 + int(g["yy"])
    if y2 < y1:
        return Reading(note="year range ends before it starts")
    return Reading(value=f"{y1}/{y2}", interval=(date(y1, 1, 1), date(y2, 12, 31)),
                   precision=DatePrecision.YEAR)


def r_date(m: re.Match[str], ctx: Context) -> Reading:
    year = m.group("y1")
    return calendar_day(int(year) if year else None, month_of(m.group("m1")), int(m.group("d1")),
                        ctx)


def r_iso(m: re.Match[str], ctx: Context) -> Reading:
    y, mo, d = (int(p) for p in m.group(0).split("-"))
    return calendar_day(y, mo, d, ctx) if 1 <= mo <= 12 else Reading(note="impossible month")


def r_month(m: re.Match[str], ctx: Context) -> Reading:
    month = month_of(m.group("m1"))
    mod = (m.group("mod") or "").lower()
    groups = m.groupdict()
    if groups.get("y1"):
        reading = month_reading(int(groups["y1"]), month, _THIRDS.get(mod))
    elif ctx.pub is None:
        return Reading()
    else:
        pub = ctx.pub
        options = [month_reading(pub.year + k, month, _THIRDS.get(mod)) for k in (-1, 0, 1)]
        if mod in ("last", "next"):
            before = [r for r in options if r.interval and r.interval[1] < pub]
            after = [r for r in options if r.interval and r.interval[0] > pub]
            reading = before[-1] if mod == "last" else after[0]
        else:
            tense = Tense.PAST if mod == "since" else ctx.tense
            reading = pick(options, Context(pub, tense, ctx.default_tense))
    return _since(reading, ctx) if mod == "since" else reading


def r_year(m: re.Match[str], ctx: Context) -> Reading:
    year = int(m.group("y1"))
    mod = (m.group("mod") or "").lower()
    halves = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
    reading = year_reading(year)
    if mod in halves:
        lo, hi = halves[mod]
        last = calendar.monthrange(year, hi)[1]
        reading = clip(reading, date(year, lo, 1), date(year, hi, last))
    return _since(reading, ctx) if mod == "since" else reading


def _since(r: Reading, ctx: Context) -> Reading:
    if r.interval is None or ctx.pub is None:
        return r
    return Reading(value=r.value, interval=(r.interval[0], max(r.interval[0], ctx.pub)),
                   precision=r.precision)


def r_decade(m: re.Match[str], ctx: Context) -> Reading:
    start = int(m.group("dec")) * 10
    return Reading(value=m.group("dec"), interval=(date(start, 1, 1), date(start + 9, 12, 31)),
                   precision=DatePrecision.YEAR)


def r_short_decade(m: re.Match[str], ctx: Context) -> Reading:
    """'the 70s': the latest such decade begun by publication (the 1900s without one)."""
    tens = int(m.group("dd")) * 10
    start = 2000 + tens if ctx.pub and 2000 + tens <= ctx.pub.year else 1900 + tens
    return Reading(value=str(start // 10), interval=(date(start, 1, 1), date(start + 9, 12, 31)),
                   precision=DatePrecision.YEAR)
