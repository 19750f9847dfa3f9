"""The dossier refresh of one very large event, as the 20k-article scale run makes them.

    .venv/bin/python bench/bench_dossier.py [--articles 500] [--sizes 40,100,250,500] [--topic 1]

In ``bench_scale.py`` a story recurs: each pass over the corpora is a new edition of every
article (an edition line, the publication date 60 days on), and the editions of one story join
one event, 300-500 articles. Here the ECB+ documents of one topic (topic 1: 39 documents, two
real events of one kind) are cycled the same way into ``--articles`` editions, analysed once by
the registered stages (kept pickled in ``--cache``, made on first use or with ``--fresh``), and
the dossier of the event made of the first N of them is built as a refresh builds it in a worker
(``dossiers.dossier_document``: the stored document and the vectors it encoded), for each N of
``--sizes``, one after the other in this process (``--uncapped``: every article's claims lined up,
as before ``MAX_ALIGNED_ARTICLES``). The sentence encoder is loaded first, as it is
in a worker. Prints the CPU seconds of each build, how many articles its claims were aligned
over, and what it found.
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
import time
from pathlib import Path

from bench_scale import as_edition

from newsdesk import dossiers, resources
from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.ingest import read_inputs
from newsdesk.model import Article
from newsdesk.store import Assignment
from newsdesk.store.codec import to_plain
from newsdesk.workers import analyse_batch


def editions(topic: int, count: int) -> list[dict]:
    """``count`` records: the topic's documents cycled, each pass a new edition (as bench_scale.py)."""
    base = [as_article_record(d) for d in load_documents([topic])]
    return [as_edition(base, number) for number in range(count)]


def analysed(topic: int, count: int, cache: Path, fresh: bool) -> list:
    if cache.exists() and not fresh:
        kept = pickle.loads(cache.read_bytes())
        if len(kept) >= count:
            return kept[:count]
    with tempfile.TemporaryDirectory(prefix="bench-dossier-") as folder:
        path = Path(folder) / "editions.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in editions(topic, count)), encoding="utf-8")
        articles = [a for a in read_inputs([str(path)]) if isinstance(a, Article)]
    start = time.process_time()
    analyses = [a for i in range(0, len(articles), 32) for a in analyse_batch(articles[i : i + 32]).analyses]
    print(f"analysed {len(analyses)} articles in {time.process_time() - start:.0f} s CPU; kept in {cache}", flush=True)
    cache.write_bytes(pickle.dumps(analyses, protocol=pickle.HIGHEST_PROTOCOL))
    return analyses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--sizes", default="40,100,250,500", help="event sizes to build, comma-separated (each at most --articles)")
    parser.add_argument("--topic", type=int, default=1, help="the ECB+ topic whose documents are cycled")
    parser.add_argument("--cache", type=Path, default=None, help="default: /tmp/bench-dossier-TOPIC-ARTICLES.pickle")
    parser.add_argument("--fresh", action="store_true", help="analyse the editions again")
    parser.add_argument("--uncapped", action="store_true", help="line up every article's claims (as before the cap), to measure what it saves")
    args = parser.parse_args()
    cache = args.cache or Path(f"/tmp/bench-dossier-{args.topic}-{args.articles}.pickle")
    analyses = analysed(args.topic, args.articles, cache, args.fresh)
    if args.uncapped:
        dossiers.MAX_ALIGNED_ARTICLES = args.articles
    resources.sentence_encoder().encode(["warm up"])  # loaded once per worker, before its first dossier
    for size in [int(s) for s in args.sizes.split(",")]:
        event = analyses[:size]
        stored = [(json.dumps(to_plain(a), ensure_ascii=False), a.vectors.to_bytes() if a.vectors is not None else None) for a in event]
        inputs = ([Assignment(a.article.id, "E1", {}) for a in event], stored, [], ["E1"])  # as the store gives them
        start = time.process_time()
        document, _ = dossiers.dossier_document(inputs)
        seconds = time.process_time() - start
        found = document["events"][0]
        aligned = found.get("claims_aligned")
        print(
            f"{size:4d} articles: {seconds:7.2f} s CPU; claims aligned over {size if aligned is None else len(aligned)} articles; "
            f"{len(found['agreements'])} agreements, {len(found['conflicts'])} conflicts, {len(found['single_source'])} single-source, "
            f"{len(found['entities'])} entities",
            flush=True,
        )


if __name__ == "__main__":
    main()
