"""What the event clusterer knows about one article, and how it is stored.

An article is reduced to three kinds of evidence:

- meaning: USE-multilingual embeddings of the title, the lead (first sentences)
  and the body (mean of sentence embeddings), so that a Spanish and an English
  report of one event land close together;
- specifics: counts of content-word stems and of named entities (people,
  organisations, places), which separate two events of the same kind (two
  earthquakes differ in place, toll and date, not in vocabulary), and the
  figures the article gives (decimals such as a magnitude, clock times), which
  reports of one event repeat and another event's reports do not;
- time: the publication date (and whether the source gave it or it was guessed
  from the text), the dates normalised from the text and the years written in it.

Term weights (IDF) are not fixed here: the clusterer learns them online from
the articles it has seen.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from anyascii import anyascii

from newsdesk import resources
from newsdesk.analyse.language import stop_words_of
from newsdesk.model import Analysis
from newsdesk.vectors import carrying, encoded

EMBEDDING_DIM = 512
LEAD_SENTENCES = 3
BODY_SENTENCES = 20
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+", re.UNICODE)  # "4.6" and "1,200" stay one term
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_CLOCK = re.compile(r"\b([01]?\d|2[0-3])(?::([0-5]\d)|\.([0-5]\d)(?=\s*[ap]\.?\s?m\b))(?:\s*([ap])\.?\s?m\b\.?)?", re.IGNORECASE)
_DECIMAL = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)+(?![\d])")
_URL = re.compile(r"\S+://\S+|www\.\S+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"\s*'s$")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "es", "s")


@dataclass
class ArticleFeatures:
    article_id: str
    title_vec: np.ndarray  # (512,) float32, L2-normalised; zeros when there is no title
    lead_vec: np.ndarray
    body_vec: np.ndarray
    terms: dict[str, int] = field(default_factory=dict)  # content-word stem -> count
    entities: dict[str, int] = field(default_factory=dict)  # normalised entity name -> count
    places: list[str] = field(default_factory=list)  # normalised place names, most mentioned first
    dates: list[str] = field(default_factory=list)  # ISO dates found in the text
    years: list[int] = field(default_factory=list)  # years written in the text
    figures: dict[str, int] = field(default_factory=dict)  # decimal or clock time -> count
    published: str | None = None  # ISO date
    published_inferred: bool = False  # guessed from a date in the text, not given by the source
    language: str | None = None

    def to_bytes(self) -> bytes:
        header = {
            "article_id": self.article_id,
            "terms": self.terms,
            "entities": self.entities,
            "places": self.places,
            "dates": self.dates,
            "years": self.years,
            "figures": self.figures,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "language": self.language,
        }
        head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
        vectors = np.stack([self.title_vec, self.lead_vec, self.body_vec]).astype("<f4")
        return len(head).to_bytes(4, "little") + head + vectors.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> ArticleFeatures:
        size = int.from_bytes(data[:4], "little")
        header = json.loads(data[4 : 4 + size].decode("utf-8"))
        vectors = np.frombuffer(data[4 + size :], dtype="<f4").reshape(3, EMBEDDING_DIM).astype(np.float32)
        return cls(title_vec=vectors[0], lead_vec=vectors[1], body_vec=vectors[2], **header)


def article_features(analysis: Analysis) -> ArticleFeatures:
    return article_features_batch([analysis])[0]


def embedded_texts(analysis: Analysis) -> list[str]:
    """What the encoder reads of an article for its features: title, lead, body sentences."""
    title, sentences = _title_and_sentences(analysis)
    lead = " ".join(sentences[:LEAD_SENTENCES])
    return ([title] if title else []) + ([lead] if lead else []) + sentences[:BODY_SENTENCES]


@carrying
def article_features_batch(analyses: list[Analysis]) -> list[ArticleFeatures]:
    """Features for many articles, embedding the texts they do not carry in one encoder pass."""
    texts: list[str] = []
    slots: list[tuple[int | None, list[int], list[int]]] = []  # title, lead, body indices into texts
    for analysis in analyses:
        title, sentences = _title_and_sentences(analysis)
        title_slot = None
        if title:
            title_slot = len(texts)
            texts.append(title)
        lead = " ".join(sentences[:LEAD_SENTENCES])
        lead_slots = [len(texts)] if lead else []
        if lead:
            texts.append(lead)
        body = sentences[:BODY_SENTENCES]
        body_slots = list(range(len(texts), len(texts) + len(body)))
        texts.extend(body)
        slots.append((title_slot, lead_slots, body_slots))
    vectors = encoded(texts)
    apart = [analysis.article.title if _title_apart(analysis) else None for analysis in analyses]
    title_entities = _title_entity_counts([title for title in apart if title])
    features = []
    for analysis, title_apart, (title_slot, lead_slots, body_slots) in zip(analyses, apart, slots):
        title_vec = vectors[title_slot] if title_slot is not None else _mean_vector(vectors, lead_slots)
        features.append(
            ArticleFeatures(
                article_id=analysis.article.id,
                title_vec=np.asarray(title_vec, np.float32),
                lead_vec=_mean_vector(vectors, lead_slots),
                body_vec=_mean_vector(vectors, body_slots),
                terms=_terms_with_title(analysis, title_apart),
                entities=dict(Counter(entity_counts(analysis)) + Counter(title_entities.get(title_apart, {}))),
                places=_places(analysis),
                dates=sorted({t.value[:10] for t in analysis.times if t.value}),
                years=sorted({int(y) for y in _YEAR.findall(analysis.prose)}),
                figures=figure_counts(analysis.prose),
                published=(analysis.article.published or None) and analysis.article.published[:10],
                published_inferred=analysis.article.published_inferred,
                language=analysis.article.language,
            )
        )
    return features


def _title_apart(analysis: Analysis) -> bool:
    """Whether the article has a title its text does not start with (a crawler keeps it apart)."""
    title = analysis.article.title
    return bool(title) and " ".join(title.split()).casefold() not in " ".join(analysis.prose[: 2 * len(title) + 200].split()).casefold()


def _terms_with_title(analysis: Analysis, title_apart: str | None) -> dict[str, int]:
    """The prose's term counts, and those of a title kept apart from the text: a page whose text
    is mostly furniture (a chat box, a copyright line) says what it reports in its title."""
    counts = Counter(term_counts(analysis.prose, analysis.article.language))
    if title_apart:
        counts.update(term_counts(title_apart, analysis.article.language))
    return dict(counts)


def _title_entity_counts(titles: list[str]) -> dict[str, dict[str, int]]:
    """The named entities of titles kept apart from their texts, counted as the prose's are."""
    found: dict[str, dict[str, int]] = {}
    for title, doc in zip(titles, resources.nlp().pipe(titles)):
        counts: Counter[str] = Counter()
        for entity in doc.ents:
            key = entity_key(entity.text)
            if entity.label_ in ENTITY_LABELS and len(key) >= 2:
                counts[key] += 1
        found[title] = dict(counts)
    return found


def term_counts(text: str, language: str | None = None) -> dict[str, int]:
    """Content-word stems with their counts; numbers are kept whole, decimals included
    (tolls, ages and magnitudes tell events apart)."""
    stop_words = stop_words_of(language)
    counts: Counter[str] = Counter()
    for word in _WORD.findall(_URL.sub(" ", ascii_folded(text).lower())):
        if word in stop_words or (len(word) < 3 and not word.isdigit()):
            continue
        counts[stem(word)] += 1
    return dict(counts)


def figure_counts(text: str) -> dict[str, int]:
    """The precise figures an article gives: clock times on a 24-hour clock ("2:09 a.m."
    and "02:09" meet) and numbers written with a decimal point or separator ("4.6",
    "1,200"), each with its count. Plain whole numbers are left out: ages, small tolls
    and years, which reports of many events give."""
    counts: Counter[str] = Counter()
    for hour, minute, dotted_minute, half in _CLOCK.findall(text):
        hour = int(hour) % 12 + (12 if half.lower() == "p" else 0) if half else int(hour)
        counts[f"{hour:02d}:{minute or dotted_minute}"] += 1
    for number in _DECIMAL.findall(_CLOCK.sub(" ", text)):
        counts[_plain_number(number)] += 1
    return dict(counts)


def _plain_number(number: str) -> str:
    """One spelling for a number written in either convention, so that a report and its
    translation meet: a last group of three digits follows a thousands separator
    ("1,200", "1.200" -> "1200"), any other last group a decimal point ("4,6" -> "4.6")."""
    groups = re.split(r"[.,]", number)
    if len(groups[-1]) == 3:
        return "".join(groups)
    return "".join(groups[:-1]) + "." + groups[-1]


def ascii_folded(text: str) -> str:
    """``anyascii(text)``, the same string, with only the runs of non-ASCII characters handed to
    it: it reads a text character by character in Python, and a news text is mostly ASCII with
    a few curly quotes and dashes (it folds each character on its own, so runs fold the same)."""
    return text if text.isascii() else _NON_ASCII.sub(lambda run: anyascii(run.group()), text)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet 'killed'/'kills'/'killing' at 'kill'. Kept for
    the words seen most (it runs on every word of every text the features and comparisons read)."""
    if word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def entity_key(name: str) -> str:
    key = anyascii(name).lower().strip(" .,'\"")
    key = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", key))
    return re.sub(r"\s+", " ", key)


def _title_and_sentences(analysis: Analysis) -> tuple[str | None, list[str]]:
    prose = analysis.prose
    sentences = [" ".join(prose[s.start : s.end].split()) for s in analysis.sentences]
    sentences = [s for s in sentences if len(s) > 1 and not _URL.fullmatch(s)]
    title = analysis.article.title
    if title and sentences and " ".join(title.split()) in sentences[0]:
        sentences = sentences[1:]
    return title, sentences


def _mean_vector(vectors: np.ndarray, slots: list[int]) -> np.ndarray:
    if not slots:
        return np.zeros(EMBEDDING_DIM, np.float32)
    mean = vectors[slots].mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


def entity_counts(analysis: Analysis) -> dict[str, int]:
    """Entity names, plus a person's surname alone so that 'Jeffs' meets 'Warren Jeffs'."""
    counts: Counter[str] = Counter()
    for mention in analysis.mentions:
        if mention.label not in ENTITY_LABELS:
            continue
        key = entity_key(mention.text)
        if len(key) < 2:
            continue
        counts[key] += 1
        if mention.label == "PERSON" and " " in key:
            counts[key.rsplit(" ", 1)[1]] += 1
    return dict(counts)


def _places(analysis: Analysis) -> list[str]:
    counts = Counter(entity_key(m.text) for m in analysis.mentions if m.label in PLACE_LABELS)
    return [name for name, _ in counts.most_common() if len(name) > 1]
