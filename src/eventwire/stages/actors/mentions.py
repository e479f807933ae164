"""Parse + codebook -> the pieces every actor finder shares: drafts, owners, participant test.

A ``Found`` is a token range and the actor it names, as a ``Draft`` keyed by a stable
codebook-style key; an ``Owner`` is the state or organisation a role noun or title belongs to
("Russian", "Russia's", "US", "of Mali", "Hamas"). The rules are written here because no
library codes actors to country + sector from a parse; spaCy supplies the parse they read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.records import Token
from eventwire.stages.actors.codebook import Codebook, Entry
from eventwire.stages.actors.parse import ParseView
from eventwire.vocab import ActorKind

MAX_NAME = 10
_PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "appos", "attr", "ROOT"}
_PARTICIPANT_PREPS = {"by", "with", "against", "from", "to", "between", "for", "on", "toward",
                      "towards"}
_GEO_NOUNS = {"border", "territory", "capital", "neighbour", "neighbor", "soil", "airspace",
              "region", "city", "province", "coast", "north", "south", "east", "west", "side",
              "part", "frontier", "outskirts", "area"}
_GEO_VERBS = {"border", "neighbour", "neighbor", "visit", "enter", "leave", "reach", "cross"}
_MODIFIERS = {"senior", "top", "new", "former", "acting", "interim", "local", "federal",
              "regional", "provincial", "national", "then", "outgoing", "incoming", "current",
              "own", "deputy", "vice", "chief", "first", "assistant", "special", "foreign",
              "main", "official", "state", "central", "high-ranking", "unnamed", "visiting"}


@dataclass(slots=True)
class Draft:
    """An actor under construction, keyed by ``key``."""

    key: str
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    rule: str
    description: str | None = None
    members: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None

    @classmethod
    def of_entry(cls, entry: Entry, rule: str) -> Draft:
        return cls(key=entry.key, name=entry.name, kind=entry.kind, country=entry.country,
                   sector=entry.sector, rule=f"{rule}:{entry.key}",
                   description=entry.description, members=entry.members)


@dataclass(slots=True)
class Found:
    lo: int
    hi: int
    draft: Draft


@dataclass(frozen=True, slots=True)
class Owner:
    """The state or organisation a role belongs to, and the tokens that name it."""

    entry: Entry
    lo: int
    hi: int
    how: str

    @property
    def sector(self) -> str | None:
        return "GOV" if self.entry.kind is ActorKind.STATE else self.entry.sector


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def participant(view: ParseView, lo: int, hi: int, strict: bool = False) -> bool:
    """Whether a name is a participant (actor) rather than a location in its clause: not the
    object of "visit" or "border", not "in Syria", not "Palmyra, Syria", not a lone heading."""
    tok = view.governor(view.head_of(lo, hi))
    head = view.tokens[tok.head]
    if tok.dep == "poss":
        return head.lemma.lower() not in _GEO_NOUNS
    if strict:
        return tok.dep in {"nsubj", "nsubjpass", "agent"} or (
            tok.dep == "pobj" and head.lemma.lower() == "by")
    if tok.dep == "dobj" and head.lemma.lower() in _GEO_VERBS:
        return False
    if tok.dep == "appos" and head.pos == "PROPN":
        return False
    if tok.dep == "ROOT" and _heading(view, tok):
        return False
    if tok.dep in _PARTICIPANT_DEPS:
        return True
    owner = view.tokens[head.head]
    return (tok.dep == "pobj" and head.lemma.lower() in _PARTICIPANT_PREPS
            and owner.lemma.lower() not in _GEO_NOUNS)


def _heading(view: ParseView, tok: Token) -> bool:
    """A name standing alone before a full stop or a line break ("Syria ." in a list)."""
    if any(k.dep != "punct" for k in view.kids(tok.i)):
        return False
    nxt = view.tokens[tok.i + 1] if tok.i + 1 < len(view.tokens) else None
    return nxt is None or nxt.text in {".", ":"} or "\n" in nxt.text or (
        "\n" in view.text[tok.end:nxt.start])


def name_ending_at(view: ParseView, book: Codebook, j: int) -> tuple[int, Entry] | None:
    """The longest codebook name (or seat of government) whose last token is ``j``."""
    toks = view.tokens
    for n in range(min(MAX_NAME, j + 1), 0, -1):
        lo = j - n + 1
        if toks[lo].sent != toks[j].sent or not toks[lo].text[:1].isupper():
            continue
        surface = view.surface(lo, j + 1)
        entry = book.lookup(surface) or (book.capital_of(surface) if n <= 3 else None)
        if entry is not None:
            return lo, entry
    return None


def demonym_ending_at(view: ParseView, book: Codebook, j: int) -> tuple[int, Entry] | None:
    """The longest demonym ("Afghan", "North Korean", "Saudi Arabian") ending at token ``j``."""
    for n in (3, 2, 1):
        lo = j - n + 1
        if lo < 0 or view.tokens[lo].sent != view.tokens[j].sent:
            continue
        entry = book.demonym_of(view.surface(lo, j + 1))
        if entry is not None:
            return lo, entry
    return None


def owner_before(view: ParseView, book: Codebook, lo: int) -> Owner | None:
    """"Russian ...", "Russia's ...", "US ...", "Hamas ...": who owns the phrase at ``lo``."""
    j = lo - 1
    while j >= 0 and _modifier(view.tokens[j]) and view.tokens[j].sent == view.tokens[lo].sent:
        j -= 1
    if j < 0 or view.tokens[j].sent != view.tokens[lo].sent:
        return None
    if view.tokens[j].tag == "POS":
        named = name_ending_at(view, book, j - 1) if j > 0 else None
        return Owner(named[1], named[0], j + 1, "possessive") if named else None
    demonym = demonym_ending_at(view, book, j)
    if demonym is not None:
        return Owner(demonym[1], demonym[0], j + 1, "demonym")
    named = name_ending_at(view, book, j)
    return Owner(named[1], named[0], j + 1, "name") if named else None


def owner_after(view: ParseView, book: Codebook, head: int) -> Owner | None:
    """"the government of Mali", "King Hassan of Morocco", "the leadership in Kabul", "rebels
    in Darfur"; not "its forces in Lebanon", which are somebody else's."""
    for prep in view.kids(head, "prep"):
        obj = next(view.kids(prep.i, "pobj"), None)
        word = prep.lemma.lower()
        if obj is None or word not in {"in", "of"}:
            continue
        lo = min([obj.i] + [t.i for t in view.kids(obj.i, "compound")])
        named = name_ending_at(view, book, obj.i)
        if named is None or named[0] < lo or named[1].kind is ActorKind.PERSON:
            continue
        if word == "of" or (named[1].kind is ActorKind.STATE
                            and not any(view.kids(head, "poss"))):
            return Owner(named[1], prep.i, obj.i + 1, word)
    return None


def coordinated(view: ParseView, book: Codebook, owner: Owner) -> Iterator[Owner]:
    """Owners listed before ``owner``: "Hungarian and Romanian officials", "U.S., British and
    French troops" (read from the words, as parsers often attach them elsewhere)."""
    j = owner.lo - 1
    while j > 0 and view.tokens[j].text.lower() in {"and", "or", ","}:
        found = demonym_ending_at(view, book, j - 1) or name_ending_at(view, book, j - 1)
        if found is None or view.tokens[found[0]].sent != view.tokens[owner.lo].sent:
            return
        yield Owner(found[1], found[0], j, "coordinated")
        j = found[0] - 1


def _modifier(tok: Token) -> bool:
    word = tok.text.lower()
    return word in _MODIFIERS or (tok.pos == "ADJ" and tok.text.islower())
