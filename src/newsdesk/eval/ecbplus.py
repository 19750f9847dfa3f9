"""Reader for ECB+ (Cybulska and Vossen 2014): tokenised XML -> readable text with gold mention spans.

Each `docs/T/T_Necb.xml` / `T_Necbplus.xml` holds `<token t_id sentence>` elements, `<Markables>`
(mentions anchored to tokens; instance markables without anchors name the chains) and `<Relations>`:
CROSS_DOC_COREF (`note` = cross-document chain id) and INTRA_DOC_COREF (chain within one document).
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsdesk.eval import GoldMention, corpus_root, join_tokens
from newsdesk.ingest.article import is_dateline

# the usual split; topics 15 and 17 are not in the released corpus
DEV_TOPICS = tuple(topic for topic in range(1, 36) if topic not in (15, 17))
TEST_TOPICS = tuple(range(36, 46))

_EVENT_TAG = re.compile(r"(NEG_)?ACTION_")
_URL_START = {"http", "https", "www"}


@dataclass(frozen=True)
class EcbDocument:
    name: str  # file stem, e.g. "36_1ecbplus"
    topic: int
    subtopic: str  # "36ecb" or "36ecbplus": the two different real events of a topic
    text: str  # one sentence per line
    url: str | None  # the source URL when the first sentence is one
    title: str | None  # the first sentence that is neither a URL nor a dateline
    entity_mentions: list[GoldMention]
    event_mentions: list[GoldMention]


def load_documents(topics: Iterable[int] | None = None) -> list[EcbDocument]:
    """All documents of the given topics (all 43 when None), sorted by (topic, name)."""
    wanted = None if topics is None else set(topics)
    return [doc for doc in _all_documents() if wanted is None or doc.topic in wanted]


@functools.lru_cache(maxsize=1)
def _all_documents() -> tuple[EcbDocument, ...]:
    paths = sorted((corpus_root() / "ecbplus" / "docs").glob("*/*.xml"))
    documents = [read_document(path) for path in paths]
    return tuple(sorted(documents, key=lambda doc: (doc.topic, doc.name)))


def as_article_record(doc: EcbDocument) -> dict:
    """One JSONL record for `newsdesk ingest`; the gold labels ride along as metadata."""
    return {"text": doc.text, "title": doc.title, "url": doc.url, "source": "ECB+", "ecb_document": doc.name, "ecb_subtopic": doc.subtopic}


def read_document(path: Path) -> EcbDocument:
    root = ET.parse(path).getroot()
    name = path.stem
    topic, _, suffix = name.partition("_")
    kind = "ecbplus" if suffix.endswith("ecbplus") else "ecb"

    sentences: dict[str, list[ET.Element]] = {}
    for token in root.iter("token"):
        sentences.setdefault(token.get("sentence", ""), []).append(token)

    lines: list[str] = []
    token_spans: dict[str, tuple[int, int]] = {}
    offset = 0
    url: str | None = None
    title: str | None = None
    open_quote = False
    for index, tokens in enumerate(sentences.values()):
        words = [token.text or "" for token in tokens]
        if index == 0 and words[0].lower() in _URL_START:
            line, starts = "".join(words), _running_starts(words)
            url = line
        else:
            line, starts, open_quote = join_tokens(words, open_quote)
            title = title if title is not None or is_dateline(line) else line
        for token, word, start in zip(tokens, words, starts):
            token_spans[token.get("t_id", "")] = (offset + start, offset + start + len(word))
        lines.append(line)
        offset += len(line) + 1
    text = "\n".join(lines)

    chains = _chains(root, name)
    entities: list[GoldMention] = []
    events: list[GoldMention] = []
    for markable in root.iterfind("Markables/*"):
        anchors = [anchor.get("t_id", "") for anchor in markable.iter("token_anchor")]
        if not anchors:
            continue  # an instance markable: it names a chain, it is not a mention
        start = min(token_spans[t_id][0] for t_id in anchors)
        end = max(token_spans[t_id][1] for t_id in anchors)
        m_id = markable.get("m_id", "")
        mention = GoldMention(start, end, text[start:end], markable.tag, chains.get(m_id, f"{name}:{m_id}"))
        (events if _EVENT_TAG.match(markable.tag) else entities).append(mention)
    entities.sort(key=lambda m: (m.start, m.end))
    events.sort(key=lambda m: (m.start, m.end))
    return EcbDocument(name, int(topic), f"{topic}{kind}", text, url, title, entities, events)


def _running_starts(words: list[str]) -> list[int]:
    starts, length = [], 0
    for word in words:
        starts.append(length)
        length += len(word)
    return starts


def _chains(root: ET.Element, name: str) -> dict[str, str]:
    """Mention m_id -> chain id; a within-document chain is named after its document and target."""
    chains: dict[str, str] = {}
    for relation in root.iterfind("Relations/*"):
        target = relation.find("target")
        target_id = target.get("m_id", "") if target is not None else ""
        chain = relation.get("note") if relation.tag == "CROSS_DOC_COREF" else f"{name}:chain{target_id}"
        for source in relation.iter("source"):
            # one mention in the corpus (1_1ecbplus m_id 64) sits in two chains: keep the first
            chains.setdefault(source.get("m_id", ""), chain or f"{name}:chain{target_id}")
    return chains
