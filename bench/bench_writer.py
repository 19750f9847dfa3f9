"""The writer's own CPU per article, on a fixed sample, in one process.

    .venv/bin/python bench/bench_writer.py [--limit N] [--profile FILE]

With workers, the writer (the process running ``newsdesk ingest``) reads the inputs, takes each
analysed batch back from a worker (unpickling it), clusters it online, writes it to the store,
and at the end reads each changed event's dossier inputs back from the store, hands them to a
worker and writes the dossier that comes back. On 2 cores with 2 workers every CPU second of
the writer is taken from the workers, so it bounds the 2-worker speedup.

This runs exactly that writer path (``pipeline.ingest`` into a fresh SQLite store) with the
workers replaced by a replay: the per-article stages are run once over the sample (the same
inputs as ``bench_throughput.py --limit N``) and their batches kept pickled in
``--cache`` (made on first use, or with ``--fresh``); the replay hands each batch back as a
worker would (unpickled here), and builds each dossier between a pickling of its inputs and an
unpickling of its result, the build itself (a worker's work) timed apart and left out. Prints
the writer's CPU seconds by part, and a digest of every article's event, which must not change
when the writer is made cheaper. ``--profile FILE`` saves a cProfile of the run (CPU time).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pickle
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from newsdesk import dossiers, pipeline
from newsdesk.ingest import read_inputs
from newsdesk.model import Article
from issue_set import issue_inputs
from newsdesk.store import Store
from newsdesk.workers import Analyser, analyse_batch


class _Replay(Analyser):
    """Batches as a worker gives them back (pickled there, unpickled here); dossiers built apart."""

    def __init__(self, batches: list[bytes]):
        self.batches = batches
        self.worker_cpu = 0.0  # CPU of what a worker would do: left out of the writer's
        self.taken_back = 0.0  # unpickling batches, pickling dossier inputs, unpickling dossiers

    def __call__(self, batches):
        for number, batch in enumerate(batches):
            start = time.process_time()
            analysed = pickle.loads(self.batches[number])
            self.taken_back += time.process_time() - start
            if [a.article.id for a in analysed.analyses] != [a.id for a in batch]:
                sys.exit("the cached batches are not those of these inputs: run with --fresh")
            yield analysed

    def map_unordered(self, function, items):
        for item in items:
            start = time.process_time()
            sent = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            middle = time.process_time()
            result = pickle.dumps(function(pickle.loads(sent)), protocol=pickle.HIGHEST_PROTOCOL)
            end = time.process_time()
            result = pickle.loads(result)
            self.worker_cpu += end - middle
            self.taken_back += (middle - start) + (time.process_time() - end)
            yield item, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=200, help="the first N documents of each corpus (as bench_throughput.py)")
    parser.add_argument("--cache", type=Path, default=None, help="where the analysed batches are kept (default: /tmp/bench-writer-LIMIT.pickle)")
    parser.add_argument("--fresh", action="store_true", help="analyse the sample again")
    parser.add_argument("--profile", type=Path, default=None, help="save a cProfile (CPU time) of the writer's run here")
    parser.add_argument("--no-dossiers", action="store_true", help="leave out the dossier refresh")
    args = parser.parse_args()
    cache = args.cache or Path(f"/tmp/bench-writer-{args.limit}.pickle")

    with tempfile.TemporaryDirectory(prefix="bench-writer-") as folder:
        folder = Path(folder)
        paths = issue_inputs(folder, args.limit)
        if args.fresh or not cache.exists():
            articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
            batches = [articles[i : i + pipeline.BATCH_SIZE] for i in range(0, len(articles), pipeline.BATCH_SIZE)]
            start = time.process_time()
            analysed = [pickle.dumps(analyse_batch(batch), protocol=pickle.HIGHEST_PROTOCOL) for batch in batches]
            print(f"analysed {len(articles)} articles in {time.process_time() - start:.1f} s CPU; kept in {cache}")
            cache.write_bytes(pickle.dumps(analysed, protocol=pickle.HIGHEST_PROTOCOL))
        replay = _Replay(pickle.loads(cache.read_bytes()))

        @contextmanager
        def replayed(workers, engine=None, on_lost=None):
            yield replay

        pipeline.analyser = replayed
        parts = _Parts()
        profile = cProfile.Profile(time.process_time) if args.profile else None
        start = time.process_time()
        with Store(folder / "bench.db") as store:
            if profile:
                profile.enable()
            report = pipeline.ingest(paths, store, store_dossiers=not args.no_dossiers)
            if profile:
                profile.disable()
            total = time.process_time() - start - replay.worker_cpu
            digest = hashlib.sha256(json.dumps([(a.article_id, a.event_id) for a in store.assignments()]).encode()).hexdigest()[:16]
            events = store.count_events()
        count = len(report.added)
        print(f"{count} articles, {events} events; events digest {digest}")
        print(f"writer CPU {total:.2f} s ({1000 * total / count:.1f} ms an article); left out (the workers' dossier builds): {replay.worker_cpu:.1f} s")
        for name, seconds in parts.report() + [("pickles to and from workers", replay.taken_back)]:
            print(f"  {name:<28} {seconds:6.2f} s")
        if profile:
            profile.dump_stats(args.profile)
            print(f"profile in {args.profile}")


class _Parts:
    """CPU seconds in the writer's main parts, by wrapping them."""

    WRAPPED = {
        "reading inputs": (pipeline, ("read_inputs",)),
        "clustering": (pipeline.OnlineClusterer, ("add", "refine")),
        "clustering state (encode, decode)": (pipeline.OnlineClusterer, ("state", "from_state", "state_by_parts", "from_parts")),
        "store: clustering state read": (pipeline.Store, ("clusterer_state", "clusterer_shelf", "clusterer_generation")),
        "store: batch writes": (pipeline.Store, ("write_batch",)),
        "store: dossier inputs read": (dossiers, ("stored_inputs",)),
        "store: dossier writes": (dossiers.Store, ("write_dossier",)),
    }

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {name: 0.0 for name in self.WRAPPED}
        self.inside: set[str] = set()
        for name, (owner, functions) in self.WRAPPED.items():
            for function in functions:
                setattr(owner, function, self._timed(name, getattr(owner, function)))

    def _timed(self, name: str, function):
        def each(generator):
            while True:
                start = time.process_time()
                try:
                    item = next(generator)
                except StopIteration:
                    return
                finally:
                    self.seconds[name] += time.process_time() - start
                yield item

        def timed(*args, **kwargs):
            if name == "reading inputs":  # a generator: its work is done item by item
                return each(function(*args, **kwargs))
            if name in self.inside:  # called from within the same part (add -> refine)
                return function(*args, **kwargs)
            self.inside.add(name)
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.process_time() - start
                self.inside.discard(name)

        return timed

    def report(self) -> list[tuple[str, float]]:
        return list(self.seconds.items())


if __name__ == "__main__":
    main()
