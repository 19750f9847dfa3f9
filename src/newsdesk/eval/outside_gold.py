"""The conflicts newsdesk shows on the ECB+ sub-topics outside the claims gold, for reading and
judging by hand: text nobody tuned on, the check that a rule holds beyond the gold's articles.

    python -m newsdesk.eval.outside_gold > conflicts.txt

Each finding prints its kind and summary, then each support's document, value and words.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from newsdesk.claims import extract_claims
from newsdesk.claims.align import align_claims
from newsdesk.eval import _repo_root
from newsdesk.eval.claims_corpus import GOLD_FILE, parsed
from newsdesk.eval.ecbplus import load_documents
from newsdesk.ingest import article_from_text
from newsdesk.link import link_entities
from newsdesk.quotes import extract_quotes


def main() -> None:
    gold = (_repo_root() / GOLD_FILE).read_text(encoding="utf-8")
    subtopics = defaultdict(list)
    for document in load_documents():
        subtopics[document.subtopic].append(document)
    for subtopic, documents in sorted(subtopics.items()):
        if any(d.name in gold for d in documents):
            continue
        analyses = []
        for analysis, doc in parsed([article_from_text(d.text, path=d.name, title=d.title) for d in documents]):
            analysis.quotes = extract_quotes(analysis, doc)
            analysis.claims = extract_claims(analysis, doc)
            analyses.append(analysis)
        entities = link_entities(analyses, {a.article.id: subtopic for a in analyses})
        names = {a.article.id: d.name for a, d in zip(analyses, documents)}
        for finding in align_claims(analyses, entities)[1]:
            print("FINDING", subtopic, finding.kind, "|", finding.summary[:160])
            for support in finding.support:
                print("     ", names.get(support.article_id), support.value, repr(support.text[:160]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
