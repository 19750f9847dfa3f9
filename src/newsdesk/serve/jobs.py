"""Background ingest: documents posted to the API are staged as files and ingested by one
worker thread, the store's only writer, in chunks so that progress can be polled and readers
see each committed chunk.
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsdesk.model import InputError
from newsdesk.pipeline import ingest
from newsdesk.serve.desk import Desk
from newsdesk.store import Store

CHUNK_INPUTS = 16  # inputs per ingest call: the granularity of progress and of visibility to readers
KEPT_JOBS = 200


@dataclass
class IngestJob:
    id: str
    inputs: list[str]
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
        """Stage ``(name, content)`` pairs as files and queue them; names are reduced to a safe basename."""
        job_id = uuid.uuid4().hex[:16]
        folder = self._staging / job_id
        folder.mkdir()
        paths = []
        for number, (name, content) in enumerate(files):
            path = folder / f"{number:04d}-{safe_filename(name)}"
            path.write_bytes(content)
            paths.append(str(path))
        job = IngestJob(job_id, paths)
        with self._lock:
            self._jobs[job_id] = job
            for old in list(self._jobs)[:-KEPT_JOBS]:
                del self._jobs[old]
        self._queue.put(job)
        return job

    def submit_documents(self, documents: list[dict[str, Any]]) -> IngestJob:
        return self.submit([(f"document-{n:04d}.json", json.dumps(d, ensure_ascii=False).encode()) for n, d in enumerate(documents)])

    def job(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self) -> list[IngestJob]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def _run(self) -> None:
        with Store(self.desk.db_path) as store:
            while (job := self._queue.get()) is not None:
                self._ingest(job, store)

    def _ingest(self, job: IngestJob, store: Store) -> None:
        job.status = "running"
        try:
            for start in range(0, len(job.inputs), CHUNK_INPUTS):
                if self._stopping.is_set():
                    job.status = "failed"
                    job.message = f"the server stopped after {job.processed} of {len(job.inputs)} inputs; post the rest again"
                    return
                chunk = job.inputs[start : start + CHUNK_INPUTS]
                report = ingest(chunk, store)
                job.added += report.added
                job.duplicates += len(report.duplicates)
                job.errors += [InputError(_original_name(e.input), e.message) for e in report.errors]
                job.processed += len(chunk)
            job.status = "done"
        except Exception as exc:  # the job fails, the server and the worker keep going
            job.status = "failed"
            job.message = f"{type(exc).__name__}: {exc}"
        finally:
            job.finished = _now()
            shutil.rmtree(Path(job.inputs[0]).parent if job.inputs else self._staging / job.id, ignore_errors=True)


def safe_filename(name: str) -> str:
    """The last path component of ``name`` with anything but letters, digits, ``.``, ``_`` and ``-`` replaced."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".")
    return cleaned[-120:] or "upload"


def _original_name(staged: str) -> str:
    return Path(staged).name.split("-", 1)[-1] if staged else staged


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
