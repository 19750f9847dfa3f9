"""Clean: lift embedded posts out of the prose and take out page furniture.

The prose keeps every offset of the original: removed spans are blanked with spaces
(newlines kept), so spans found in the prose index ``Article.text`` unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.clean.furniture import EDGE_FOOT_PARAGRAPHS, EDGE_TOP_PARAGRAPHS, furniture_reason, opinion_furniture
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
    own = [para for para in paras if not any(start <= para.start and para.end <= end for start, end in inside_post)]
    for number, para in enumerate(own):
        reason = furniture_reason(para)
        if reason:
            removed.append(Removal(article.id, para.start, para.end, para.text, reason))
            continue
        edge = number < EDGE_TOP_PARAGRAPHS or number >= len(own) - EDGE_FOOT_PARAGRAPHS
        # the writer's name in a byline does not make the writer a source of the story
        elsewhere = " ".join(p.text for p in own if p is not para and not p.text.lower().startswith("by ")) if edge else ""
        for start, end, why in opinion_furniture(para, edge, elsewhere):
            removed.append(Removal(article.id, start, end, text[start:end], why))
    removed.sort(key=lambda r: r.start)
    return Cleaned(prose=blank_out(text, [(r.start, r.end) for r in removed]), posts=posts, removed=removed)


def blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
