"""Two articles compared on the seven SemEval-2022 Task 8 dimensions, 1 (very similar) to 4 (very dissimilar).

The dimensions are ``geography``, ``entities``, ``time``, ``narrative``, ``overall``,
``style`` and ``tone``, as the task's annotators judged them. Each score is predicted
from the pair's features (``similarity.pair_features``: embedding cosines of the whole
text, the title and the lead; sentence-to-sentence alignment: coverage at several
strengths both ways, strongest pairs, a one-to-one alignment, first sentences, headline
against lead; all plain and with each language's centre taken away; character n-grams of
the ASCII-folded texts; entity, place, name, number, year and date overlaps, lengths,
languages, style and tone gaps) by a model fitted on the task's human judgements
(``calibration``: boosted trees blended with a ridge regression; its figures are in
``compare_model.json`` and ``newsdesk eval semeval`` measures them).
"""

from __future__ import annotations

from newsdesk.events.calibration import load_model
from newsdesk.events.similarity import Profile, pair_features, profiles
from newsdesk.model import Analysis

DIMENSIONS = ("geography", "entities", "time", "narrative", "overall", "style", "tone")


def compare(a: Analysis, b: Analysis) -> dict[str, float]:
    return compare_profiles([tuple(profiles([a, b]))])[0]


def compare_explained(a: Analysis, b: Analysis) -> tuple[dict[str, float], dict[str, float]]:
    """The seven scores and the pair's features they were predicted from."""
    left, right = profiles([a, b])
    features = pair_features(left, right, load_model().centres)
    return compare_profiles([(left, right)])[0], {k: round(v, 4) for k, v in features.items()}


def compare_all(analyses: list[Analysis]) -> list[tuple[Analysis, Analysis, dict[str, float]]]:
    """Every pair, with each article's profile (its embeddings) computed once; an event of one
    article has no pair, and no profile is made."""
    if len(analyses) < 2:
        return []
    found = profiles(analyses)
    pairs = [(i, j) for i in range(len(analyses)) for j in range(i + 1, len(analyses))]
    scores = compare_profiles([(found[i], found[j]) for i, j in pairs])
    return [(analyses[i], analyses[j], score) for (i, j), score in zip(pairs, scores)]


def compare_profiles(pairs: list[tuple[Profile, Profile]]) -> list[dict[str, float]]:
    """The seven scores of each pair, in DIMENSIONS order."""
    if not pairs:
        return []
    model = load_model()
    predicted = model.predict([pair_features(a, b, model.centres) for a, b in pairs])
    return [{name: scores[name] for name in DIMENSIONS} for scores in predicted]
