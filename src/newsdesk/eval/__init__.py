"""Evaluation against the shared gold corpora (ECB+, MEANTIME): readers, detokenising, metrics."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


def corpus_root() -> Path:
    """The shared read-only corpus folder: $NEWSDESK_CORPUS, else <repo root>/../shared/corpus."""
    configured = os.environ.get("NEWSDESK_CORPUS")
    root = Path(configured) if configured else _repo_root().parent / "shared" / "corpus"
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root} (set NEWSDESK_CORPUS to override)")
    return root


def _repo_root() -> Path:
    for folder in Path(__file__).resolve().parents:
        if (folder / "pyproject.toml").is_file():
            return folder
    raise FileNotFoundError(f"no pyproject.toml above {Path(__file__).resolve()}")


@dataclass(frozen=True)
class GoldMention:
    """A gold mention; text == document text[start:end].

    Discontinuous mentions (e.g. "checked [herself] into") span from their first to their
    last token, so `text` includes the gap.
    `named` is True for proper-name mentions when the corpus tells (MEANTIME), None otherwise.
    """

    start: int
    end: int
    text: str
    type: str
    chain: str
    named: bool | None = None


_ATTACH_LEFT = {
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "”", "’", "...", "…",
    "'s", "'S", "'m", "'re", "'ve", "'ll", "'d", "n't", "N'T",
}
_ATTACH_RIGHT = {"(", "[", "{", "``", "`", "“", "‘", "¿", "¡"}
_CURRENCY = {"$", "#", "€", "£"}  # "#" stands for "£" in MEANTIME
_JOINERS = {"-", "/"}
_DIGITS = re.compile(r"\d+$")


def join_tokens(tokens: list[str], open_double_quote: bool = False) -> tuple[str, list[int], bool]:
    """Join one sentence's tokens into readable text.

    Returns the text, each token's start offset in it, and whether a straight double quote is
    still open at the end (quotations run across sentences, so the caller threads it through).
    Straight quotes are ambiguous: `"` alternates open/close; a lone `'` opens only when another
    lone `'` follows later in the sentence, otherwise it closes or marks a plural possessive.
    """
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    glue_next = True  # no space before the first token
    open_single = False
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        glue_before, glue_after = _glue(token, previous, following)
        if token == '"':
            opening = not open_double_quote if 0 < index < len(tokens) - 1 else index == 0
            open_double_quote = opening
            glue_before, glue_after = (False, True) if opening else (True, False)
        elif token == "'":
            opening = not open_single and "'" in tokens[index + 1 :]
            open_single = opening
            glue_before, glue_after = (False, True) if opening else (True, False)
        if parts and not (glue_next or glue_before):
            parts.append(" ")
            length += 1
        starts.append(length)
        parts.append(token)
        length += len(token)
        glue_next = glue_after
    return "".join(parts), starts, open_double_quote


def _glue(token: str, previous: str, following: str) -> tuple[bool, bool]:
    """(no space before, no space after) for an unambiguous token."""
    if token in _JOINERS and previous and following:
        return True, True
    if token in _CURRENCY or (token.endswith("$") and token[:-1].isupper()):
        return False, following[:1].isdigit()  # "$ 40" -> "$40", but Spanish "millones $ para"
    if token == ":" and _DIGITS.match(previous) and _DIGITS.match(following):
        return True, True  # clock times "1 : 32"
    if token == "." and _DIGITS.match(previous) and _DIGITS.match(following):
        return True, True  # decimals "4 . 6" (a sentence never ends inside a sentence's tokens)
    return token in _ATTACH_LEFT, token in _ATTACH_RIGHT
