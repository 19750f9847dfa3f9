"""Ingest throughput on the 982 ECB+ documents, stage by stage, in one process.

    .venv/bin/python bench/bench_ingest.py [--limit N]

Prints seconds and articles/second for each registered per-article stage (``newsdesk.stages``:
clean, analyse, quotes, claims, framing, features), online clustering and store writes, and for
the whole ingest path.
The end-to-end figure for the CLI is measured separately with:

    .venv/bin/newsdesk eval ecbplus-jsonl /tmp/ecb.jsonl
    time .venv/bin/newsdesk ingest /tmp/ecb.jsonl --db /tmp/ecb.db
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from newsdesk import resources
from newsdesk.eval.ecbplus import load_documents
from newsdesk.events import OnlineClusterer
from newsdesk.ingest import article_from_text
from newsdesk.stages import STAGES, StageRun, Work
from newsdesk.store import Assignment, Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    docs = load_documents()[: args.limit]
    articles = [article_from_text(d.text, path=d.name, title=d.title, url=d.url, source="ECB+") for d in docs]
    resources.nlp(), resources.sentence_encoder()  # model loading is not ingest cost
    timings: dict[str, float] = {}

    run = StageRun([Work(a) for a in articles], [])
    for stage in STAGES.stages:
        start = time.perf_counter()
        STAGES.run_stage(stage, run)
        timings[stage.name] = time.perf_counter() - start
    analyses = [w.analysis for w in run.stored]
    features = [w.features for w in run.stored]

    start = time.perf_counter()
    clusterer = OnlineClusterer()
    decisions = [clusterer.add(a.article.id, f) for a, f in zip(analyses, features)]
    timings["online clustering"] = time.perf_counter() - start

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        for i in range(0, len(analyses), 32):
            part = analyses[i : i + 32]
            store.write_batch(
                part,
                {a.article.id: f.to_bytes() for a, f in zip(part, features[i : i + 32])},
                [Assignment(d.article_id, d.event_id, {}) for d in decisions[i : i + 32]],
                clusterer.state(),
            )
    timings["store writes"] = time.perf_counter() - start

    total = sum(timings.values())
    for stage, seconds in timings.items():
        print(f"{stage:<42} {seconds:8.1f} s  {len(articles) / seconds:8.1f} articles/s  {seconds / total:5.0%}")
    print(f"{'total':<42} {total:8.1f} s  {len(articles) / total:8.1f} articles/s")


if __name__ == "__main__":
    main()
