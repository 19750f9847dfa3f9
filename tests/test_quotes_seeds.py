"""The seed pair: every statement comes out with the right speaker."""

from __future__ import annotations

import pytest

from newsdesk.analyse import analyse_article
from newsdesk.ingest import article_from_text
from newsdesk.quotes import extract_quotes, quotes_from_posts


def analysed(path):
    text = path.read_text(encoding="utf-8")
    analysis, doc = analyse_article(article_from_text(text, path=str(path)))
    quotes = extract_quotes(analysis, doc) + quotes_from_posts(analysis.posts)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return quotes


def quote_with(quotes, words: str):
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote with {words!r}"
    return found[0]


@pytest.fixture(scope="module")
def report_quotes(seed_report):
    return analysed(seed_report)


@pytest.fixture(scope="module")
def column_quotes(seed_column):
    return analysed(seed_column)


@pytest.mark.parametrize(
    "words, speaker, kind",
    [
        ("carried out from three armed drones", "the Interior Ministry", "indirect"),
        ("cowardly attacks with drones and rockets", "Mustafa al Kazemi", "direct"),
        ("The protesters only had one lawsuit", "The leader of the militia Asaib Ahj al-Haq", "direct"),
        ("Answering with live fire", "The leader of the militia Asaib Ahj al-Haq", "direct"),
        ("The attempt by actors linked to the intelligence services", "Al Khazali", "direct"),
        ("It is an act of sedition", "Ali Shamkhani", "direct"),
        ("this type of attack only seeks to return the country", "Al Sader", "indirect"),
        ("this attack as a terrorist attack", "Barham Salih", "indirect"),
    ],
)
def test_news_report_speakers(report_quotes, words, speaker, kind):
    quote = quote_with(report_quotes, words)
    assert (quote.speaker, quote.kind) == (speaker, kind)


def test_news_report_attribution(report_quotes):
    televised = quote_with(report_quotes, "cowardly attacks")
    assert televised.attribution.cue == "assured"
    tweet = quote_with(report_quotes, "act of sedition")
    assert tweet.attribution.source_kind == "social_media"
    ministry = quote_with(report_quotes, "three armed drones")
    assert ministry.attribution.source_kind == "official_body"


@pytest.mark.parametrize(
    "words, speaker",
    [
        ("The attack on the prime minister’s house was carried out from three drones", "Saad Maan"),
        ("condemned yesterday's terrorist attack", "Tony Blinken"),
        ("an attack on the sovereignty and stability of Iraq", "Tony Blinken"),
        ("He will pay his price for this", "Qais al-Hazali"),
        ("reliable technical committee", "Khazali"),
        ("We will pursue those who tried to kill me", "Kazimi"),
    ],
)
def test_column_direct_speakers(column_quotes, words, speaker):
    quote = quote_with(column_quotes, words)
    assert quote.kind == "direct"
    assert quote.speaker == speaker


def test_column_chain_and_hedge(column_quotes):
    relayed = quote_with(column_quotes, "he was still wounded in the arm and leg")
    assert relayed.attribution.chain == ("some Iraqi journalists", "sources close to al-Kazimi")
    threat = quote_with(column_quotes, "He will pay his price")
    assert threat.attribution.hedged


def test_column_embedded_tweets_are_posts_by_their_authors(column_quotes):
    posts = {q.speaker: q for q in column_quotes if q.kind == "post"}
    assert {"Tehran Times", "Mustafa Salim", "Nafiseh Kohnavard", "David M. Witty"} <= set(posts)
    assert any(speaker.startswith("Ali Al-Mikdam") for speaker in posts)
    assert posts["Tehran Times"].date == "2021-11-07"
    assert posts["Tehran Times"].attribution.source_kind == "social_media"
    assert "survived an assassination attempt" in posts["Tehran Times"].text
