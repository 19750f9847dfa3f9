"""What `compare` measures of two articles: a profile of each, and the pair's features.

A profile holds what one article offers to a comparison: the multilingual
embeddings of its title and of each of its first sentences, the named entities
and places spaCy found, the numbers and dates it gives, its length, language,
and surface measures of style and tone. ``pair_features`` turns two profiles
into named numbers (cosines, overlaps, gaps), each in a language-independent
form, which the calibrated model in ``calibration`` maps to the seven SemEval
scores. Computing a profile costs one encoder pass over its sentences; the pair
features are cheap, so a batch of pairs reuses each article's profile.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from anyascii import anyascii
from scipy.optimize import linear_sum_assignment

from newsdesk.events.features import EMBEDDING_DIM, PLACE_LABELS, ascii_folded, entity_counts, entity_key, figure_counts, term_counts
from newsdesk.link import resolve_place
from newsdesk.model import Analysis
from newsdesk.vectors import carrying, encoded

MAX_SENTENCES = 40  # sentences embedded per article; SemEval texts hold ~10, a long report's lead carries its story
LEAD_SENTENCES = 3
TIME_HORIZON_DAYS = 30
TONE_SPAN = 0.05  # a gap of 5 emotive words or marks per 100 words is the far end of tone

# sentence-alignment coverage: a sentence is told on the other side when its best match there
# reaches one of these cosines (0.6 is ``align_share``); chosen by 5-fold CV on the SemEval dev
# pairs, with the top-k sizes and the first-k leads below
COVERAGE_THRESHOLDS = (0.3, 0.4, 0.5, 0.7, 0.8)
TOP_PAIRS = (5, 10)
FIRST_SENTENCES = (2, 5)
CHAR_GRAMS = (3, 4)  # character n-grams of the ASCII-folded text: shared names and words in any script

_URL = re.compile(r"\S+://\S+|www\.\S+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PERSONAL = frozenset("i me my we us our you your mine ours yours".split())
_EMOTIVE = frozenset(
    """terrible horrible shocking outrage outrageous brutal cowardly heinous tragic tragedy disaster
    disastrous catastrophic appalling disgrace disgraceful shameful heroic hero glorious wonderful
    great amazing fantastic excellent awful evil cruel barbaric savage criminal betrayal lies liar
    absurd ridiculous scandal scandalous alarming dangerous fear feared terror horror hope hopeful
    sadly unfortunately fortunately clearly obviously undoubtedly surely allegedly supposedly
    so-called must should fail failed failure victory triumph humiliating humiliation""".split()
)


@dataclass
class Profile:
    """One article as a comparison sees it."""

    language: str | None
    title_vec: np.ndarray | None  # (512,), None without a title
    sentence_vecs: np.ndarray  # (n, 512), the first MAX_SENTENCES sentences, L2-normalised
    terms: dict[str, int]  # content-word stems (ASCII-folded)
    entities: dict[str, int]  # entity key -> mentions; a person's surname also alone
    places: dict[str, int]  # place key -> 2 a mention, its country -> 1
    names: set[str]  # capitalised words inside sentences, ASCII-folded: names in any Latin-script language
    numbers: set[str]  # numbers written in the text, whole and decimal, one spelling
    dates: set[str]  # ISO dates normalised from the text
    published: date | None  # the source's date, else the most named full date of the text
    words: int
    style: np.ndarray  # words a sentence, quoting sentences, personal words, numbers a word
    tone: float  # emotive words and !/? marks a word
    grams: dict[int, dict[str, int]] = field(default_factory=dict)  # n -> character n-gram counts (CHAR_GRAMS)
    characters: int = 0


def embedded_texts(analysis: Analysis) -> list[str]:
    """What the encoder reads of an article: its title (if any), then its first sentences."""
    title, sentences = _title_and_sentences(analysis)
    return ([title] if title else []) + sentences


@carrying
def profiles(analyses: list[Analysis]) -> list[Profile]:
    """Profiles of many articles, embedding the texts they do not carry in one encoder pass."""
    texts = [embedded_texts(a) for a in analyses]
    flat = [t for group in texts for t in group]
    vectors = encoded(flat)
    out, at = [], 0
    for analysis, group in zip(analyses, texts):
        out.append(profile(analysis, np.asarray(vectors[at : at + len(group)], np.float32)))
        at += len(group)
    return out


def profile(analysis: Analysis, vectors: np.ndarray) -> Profile:
    """``vectors``: the encoder's rows for ``embedded_texts(analysis)``, in order."""
    has_title = _title_and_sentences(analysis)[0] is not None
    prose = analysis.prose
    words = _WORD.findall(prose.lower())
    return Profile(
        language=analysis.article.language,
        title_vec=vectors[0] if has_title else None,
        sentence_vecs=vectors[1:] if has_title else vectors,
        terms=term_counts(prose, analysis.article.language),
        entities=entity_counts(analysis),
        places=_place_counts(analysis),
        names=_names(analysis),
        numbers=_numbers(prose),
        dates={t.value[:10] for t in analysis.times if t.value and len(t.value) >= 10},
        published=_article_date(analysis),
        words=len(words),
        style=_style(analysis, words),
        tone=(sum(w in _EMOTIVE for w in words) + prose.count("!") + prose.count("?")) / max(1, len(words)),
        grams=_char_grams(prose),
        characters=len(prose),
    )


def language_centres(found: Iterable[Profile]) -> dict[str, np.ndarray]:
    """Each language's mean sentence embedding, and ``""``: the mean over all. The multilingual
    encoder places every sentence of a language off-centre in one shared direction, which
    pulls any two texts of that language together whatever they tell; ``pair_features``
    subtracts it before its ``centred_*`` cosines."""
    sums: dict[str, np.ndarray] = {}
    counts: Counter = Counter()
    for found_profile in found:
        if not len(found_profile.sentence_vecs):
            continue
        for key in {found_profile.language or "", ""}:
            sums[key] = sums.get(key, 0) + found_profile.sentence_vecs.sum(axis=0)
            counts[key] += len(found_profile.sentence_vecs)
    return {key: (total / counts[key]).astype(np.float32) for key, total in sums.items()}


def pair_features(a: Profile, b: Profile, centres: Mapping[str, np.ndarray] | None = None) -> dict[str, float]:
    """Named, symmetric features of a pair (swapping the articles gives the same numbers).
    ``centres``: the encoder's language centres (``language_centres``; the shipped model
    holds those of its training articles); without them the ``centred_*`` features are the
    plain ones."""
    raw = _embedding_features(a.sentence_vecs, b.sentence_vecs, _head(a), _head(b))
    gap = _day_gap(a, b)
    centred_a, centred_b = _centred(a, centres or {}), _centred(b, centres or {})
    centred = _embedding_features(centred_a[1], centred_b[1], centred_a[0], centred_b[0])
    return {
        **{name: raw[name] for name in _RAW_EMBEDDING},
        "cos_terms": _cosine(a.terms, b.terms),
        "cos_entities": _cosine(a.entities, b.entities),
        "jaccard_entities": _jaccard(set(a.entities), set(b.entities)),
        "cos_places": _cosine(a.places, b.places),
        "no_places": float(not a.places) + float(not b.places),
        "jaccard_names": _jaccard(a.names, b.names),
        "jaccard_numbers": _jaccard(a.numbers, b.numbers),
        "jaccard_dates": _jaccard(a.dates, b.dates),
        "day_gap": min(gap, 365.0) / 365.0 if gap is not None else 0.0,
        "same_day": float(gap is not None and gap <= 1),
        "within_week": float(gap is not None and gap <= 7),
        "undated": float(gap is None),
        "log_words_min": math.log1p(min(a.words, b.words)),
        "log_words_ratio": abs(math.log1p(a.words) - math.log1p(b.words)),
        "same_language": float(a.language == b.language),
        "english_pair": float(a.language == b.language == "en"),
        "style_closeness": _closeness(a.style, b.style),
        "tone_gap": min(1.0, abs(a.tone - b.tone) / TONE_SPAN),
        "head_body": raw["head_body"],
        "align_q90": raw["align_q90"],
        **{f"centred_{name}": centred[name] for name in _CENTRED_EMBEDDING},
        **{f"raw_{name}": value for name, value in _alignment_features(a.sentence_vecs, b.sentence_vecs, _head(a), _head(b)).items()},
        **{f"centred_{name}": value for name, value in _alignment_features(centred_a[1], centred_b[1], centred_a[0], centred_b[0]).items()},
        **{f"char{n}_cosine": _cosine(a.grams.get(n, {}), b.grams.get(n, {})) for n in CHAR_GRAMS},
        "jaccard_years": _jaccard({n for n in a.numbers if _YEAR.fullmatch(n)}, {n for n in b.numbers if _YEAR.fullmatch(n)}),
        "sentences_min": float(min(len(a.sentence_vecs), len(b.sentence_vecs))),
        "sentences_ratio": abs(math.log1p(len(a.sentence_vecs)) - math.log1p(len(b.sentence_vecs))),
        "characters_ratio": abs(math.log1p(a.characters) - math.log1p(b.characters)),
    }


_RAW_EMBEDDING = ("cos_body", "cos_lead", "cos_head", "align_mean", "align_min", "align_max", "align_top3", "align_share")
_CENTRED_EMBEDDING = ("cos_body", "cos_lead", "cos_head", "align_mean", "align_min", "align_max", "head_body")


def _embedding_features(vecs_a: np.ndarray, vecs_b: np.ndarray, head_a: np.ndarray | None, head_b: np.ndarray | None) -> dict[str, float]:
    body_a, body_b = _mean(vecs_a), _mean(vecs_b)
    lead_a, lead_b = _mean(vecs_a[:LEAD_SENTENCES]), _mean(vecs_b[:LEAD_SENTENCES])
    matrix = vecs_a @ vecs_b.T if len(vecs_a) and len(vecs_b) else np.zeros((1, 1))
    best_a, best_b = matrix.max(axis=1), matrix.max(axis=0)
    return {
        "cos_body": _dot(body_a, body_b),
        "cos_lead": _dot(lead_a, lead_b),
        "cos_head": _dot(head_a, head_b),
        "align_mean": float((best_a.mean() + best_b.mean()) / 2),  # each sentence's best match elsewhere
        "align_min": float(min(best_a.mean(), best_b.mean())),  # the side the other covers least
        "align_max": float(matrix.max()),
        "align_top3": float(np.sort(matrix, axis=None)[-3:].mean()),
        "align_share": float(((best_a > 0.6).mean() + (best_b > 0.6).mean()) / 2),  # sentences told on both sides
        "align_q90": float(np.quantile(matrix, 0.9)),  # how much of the two texts is close, not just the best pair
        "head_body": (_dot(head_a, body_b) + _dot(head_b, body_a)) / 2,  # one headline read against the other's text
    }


def _alignment_features(vecs_a: np.ndarray, vecs_b: np.ndarray, head_a: np.ndarray | None, head_b: np.ndarray | None) -> dict[str, float]:
    """How much of each text the other tells, read off the sentence-by-sentence cosines: the
    share of sentences matched at several strengths (the side covered least, and both on
    average), the strongest pairs, a one-to-one alignment (Hungarian), the first sentences,
    each headline against the other's lead, and the best matches weighted to the lead."""
    if not len(vecs_a) or not len(vecs_b):
        vecs_a = vecs_b = np.zeros((1, EMBEDDING_DIM), np.float32)
    matrix = vecs_a @ vecs_b.T
    best_a, best_b = matrix.max(axis=1), matrix.max(axis=0)
    found: dict[str, float] = {}
    for threshold in COVERAGE_THRESHOLDS:
        share_a, share_b = float((best_a > threshold).mean()), float((best_b > threshold).mean())
        found[f"cover{threshold}_min"] = min(share_a, share_b)
        found[f"cover{threshold}_mean"] = (share_a + share_b) / 2
    strongest = np.sort(matrix, axis=None)[::-1]
    for k in TOP_PAIRS:
        found[f"top{k}"] = float(strongest[:k].mean())
    # sums over sorted values: the same whichever article comes first
    found["mean_all"] = float(strongest.mean())
    rows, columns = linear_sum_assignment(-matrix)
    aligned = np.sort(matrix[rows, columns])
    found["one_to_one_mean"] = float(aligned.mean())
    found["one_to_one_share"] = float(aligned.sum() / max(matrix.shape))
    for k in FIRST_SENTENCES:
        found[f"first{k}"] = _dot(_mean(vecs_a[:k]), _mean(vecs_b[:k]))
    found["first1"] = float(matrix[0, 0])
    found["head_lead"] = (_dot(head_a, _mean(vecs_b[:LEAD_SENTENCES])) + _dot(head_b, _mean(vecs_a[:LEAD_SENTENCES]))) / 2
    weight_a, weight_b = 1 / np.sqrt(np.arange(1, len(best_a) + 1)), 1 / np.sqrt(np.arange(1, len(best_b) + 1))
    found["align_lead_weighted"] = float(((best_a * weight_a).sum() / weight_a.sum() + (best_b * weight_b).sum() / weight_b.sum()) / 2)
    found["align_median"] = float((np.median(best_a) + np.median(best_b)) / 2)
    return found


def _head(found: Profile) -> np.ndarray | None:
    if found.title_vec is not None:
        return found.title_vec
    return found.sentence_vecs[0] if len(found.sentence_vecs) else None


def _centred(found: Profile, centres: Mapping[str, np.ndarray]) -> tuple[np.ndarray | None, np.ndarray]:
    """(head, sentences) with the language's centre (else the overall one) taken away, L2-normalised."""
    centre = centres.get(found.language or "", centres.get(""))
    head = _head(found)
    if centre is None:
        return head, found.sentence_vecs
    moved = found.sentence_vecs - centre
    moved = moved / np.maximum(np.linalg.norm(moved, axis=1, keepdims=True), 1e-9)
    if head is not None:
        head = head - centre
        head = head / max(float(np.linalg.norm(head)), 1e-9)
    return head, moved


def _title_and_sentences(analysis: Analysis) -> tuple[str | None, list[str]]:
    prose = analysis.prose
    sentences = [" ".join(prose[s.start : s.end].split()) for s in analysis.sentences]
    sentences = [s for s in sentences if len(s) > 1 and not _URL.fullmatch(s)]
    title = " ".join((analysis.article.title or "").split()) or None
    if title and sentences and title in sentences[0]:
        sentences[0] = sentences[0].replace(title, "", 1).strip()
        sentences = [s for s in sentences if s]
    return title, sentences[:MAX_SENTENCES]


def _place_counts(analysis: Analysis) -> dict[str, int]:
    """A place counts by its name, and for half through its country ("Baghdad" meets "Iraq")."""
    counts: Counter = Counter()
    for mention in analysis.mentions:
        if mention.label not in PLACE_LABELS:
            continue
        counts[entity_key(mention.text)] += 2
        place = resolve_place(mention.text)
        if place is not None and place.country:
            counts["country:" + place.country] += 1
    return dict(counts)


def _names(analysis: Analysis) -> set[str]:
    """Words written with a capital inside a sentence (not its first word): in English,
    German, Spanish, Polish... mostly names, and spelled alike across these languages once
    folded to ASCII; German nouns come along, and meet only in German."""
    found = set()
    for sentence in analysis.sentences:
        words = _WORD.findall(analysis.prose[sentence.start : sentence.end])
        found.update(anyascii(w).lower() for w in words[1:] if len(w) > 2 and w[0].isupper())
    return found


def _char_grams(text: str) -> dict[int, dict[str, int]]:
    folded = " " + _NON_WORD.sub(" ", ascii_folded(text).lower()) + " "
    return {n: dict(Counter(folded[i : i + n] for i in range(len(folded) - n + 1))) for n in CHAR_GRAMS}


def _numbers(text: str) -> set[str]:
    """Numbers of two digits or more (single digits are everywhere), in one spelling; the
    figures (decimals, clock times) as ``figure_counts`` spells them."""
    whole = {anyascii(n).replace(",", "").replace(".", "") for n in _NUMBER.findall(text)}
    return {n for n in whole if len(n) >= 2} | set(figure_counts(text))


def _article_date(analysis: Analysis) -> date | None:
    published = analysis.article.published
    if published and len(published) >= 10:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            pass
    full = [t.value[:10] for t in analysis.times if t.value and len(t.value) >= 10]
    for value, _ in Counter(full).most_common():
        try:
            return date.fromisoformat(value)
        except ValueError:
            continue
    return None


def _style(analysis: Analysis, words: list[str]) -> np.ndarray:
    prose = analysis.prose
    sentences = max(1, len(analysis.sentences))
    quoting = sum(1 for s in analysis.sentences if any(q in prose[s.start : s.end] for q in '"“”«»„'))
    return np.array(
        [
            len(words) / sentences,
            quoting / sentences,
            sum(w in _PERSONAL for w in words) / max(1, len(words)),
            len(_NUMBER.findall(prose)) / max(1, len(words)),
        ]
    )


def _day_gap(a: Profile, b: Profile) -> float | None:
    if a.published is None or b.published is None:
        return None
    return float(abs((a.published - b.published).days))


def _mean(vectors: np.ndarray) -> np.ndarray | None:
    if not len(vectors):
        return None
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


def _dot(left: np.ndarray | None, right: np.ndarray | None) -> float:
    return float(left @ right) if left is not None and right is not None else 0.0


def _cosine(left: dict[str, int], right: dict[str, int]) -> float:
    """Over whole counts, so every sum is exact in any order: the dot product runs over the
    shared keys only and the norms through ``map`` in C (a dossier build compares every pair of
    its articles' character n-grams, thousands of keys each)."""
    dot = sum(left[key] * right[key] for key in left.keys() & right.keys())
    if not dot:
        return 0.0
    return dot / (math.sqrt(_squares(left)) * math.sqrt(_squares(right)))


def _squares(counts: dict[str, int]) -> int:
    values = counts.values()
    return sum(map(operator.mul, values, values))


def _jaccard(left: set, right: set) -> float:
    return len(left & right) / len(left | right) if left and right else 0.0


def _closeness(left: np.ndarray, right: np.ndarray) -> float:
    scale = np.maximum(np.abs(left), np.abs(right))
    relative = np.divide(np.abs(left - right), scale, out=np.zeros_like(scale), where=scale > 0)
    return float(1.0 - relative.mean())


# the feature names, in the order the calibrated model reads them
FEATURES = tuple(
    pair_features(
        *[Profile(None, None, np.zeros((0, EMBEDDING_DIM), np.float32), {}, {}, {}, set(), set(), set(), None, 0, np.zeros(4), 0.0)] * 2
    )
)
