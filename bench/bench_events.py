"""Cost per article of online event clustering as the store grows (1k, 10k, 100k articles).

What is measured: ``OnlineClusterer.add`` only (the clustering step), on one
stream of synthetic articles, timed per article; the report gives the mean time
per article over the 1,000 articles that end at each size, so it is the cost of
adding an article to a store of that size, and its ratio to the 1k figure
measured in the same process. It also scores the clusters found at the end
against the synthetic events (B³). That is a stress figure, not a quality
measure: synthetic events copied from one sub-topic share all their words and
differ only in entity names, figures and dates, so the clusterer merges many of those
that fall within a month of each other (quality is measured on ECB+ by
``newsdesk eval ecbplus``).

The stream: ECB+ article features (cached by ``newsdesk.eval.events_eval``)
recombined into synthetic events. Each synthetic event copies one ECB+
sub-topic and renames its entities and figures with an event tag (two synthetic
events of one sub-topic share all vocabulary but their entities and figures:
same kind, different event); each article is a random document of that sub-topic, with its
embeddings jittered (Gaussian noise, sd 0.02 per dimension, renormalised) and a
publication date within three days of its event's date, the event dates spread
over one year. Events have 10 articles on average and arrive interleaved.

Run: python bench/bench_events.py [--sizes 1000 10000 100000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from newsdesk.eval import ecbplus, metrics
from newsdesk.eval.events_eval import corpus_features
from newsdesk.events import ArticleFeatures, OnlineClusterer

WINDOW = 1000
ARTICLES_PER_EVENT = 10
JITTER = 0.02
YEAR_START = date(2024, 1, 1)


def synthetic_stream(size: int, seed: int) -> tuple[list[ArticleFeatures], dict[str, int]]:
    """The articles in arrival order, and the synthetic event of each."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    features = corpus_features()
    by_subtopic: dict[str, list[ArticleFeatures]] = {}
    for document in ecbplus.load_documents():
        by_subtopic.setdefault(document.subtopic, []).append(features[document.name])
    subtopics = sorted(by_subtopic)
    events = size // ARTICLES_PER_EVENT
    event_subtopic = [rng.choice(subtopics) for _ in range(events)]
    event_day = [YEAR_START + timedelta(days=rng.randrange(365)) for _ in range(events)]
    # articles arrive in date order, as a feed would deliver them
    plan = sorted(
        ((event_day[e] + timedelta(days=rng.randrange(4)), e) for e in range(events) for _ in range(ARTICLES_PER_EVENT)),
    )
    stream = []
    gold = {}
    for index, (day, event) in enumerate(plan):
        gold[f"a{index:06d}"] = event
        base = rng.choice(by_subtopic[event_subtopic[event]])
        stream.append(
            replace(
                base,
                article_id=f"a{index:06d}",
                title_vec=_jitter(base.title_vec, noise),
                lead_vec=_jitter(base.lead_vec, noise),
                body_vec=_jitter(base.body_vec, noise),
                entities={f"{key}#{event}": count for key, count in base.entities.items()},
                figures={f"{key}#{event}": count for key, count in base.figures.items()},
                published=day.isoformat(),
            )
        )
    return stream, gold


def _jitter(vector: np.ndarray, noise: np.random.Generator) -> np.ndarray:
    moved = vector + noise.normal(0.0, JITTER, vector.shape).astype(np.float32)
    return (moved / np.linalg.norm(moved)).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    stream, gold = synthetic_stream(max(args.sizes), args.seed)
    clusterer = OnlineClusterer()
    timings = np.zeros(len(stream))
    for index, features in enumerate(stream):
        started = time.perf_counter()
        clusterer.add(features.article_id, features)
        timings[index] = time.perf_counter() - started
    baseline = timings[max(0, args.sizes[0] - WINDOW) : args.sizes[0]].mean()
    clusterer.refine()
    predicted = {article: event for event, members in clusterer.clusters().items() for article in members}
    b3 = metrics.b_cubed(gold, predicted)
    print(f"synthetic stream: {len(stream)} articles, {len(stream) // ARTICLES_PER_EVENT} synthetic events, "
          f"{len(clusterer.clusters())} predicted events (B3 P {b3.precision:.3f} R {b3.recall:.3f} F1 {b3.f1:.3f}); "
          f"total clustering time {timings.sum():.1f} s")
    print(f"{'store size':>10} {'ms/article (last 1k)':>21} {'ratio to 1k':>12}")
    for size in args.sizes:
        window = timings[max(0, size - WINDOW) : size].mean()
        print(f"{size:>10} {1000 * window:>21.2f} {window / baseline:>12.2f}")


if __name__ == "__main__":
    main()
