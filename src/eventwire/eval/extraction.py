"""extraction-dev pages -> Report: eventwire's extract stage against plain trafilatura.

Data: ``extraction-dev`` (trafilatura's own evaluation subset, 250 pages, 168 English), so a
pipeline built on trafilatura looks optimistic here. Both systems get the same decoded HTML in
the same run and no URL. The baseline is ``trafilatura.extract(html)`` with its defaults for
the text and ``trafilatura.extract_metadata(html)`` for title, author and date; eventwire is
``stages.extract.extract`` (its article text: title, standfirst, headings, body, captions).

Scoring follows the set's README (trafilatura's ``count_item``): both sides whitespace-
normalised; a ``with`` snippet found is a TP, missing an FN; a ``without`` snippet found is an
FP. No output counts as a miss. English pages and all pages are reported separately.
Metadata is exact match after trimming, only where the gold is non-empty (a list of authors
joined with ``"; "``, as upstream does); a system with no value is wrong.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from eventwire.eval import COUNTS_HEADER, Counts, Report, counts_row
from eventwire.records import Article, RawDocument
from eventwire.stages.extract import ExtractConfig, extract
from eventwire.stages.ingest.decoding import decode
from eventwire.vocab import InputFormat

DATASET = "extraction-dev (trafilatura eval subset, 250 pages)"
METADATA = ("title", "author", "date")


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    english: bool
    html: str
    keep: tuple[str, ...]
    drop: tuple[str, ...]
    gold: dict[str, str]


@dataclass(frozen=True, slots=True)
class Output:
    """What one system gave for one page: its text and metadata (None where it had none)."""

    text: str | None
    metadata: dict[str, str | None]


@dataclass(slots=True)
class Tally:
    """Snippet counts and metadata hits over the pages one system was scored on."""

    pages: int = 0
    empty: int = 0
    counts: Counts = field(default_factory=Counts)
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METADATA, 0))
    golds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METADATA, 0))

    def add(self, page: Page, output: Output) -> None:
        self.pages += 1
        self.empty += not output.text
        self.counts += _snippet_counts(page, _normalise(output.text or ""))
        for key, gold in page.gold.items():
            self.golds[key] += 1
            self.hits[key] += (output.metadata.get(key) or "").strip() == gold

    def accuracy(self, key: str) -> float:
        return self.hits[key] / self.golds[key] if self.golds[key] else 0.0

    def row(self, name: str) -> list[str]:
        cells = [f"{self.hits[k]}/{self.golds[k]} ({self.accuracy(k):.3f})" for k in METADATA]
        return counts_row(name, self.counts, str(self.pages), str(self.empty), *cells)


def score(data: Path, limit: int | None) -> Report:
    """Score eventwire and plain trafilatura on the pages of ``data/extraction-dev``."""
    systems: dict[str, Callable[[str], Output]] = {"eventwire": eventwire_output,
                                                   "trafilatura": trafilatura_output}
    tallies = {(system, scope): Tally() for system in systems for scope in ("en", "all")}
    for page in load_pages(data / "extraction-dev", limit):
        for system, run in systems.items():
            output = run(page.html)
            for scope in ("en", "all") if page.english else ("all",):
                tallies[system, scope].add(page, output)
    rows = [tallies[system, scope].row(f"{system} ({'English' if scope == 'en' else 'all'})")
            for scope in ("en", "all") for system in systems]
    metrics = {f"{scope}_{system}_{name}": value
               for (system, scope), tally in tallies.items()
               for name, value in _metrics(tally).items()}
    english = tallies["eventwire", "en"].pages
    return Report(
        title="Article extraction: eventwire extract vs plain trafilatura.extract",
        dataset=f"{DATASET}: {tallies['eventwire', 'all'].pages} pages scored, {english} English",
        header=(*COUNTS_HEADER, "pages", "no text", *(f"{k} acc." for k in METADATA)),
        rows=rows, metrics=metrics,
        notes=("TP: `with` snippet in the output; FN: missing; FP: `without` snippet in it.",
               "Optimistic: this is trafilatura's own evaluation set.",
               "Metadata: exact match on pages with non-empty gold (hits/gold pages)."))


def load_pages(folder: Path, limit: int | None) -> Iterator[Page]:
    """The pages of the set in ``gold.jsonl`` order (sorted by url), the first ``limit``."""
    with (folder / "gold.jsonl").open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                return
            entry = json.loads(line)
            html = decode(gzip.decompress((folder / entry["file"]).read_bytes()),
                          InputFormat.HTML, entry["file"])
            yield Page(name=entry["file"], english=entry["lang"] == "en",
                       html=html if isinstance(html, str) else "",
                       keep=tuple(entry["with"]), drop=tuple(entry["without"]),
                       gold=_metadata_gold(entry))


def eventwire_output(html: str) -> Output:
    doc = RawDocument(source="extraction-dev", payload=html, format=InputFormat.HTML)
    article = extract(doc, ExtractConfig())
    if not isinstance(article, Article):
        return Output(text=None, metadata={})
    return Output(text=article.text, metadata={"title": article.title,
                                               "author": article.byline,
                                               "date": article.published})


def trafilatura_output(html: str) -> Output:
    text = trafilatura.extract(html) if html else None
    metadata = trafilatura.extract_metadata(html) if html else None
    values = {key: getattr(metadata, key, None) for key in METADATA}
    return Output(text=text, metadata={k: v if isinstance(v, str) else None
                                       for k, v in values.items()})


def _metadata_gold(entry: dict[str, object]) -> dict[str, str]:
    gold: dict[str, str] = {}
    for key in METADATA:
        value = entry.get(key)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        if isinstance(value, str) and value.strip():
            gold[key] = value.strip()
    return gold


def _snippet_counts(page: Page, text: str) -> Counts:
    kept = sum(_normalise(snippet) in text for snippet in page.keep)
    leaked = sum(_normalise(snippet) in text for snippet in page.drop)
    return Counts(tp=kept, fp=leaked, fn=len(page.keep) - kept)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _metrics(tally: Tally) -> dict[str, float]:
    counts = tally.counts
    values: dict[str, float] = {"pages": tally.pages, "tp": counts.tp, "fp": counts.fp,
                                "fn": counts.fn, "precision": counts.precision,
                                "recall": counts.recall, "f1": counts.f1}
    values.update({f"{key}_accuracy": tally.accuracy(key) for key in METADATA})
    return values
