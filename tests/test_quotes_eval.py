"""The quote gold set and its scoring."""

from __future__ import annotations

import pytest

from newsdesk.eval import quotes_eval
from newsdesk.eval.quotes_eval import GoldQuote, load_gold, match, same_speaker
from newsdesk.model import Quote


def test_gold_spans_still_hold_their_text():
    documents, drift = load_gold()
    assert drift == []
    corpus_documents = [d for d in documents if not d.source.startswith("written:") and d.split is None]
    assert len(corpus_documents) >= 40
    assert {d.source.split(":")[0] for d in corpus_documents} == {"ecbplus", "meantime"}


def test_shapes_gold_is_split_by_article_and_covers_every_shape():
    documents, _ = load_gold()
    shaped = [d for d in documents if d.split is not None]
    assert {d.source.split(":")[0] for d in shaped} == {"ecbplus", "meantime", "giveme5w1h"}
    assert len({d.source for d in shaped}) == len(shaped)  # one split per article
    first = {d.source for d in documents if d.split is None}
    assert not first & {d.source for d in shaped}  # no article in both gold sets
    for split in ("dev", "test"):
        quotes = [q for d in shaped if d.split == split for q in d.quotes]
        assert {q.shape for q in quotes} >= {"headline", "unquoted", "pronoun", "role", "anonymous"}
        assert all(d.scope_end is None or q.end <= d.scope_end for d in shaped for q in d.quotes)
    assert sum(q.shape != "other" for d in shaped for q in d.quotes) >= 60


def test_match_needs_half_the_gold_span_and_is_one_to_one():
    gold = [GoldQuote(0, 10, "x" * 10, "Ana Costa", "direct"), GoldQuote(20, 30, "y" * 10, "Ana Costa", "direct")]
    wide = Quote("a", 0, 30, "z" * 30, "Costa", "direct")
    short = Quote("a", 20, 24, "z" * 4, "Costa", "direct")
    assert len(match(gold, [wide])) == 1
    assert match(gold[1:], [short]) == []


def test_speaker_names_agree_on_the_surname():
    assert same_speaker("Wally Oppal", "Oppal")
    assert same_speaker("the USGS", "USGS")
    assert not same_speaker("Fauzi", "Suka Makmur")
    assert not same_speaker("Fauzi", None)


@pytest.mark.slow
def test_quote_extraction_on_the_gold_set():
    result = quotes_eval.evaluate()["scores"]
    scores = result["corpora"]
    assert scores["f1"] >= 0.85
    assert scores["speaker_accuracy"] >= 0.83
    # issue 17's attribution shapes: 0.993 / 0.985 on dev and 0.919 / 0.905 on test when written;
    # dev then grew by 11 ECB+ articles of the weak kinds (0.926 / 0.942 after the rules for them)
    assert result["shapes-dev"]["f1"] >= 0.90 and result["shapes-dev"]["speaker_accuracy"] >= 0.92
    assert result["shapes-test"]["f1"] >= 0.88 and result["shapes-test"]["speaker_accuracy"] >= 0.85
