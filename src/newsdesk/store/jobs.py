"""The server's ingest jobs in the store: each job's progress and the posted inputs not yet
ingested, so that neither is lost when the server stops."""

from __future__ import annotations

import json
from typing import Any

ACTIVE = ("queued", "running")


def add_job(db, job_id: str, files: list[tuple[str, bytes]], created: str) -> None:
    seq = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM jobs").fetchone()[0]
    db.execute("INSERT INTO jobs (id, seq, status, inputs, created) VALUES (?, ?, 'queued', ?, ?)", (job_id, seq, len(files), created))
    db.executemany("INSERT INTO job_inputs VALUES (?, ?, ?, ?)", [(job_id, n, name, content) for n, (name, content) in enumerate(files)])


def job(db, job_id: str) -> dict[str, Any] | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return _job(row) if row else None


def recent_jobs(db, limit: int) -> list[dict[str, Any]]:
    return [_job(r) for r in db.execute(f"SELECT {_COLUMNS} FROM jobs ORDER BY seq DESC LIMIT ?", (limit,))]


def active_jobs(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM jobs WHERE status IN (?, ?) ORDER BY seq", ACTIVE)]


def pending_inputs(db, job_id: str, limit: int) -> list[tuple[int, str, bytes]]:
    return db.execute("SELECT number, name, content FROM job_inputs WHERE job_id = ? ORDER BY number LIMIT ?", (job_id, limit)).fetchall()


def record_chunk(
    db, job_id: str, numbers: list[int], added: list[str], duplicates: int, errors: list[tuple[str, str]]
) -> None:
    """A chunk's inputs are ingested: forget them and add what became of them to the job."""
    db.executemany("DELETE FROM job_inputs WHERE job_id = ? AND number = ?", [(job_id, n) for n in numbers])
    previous_added, previous_errors = db.execute("SELECT added, errors FROM jobs WHERE id = ?", (job_id,)).fetchone()
    db.execute(
        "UPDATE jobs SET processed = processed + ?, added = ?, duplicates = duplicates + ?, errors = ? WHERE id = ?",
        (len(numbers), json.dumps(json.loads(previous_added) + added), duplicates, json.dumps(json.loads(previous_errors) + [list(e) for e in errors]), job_id),
    )


def set_status(db, job_id: str, status: str, message: str | None = None, finished: str | None = None) -> None:
    db.execute("UPDATE jobs SET status = ?, message = ?, finished = ? WHERE id = ?", (status, message, finished, job_id))


def forget_inputs(db, job_id: str) -> None:
    db.execute("DELETE FROM job_inputs WHERE job_id = ?", (job_id,))


_COLUMNS = "id, status, inputs, processed, added, duplicates, errors, message, created, finished"


def _job(row: tuple) -> dict[str, Any]:
    names = [c.strip() for c in _COLUMNS.split(",")]
    job = dict(zip(names, row))
    job["added"] = json.loads(job["added"])
    job["errors"] = [tuple(e) for e in json.loads(job["errors"])]
    return job
