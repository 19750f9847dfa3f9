"""Find quoted stretches of text by their quote marks, whatever the style.

Pure text work: no parse. Machine translation leaves marks unbalanced, spaces
them oddly and mixes styles, so direction comes from the characters around a
mark first and from its glyph second, and a straight mark takes whatever role
the open/closed state needs.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

OPENING_GLYPHS = "“„«‟〝"
CLOSING_GLYPHS = "”»〞"
DOUBLE_MARKS = '"' + OPENING_GLYPHS + CLOSING_GLYPHS
SINGLE_OPENING = "‘‚‹"
SINGLE_CLOSING = "’›"
DASHES = "—–―"

# Characters after which a mark is opening, and before which it is closing.
_OPEN_CONTEXT = set("([{—–-:/") | {"\u00a0"}
_CLOSE_CONTEXT = set(".,;:!?)]}…-—–")

# Typewriter-era pairs (`` '') as found in tokenised corpora, then the one-character marks.
_DOUBLE_MARK = re.compile(r"``|''|[" + DOUBLE_MARKS + "]")
# A quote runs on over at most this many lines without marks when a closing mark ends it.
_MAX_LINES_CROSSED = 6
_POST_SIGNATURE = re.compile(r"\(@|\b\w+ \d{1,2}, \d{4}\s*$")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


@dataclass(frozen=True)
class QuotedSpan:
    """The words between quote marks; ``start``/``end`` exclude the marks and outer spaces."""

    start: int
    end: int
    style: str  # "double", "single", "dash"
    balanced: bool = True


class Regions:
    """Character spans sorted by start, asked whether one of them covers a stretch (once per
    token of the article): the regions starting at or before it, by bisection, and the furthest
    end among them."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.furthest_ends = list(itertools.accumulate((e for _, e in spans), max))

    def cover(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        return index > 0 and self.furthest_ends[index - 1] >= end

    def hold(self, offset: int) -> bool:
        """A span holds the character at ``offset`` (ends are exclusive)."""
        return self.cover(offset, offset + 1)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """The quoted spans of ``text``, in text order. The quotes stage and the framing stage's
    voice, genre and wording each ask for the same article's: found once. The stages run a
    batch at a time (``pipeline.BATCH_SIZE``, 32 articles), so the last batch's are kept."""
    return list(_quoted_spans(text))


@functools.lru_cache(maxsize=64)
def _quoted_spans(text: str) -> tuple[QuotedSpan, ...]:
    doubles = _double_spans(text)
    singles = [s for s in _single_spans(text.replace("``", "  ").replace("''", "  ")) if not any(d.start <= s.start < d.end for d in doubles)]
    dashes = [s for s in _dash_spans(text) if not any(d.start < s.end and s.start < d.end for d in doubles)]
    return tuple(sorted(doubles + singles + dashes, key=lambda s: s.start))


def _direction(text: str, pos: int, fallback: str, width: int = 1) -> str:
    prev = text[pos - 1] if pos > 0 else "\n"
    nxt = text[pos + width] if pos + width < len(text) else "\n"
    opens = prev.isspace() or prev in _OPEN_CONTEXT
    closes = nxt.isspace() or nxt in _CLOSE_CONTEXT
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return fallback


def _paragraph_starts(text: str) -> list[int]:
    """Starts of the non-blank lines: a blank line between paragraphs is not a paragraph."""
    return [m.start() for m in re.finditer(r"(?m)^[ \t]*\S", text)] or [0]


def _paragraph_of(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid
    return lo


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _trimmed(text: str, start: int, end: int, style: str, balanced: bool) -> QuotedSpan | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return None
    return QuotedSpan(start, end, style, balanced)


def _opens_paragraph(text: str, starts: list[int], pos: int) -> bool:
    line_start = starts[_paragraph_of(starts, pos)]
    return text[line_start:pos].strip() == ""


def _recovered_start(text: str, close_pos: int) -> int:
    """Where a quote whose opening mark was lost most likely began."""
    line_start = text.rfind("\n", 0, close_pos) + 1
    colon = text.rfind(":", line_start, close_pos)
    if colon >= 0:
        return colon + 1
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text, line_start, close_pos)]
    # The last sentence end is usually the quote's own final full stop.
    inner = [e for e in sentence_ends if text[e:close_pos].strip()]
    return inner[-1] if inner else line_start


def _double_spans(text: str) -> list[QuotedSpan]:
    starts = _paragraph_starts(text)
    spans: list[QuotedSpan] = []
    open_at: int | None = None

    def close_unbalanced(limit: int) -> None:
        assert open_at is not None
        end = min(_paragraph_end(text, open_at), limit)
        span = _trimmed(text, open_at + open_width, end, "double", False)
        if span:
            spans.append(span)

    open_width = 1
    for match in _DOUBLE_MARK.finditer(text):
        pos, ch, width = match.start(), match.group(), len(match.group())
        hint = "open" if ch in OPENING_GLYPHS or ch == "``" else "close" if ch in CLOSING_GLYPHS or ch == "''" else None
        # A curly mark whose glyph fits the state keeps its glyph's role, however it is spaced;
        # one that contradicts the state is read from its spacing alone.
        fits_state = (hint == "close") == (open_at is not None)
        # Spacing that cannot tell is settled by the state: an open quote closes; otherwise the glyph decides.
        fallback = "close" if open_at is not None else hint or "open"
        direction = hint if hint and fits_state else _direction(text, pos, fallback, width)
        if open_at is not None and text[open_at] in "«»" and ch not in "«»":
            continue  # nested inside guillemets
        if open_at is None:
            if direction == "close":
                span = _trimmed(text, _recovered_start(text, pos), pos, "double", False)
                if span and not (spans and span.start < spans[-1].end):
                    spans.append(span)
            else:
                open_at, open_width = pos, width
            continue
        paragraphs_crossed = _paragraph_of(starts, pos) - _paragraph_of(starts, open_at)
        if ch == '"' and not paragraphs_crossed:
            # straight marks do not nest: a second one in the paragraph closes, however it is
            # spaced ("...missed the call, "he said" in tokenised or machine-translated text)
            direction = "close"
        if direction == "open" and paragraphs_crossed and _opens_paragraph(text, starts, pos):
            continue  # the convention for a quote running on into a new paragraph
        runs_on = paragraphs_crossed <= 1 or (direction == "close" and paragraphs_crossed <= _MAX_LINES_CROSSED)
        if direction != "open" and runs_on:
            span = _trimmed(text, open_at + open_width, pos, "double", True)
            if span:
                spans.append(span)
            open_at = None
            continue
        close_unbalanced(pos)
        open_at, open_width = (None, 1) if direction == "close" else (pos, width)
    if open_at is not None:
        close_unbalanced(len(text))
    return spans


def _is_apostrophe(text: str, pos: int) -> bool:
    prev = text[pos - 1] if pos > 0 else " "
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    return prev.isalnum() and nxt.isalnum()


_SINGLE_MARK_OR_LINE_END = re.compile("[\n" + re.escape("'" + SINGLE_OPENING + SINGLE_CLOSING) + "]")  # the characters _single_spans reads


def _single_spans(text: str) -> list[QuotedSpan]:
    """Single-mark quotes: only clear open/close pairs within one paragraph."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for found in _SINGLE_MARK_OR_LINE_END.finditer(text):
        pos, ch = found.start(), found.group()
        if ch == "\n":
            open_at = None
            continue
        if _is_apostrophe(text, pos):
            continue
        hint = "open" if ch in SINGLE_OPENING else "close" if ch in SINGLE_CLOSING else "either"
        direction = _direction(text, pos, hint)
        if direction == "open" and ch in "'‘‚‹":
            open_at = pos
        elif direction == "close" and open_at is not None and ch in "'’›":
            span = _trimmed(text, open_at + 1, pos, "single", True)
            if span:
                spans.append(span)
            open_at = None
    return spans


def _dash_spans(text: str) -> list[QuotedSpan]:
    """Dialogue dashes: a paragraph opening with a dash is speech; ' — ' alternates speech and tag."""
    spans: list[QuotedSpan] = []
    for match in re.finditer(rf"(?m)^[ \t]*[{DASHES}][ \t]*(?=\S)(.*)$", text):
        line = match.group(1)
        if _POST_SIGNATURE.search(line):
            continue
        start = match.start(1)
        pieces = re.split(rf"(\s[{DASHES}]\s)", line)
        offset = start
        for index, piece in enumerate(pieces):
            if index % 4 == 0:
                span = _trimmed(text, offset, offset + len(piece), "dash", True)
                if span:
                    spans.append(span)
            offset += len(piece)
    return spans
