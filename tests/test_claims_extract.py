"""One short article per claim shape: what is counted, under which predicate, in whose voice."""

from __future__ import annotations

import pytest

from newsdesk.analyse import analyse_article
from newsdesk.claims import extract_claims
from newsdesk.ingest import article_from_text
from newsdesk.quotes import extract_quotes


def claims_of(text: str):
    analysis, doc = analyse_article(article_from_text(text))
    analysis.quotes = extract_quotes(analysis, doc)
    claims = extract_claims(analysis, doc)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        if claim.value_start is not None and claim.kind != "derived":
            assert claim.value_start >= claim.start - 1 and claim.value_end <= len(text)
    return claims


def only(claims, **fields):
    found = [c for c in claims if all(getattr(c, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"{fields} in {[(c.kind, c.subject, c.predicate, c.value) for c in claims]}"
    return found[0]


def test_counts_with_their_noun_and_predicate():
    claims = claims_of("Thanks to the security forces, two of the aircraft were shot down. In this event, six of the president's bodyguards have been injured.")
    shot = only(claims, kind="count", predicate="shot down")
    assert shot.subject == "aircraft" and shot.amount.low == 2 and shot.basis == "partitive"
    injured = only(claims, kind="count", predicate="injured")
    assert injured.subject == "bodyguard" and injured.value == "six" and injured.voice == "author"


def test_approximate_count_keeps_its_approximator():
    claim = only(claims_of("A big scuffle began, in which more than 100 people were injured."), kind="count")
    assert claim.value == "more than 100" and claim.amount.low == 100 and claim.amount.high is None


def test_a_figure_with_a_fraction_measures_and_does_not_count():
    # ECB+ 38_1ecbplus: "a 2.9 aftershock" is one aftershock of magnitude 2.9, not 2.9 aftershocks
    claims = claims_of("It was followed by a 2.9 aftershock at 2:12 a.m. Some 2.3 million people were evacuated.")
    assert [(c.subject, c.predicate) for c in claims if c.kind == "count"] == [("people", "evacuated")]
    assert only(claims, kind="count").amount.low > 1_000_000


def test_attributed_count_carries_the_speaker():
    claim = only(claims_of("According to Iraqi official sources, several people were injured."), kind="count")
    assert claim.voice == "attributed" and claim.speaker == "Iraqi official sources"


def test_change_from_to():
    claim = only(claims_of("The Electoral Commission data point to a debacle: the party would lose from 48 seats to only 15."), kind="change")
    assert (claim.before.low, claim.amount.low, claim.subject, claim.predicate) == (48, 15, "seat", "lost")
    assert claim.hedge == "would"
    assert not [c for c in claims_of("The party would lose from 48 seats to only 15.") if c.kind == "count"], "the figures of a change are no counts"


def test_negated_state_is_its_opposite():
    claim = only(claims_of("Several people were injured, and the prime minister himself was not injured."), kind="state")
    assert claim.value == "unharmed" and claim.negated and claim.subject == "prime minister"


def test_state_of_a_named_person_through_an_infinitive():
    claim = only(claims_of("Prime Minister Mustafa al-Kazimi managed to escape unscathed from the attack."), kind="state")
    assert claim.value == "unharmed" and "Kazimi" in claim.subject


def test_pronoun_takes_the_protagonist():
    text = "Mustafa al-Kazimi spoke on television. Doctors at the Ibn Sina hospital said Kazimi was resting. Sources close to al-Kazimi said he was wounded in the arm."
    claim = only(claims_of(text), kind="state")
    assert claim.value == "injured" and "Kazimi" in claim.subject


def test_manner_negation_keeps_the_state():
    claim = only(claims_of("The dam was not destroyed by accident."), kind="state")
    assert claim.value == "destroyed" and not claim.negated


def test_partial_destruction_is_damage():
    assert only(claims_of("The dam was partially destroyed by an explosion."), kind="state").value == "damaged"


def test_nobody_counts_zero_people():
    claim = only(claims_of("Nobody was hurt, the agency said."), kind="count")
    assert claim.amount.low == 0 and claim.subject == "people" and claim.predicate == "injured"


def test_hedged_count():
    claim = only(claims_of("Up to ten people may have died in the blast."), kind="count")
    assert claim.hedge == "may" and claim.amount.high == 10


def test_counterfactual_states_nothing():
    assert claims_of("If the other two drones had not been shot down, they would have razed the house to the ground.") == []


def test_coordinated_nouns_are_counted_together():
    claim = only(claims_of("Russia launched 158 missiles and drones against Ukrainian cities."), kind="count")
    assert claim.subject == "missile and aircraft"


def test_whole_of_a_partitive_is_no_count():
    claims = claims_of("Fidesz won 135 of the 199 seats in parliament.")
    assert [c.amount.low for c in claims if c.kind == "count"] == [135]


def test_deaths_count_people_dead():
    claim = only(claims_of("The earthquake made more than 2,300 deaths in Turkey and Syria."), kind="count")
    assert (claim.subject, claim.predicate) == ("people", "dead")


def test_arithmetic_names_what_is_left():
    claims = claims_of("The attack was carried out from three drones, two of them were shot down, and the third reached the target.")
    derived = only(claims, kind="derived")
    assert derived.amount.low == 1 and derived.text == "the third reached the target" and derived.predicate == "hit"


def test_actor_and_place_are_kept():
    text = "The opposition alliance won 57 seats. In Syria, 810 people were killed."
    claims = claims_of(text)
    seats = only(claims, predicate="won")
    assert text[seats.actor_start : seats.actor_end] == "The opposition alliance"
    assert only(claims, predicate="dead").places == ("Syria",)


@pytest.mark.parametrize("text", ["The summit lasted six days.", "Tehran has another reason: one of the latest creatives.", "The results were announced on October 12."])
def test_no_counts_from_durations_pronouns_or_dates(text):
    assert [c for c in claims_of(text) if c.kind == "count"] == []
