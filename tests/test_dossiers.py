"""The dossier of a very large event lines up the claims of a capped, stated set of articles."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from dataclasses import replace

import jsonschema
import pytest

from newsdesk import dossiers
from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.ingest import read_inputs
from newsdesk.report import dossier_schema, dossier_to_json
from newsdesk.report.markdown import dossier_markdown
from newsdesk.stages import STAGES
from newsdesk.store import Assignment

EDITIONS = 42  # 12 reports, each recurring 42 times: an event of 504 articles


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Twelve real ECB+ reports of one story (topic 1), through the stages."""
    path = tmp_path_factory.mktemp("topic") / "topic1.jsonl"
    path.write_text("".join(json.dumps(as_article_record(d)) + "\n" for d in load_documents([1])[:12]), encoding="utf-8")
    run = STAGES.run(list(read_inputs([str(path)])))
    assert not run.errors and len(run.stored) == 12
    return [w.analysis for w in run.stored]


def _edition(analysis, number: int):
    """The report as a recurring edition: the same text under another id, published ``number`` days on
    (the id is replaced in every span that carries it; ids are digests of one length)."""
    old = analysis.article.id
    new = hashlib.sha256(f"{old}/{number}".encode()).hexdigest()[: len(old)]
    copy = pickle.loads(pickle.dumps(analysis).replace(old.encode(), new.encode()))
    day = dt.date(2020, 1, 6) + dt.timedelta(days=number)
    return replace(copy, article=replace(copy.article, published=day.isoformat(), metadata={}))


@pytest.fixture(scope="module")
def large_event(reports):
    analyses = [_edition(report, edition) for edition in range(EDITIONS) for report in reports]
    inputs = ([Assignment(a.article.id, "big", {}) for a in analyses], analyses, [], ["big"])
    return analyses, dossiers.dossier_from_inputs(*inputs)


def test_a_very_large_event_lines_up_a_capped_stated_set(large_event, reports):
    analyses, dossier = large_event
    (event,) = dossier.events
    assert len(event.article_ids) == len(analyses) == 12 * EDITIONS
    aligned = set(event.claims_aligned)
    assert len(aligned) == dossiers.MAX_ALIGNED_ARTICLES
    # every finding speaks of the articles lined up only, and some were found
    supports = [s.article_id for f in event.agreements + event.conflicts + event.single_source for s in f.support]
    assert event.agreements and set(supports) <= aligned
    # the rule: each independent report before any copy (its editions are copies of it: the same
    # text), and the reporting covered from its first report to its last
    texts = {a.article.id: a.article.text for a in analyses}
    assert {texts[i] for i in aligned} == {r.article.text for r in reports}
    by_day = sorted(analyses, key=lambda a: (a.article.published, analyses.index(a)))
    assert by_day[0].article.id in aligned and by_day[-1].article.id in aligned
    # the other articles are still the event's: their entities' mentions are listed
    mentioned = {m.article_id for e in event.entities for m in e.mentions}
    assert len(mentioned - aligned) > len(analyses) // 2


def test_the_dossier_says_its_claims_were_capped(large_event):
    _, dossier = large_event
    document = dossier_to_json(dossier)
    jsonschema.validate(document, dossier_schema())
    (event,) = document["events"]
    assert len(event["claims_aligned"]) == dossiers.MAX_ALIGNED_ARTICLES
    assert f"Claims lined up across {dossiers.MAX_ALIGNED_ARTICLES} of the {12 * EDITIONS} articles" in dossier_markdown(document)


def test_an_event_up_to_the_cap_lines_up_every_article(reports):
    analyses = [_edition(report, edition) for edition in range(3) for report in reports][: dossiers.MAX_ALIGNED_ARTICLES]
    assert dossiers.aligned_articles(analyses) is analyses
    dossier = dossiers.dossier_from_inputs([Assignment(a.article.id, "e", {}) for a in analyses], analyses, [], ["e"])
    assert dossier.events[0].claims_aligned is None
    assert dossier_to_json(dossier)["events"][0]["claims_aligned"] is None
    assert "Claims lined up across" not in dossier_markdown(dossier_to_json(dossier))
