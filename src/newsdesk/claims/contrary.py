"""Whether two different figures of one topic contradict each other, rather than count
different things, hold at different times or be too loosely tied to one thing (``align`` has
already found them different and asserted).

- A vague count in words ("several", "dozens") never contradicts a figure.
- A measure's anchor of which one voice gives several values ("$79 for a single license, $99
  for a family pack") names several things: its values are not compared across reports.
- Two counts one report gives in one voice count two things (a voice does not contradict
  itself), unless it gives one of them as an earlier report's ("Earlier reports had put ...").
- Counts contradict only when they count the same noun under a predicate that says what
  happened; states and measures are about one holder or anchor.
- When only one of two counts names a place (setting ``PART``), it may count a part of the
  other's whole: they contradict only if that part is the larger.
- A toll whose reports' order is unknown, or of which one report places it in the past, is not
  a contradiction (rules in ``timing``).
- Their sentences must be about the same thing: the clauses of some pair of their claims from
  different articles have sentence vectors at least ``CONTRADICTION_SIMILARITY`` apart;
  measures, already tied to one thing by their anchor, ``MEASURE_SIMILARITY``; counts of things
  outside the slot vocabulary need the same doer named on both sides and ``OPEN_SLOT_SIMILARITY``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
import numpy as np

from newsdesk import vectors
from newsdesk.claims.lexicon import PEOPLE_NOUNS
from newsdesk.claims.timing import may_contradict as toll_may_contradict
from newsdesk.model import Article, Claim

SAME, PART = "same", "part"
CONTRADICTION_SIMILARITY = 0.5
MEASURE_SIMILARITY = 0.3  # tuned on the dev split of tests/gold/claims/corpus.json (true pairs 0.35-0.73)
OPEN_SLOT_SIMILARITY = 0.7  # near-paraphrase, with the same doer; dev has no true open-slot count contradiction to tune on
PRECISION_SIMILARITY = 0.25  # true differences of precision on dev and the written cases: 0.29-0.80
SIMILARITY_PAIRS = 16
_EARLIER_REPORT = re.compile(r"\b(?:earlier|initial|first|previous|original)(?:ly)? (?:reports?|figures?|estimates?|accounts?)\b|\bhad (?:previously |earlier |initially )?been (?:reported|put|given)\b|\bpreviously (?:reported|said)\b", re.IGNORECASE)  # at most this many claim pairs of two value groups are compared by sentence

__all__ = ["PART", "SAME", "about_one_thing", "may_contradict", "names_several_things"]


def may_contradict(left: list[Claim], right: list[Claim], setting: str, articles: dict[str, Article], rising: frozenset[str], same_doer: Callable[[Claim, Claim], bool]) -> bool:
    """Whether two value groups (claims with one value, ``left`` and ``right``), already found
    different and asserted, contradict (rules in the module docstring)."""
    first, other = left[0], right[0]
    if not (_same_things(first, other) and _not_a_part(first, other, setting) and _at_one_time(left, right, articles, rising)) or both_in_one_report(left, right):
        return False
    if _in_words(first) or _in_words(other):
        return False
    return first.kind == "state" or _said_alike(left, right, _similarity_needed(first, other, same_doer))


def about_one_thing(left: list[Claim], right: list[Claim]) -> bool:
    """Whether two compatible value groups, one more precise, are about one thing: some pair of
    their clauses from different articles has sentence vectors at least ``PRECISION_SIMILARITY``
    apart. Lower than for a contradiction: compatible values already say much of it."""
    if both_in_one_report(left, right):
        return False
    return left[0].kind == "state" or _said_alike(left, right, PRECISION_SIMILARITY)


def names_several_things(groups: list[list[Claim]]) -> bool:
    """Whether a measure's anchor names several things in this event: one voice gives two or
    more of its values ("will cost $79 for a single license, $99 for a family pack"). Its
    values are then not compared across reports: which price is whose is unknown."""
    if not groups or groups[0][0].kind != "measure":
        return False
    seen: set[tuple] = set()
    for group in groups:
        voices = {(c.article_id, c.speaker) for c in group if not _EARLIER_REPORT.search(c.text)}
        if voices & seen:
            return True
        seen |= voices
    return False


def both_in_one_report(left: list[Claim], right: list[Claim]) -> bool:
    """Whether one report gives both counts in one voice (its own, or one speaker's), and not
    as an earlier report's ("Earlier reports had put the toll at 40"): a voice does not contradict
    itself, so its two figures count two things ("seven life sentences and four sentences of
    life without parole"). Two voices in one report (the author and a quoted source) may."""
    if left[0].kind not in ("count", "change"):
        return False  # a state or a measure of one holder: a report relays two accounts of it
    def voices(group: list[Claim]) -> set[tuple]:
        return {(c.article_id, c.speaker) for c in group if not _EARLIER_REPORT.search(c.text)}

    return bool(voices(left) & voices(right))


def _in_words(claim: Claim) -> bool:
    """A vague count in words only ("several", "dozens"): too loose to contradict a figure
    ("several pieces" / "more than 20 fragments"), though it may be updated by one."""
    return claim.kind in ("count", "change") and claim.amount is not None and not claim.amount.exact and not any(ch.isdigit() for ch in claim.value or "")


def _not_a_part(left: Claim, right: Claim, setting: str) -> bool:
    """When only one of two counts names a place, it may count a part of the other's whole: they
    contradict only if that part is larger than the whole ("810 in Syria" fits within "more
    than 2,300"; "3.5 million in France" does not fit within "1.28 million")."""
    if setting == SAME or left.kind in ("state", "measure"):
        return True  # only counts add up: an age or a weight has no parts
    part, whole = (left, right) if left.places else (right, left)
    if part.amount is None or whole.amount is None or whole.amount.high is None:
        return False
    return part.amount.low > whole.amount.high


def _same_things(left: Claim, right: Claim) -> bool:
    """Counts contradict only when they count the same noun under a predicate that says what
    happened (a bare "be" does not: "55 percent of traffic was ..."); states always are about
    one holder."""
    return left.kind in ("state", "measure") or (left.subject == right.subject and left.predicate != "be")


def _similarity_needed(left: Claim, right: Claim, same_doer: Callable[[Claim, Claim], bool]) -> float:
    """How alike two figures' sentences must be to contradict: measures are tied to one thing by
    their anchor; a count of things in an open slot (runs, games, rebounds, percentages: outside
    the slot vocabulary; crowds of people are not) is one thing only when both name the same
    doer, and then needs ``OPEN_SLOT_SIMILARITY``; without the same doer it never contradicts
    (infinite threshold): "11 rebounds" and "6 rebounds" are two players' even in sentences
    that say nearly the same ("X grabbed 11 rebounds"), "3 runs" and "2 runs" two innings."""
    if left.kind == "measure":
        return MEASURE_SIMILARITY
    if (left.slot or "").startswith("open:") and left.subject not in PEOPLE_NOUNS:
        named = left.actor_start is not None and right.actor_start is not None and same_doer(left, right)
        return OPEN_SLOT_SIMILARITY if named else float("inf")
    return CONTRADICTION_SIMILARITY


def _said_alike(left: list[Claim], right: list[Claim], threshold: float) -> bool:
    """Whether the clauses of some pair of the two groups' claims from different articles have
    sentence vectors at least ``threshold`` apart ("six people died when the seaplane crashed"
    is not about "12 killed in the plane crash"). One such pair is enough: a group's first
    clause may be a passing mention while another article's repeats the figure in its own
    sentence."""
    pairs = [(a, b) for a in left for b in right if a.article_id != b.article_id][:SIMILARITY_PAIRS]
    return any(float(_vector(a.text) @ _vector(b.text)) >= threshold for a, b in pairs)


def _vector(text: str) -> np.ndarray:
    """A clause's sentence vector: the one its article carries, else encoded once per process
    however many value groups it is compared in (``newsdesk.vectors``)."""
    return vectors.encoded([text])[0]


def figures_to_encode(claims: list[Claim]) -> list[str]:
    """The clauses of an article's claims whose sentences ``_said_alike`` may compare."""
    return [c.text for c in claims if c.kind not in ("statement", "action", "state")]


def _at_one_time(left: list[Claim], right: list[Claim], articles: dict[str, Article], rising: frozenset[str]) -> bool:
    """Every cross-report pair of the two groups may contradict in time (rules in ``timing``):
    a toll that may have grown between reports is not a conflict."""
    pairs = [(a, b) for a in left for b in right if a.article_id != b.article_id]
    return all(toll_may_contradict(a, b, articles, rising) for a, b in pairs)
