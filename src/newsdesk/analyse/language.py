"""Language of an article and of each sentence (ISO 639-1 codes)."""

from __future__ import annotations

import functools

import spacy
from anyascii import anyascii

from newsdesk import resources

_MIN_CHARS = 20  # shorter strings give lingua too little to go on


def detect_language(text: str) -> str | None:
    if len(text.strip()) < _MIN_CHARS:
        return None
    language = resources.language_detector().detect_language_of(text)
    return language.iso_code_639_1.name.lower() if language else None


def detect_languages(texts: list[str]) -> list[str | None]:
    detector = resources.language_detector()
    long_enough = [i for i, t in enumerate(texts) if len(t.strip()) >= _MIN_CHARS]
    found = detector.detect_languages_in_parallel_of([texts[i] for i in long_enough]) if long_enough else []
    result: list[str | None] = [None] * len(texts)
    for i, language in zip(long_enough, found):
        result[i] = language.iso_code_639_1.name.lower() if language else None
    return result


@functools.lru_cache(maxsize=None)
def stop_words_of(language: str | None) -> frozenset[str]:
    """English stop words and those of ``language`` (spaCy's lists, no model needed), ASCII
    lower case. Left in event terms, a Spanish report's "de", "la", "que" make every Spanish
    report look like every other; and a "name" made of them alone ("Nos", "Tiene": the
    English tagger reading Spanish) is none. A language spaCy has no list for gets the
    English list alone."""
    words = set(spacy.util.get_lang_class("en").Defaults.stop_words)
    try:
        words |= spacy.util.get_lang_class(language or "en").Defaults.stop_words
    except ImportError:
        pass
    return frozenset(anyascii(word).lower() for word in words)
