"""Which articles of an event are copies of one wire story, so that they confirm nothing.

Each article's prose becomes a set of word shingles (``SHINGLE`` consecutive lower-cased words);
a MinHash signature of ``PERMUTATIONS`` hash functions estimates the Jaccard similarity of two
sets in constant time, so the cost grows with the number of articles, not their length squared.
From the estimated Jaccard similarity J and the two set sizes follows the share of the shorter
article's shingles found in the longer (containment: J (|A| + |B|) / ((1 + J) min(|A|, |B|))):
two articles are copies when it reaches ``COPY_CONTAINMENT`` (a site running an AP story with its
own first paragraph or a shortened version stays well above it; two outlets writing the same
facts in their own words stay below 0.3). Copies are grouped transitively; the earliest published
article of a group is its original, and every other member is a copy of it.

``COPY_CONTAINMENT`` was set on the dev events of tests/gold/claims/corpus.json: the three
copies of one Washington Post story (Delta flight) score 0.86-0.99; different outlets quoting the
same statements or tweets score up to 0.64 (a Daily Mail story re-using its own earlier text
0.62, a summary of a Newsweek story 0.64).
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from dataclasses import replace

from newsdesk.model import Analysis, Finding

SHINGLE = 5
PERMUTATIONS = 128
COPY_CONTAINMENT = 0.65
_WORD = re.compile(r"\w+")

__all__ = ["copies_of", "with_sources"]


def with_sources(findings: list[Finding], analyses: list[Analysis]) -> list[Finding]:
    """The findings with their sources counted: each support says which article its article
    copies and when it was published; a finding says how many articles back it, how many of
    them independently (copies of one story count once), and which reported it first."""
    if not findings:
        return findings
    copied = copies_of(analyses)
    published = {a.article.id: (a.article.metadata or {}).get("published_at") or a.article.published for a in analyses}
    result = []
    for finding in findings:
        support = tuple(replace(s, copy_of=copied.get(s.article_id), published=published.get(s.article_id)) for s in finding.support)
        articles = {s.article_id for s in support}
        independent = {copied.get(a, a) for a in articles}
        dated = [(published[a], a) for a in articles if published.get(a)]
        first = min(dated)[1] if dated else None
        result.append(replace(finding, support=support, sources=len(articles), independent_sources=len(independent), first_source=first))
    return result


def copies_of(analyses: list[Analysis]) -> dict[str, str]:
    """Article id -> the id of the article it copies (its group's earliest), for copies only."""
    signatures = {a.article.id: _signature(a.prose) for a in analyses}
    ids = [a.article.id for a in analyses]
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for left, right in _copy_pairs([signatures[i] for i in ids]):
        parent[root(ids[right])] = root(ids[left])
    order = {a.article.id: ((a.article.metadata or {}).get("published_at") or a.article.published or "9999", position) for position, a in enumerate(analyses)}
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    result = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=order.__getitem__)
        result.update({m: original for m in members if m != original})
    return result


def _copy_pairs(signatures: list[tuple[np.ndarray, int] | None]) -> list[tuple[int, int]]:
    """Every pair (i, j), i < j, whose containment reaches ``COPY_CONTAINMENT``, in that order.
    Each article against all later ones in one array operation (an event of 500 articles is
    125,000 pairs)."""
    kept = [i for i, s in enumerate(signatures) if s is not None]  # a text too short to shingle copies nothing
    if len(kept) < 2:
        return []
    hashes = np.stack([signatures[i][0] for i in kept])
    sizes = np.array([signatures[i][1] for i in kept], dtype=np.float64)
    pairs = []
    for position in range(len(kept) - 1):
        # the estimated Jaccard similarity is the share of equal minima (a count over PERMUTATIONS: exact in float64)
        jaccard = (hashes[position + 1 :] == hashes[position]).sum(axis=1) / PERMUTATIONS
        containment = jaccard * (sizes[position] + sizes[position + 1 :]) / ((1 + jaccard) * np.minimum(sizes[position], sizes[position + 1 :]))
        pairs += [(kept[position], kept[position + 1 + k]) for k in np.flatnonzero(containment >= COPY_CONTAINMENT)]
    return pairs


def _signature(text: str) -> tuple[np.ndarray, int] | None:
    """The MinHash signature of the text's shingles, and how many distinct shingles it has."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return None
    shingles = np.fromiter(
        (zlib.crc32(" ".join(words[i : i + SHINGLE]).encode("utf-8")) for i in range(len(words) - SHINGLE + 1)),
        dtype=np.uint64,
    )
    shingles = np.unique(shingles)
    masks = _masks()
    # one hash function per mask: the shingle's CRC xor the mask, mixed (splitmix64 finaliser,
    # uint64 arithmetic wraps); the minimum per hash function
    mixed = shingles[None, :] ^ masks[:, None]
    mixed = (mixed ^ (mixed >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    mixed = (mixed ^ (mixed >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    mixed ^= mixed >> np.uint64(31)
    return mixed.min(axis=1), len(shingles)


def _masks() -> np.ndarray:
    return np.random.default_rng(20240601).integers(0, np.iinfo(np.uint64).max, PERMUTATIONS, dtype=np.uint64, endpoint=True)
