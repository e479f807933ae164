"""Record -> rich renderables: the readable summary ``eventwire demo`` and ``show`` print.

Every field is shown with the evidence text it came from (a slice of ``Record.text``).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from eventwire.records import DateRef, Record, Span
from eventwire.store import StoreStats

_EVIDENCE_WIDTH = 90


def render_record(rec: Record) -> Group:
    """A summary of one record: article, actors, events, quotes, places, dates."""
    parts: list[RenderableType] = [
        Text(rec.title or "(no title)", style="bold"),
        Text(f"id {rec.id} · published {rec.published or 'unknown'} · "
             f"{rec.url or rec.source or ''}", style="dim"),
    ]
    parts.append(_blocks(rec))
    parts.append(_actors(rec))
    parts.append(_events(rec))
    parts.append(_quotes(rec))
    parts.append(_places(rec))
    parts.append(_times(rec))
    return Group(*parts)


def render_stats(stats: StoreStats) -> Table:
    scope = "every copy" if stats.all_copies else "earliest copy of each story"
    table = Table("what", "count", title=f"store (coding counted on {scope})",
                  title_justify="left")
    for name in ("articles", "stories", "duplicates", "actors", "places", "quotes", "times",
                 "runs"):
        table.add_row(name, str(getattr(stats, name)))
    for label, counts in (("events", stats.events), ("language", stats.languages),
                          ("not coded", stats.not_coded), ("quarantined", stats.quarantined)):
        for key, n in sorted(counts.items()):
            table.add_row(f"{label} {key}", str(n))
    return table


def _clip(rec: Record, spans: tuple[Span, ...] | list[Span]) -> str:
    text = " | ".join(" ".join(rec.text[s.start:s.end].split()) for s in spans)
    return text if len(text) <= _EVIDENCE_WIDTH else text[:_EVIDENCE_WIDTH - 1] + "…"


def _blocks(rec: Record) -> Table:
    table = Table("block", "text", title=f"clean article ({len(rec.blocks)} blocks, "
                  f"credits: {', '.join(rec.credits) or 'none'})", title_justify="left")
    for b in rec.blocks:
        table.add_row(b.kind.value, _clip(rec, [Span(start=b.start, end=b.end)]))
    return table


def _actors(rec: Record) -> Table:
    table = Table("id", "name", "kind", "country", "sector", "role / members", "evidence",
                  title=f"actors ({len(rec.actors)})", title_justify="left")
    for a in rec.actors:
        extra = a.role or ""
        if a.affiliation:
            extra += f" of {a.affiliation}"
        if a.members:
            extra += f"{len(a.members)} members"
        table.add_row(a.id, a.name, a.kind.value, a.country or "-", a.sector or "-", extra,
                      _clip(rec, a.mentions) or "(member, not named)")
    return table


def _events(rec: Record) -> Table:
    table = Table("type", "cameo", "actor → recipient", "factuality", "date", "place",
                  "evidence", title=f"events ({len(rec.events)})", title_justify="left")
    for e in rec.events:
        f = e.factuality
        fact = f"{f.polarity.value}, {f.tense.value}" + (", historical" if f.historical else "")
        if f.source:
            fact += f", reported by {f.source}"
        arms = ""
        if e.arms is not None:
            items = ", ".join(i.designation or i.category.value for i in e.arms.items)
            arms = f"\narms: {e.arms.stage.value} {e.arms.deal.value}: {items}"
        table.add_row(e.plover.type.value + arms, e.cameo,
                      f"{', '.join(e.actor) or '?'} → {', '.join(e.recipient) or '?'}", fact,
                      _date(e.date), e.place or "-", _clip(rec, e.evidence[:1]))
    return table


def _quotes(rec: Record) -> Table:
    table = Table("speaker", "cue", "channel", "date", "quote",
                  title=f"quotes ({len(rec.quotes)})", title_justify="left")
    for q in rec.quotes:
        table.add_row(q.speaker or "?", q.cue or "-", q.channel or "-", _date(q.date),
                      ("“" if q.direct else "(indirect) ")
                      + _clip(rec, [Span(start=q.start, end=q.end)]))
    return table


def _places(rec: Record) -> Table:
    table = Table("id", "name", "country", "feature", "lat, lon", "evidence",
                  title=f"places ({len(rec.places)})", title_justify="left")
    for p in rec.places:
        where = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "-"
        table.add_row(p.id, p.name, p.country or "-", p.feature, where, _clip(rec, p.mentions))
    return table


def _times(rec: Record) -> Table:
    table = Table("text", "type", "value", "interval", "precision",
                  title=f"dates ({len(rec.times)})", title_justify="left")
    for t in rec.times:
        interval = " .. ".join(t.interval) if t.interval else "-"
        table.add_row(t.text, t.type.value, t.value or "-", interval, t.precision.value)
    return table


def _date(d: DateRef) -> str:
    if d.start is None:
        return d.text or "-"
    return d.start if d.end in (None, d.start) else f"{d.start}..{d.end}"


def summary_line(rec: Record) -> str:
    """Counts of one record in a line, for batch output."""
    return (f"{rec.id} {rec.title or rec.source or ''!s:.60} actors={len(rec.actors)} "
            f"events={len(rec.events)} quotes={len(rec.quotes)} places={len(rec.places)}")
