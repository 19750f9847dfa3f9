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

An article in another language than the event's (or than the other article's)
shares names and numbers with it but hardly a word, so there the term signal is
read off the embedding cosine instead (``_terms_from_meaning``) when that is higher.

Time: when both the article and the event have a publication date given by the
source, an article more than ``MAX_DATE_GAP_DAYS`` from the event's date range
cannot join it, and such events never merge. A date read from the text (a date line
by the headline, or the newest full date it mentions) is only evidence, like a
written year: read dates held as hard limits split the follow-up reports that
ECB+'s gold events hold, months or years on (dev B3-F1 0.980 -> 0.960 at a
year). Most articles carry no publication date, but many write years: an article
whose years the event's members do not write (or whose latest year differs from
theirs) is penalised by the ``year_conflict`` signal, which tells apart two
same-kind events years apart (two earthquakes).

Refinement: every ``REFINE_EVERY`` arrivals (and when the caller asks, e.g. at
the end of an ingest batch) the events touched since the last refinement and
their close neighbours are re-grouped from scratch (see ``refine``): articles are
first grouped into stories by average link over article pairs, then each story is
split along its normalised cuts, so an event that took in two same-kind events
splits, members move to the event they fit better, fragments meet. Article dates
given by the sources (not guessed from the text) more than ``MAX_DATE_GAP_DAYS``
apart keep two articles apart here too. Moved articles are reported with the
evidence by ``take_moves``. Refinement needs each member's features, so these
are kept only for open events: an event unchanged for ``REFINE_HORIZON``
arrivals, or larger than ``REFINE_MAX_EVENT``, is settled, and a refinement
handles at most ``REFINE_MAX_ARTICLES`` articles, which keeps its cost bounded.

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
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsdesk.events.features import ArticleFeatures
from newsdesk.events.state import StateFormatError, decode_state, encode_state

JOIN_THRESHOLD = 0.30
MERGE_THRESHOLD = 0.50
WEIGHTS = {"terms": 0.55, "entities": 0.35, "embedding": 0.10, "year_conflict": -0.2}
MAX_DATE_GAP_DAYS = 30
NORM_REFRESH_GROWTH = 1.1  # recompute an unchanged event's norm once the store grew by 10%
MAX_CANDIDATES = 24
POSTINGS_PER_KEY = 48
INDEX_KEYS_PER_ARTICLE = 24
PROFILE_MAX_KEYS = 1200  # a big event's profile keeps its heaviest keys, so comparing with it stays cheap
REFINE_EVERY = 16  # arrivals between two refinements
STORY_THRESHOLD = 0.08  # average-link similarity at which refinement stops joining articles into one story
SPLIT_WEIGHTS = {"terms": 0.5, "entities": 0.3, "embedding": 0.2, "figures": 0.3}  # embedding centred on the story
SPLIT_NEIGHBOURS = 8  # the split sees each article's links to its nearest articles only
SPLIT_NCUT = 0.4  # a story splits in two events while its best normalised cut is below this
SPLIT_MIN_ARTICLES = 4  # fewer cannot be judged: three vectors centred on their mean point apart
MEANING_BASELINE = 0.55  # USE cosine of two unrelated reports on one subject (MEANTIME: 0.51-0.61)
APART = -1.0  # the pair score of two articles the sources date too far apart to report one event
REFINE_NEAR = 0.05  # a neighbour this close to a touched event is re-grouped with it
REFINE_NEIGHBOURS = 6
REFINE_MAX_ARTICLES = 240  # articles re-grouped at once: bounds the cost of a refinement
REFINE_HORIZON = 2000  # arrivals after which an unchanged event is settled
REFINE_MAX_EVENT = 120  # larger events are settled: they are joined and merged, not re-grouped
LOCAL_IDF_FLOOR = 1.0
STATE_VERSION = 5


Weighed = tuple[dict[str, float], float]  # a vector's values times their squared IDF, and its weighted norm


class StaleState(ValueError):
    """The saved state is from another version of the clusterer: rebuild from the articles' features."""


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
    years: Counter = field(default_factory=Counter)  # year -> members that write it
    latest_years: Counter = field(default_factory=Counter)  # year -> members whose latest written year it is
    dated: int = 0  # members that write a year
    languages: Counter = field(default_factory=Counter)  # language -> members written in it


@dataclass
class _Member:
    """What refinement needs to know of an article of an open event."""

    terms: dict[str, float]
    entities: dict[str, float]
    figures: dict[str, float]
    embedding: np.ndarray
    years: frozenset[int]
    when: date | None
    arrival: int
    language: str | None


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


_STATE_CLASSES = {"Event": _Event, "Member": _Member, "Vocabulary": _Vocabulary}


class OnlineClusterer:
    def __init__(self) -> None:
        self._terms = _Vocabulary()
        self._entities = _Vocabulary()
        self._events: dict[str, _Event] = {}
        self._alias: dict[str, str] = {}  # merged event id -> surviving id
        self._postings: dict[str, list[str]] = defaultdict(list)
        self._event_of: dict[str, str] = {}
        self._arrivals = 0
        self._members: dict[str, _Member] = {}  # features of the members of open events
        self._touched: dict[str, None] = {}  # events that changed since the last refinement, in order
        self._open: dict[str, int] = {}  # open event id -> arrival of its last change, least recent first
        self._moves: dict[str, dict] = {}  # article id -> evidence, for articles a refinement moved

    def add(self, article_id: str, features: ArticleFeatures) -> Decision:
        if article_id in self._event_of:
            event_id = self._resolve(self._event_of[article_id])
            return Decision(article_id, event_id, False, 1.0, {}, (), None)
        terms = _unit(features.terms)
        entities = _unit(features.entities)
        self._terms.observe(terms)
        self._entities.observe(entities)
        embedding = _embedding(features)
        when = None if features.published_inferred else _parse_date(features.published)
        years = _years(features)
        self._arrivals += 1
        member = _Member(terms, entities, _unit(_figures_and_year(features.figures, years)), embedding, years, when, self._arrivals, features.language)

        scored = []
        weighed = self._weigh(terms, entities)
        for event in self._candidates(terms, entities):
            gap = _date_gap(when, event)
            if gap is not None and gap > MAX_DATE_GAP_DAYS:
                continue
            signals = self._signals(weighed, embedding, event)
            if features.language and event.languages and features.language != event.languages.most_common(1)[0][0]:
                signals["terms"] = max(signals["terms"], _terms_from_meaning(signals["embedding"]))
            signals["year_conflict"] = _year_conflict(years, event)
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
        self._members[article_id] = member
        self._absorb(event, article_id, member)
        # only events the article itself came close to can have been bridged by it
        merged = self._merge_around(event, [row[2] for row in scored if row[0] >= JOIN_THRESHOLD])
        self._touched[self._resolve(event.id)] = None
        if self._arrivals % REFINE_EVERY == 0:
            self.refine()
        return Decision(
            article_id=article_id,
            event_id=self._resolve(self._event_of[article_id]),
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
        """Everything needed to carry on where this clusterer stopped, as declared data (JSON and
        numeric arrays, see ``newsdesk.events.state``): loading it runs no code."""
        return encode_state({"version": STATE_VERSION, "attributes": self.__dict__}, _STATE_CLASSES)

    @classmethod
    def from_state(cls, data: bytes) -> OnlineClusterer:
        try:
            saved = decode_state(data, _STATE_CLASSES)
        except StateFormatError as exc:
            raise StaleState(str(exc)) from None
        version, attributes = saved["version"], saved["attributes"]
        if version != STATE_VERSION:
            raise StaleState(f"clusterer state version {version}, expected {STATE_VERSION}")
        clusterer = cls()
        clusterer.__dict__.update(attributes)
        return clusterer

    def refine(self) -> None:
        """Re-group the members of the events touched since the last refinement, with
        their neighbours, into stories and stories into events (``_group``).

        The greedy join compares an article with event profiles; once an event holds two
        same-kind events, its profile attracts both. Here each pair of articles is scored
        on its own, so such an event splits, a member that fits a neighbour better moves
        there and fragments meet. The groups keep the ids of the events most of their
        members came from; every moved article is recorded in ``take_moves``. The touched
        events are re-grouped in rounds of at most ``REFINE_MAX_ARTICLES`` articles, so
        none is left out when many changed at once.
        """
        touched = [self._resolve(event_id) for event_id in self._touched]
        self._touched.clear()
        for event_id in dict.fromkeys(touched):
            self._open.pop(event_id, None)
            self._open[event_id] = self._arrivals
        self._close_quiet_events()
        pending = [self._events[e] for e in dict.fromkeys(touched) if e in self._events and self._is_open(self._events[e])]
        while pending:
            events = self._neighbourhood(pending)
            if not events:
                break
            regrouped = {event.id for event in events}
            pending = [event for event in pending if event.id not in regrouped]
            members = sorted((m for event in events for m in event.members), key=lambda m: self._members[m].arrival)
            scores, groups = self._group(members)
            fit = {}  # article -> its mean similarity to the rest of its new group
            for group in groups:
                for i in group:
                    fit[members[i]] = float(scores[i, [j for j in group if j != i]].mean()) if len(group) > 1 else 0.0
            self._regroup(events, [[members[i] for i in group] for group in groups], fit)

    def take_moves(self) -> dict[str, dict]:
        """Articles moved to another event by refinements since the last call, with the evidence."""
        moves, self._moves = self._moves, {}
        return moves

    def _neighbourhood(self, touched: list[_Event]) -> list[_Event]:
        """The touched events and the events closest to them, all open (their members' features
        still kept) and together no larger than ``REFINE_MAX_ARTICLES`` articles."""
        chosen: dict[str, _Event] = {}
        size = 0
        for event in touched:
            if not self._is_open(event) or event.id in chosen:
                continue
            embedding = event.embedding / (float(np.linalg.norm(event.embedding)) or 1.0)
            terms, entities = dict(event.terms), dict(event.entities)  # cosines and index keys do not depend on scale
            weighed = self._weigh(terms, entities)
            near = [event] + [
                other
                for other in self._candidates(terms, entities)[:REFINE_NEIGHBOURS]
                if other is not event and self._is_open(other) and not _events_apart(event, other)
                and _combine(self._signals(weighed, embedding, other)) >= REFINE_NEAR
            ]
            near = [other for other in near if other.id not in chosen]
            if chosen and size + sum(len(other.members) for other in near) > REFINE_MAX_ARTICLES:
                continue  # re-grouped apart from its neighbours it would stay apart: it waits for the next round
            for other in near:
                if size + len(other.members) <= REFINE_MAX_ARTICLES:
                    chosen[other.id] = other
                    size += len(other.members)
        return sorted(chosen.values(), key=lambda event: event.age)

    def _close_quiet_events(self) -> None:
        """Forget the member features of events unchanged for ``REFINE_HORIZON`` arrivals:
        they are settled, and keeping every article's features would grow without bound."""
        while self._open:
            event_id, last = next(iter(self._open.items()))
            if last >= self._arrivals - REFINE_HORIZON:
                break
            del self._open[event_id]
            event = self._events.get(self._resolve(event_id))
            if event is not None and self._resolve(event_id) not in self._open:
                for article_id in event.members:
                    self._members.pop(article_id, None)

    def _is_open(self, event: _Event) -> bool:
        return len(event.members) <= REFINE_MAX_EVENT and all(m in self._members for m in event.members)

    def _group(self, members: list[str]) -> tuple[np.ndarray, list[list[int]]]:
        """Article pair scores, and articles -> events in two steps: stories by average
        link over article pairs, then each story split along its normalised cuts."""
        features = [self._members[m] for m in members]
        embeddings = np.stack([f.embedding for f in features]).astype(np.float64)
        days = np.array([f.when.toordinal() if f.when else np.nan for f in features])
        languages = np.array([f.language or "" for f in features])
        known = languages != ""
        with np.errstate(invalid="ignore"):
            apart = np.where(np.abs(days[:, None] - days[None, :]) > MAX_DATE_GAP_DAYS, APART, 0.0)
        articles = _Articles(
            terms=_weighted_matrix([f.terms for f in features], self._terms),
            entities=_weighted_matrix([f.entities for f in features], self._entities),
            figures=_weighted_matrix([f.figures for f in features]),
            embeddings=embeddings,
            meaning=embeddings @ embeddings.T,
            apart=apart,
            across=(languages[:, None] != languages[None, :]) & known[:, None] & known[None, :],
        )
        # the mix of article-to-event, without the year conflict: between two single articles
        # the years they write are weak evidence (a report cites earlier years)
        scores = WEIGHTS["terms"] * _term_similarity(_local_cosines(articles.terms), articles.meaning, articles.across)
        scores += WEIGHTS["entities"] * _local_cosines(articles.entities) + WEIGHTS["embedding"] * articles.meaning + apart
        stories = _average_link(scores, STORY_THRESHOLD)
        groups = [event for story in stories for event in _split(story, articles)]
        return scores, sorted(groups)

    def _regroup(self, events: list[_Event], groups: list[list[str]], fit: dict[str, float]) -> None:
        # an event the refinement found as it was stays as it is (and may settle)
        before = {frozenset(event.members): event for event in events}
        unchanged = {before[frozenset(group)].id for group in groups if frozenset(group) in before}
        events = [event for event in events if event.id not in unchanged]
        groups = [group for group in groups if frozenset(group) not in before]
        if not events:
            return
        old_of = {m: event.id for event in events for m in event.members}
        ages = {event.id: event.age for event in events}
        for event in events:
            del self._events[event.id]
        # the largest groups claim first the id most of their members had
        claimed: dict[str, list[str]] = {}
        for group in sorted(groups, key=lambda g: (-len(g), self._members[g[0]].arrival)):
            votes = Counter(old_of[m] for m in group)
            best = max(votes, key=lambda e: (votes[e], -ages[e]))
            if best in claimed:
                best = f"ev-{group[0]}"
                while best in self._alias or best in claimed or best in self._events:
                    best += "+"
            claimed[best] = group
        for event_id, group in claimed.items():
            event = _Event(id=event_id, members=[], age=min(self._members[m].arrival for m in group))
            self._events[event_id] = event
            self._alias.pop(event_id, None)
            self._open.pop(event_id, None)
            self._open[event_id] = self._arrivals
            for article_id in group:
                self._absorb(event, article_id, self._members[article_id])
                if old_of[article_id] != event_id:
                    self._moves[article_id] = {
                        "moved_from": old_of[article_id],
                        "reason": "refined: re-grouped by story, then split along the story's weakest links",
                        "similarity": round(fit[article_id], 4),
                        "group_size": len(group),
                    }
        for old_id in ages:
            if old_id not in claimed:
                self._alias[old_id] = max(claimed, key=lambda e: sum(old_of[m] == old_id for m in claimed[e]))

    def _weigh(self, terms: dict[str, float], entities: dict[str, float]) -> tuple[Weighed, Weighed]:
        return self._terms.weigh(terms), self._entities.weigh(entities)

    def _signals(self, weighed: tuple[Weighed, Weighed], embedding: np.ndarray, event: _Event) -> dict[str, float]:
        """Cosines of an article (its ``_weigh``-ed terms and entities, its embedding) with an event."""
        norm = float(np.linalg.norm(event.embedding))
        terms, entities = weighed
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

    def _absorb(self, event: _Event, article_id: str, member: _Member) -> None:
        event.members.append(article_id)
        if member.years:
            event.dated += 1
            event.years.update(member.years)
            event.latest_years[max(member.years)] += 1
        if member.language:
            event.languages[member.language] += 1
        event.norms.clear()
        event.terms.update(member.terms)
        event.entities.update(member.entities)
        event.embedding = event.embedding + member.embedding
        _prune(event)
        if member.when is not None:
            event.first_date = min(filter(None, (event.first_date, member.when)))
            event.last_date = max(filter(None, (event.last_date, member.when)))
        self._event_of[article_id] = event.id
        for key, _ in self._index_keys(member.terms, member.entities):
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
        signals = self._signals(self._weigh(small.terms, small.entities), embedding, large)
        signals["year_conflict"] = _events_year_conflict(small, large)
        return _combine(signals)

    def _fold(self, survivor: _Event, absorbed: _Event) -> None:
        survivor.members.extend(absorbed.members)
        survivor.norms.clear()
        survivor.terms.update(absorbed.terms)
        survivor.entities.update(absorbed.entities)
        survivor.embedding = survivor.embedding + absorbed.embedding
        survivor.years.update(absorbed.years)
        survivor.latest_years.update(absorbed.latest_years)
        survivor.dated += absorbed.dated
        survivor.languages.update(absorbed.languages)
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


def _years(features: ArticleFeatures) -> frozenset[int]:
    years = set(features.years)
    if features.published:
        years.add(int(features.published[:4]))
    return frozenset(years)


def _figures_and_year(figures: dict[str, int], years: frozenset[int]) -> dict[str, int]:
    """The figures an article gives, and the latest year it writes or was published in: the
    year its report is from (earlier years are background), which reports of one event share."""
    return figures | {f"year {max(years)}": 1} if years else figures


def _year_conflict(years: frozenset[int], event: _Event) -> float:
    """Share of the event's dated members whose written years the article does not
    share, half-weighted when the years overlap but the latest ones differ."""
    if not years or not event.dated:
        return 0.0
    overlap = max(event.years[y] for y in years) / event.dated
    same_latest = event.latest_years[max(years)] / event.dated
    return 1.0 - (overlap + same_latest) / 2


def _events_year_conflict(small: _Event, large: _Event) -> float:
    if not small.dated or not large.dated:
        return 0.0
    overlap = sum(min(small.years[y], large.years[y]) for y in small.years) / small.dated
    same_latest = sum(small.latest_years[y] * large.latest_years[y] for y in small.latest_years) / (small.dated * large.dated)
    return 1.0 - (min(1.0, overlap) + same_latest) / 2


def _weighted_matrix(vectors: list[dict[str, float]], vocabulary: _Vocabulary | None = None) -> np.ndarray:
    """Articles x keys: each article's sparse vector, every key weighted by its IDF in the
    store (figures have no IDF in the store: only the one among the articles compared)."""
    columns: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, vector in enumerate(vectors):
        for key, value in vector.items():
            rows.append(row)
            cols.append(columns.setdefault(key, len(columns)))
            values.append(value)
    matrix = np.zeros((len(vectors), max(1, len(columns))), np.float32)
    matrix[rows, cols] = values
    if vocabulary is not None:
        matrix[:, : len(columns)] *= np.array([vocabulary.weight(key) for key in columns], np.float32)
    return matrix


def _local_cosines(matrix: np.ndarray) -> np.ndarray:
    """Pairwise cosines of the rows of a ``_weighted_matrix``, each key weighted again by
    its IDF among these articles alone (what they all share counts for little)."""
    frequency = np.count_nonzero(matrix, axis=0)
    present = frequency > 0
    local = matrix[:, present] * (np.log((len(matrix) + 1) / (frequency[present] + 1)) + LOCAL_IDF_FLOOR).astype(np.float32)
    norms = np.linalg.norm(local, axis=1, keepdims=True)
    local /= np.where(norms > 0, norms, 1.0)
    return local @ local.T


def _average_link(scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-link agglomeration until no two groups are ``threshold`` similar; groups
    as sorted index lists, ordered by their first index. Ties go to the lowest indices."""
    size = len(scores)
    similarity = scores.astype(np.float64).copy()
    np.fill_diagonal(similarity, -np.inf)
    counts = np.ones(size)
    groups: dict[int, list[int]] = {i: [i] for i in range(size)}
    while len(groups) > 1:
        flat = int(np.argmax(similarity))
        i, j = divmod(flat, size)
        if similarity[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        merged = (similarity[i] * counts[i] + similarity[j] * counts[j]) / (counts[i] + counts[j])
        similarity[i], similarity[:, i] = merged, merged
        similarity[i, i] = -np.inf
        similarity[j], similarity[:, j] = -np.inf, -np.inf
        counts[i] += counts[j]
        groups[i] = sorted(groups[i] + groups.pop(j))
    return [groups[i] for i in sorted(groups)]


@dataclass
class _Articles:
    """What refinement compares of a group of articles; row i of each matrix is article i."""

    terms: np.ndarray  # a ``_weighted_matrix``
    entities: np.ndarray  # a ``_weighted_matrix``
    figures: np.ndarray  # a ``_weighted_matrix``
    embeddings: np.ndarray
    meaning: np.ndarray  # embedding cosines
    apart: np.ndarray  # APART where the sources date two articles too far apart, else 0
    across: np.ndarray  # True where two articles are written in different languages


def _term_similarity(cosines: np.ndarray, meaning: np.ndarray, across: np.ndarray) -> np.ndarray:
    """Term cosines, except for two reports in different languages: they share names and
    numbers but hardly a word, so there the similarity is read off their meaning (left as
    term cosines, the reports in each language pull together, away from their event)."""
    if not across.any():
        return cosines
    return np.where(across, np.maximum(cosines, _terms_from_meaning(meaning)), cosines)


def _terms_from_meaning(meaning: np.ndarray | float) -> np.ndarray | float:
    """The term similarity embedding cosines stand for: cosines at ``MEANING_BASELINE`` (two
    unrelated reports on one subject) map to 0, a translation (about 0.9) to about 0.8."""
    return np.clip((meaning - MEANING_BASELINE) / (1.0 - MEANING_BASELINE), 0.0, 1.0)


def _split(story: list[int], articles: _Articles) -> list[list[int]]:
    """Split a story in two along its best normalised cut while that cut is below
    ``SPLIT_NCUT``, and each part again: two same-kind events inside one story form
    two blocks of articles that agree among themselves more than across.

    Each story or part is looked at on its own: embeddings centred on it and term
    weights from it, so what all its articles share (the kind of event) is
    discounted and what is left tells its events apart; the figures two articles both
    give count on top (reports of one earthquake repeat its magnitude and time, reports
    of another give others), and among them the year each report is from (two outages
    years apart, or one told over weeks of a year). Each article keeps only its links to its
    ``SPLIT_NEIGHBOURS`` nearest, so that block stands out from the faint links every
    article has to every other of the same kind.
    """
    if len(story) < SPLIT_MIN_ARTICLES:
        return [story]
    inside = np.ix_(story, story)
    centred = articles.embeddings[story] - articles.embeddings[story].mean(axis=0)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9)
    scores = SPLIT_WEIGHTS["terms"] * _term_similarity(_local_cosines(articles.terms[story]), articles.meaning[inside], articles.across[inside])
    scores += SPLIT_WEIGHTS["entities"] * _local_cosines(articles.entities[story])
    scores += SPLIT_WEIGHTS["embedding"] * (centred @ centred.T) + articles.apart[inside]
    scores += SPLIT_WEIGHTS["figures"] * _figure_similarity(articles.figures[story])
    ncut, left, right = _best_cut(_nearest_neighbours(scores, SPLIT_NEIGHBOURS))
    if ncut >= SPLIT_NCUT:
        return [story]
    return [part for side in (left, right) for part in _split([story[i] for i in side], articles)]


def _figure_similarity(figures: np.ndarray) -> np.ndarray:
    """Cosines of the figures two articles give (``_local_cosines``); where one gives none
    there is no evidence either way, and the pair scores 0."""
    given = figures.any(axis=1)
    return np.where(given[:, None] & given[None, :], _local_cosines(figures), 0.0)


def _nearest_neighbours(scores: np.ndarray, count: int) -> np.ndarray:
    """Keep a link when it is among the ``count`` strongest of either article (negative
    scores dropped)."""
    ranked = np.argsort(-np.where(np.eye(len(scores), dtype=bool), -np.inf, scores), axis=1, kind="stable")
    keep = np.zeros(scores.shape, bool)
    np.put_along_axis(keep, ranked[:, :count], True, axis=1)
    keep |= keep.T
    np.fill_diagonal(keep, False)
    return np.where(keep, np.clip(scores, 0.0, None), 0.0)


def _best_cut(scores: np.ndarray) -> tuple[float, list[int], list[int]]:
    """The lowest normalised cut among the splits along the graph's Fiedler vector
    (spectral bisection; negative scores count as no link)."""
    weights = np.clip(scores.astype(np.float64), 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degree = np.maximum(weights.sum(axis=1), 1e-9)
    inverse_root = 1.0 / np.sqrt(degree)
    laplacian = np.eye(len(weights)) - inverse_root[:, None] * weights * inverse_root[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    order = np.argsort(inverse_root * vectors[:, 1], kind="stable")
    total = degree.sum()
    best = (math.inf, 0)
    cut = volume = 0.0
    inside = np.zeros(len(weights), bool)
    for k, node in enumerate(order[:-1], start=1):
        cut += degree[node] - 2.0 * weights[node, inside].sum()
        inside[node] = True
        volume += degree[node]
        ncut = cut / volume + cut / max(total - volume, 1e-9)
        if ncut < best[0]:
            best = (ncut, k)
    return best[0], sorted(order[: best[1]].tolist()), sorted(order[best[1] :].tolist())
