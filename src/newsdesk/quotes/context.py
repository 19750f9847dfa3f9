"""The stretch of one sentence around a quote, bounded by sentence ends, line breaks and other quotes."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from newsdesk.quotes.lexicon import HEDGES, SOCIAL_MEDIA_WORDS

_MAX_TOKENS = 45
_HEDGE_PATTERN = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.IGNORECASE)


def _is_boundary(token: Token) -> bool:
    return token.text in (".", "!", "?", ";") or (token.is_space and "\n" in token.text) or "\n" in token.whitespace_


def tokens_before(doc: Doc, offset: int, quoted: list[tuple[int, int]]) -> list[Token]:
    """Tokens of the same sentence that end before ``offset``, nearest last."""
    tokens: list[Token] = []
    index = _index_before(doc, offset)
    while index >= 0 and len(tokens) < _MAX_TOKENS:
        token = doc[index]
        if _is_boundary(token) or _inside(token.idx, quoted):
            break
        tokens.append(token)
        index -= 1
    return list(reversed(tokens))


def tokens_after(doc: Doc, offset: int, quoted: list[tuple[int, int]]) -> list[Token]:
    """Tokens of the same sentence that start at or after ``offset``, nearest first."""
    tokens: list[Token] = []
    index = _index_after(doc, offset)
    while index < len(doc) and len(tokens) < _MAX_TOKENS:
        token = doc[index]
        if _inside(token.idx, quoted) or (token.is_space and "\n" in token.text):
            break
        tokens.append(token)
        if _is_boundary(token):
            break
        index += 1
    return tokens


def _index_before(doc: Doc, offset: int) -> int:
    """The last token ending at or before ``offset`` (-1: none); tokens' starts and ends both rise."""
    return bisect.bisect_right(doc, offset, key=lambda t: t.idx + len(t)) - 1


def _index_after(doc: Doc, offset: int) -> int:
    """The first token starting at or after ``offset`` (``len(doc)``: none)."""
    return bisect.bisect_left(doc, offset, key=lambda t: t.idx)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def is_hedged(text: str) -> bool:
    return bool(_HEDGE_PATTERN.search(text))


def mentions_social_media(tokens: list[Token]) -> bool:
    return any(t.lower_ in SOCIAL_MEDIA_WORDS for t in tokens)


def text_of(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)
