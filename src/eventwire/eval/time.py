"""time-dev (MEANTIME-en) -> Report: TIMEX3 detection and normalisation, eventwire vs dateparser.

Each document is given to the system as its text and its creation time (DCT) only; document
``120578`` has the upstream value ``03-02-2009`` for "February 03, 2009", read here as
2009-02-03. MEANTIME annotates only the title, the dateline and the first four body
sentences of each article (lines 1-6 of the rebuilt text; every TIMEX3 lies there), so
predictions count only when they fall in those lines, and never when they overlap the DCT
on the dateline. Gold: the anchored non-DCT TIMEX3 (370).

TempEval-3 measures: span P/R/F1 strict (same offsets) and relaxed (overlap, matched one to
one, largest overlap first); type and value accuracy on the relaxed matches; value F1, where a
true positive is a relaxed match with the gold value. The baseline is dateparser alone:
``dateparser.search.search_dates`` on each annotated line with the DCT as its base, each hit
given the granularity dateparser reports for it (``period``) and the type TIME when that is
a clock time.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from eventwire.eval import COUNTS_HEADER, Counts, Report, counts_row
from eventwire.records import Article, Block
from eventwire.stages.dates import DatesConfig, find_times
from eventwire.stages.nlp import NlpConfig, annotate, load_pipeline
from eventwire.vocab import BlockKind

ANNOTATED_LINES = 6
_DCT_FIXES = {"120578": "2009-02-03"}


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    dct: str
    dct_span: tuple[int, int]
    gold: tuple[Timex, ...]

    @property
    def scored_end(self) -> int:
        """End of the annotated lines: predictions after it are not scored."""
        ends = [i for i, c in enumerate(self.text) if c == "\n"]
        return ends[ANNOTATED_LINES - 1] if len(ends) >= ANNOTATED_LINES else len(self.text)

    def scored(self, found: Sequence[Timex]) -> list[Timex]:
        lo, hi = self.dct_span
        return [t for t in found if t.end <= self.scored_end and (t.end <= lo or t.start >= hi)]


@dataclass(frozen=True, slots=True)
class Tally:
    """Strict and relaxed span counts, and type/value agreement on the relaxed matches."""

    strict: Counts = field(default_factory=Counts)
    relaxed: Counts = field(default_factory=Counts)
    same_type: int = 0
    same_value: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.strict + other.strict, self.relaxed + other.relaxed,
                     self.same_type + other.same_type, self.same_value + other.same_value)

    @property
    def value(self) -> Counts:
        r = self.relaxed
        return Counts(self.same_value, r.tp + r.fp - self.same_value, r.tp + r.fn - self.same_value)


def load_documents(folder: Path, limit: int | None = None) -> list[Document]:
    """The MEANTIME documents of ``time-dev``, with their anchored non-DCT TIMEX3."""
    docs = []
    with gzip.open(folder / "time-dev" / "meantime-en.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            raw = json.loads(line)
            dct = raw["dct"]
            flagged = dct["flagged_creation_time"]
            gold = tuple(Timex(t["start"], t["end"], t["type"], t["value"]) for t in raw["timex3"]
                         if t["start"] is not None and t["functionInDocument"] != "CREATION_TIME")
            docs.append(Document(raw["doc_id"], raw["text"],
                                 _DCT_FIXES.get(raw["doc_id"], dct["value"]),
                                 (dct["start"], dct["end"]) if flagged else (0, 0), gold))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def eventwire_times(docs: Sequence[Document]) -> Iterator[list[Timex]]:
    """eventwire's time expressions for each document."""
    nlp = load_pipeline(NlpConfig())
    articles = [_article(d) for d in docs]
    for ann in annotate(articles, nlp, NlpConfig()):
        yield [Timex(t.start, t.end, t.type.value.upper(), t.value)
               for t in find_times(ann, DatesConfig())]


def _article(doc: Document) -> Article:
    title_end = doc.text.find("\n")
    return Article(id=doc.doc_id, source=f"meantime:{doc.doc_id}", text=doc.text,
                   published=doc.dct, title=doc.text[:title_end],
                   blocks=(Block(kind=BlockKind.TITLE, start=0, end=title_end),
                           Block(kind=BlockKind.BODY, start=title_end + 1, end=len(doc.text))))


def dateparser_times(doc: Document) -> list[Timex]:
    """What ``search_dates`` finds in the annotated lines, given the DCT as its base."""
    base = datetime.fromisoformat(doc.dct)
    settings: dict[str, object] = {"RELATIVE_BASE": base}
    parser = DateDataParser(languages=["en"], settings=settings)
    found, offset = [], 0
    for line in doc.text[:doc.scored_end].split("\n"):
        cursor = 0
        for surface, when in search_dates(line, languages=["en"], settings=settings) or ():
            at = line.find(surface, cursor)
            if at < 0:
                continue
            cursor = at + len(surface)
            period = parser.get_date_data(surface).period or "day"
            found.append(Timex(offset + at, offset + cursor, "TIME" if period == "time"
                               else "DATE", _granular(when, period)))
        offset += len(line) + 1
    return found


def _granular(when: datetime, period: str) -> str:
    if period == "time":
        return when.strftime("%Y-%m-%dT%H:%M")
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    return when.strftime({"year": "%Y", "month": "%Y-%m"}.get(period, "%Y-%m-%d"))


def tally(gold: Sequence[Timex], found: Sequence[Timex]) -> Tally:
    """Strict and relaxed matching of one document's predictions against its gold."""
    exact = len({(t.start, t.end) for t in gold} & {(t.start, t.end) for t in found})
    pairs = sorted(((min(g.end, f.end) - max(g.start, f.start), i, j)
                    for i, g in enumerate(gold) for j, f in enumerate(found)
                    if g.start < f.end and f.start < g.end), reverse=True)
    used_g: set[int] = set()
    used_f: set[int] = set()
    same_type = same_value = 0
    for _, i, j in pairs:
        if i in used_g or j in used_f:
            continue
        used_g.add(i)
        used_f.add(j)
        same_type += gold[i].type == found[j].type
        same_value += gold[i].value is not None and gold[i].value == found[j].value
    matched = len(used_g)
    return Tally(Counts(exact, len(found) - exact, len(gold) - exact),
                 Counts(matched, len(found) - matched, len(gold) - matched), same_type, same_value)


def score(data: Path, limit: int | None) -> Report:
    docs = load_documents(data, limit)
    systems = {
        "eventwire": sum((tally(d.gold, d.scored(found)) for d, found in
                          zip(docs, eventwire_times(docs), strict=True)), Tally()),
        "dateparser": sum((tally(d.gold, d.scored(dateparser_times(d))) for d in docs), Tally()),
    }
    rows: list[list[str]] = []
    metrics: dict[str, float] = {}
    for name, t in systems.items():
        matched = t.relaxed.tp
        type_acc = t.same_type / matched if matched else 0.0
        value_acc = t.same_value / matched if matched else 0.0
        rows += [counts_row(f"{name}: span strict", t.strict, "", ""),
                 counts_row(f"{name}: span relaxed", t.relaxed, f"{type_acc:.3f}",
                            f"{value_acc:.3f}"),
                 counts_row(f"{name}: value", t.value, "", "")]
        metrics |= {f"{name}.strict_f1": t.strict.f1, f"{name}.relaxed_f1": t.relaxed.f1,
                    f"{name}.relaxed_recall": t.relaxed.recall,
                    f"{name}.relaxed_precision": t.relaxed.precision,
                    f"{name}.type_accuracy": type_acc, f"{name}.value_accuracy": value_acc,
                    f"{name}.value_f1": t.value.f1}
    gold_count = sum(len(d.gold) for d in docs)
    return Report(
        title="Time expressions (TIMEX3 detection and value)",
        dataset=f"time-dev (MEANTIME-en, {len(docs)} docs, {gold_count} TIMEX3)",
        header=(*COUNTS_HEADER, "type acc.", "value acc."), rows=rows, metrics=metrics,
        notes=("scored: title, dateline and first four body sentences (what MEANTIME "
               "annotates), predictions on the DCT excluded; DCT of 120578 read as 2009-02-03",
               "relaxed: overlap, one-to-one; value: a relaxed match with the exact gold value "
               "(TempEval-3 value F1); accuracies are over relaxed matches",
               "dateparser: search_dates per line with the DCT as RELATIVE_BASE"))
