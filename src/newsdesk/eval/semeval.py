"""SemEval-2022 Task 8 training pairs: reading them, grouping them by article, splitting them,
and each article's comparison profile cached on disk.

The task's test pairs are held out (not in ../shared); the 1,283 training pairs are all we
have, so they are split here once and for all:

- **groups**: pairs that share an article (by the numeric id in ``pair_id``, whatever its
  language suffix, or by identical text) are one group; 40 pair ids occur twice (the same
  pair crawled twice, texts differing slightly) and 143 articles are in several pairs.
  A group is never on both sides of a split.
- **test**: a fixed 20% of the pairs, by group, looked at only to report the final figure;
- **dev**: the rest, in 5 fixed folds by group, for cross-validation and fitting.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import pickle
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsdesk.eval import corpus_root
from newsdesk.eval.cache import cache_dir, code_digest, write

DIMENSIONS = ("geography", "entities", "time", "narrative", "overall", "style", "tone")
FOLDS = 5
TEST_SHARE = 0.2
SPLIT_SEED = 20220708  # fixed: the split must never move
_ID_DIGITS = re.compile(r"\d+")
# the code an article's cached analysis and embeddings depend on
_CACHED_CODE = (
    "clean",
    "analyse",
    "ingest/__init__.py",
    "ingest/article.py",
    "ingest/decode.py",
    "ingest/formats.py",
    "model.py",
    "resources.py",
)


@dataclass(frozen=True)
class Pair:
    row: int  # 1-based data row in train.csv
    pair_id: str
    lang1: str
    lang2: str
    text1: str
    text2: str
    gold: dict[str, float]

    @property
    def article_ids(self) -> tuple[str, str]:
        left, _, right = self.pair_id.partition("_")
        return left, right


def load_pairs(path: Path | None = None) -> list[Pair]:
    path = path or corpus_root() / "semeval2022t8" / "train.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Pair(
                row=number,
                pair_id=record["pair_id"],
                lang1=record["lang1"],
                lang2=record["lang2"],
                text1=record["text1"],
                text2=record["text2"],
                gold={d: float(record[d.capitalize()]) for d in DIMENSIONS},
            )
            for number, record in enumerate(csv.DictReader(handle), start=1)
        ]


def groups(pairs: list[Pair]) -> list[int]:
    """Each pair's group: pairs linked through a shared article (id or text) share one."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(left: str, right: str) -> None:
        parent[find(left)] = find(right)

    for index, pair in enumerate(pairs):
        node = f"pair:{index}"
        for article, text in zip(pair.article_ids, (pair.text1, pair.text2)):
            digits = _ID_DIGITS.match(article)
            union(node, "id:" + (digits.group(0) if digits else article))
            union(node, "text:" + _text_key(text))
    roots: dict[str, int] = {}
    return [roots.setdefault(find(f"pair:{i}"), len(roots)) for i in range(len(pairs))]


def split(pairs: list[Pair], test_share: float = TEST_SHARE) -> tuple[list[int], list[int]]:
    """(fold of each pair: 0..FOLDS-1 for dev, -1 for test), and the pairs' groups. Groups are
    shuffled with a fixed seed; the first take ``test_share`` of the pairs for test, the rest
    go to the dev fold with the fewest pairs so far. ``test_share=0``: 5 folds over all pairs."""
    group_of = groups(pairs)
    members: dict[int, list[int]] = {}
    for index, group in enumerate(group_of):
        members.setdefault(group, []).append(index)
    order = sorted(members)
    random.Random(SPLIT_SEED).shuffle(order)
    fold = [0] * len(pairs)
    test_size, sizes = 0, [0] * FOLDS
    for group in order:
        if test_size < test_share * len(pairs):
            target = -1
            test_size += len(members[group])
        else:
            target = min(range(FOLDS), key=lambda f: (sizes[f], f))
            sizes[target] += len(members[group])
        for index in members[group]:
            fold[index] = target
    return fold, group_of


def cached_profiles(pairs: list[Pair], progress: bool = True) -> dict[str, object]:
    """Text key -> Profile for every article of ``pairs``. The spaCy analysis and the sentence
    embeddings are cached per article under $NEWSDESK_CACHE/semeval (default
    ~/.cache/newsdesk), keyed by the text, its language and the source of the code that
    computes them; the profile itself is rebuilt from them (cheap)."""
    from newsdesk.analyse import analyse_articles
    from newsdesk.events.similarity import embedded_texts, profile
    from newsdesk.ingest.article import article_from_text
    from newsdesk import resources
    from newsdesk.model import Analysis
    from newsdesk.store.codec import from_plain, to_plain

    folder = cache_dir() / "semeval" / _code_key()
    articles = {}
    for pair in pairs:
        for text, language in ((pair.text1, pair.lang1), (pair.text2, pair.lang2)):
            articles.setdefault(_text_key(text, language), (text, language))
    found: dict[str, tuple] = {}
    missing = []
    for key in articles:
        path = folder / f"{key}.pkl"
        if path.is_file():
            found[key] = pickle.loads(path.read_bytes())
        else:
            missing.append(key)
    if missing:
        encoder = resources.sentence_encoder()
        batch = 32
        for start in range(0, len(missing), batch):
            keys = missing[start : start + batch]
            built = [article_from_text(articles[k][0], path=f"semeval:{k}", language=articles[k][1]) for k in keys]
            for key, (analysis, _) in zip(keys, analyse_articles(built)):
                vectors = encoder.encode(embedded_texts(analysis)) if embedded_texts(analysis) else np.zeros((0, 512), np.float32)
                entry = (to_plain(analysis), np.asarray(vectors, np.float32))
                write(folder / f"{key}.pkl", entry)
                found[key] = entry
            if progress:
                print(f"semeval: analysed {min(start + batch, len(missing))}/{len(missing)} articles", file=sys.stderr, flush=True)
    return {key: profile(from_plain(Analysis, plain), vectors) for key, (plain, vectors) in found.items()}


def text_key(text: str, language: str) -> str:
    return _text_key(text, language)


def _text_key(text: str, language: str = "") -> str:
    return hashlib.sha256(f"{language}\0{text}".encode("utf-8")).hexdigest()[:20]


def _code_key() -> str:
    digest = code_digest(_CACHED_CODE)
    from newsdesk.events import similarity

    # what is embedded, not how pairs are scored: changing the features keeps the cache
    digest.update(inspect.getsource(similarity.embedded_texts).encode())
    digest.update(inspect.getsource(similarity._title_and_sentences).encode())
    digest.update(str(similarity.MAX_SENTENCES).encode())
    return digest.hexdigest()[:16]


