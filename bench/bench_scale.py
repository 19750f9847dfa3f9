"""The scale run: N real-shaped articles through the full ingest on the engine, with two workers.

    .venv/bin/python bench/bench_scale.py --articles 20000 --engine local      # the issue's run (20+ minutes of 2 cores)
    .venv/bin/python bench/bench_scale.py --articles 20000 --engine tcp://HOST:8786
    .venv/bin/python bench/bench_scale.py --articles 20000 --workers 2         # the process pool instead

Articles: the 982 ECB+ documents and the Giveme5W1H dev articles, cycled. Article ids are digests of
the text, so each pass after the first is made new the way a recurring story is: the text gains
an edition line and the publication date moves on 60 days a pass, which keeps a pass's copy out of
the earlier pass's events (the clusterer does not join reports months apart).
``--engine local`` starts a Dask ``LocalCluster`` of ``--workers`` single-threaded processes here.

Prints wall and CPU seconds, articles/s, the events made, and the peak memory (RSS) of each worker
process and of the writer, sampled every 2 s. The store is written to ``--db`` (default: a
temporary file, removed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.ingest import read_inputs
from newsdesk.model import Article
from newsdesk.pipeline import ingest
from newsdesk.store import Store

CORPUS = Path(os.environ.get("NEWSDESK_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
FIRST_DAY = dt.date(2020, 1, 6)
DAYS_A_PASS = 60


def real_shaped(count: int) -> Iterator[dict]:
    """``count`` article records: the corpora's articles cycled, each pass a recurring edition."""
    base = [as_article_record(d) for d in load_documents()]
    giveme = [str(p) for p in sorted((CORPUS / "giveme5w1h" / "dev").glob("*.json"))]
    base += [{"text": a.text, "title": a.title, "url": a.url, "source": a.source} for a in read_inputs(giveme) if isinstance(a, Article)]
    for number in range(count):
        yield as_edition(base, number)


def as_edition(base: list[dict], number: int) -> dict:
    """The ``number``-th record of ``base`` cycled: each pass over it is a recurring edition,
    ``DAYS_A_PASS`` days later, its text and address marked with the edition."""
    edition, index = divmod(number, len(base))
    record = dict(base[index])
    day = FIRST_DAY + dt.timedelta(days=DAYS_A_PASS * edition + number % 7)
    if edition:
        record["text"] = f"Edition {edition + 1}, {day:%B %Y}.\n{record['text']}"
        record["url"] = f"{record.get('url') or 'https://example.org/a'}?edition={edition + 1}"
    record["published"] = day.isoformat()
    return record


@contextmanager
def peak_memory(pid: int) -> Iterator[dict[str, float]]:
    """Peak RSS in MB of process ``pid`` ("writer") and of each descendant, sampled every 2 s."""
    peaks: dict[str, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                writer = psutil.Process(pid)
                for process in [writer, *writer.children(recursive=True)]:
                    name = "writer" if process.pid == pid else f"worker {process.pid}"
                    peaks[name] = max(peaks.get(name, 0.0), process.memory_info().rss / 2**20)
            except psutil.Error:
                pass
            done.wait(2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peaks
    finally:
        done.set()
        thread.join()


def run(articles: int, db: Path, workers: int, engine: str | None) -> dict:
    """Ingest ``articles`` real-shaped articles into ``db``; the figures of the run."""
    feed = db.with_suffix(".jsonl")
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in real_shaped(articles)), encoding="utf-8")
    cluster = None
    if engine == "local":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        engine = cluster.scheduler_address
    try:
        cpu, start = psutil.Process().cpu_times(), time.perf_counter()
        with peak_memory(os.getpid()) as peaks, Store(db) as store:
            report = ingest([str(feed)], store, workers=workers, engine=engine)
            stored, events = store.count_articles(), store.count_events()
        wall = time.perf_counter() - start
        children = sum(c.cpu_times().user + c.cpu_times().system for c in psutil.Process().children(recursive=True))
        own = psutil.Process().cpu_times()  # children_*: the worker processes already ended and waited for
        cpu_seconds = sum(getattr(own, f) - getattr(cpu, f) for f in ("user", "system", "children_user", "children_system")) + children
    finally:
        if cluster is not None:
            cluster.close()
    return {
        "articles": articles, "stored": stored, "events": events, "errors": len(report.errors), "worker_losses": len(report.worker_losses),
        "wall_s": round(wall, 1), "cpu_s": round(cpu_seconds, 1), "articles_per_s": round(articles / wall, 2),
        "cpu_s_per_article": round(cpu_seconds / articles, 3), "peak_rss_mb": {k: round(v) for k, v in sorted(peaks.items())},
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", default=None, help="'local' (a Dask LocalCluster here) or a scheduler address tcp://HOST:8786")
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        figures = run(args.articles, args.db or Path(folder) / "scale.db", args.workers, args.engine)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
