"""Figures as typed facts across reports (issue 15), each failure kind on written edge shapes
(short texts written for the test) and on a real event of the gold set: ages and weights of one
protagonist contradict; ages of different people, tolls whose order is unknown, tolls of an
earlier happening and counts of different things do not; a difference of precision is no
conflict on the badge."""

from __future__ import annotations

from conftest import analysed_reports
from newsdesk.claims import align_claims
from newsdesk.eval import claims_corpus
from newsdesk.link import link_entities
from newsdesk.model import Dossier, Event
from newsdesk.report import dossier_to_json
from newsdesk.store.reads import finding_counts


def _analyses(*reports: tuple[str, str | None]):
    return analysed_reports(reports)


def _align(*reports: tuple[str, str | None]):
    analyses = _analyses(*reports)
    entities = link_entities(analyses, {a.article.id: "case" for a in analyses})
    agreements, conflicts = align_claims(analyses, entities)
    return analyses, agreements, conflicts


def _contradictions(conflicts):
    return [f for f in conflicts if f.kind == "contradiction"]


def test_the_age_of_an_unnamed_protagonist_contradicts_across_reports():
    _, _, conflicts = _align(
        ("Rescuers are trying to reach a five-year-old boy who fell into a dry well in a village on Sunday.", "2016-11-08T12:00:00"),
        ("A six-year-old boy fell into a dry well in a village on Sunday. The six-year-old has not been reached.", "2016-11-08T17:00:00"),
    )
    (age,) = _contradictions(conflicts)
    assert age.claim_kind == "measure" and "boy (age)" in age.summary
    assert {s.value for s in age.support} == {"five-year-old", "six-year-old"}


def test_ages_of_different_people_sharing_a_noun_are_not_compared():
    # the first report speaks of two boys: which one is "the 12-year-old boy" of the second?
    _, _, conflicts = _align(
        ("A 10-year-old boy and a 12-year-old boy were pulled from the river on Monday.", "2020-06-01T09:00:00"),
        ("A 10-year-old boy was pulled from the river on Monday, police said.", "2020-06-01T10:00:00"),
    )
    assert _contradictions(conflicts) == []


def test_a_toll_from_reports_in_unknown_order_is_no_contradiction():
    # two reports of one day without times: the higher may be the later
    _, _, conflicts = _align(
        ("The earthquake killed 12 people in the province, officials said.", "2013-07-02"),
        ("The earthquake killed 24 people in the province, officials said.", "2013-07-02"),
    )
    assert _contradictions(conflicts) == []


def test_a_toll_of_an_earlier_happening_stays_out_of_the_story_toll():
    _, _, conflicts = _align(
        ("The suicide bombing killed at least six people. The Taliban called it revenge for air strikes earlier this month which killed 30 civilians.", "2016-11-11T08:00:00"),
        ("The suicide bombing killed at least two people. It followed air strikes last week that killed 32 civilians.", "2016-11-10T20:00:00"),
    )
    updates = [f for f in conflicts if f.kind == "update"]
    assert updates and all({s.value for s in f.support} & {"30", "32"} == set() for f in updates)
    (past,) = _contradictions(conflicts)  # both place it in the past: the earlier toll is fixed
    assert {s.value for s in past.support} == {"30", "32"}


def test_a_bare_figure_of_the_wounded_is_a_count_of_the_injured():
    (analysis,) = _analyses(("He said four dead bodies and 120 wounded had been brought in to the hospital.", None))
    (wounded,) = [c for c in analysis.claims if c.kind == "count" and c.value == "120"]
    assert wounded.slot == "injured" and wounded.subject == "people"
    (analysis,) = _analyses(("The blast killed at least six civilians and wounding more than 100 wounded people nearby.", None))
    assert {c.slot for c in analysis.claims if c.kind == "count" and "100" in (c.value or "")} == {"injured"}


def test_a_vague_word_never_contradicts_a_figure():
    _, _, conflicts = _align(
        ("The iceberg broke into several pieces after it drifted north.", "2017-12-29T20:00:00"),
        ("The iceberg broke into more than 20 pieces after it drifted north.", "2017-12-29T20:00:00"),
    )
    assert _contradictions(conflicts) == []


def test_a_precision_difference_is_not_counted_on_the_badge():
    _, agreements, conflicts = _align(
        ("More than 40 people were injured when the roof collapsed at the market, police said.", "2024-05-01T08:00:00"),
        ("42 people were injured when the roof collapsed at the market, police said.", "2024-05-01T08:00:00"),
    )
    assert [f.kind for f in conflicts] == ["precision"]
    event = Event(id="e1", article_ids=[s.article_id for f in conflicts for s in f.support], agreements=agreements, conflicts=conflicts)
    document = dossier_to_json(Dossier(articles=[], events=[event]))
    assert finding_counts(document["events"][0])[1:] == (1, 0)  # one conflict, no contradiction


def test_real_reports_the_boys_age_contradicts():
    (event,) = [e for e in claims_corpus.load_gold() if e.name == "china-boy-well-2016"]
    found, letters, _, _ = claims_corpus.predict(event)
    ages = [f for f in _contradictions(found) if "(age)" in f.summary]
    assert len(ages) == 1
    assert {s.value for s in ages[0].support} == {"five-year-old", "six-year-old"}
    assert {letters[s.article_id] for s in ages[0].support} >= {"a", "b"}
