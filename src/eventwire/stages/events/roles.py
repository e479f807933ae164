"""Trigger tokens -> actor and recipient ids, read off the dependency parse.

A word is an actor when it lies inside one of the actor stage's mentions (the smallest
mention that covers it wins, so "Central Asian republics bordering Afghanistan" is the group,
not Afghanistan). Around that:

* verbs: the subject acts; a passive's subject receives and its ``by`` agent acts; a
  subject or agent that is a thing ("an IED planted by X", "attacks attributed to X") hands
  the role to the doer it names; relative pronouns stand for the noun they modify.
* nouns: the possessor ("the Taliban's takeover"), ``by``/``between`` phrases, "involving
  X", a modifier that is an actor ("US sanctions"), else the subject of a light verb
  ("launched an attack").
* coordination: every conjunct is an actor ("Uzbekistan and Tajikistan held exercises with
  Russia" -> actors UZB, TJK; recipient RUS from "with").
* relational nouns ("members of the CSTO", "Russian forces") stand for the actor they name.
* pronouns: "we"/"I" in a quote are the speaker's organisation or the speaker; "it",
  "they", "he" the nearest preceding subject that is an actor of the right kind.
* repairs for common parser slips: a clause "as countries ... have raised concerns" parsed as
  a preposition, and a subject cut off by a block boundary; roles found so are marked as
  fallbacks and lower the event's confidence.
Unnamed actors ("militants") have no id; their role stays empty.
"""

from __future__ import annotations

from eventwire.records import Actor, Quote
from eventwire.stages.events.lexicon import TriggerRule
from eventwire.stages.events.syntax import NOMINAL_POS, Tree
from eventwire.vocab import ActorKind

FIRST_PLURAL = frozenset({"we", "us", "our", "ours"})
FIRST_SINGULAR = frozenset({"i", "me", "my"})
PERSONAL = frozenset({"he", "him", "his", "she", "her"})
NEUTER = frozenset({"it", "its"})
PLURAL = frozenset({"they", "them", "their"})
RELATIVES = frozenset({"that", "which", "who", "whom", "whose"})
RELATIONAL = frozenset({
    "member", "force", "troop", "soldier", "official", "leader", "government", "army",
    "military", "navy", "head", "representative", "delegation", "minister", "ministry",
    "spokesman", "spokeswoman", "spokesperson", "service", "unit", "wing", "branch", "fighter",
    "militant", "gunman", "insurgent", "rebel", "police", "authority", "embassy", "envoy",
    "ambassador", "president", "chief", "commander", "supporter", "jet", "warship"})
SUBORDINATORS = frozenset({"as", "while", "after", "before", "since", "because", "until",
                           "when", "although", "though"})
DOER_LINKS = {"attribute": {"to"}, "blame": {"on"}, "claim": {"by"}, "plant": {"by"},
              "carry": {"by"}, "launch": {"by"}, "conduct": {"by"}, "stage": {"by"},
              "fire": {"by"}, "lay": {"by"}, "detonate": {"by"}, "perpetrate": {"by"},
              "commit": {"by"}, "lead": {"by"}, "organise": {"by"}, "organize": {"by"}}
SUBJECT_DEPS = ("nsubj", "nsubjpass")


class Cast:
    """Who is who in one article: token -> actor id, and role finding over the parse.

    ``fallback`` turns true when a role came from a parser repair; the caller resets it
    before coding each mention and reads it after.
    """

    def __init__(self, tree: Tree, actors: tuple[Actor, ...], quotes: tuple[Quote, ...],
                 light_verbs: frozenset[str]) -> None:
        self.tree = tree
        self.actors = {a.id: a for a in actors}
        self.quotes = quotes
        self.light_verbs = light_verbs
        self.by_token = self._index(actors)
        self.fallback = False

    def _index(self, actors: tuple[Actor, ...]) -> dict[int, str]:
        best: dict[int, tuple[int, str]] = {}
        for actor in actors:
            for m in actor.mentions:
                for i in self.tree.tokens_in(m.start, m.end):
                    if i not in best or m.end - m.start < best[i][0]:
                        best[i] = (m.end - m.start, actor.id)
        return {i: a for i, (_, a) in best.items()}

    # --- resolving words to actor ids ---------------------------------------------------

    def resolve_all(self, heads: list[int]) -> tuple[str, ...]:
        """Actor ids of the phrases headed by ``heads`` and their conjuncts, in order."""
        out: list[str] = []
        for h in heads:
            for c in self.tree.conjuncts(h):
                found = self._one(c)
                if found is not None and found not in out:
                    out.append(found)
        return tuple(out)

    def _one(self, i: int, depth: int = 0) -> str | None:
        low = self.tree.tok(i).text.lower()
        if low in FIRST_PLURAL or low in FIRST_SINGULAR:
            return self._speaker(i, plural=low in FIRST_PLURAL)
        if low in PERSONAL or low in NEUTER or low in PLURAL:
            return self._antecedent(i, low)
        if i in self.by_token:
            return self.by_token[i]
        if self.tree.lemma(i) in RELATIONAL and depth < 2:
            for j in self.tree.prep_objects(i, {"of"}) + self.tree.kids(
                    i, "poss", "compound", "amod"):
                found = self._one(j, depth + 1)
                if found is not None:
                    return found
        return None

    def _speaker(self, i: int, plural: bool) -> str | None:
        at = self.tree.tok(i).start
        quote = next((q for q in self.quotes if q.start <= at < q.end), None)
        if quote is None or quote.speaker is None:
            return None
        speaker = self.actors.get(quote.speaker)
        if plural and speaker is not None and speaker.affiliation:
            return speaker.affiliation
        return quote.speaker

    def _antecedent(self, i: int, pronoun: str) -> str | None:
        sent = self.tree.tok(i).sent
        for j in range(i - 1, -1, -1):
            if self.tree.tok(j).sent < sent - 2:
                return None
            found = self.by_token.get(j)
            if found is not None and self._is_subject(j) and self._fits(found, pronoun):
                return found
        return None

    def _is_subject(self, j: int) -> bool:
        head = self.tree.head(j)
        return self.tree.dep(j) in SUBJECT_DEPS or (
            self.tree.dep(j) == "compound" and head is not None
            and self.tree.dep(head) in SUBJECT_DEPS)

    def _fits(self, actor_id: str, pronoun: str) -> bool:
        actor = self.actors.get(actor_id)
        person = actor is not None and actor.kind == ActorKind.PERSON
        return person if pronoun in PERSONAL else not person or pronoun in PLURAL

    # --- who acts -------------------------------------------------------------------------

    def actor_of_trigger(self, anchor: int) -> tuple[str, ...]:
        """The actor ids of the event whose trigger word is ``anchor``."""
        if self.tree.is_predicate(anchor):
            if self.passive(anchor):
                return self._through_things(self.tree.prep_objects(anchor, {"by"}))
            return self._through_things(self.subject(anchor))
        return self._nominal_doers(anchor)

    def passive(self, v: int) -> bool:
        return bool(self.tree.kids(v, "auxpass", "nsubjpass"))

    def subject(self, v: int) -> list[int]:
        """The subject tokens of predicate ``v``, following control, coordination, repairs."""
        tree = self.tree
        own = tree.kids(v, "nsubj", "csubj")
        head, dep = tree.head(v), tree.dep(v)
        if own:
            relative = tree.lemma(own[0]) in RELATIVES and dep == "relcl" and head is not None
            return [head] if relative and head is not None else own
        if head is not None and dep == "xcomp":
            return (tree.kids(head, "dobj") or self.subject(head)
                    or tree.kids(head, "nsubjpass"))
        if head is not None and dep in ("acl", "relcl") and not tree.is_predicate(head):
            return [head]
        hidden = self._subordinate_subject(v)
        if hidden is None and head is not None and dep in ("conj", "advcl"):
            return self.subject(head)
        hidden = hidden if hidden is not None else self._orphan_subject(v)
        self.fallback = self.fallback or hidden is not None
        return [] if hidden is None else [hidden]

    def _subordinate_subject(self, v: int) -> int | None:
        """The subject of "as NP VP" when the parser read "as" as a preposition."""
        stop = self.tree.head(v)
        for j in range(v - 1, -1, -1):
            if j == stop or not self.tree.same_sentence(j, v):
                return None
            head = self.tree.head(j)
            if (self.tree.dep(j) == "pobj" and head is not None
                    and self.tree.lemma(head) in SUBORDINATORS
                    and self.tree.tok(j).pos in NOMINAL_POS):
                return j
        return None

    def _orphan_subject(self, v: int) -> int | None:
        """A noun before ``v`` whose head lay across a block boundary (a cut-off subject)."""
        found = [j for j in self.tree.orphans if j < v and self.tree.same_sentence(j, v)
                 and self.tree.tok(j).pos in NOMINAL_POS]
        return max(found) if found else None

    def _through_things(self, heads: list[int]) -> tuple[str, ...]:
        """Actor ids of ``heads``; a thing ("an IED planted by X") hands over to its doer."""
        found = self.resolve_all(heads)
        if found:
            return found
        for h in heads:
            linked = self._doer_links(h)
            if linked:
                return linked
        return ()

    def _doer_links(self, n: int) -> tuple[str, ...]:
        for acl in self.tree.kids(n, "acl"):
            preps = DOER_LINKS.get(self.tree.lemma(acl))
            if preps:
                found = self.resolve_all(self.tree.prep_objects(acl, preps))
                if found:
                    return found
        return ()

    def _nominal_doers(self, n: int) -> tuple[str, ...]:
        tree = self.tree
        heads = tree.kids(n, "poss") + tree.prep_objects(n, {"by", "between"})
        for acl in tree.kids(n, "acl"):
            if tree.lemma(acl) == "involve":
                heads += tree.kids(acl, "dobj")
        found = self.resolve_all(heads) or self._doer_links(n) or self.resolve_all(
            [m for m in tree.kids(n, "compound", "amod") if m in self.by_token])
        gov = tree.head(n)
        if not found and gov is not None and tree.dep(n) == "dobj" and (
                tree.lemma(gov) in self.light_verbs):
            return self.actor_of_trigger(gov)
        return found

    # --- who is acted upon ----------------------------------------------------------------

    def recipient_heads(self, rule: TriggerRule, tokens: tuple[int, ...],
                        anchor: int) -> list[int]:
        """Head words of the recipient phrases, named or not ("killing two officers")."""
        tree = self.tree
        heads = tree.kids(anchor, "nsubjpass") if tree.is_predicate(anchor) else []
        for t in tokens:
            for role in rule.recipient:
                if role == "dobj" and tree.is_predicate(t):
                    heads += [d for d in tree.kids(t, "dobj") if d not in tokens]
                elif role == "dative":
                    heads += tree.kids(t, "dative")
                elif role.startswith("prep:"):
                    heads += tree.prep_objects(t, {role.removeprefix("prep:")})
        return heads

    def recipients(self, heads: list[int]) -> tuple[str, ...]:
        """Recipient ids of the phrases headed by ``heads`` (or of their possessors)."""
        tree = self.tree
        out: list[str] = []
        for h in heads:
            found = self.resolve_all([h]) or self.resolve_all(
                tree.kids(h, "poss") + tree.prep_objects(h, {"of"}))
            out += [x for x in found if x not in out]
        return tuple(out)
