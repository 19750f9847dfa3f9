"""Share of the pipeline's time per article spent on claims: extraction and alignment.

What is measured, on the real articles of the claims gold (tests/gold/claims/corpus.json: 34
events, 190 articles from Giveme5W1H and ECB+), in one process: the per-article stages as
``pipeline.py`` runs them (clean + analyse with spaCy, quotes, claims extraction, framing) and,
per event, what a dossier build runs (entity linking, claims alignment: figures, measures,
statements with the sentence encoder, copies). The report gives seconds per article for each
part and the share of claims (extraction + alignment) in the total; the issue's target is under
15%. Alignment is also timed against the number of statements of each event, to show it grows
with the candidate pairs (blocking by shared keys), not with the square of the sentences.

The per-article ``vectors`` stage (``newsdesk.vectors``) encodes once what alignment and the
event steps compare; its part for the claims' clauses counts as claims, its part for the
sentences and terms (which the event features and comparisons read) does not. The event
features stage is timed too, since it now takes its sentences from that stage. Last, each event
is aligned again after one more article, with the process's memory of encoded texts emptied
(as in a new ingest's workers): how many texts that encodes again.

Run: python bench/bench_claims.py
"""

from __future__ import annotations

import time

import numpy as np

from newsdesk import resources
from newsdesk.analyse import analyse_articles
from newsdesk.claims import align_claims, extract_claims
from newsdesk.claims.propositions import _candidates
from newsdesk.eval.claims_corpus import load_gold, read_article
from newsdesk.framing import frame_article
from newsdesk.link import link_entities
from newsdesk.quotes import extract_quotes

try:  # the bench also runs on code from before the vectors stage, for a before/after in one way
    from newsdesk import vectors
    from newsdesk.claims.contrary import figures_to_encode
    from newsdesk.claims.propositions import statements_to_encode
    from newsdesk.stages import texts_to_encode
except ImportError:
    vectors = None
from newsdesk.events.features import article_features_batch


class _Counting:
    """The encoder, counting the texts it encodes."""

    def __init__(self, real):
        self.real, self.texts = real, 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.real.encode(texts)


def _forget_encoded() -> None:
    """Empty this process's memory of encoded texts, as a new process starts."""
    if vectors is not None:
        vectors._remembered.clear()
        return
    from newsdesk.claims import contrary, propositions

    propositions._VECTORS.clear()
    contrary._vector.cache_clear()


def main() -> None:
    events = load_gold()
    resources.nlp()
    resources.sentence_encoder().encode(["warm up"])
    counting = _Counting(resources.sentence_encoder())
    resources.sentence_encoder = lambda: counting
    timings = {
        "analyse": 0.0, "quotes": 0.0, "claims extraction": 0.0, "framing": 0.0, "vectors: clauses": 0.0, "vectors: sentences": 0.0,
        "event features": 0.0, "linking": 0.0, "claims alignment": 0.0,
    }
    grown = {"texts": 0, "again": 0}
    articles_seen = 0
    rows = []
    for event in events:
        articles = [read_article(p) for p in event.paths.values()]
        start = time.perf_counter()
        pairs = list(analyse_articles(articles))
        timings["analyse"] += time.perf_counter() - start
        analyses = []
        for analysis, doc in pairs:
            start = time.perf_counter()
            analysis.quotes = extract_quotes(analysis, doc)
            timings["quotes"] += time.perf_counter() - start
            start = time.perf_counter()
            analysis.claims = extract_claims(analysis, doc)
            timings["claims extraction"] += time.perf_counter() - start
            start = time.perf_counter()
            analysis.framing = frame_article(analysis, doc)
            timings["framing"] += time.perf_counter() - start
            analyses.append(analysis)
        if vectors is not None:
            # the vectors stage's one pass, timed in its two parts (the encoder's cost is linear in tokens)
            clauses = [statements_to_encode(a) + figures_to_encode(a.claims) for a in analyses]
            start = time.perf_counter()
            made_clauses = vectors.vectors_of(clauses)
            timings["vectors: clauses"] += time.perf_counter() - start
            start = time.perf_counter()
            made_rest = vectors.vectors_of([[t for t in texts_to_encode(a) if t not in own] for a, own in zip(analyses, map(frozenset, clauses))])
            timings["vectors: sentences"] += time.perf_counter() - start
            for analysis, one, other in zip(analyses, made_clauses, made_rest):
                analysis.vectors = vectors.TextVectors(np.concatenate([one.digests, other.digests]), np.concatenate([one.matrix, other.matrix]), one.encoder)
        start = time.perf_counter()
        article_features_batch(analyses)
        timings["event features"] += time.perf_counter() - start
        start = time.perf_counter()
        entities = link_entities(analyses, {a.article.id: event.name for a in analyses})
        timings["linking"] += time.perf_counter() - start
        start = time.perf_counter()
        align_claims(analyses, entities)
        aligned = time.perf_counter() - start
        timings["claims alignment"] += aligned
        statements = [c for a in analyses for c in a.claims if c.kind == "statement"]
        rows.append((event.name, len(statements), len(_candidates(statements)), aligned))
        if len(analyses) > 2:
            _forget_encoded()
            counting.texts = 0
            align_claims(analyses[:-1], link_entities(analyses[:-1], {a.article.id: event.name for a in analyses[:-1]}))
            grown["texts"] += counting.texts
            _forget_encoded()
            counting.texts = 0
            align_claims(analyses, entities)
            grown["again"] += counting.texts
        articles_seen += len(analyses)
    total = sum(timings.values())
    print(f"{articles_seen} articles in {len(events)} events; seconds per article:")
    for stage, seconds in timings.items():
        print(f"  {stage:<18} {seconds / articles_seen:7.4f}  ({seconds / total:6.1%})")
    claims = timings["claims extraction"] + timings["vectors: clauses"] + timings["claims alignment"]
    print(f"claims (extraction + clause vectors + alignment): {claims / total:.1%} of the pipeline's time per article (target < 15%)")
    print(
        f"an event aligned, then aligned again with one more article in a new process: {grown['texts']} texts encoded the first time,"
        f" {grown['again']} the second (all events of 3+ articles)"
    )
    print("alignment per event: statements, candidate pairs after blocking, all cross pairs, seconds")
    for name, count, candidates, seconds in sorted(rows, key=lambda r: r[1]):
        print(f"  {name:<40} {count:5d} {candidates:7d} {count * (count - 1) // 2:8d} {seconds:7.3f}")


if __name__ == "__main__":
    main()
