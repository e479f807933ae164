"""Parse + codebook -> groups of states whose members can be listed: "Central Asian republics
bordering Afghanistan" (TJK, TKM, UZB), "Afghanistan's neighbours", "countries in the Gulf",
"EU member states".

Members come from the codebook's regions and organisations and from the GeoNames land-border
table (``Codebook.neighbours``); "bordering X" keeps only the members that border X.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventwire.records import Token
from eventwire.stages.actors.codebook import Codebook, Region
from eventwire.stages.actors.mentions import Draft, Found
from eventwire.stages.actors.parse import ParseView
from eventwire.vocab import ActorKind

_STATE_NOUNS = {"country", "republic", "state", "nation", "neighbour", "neighbor", "government",
                "ally", "member"}


def state_groups(view: ParseView, book: Codebook) -> Iterator[Found]:
    """Groups of states named by a region, a membership or a border."""
    for tok in view.tokens:
        lemma = tok.lemma.lower()
        if lemma not in _STATE_NOUNS or tok.tag not in {"NNS", "NNPS"}:
            continue
        region, lo, hi = _region_modifier(view, book, tok)
        members = region.members if region else ()
        name_key = region.key if region else ""
        for bordering in view.kids(tok.i, "acl"):
            target = next(view.kids(bordering.i, "dobj"), None)
            entry = book.lookup(target.text) if target is not None else None
            if bordering.lemma.lower() == "border" and entry is not None:
                near = book.neighbours.get(entry.key, ())
                members = tuple(m for m in members if m in near) if members else near
                name_key += f"-BORDERING-{entry.key}"
                hi = max(hi, view.subtree(bordering.i)[1])
        owner = next(view.kids(tok.i, "poss"), None)
        owner_entry = book.lookup(owner.text) if owner is not None else None
        if lemma in {"neighbour", "neighbor"} and owner is not None and owner_entry is not None:
            members = book.neighbours.get(owner_entry.key, ())
            name_key = f"NEIGHBOURS-{owner_entry.key}"
            lo = min(lo, owner.i)
        if members:
            yield Found(lo, hi, Draft(key=f"GROUP-{name_key.strip('-')}",
                                      name=view.surface(lo, hi), kind=ActorKind.GROUP,
                                      country=None, sector="GOV",
                                      rule=f"state-group:{name_key.strip('-')}",
                                      members=tuple(members)))


def _region_modifier(view: ParseView, book: Codebook,
                     noun: Token) -> tuple[Region | None, int, int]:
    """A region adjective before a state noun, or "in the <region>" after it."""
    i = noun.i
    mods = [t for t in view.kids(i, "amod", "compound", "nmod") if t.i < i]
    if mods:
        lo = min(view.subtree(m.i)[0] for m in mods)
        words = view.surface(lo, i).lower()
        for adj, region in book.region_adjectives.items():
            if re.search(rf"(?:^|\s){re.escape(adj.lower())}(?:\s+member)?$", words):
                return region, lo, i + 1
    for prep in view.kids(i, "prep"):
        for obj in view.kids(prep.i, "pobj"):
            lo_o = view.subtree(obj.i)[0]
            named = book.region_names.get(view.surface(lo_o, obj.i + 1).lower()
                                          .removeprefix("the "))
            if prep.lemma.lower() == "in" and named is not None:
                return named, i, obj.i + 1
    return None, i, i + 1
