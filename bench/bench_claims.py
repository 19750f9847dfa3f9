"""Share of the pipeline's time per article spent on claims: extraction and alignment.

What is measured, on the real articles of the claims gold (tests/gold/claims/corpus.json: 34
events, 190 articles from Giveme5W1H and ECB+), in one process: the per-article stages as
``pipeline.py`` runs them (clean + analyse with spaCy, quotes, claims extraction, framing) and,
per event, what a dossier build runs (entity linking, claims alignment: figures, measures,
statements with the sentence encoder, copies). The report gives seconds per article for each
part and the share of claims (extraction + alignment) in the total; the issue's target is under
15%. Alignment is also timed against the number of statements of each event, to show it grows
with the candidate pairs (blocking by shared keys), not with the square of the sentences.

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


def main() -> None:
    events = load_gold()
    resources.nlp()
    resources.sentence_encoder().encode(["warm up"])
    timings = {"analyse": 0.0, "quotes": 0.0, "claims extraction": 0.0, "framing": 0.0, "linking": 0.0, "claims alignment": 0.0}
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
        start = time.perf_counter()
        entities = link_entities(analyses, {a.article.id: event.name for a in analyses})
        timings["linking"] += time.perf_counter() - start
        start = time.perf_counter()
        align_claims(analyses, entities)
        aligned = time.perf_counter() - start
        timings["claims alignment"] += aligned
        statements = [c for a in analyses for c in a.claims if c.kind == "statement"]
        rows.append((event.name, len(statements), len(_candidates(statements)), aligned))
        articles_seen += len(analyses)
    total = sum(timings.values())
    print(f"{articles_seen} articles in {len(events)} events; seconds per article:")
    for stage, seconds in timings.items():
        print(f"  {stage:<18} {seconds / articles_seen:7.4f}  ({seconds / total:6.1%})")
    claims = timings["claims extraction"] + timings["claims alignment"]
    print(f"claims (extraction + alignment): {claims / total:.1%} of the pipeline's time per article (target < 15%)")
    print("alignment per event: statements, candidate pairs after blocking, all cross pairs, seconds")
    for name, count, candidates, seconds in sorted(rows, key=lambda r: r[1]):
        print(f"  {name:<40} {count:5d} {candidates:7d} {count * (count - 1) // 2:8d} {seconds:7.3f}")


if __name__ == "__main__":
    main()
