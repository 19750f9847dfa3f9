"""Clustering and coreference metrics over mappings item -> cluster label.

Item sets: every metric scores the gold items only. Items only in `pred` are ignored; gold items
missing from `pred` count as predicted singletons. (For coreference with predicted mentions this
means spurious predicted mentions are not penalised; match them to gold mentions first.)
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np

Clustering = Mapping[Hashable, Hashable]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def b_cubed(gold: Clustering, pred: Clustering) -> Score:
    """B³ (Bagga and Baldwin 1998): per-item precision and recall of its cluster, averaged over items."""
    gold_clusters, pred_clusters = _clusters(gold, pred)
    if not gold:
        return Score(0.0, 0.0, 0.0)
    gold_of = {item: index for index, members in enumerate(gold_clusters) for item in members}
    precision = recall = 0.0
    for members in pred_clusters:
        overlaps = Counter(gold_of[item] for item in members)
        for gold_index, shared in overlaps.items():
            # `shared` items each see `shared` correct items among their predicted and gold clusters
            precision += shared * shared / len(members)
            recall += shared * shared / len(gold_clusters[gold_index])
    return _score(precision / len(gold), recall / len(gold))


def muc(gold: Clustering, pred: Clustering) -> Score:
    """MUC (Vilain et al. 1995): link-based; all-singleton sides score 0."""
    gold_clusters, pred_clusters = _clusters(gold, pred)
    return _score(_muc_recall(pred_clusters, gold_clusters), _muc_recall(gold_clusters, pred_clusters))


def ceaf_e(gold: Clustering, pred: Clustering) -> Score:
    """Entity-based CEAF (Luo 2005) with phi4 similarity and the optimal one-to-one cluster alignment."""
    gold_clusters, pred_clusters = _clusters(gold, pred)
    if not gold:
        return Score(0.0, 0.0, 0.0)
    similarity = _aligned_similarity(gold_clusters, pred_clusters)
    return _score(similarity / len(pred_clusters), similarity / len(gold_clusters))


def conll_f1(gold: Clustering, pred: Clustering) -> float:
    """CoNLL-2012 score: mean F1 of MUC, B³ and CEAF-e."""
    return (muc(gold, pred).f1 + b_cubed(gold, pred).f1 + ceaf_e(gold, pred).f1) / 3


def v_measure(gold: Clustering, pred: Clustering) -> float:
    """V-measure (Rosenberg and Hirschberg 2007), harmonic mean of homogeneity and completeness."""
    counts = _contingency(gold, pred)
    if not counts:
        return 0.0
    total = sum(counts.values())
    gold_sizes, pred_sizes = _marginals(counts)
    gold_entropy = _entropy(gold_sizes.values(), total)
    pred_entropy = _entropy(pred_sizes.values(), total)
    mutual = sum(
        n / total * math.log(n * total / (gold_sizes[g] * pred_sizes[p])) for (g, p), n in counts.items()
    )
    # as scikit-learn: a side with a single cluster is trivially homogeneous / complete
    homogeneity = mutual / gold_entropy if gold_entropy else 1.0
    completeness = mutual / pred_entropy if pred_entropy else 1.0
    if homogeneity + completeness == 0:
        return 0.0
    return 2 * homogeneity * completeness / (homogeneity + completeness)


def adjusted_rand(gold: Clustering, pred: Clustering) -> float:
    """Adjusted Rand index (Hubert and Arabie 1985), pair-counting form as in scikit-learn."""
    counts = _contingency(gold, pred)
    total = sum(counts.values())
    gold_sizes, pred_sizes = _marginals(counts)
    both = sum(n * (n - 1) for n in counts.values()) // 2
    gold_pairs = sum(n * (n - 1) for n in gold_sizes.values()) // 2
    pred_pairs = sum(n * (n - 1) for n in pred_sizes.values()) // 2
    missed = gold_pairs - both
    spurious = pred_pairs - both
    neither = total * (total - 1) // 2 - both - missed - spurious
    if missed == 0 and spurious == 0:
        return 1.0  # identical partitions, including the degenerate all-one / all-singleton cases
    numerator = 2 * (both * neither - missed * spurious)
    denominator = (both + missed) * (missed + neither) + (both + spurious) * (spurious + neither)
    return numerator / denominator


def _clusters(gold: Clustering, pred: Clustering) -> tuple[list[list[Hashable]], list[list[Hashable]]]:
    """Gold and predicted clusters over the gold items (see the module docstring)."""
    gold_groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    pred_groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item, label in gold.items():
        gold_groups[label].append(item)
        pred_groups[("predicted", pred[item]) if item in pred else ("unpredicted", item)].append(item)
    return list(gold_groups.values()), list(pred_groups.values())


def _contingency(gold: Clustering, pred: Clustering) -> Counter[tuple[Hashable, Hashable]]:
    gold_clusters, pred_clusters = _clusters(gold, pred)
    gold_of = {item: index for index, members in enumerate(gold_clusters) for item in members}
    return Counter((gold_of[item], index) for index, members in enumerate(pred_clusters) for item in members)


def _marginals(counts: Counter[tuple[Hashable, Hashable]]) -> tuple[Counter[Hashable], Counter[Hashable]]:
    gold_sizes: Counter[Hashable] = Counter()
    pred_sizes: Counter[Hashable] = Counter()
    for (g, p), n in counts.items():
        gold_sizes[g] += n
        pred_sizes[p] += n
    return gold_sizes, pred_sizes


def _entropy(sizes, total: int) -> float:
    return -sum(n / total * math.log(n / total) for n in sizes)


def _muc_recall(key: list[list[Hashable]], response: list[list[Hashable]]) -> float:
    """Share of `key`'s links that `response` keeps: sum(|K| - partitions of K) / sum(|K| - 1)."""
    response_of = {item: index for index, members in enumerate(response) for item in members}
    links = sum(len(members) - 1 for members in key)
    if links == 0:
        return 0.0
    kept = sum(len(members) - len({response_of[item] for item in members}) for members in key)
    return kept / links


def _score(precision: float, recall: float) -> Score:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _aligned_similarity(gold_clusters: list[list[Hashable]], pred_clusters: list[list[Hashable]]) -> float:
    """Total phi4 similarity of the best one-to-one alignment of gold and predicted clusters.

    Only overlapping clusters have non-zero similarity, so the alignment splits into the connected
    components of the overlap graph; each is small and solved exactly on its own.
    """
    pred_of = {item: index for index, members in enumerate(pred_clusters) for item in members}
    overlaps: dict[tuple[int, int], int] = Counter(
        (gold_index, pred_of[item]) for gold_index, members in enumerate(gold_clusters) for item in members
    )
    parent = list(range(len(gold_clusters) + len(pred_clusters)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for gold_index, pred_index in overlaps:
        parent[find(gold_index)] = find(len(gold_clusters) + pred_index)
    components: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pair in overlaps:
        components[find(pair[0])].append(pair)

    total = 0.0
    for pairs in components.values():
        rows = {g: row for row, g in enumerate(sorted({g for g, _ in pairs}))}
        columns = {p: column for column, p in enumerate(sorted({p for _, p in pairs}))}
        weights = np.zeros((len(rows), len(columns)))
        for g, p in pairs:
            size = len(gold_clusters[g]) + len(pred_clusters[p])
            weights[rows[g], columns[p]] = 2 * overlaps[g, p] / size
        total += max_weight_matching(weights)
    return total


def max_weight_matching(weights: np.ndarray) -> float:
    """Maximum total weight of a one-to-one row-column assignment (Hungarian algorithm, O(n²m))."""
    if weights.shape[0] > weights.shape[1]:
        weights = weights.T
    rows, columns = weights.shape
    cost = -weights
    # potentials and matching, 1-based with column 0 as the virtual start (Kuhn-Munkres with potentials)
    row_potential = np.zeros(rows + 1)
    column_potential = np.zeros(columns + 1)
    row_of_column = np.zeros(columns + 1, dtype=int)
    previous_column = np.zeros(columns + 1, dtype=int)
    for row in range(1, rows + 1):
        row_of_column[0] = row
        column = 0
        slack = np.full(columns + 1, np.inf)
        used = np.zeros(columns + 1, dtype=bool)
        while True:
            used[column] = True
            current_row = row_of_column[column]
            reduced = cost[current_row - 1] - row_potential[current_row] - column_potential[1:]
            better = ~used[1:] & (reduced < slack[1:])
            slack[1:][better] = reduced[better]
            previous_column[1:][better] = column
            candidates = np.where(used[1:], np.inf, slack[1:])
            next_column = int(np.argmin(candidates)) + 1
            delta = candidates[next_column - 1]
            row_potential[row_of_column[used]] += delta
            column_potential[used] -= delta
            slack[1:][~used[1:]] -= delta
            column = next_column
            if row_of_column[column] == 0:
                break
        while column:
            previous = previous_column[column]
            row_of_column[column] = row_of_column[previous]
            column = previous
    return float(sum(weights[row_of_column[c] - 1, c - 1] for c in range(1, columns + 1) if row_of_column[c]))
