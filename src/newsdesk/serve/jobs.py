"""Background ingest: documents posted to the API are queued in the store and ingested, one job
at a time, in chunks so that progress can be polled and readers see each committed chunk.

Jobs are durable: a job and its posted inputs are committed to the store before the API
answers 202; each chunk's inputs are deleted from the store once the chunk is ingested. A server
stopped during a job (SIGTERM, or killed) leaves the job queued with the inputs not yet done,
and the next server start resumes it. A chunk interrupted half way is ingested again; what it
had already stored is then recognised and skipped (an article's id is a hash of its text).

The ingest itself runs in one child process, the store's only writer, which keeps its models
loaded between chunks. Analysis is CPU-bound Python; in a thread of the server it would hold the
interpreter lock that every request needs, and reads would slow down several times over while
an ingest runs (measured with bench/bench_serve.py). The child watches its parent and exits as
soon as the server is gone, so a killed server does not leave it writing.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import queue
import re
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.ingest import Named
from newsdesk.model import InputError
from newsdesk.store import Store

logger = logging.getLogger(__name__)

REFRESH = "refresh"  # queued instead of a job id: rebuild stale dossiers
CHUNK_INPUTS = 16  # inputs per ingest call: the granularity of progress, of visibility to readers and of what a kill can redo
KEPT_JOBS = 200  # jobs listed by GET /api/jobs
PARENT_CHECK_SECONDS = 0.5


@dataclass
class IngestJob:
    id: str
    inputs: int
    status: str = "queued"  # queued | running | done | failed
    processed: int = 0
    added: list[str] = field(default_factory=list)
    duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)
    message: str | None = None
    created: str | None = None
    finished: str | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> IngestJob:
        return cls(**{**record, "errors": [InputError(name, message) for name, message in record["errors"]]})

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "inputs": self.inputs,
            "processed": self.processed,
            "progress": round(self.processed / self.inputs, 3) if self.inputs else 1.0,
            "added": len(self.added),
            "article_ids": list(self.added),
            "duplicates": self.duplicates,
            "errors": [{"input": e.input, "message": e.message} for e in self.errors],
            "message": self.message,
            "created": self.created,
            "finished": self.finished,
        }


class IngestWorker:
    def __init__(self, db_path: str | Path):
        self.db_path = str(db_path)
        self._staging = Path(tempfile.mkdtemp(prefix="newsdesk-uploads-"))
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self._local = threading.local()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._refresh_queued = False

    def start(self) -> None:
        with self._store() as store:
            unfinished, stale = store.active_jobs(), store.stale_dossiers()
        for job_id in unfinished:  # posted before the server last stopped
            self._queue.put(job_id)
        if stale:  # an ingest stopped before it rebuilt them, or a store from before they were stored
            self.request_refresh()
        self._thread = threading.Thread(target=self._run, name="newsdesk-ingest", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish the chunk under way and stop; what is left of the job resumes at the next start."""
        self._stopping.set()
        if self._thread:
            self._queue.put(None)
            self._thread.join(timeout=60)
        shutil.rmtree(self._staging, ignore_errors=True)

    def submit(self, files: list[tuple[str, bytes]]) -> IngestJob:
        """Queue ``(name, content)`` inputs as a job, committed to the store before this returns;
        names are reduced to a safe basename."""
        job_id = uuid.uuid4().hex[:16]
        with self._store() as store:
            store.add_job(job_id, [(upload_name(name), content) for name, content in files])
            job = IngestJob.from_record(store.job(job_id))
        self._queue.put(job_id)
        return job

    def submit_documents(self, documents: list[dict[str, Any]]) -> IngestJob:
        return self.submit([(f"document-{n:04d}.json", json.dumps(d).encode()) for n, d in enumerate(documents)])

    def job(self, job_id: str) -> IngestJob | None:
        with self._store() as store:
            record = store.job(job_id)
        return IngestJob.from_record(record) if record else None

    def jobs(self) -> list[IngestJob]:
        with self._store() as store:
            return [IngestJob.from_record(r) for r in store.recent_jobs(KEPT_JOBS)]

    def request_refresh(self) -> None:
        """Have the ingest process rebuild the stale dossiers, after the jobs queued before."""
        with self._lock:
            if self._refresh_queued:
                return
            self._refresh_queued = True
        self._queue.put(REFRESH)

    @contextmanager
    def _store(self) -> Iterator[Store]:
        """This thread's connection to the store (server threads are pooled and keep theirs)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path)
        yield store

    def _run(self) -> None:
        ingester = _ingest_process()
        try:
            while not self._stopping.is_set() and (item := self._queue.get()) is not None:
                try:
                    if item == REFRESH:
                        with self._lock:
                            self._refresh_queued = False
                        self._refresh(ingester)
                    else:
                        self._ingest(item, ingester)
                except BrokenProcessPool:  # the ingest process died (killed, out of memory): start another
                    ingester.shutdown(wait=False)
                    ingester = _ingest_process()
        finally:
            ingester.shutdown(wait=True, cancel_futures=True)

    def _refresh(self, ingester: ProcessPoolExecutor) -> None:
        try:
            ingester.submit(refresh_stale, self.db_path).result()
        except BrokenProcessPool:
            raise
        except Exception:  # readers keep the previous dossiers; the next ingest tries again
            logger.exception("rebuilding stale dossiers failed")

    def _ingest(self, job_id: str, ingester: ProcessPoolExecutor) -> None:
        with self._store() as store, store.running_job(job_id) as ours:
            if not ours:  # another server sharing the database runs it, or has finished it
                return
            store.set_job_status(job_id, "running")
            folder = self._staging / job_id
            try:
                while chunk := store.pending_job_inputs(job_id, CHUNK_INPUTS):
                    if self._stopping.is_set():
                        store.set_job_status(job_id, "queued", "the server stopped during this job; it resumes when the server starts again")
                        return
                    folder.mkdir(exist_ok=True)
                    inputs = []
                    for number, name, content in chunk:
                        path = folder / f"{number:04d}"  # staged under a number, read under its own name
                        path.write_bytes(content)
                        inputs.append(Named(path, name))
                    added, duplicates, errors = ingester.submit(ingest_chunk, self.db_path, inputs).result()
                    store.record_job_chunk(job_id, [n for n, _, _ in chunk], added, duplicates, errors)
                    shutil.rmtree(folder, ignore_errors=True)
                store.set_job_status(job_id, "done", finished=True)
            except BrokenProcessPool:  # most likely an input that kills the analysis: not retried
                store.set_job_status(job_id, "failed", "the ingest process died during this job (out of memory?)", finished=True)
                raise
            except Exception as exc:  # the job fails, the server and the worker keep going
                store.set_job_status(job_id, "failed", f"{type(exc).__name__}: {exc}", finished=True)
            finally:
                shutil.rmtree(folder, ignore_errors=True)


def _ingest_process() -> ProcessPoolExecutor:
    # spawn, not fork: the server has threads, and a forked child would inherit their locks
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),))


def _exit_with_parent(parent: int) -> None:
    """In the ingest process: exit at once when the server is gone (killed with -9, it cannot
    tell us), so that no orphan keeps writing; the batch under way is rolled back by SQLite."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="newsdesk-parent-watch", daemon=True).start()


def ingest_chunk(db_path: str, inputs: list[Named]) -> tuple[list[str], int, list[tuple[str, str]]]:
    """In the ingest process: ``inputs`` through the pipeline into the store; what was added, how
    many were already stored, and the inputs rejected with why."""
    from newsdesk.pipeline import ingest  # the analysis models load in the ingest process, never in the server

    with Store(db_path) as store:
        report = ingest(inputs, store)
    return report.added, len(report.duplicates), [(e.input, e.message) for e in report.errors]


def refresh_stale(db_path: str) -> int:
    """In the ingest process: rebuild the dossiers of events whose articles changed."""
    from newsdesk.pipeline import refresh_dossiers

    with Store(db_path) as store:
        return refresh_dossiers(store)


def upload_name(name: str) -> str:
    """The name an uploaded file is known by: its last path component, without control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[-200:] or "upload"
