"""Reader for NewsWCL50 (Hamborg, Zhukova and Gipp 2019): 50 US articles on 10 events, 5 outlets each.

`NewsWCL50.conll` has one token a row: document ("0/-/0_L": event 0, outlet L), sentence, token
number, token, and the chain ids of the mentions it opens or closes, in the CoNLL "(id", "id)",
"(id)" notation, several joined by "|". A token "\\n" marks a paragraph break. Chain ids start
with their event ("0_USA_Trump_ACTOR") and end in their type (ACTOR, COUNTRY, GROUP, OBJECT,
MISC, EVENT, ACTION; "ACTOR-I" for the chains that lump unnamed or minor individuals together).
Chains hold concepts, wider than one named entity: "0_USA_COUNTRY" holds "United States", "White
House" and "Larry Kudlow", "3_USA_Democrats_GROUP" holds "DNC" and "Tom Perez".

The split for newsdesk's evals is by event: events 0-4 are dev, events 5-9 test.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from newsdesk.eval import GoldMention, corpus_root, join_tokens

DEV_EVENTS = (0, 1, 2, 3, 4)
TEST_EVENTS = (5, 6, 7, 8, 9)
_PART = re.compile(r"^(\()?([^()]+?)(\))?$")


@dataclass(frozen=True)
class WclDocument:
    name: str  # "0_L": event and outlet code (LL, L, M, R, RR: left to right)
    event: int
    outlet: str
    text: str  # one sentence per line, an empty line between paragraphs
    mentions: list[GoldMention]  # type: the chain's type suffix (ACTOR, COUNTRY, ...)


def load_documents(events: tuple[int, ...] | None = None) -> list[WclDocument]:
    """The documents of the given events (all 50 by default), sorted by event and outlet."""
    return [d for d in _documents() if events is None or d.event in events]


def chain_type(chain: str) -> str:
    return chain.rsplit("_", 1)[-1]


@functools.lru_cache(maxsize=1)
def _documents() -> tuple[WclDocument, ...]:
    path = corpus_root() / "newswcl50" / "NewsWCL50.conll"
    rows: dict[str, list[list[str]]] = defaultdict(list)
    with open(path, encoding="utf-8") as source:
        for line in source:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 5 and not line.startswith("#"):
                rows[parts[0]].append(parts)
    documents = [_document(key, document_rows) for key, document_rows in rows.items()]
    return tuple(sorted(documents, key=lambda d: (d.event, d.outlet)))


def _document(key: str, rows: list[list[str]]) -> WclDocument:
    sentences: dict[int, list[int]] = defaultdict(list)  # sentence -> row indexes of its word tokens
    for index, row in enumerate(rows):
        if row[3] != "\\n":
            sentences[int(row[1])].append(index)
    lines, span_of_row, offset = [], {}, 0
    for number in sorted(sentences):
        indexes = sentences[number]
        line, starts, _ = join_tokens([rows[i][3] for i in indexes])
        for i, start in zip(indexes, starts):
            span_of_row[i] = (offset + start, offset + start + len(rows[i][3]))
        lines.append(line)
        offset += len(line) + 1
    text = "\n".join(lines)

    mentions, open_at = set(), defaultdict(list)
    for index, row in enumerate(rows):
        for part in row[4].split("|"):
            match = _PART.match(part.strip())
            if not match or match.group(2) == "-":
                continue
            opens, chain, closes = match.groups()
            if opens:
                open_at[chain].append(index)
            if closes and open_at[chain]:
                first = open_at[chain].pop()
                covered = [i for i in range(first, index + 1) if i in span_of_row]
                if covered:
                    start, end = span_of_row[covered[0]][0], span_of_row[covered[-1]][1]
                    mentions.add(GoldMention(start, end, text[start:end], chain_type(chain), chain))
    event, outlet = key.rsplit("/", 1)[-1].split("_", 1)
    ordered = sorted(mentions, key=lambda m: (m.start, m.end, m.chain))
    return WclDocument(f"{event}_{outlet}", int(event), outlet, text, ordered)
