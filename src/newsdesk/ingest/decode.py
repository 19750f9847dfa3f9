"""Bytes to text: detect the encoding, then repair mojibake."""

from __future__ import annotations

import ftfy
from charset_normalizer import from_bytes

from newsdesk import errors

MAX_ARTICLE_BYTES = 5_000_000


def decode(data: bytes, input_name: str) -> str:
    """Decode ``data`` to clean text or raise :class:`InputRejected` saying why."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise errors.InputRejected(input_name, errors.too_large(len(data), MAX_ARTICLE_BYTES))
    if b"\x00" in data[:8192]:
        raise errors.InputRejected(input_name, errors.BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise errors.InputRejected(input_name, errors.UNDECODABLE) from None
        text = str(best)
    # Repair mojibake only: quotes, ligatures and widths stay as the source wrote them.
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_ratio(text) > 0.05:
        raise errors.InputRejected(input_name, errors.BINARY)
    if not text.strip():
        raise errors.InputRejected(input_name, errors.EMPTY)
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return control / len(sample)
