"""quotes-dev (PolNeAR dev) -> Report: attribution source, cue and content, eventwire vs marks.

Each article's text is given to the pipeline exactly as stored (read without newline
translation, so the BRAT offsets index it) with its publication date from ``metadata.tsv``;
a record's quotes give the content span, the speaker's phrase (``speaker_span``) and the cue
(``cue_span``). Where an article has several annotators' files, the lexicographically first
annotator suffix is the gold (never merged, as the data README asks). Gold is every Source,
Cue and Content span an ``E`` line ties together; ``Discuss`` and ``Discard`` are ignored.

Quotes that share a cue span are one attribution whose content has several fragments
(PolNeAR's reading of '"...," she said. "..."'). Per role, three measures: span exact (same
first and last character once whitespace, quotation marks, punctuation and a leading
complementizer "that" are trimmed from both ends, since PolNeAR puts the marks, the final
full stop and the "that" inside a content and eventwire does not; a span of several fragments
counts from its first to its last), span overlap (any shared
character, matched one to one) and token (words of the role, pooled per article). The
attribution row counts a gold attribution found when one quote overlaps its content and its
cue and, where it has one, its source. The baseline is quotation marks alone: the text
between paired marks in a paragraph, with no source and no cue.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.eval import COUNTS_HEADER, Counts, Report, counts_row
from eventwire.pipeline import default_resources
from eventwire.records import Article, Block, Quote
from eventwire.stages import quotes
from eventwire.stages.actors import resolve_actors
from eventwire.stages.dates import DatesConfig, find_times
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.vocab import BlockKind

ROLES = ("Source", "Cue", "Content")
Fragments = tuple[tuple[int, int], ...]
_PAIRED = re.compile(r"\"([^\"]+)\"|[“`]`?((?:(?!”|'').)+)(?:”|'')|''((?:(?!'').)+)''")
_EDGE = "\"'“”‘’`.,;:!?()[]—–- \n\t"


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution's spans by role; a role it lacks is empty."""

    spans: dict[str, Fragments] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    published: str | None
    gold: tuple[Attribution, ...]


def load_documents(folder: Path, limit: int | None = None) -> list[Document]:
    """The PolNeAR dev articles with the first annotator's attributions."""
    root = folder / "quotes-dev"
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as f:
        dates = {row["filename"]: row["publication_date"]
                 for row in csv.DictReader(f, delimiter="\t")}
    docs = []
    for path in sorted((root / "dev" / "text").glob("*.txt")):
        annotations = sorted(p for p in (root / "dev" / "attributions").glob(f"{path.stem}_*.ann")
                             if "_" not in p.stem.removeprefix(f"{path.stem}_"))
        if not annotations:
            continue
        text = path.read_bytes().decode("utf-8")
        docs.append(Document(path.stem, text, dates.get(path.stem),
                             tuple(parse_ann(annotations[0].read_text(encoding="utf-8")))))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def parse_ann(ann: str) -> Iterator[Attribution]:
    """Attributions of a BRAT file: each ``E`` line with the ``T`` spans it names."""
    spans: dict[str, Fragments] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, _, offsets = cols[1].partition(" ")
            if kind in ROLES:
                spans[cols[0]] = tuple((int(a), int(b)) for a, b in
                                       (part.split() for part in offsets.split(";")))
        elif line.startswith("E") and len(cols) >= 2:
            events.append(cols[1].split())
    for roles in events:
        pairs = [arg.split(":") for arg in roles]
        yield Attribution({role: spans[tid] for role, tid in pairs if role in ROLES})


def eventwire_attributions(docs: Sequence[Document]) -> Iterator[list[Attribution]]:
    """eventwire's quotes of each article, as attributions."""
    resources = default_resources()
    articles = [_article(d) for d in docs]
    for ann in annotate(articles, resources.nlp, NlpConfig()):
        actors = resolve_actors(ann, resources.codebook)
        found = quotes.find_quotes(ann, actors, find_times(ann, DatesConfig()),
                                   quotes.QuotesConfig())
        yield _by_cue(found)


def _by_cue(found: Iterable[Quote]) -> list[Attribution]:
    """One attribution per cue: quotes that share a cue ('"...," she said. "..."') are the
    fragments of one content, as PolNeAR annotates them."""
    groups: dict[object, list[Quote]] = {}
    for q in found:
        key = (q.cue_span.start, q.cue_span.end) if q.cue_span else q.id
        groups.setdefault(key, []).append(q)
    out = []
    for group in groups.values():
        first = group[0]
        spans = {"Content": tuple(sorted((q.start, q.end) for q in group))}
        if first.speaker_span:
            spans["Source"] = ((first.speaker_span.start, first.speaker_span.end),)
        if first.cue_span:
            spans["Cue"] = ((first.cue_span.start, first.cue_span.end),)
        out.append(Attribution(spans))
    return out


def _article(doc: Document) -> Article:
    title_end = doc.text.find("\n")
    title_end = len(doc.text) if title_end < 0 else title_end
    return Article(id=doc.name, source=f"polnear:{doc.name}", text=doc.text,
                   published=doc.published, title=doc.text[:title_end],
                   blocks=(Block(kind=BlockKind.TITLE, start=0, end=title_end),
                           Block(kind=BlockKind.BODY, start=title_end, end=len(doc.text))))


def marked_attributions(doc: Document) -> list[Attribution]:
    """The baseline: text between paired quotation marks in a paragraph, nothing else."""
    found = []
    for para in re.finditer(r"[^\n]+", doc.text):
        for m in _PAIRED.finditer(para.group()):
            group = next(i for i in (1, 2, 3) if m.group(i) is not None)
            found.append(Attribution({"Content": ((para.start() + m.start(group),
                                                    para.start() + m.end(group)),)}))
    return found


# --- matching --------------------------------------------------------------------------------


def _trimmed(text: str, frags: Fragments) -> tuple[int, int]:
    start, end = frags[0][0], frags[-1][1]
    while start < end and text[start] in _EDGE:
        start += 1
    if text.startswith(("that ", "That "), start, end):
        start += 5
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _overlap(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _one_to_one(gold: Sequence[Fragments], found: Sequence[Fragments]) -> int:
    pairs = sorted(((_overlap(g, f), i, j) for i, g in enumerate(gold)
                    for j, f in enumerate(found)), reverse=True)
    used_g: set[int] = set()
    used_f: set[int] = set()
    for size, i, j in pairs:
        if size and i not in used_g and j not in used_f:
            used_g.add(i)
            used_f.add(j)
    return len(used_g)


def _tokens(text: str, spans: Iterable[Fragments]) -> set[int]:
    return {s + m.start() for frags in spans for s, e in frags
            for m in re.finditer(r"\w+", text[s:e])}


def role_counts(text: str, gold: Sequence[Attribution], found: Sequence[Attribution],
                role: str) -> dict[str, Counts]:
    """Exact, overlap and token counts of one role in one article."""
    g = list(dict.fromkeys(a.spans[role] for a in gold if role in a.spans))
    f = list(dict.fromkeys(a.spans[role] for a in found if role in a.spans))
    exact = len({_trimmed(text, s) for s in g} & {_trimmed(text, s) for s in f})
    overlap = _one_to_one(g, f)
    gt, ft = _tokens(text, g), _tokens(text, f)
    return {"exact": Counts(exact, len(f) - exact, len(g) - exact),
            "overlap": Counts(overlap, len(f) - overlap, len(g) - overlap),
            "token": Counts(len(gt & ft), len(ft - gt), len(gt - ft))}


def attribution_counts(gold: Sequence[Attribution], found: Sequence[Attribution]
                       ) -> tuple[Counts, int, int]:
    """Attributions found whole (overlap), and of the gold contents found, how many with
    a source that overlaps the gold source (counted where the gold has a source)."""
    def whole(g: Attribution, f: Attribution) -> bool:
        return all(_overlap(g.spans[r], f.spans.get(r, ())) for r in ROLES if r in g.spans)

    def content(g: Attribution, f: Attribution) -> bool:
        return bool(_overlap(g.spans.get("Content", ()), f.spans.get("Content", ())))

    matched = _greedy(gold, found, whole)
    sourced = [g for g in gold if "Source" in g.spans]
    reached = [(g, hits) for g in sourced if (hits := [f for f in found if content(g, f)])]
    right = sum(any(_overlap(g.spans["Source"], f.spans.get("Source", ())) for f in hits)
                for g, hits in reached)
    return Counts(matched, len(found) - matched, len(gold) - matched), len(reached), right


def _greedy(gold: Sequence[Attribution], found: Sequence[Attribution],
            same: Callable[[Attribution, Attribution], bool]) -> int:
    used: set[int] = set()
    for g in gold:
        j = next((j for j, f in enumerate(found) if j not in used and same(g, f)), None)
        if j is not None:
            used.add(j)
    return len(used)


@dataclass(frozen=True, slots=True)
class _Totals:
    roles: dict[tuple[str, str], Counts]
    attributions: Counts
    reached: int
    right: int


def _totals(docs: Sequence[Document], outputs: Iterable[list[Attribution]]) -> _Totals:
    roles: dict[tuple[str, str], Counts] = {}
    whole, reached, right = Counts(), 0, 0
    for doc, found in zip(docs, outputs, strict=True):
        for role in ROLES:
            for measure, counts in role_counts(doc.text, doc.gold, found, role).items():
                roles[role, measure] = roles.get((role, measure), Counts()) + counts
        attributions, n, k = attribution_counts(doc.gold, found)
        whole, reached, right = whole + attributions, reached + n, right + k
    return _Totals(roles, whole, reached, right)


def score(data: Path, limit: int | None) -> Report:
    docs = load_documents(data, limit)
    systems = {"eventwire": _totals(docs, eventwire_attributions(docs)),
               "quotation marks": _totals(docs, (marked_attributions(d) for d in docs))}
    rows, metrics, notes = [], {}, []
    for name, t in systems.items():
        key = name.replace(" ", "_")
        for (role, measure), counts in t.roles.items():
            rows.append(counts_row(f"{name}: {role} {measure}", counts))
            metrics[f"{key}.{role.lower()}_{measure}_f1"] = counts.f1
        rows.append(counts_row(f"{name}: attribution (overlap)", t.attributions))
        metrics[f"{key}.attribution_f1"] = t.attributions.f1
        accuracy = t.right / t.reached if t.reached else 0.0
        metrics[f"{key}.source_accuracy"] = accuracy
        notes.append(f"{name}: source right for {t.right} of the {t.reached} gold contents "
                     f"with a source that it found ({accuracy:.3f})")
    attributions = sum(len(d.gold) for d in docs)
    return Report(
        title="Quotes (attribution source, cue and content)",
        dataset=f"quotes-dev (PolNeAR dev, {len(docs)} articles, {attributions} attributions, "
                "first annotator per article)",
        header=COUNTS_HEADER, rows=rows, metrics=metrics,
        notes=(*notes,
               "exact: same span once whitespace, quotation marks, punctuation and a leading "
               "'that' are trimmed from both ends; overlap: any shared character, one to one; "
               "token: words; quotes sharing a cue are one attribution",
               "attribution (overlap): a quote overlapping the gold content, cue and source"))
