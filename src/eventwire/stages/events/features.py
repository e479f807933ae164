"""Tree + sentence -> model features: the words and arcs the event model weighs, per token.

Training (``eventwire.training``) and coding share this function, so a model always sees the
features it was trained on. Each feature belongs to one token, so the model can say which
word carried its decision (that word becomes the trigger of an event the model adds):

* ``w:`` the lemma of every content word; names, numbers and function words are left out, so
  the model learns what happened, not who did it;
* ``v:`` the lemma of a predicate; ``vo:`` predicate and object ("impose>sanction"), ``vx:``
  predicate and the verb it controls ("threaten>ban"), ``vp:`` predicate and preposition
  ("accuse>of"), ``neg:`` a negated predicate;
* ``nn:`` a noun and its modifier ("hunger>strike", "car>bombing");
* ``main:`` the main predicate: the root, or the complement of a reporting root ("Egypt said
  Israel bombed ..." -> "bomb"), and ``mainx:`` the verb it controls.

Lemmas are spelled one way: British "-ise"/"-isation" become "-ize"/"-ization" ("apologise"
and "apologize" are one feature), the same in training and coding.
"""

from __future__ import annotations

import re

from eventwire.stages.events.syntax import Tree

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
REPORTING = frozenset({"say", "tell", "announce", "report", "state", "claim", "add", "note",
                       "confirm", "quote", "accord", "insist", "write"})
_OBJECTS = ("dobj", "nsubjpass", "attr", "oprd")
_MODIFIERS = ("amod", "compound", "nmod")
_BRITISH = re.compile(r"is(e|ation)$")


def sentence_features(tree: Tree, sentence: int) -> dict[int, list[str]]:
    """Token index -> the features it contributes, for the tokens of sentence ``sentence``."""
    sent = tree.ann.sentences[sentence]
    out: dict[int, list[str]] = {}
    for i in range(sent.token_start, sent.token_end):
        feats = _token_features(tree, i)
        if feats:
            out[i] = feats
    main = _main_predicate(tree, sent.token_start, sent.token_end)
    if main is not None:
        out.setdefault(main, []).append(f"main:{_lemma(tree, main)}")
        out[main] += [f"mainx:{_lemma(tree, main)}>{_lemma(tree, x)}"
                      for x in tree.kids(main, "xcomp")]
    return out


def _token_features(tree: Tree, i: int) -> list[str]:
    tok = tree.tok(i)
    if tok.pos not in CONTENT_POS or not tok.lemma.isalpha():
        return []
    lemma = _lemma(tree, i)
    feats = [f"w:{lemma}"]
    if tok.pos == "VERB":
        feats.append(f"v:{lemma}")
        feats += [f"vo:{lemma}>{_lemma(tree, o)}" for o in tree.kids(i, *_OBJECTS)
                  if tree.tok(o).pos == "NOUN"]
        feats += [f"vx:{lemma}>{_lemma(tree, x)}" for x in tree.kids(i, "xcomp")]
        feats += [f"vp:{lemma}>{_lemma(tree, p)}" for p in tree.kids(i, "prep", "agent")]
        if tree.kids(i, "neg"):
            feats.append(f"neg:{lemma}")
    elif tok.pos == "NOUN":
        feats += [f"nn:{_lemma(tree, m)}>{lemma}" for m in tree.kids(i, *_MODIFIERS)
                  if tree.tok(m).pos in ("NOUN", "ADJ") and tree.tok(m).lemma.isalpha()]
    return feats


def _main_predicate(tree: Tree, first: int, last: int) -> int | None:
    """The root predicate of the sentence, or the clause a reporting root reports."""
    roots = [i for i in range(first, last) if tree.head(i) is None and tree.is_predicate(i)]
    if not roots:
        return None
    main = roots[0]
    if _lemma(tree, main) in REPORTING:
        said = tree.kids(main, "ccomp", "parataxis")
        if said:
            return said[0]
    return main


def _lemma(tree: Tree, i: int) -> str:
    return _BRITISH.sub(r"iz\1", tree.lemma(i))
