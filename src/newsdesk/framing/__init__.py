"""Framing: how each article frames its story (genre, sentence modes) and, per event, the words
each source chooses for the same things.

Per article at ingest (``frame_article``, after quotes, from the same spaCy parse): cues of the
writer's voice (``voice``), each sentence's mode (``modes``), the genre with its evidence
(``genre``) and the phrases to compare (``wording.find_terms``). The genre is also written into
``Article.genre`` (a replaced copy of the frozen Article) so that ``articles[].genre`` needs no
lookup. Per event at dossier time: ``compare_wording``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from newsdesk.framing.genre import GENRES, classify_genre
from newsdesk.framing.modes import MODES, sentence_modes
from newsdesk.framing.voice import voice_cues
from newsdesk.framing.wording import compare_wording, find_terms
from newsdesk.model import Analysis, Framing

__all__ = ["GENRES", "MODES", "compare_wording", "frame_article", "with_framing"]


def frame_article(analysis: Analysis, doc: Doc) -> Framing:
    cues = voice_cues(analysis, doc)
    modes = sentence_modes(analysis, cues)
    genre, evidence, measures = classify_genre(analysis, cues, modes)
    return Framing(genre=genre, evidence=evidence, measures=measures, modes=modes, terms=find_terms(analysis, doc))


def with_framing(analysis: Analysis, doc: Doc) -> Analysis:
    """The analysis with its framing, and its article carrying the genre."""
    analysis.framing = frame_article(analysis, doc)
    analysis.article = replace(analysis.article, genre=analysis.framing.genre)
    return analysis
