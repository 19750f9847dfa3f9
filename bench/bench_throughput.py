"""End-to-end ingest throughput with 1 and 2 workers, against a bare spaCy pass, in one run.

    .venv/bin/python bench/bench_throughput.py [--limit N] [--workers 1 2]

Inputs: the 982 ECB+ documents (as one JSON-lines file) and the Giveme5W1H dev articles (their
news-please JSON files), read through newsdesk's own reader; ``--limit N`` takes the first N of
each corpus. Each measurement is a whole process, started and timed from here one after the
other, so model loading counts on both sides:

- bare spaCy: ``resources.nlp()`` (the same English pipeline the analyse stage uses) loaded and
  run with ``nlp.pipe(texts, batch_size=16)`` over the same texts;
- ``newsdesk ingest PATHS --db NEW --workers N`` for each N (the CLI, in a process that also
  prints its own CPU time, the writer's, and its workers').

Prints, for each, the wall time, the CPU time (user + system of the process and of the worker
processes it started and waited for) and articles/s, then the ratios the Scale issue sets as
targets: one worker <= 1.5x the bare spaCy time, two workers >= 1.7x one worker's throughput.

Wall and CPU ratios are both printed. The targets are judged on wall time on an otherwise idle
machine (there, for one process, wall and CPU time are the same). On a shared one (here: seven
engineers on two cores) wall times swing with the others' load; the CPU ratio is steadier but
inflated by contention (more for the ingest than for the bare parse), so it is an upper bound,
not the figure. The CPU ratio of two workers to one says what the second worker costs in total:
at most 2/1.7 = 1.18x for 1.7x the throughput on two idle cores. The load average is printed
next to each run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsdesk.ingest import read_inputs
from newsdesk.model import Article
from issue_set import issue_inputs


BARE_SPACY = """
import json, sys, time
start = time.perf_counter()
from newsdesk import resources
nlp = resources.nlp()
loaded = time.perf_counter()
texts = json.load(open(sys.argv[1], encoding="utf-8"))
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(json.dumps({"load": loaded - start, "pipe": time.perf_counter() - loaded}))
"""


# ``newsdesk ingest`` as the console script runs it, then the CPU time of this process (the writer:
# reading, clustering, storing, taking the workers' results) and of the workers it waited for.
INGEST = """
import atexit, json, resource, sys

def cpu():
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print("CPU " + json.dumps({"writer": own.ru_utime + own.ru_stime, "workers": workers.ru_utime + workers.ru_stime}), file=sys.stderr)

atexit.register(cpu)
from newsdesk.cli import app
sys.argv[0] = "newsdesk"
app()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N documents of each corpus")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as folder:
        folder = Path(folder)
        paths = issue_inputs(folder, args.limit)
        articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
        texts = folder / "texts.json"
        texts.write_text(json.dumps([a.text for a in articles]), encoding="utf-8")
        count = len(articles)
        print(f"{count} articles ({sum(len(a.text) for a in articles) / 1e6:.1f} M characters); load average {_load()}")

        output, bare, bare_cpu, _ = _timed([sys.executable, "-c", BARE_SPACY, str(texts)])
        inner = json.loads(output)
        print(f"{'bare spaCy nlp.pipe':<24} {bare:7.1f} s  CPU {bare_cpu:7.1f} s  {count / bare:6.1f} articles/s  (model load {inner['load']:.1f} s, pipe {inner['pipe']:.1f} s)  load average {_load()}")

        times, cpu = {}, {}
        for workers in args.workers:
            db = folder / f"workers-{workers}.db"
            _, times[workers], cpu[workers], split = _timed([sys.executable, "-c", INGEST, "ingest", *paths, "--db", str(db), "--workers", str(workers)])
            shares = f"(writer {split['writer']:.1f} s, workers {split['workers']:.1f} s)" if workers > 1 else ""
            print(f"{f'ingest, {workers} worker(s)':<24} {times[workers]:7.1f} s  CPU {cpu[workers]:7.1f} s  {count / times[workers]:6.1f} articles/s  {shares}  load average {_load()}")

        if 1 in times:
            print(f"1 worker / bare spaCy: CPU {cpu[1] / bare_cpu:.2f}x (target <= 1.5 on an idle machine), wall {times[1] / bare:.2f}x")
        if 1 in times and 2 in times:
            print(f"2 workers / 1 worker throughput: wall {times[1] / times[2]:.2f}x (target >= 1.7, on an idle machine); CPU cost {cpu[2] / cpu[1]:.2f}x (<= 1.18 for 1.7x)")


def _timed(command: list[str]) -> tuple[str, float, float, dict[str, float]]:
    """The command's output, wall seconds, CPU seconds (its own and its waited-for children's)
    and the CPU split it printed itself, if any."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    split = next((json.loads(line[4:]) for line in done.stderr.splitlines() if line.startswith("CPU {")), {})
    return done.stdout, wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), split


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
