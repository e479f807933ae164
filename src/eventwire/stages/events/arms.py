"""An arms-transfer trigger -> Arms: supplier, recipient, items, stage, deal and value.

Items are the weapon nouns governed by the trigger ("supply arms and helicopters", "orders
for the supply of Russian helicopters, fire arms and ..."), passing through carrier nouns
(supply, batch, number of). Who supplies depends on the verb: the subject of "supply" or
"sell" is the supplier, the subject of "order" or "buy" the recipient, and for "received
orders from X" the subject supplies and X ordered. Stage and deal come from the rule and from
cue words above the trigger ("agreed to supply", "in talks on") or in its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventwire.records import Arms, ArmsItem
from eventwire.stages.events.lexicon import ArmsTerms, TriggerRule
from eventwire.stages.events.roles import Cast
from eventwire.stages.events.syntax import Tree
from eventwire.vocab import ArmsCategory, ArmsDeal, ArmsStage, Polarity, Tense

ORDER_HOLDERS = frozenset({"receive", "win", "get", "secure", "work", "fulfil", "fulfill",
                           "have", "land", "handle", "process"})
ORDER_PLACERS = frozenset({"place", "make", "sign", "submit", "issue", "finalise", "finalize"})
STAGE_ORDER = (ArmsStage.UNKNOWN, ArmsStage.REQUESTED, ArmsStage.NEGOTIATING,
               ArmsStage.PROMISED, ArmsStage.ORDERED, ArmsStage.DELIVERED)
_NUMBERS = {w: n for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"))} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12}


def find_items(tree: Tree, i: int, terms: ArmsTerms, depth: int = 0) -> list[int]:
    """Head tokens of the weapons that ``i`` governs (objects, of/for/with phrases)."""
    cands = tree.kids(i, "dobj", "nsubjpass") + tree.prep_objects(i, {"of", "for", "with"})
    if not tree.is_predicate(i):
        cands += tree.kids(i, "compound")
    found: list[int] = []
    for c in cands:
        for x in tree.conjuncts(c):
            if item_category(tree, x, terms) is not None:
                found.append(x)
            elif tree.lemma(x) in terms.carriers and depth < 2:
                found += find_items(tree, x, terms, depth + 1)
    return found


def item_category(tree: Tree, i: int, terms: ArmsTerms) -> ArmsCategory | None:
    """The category of the weapon ``i`` names, by model name first, then by term."""
    designation = _designation(tree, i, terms)
    if designation in terms.designations:
        return terms.designations[designation]
    term = terms.category(_lemma_phrase(tree, i))
    return term[1] if term else None


def arms_record(tree: Tree, cast: Cast, rule: TriggerRule, anchor: int, items: list[int],
                tense: Tense, polarity: Polarity, terms: ArmsTerms) -> Arms:
    """The arms record of one mention; supplier and recipient become the event's roles."""
    supplier, recipient = _parties(tree, cast, rule, anchor, items)
    return Arms(supplier=supplier, recipient=recipient,
                items=tuple(_item(tree, x, terms) for x in items),
                stage=_stage(tree, rule, anchor, tense, polarity, terms),
                deal=_deal(tree, rule, anchor, terms), value=_value(tree, anchor))


def merge_arms(records: list[Arms]) -> Arms:
    """One record for several mentions of a transfer: unions, and the furthest stage."""
    items: list[ArmsItem] = []
    for rec in records:
        for item in rec.items:
            same = [k for k, old in enumerate(items) if _same_item(old, item)]
            if not same:
                items.append(item)
            elif items[same[0]].quantity is None and item.quantity is not None:
                items[same[0]] = item
    specific = [x for x in items if x.category != ArmsCategory.OTHER]
    return Arms(
        supplier=_union(r.supplier for r in records),
        recipient=_union(r.recipient for r in records),
        items=tuple(specific or items),
        stage=max((r.stage for r in records), key=STAGE_ORDER.index),
        deal=next((r.deal for r in records if r.deal != ArmsDeal.UNKNOWN), ArmsDeal.UNKNOWN),
        value=next((r.value for r in records if r.value), None))


def _same_item(a: ArmsItem, b: ArmsItem) -> bool:
    return a.category == b.category and a.designation == b.designation


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out += [x for x in group if x not in out]
    return tuple(out)


def _parties(tree: Tree, cast: Cast, rule: TriggerRule, anchor: int,
             items: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(supplier, recipient) from the trigger's frame."""
    assert rule.arms is not None
    if tree.lemma(anchor) == "order" and not tree.is_predicate(anchor):
        return _order_parties(tree, cast, anchor, items)
    doer = cast.actor_of_trigger(anchor)
    if rule.arms.direction == "in":
        return cast.resolve_all(_attached(tree, [anchor, *items], {"from", "with"})), doer
    goal = _attached(tree, [anchor, *items], {"to"}) + tree.prep_objects(anchor, {"for"})
    goal += tree.kids(anchor, "dative")
    if tree.prep_objects(anchor, {"with"}):
        goal += tree.kids(anchor, "dobj")
    return doer, cast.resolve_all(goal)


def _attached(tree: Tree, heads: list[int], preps: set[str]) -> list[int]:
    """Objects of ``preps`` on the trigger or on its items ("drones to Ukraine")."""
    return [o for h in heads for o in tree.prep_objects(h, preps)]


def _order_parties(tree: Tree, cast: Cast, anchor: int,
                   items: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """"X placed an order for jets from Y" (X buys from Y); "Y received orders from X"."""
    holder = tree.governor(anchor)
    held_by = tree.lemma(holder) if holder is not None else ""
    sellers = _attached(tree, [anchor], {"with"})
    if held_by in ORDER_PLACERS and holder is not None:
        sellers += _attached(tree, [anchor, *items], {"from"})
        return cast.resolve_all(sellers), cast.actor_of_trigger(holder)
    buyers = cast.resolve_all(tree.prep_objects(anchor, {"from"}) + tree.kids(anchor, "poss"))
    supplier = cast.resolve_all(sellers)
    if not supplier and holder is not None and held_by in ORDER_HOLDERS:
        supplier = cast.actor_of_trigger(holder)
    return supplier, buyers


def _stage(tree: Tree, rule: TriggerRule, anchor: int, tense: Tense, polarity: Polarity,
           terms: ArmsTerms) -> ArmsStage:
    assert rule.arms is not None
    for a in tree.ancestors(anchor):
        cue = terms.stage_cues.get(tree.lemma(a))
        if cue is not None:
            return cue
    planned = tense == Tense.FUTURE or polarity == Polarity.HYPOTHETICAL
    if planned and rule.arms.stage != ArmsStage.REQUESTED:
        return ArmsStage.PROMISED
    return rule.arms.stage


def _deal(tree: Tree, rule: TriggerRule, anchor: int, terms: ArmsTerms) -> ArmsDeal:
    assert rule.arms is not None
    if rule.arms.deal != ArmsDeal.UNKNOWN:
        return rule.arms.deal
    sent = tree.sentence(anchor)
    found = {terms.deal_cues.get(tree.lemma(i)) for i in tree.tokens_in(sent.start, sent.end)}
    found |= {terms.deal_cues.get(tree.tok(i).text.lower())
              for i in tree.tokens_in(sent.start, sent.end)}
    for deal in (ArmsDeal.LICENCE, ArmsDeal.AID, ArmsDeal.SALE):
        if deal in found:
            return deal
    return ArmsDeal.UNKNOWN


def _value(tree: Tree, anchor: int) -> str | None:
    sent = tree.sentence(anchor)
    money = [e for e in tree.ann.entities
             if e.label == "MONEY" and sent.start <= e.start and e.end <= sent.end]
    here = tree.tok(anchor).start
    return min(money, key=lambda e: abs(e.start - here)).text if money else None


def _item(tree: Tree, i: int, terms: ArmsTerms) -> ArmsItem:
    category = item_category(tree, i, terms)
    phrase = tree.phrase(i)
    return ArmsItem(category=category or ArmsCategory.OTHER,
                    designation=_designation(tree, i, terms), quantity=_quantity(tree, i),
                    text=tree.text[phrase.start:phrase.end])


def _designation(tree: Tree, i: int, terms: ArmsTerms) -> str | None:
    phrase = tree.phrase(i)
    surface = tree.text[phrase.start:phrase.end]
    known = [d for d in terms.designations if _has_word(surface, d)]
    if known:
        return max(known, key=len)
    match = terms.designation_pattern.search(surface)
    return match.group(0) if match else None


def _has_word(surface: str, word: str) -> bool:
    at = surface.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not surface[at - 1].isalnum()) and (
                end == len(surface) or not surface[end].isalnum()):
            return True
        at = surface.find(word, at + 1)
    return False


def _lemma_phrase(tree: Tree, i: int) -> str:
    phrase = tree.phrase(i)
    words = [tree.tok(j).text.lower() for j in tree.tokens_in(phrase.start, phrase.end)
             if j != i and tree.tok(j).pos != "PUNCT"]
    return " ".join([*words, tree.lemma(i)])


def _quantity(tree: Tree, i: int) -> int | None:
    phrase = tree.phrase(i)
    for n in tree.tokens_in(phrase.start, phrase.end):
        if tree.tok(n).dep != "nummod":
            continue
        text = tree.tok(n).text.lower().replace(",", "")
        if text.isdigit():
            return int(text)
        if text in _NUMBERS:
            return _NUMBERS[text]
    return None

