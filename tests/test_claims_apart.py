"""Clauses alike in words that do not state the same proposition (issue 15, agreement precision):
each gives a value the other lacks in the same place, a number or a month. Real dev articles of
the claims gold (read from ../shared/corpus)."""

from __future__ import annotations

import pytest

from conftest import predicted_gold_events
from newsdesk.claims.apart import at_odds
from newsdesk.eval.claims_corpus import _covers, _pairs
from newsdesk.model import Claim


@pytest.fixture(scope="module")
def dev_events():
    return predicted_gold_events({"waitrose-banstead-fire-2008", "indian-navy-pirates-2008", "qeshm-earthquake-2005", "comeaux-prison-escape-2009"})


def _clause(text: str) -> Claim:
    return Claim(article_id="x", kind="statement", text=text, start=0, end=len(text))


def _agreed_across(predicted: tuple, about: str) -> list:
    """Agreements covering quotes of two sides of the gold conflict ``about``."""
    event, found, letters, _ = predicted
    gold = next(g for g in event.findings if g.about.startswith(about))
    return [f for f in found if f.kind == "agreement" and sum(any(_covers(q, f, letters) for q in side) for side in gold.sides) >= 2]


def test_a_number_in_the_same_place_that_differs_sets_two_clauses_apart(dev_events):
    assert at_odds(_clause("Anyone with information is asked to call police on 0845 125 2222"), _clause("contact them on 0845 125 222 or Crimestoppers on 0800 555111"))
    assert at_odds(_clause("A 6.7-strength quake killed more than 26, 000 people in the ancient city of Bam"), _clause("in which more than 31, 000 people were killed in the ancient city of Bam"))
    # a number more, said beside the same one, is saying more, not something else
    assert not at_odds(_clause("$60 in cash and the remainder in Broadcom shares"), _clause("included $60 in cash and $22 in Broadcom stock"))
    assert _agreed_across(dev_events["waitrose-banstead-fire-2008"], "the police phone number") == []
    assert _agreed_across(dev_events["qeshm-earthquake-2005"], "Bam: more than 26,000") == []


def test_two_months_for_one_happening_are_no_agreement(dev_events):
    assert at_odds(_clause("The Mysore, which replaced stealth frigate INS Tabar in November-end"), _clause("INS Mysore, which replaced stealth frigate INS Tabar early December"))
    assert not at_odds(_clause("the rescue began on Sunday and may last days"), _clause("the rescue began in November"))
    assert _agreed_across(dev_events["indian-navy-pirates-2008"], "the Mysore replaced the Tabar: early December") == []


def test_the_same_distance_in_directions_that_share_no_point_is_no_agreement(dev_events):
    escape = _clause("The escape happened near Baytown, Texas, about 25 miles east of Houston")
    caught = _clause("A hungry, wet and barefoot Arcade Joseph Comeaux Jr. was caught in northeast Houston, about 25 miles northwest of where he escaped")
    assert at_odds(escape, caught)
    assert not at_odds(_clause("the quake struck 55 kilometres south-west of Bireun"), _clause("it struck 55 km south of Bireun"))  # only less precise
    event, found, letters, _ = dev_events["comeaux-prison-escape-2009"]
    trap = next(g for g in event.findings if g.kind == "trap" and g.about.startswith("caught 25 miles from where he escaped"))
    assert not any(f.kind == "agreement" and _pairs(trap.quotes, f, letters) for f in found)
