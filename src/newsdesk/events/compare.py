"""Two articles compared on the seven SemEval-2022 Task 8 dimensions, 1 (very similar) to 4 (very dissimilar).

Every score comes from a similarity s in [0, 1] that can be shown to a reader,
mapped linearly: score = 4 - 3 * s, rounded to 0.01.

- geography: overlap of the places named (GPE/LOC/FAC), weighted by mentions;
  a place also counts through its resolved country, for half.
- entities: cosine of the named-entity counts (people, organisations, places...).
- time: gap between the two articles' dates (publication date, else the most
  mentioned full date in the text): same day s=1, then s = 1 - gap/30 (0 from a
  month apart). With no date on either side the dimension is unknown: s = 0.5.
- narrative: cosine of the multilingual embeddings of the bodies (what is told,
  whatever the language), blended with the content-word cosine (same words).
- overall: mean of geography, entities, time and narrative similarities, with
  narrative counted twice (the task's annotators judged mostly the story).
- style: closeness of surface statistics: mean sentence length, share of
  sentences quoting someone, share of first/second person words, share of
  numbers; s = 1 - mean relative difference.
- tone: closeness of the share of emotive or opinionated words (a small
  built-in lexicon) and of exclamation/question marks; s = 1 - |difference|
  scaled so that a gap of 5 points per 100 words is the far end.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date

import numpy as np

from newsdesk.events.features import PLACE_LABELS, ArticleFeatures, article_features_batch, entity_key
from newsdesk.link import resolve_place
from newsdesk.model import Analysis

DIMENSIONS = ("geography", "entities", "time", "narrative", "overall", "style", "tone")
TIME_HORIZON_DAYS = 30
TONE_SPAN = 0.05

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+")
_PERSONAL = frozenset("i me my we us our you your mine ours yours".split())
_EMOTIVE = frozenset(
    """terrible horrible shocking outrage outrageous brutal cowardly heinous tragic tragedy disaster
    disastrous catastrophic appalling disgrace disgraceful shameful heroic hero glorious wonderful
    great amazing fantastic excellent awful evil cruel barbaric savage criminal betrayal lies liar
    absurd ridiculous scandal scandalous alarming dangerous fear feared terror horror hope hopeful
    sadly unfortunately fortunately clearly obviously undoubtedly surely allegedly supposedly
    so-called must should fail failed failure victory triumph humiliating humiliation""".split()
)


def compare(a: Analysis, b: Analysis) -> dict[str, float]:
    return compare_featured(a, b, *article_features_batch([a, b]))


def compare_all(analyses: list[Analysis]) -> list[tuple[Analysis, Analysis, dict[str, float]]]:
    """Every pair, with each article's features (its embeddings) computed once."""
    features = article_features_batch(analyses)
    return [
        (a, b, compare_featured(a, b, fa, fb))
        for i, (a, fa) in enumerate(zip(analyses, features))
        for b, fb in zip(analyses[i + 1 :], features[i + 1 :])
    ]


def compare_featured(a: Analysis, b: Analysis, fa: ArticleFeatures, fb: ArticleFeatures) -> dict[str, float]:
    similarity = {
        "geography": _geography(a, b),
        "entities": _cosine(fa.entities, fb.entities),
        "time": _time(fa, fb),
        "narrative": 0.5 * max(0.0, float(fa.body_vec @ fb.body_vec)) + 0.5 * _cosine(fa.terms, fb.terms),
        "style": _closeness(_style(a), _style(b)),
        "tone": max(0.0, 1.0 - abs(_tone(a) - _tone(b)) / TONE_SPAN),
    }
    similarity["overall"] = (
        similarity["geography"] + similarity["entities"] + similarity["time"] + 2 * similarity["narrative"]
    ) / 5
    return {name: round(4.0 - 3.0 * min(1.0, max(0.0, similarity[name])), 2) for name in DIMENSIONS}


def _cosine(left: dict[str, int], right: dict[str, int]) -> float:
    dot = sum(value * right.get(key, 0) for key, value in left.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(v * v for v in left.values())) * math.sqrt(sum(v * v for v in right.values())))


def _geography(a: Analysis, b: Analysis) -> float:
    left, right = _place_counts(a), _place_counts(b)
    if not left or not right:
        return 0.5 if not left and not right else 0.0
    return _cosine(left, right)


def _place_counts(analysis: Analysis) -> Counter:
    counts: Counter = Counter()
    for mention in analysis.mentions:
        if mention.label not in PLACE_LABELS:
            continue
        counts[entity_key(mention.text)] += 2
        place = resolve_place(mention.text)
        if place is not None and place.country:
            counts["country:" + place.country] += 1
    return counts


def _time(a: ArticleFeatures, b: ArticleFeatures) -> float:
    left, right = _article_date(a), _article_date(b)
    if left is None or right is None:
        return 0.5
    return max(0.0, 1.0 - abs((left - right).days) / TIME_HORIZON_DAYS)


def _article_date(features: ArticleFeatures) -> date | None:
    if features.published:
        return date.fromisoformat(features.published[:10])
    full = [d for d in features.dates if len(d) == 10]
    return date.fromisoformat(Counter(full).most_common(1)[0][0]) if full else None


def _style(analysis: Analysis) -> np.ndarray:
    prose = analysis.prose
    words = _WORD.findall(prose.lower())
    sentences = max(1, len(analysis.sentences))
    quoting = sum(1 for s in analysis.sentences if any(q in prose[s.start : s.end] for q in '"“”«»'))
    return np.array(
        [
            len(words) / sentences,
            quoting / sentences,
            sum(w in _PERSONAL for w in words) / max(1, len(words)),
            len(_NUMBER.findall(prose)) / max(1, len(words)),
        ]
    )


def _closeness(left: np.ndarray, right: np.ndarray) -> float:
    scale = np.maximum(np.abs(left), np.abs(right))
    relative = np.divide(np.abs(left - right), scale, out=np.zeros_like(scale), where=scale > 0)
    return float(1.0 - relative.mean())


def _tone(analysis: Analysis) -> float:
    prose = analysis.prose
    words = _WORD.findall(prose.lower())
    marks = prose.count("!") + prose.count("?")
    return (sum(w in _EMOTIVE for w in words) + marks) / max(1, len(words))
