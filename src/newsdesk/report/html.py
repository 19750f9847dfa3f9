"""The dossier as one self-contained HTML page: events first, then each article's text
with an anchor at every cited span, so each fact links to the sentence it came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from newsdesk.report.claims import aligned_note, voice_label
from newsdesk.report.speakers import quotes_by_speaker


def dossier_html(document: dict[str, Any]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("newsdesk.report", "templates"), autoescape=select_autoescape(["html"]))
    env.globals["anchor"] = span_anchor
    env.globals["quotes_by_speaker"] = quotes_by_speaker
    env.globals["voice_label"] = voice_label
    env.globals["aligned_note"] = aligned_note
    articles = {a["id"]: a for a in document["articles"]}
    rendered = {a["id"]: _article_markup(a, document) for a in document["articles"]}
    return env.get_template("dossier.html").render(doc=document, articles=articles, rendered=rendered)


def span_anchor(entry: dict[str, Any]) -> str:
    return f"a-{entry['article_id']}-{entry['start']}"


def _article_markup(article: dict[str, Any], document: dict[str, Any]) -> Markup:
    cited = {r["start"] for r in _cited(document) if r["article_id"] == article["id"]}
    removed = [
        Highlight(r["start"], r["end"], Markup('<span class="removed" title="removed: {}">').format(r["reason"]), Markup("</span>"))
        for r in document["removed"]
        if r["article_id"] == article["id"]
    ]
    anchors = {pos: Markup('<a id="a-{}-{}"></a>').format(article["id"], pos) for pos in cited}
    return highlighted(article["text"], removed, anchors)


@dataclass(frozen=True)
class Highlight:
    """A span of text wrapped in ``opening`` ... ``closing`` markup."""

    start: int
    end: int
    opening: Markup
    closing: Markup


def highlighted(text: str, highlights: Iterable[Highlight], anchors: dict[int, Markup] | None = None) -> Markup:
    """``text`` escaped, with every highlight wrapped in its tags and each anchor inserted at its offset.

    Highlights may nest or cross (a quote inside an embedded post, a mention across a removed
    line). Longer spans open first; when a span ends inside a later one, the later one is closed
    and reopened around that point, so the markup always nests and no text is lost or repeated.
    """
    spans = sorted((h for h in highlights if h.end > h.start), key=lambda h: (h.start, -h.end))
    anchors = anchors or {}
    stops = sorted({0, len(text), *anchors, *(h.start for h in spans), *(h.end for h in spans)})
    pieces: list[str] = []
    open_spans: list[Highlight] = []
    waiting = 0
    for position, following in zip(stops, stops[1:] + [None]):
        if any(h.end <= position for h in open_spans):
            reopen = []
            while any(h.end <= position for h in open_spans):
                top = open_spans.pop()
                pieces.append(top.closing)
                if top.end > position:
                    reopen.append(top)
            for span in reversed(reopen):
                pieces.append(span.opening)
                open_spans.append(span)
        if position in anchors:
            pieces.append(anchors[position])
        while waiting < len(spans) and spans[waiting].start <= position:
            span = spans[waiting]
            waiting += 1
            if span.end > position:
                pieces.append(span.opening)
                open_spans.append(span)
        if following is not None:
            pieces.append(escape(text[position:following]))
    pieces.extend(span.closing for span in reversed(open_spans))
    return Markup("".join(pieces))


def _cited(document: dict[str, Any]):
    for event in document["events"]:
        yield from event["quotes"]
        yield from event["posts"]
        for entity in event["entities"]:
            yield from entity["mentions"]
        for finding in event["agreements"] + event["conflicts"] + event.get("single_source", []):
            yield from finding["support"]
        if event["summary"]:
            yield event["summary"]
        for wording in event.get("wording", []):
            yield from wording["choices"]
    for article in document["articles"]:
        yield from article.get("genre_evidence", [])
