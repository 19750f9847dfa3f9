"""Clean: lift embedded posts out of the prose and take out page furniture.

The prose keeps every offset of the original: removed spans are blanked with spaces
(newlines kept), so spans found in the prose index ``Article.text`` unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.clean.furniture import furniture_reason
from newsdesk.clean.paragraphs import paragraphs
from newsdesk.clean.posts import find_posts
from newsdesk.model import Article, Post, Removal


@dataclass(frozen=True)
class Cleaned:
    prose: str
    posts: list[Post]
    removed: list[Removal]


def clean(article: Article) -> Cleaned:
    text = article.text
    paras = paragraphs(text)
    posts = find_posts(article.id, text, paras)
    removed = [
        Removal(article.id, post.start, post.end, post.text, f"embedded {post.platform} post" + (f" by @{post.handle}" if post.handle else ""))
        for post in posts
    ]
    inside_post = [(post.start, post.end) for post in posts]
    for para in paras:
        if any(start <= para.start and para.end <= end for start, end in inside_post):
            continue
        reason = furniture_reason(para)
        if reason:
            removed.append(Removal(article.id, para.start, para.end, para.text, reason))
    removed.sort(key=lambda r: r.start)
    return Cleaned(prose=blank_out(text, [(r.start, r.end) for r in removed]), posts=posts, removed=removed)


def blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
