"""Annotated article + actors + times -> quotes: direct quotations and reported speech.

Direct quotes come from quotation marks, paragraph by paragraph: straight marks pair in
order, curly ones opening with closing, and a quote still open at the end of a paragraph
continues when the next paragraph opens with a mark (the news convention for quotes that run
over paragraphs). One to three words between marks are scare quotes, not quotes. Reported
speech is the clausal complement of a speech verb ("has said it does not pose a threat") or
the object of "warn of" and the like.

Attribution is read from the parse of the quote's sentences within its paragraph: a cue verb
(say, tell, add, warn ...) or "according to", and its subject; a pronoun subject is resolved
to the nearest earlier actor of a fitting kind, subjects first. Speaker and channel phrases
become actor ids by overlap with the actor stage's mentions; the channel ("told the X news
agency", "quoted by X", "in an interview with X", "X reported") must be a media actor. The
quote's date is the time expression of its sentence outside the quoted words.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.records import Actor, Annotated, DateRef, Quote, Span, TimeExpr, Token
from eventwire.vocab import ActorKind, Sector

_CUES = frozenset({"say", "tell", "add", "warn", "state", "note", "claim", "insist", "explain",
                   "announce", "write", "declare", "stress", "emphasise", "emphasize", "argue",
                   "reply", "respond", "conclude", "comment", "remark", "admit", "acknowledge",
                   "report", "confirm", "deny", "suggest", "predict", "urge", "vow", "promise",
                   "pledge", "threaten", "allege", "tweet", "caution", "complain", "ask"})
_REQUESTS = frozenset({"ask", "urge"})
_TOPIC_PREPS = frozenset({"of", "about", "against"})
_MEDIA_NOUNS = frozenset({"agency", "newspaper", "paper", "television", "tv", "radio",
                          "broadcaster", "channel", "magazine", "daily", "outlet", "network",
                          "news", "website", "station"})
_PHRASE_STOP = frozenset({"acl", "relcl", "appos", "advcl", "cc", "conj", "parataxis", "punct"})
_OPENING, _CLOSING = "\"“", "\"”"
_PRONOUNS = {"he": True, "she": True, "it": False, "they": False}


@dataclass(frozen=True, slots=True, kw_only=True)
class QuotesConfig:
    min_words: int = 4
    indirect: bool = True


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: Span | None = None
    channel: str | None = None


def find_quotes(ann: Annotated, actors: tuple[Actor, ...], times: tuple[TimeExpr, ...],
                config: QuotesConfig) -> tuple[Quote, ...]:
    """Direct and reported quotes of the article, in text order, with speaker and date."""
    text = ann.article.text
    direct = [s for s in _marked_spans(text)
              if len(text[s.start:s.end].split()) >= config.min_words]
    quotes = [_quote(ann, s, True, _attribute_direct(ann, s, actors), times) for s in direct]
    if config.indirect:
        quotes += [_quote(ann, content, False, attribution, times)
                   for content, attribution in _reported(ann, actors, direct)]
    return tuple(sorted(quotes, key=lambda q: q.start))


def _quote(ann: Annotated, content: Span, direct: bool, attribution: _Attribution,
           times: tuple[TimeExpr, ...]) -> Quote:
    text = ann.article.text
    digest = hashlib.sha1(f"{ann.article.id}:{content.start}:{content.end}".encode()).hexdigest()
    cue = attribution.cue
    return Quote(id=f"q-{digest[:12]}", text=text[content.start:content.end], start=content.start,
                 end=content.end, direct=direct, speaker=attribution.speaker,
                 cue=text[cue.start:cue.end] if cue else None, channel=attribution.channel,
                 date=_date(ann, content, cue, times), speaker_span=attribution.speaker_span,
                 cue_span=cue)


# --- direct quotes ---------------------------------------------------------------------------


def _marked_spans(text: str) -> Iterator[Span]:
    """Contents between quotation marks, continued across paragraphs that open with a mark."""
    pending: int | None = None
    for para in re.finditer(r"[^\n]+", text):
        first = para.start() + len(para.group()) - len(para.group().lstrip())
        marks = [m.start() for m in re.finditer(r"[\"“”]", para.group())]
        marks = [para.start() + i for i in marks]
        carried = pending is not None and bool(marks) and marks[0] == first and (
            text[first] in _OPENING)
        open_at, pending = (pending, None) if carried else (None, None)
        for pos in marks[1:] if carried else marks:
            if open_at is not None and text[pos] in _CLOSING:
                yield _trim(text, open_at, pos)
                open_at = None
            elif text[pos] in _OPENING:
                open_at = pos + 1
        pending = open_at


def _trim(text: str, start: int, end: int) -> Span:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Span(start=start, end=end)


def _attribute_direct(ann: Annotated, content: Span, actors: tuple[Actor, ...]) -> _Attribution:
    context = _context_tokens(ann, content)
    cues = [t for t in context if _is_cue(ann, t)]
    if not cues:
        return _Attribution(channel=_channel(ann, context, actors))
    inside = {t.head for t in ann.tokens if content.start <= t.start < content.end}
    cue = min(cues, key=lambda t: (t.i not in inside, _distance(t, content)))
    return _attribution(ann, cue, context, actors)


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


def _is_cue(ann: Annotated, token: Token) -> bool:
    if token.lemma in _CUES and token.pos == "VERB":
        return True
    following = ann.tokens[token.i + 1] if token.i + 1 < len(ann.tokens) else None
    return token.text.lower() == "according" and following is not None and (
        following.text.lower() == "to")


def _attribution(ann: Annotated, cue: Token, context: list[Token],
                 actors: tuple[Actor, ...]) -> _Attribution:
    tokens = ann.tokens
    if cue.text.lower() == "according":
        cue_span = Span(start=cue.start, end=tokens[cue.i + 1].end)
        subject = next((t for t in tokens if t.head == cue.i + 1 and t.dep == "pobj"), None)
    else:
        cue_span = Span(start=cue.start, end=cue.end)
        subject = _subject(ann, cue)
    channel = _channel(ann, context, actors)
    if subject is None:
        return _Attribution(cue=cue_span, channel=channel)
    phrase = _phrase(ann, subject)
    speaker = _speaker(ann, subject, phrase, actors)
    if cue.lemma == "report" and speaker == channel:
        speaker = None
    return _Attribution(speaker=speaker, speaker_span=phrase, cue=cue_span, channel=channel)


def _subject(ann: Annotated, verb: Token) -> Token | None:
    """The verb's nominal subject, or that of the verb it is coordinated with."""
    for candidate in (verb, ann.tokens[verb.head]):
        subject = next((t for t in _children(ann, candidate) if t.dep == "nsubj"), None)
        if subject is not None or verb.dep not in ("conj", "xcomp", "advcl"):
            return subject
    return None


def _children(ann: Annotated, token: Token) -> list[Token]:
    sent = ann.sentences[token.sent]
    return [t for t in ann.tokens[sent.token_start:sent.token_end]
            if t.head == token.i and t.i != token.i]


def _phrase(ann: Annotated, head: Token) -> Span:
    """The noun phrase of ``head`` without clauses, appositions and coordination."""
    members, todo = [head], [head]
    while todo:
        for child in _children(ann, todo.pop()):
            if child.dep not in _PHRASE_STOP or (child.dep == "punct" and child.text == "-"):
                members.append(child)
                todo.append(child)
    return Span(start=min(t.start for t in members), end=max(t.end for t in members))


# --- actors ----------------------------------------------------------------------------------


def _speaker(ann: Annotated, head: Token, phrase: Span, actors: tuple[Actor, ...]) -> str | None:
    pronoun = head.text.lower()
    if head.pos == "PRON":
        return _antecedent(ann, head, _PRONOUNS[pronoun], actors) if pronoun in _PRONOUNS else None
    ranked = sorted(
        (not _overlaps(m, head.start, head.end), a.kind is not ActorKind.PERSON, m.start, a.id)
        for a in actors for m in a.mentions if _overlaps(m, phrase.start, phrase.end))
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
        kids = _children(ann, t)
        heads: list[Token] = []
        if t.lemma == "tell":
            heads = [k for k in kids if k.dep in ("dobj", "dative")]
        elif t.lemma == "quote" or (t.lemma == "interview" and t.pos == "NOUN"):
            heads = [g for k in kids if k.dep in ("agent", "prep") and k.text.lower() in
                     ("by", "with") for g in _children(ann, k) if g.dep == "pobj"]
        elif t.lemma == "report" and t.pos == "VERB":
            heads = [k for k in kids if k.dep == "nsubj"]
        for head in heads:
            found = _media_actor(ann, _phrase(ann, head), actors)
            if found:
                return found
    return None


def _media_actor(ann: Annotated, phrase: Span, actors: tuple[Actor, ...]) -> str | None:
    words = {w.lower() for w in re.findall(r"\w+", ann.article.text[phrase.start:phrase.end])}
    for actor in actors:
        media = actor.sector == Sector.MED or (
            actor.kind is ActorKind.ORGANIZATION and bool(words & _MEDIA_NOUNS))
        if media and any(_overlaps(m, phrase.start, phrase.end) for m in actor.mentions):
            return actor.id
    return None


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def _head_of(tokens: tuple[Token, ...], span: Span) -> Token | None:
    """The token of ``span`` whose syntactic head lies outside it."""
    lo = bisect.bisect_left([t.end for t in tokens], span.start + 1)
    inside = [t for t in tokens[lo:] if t.start < span.end]
    return next((t for t in inside
                 if t.head == t.i or not span.start <= tokens[t.head].start < span.end), None)


# --- reported speech -------------------------------------------------------------------------


def _reported(ann: Annotated, actors: tuple[Actor, ...],
              direct: list[Span]) -> Iterator[tuple[Span, _Attribution]]:
    tokens = ann.tokens
    for cue in tokens:
        if cue.lemma not in _CUES - _REQUESTS or cue.pos != "VERB" or _inside(cue.start, direct):
            continue
        content = _complement(ann, cue)
        if content is None or any(_overlaps(d, content.start, content.end) for d in direct):
            continue
        sent = ann.sentences[cue.sent]
        context = [t for t in tokens[sent.token_start:sent.token_end]
                   if not content.start <= t.start < content.end]
        yield content, _attribution(ann, cue, context, actors)


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _complement(ann: Annotated, cue: Token) -> Span | None:
    """The reported clause of a speech verb, or the object of 'warn of'.

    None when there is none, when it is too short, or when it is itself a report ("X said
    ..., Reuters reported"): the inner report is the quote and the outer one its channel.
    """
    kids = _children(ann, cue)
    clause = next((k for k in kids if k.dep == "ccomp"), None)
    if clause is None:
        prep = next((k for k in kids if k.dep == "prep" and k.text.lower() in _TOPIC_PREPS), None)
        clause = next((g for g in _children(ann, prep) if g.dep == "pobj"), None) if prep else None
    if clause is None or clause.lemma in _CUES:
        return None
    members = _subtree(ann, clause)
    first = min(members, key=lambda t: t.i)
    if first.dep == "mark" and first.head == clause.i:
        members = [t for t in members if t is not first]
    members = [t for t in members if t.pos not in ("PUNCT", "SPACE") or t.i < clause.i]
    if len(members) < 2:
        return None
    return Span(start=min(t.start for t in members), end=max(t.end for t in members))


def _subtree(ann: Annotated, head: Token) -> list[Token]:
    members, todo = [head], [head]
    while todo:
        kids = _children(ann, todo.pop())
        members += kids
        todo += kids
    return members


# --- date ------------------------------------------------------------------------------------


def _date(ann: Annotated, content: Span, cue: Span | None,
          times: tuple[TimeExpr, ...]) -> DateRef:
    sents = [s for s in ann.sentences if s.start < content.end and s.end > content.start]
    lo = min((s.start for s in sents), default=content.start)
    hi = max((s.end for s in sents), default=content.end)
    anchor = cue.start if cue else content.start
    outside = [t for t in times if lo <= t.start and t.end <= hi
               and not _overlaps(Span(start=t.start, end=t.end), content.start, content.end)]
    if not outside:
        return DateRef()
    return min(outside, key=lambda t: abs(t.start - anchor)).as_date_ref()
