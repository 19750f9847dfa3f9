"""Bytes to text: detect the encoding, then repair mojibake, keeping the text as given beside it.

The repaired text is what every stage reads and every span indexes (``Article.text``). When the
repair changed anything, the text as decoded from the input (``Article.text_as_given``) is kept
too, with the list of changed stretches (``Article.repairs``) that maps offsets between the two
(see docs/dossier.md, "Text as given and text as read").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import ftfy
from charset_normalizer import from_bytes

from newsdesk import errors
from newsdesk.model import Repair

MAX_ARTICLE_BYTES = 5_000_000
# A text may hold a stray NUL or two (a copy-paste accident), dropped by the repair; a binary
# file is full of them. UTF-16 without its byte-order mark (half its bytes NUL) counts as binary.
MAX_NUL_SHARE = 0.001
STRAY_NULS = 2
MAX_CONTROL_SHARE = 0.05
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_TOKEN = re.compile(r"\s+|\S+")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Decoded:
    text: str  # repaired: mojibake fixed, NFC, control characters dropped, line ends \n
    given: str  # as decoded from the bytes, before any repair
    repairs: tuple[Repair, ...]


def decode(data: bytes, input_name: str, limit: int | None = MAX_ARTICLE_BYTES) -> str:
    """Decode ``data`` to clean text or raise :class:`InputRejected` saying why. ``limit``: the
    size of one article; None for a file of many (JSON lines), whose records are held to it one
    by one."""
    return decode_text(data, input_name, limit).text


def decode_text(data: bytes, input_name: str, limit: int | None = MAX_ARTICLE_BYTES) -> Decoded:
    """Decode ``data``; the repaired text, the text as given and the map between them."""
    if limit is not None and len(data) > limit:
        raise errors.InputRejected(input_name, errors.too_large(len(data), limit))
    head = data[:8192]
    if head.count(0) > max(STRAY_NULS, MAX_NUL_SHARE * len(head)):
        raise errors.InputRejected(input_name, errors.BINARY)
    try:
        given = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise errors.InputRejected(input_name, errors.UNDECODABLE) from None
        given = str(best)
    if _control_ratio(given) > MAX_CONTROL_SHARE:
        raise errors.InputRejected(input_name, errors.BINARY)
    text, repairs = repair(given)
    if not text.strip():
        raise errors.InputRejected(input_name, errors.EMPTY)
    return Decoded(text, given, repairs)


def without_lone_surrogates(text: str) -> str:
    """Half of a UTF-16 surrogate pair on its own (JSON allows ``"\\ud800"``) is no character and
    cannot be stored as UTF-8: it becomes U+FFFD, the replacement character."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def repair(given: str) -> tuple[str, tuple[Repair, ...]]:
    """Mojibake repaired, control characters dropped, NFC, line ends as ``\\n``; and each stretch
    that changed. Line by line (ftfy decides per line too), aligned word by word, then character
    by character inside the words that changed, so that long texts stay fast."""
    whole = _fix(given)
    if whole == given:
        return given, ()
    parts = _LINE_BREAK.split(given)
    text: list[str] = []
    repairs: list[Repair] = []
    at_text = at_given = 0
    for index, part in enumerate(parts):
        fixed = "\n" if index % 2 else _fix(part)
        if fixed != part:
            repairs += _aligned(part, fixed, at_given, at_text)
        text.append(fixed)
        at_given += len(part)
        at_text += len(fixed)
    return "".join(text), tuple(repairs)


def to_given(repairs: tuple[Repair, ...] | list[Repair], offset: int) -> int:
    """The offset in the text as given of ``offset`` in the repaired text. Inside a repaired
    stretch, the start of what it was repaired from."""
    shift = 0
    for r in repairs:
        if offset < r.start:
            break
        if offset < r.end:
            return r.given_start
        shift = r.given_end - r.end
    return offset + shift


def _fix(text: str) -> str:
    # quotes, ligatures and widths stay as the source wrote them: only mojibake is repaired
    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC")


def _aligned(given: str, fixed: str, at_given: int, at_text: int) -> list[Repair]:
    found = []
    words_given, words_fixed = _TOKEN.findall(given), _TOKEN.findall(fixed)
    ends_given, ends_fixed = _ends(words_given), _ends(words_fixed)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, words_given, words_fixed).get_opcodes():
        if tag == "equal":
            continue
        g0, g1, f0, f1 = ends_given[i1], ends_given[i2], ends_fixed[j1], ends_fixed[j2]
        for tag2, a1, a2, b1, b2 in SequenceMatcher(None, given[g0:g1], fixed[f0:f1], autojunk=False).get_opcodes():
            if tag2 != "equal":
                found.append(Repair(at_text + f0 + b1, at_text + f0 + b2, at_given + g0 + a1, at_given + g0 + a2))
    return found


def _ends(words: list[str]) -> list[int]:
    ends = [0]
    for word in words:
        ends.append(ends[-1] + len(word))
    return ends


# control characters other than the whitespace ones (\t \n \v \f \r): one regex pass, not a
# Python loop over 20,000 characters of every input in the writer
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)
