"""Opinion pages' furniture (issue 19, point 10): notes about the writer and column disclaimers,
in phrasings other than the seed's, are removed and listed by kind; prose like them stays.

Gold: tests/gold/furniture/opinion.jsonl (each line's origin: the issue, real reports from the
corpora, or written as edge shapes), split into dev (rules tuned on it) and test."""

import json
from pathlib import Path

import pytest

from newsdesk.clean import clean
from newsdesk.ingest.article import article_from_text

GOLD = [json.loads(line) for line in (Path(__file__).parent / "gold" / "furniture" / "opinion.jsonl").read_text(encoding="utf-8").splitlines()]
HEADLINE = "Floods cut off Sylhet"
BODY = [
    "Floods cut off the town of Sylhet on Monday, officials said, after the river burst its banks overnight.",
    "Thousands of families moved to shelters on higher ground as the water kept rising.",
    "The army sent boats to the villages east of the town, a spokesman said.",
    "Schools will stay closed until Thursday.",
    "Forecasters expect more rain later in the week.",
]


def article_with(row):
    body = list(BODY)
    if row.get("earlier"):
        body.insert(1, row["earlier"])
    paragraph = row["paragraph"]
    if row["position"] == "top":
        parts = [HEADLINE, paragraph, *body]
    elif row["position"] == "middle":
        parts = [HEADLINE, *body[:3], paragraph, *body[3:]]
    else:
        parts = [HEADLINE, *body, paragraph]
    return article_from_text("\n\n".join(parts) + "\n")


def removed_as(row):
    article = article_with(row)
    cleaned = clean(article)
    start = article.text.index(row["paragraph"])
    kinds = {r.reason for r in cleaned.removed if r.start < start + len(row["paragraph"]) and r.end > start}
    body_kept = all(cleaned.prose.find(sentence) >= 0 for sentence in BODY)
    return kinds, body_kept


DEV = [r for r in GOLD if r["split"] == "dev"]
TEST = [r for r in GOLD if r["split"] == "test"]


@pytest.mark.parametrize("row", DEV, ids=[r["paragraph"][:40] for r in DEV])
def test_opinion_furniture_on_dev_is_removed_by_kind_and_prose_stays(row):
    kinds, body_kept = removed_as(row)
    assert body_kept
    assert kinds == ({row["kind"]} if row["kind"] else set())


def test_opinion_furniture_on_test_holds_out():
    """The held-out phrasings, scored as a whole (not tuned on): 11 of 12 when first run; the
    miss was a writer of novels in the news ("The author, whose novel won ..., was arrested")."""
    right = 0
    for row in TEST:
        kinds, body_kept = removed_as(row)
        right += body_kept and kinds == ({row["kind"]} if row["kind"] else set())
    assert right >= len(TEST) - 1, f"{right}/{len(TEST)}"


def test_a_disclaimer_closing_a_paragraph_takes_only_its_sentence():
    text = (
        f"{HEADLINE}\n\n{BODY[0]}\n\n"
        "Israel has seen a wave of attacks since 2015. The views and opinions expressed in the article do not necessarily reflect those of Sputnik\n"
    )
    article = article_from_text(text)
    (removal,) = clean(article).removed
    assert removal.reason == "editorial disclaimer" and removal.text.startswith("The views and opinions")
    assert "wave of attacks since 2015." in clean(article).prose


def test_the_writers_name_in_the_byline_does_not_hide_the_note_at_the_foot():
    text = "\n\n".join([HEADLINE, "By Farida Akter", *BODY, "Farida Akter is an associate professor of economics at BRAC University."])
    reasons = [r.reason for r in clean(article_from_text(text)).removed]
    assert reasons == ["author note"]
