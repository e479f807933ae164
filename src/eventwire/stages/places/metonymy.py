"""A toponym mention + the parse -> whether it names an agent (an actor), not a location.

A mention is agentive when it is the subject of a verb ("Moscow holds bases"), a possessive
("Russia's exporter"), the object of passive "by" ("led by Moscow") or the partner of "with"
under a verb or a non-spatial noun ("exercises with Russia"), unless its clause locates the
subject itself ("held exercises close to their borders").
"""

from __future__ import annotations

import bisect

from eventwire.records import Annotated, Span, Token

SPATIAL_NOUNS = frozenset({"border", "frontier", "boundary", "territory", "soil", "airspace",
                           "water", "coast", "coastline", "land"})


def agentive(ann: Annotated, span: Span) -> bool:
    """Whether the mention at ``span`` acts (subject, possessor, agent, partner)."""
    tokens = ann.tokens
    head = head_token(tokens, span)
    if head is None:
        return False
    first = first_conjunct(tokens, head)
    gov = tokens[first.head]
    if first.dep == "poss" or (first.dep == "pobj" and gov.dep == "agent"):
        return True
    if first.dep == "nsubj" and gov.pos == "VERB":
        return not _locates_subject(ann, gov)
    if first.dep == "pobj" and gov.text.lower() == "with":
        owner, before = tokens[gov.head], tokens[max(gov.i - 1, 0)]
        return before.lemma not in SPATIAL_NOUNS and (owner.pos == "VERB" or (
            owner.pos in ("NOUN", "PROPN") and owner.lemma not in SPATIAL_NOUNS))
    return False


def head_token(tokens: tuple[Token, ...], span: Span) -> Token | None:
    """The token of ``span`` whose head lies outside it (the span's syntactic head)."""
    lo = bisect.bisect_left([t.end for t in tokens], span.start + 1)
    inside = [t for t in tokens[lo:] if t.start < span.end]
    return next((t for t in inside
                 if t.head == t.i or not span.start <= tokens[t.head].start < span.end), None)


def first_conjunct(tokens: tuple[Token, ...], token: Token) -> Token:
    while token.dep == "conj" and token.head != token.i:
        token = tokens[token.head]
    return token


def dominates(tokens: tuple[Token, ...], top: Token, token: Token) -> bool:
    while token.i != top.i and token.head != token.i:
        token = tokens[token.head]
    return token.i == top.i


def _locates_subject(ann: Annotated, verb: Token) -> bool:
    """The verb's clause has 'its/their border|territory|...', the subject's own ground."""
    sent = ann.sentences[verb.sent]
    return any(t.dep == "poss" and t.text.lower() in ("its", "their")
               and ann.tokens[t.head].lemma in SPATIAL_NOUNS and dominates(ann.tokens, verb, t)
               for t in ann.tokens[sent.token_start:sent.token_end])
