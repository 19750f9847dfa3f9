"""Each failure kind the claims layer had on new articles (issue 15), on written edge shapes and
on a real event of the gold set: subsets, increments and different things sharing a unit never
contradict; a rising toll across reports is an update; the same statement from several outlets
agrees; copies of one wire story count once; the event badge counts contradictions only."""

from __future__ import annotations

import pytest

from conftest import aligned_event, analysed_reports
from newsdesk.eval import claims_corpus
from newsdesk.model import Dossier, Event
from newsdesk.report import dossier_to_json
from newsdesk.store.reads import finding_counts


def _align(*reports: tuple[str, str | None]):
    analyses = analysed_reports(reports)
    _, agreements, conflicts = aligned_event(analyses)
    return analyses, agreements, conflicts


def _kinds(findings):
    return sorted(f.kind for f in findings)


def test_a_subset_never_contradicts_its_total():
    _, agreements, conflicts = _align(
        ("At least 30 people were killed in the blast on Tuesday, among them four children, the health ministry said.", None),
        ("The blast on Tuesday killed at least 30 people, the health ministry said.", None),
    )
    assert not [f for f in conflicts if f.kind == "contradiction"]
    assert any("30" in (s.value or "") for f in agreements for s in f.support)


def test_a_rising_toll_across_reports_is_an_update_in_time_order():
    analyses, _, conflicts = _align(
        ("Rescuers said 31 people were killed when the building collapsed in the city centre.", "2024-05-01T08:00:00"),
        ("Rescuers said 41 people were killed when the building collapsed in the city centre.", "2024-05-01T21:00:00"),
    )
    (update,) = [f for f in conflicts if f.kind == "update"]
    assert not [f for f in conflicts if f.kind == "contradiction"]
    morning, night = analyses[0].article.id, analyses[1].article.id
    assert [s.article_id for s in update.support] == [morning, night]
    assert update.first_source == morning


def test_a_lower_total_at_the_same_time_is_a_contradiction():
    _, _, conflicts = _align(
        ("Rescuers said 31 people were killed when the building collapsed in the city centre.", "2024-05-01T08:00:00"),
        ("Rescuers said 41 people were killed when the building collapsed in the city centre.", "2024-05-01T08:00:00"),
    )
    assert _kinds(f for f in conflicts if f.claim_kind == "count") == ["contradiction"]


def test_an_increment_never_contradicts_the_total():
    _, _, conflicts = _align(
        ("Rescuers recovered 31 bodies from the river after the ferry sank.", None),
        ("Rescuers recovered 12 more bodies from the river after the ferry sank.", None),
    )
    assert not [f for f in conflicts if f.kind == "contradiction"]


def test_different_things_sharing_a_unit_are_not_compared():
    _, _, conflicts = _align(
        ("The warehouse held 1,200 tonnes of fertiliser when it exploded.", None),
        ("The tanker held 300 tonnes of fuel when it exploded.", None),
    )
    assert not [f for f in conflicts if f.kind in ("contradiction", "precision")]


def test_the_same_statement_from_three_outlets_is_one_agreement():
    _, agreements, _ = _align(
        ("Government troops took control of the international airport on Monday after a night of heavy fighting.", None),
        ("After heavy fighting overnight, government troops took control of the international airport on Monday.", None),
        ("Government troops seized control of the international airport on Monday following heavy overnight fighting.", None),
    )
    statements = [f for f in agreements if f.claim_kind == "statement"]
    assert len(statements) == 1 and statements[0].sources == 3
    assert statements[0].similarity >= 0.72 and "airport" in statements[0].shared


def test_copies_of_one_wire_story_count_once():
    story = (
        "NEW YORK — Two subway work trains collided in a tunnel under the East River on Wednesday morning, injuring one worker, "
        "the Metropolitan Transportation Authority said. The trains bumped into each other but did not derail, and there were no "
        "passengers on board. Firefighters removed one person from the tunnel after the collision at about 5:10 a.m."
    )
    own = (
        "A maintenance worker was hurt early Wednesday when two work trains collided in a tunnel beneath the East River. "
        "Officials said the trains did not derail and that service was not affected."
    )
    _, agreements, _ = _align((story, "2017-12-27T06:00:00"), (story + " Copyright The Associated Press.", "2017-12-27T07:00:00"), (own, "2017-12-27T09:00:00"))
    counted = [f for f in agreements if f.sources == 3]
    assert counted and all(f.independent_sources == 2 for f in counted)
    assert [f for f in agreements if f.sources == 2 and f.independent_sources == 1] == []  # a copy alone confirms nothing


def test_the_event_badge_counts_contradictions_only():
    _, agreements, conflicts = _align(
        ("Rescuers said 31 people were killed when the building collapsed in the city centre.", "2024-05-01T08:00:00"),
        ("Rescuers said 41 people were killed when the building collapsed in the city centre.", "2024-05-01T21:00:00"),
    )
    event = Event(id="e1", article_ids=[s.article_id for f in conflicts for s in f.support], agreements=agreements, conflicts=conflicts)
    document = dossier_to_json(Dossier(articles=[], events=[event]))
    assert finding_counts(document["events"][0])[1:] == (1, 0)  # one conflict, no contradiction


@pytest.mark.parametrize("name", ["mazar-consulate-attack-2016"])
def test_real_reports_a_rising_toll_is_an_update_not_a_contradiction(name):
    (event,) = [e for e in claims_corpus.load_gold() if e.name == name]
    found, letters, _, _ = claims_corpus.predict(event)
    killed = [f for f in found if f.claim_kind == "count" and "(killed)" in f.summary]
    # the only contradiction is between two background tolls of the Kunduz air strikes the attack
    # answered (30 vs 32, gold), never the consulate's own rising toll
    assert all("Kunduz" in s.text for f in killed if f.kind == "contradiction" for s in f.support)
    updates = [f for f in killed if f.kind == "update"]
    assert updates and any({"At least two" in s.text or "at least two" in s.text for s in f.support} == {True, False} for f in updates)
