"""Event clustering on ECB+, measured: articles -> events, online, no number of events given.

Each ECB+ document arrives as an Article built from the reader's text (title and
URL as the reader gives them), goes through the normal analysis stage and
``newsdesk.events.article_features``, and is fed to one ``OnlineClusterer`` per
run, in a shuffled order (fixed seed, one order per run). Gold events are the
sub-topics ("36ecb" vs "36ecbplus": two real events of the same kind). At topic
level the same predicted clusters are scored against the gold topics: precision
asks whether events stay inside one topic (recall is capped near 0.5-0.6 by
design, since a topic holds two events).

Splits: dev = topics 1-35 (the only ones used for tuning), test = 36-45.

Across languages (``evaluate_translations``): MEANTIME's English articles and
their Spanish translations, shuffled together; an article and its translation
report one event, so the share of pairs that end in one event is the measure.
Not a held-out figure: the clusterer's MEANING_BASELINE was read off these
articles' unrelated pairs.
The expensive part (spaCy analysis and sentence embeddings of the 982 documents)
is cached under $NEWSDESK_CACHE (default ~/.cache/newsdesk), keyed by content: the
documents' text and the source of the code that produced the cached value. Analyses
and features are cached apart, so a change to the feature code costs the sentence
embeddings but not the spaCy pass.
"""

from __future__ import annotations

import pickle
import random
import statistics
import sys
import time

from newsdesk.eval import ecbplus, meantime, metrics
from newsdesk.eval.cache import cache_dir, content_key, write
from newsdesk.events import ArticleFeatures, OnlineClusterer, article_features_batch
from newsdesk.model import Analysis
from newsdesk.store.codec import from_plain, to_plain

SPLITS = {"dev": ecbplus.DEV_TOPICS, "test": ecbplus.TEST_TOPICS}
_ANALYSIS_CODE = ("analyse", "clean", "ingest", "model.py", "resources.py", "eval/__init__.py", "eval/ecbplus.py")
_FEATURE_CODE = (*_ANALYSIS_CODE, "events/features.py")


def evaluate(split: str = "test", orders: int = 5, seed: int = 0) -> dict:
    documents = ecbplus.load_documents(SPLITS[split])
    features = corpus_features()
    items = [(doc.name, features[doc.name]) for doc in documents]
    subtopic = {doc.name: doc.subtopic for doc in documents}
    topic = {doc.name: doc.topic for doc in documents}
    runs = []
    for order_index in range(orders):
        order = list(items)
        random.Random(seed * 1000 + order_index).shuffle(order)
        started = time.perf_counter()
        clusterer = OnlineClusterer()
        for name, feature in order:
            clusterer.add(name, feature)
        clusterer.refine()  # as ingest does at the end of every batch
        elapsed = time.perf_counter() - started
        predicted = {name: event for event, names in clusterer.clusters().items() for name in names}
        runs.append(
            {
                "subtopic": _scores(subtopic, predicted),
                "topic": _scores(topic, predicted),
                "events": len(clusterer.clusters()),
                "ms_per_article": 1000 * elapsed / len(order),
            }
        )
    return {
        "split": split,
        "topics": list(SPLITS[split]),
        "documents": len(documents),
        "gold_events": len(set(subtopic.values())),
        "orders": orders,
        "seed": seed,
        "runs": runs,
        "summary": {level: _spread([run[level] for run in runs]) for level in ("subtopic", "topic")},
    }


def evaluate_translations(orders: int = 5, seed: int = 0) -> dict:
    """Cross-lingual clustering on MEANTIME: its 120 English Wikinews articles and their
    Spanish translations arrive shuffled; an article and its translation report one event,
    so they should end in one. Counted: the share of the 120 pairs that do."""
    features = meantime_features()
    names = sorted({name for _, name in features})
    runs = []
    for order_index in range(orders):
        order = list(features.items())
        random.Random(seed * 1000 + order_index).shuffle(order)
        clusterer = OnlineClusterer()
        for (language, name), feature in order:
            clusterer.add(f"{language}:{name}", feature)
        clusterer.refine()
        event_of = {member: event for event, members in clusterer.clusters().items() for member in members}
        together = sum(event_of[f"en:{name}"] == event_of[f"es:{name}"] for name in names)
        runs.append({"together": together / len(names), "events": len(clusterer.clusters())})
    return {"pairs": len(names), "orders": orders, "seed": seed, "runs": runs}


def render_translations(result: dict) -> str:
    shares = [run["together"] for run in result["runs"]]
    return (
        f"MEANTIME cross-lingual event clustering: {result['pairs']} English articles and their Spanish "
        f"translations, {result['orders']} shuffled orders, seed {result['seed']}\n"
        f"pairs in one event: mean {statistics.mean(shares):.3f} min {min(shares):.3f} max {max(shares):.3f}; "
        f"predicted events per order: {[run['events'] for run in result['runs']]}"
    )


def meantime_features() -> dict[tuple[str, str], ArticleFeatures]:
    """(language, document name) -> features for MEANTIME English and Spanish, cached on disk."""
    documents = [(language, doc) for language in ("en", "es") for doc in meantime.load_documents(language)]
    records = [(language, doc.name, doc.text) for language, doc in documents]
    path = cache_dir() / f"meantime-features-{content_key(records, _FEATURE_CODE)}.pkl"
    if path.is_file():
        return {key: ArticleFeatures.from_bytes(blob) for key, blob in pickle.loads(path.read_bytes()).items()}
    from newsdesk.analyse import analyse_articles
    from newsdesk.ingest.article import article_from_text

    articles = [article_from_text(doc.text, path=f"{language}:{doc.name}") for language, doc in documents]
    features = article_features_batch([analysis for analysis, _ in analyse_articles(articles)])
    by_key = {(language, doc.name): feature for (language, doc), feature in zip(documents, features)}
    write(path, {key: feature.to_bytes() for key, feature in by_key.items()})
    return by_key


def render(result: dict) -> str:
    lines = [
        f"ECB+ event clustering, {result['split']} topics {result['topics'][0]}-{result['topics'][-1]}: "
        f"{result['documents']} documents, {result['gold_events']} gold events (sub-topics); "
        f"{result['orders']} shuffled orders, seed {result['seed']}",
        f"predicted events per order: {[run['events'] for run in result['runs']]}; "
        f"clustering {statistics.mean(run['ms_per_article'] for run in result['runs']):.2f} ms/article",
        f"{'level':<9} {'metric':<10} {'mean':>6} {'min':>6} {'max':>6} {'std':>6}",
    ]
    for level in ("subtopic", "topic"):
        for metric, spread in result["summary"][level].items():
            lines.append(
                f"{level:<9} {metric:<10} {spread['mean']:6.3f} {spread['min']:6.3f} {spread['max']:6.3f} {spread['std']:6.3f}"
            )
    return "\n".join(lines)


def corpus_features() -> dict[str, ArticleFeatures]:
    """Document name -> features for all of ECB+, computed once and cached on disk."""
    documents = ecbplus.load_documents()
    path = cache_dir() / f"ecbplus-features-{content_key(_ecb_records(documents), _FEATURE_CODE)}.pkl"
    if path.is_file():
        return {name: ArticleFeatures.from_bytes(blob) for name, blob in pickle.loads(path.read_bytes()).items()}
    features = article_features_batch(corpus_analyses(documents))
    # ids are text hashes; ECB+ has near-duplicate texts, so the document name is the key
    by_name = {doc.name: feature for doc, feature in zip(documents, features)}
    write(path, {name: feature.to_bytes() for name, feature in by_name.items()})
    return by_name


def corpus_analyses(documents: list[ecbplus.EcbDocument]) -> list[Analysis]:
    """The analyses of ``documents`` through the normal analysis stage, cached on disk."""
    path = cache_dir() / f"ecbplus-analyses-{content_key(_ecb_records(documents), _ANALYSIS_CODE)}.pkl"
    if path.is_file():
        return [from_plain(Analysis, plain) for plain in pickle.loads(path.read_bytes())]
    from newsdesk.analyse import analyse_articles
    from newsdesk.ingest.article import article_from_text

    articles = [article_from_text(doc.text, path=doc.name, title=doc.title, url=doc.url) for doc in documents]
    analyses = [analysis for analysis, _ in analyse_articles(articles)]
    write(path, [to_plain(analysis) for analysis in analyses])
    return analyses


def _scores(gold: dict, predicted: dict) -> dict[str, float]:
    b3 = metrics.b_cubed(gold, predicted)
    return {
        "b3_p": b3.precision,
        "b3_r": b3.recall,
        "b3_f1": b3.f1,
        "v_measure": metrics.v_measure(gold, predicted),
        "ari": metrics.adjusted_rand(gold, predicted),
    }


def _spread(scores: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    return {
        metric: {
            "mean": statistics.mean(values),
            "min": min(values),
            "max": max(values),
            "std": statistics.pstdev(values),
        }
        for metric in scores[0]
        for values in [[score[metric] for score in scores]]
    }


def _ecb_records(documents: list[ecbplus.EcbDocument]) -> list[tuple]:
    return [(doc.name, doc.text, doc.title, doc.url) for doc in documents]


if __name__ == "__main__":
    for split in sys.argv[1:] or ["dev", "test"]:
        print(render(evaluate(split)))
        print()
