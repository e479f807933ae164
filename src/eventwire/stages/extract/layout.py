"""Lines of a page -> Layout: each kept line's block kind, the byline, the credits.

The credits are the lines that credit someone, whole: credit lines, a caption's closing credit,
the byline line, and the agency of a dateline opening the body.

It reads the lines of a pre-scraped text and of trafilatura's output alike. Every line gets one
role, in a fixed order of passes; a pass only looks at lines that no earlier pass claimed:

1. furniture (``furniture.py``), and the headlines listed under a bare ``Related:`` label;
2. the byline (``By Jane Doe``) near the top;
3. credit lines (``Reuters``, ``Photo: Jane Doe/AFP``): the line just before one is a photo
   caption, unless it opens the text or nothing follows the credit (a wire credit);
4. exact repeats of an earlier line (whitespace-normalised), which are dropped;
5. stray fragments at the top (a short label above another unpunctuated line);
6. the title: a known one (metadata), else the first line when it reads as a headline;
7. the standfirst: a known summary, else (when guessing) the line right under the title if it
   is one sentence set apart from the body by a byline, picture or date stamp;
8. stray fragments at the end (unpunctuated lines after the last sentence);
9. headings (short, unpunctuated, followed by text) and body; any other unpunctuated short
   line is a stray fragment.

Dropped lines keep their role, so later passes still see what stood between two lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from eventwire.stages.extract.furniture import (
    byline_of,
    credit_of,
    dateline_agency,
    inline_credit,
    is_furniture,
    is_link_list_label,
    is_publication_stamp,
)
from eventwire.vocab import BlockKind

_BYLINE_WINDOW = 8
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_FULL_STOP = re.compile(r"[.!?…][\"'”’)\]]*$")
_BULLET = re.compile(r"(?:[-•*–·▪►]|\d{1,2}[.)])\s+\S")
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,}\s*(?:\([^)]{1,30}\))?\s*[—–-]")
_BOUNDARY = re.compile(r"(\S+?)[.!?][\"'”’)\]]*\s+[\"'“‘(\[]?[A-Z0-9]")
_ABBREVIATION = re.compile(
    r"(?:[A-Z]\.)*[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Rep|Sen|Gov|Prof|Jr|Sr|No|Vol|vs"
    r"|Inc|Ltd|Co|Corp|Mt|Ft|Jan|Feb|Aug|Sept|Oct|Nov|Dec")


class _Role(StrEnum):
    TITLE = BlockKind.TITLE.value
    STANDFIRST = BlockKind.STANDFIRST.value
    HEADING = BlockKind.HEADING.value
    BODY = BlockKind.BODY.value
    CAPTION = BlockKind.CAPTION.value
    BYLINE = "byline"
    CREDIT = "credit"
    FURNITURE = "furniture"
    REPEAT = "repeat"
    FRAGMENT = "fragment"


_KEPT = frozenset({_Role.TITLE, _Role.STANDFIRST, _Role.HEADING, _Role.BODY, _Role.CAPTION})
_GONE = frozenset({_Role.FURNITURE, _Role.REPEAT, _Role.FRAGMENT})
_ASIDE = _GONE | {_Role.BYLINE, _Role.CREDIT}


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph of the source, with the structure the source marked on it, if any."""

    text: str
    hint: BlockKind | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Hints:
    """What is known besides the lines: metadata title and summary, and whether to guess."""

    title: str | None = None
    summary: str | None = None
    guess_standfirst: bool = True


@dataclass(frozen=True, slots=True)
class Layout:
    """The kept paragraphs in order with their kinds, and what was taken out of the text."""

    paragraphs: tuple[tuple[BlockKind, str], ...]
    byline: str | None
    credits: tuple[str, ...]
    date: str | None


@dataclass(slots=True)
class _Sheet:
    lines: list[Line]
    roles: list[_Role | None]

    def text(self, i: int) -> str:
        return self.lines[i].text

    def unclaimed(self) -> list[int]:
        return [i for i, role in enumerate(self.roles) if role is None]

    def content(self) -> list[int]:
        return [i for i, role in enumerate(self.roles) if role is None or role in _KEPT]

    def neighbour(self, i: int, step: int, skip: frozenset[_Role]) -> int | None:
        """The nearest line before (step -1) or after (+1) ``i`` whose role is not in skip."""
        j = i + step
        while 0 <= j < len(self.roles) and self.roles[j] in skip:
            j += step
        return j if 0 <= j < len(self.roles) else None


def read_layout(lines: Sequence[Line], hints: Hints) -> Layout:
    """Assign every line a role and keep the title, standfirst, headings, body and captions."""
    sheet = _sheet(lines, hints.title)
    date = _mark_furniture(sheet)
    byline = _mark_byline(sheet)
    credits = _mark_credits(sheet)
    credits += [sheet.text(i) for i, role in enumerate(sheet.roles) if role is _Role.BYLINE]
    _mark_repeats(sheet)
    _trim_leading(sheet)
    _mark_title(sheet)
    _mark_standfirst(sheet, hints)
    _trim_trailing(sheet)
    _mark_headings_and_body(sheet)
    credits.extend(_dateline_credits(sheet))
    paragraphs = tuple((BlockKind(role.value), line.text)
                       for line, role in zip(sheet.lines, sheet.roles, strict=True)
                       if role in _KEPT)
    return Layout(paragraphs, byline, tuple(dict.fromkeys(credits)), date)


def _sheet(lines: Sequence[Line], title: str | None) -> _Sheet:
    """The lines with no role yet, under the known title if there is one."""
    if not title:
        return _Sheet(list(lines), [None] * len(lines))
    return _Sheet([Line(title), *lines], [_Role.TITLE, *[None] * len(lines)])


def _mark_furniture(sheet: _Sheet) -> str | None:
    """Mark furniture and link lists; return the first publication date stamp seen."""
    date, in_list = None, False
    for i in sheet.unclaimed():
        text = sheet.text(i)
        if is_link_list_label(text):
            sheet.roles[i], in_list = _Role.FURNITURE, True
        elif is_furniture(text):
            sheet.roles[i] = _Role.FURNITURE
            date = date or (text if is_publication_stamp(text) else None)
        elif (in_list and sheet.lines[i].hint is not BlockKind.HEADING
              and (_is_headline(text) or _BULLET.match(text))):
            sheet.roles[i] = _Role.FURNITURE
        else:
            in_list = False
    return date


def _mark_byline(sheet: _Sheet) -> str | None:
    for i in sheet.unclaimed()[:_BYLINE_WINDOW]:
        if who := byline_of(sheet.text(i)):
            sheet.roles[i] = _Role.BYLINE
            return who
    return None


def _mark_credits(sheet: _Sheet) -> list[str]:
    credits: list[str] = []
    opening = next(iter(sheet.content()), None)
    for i in sheet.unclaimed():
        if who := inline_credit(sheet.text(i)):
            sheet.roles[i] = _Role.CAPTION
            credits.append(who)
        elif who := credit_of(sheet.text(i)):
            sheet.roles[i] = _Role.CREDIT
            credits.append(who)
            before = sheet.neighbour(i, -1, _GONE)
            if (before is not None and before != opening and sheet.roles[before] is None
                    and sheet.lines[before].hint is None
                    and sheet.neighbour(i, +1, _ASIDE) is not None):
                sheet.roles[before] = _Role.CAPTION
    return credits


def _mark_repeats(sheet: _Sheet) -> None:
    seen: set[str] = set()
    for i in sheet.content():
        key = " ".join(sheet.text(i).split())
        if key in seen:
            sheet.roles[i] = _Role.REPEAT
        seen.add(key)


def _trim_leading(sheet: _Sheet) -> None:
    content = sheet.content()
    while (len(content) >= 2 and sheet.roles[content[0]] is None
           and sheet.lines[content[0]].hint is None and _is_label(sheet.text(content[0]))
           and not _is_sentence(sheet.text(content[1]))):
        sheet.roles[content.pop(0)] = _Role.FRAGMENT


def _mark_title(sheet: _Sheet) -> None:
    content = sheet.content()
    if content and sheet.roles[content[0]] is None and _is_headline(sheet.text(content[0])):
        sheet.roles[content[0]] = _Role.TITLE


def _mark_standfirst(sheet: _Sheet, hints: Hints) -> None:
    if _Role.TITLE not in sheet.roles:
        return
    title = sheet.roles.index(_Role.TITLE)
    if hints.summary:
        for i in [i for i in sheet.content() if i > title][:3]:
            if sheet.roles[i] is None and _same_text(sheet.text(i), hints.summary):
                sheet.roles[i] = _Role.STANDFIRST
                return
        return
    after = sheet.neighbour(title, +1, _GONE)
    if (hints.guess_standfirst and after is not None and sheet.roles[after] is None
            and _is_standfirst(sheet.text(after)) and _set_apart(sheet, after)):
        sheet.roles[after] = _Role.STANDFIRST


def _set_apart(sheet: _Sheet, i: int) -> bool:
    """Something other than text (a byline, a picture, a date stamp) comes between line ``i``
    and the body, as under a standfirst; a news lede runs straight into the next paragraph."""
    return (i + 1 < len(sheet.roles) and sheet.roles[i + 1] is not None
            and len([j for j in sheet.unclaimed() if j > i]) >= 2)


def _trim_trailing(sheet: _Sheet) -> None:
    for i in reversed(sheet.content()):
        if (sheet.roles[i] is not None or sheet.lines[i].hint is BlockKind.BODY
                or _is_sentence(sheet.text(i))):
            return
        sheet.roles[i] = _Role.FRAGMENT


def _mark_headings_and_body(sheet: _Sheet) -> None:
    for i in sheet.unclaimed():
        text = sheet.text(i)
        if sheet.lines[i].hint is BlockKind.BODY:
            sheet.roles[i] = _Role.BODY
        elif sheet.lines[i].hint is BlockKind.HEADING or _is_heading(text):
            after = sheet.neighbour(i, +1, _ASIDE)
            leads = after is not None and (sheet.roles[after] is _Role.CAPTION
                                           or _is_sentence(sheet.text(after))
                                           or _BULLET.match(sheet.text(after)) is not None)
            sheet.roles[i] = _Role.HEADING if leads else _Role.FRAGMENT
        elif _is_sentence(text) or _BULLET.match(text):
            sheet.roles[i] = _Role.BODY
        else:
            sheet.roles[i] = _Role.FRAGMENT


def _dateline_credits(sheet: _Sheet) -> list[str]:
    if _Role.BODY not in sheet.roles:
        return []
    agency = dateline_agency(sheet.text(sheet.roles.index(_Role.BODY)))
    return [agency] if agency else []


def _is_sentence(text: str) -> bool:
    """Ends like a sentence, or is too long to be a heading or label anyway."""
    return _SENTENCE_END.search(text) is not None or len(text.split()) > 15


def _is_label(text: str) -> bool:
    return not _is_sentence(text) and len(text.split()) <= 3


def _is_heading(text: str) -> bool:
    return (not _is_sentence(text) and len(text.split()) <= 12 and len(text) <= 100
            and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"'“‘"))


def _is_headline(text: str) -> bool:
    """Short, capitalised, and unpunctuated at the end unless in Title Case."""
    return (2 <= len(text.split()) <= 30 and len(text) <= 250
            and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"'“‘")
            and not _BULLET.match(text)
            and (not re.search(r"[.,;:][\"'”’)\]]*$", text) or _is_title_case(text)))


def _is_title_case(text: str) -> bool:
    """Most words of four letters or more are capitalised, as in ``Obama Seeks More Aid.``"""
    long_words = [w for w in (w.strip("\"'“‘”’([") for w in text.split()) if len(w) >= 4]
    capitalised = sum(1 for w in long_words if w[:1].isupper())
    return len(long_words) >= 3 and capitalised >= 0.8 * len(long_words)


def _is_standfirst(text: str) -> bool:
    """One full sentence of 6 to 45 words that is not a news lede's dateline."""
    return (_FULL_STOP.search(text) is not None and 6 <= len(text.split()) <= 45
            and _sentence_count(text) == 1 and not _DATELINE.match(text))


def _sentence_count(text: str) -> int:
    return 1 + sum(1 for m in _BOUNDARY.finditer(text) if not _ABBREVIATION.fullmatch(m[1]))


def _same_text(line: str, summary: str) -> bool:
    """Equal up to whitespace, or the line starts with a summary cut short by an ellipsis."""
    line, summary = " ".join(line.split()), " ".join(summary.split())
    stem = summary.removesuffix("...").removesuffix("…").rstrip()
    return line == summary or (stem != summary and len(stem) > 20 and line.startswith(stem))
