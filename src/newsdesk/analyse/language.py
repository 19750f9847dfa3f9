"""Language of an article and of each sentence (ISO 639-1 codes)."""

from __future__ import annotations

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
