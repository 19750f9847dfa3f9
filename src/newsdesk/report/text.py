"""Text shared by the Markdown renderings of the dossier (the dossier, its claims and framing sections)."""

from __future__ import annotations

from typing import Any


def article_label(article: dict[str, Any]) -> str:
    """The outlet, else the file name the article was read from, else its id."""
    return article.get("source") or (article.get("path") or article["id"]).rsplit("/", 1)[-1]


def oneline(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
