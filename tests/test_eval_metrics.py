import itertools
import math

import numpy as np
import pytest

from newsdesk.eval.metrics import (
    adjusted_rand,
    b_cubed,
    ceaf_e,
    conll_f1,
    max_weight_matching,
    muc,
    v_measure,
)


def labels(*values) -> dict[int, object]:
    return dict(enumerate(values))


# Bagga and Baldwin (1998), figure 2: gold {1-5} {6,7} {8-12}; the response merges the last two.
CLASSIC_GOLD = labels(*"AAAAABBCCCCC")
CLASSIC_PRED = labels(*"AAAAABBBBBBB")


def test_b_cubed_classic_merge_example():
    score = b_cubed(CLASSIC_GOLD, CLASSIC_PRED)
    # precision: 5 items at 5/5, 2 at 2/7, 5 at 5/7, over 12 items
    assert score.precision == pytest.approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)  # 0.7619
    assert score.recall == pytest.approx(1.0)
    assert score.f1 == pytest.approx(2 * 0.761905 / 1.761905, abs=1e-6)


def test_muc_classic_merge_example():
    score = muc(CLASSIC_GOLD, CLASSIC_PRED)
    # response links: 4 + 6 = 10, of which the merge link is wrong: precision 9/10
    assert score.precision == pytest.approx(0.9)
    assert score.recall == pytest.approx(1.0)


def test_muc_ignores_which_clusters_get_merged_but_b_cubed_does_not():
    merge_large = labels(*"AAAAABBAAAAA")  # {1-5}+{8-12} instead of {6,7}+{8-12}
    assert muc(CLASSIC_GOLD, merge_large).f1 == pytest.approx(muc(CLASSIC_GOLD, CLASSIC_PRED).f1)
    # the paper's point: merging the two large entities is the worse error, 7/12 < 0.76
    assert b_cubed(CLASSIC_GOLD, merge_large).precision == pytest.approx(7 / 12)


def test_ceaf_e_classic_merge_example():
    score = ceaf_e(CLASSIC_GOLD, CLASSIC_PRED)
    # best alignment: {1-5}<->{1-5} (phi4 1) and {8-12}<->{6-12} (2*5/12); {6,7} stays unaligned
    similarity = 1 + 2 * 5 / 12
    assert score.precision == pytest.approx(similarity / 2)
    assert score.recall == pytest.approx(similarity / 3)
    assert score.f1 == pytest.approx(2 * similarity / 5)


def test_conll_f1_is_the_mean_of_the_three_f1s():
    expected = (
        muc(CLASSIC_GOLD, CLASSIC_PRED).f1 + b_cubed(CLASSIC_GOLD, CLASSIC_PRED).f1 + ceaf_e(CLASSIC_GOLD, CLASSIC_PRED).f1
    ) / 3
    assert conll_f1(CLASSIC_GOLD, CLASSIC_PRED) == pytest.approx(expected)
    assert conll_f1(CLASSIC_GOLD, CLASSIC_GOLD) == pytest.approx(1.0)


def test_perfect_prediction_scores_one_whatever_the_labels():
    renamed = {item: f"cluster-{label}" for item, label in CLASSIC_GOLD.items()}
    for metric in (b_cubed, muc, ceaf_e):
        assert metric(CLASSIC_GOLD, renamed).f1 == pytest.approx(1.0)
    assert v_measure(CLASSIC_GOLD, renamed) == pytest.approx(1.0)
    assert adjusted_rand(CLASSIC_GOLD, renamed) == pytest.approx(1.0)


def test_all_singletons_against_one_cluster():
    gold = labels(0, 0, 0, 0)
    singletons = labels(0, 1, 2, 3)
    assert b_cubed(gold, singletons).precision == pytest.approx(1.0)
    assert b_cubed(gold, singletons).recall == pytest.approx(0.25)
    assert muc(gold, singletons).f1 == 0.0  # no response links at all
    assert ceaf_e(gold, singletons).precision == pytest.approx((2 / 5) / 4)
    assert ceaf_e(gold, singletons).recall == pytest.approx(2 / 5)


def test_pred_only_items_are_ignored_and_missing_gold_items_are_singletons():
    gold = labels("a", "a", "b")
    pred_with_extras = {0: 1, 1: 1, 2: 2, 99: 1, 100: 2}
    assert b_cubed(gold, pred_with_extras).f1 == pytest.approx(1.0)
    missing_item_1 = {0: 1, 2: 2}
    assert b_cubed(gold, missing_item_1) == b_cubed(gold, labels(1, 3, 2))
    # a missing item must not join a predicted cluster whose label happens to look like its own
    assert b_cubed(labels("x", "x"), {0: ("unpredicted", 1)}).recall == pytest.approx(0.5)


def test_v_measure_known_values():
    # values given in the scikit-learn documentation of v_measure_score
    assert v_measure(labels(0, 0, 1, 2), labels(0, 0, 1, 1)) == pytest.approx(0.8)
    assert v_measure(labels(0, 0, 1, 1), labels(0, 0, 1, 2)) == pytest.approx(0.8)
    # homogeneity 1, completeness ln2/ln4 = 0.5
    assert v_measure(labels(0, 0, 1, 1), labels(0, 1, 2, 3)) == pytest.approx(2 / 3)
    assert v_measure(labels(0, 0, 0, 0), labels(0, 1, 2, 3)) == pytest.approx(0.0)


def test_adjusted_rand_known_values():
    # pairs: gold {01, 23}, pred {01}: 1 agreed, 1 missed, 0 spurious, 4 apart in both
    assert adjusted_rand(labels(0, 0, 1, 1), labels(0, 0, 1, 2)) == pytest.approx(8 / 14)
    assert adjusted_rand(labels(0, 0, 1, 1), labels(0, 1, 0, 1)) == pytest.approx(-0.5)
    assert adjusted_rand(labels(0, 0, 0, 0), labels(0, 1, 2, 3)) == pytest.approx(0.0)
    assert adjusted_rand(labels(0, 1, 2, 3), labels(5, 6, 7, 8)) == 1.0


def test_adjusted_rand_matches_brute_force_pair_counting():
    rng = np.random.default_rng(7)
    for _ in range(20):
        gold = labels(*rng.integers(0, 4, 15))
        pred = labels(*rng.integers(0, 5, 15))
        pairs = list(itertools.combinations(gold, 2))
        same_gold = np.array([gold[a] == gold[b] for a, b in pairs])
        same_pred = np.array([pred[a] == pred[b] for a, b in pairs])
        index = (same_gold == same_pred).mean()
        # expected Rand index under the permutation model, from the pair marginals
        p_gold, p_pred = same_gold.mean(), same_pred.mean()
        expected = p_gold * p_pred + (1 - p_gold) * (1 - p_pred)
        assert adjusted_rand(gold, pred) == pytest.approx((index - expected) / (1 - expected))


def test_hungarian_matches_brute_force():
    rng = np.random.default_rng(3)
    for _ in range(200):
        rows, columns = (int(n) for n in rng.integers(1, 6, 2))
        weights = rng.random((rows, columns)) * (rng.random((rows, columns)) < 0.6)
        small, large = sorted((rows, columns))
        oriented = weights if rows <= columns else weights.T
        best = max(
            sum(oriented[i, chosen[i]] for i in range(small))
            for chosen in itertools.permutations(range(large), small)
        )
        assert max_weight_matching(weights) == pytest.approx(best)


def test_ceaf_e_needs_the_optimal_not_the_greedy_alignment():
    # greedy takes the best pair A-1 (phi4 2/3) and leaves B unaligned: 0.667;
    # the optimum aligns A-2 and B-1: 0.5 + 0.5 = 1.0
    gold = labels("A", "A", "A", "B")
    pred = labels(1, 1, 2, 1)
    phi = {("A", 1): 2 * 2 / 6, ("A", 2): 2 * 1 / 4, ("B", 1): 2 * 1 / 4}
    best = max(phi["A", 1], phi["A", 2] + phi["B", 1])
    assert ceaf_e(gold, pred).recall == pytest.approx(best / 2)
    assert not math.isclose(best, phi["A", 1])
