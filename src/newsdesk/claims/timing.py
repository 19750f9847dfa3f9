"""When a figure holds, and whether two different figures are a story moving on (an update)
rather than sources disagreeing.

A figure holds at the time its report was published (``Article.published``, with the time of
day ingest keeps in ``metadata["published_at"]``; a crawl time of exactly midnight is a date
without a time), unless its clause names a calendar date (``Claim.date`` read from a year or a
month: "in 2014", "on February 14"; see ``dated``) or places it in the past ("earlier this month",
"last week": then it holds at a time unknown here, and is not ordered). A weekday or "yesterday"
dates the happening, not the count: "killed at least six on Thursday" in a Friday-morning report
and "killed at least four on Thursday" in a Thursday-night one are the toll as each report knew
it, so they are ordered by their reports' times (an update), not read as two figures of one day.
Two totals of a slot that grows as a story unfolds (``GROWING_SLOTS``: the dead, injured,
missing, arrested, displaced, evacuated and rescued, damaged buildings, vehicles sent, open
counts of people, such as rescuers or signatories, and the time the story has lasted so far,
"trapped for 50 hours by now") form an **update** when the later one is at
least as large: the later report knows more. Which one is later: the one published later; when
the two are from the same day and one of them has no time, the one whose report says a
figure has grown ("rose to", "climbed to", "bringing the death toll to"), if only one does.
A lower total later, or different totals at the same time, stay a contradiction; fixed
quantities (ages, distances, money, scores) never update. When several reports give each figure
and they came out in both orders ("at least 30" at 09:00 and again at 15:00, "34" at 12:00), the
figures are ordered by the first report of each (``first_reported``): a toll first reported
lower and later higher rose, and a report repeating the older figure afterwards lags behind.
A step of an update may be reported at second hand ("reportedly", "is believed to", a hedged
attribution: ``reported``): it is the figure as the report knew it; a speculative or modal one
("may have", "could rise to", "possibly") is a guess, not a step, and never makes an update.
"""

from __future__ import annotations

import re

from newsdesk.claims.measures import ELAPSED
from newsdesk.quotes.lexicon import HEDGES
from newsdesk.model import Amount, Article, Claim

# What happens to people in an event: figures of one such slot count the same people whatever
# verb or noun the sentence uses ("31 bodies recovered" and "31 dead").
HARM_SLOTS = frozenset("killed injured hospitalised missing arrested displaced evacuated rescued".split())
GROWING_SLOTS = HARM_SLOTS | {"buildings", "vehicles", "responders"}
# A clause that places its figure in the past holds at that time, not at its report's date
# ("air strikes earlier this month that left 32 civilians dead").
_PAST = re.compile(r"\b(?:last (?:week|month|year)|earlier this (?:week|month|year)|the previous|years? ago|months? ago|weeks? ago|in (?:January|February|March|April|May|June|July|August|September|October|November|December|19\d\d|20\d\d))\b", re.IGNORECASE)
_RISE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|grew|mounted|swelled|reached)\b(?:\W+\w+){0,3}?\W+to\b|\bbringing\b(?:\W+\w+){0,6}?\W+to\b|\b(?:toll|number)\b(?:\W+\w+){0,4}?\W+(?:now|has risen|rose)\b",
    re.IGNORECASE,
)

_RELATIVE = re.compile(r"(?:(?:in|during|after) which|which|that|who)\b", re.IGNORECASE)
RELATIVE_LEAD = 60  # characters before a relative clause read as what it hangs on
# What an attack answers ("a revenge attack for US air strikes ... that left 32 civilians dead",
# "in retaliation for Nato airstrikes ... in which more than 30 people were killed", "a response
# to coalition air strikes ... which killed 30"): a figure after it, in the same phrase (no
# comma or clause break between), counts that earlier happening.
_CAUSE = re.compile(r"\b(?:revenge|retaliation|reprisal|retribution|response)\b\W+(?:\w+\W+){0,2}?(?:for|to)\b[^,;:.!?\n]*$", re.IGNORECASE)
CAUSE_LEAD = 200  # characters before a figure searched for what it answers
# Hedges that tell a figure at second hand ("reportedly", "is believed to"), and the hedge the
# claims extractor gives a figure in a hedged attribution (``extract._voiced``).
_SECOND_HAND = frozenset(HEDGES) | {"hedged attribution"}
_CALENDAR = re.compile(r"\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")

__all__ = ["GROWING_SLOTS", "HARM_SLOTS", "dated", "first_reported", "growing", "held_before", "reported", "may_contradict", "in_time_order", "not_lower", "says_rise", "when"]


def dated(claim: Claim) -> bool:
    """Whether the claim's clause names a calendar date (a year or a month: "in 2014", "on
    February 14"), which may place it outside the event; a weekday or "yesterday" is resolved
    against the report's own date and says nothing the report's date does not (and a crawl
    date may be wrong: an article about a Saturday in May filed as March)."""
    return bool(claim.date) and bool(_CALENDAR.search(claim.text))


def when(claim: Claim, article: Article) -> tuple[str, bool]:
    """(ISO date or datetime the figure holds at, whether it has a time of day); ("", False) unknown."""
    if dated(claim) and len(claim.date) >= 10:
        return claim.date[:10], False
    if held_before(claim, article):
        return "", False
    published = (article.metadata or {}).get("published_at") or article.published or ""
    if len(published) < 10:
        return "", False
    timed = len(published) >= 16 and published[11:16] != "00:00"
    return (published[:16] if timed else published[:10]), timed


def held_before(claim: Claim, article: Article) -> bool:
    """Whether the claim's clause places it before the report's own story ("air strikes earlier
    this month which killed 30 civilians"), or the figure counts what the story's happening
    answers ("in retaliation for air strikes ... in which more than 30 people were killed"): a
    figure of another, earlier happening. A relative clause ("which killed 30", also within the
    clause before the figure: "the province of Kunduz that left 32 dead") is read with the words
    it hangs on, just before it."""
    text = claim.text
    figure = claim.value_start if claim.value_start is not None else claim.start
    relative = _RELATIVE.search(article.text[claim.start : figure])
    if _RELATIVE.match(text) or (relative and relative.start() > 0):
        text = article.text[max(0, claim.start - RELATIVE_LEAD) : claim.end]
    return bool(_PAST.search(text)) or bool(_CAUSE.search(article.text[max(0, figure - CAUSE_LEAD) : figure]))


def reported(claim: Claim) -> bool:
    """Whether a figure is the figure as its report knew it: unhedged, or hedged only as told at
    second hand (``HEDGES``, a hedged attribution); not speculative or modal (rules above)."""
    return claim.hedge is None or claim.hedge.lower() in _SECOND_HAND


def growing(claim: Claim, people_nouns: frozenset[str]) -> bool:
    if claim.kind == "measure":
        return claim.subject == ELAPSED
    slot = claim.slot or ""
    return slot in GROWING_SLOTS or (slot.startswith("open:") and slot[5:] in people_nouns)


def in_time_order(left: Claim, right: Claim, articles: dict[str, Article], rising: frozenset[str] = frozenset()) -> tuple[Claim, Claim] | None:
    """(earlier, later) when the two figures are known to hold at different times, else None.
    ``rising``: the articles that say a figure of theirs has grown (the later reports). A figure
    its clause places in the past (``held_before``) holds at a time unknown here: never ordered,
    however its report is dated or whatever else its report says has grown."""
    if held_before(left, articles[left.article_id]) or held_before(right, articles[right.article_id]):
        return None
    (left_at, left_timed), (right_at, right_timed) = when(left, articles[left.article_id]), when(right, articles[right.article_id])
    if left_at and right_at and left_at[:10] != right_at[:10]:
        return (left, right) if left_at < right_at else (right, left)
    if left_at and right_at and left_timed and right_timed and left_at != right_at:
        return (left, right) if left_at < right_at else (right, left)
    left_rises, right_rises = left.article_id in rising or says_rise(left), right.article_id in rising or says_rise(right)
    if left_rises != right_rises:
        return (right, left) if left_rises else (left, right)
    return None


def first_reported(left: list[Claim], right: list[Claim], articles: dict[str, Article], rising: frozenset[str] = frozenset()) -> bool | None:
    """Whether the first report of the ``left`` figures came out before the first report of the
    ``right`` ones (None when that order is unknown). A report's place in time is ``when``; a
    report with a date only comes before the timed reports of its day here, and is then ordered
    against them by ``in_time_order`` (rise words, or unknown)."""
    def first(claims: list[Claim]) -> Claim:
        return min(claims, key=lambda c: when(c, articles[c.article_id])[0] or "9999")

    earliest_left, earliest_right = first(left), first(right)
    if earliest_left.article_id == earliest_right.article_id:
        return None
    order = in_time_order(earliest_left, earliest_right, articles, rising)
    return None if order is None else order[0] is earliest_left


def may_contradict(left: Claim, right: Claim, articles: dict[str, Article], rising: frozenset[str] = frozenset()) -> bool:
    """Whether two different totals can contradict each other. A toll (``GROWING_SLOTS``: the
    dead, injured, missing, ..., and the buildings or villages destroyed, which a disaster's
    later reports count more of) moves as a story unfolds: two reports of it conflict only when
    the later one is lower (a lower total later), when both were published at the same minute,
    or when both place it in the past (the toll of an earlier happening is fixed). When which
    report came first is unknown (two reports of one day without times, ECB+ texts with only a
    date line), the higher may be the later: no contradiction is claimed. Other quantities
    (ages, distances, money, scores, crowds) can whenever they differ at one setting."""
    if left.slot not in GROWING_SLOTS or right.slot not in GROWING_SLOTS:
        return True
    if held_before(left, articles[left.article_id]) and held_before(right, articles[right.article_id]):
        return True
    if left.amount is None or right.amount is None:
        return False
    (left_at, left_timed), (right_at, right_timed) = when(left, articles[left.article_id]), when(right, articles[right.article_id])
    if left_timed and right_timed and left_at == right_at:
        return True  # two reports of the same moment
    order = in_time_order(left, right, articles, rising)
    if order is None:
        return False
    earlier, later = order
    return not not_lower(later.amount, earlier.amount)


def not_lower(later: Amount | None, earlier: Amount | None) -> bool:
    """The later figure is larger: its lower bound is above the earlier one's ("at least 151",
    then "154"), or the same with more room above."""
    if later is None or earlier is None or later.proportion or earlier.proportion:
        return False
    later_high = float("inf") if later.high is None else later.high
    earlier_high = float("inf") if earlier.high is None else earlier.high
    return later.low > earlier.low or (later.low == earlier.low and later_high > earlier_high)


def says_rise(claim: Claim) -> bool:
    return bool(_RISE.search(claim.text))
