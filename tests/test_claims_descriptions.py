"""What reports say a thing or a group is (issue 15, claims/descriptions.py): the calibre of the
weapon and the nationalities of a counted group, on the real dev events of the claims gold (read
from ../shared/corpus) and on written edge shapes (marked as written) that must stay silent."""

from __future__ import annotations

import pytest

from conftest import aligned_event, analysed_reports, found_as, predicted_gold_events


@pytest.fixture(scope="module")
def dev_events():
    return predicted_gold_events({"brooklyn-kimani-gray-protests-2013", "indian-navy-pirates-2008"})


def _described(dimension: str, *texts: str) -> list:
    _, _, conflicts = aligned_event(analysed_reports([(text, "2024-03-04T10:00:00") for text in texts]))
    return [f for f in conflicts if f.kind == "contradiction" and f"({dimension})" in f.summary]


def test_one_gun_given_two_calibres_contradicts(dev_events):
    # real (dev, ECB+ 19): "he pointed a .357 caliber revolver at them" / "A loaded .38-caliber
    # revolver was recovered at the scene"
    assert found_as(dev_events["brooklyn-kimani-gray-protests-2013"], "the gun: a .357 against a .38-caliber revolver", "contradiction")


def test_one_group_given_other_nationalities_contradicts(dev_events):
    # real (dev, ECB+ 12): "captured 23 Somalian pirates" / "arrested 23 Somali and Yemeni pirates"
    assert found_as(dev_events["indian-navy-pirates-2008"], "the 23 were Somali pirates against Somali and Yemeni", "contradiction")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # written, after ECB+ 33: a report naming two calibres speaks of two guns
        ("His lawyer said it was a .32-caliber revolver, not a .45-caliber handgun like the one that killed the girl.", "Police said the boy was armed with a .45-caliber handgun when the girl was killed."),
        # written: a hedge
        ("The suspect may have carried a .38-caliber revolver, police said.", "The suspect carried a .357 revolver when he was stopped, police said."),
        # written: the officer's pistol and the suspect's revolver are two guns
        ("The officer fired his 9mm pistol twice at the suspect, police said.", "The suspect pointed a .38-caliber revolver at the officer, police said."),
    ],
)
def test_two_guns_or_a_hedged_calibre_do_not_contradict(left, right):
    assert not _described("calibre of the weapon", left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # written: two groups of two, no nationality in common
        ("Gunmen seized two Israeli hostages near the border on Monday.", "Gunmen seized two German hostages near the border on Monday."),
        # written, after ECB+ 12: a count in a list is a part of the group ("11 Yemeni pirates")
        ("The navy arrested 12 Somali and 11 Yemeni pirates after the attack on the ship.", "The navy arrested 11 Yemeni and Omani pirates after the attack on the ship."),
    ],
)
def test_two_groups_or_a_part_of_a_group_do_not_contradict(left, right):
    assert not _described("nationalities of the group", left, right)


def test_one_group_of_two_nationalities_against_one_contradicts_in_written_reports():
    # written: the shape of the real pair above, outside its story
    assert _described("nationalities of the group", "Police detained four Iranian fishermen off the coast on Monday.", "Police detained four Iranian and Iraqi fishermen off the coast on Monday.")
