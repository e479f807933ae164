"""A read-only view of an annotated article's dependency parse, for the actor rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.records import Annotated, Token


@dataclass(frozen=True, slots=True)
class ParseView:
    tokens: tuple[Token, ...]
    children: tuple[tuple[int, ...], ...]
    text: str

    @classmethod
    def of(cls, ann: Annotated) -> ParseView:
        kids: list[list[int]] = [[] for _ in ann.tokens]
        for t in ann.tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        return cls(ann.tokens, tuple(tuple(k) for k in kids), ann.article.text)

    def kids(self, i: int, *deps: str) -> Iterator[Token]:
        for k in self.children[i]:
            if not deps or self.tokens[k].dep in deps:
                yield self.tokens[k]

    def subtree(self, i: int) -> tuple[int, int]:
        """Token range ``[lo, hi)`` covered by token ``i`` and its descendants."""
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            lo, hi = min(lo, j), max(hi, j)
            stack.extend(self.children[j])
        return lo, hi + 1

    def head_of(self, lo: int, hi: int) -> Token:
        """The token of ``[lo, hi)`` whose head lies outside the range (the span's root)."""
        for t in self.tokens[lo:hi]:
            if not lo <= t.head < hi or t.head == t.i:
                return t
        return self.tokens[hi - 1]

    def governor(self, tok: Token) -> Token:
        """Climb coordination: the first conjunct of a ``conj`` chain."""
        while tok.dep == "conj" and tok.head != tok.i:
            tok = self.tokens[tok.head]
        return tok

    def surface(self, lo: int, hi: int) -> str:
        return self.text[self.tokens[lo].start:self.tokens[hi - 1].end]
