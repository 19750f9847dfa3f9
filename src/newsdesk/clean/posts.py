"""Embedded social-media posts flattened into article text.

Pasting a page that embeds a tweet leaves its words, its links (pic.twitter.com/...,
https://t.co/...) and a signature line ``- Name (@handle) Month D, YYYY``, or the same signature
at the end of the post's paragraph, as crawlers such as news-please flatten it. Instagram
leaves ``A post shared by Name (@handle) on Nov 7, 2021``; Facebook ``Posted by Name on
Sunday, November 7, 2021``. The signature anchors the post; its body is found by walking
back over the paragraphs that look like the post (links, hashtags, symbols, short lines)
and stopping at the first that reads as the article's own prose.
"""

from __future__ import annotations

import re
from datetime import datetime

from newsdesk.clean.paragraphs import Paragraph
from newsdesk.model import Post

_MONTH_DATE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}"

TWEET_SIGNATURE = re.compile(
    r"^[-—–]\s*(?P<author>[^\n]*?(?:\n\s*\n?\s*)?)\s*\(@\s?(?P<handle>[A-Za-z0-9_]{1,30})\)\s*(?P<date>" + _MONTH_DATE + r")",
    re.MULTILINE,
)
INSTAGRAM_SIGNATURE = re.compile(
    r"^A post shared by (?P<author>[^\n(]*?)\s*\(@\s?(?P<handle>[A-Za-z0-9_.]{1,30})\)(?: on (?P<date>" + _MONTH_DATE + r")[^\n]*)?",
    re.MULTILINE,
)
FACEBOOK_SIGNATURE = re.compile(
    r"^Posted by (?P<author>[^\n]+?) on (?:[A-Z][a-z]+day, )?(?P<date>" + _MONTH_DATE + r")[^\n]*$",
    re.MULTILINE,
)
# the same signature at the end of the post's own paragraph, as a crawler flattens the embed:
# "Details on sad incident today: https://t.co/... — Cincinnati Zoo (@CincinnatiZoo) May 28, 2016"
INLINE_TWEET_SIGNATURE = re.compile(
    r"(?<=\S)[ \t]+[—–]\s*(?P<author>[^\n—–()]{1,60}?)\s*\(@\s?(?P<handle>[A-Za-z0-9_]{1,30})\)\s*(?P<date>" + _MONTH_DATE + r")"
)
SIGNATURES = (("twitter", TWEET_SIGNATURE), ("twitter", INLINE_TWEET_SIGNATURE), ("instagram", INSTAGRAM_SIGNATURE), ("facebook", FACEBOOK_SIGNATURE))

LINK = re.compile(
    r"(?:https?://)?(?:pic\.twitter\.com|t\.co|twitter\.com|x\.com|instagram\.com|t\.me|fb\.watch|facebook\.com|youtu\.be|youtube\.com)/[^\s\"”]*?(?=pic\.twitter\.com|https?://|[\s\"”]|$)"
    r"|https?://[^\s\"”]+"
)
EMBED_HEADER = re.compile(r"^(?:view this post on instagram|view on (?:twitter|x|instagram|facebook)|watch on youtube)\.?$", re.I)
_MARKER_START = re.compile(r"^[^\w\s\"“'«(]|^[#@*•]")
_CONTINUATION_START = re.compile(r"^[*•\-–]|^[a-z]")
_CLOSES_OPEN_QUOTE = re.compile(r"[\"”»]\s*$")
_SHORT_LINE = 80
_POST_MAX_CHARS = 600


def find_posts(article_id: str, text: str, paras: list[Paragraph]) -> list[Post]:
    signatures = sorted(
        ((match, platform) for platform, pattern in SIGNATURES for match in pattern.finditer(text)),
        key=lambda found: found[0].start(),
    )
    posts: list[Post] = []
    floor = 0
    for match, platform in signatures:
        if match.start() < floor:
            continue
        # an inline signature ends its post's paragraph: the words before it are the post's
        own = next((p for p in paras if p.start <= match.start() < p.end and p.start < match.start()), None) if match.re is INLINE_TWEET_SIGNATURE else None
        own_words = [Paragraph(own.start, match.start(), text[own.start : match.start()].rstrip())] if own else []
        # the post's paragraph is all of it, unless it reads as the rest of one begun above ("- like that ...")
        continued = bool(own_words) and bool(_CONTINUATION_START.match(own_words[0].text) or _has_unopened_quote(own_words[0].text))
        body = _body_before(own.start if own else match.start(), paras, floor if continued or not own else own.start, own_words)
        start = body[0].start if body else match.start()
        body_text = text[start : body[-1].end] if body else ""
        posts.append(
            Post(
                article_id=article_id,
                start=start,
                end=match.end(),
                text=text[start : match.end()],
                author=_clean_author(match.group("author")),
                handle=match.groupdict().get("handle"),
                date=_iso(match.group("date")),
                links=tuple(LINK.findall(body_text)),
                platform=platform,
                body_start=start if body else None,
                body_end=body[-1].end if body else None,
            )
        )
        floor = match.end()
    return posts


def _body_before(signature_start: int, paras: list[Paragraph], floor: int, body: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs before the signature that belong to the post, after ``body`` (the words
    before an inline signature in its own paragraph)."""
    before = [p for p in paras if floor <= p.start and p.end <= signature_start]
    body = list(body)
    chars = sum(len(LINK.sub("", p.text).strip()) for p in body)
    for para in reversed(before):
        if EMBED_HEADER.match(para.text):
            break
        words = LINK.sub("", para.text).strip()
        if all(not LINK.sub("", p.text).strip() for p in body):
            accept = True
        elif _CLOSES_OPEN_QUOTE.search(para.text) and not _opens_quote(para.text):
            accept = False
        else:
            follows = body[0].text
            accept = bool(
                _has_unopened_quote(" ".join(p.text for p in body))
                or _MARKER_START.match(para.text)
                or _CONTINUATION_START.match(follows)
                or re.search(r"[@#]\w", para.text)
                or len(para.text) <= _SHORT_LINE
            )
        if not accept or chars + len(words) > _POST_MAX_CHARS:
            break
        body.insert(0, para)
        chars += len(words)
    return body


def _has_unopened_quote(text: str) -> bool:
    """A closing quote mark with no opener: the post's words began in an earlier paragraph."""
    return text.count("”") > text.count("“") or text.count("»") > text.count("«")


def _opens_quote(text: str) -> bool:
    return any(mark in text for mark in "“«") or text.count('"') >= 2


def _clean_author(author: str | None) -> str | None:
    if not author:
        return None
    return re.sub(r"\s+", " ", author).strip(" -—–,") or None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = value.replace("Sept", "Sep").replace(".", "")
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None
