"""plover-gsr dev (166 odd-id records) -> Report: actor country and sector codes, eventwire vs a
spaCy + pycountry baseline.

Gold: every ``source`` and ``target`` actor (``actorText``, ``code``, ``sector``). A target that
is missing, ``null``, ``""`` or not a list (one record has the string "diplomatic") has no
actors and is counted, not scored. ``actorText`` is found in the sentence as written; a text
with "..." ("U.S. ... negotiators") spans from its first part to its last; a text that is not in
the sentence (a coder's paraphrase) is counted as unlocated and not scored.

Each sentence goes through nlp and the actor stage. A gold actor is *matched* by the eventwire
actor mention that starts where its text starts, else by the one overlapping it most ("U.S. ...
negotiators" is the US group whose mention is "U.S."). Codes:

- country: the actor's country (ISO3 or IGO); an actor with no country but sector NGO codes as
  NGO, as in the GSR. TP = same code, FP = another code, FN = no match or no country.
- sector: scored only where the gold sector is a code; its first three letters count
  ("CVLalb" -> CVL) and the CAMEO spellings CIV and JRN read as CVL and MED. ``***`` (unknown
  sector) and a missing sector (states) are not scored; counts are given.

Baseline, same run: the NER entity chosen the same way, its country by pycountry
name lookup (ISO names and codes) and its sector GOV when it is a GPE or NORP, else none.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry

from eventwire.eval import COUNTS_HEADER, Counts, Report, counts_row
from eventwire.pipeline import default_resources
from eventwire.records import Annotated, Article
from eventwire.stages.actors import resolve_actors
from eventwire.stages.nlp import NlpConfig, annotate

_SECTOR_SPELLINGS = {"CIV": "CVL", "JRN": "MED"}


@dataclass(frozen=True, slots=True)
class GoldActor:
    record: str
    start: int
    end: int
    code: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Guess:
    country: str | None
    sector: str | None


def score(data: Path, limit: int | None) -> Report:
    path = data / "plover-gsr" / "dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()][:limit]
    tally: Counter[str] = Counter()
    gold = [g for r in records for g in _gold(r, tally)]
    res = default_resources()
    ours: dict[GoldActor, Guess | None] = {}
    base: dict[GoldActor, Guess | None] = {}
    articles = [Article(id=r["id"], source=f"plover-gsr:{r['id']}", text=r["text"], blocks=())
                for r in records]
    for ann in annotate(articles, res.nlp, NlpConfig()):
        actors = resolve_actors(ann, res.codebook)
        for g in (g for g in gold if g.record == ann.article.id):
            ours[g] = _best([(Guess(_code(a.country, a.sector), a.sector), m.start, m.end)
                             for a in actors for m in a.mentions], g)
            base[g] = _best(list(_baseline(ann)), g)
    rows, metrics = [], {}
    for system, guesses in (("eventwire", ours), ("spaCy+pycountry", base)):
        country, sector = _country(gold, guesses), _sector(gold, guesses)
        rows.append(counts_row(f"{system} country", country))
        rows.append(counts_row(f"{system} sector", sector))
        matched = sum(v is not None for v in guesses.values())
        metrics.update({f"{system}/country/f1": country.f1, f"{system}/sector/f1": sector.f1,
                        f"{system}/country/precision": country.precision,
                        f"{system}/sector/precision": sector.precision,
                        f"{system}/matched": matched / len(gold) if gold else 0.0})
        tally[f"{system}: gold actors matched (a mention of it overlaps them)"] = matched
    return Report(
        title="Actor country and sector codes (plover-gsr)",
        dataset=f"plover-gsr dev (166 odd-id records): {len(records)} records, {len(gold)} "
                "gold actors located in their sentence",
        header=COUNTS_HEADER, rows=rows, metrics=metrics,
        notes=[f"{k}: {v}" for k, v in sorted(tally.items())] + [
            "country: TP same code, FP another code, FN unmatched or no country; "
            "sector: only gold sectors that are codes (first three letters)"])


def _gold(record: dict[str, object], tally: Counter[str]) -> Iterator[GoldActor]:
    text = str(record["text"])
    for role in ("source", "target"):
        value = record.get(role)
        if not isinstance(value, list) or not value:
            tally[f"{role} missing, empty or not a list (not scored)"] += 1
            continue
        for actor in value:
            span = _locate(text, str(actor.get("actorText") or ""))
            if span is None:
                tally["gold actors whose actorText is not in the sentence (not scored)"] += 1
                continue
            sector = actor.get("sector") or None
            if sector == "***":
                tally["gold sectors *** (country scored, sector not)"] += 1
            elif sector is None:
                tally["gold actors without a sector (country scored, sector not)"] += 1
            yield GoldActor(str(record["id"]), *span, actor.get("code") or None,
                            None if sector in (None, "***") else
                            _SECTOR_SPELLINGS.get(sector[:3], sector[:3]))


def _locate(text: str, actor_text: str) -> tuple[int, int] | None:
    parts = [p.strip() for p in actor_text.split("...") if p.strip()]
    if not parts:
        return None
    start = text.find(parts[0])
    end = text.find(parts[-1], start + len(parts[0])) if len(parts) > 1 else start
    if start < 0 or end < 0:
        return None
    return start, end + len(parts[-1])


def _code(country: str | None, sector: str | None) -> str | None:
    return country or ("NGO" if sector == "NGO" else None)


def _best(candidates: list[tuple[Guess, int, int]], gold: GoldActor) -> Guess | None:
    """The mention that starts where the gold text starts, else the one overlapping most."""
    hits = [(s == gold.start, min(e, gold.end) - max(s, gold.start), guess)
            for guess, s, e in candidates if min(e, gold.end) > max(s, gold.start)]
    return max(hits, key=lambda hit: hit[:2])[2] if hits else None


def _baseline(ann: Annotated) -> Iterator[tuple[Guess, int, int]]:
    for ent in ann.entities:
        try:
            code: str | None = pycountry.countries.lookup(ent.text.removeprefix("the ")).alpha_3
        except LookupError:
            code = None
        yield Guess(code, "GOV" if ent.label in {"GPE", "NORP"} else None), ent.start, ent.end


def _country(gold: list[GoldActor], guesses: dict[GoldActor, Guess | None]) -> Counts:
    return _tally((g.code, (guesses[g] or Guess(None, None)).country) for g in gold if g.code)


def _sector(gold: list[GoldActor], guesses: dict[GoldActor, Guess | None]) -> Counts:
    return _tally((g.sector, (guesses[g] or Guess(None, None)).sector)
                  for g in gold if g.sector)


def _tally(pairs: Iterator[tuple[str | None, str | None]]) -> Counts:
    tp = fp = fn = 0
    for want, got in pairs:
        if got is None:
            fn += 1
        elif got == want:
            tp += 1
        else:
            fp += 1
    return Counts(tp, fp, fn)
