"""The dossier as one self-contained HTML page: events first, then each article's text
with an anchor at every cited span, so each fact links to the sentence it came from."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def dossier_html(document: dict[str, Any]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("newsdesk.report", "templates"), autoescape=select_autoescape(["html"]))
    env.globals["anchor"] = span_anchor
    articles = {a["id"]: a for a in document["articles"]}
    rendered = {a["id"]: _article_markup(a, document) for a in document["articles"]}
    return env.get_template("dossier.html").render(doc=document, articles=articles, rendered=rendered)


def span_anchor(entry: dict[str, Any]) -> str:
    return f"a-{entry['article_id']}-{entry['start']}"


def _article_markup(article: dict[str, Any], document: dict[str, Any]) -> Markup:
    text = article["text"]
    cited = {r["start"] for r in _cited(document) if r["article_id"] == article["id"]}
    removed = sorted((r["start"], r["end"], r["reason"]) for r in document["removed"] if r["article_id"] == article["id"])
    marks: list[tuple[int, int, str]] = [(pos, 1, Markup(f'<a id="a-{article["id"]}-{pos}"></a>')) for pos in cited]
    for start, end, reason in removed:
        marks.append((start, 0, Markup(f'<span class="removed" title="removed: {escape(reason)}">')))
        marks.append((end, -1, Markup("</span>")))
    marks.sort(key=lambda m: (m[0], m[1]))
    pieces: list[str] = []
    cursor = 0
    for pos, _, tag in marks:
        pieces.append(escape(text[cursor:pos]))
        pieces.append(tag)
        cursor = pos
    pieces.append(escape(text[cursor:]))
    return Markup("".join(pieces))


def _cited(document: dict[str, Any]):
    for event in document["events"]:
        yield from event["quotes"]
        yield from event["posts"]
        for entity in event["entities"]:
            yield from entity["mentions"]
        for finding in event["agreements"] + event["conflicts"]:
            yield from finding["support"]
        if event["summary"]:
            yield event["summary"]
