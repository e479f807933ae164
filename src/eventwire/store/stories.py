"""Clean texts -> MinHash signatures, and the LSH index that finds a text's near-duplicates.

A wire story re-published by other outlets keeps most of its sentences and changes the rest:
another headline, a paragraph added or cut, the ending trimmed, site furniture around it. Two
such copies share most of their word shingles (runs of ``shingle_words`` words, lower-cased,
punctuation dropped), while two stories on the same topic share almost none, so the Jaccard
similarity of the shingle sets separates them. datasketch estimates it from MinHash signatures
(``num_perm`` 32-bit values per text, stored as bytes in the store) and its MinHashLSH index
returns the stored texts likely to be above ``threshold`` without comparing against every one;
each candidate is then checked on its estimated Jaccard. Texts under ``min_words`` words (a
headline alone) are not matched: a few words are shared by too many stories. On the
hand-written syndication set (``tests/fixtures/syndication``), every copy's closest other copy
of its story has a 5-word-shingle Jaccard of 0.40 or more, and no two different stories on one
topic (follow-ups that reuse a background paragraph included) reach 0.13: ``threshold`` 0.25
sits between.

The index lives in memory, rebuilt from the stored signatures when a store first needs it and
kept in step with rows other writers add (:meth:`StoryIndex.sync`); it costs about
``num_perm`` x 8 bytes per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

Signature: TypeAlias = LeanMinHash
_WORD = re.compile(r"[^\W_]+")
_SCHEME = "affine32"


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryConfig:
    """How texts are fingerprinted and how similar two copies of one story must be."""

    threshold: float = 0.25
    num_perm: int = 128
    shingle_words: int = 5
    min_words: int = 25
    seed: int = 1


def signature(text: str, config: StoryConfig) -> Signature | None:
    """The MinHash of ``text``'s word shingles, or None for a text too short to match."""
    words = _WORD.findall(text.lower())
    if len(words) < config.min_words:
        return None
    n = config.shingle_words
    minhash = MinHash(num_perm=config.num_perm, seed=config.seed, scheme=_SCHEME)
    minhash.update_batch([" ".join(words[i:i + n]).encode("utf-8")
                          for i in range(len(words) - n + 1)])
    return LeanMinHash(minhash)


def to_bytes(sig: Signature) -> bytes:
    """The signature's hash values, as stored."""
    return bytes(sig.hashvalues.astype("<u4").tobytes())


def from_bytes(blob: bytes, config: StoryConfig) -> Signature:
    """A signature stored by :func:`to_bytes`."""
    return LeanMinHash(seed=config.seed, scheme=_SCHEME,
                       hashvalues=np.frombuffer(blob, dtype="<u4"))


class StoryIndex:
    """MinHash LSH over the signatures of a store, by article id."""

    def __init__(self, config: StoryConfig) -> None:
        self.config = config
        self.seen = 0
        self._lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)

    def sync(self, rows: Iterable[tuple[int, str, bytes]]) -> None:
        """Take in stored signatures ``(seq, article id, bytes)`` newer than the last seen."""
        for seq, key, blob in rows:
            if key in self._lsh:
                self._lsh.remove(key)
            self._lsh.insert(key, from_bytes(blob, self.config))
            self.seen = max(self.seen, seq)

    def candidates(self, sig: Signature) -> list[str]:
        """Ids of stored texts likely to be near-duplicates of ``sig`` (check each)."""
        return sorted(self._lsh.query(sig))

    def similar(self, sig: Signature, other: Signature) -> float | None:
        """The estimated Jaccard of two signatures when it reaches the threshold, else None."""
        jaccard = float(sig.jaccard(other))
        return jaccard if jaccard >= self.config.threshold else None
