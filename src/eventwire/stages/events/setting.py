"""Trigger -> when and where: the time expression and the locative place of its clause.

A date belongs to an event when its expression sits in the trigger's clause or in a clause
above it ("X told the agency on Thursday that they are working on orders" dates the orders to
Thursday); the nearest such expression wins. A place belongs to an event when its mention is
reached from the clause through a locative word (in, at, near, close to, outside ...) without
crossing into another clause, so "the new leadership in Kabul" in a side clause does not
locate the main event. "near X" and "close to ... X" say the event was by X, not in it, so
the place's precision drops one step (exact -> admin1 -> country -> region).
"""

from __future__ import annotations

from datetime import date, timedelta

from eventwire.records import DateRef, Place, TimeExpr
from eventwire.stages.events.syntax import Tree
from eventwire.vocab import PlacePrecision, TimeType

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "within", "around",
                      "along", "off", "into", "throughout", "nearby", "close", "next"})
PROXIMITY = frozenset({"near", "close", "outside", "nearby", "next", "around", "off"})
COARSER = {PlacePrecision.EXACT: PlacePrecision.ADMIN1,
           PlacePrecision.ADMIN1: PlacePrecision.COUNTRY,
           PlacePrecision.COUNTRY: PlacePrecision.REGION}
BACKGROUND_AGE = timedelta(days=365)
CONTRASTIVE = frozenset({"while", "although", "though", "whereas", "whilst"})


def event_date(tree: Tree, anchor: int, times: tuple[TimeExpr, ...]) -> TimeExpr | None:
    """The time expression of the trigger's clause, else of the nearest clause above it."""
    heads = [(t, tree.span_head(t.start, t.end)) for t in times
             if t.type in (TimeType.DATE, TimeType.TIME)]
    here = tree.tok(anchor).start
    for clause in _clause_chain(tree, anchor):
        found = [t for t, h in heads if h is not None and tree.same_sentence(h, anchor)
                 and tree.clause(h) == clause]
        if found:
            return min(found, key=lambda t: abs(t.start - here))
    return None


def long_before(date_ref: DateRef, published: str | None) -> bool:
    """Whether the date ends more than a year before publication (background)."""
    if not (date_ref.end and published):
        return False
    try:
        return date.fromisoformat(date_ref.end) < date.fromisoformat(published) - BACKGROUND_AGE
    except ValueError:
        return False


def event_place(tree: Tree, anchor: int,
                places: tuple[Place, ...]) -> tuple[str | None, PlacePrecision]:
    """The place of the trigger's clause reached through a locative word, with precision."""
    clause = tree.clause(anchor)
    here = tree.tok(anchor).start
    best: tuple[int, Place, str] | None = None
    for place in places:
        for m in place.mentions:
            head = tree.span_head(m.start, m.end)
            if head is None or not tree.same_sentence(head, anchor):
                continue
            marker = _locative_marker(tree, head, clause)
            if marker and (best is None or abs(m.start - here) < best[0]):
                best = (abs(m.start - here), place, marker)
    if best is None:
        return None, PlacePrecision.UNKNOWN
    _, place, marker = best
    precision = COARSER.get(place.precision, place.precision) if marker in PROXIMITY else (
        place.precision)
    return place.id, precision


def _clause_chain(tree: Tree, anchor: int) -> list[int]:
    """The trigger's clause and the clauses above it, stopping above a contrastive clause
    ("While X said ..., Y had previously ...": the main clause's date is not X's)."""
    chain = [tree.clause(anchor)]
    for a in tree.ancestors(chain[0]):
        if tree.is_predicate(a):
            below = chain[-1]
            if tree.dep(below) == "advcl" and {tree.lemma(k) for k in tree.kids(below, "mark")} & (
                    CONTRASTIVE):
                break
            chain.append(a)
    return chain


def _locative_marker(tree: Tree, head: int, clause: int) -> str | None:
    """The first locative word on the way up from a place to the clause, if it gets there."""
    marker = None
    for a in tree.ancestors(head):
        if marker is None and tree.lemma(a) in LOCATIVE:
            marker = tree.lemma(a)
        if a == clause:
            return marker
        if tree.is_predicate(a):
            return None
    return None
