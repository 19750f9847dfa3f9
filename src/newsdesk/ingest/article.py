"""Build an :class:`Article` from text and metadata; the id is a hash of the normalised text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from newsdesk import errors
from newsdesk.model import Article

_SPACE = re.compile(r"\s+")
_BARE_URL = re.compile(r"https?://([^/\s:]+)\S*")
_HEADLINE_MAX_CHARS = 160
_LETTERS = re.compile(r"[^\W\d_]+")
_DATELINE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "am pm a m p gmt utc est edt et cst cdt pst pdt cet cest bst ist "
    "posted updated published last modified at on of the th st nd rd".split()
)


def article_id(text: str) -> str:
    """Same words, same id: whitespace, case and Unicode form do not change it."""
    normalised = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def headline_of(text: str) -> str | None:
    """The first line when it reads as a headline: short, followed by more text, no sentence end."""
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > _HEADLINE_MAX_CHARS:
        return None
    if first[-1] in ".,;" or len(first.split()) < 3 or is_dateline(first):
        return None
    return first


def is_dateline(line: str) -> bool:
    """A line that only gives a date or time ("Posted: Nov 27, 2005 8:20 AM ET"), not a headline."""
    return any(ch.isdigit() for ch in line) and all(word in _DATELINE_WORDS for word in _LETTERS.findall(line.lower()))


def article_from_text(
    text: str,
    path: str = "<text>",
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Article:
    if not text or not text.strip():
        raise errors.InputRejected(path, errors.EMPTY)
    # a saved page often starts with its address: that is the url and the outlet, and the
    # headline is on the next line
    first, _, rest = text.lstrip().partition("\n")
    address = _BARE_URL.fullmatch(first.strip())
    if address:
        url = url or address.group(0)
        source = source or address.group(1).removeprefix("www.")
    return Article(
        id=article_id(text),
        text=text,
        path=path,
        title=title if title is not None else headline_of(rest if address else text),
        source=source,
        url=url,
        author=author,
        published=_iso_date(published),
        language=language,
        metadata=metadata or {},
    )


def _iso_date(value: str | None) -> str | None:
    """Keep the calendar date of a timestamp in any common format; None when unreadable."""
    if not value:
        return None
    value = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return value[:10]
    import dateparser

    parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if parsed else None
