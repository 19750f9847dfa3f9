"""The SQLite store: the only place that reads or writes the database.

Schema changes are numbered SQL migrations under ``migrations/``. The database runs in WAL
mode and each batch is written in one transaction, so a run killed at any point keeps every
batch committed before it, and running it again skips what is already stored.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources as package_files
from pathlib import Path

from newsdesk.model import Analysis, Article, InputError
from newsdesk.store.codec import from_plain, to_plain


@dataclass(frozen=True)
class ArticleHeading:
    title: str | None
    source: str | None
    published: str | None
    language: str | None


@dataclass(frozen=True)
class Assignment:
    article_id: str
    event_id: str
    decision: dict


class StoreError(Exception):
    """The store cannot be opened, read or written. The message names the file and says what to do;
    ``usage`` is True when the path given is the problem (no such folder, not a store)."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


class Store:
    """``create=False`` refuses a path with no store rather than creating an empty one. A store the
    user cannot write is opened read-only: reads work, and any write raises :class:`StoreError`."""

    def __init__(self, path: str | Path, create: bool = True):
        self.path = str(path)
        where = Path(path)
        if not where.exists():
            if not create:
                raise StoreError(f"no store at {path}", usage=True)
            if not where.parent.is_dir():
                raise StoreError(f"cannot create the store {path}: the folder {where.parent} does not exist", usage=True)
        self.read_only = where.exists() and not _writable(where)
        try:
            self.db = _connect(where, self.read_only)
            if self.read_only:
                self._check_migrated()
            else:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.execute("PRAGMA foreign_keys=ON")
                self._migrate()
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc

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

    def _migrate(self) -> None:
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "migrations" not in tables:
            raise StoreError(f"{self.path} is an SQLite database but not a newsdesk store; give another --db", usage=True)
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        for script in _migration_scripts():
            if script.name in applied:
                continue
            with self.transaction():
                for statement in script.read_text(encoding="utf-8").split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (script.name, _now()))

    def _check_migrated(self) -> None:
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "migrations" not in tables:
            raise StoreError(f"{self.path} is not a newsdesk store; give another --db", usage=True)
        applied = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        if any(script.name not in applied for script in _migration_scripts()):
            raise StoreError(f"the store {self.path} was written by an older newsdesk and is read-only, so it cannot be upgraded; make it writable once")

    def transaction(self):
        self.require_writable()
        return _Transaction(self.db, self.path)

    # -- writes (one transaction per batch) --------------------------------------------

    def write_batch(
        self,
        analyses: list[Analysis],
        features: dict[str, bytes],
        assignments: list[Assignment],
        clusterer_state: bytes | None,
        errors: Iterable[InputError] = (),
    ) -> None:
        with self.transaction():
            for analysis in analyses:
                article = analysis.article
                self.db.execute(
                    "INSERT OR IGNORE INTO articles (id, path, title, source, published, language, ingested_at, article, analysis)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id, article.path, article.title, article.source, article.published, article.language, _now(),
                        json.dumps(to_plain(article), ensure_ascii=False), json.dumps(to_plain(analysis), ensure_ascii=False),
                    ),
                )
                if article.id in features:
                    self.db.execute("INSERT OR REPLACE INTO features VALUES (?, ?)", (article.id, features[article.id]))
            self.db.executemany(
                "INSERT INTO assignments VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET event_id=excluded.event_id, decision=excluded.decision",
                [(a.article_id, a.event_id, json.dumps(a.decision)) for a in assignments],
            )
            if clusterer_state is not None:
                self.db.execute("INSERT OR REPLACE INTO clusterer VALUES (1, ?)", (clusterer_state,))
            self._record_errors(errors)

    def record_errors(self, errors: Iterable[InputError]) -> None:
        with self.transaction():
            self._record_errors(errors)

    def _record_errors(self, errors: Iterable[InputError]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO errors (input, message, at) VALUES (?, ?, ?)",
            [(e.input, e.message, _now()) for e in errors],
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

    def count_articles(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        rows = self._rows("SELECT article FROM articles", ids)
        return [from_plain(Article, json.loads(r[0])) for r in rows]

    def analyses(self, ids: Iterable[str] | None = None) -> list[Analysis]:
        rows = self._rows("SELECT analysis FROM articles", ids)
        return [from_plain(Analysis, json.loads(r[0])) for r in rows]

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
        row = self.db.execute("SELECT state FROM clusterer WHERE id = 1").fetchone()
        return row[0] if row else None

    def assignments(self) -> list[Assignment]:
        rows = self.db.execute("SELECT s.article_id, s.event_id, s.decision FROM assignments s JOIN articles a ON a.id = s.article_id ORDER BY a.seq")
        return [Assignment(r[0], r[1], json.loads(r[2])) for r in rows]

    def errors(self) -> list[InputError]:
        return [InputError(r[0], r[1]) for r in self.db.execute("SELECT input, message FROM errors ORDER BY id")]

    def event_members(self) -> dict[str, list[str]]:
        """Each event's article ids, in arrival order; cheaper than ``assignments()`` (no decisions)."""
        members: dict[str, list[str]] = {}
        rows = self.db.execute("SELECT s.event_id, s.article_id FROM assignments s JOIN articles a ON a.id = s.article_id ORDER BY a.seq")
        for event_id, article_id in rows:
            members.setdefault(event_id, []).append(article_id)
        return members

    def article_headings(self, ids: Iterable[str]) -> dict[str, ArticleHeading]:
        """Title, outlet, date and language of articles, without loading their text."""
        rows = self._rows("SELECT id, title, source, published, language FROM articles", ids)
        return {r[0]: ArticleHeading(*r[1:]) for r in rows}

    def articles_containing(self, text: str) -> set[str]:
        """Ids of articles whose text or metadata contain ``text`` (case-insensitive for ASCII letters)."""
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return {r[0] for r in self.db.execute("SELECT id FROM articles WHERE article LIKE ? ESCAPE '\\'", (pattern,))}


class _Transaction:
    """One write transaction; an SQLite failure inside it (read-only file, full disk) is rolled
    back and raised as a :class:`StoreError` saying so."""

    def __init__(self, db: sqlite3.Connection, path: str):
        self.db = db
        self.path = path

    def __enter__(self) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.db.execute("COMMIT")
                return
            except sqlite3.Error as failure:
                exc = failure
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        if type(exc) in _ENVIRONMENT_ERRORS:
            raise store_error(self.path, exc) from exc
        if exc_type is None:
            raise exc  # COMMIT broke a constraint: a defect of the code, raised as it is


# What the environment does to a store (read-only, full, locked, not a database); a broken
# constraint is a defect of the code and is raised as it is
_ENVIRONMENT_ERRORS = (sqlite3.OperationalError, sqlite3.DatabaseError)


def store_error(path: str, exc: sqlite3.Error) -> StoreError:
    """An SQLite error as one message a user can act on."""
    problem = str(exc)
    if "not a database" in problem:
        return StoreError(f"{path} is not a newsdesk store ({problem}); give another --db", usage=True)
    if "readonly" in problem or "read-only" in problem:
        return StoreError(f"the store {path} is read-only ({problem}); use a writable copy or another --db")
    if "full" in problem:
        return StoreError(
            f"no space left to write the store {path} ({problem}); free some space and run the same command again: "
            "the batches written so far are kept and skipped"
        )
    if "unable to open" in problem:
        return StoreError(f"cannot open the store {path} ({problem})")
    if "locked" in problem or "busy" in problem:
        return StoreError(f"the store {path} is busy: another process holds it ({problem}); try again when it is done")
    return StoreError(f"the store {path} failed: {problem}")


def _writable(path: Path) -> bool:
    """SQLite in WAL mode writes the file and, beside it, its -wal and -shm files."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        return sqlite3.connect(str(path), isolation_level=None, timeout=30)
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=30)
    try:
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        # a WAL store in a folder that cannot be written has no -shm file to share: it is read as
        # a file nothing else changes
        db.close()
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, timeout=30)


def _migration_scripts():
    folder = package_files.files("newsdesk.store") / "migrations"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
