"""The store: the only place that reads or writes the database.

An SQLite file by default, or a PostgreSQL database (``postgresql://…``); the SQL is the same
and what differs between the two is in ``connection.py``. Schema changes are numbered SQL
migrations under ``migrations/`` (with PostgreSQL variants where the SQL differs). Each batch is
written in one transaction, so a run killed at any point keeps every batch committed before it,
and running it again skips what is already stored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from newsdesk.model import Analysis, Article, InputError
from newsdesk.store import connection, jobs, reads
from newsdesk.store.codec import from_plain, to_plain
from newsdesk.store.connection import StoreError, is_server, store_error
from newsdesk.store.reads import EventPage, EventQuery, StoredDossier, members_key
from newsdesk.vectors import TextVectors

__all__ = ["Assignment", "ClustererSave", "EventPage", "EventQuery", "Store", "StoreError", "StoredDossier", "analysis_from_stored", "is_server", "members_key", "store_exists"]


@dataclass(frozen=True)
class ClustererSave:
    """The online clusterer's state saved by parts (migration 0007, ``OnlineClusterer.state_by_parts``):
    ``state``, the part saved whole, replaces the stored blob; ``shelved`` (key and data, in the
    clusterer's order) are the entries kept apart (settled events' packed profiles, open events'
    members) added since the writer's last save, ``unshelved`` the stored ones gone since. Each
    batch then writes what changed, not every member and event ever made."""

    state: bytes
    shelved: list[tuple[str, bytes]]
    unshelved: list[str]


@dataclass(frozen=True)
class Assignment:
    article_id: str
    event_id: str
    decision: dict


def store_exists(target: str | Path) -> bool:
    """Whether there is a store at ``target``: an SQLite file, or a PostgreSQL database that holds one."""
    if not is_server(target):
        return Path(target).exists()
    db = connection.connect(target, create=False)
    try:
        return "migrations" in db.tables()
    except db.ERRORS as exc:
        raise store_error(db.location, exc) from exc
    finally:
        db.close()


class Store:
    """``create=False`` refuses a path with no store rather than creating an empty one. A store the
    user cannot write is opened read-only: reads work, and any write raises :class:`StoreError`."""

    def __init__(self, path: str | Path, create: bool = True):
        self.db = connection.connect(path, create)
        self.path = self.db.location
        self.read_only = self.db.read_only
        try:
            if self.read_only:
                self._check_migrated()
                return
            self.db.configure()
            if not self._set_up():
                # creating a store and migrating it are writes that SQLite cannot queue (two
                # processes creating one store at once get "database is locked" at once), so
                # they take turns on a lock of their own: the writer's lock is held for whole
                # ingests, and a reader opening the store must not wait for one
                with self.db.lock("setup"):
                    if not self._set_up():
                        if not create and is_server(path) and "migrations" not in self.db.tables():
                            raise StoreError(f"no store at {self.path}", usage=True)
                        self.db.make_ready()
                        self._migrate()
        except self.db.ERRORS as exc:
            self.db.close()
            raise store_error(self.path, exc) from exc
        except StoreError:
            self.db.close()
            raise

    def require_writable(self) -> None:
        """Raise :class:`StoreError` now, before any work, when the store cannot be written."""
        if self.read_only:
            raise StoreError(f"the store {self.path} is read-only (no write permission on it or its folder); use a writable copy or another --db")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _set_up(self) -> bool:
        """Whether the store is ready (SQLite: in WAL mode) with every migration applied (reads only)."""
        if not self.db.ready() or "migrations" not in self.db.tables():
            return False
        applied = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        return all(script.name in applied for script in self.db.migration_scripts())

    def _migrate(self) -> None:
        tables = self.db.tables()
        if tables and "migrations" not in tables:
            raise StoreError(f"{self.path} is a database but not a newsdesk store; give another --db", usage=True)
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        for script in self.db.migration_scripts():
            if script.name in applied:
                continue
            with self.transaction():
                for statement in script.read_text(encoding="utf-8").split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                if script.name in _FILLED_AFTER_MIGRATION:
                    _FILLED_AFTER_MIGRATION[script.name](self.db)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (script.name, _now()))

    def _check_migrated(self) -> None:
        if "migrations" not in self.db.tables():
            raise StoreError(f"{self.path} is not a newsdesk store; give another --db", usage=True)
        applied = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        if any(script.name not in applied for script in self.db.migration_scripts()):
            raise StoreError(f"the store {self.path} was written by an older newsdesk and is read-only, so it cannot be upgraded; make it writable once")

    def transaction(self):
        self.require_writable()
        return _Transaction(self.db, self.path)

    @contextmanager
    def writing(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Be the store's only writer until the block ends; ``on_wait`` is called first if
        another process is writing, and this one then waits for it.

        An ingest reads the clustering state, adds a run of batches to it and saves it back; two
        at once would each overwrite the other's state. The lock (SQLite: an OS file lock on
        ``<store>.writer``; PostgreSQL: an advisory lock) is released if its holder dies."""
        with self.db.lock("writer", on_wait):
            yield

    # -- writes (one transaction per batch) --------------------------------------------

    def write_batch(
        self,
        analyses: list[Analysis],
        features: dict[str, bytes],
        assignments: list[Assignment],
        clusterer_state: ClustererSave | bytes | None,
        errors: Iterable[InputError] = (),
        read_as: Mapping[str, Article] | None = None,
    ) -> None:
        """``read_as``: each article as it was read, before the stages (what ``reanalyze`` starts
        from). ``clusterer_state``: the parts of the state that changed (``ClustererSave``), or a
        whole state."""
        read_as = read_as or {}
        with self.transaction():
            for analysis in analyses:
                article = analysis.article
                inserted = self.db.execute(
                    "INSERT INTO articles (id, path, title, source, published, language, ingested_at, article, analysis, stage_versions, read_as)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING seq",
                    (
                        article.id, article.path, article.title, article.source, article.published, article.language, _now(),
                        json.dumps(to_plain(article), ensure_ascii=False), json.dumps(to_plain(analysis), ensure_ascii=False),
                        _versions_json(analysis), _read_as_json(read_as.get(article.id)),
                    ),
                )
                if (seq := inserted.fetchone()) is not None:
                    self.db.index_article(seq[0], article.title or "", article.text, article.source or "")
                if article.id in features:
                    self.db.execute(_PUT_FEATURES, (article.id, features[article.id]))
                if analysis.vectors is not None:
                    self.db.execute(_PUT_VECTORS, (article.id, analysis.vectors.to_bytes()))
            touched = {a.event_id for a in assignments} | self._events_of(a.article_id for a in assignments)
            self.db.executemany(
                "INSERT INTO assignments VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET event_id=excluded.event_id, decision=excluded.decision",
                [(a.article_id, a.event_id, json.dumps(a.decision)) for a in assignments],
            )
            self._index_events(assignments)
            reads.update_digests(self.db, touched)
            if clusterer_state is not None:
                self._put_clusterer(clusterer_state)
            self._record_errors(errors)

    def update_analyses(self, analyses: list[Analysis], features: dict[str, bytes], errors: Iterable[InputError], recluster: bool) -> None:
        """Replace the analyses (and features) of stored articles, in one transaction; ``recluster``:
        their event features changed, so the clustering must be replayed (``recluster_pending``)."""
        with self.transaction():
            for analysis in analyses:
                article = analysis.article
                self.db.execute(
                    "UPDATE articles SET title = ?, source = ?, published = ?, language = ?, article = ?, analysis = ?, stage_versions = ? WHERE id = ?",
                    (
                        article.title, article.source, article.published, article.language,
                        json.dumps(to_plain(article), ensure_ascii=False), json.dumps(to_plain(analysis), ensure_ascii=False),
                        _versions_json(analysis), article.id,
                    ),
                )
            self.db.executemany(_PUT_FEATURES, list(features.items()))
            # vectors are looked up by text, so an older row stays right for the texts it has
            self.db.executemany(_PUT_VECTORS, [(a.article.id, a.vectors.to_bytes()) for a in analyses if a.vectors is not None])
            if recluster:
                self.db.execute("INSERT INTO recluster_pending VALUES (1) ON CONFLICT DO NOTHING")
            self._record_errors(errors)
            # the events of these articles read differently now: their dossiers are rebuilt
            reads.mark_stale(self.db, self._events_of(a.article.id for a in analyses))

    def mark_all_stale(self) -> None:
        with self.transaction():
            self.db.execute("UPDATE articles SET stage_versions = NULL")

    def replace_clustering(self, assignments: list[Assignment], clusterer_state: bytes) -> None:
        """Every article's event from a replay of the clustering, in one transaction."""
        with self.transaction():
            before = {r[0] for r in self.db.execute("SELECT DISTINCT event_id FROM assignments")}
            self.db.execute("DELETE FROM assignments")
            self.db.executemany(
                "INSERT INTO assignments VALUES (?, ?, ?)", [(a.article_id, a.event_id, json.dumps(a.decision)) for a in assignments]
            )
            self._index_events(assignments)
            self.db.execute("DELETE FROM clusterer_shelf")
            self._put_clusterer(clusterer_state)
            self.db.execute("DELETE FROM recluster_pending")
            reads.update_digests(self.db, before | {a.event_id for a in assignments})

    def write_dossier(self, document: dict, vectors: Mapping[str, bytes] | None = None) -> None:
        """Store a one-event dossier (``newsdesk.dossier/1``) for reads; see ``stored_dossier``.
        ``vectors``: its articles' sentence vectors with what building it encoded (``newsdesk.vectors``)."""
        with self.transaction():
            reads.write_dossier(self.db, document, _now())
            if vectors:
                self.db.executemany(_PUT_VECTORS, list(vectors.items()))

    def write_dossiers(self, documents: Iterable[dict]) -> None:
        """``write_dossier`` of each, in one transaction."""
        with self.transaction():
            for document in documents:
                reads.write_dossier(self.db, document, _now())

    def _index_events(self, assignments: list[Assignment]) -> None:
        """Each article's event by its seq, which a search hit is turned into."""
        self.db.executemany(
            "INSERT INTO article_events SELECT seq, ? FROM articles WHERE id = ? ON CONFLICT (seq) DO UPDATE SET event_id = excluded.event_id",
            [(a.event_id, a.article_id) for a in assignments],
        )

    def _events_of(self, article_ids: Iterable[str]) -> set[str]:
        ids = list(article_ids)
        found: set[str] = set()
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            found.update(r[0] for r in self.db.execute(f"SELECT event_id FROM assignments WHERE article_id IN ({','.join('?' * len(part))})", part))
        return found

    def record_errors(self, errors: Iterable[InputError]) -> None:
        with self.transaction():
            self._record_errors(errors)

    def _record_errors(self, errors: Iterable[InputError]) -> None:
        self.db.executemany(
            "INSERT INTO errors (input, message, at, stage) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(e.input, e.message, _now(), e.stage) for e in errors],
        )

    # -- reads ---------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            found.update(row[0] for row in self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part))
        return found

    def stale_ids(self, versions: dict[str, str]) -> list[str]:
        """Articles whose analysis was made by other stage versions than ``versions``, in arrival order."""
        current = json.dumps(versions, sort_keys=True)
        rows = self.db.execute("SELECT id FROM articles WHERE stage_versions IS NULL OR stage_versions != ? ORDER BY seq", (current,))
        return [r[0] for r in rows]

    def articles_as_read(self, ids: Iterable[str]) -> list[Article]:
        """The articles as they were read, before the stages filled them in. For an article
        stored before that was recorded: the stored one less what the stages are known to set
        (an inferred date, the genre); its language stays."""
        found = []
        for article_json, read_as in self._rows("SELECT article, read_as FROM articles", ids):
            stored = from_plain(Article, json.loads(article_json))
            if read_as is not None:
                found.append(from_plain(Article, {**json.loads(read_as), "text": stored.text}))
            else:
                inferred = {"published": None, "published_inferred": False} if stored.published_inferred else {}
                found.append(replace(stored, genre=None, **inferred))
        return found

    def features_of(self, ids: Iterable[str]) -> dict[str, bytes]:
        return dict(self._rows("SELECT article_id, data FROM features JOIN articles ON articles.id = features.article_id", ids))

    def recluster_pending(self) -> bool:
        return self.db.execute("SELECT 1 FROM recluster_pending").fetchone() is not None

    def count_articles(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        rows = self._rows("SELECT article FROM articles", ids)
        return [from_plain(Article, json.loads(r[0])) for r in rows]

    def analyses(self, ids: Iterable[str] | None = None, with_vectors: bool = False) -> list[Analysis]:
        """``with_vectors``: with the sentence vectors each carries (what a dossier build reuses)."""
        if not with_vectors:
            return [from_plain(Analysis, json.loads(r[0])) for r in self._rows("SELECT analysis FROM articles", ids)]
        return [analysis_from_stored(stored) for stored in self.stored_analyses(ids)]

    def stored_analyses(self, ids: Iterable[str] | None = None) -> list[tuple[str, bytes | None]]:
        """Each analysis with its vectors as the store holds them (its JSON text, the vectors'
        bytes), not decoded: the writer hands these to a worker, which decodes them
        (``analysis_from_stored``), so that decoding is not the writer's work."""
        rows = self._rows("SELECT analysis, v.data FROM articles LEFT JOIN vectors v ON v.article_id = articles.id", ids)
        return [(analysis_json, bytes(vectors) if vectors is not None else None) for analysis_json, vectors in rows]

    def _rows(self, select: str, ids: Iterable[str] | None) -> list[tuple]:
        if ids is None:
            return self.db.execute(select + " ORDER BY seq").fetchall()
        ids = list(ids)
        rows = []
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            rows += self.db.execute(select.replace("SELECT ", "SELECT seq, ", 1) + f" WHERE id IN ({','.join('?' * len(part))})", part).fetchall()
        return [r[1:] for r in sorted(rows)]

    def features_in_arrival_order(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute("SELECT f.article_id, f.data FROM features f JOIN articles a ON a.id = f.article_id ORDER BY a.seq")

    def clusterer_state(self) -> bytes | None:
        """The saved state less the packed profiles kept apart (``clusterer_shelf``)."""
        row = self.db.execute("SELECT state FROM clusterer WHERE id = 1").fetchone()
        return row[0] if row else None

    def clusterer_shelf(self) -> list[tuple[str, bytes]]:
        """The clustering state's entries saved apart (``ClustererSave``), in the clusterer's order."""
        return [(entry, bytes(data)) for entry, data in self.db.execute("SELECT entry, data FROM clusterer_shelf ORDER BY position")]

    def clusterer_generation(self) -> int:
        """How many times the clustering state was saved: a writer that saw this number at its
        last save knows nobody else saved since."""
        row = self.db.execute("SELECT generation FROM clusterer WHERE id = 1").fetchone()
        return row[0] if row else 0

    def _put_clusterer(self, save: ClustererSave | bytes) -> None:
        if isinstance(save, bytes):
            save = ClustererSave(save, [], [])
        generation = self.clusterer_generation() + 1
        self.db.executemany("DELETE FROM clusterer_shelf WHERE entry = ?", [(key,) for key in save.unshelved])
        # positions after every stored one, in the order given: the clusterer's order on reading
        base = generation << 24
        self.db.executemany(
            "INSERT INTO clusterer_shelf VALUES (?, ?, ?) ON CONFLICT (entry) DO UPDATE SET position = excluded.position, data = excluded.data",
            [(key, base + number, data) for number, (key, data) in enumerate(save.shelved)],
        )
        self.db.execute(_PUT_CLUSTERER, (save.state, generation))

    def assignments(self, event_ids: Iterable[str] | None = None) -> list[Assignment]:
        """Every article's assignment (or only those of ``event_ids``), in arrival order."""
        select = "SELECT a.seq, s.article_id, s.event_id, s.decision FROM assignments s JOIN articles a ON a.id = s.article_id"
        if event_ids is None:
            rows = self.db.execute(select + " ORDER BY a.seq").fetchall()
        else:
            wanted, rows = list(event_ids), []
            for chunk in range(0, len(wanted), 500):
                part = wanted[chunk : chunk + 500]
                rows += self.db.execute(select + f" WHERE s.event_id IN ({','.join('?' * len(part))})", part).fetchall()
            rows.sort()
        return [Assignment(r[1], r[2], json.loads(r[3])) for r in rows]

    def event_members(self) -> dict[str, list[str]]:
        """Each event's article ids, in arrival order; cheaper than ``assignments()`` (no decisions)."""
        members: dict[str, list[str]] = {}
        rows = self.db.execute("SELECT s.event_id, s.article_id FROM assignments s JOIN articles a ON a.id = s.article_id ORDER BY a.seq")
        for event_id, article_id in rows:
            members.setdefault(event_id, []).append(article_id)
        return members

    def event_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT event_id FROM assignments WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def has_event(self, event_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM event_digests WHERE event_id = ?", (event_id,)).fetchone() is not None

    def count_events(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM event_digests").fetchone()[0]

    def events_page(self, query: EventQuery) -> EventPage:
        """The events that match ``query`` and the requested page of their list rows (digests); nothing is analysed."""
        return reads.event_page(self.db, query)

    def stored_dossier(self, event_id: str) -> StoredDossier | None:
        """The event's dossier as the writer last built it, with the store's errors; ``current``
        is False when the event's articles changed since (the writer rebuilds it)."""
        stored = reads.read_dossier(self.db, event_id)
        if stored is not None:
            stored.document["errors"] = [{"input": e.input, "message": e.message} for e in self.errors()]
        return stored

    def dossier_keys(self, event_id: str) -> tuple[str, str | None] | None:
        """What the event's stored dossier was built from (its articles and newsdesk version) and
        what it would be built from now (None when the event is gone), as comparable keys; None
        when no dossier is stored. Cheaper than ``stored_dossier``: nothing is decompressed."""
        return reads.dossier_keys(self.db, event_id)

    def mark_dossiers_stale(self, event_ids: Iterable[str] | None = None) -> None:
        """The analyses of these events' articles changed (all events when None): their dossiers
        are rebuilt by the next ingest or ``newsdesk refresh``, and read as stale until then."""
        with self.transaction():
            reads.mark_stale(self.db, event_ids)

    # -- the server's ingest jobs (see newsdesk.store.jobs) ---------------------------------

    def add_job(self, job_id: str, files: list[tuple[str, bytes]]) -> None:
        """Queue a job of ``(name, content)`` inputs, kept until each is ingested."""
        with self.transaction():
            jobs.add_job(self.db, job_id, files, _now())

    def job(self, job_id: str) -> dict | None:
        return jobs.job(self.db, job_id)

    def recent_jobs(self, limit: int) -> list[dict]:
        return jobs.recent_jobs(self.db, limit)

    def active_jobs(self) -> list[str]:
        """Jobs queued or running (a server stopped during them), oldest first."""
        return jobs.active_jobs(self.db)

    @contextmanager
    def running_job(self, job_id: str) -> Iterator[bool]:
        """Whether this process is to run the job (it is still queued or running, and no other
        server runs it), held until the block ends. Servers sharing a PostgreSQL database each
        resume the jobs left active when they start: the job's lock (an advisory lock, released
        if its holder dies) has one of them run it. An SQLite store is served by one server."""
        with self.db.try_lock("job." + job_id) as held:
            yield held and jobs.job(self.db, job_id)["status"] in jobs.ACTIVE

    def pending_job_inputs(self, job_id: str, limit: int) -> list[tuple[int, str, bytes]]:
        return jobs.pending_inputs(self.db, job_id, limit)

    def record_job_chunk(self, job_id: str, numbers: list[int], added: list[str], duplicates: int, errors: list[tuple[str, str]]) -> None:
        with self.transaction():
            jobs.record_chunk(self.db, job_id, numbers, added, duplicates, errors)

    def set_job_status(self, job_id: str, status: str, message: str | None = None, finished: bool = False) -> None:
        with self.transaction():
            jobs.set_status(self.db, job_id, status, message, _now() if finished else None)
            if finished:
                jobs.forget_inputs(self.db, job_id)

    def stale_dossiers(self) -> list[str]:
        """Events whose stored dossier is missing or older than their articles."""
        return reads.stale_dossiers(self.db)

    def errors(self) -> list[InputError]:
        return [InputError(*r) for r in self.db.execute("SELECT input, message, stage FROM errors ORDER BY id")]

class _Transaction:
    """One write transaction; a failure of the database inside it (read-only, full disk, lost
    server) is rolled back and raised as a :class:`StoreError` saying so; a broken constraint is
    a defect of the code and is raised as it is."""

    def __init__(self, db, path: str):
        self.db = db
        self.path = path

    def __enter__(self) -> None:
        try:
            self.db.execute(self.db.BEGIN)
        except self.db.ERRORS as exc:
            raise store_error(self.path, exc) from exc

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.db.execute("COMMIT")
                return
            except self.db.ERRORS as failure:
                exc = failure
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except self.db.ERRORS:
            pass  # the connection is gone (a lost server): the server rolled the transaction back itself
        if exc is not None and self.db.is_environment_error(exc):
            raise store_error(self.path, exc) from exc
        if exc_type is None:
            raise exc  # COMMIT broke a constraint: a defect of the code, raised as it is


_PUT_FEATURES = "INSERT INTO features VALUES (?, ?) ON CONFLICT (article_id) DO UPDATE SET data = excluded.data"
_PUT_VECTORS = "INSERT INTO vectors VALUES (?, ?) ON CONFLICT (article_id) DO UPDATE SET data = excluded.data"
_PUT_CLUSTERER = "INSERT INTO clusterer (id, state, generation) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, generation = excluded.generation"


def analysis_from_stored(stored: tuple[str, bytes | None]) -> Analysis:
    """An analysis with the vectors it carries, from ``Store.stored_analyses``."""
    analysis_json, vectors = stored
    analysis = from_plain(Analysis, json.loads(analysis_json))
    analysis.vectors = TextVectors.from_bytes(vectors) if vectors is not None else None
    return analysis


def _versions_json(analysis: Analysis) -> str | None:
    return json.dumps(analysis.stage_versions, sort_keys=True) if analysis.stage_versions else None


def _read_as_json(article: Article | None) -> str | None:
    if article is None:
        return None
    plain = to_plain(article)
    del plain["text"]
    return json.dumps(plain, ensure_ascii=False)


def _fill_reads(db) -> None:
    """Digests for the events of a store made before they existed (their dossiers are built by ``newsdesk refresh``)."""
    reads.update_digests(db, [r[0] for r in db.execute("SELECT DISTINCT event_id FROM assignments")], search=False)


def _fill_event_search(db) -> None:
    """Search chunks for the events of a store indexed by article before (migration 0005)."""
    members: dict[str, list[int]] = {}
    for event_id, seq in db.execute("SELECT event_id, seq FROM article_events ORDER BY seq").fetchall():
        members.setdefault(event_id, []).append(seq)
    for event_id, seqs in members.items():
        reads.index_event(db, event_id, seqs)


_FILLED_AFTER_MIGRATION = {"0003_reads.sql": _fill_reads, "0005_event_search.sql": _fill_event_search}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
