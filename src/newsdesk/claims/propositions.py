"""Align the statements of one event's articles: the same proposition stated by several sources
is an agreement; affirmed by one and negated or denied by another, a contradiction.

- **Blocking.** Two statements are compared only when they share at least ``MIN_SHARED_KEYS``
  keys (lemmas and names, see ``statements``) that are selective: a key found in more than
  ``MAX_POSTING`` statements of the event (the event's own name, "police", "said") blocks
  nothing. The candidate pairs come from the inverted index of selective keys, so the work grows
  with the pairs that share words, not with the square of the event's sentences.
- **Same proposition.** A candidate pair is the same proposition when the sentence encoder's
  cosine reaches ``SAME_PROPOSITION`` (multilingual USE; paraphrases of one fact by two outlets
  score 0.75-0.95, two facts about the same people 0.4-0.7).
- **Figures decide.** When both sentences carry counts of the same slot with different values,
  the statement says nothing by itself: the figures are compared by ``align`` (agreement,
  precision, update or contradiction), so the pair is left out here.
- **Polarity.** The same proposition (cosine at least ``NEGATED_PROPOSITION``, higher since a
  negation moves a sentence's vector little, and the same predicate) affirmed by one source and
  negated or denied by another, neither hedged, is a contradiction;
  otherwise the statements agree (the same polarity).
- **Findings.** Agreeing statements are grouped (one group per proposition, transitively); a
  group from two or more articles is one agreement, with one support per article (its first
  statement of the group). A finding carries the similarity of its weakest link and the names and
  words its sentences share, so the reader can see why.

Thresholds were set on the dev events of tests/gold/claims/corpus.json.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

import numpy as np

from newsdesk import resources
from newsdesk.model import Analysis, Claim, Finding, Support

SAME_PROPOSITION = 0.72
NEGATED_PROPOSITION = 0.87
MIN_SHARED_KEYS = 2
MAX_POSTING = 40
MAX_STATEMENTS_PER_ARTICLE = 120
_NEGATION_WORDS = re.compile(r"\b(?:not|never|no|none|nobody|deny|denies|denied)\b|n't")

__all__ = ["align_statements"]


def align_statements(analyses: list[Analysis], figures_of: dict[str, list[Claim]]) -> tuple[list[Finding], list[Finding]]:
    """(agreements, contradictions) among the statements of one event's articles."""
    statements = [c for a in analyses for c in [c for c in a.claims if c.kind == "statement"][:MAX_STATEMENTS_PER_ARTICLE]]
    if len({s.article_id for s in statements}) < 2:
        return [], []
    pairs = _candidates(statements)
    # only the statements some candidate pair needs go through the encoder
    needed = sorted({i for pair in pairs for i in pair})
    encoded = np.asarray(resources.sentence_encoder().encode([statements[i].text for i in needed])) if needed else np.zeros((0, 512))
    vectors = dict(zip(needed, encoded))
    agreeing: list[tuple[int, int, float]] = []
    contradictions: list[Finding] = []
    for i, j in pairs:
        left, right = statements[i], statements[j]
        similarity = float(vectors[i] @ vectors[j])
        if similarity < SAME_PROPOSITION or _figures_differ(left, right, figures_of):
            continue
        if left.negated != right.negated:
            if similarity >= NEGATED_PROPOSITION and left.predicate == right.predicate and left.hedge is None and right.hedge is None and _one_says_not(left, right):
                contradictions.append(_finding("contradiction", [left, right], similarity))
            continue
        agreeing.append((i, j, similarity))
    return _agreements(statements, agreeing), contradictions


def _one_says_not(left: Claim, right: Claim) -> bool:
    """The negation is in the words, not only in the parse: one sentence has a word of
    negation or denial the other lacks (the same quote parsed twice is no contradiction)."""
    def negations(claim: Claim) -> set[str]:
        return set(_NEGATION_WORDS.findall(claim.text.lower().replace("’", "'")))

    return negations(left) != negations(right)


def _candidates(statements: list[Claim]) -> list[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for index, statement in enumerate(statements):
        for key in statement.keys:
            postings[key].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) > MAX_POSTING:
            continue
        for i, j in itertools.combinations(members, 2):
            if statements[i].article_id != statements[j].article_id:
                shared[(i, j)] += 1
    return [pair for pair, count in shared.items() if count >= MIN_SHARED_KEYS]


def _figures_differ(left: Claim, right: Claim, figures_of: dict[str, list[Claim]]) -> bool:
    def inside(statement: Claim) -> list[Claim]:
        return [f for f in figures_of.get(statement.article_id, ()) if statement.start <= f.value_start < statement.end]

    for a, b in itertools.product(inside(left), inside(right)):
        if a.slot == b.slot and a.amount != b.amount:
            return True
    return False


def _agreements(statements: list[Claim], edges: list[tuple[int, int, float]]) -> list[Finding]:
    parent = list(range(len(statements)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in edges:
        parent[root(i)] = root(j)
    weakest: dict[int, float] = {}
    for i, j, similarity in edges:
        r = root(i)
        weakest[r] = min(weakest.get(r, 1.0), similarity)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in sorted({i for e in edges for i in e[:2]}):
        groups[root(i)].append(i)
    findings = []
    for r, members in groups.items():
        first_per_article: dict[str, Claim] = {}
        for i in members:
            first_per_article.setdefault(statements[i].article_id, statements[i])
        if len(first_per_article) >= 2:
            findings.append(_finding("agreement", list(first_per_article.values()), weakest[r]))
    return findings


def _finding(kind: str, claims: list[Claim], similarity: float) -> Finding:
    shared = set(claims[0].keys)
    for claim in claims[1:]:
        shared &= set(claim.keys)
    first = claims[0]
    who = f"{first.subject} — " if first.subject else ""
    summary = f"{who}{first.predicate}: {first.text[:120]}"
    support = tuple(
        Support(c.article_id, c.start, c.end, c.text, value=c.predicate, voice=c.voice, speaker=c.speaker, chain=c.chain, hedged=c.hedge is not None, negated=c.negated)
        for c in claims
    )
    return Finding(summary=summary, kind=kind, support=support, claim_kind="statement", similarity=round(similarity, 3), shared=tuple(sorted(shared))[:12])
