"""An act reported as done by one source and as still to come by another (issue 15,
claims/status.py): on a real dev event of the claims gold (read from ../shared/corpus) and on
written edge shapes (marked as written) that must stay silent."""

from __future__ import annotations

import pytest

from conftest import aligned_event, analysed_reports, found_as, predicted_gold_events


def _status_conflicts(*reports: tuple[str, str]) -> list:
    _, _, conflicts = aligned_event(analysed_reports(list(reports)))
    return [f for f in conflicts if f.kind == "contradiction" and "(status of the act)" in f.summary]


def test_an_act_done_against_the_same_act_planned_contradicts():
    # real (dev, ECB+ 12): "The Mysore will eventually replace the Tabar" / "INS Mysore, which
    # replaced stealth frigate INS Tabar early December"
    event = predicted_gold_events({"indian-navy-pirates-2008"})["indian-navy-pirates-2008"]
    assert found_as(event, "the Mysore has replaced the Tabar against will eventually replace it", "contradiction")


def test_written_plan_and_deed_reported_the_same_day_contradict():
    # written: the shape of the real pair, outside its story
    assert _status_conflicts(
        ("Airbus will replace Boeing as the airline's main supplier, the company said.", "2024-03-04T10:00:00"),
        ("Airbus replaced Boeing as the airline's main supplier, a spokesman said.", "2024-03-04T10:00:00"),
    )


@pytest.mark.parametrize(
    ("planned", "done"),
    [
        # written: the plan reported the day before the deed (it happened since)
        (("Airbus will replace Boeing as the airline's main supplier, the company said.", "2024-03-03T10:00:00"), ("Airbus replaced Boeing as the airline's main supplier, a spokesman said.", "2024-03-04T10:00:00")),
        # written: a negated plan, and a plan told as a condition ("would")
        (("Airbus will not replace Boeing as the airline's main supplier, the company said.", "2024-03-04T10:00:00"), ("Airbus replaced Boeing as the airline's main supplier, a spokesman said.", "2024-03-04T10:00:00")),
        (("Airbus would replace Boeing as the airline's main supplier if the deal closed.", "2024-03-04T10:00:00"), ("Airbus replaced Boeing as the airline's main supplier, a spokesman said.", "2024-03-04T10:00:00")),
        # written, after ECB+ 2: a recurring act, done at another time
        (("Ellen DeGeneres will host the Oscars for a second time next year, the Academy said.", "2024-03-04T10:00:00"), ("Ellen DeGeneres previously hosted the Oscars in 2007, the Academy said.", "2024-03-04T10:00:00")),
    ],
)
def test_a_plan_reported_before_the_deed_negated_or_conditional_does_not_contradict(planned, done):
    assert not _status_conflicts(planned, done)
