"""Jobs survive the server: SIGTERM or kill -9 during a job loses nothing, leaves no process
behind, and the next start resumes the job."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from newsdesk.serve.testing import free_port
from newsdesk.store import Store

DOCUMENTS = [
    {
        "title": f"Flooding closes road {n} near Lyon",
        "text": f"Flooding closed road number {n} near Lyon on Sunday, the prefecture said. {n + 2} drivers were rescued and nobody was hurt.",
        "published": "2023-11-05",
        "source": "Le Test",
    }
    for n in range(34)  # chunks of 16, 16 and 2
]


def _processes_marked(mark: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"NEWSDESK_TEST_MARK={mark}".encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def _get(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.loads(response.read())


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


# on PostgreSQL in the slow run only: the store's own kill tests run there by default (test_store_concurrency.py)
@pytest.mark.parametrize("store_at", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)], indirect=True)
def test_a_job_survives_sigterm_and_kill_9_of_its_server(store_at):
    db, port, mark = store_at, free_port(), uuid.uuid4().hex
    base = f"http://127.0.0.1:{port}"
    environment = {**os.environ, "NEWSDESK_TEST_MARK": mark}

    def start() -> subprocess.Popen:
        server = subprocess.Popen([sys.executable, "-m", "newsdesk", "serve", "--db", db, "--create", "--port", str(port)], env=environment, stderr=subprocess.DEVNULL)
        _wait(lambda: _get(base, "/api/health"), 60, "the server to start")
        return server

    def stored_job(job_id: str) -> tuple:
        with Store(db) as store:
            return store.db.execute("SELECT status, processed, (SELECT COUNT(*) FROM job_inputs WHERE job_id = ?) FROM jobs WHERE id = ?", (job_id, job_id)).fetchone()

    server = start()
    request = urllib.request.Request(base + "/api/ingest", data=json.dumps({"documents": DOCUMENTS}).encode(), headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        job_id = json.loads(response.read())["id"]
    _wait(lambda: _get(base, f"/api/jobs/{job_id}")["processed"] >= 16, 300, "the first chunk")

    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=120) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal after its graceful shutdown
    _wait(lambda: not _processes_marked(mark), 10, "the ingest process to end with its server")
    status, processed, left = stored_job(job_id)
    assert status == "queued" and processed + left == len(DOCUMENTS) and left > 0  # what was not ingested is kept

    server = start()
    _wait(lambda: _get(base, f"/api/jobs/{job_id}")["status"] == "running", 60, "the job to resume")
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    _wait(lambda: not _processes_marked(mark), 10, "the ingest process to notice its server was killed")
    assert stored_job(job_id)[0] in ("running", "queued")

    server = start()
    job = _wait(lambda: (j := _get(base, f"/api/jobs/{job_id}"))["status"] in ("done", "failed") and j, 300, "the job to finish")
    assert job["status"] == "done" and job["processed"] == len(DOCUMENTS) and not job["errors"]
    assert job["added"] <= len(DOCUMENTS) <= job["added"] + job["duplicates"]  # a chunk cut short is ingested again: its stored part as duplicates
    with Store(db) as store:
        assert store.db.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone() == (len(DOCUMENTS), len(DOCUMENTS))
        assert store.db.execute("SELECT COUNT(*) FROM job_inputs").fetchone()[0] == 0
    assert _get(base, "/api/health")["articles"] == len(DOCUMENTS)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=120) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal after its graceful shutdown
    _wait(lambda: not _processes_marked(mark), 10, "no process left")
