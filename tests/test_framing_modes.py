"""Sentence modes and genre evidence on small written articles."""

import pytest

from newsdesk.analyse import analyse_article
from newsdesk.framing import frame_article
from newsdesk.ingest import article_from_text
from newsdesk.quotes import extract_quotes, quotes_from_posts


def framed(text: str):
    analysis, doc = analyse_article(article_from_text(text, path="written"))
    analysis.quotes = sorted(extract_quotes(analysis, doc) + quotes_from_posts(analysis.posts), key=lambda q: q.start)
    return analysis, frame_article(analysis, doc)


def mode_of(analysis, framing, words: str) -> str:
    start = analysis.article.text.index(words)
    return next(m.mode for m in framing.modes if m.start <= start < m.end)


@pytest.fixture(scope="module")
def mixed():
    return framed(
        "Flood waters reached the town hall on Monday.\n"
        "The mayor said the dam would hold.\n"
        "According to residents, the alarm never sounded.\n"
        "Perhaps the river will rise again tonight.\n"
        "The council may have ignored the warnings.\n"
        "I think the council has failed us, and it should resign.\n"
        "Shameful.\n"
    )


def test_each_mode_on_its_sentence(mixed):
    analysis, framing = mixed
    assert mode_of(analysis, framing, "Flood waters") == "reported_fact"
    assert mode_of(analysis, framing, "The mayor said") == "attributed"
    assert mode_of(analysis, framing, "According to residents") == "attributed"
    assert mode_of(analysis, framing, "Perhaps the river") == "speculation"
    assert mode_of(analysis, framing, "The council may") == "speculation"
    assert mode_of(analysis, framing, "I think") == "opinion"
    assert mode_of(analysis, framing, "Shameful") == "opinion"


def test_cues_are_spans_of_the_original_text(mixed):
    analysis, framing = mixed
    cues = [c for m in framing.modes for c in m.cues] + framing.evidence
    assert cues
    assert all(analysis.article.text[c.start : c.end] == c.text for c in cues)
    kinds = {c.kind for m in framing.modes for c in m.cues}
    assert {"attribution", "speculation", "first_person", "stance", "deontic", "evaluative"} <= kinds


def test_words_inside_quotes_are_not_the_writers_voice():
    analysis, framing = framed('The minister said: "I think we should all stay calm and you must stay home."\nThe bridge reopened on Friday.\n')
    assert not any(c.kind in ("first_person", "direct_address", "stance", "deontic") for m in framing.modes for c in m.cues)
    assert framing.genre == "news"


def test_press_release_evidence_names_the_boilerplate():
    _, framing = framed(
        "FOR IMMEDIATE RELEASE\nAcme Corp announces new plant\n"
        "BERLIN, May 2, 2024 /PRNewswire/ -- Acme Corp today announced a new plant in Leipzig.\n"
        "About Acme Corp\nAcme makes valves.\nMedia contact: press@acme.example\n"
    )
    assert framing.genre == "press_release"
    kinds = {c.kind for c in framing.evidence}
    assert "genre_label" in kinds and "wire_dateline" in kinds


def test_framing_survives_the_store_codec(mixed):
    from newsdesk.model import Analysis
    from newsdesk.store.codec import from_plain, to_plain

    analysis, framing = mixed
    analysis.framing = framing
    assert from_plain(Analysis, to_plain(analysis)).framing == framing


def test_modes_gold_accuracy_floor():
    from newsdesk.eval import modes_eval

    result = modes_eval.evaluate()
    assert not result["drift"]
    assert result["sentences"] >= 100
    assert result["accuracy"] >= 0.8
    assert result["per_mode"]["attributed"]["f1"] >= 0.9
