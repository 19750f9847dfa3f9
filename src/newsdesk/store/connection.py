"""The two databases a store runs on, behind one connection type.

The store's SQL is written once, in what SQLite (3.39 or later) and PostgreSQL (13 or later)
both understand: upserts (``ON CONFLICT``), ``RETURNING``, ``IS DISTINCT FROM``, ``NULLS LAST``
and ``?`` placeholders. What differs lives here, in one class for each: how to connect, how a
write transaction starts, how one writer excludes another, the full-text index, and the
PostgreSQL variants of the migrations whose SQL differs (``migrations/postgresql/``, under the
same names, so both databases record the same migrations).

- SQLite: a file in WAL mode; the writer's lock is an OS file lock beside it (``<store>.writer``).
- PostgreSQL (``postgresql://…``, psycopg 3): one database; the writer's lock is a session
  advisory lock, released by the server when the connection ends (a killed writer's too).
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources as package_files
from pathlib import Path
from typing import Any

SERVER_SCHEMES = ("postgresql://", "postgres://")


class StoreError(Exception):
    """The store cannot be opened, read or written. The message names the store and says what to do;
    ``usage`` is True when the path given is the problem (no such folder, not a store)."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


def is_server(target: str | Path) -> bool:
    """Whether ``target`` names a PostgreSQL database rather than an SQLite file."""
    return str(target).startswith(SERVER_SCHEMES)


def connect(target: str | Path, create: bool) -> SQLiteConnection | PostgresConnection:
    """A connection to the store at ``target``; ``create=False`` refuses an SQLite path with no file
    (a PostgreSQL database must exist; the store decides whether it holds a store)."""
    if is_server(target):
        return PostgresConnection.open(str(target))
    return SQLiteConnection.open(Path(target), create)


def migration_scripts(variant: str | None = None) -> list:
    """The numbered migrations in order, each replaced by its ``variant`` (a folder of
    migrations/) where that folder has one of the same name."""
    folder = package_files.files("newsdesk.store") / "migrations"
    scripts = {f.name: f for f in folder.iterdir() if f.name.endswith(".sql")}
    if variant:
        scripts.update({f.name: f for f in (folder / variant).iterdir() if f.name in scripts})
    return [scripts[name] for name in sorted(scripts)]


class SQLiteConnection(sqlite3.Connection):
    BEGIN = "BEGIN IMMEDIATE"  # takes the write lock now: a batch never fails half way on "locked"
    NO_LIMIT = -1
    ERRORS = (sqlite3.Error,)
    location: str
    read_only: bool

    @classmethod
    def open(cls, path: Path, create: bool) -> SQLiteConnection:
        if not path.exists():
            if not create:
                raise StoreError(f"no store at {path}", usage=True)
            if not path.parent.is_dir():
                raise StoreError(f"cannot create the store {path}: the folder {path.parent} does not exist", usage=True)
        read_only = path.exists() and not _writable(path)
        try:
            db = _connect(path, read_only)
        except sqlite3.Error as exc:
            raise store_error(str(path), exc) from exc
        db.location, db.read_only = str(path), read_only
        return db

    def configure(self) -> None:
        self.execute("PRAGMA synchronous=NORMAL")
        self.execute("PRAGMA foreign_keys=ON")

    def ready(self) -> bool:
        return self.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    def make_ready(self) -> None:
        self.execute("PRAGMA journal_mode=WAL")

    def tables(self) -> set[str]:
        return {row[0] for row in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def migration_scripts(self) -> list:
        return migration_scripts()

    def lock(self, name: str, on_wait: Callable[[], None] | None = None):
        """Held by one process at a time: an OS file lock on ``<store>.<name>``."""
        return _file_lock(f"{self.location}.{name}", on_wait)

    @contextmanager
    def try_lock(self, name: str) -> Iterator[bool]:
        """Always granted: an SQLite store is served by one server, whose jobs run one at a time."""
        yield True

    def is_environment_error(self, exc: BaseException) -> bool:
        # what the environment does to a store (read-only, full, locked, not a database); a broken
        # constraint (IntegrityError, a subclass) is a defect of the code and is raised as it is
        return type(exc) in (sqlite3.OperationalError, sqlite3.DatabaseError)

    def index_article(self, seq: int, title: str, text: str, source: str) -> None:
        """Nothing to do here: SQLite's search chunks are made from the articles table (``index_chunk``)."""

    def index_chunk(self, event_id: str, key: str, seqs: list[int]) -> None:
        """Index these articles of the event together, as one search chunk (see ``reads.index_event``)."""
        chunk = self.execute("INSERT INTO event_search_chunks (event_id, seqs) VALUES (?, ?) RETURNING chunk", (event_id, key)).fetchone()[0]
        self.execute(
            "INSERT INTO event_search (rowid, title, text, source) SELECT ?, group_concat(t, char(10)), group_concat(x, char(10)), group_concat(s, char(10))"
            " FROM (SELECT coalesce(title, '') AS t, coalesce(json_extract(article, '$.text'), '') AS x, coalesce(source, '') AS s"
            f" FROM articles WHERE seq IN ({','.join('?' * len(seqs))}) ORDER BY seq)",
            (chunk, *seqs),
        )

    def drop_chunks(self, chunks: list[int]) -> None:
        self.executemany("DELETE FROM event_search WHERE rowid = ?", [(c,) for c in chunks])
        self.executemany("DELETE FROM event_search_chunks WHERE chunk = ?", [(c,) for c in chunks])

    def text_filter(self, words: list[str]) -> tuple[str, list]:
        """The condition on ``event_digests d`` that keeps the events with an article matching
        ``words`` as one phrase, the last word also as a prefix (a search box is typed into)."""
        # the matching events, worked out once into this connection's temporary table, which the
        # count probes by key and the page walks in list order (stopping after a page)
        self.execute("CREATE TEMP TABLE IF NOT EXISTS search_hits (event_id TEXT PRIMARY KEY) WITHOUT ROWID")
        self.execute("DELETE FROM temp.search_hits")
        self.execute(
            "INSERT OR IGNORE INTO temp.search_hits SELECT c.event_id FROM event_search f JOIN event_search_chunks c ON c.chunk = f.rowid"
            " WHERE event_search MATCH ?",
            ('"' + " ".join(words) + '" *',),
        )
        return "+d.event_id IN temp.search_hits", []  # '+': a filter on the list's order, not a lookup to sort afterwards


class PostgresConnection:
    """A psycopg 3 connection in autocommit mode (a read sees each commit at once and holds
    nothing), with the store's ``?`` placeholders and the interface of ``sqlite3.Connection``
    that the store uses."""

    BEGIN = "BEGIN"
    NO_LIMIT = None
    read_only = False

    def __init__(self, connection, location: str):
        import psycopg

        self._connection = connection
        self.location = location
        self._search_table = False
        self.ERRORS = (psycopg.Error,)
        self._environment = (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction)

    @classmethod
    def open(cls, url: str) -> PostgresConnection:
        import psycopg

        location = _without_password(url)
        try:
            connection = psycopg.connect(url, autocommit=True, application_name="newsdesk")
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the store {location} ({_first_line(exc)}); is the PostgreSQL server running and the database created?") from exc
        connection.adapters.register_dumper(str, _text_dumper())
        return cls(connection, location)

    def execute(self, sql: str, params: Any = ()):
        if not params:
            return self._connection.execute(sql)
        return self._connection.execute(_placeholders(sql), params)

    def executemany(self, sql: str, rows):
        cursor = self._connection.cursor()
        cursor.executemany(_placeholders(sql), list(rows))
        return cursor

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self._connection.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self._connection.close()

    def configure(self) -> None:
        pass

    def ready(self) -> bool:
        return True

    def make_ready(self) -> None:
        pass

    def tables(self) -> set[str]:
        return {row[0] for row in self.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}

    def migration_scripts(self) -> list:
        return migration_scripts("postgresql")

    @contextmanager
    def lock(self, name: str, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Held by one connection to the database at a time: a session advisory lock, which the
        server releases when the connection ends, whether the process ended well or was killed."""
        if not self._advisory("pg_try_advisory_lock", name):
            if on_wait:
                on_wait()
            self._advisory("pg_advisory_lock", name)
        try:
            yield
        finally:
            self._unlock(name)

    @contextmanager
    def try_lock(self, name: str) -> Iterator[bool]:
        """Whether this connection got the lock ``name`` (held until the block ends), without waiting."""
        held = self._advisory("pg_try_advisory_lock", name)
        try:
            yield held
        finally:
            if held:
                self._unlock(name)

    def _advisory(self, function: str, name: str) -> bool | None:
        return self.execute(f"SELECT {function}(hashtextextended(?, 0))", ("newsdesk." + name,)).fetchone()[0]

    def _unlock(self, name: str) -> None:
        if not self._connection.closed:  # a lost connection has lost its locks already
            self._advisory("pg_advisory_unlock", name)

    def is_environment_error(self, exc: BaseException) -> bool:
        return isinstance(exc, self._environment)

    def index_article(self, seq: int, title: str, text: str, source: str) -> None:
        # 'simple': words as written, lower-cased and without accents (unaccent), no stemming: what
        # SQLite's FTS5 unicode61 tokenizer does with remove_diacritics; and the pairs of adjacent
        # words, which phrases are matched by (migration 0005)
        self.execute(
            "INSERT INTO article_search (seq, document, pairs) VALUES (?,"
            " to_tsvector('simple', unaccent(?)) || to_tsvector('simple', unaccent(?)) || to_tsvector('simple', unaccent(?)),"
            " newsdesk_word_pairs(?) || newsdesk_word_pairs(?) || newsdesk_word_pairs(?))",
            (seq, title, text, source, title, text, source),
        )

    def text_filter(self, words: list[str]) -> tuple[str, list]:
        """The condition on ``event_digests d`` that keeps the events with an article matching
        ``words`` as one phrase, the last word also as a prefix."""
        # as on SQLite, the matching events are worked out once into this connection's temporary
        # table, which the count, the pending count and the page then read
        if not self._search_table:
            self.execute("CREATE TEMP TABLE IF NOT EXISTS search_hits (event_id TEXT PRIMARY KEY)")
            self._search_table = True
        self.execute("TRUNCATE search_hits")
        # through the GIN index, never a scan of every chunk's words: the planner prices a
        # match at almost nothing, but each costs reading that chunk's words back
        self.execute("SET enable_seqscan = off")
        try:
            if len(words) == 1:
                self.execute(
                    "INSERT INTO search_hits SELECT DISTINCT event_id FROM event_search_chunks WHERE document @@ to_tsquery('simple', unaccent(?))",
                    (f"'{words[0]}':*",),
                )
            else:  # a phrase: its pairs of adjacent words, each one lexeme (the words are \w+: no quote in them)
                pairs = " & ".join(f"'{first} {second}'" for first, second in zip(words, words[1:])) + ":*"
                self.execute("INSERT INTO search_hits SELECT DISTINCT event_id FROM event_search_chunks WHERE pairs @@ lower(unaccent(?))::tsquery", (pairs,))
        finally:
            self.execute("RESET enable_seqscan")
        return "d.event_id IN (SELECT event_id FROM search_hits)", []

    def index_chunk(self, event_id: str, key: str, seqs: list[int]) -> None:
        """Index these articles of the event together: their words joined in arrival order."""
        self.execute(
            "INSERT INTO event_search_chunks (event_id, seqs, document, pairs)"
            " SELECT ?, ?, newsdesk_tsvector_agg(document ORDER BY seq), newsdesk_tsvector_agg(pairs ORDER BY seq) FROM article_search WHERE seq = ANY(?)",
            (event_id, key, seqs),
        )

    def drop_chunks(self, chunks: list[int]) -> None:
        self.execute("DELETE FROM event_search_chunks WHERE chunk = ANY(?)", (chunks,))


def _writable(path: Path) -> bool:
    """SQLite in WAL mode writes the file and, beside it, its -wal and -shm files."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, read_only: bool) -> SQLiteConnection:
    options: dict[str, Any] = {"isolation_level": None, "timeout": 30, "factory": SQLiteConnection}
    if not read_only:
        return sqlite3.connect(str(path), **options)
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, **options)
    try:
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        # a WAL store in a folder that cannot be written has no -shm file to share: it is read as
        # a file nothing else changes
        db.close()
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, **options)


@lru_cache(maxsize=1)
def _text_dumper() -> type:
    """psycopg's dumper of strings, less NUL: a PostgreSQL text holds no NUL character, which
    SQLite keeps (a JSON input's "\u0000" in a title, say). It becomes U+FFFD, as half a
    surrogate pair does at ingest, rather than failing the batch."""
    from psycopg.types.string import StrDumperUnknown

    class TextDumper(StrDumperUnknown):
        def dump(self, obj: str):
            return super().dump(obj.replace("\x00", "\ufffd"))

    return TextDumper


@lru_cache(maxsize=512)
def _placeholders(sql: str) -> str:
    """The store's SQL with psycopg's placeholders: ``?`` becomes ``%s`` (the store's SQL has no
    ``?`` of its own), a literal ``%`` is doubled."""
    return sql.replace("%", "%%").replace("?", "%s")


def _without_password(url: str) -> str:
    """A URL to show in messages: a password in it is masked."""
    return re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def store_error(location: str, exc: BaseException) -> StoreError:
    """A database error as one message a user can act on."""
    problem = _first_line(exc)
    lowered = problem.lower()
    if "not a database" in lowered:
        return StoreError(f"{location} is not a newsdesk store ({problem}); give another --db", usage=True)
    if "readonly" in lowered or "read-only" in lowered or "permission denied" in lowered:
        return StoreError(f"the store {location} is read-only ({problem}); use a writable copy or another --db")
    if "full" in lowered or "no space" in lowered:
        return StoreError(
            f"no space left to write the store {location} ({problem}); free some space and run the same command again: "
            "the batches written so far are kept and skipped"
        )
    if "unable to open" in lowered:
        return StoreError(f"cannot open the store {location} ({problem})")
    if "locked" in lowered or "busy" in lowered:
        return StoreError(f"the store {location} is busy: another process holds it ({problem}); try again when it is done")
    if "terminat" in lowered or "connection" in lowered or "server closed" in lowered:
        return StoreError(f"lost the connection to the store {location} ({problem}); run the same command again when the server is back")
    return StoreError(f"the store {location} failed: {problem}")


@contextmanager
def _file_lock(path: str, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """An OS file lock on ``path``, released by the OS if its holder dies; ``on_wait`` is called
    first when another process holds it."""
    with open(path, "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
