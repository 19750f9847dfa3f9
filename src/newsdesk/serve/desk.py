"""What the server reads: event dossiers, the events list and articles, from one store file.

Each server thread reads through its own SQLite connection, kept for the thread's life (WAL
lets it read while the single ingest writer commits). Dossiers are built with ``build_dossier`` for one event at a
time and kept in memory, keyed by the event's member articles: an article's analysis never
changes once stored (its id is a hash of its text), so a cached dossier is stale exactly when
the event gained, lost or swapped articles, and the key notices that without any bookkeeping.

The events list needs, per event, what only a dossier knows (title, date, places, conflicts),
but building every dossier per request would not scale. Each built dossier therefore leaves a
small *digest* (one list row). Digests live in memory rather than in a store table because they
depend on the analysis code as much as on the data (a new claims or linking stage changes
them): a table would need invalidating on every code change, while memory starts fresh with the
server. A builder thread fills missing digests and rebuilds stale dossiers; until then an event
is listed from its previous digest, or from its articles' headings alone, and marked ``pending``.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsdesk.pipeline import build_dossier
from newsdesk.report import dossier_to_json
from newsdesk.store import Store

logger = logging.getLogger(__name__)

CACHED_DOSSIERS = 256
IDLE_WAIT_SECONDS = 2.0
ENTITY_NAMES_IN_DIGEST = 6


@dataclass
class CachedEvent:
    """One event's dossier (the ``newsdesk.dossier/1`` document) and views rendered from it."""

    members: tuple[str, ...]
    document: dict[str, Any]
    views: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventRead:
    entry: CachedEvent
    stale: bool  # the event's articles changed since this dossier was built; a rebuild is under way

    @property
    def document(self) -> dict[str, Any]:
        return self.entry.document


@dataclass(frozen=True)
class EventQuery:
    text: str | None = None
    entity: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    offset: int = 0
    limit: int = 20


class Desk:
    def __init__(self, db_path: str | Path):
        self.db_path = str(db_path)
        with Store(self.db_path):
            pass  # creates and migrates the store once, before any reader
        self._lock = threading.Lock()
        self._local = threading.local()
        self._dossiers: OrderedDict[str, CachedEvent] = OrderedDict()
        self._digests: dict[str, tuple[tuple[str, ...], dict[str, Any], frozenset[str]]] = {}
        self._building: dict[str, threading.Lock] = {}
        self._rebuild: queue.Queue[str | None] = queue.Queue()
        self._queued: frozenset[str] = frozenset()
        self._failed: dict[str, tuple[str, ...]] = {}  # event -> the articles it failed to build with; not retried until they change
        self._stopping = threading.Event()
        self._builder: threading.Thread | None = None

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """This thread's read connection; server threads are pooled, so each opens one and keeps it."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path)
        yield store

    def members(self, store: Store) -> dict[str, list[str]]:
        """Each event's articles, re-read only when some connection has committed since this thread last looked."""
        version = store.db.execute("PRAGMA data_version").fetchone()[0]
        cached = getattr(self._local, "members", None)
        if cached is None or cached[0] != version:
            cached = self._local.members = (version, store.event_members())
        return cached[1]

    def successor(self, event_id: str) -> str | None:
        """The event that now holds most of the articles of an event that merged away."""
        with self._lock:
            cached = self._dossiers.get(event_id)
        with self.reading() as store:
            if cached:
                where = {aid: eid for eid, ids in self.members(store).items() for aid in ids}
                heirs = [where[aid] for aid in cached.members if aid in where]
            else:
                heirs = [a.event_id for a in store.assignments() if a.decision.get("moved_from") == event_id]
        return Counter(heirs).most_common(1)[0][0] if heirs else None

    # -- events ------------------------------------------------------------------------

    def start(self) -> None:
        self._builder = threading.Thread(target=self._build_in_background, name="newsdesk-dossiers", daemon=True)
        self._builder.start()

    def stop(self) -> None:
        self._stopping.set()
        self._rebuild.put(None)
        if self._builder:
            self._builder.join(timeout=60)

    def event(self, event_id: str) -> EventRead | None:
        """The event's dossier. The first read builds it; after the event's articles change, reads
        get the previous dossier marked stale while the builder thread makes the new one."""
        with self.reading() as store:
            members = self.members(store).get(event_id)
        if members is None:
            return None
        key = tuple(sorted(members))
        with self._lock:
            cached = self._dossiers.get(event_id)
            if cached:
                self._dossiers.move_to_end(event_id)
        if cached and cached.members == key:
            return EventRead(cached, stale=False)
        if cached:
            with self._lock:
                queued, self._queued = event_id in self._queued, self._queued | {event_id}
            if not queued:
                self._rebuild.put(event_id)
            return EventRead(cached, stale=True)
        built = self._build(event_id, key)
        return EventRead(built, stale=False) if built else None

    def _build(self, event_id: str, key: tuple[str, ...]) -> CachedEvent | None:
        with self._build_lock(event_id):
            with self._lock:
                cached = self._dossiers.get(event_id)
            if cached and cached.members == key:
                return cached  # built by another reader while this one waited
            with self.reading() as store:
                document = dossier_to_json(build_dossier(store, [event_id]))
            if not document["events"]:
                return None
            built = CachedEvent(tuple(sorted(document["events"][0]["article_ids"])), document)
            with self._lock:
                self._dossiers[event_id] = built
                self._dossiers.move_to_end(event_id)
                while len(self._dossiers) > CACHED_DOSSIERS:
                    self._dossiers.popitem(last=False)
                self._digests[event_id] = (built.members, *_digest(document))
            return built

    def _build_lock(self, event_id: str) -> threading.Lock:
        # one build per event at a time: fifty readers opening a fresh event wait for one build
        with self._lock:
            return self._building.setdefault(event_id, threading.Lock())

    def _build_in_background(self) -> None:
        """Rebuild stale dossiers readers asked for; when none is asked for, fill one missing list digest."""
        wait = 0.0
        while not self._stopping.is_set():
            try:
                event_id = self._rebuild.get(timeout=wait)
            except queue.Empty:
                event_id = self._next_stale_digest()
                if event_id is None:
                    wait = IDLE_WAIT_SECONDS
                    continue
            if event_id is None:
                return
            with self._lock:
                self._queued = self._queued - {event_id}
            wait = 0.0
            with self.reading() as store:
                members = self.members(store).get(event_id)
            if members is None:
                continue
            key = tuple(sorted(members))
            try:
                self._build(event_id, key)
            except Exception:  # one event failing to build must not stop the builder; readers of it get the error
                logger.exception("building the dossier of %s failed", event_id)
                self._failed[event_id] = key

    def _next_stale_digest(self) -> str | None:
        with self.reading() as store:
            members = self.members(store)
        with self._lock:
            for event_id, ids in members.items():
                key = tuple(sorted(ids))
                current = event_id in self._digests and self._digests[event_id][0] == key
                if not current and self._failed.get(event_id) != key:
                    return event_id
        return None

    def events(self, query: EventQuery) -> dict[str, Any]:
        """One page of the events list, newest first, with the total that matched."""
        with self.reading() as store:
            members = self.members(store)
            with self._lock:
                digests = dict(self._digests)
            stale = [eid for eid, ids in members.items() if eid not in digests or digests[eid][0] != tuple(sorted(ids))]
            headings = store.article_headings(aid for eid in stale if eid not in digests for aid in members[eid])
            matching_articles = store.articles_containing(query.text) if query.text else None
        rows: list[dict[str, Any]] = []
        for event_id, article_ids in members.items():
            if event_id in stale and event_id in digests:  # its articles changed: the old row, marked pending
                _, row, names = digests[event_id]
                row = {**row, "article_ids": list(article_ids), "pending": True}
            elif event_id in stale:
                row, names = _pending_row(event_id, article_ids, headings), frozenset()
            else:
                _, row, names = digests[event_id]
            if _matches(query, row, names, article_ids, matching_articles):
                rows.append(row)
        rows.sort(key=lambda r: (r["date"] or "", len(r["article_ids"]), r["id"]), reverse=True)
        return {
            "total": len(rows),
            "offset": query.offset,
            "limit": query.limit,
            "pending": sum(1 for r in rows if r["pending"]),
            "items": rows[query.offset : query.offset + query.limit],
        }

    # -- articles ----------------------------------------------------------------------

    def article(self, article_id: str) -> tuple[EventRead, dict[str, Any]] | None:
        """The article's event and the article as it appears in that event's dossier."""
        with self.reading() as store:
            event_id = next((eid for eid, ids in self.members(store).items() if article_id in ids), None)
        cached = self.event(event_id) if event_id else None
        if cached is None:
            return None
        article = next((a for a in cached.document["articles"] if a["id"] == article_id), None)
        return (cached, article) if article else None

    def counts(self) -> dict[str, int]:
        with self.reading() as store:
            return {"articles": store.count_articles(), "events": len(self.members(store))}


def article_annotations(document: dict[str, Any], article_id: str) -> dict[str, Any]:
    """Everything the dossier says about one article, each span into that article's text."""
    (event,) = document["events"]

    def mine(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [e for e in entries if e["article_id"] == article_id]

    return {
        "event_id": event["id"],
        "mentions": [
            {**m, "entity_id": entity["id"], "entity_name": entity["name"], "entity_type": entity["type"]}
            for entity in event["entities"]
            for m in mine(entity["mentions"])
        ],
        "quotes": mine(event["quotes"]),
        "posts": mine(event["posts"]),
        "removed": mine(document["removed"]),
        "findings": [
            {**f, "support": mine(f["support"]), "group": group}
            for group in ("agreements", "conflicts", "single_source")
            for f in event.get(group, [])
            if mine(f["support"])
        ],
    }


def _digest(document: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
    """The list row of a one-event dossier, and the entity names and variants it can be found by."""
    (event,) = document["events"]
    articles = [a for a in document["articles"] if a["id"] in set(event["article_ids"])]
    names = frozenset(v["text"].casefold() for e in event["entities"] for v in e["variants"]) | {e["name"].casefold() for e in event["entities"]}
    row = {
        "id": event["id"],
        "title": event["title"],
        "date": event["date"],
        "places": [p["name"] for p in event["places"]],
        "article_ids": list(event["article_ids"]),
        "sources": sorted({a["source"] for a in articles if a["source"]}),
        "languages": sorted({a["language"] for a in articles if a["language"]}),
        "entities": [e["name"] for e in event["entities"][:ENTITY_NAMES_IN_DIGEST]],
        "agreements": len(event["agreements"]),
        "conflicts": len(event["conflicts"]),
        "contradictions": sum(f["kind"] == "contradiction" for f in event["conflicts"]),
        "pending": False,
    }
    return row, names


def _pending_row(event_id: str, article_ids: list[str], headings: dict) -> dict[str, Any]:
    """A list row from article headings alone, until the event's dossier is built."""
    heads = [headings[aid] for aid in article_ids if aid in headings]
    dates = sorted(h.published[:10] for h in heads if h.published)
    return {
        "id": event_id,
        "title": next((h.title for h in heads if h.title), None),
        "date": dates[0] if dates else None,
        "places": [],
        "article_ids": list(article_ids),
        "sources": sorted({h.source for h in heads if h.source}),
        "languages": sorted({h.language for h in heads if h.language}),
        "entities": [],
        "agreements": 0,
        "conflicts": 0,
        "contradictions": 0,
        "pending": True,
    }


def _matches(query: EventQuery, row: dict[str, Any], names: frozenset[str], article_ids: list[str], matching_articles: set[str] | None) -> bool:
    if matching_articles is not None:
        in_title = query.text.casefold() in (row["title"] or "").casefold()
        if not in_title and not matching_articles.intersection(article_ids):
            return False
    if query.entity:
        wanted = query.entity.casefold()
        if not any(wanted in name for name in names):
            return False
    day = row["date"][:10] if row["date"] else None
    if query.date_from and (day is None or day < query.date_from.isoformat()):
        return False
    if query.date_to and (day is None or day > query.date_to.isoformat()):
        return False
    return True
