"""Share of the pipeline's time per article spent on claims: extraction and alignment.

What is measured, on the real articles of the claims gold (tests/gold/claims/corpus.json: 34
events, 190 articles from Giveme5W1H and ECB+), in one process: the per-article stages as
``pipeline.py`` runs them (clean + analyse with spaCy, quotes, claims extraction, framing) and,
per event, what a dossier build runs (entity linking, claims alignment: figures, measures,
statements with the sentence encoder, copies). The report gives seconds per article for each
part and the share of claims (extraction + alignment) in the total; the issue's target is under
15%. Alignment is also timed against the number of statements of each event, to show it grows
with the candidate pairs (blocking by shared keys), not with the square of the sentences.

The per-article ``vectors`` stage (``newsdesk.vectors``) encodes the sentences the event
features and comparisons read, and the event features stage takes them from it; both are timed,
and neither counts as claims. The clauses alignment compares are encoded by the alignment, the
first time an event compares them (claims). Last, each event of three or more articles is
aligned without its last article, the clauses that encoded kept with the articles (as the store
keeps them), and aligned again with the last one, the process's memory of encoded texts emptied
in between (as in a new ingest's workers): how many texts the second alignment encodes.

Run: python bench/bench_claims.py
"""

from __future__ import annotations

import time

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
    from newsdesk.stages import sentences_to_encode, texts_compared
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
        "analyse": 0.0, "quotes": 0.0, "claims extraction": 0.0, "framing": 0.0, "vectors (sentences)": 0.0,
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
            start = time.perf_counter()
            for analysis, made in zip(analyses, vectors.vectors_of([sentences_to_encode(a) for a in analyses])):
                analysis.vectors = made
            timings["vectors (sentences)"] += time.perf_counter() - start
        vectors_of_sentences = {a.article.id: getattr(a, "vectors", None) for a in analyses}
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
            if vectors is not None:
                for analysis in analyses:
                    analysis.vectors = vectors_of_sentences[analysis.article.id]
            _forget_encoded()
            counting.texts = 0
            align_claims(analyses[:-1], link_entities(analyses[:-1], {a.article.id: event.name for a in analyses[:-1]}))
            grown["texts"] += counting.texts
            if vectors is not None:  # what the store keeps of that build
                for analysis in analyses[:-1]:
                    analysis.vectors = vectors.grown(analysis.vectors, texts_compared(analysis)) or analysis.vectors
            _forget_encoded()
            counting.texts = 0
            align_claims(analyses, entities)
            grown["again"] += counting.texts
        articles_seen += len(analyses)
    total = sum(timings.values())
    print(f"{articles_seen} articles in {len(events)} events; seconds per article:")
    for stage, seconds in timings.items():
        print(f"  {stage:<18} {seconds / articles_seen:7.4f}  ({seconds / total:6.1%})")
    claims = timings["claims extraction"] + timings["claims alignment"]
    print(f"claims (extraction + alignment): {claims / total:.1%} of the pipeline's time per article (target < 15%)")
    print(
        f"each event of 3+ articles aligned without its last article, then with it in a new process: {grown['texts']} texts encoded"
        f" the first time, {grown['again']} the second"
    )
    print("alignment per event: statements, candidate pairs after blocking, all cross pairs, seconds")
    for name, count, candidates, seconds in sorted(rows, key=lambda r: r[1]):
        print(f"  {name:<40} {count:5d} {candidates:7d} {count * (count - 1) // 2:8d} {seconds:7.3f}")


if __name__ == "__main__":
    main()
