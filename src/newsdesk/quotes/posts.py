"""Embedded social-media posts as quotes by their authors."""

from __future__ import annotations

from newsdesk.model import Attribution, Post, Quote


def quotes_from_posts(posts: list[Post]) -> list[Quote]:
    quotes = []
    for post in posts:
        start = post.body_start if post.body_start is not None else post.start
        end = post.body_end if post.body_end is not None else post.end
        # Post.text holds the span [post.start, post.end) of the article text.
        body = post.text[start - post.start : end - post.start]
        speaker = post.author or post.handle
        quotes.append(
            Quote(
                article_id=post.article_id,
                start=start,
                end=end,
                text=body,
                speaker=speaker,
                kind="post",
                attribution=Attribution(
                    cue=post.platform or "post",
                    source_kind="social_media",
                    chain=(speaker,) if speaker else (),
                ),
                date=post.date,
            )
        )
    return quotes
