"""The clause a claim stands in: shared by the extractors of figures, states and actions."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["clause"]


def clause(head: Token, anchor: Token) -> tuple[int, int]:
    """Characters of ``head``'s clause without coordinated clauses, side remarks and clauses
    before it that do not hold the anchor, extended left to ``anchor``; a relative clause
    takes the noun it describes ("the 2004 tsunami that killed 230,000 people"), so that
    its date and place come with it."""
    if head.dep_ == "relcl" and head.head.i < head.i:
        anchor = head.head if head.head.left_edge.i < anchor.left_edge.i else anchor
    skip: set[int] = set()
    for child in head.children:
        after = child.i > head.i
        holds_anchor = child.left_edge.i <= anchor.i <= child.right_edge.i
        if (after and child.dep_ in ("conj", "cc", "parataxis", "appos")) or (not after and not holds_anchor and child.dep_ in ("ccomp", "parataxis", "advcl")):
            skip.update(t.i for t in child.subtree)
        if child.dep_ == "punct" and child.i > head.i and any(c.dep_ == "conj" and c.i > child.i for c in head.children):
            skip.add(child.i)
    tokens = [t.i for t in head.subtree if t.i not in skip]
    first, last = head.i, head.i
    while first - 1 in tokens:
        first -= 1
    while last + 1 in tokens:
        last += 1
    first = min(first, anchor.left_edge.i)
    doc = head.doc
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ == "cc"):
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last])
