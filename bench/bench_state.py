"""What the writer saves of the clustering state with each batch: whole, or by parts.

    .venv/bin/python bench/bench_state.py CACHE [--horizon N] [--passes K]

CACHE: the analysed batches ``bench/bench_writer.py`` keeps (``--cache``). Their articles' event
features are clustered in batches as an ingest does, ``--passes`` times over (each pass a new
edition: other ids, the dates ``60 * pass`` days on, as ``bench_scale.py`` makes them), with events
settling after ``--horizon`` arrivals without change (the clusterer's ``REFINE_HORIZON``; lower
than its 2,000 so that a small sample has settled events, as a long run has). After each batch
it times, in the same run, the whole state (``OnlineClusterer.state``, what was saved before)
and the state by parts (``state_by_parts``: what the writer saves now: the part saved whole and
the entries new since the last save), and counts their bytes.
"""

from __future__ import annotations

import argparse
import pickle
import time
from dataclasses import replace
from datetime import date, timedelta

from newsdesk.events import OnlineClusterer, cluster
from newsdesk.pipeline import BATCH_SIZE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cache")
    parser.add_argument("--horizon", type=int, default=64)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    cluster.REFINE_HORIZON = args.horizon
    features = [f for batch in pickle.loads(open(args.cache, "rb").read()) for f in pickle.loads(batch).features]
    stream = [_edition(f, n) for n in range(args.passes) for f in features]
    clusterer, shelved = OnlineClusterer(), {}
    whole_s = parts_s = 0.0
    whole_b = parts_b = 0
    rows = []
    for start in range(0, len(stream), BATCH_SIZE):
        for f in stream[start : start + BATCH_SIZE]:
            clusterer.add(f.article_id, f)
        clusterer.refine()
        began = time.process_time()
        whole = clusterer.state()
        middle = time.process_time()
        state, added, gone = clusterer.state_by_parts(shelved)
        ended = time.process_time()
        shelved = clusterer.packed_entries()
        written = len(state) + sum(len(data) for _, data in added)
        whole_s, parts_s, whole_b, parts_b = whole_s + middle - began, parts_s + ended - middle, whole_b + len(whole), parts_b + written
        rows.append((start + len(stream[start : start + BATCH_SIZE]), len(whole), written, len(shelved)))
    for articles, whole, written, packed in rows[:: max(1, len(rows) // 8)] + rows[-1:]:
        print(f"after {articles:5d} articles: whole state {whole / 1e6:6.2f} MB, by parts {written / 1e6:6.2f} MB written ({packed} entries kept apart: members, settled events)")
    print(f"all {len(rows)} batches: whole {whole_b / 1e6:.1f} MB in {whole_s:.2f} s CPU; by parts {parts_b / 1e6:.1f} MB in {parts_s:.2f} s CPU")


def _edition(features, number: int):
    if not number:
        return features
    published = features.published
    if published and len(published) >= 10:
        try:
            published = (date.fromisoformat(published[:10]) + timedelta(days=60 * number)).isoformat() + published[10:]
        except ValueError:
            pass
    return replace(features, article_id=f"{features.article_id}-{number}", published=published)


if __name__ == "__main__":
    main()
