"""Where the per-article stages run: in this process, in worker processes, or on a Dask cluster.

The writer (the process running ``pipeline.ingest``) cuts the inputs into batches and hands each
batch whole to ``analyse_batch``, here or in a worker; it takes the results back in the order it
handed the batches out, and only then clusters and stores them. The batches are the same
whatever the number of workers, and the online clustering sees the articles in arrival order, so
the events do not depend on it. Each worker process loads spaCy and the sentence encoder once
(``newsdesk.resources``) and keeps the batching inside (``nlp.pipe``, one encoder pass a batch).

On a Dask cluster (``engine``: the scheduler's address; see docs/scale.md) the same
``analyse_batch`` runs as a task per batch, and the writer stays here. Workers are started with
``spawn``: a forked child would inherit the writer's open database and any threads' locks. Up to
``LOOKAHEAD`` batches per worker are handed out ahead of the writer, so that no worker waits
while the writer clusters and writes. The same workers build the dossiers the writer refreshes at
the end of an ingest (``Analyser.map_unordered``). A worker that dies is replaced and its batches analysed
again (``_Pool``).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

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
    """Workers kept dying (``MAX_LOSSES`` times in one run: the machine, not one article): the
    batches stored so far stay stored."""


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


T, R = TypeVar("T"), TypeVar("R")
LostSink = Callable[[str], None]

MAX_LOSSES = 10  # worker deaths in one run before it stops: past that, it is the machine, not an article
LOST_MESSAGE = "the worker process analysing it died every time (killed, or out of memory)"


class Analyser:
    """Called with batches, gives their ``Analysed`` in order; ``map`` runs any other picklable
    function of one item (a dossier to build) in the same workers, in order."""

    def __call__(self, batches: Iterable[list[Article]]) -> Iterator[Analysed]:
        return (analyse_batch(batch) for batch in batches)

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(function, items)

    def map_unordered(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        """Each item with its result, in the order they are finished (work whose order does not
        matter: no worker waits for a slow item ahead of it)."""
        return ((item, function(item)) for item in items)


@contextmanager
def analyser(workers: int = 1, engine: str | None = None, on_lost: LostSink | None = None) -> Iterator[Analyser]:
    """An ``Analyser`` on the Dask cluster at ``engine``, else in this process for one worker,
    else in ``workers`` processes. ``on_lost`` is told each time a worker process dies; its
    batches are analysed again (see ``_Pool``)."""
    on_lost = on_lost or (lambda message: None)
    if engine:
        from distributed import Client

        with Client(engine) as client:
            yield _Engine(client, on_lost)
        return
    if workers <= 1:
        yield Analyser()
        return
    pool = _Pool(workers, on_lost)
    try:
        yield pool
    finally:
        pool.shutdown()


def _stop_with(writer: int) -> None:
    """In a worker: exit when the writer is gone (``kill -9`` of the ingest leaves no orphan
    behind; the worker would otherwise wait for work forever)."""

    def watch() -> None:
        while os.getppid() == writer:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="newsdesk-writer-watch").start()


@dataclass
class _Pending:
    batch: list[Article]
    future: Future | None = None
    losses: int = 0
    alone: bool = False  # run with nothing else in flight, to tell whether it is what kills a worker


class _Pool(Analyser):
    """``workers`` spawned processes, up to ``LOOKAHEAD`` batches each handed out ahead of the writer.

    A worker that dies (``kill -9``, the OOM killer) breaks the whole pool: every batch in
    flight is lost with it, none of them stored yet. The pool is started again and the lost
    batches handed out again, in order, so nothing is skipped and nothing is stored twice. A
    batch lost a second time may be what kills the worker (an article that blows up memory), so
    from then on the batches in flight run one at a time; a batch that kills a worker while
    alone is split into single articles, and a single article that does is recorded as an
    error (not stored; the next ingest retries it) and the batch goes on."""

    def __init__(self, workers: int, on_lost: LostSink):
        self.workers, self.on_lost, self.losses = workers, on_lost, 0
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_stop_with, initargs=(os.getpid(),)
        )

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """In order, ``LOOKAHEAD`` items a worker handed out; if a worker dies, the rest run here."""
        pending: deque[tuple[T, Future]] = deque()
        source = iter(items)
        try:
            for item in source:
                pending.append((item, self.executor.submit(function, item)))
                if len(pending) >= self.workers * LOOKAHEAD:
                    yield _result(pending)
            while pending:
                yield _result(pending)
        except _PoolBroken:
            self.on_lost("a worker process died (killed, or out of memory); the rest is done in this process")
            for item, _ in pending:
                yield function(item)
            for item in source:
                yield function(item)
        finally:
            for _, future in pending:
                future.cancel()

    def map_unordered(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        """As they are finished, ``LOOKAHEAD`` items a worker in flight; if a worker dies, the rest run here."""
        pending: dict[Future, T] = {}
        source = iter(items)
        try:
            for item in source:
                pending[self.executor.submit(function, item)] = item
                if len(pending) >= self.workers * LOOKAHEAD:
                    yield from _finished(pending)
            while pending:
                yield from _finished(pending)
        except _PoolBroken:
            self.on_lost("a worker process died (killed, or out of memory); the rest is done in this process")
            for item in list(pending.values()):
                yield item, function(item)
            for item in source:
                yield item, function(item)
        finally:
            for future in pending:
                future.cancel()

    def __call__(self, batches: Iterable[list[Article]]) -> Iterator[Analysed]:
        queue: deque[_Pending] = deque()
        source = iter(batches)
        more = True
        try:
            while True:
                while more and len(queue) < self.workers * LOOKAHEAD and not any(p.alone for p in queue):
                    batch = next(source, None)
                    if batch is None:
                        more = False
                        break
                    queue.append(_Pending(batch))
                self._hand_out(queue)
                if not queue:
                    return
                head = queue[0]
                try:
                    analysed = head.future.result()
                except BrokenProcessPool:
                    analysed = self._lost(queue)
                    if analysed is None:
                        continue
                queue.popleft()
                yield analysed
        finally:
            for pending in queue:
                if pending.future is not None:
                    pending.future.cancel()

    def _hand_out(self, queue: deque[_Pending]) -> None:
        """Submit what is not in flight: everything, or only the head while any batch runs alone."""
        careful = any(p.alone for p in queue)
        for pending in list(queue)[:1] if careful else queue:
            if pending.future is None:
                pending.future = self.executor.submit(analyse_batch, pending.batch)

    def _lost(self, queue: deque[_Pending]) -> Analysed | None:
        """A worker died: restart the pool and put the lost batches back; returns the head's
        result when the head is given up (a single article that kills a worker alone)."""
        self.losses += 1
        if self.losses > MAX_LOSSES:
            raise WorkerLost(f"worker processes died {self.losses} times in this run (killed, or out of memory); the batches stored so far are kept: run the same ingest again to go on")
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()
        head = queue[0]
        given_up = None
        if head.alone and len(head.batch) > 1:
            queue.popleft()
            queue.extendleft(_Pending([article], alone=True) for article in reversed(head.batch))
        elif head.alone:
            given_up = Analysed([], [], [], [InputError(head.batch[0].path, LOST_MESSAGE, stage="workers")])
        lost = 0
        for pending in queue:
            future, pending.future = pending.future, None
            if future is None:
                continue  # not handed out yet
            if future.done() and not future.cancelled() and future.exception() is None:
                pending.future = future  # finished before the worker died
                continue
            lost += 1
            pending.losses += 1
            pending.alone = pending.alone or pending.losses >= 2
        if given_up:
            self.on_lost(f"a worker process died (killed, or out of memory) while analysing {head.batch[0].path} alone: that article is skipped")
        else:
            self.on_lost(f"a worker process died (killed, or out of memory); the {lost} batches it left unfinished are analysed again")
        return given_up


class _PoolBroken(Exception):
    pass


def _result(pending: deque[tuple[Any, Future]]) -> Any:
    """The first pending item's result, taken off ``pending`` (left on when its worker died)."""
    try:
        value = pending[0][1].result()
    except BrokenProcessPool:
        raise _PoolBroken from None
    pending.popleft()
    return value


def _finished(pending: dict[Future, Any]) -> Iterator[tuple[Any, Any]]:
    """The items of ``pending`` whose futures are done (at least one), with their results, taken
    off ``pending`` as they are given (left on when their worker died)."""
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in done:
        try:
            result = future.result()
        except BrokenProcessPool:
            raise _PoolBroken from None
        yield pending.pop(future), result


class _Engine(Analyser):
    """A Dask cluster: the same batches as tasks, results taken back in order, up to
    ``LOOKAHEAD`` a worker thread handed out. Dask itself re-runs a task whose worker died, and
    gives up on it (``KilledWorker``) only after it killed several workers: that batch's articles
    are recorded as errors and the run goes on."""

    def __init__(self, client, on_lost: LostSink):
        self.client, self.on_lost = client, on_lost
        self.ahead = LOOKAHEAD * max(1, sum(client.nthreads().values()))

    def _in_order(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, Future]]:
        pending: deque[tuple[T, Future]] = deque()
        try:
            for item in items:
                pending.append((item, self.client.submit(function, item, pure=False)))
                if len(pending) >= self.ahead:
                    yield pending.popleft()
            while pending:
                yield pending.popleft()
        finally:
            for _, future in pending:
                future.cancel()

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return (future.result() for _, future in self._in_order(function, items))

    def map_unordered(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        return ((item, future.result()) for item, future in self._in_order(function, items))

    def __call__(self, batches: Iterable[list[Article]]) -> Iterator[Analysed]:
        from distributed import KilledWorker

        for batch, future in self._in_order(analyse_batch, batches):
            try:
                yield future.result()
            except KilledWorker:
                self.on_lost(f"the engine gave up on {batch[0].path} .. {batch[-1].path}: it killed its workers every time")
                yield Analysed([], [], [], [InputError(a.path, LOST_MESSAGE, stage="workers") for a in batch])
