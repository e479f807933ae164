"""Text -> spans between quotation marks: direct quotes, continued across paragraphs.

Marks are read paragraph by paragraph. Straight marks (``"`` and the typewriter pair ``''``)
both open and close, so they pair in order; curly and TeX-style ones (“ ” and `` ``) open or
close. A quote still open at the end of a paragraph continues when the next paragraph opens
with a mark: the news convention for quotes that run over paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventwire.records import Span

_MARK = re.compile(r"''|``|[\"“”]")
_OPENING = frozenset({'"', "“", "``", "''"})
_CLOSING = frozenset({'"', "”", "''"})


def marked_spans(text: str) -> Iterator[Span]:
    """Contents between quotation marks, continued across paragraphs that open with a mark."""
    pending: int | None = None
    for para in re.finditer(r"[^\n]+", text):
        first = para.start() + len(para.group()) - len(para.group().lstrip())
        marks = [(para.start() + m.start(), m.group()) for m in _MARK.finditer(para.group())]
        carried = pending is not None and bool(marks) and marks[0][0] == first and (
            marks[0][1] in _OPENING)
        open_at, pending = (pending, None) if carried else (None, None)
        for pos, mark in marks[1:] if carried else marks:
            if open_at is not None and mark in _CLOSING:
                yield _trim(text, open_at, pos)
                open_at = None
            elif mark in _OPENING:
                open_at = pos + len(mark)
        pending = open_at


def _trim(text: str, start: int, end: int) -> Span:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Span(start=start, end=end)
