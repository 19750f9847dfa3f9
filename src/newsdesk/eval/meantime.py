"""Reader for NewsReader MEANTIME (Minard et al. 2016), English Wikinews articles and Spanish translations.

Text comes from `conll.csv` (one token a row, keyed "corpus_<topic>/<doc id>", sentence and token
numbers); entity mentions from `entities_mentions.json`, whose `coref_chain` is a prefix
(`cross_intra_`, `cross_` or `intra_`, i.e. how the annotators linked it) followed by the instance id of
`list_instances.csv`. Instance ids are shared across documents and across languages, so the chain is
the bare instance id. Documents keep their numeric id as name, identical in both languages.
"""

from __future__ import annotations

import csv
import functools
import json
from collections import defaultdict
from dataclasses import dataclass

from newsdesk.eval import GoldMention, corpus_root, join_tokens

LANGUAGES = ("en", "es")
_CHAIN_PREFIXES = ("cross_intra_", "cross_", "intra_")


@dataclass(frozen=True)
class MeantimeDocument:
    name: str  # Wikinews article id, e.g. "100911"; the Spanish translation has the same name
    topic: str  # "corpus_airbus", "corpus_apple", "corpus_gm", "corpus_stock"
    language: str
    text: str  # one sentence per line; the first line is the headline, the second the date
    entity_mentions: list[GoldMention]  # named: the mention's head is a proper noun (PROPN)


def load_documents(language: str) -> list[MeantimeDocument]:
    """All 120 documents of one language ("en" or "es"), sorted by (topic, name)."""
    if language not in LANGUAGES:
        raise ValueError(f"MEANTIME language must be one of {LANGUAGES}, not {language!r}")
    return list(_documents(language))


def instance_id(coref_chain: str) -> str:
    for prefix in _CHAIN_PREFIXES:
        if coref_chain.startswith(prefix):
            return coref_chain[len(prefix) :]
    raise ValueError(f"unexpected MEANTIME chain id {coref_chain!r}")


@functools.lru_cache(maxsize=len(LANGUAGES))
def _documents(language: str) -> tuple[MeantimeDocument, ...]:
    folder = corpus_root() / "meantime" / language
    tokens: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with open(folder / "conll.csv", newline="", encoding="utf-8") as table:
        for row in csv.DictReader(table):
            sentence = tokens[row["topic/subtopic_name"]][int(row["sent_id"])]
            if int(row["token_id"]) != len(sentence):
                raise ValueError(f"{folder / 'conll.csv'}: tokens out of order at {row}")
            sentence.append(row["token"])
    with open(folder / "entities_mentions.json", encoding="utf-8") as source:
        mentions_by_doc: dict[str, list[dict]] = defaultdict(list)
        for record in json.load(source):
            mentions_by_doc[record["conll_doc_key"]].append(record)

    documents = []
    for key, sentences in tokens.items():
        text, spans = _text_and_token_spans(sentences)
        mentions: set[GoldMention] = set()  # a few mentions are listed twice
        for record in mentions_by_doc[key]:
            numbers = record["tokens_number"]
            sentence = record["sent_id"]
            start = spans[sentence, min(numbers)][0]
            end = spans[sentence, max(numbers)][1]
            mentions.add(
                GoldMention(
                    start,
                    end,
                    text[start:end],
                    record["mention_full_type"],
                    instance_id(record["coref_chain"]),
                    named=record["mention_head_pos"] == "PROPN",
                )
            )
        topic, _, name = key.partition("/")
        ordered = sorted(mentions, key=lambda m: (m.start, m.end, m.chain))
        documents.append(MeantimeDocument(name, topic, language, text, ordered))
    return tuple(sorted(documents, key=lambda doc: (doc.topic, doc.name)))


def _text_and_token_spans(sentences: dict[int, list[str]]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    lines = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    offset = 0
    open_quote = False
    for sentence_id in sorted(sentences):
        words = sentences[sentence_id]
        line, starts, open_quote = join_tokens(words, open_quote)
        for number, (word, start) in enumerate(zip(words, starts)):
            spans[sentence_id, number] = (offset + start, offset + start + len(word))
        lines.append(line)
        offset += len(line) + 1
    return "\n".join(lines), spans
