"""The text of a parsed Doc, kept once: spaCy's ``Doc.text`` joins every token's text at each
access, so rules asking for it per sentence or per entity were quadratic in an article's length
(the largest cost after the parse itself)."""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "newsdesk:text"  # the key newsdesk.claims keeps it under too


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> None:
    """Record ``text``, the string ``doc`` was parsed from (the same as ``doc.text``)."""
    doc.user_data[TEXT_KEY] = text
