"""Serving under load: 50 concurrent readers for 30 s while an ingest runs through the API.

    .venv/bin/python bench/bench_serve.py [--readers 50] [--seconds 30] [--base 150] [--ingest 200] [--db STORE]

Builds a store with the seed reports and the first ``--base`` ECB+ documents (or copies
``--db``, which already holds some; the ECB+ documents it lacks are the ones posted), starts
``newsdesk serve`` on it in a subprocess, waits until every event's list row is built, then posts
the next ``--ingest`` ECB+ documents to ``POST /api/ingest`` and, while that ingest runs, has
``--readers`` threads request the events list (API and page), event dossiers (API and page) and
articles in a loop. Prints p50/p95/p99 latency per kind of request and overall, the number of
errors (any status but 200, or a failed connection; must be zero), and how far the ingest got.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.ingest import article_id
from newsdesk.pipeline import ingest
from newsdesk.serve.testing import free_port
from newsdesk.store import Store

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
MIX = [("events api", 25), ("events page", 15), ("dossier api", 25), ("event page", 25), ("article api", 10)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--base", type=int, default=150, help="ECB+ documents stored before the run")
    parser.add_argument("--ingest", type=int, default=200, help="ECB+ documents posted during the run")
    parser.add_argument("--db", type=Path, help="start from a copy of this store instead of building one")
    args = parser.parse_args()

    records = [as_article_record(doc) for doc in load_documents()]
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-serve-") as folder:
        db = Path(folder) / "newsdesk.db"
        if args.db:
            shutil.copy(args.db, db)
        else:
            base_file = Path(folder) / "base.jsonl"
            base_file.write_text("".join(json.dumps(r) + "\n" for r in records[: args.base]), encoding="utf-8")
            started = time.monotonic()
            with Store(db) as store:
                ingest([str(SEEDS), str(base_file)], store)
            print(f"base store: seeds + {args.base} ECB+ documents in {time.monotonic() - started:.0f} s", flush=True)
        with Store(db) as store:
            stored = store.count_articles()
        posted = _unstored(records, db)[: args.ingest]
        port = free_port()
        server = subprocess.Popen([str(Path(sys.executable).parent / "newsdesk"), "serve", "--db", str(db), "--port", str(port)])
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_listed(base)
            run(base, posted, args.readers, args.seconds, stored)
        finally:
            server.terminate()
            server.wait(timeout=60)


def _unstored(records: list[dict], db: Path) -> list[dict]:
    with Store(db) as store:
        known = store.known_ids(article_id(r["text"]) for r in records)
    return [r for r in records if article_id(r["text"]) not in known]


def _wait_until_listed(base: str, timeout: float = 1800) -> None:
    """Until the server answers and every event's list row (and so its dossier) is built."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            listing = httpx.get(base + "/api/events", params={"limit": 1}, timeout=5).json()
            if listing["pending"] == 0:
                print(f"server ready with {listing['total']} events built in {time.monotonic() - started:.0f} s", flush=True)
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit("the server did not finish building the events list in time")


def run(base: str, posted: list[dict], readers: int, seconds: float, stored: int) -> None:
    listing = httpx.get(base + "/api/events", params={"limit": 200}, timeout=30).json()
    event_ids = [e["id"] for e in listing["items"]]
    article_ids = [a for e in listing["items"] for a in e["article_ids"]]
    job = httpx.post(base + "/api/ingest", json={"documents": posted}, timeout=60).json()
    print(f"ingest job {job['id']}: {job['inputs']} documents posted; {readers} readers for {seconds:.0f} s", flush=True)

    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def read(seed: int) -> None:
        pick = random.Random(seed)
        kinds = [kind for kind, weight in MIX for _ in range(weight)]
        with httpx.Client(base_url=base, timeout=60, follow_redirects=True) as client:  # merged events redirect
            while time.monotonic() < stop_at:
                kind = pick.choice(kinds)
                path = {
                    "events api": lambda: f"/api/events?offset={pick.randrange(0, max(1, len(event_ids)))}&limit=20",
                    "events page": lambda: "/",
                    "dossier api": lambda: f"/api/events/{pick.choice(event_ids)}",
                    "event page": lambda: f"/events/{pick.choice(event_ids)}",
                    "article api": lambda: f"/api/articles/{pick.choice(article_ids)}",
                }[kind]()
                started = time.monotonic()
                try:
                    status = client.get(path).status_code
                    problem = None if status == 200 else f"{status} {path}"
                except httpx.HTTPError as exc:
                    problem = f"{type(exc).__name__} {path}"
                elapsed = time.monotonic() - started
                with lock:
                    latencies[kind].append(elapsed)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    progress = httpx.get(f"{base}/api/jobs/{job['id']}", timeout=30).json()

    every = [t for values in latencies.values() for t in values]
    print(f"\n{'request':<14}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for kind, _ in MIX:
        _row(kind, latencies[kind])
    _row("all", every)
    print(f"\nrequests/s: {len(every) / seconds:.0f}; errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    print(
        f"ingest during the run: {progress['processed']}/{progress['inputs']} documents processed, {progress['added']} added, "
        f"status {progress['status']}{': ' + progress['message'] if progress['message'] else ''} (store had {stored} articles)"
    )


def _row(kind: str, values: list[float]) -> None:
    if not values:
        print(f"{kind:<14}{0:>8}")
        return
    ms = sorted(v * 1000 for v in values)
    p95, p99 = (ms[min(len(ms) - 1, int(q * len(ms)))] for q in (0.95, 0.99))
    print(f"{kind:<14}{len(ms):>8}{statistics.median(ms):>10.1f}{p95:>10.1f}{p99:>10.1f}{ms[-1]:>10.1f}")


if __name__ == "__main__":
    main()
