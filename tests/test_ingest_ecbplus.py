"""ECB+ documents through the real ingest path into a real store.

The default run takes the test topics (36-45, 210 documents, about a minute); ``-m slow``
takes all 982 (several minutes)."""

import json

import pytest

from newsdesk.eval.ecbplus import TEST_TOPICS, as_article_record, load_documents
from newsdesk.eval.metrics import b_cubed
from newsdesk.pipeline import ingest
from newsdesk.store import Store


@pytest.fixture(scope="module", params=[
    pytest.param(TEST_TOPICS, id="test-topics"),
    pytest.param(None, id="all-topics", marks=pytest.mark.slow),
])
def ecbplus_store(request, tmp_path_factory):
    documents = load_documents(request.param)
    folder = tmp_path_factory.mktemp("ecbplus")
    corpus = folder / "ecbplus.jsonl"
    corpus.write_text("".join(json.dumps(as_article_record(d)) + "\n" for d in documents), encoding="utf-8")
    store = Store(folder / "n.db")
    report = ingest([str(corpus)], store)
    yield store, report, len(documents)
    store.close()


def test_every_document_is_stored_once_with_exact_spans(ecbplus_store):
    store, report, expected = ecbplus_store
    assert len(report.added) == expected and report.errors == [] and report.duplicates == []
    for analysis in store.analyses():
        text = analysis.article.text
        assert analysis.article.metadata["ecb_document"]
        assert all(text[m.start : m.end] == m.text for m in analysis.mentions)
        assert all(text[q.start : q.end] == q.text for q in analysis.quotes)


def test_every_document_lands_in_an_event_that_mostly_matches_its_subtopic(ecbplus_store):
    store, _, _ = ecbplus_store
    subtopic = {a.id: a.metadata["ecb_subtopic"] for a in store.articles()}
    event_of = {a.article_id: a.event_id for a in store.assignments()}
    assert set(event_of) == set(subtopic)
    score = b_cubed(subtopic, event_of)
    assert score.f1 >= 0.80, score
