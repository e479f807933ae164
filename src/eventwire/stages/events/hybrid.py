"""Tree + EventModel -> what the model reads in each sentence, and the matches it adds.

Rules and model meet in three places (each side can be switched off in ``EventsConfig``):

* a rule match's lexicon confidence is averaged with the model's probability of its type, so
  a trigger the rest of the sentence contradicts ranks low;
* a sentence whose most probable type (not ``NONE``, and at least ``add_threshold``) no rule
  coded gets a model match, anchored at the word whose features push hardest towards that
  type ("Kosovo [...] *rejected* the plan" -> "rejected"); its CAMEO code and mode are the
  type's base code, or those of the ACLED sub-event type the model reads, where it fits.
  Where the PLOVER head is unsure but the ACLED head is sure of a sub-event type, that type
  gives the event its PLOVER type ("a crowd burned alive a suspected thief": Mob violence,
  ASSAULT), anchored at the word that weighs most for the sub-event type;
* the ACLED code (``acled.acled_code``), from the ACLED head's scores of the paragraph (a note
  of up to three sentences is read whole: "Protesters gathered ... Police fired tear gas").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from eventwire.stages.events.features import sentence_features
from eventwire.stages.events.lexicon import Lexicon, TriggerRule
from eventwire.stages.events.model import NONE, EventModel, Head
from eventwire.stages.events.syntax import Tree
from eventwire.stages.events.triggers import Match
from eventwire.vocab import PloverType as P

PARAGRAPH_SENTENCES = 3
SUB_EVENT_SURE = 0.3
ANCHOR_POS = frozenset({"VERB", "NOUN"})
BASE_CAMEO = {P.AGREE: "030", P.CONSULT: "040", P.SUPPORT: "050", P.CONCEDE: "080",
              P.COOPERATE: "060", P.AID: "070", P.RETREAT: "084", P.REQUEST: "100",
              P.ACCUSE: "110", P.REJECT: "120", P.THREATEN: "130", P.PROTEST: "141",
              P.SANCTION: "160", P.MOBILIZE: "150", P.COERCE: "170", P.ASSAULT: "180"}
# ACLED sub-event type -> the PLOVER type, CAMEO code and mode it implies (where it does)
SUB_EVENT_CAMEO: dict[str, tuple[P, str, tuple[str, ...]]] = {
    "Armed clash": (P.ASSAULT, "190", ()),
    "Chemical weapon": (P.ASSAULT, "2041", ()),
    "Air/drone strike": (P.ASSAULT, "195", ()),
    "Suicide bomb": (P.ASSAULT, "1831", ("suicide-attack",)),
    "Shelling/artillery/missile attack": (P.ASSAULT, "194", ("heavy-weapons",)),
    "Remote explosive/landmine/IED": (P.ASSAULT, "183", ("explosives",)),
    "Grenade": (P.ASSAULT, "183", ("explosives",)),
    "Sexual violence": (P.ASSAULT, "1821", ("sexual",)),
    "Abduction/forced disappearance": (P.ASSAULT, "181", ("abduct",)),
    "Violent demonstration": (P.PROTEST, "145", ("riot",)),
    "Peaceful protest": (P.PROTEST, "141", ("demo",)),
    "Arrests": (P.COERCE, "173", ("arrest",)),
    "Government regains territory": (P.COERCE, "192", ()),
    "Non-state actor overtakes territory": (P.COERCE, "192", ()),
    "Protest with intervention": (P.PROTEST, "141", ("demo",)),
    "Excessive force against protesters": (P.ASSAULT, "175", ()),
    "Mob violence": (P.ASSAULT, "180", ()),
    "Attack": (P.ASSAULT, "180", ()),
    "Agreement": (P.AGREE, "030", ()),
    "Disrupted weapons use": (P.COERCE, "1711", ("confiscate",)),
    "Headquarters or base established": (P.MOBILIZE, "154", ("troops",)),
    "Looting/property destruction": (P.ASSAULT, "1712", ()),
    "Non-violent transfer of territory": (P.RETREAT, "0873", ("withdraw",)),
}


@dataclass(frozen=True, slots=True)
class Reading:
    """The model's view of one sentence: type probabilities and each token's features."""

    plover: dict[str, float]
    features: dict[int, list[str]]

    @property
    def best(self) -> tuple[str, float]:
        """The most probable event type and its probability (0 when ``NONE`` beats it)."""
        label = max((k for k in self.plover if k != NONE), key=lambda k: self.plover[k])
        p = self.plover[label]
        return label, p if p >= self.plover.get(NONE, 0.0) else 0.0


class ModelView:
    """The event model applied to one article, sentence by sentence, computed on demand."""

    def __init__(self, tree: Tree, model: EventModel) -> None:
        self.tree = tree
        self.model = model
        self.reading = cache(self._read)
        self.acled_scores = cache(self._acled_scores)

    def _read(self, sentence: int) -> Reading:
        features = sentence_features(self.tree, sentence)
        bag = [f for feats in features.values() for f in feats]
        return Reading(plover=self.model.plover.probabilities(bag), features=features)

    def probability(self, anchor: int, kinds: set[P]) -> float:
        """The model's probability that the sentence of ``anchor`` reports one of ``kinds``."""
        scores = self.reading(self.tree.tok(anchor).sent).plover
        return max(scores.get(k.value, 0.0) for k in kinds)

    def _acled_scores(self, sentence: int) -> dict[str, float]:
        """ACLED head scores of the sentence's paragraph (or of the sentence alone in a long
        paragraph)."""
        tree = self.tree
        first = tree.ann.sentences[sentence].token_start
        block = tree.block_of[first]
        same = [s for s, sent in enumerate(tree.ann.sentences)
                if tree.block_of[sent.token_start] == block]
        chosen = same if len(same) <= PARAGRAPH_SENTENCES else [sentence]
        bag = [f for s in chosen for feats in self.reading(s).features.values() for f in feats]
        return self.model.acled.probabilities(bag)

    def blend(self, match: Match, kinds: set[P]) -> Match:
        """The match with its lexicon confidence averaged with the model's probability."""
        p = self.probability(match.anchor, kinds)
        rule = replace(match.rule, confidence=round((match.rule.confidence + p) / 2, 3))
        return replace(match, rule=rule)

    def matches(self, lexicon: Lexicon, coded: set[int], threshold: float) -> list[Match]:
        """One match for each sentence outside ``coded`` whose most probable event type
        scores at least ``threshold`` and above ``NONE``, in text order. Where the PLOVER
        head is unsure, a sub-event type the ACLED head is sure of gives the type."""
        found = []
        for sentence in range(len(self.tree.ann.sentences)):
            if sentence in coded:
                continue
            label, p = self.reading(sentence).best
            head = self.model.plover
            if p < threshold:
                label, p = self._sub_event(sentence)
                head = self.model.acled
            if p < threshold:
                continue
            kind = P(label) if head is self.model.plover else SUB_EVENT_CAMEO[label][0]
            anchor = self._anchor(sentence, head, label)
            if anchor is not None:
                rule = self._rule(kind, p, sentence, lexicon, self.tree.lemma(anchor))
                found.append(Match(rule=rule, anchor=anchor, tokens=(anchor,)))
        return found

    def _sub_event(self, sentence: int) -> tuple[str, float]:
        """The paragraph's most probable sub-event type that implies a PLOVER type."""
        scores = self.acled_scores(sentence)
        label = max(scores, key=lambda k: scores[k])
        return (label, scores[label]) if label in SUB_EVENT_CAMEO else (NONE, 0.0)

    def _anchor(self, sentence: int, head: Head, label: str) -> int | None:
        """The content word whose own features weigh most for ``label`` in ``head``."""
        features = self.reading(sentence).features
        weights = {i: head.weight(f, label) for i, f in features.items()
                   if self.tree.tok(i).pos in ANCHOR_POS}
        best = max(weights, key=lambda i: (weights[i], -i), default=None)
        return best if best is not None and weights[best] > 0 else None

    def _rule(self, kind: P, p: float, sentence: int, lexicon: Lexicon,
              lemma: str) -> TriggerRule:
        cameo = BASE_CAMEO[kind]
        mode: tuple[str, ...] = ()
        scores = self.acled_scores(sentence)
        sub = max(scores, key=lambda k: scores[k])
        if sub in SUB_EVENT_CAMEO and scores[sub] >= SUB_EVENT_SURE and (
                SUB_EVENT_CAMEO[sub][0] == kind):
            _, cameo, mode = SUB_EVENT_CAMEO[sub]
        return TriggerRule(words=(frozenset({lemma}),), type=kind, cameo=cameo, mode=mode,
                           recipient=tuple(lexicon.recipients.get(kind, ())),
                           family=f"model:{kind}", confidence=round(p, 3))
