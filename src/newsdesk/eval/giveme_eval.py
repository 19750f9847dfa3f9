"""Event clustering on Giveme5W1H's news_cluster dev half: real reports from many outlets,
as news-please wrote them, in gold events (``../shared/corpus/giveme5w1h/gold.json``).

The 34 gold events are split, fixed, into a tuning part and a held-out part: events sorted by
their id, every other one held out (``split_events``), so both parts hold events of 2016-2018
and of every size. Thresholds and weights of the clusterer are tuned on ECB+ dev topics and the
tuning part together; the held-out part (with ECB+ test topics 36-45) is the product's figure.

Each order (5, shuffled with a fixed seed) feeds the split's articles one by one to an
``OnlineClusterer`` (refined at the end, as an ingest batch is) and scores B3, V-measure and ARI
against the gold events. Two baselines run on the same articles:

- TF-IDF (title and text, fitted on the articles clustered) + K-means given the true number
  of events (numpy k-means++, one seed per order, 10 restarts each: no scikit-learn in the install);
- TF-IDF + average-linkage agglomeration on cosine similarity, cut at the threshold that
  gives the best B3-F1 on ECB+ dev topics 1-35 (found in the same run).

Analyses and features are cached on disk as the ECB+ eval caches them (``$NEWSDESK_CACHE``).
"""

from __future__ import annotations

import json
import math
import re
import pickle
import random
import statistics
import time
from collections import Counter

import numpy as np

from newsdesk import errors
from newsdesk.eval import corpus_root, ecbplus
from newsdesk.eval.cache import cache_dir, content_key, write
from newsdesk.eval.events_eval import _ANALYSIS_CODE, _FEATURE_CODE, _scores, _spread
from newsdesk.events import ArticleFeatures, OnlineClusterer, article_features_batch
from newsdesk.model import Analysis, Article
from newsdesk.store.codec import from_plain, to_plain

PARTS = ("tune", "held_out", "all")
THRESHOLDS = tuple(round(0.02 * step, 2) for step in range(1, 40))


def load_articles() -> tuple[dict[str, Article], dict[str, int]]:
    """File name -> article as ingested, and file name -> gold event id."""
    from newsdesk.ingest import read_inputs

    root = corpus_root() / "giveme5w1h"
    gold = {name: int(row["event"]) for name, row in json.loads((root / "gold.json").read_text(encoding="utf-8"))["articles"].items()}
    articles = {}
    for name in sorted(gold):
        (item,) = list(read_inputs([str(root / "dev" / name)]))
        if isinstance(item, errors.InputRejected):
            raise ValueError(f"{item.input_name}: {item.reason}")
        articles[name] = item
    return articles, gold


def split_events(gold: dict[str, int]) -> dict[str, set[int]]:
    """The fixed split by event: sorted event ids, every other one (the 2nd, 4th, ...) held out."""
    events = sorted(set(gold.values()))
    held_out = set(events[1::2])
    return {"tune": set(events) - held_out, "held_out": held_out, "all": set(events)}


def corpus_features(articles: dict[str, Article]) -> dict[str, ArticleFeatures]:
    records = [(name, a.text, a.title, a.published, a.source) for name, a in articles.items()]
    path = cache_dir() / f"giveme-features-{content_key(records, _FEATURE_CODE)}.pkl"
    if path.is_file():
        return {name: ArticleFeatures.from_bytes(blob) for name, blob in pickle.loads(path.read_bytes()).items()}
    features = dict(zip(articles, article_features_batch(corpus_analyses(articles, records))))
    write(path, {name: feature.to_bytes() for name, feature in features.items()})
    return features


def corpus_analyses(articles: dict[str, Article], records: list[tuple]) -> list[Analysis]:
    """The articles' analyses through the normal analysis stage, cached on disk."""
    path = cache_dir() / f"giveme-analyses-{content_key(records, _ANALYSIS_CODE)}.pkl"
    if path.is_file():
        return [from_plain(Analysis, plain) for plain in pickle.loads(path.read_bytes())]
    from newsdesk.analyse import analyse_articles

    analyses = [analysis for analysis, _ in analyse_articles(articles.values())]
    write(path, [to_plain(analysis) for analysis in analyses])
    return analyses


def evaluate(parts: tuple[str, ...] = PARTS, orders: int = 5, seed: int = 0) -> dict:
    articles, gold = load_articles()
    features = corpus_features(articles)
    events_of = split_events(gold)
    threshold = ecb_dev_threshold()
    result = {"orders": orders, "seed": seed, "linkage_threshold": threshold, "parts": {}}
    for part in parts:
        names = [name for name in articles if gold[name] in events_of[part]]
        truth = {name: gold[name] for name in names}
        runs, kmeans_runs = [], []
        for order_index in range(orders):
            order = list(names)
            random.Random(seed * 1000 + order_index).shuffle(order)
            started = time.perf_counter()
            clusterer = OnlineClusterer()
            for name in order:
                clusterer.add(name, features[name])
            clusterer.refine()
            elapsed = time.perf_counter() - started
            predicted = {name: event for event, members in clusterer.clusters().items() for name in members}
            runs.append({**_scores(truth, predicted), "events": len(clusterer.clusters()), "ms_per_article": 1000 * elapsed / len(order)})
            kmeans_runs.append(_scores(truth, _kmeans([articles[n] for n in names], names, len(events_of[part]), order_index)))
        linkage = _scores(truth, _average_link([articles[n] for n in names], names, threshold))
        result["parts"][part] = {
            "articles": len(names),
            "gold_events": len(events_of[part]),
            "events": sorted(events_of[part]),
            "runs": runs,
            "newsdesk": _spread([{k: v for k, v in run.items() if k not in ("events", "ms_per_article")} for run in runs]),
            "kmeans_true_k": _spread(kmeans_runs),
            "tfidf_average_link": linkage,
        }
    return result


def _tfidf(articles: list[Article]) -> np.ndarray:
    """Rows of unit length: sublinear term frequency of the title and text's words (English stop
    words out) times smoothed IDF over these articles, the usual TF-IDF baseline."""
    from newsdesk.analyse.language import stop_words_of

    stop_words = stop_words_of("en")
    counts = []
    for article in articles:
        words = re.findall(r"[^\W\d_]{2,}", f"{article.title or ''}\n{article.text}".lower())
        counts.append(Counter(w for w in words if w not in stop_words))
    columns = {word: i for i, word in enumerate(sorted({w for c in counts for w in c}))}
    matrix = np.zeros((len(articles), max(1, len(columns))), np.float64)
    for row, count in enumerate(counts):
        for word, n in count.items():
            matrix[row, columns[word]] = 1.0 + math.log(n)
    frequency = np.count_nonzero(matrix, axis=0)
    matrix *= np.log((1 + len(articles)) / (1 + frequency)) + 1.0
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def _kmeans(articles: list[Article], names: list[str], k: int, seed: int, restarts: int = 10, steps: int = 100) -> dict[str, int]:
    """K-means (k-means++ seeding, ``restarts`` runs, the lowest inertia kept) on the TF-IDF rows."""
    matrix = _tfidf(articles)
    generator = np.random.default_rng(seed)
    best: tuple[float, np.ndarray] | None = None
    for _ in range(restarts):
        centres = matrix[[generator.integers(len(matrix))]]
        while len(centres) < k:
            nearest = ((matrix[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2).min(axis=1)
            total = nearest.sum()
            pick = generator.choice(len(matrix), p=nearest / total) if total > 0 else generator.integers(len(matrix))
            centres = np.vstack([centres, matrix[pick]])
        labels = np.full(len(matrix), -1)
        for _ in range(steps):
            distances = ((matrix[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
            new_labels = distances.argmin(axis=1)
            if np.array_equal(new_labels, labels):
                break
            labels = new_labels
            centres = np.array([matrix[labels == c].mean(axis=0) if np.any(labels == c) else centres[c] for c in range(k)])
        inertia = float(((matrix - centres[labels]) ** 2).sum())
        if best is None or inertia < best[0]:
            best = (inertia, labels)
    return dict(zip(names, best[1].tolist()))


def _average_link(articles: list[Article], names: list[str], threshold: float) -> dict[str, int]:
    return _cut(_average_link_merges(articles), names, threshold)


def _average_link_merges(articles: list[Article]) -> list[tuple[int, int, float]]:
    """The merges of average-link agglomeration on TF-IDF cosines, most similar first, down to
    one group: (kept index, absorbed index, average similarity). Average link has no inversions,
    so cutting at a threshold is applying the merges at or above it."""
    matrix = _tfidf(articles)
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, -np.inf)
    size = len(similarity)
    counts = np.ones(size)
    alive = np.ones(size, bool)
    merges = []
    for _ in range(size - 1):
        i, j = divmod(int(np.argmax(similarity)), size)
        i, j = min(i, j), max(i, j)
        merges.append((i, j, float(similarity[i, j])))
        merged = (similarity[i] * counts[i] + similarity[j] * counts[j]) / (counts[i] + counts[j])
        similarity[i], similarity[:, i] = merged, merged
        similarity[j], similarity[:, j] = -np.inf, -np.inf
        similarity[i, i] = -np.inf
        counts[i] += counts[j]
        alive[j] = False
    return merges


def _cut(merges: list[tuple[int, int, float]], names: list[str], threshold: float) -> dict[str, int]:
    group = list(range(len(names)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, j, similarity in merges:
        if similarity < threshold:
            break
        group[root(j)] = root(i)
    return {name: root(i) for i, name in enumerate(names)}


def ecb_dev_threshold() -> float:
    """The cosine at which TF-IDF average linkage scores best (B3-F1) on ECB+ dev topics 1-35."""
    from newsdesk.eval import metrics
    from newsdesk.ingest.article import article_from_text

    documents = ecbplus.load_documents(ecbplus.DEV_TOPICS)
    merges = _average_link_merges([article_from_text(doc.text, path=doc.name, title=doc.title) for doc in documents])
    names = [doc.name for doc in documents]
    truth = {doc.name: doc.subtopic for doc in documents}
    return max(THRESHOLDS, key=lambda t: (metrics.b_cubed(truth, _cut(merges, names, t)).f1, -t))


def render(result: dict) -> str:
    lines = [
        f"Giveme5W1H news_cluster dev half: event clustering, {result['orders']} shuffled orders, seed {result['seed']}; "
        f"TF-IDF average link cut at {result['linkage_threshold']:.2f} (best B3-F1 on ECB+ dev topics 1-35)"
    ]
    for part, scores in result["parts"].items():
        runs = scores["runs"]
        lines.append(
            f"{part}: {scores['articles']} articles, {scores['gold_events']} gold events; predicted events per order "
            f"{[run['events'] for run in runs]}; {statistics.mean(run['ms_per_article'] for run in runs):.2f} ms/article"
        )
        lines.append(f"  {'system':<22} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'min F1':>6} {'V':>6} {'ARI':>6}")
        for label, spread in (("newsdesk", scores["newsdesk"]), ("tfidf kmeans (true K)", scores["kmeans_true_k"])):
            lines.append(
                f"  {label:<22} {spread['b3_p']['mean']:6.3f} {spread['b3_r']['mean']:6.3f} {spread['b3_f1']['mean']:6.3f} "
                f"{spread['b3_f1']['min']:6.3f} {spread['v_measure']['mean']:6.3f} {spread['ari']['mean']:6.3f}"
            )
        link = scores["tfidf_average_link"]
        lines.append(f"  {'tfidf average link':<22} {link['b3_p']:6.3f} {link['b3_r']:6.3f} {link['b3_f1']:6.3f} {'':>6} {link['v_measure']:6.3f} {link['ari']:6.3f}")
    return "\n".join(lines)
