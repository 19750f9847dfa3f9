"""One small article per quoting shape: the quoted words and who said them."""

from __future__ import annotations

import pytest

from newsdesk.analyse import analyse_article
from newsdesk.ingest import article_from_text
from newsdesk.model import Post
from newsdesk.quotes import extract_quotes, quotes_from_posts
from newsdesk.quotes.marks import find_quoted_spans


def quotes_of(text: str):
    analysis, doc = analyse_article(article_from_text(text))
    quotes = extract_quotes(analysis, doc)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return quotes


def quote_with(quotes, words: str):
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote with {words!r} in {[q.text for q in quotes]}"
    return found[0]


# (article, words inside the quote, expected speaker, expected kind)
SHAPES = {
    "straight double, speaker after": (
        'The storm flooded the port. "We have never seen water this high," said harbour master Ingrid Solberg.',
        "never seen water", "Ingrid Solberg", "direct"),
    "curly double, speaker before with colon": (
        "Mayor Tomas Berg told reporters: “The bridge will stay closed until the engineers are done.”",
        "bridge will stay closed", "Tomas Berg", "direct"),
    "closing mark spaced like an opening one (tokenised or MT text)": (
        'Actor Peter Capaldi was cast on Sunday. "I had my phone on silent so I missed the call, "he said.',
        "missed the call", "Peter Capaldi", "direct"),
    "pronoun after a passing mention takes the named subject": (
        "Peter Capaldi is best known for playing Malcolm Tucker in a satire. "
        '"Being asked to play the Doctor is an amazing privilege," he said.',
        "amazing privilege", "Peter Capaldi", "direct"),
    "single quotes": (
        "Coach Amelia Ward was blunt. 'We did not deserve to win tonight,' Ward said after the match.",
        "did not deserve", "Ward", "direct"),
    "guillemets": (
        "Minister Paul Girard spoke in Lyon. «We will not retreat in the face of this threat», said Girard.",
        "will not retreat", "Girard", "direct"),
    "low-high German quotes": (
        "Chancellor Olaf Brandt said: „Wir stehen an der Seite unserer Partner.“ The talks ended late.",
        "an der Seite", "Olaf Brandt", "direct"),
    "single guillemets": (
        "Senator Lucia Ferreira answered: ‹The vote will happen this week, whatever the opposition wants.›",
        "vote will happen", "Lucia Ferreira", "direct"),
    "dialogue dash": (
        "The general met the press in Kyiv.\n— We will hold the line whatever it costs, — said General Petro Hrytsenko.",
        "hold the line", "Petro Hrytsenko", "direct"),
    "speaker inside, split quote": (
        '"We are ready," Prime Minister Ana Costa said, "and we will not wait for anyone else to act first."',
        "will not wait", "Ana Costa", "direct"),
    "parenthetical source after the quote": (
        "“Two of the drones were shot down and the third reached the house” (Karim Nouri, Interior Ministry).",
        "third reached the house", "Karim Nouri", "direct"),
    "colon introduction with a role and no name": (
        "The leader of the militia Kataib Sayyid, at the funeral, addressed a few words saying the following: "
        '"The protesters only wanted fair elections. Shooting at them makes you responsible."',
        "only wanted fair elections", "The leader of the militia Kataib Sayyid", "direct"),
    "words shared through Twitter by": (
        '"It is an act of sedition by foreign groups" were the words shared through Twitter by the secretary '
        "of the Security Council, Reza Tabrizi.",
        "act of sedition", "Reza Tabrizi", "direct"),
    "MT-unbalanced: closing mark only": (
        "Hassan Jaberi made a statement and hinted at a plot by the secret services: a staged attack to blame us ”.",
        "staged attack", "Hassan Jaberi", "direct"),
    "MT-unbalanced: opening mark only": (
        'Governor Lena Fischer warned: "The dam cannot hold another week of rain.\nThe council met on Monday.',
        "dam cannot hold", "Lena Fischer", "direct"),
    "quote spanning paragraphs": (
        "President Omar Haddad made a statement: “We will pursue those who did this.\n\n"
        'We know them and we will reveal them. "\n\nThe army was put on alert.',
        "We know them", "Omar Haddad", "direct"),
    "pronoun resolved to the named person": (
        "Prime Minister Sofia Lind visited the flooded towns on Tuesday. "
        'She assured residents that " help will reach every family before winter."',
        "help will reach", "Sofia Lind", "direct"),
    "role phrase resolved to the named person": (
        "Daniel Okafor, the State Department spokesman, spoke on Monday. "
        "Later the State Department spokesman said that the embassy would reopen within days.",
        "embassy would reopen", "Daniel Okafor", "indirect"),
    "said that": (
        "Fire chief Maria Lopez said that the blaze had been contained by midnight.",
        "blaze had been contained", "Maria Lopez", "indirect"),
    "according to X, claim": (
        "According to the Health Ministry, at least twelve people were taken to hospital.",
        "twelve people were taken", "the Health Ministry", "indirect"),
    "claim, according to X": (
        "The factory will close in March, according to union leader Pavel Novak.",
        "factory will close", "Pavel Novak", "indirect"),
    "warned / alerted": (
        "The cleric Muqtada Sader has alerted Iraqis that this type of attack only seeks to return the country to chaos.",
        "seeks to return the country", "Muqtada Sader", "indirect"),
    "described as": (
        "President Barham Salih has described this attack as a cowardly terrorist act.",
        "cowardly terrorist act", "Barham Salih", "indirect"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_quoting_shape(shape):
    text, words, speaker, kind = SHAPES[shape]
    quote = quote_with(quotes_of(text), words)
    assert quote.speaker == speaker
    assert quote.kind == kind


def test_written_speaker_stays_recoverable_for_pronouns():
    text, words, _, _ = SHAPES["pronoun resolved to the named person"]
    quote = quote_with(quotes_of(text), words)
    assert text[quote.speaker_start : quote.speaker_end] == "She"


def test_scare_quotes_and_titles_are_not_quotes():
    quotes = quotes_of(
        'Protesters camped by the "green zone" for days. He wrote a column called "Dance with snakes" last year.'
    )
    assert quotes == []


def test_reporter_voice_is_not_a_quote():
    assert quotes_of("I warned in August that the country should prepare for this.") == []


def test_chain_of_attribution_and_hedging():
    quotes = quotes_of(
        "Some Iraqi journalists wrote that, according to sources close to the prime minister, "
        "he was wounded in the arm. Allegedly, the commander Qais Khazali threatened him, saying: "
        '"He will pay the price for this."'
    )
    relayed = quote_with(quotes, "wounded in the arm")
    assert relayed.attribution.chain == ("Some Iraqi journalists", "sources close to the prime minister")
    assert relayed.attribution.source_kind == "anonymous"
    threat = quote_with(quotes, "pay the price")
    assert threat.speaker == "Qais Khazali"
    assert threat.attribution.hedged


def test_apostrophes_do_not_open_single_quotes():
    text = "It's the protesters' tents that the minister's men removed, 'the police said nothing,' he wrote."
    spans = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert spans == ["the police said nothing,"]


def test_posts_become_quotes_by_their_authors():
    text = "Intro line.\nWe will rebuild the town. pic.twitter.com/x\n- Ali Salem (@alisalem) November 7, 2021\n"
    start = text.index("We will")
    body_end = text.index(" pic.twitter")
    end = len(text) - 1
    post = Post("a1", start, end, text[start:end], author="Ali Salem", handle="@alisalem",
                date="2021-11-07", platform="twitter", body_start=start, body_end=body_end)
    [quote] = quotes_from_posts([post])
    assert (quote.kind, quote.speaker, quote.date) == ("post", "Ali Salem", "2021-11-07")
    assert quote.text == "We will rebuild the town." == text[quote.start : quote.end]
    assert quote.attribution.source_kind == "social_media"
