"""Numbers in words and figures, vague quantities, approximators, ranges and proportions."""

import pytest

from newsdesk.claims.numbers import approximation_before, label, number_value, parse_amount
from newsdesk.model import Amount


@pytest.mark.parametrize(
    "words, value",
    [("three", 3), ("twenty-one", 21), ("1,200", 1200), ("2.5 million", 2_500_000), ("a dozen", 12), ("six hundred", 600), ("48", 48)],
)
def test_number_words_and_figures(words, value):
    assert number_value(words) == value


@pytest.mark.parametrize("words", ["10-20", "seats", "a", "10 20", ""])
def test_not_a_single_number(words):
    assert number_value(words) is None


@pytest.mark.parametrize(
    "phrase, low, high, exact",
    [
        ("six", 6, 6, True),
        ("only 15", 15, 15, True),
        ("more than 100", 100, None, False),
        ("at least two", 2, None, False),
        ("up to ten", 0, 10, False),
        ("about 5,000", 4000, 5500, False),
        ("almost 50", 45, 50, False),
        ("nearly 100", 90, 100, False),
        ("several", 3, 9, False),
        ("dozens", 24, 99, False),
        ("thousands", 2000, 9999, False),
        ("between 10 and 20", 10, 20, False),
        ("10-20", 10, 20, False),
    ],
)
def test_amounts_are_intervals(phrase, low, high, exact):
    amount = parse_amount(phrase)
    assert (amount.low, amount.high, amount.exact, amount.proportion) == (pytest.approx(low), None if high is None else pytest.approx(high), exact, False)


@pytest.mark.parametrize("phrase, low, high", [("almost half", 0.4, 0.5), ("a quarter", 0.25, 0.25), ("55.7 percent", 0.557, 0.557), ("13%", 0.13, 0.13), ("most", 0.5, 0.95)])
def test_proportions(phrase, low, high):
    amount = parse_amount(phrase)
    assert amount.proportion and amount.low == pytest.approx(low) and amount.high == pytest.approx(high)


def test_words_that_are_no_quantity():
    assert parse_amount("drones") is None
    assert parse_amount("the house") is None


def test_approximator_is_read_off_the_words_before_a_figure():
    assert approximation_before("a big scuffle began, in which more than ") == "more than"
    assert approximation_before("Labour lost almost ") == "almost"
    assert approximation_before("the attack was carried out from ") is None


def test_labels():
    assert label(Amount(6, 6, exact=True)) == "6"
    assert label(Amount(100, None, exact=False)) == "100+"
    assert label(Amount(0.4, 0.5, exact=False, proportion=True)) == "40%–50%"
