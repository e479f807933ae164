"""Text -> candidate matches: the grammar of time expressions, each pattern with its resolver.

Regular expressions for what the small model splits or misses ("between September 7 and 9",
"two days ago", "since March"), most specific first. A pattern that needs a cue (a bare
month, year or season) counts only after a preposition or with a modifier ("in March",
"early 2019", "last fall"), so "March" as a name, "2019" as a number or "a fall in prices"
is not taken for a date. A signal word stays outside the span where TIMEX3 leaves it out
("three years" after, "a year" in "15 a year"), but "since" stays in: it makes the interval
run to publication. The entity grammar reads entity texts that name a bare month, year,
season, duration ("years"), set or decade ("the 70s").
"""

from __future__ import annotations

import re

from eventwire.stages.dates.absolute import (
    r_date,
    r_decade,
    r_iso,
    r_month,
    r_range,
    r_short_decade,
    r_year,
    r_year_range,
)
from eventwire.stages.dates.periods import r_quarter, r_season, r_vague
from eventwire.stages.dates.readings import COUNT, MONTH_ALT, SETS, UNITS, WEEKDAYS, Resolver
from eventwire.stages.dates.relative import (
    r_ago,
    r_anchored,
    r_clock,
    r_dayword,
    r_duration,
    r_relative,
    r_set,
    r_weekday,
    r_weekend,
)

PREPOSITIONS = tuple(f"{w} " for p in ("in", "during", "until", "by", "before", "after", "of",
                                       "from") for w in (p, p.capitalize()))


def _m(g: str) -> str:
    return rf"(?P<{g}>{MONTH_ALT})"


def _d(g: str) -> str:
    return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"


def _y(g: str) -> str:
    return rf"(?P<{g}>(?:1[89]|20)\d\d)(?!\d)"


_WD = rf"(?P<wd>{'|'.join(WEEKDAYS)})"
_N = rf"(?P<n>{COUNT}|[Aa]n?)"
_ADJ = r"(?:(?:straight|consecutive|successive|trading|business|working|full) )?"
_U = rf"(?P<u>{'|'.join(UNITS)})s?"
_MOD = r"(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ss]ince)[- ]"
_NOT_DAY_OR_YEAR = r"(?!,? ?(?:[0-3]?\d|(?:1[89]|20)\d\d)\b)"
_FREQ = "(?P<u>day|week|month|year)"
_YEAR_OF = rf"(?:(?: of|,)? (?:{_y('y1')}|(?P<yrel>this|last|next) year))?"
_QUARTER = (r"(?i:first|second|third|fourth|final|last|this|next|previous|past|1st|2nd|3rd|4th)")
_SEASON = r"(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)"


def _rule(pattern: str, resolver: Resolver, needs_cue: bool = False
          ) -> tuple[re.Pattern[str], Resolver, bool]:
    return re.compile(pattern), resolver, needs_cue


_Y12 = rf"(?:,? {_y('y1')})?"
GRAMMAR = (
    _rule(rf"\b(?:[Bb]etween|[Ff]rom) {_m('m1')} {_d('d1')}{_Y12} (?:and|to|until|through|-|–) "
          rf"(?:{_m('m2')} )?{_d('d2')}(?:,? {_y('y2')})?", r_range),
    _rule(rf"\b(?:[Bb]etween|[Ff]rom) (?:the )?{_d('d1')}(?: {_m('m1')})? (?:and|to|until|through) "
          rf"(?:the )?{_d('d2')}(?: of)? {_m('m2')}(?: {_y('y2')})?", r_range),
    _rule(rf"\b{_m('m1')} {_d('d1')} ?[-–] ?{_d('d2')}(?:,? {_y('y2')})?", r_range),
    _rule(rf"\b{_d('d1')} ?[-–] ?{_d('d2')} {_m('m2')}(?: {_y('y2')})?", r_range),
    _rule(rf"\b(?:(?:[Bb]etween|[Ff]rom) {_y('y1')} (?:and|to|until) {_y('y2')}|"
          rf"{_y('y3')} ?[-–] ?(?:{_y('y4')}|(?P<yy>\d\d)(?![\d-])))", r_year_range),
    _rule(rf"\b(?:{_WD},? )?{_m('m1')} {_d('d1')}{_Y12}", r_date),
    _rule(rf"\b(?:{_WD},? )?(?:the )?{_d('d1')}(?: of)? {_m('m1')}{_Y12}", r_date),
    _rule(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b", r_iso),
    _rule(rf"\b(?:{_MOD})?{_m('m1')},? {_y('y1')}", r_month),
    _rule(rf"(?P<t>\b(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ll]ast|[Nn]ext|[Ss]ince)[- ])?"
          rf"{_m('m1')}){_NOT_DAY_OR_YEAR}", r_month, True),
    _rule(rf"(?P<t>\b(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ss]ince)[- ])?{_y('y1')})(?![-–]\d)",
          r_year, True),
    _rule(r"\b(?:(?P<adj>[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate) )?(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|"
          r"[Pp]ast|[Cc]oming|[Pp]revious) (?P<u>week|month|year|weekend|decade)\b", r_relative),
    _rule(r"\b[Tt]he weekend\b", r_weekend),
    _rule(rf"\b(?:(?:[Tt]he )?(?P<ord>{_QUARTER})[- ]quarter|Q(?P<q>[1-4])){_YEAR_OF}\b",
          r_quarter),
    _rule(rf"(?P<t>\b(?:(?P<mod>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming|[Ee]arly|[Ll]ate|[Mm]id)"
          rf"[- ])?(?:the )?{_SEASON}(?:(?: of|,)? {_y('y1')})?)\b(?! of (?!(?:1[89]|20)\d\d))",
          r_season, True),
    _rule(r"\b(?:(?:[Mm]ore|[Mm]ost|[Vv]ery) )?(?P<w>[Rr]ecently|[Ll]ately|[Pp]reviously|"
          r"[Cc]urrently|[Pp]resently|[Nn]owadays|[Ss]oon(?! as\b)|[Nn]ow(?! that\b)|"
          r"[Rr]ecent)\b(?:(?<=ecent) (?:years|months|weeks|days|decades)\b)?(?!-)", r_vague),
    _rule(r"\b[Tt]he (?:(?:near|distant|recent|immediate|foreseeable) )?(?P<w>past|future|"
          r"time being|(?:near|short|long|medium)[- ]term)\b", r_vague),
    _rule(rf"\b{_N} {_U} ago\b", r_ago),
    _rule(rf"\b{_N} {_U} (?:later|earlier)\b", r_anchored),
    _rule(rf"\b(?:the )?(?:[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming|[Ff]irst) (?P<n>{COUNT}) {_ADJ}{_U}\b",
          r_duration),
    _rule(rf"(?<![\w-])(?P<n>{COUNT}) {_ADJ}{_U}(?![\w-])(?! old)", r_duration),
    _rule(r"\b(?:(?:[Ee]arlier|[Ll]ater) today|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|"
          r"[Oo]vernight|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))\b", r_dayword),
    _rule(rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his) )?{_WD}"
          r"(?: (?P<part>morning|afternoon|evening|night))?\b", r_weekday),
    _rule(rf"\b(?:[Ee]very|[Ee]ach|[Oo]nce a|[Tt]wice a|{COUNT} times a) {_FREQ}\b", r_set),
    _rule(rf"(?:(?<=\d )|(?<=% )|(?<=percent ))an? {_FREQ}\b", r_set),
    _rule(rf"\b[Pp]er {_FREQ}\b", r_set),
    _rule(r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))? ?(?P<ampm>[AaPp]\.?[Mm]\b\.?)", r_clock),
    _rule(r"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?: ?(?P<tz>UTC|GMT)\b)?", r_clock),
    _rule(r"\b(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d) ?(?P<tz>UTC|GMT)\b", r_clock),
)
# Entity texts that name a bare month or year ("March", "2019") without a cue word.
ENTITY_GRAMMAR = (
    _rule(rf"(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ])?{_m('m1')}", r_month),
    _rule(rf"(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ])?{_y('y1')}", r_year),
    _rule(rf"{_N}[ -]{_U}(?:-long)?", r_duration),
    _rule(rf"(?P<u>{'|'.join(SETS)})", r_set),
    _rule(r"(?P<dec>1[89]\d|20\d)0s", r_decade),
    _rule(r"'?(?P<dd>[1-9])0s", r_short_decade),
    _rule(r"(?:(?:[Rr]ecent|[Mm]any|[Ss]everal|[Tt]he) )?(?P<n>)"
          r"(?P<u>minute|hour|day|week|month|year|decade)s", r_duration),
    _rule(_SEASON, r_season),
)
