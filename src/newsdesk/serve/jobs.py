"""Background ingest: documents posted to the API are staged as files and ingested, one job at a
time, in chunks so that progress can be polled and readers see each committed chunk.

The ingest itself runs in one child process, the store's only writer, which keeps its models
loaded between chunks. Analysis is CPU-bound Python; in a thread of the server it would hold the
interpreter lock that every request needs, and reads would slow down several times over while
an ingest runs (measured with bench/bench_serve.py).
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import re
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsdesk.ingest import Named
from newsdesk.model import InputError
from newsdesk.pipeline import ingest
from newsdesk.serve.desk import Desk
from newsdesk.store import Store

CHUNK_INPUTS = 16  # inputs per ingest call: the granularity of progress and of visibility to readers
KEPT_JOBS = 200


@dataclass
class IngestJob:
    id: str
    inputs: list[Named]
    status: str = "queued"  # queued | running | done | failed
    processed: int = 0
    added: list[str] = field(default_factory=list)
    duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)
    message: str | None = None
    created: str = field(default_factory=lambda: _now())
    finished: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "inputs": len(self.inputs),
            "processed": self.processed,
            "progress": round(self.processed / len(self.inputs), 3) if self.inputs else 1.0,
            "added": len(self.added),
            "article_ids": list(self.added),
            "duplicates": self.duplicates,
            "errors": [{"input": e.input, "message": e.message} for e in self.errors],
            "message": self.message,
            "created": self.created,
            "finished": self.finished,
        }


class IngestWorker:
    def __init__(self, desk: Desk):
        self.desk = desk
        self._staging = Path(tempfile.mkdtemp(prefix="newsdesk-uploads-"))
        self._queue: queue.Queue[IngestJob | None] = queue.Queue()
        self._jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="newsdesk-ingest", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread:
            self._queue.put(None)
            self._thread.join(timeout=60)
        shutil.rmtree(self._staging, ignore_errors=True)

    def submit(self, files: list[tuple[str, bytes]]) -> IngestJob:
        """Stage ``(name, content)`` pairs as files and queue them. Each is staged under a number
        and read under its own name (its last path component), which the articles and errors keep."""
        job_id = uuid.uuid4().hex[:16]
        folder = self._staging / job_id
        folder.mkdir()
        inputs = []
        for number, (name, content) in enumerate(files):
            path = folder / f"{number:04d}"
            path.write_bytes(content)
            inputs.append(Named(path, upload_name(name)))
        job = IngestJob(job_id, inputs)
        with self._lock:
            self._jobs[job_id] = job
            for old in list(self._jobs)[:-KEPT_JOBS]:
                del self._jobs[old]
        self._queue.put(job)
        return job

    def submit_documents(self, documents: list[dict[str, Any]]) -> IngestJob:
        return self.submit([(f"document-{n:04d}.json", json.dumps(d).encode()) for n, d in enumerate(documents)])

    def job(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self) -> list[IngestJob]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def _run(self) -> None:
        ingester = _ingest_process()
        try:
            while (job := self._queue.get()) is not None:
                try:
                    self._ingest(job, ingester)
                except BrokenProcessPool:  # the ingest process died (killed, out of memory): start another
                    ingester.shutdown(wait=False)
                    ingester = _ingest_process()
        finally:
            ingester.shutdown(wait=True, cancel_futures=True)

    def _ingest(self, job: IngestJob, ingester: ProcessPoolExecutor) -> None:
        job.status = "running"
        try:
            for start in range(0, len(job.inputs), CHUNK_INPUTS):
                if self._stopping.is_set():
                    job.status = "failed"
                    job.message = f"the server stopped after {job.processed} of {len(job.inputs)} inputs; post the rest again"
                    return
                chunk = job.inputs[start : start + CHUNK_INPUTS]
                added, duplicates, errors = ingester.submit(ingest_chunk, self.desk.db_path, chunk).result()
                job.added += added
                job.duplicates += duplicates
                job.errors += [InputError(name, message) for name, message in errors]
                job.processed += len(chunk)
            job.status = "done"
        except Exception as exc:  # the job fails, the server and the worker keep going
            job.status = "failed"
            job.message = f"{type(exc).__name__}: {exc}"
            if isinstance(exc, BrokenProcessPool):
                raise
        finally:
            job.finished = _now()
            shutil.rmtree(self._staging / job.id, ignore_errors=True)


def _ingest_process() -> ProcessPoolExecutor:
    # spawn, not fork: the server has threads, and a forked child would inherit their locks
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


def ingest_chunk(db_path: str, inputs: list[Named]) -> tuple[list[str], int, list[tuple[str, str]]]:
    """In the ingest process: ``inputs`` through the pipeline into the store; what was added, how
    many were already stored, and the inputs rejected with why."""
    with Store(db_path) as store:
        report = ingest(inputs, store)
    return report.added, len(report.duplicates), [(e.input, e.message) for e in report.errors]


def upload_name(name: str) -> str:
    """The name an uploaded file is known by: its last path component, without control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[-200:] or "upload"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
