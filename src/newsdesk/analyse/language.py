"""Language of an article and of each sentence (ISO 639-1 codes)."""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from anyascii import anyascii

from newsdesk import resources

_MIN_CHARS = 20  # shorter strings give lingua too little to go on


# Below this confidence in its top language (lingua's, over the whole prose) an article is short or
# mixed ("The minister arrived ... El ministro llegó ..."), so each sentence is detected on its own.
# Whole news articles in one language score 1.0 (427 of 431 ECB+ and Giveme5W1H dev articles; the
# others are one-line texts of 48-125 characters).
PLAINLY_ONE_LANGUAGE = 0.99


def language_of_whole(text: str) -> tuple[str | None, float]:
    """The language of ``text`` read whole, and lingua's confidence in it (0 when too short);
    plainly English prose is told without lingua (``plainly_english``), with full confidence."""
    if len(text.strip()) < _MIN_CHARS:
        return None, 0.0
    if plainly_english(text):
        return "en", 1.0
    values = resources.language_detector().compute_language_confidence_values(text)
    if not values or values[0].value <= 0:
        return None, 0.0
    return values[0].language.iso_code_639_1.name.lower(), values[0].value


# The cheap first test (``plainly_english``), set on all 1,166 ECB+ and Giveme5W1H dev articles,
# MEANTIME English and Spanish, NewsWCL50 and the SemEval pairs' texts in ten languages: every
# prose it calls English lingua also reads as English at PLAINLY_ONE_LANGUAGE or more.
PLAIN_MIN_WORDS = 60  # fewer words: lingua's confidence may fall short, so lingua decides
PLAIN_STOP_SHARE = 0.3  # English stop words among the words; English news has 0.4-0.5, German 0.1
PLAIN_LINE_WORDS = 8  # a line (paragraph, quoted post) of this many words or more is tested alone
PLAIN_FOREIGN_LETTERS = 0.01  # letters beyond ASCII (an accented name is fine; Spanish prose is not)


def plainly_english(text: str) -> bool:
    """Whether ``text`` is plainly English prose, as lingua would say with full confidence, told
    without lingua: Latin script only, few letters beyond ASCII, and English stop words making up
    a news share of the words, and no line long enough to judge with more stop words of the other
    Latin-script languages than English ones (a paragraph in Spanish). Most news ingested is
    English, and lingua costs about nine times as much per article (its models loaded in every
    worker, then each article's character n-grams scored in each of 13 languages)."""
    if _OTHER_LETTER.search(text):
        return False
    stop = _english_stop_words()
    lines = [_WORD.findall(line.lower()) for line in text.splitlines()]
    words = sum(len(line) for line in lines)
    if words < PLAIN_MIN_WORDS or sum(w in stop for line in lines for w in line) < PLAIN_STOP_SHARE * words:
        return False
    if not text.isascii() and len(_NON_ASCII_LETTER.findall(text)) > PLAIN_FOREIGN_LETTERS * sum(map(len, (w for line in lines for w in line))):
        return False
    foreign = _foreign_stop_words()
    return all(len(line) < PLAIN_LINE_WORDS or sum(w in foreign for w in line) <= sum(w in stop for w in line) for line in lines)


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_NON_ASCII_LETTER = re.compile(r"[\u00C0-\u024F]")


@functools.lru_cache(maxsize=1)
def _english_stop_words() -> frozenset[str]:
    return frozenset(_spacy_stop_words("en"))


# the other Latin-script languages lingua is set to tell (``resources.DETECTED_LANGUAGES``)
_OTHER_LATIN_LANGUAGES = ("es", "fr", "de", "it", "pt", "nl", "tr")


@functools.lru_cache(maxsize=1)
def _foreign_stop_words() -> frozenset[str]:
    """Their stop words that are no English words of the list, ASCII-folded ("und", "que", "les",
    "est"): a line with more of them than of English ones is not plainly English."""
    english = _english_stop_words()
    words = {anyascii(w).lower() for language in _OTHER_LATIN_LANGUAGES for w in _spacy_stop_words(language)}
    return frozenset(w for w in words if w not in english and _WORD.fullmatch(w))


_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
_OTHER_LETTER = re.compile(r"[^\W\d_\u0000-\u024F]")


def mixes_scripts(text: str) -> bool:
    """Whether ``text`` has letters of the Latin script and of another (Arabic, Cyrillic, ...)."""
    return not text.isascii() and bool(_OTHER_LETTER.search(text)) and bool(_LATIN_LETTER.search(text))


def detect_languages(texts: list[str]) -> list[str | None]:
    detector = resources.language_detector()
    long_enough = [i for i, t in enumerate(texts) if len(t.strip()) >= _MIN_CHARS]
    # one sentence after another: the parallelism is the worker processes' (newsdesk.workers), and
    # lingua's own threads would only compete with them for the same cores
    found = [detector.detect_language_of(texts[i]) for i in long_enough]
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
    English list alone. Each list is read from its own file: importing the language's package
    compiles its tokenizer's patterns (French: seconds, in every worker process)."""
    words = set(_spacy_stop_words("en"))
    if language and language.isalpha():
        try:
            words |= _spacy_stop_words(language)
        except ImportError:
            pass
    return frozenset(anyascii(word).lower() for word in words)


def _spacy_stop_words(language: str) -> set[str]:
    path = Path(importlib.util.find_spec("spacy.lang").submodule_search_locations[0]) / language / "stop_words.py"
    if not path.is_file():
        raise ImportError(f"spaCy has no stop words for {language!r}")
    spec = importlib.util.spec_from_file_location(f"newsdesk_stop_words_{language}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # the file alone, not its package
    return module.STOP_WORDS
