"""How two values of one thing relate: the same (agreement), compatible with one more specific
(precision), too far apart to be one figure said loosely (apart), or incompatible (differ).

Amounts compare as intervals (see ``numbers``): equal exact figures agree; a vague amount that
contains the other ("several" and "six") is a difference of precision; disjoint amounts differ,
except that a share in words and a figure within a factor of ``LOOSE_WORDING_FACTOR`` of its
range ("almost half" and 48 -> 15) are read as loose wording; a count in words outside its range
("several" against "two") is left alone. An open
bound ("at least 2") against a figure more than ``OPEN_BOUND_FACTOR`` times larger is *apart*:
compatible, but not what its writer knew (an update, or nothing). A round figure of thousands
covers ``ROUND_FIGURE_SHARE`` either side. Changes compare by their figures before and after;
against a proportion, a change compares as the share it moved; against a count, as its
difference. A ceiling that names the reported figure ("up to 32", "as many as 20") against an
equal exact figure is that figure said cautiously: "up to 32" and "32" agree (``_as_reported``);
against any other amount it is the interval [0, N]. States: equal states agree, the pairs of ``CONTRADICTORY_STATES`` differ, the pairs of
``MORE_SPECIFIC_STATES`` are differences of precision. Measures: see ``measures``; an open bound
(``OPEN_BOUNDS``: "more than $121 billion", "over 400 pounds") and a figure at or inside it are a
difference of precision, whatever the gap; a figure outside it, or two bounds that differ, are
too loose to call.
"""

from __future__ import annotations

import re

from newsdesk.claims.lexicon import CONTRADICTORY_STATES, GENERIC_PEOPLE, MORE_SPECIFIC_STATES
from newsdesk.claims.measures import APPROXIMATE, ROUNDING
from newsdesk.model import Amount, Claim

AGREEMENT, PRECISION, DIFFER = "agreement", "precision", "differ"
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
APART = "apart"  # compatible as intervals, but too far apart to be one figure said loosely
# Ceilings that name the figure reported at its highest (see ``_as_reported``); "at most",
# "fewer than" and "no more than" name a limit, not a figure.
_REPORTED_CEILING = re.compile(r"^\s*(?:up to|as many as)\s+\S", re.IGNORECASE)
# A floor that names the figure counted so far ("at least 46 demonstrators were arrested"):
# against that exact count, the same count said cautiously (the real-article gold: "at least
# 46" / "46 people had been arrested", "killing at least 10" / "killing 10 people" agree; the
# older written cases call "at least 133" / "133" precision, and lose those three). "More than
# 30" excludes 30 and stays an interval.
_REPORTED_FLOOR = re.compile(r"^\s*at least\s+\S", re.IGNORECASE)
LOOSE_WORDING_FACTOR = 1.5
OPEN_BOUND_FACTOR = 2.0
ROUND_FIGURE_SHARE = 0.05
# Approximators that leave a measure open on one side (see ``numbers``): "above" holds the
# figure and anything larger, "below" the figure and anything smaller.
OPEN_BOUNDS = {
    **dict.fromkeys(("more than", "over", "upwards of", "in excess of", "at least", "no fewer than", "no less than", "a minimum of"), "above"),
    **dict.fromkeys(("fewer than", "less than", "under", "at most", "up to", "as many as", "no more than", "almost", "nearly", "close to", "just under", "barely"), "below"),
}

__all__ = ["AGREEMENT", "APART", "DIFFER", "PRECISION", "count_relation", "measure_relation", "state_relation"]


def state_relation(left: Claim, right: Claim) -> str | None:
    if left.value == right.value:
        return AGREEMENT
    if frozenset((left.value, right.value)) in CONTRADICTORY_STATES:
        return DIFFER
    if (left.value, right.value) in MORE_SPECIFIC_STATES or (right.value, left.value) in MORE_SPECIFIC_STATES:
        return PRECISION
    return None


def count_relation(left: Claim, right: Claim) -> str | None:
    if left.subject != right.subject and not ({left.subject, right.subject} & GENERIC_PEOPLE):
        return None  # two different kinds of people
    if left.kind == "change" and right.kind == "change":
        relations = {_amount_relation(left.before, right.before), _amount_relation(left.amount, right.amount)}
        for relation in (None, DIFFER, PRECISION):
            if relation in relations:
                return relation
        return AGREEMENT
    pair = _comparable(left, right)
    if pair is None:
        return None
    pair = _as_reported(left, pair[0], pair[1]), _as_reported(right, pair[1], pair[0])
    relation = _amount_relation(*pair)
    if relation == DIFFER and _loosely_worded(left, right, *pair):
        return PRECISION
    if relation == PRECISION and _far_apart(*pair):
        return APART
    if left.subject != right.subject and relation == DIFFER:
        return None
    return relation


def measure_relation(left: Claim, right: Claim) -> str | None:
    """Two measures of one thing (rules in ``measures``)."""
    if left.predicate != right.predicate:
        return None  # money in two currencies
    if _ranged(left) or _ranged(right):
        return _range_relation(left, right)
    a, b = left.amount.low, right.amount.low
    gap = abs(a - b) / max(abs(a), abs(b), 1e-9)
    if (left.basis in OPEN_BOUNDS) != (right.basis in OPEN_BOUNDS):
        # an open bound and a figure at or inside it ("more than $121 billion" / "$121 billion",
        # "over 400 pounds" / "400-pound"): the figure is the more precise; outside, too loose to call
        bound, figure = (left, right) if left.basis in OPEN_BOUNDS else (right, left)
        if _REPORTED_CEILING.match(f"{bound.basis} {bound.value}") and gap <= ROUNDING:
            return AGREEMENT  # "up to 12 feet" and "12 feet": the figure said cautiously (``_as_reported``)
        above = OPEN_BOUNDS[bound.basis] == "above"
        inside = figure.amount.low >= bound.amount.low * (1 - ROUNDING) if above else figure.amount.low <= bound.amount.low * (1 + ROUNDING)
        return PRECISION if inside else None
    if gap <= ROUNDING:
        return AGREEMENT
    written = _written(left), _written(right)
    if None not in written and written[0][1] != written[1][1]:
        # one figure in two units ("about 200 feet" / "about 60 metres"): each, converted, is
        # the other at the precision it is written
        if _reads_as(written[0], right) and _reads_as(written[1], left):
            return AGREEMENT
    if None not in written and any(_steps_apart(w, other) for w, other in ((written[0], right), (written[1], left))):
        return DIFFER  # "some 700 metres" / "about 600 metres": two round figures a whole step apart
    if _rounds_to(left, right) or _rounds_to(right, left):
        return PRECISION
    if (left.basis or right.basis) and gap <= APPROXIMATE:
        return PRECISION
    if left.basis in OPEN_BOUNDS or right.basis in OPEN_BOUNDS:
        return None  # two bounds: compatible or not, too loose to call
    return DIFFER


def _ranged(claim: Claim) -> bool:
    return claim.amount.high is not None and claim.amount.high > claim.amount.low


def _range_relation(left: Claim, right: Claim) -> str | None:
    """A measure given as a range ("fell 10 to 12 feet", "a 24- to 30-foot dhow") against another:
    a figure within it, or a range inside it, is the more precise ("about 12 feet"); the same range
    agrees; a figure outside it differs ("15ft"; a "10-metre" dhow against "24 to 30 feet"),
    unless that figure is an open bound, and two ranges that overlap are too loose to call."""
    def ends(claim: Claim) -> tuple[float, float]:
        return claim.amount.low * (1 - ROUNDING), claim.amount.high * (1 + ROUNDING)

    (left_low, left_high), (right_low, right_high) = ends(left), ends(right)
    if abs(left.amount.low - right.amount.low) <= ROUNDING * left.amount.low and abs(left.amount.high - right.amount.high) <= ROUNDING * left.amount.high:
        return AGREEMENT
    if (left_low <= right.amount.low and right.amount.high <= left_high) or (right_low <= left.amount.low and left.amount.high <= right_high):
        return PRECISION
    if left.basis in OPEN_BOUNDS or right.basis in OPEN_BOUNDS or (left_low <= right_high and right_low <= left_high):
        return None
    return DIFFER


def _written(claim: Claim) -> tuple[float, float, float] | None:
    """(the number as written, what one of it is in the base unit, the step it is rounded to):
    "700 metres" -> (700, 1, 100), "2,000ft" -> (2000, 0.3048, 1000), "$148.9 billion" ->
    (148.9, 1e9, 0.1)."""
    found = _NUMBER.search(claim.value or "")
    if found is None or claim.amount is None:
        return None
    number = float(found.group(0).replace(",", ""))
    if not number:
        return None
    decimals = found.group(1)
    if decimals:
        step = 10.0 ** -len(decimals)
    else:
        digits = found.group(0).replace(",", "")
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    return number, round(claim.amount.low / number, 6), step


def _reads_as(written: tuple[float, float, float], other: Claim) -> bool:
    """Whether ``other``'s figure, in the unit of ``written`` and rounded to its step, is it."""
    number, unit, step = written
    return round(other.amount.low / unit / step) * step == number


def _steps_apart(written: tuple[float, float, float], other: Claim) -> bool:
    """Whether a figure rounded to tens or coarser ("about 600 metres") and the other, in its
    unit and rounded alike ("some 700 metres"; "2,000 feet" is 610 m, read as 600), differ by a
    whole step or more: two estimates of one thing that do not meet, not one said loosely.
    Both must be written to that step (700 against 609 is not "600 and 700": 609 is a
    measurement, compared as a precision only when it is a conversion of another unit)."""
    number, unit, step = written
    if step < 10:
        return False
    other_written = _written(other)
    if other_written is None:
        return False
    same_unit = other_written[1] == unit
    if same_unit and other_written[2] != step:
        return False
    theirs = round(other.amount.low / unit / step) * step
    return abs(theirs - number) >= step


def _rounds_to(coarse: Claim, fine: Claim) -> bool:
    """A figure is read at the precision it is written: "$13 billion" is "$13.2 billion" rounded
    (a difference of precision), "some $146 billion" is not "$148.9 billion" rounded."""
    written = [re.search(r"\d[\d,]*(?:\.(\d+))?", c.value or "") for c in (coarse, fine)]
    if None in written or not coarse.amount.low:
        return False
    decimals = [len(m.group(1) or "") for m in written]
    if decimals[0] >= decimals[1]:
        return False
    number = float(written[0].group(0).replace(",", ""))
    scale = coarse.amount.low / number if number else 0
    return bool(scale) and round(fine.amount.low / scale, decimals[0]) == number


def _as_reported(claim: Claim, amount: Amount, other: Amount) -> Amount:
    """A ceiling that names the figure reported ("up to 32 civilians", "as many as 20 pieces")
    against that exact figure is the figure said cautiously: "up to 32" and "32" agree (the hedge
    word alone is no difference of precision, as "about 49 metres" and "49m"). Against a figure
    below it ("up to ten may have died" / "killed three"), a vague amount or a range ("$30,000 to
    $50,000") it stays the interval [0, N]: a difference of precision. Likewise a floor that
    names the figure ("at least 46" / "46": ``_REPORTED_FLOOR``)."""
    if other.exact and amount.high is not None and other.low == amount.high and _REPORTED_CEILING.match(claim.value or ""):
        return Amount(amount.high, amount.high, exact=True, proportion=amount.proportion)
    if other.exact and amount.high is None and other.low == amount.low and _REPORTED_FLOOR.match(claim.value or ""):
        return Amount(amount.low, amount.low, exact=True, proportion=amount.proportion)
    return amount


def _far_apart(left: Amount, right: Amount) -> bool:
    """An open bound ("at least 2") contains any larger figure, but a figure more than
    ``OPEN_BOUND_FACTOR`` times the bound is not what the bound's writer knew: the two differ,
    without contradicting each other."""
    for bound, other in ((left, right), (right, left)):
        if bound.high is None and bound.low > 0 and other.low > OPEN_BOUND_FACTOR * bound.low:
            return True
    return False


def _loosely_worded(left: Claim, right: Claim, left_amount: Amount, right_amount: Amount) -> bool:
    """A share in words only ("almost half") against a figure within a factor of
    ``LOOSE_WORDING_FACTOR`` of its range (a loss of 48 seats to 15) reads as loose wording, a
    difference of precision rather than a conflict. A count in words ("several", "scores")
    outside its range is neither: "two government buildings" and "several state buildings",
    "scores of other people" and "more than 100 wounded" are not one figure said loosely, so
    nothing is shown (they may be other buildings, other people)."""
    for vague_claim, vague, exact in ((left, left_amount, right_amount), (right, right_amount, left_amount)):
        in_words = not any(ch.isdigit() for ch in vague_claim.value or "")
        if in_words and vague.proportion and not vague.exact and _within_factor(vague, exact.low if exact.high is None or exact.exact else exact.high, LOOSE_WORDING_FACTOR):
            return True
    return False


def _comparable(left: Claim, right: Claim) -> tuple[Amount, Amount] | None:
    """The two amounts in the same terms: a change against a proportion is the share it moved,
    against an absolute count the difference."""
    amounts = []
    other = {id(left): right, id(right): left}
    for claim in (left, right):
        if claim.kind != "change":
            amounts.append(claim.amount)
            continue
        before, after = claim.before, claim.amount
        if not (before and after and before.exact and after.exact) or before.proportion or after.proportion:
            return None
        moved = abs(before.low - after.low)
        if other[id(claim)].amount and other[id(claim)].amount.proportion:
            if before.low == 0:
                return None
            amounts.append(Amount(moved / before.low, moved / before.low, exact=True, proportion=True))
        else:
            amounts.append(Amount(moved, moved, exact=True))
    if None in amounts or amounts[0].proportion != amounts[1].proportion:
        return None
    return amounts[0], amounts[1]


def _amount_relation(left: Amount | None, right: Amount | None) -> str | None:
    if left is None or right is None or left.proportion != right.proportion:
        return None
    left, right = _rounded(left), _rounded(right)
    if _same(left, right):
        return AGREEMENT
    if _contains(left, right) or _contains(right, left):
        return PRECISION
    if _overlaps(left, right):
        return None  # compatible, and neither is more precise
    return DIFFER


def _rounded(amount: Amount) -> Amount:
    """A round figure of thousands ("10,000 missing") is itself rounded: it covers
    ``ROUND_FIGURE_SHARE`` either side, so "10,100" refines it rather than contradicting it."""
    if amount.exact and not amount.proportion and amount.low >= 1000 and amount.low % 1000 == 0:
        return Amount(amount.low * (1 - ROUND_FIGURE_SHARE), amount.low * (1 + ROUND_FIGURE_SHARE), exact=False)
    return amount


def _same(left: Amount, right: Amount) -> bool:
    return abs(left.low - right.low) < 1e-9 and left.high == right.high or (left.high is not None and right.high is not None and abs(left.high - right.high) < 1e-9 and abs(left.low - right.low) < 1e-9)


def _contains(outer: Amount, inner: Amount) -> bool:
    outer_high = float("inf") if outer.high is None else outer.high
    inner_high = float("inf") if inner.high is None else inner.high
    return outer.low <= inner.low and inner_high <= outer_high


def _overlaps(left: Amount, right: Amount) -> bool:
    left_high = float("inf") if left.high is None else left.high
    right_high = float("inf") if right.high is None else right.high
    return left.low <= right_high and right.low <= left_high


def _within_factor(vague: Amount, figure: float, factor: float) -> bool:
    if figure <= 0 or vague.low <= 0:
        return False
    if vague.high is not None and figure > vague.high:
        return figure / vague.high <= factor
    return vague.low / figure <= factor
