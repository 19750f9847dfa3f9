"""Whether two different figures of one topic contradict each other, rather than count
different things, hold at different times or be too loosely tied to one thing (``align`` has
already found them different and asserted).

- A vague count in words ("several", "dozens") never contradicts a figure.
- Counts contradict only when they count the same noun under a predicate that says what
  happened; states and measures are about one holder or anchor.
- When only one of two counts names a place (setting ``PART``), it may count a part of the
  other's whole: they contradict only if that part is the larger.
- A toll whose reports' order is unknown, or of which one report places it in the past, is not
  a contradiction (rules in ``timing``).
- Their sentences must be about the same thing: the clauses of some pair of their claims from
  different articles have sentence vectors at least ``CONTRADICTION_SIMILARITY`` apart;
  measures, already tied to one thing by their anchor, ``MEASURE_SIMILARITY``; counts of things
  outside the slot vocabulary, without the same doer named on both sides, ``OPEN_SLOT_SIMILARITY``.
"""

from __future__ import annotations

from collections.abc import Callable
import numpy as np

from newsdesk import vectors
from newsdesk.claims.lexicon import PEOPLE_NOUNS
from newsdesk.claims.timing import may_contradict as toll_may_contradict
from newsdesk.model import Article, Claim

SAME, PART = "same", "part"
CONTRADICTION_SIMILARITY = 0.5
MEASURE_SIMILARITY = 0.3  # tuned on the dev split of tests/gold/claims/corpus.json (true pairs 0.35-0.73)
OPEN_SLOT_SIMILARITY = 0.7  # near-paraphrase; dev has no true open-slot count contradiction to tune on
SIMILARITY_PAIRS = 16  # at most this many claim pairs of two value groups are compared by sentence

__all__ = ["PART", "SAME", "may_contradict"]


def may_contradict(left: list[Claim], right: list[Claim], setting: str, articles: dict[str, Article], rising: frozenset[str], same_doer: Callable[[Claim, Claim], bool]) -> bool:
    """Whether two value groups (claims with one value, ``left`` and ``right``), already found
    different and asserted, contradict (rules in the module docstring)."""
    first, other = left[0], right[0]
    if not (_same_things(first, other) and _not_a_part(first, other, setting) and _at_one_time(left, right, articles, rising)):
        return False
    if _in_words(first) or _in_words(other):
        return False
    return first.kind == "state" or _said_alike(left, right, _similarity_needed(first, other, same_doer))


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
    their anchor; a count of things in an open slot (runs, games, percentages: outside the slot
    vocabulary; crowds of people are not) is one thing only when both name the same doer, or
    when the two sentences say nearly the same (``OPEN_SLOT_SIMILARITY``): "3 runs" and "2 runs"
    may be two innings, "5%" and "35%" two rates."""
    if left.kind == "measure":
        return MEASURE_SIMILARITY
    if (left.slot or "").startswith("open:") and left.subject not in PEOPLE_NOUNS and not (left.actor_start is not None and right.actor_start is not None and same_doer(left, right)):
        return OPEN_SLOT_SIMILARITY
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
