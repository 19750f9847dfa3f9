"""A person's name written two ways by two reports (issue 15, claims/spellings.py): on the real
dev events of the claims gold (read from ../shared/corpus), with the shapes that must stay
silent: one name in two romanisations, a short or pet form, a report naming both."""

from __future__ import annotations

import pytest

from conftest import found_as, predicted_gold_events
from newsdesk.claims.spellings import _given_and_family, _two_ways


@pytest.fixture(scope="module")
def dev_events():
    return predicted_gold_events({"kraft-plant-shooting-2010", "qeshm-earthquake-2005"})


@pytest.mark.parametrize("about", ["the wounded man: Brian Dalton against Bryant Dalton", "a victim: Latoya Brown against Latonya Brown"])
def test_a_given_name_spelled_two_ways_contradicts(dev_events, about):
    # real (dev, ECB+ 22): "identified as Brian Dalton" / "Bryant Dalton, 39"; "holding onto
    # Latoya Brown" / "Latonya Brown, 36"
    assert found_as(dev_events["kraft-plant-shooting-2010"], about, "contradiction")


def test_one_name_in_two_romanisations_does_not_contradict(dev_events):
    # real (dev, ECB+ 20): "Heidar Alishvandi" / "Heydar Alishvandi", "Masoud" / "Massoud Dalman"
    _, found, _, _ = dev_events["qeshm-earthquake-2005"]
    assert not [f for f in found if f.kind == "contradiction" and "(name)" in f.summary]


@pytest.mark.parametrize(
    ("left", "right", "two_ways"),
    [
        ("Malcolm", "Malcom", True),  # ECB+ 39: a letter dropped
        ("John", "Jon", True),  # ECB+ 13
        ("Jerry", "Jeremy", False),  # ECB+ 16: a pet form (and there two people, father and son)
        ("Chris", "Christopher", False),  # a short form
        ("Dave", "David", False),  # ECB+ 33: a short form with an -e
        ("Heidar", "Heydar", False),  # romanisation
        ("Jos", "Max", False),  # two names
    ],
)
def test_which_given_names_are_one_name_written_two_ways(left, right, two_ways):
    assert _two_ways(left, right) is two_ways


@pytest.mark.parametrize("name", ["Mrs McMeekin", "Ms McMeekin", "ADA Fairman", "Dalton"])
def test_a_title_an_abbreviation_or_a_family_name_alone_gives_no_given_name(name):
    # real (dev, ECB+ 32 and 22): "Mrs McMeekin" / "Ms McMeekin" are one woman
    assert _given_and_family(name) is None


def test_two_people_of_one_family_name_with_other_ages_do_not_contradict():
    # written: a husband and a wife, each named by one report only
    from conftest import aligned_event, analysed_reports

    reports = [
        ("John Smith, 45, was taken to hospital after the crash on the bridge.", "2024-03-04T10:00:00"),
        ("Joan Smith, 43, was taken to hospital after the crash on the bridge.", "2024-03-04T10:00:00"),
    ]
    _, _, conflicts = aligned_event(analysed_reports(reports))
    assert not [f for f in conflicts if "(name)" in f.summary]


def test_one_name_spelled_two_ways_in_written_reports_contradicts():
    # written: the shape of the real pair (ECB+ 22), one age for both spellings
    from conftest import aligned_event, analysed_reports

    reports = [
        ("John Smith, 45, was taken to hospital after the crash on the bridge.", "2024-03-04T10:00:00"),
        ("Jon Smith, 45, was taken to hospital after the crash on the bridge.", "2024-03-04T10:00:00"),
    ]
    _, _, conflicts = aligned_event(analysed_reports(reports))
    assert [f for f in conflicts if "(name)" in f.summary]
