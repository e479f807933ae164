"""Annotated -> Tree: the dependency parse as a navigable tree, cut at block boundaries.

The statistical parser sometimes runs a headline into its standfirst, or a section heading
into the next paragraph, and attaches words across them ("Military exercises" as the subject
of the next sentence's verb). Arcs that cross a block boundary are cut here, so each block
parses on its own; a word whose head was cut becomes a root of its block (an *orphan*).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from eventwire.records import Annotated, Span, Token

PREDICATE_POS = frozenset({"VERB", "AUX"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
_NP_MODIFIERS = frozenset({"compound", "amod", "det", "poss", "nummod", "nmod", "quantmod",
                           "case", "punct"})


class Tree:
    """Heads and children of every token, with block and sentence boundaries."""

    def __init__(self, ann: Annotated) -> None:
        self.ann = ann
        self.text = ann.article.text
        self.tokens = ann.tokens
        self._starts = [t.start for t in ann.tokens]
        self.block_of = [self._block(t) for t in ann.tokens]
        self.orphans: set[int] = set()
        self.children: list[list[int]] = [[] for _ in ann.tokens]
        self._heads = [self._head(t) for t in ann.tokens]
        for t in ann.tokens:
            head = self._heads[t.i]
            if head is not None:
                self.children[head].append(t.i)

    def _block(self, token: Token) -> int:
        for n, block in enumerate(self.ann.article.blocks):
            if block.start <= token.start < block.end:
                return n
        return -1 if self.ann.article.blocks else 0

    def _head(self, token: Token) -> int | None:
        if token.head == token.i:
            return None
        if self.block_of[token.head] != self.block_of[token.i]:
            self.orphans.add(token.i)
            return None
        return token.head

    def tok(self, i: int) -> Token:
        return self.tokens[i]

    def head(self, i: int) -> int | None:
        return self._heads[i]

    def dep(self, i: int) -> str:
        """The dependency label, or ``ROOT`` for a token whose head was cut."""
        return "ROOT" if self._heads[i] is None else self.tokens[i].dep

    def kids(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def lemma(self, i: int) -> str:
        return self.tokens[i].lemma.lower()

    def is_predicate(self, i: int) -> bool:
        return self.tokens[i].pos in PREDICATE_POS

    def prep_objects(self, i: int, preps: frozenset[str] | set[str]) -> list[int]:
        """Objects of the prepositions of ``i`` named in ``preps`` ("with Russia" -> Russia)."""
        found = []
        for p in self.kids(i, "prep", "agent", "dative"):
            if self.lemma(p) in preps:
                found += self.kids(p, "pobj", "pcomp")
        return found

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the words coordinated with it ("Uzbekistan and Tajikistan").

        A left conjunct the parser left as a separate root ("Uzbekistan" ROOT, "and
        Tajikistan" subject) is taken back in.
        """
        out = [i]
        for c in self.kids(i, "conj"):
            out += self.conjuncts(c)
        for cc in self.kids(i, "cc"):
            left = cc - 1
            if (cc < i and left >= 0 and self._heads[left] is None
                    and self.tokens[left].pos in NOMINAL_POS
                    and self.block_of[left] == self.block_of[i]):
                out.insert(0, left)
        return out

    def ancestors(self, i: int) -> Iterator[int]:
        head = self._heads[i]
        while head is not None:
            yield head
            head = self._heads[head]

    def governor(self, i: int) -> int | None:
        """The nearest predicate above ``i`` (for a noun, the verb of its clause)."""
        return next((a for a in self.ancestors(i) if self.is_predicate(a)), None)

    def clause(self, i: int) -> int:
        """The predicate heading the clause ``i`` is in (``i`` itself for a verb)."""
        if self.is_predicate(i):
            return i
        return self.governor(i) or i

    def subtree(self, i: int) -> list[int]:
        out = [i]
        for c in self.children[i]:
            out += self.subtree(c)
        return sorted(out)

    def phrase(self, i: int) -> Span:
        """The noun phrase of ``i``: its pre-modifiers and itself ("five Bayraktar TB2 drones")."""
        left = [c for c in self.children[i] if c < i and self.tokens[c].dep in _NP_MODIFIERS]
        start = min([i, *(min(self.subtree(c)) for c in left)])
        while start < i and self.tokens[start].pos == "PUNCT":
            start += 1
        return Span(start=self.tokens[start].start, end=self.tokens[i].end)

    def sentence(self, i: int) -> Span:
        """The sentence of ``i``, clipped to its block and stripped of surrounding space."""
        sent = self.ann.sentences[self.tokens[i].sent]
        start, end = sent.start, sent.end
        block = self.block_of[i]
        if block >= 0 and self.ann.article.blocks:
            b = self.ann.article.blocks[block]
            start, end = max(start, b.start), min(end, b.end)
        chunk = self.text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        return Span(start=start + lead, end=start + len(chunk.rstrip()))

    def same_sentence(self, i: int, j: int) -> bool:
        return (self.tokens[i].sent == self.tokens[j].sent
                and self.block_of[i] == self.block_of[j])

    def token_at(self, char: int) -> int | None:
        """The token that covers character offset ``char``."""
        n = bisect_right(self._starts, char) - 1
        return n if n >= 0 and char < self.tokens[n].end else None

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Tokens that overlap ``[start, end)``, spaces left out."""
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = bisect_right(self._starts, end - 1)
        return [i for i in range(first, last)
                if self.tokens[i].end > start and self.tokens[i].pos != "SPACE"]

    def span_head(self, start: int, end: int) -> int | None:
        """The syntactic head of the tokens inside ``[start, end)``."""
        for i in self.tokens_in(start, end):
            head = self._heads[i]
            if head is None or not start <= self.tokens[head].start < end:
                return i
        return None
