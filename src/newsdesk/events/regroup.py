"""Re-grouping a neighbourhood of articles, pair by pair: what ``OnlineClusterer.refine`` does
once the greedy joins have run. Articles are grouped into stories by average link over their
pair scores, and each story is split along its normalised cuts (``split_story``), so an event
that took in two same-kind events splits and fragments of one event meet.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

SPLIT_WEIGHTS = {"terms": 0.5, "entities": 0.3, "embedding": 0.2, "figures": 0.3}  # embedding centred on the story
SPLIT_NEIGHBOURS = 8  # the split sees each article's links to its nearest articles only
SPLIT_NCUT = 0.4  # a story splits in two events while its best normalised cut is below this
SPLIT_MIN_ARTICLES = 4  # fewer cannot be judged: three vectors centred on their mean point apart
MEANING_BASELINE = 0.55  # USE cosine of two unrelated reports on one subject (MEANTIME: 0.51-0.61)
LOCAL_IDF_FLOOR = 1.0


def weighted_matrix(vectors: list[dict[str, float]], weight: Callable[[str], float] | None = None) -> np.ndarray:
    """Articles x keys: each article's sparse vector, every key weighted by its IDF in the
    store (figures have no IDF in the store: only the one among the articles compared)."""
    columns: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, vector in enumerate(vectors):
        for key, value in vector.items():
            rows.append(row)
            cols.append(columns.setdefault(key, len(columns)))
            values.append(value)
    matrix = np.zeros((len(vectors), max(1, len(columns))), np.float32)
    matrix[rows, cols] = values
    if weight is not None:
        matrix[:, : len(columns)] *= np.array([weight(key) for key in columns], np.float32)
    return matrix


def local_cosines(matrix: np.ndarray) -> np.ndarray:
    """Pairwise cosines of the rows of a ``weighted_matrix``, each key weighted again by
    its IDF among these articles alone (what they all share counts for little)."""
    frequency = np.count_nonzero(matrix, axis=0)
    present = frequency > 0
    local = matrix[:, present] * (np.log((len(matrix) + 1) / (frequency[present] + 1)) + LOCAL_IDF_FLOOR).astype(np.float32)
    norms = np.linalg.norm(local, axis=1, keepdims=True)
    local /= np.where(norms > 0, norms, 1.0)
    return local @ local.T


def average_link(scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-link agglomeration until no two groups are ``threshold`` similar; groups
    as sorted index lists, ordered by their first index. Ties go to the lowest indices."""
    size = len(scores)
    similarity = scores.astype(np.float64).copy()
    np.fill_diagonal(similarity, -np.inf)
    counts = np.ones(size)
    groups: dict[int, list[int]] = {i: [i] for i in range(size)}
    while len(groups) > 1:
        flat = int(np.argmax(similarity))
        i, j = divmod(flat, size)
        if similarity[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        merged = (similarity[i] * counts[i] + similarity[j] * counts[j]) / (counts[i] + counts[j])
        similarity[i], similarity[:, i] = merged, merged
        similarity[i, i] = -np.inf
        similarity[j], similarity[:, j] = -np.inf, -np.inf
        counts[i] += counts[j]
        groups[i] = sorted(groups[i] + groups.pop(j))
    return [groups[i] for i in sorted(groups)]


@dataclass
class Articles:
    """What refinement compares of a group of articles; row i of each matrix is article i."""

    terms: np.ndarray  # a ``weighted_matrix``
    entities: np.ndarray  # a ``weighted_matrix``
    figures: np.ndarray  # a ``weighted_matrix``
    embeddings: np.ndarray
    meaning: np.ndarray  # embedding cosines
    apart: np.ndarray  # the date-gap cost of two articles the sources date weeks apart (negative), else 0
    across: np.ndarray  # True where two articles cannot share words: different languages, or one is its title only


def term_similarity(cosines: np.ndarray, meaning: np.ndarray, across: np.ndarray) -> np.ndarray:
    """Term cosines, except for two reports in different languages: they share names and
    numbers but hardly a word, so there the similarity is read off their meaning (left as
    term cosines, the reports in each language pull together, away from their event)."""
    if not across.any():
        return cosines
    return np.where(across, np.maximum(cosines, terms_from_meaning(meaning)), cosines)


def terms_from_meaning(meaning: np.ndarray | float) -> np.ndarray | float:
    """The term similarity embedding cosines stand for: cosines at ``MEANING_BASELINE`` (two
    unrelated reports on one subject) map to 0, a translation (about 0.9) to about 0.8."""
    return np.clip((meaning - MEANING_BASELINE) / (1.0 - MEANING_BASELINE), 0.0, 1.0)


def split_story(story: list[int], articles: Articles) -> list[list[int]]:
    """Split a story in two along its best normalised cut while that cut is below
    ``SPLIT_NCUT``, and each part again: two same-kind events inside one story form
    two blocks of articles that agree among themselves more than across.

    Each story or part is looked at on its own: embeddings centred on it and term
    weights from it, so what all its articles share (the kind of event) is
    discounted and what is left tells its events apart; the figures two articles both
    give count on top (reports of one earthquake repeat its magnitude and time, reports
    of another give others), and among them the year each report is from (two outages
    years apart, or one told over weeks of a year). Each article keeps only its links to its
    ``SPLIT_NEIGHBOURS`` nearest, so that block stands out from the faint links every
    article has to every other of the same kind.
    """
    if len(story) < SPLIT_MIN_ARTICLES:
        return [story]
    inside = np.ix_(story, story)
    centred = articles.embeddings[story] - articles.embeddings[story].mean(axis=0)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9)
    scores = SPLIT_WEIGHTS["terms"] * term_similarity(local_cosines(articles.terms[story]), articles.meaning[inside], articles.across[inside])
    scores += SPLIT_WEIGHTS["entities"] * local_cosines(articles.entities[story])
    scores += SPLIT_WEIGHTS["embedding"] * (centred @ centred.T) + articles.apart[inside]
    scores += SPLIT_WEIGHTS["figures"] * _figure_similarity(articles.figures[story])
    ncut, left, right = _best_cut(_nearest_neighbours(scores, SPLIT_NEIGHBOURS))
    if ncut >= SPLIT_NCUT:
        return [story]
    return [part for side in (left, right) for part in split_story([story[i] for i in side], articles)]


def _figure_similarity(figures: np.ndarray) -> np.ndarray:
    """Cosines of the figures two articles give (``local_cosines``); where one gives none
    there is no evidence either way, and the pair scores 0."""
    given = figures.any(axis=1)
    return np.where(given[:, None] & given[None, :], local_cosines(figures), 0.0)


def _nearest_neighbours(scores: np.ndarray, count: int) -> np.ndarray:
    """Keep a link when it is among the ``count`` strongest of either article (negative
    scores dropped)."""
    ranked = np.argsort(-np.where(np.eye(len(scores), dtype=bool), -np.inf, scores), axis=1, kind="stable")
    keep = np.zeros(scores.shape, bool)
    np.put_along_axis(keep, ranked[:, :count], True, axis=1)
    keep |= keep.T
    np.fill_diagonal(keep, False)
    return np.where(keep, np.clip(scores, 0.0, None), 0.0)


def _best_cut(scores: np.ndarray) -> tuple[float, list[int], list[int]]:
    """The lowest normalised cut among the splits along the graph's Fiedler vector
    (spectral bisection; negative scores count as no link)."""
    weights = np.clip(scores.astype(np.float64), 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degree = np.maximum(weights.sum(axis=1), 1e-9)
    inverse_root = 1.0 / np.sqrt(degree)
    laplacian = np.eye(len(weights)) - inverse_root[:, None] * weights * inverse_root[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    order = np.argsort(inverse_root * vectors[:, 1], kind="stable")
    total = degree.sum()
    best = (math.inf, 0)
    cut = volume = 0.0
    inside = np.zeros(len(weights), bool)
    for k, node in enumerate(order[:-1], start=1):
        cut += degree[node] - 2.0 * weights[node, inside].sum()
        inside[node] = True
        volume += degree[node]
        ncut = cut / volume + cut / max(total - volume, 1e-9)
        if ncut < best[0]:
            best = (ncut, k)
    return best[0], sorted(order[: best[1]].tolist()), sorted(order[best[1] :].tolist())
