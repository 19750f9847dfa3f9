"""Where the per-article stages run: in this process, in worker processes, or on a Dask cluster.

The writer (the process running ``pipeline.ingest``) cuts the inputs into batches and hands each
batch whole to ``analyse_batch``, here or in a worker; it takes the results back in the order it
handed the batches out, and only then clusters and stores them. The batches are the same
whatever the number of workers, and the online clustering sees the articles in arrival order, so
the events do not depend on it. Each worker process loads spaCy and the sentence encoder once
(``newsdesk.resources``) and keeps the batching inside (``nlp.pipe``, one encoder pass a batch).

On a Dask cluster (``engine``: the scheduler's address; see docs/scale.md) the same
``analyse_batch`` runs as a task per batch, and the writer stays here. Workers are started with ``spawn``: a forked child would inherit the writer's open database and
any threads' locks. Up to ``LOOKAHEAD`` batches per worker are handed out ahead of the writer, so
that no worker waits while the writer clusters and writes.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from newsdesk.events.features import ArticleFeatures
from newsdesk.model import Analysis, Article, InputError
from newsdesk.stages import STAGES

LOOKAHEAD = 2


@dataclass
class Analysed:
    """One batch through the stages: what the writer stores, and the articles that failed a stage."""

    analyses: list[Analysis]
    features: list[ArticleFeatures]
    read_as: list[Article]  # each stored article as it was read, before the stages
    errors: list[InputError]


def analyse_batch(articles: list[Article]) -> Analysed:
    """Every registered stage over one batch (in a worker, or in the writer itself)."""
    run = STAGES.run(articles)
    stored = run.stored
    return Analysed([w.analysis for w in stored], [w.features for w in stored], [w.article for w in stored], run.errors)


class WorkerLost(RuntimeError):
    """A worker process died (killed, or out of memory): the batches stored so far stay stored."""


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


Analyser = Callable[[Iterable[list[Article]]], Iterator[Analysed]]


@contextmanager
def analyser(workers: int = 1, engine: str | None = None) -> Iterator[Analyser]:
    """A function from batches to their ``Analysed``, in order: on the Dask cluster at ``engine``,
    else in this process for one worker, else in ``workers`` processes."""
    if engine:
        from distributed import Client, KilledWorker

        with Client(engine) as client:
            ahead = LOOKAHEAD * max(1, sum(client.nthreads().values()))
            yield lambda batches: _in_order(lambda task, batch: client.submit(task, batch, pure=False), batches, ahead, KilledWorker)
        return
    if workers <= 1:
        yield lambda batches: (analyse_batch(batch) for batch in batches)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_stop_with, initargs=(os.getpid(),)
    )
    try:
        yield lambda batches: _in_order(pool.submit, batches, workers * LOOKAHEAD, BrokenProcessPool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_with(writer: int) -> None:
    """In a worker: exit when the writer is gone (``kill -9`` of the ingest leaves no orphan
    behind; the worker would otherwise wait for work forever)."""

    def watch() -> None:
        while os.getppid() == writer:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="newsdesk-writer-watch").start()


def _in_order(submit: Callable[..., Future], batches: Iterable[list[Article]], ahead: int, lost: type[Exception]) -> Iterator[Analysed]:
    """The batches' results in the order the batches came, with up to ``ahead`` handed out;
    ``lost``: the exception by which the engine says a worker died."""
    pending: deque[Future] = deque()
    try:
        for batch in batches:
            pending.append(submit(analyse_batch, batch))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except lost as exc:
        raise WorkerLost("a worker process died (killed, or out of memory); the batches stored so far are kept: run the same ingest again to go on") from exc
    finally:
        for future in pending:
            future.cancel()
