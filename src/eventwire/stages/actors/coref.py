"""Drafts + their mentions in one article -> the same actors, merged and completed.

Surnames join full names ("Obama" -> "Barack Obama"); appositions in either direction give a
person's role and affiliation ("X, the head of Russia's arms exporter Y") or say that an office
holder is that person ("Russia's foreign minister, Sergei Lavrov"); an unnamed office holder
joins the named person holding the office; acronyms defined in the text join their long form;
"the alliance", "the group", "the ministry", "the minister" join the latest fitting actor; and
the members and affiliations of an actor become actors of their own.
"""

from __future__ import annotations

import re

from eventwire.records import Token
from eventwire.stages.actors.codebook import Codebook
from eventwire.stages.actors.mentions import Draft
from eventwire.stages.actors.parse import ParseView
from eventwire.vocab import ActorKind

Spans = dict[str, list[tuple[int, int]]]
Drafts = dict[str, Draft]

_ANAPHORS = {"alliance": "alliance", "bloc": "IGO", "organisation": "IGO", "organization": "IGO",
             "group": "REB", "movement": "REB", "militia": "REB", "company": "BUS", "firm": "BUS",
             "agency": "agency", "ministry": "ministry", "exporter": "BUS", "army": "army",
             "military": "MIL", "party": "PTY", "court": "JUD", "parliament": "LEG",
             "coalition": "coalition", "union": "union"}
_FILL = ("country", "sector", "role", "affiliation")


def add(drafts: Drafts, spans: Spans, draft: Draft, span: tuple[int, int]) -> None:
    """A new mention: a draft of a key already seen completes that draft."""
    if draft.key in drafts:
        _fill(drafts[draft.key], draft)
    else:
        drafts[draft.key] = draft
    spans.setdefault(draft.key, []).append(span)


def merge(drafts: Drafts, spans: Spans, key: str, into: str) -> None:
    """Move the mentions of ``key`` to ``into`` and fill what ``into`` lacks."""
    _fill(drafts[into], drafts.pop(key))
    spans[into].extend(spans.pop(key))
    for draft in drafts.values():
        if draft.affiliation == key:
            draft.affiliation = into


def _fill(target: Draft, source: Draft) -> None:
    for name in _FILL:
        if getattr(target, name) is None and getattr(source, name) is not None:
            setattr(target, name, getattr(source, name))


def join_surnames(drafts: Drafts, spans: Spans) -> None:
    """A one-word name joins the only full name it ends ("Obama" -> "Barack Obama")."""
    named = [d for d in drafts.values() if d.kind is ActorKind.PERSON
             and d.key.startswith("PERSON-")]
    for short in named:
        if " " in short.name:
            continue
        full = [d for d in named if d is not short and d.key in drafts
                and d.name.split()[-1] == short.name]
        if len(full) == 1:
            merge(drafts, spans, short.key, full[0].key)


def join_offices(drafts: Drafts, spans: Spans) -> None:
    """An unnamed office holder joins the only named person holding that office."""
    people = [d for d in drafts.values() if d.kind is ActorKind.PERSON]
    named = [d for d in people if d.key.startswith("PERSON-")]
    for office in [d for d in people if not d.key.startswith("PERSON-")]:
        holders = [d for d in named if d.key in drafts and d.role and office.role
                   and office.country in (None, d.country) and d.role.endswith(office.role)]
        if len(holders) == 1:
            merge(drafts, spans, office.key, holders[0].key)


def appositions(view: ParseView, drafts: Drafts, spans: Spans) -> None:
    """Role and affiliation from an apposition: "X, the head of Russia's arms exporter Y";
    an office holder in apposition is the person ("Russia's foreign minister, Sergei Lavrov")."""
    for key in [k for k, d in drafts.items() if d.kind is ActorKind.PERSON]:
        for lo, hi in list(spans.get(key, ())):
            owner = {i: k for k, ss in spans.items() for a, b in ss for i in range(a, b)}
            appos = _apposition(view, lo, hi)
            other = owner.get(appos.i, key) if appos is not None else key
            if appos is None or (other != key and drafts[other].kind is not ActorKind.PERSON):
                continue
            if other != key:
                merge(drafts, spans, other, key)
            else:
                _describe(view, drafts, drafts[key], appos.i, owner)


def _apposition(view: ParseView, lo: int, hi: int) -> Token | None:
    head = view.head_of(lo, hi)
    appos = next(view.kids(head.i, "appos"), None)
    if appos is None and head.dep == "appos":
        appos = view.tokens[head.head]
    return appos


def _describe(view: ParseView, drafts: Drafts, draft: Draft, appos: int,
              owner: dict[int, str]) -> None:
    a_lo, a_hi = view.subtree(appos)
    draft.role = draft.role or _role_phrase(view, appos)
    found = [owner[i] for i in range(a_lo, a_hi) if owner.get(i, draft.key) != draft.key]
    org = next((k for k in found if drafts[k].kind is ActorKind.ORGANIZATION), None)
    state = next((k for k in found if drafts[k].kind is ActorKind.STATE), None)
    source = drafts.get(org or state or "")
    if draft.affiliation is None and source is not None:
        draft.affiliation = source.key
        draft.country = draft.country or source.country
        draft.sector = draft.sector or source.sector
        draft.rule += "+apposition"


def _role_phrase(view: ParseView, i: int) -> str:
    mods = [t.i for t in view.kids(i, "compound", "amod")]
    return view.surface(min([i, *mods]), i + 1).lower()


def acronyms(view: ParseView, spans: Spans) -> None:
    """"Collective Security Treaty Organisation (CSTO)": later "CSTO" joins the long form."""
    end_of = {view.tokens[hi - 1].end: key for key, ss in spans.items() for _, hi in ss}
    used = {i for ss in spans.values() for lo, hi in ss for i in range(lo, hi)}
    for match in re.finditer(r" \(([A-Z][A-Za-z&]{1,9})\)", view.text):
        key = end_of.get(match.start())
        if key is None:
            continue
        for tok in view.tokens:
            if tok.text == match.group(1) and tok.i not in used:
                spans[key].append((tok.i, tok.i + 1))
                used.add(tok.i)


def anaphors(view: ParseView, book: Codebook, drafts: Drafts, spans: Spans) -> None:
    """"the alliance", "the group", "the ministry", "the minister" -> the latest fitting actor."""
    for key in [k for k in drafts if k.startswith("UNNAMED-")]:
        target = None
        for lo, hi in list(spans[key]):
            if not _definite(view, lo):
                continue
            noun = view.tokens[hi - 1].lemma.lower()
            found = (_antecedent(drafts, spans, lo, f"role:{drafts[key].description}", key)
                     or _antecedent(drafts, spans, lo, _ANAPHORS.get(noun, ""), key))
            if found is not None:
                spans[key].remove((lo, hi))
                spans[found].append((lo - 1, hi))
                target = found
        if not spans[key] and target is not None:
            merge(drafts, spans, key, target)
    used = {i for ss in spans.values() for lo, hi in ss for i in range(lo, hi)}
    for tok in view.tokens:
        noun = tok.lemma.lower()
        if tok.i in used or tok.pos != "NOUN" or tok.dep == "appos" or not _definite(view, tok.i):
            continue
        title = book.roles.get(noun)
        target = (_antecedent(drafts, spans, tok.i, _ANAPHORS.get(noun, ""), None)
                  or (title is not None and title.kind == "person" and title.sector is not None
                      and _antecedent(drafts, spans, tok.i, f"person:{noun}", None)) or None)
        if target is not None:
            spans[target].append((tok.i - 1, tok.i + 1))
            used.update((tok.i - 1, tok.i))


def _definite(view: ParseView, i: int) -> bool:
    return i > 0 and view.tokens[i - 1].text.lower() == "the" and view.tokens[i - 1].head == i


def _antecedent(drafts: Drafts, spans: Spans, at: int, want: str,
                skip: str | None) -> str | None:
    if not want:
        return None
    starts = sorted((lo, key) for key, ss in spans.items() for lo, _ in ss
                    if key != skip and lo < at and not key.startswith("UNNAMED-"))
    fitting = [key for _, key in starts if _fits(drafts[key], want)]
    return fitting[-1] if fitting else None


def _fits(draft: Draft, want: str) -> bool:
    kind, _, value = want.partition(":")
    if kind == "person":
        return draft.kind is ActorKind.PERSON and (draft.role or "").split()[-1:] == [value]
    if kind == "role":
        return draft.description == value
    words = f"{draft.description or ''} {draft.name}".lower().split()
    return draft.kind not in {ActorKind.PERSON, ActorKind.STATE} and (
        want.lower() in words or draft.sector == want)


def expand(book: Codebook, drafts: Drafts, spans: Spans) -> None:
    """Members and affiliations named by the codebook become actors (with no mentions)."""
    for draft in list(drafts.values()):
        for key in (*draft.members, draft.affiliation):
            entry = book.entries.get(key or "")
            if entry is not None and entry.key not in drafts:
                added = Draft.of_entry(entry, "")
                added.rule = ("member-of:" if key in draft.members else "affiliation-of:") + (
                    draft.key)
                drafts[entry.key], spans[entry.key] = added, []
