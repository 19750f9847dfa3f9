"""Merging statement agreements into the agreements already listed: a statement agreement about
the same sentences as one already listed, in two or more articles (two clauses of one quote, or
the clause of a figure already lined up), or whose clause states the same proposition as the
clause of an agreement of other articles, joins it rather than being listed twice (the rule is
stated in ``propositions``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from newsdesk.claims.propositions import SENTENCE_END, Clause
from newsdesk.model import Finding, Support

__all__ = ["merged"]


def merged(agreements: list[Finding], stated: list[Finding], texts: dict[str, str], links: set[frozenset[Clause]] = frozenset()) -> list[Finding]:
    """The agreements with the statement agreements added: one that speaks of the same sentences
    as an agreement already listed, in two or more articles (two clauses of one quote, or the
    clause of a figure already lined up), or whose clause states the same proposition (``links``)
    as the clause of an agreement of other articles ("they were found using data from NASA's
    Chandra X-ray Observatory" beside "Astrophysicists ... used data from NASA's Chandra X-ray
    Observatory"), joins it
    (its other articles' supports are added) instead of being listed twice."""
    result = list(agreements)
    clauses: dict[str, list[Clause]] = defaultdict(list)
    for pair in links:
        for clause in pair:
            clauses[clause[0]].append(clause)

    def linked(finding: Finding, other: Finding) -> bool:
        """A clause of the finding states the same proposition as a clause of the other's, and
        in the articles both speak of, they speak of the same words."""
        for own in finding.support:
            theirs = [s for s in other.support if s.article_id == own.article_id]
            if theirs and not any(s.start < own.end and own.start < s.end for s in theirs):
                return False
        for own in finding.support:
            for support in other.support:
                if support.article_id == own.article_id:
                    continue
                if any(frozenset(((own.article_id, own.start, own.end), c)) in links for c in clauses.get(support.article_id, ()) if c[1] < support.end and support.start < c[2]):
                    return True
        return False

    for finding in stated:
        home = next((i for i, other in enumerate(result) if len(_same_sentences(finding, other, texts)) >= 2), None)
        if home is None:
            home = next((i for i, other in enumerate(result) if linked(finding, other)), None)
        if home is None:
            result.append(finding)
            continue
        other = result[home]
        have = {s.article_id for s in other.support}
        extra = tuple(s for s in finding.support if s.article_id not in have)
        support = _widened(other, finding, texts) + extra
        if support != other.support:
            result[home] = replace(other, support=support)
    return result


def _widened(home: Finding, joining: Finding, texts: dict[str, str]) -> tuple[Support, ...]:
    """The supports of a statement agreement that another statement agreement joins, each
    widened to cover the joining clause of its sentence, so the reader sees both clauses the
    sources share (a quote's "Most people laugh at ..., but officials report annual losses
    ...")."""
    if home.claim_kind != "statement" or joining.claim_kind != "statement":
        return home.support
    widened = []
    for own in home.support:
        text = texts.get(own.article_id, "")
        for other in joining.support:
            if other.article_id == own.article_id and _one_sentence(text, own, other):
                start, end = min(own.start, other.start), max(own.end, other.end)
                own = replace(own, start=start, end=end, text=text[start:end])
        widened.append(own)
    return tuple(widened)


def _same_sentences(left: Finding, right: Finding, texts: dict[str, str]) -> set[str]:
    """Articles in which the two findings have supports in one sentence."""
    found = set()
    for a in left.support:
        for b in right.support:
            if a.article_id == b.article_id and _one_sentence(texts.get(a.article_id, ""), a, b):
                found.add(a.article_id)
    return found


def _one_sentence(text: str, a: Support, b: Support) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    gap = text[min(a.end, b.end) : max(a.start, b.start)]
    return not SENTENCE_END.search(gap)
