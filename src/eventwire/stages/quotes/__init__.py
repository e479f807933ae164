"""Annotated article + actors + times -> quotes: direct quotations and reported speech.

Direct quotes are the text between quotation marks (``marks``); one to three words between
marks are scare quotes, not quotes. Reported speech (``reported``) is the complement of a verb
of speech or belief, the clause around a parenthetical "he said", the clause of "according
to X", or the claim of a "Name: claim" headline. Attribution (``speech``) is read from the
parse of the quote's sentences within its paragraph: a cue verb or "according to" and its
subject, resolved to an actor, and the channel the words came through. The quote's date is
the time expression of its sentence outside the quoted words, a dated one first.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from eventwire.records import Actor, Annotated, DateRef, Quote, Span, TimeExpr, Token
from eventwire.stages.quotes.marks import marked_spans
from eventwire.stages.quotes.reported import headline_claims, reported_cues
from eventwire.stages.quotes.speech import (
    SPEECH,
    Attribution,
    attribution,
    is_according,
    overlaps,
    speaker_at,
)

__all__ = ["QuotesConfig", "find_quotes"]


@dataclass(frozen=True, slots=True, kw_only=True)
class QuotesConfig:
    min_words: int = 4
    indirect: bool = True


def find_quotes(ann: Annotated, actors: tuple[Actor, ...], times: tuple[TimeExpr, ...],
                config: QuotesConfig) -> tuple[Quote, ...]:
    """Direct and reported quotes of the article, in text order, with speaker and date."""
    text = ann.article.text
    direct = [s for s in marked_spans(text)
              if len(text[s.start:s.end].split()) >= config.min_words]
    found = {(s.start, s.end): (s, True, who) for s, who in _attribute_all(ann, direct, actors)}
    if config.indirect:
        for content, cue in reported_cues(ann, direct):
            found.setdefault((content.start, content.end), (
                content, False, attribution(ann, cue, _outside(ann, cue, content), actors)))
        for name, claim in headline_claims(ann, actors):
            if not any(overlaps(d, claim.start, claim.end) for d in direct):
                found.setdefault((claim.start, claim.end), (claim, False, Attribution(
                    speaker=speaker_at(ann, name, actors), speaker_span=name,
                    cue=Span(start=name.end, end=name.end + 1))))
    quotes = [_quote(ann, content, is_direct, who, times)
              for content, is_direct, who in found.values()]
    return tuple(sorted(quotes, key=lambda q: (q.start, q.end)))


def _quote(ann: Annotated, content: Span, direct: bool, who: Attribution,
           times: tuple[TimeExpr, ...]) -> Quote:
    text = ann.article.text
    digest = hashlib.sha1(f"{ann.article.id}:{content.start}:{content.end}".encode()).hexdigest()
    cue = who.cue
    return Quote(id=f"q-{digest[:12]}", text=text[content.start:content.end], start=content.start,
                 end=content.end, direct=direct, speaker=who.speaker,
                 cue=text[cue.start:cue.end] if cue else None, channel=who.channel,
                 date=_date(ann, content, cue, times), speaker_span=who.speaker_span,
                 cue_span=cue)


def _outside(ann: Annotated, cue: Token, content: Span) -> list[Token]:
    sent = ann.sentences[cue.sent]
    return [t for t in ann.tokens[sent.token_start:sent.token_end]
            if not content.start <= t.start < content.end]


def _attribute_all(ann: Annotated, direct: list[Span],
                   actors: tuple[Actor, ...]) -> list[tuple[Span, Attribution]]:
    """Each direct quote's attribution; a quote with no cue of its own continues the quote
    before it in its paragraph or the one before ('"...," she said. "..."')."""
    text = ann.article.text
    out: list[tuple[Span, Attribution]] = []
    for span in direct:
        who = _attribute_direct(ann, span, actors)
        if who.cue is None and out:
            before, previous = out[-1]
            between = text[before.end:span.start]
            if previous.cue is not None and len(re.findall(r"\n\s*\S", between)) <= 1:
                who = previous
        out.append((span, who))
    return out


def _attribute_direct(ann: Annotated, content: Span, actors: tuple[Actor, ...]) -> Attribution:
    context = _context_tokens(ann, content)
    cues = [t for t in context if (t.lemma in SPEECH and t.pos == "VERB")
            or is_according(ann, t)]
    if not cues:
        return attribution(ann, None, context, actors)
    inside = {t.head for t in ann.tokens if content.start <= t.start < content.end}
    cue = min(cues, key=lambda t: (t.i not in inside, _distance(t, content)))
    return attribution(ann, cue, context, actors)


def _context_tokens(ann: Annotated, content: Span) -> list[Token]:
    """Tokens of the quote's sentences, in its paragraphs, outside the quoted words."""
    text = ann.article.text
    para_start = text.rfind("\n", 0, content.start) + 1
    para_end = text.find("\n", content.end)
    para_end = len(text) if para_end < 0 else para_end
    sents = [s for s in ann.sentences if s.start < content.end + 1 and s.end > content.start - 1]
    lo = min((s.token_start for s in sents), default=0)
    hi = max((s.token_end for s in sents), default=0)
    return [t for t in ann.tokens[lo:hi] if para_start <= t.start < para_end
            and not content.start <= t.start < content.end and t.pos != "SPACE"]


def _distance(token: Token, span: Span) -> int:
    return min(abs(token.start - span.end), abs(token.start - span.start))


def _date(ann: Annotated, content: Span, cue: Span | None,
          times: tuple[TimeExpr, ...]) -> DateRef:
    sents = [s for s in ann.sentences if s.start < content.end and s.end > content.start]
    lo = min((s.start for s in sents), default=content.start)
    hi = max((s.end for s in sents), default=content.end)
    anchor = cue.start if cue else content.start
    outside = [t for t in times if lo <= t.start and t.end <= hi
               and not overlaps(Span(start=t.start, end=t.end), content.start, content.end)]
    if not outside:
        return DateRef()
    return min(outside, key=lambda t: (t.interval is None, abs(t.start - anchor))).as_date_ref()
