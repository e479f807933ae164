"""Trigger -> Factuality: polarity, tense, background (historical) and who reports it.

Read off the parse around the trigger's predicate (for a noun, the verb that governs it):

* polarity: ``negated`` for "not"/"n't"/"never"/"no" or a governing "deny", "refuse",
  "fail"; ``hypothetical`` for the modals could/might/may/would/should, an "if"/"unless"
  clause, or a governing "consider"/"propose"; both carry down into clauses and phrases
  embedded in the predicate ("will focus on the destruction of groups that have invaded").
* tense: ``future`` for will/shall, a headline infinitive ("Russia to supply"), "be to", or a
  predicate under plan/schedule/set/expect/agree/promise ("are scheduled", "plan to"),
  including nouns that are subjects or objects of those ("Drills ... are scheduled");
  ``ongoing`` for the progressive and the simple present; ``past`` for the past tense and
  the perfect. Participles take the tense of the clause above them.
* historical (background): "previously", "formerly", "former", a trigger governed by
  "following"/"after"/"since"/"in the wake of", or a date more than a year before
  publication.
* source: the speaker of the quote the trigger lies in, else the subject of the reporting
  verb whose complement holds it ("the Taliban has said it does not pose a threat"), else
  the object of "according to".
PLOVER defines no modes for these; its special contexts (future, historical, hypothetical,
negation) are added to ``plover.context`` by the caller.
"""

from __future__ import annotations

import itertools

from eventwire.records import Factuality, Quote
from eventwire.stages.events.roles import Cast
from eventwire.stages.events.syntax import Tree
from eventwire.vocab import Polarity, Tense

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
MODALS = frozenset({"could", "might", "may", "would", "should"})
INTENT = frozenset({"plan", "intend", "expect", "aim", "prepare", "schedule", "set", "due",
                    "hope", "want", "agree", "promise", "pledge", "vow", "offer", "threaten",
                    "seek", "decide", "propose", "try", "attempt", "urge", "ask", "call",
                    "demand", "request", "press", "invite", "encourage"})
HYPOTHETICAL_GOVERNORS = frozenset({"consider", "propose", "suggest", "mull", "weigh",
                                    "simulate", "rehearse", "practise", "practice", "focus",
                                    "aim"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
DENIALS = frozenset({"deny", "refuse", "fail", "decline"})
HISTORICAL_ADVERBS = frozenset({"previously", "formerly", "historically"})
BACKGROUND = frozenset({"following", "after", "since", "wake", "aftermath"})
REPORTING = frozenset({"say", "tell", "announce", "claim", "state", "report", "add",
                       "declare", "insist", "assert", "confirm", "deny", "allege", "note",
                       "write", "warn", "explain", "stress", "reveal", "quote", "accord"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
EMBEDDING = frozenset({"relcl", "acl", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass",
                       "xcomp", "advcl", "conj", "compound", "appos"})


def factuality(tree: Tree, cast: Cast, anchor: int, quotes: tuple[Quote, ...]) -> Factuality:
    """Polarity, tense, background flag and reporting source of the trigger ``anchor``."""
    source, reported = _source(tree, cast, anchor, quotes)
    return Factuality(polarity=_polarity(tree, anchor), tense=_tense(tree, anchor),
                      historical=_background(tree, anchor), source=source, reported=reported)


def predicate(tree: Tree, anchor: int) -> int:
    """The verb whose clause the trigger is in (the trigger itself when it is a verb)."""
    return tree.clause(anchor)


def _scope(tree: Tree, anchor: int) -> list[int]:
    """The trigger and the words above it up to the first reporting verb it is embedded in."""
    chain = [anchor]
    for a in tree.ancestors(anchor):
        if tree.dep(chain[-1]) not in EMBEDDING or tree.lemma(a) in REPORTING:
            break
        chain.append(a)
    return chain


def _polarity(tree: Tree, anchor: int) -> Polarity:
    chain = _scope(tree, anchor)
    words = {tree.lemma(k) for i in chain for k in tree.kids(i, "neg", "advmod", "det")}
    above = tree.head(chain[-1])
    governors = chain[1:] + ([above] if above is not None else [])
    if words & NEGATORS or any(tree.lemma(i) in DENIALS for i in governors):
        return Polarity.NEGATED
    for i in chain:
        aux = {tree.tok(k).text.lower() for k in tree.kids(i, "aux")}
        marks = {tree.lemma(k) for k in tree.kids(i, "mark")}
        if aux & MODALS or marks & {"if", "unless"}:
            return Polarity.HYPOTHETICAL
    if any(tree.lemma(gov) in HYPOTHETICAL_GOVERNORS and tree.dep(below) not in SUBJECTS
           for below, gov in itertools.pairwise(chain)):
        return Polarity.HYPOTHETICAL
    return Polarity.ASSERTED


def _tense(tree: Tree, anchor: int) -> Tense:
    chain = _scope(tree, anchor)
    if any(_own_tense(tree, i) == Tense.FUTURE for i in chain[1:]):
        return Tense.FUTURE
    if not tree.is_predicate(anchor):
        gov = tree.head(anchor)
        if gov is not None and tree.lemma(gov) in INTENT and tree.dep(anchor) in (
                "nsubjpass", "nsubj", "dobj"):
            return Tense.FUTURE
    for i in chain:
        if tree.is_predicate(i):
            tense = _own_tense(tree, i)
            if tense is not None:
                return tense
    return Tense.PAST


def _own_tense(tree: Tree, v: int) -> Tense | None:
    """Tense marked on predicate ``v`` itself; None for participles and infinitives."""
    if not tree.is_predicate(v):
        return None
    aux = [tree.tok(k) for k in tree.kids(v, "aux", "auxpass")]
    texts = {a.text.lower() for a in aux}
    head = tree.head(v)
    if texts & FUTURE_AUX or (tree.dep(v) == "xcomp" and head is not None
                              and tree.lemma(head) in INTENT):
        return Tense.FUTURE
    if "to" in texts and (head is None or tree.lemma(head) == "be"):
        return Tense.FUTURE
    if any(a.tag == "MD" for a in aux):
        return Tense.FUTURE
    tag = tree.tok(v).tag
    if any(a.tag == "VBD" for a in aux) or any(a.lemma == "have" for a in aux) or tag == "VBD":
        return Tense.PAST
    if tag in ("VBZ", "VBP") or any(a.tag in ("VBZ", "VBP") for a in aux):
        return Tense.ONGOING
    return None


def _background(tree: Tree, anchor: int) -> bool:
    around = [anchor, tree.clause(anchor)]
    adverbs = {tree.lemma(k) for i in around for k in tree.kids(i, "advmod")}
    if adverbs & HISTORICAL_ADVERBS:
        return True
    if "former" in {tree.lemma(k) for k in tree.kids(anchor, "amod")}:
        return True
    above = list(tree.ancestors(anchor))[:3]
    return any(tree.tok(a).text.lower() in BACKGROUND for a in above
               if not tree.is_predicate(a) or tree.tok(a).tag == "VBG")


def _source(tree: Tree, cast: Cast, anchor: int,
            quotes: tuple[Quote, ...]) -> tuple[str | None, bool]:
    at = tree.tok(anchor).start
    quote = next((q for q in quotes if q.start <= at < q.end), None)
    if quote is not None:
        return quote.speaker, True
    node = anchor
    for a in tree.ancestors(anchor):
        if tree.dep(node) in ("ccomp", "parataxis") and tree.lemma(a) in REPORTING:
            speakers = cast.resolve_all(cast.subject(a))
            return (speakers[0] if speakers else None), True
        node = a
    for a in [anchor, *tree.ancestors(anchor)]:
        for p in tree.kids(a, "prep"):
            if tree.lemma(p) == "accord":
                speakers = cast.resolve_all(tree.prep_objects(p, {"to"}))
                return (speakers[0] if speakers else None), True
    return None, False
