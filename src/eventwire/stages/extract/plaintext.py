"""Pre-scraped plain text -> Lines: one paragraph per line, or per block of hard-wrapped text.

Hand-written because no library cleans text that a scraper has already flattened: trafilatura,
readability and jusText all work on the HTML tree whose structure this text has lost. What is
left is the line layout. Scrapers write one paragraph per line, with or without blank lines in
between, so each non-blank line is a paragraph. Hard-wrapped text (many long lines that break
mid-sentence, as in mail or old wire copy) is the exception: there the lines of a block join
until a blank line or a short line (a title, a heading, a paragraph's last line) ends it.
Each paragraph is an exact slice of the input, stripped of surrounding whitespace only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from eventwire.stages.extract.layout import Line

_LINE = re.compile(r"[^\r\n]+")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_MAX_WRAP_WIDTH = 100


@dataclass(frozen=True, slots=True)
class _Row:
    start: int
    end: int
    after_blank: bool

    @property
    def width(self) -> int:
        return self.end - self.start


def split_lines(text: str) -> list[Line]:
    """The paragraphs of ``text`` in order, each stripped of surrounding whitespace."""
    rows = _rows(text)
    if not _hard_wrapped(rows, text):
        return [Line(text[row.start:row.end]) for row in rows]
    width = max(row.width for row in rows)
    breaks = [i for i, (prev, row) in enumerate(pairwise(rows), 1)
              if row.after_blank or prev.width < width / 2]
    bounds = [0, *breaks, len(rows)]
    return [Line(text[rows[a].start:rows[b - 1].end]) for a, b in pairwise(bounds)]


def _rows(text: str) -> list[_Row]:
    rows: list[_Row] = []
    previous_end = 0
    for match in _LINE.finditer(text):
        line = match.group()
        if not line.strip():
            continue
        start = match.start() + len(line) - len(line.lstrip())
        gap = text[previous_end:start]
        rows.append(_Row(start, match.end() - (len(line) - len(line.rstrip())),
                         bool(rows) and len(_NEWLINE.findall(gap)) >= 2))
        previous_end = rows[-1].end
    return rows


def _hard_wrapped(rows: list[_Row], text: str) -> bool:
    """Many lines run on into the next line of their block without ending a sentence."""
    if not rows or max(row.width for row in rows) > _MAX_WRAP_WIDTH:
        return False
    width = max(row.width for row in rows)
    joined = [prev for prev, row in pairwise(rows) if not row.after_blank]
    broken = [row for row in joined if row.width >= 0.6 * width
              and not _SENTENCE_END.search(text[row.start:row.end])]
    return len(broken) >= 3 and len(broken) >= 0.3 * len(joined)
