"""Tree + Lexicon -> trigger matches: which words of the article signal which rule.

A rule's first lemma is its anchor; every further lemma must be found within two arcs of the
anchor (a child, a grandchild, or the head: "raised ... concerns", "hunger strike"; or three
arcs through "of": "provide tons of aid"), and
``<arms>`` needs a weapon among the anchor's objects. Longer rules are tried first and a
word belongs to one match only, so "pose a threat" is one trigger, not "pose" plus "threat".
A match whose anchor sits below another match of the same PLOVER type ("targeted by
attacks", "exploded, killing two") is folded into it: one event, one mention.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from eventwire.stages.events.arms import find_items
from eventwire.stages.events.lexicon import ARMS_SLOT, Lexicon, TriggerRule
from eventwire.stages.events.syntax import Tree

_ANCHOR_POS = {"VERB": frozenset({"VERB"}), "NOUN": frozenset({"NOUN", "PROPN"})}
_ANY_POS = frozenset({"VERB", "NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class Match:
    """One rule matched at ``anchor``; ``tokens`` are the trigger words, ``items`` weapons."""

    rule: TriggerRule
    anchor: int
    tokens: tuple[int, ...]
    items: tuple[int, ...] = ()
    folded: tuple[int, ...] = ()


def find_matches(tree: Tree, lexicon: Lexicon) -> list[Match]:
    """Every trigger match in the article, same-type chains folded, in text order."""
    by_lemma: dict[str, list[int]] = defaultdict(list)
    for t in tree.tokens:
        by_lemma[t.lemma.lower()].append(t.i)
        if t.text.lower() != t.lemma.lower():
            by_lemma[t.text.lower()].append(t.i)
    used: set[int] = set()
    found: list[Match] = []
    for rule in lexicon.rules:
        for i in sorted({i for w in rule.words[0] for i in by_lemma.get(w, ())}):
            match = None if i in used else _match(tree, rule, i, lexicon)
            if match is not None and not used.intersection(match.tokens):
                found.append(match)
                used.update(match.tokens)
    return _fold(tree, sorted(found, key=lambda m: m.anchor))


def _match(tree: Tree, rule: TriggerRule, i: int, lexicon: Lexicon) -> Match | None:
    if tree.tok(i).pos not in _ANCHOR_POS.get(rule.pos or "", _ANY_POS):
        return None
    if rule.needs and not any(_has(tree, i, need) for need in rule.needs):
        return None
    if any(_has(tree, i, bar) for bar in rule.unless):
        return None
    if rule.cue is not None:
        sent = tree.sentence(i)
        if not rule.cue.search(tree.text[sent.start:sent.end]):
            return None
    tokens: list[int] = [i]
    items: tuple[int, ...] = ()
    near = _neighbourhood(tree, i)
    for words in rule.words[1:]:
        if ARMS_SLOT in words:
            items = tuple(find_items(tree, i, lexicon.arms))
            if not items:
                return None
            continue
        hit = next((j for j in near if tree.lemma(j) in words and j not in tokens), None)
        if hit is None:
            return None
        tokens.append(hit)
    return Match(rule=rule, anchor=i, tokens=tuple(sorted(tokens)), items=items)


def _has(tree: Tree, i: int, need: str) -> bool:
    if need.startswith("prep:"):
        prep = need.removeprefix("prep:")
        return any(tree.lemma(p) == prep for p in tree.kids(i, "prep", "agent", "dative"))
    return bool(tree.kids(i, need))


def _neighbourhood(tree: Tree, i: int) -> list[int]:
    """Children, grandchildren, objects of their "of" and the head of ``i``, nearest first."""
    near = list(tree.children[i])
    near += [g for c in tree.children[i] for g in tree.children[c]]
    near += [o for c in tree.children[i] for o in tree.prep_objects(c, {"of"})]
    head = tree.head(i)
    if head is not None:
        near.append(head)
    return near


def _fold(tree: Tree, matches: list[Match]) -> list[Match]:
    """Fold a match into a same-type match at most two arcs above it."""
    anchors = {m.anchor: m for m in matches}
    into: dict[int, int] = {}
    for m in matches:
        for n, a in enumerate(tree.ancestors(m.anchor)):
            if n >= 2:
                break
            above = anchors.get(a)
            if above is not None and above.rule.type == m.rule.type:
                into[m.anchor] = a
                break
    kept = []
    for m in matches:
        if m.anchor in into:
            continue
        extra = [x for x in matches if _root(into, x.anchor) == m.anchor and x is not m]
        kept.append(Match(rule=m.rule, anchor=m.anchor, tokens=m.tokens,
                          items=m.items + tuple(i for x in extra for i in x.items),
                          folded=tuple(x.anchor for x in extra)))
    return kept


def _root(into: dict[int, int], anchor: int) -> int:
    while anchor in into:
        anchor = into[anchor]
    return anchor

