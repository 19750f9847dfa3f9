"""Versioned analyses: each stored analysis says which stage versions made it, and
``reanalyze`` brings stale ones up to date in batches, resumably, re-clustering when needed."""

import json
from dataclasses import replace

import jsonschema
import pytest

from newsdesk import pipeline, stages
from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.pipeline import build_dossier, ingest, reanalyze
from newsdesk.report import dossier_schema, dossier_to_json
from newsdesk.stages import STAGES
from newsdesk.store import Store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Six ECB+ reports, from two topics, as a JSON-lines file."""
    documents = load_documents([1])[:3] + load_documents([3])[:3]
    path = tmp_path_factory.mktemp("ecb") / "six.jsonl"
    path.write_text("".join(json.dumps(as_article_record(d)) + "\n" for d in documents), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fresh_events(corpus, tmp_path_factory):
    with Store(tmp_path_factory.mktemp("fresh") / "n.db") as store:
        ingest([str(corpus)], store)
        return store.event_members()


def _with_stage(monkeypatch, name, **changes):
    monkeypatch.setattr(STAGES, "stages", [replace(s, **changes) if s.name == name else s for s in STAGES.stages])


def test_the_dossier_says_which_stage_versions_made_each_article(corpus, tmp_path):
    with Store(tmp_path / "n.db") as store:
        ingest([str(corpus)], store)
        document = dossier_to_json(build_dossier(store))
        assert store.stale_ids(STAGES.versions()) == []
    jsonschema.validate(document, dossier_schema())
    assert all(a["stage_versions"] == STAGES.versions() for a in document["articles"])


def test_an_upgraded_stage_makes_its_articles_stale_and_reanalysis_updates_them(corpus, fresh_events, tmp_path, monkeypatch):
    db = tmp_path / "n.db"
    with Store(db) as store:
        ingest([str(corpus)], store)
    _with_stage(monkeypatch, "quotes", version="upgraded")
    with Store(db) as store:
        assert len(store.stale_ids(STAGES.versions())) == 6
        report = reanalyze(store, stale_only=True)
        assert len(report.reanalysed) == 6 and report.errors == [] and not report.reclustered  # quotes do not change events
        assert store.stale_ids(STAGES.versions()) == []
        assert {a.stage_versions["quotes"] for a in store.analyses()} == {"upgraded"}
        assert store.event_members() == fresh_events


def test_a_stopped_reanalysis_resumes_and_re_clusters_when_features_changed(corpus, fresh_events, tmp_path, monkeypatch):
    """Stored by an 'old' features stage that saw every article as the first one (so all in one
    event); the reanalysis is stopped after its first batch, resumed, and the events are then
    those of a fresh ingest."""
    db = tmp_path / "n.db"
    features_batch = stages.article_features_batch

    def old_features(analyses):
        first = features_batch(analyses[:1])[0]
        return [replace(first, article_id=a.article.id) for a in analyses]

    with monkeypatch.context() as old:
        old.setattr(stages, "article_features_batch", old_features)
        _with_stage(old, "features", version="old")
        with Store(db) as store:
            ingest([str(corpus)], store)
            assert len(store.event_members()) == 1

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)  # six articles, three batches
    update_analyses = Store.update_analyses
    calls = []

    def stopping(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user stops the run during its second batch
        return update_analyses(self, *args, **kwargs)

    with Store(db) as store:
        monkeypatch.setattr(Store, "update_analyses", stopping)
        with pytest.raises(KeyboardInterrupt):
            reanalyze(store)
        monkeypatch.setattr(Store, "update_analyses", update_analyses)
        monkeypatch.setattr(pipeline, "BATCH_SIZE", 32)  # the replay batches as the fresh ingest did
        assert len(store.stale_ids(STAGES.versions())) == 4 and store.recluster_pending()
        report = reanalyze(store, stale_only=True)
        assert len(report.reanalysed) == 4 and report.reclustered and not store.recluster_pending()
        assert store.event_members() == fresh_events
