"""Annotated article + direct quotes -> reported speech: content spans with their cue token.

Four shapes, read from the parse:
* the clausal complement of a verb of speech or belief ("has said it does not pose a
  threat", "a poll shows that ..."), or the object of "warn of" and the like; a "that"
  clause the parser hung on the object ("told reporters that ...") counts too;
* a parenthetical cue ("Acts of protest, he said, are acts of patriotism"): the clause the
  cue interrupts or follows, from its first to its last word;
* "according to X": the clause the phrase belongs to, without the phrase;
* a headline or transcript line "Name: claim", where the name is a known actor or a
  person or organisation.
Content that overlaps a direct quote is left to it, and a cue inside one is not a cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventwire.records import Actor, Annotated, Span, Token
from eventwire.stages.quotes.speech import SPEECH, THOUGHT, children, is_according, subtree

_REQUESTS = frozenset({"ask", "urge"})
_TOPIC_PREPS = frozenset({"of", "about", "against"})
_HEADLINE = re.compile(r"[ \t]*[\"“]?(?P<name>[^:\n\"“”]{2,40}?): +(?P<claim>\S[^\n]*)")
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def reported_cues(ann: Annotated, direct: list[Span]) -> Iterator[tuple[Span, Token]]:
    """Content span and cue token of each reported claim outside the direct quotes."""
    for cue in ann.tokens:
        if _inside(cue.start, direct):
            continue
        if is_according(ann, cue):
            content = _according(ann, cue)
        elif cue.pos == "VERB" and cue.lemma in (SPEECH | THOUGHT) - _REQUESTS:
            content = _complement(ann, cue) or _interrupted(ann, cue)
        else:
            continue
        if content is not None and not any(d.start < content.end and content.start < d.end
                                           for d in direct):
            yield content, cue


def headline_claims(ann: Annotated, actors: tuple[Actor, ...]) -> Iterator[tuple[Span, Span]]:
    """(name, claim) of lines like "Pence: Flowers won't be at debate", where the name is
    an actor's mention or a person or organisation entity."""
    text = ann.article.text
    for line in re.finditer(r"[^\n]+", text):
        m = _HEADLINE.match(line.group())
        if m is None:
            continue
        start, end = line.start() + m.start("name"), line.start() + m.end("name")
        names = [(e.start, e.end) for e in ann.entities if e.label in _NAME_LABELS]
        names += [(m.start, m.end) for a in actors for m in a.mentions]
        if (start, end) in names:
            claim_end = line.start() + len(line.group().rstrip())
            yield Span(start=start, end=end), Span(start=line.start() + m.start("claim"),
                                                   end=claim_end)


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _complement(ann: Annotated, cue: Token) -> Span | None:
    """The reported clause of a speech verb, or the object of 'warn of'.

    None when there is none, when it is too short, or when it is itself a report ("X said
    ..., Reuters reported"): the inner report is the quote and the outer one its channel.
    """
    kids = children(ann, cue)
    clause = next((k for k in kids if k.dep == "ccomp"), None) or _that_clause(ann, kids)
    if clause is None:
        prep = next((k for k in kids if k.dep == "prep" and k.text.lower() in _TOPIC_PREPS), None)
        clause = next((g for g in children(ann, prep) if g.dep == "pobj"), None) if prep else None
    if clause is None or clause.lemma in SPEECH | THOUGHT:
        return None
    members = subtree(ann, clause)
    first = min(members, key=lambda t: t.i)
    if first.dep == "mark" and first.head == clause.i:
        members = [t for t in members if t is not first]
    return _extent(ann, members)


def _that_clause(ann: Annotated, kids: list[Token]) -> Token | None:
    """A 'that' clause the parser took for a relative clause of the verb's object."""
    for obj in (k for k in kids if k.dep in ("dobj", "dative")):
        for clause in children(ann, obj):
            marks = [t for t in children(ann, clause) if t.dep == "mark"]
            if clause.dep == "relcl" and marks and marks[0].text.lower() == "that":
                return clause
    return None


def _interrupted(ann: Annotated, cue: Token) -> Span | None:
    """'X, he said, Y' and 'X, he said': the clause around a parenthetical cue."""
    if cue.dep != "parataxis" or cue.head == cue.i:
        return None
    aside = {t.i for t in subtree(ann, cue)}
    return _extent(ann, [t for t in subtree(ann, ann.tokens[cue.head]) if t.i not in aside])


def _according(ann: Annotated, according: Token) -> Span | None:
    clause = ann.tokens[according.head]
    while clause.pos not in ("VERB", "AUX") and clause.head != clause.i:
        clause = ann.tokens[clause.head]
    if clause.i == according.i:
        return None
    aside = {t.i for t in subtree(ann, according)}
    return _extent(ann, [t for t in subtree(ann, clause) if t.i not in aside])


def _extent(ann: Annotated, members: list[Token]) -> Span | None:
    """From the first to the last word of ``members``; None for fewer than two words."""
    words = sorted((t for t in members if t.pos not in ("PUNCT", "SPACE")), key=lambda t: t.i)
    if len(words) < 2:
        return None
    return Span(start=words[0].start, end=words[-1].end)
