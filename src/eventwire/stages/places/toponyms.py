"""Annotated article -> toponym spans: the names the places stage will try to resolve.

Names come from the NER model (GPE, LOC, FAC), from datelines ("KABUL, Aug 26 (Reuters) -",
which the model rarely tags), and from a scan of the text for country and region names the
model missed or mislabelled (the small model tags "Uzbekistan" as NORP); a name inside another
entity ("Bank of America") or an adjective ("Central Asian") is not one, nor is a name inside
a longer one. A name opening the name of a local body is one ("the Mansfield Police
Department"). Demonyms, the surnames of the article's people ("Saakashvili") and place names
naming a disease ("West Nile virus") are not places.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventwire.records import Annotated, Entity, Span
from eventwire.stages.places.gazetteer import Gazetteer
from eventwire.stages.places.metonymy import head_token

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_NESTED_MAX = 3
_NESTED_FEATURES = frozenset({"city", "admin1", "admin2", "country"})
_INSTITUTIONS = frozenset({
    "police", "sheriff", "department", "county", "city", "council", "school", "schools",
    "board", "fire", "hospital", "university", "college", "airport", "chamber", "library",
    "park", "zoo", "station", "court", "jail", "office", "commission", "authority", "district",
    "township", "government", "assembly", "house", "senate", "legislature", "museum", "center",
    "centre", "high", "academy", "institute", "health", "transit", "port", "club", "church",
    "cathedral", "mosque", "stadium", "prison", "times", "post", "herald", "tribune", "news"})
_GENERIC = frozenset({
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "upper", "lower", "greater", "new",
    "united", "national", "federal", "state", "metro", "grand", "golden", "royal", "university",
    "college", "city", "county", "union", "general", "first", "international", "community"})
_DISEASE_NOUNS = frozenset({"virus", "fever", "flu", "influenza", "disease", "strain",
                            "vaccine"})
_DATELINE_NAME = re.compile(r"(?m)^[A-Z][A-Z.'’ -]*[A-Z.](?=,|\s*\(|\s+[-—–])")
_DATELINE = re.compile(r"[^.\n]{0,80}?(?:\)\s*[-—–]|\s(?:--|[—–])\s)")



def toponym_spans(ann: Annotated, gazetteer: Gazetteer, *, labels: tuple[str, ...],
                  nested_labels: tuple[str, ...], scan_names: bool) -> list[Span]:
    """Entity, dateline and scanned names (a name inside a longer one dropped), then names
    opening the names of local bodies; demonyms, people and diseases are not places."""
    text = ann.article.text
    spans = {_strip_article(text, e.start, e.end) for e in ann.entities
             if e.label in labels or _proper_norp(ann, e, gazetteer)}
    spans |= {s for s in _dateline_names(text) if gazetteer.candidates(text[s.start:s.end])}
    if scan_names:
        others = [e for e in ann.entities
                  if e.label in labels or e.label not in _PLACE_LABELS]
        spans |= {s for s in gazetteer.scan(text)
                  if not any(e.start < s.end and s.start < e.end for e in others)}
    spans = {s for s in spans if not any(o != s and o.start <= s.start and s.end <= o.end
                                         for o in spans)}
    spans |= {s for e in ann.entities if e.label in nested_labels
              if (s := _nested(ann, e, gazetteer)) is not None}
    people = _surnames(ann)
    return sorted((s for s in spans if not gazetteer.demonym(text[s.start:s.end])
                   and text[s.start:s.end] not in people and not _names_disease(ann, s)),
                  key=lambda s: s.start)


def _dateline_names(text: str) -> Iterator[Span]:
    """Capitalised names opening a paragraph as a dateline ("KABUL, Aug 26 (Reuters) -"),
    which the NER model rarely tags."""
    for m in _DATELINE_NAME.finditer(text):
        span = Span(start=m.start(), end=m.end())
        if opens_dateline(text, span):
            yield span


def _surnames(ann: Annotated) -> set[str]:
    """Last words of the article's multi-word person names ("Saakashvili" after "Mikheil
    Saakashvili"): alone, they name the person, whatever the NER label says."""
    return {ann.tokens[e.token_end - 1].text for e in ann.entities
            if e.label == "PERSON" and e.token_end - e.token_start > 1}


def _names_disease(ann: Annotated, span: Span) -> bool:
    """A place name modifying a disease noun ("West Nile virus", "Lassa fever")."""
    head = head_token(ann.tokens, span)
    return head is not None and head.dep == "compound" and (
        ann.tokens[head.head].lemma in _DISEASE_NOUNS)


def _nested(ann: Annotated, entity: Entity, gazetteer: Gazetteer) -> Span | None:
    """A place name opening the name of a local body ("the Mansfield Police Department"): the
    longest run of up to three proper nouns before an institution word, not itself a generic
    word, that the gazetteer knows as a populated place, division or country by that name."""
    tokens = ann.tokens[entity.token_start:entity.token_end]
    if tokens and tokens[0].lemma == "the":
        tokens = tokens[1:]
    for n in range(min(_NESTED_MAX, len(tokens) - 1), 0, -1):
        part, rest = tokens[:n], tokens[n:]
        name = ann.article.text[part[0].start:part[-1].end]
        if (all(t.pos == "PROPN" for t in part)
                and not all(t.text.lower() in _GENERIC for t in part)
                and any(t.text.lower() in _INSTITUTIONS for t in rest)
                and any(not alias and e.feature in _NESTED_FEATURES
                        for e, alias in gazetteer.candidates(name))):
            return Span(start=part[0].start, end=part[-1].end)
    return None


def _proper_norp(ann: Annotated, entity: Entity, gazetteer: Gazetteer) -> bool:
    """A NORP-tagged proper noun that names a place ("Punjab"), not a demonym ("Afghan")."""
    tags = {t.tag for t in ann.tokens[entity.token_start:entity.token_end]}
    return entity.label == "NORP" and tags == {"NNP"} and any(
        not alias for _, alias in gazetteer.candidates(entity.text))


def _strip_article(text: str, start: int, end: int) -> Span:
    """The name without a leading "the" or a trailing possessive ("the United Kingdom's")."""
    if text.startswith(("the ", "The "), start) and end - start > 4:
        start += 4
    if text.endswith(("'s", "’s"), start, end) and end - start > 2:
        end -= 2
    return Span(start=start, end=end)


def opens_dateline(text: str, span: Span) -> bool:
    """The name opens a paragraph and a dateline dash follows on its line before any full
    stop ("KABUL, Aug 26 (Reuters) -", "LONDON — ")."""
    return (span.start == 0 or text[span.start - 1] == "\n") and (
        _DATELINE.match(text, span.end) is not None)
