"""re3d (90 docs, BBC excluded) -> Report: entity-mention P/R/F1 per type, eventwire vs spaCy NER.

Each document goes through nlp, actors and places as in the pipeline. eventwire's mentions are
mapped to re3d types, and so are the raw NER spans of the same spaCy model in the same run:

=================  =============================================  =======================
re3d type          eventwire                                      spaCy baseline
=================  =============================================  =======================
Person             mentions of person actors                      PERSON
Organisation       mentions of organisation, group, unknown and   ORG
                   state actors (a country acting is an actor)
Location           place mentions                                 GPE, LOC, FAC
Nationality        demonyms the codebook knows ("Syrian")          NORP
Weapon             arms.yaml terms, not aircraft/vehicles/ships   (no such label)
MilitaryPlatform   arms.yaml aircraft, armoured vehicle and ship  (no such label)
                   terms
=================  =============================================  =======================

Weapon and MilitaryPlatform come from a read-only lookup of the arms stage's term list over
lemmas (a term and the nouns and adjectives that modify it), since records carry no spans for
arms items. Scoring: a prediction is a (document, start, end, type); duplicates count once.
*exact*: it must equal a gold span of that type (TP, FP, FN, P, R, F1 in the table).
*no-det*: the same after dropping a leading "the", "a" or "an" from both spans, since re3d's
spans include determiners ("the Asad regime") and eventwire's names do not. *overlap*: it may
overlap one, each gold span matched at most once (predictions in text order, first free gold
span wins). Gold spans nest
and overlap (a span may carry two types); each (span, type) is one gold item, so nested gold
spans of one type can never all be found by one system. Two gold filters: all annotations,
and ``confidence >= 0.5`` (the set README's advice, as confidence-0 gold is noisy).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from eventwire.eval import Counts, Report
from eventwire.pipeline import Resources, default_resources
from eventwire.records import Annotated, Article
from eventwire.stages.actors import resolve_actors
from eventwire.stages.nlp import NlpConfig, annotate
from eventwire.stages.places import PlacesConfig, find_places
from eventwire.vocab import ActorKind

TYPES = ("Person", "Organisation", "Location", "Nationality", "Weapon", "MilitaryPlatform")
_BASELINE = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
             "FAC": "Location", "NORP": "Nationality"}
_PLATFORMS = {"aircraft", "armoured_vehicles", "ships"}
_PLACES = PlacesConfig(borders=False)
_HOW = ("exact", "no-det", "overlap")
_DETERMINER = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)
Mention = tuple[str, int, int, str]


@dataclass(frozen=True, slots=True)
class Gold:
    doc: str
    start: int
    end: int
    type: str
    confidence: float


def score(data: Path, limit: int | None) -> Report:
    docs, gold = _read(data / "re3d", limit)
    res = default_resources()
    ours: set[Mention] = set()
    spacy: set[Mention] = set()
    articles = [Article(id=i, source=f"re3d:{i}", text=t, blocks=()) for i, t in docs.items()]
    terms = _arms_terms()
    for ann in annotate(articles, res.nlp, NlpConfig()):
        ours.update(_eventwire(ann, res, terms))
        spacy.update((ann.article.id, e.start, e.end, _BASELINE[e.label])
                     for e in ann.entities if e.label in _BASELINE)
    rows, metrics = _table(docs, gold, {"eventwire": ours, "spaCy NER": spacy})
    return Report(
        title="Entity mentions (re3d)",
        dataset=f"re3d (90 docs, BBC excluded): {len(docs)} docs scored, {len(gold)} gold "
                f"entities of the scored types ({sum(g.confidence >= .5 for g in gold)} with "
                "confidence >= 0.5)",
        header=("gold", "system", "type", "TP", "FP", "FN", "P", "R", "F1",
                "F1 no-det", "F1 overlap"),
        rows=rows, metrics=metrics,
        notes=["eventwire: actor mentions (Person, Organisation), place mentions (Location), "
               "codebook demonyms (Nationality), arms.yaml terms (Weapon, MilitaryPlatform); "
               "spaCy NER: PERSON, ORG, GPE/LOC/FAC, NORP of the same model, same run",
               "TP/FP/FN/P/R/F1: exact (doc, start, end, type); F1 no-det: exact after "
               "dropping a leading the/a/an from both spans (re3d includes determiners, "
               "eventwire's names do not); F1 overlap: one-to-one overlapping spans",
               "spaCy has no Weapon or MilitaryPlatform label: its rows there are all FN",
               "pronouns ('we', 'he') are gold Person/Organisation mentions that neither "
               "system produces",
               "a country acting (subject, object, possessor) is an actor, so Organisation; "
               "re3d's annotators mostly tag such countries Location"])


def _table(docs: dict[str, str], gold: list[Gold],
           systems: dict[str, set[Mention]]) -> tuple[list[list[str]], dict[str, float]]:
    rows: list[list[str]] = []
    metrics: dict[str, float] = {}
    for name, filtered in (("all", gold), ("conf>=0.5", [g for g in gold if g.confidence >= .5])):
        for system, predicted in systems.items():
            for kind in (*TYPES, "micro"):
                found = {how: _counts(predicted, filtered, kind, how, docs) for how in _HOW}
                c = found["exact"]
                rows.append([name, system, kind, str(c.tp), str(c.fp), str(c.fn),
                             f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                             f"{found['no-det'].f1:.3f}", f"{found['overlap'].f1:.3f}"])
                metrics.update({f"{system}/{name}/{how}/{kind}/f1": found[how].f1
                                for how in _HOW})
    return rows, metrics


def _read(folder: Path, limit: int | None) -> tuple[dict[str, str], list[Gold]]:
    docs: dict[str, str] = {}
    gold: list[Gold] = []
    for sub in sorted(p for p in folder.iterdir() if (p / "documents.json").is_file()):
        for line in (sub / "documents.json").read_text(encoding="utf-8-sig").splitlines():
            if line.strip() and (limit is None or len(docs) < limit):
                doc = json.loads(line)
                docs[doc["_id"]] = doc["text"]
        for line in (sub / "entities.json").read_text(encoding="utf-8-sig").splitlines():
            ent = json.loads(line) if line.strip() else None
            if ent and ent["documentId"] in docs and ent["type"] in TYPES:
                gold.append(Gold(ent["documentId"], ent["begin"], ent["end"], ent["type"],
                                 float(ent.get("confidence") or 0.0)))
    return docs, sorted(set(gold), key=lambda g: (g.doc, g.start, g.end, g.type))


def _eventwire(ann: Annotated, res: Resources,
               terms: dict[tuple[str, ...], str]) -> Iterator[Mention]:
    doc = ann.article.id
    actors = resolve_actors(ann, res.codebook)
    for actor in actors:
        kind = "Person" if actor.kind is ActorKind.PERSON else "Organisation"
        yield from ((doc, m.start, m.end, kind) for m in actor.mentions)
    for place in find_places(ann, actors, _PLACES, res.gazetteer):
        yield from ((doc, m.start, m.end, "Location") for m in place.mentions)
    yield from _demonyms(ann, res)
    yield from _arms(ann, terms)


def _demonyms(ann: Annotated, res: Resources) -> Iterator[Mention]:
    """Demonyms and adjectives of countries, longest first ("North Korean", "Syrian")."""
    toks, i = ann.tokens, 0
    while i < len(toks):
        for n in (3, 2, 1):
            hi = i + n
            if hi <= len(toks) and toks[hi - 1].sent == toks[i].sent and (
                    res.codebook.demonym_of(ann.article.text[toks[i].start:toks[hi - 1].end])):
                yield ann.article.id, toks[i].start, toks[hi - 1].end, "Nationality"
                i = hi - 1
                break
        i += 1


def _arms_terms() -> dict[tuple[str, ...], str]:
    """arms.yaml terms (lemma tuples) -> re3d type, read-only from the arms stage's data."""
    text = resources.files("eventwire.data").joinpath("arms.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {tuple(re.split(r"\s+", term.lower())):
            "MilitaryPlatform" if category in _PLATFORMS else "Weapon"
            for category, terms in data["terms"].items() for term in terms}


def _arms(ann: Annotated, terms: dict[tuple[str, ...], str]) -> Iterator[Mention]:
    """Arms terms over lemmas, widened left over the nouns and adjectives that modify them."""
    toks, longest = ann.tokens, max(len(t) for t in terms)
    i = 0
    while i < len(toks):
        for n in range(min(longest, len(toks) - i), 0, -1):
            kind = terms.get(tuple(t.lemma.lower() for t in toks[i:i + n]))
            head = toks[i + n - 1]
            if kind is None or head.pos not in {"NOUN", "PROPN"}:
                continue
            lo = i
            while lo > 0 and toks[lo - 1].pos in {"NOUN", "ADJ", "PROPN"} and (
                    toks[lo - 1].sent == head.sent and toks[lo - 1].head > lo - 1):
                lo -= 1
            yield ann.article.id, toks[lo].start, head.end, kind
            i += n - 1
            break
        i += 1


def _counts(predicted: Iterable[Mention], gold: list[Gold], kind: str, how: str,
            texts: dict[str, str]) -> Counts:
    if kind == "micro":
        return sum((_counts(predicted, gold, t, how, texts) for t in TYPES), Counts())
    mine = sorted({_span(texts, d, s, e, how) for d, s, e, t in predicted if t == kind})
    theirs = sorted({_span(texts, g.doc, g.start, g.end, how) for g in gold if g.type == kind})
    if how != "overlap":
        tp = len(set(mine) & set(theirs))
        return Counts(tp, len(mine) - tp, len(theirs) - tp)
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for d, s, e in theirs:
        by_doc.setdefault(d, []).append((s, e))
    used: set[tuple[str, int, int]] = set()
    for d, s, e in mine:
        hit = next(((gs, ge) for gs, ge in by_doc.get(d, ()) if gs < e and s < ge
                    and (d, gs, ge) not in used), None)
        if hit is not None:
            used.add((d, *hit))
    return Counts(len(used), len(mine) - len(used), len(theirs) - len(used))


def _span(texts: dict[str, str], doc: str, start: int, end: int,
          how: str) -> tuple[str, int, int]:
    if how == "no-det":
        found = _DETERMINER.match(texts[doc], start, end)
        start = found.end() if found and found.end() < end else start
    return doc, start, end
