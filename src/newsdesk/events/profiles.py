"""What the online clusterer keeps of events and articles, and the time and year signals read
off them. The clusterer (``events/cluster.py``) decides; this module only holds and measures."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsdesk.events.features import ArticleFeatures
from newsdesk.events.settings import FREE_DATE_GAP_DAYS, FULL_DATE_GAP_DAYS, NORM_REFRESH_GROWTH

Weighed = tuple[dict[str, float], float]  # a vector's values times their squared IDF, and its weighted norm


@dataclass
class EventProfile:
    id: str
    members: list[str]
    terms: Counter = field(default_factory=Counter)  # sum of members' unit-length sublinear tf
    entities: Counter = field(default_factory=Counter)
    embedding: np.ndarray = field(default_factory=lambda: np.zeros(512, np.float32))
    first_date: date | None = None
    last_date: date | None = None
    age: int = 0  # arrival index of the founding article: the deterministic tie-break
    norms: dict = field(default_factory=dict)  # profile name -> (documents seen when computed, IDF-weighted norm)
    years: Counter = field(default_factory=Counter)  # year -> members that write it
    latest_years: Counter = field(default_factory=Counter)  # year -> members whose latest written year it is
    dated: int = 0  # members that write a year
    languages: Counter = field(default_factory=Counter)  # language -> members written in it


@dataclass
class MemberProfile:
    """What refinement needs to know of an article of an open event."""

    terms: dict[str, float]
    entities: dict[str, float]
    figures: dict[str, float]
    embedding: np.ndarray
    years: frozenset[int]
    when: date | None
    arrival: int
    language: str | None
    title_only: bool  # its text is page furniture: what it reports is in its title


class Vocabulary:
    """Document frequencies learnt online; weight = IDF over the articles seen so far."""

    def __init__(self) -> None:
        self.df: Counter = Counter()
        self.documents = 0

    def observe(self, keys) -> None:
        self.documents += 1
        self.df.update(keys)

    def weight(self, key: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def weigh(self, vector: dict[str, float]) -> Weighed:
        """The vector with each value times its squared IDF, and its IDF-weighted norm:
        worked out once for an article that is then compared with many events."""
        weighed = {key: value * self.weight(key) ** 2 for key, value in vector.items()}
        return weighed, math.sqrt(sum(value * weighed[key] for key, value in vector.items()))

    def cosine(self, article: Weighed, profile: Counter, norms: dict, name: str) -> float:
        """Cosine of IDF-weighted vectors (the article ``weigh``-ed), walking the article's
        keys for the dot product.

        The profile's norm is cached in ``norms`` and refreshed only when the store has
        grown enough for the weights to have moved, which keeps the cost per
        comparison proportional to the article, not to the event.
        """
        weighed, norm_a = article
        dot = sum(value * profile.get(key, 0.0) for key, value in weighed.items())
        if not dot:
            return 0.0
        seen, norm_p = norms.get(name, (0, 0.0))
        if not norm_p or self.documents > seen * NORM_REFRESH_GROWTH:
            norm_p = math.sqrt(sum(self.weight(key) ** 2 * value * value for key, value in profile.items()))
            norms[name] = (self.documents, norm_p)
        return min(1.0, dot / (norm_a * norm_p))


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_gap(when: date | None, event: EventProfile) -> int | None:
    if when is None or event.first_date is None:
        return None
    if when < event.first_date:
        return (event.first_date - when).days
    if when > event.last_date:
        return (when - event.last_date).days
    return 0


def events_gap(left: EventProfile, right: EventProfile) -> int | None:
    if left.first_date is None or right.first_date is None:
        return None
    return max(0, (left.first_date - right.last_date).days, (right.first_date - left.last_date).days)


def gap_penalty(gap: int | np.ndarray | None) -> float | np.ndarray:
    """The share of the ``date_gap`` weight two source dates ``gap`` days apart cost: none within
    ``FREE_DATE_GAP_DAYS``, then growing to all of it at ``FULL_DATE_GAP_DAYS``: a story told over
    weeks stays one while its reports keep sharing its words and names, and a same-kind event
    months or years later needs far more of them to join than a report of the same week. No gap
    is a wall: crawlers give the crawl date for some pages (Giveme5W1H's RT pages, months late)."""
    if gap is None:
        return 0.0
    ramp = (np.asarray(gap, np.float64) - FREE_DATE_GAP_DAYS) / (FULL_DATE_GAP_DAYS - FREE_DATE_GAP_DAYS)
    return np.clip(ramp, 0.0, 1.0) if isinstance(gap, np.ndarray) else float(min(1.0, max(0.0, ramp)))


def written_years(features: ArticleFeatures) -> frozenset[int]:
    years = set(features.years)
    if features.published:
        years.add(int(features.published[:4]))
    return frozenset(years)


def figures_and_year(figures: dict[str, int], years: frozenset[int]) -> dict[str, int]:
    """The figures an article gives, and the latest year it writes or was published in: the
    year its report is from (earlier years are background), which reports of one event share."""
    return figures | {f"year {max(years)}": 1} if years else figures


def year_conflict(years: frozenset[int], event: EventProfile) -> float:
    """Share of the event's dated members whose written years the article does not
    share, half-weighted when the years overlap but the latest ones differ."""
    if not years or not event.dated:
        return 0.0
    overlap = max(event.years[y] for y in years) / event.dated
    same_latest = event.latest_years[max(years)] / event.dated
    return 1.0 - (overlap + same_latest) / 2


def events_year_conflict(small: EventProfile, large: EventProfile) -> float:
    if not small.dated or not large.dated:
        return 0.0
    overlap = sum(min(small.years[y], large.years[y]) for y in small.years) / small.dated
    same_latest = sum(small.latest_years[y] * large.latest_years[y] for y in small.latest_years) / (small.dated * large.dated)
    return 1.0 - (min(1.0, overlap) + same_latest) / 2


def in_another_language(language: str | None, event: EventProfile) -> bool:
    return bool(language and event.languages and language != event.languages.most_common(1)[0][0])
