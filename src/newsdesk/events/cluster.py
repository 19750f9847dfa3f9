"""Online event clustering: each article joins an event or starts one; events merge.

No number of events is given. An article is compared with candidate events, not
with every article, and joins the most similar one when the similarity clears
``JOIN_THRESHOLD``; otherwise it starts an event. After a join the grown event is
compared with the other candidates and merged with any that clears
``MERGE_THRESHOLD`` (two halves of one event that started apart meet through the
articles that bridge them).

Similarity of an article to an event is a weighted sum of three cosines against
the event's profile (the sum of its members' vectors, i.e. average link to the
members through their centroid):

- content-word TF-IDF, with IDF learnt online from the articles seen so far and
  applied at decision time, so early articles are not stuck with the weights of
  a near-empty store;
- named-entity TF-IDF (who, where: what tells two events of one kind apart);
- USE-multilingual embedding cosine (the same event in another language).

Time: when both the article and the event have a date (publication date), an
article more than ``MAX_DATE_GAP_DAYS`` from the event's date range cannot join
it, and such events never merge.

Cost per article is flat in the store size: candidates come from an inverted
index over the event profiles' heaviest terms and entities, each posting list
keeping only the latest ``POSTINGS_PER_KEY`` events, at most ``MAX_CANDIDATES``
events are scored, and an event's profile keeps at most ``PROFILE_MAX_KEYS``
keys.

Decisions depend only on the input order (no randomness, ties broken by event
age). Event ids come from the article that started the event, so replaying the
same articles in the same order gives the same ids; a merged event keeps the id
of the older of the two.
"""

from __future__ import annotations

import math
import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsdesk.events.features import ArticleFeatures

JOIN_THRESHOLD = 0.30
MERGE_THRESHOLD = 0.50
WEIGHTS = {"terms": 0.55, "entities": 0.35, "embedding": 0.10}
MAX_DATE_GAP_DAYS = 30
NORM_REFRESH_GROWTH = 1.1  # recompute an unchanged event's norm once the store grew by 10%
MAX_CANDIDATES = 24
POSTINGS_PER_KEY = 48
INDEX_KEYS_PER_ARTICLE = 24
PROFILE_MAX_KEYS = 1200  # a big event's profile keeps its heaviest keys, so comparing with it stays cheap
STATE_VERSION = 1


@dataclass(frozen=True)
class Decision:
    """What happened to one article, with the evidence for it."""

    article_id: str
    event_id: str
    new_event: bool
    similarity: float  # to the event joined; to the best candidate when a new event started (0 if none)
    signals: dict[str, float]  # the per-signal cosines behind `similarity`
    shared_entities: tuple[str, ...]  # entities the article shares with the event
    date_gap_days: int | None  # between the article's date and the event's date range
    merged: tuple[str, ...] = ()  # event ids merged into event_id after this article joined


@dataclass
class _Event:
    id: str
    members: list[str]
    terms: Counter = field(default_factory=Counter)  # sum of members' unit-length sublinear tf
    entities: Counter = field(default_factory=Counter)
    embedding: np.ndarray = field(default_factory=lambda: np.zeros(512, np.float32))
    first_date: date | None = None
    last_date: date | None = None
    age: int = 0  # arrival index of the founding article: the deterministic tie-break
    norms: dict = field(default_factory=dict)  # profile name -> (documents seen when computed, IDF-weighted norm)


class _Vocabulary:
    """Document frequencies learnt online; weight = IDF over the articles seen so far."""

    def __init__(self) -> None:
        self.df: Counter = Counter()
        self.documents = 0

    def observe(self, keys) -> None:
        self.documents += 1
        self.df.update(keys)

    def weight(self, key: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def cosine(self, article: dict[str, float], profile: Counter, norms: dict, name: str) -> float:
        """Cosine of IDF-weighted vectors, walking the article's keys for the dot product.

        The profile's norm is cached in ``norms`` and refreshed only when the store has
        grown enough for the weights to have moved, which keeps the cost per
        comparison proportional to the article, not to the event.
        """
        dot = norm_a = 0.0
        for key, value in article.items():
            w2 = self.weight(key) ** 2
            dot += w2 * value * profile.get(key, 0.0)
            norm_a += w2 * value * value
        if not dot:
            return 0.0
        seen, norm_p = norms.get(name, (0, 0.0))
        if not norm_p or self.documents > seen * NORM_REFRESH_GROWTH:
            norm_p = math.sqrt(sum(self.weight(key) ** 2 * value * value for key, value in profile.items()))
            norms[name] = (self.documents, norm_p)
        return min(1.0, dot / (math.sqrt(norm_a) * norm_p))


class OnlineClusterer:
    def __init__(self) -> None:
        self._terms = _Vocabulary()
        self._entities = _Vocabulary()
        self._events: dict[str, _Event] = {}
        self._alias: dict[str, str] = {}  # merged event id -> surviving id
        self._postings: dict[str, list[str]] = defaultdict(list)
        self._event_of: dict[str, str] = {}
        self._arrivals = 0

    def add(self, article_id: str, features: ArticleFeatures) -> Decision:
        if article_id in self._event_of:
            event_id = self._resolve(self._event_of[article_id])
            return Decision(article_id, event_id, False, 1.0, {}, (), None)
        terms = _unit(features.terms)
        entities = _unit(features.entities)
        self._terms.observe(terms)
        self._entities.observe(entities)
        embedding = _embedding(features)
        when = _parse_date(features.published)
        self._arrivals += 1

        scored = []
        for event in self._candidates(terms, entities):
            gap = _date_gap(when, event)
            if gap is not None and gap > MAX_DATE_GAP_DAYS:
                continue
            signals = self._signals(terms, entities, embedding, event)
            scored.append((_combine(signals), -event.age, event, signals, gap))
        scored.sort(key=lambda row: (row[0], row[1]), reverse=True)

        if scored and scored[0][0] >= JOIN_THRESHOLD:
            similarity, _, event, signals, gap = scored[0]
            new_event = False
        else:
            similarity, signals, gap = (scored[0][0], scored[0][3], scored[0][4]) if scored else (0.0, {}, None)
            event = _Event(id=f"ev-{article_id}", members=[], age=self._arrivals)
            self._events[event.id] = event
            new_event = True
        shared = tuple(sorted(key for key in entities if key in event.entities))
        self._absorb(event, article_id, terms, entities, embedding, when)
        # only events the article itself came close to can have been bridged by it
        merged = self._merge_around(event, [row[2] for row in scored if row[0] >= JOIN_THRESHOLD])
        return Decision(
            article_id=article_id,
            event_id=self._resolve(event.id),
            new_event=new_event,
            similarity=round(similarity, 4),
            signals={name: round(value, 4) for name, value in signals.items()},
            shared_entities=shared,
            date_gap_days=gap,
            merged=merged,
        )

    def clusters(self) -> dict[str, list[str]]:
        return {event.id: list(event.members) for event in self._events.values()}

    def state(self) -> bytes:
        """Everything needed to carry on where this clusterer stopped (our own pickle, not for untrusted input)."""
        return pickle.dumps((STATE_VERSION, self.__dict__), protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_state(cls, data: bytes) -> OnlineClusterer:
        version, attributes = pickle.loads(data)
        if version != STATE_VERSION:
            raise ValueError(f"clusterer state version {version}, expected {STATE_VERSION}")
        clusterer = cls()
        clusterer.__dict__.update(attributes)
        return clusterer

    def _signals(self, terms: dict[str, float], entities: dict[str, float], embedding: np.ndarray, event: _Event) -> dict[str, float]:
        norm = float(np.linalg.norm(event.embedding))
        return {
            "terms": self._terms.cosine(terms, event.terms, event.norms, "terms"),
            "entities": self._entities.cosine(entities, event.entities, event.norms, "entities"),
            "embedding": float(embedding @ event.embedding) / norm if norm else 0.0,
        }

    def _candidates(self, terms: dict[str, float], entities: dict[str, float]) -> list[_Event]:
        hits: Counter = Counter()
        for key, weight in self._index_keys(terms, entities):
            for event_id in self._postings.get(key, ()):
                hits[self._resolve(event_id)] += weight
        ranked = sorted(hits.items(), key=lambda item: (item[1], -self._events[item[0]].age), reverse=True)
        return [self._events[event_id] for event_id, _ in ranked[:MAX_CANDIDATES]]

    def _index_keys(self, terms: dict[str, float], entities: dict[str, float]) -> list[tuple[str, float]]:
        """The article's most telling terms and entities, as index keys with their weights."""
        weighted = [("t:" + key, value * self._terms.weight(key)) for key, value in terms.items()]
        weighted += [("e:" + key, value * self._entities.weight(key)) for key, value in entities.items()]
        weighted.sort(key=lambda item: (item[1], item[0]), reverse=True)
        return weighted[:INDEX_KEYS_PER_ARTICLE]

    def _absorb(self, event: _Event, article_id: str, terms, entities, embedding, when: date | None) -> None:
        event.members.append(article_id)
        event.norms.clear()
        event.terms.update(terms)
        event.entities.update(entities)
        event.embedding = event.embedding + embedding
        _prune(event)
        if when is not None:
            event.first_date = min(filter(None, (event.first_date, when)))
            event.last_date = max(filter(None, (event.last_date, when)))
        self._event_of[article_id] = event.id
        for key, _ in self._index_keys(terms, entities):
            posting = self._postings[key]
            if event.id not in posting:
                posting.append(event.id)
                del posting[:-POSTINGS_PER_KEY]

    def _merge_around(self, event: _Event, neighbours: list[_Event]) -> tuple[str, ...]:
        merged = []
        for other in neighbours:
            other = self._events.get(self._resolve(other.id))
            event = self._events[self._resolve(event.id)]
            if other is None or other is event or _events_apart(event, other):
                continue
            if self._event_similarity(event, other) >= MERGE_THRESHOLD:
                survivor, absorbed = (event, other) if event.age <= other.age else (other, event)
                self._fold(survivor, absorbed)
                merged.append(absorbed.id)
        return tuple(merged)

    def _event_similarity(self, left: _Event, right: _Event) -> float:
        small, large = (left, right) if len(left.terms) <= len(right.terms) else (right, left)
        embedding = small.embedding / (float(np.linalg.norm(small.embedding)) or 1.0)
        return _combine(self._signals(small.terms, small.entities, embedding, large))

    def _fold(self, survivor: _Event, absorbed: _Event) -> None:
        survivor.members.extend(absorbed.members)
        survivor.norms.clear()
        survivor.terms.update(absorbed.terms)
        survivor.entities.update(absorbed.entities)
        survivor.embedding = survivor.embedding + absorbed.embedding
        _prune(survivor)
        dates = [d for d in (survivor.first_date, survivor.last_date, absorbed.first_date, absorbed.last_date) if d]
        survivor.first_date, survivor.last_date = (min(dates), max(dates)) if dates else (None, None)
        del self._events[absorbed.id]
        self._alias[absorbed.id] = survivor.id

    def _resolve(self, event_id: str) -> str:
        while event_id in self._alias:
            event_id = self._alias[event_id]
        return event_id


def _prune(event: _Event) -> None:
    for profile in (event.terms, event.entities):
        if len(profile) > PROFILE_MAX_KEYS:
            kept = dict(profile.most_common(PROFILE_MAX_KEYS // 2))
            profile.clear()
            profile.update(kept)


def _combine(signals: dict[str, float]) -> float:
    return sum(WEIGHTS[name] * value for name, value in signals.items())


def _unit(counts: dict[str, int] | Counter) -> dict[str, float]:
    """Sublinear term frequency, scaled to unit length so long articles do not outweigh short ones."""
    weights = {key: 1.0 + math.log(count) for key, count in counts.items() if count > 0}
    norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
    return {key: value / norm for key, value in weights.items()}


def _embedding(features: ArticleFeatures) -> np.ndarray:
    mixed = features.title_vec + features.lead_vec + features.body_vec
    norm = float(np.linalg.norm(mixed))
    return (mixed / norm if norm else mixed).astype(np.float32)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _date_gap(when: date | None, event: _Event) -> int | None:
    if when is None or event.first_date is None:
        return None
    if when < event.first_date:
        return (event.first_date - when).days
    if when > event.last_date:
        return (when - event.last_date).days
    return 0


def _events_apart(left: _Event, right: _Event) -> bool:
    if left.first_date is None or right.first_date is None:
        return False
    gap = max((left.first_date - right.last_date).days, (right.first_date - left.last_date).days)
    return gap > MAX_DATE_GAP_DAYS
