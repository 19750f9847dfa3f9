"""The read side of the store: event digests, stored dossiers and full-text search.

The writer keeps these up to date, so that listing, searching and showing an event are plain
queries: a digest's membership columns in the transaction of the batch that changed the event,
its summary columns and the event's dossier when the writer rebuilds that dossier (see
``newsdesk.pipeline.refresh_dossiers``). Nothing here imports an analysis stage.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from newsdesk import __version__

ENTITY_NAMES_IN_DIGEST = 6
PLACES_IN_DIGEST = 6
# articles of one event indexed together for search (migration 0005): a word is looked up once
# per chunk rather than once per article, and an article joining an event rewrites one chunk of
# at most this many articles. 8 articles of news keep a chunk's words under PostgreSQL's 16,383
# positions a tsvector holds (longer ones lose phrase matches past that position).
ARTICLES_A_CHUNK = 8


@dataclass(frozen=True)
class EventQuery:
    text: str | None = None  # words in an article's title, text or outlet (the last one may be a prefix)
    entity: str | None = None  # part of an entity's name or of any of its spellings
    date_from: date | None = None
    date_to: date | None = None
    offset: int = 0
    limit: int | None = 20
    order: Literal["newest", "largest"] = "newest"


@dataclass(frozen=True)
class EventPage:
    total: int  # events that match
    pending: int  # of those, events whose dossier is being rebuilt (their row may be out of date)
    items: list[dict[str, Any]]  # the requested page of list rows


@dataclass(frozen=True)
class StoredDossier:
    event_id: str
    document: dict[str, Any]  # newsdesk.dossier/1 of the event alone; ``errors`` as when it was built
    members_key: str
    current: bool  # built from the event's articles as they are now


def members_key(article_ids: Iterable[str]) -> str:
    """Names a set of articles: equal keys, same articles (in any order)."""
    return hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()


def update_digests(db, event_ids: Iterable[str], search: bool = True) -> None:
    """Rewrite the membership columns of these events' digests from their articles as stored
    and, unless ``search`` is False (a store migrated from before it had event search), their
    search chunks (inside the caller's transaction); an event left without articles loses its digest."""
    for event_id in set(event_ids):
        rows = db.execute(
            "SELECT a.id, a.title, a.source, a.published, a.language, a.seq FROM assignments s JOIN articles a ON a.id = s.article_id"
            " WHERE s.event_id = ? ORDER BY a.seq",
            (event_id,),
        ).fetchall()
        if search:
            index_event(db, event_id, [r[5] for r in rows])
        if not rows:
            db.execute("DELETE FROM event_digests WHERE event_id = ?", (event_id,))
            continue
        ids = [r[0] for r in rows]
        dates = sorted(r[3][:10] for r in rows if r[3])
        db.execute(
            "INSERT INTO event_digests (event_id, members_key, article_ids, articles, sources, languages, first_seq, title, date)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_id) DO UPDATE SET"
            " members_key = excluded.members_key, article_ids = excluded.article_ids, articles = excluded.articles,"
            " sources = excluded.sources, languages = excluded.languages, first_seq = excluded.first_seq,"
            # until a dossier has summarised the event, its headings stand in for title and date
            " title = CASE WHEN event_digests.summarised_key IS NULL THEN excluded.title ELSE event_digests.title END,"
            " date = CASE WHEN event_digests.summarised_key IS NULL THEN excluded.date ELSE event_digests.date END",
            (
                event_id, members_key(ids), json.dumps(ids), len(ids),
                json.dumps(sorted({r[2] for r in rows if r[2]}), ensure_ascii=False),
                json.dumps(sorted({r[4] for r in rows if r[4]})),
                rows[0][5], next((r[1] for r in rows if r[1]), None), dates[0] if dates else None,
            ),
        )


def index_event(db, event_id: str, seqs: list[int]) -> None:
    """Bring the event's search chunks up to its articles (``seqs``, in arrival order), rewriting
    only the chunks whose articles changed (inside the caller's transaction)."""
    wanted = {",".join(map(str, seqs[n : n + ARTICLES_A_CHUNK])): seqs[n : n + ARTICLES_A_CHUNK] for n in range(0, len(seqs), ARTICLES_A_CHUNK)}
    have = db.execute("SELECT chunk, seqs FROM event_search_chunks WHERE event_id = ?", (event_id,)).fetchall()
    gone = [chunk for chunk, key in have if key not in wanted]
    if gone:
        db.drop_chunks(gone)
    kept = {key for _, key in have}
    for key, part in wanted.items():
        if key not in kept:
            db.index_chunk(event_id, key, part)


def write_dossier(db, document: dict[str, Any], built_at: str) -> None:
    """Store a one-event dossier and, when it is of the event's current articles, summarise the
    event's digest from it (inside the caller's transaction). A dossier of the event's current
    articles is never replaced by one of older articles: two ingests into one store refresh their
    events' dossiers at their own ends, and the one that read the event before the other's batch
    may write last."""
    (event,) = document["events"]
    key = members_key(event["article_ids"])
    stored = {**document, "errors": []}  # the store's errors are read fresh with each dossier
    blob = zlib.compress(json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)
    db.execute(
        "INSERT INTO event_dossiers VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET"
        " members_key = excluded.members_key, document = excluded.document, built_at = excluded.built_at, built_by = excluded.built_by"
        " WHERE excluded.members_key = (SELECT members_key FROM event_digests WHERE event_id = excluded.event_id)"
        " OR event_dossiers.members_key IS DISTINCT FROM (SELECT members_key FROM event_digests WHERE event_id = excluded.event_id)",
        (event["id"], key, blob, built_at, __version__),
    )
    names = {e["name"].casefold() for e in event["entities"]} | {v["text"].casefold() for e in event["entities"] for v in e["variants"]}
    db.execute(
        "UPDATE event_digests SET title = ?, date = ?, places = ?, entities = ?, names = ?, agreements = ?, conflicts = ?, contradictions = ?, summarised_key = ?"
        " WHERE event_id = ? AND members_key = ?",
        (
            event["title"], event["date"],
            json.dumps([p["name"] for p in event["places"]][:PLACES_IN_DIGEST], ensure_ascii=False),
            json.dumps([e["name"] for e in event["entities"][:ENTITY_NAMES_IN_DIGEST]], ensure_ascii=False),
            "\n".join(sorted(names)), *finding_counts(event), key, event["id"], key,
        ),
    )


def finding_counts(event: dict[str, Any]) -> tuple[int, int, int]:
    """An event's agreements, conflicts and, of those, contradictions: the list's badge counts
    only contradictions (a precision difference or an update is no reason for alarm)."""
    conflicts = event["conflicts"]
    return len(event["agreements"]), len(conflicts), sum(f["kind"] == "contradiction" for f in conflicts)


def read_dossier(db, event_id: str) -> StoredDossier | None:
    row = db.execute(
        "SELECT s.document, s.members_key, d.members_key, s.built_by FROM event_dossiers s LEFT JOIN event_digests d ON d.event_id = s.event_id"
        " WHERE s.event_id = ?",
        (event_id,),
    ).fetchone()
    if row is None:
        return None
    document = json.loads(zlib.decompress(row[0]).decode("utf-8"))
    return StoredDossier(event_id, document, row[1], current=row[1] == row[2] and row[3] == __version__)


def dossier_keys(db, event_id: str) -> tuple[str, str | None] | None:
    """What the event's stored dossier was built from and what it should be built from now,
    comparable for equality; None when no dossier is stored."""
    row = db.execute(
        "SELECT s.members_key, s.built_by, d.members_key FROM event_dossiers s LEFT JOIN event_digests d ON d.event_id = s.event_id WHERE s.event_id = ?",
        (event_id,),
    ).fetchone()
    if row is None:
        return None
    return f"{row[0]}/{row[1]}", (f"{row[2]}/{__version__}" if row[2] else None)


def mark_stale(db, event_ids: Iterable[str] | None) -> None:
    if event_ids is None:
        db.execute("UPDATE event_dossiers SET built_by = ''")
        return
    db.executemany("UPDATE event_dossiers SET built_by = '' WHERE event_id = ?", [(e,) for e in event_ids])


def stale_dossiers(db) -> list[str]:
    """Events whose dossier is missing, was built from other articles than they hold now, or by
    another version of newsdesk, oldest first."""
    rows = db.execute(
        "SELECT d.event_id FROM event_digests d LEFT JOIN event_dossiers s ON s.event_id = d.event_id"
        " WHERE s.members_key IS DISTINCT FROM d.members_key OR s.built_by IS DISTINCT FROM ? ORDER BY d.first_seq",
        (__version__,),
    )
    return [r[0] for r in rows]


def search_words(text: str) -> list[str]:
    """The words of what a user typed, searched for as one phrase, the last word also as a
    prefix (a search box is typed into); the query syntax of the database is never read."""
    return re.findall(r"\w+", text)


def event_page(db, query: EventQuery) -> EventPage:
    """The events that match ``query``: how many, and the requested page of their digests."""
    where, params = ["TRUE"], []
    if query.text is not None:
        words = search_words(query.text)
        if not words:
            return EventPage(0, 0, [])
        condition, more = db.text_filter(words)
        where.append(condition)
        params += more
    if query.entity:
        where.append("instr(d.names, ?) > 0")
        params.append(query.entity.casefold())
    if query.date_from:
        where.append("substr(d.date, 1, 10) >= ?")
        params.append(query.date_from.isoformat())
    if query.date_to:
        where.append("substr(d.date, 1, 10) <= ?")
        params.append(query.date_to.isoformat())
    condition = " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM event_digests d WHERE {condition}", params).fetchone()[0]
    pending = db.execute(f"SELECT COUNT(*) FROM event_digests d WHERE d.summarised_key IS DISTINCT FROM d.members_key AND {condition}", params).fetchone()[0]
    order = "d.date DESC NULLS LAST, d.articles DESC, d.event_id DESC" if query.order == "newest" else "d.articles DESC, coalesce(d.date, ''), d.event_id"
    limit = db.NO_LIMIT if query.limit is None else query.limit
    rows = db.execute(
        "SELECT d.event_id, d.title, d.date, d.places, d.article_ids, d.sources, d.languages, d.entities, d.agreements, d.conflicts,"
        f" d.summarised_key IS DISTINCT FROM d.members_key, d.contradictions, d.articles FROM event_digests d WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, query.offset],
    ).fetchall()
    return EventPage(total, pending, [
        {
            "id": r[0],
            "title": r[1],
            "date": r[2],
            "places": json.loads(r[3]),
            "article_ids": json.loads(r[4]),
            "articles": r[12],
            "sources": json.loads(r[5]),
            "languages": json.loads(r[6]),
            "entities": json.loads(r[7]),
            "agreements": r[8],
            "conflicts": r[9],
            "contradictions": r[11],
            "pending": bool(r[10]),
        }
        for r in rows
    ])
