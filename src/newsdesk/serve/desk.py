"""What the server reads: event dossiers, the events list and articles, from one store.

Everything is read as the writer stored it (see ``newsdesk.store.reads``): the events list and
its search are queries over the event digests and the full-text index, and an event's page is
its stored dossier. Each server thread reads through its own SQLite connection, kept for the
thread's life (WAL lets it read while the ingest writer commits).

A stored dossier whose event has since gained or lost articles is served marked stale while
the writer rebuilds it (at the end of each ingest chunk, or when asked through ``on_stale``).
Only an event with no stored dossier at all (a store from before they were stored) is built
here, once, and stored for everyone. Decompressed dossiers and the views rendered from them are
kept in memory for the most recently read events, keyed by the articles they were built from.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.store import EventQuery, Store

logger = logging.getLogger(__name__)

CACHED_DOSSIERS = 256

__all__ = ["CachedEvent", "Desk", "EventQuery", "EventRead", "article_annotations"]


@dataclass
class CachedEvent:
    """One event's dossier (the ``newsdesk.dossier/1`` document) and views rendered from it."""

    key: str  # what the dossier was built from (its articles and newsdesk version), see Store.dossier_keys
    document: dict[str, Any]
    views: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventRead:
    entry: CachedEvent
    stale: bool  # the event's articles changed since this dossier was built; a rebuild is under way

    @property
    def document(self) -> dict[str, Any]:
        return self.entry.document


class Desk:
    def __init__(self, db_path: str | Path, on_stale: Callable[[], None] = lambda: None):
        self.db_path = str(db_path)
        with Store(self.db_path):
            pass  # creates and migrates the store once, before any reader
        self.on_stale = on_stale
        self._lock = threading.Lock()
        self._local = threading.local()
        self._dossiers: OrderedDict[str, CachedEvent] = OrderedDict()
        self._building: dict[str, threading.Lock] = {}

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """This thread's read connection; server threads are pooled, so each opens one and keeps it."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path)
        yield store

    def successor(self, event_id: str) -> str | None:
        """The event that now holds most of the articles of an event that merged away."""
        with self.reading() as store:
            stored = store.stored_dossier(event_id)
            if stored is not None:
                heirs = [store.event_of(aid) for aid in stored.document["events"][0]["article_ids"]]
            else:
                heirs = [a.event_id for a in store.assignments() if a.decision.get("moved_from") == event_id]
        heirs = [h for h in heirs if h is not None and h != event_id]
        return Counter(heirs).most_common(1)[0][0] if heirs else None

    # -- events ------------------------------------------------------------------------

    def event(self, event_id: str) -> EventRead | None:
        """The event's stored dossier, marked stale when its articles changed since it was built."""
        with self.reading() as store:
            if not store.has_event(event_id):
                return None
            keys = store.dossier_keys(event_id)
        if keys is None:
            built = self._build(event_id)
            return EventRead(built, stale=False) if built else None
        stored_key, current_key = keys
        with self._lock:
            cached = self._dossiers.get(event_id)
            if cached:
                self._dossiers.move_to_end(event_id)
        if not cached or cached.key != stored_key:
            with self.reading() as store:
                stored = store.stored_dossier(event_id)
            if stored is None:
                return None
            cached = self._remember(event_id, CachedEvent(stored_key, stored.document))
        stale = stored_key != current_key
        if stale:
            self.on_stale()
        return EventRead(cached, stale)

    def _remember(self, event_id: str, entry: CachedEvent) -> CachedEvent:
        with self._lock:
            self._dossiers[event_id] = entry
            self._dossiers.move_to_end(event_id)
            while len(self._dossiers) > CACHED_DOSSIERS:
                self._dossiers.popitem(last=False)
        return entry

    def _build(self, event_id: str) -> CachedEvent | None:
        """Build and store the dossier of an event that has none (one build per event at a time)."""
        from newsdesk.pipeline import build_dossier  # loads the analysis models: only for stores without stored dossiers
        from newsdesk.report import dossier_to_json

        with self._build_lock(event_id):
            with self.reading() as store:
                if store.dossier_keys(event_id) is None:
                    dossier = build_dossier(store, [event_id])
                    if not dossier.events:
                        return None
                    store.write_dossier(dossier_to_json(dossier))
                stored, keys = store.stored_dossier(event_id), store.dossier_keys(event_id)
            return self._remember(event_id, CachedEvent(keys[0], stored.document)) if stored else None

    def _build_lock(self, event_id: str) -> threading.Lock:
        # fifty readers opening an event without a dossier wait for one build
        with self._lock:
            return self._building.setdefault(event_id, threading.Lock())

    def events(self, query: EventQuery) -> dict[str, Any]:
        """One page of the events list, newest first, with the total that matched."""
        with self.reading() as store:
            page = store.events_page(query)
        return {
            "total": page.total,
            "offset": query.offset,
            "limit": query.limit,
            "pending": page.pending,
            "items": page.items,
        }

    # -- articles ----------------------------------------------------------------------

    def article(self, article_id: str) -> tuple[EventRead, dict[str, Any]] | None:
        """The article's event and the article as it appears in that event's dossier."""
        with self.reading() as store:
            event_id = store.event_of(article_id)
        found = self.event(event_id) if event_id else None
        if found is None:
            return None
        article = next((a for a in found.document["articles"] if a["id"] == article_id), None)
        return (found, article) if article else None

    def counts(self) -> dict[str, int]:
        with self.reading() as store:
            return {"articles": store.count_articles(), "events": store.count_events()}


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
