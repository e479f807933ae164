"""Cue token + parse + actors -> attribution: who speaks, through which channel.

The speaker is the cue verb's subject (or that of the verb it is coordinated with), or the
object of "according to"; its phrase becomes an actor id by overlap with the actor stage's
mentions. A pronoun subject is resolved to the nearest earlier actor of a fitting kind,
subjects of its own or the previous sentence first. The channel ("told the X news agency",
"quoted by X", "in an interview with X", "X reported") must be a media actor.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from eventwire.records import Actor, Annotated, Span, Token
from eventwire.vocab import ActorKind, Sector

SPEECH = frozenset({"say", "tell", "add", "warn", "state", "note", "claim", "insist", "explain",
                    "announce", "write", "declare", "stress", "emphasise", "emphasize", "argue",
                    "reply", "respond", "conclude", "comment", "remark", "admit", "acknowledge",
                    "report", "confirm", "deny", "suggest", "predict", "urge", "vow", "promise",
                    "pledge", "threaten", "allege", "tweet", "caution", "complain", "ask",
                    "assert", "contend", "concede", "testify", "recall", "mention", "disclose",
                    "reveal", "assure", "inform", "remind", "boast", "joke", "continue"})
# Verbs of belief and evidence: they report a claim ("a poll shows that ...") but are never
# the cue of a quotation in marks beside them.
THOUGHT = frozenset({"think", "believe", "know", "expect", "hope", "fear", "agree", "show",
                     "find", "indicate", "estimate", "worry", "doubt", "feel", "suspect"})
_MEDIA_NOUNS = frozenset({"agency", "newspaper", "paper", "television", "tv", "radio",
                          "broadcaster", "channel", "magazine", "daily", "outlet", "network",
                          "news", "website", "station"})
_PHRASE_STOP = frozenset({"acl", "relcl", "appos", "advcl", "cc", "conj", "parataxis", "punct"})
# A speaker's phrase keeps who they are ("Jo Smith, a retired general who ...") and whom
# they speak with ("Trump and his aides"), but not the channel ("X quoted by Interfax").
_SPEAKER_STOP = frozenset({"advcl", "parataxis", "punct", "ccomp"})
_CHANNEL_VERBS = frozenset({"quote", "cite"})
_VERB_GROUP = frozenset({"aux", "auxpass", "neg", "advmod"})
_PRONOUNS = {"he": True, "she": True, "it": False, "they": False}


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: Span | None = None
    channel: str | None = None


def is_according(ann: Annotated, token: Token) -> bool:
    following = ann.tokens[token.i + 1] if token.i + 1 < len(ann.tokens) else None
    return token.text.lower() == "according" and following is not None and (
        following.text.lower() == "to")


def attribution(ann: Annotated, cue: Token | None, context: list[Token],
                actors: tuple[Actor, ...]) -> Attribution:
    """Speaker, cue span and channel of a cue verb or of 'according to' (without a cue, the
    channel alone)."""
    tokens = ann.tokens
    if cue is None:
        return Attribution(channel=_channel(ann, context, actors))
    if is_according(ann, cue):
        cue_span = Span(start=cue.start, end=tokens[cue.i + 1].end)
        subject = next((t for t in children(ann, tokens[cue.i + 1]) if t.dep == "pobj"), None)
    else:
        cue_span = Span(start=_verb_group_start(ann, cue), end=cue.end)
        subject = _subject(ann, cue)
    channel = _channel(ann, context, actors)
    if subject is None:
        return Attribution(cue=cue_span, channel=channel)
    span = phrase(ann, subject, _SPEAKER_STOP)
    speaker = _speaker(ann, subject, span, actors)
    if cue.lemma == "report" and speaker == channel:
        speaker = None
    return Attribution(speaker=speaker, speaker_span=span, cue=cue_span, channel=channel)


def _verb_group_start(ann: Annotated, verb: Token) -> int:
    """Where the verb group ends on the left: its auxiliaries, negation and adverbs just
    before it ("has also said")."""
    start, i = verb.start, verb.i - 1
    while i >= 0 and ann.tokens[i].head == verb.i and ann.tokens[i].dep in _VERB_GROUP:
        start, i = ann.tokens[i].start, i - 1
    return start


def _subject(ann: Annotated, verb: Token) -> Token | None:
    """The verb's nominal subject, or that of the verb it is coordinated with."""
    for candidate in (verb, ann.tokens[verb.head]):
        subject = next((t for t in children(ann, candidate) if t.dep == "nsubj"), None)
        if subject is not None or verb.dep not in ("conj", "xcomp", "advcl"):
            return subject
    return None


def children(ann: Annotated, token: Token) -> list[Token]:
    sent = ann.sentences[token.sent]
    return [t for t in ann.tokens[sent.token_start:sent.token_end]
            if t.head == token.i and t.i != token.i]


def subtree(ann: Annotated, head: Token) -> list[Token]:
    members, todo = [head], [head]
    while todo:
        kids = children(ann, todo.pop())
        members += kids
        todo += kids
    return members


def phrase(ann: Annotated, head: Token, stop: frozenset[str] = _PHRASE_STOP) -> Span:
    """The noun phrase of ``head``, by default without clauses, appositions and coordination."""
    members, todo = [head], [head]
    while todo:
        for child in children(ann, todo.pop()):
            if _keeps(child, stop):
                members.append(child)
                todo.append(child)
    return Span(start=min(t.start for t in members), end=max(t.end for t in members))


def _keeps(child: Token, stop: frozenset[str]) -> bool:
    if child.pos == "SPACE" or child.lemma in _CHANNEL_VERBS:
        return False
    return child.dep not in stop or (child.dep == "punct" and child.text == "-")


def speaker_at(ann: Annotated, span: Span, actors: tuple[Actor, ...]) -> str | None:
    """The actor a speaker phrase names, read from its head word."""
    head = _head_of(ann.tokens, span)
    return _speaker(ann, head, span, actors) if head else None


def _speaker(ann: Annotated, head: Token, span: Span, actors: tuple[Actor, ...]) -> str | None:
    pronoun = head.text.lower()
    if head.pos == "PRON":
        return _antecedent(ann, head, _PRONOUNS[pronoun], actors) if pronoun in _PRONOUNS else None
    ranked = sorted(
        (not overlaps(m, head.start, head.end), a.kind is not ActorKind.PERSON, m.start, a.id)
        for a in actors for m in a.mentions if overlaps(m, span.start, span.end))
    return ranked[0][3] if ranked else None


def _antecedent(ann: Annotated, pronoun: Token, person: bool,
                actors: tuple[Actor, ...]) -> str | None:
    """The nearest earlier actor of the pronoun's kind; subjects of its own or the previous
    sentence first."""
    best: tuple[bool, int, str] | None = None
    for actor in actors:
        if (actor.kind is ActorKind.PERSON) != person:
            continue
        for m in actor.mentions:
            head = _head_of(ann.tokens, m)
            if m.end > pronoun.start or head is None:
                continue
            near_subject = head.dep in ("nsubj", "nsubjpass") and pronoun.sent - head.sent <= 1
            key = (near_subject, m.start, actor.id)
            best = key if best is None or key[:2] > best[:2] else best
    return best[2] if best else None


def _channel(ann: Annotated, context: list[Token], actors: tuple[Actor, ...]) -> str | None:
    for t in context:
        kids = children(ann, t)
        heads: list[Token] = []
        if t.lemma == "tell":
            heads = [k for k in kids if k.dep in ("dobj", "dative")]
        elif t.lemma == "quote" or (t.lemma == "interview" and t.pos == "NOUN"):
            heads = [g for k in kids if k.dep in ("agent", "prep") and k.text.lower() in
                     ("by", "with") for g in children(ann, k) if g.dep == "pobj"]
        elif t.lemma == "report" and t.pos == "VERB":
            heads = [k for k in kids if k.dep == "nsubj"]
        for head in heads:
            found = _media_actor(ann, phrase(ann, head), actors)
            if found:
                return found
    return None


def _media_actor(ann: Annotated, span: Span, actors: tuple[Actor, ...]) -> str | None:
    words = {w.lower() for w in re.findall(r"\w+", ann.article.text[span.start:span.end])}
    for actor in actors:
        media = actor.sector == Sector.MED or (
            actor.kind is ActorKind.ORGANIZATION and bool(words & _MEDIA_NOUNS))
        if media and any(overlaps(m, span.start, span.end) for m in actor.mentions):
            return actor.id
    return None


def overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def _head_of(tokens: tuple[Token, ...], span: Span) -> Token | None:
    """The token of ``span`` whose syntactic head lies outside it."""
    lo = bisect.bisect_left([t.end for t in tokens], span.start + 1)
    inside = [t for t in tokens[lo:] if t.start < span.end]
    return next((t for t in inside
                 if t.head == t.i or not span.start <= tokens[t.head].start < span.end), None)
