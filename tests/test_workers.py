"""The per-article stages in worker processes give the same store as in the writer alone."""

import json

import pytest

from newsdesk import pipeline
from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.pipeline import ingest
from newsdesk.store import Store
from newsdesk.store.codec import to_plain


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """12 ECB+ reports from three topics, interleaved as a feed would bring them."""
    topics = [load_documents([topic])[:4] for topic in (1, 3, 5)]
    documents = [d for row in zip(*topics) for d in row]
    path = tmp_path_factory.mktemp("ecb") / "feed.jsonl"
    path.write_text("".join(json.dumps(as_article_record(d)) + "\n" for d in documents), encoding="utf-8")
    return path


def _ingested(corpus, db, workers):
    with Store(db) as store:
        report = ingest([str(corpus)], store, workers=workers)
        return report, store.assignments(), [to_plain(a) for a in store.analyses()]


def test_one_and_two_workers_give_the_same_events_and_analyses(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)  # three batches, so that both workers have work
    one_report, one_events, one_analyses = _ingested(corpus, tmp_path / "one.db", workers=1)
    two_report, two_events, two_analyses = _ingested(corpus, tmp_path / "two.db", workers=2)
    assert len(one_report.added) == 12 and one_report.errors == []
    assert two_report.added == one_report.added and two_report.errors == []
    assert len({a.event_id for a in one_events}) >= 3
    assert two_events == one_events  # same events, same evidence for each decision
    assert two_analyses == one_analyses


def test_a_dask_cluster_gives_the_same_events_as_one_worker(corpus, tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    one_report, one_events, one_analyses = _ingested(corpus, tmp_path / "one.db", workers=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Store(tmp_path / "engine.db") as store:
            report = ingest([str(corpus)], store, engine=cluster.scheduler_address)
            events, analyses = store.assignments(), [to_plain(a) for a in store.analyses()]
    assert report.added == one_report.added and report.errors == []
    assert events == one_events and analyses == one_analyses
