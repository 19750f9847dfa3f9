"""The one catalogue of input errors: each names the input and says what is wrong."""

from __future__ import annotations

from collections.abc import Iterable


class InputRejected(Exception):
    """An input that cannot become an article. Recorded, reported, and the batch goes on."""

    def __init__(self, input_name: str, reason: str):
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason


EMPTY = "empty: no text to analyse"
BINARY = "binary file, not text (NUL bytes or no text encoding fits)"
UNDECODABLE = "undecodable bytes: no text encoding fits this file"
NO_HTML_TEXT = "HTML page with no extractable article text"
MISSING = "no such file or directory"
NOTHING_READABLE = "directory holds no readable article file"
NO_MATCH = "glob matches no file"
UNSUPPORTED = "unsupported file type"


def too_large(size: int, limit: int) -> str:
    return f"too large for one article ({size / 1e6:.1f} MB > {limit / 1e6:.0f} MB limit); split it into articles"


def bad_json(problem: str) -> str:
    return f"malformed JSON ({problem})"


def unsupported(suffix: str, supported: Iterable[str]) -> str:
    return f"{UNSUPPORTED} ({suffix or 'no suffix'}); newsdesk reads {' '.join(sorted(supported))}"


def symlink_loop(target: str) -> str:
    return f"symbolic link loop (points to {target}, which leads back to itself); not followed"
