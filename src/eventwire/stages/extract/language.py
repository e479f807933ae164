"""Clean article text -> its language: an ISO 639-1 code (639-3 where there is none).

py3langid (a Naive Bayes model over byte n-grams, 97 ISO 639-1 and some 639-3 labels) ships its
model inside the PyPI package, so identification runs offline; the model is read once per
process on first use. Its probabilities are calibrated for the text length, but a few words
(a headline alone, ``Putin says``) are not enough for any model: a text with less than
``min_letters`` of letters, or whose best label has a probability under ``min_confidence``,
gets the configured ``fallback`` language instead (``en``: eventwire reads English news, and a
headline alone is worth coding). Letters are measured in UTF-8 bytes, as the model reads them,
so a Chinese character (three bytes), which carries about a word, counts for three Latin
letters. Labels for a variety of a macrolanguage that has a 639-1 code
(Cantonese ``yue``, Egyptian Arabic ``arz``) become that code; ``zxx`` (no linguistic
content) becomes ``und``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_MACROLANGUAGE = {"wuu": "zh", "yue": "zh", "arz": "ar", "ary": "ar", "uzs": "uz", "sdh": "ku",
                  "gug": "gn", "kik": "ki", "hbo": "he", "zxx": "und"}


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguageConfig:
    """When the model's answer is trusted, and what is assumed when it is not."""

    min_letters: int = 40
    min_confidence: float = 0.5
    max_chars: int = 5000
    fallback: str = "en"


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguageGuess:
    """The language of a text, the model's probability for it, and whether it was assumed."""

    code: str
    confidence: float
    assumed: bool


def identify_language(text: str, config: LanguageConfig) -> LanguageGuess:
    """The language of ``text`` (its first ``max_chars`` characters)."""
    sample = text[:config.max_chars]
    if sum(len(ch.encode("utf-8")) for ch in sample if ch.isalpha()) < config.min_letters:
        return LanguageGuess(code=config.fallback, confidence=0.0, assumed=True)
    label, confidence = _identifier().classify(sample)
    if confidence < config.min_confidence:
        return LanguageGuess(code=config.fallback, confidence=confidence, assumed=True)
    return LanguageGuess(code=_MACROLANGUAGE.get(label, label), confidence=confidence,
                         assumed=False)


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
