"""The stage registry: declared order, and one article failing a stage while its batch goes on."""

import json

import pytest

from newsdesk import stages
from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.pipeline import build_dossier, ingest
from newsdesk.stages import STAGES, Registry, Stage
from newsdesk.store import Store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Four ECB+ reports of one topic as a JSON-lines file: (path, records)."""
    records = [as_article_record(d) for d in load_documents([1])[:4]]
    path = tmp_path_factory.mktemp("ecb") / "four.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path, records


def _document(article) -> str:
    return article.metadata["ecb_document"]


def test_the_registered_order_is_the_data_flow():
    assert [s.name for s in STAGES.stages] == ["clean", "analyse", "quotes", "claims", "framing", "vectors", "features"]
    assert all(s.version for s in STAGES.stages)


def test_a_stage_whose_requirement_no_earlier_stage_assigns_is_refused():
    registry = Registry()
    registry.add(Stage("clean", "1", ("article",), ("cleaned",), lambda w: {"cleaned": None}))
    with pytest.raises(ValueError, match="'claims' requires analysis.quotes"):
        registry.add(Stage("claims", "1", ("cleaned", "analysis.quotes"), ("analysis.claims",), lambda w: {}))
    assert [s.name for s in registry.stages] == ["clean"]


def test_an_article_failing_a_stage_is_recorded_and_stored_without_its_output(corpus, tmp_path, monkeypatch):
    path, records = corpus
    victim = records[1]["ecb_document"]
    extract_quotes = stages.extract_quotes

    def failing(analysis, doc):
        if _document(analysis.article) == victim:
            raise ValueError("boom")
        return extract_quotes(analysis, doc)

    monkeypatch.setattr(stages, "extract_quotes", failing)
    with Store(tmp_path / "n.db") as store:
        report = ingest([str(path)], store)
        assert len(report.added) == 4
        (error,) = report.errors
        assert error.stage == "quotes" and error.input.startswith(str(path)) and "ValueError: boom" in error.message
        analyses = {_document(a.article): a for a in store.analyses()}
        failed = analyses.pop(victim)
        # no quotes, nor what needs them (claims, framing); the rest of its analysis is there
        assert failed.quotes == [] and failed.claims == [] and failed.framing is None and failed.mentions
        assert all(a.framing is not None for a in analyses.values()) and any(a.quotes for a in analyses.values())
        dossier = build_dossier(store)
        assert [(e.input, e.stage) for e in dossier.errors] == [(error.input, "quotes")]
        assert sum(len(e.article_ids) for e in dossier.events) == 4


def test_an_article_the_analysis_fails_on_is_skipped_and_retried_next_time(corpus, tmp_path, monkeypatch):
    path, records = corpus
    victim = records[2]["ecb_document"]
    analyse_cleaned = stages.analyse_cleaned

    def failing(pairs):
        pairs = list(pairs)
        if any(_document(article) == victim for article, _ in pairs):
            raise ValueError("boom")
        return analyse_cleaned(pairs)

    monkeypatch.setattr(stages, "analyse_cleaned", failing)
    with Store(tmp_path / "n.db") as store:
        report = ingest([str(path)], store)
        assert len(report.added) == 3 and [e.stage for e in report.errors] == ["analyse"]
        assert victim not in {_document(a.article) for a in store.analyses()}
        monkeypatch.undo()
        again = ingest([str(path)], store)
        assert len(again.added) == 1 and len(again.duplicates) == 3 and again.errors == []
