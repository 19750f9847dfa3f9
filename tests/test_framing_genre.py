"""Genre on the hand-labelled gold set (tests/gold/genre) and on the seed pair."""

import pytest

from newsdesk.eval import genre_eval

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def scored():
    gold = genre_eval.load_gold()
    return gold, genre_eval.predict(gold)


def test_gold_set_is_large_enough_and_covers_every_genre(scored):
    gold, _ = scored
    assert len(gold) >= 60
    counts = {g: sum(a.genre == g for a in gold) for g in genre_eval.GENRES}
    assert all(n >= 8 for n in counts.values()), counts


def test_seed_column_is_opinion_and_seed_report_is_news(scored):
    gold, predicted = scored
    by_source = {a.source: p for a, p in zip(gold, predicted)}
    assert by_source["seeds:000_dcb403a9227c68d7.txt"] == "opinion"
    assert by_source["seeds:003_706b8038f4f0001c.txt"] == "news"


def test_accuracy_floor(scored):
    gold, predicted = scored
    accuracy = sum(a.genre == p for a, p in zip(gold, predicted)) / len(gold)
    corpus = [(a.genre, p) for a, p in zip(gold, predicted) if not a.source.startswith("written:")]
    assert accuracy >= 0.85
    assert sum(g == p for g, p in corpus) / len(corpus) >= 0.88
    for genre in genre_eval.GENRES:
        recall = sum(a.genre == p == genre for a, p in zip(gold, predicted)) / sum(a.genre == genre for a in gold)
        assert recall >= 0.55, genre
