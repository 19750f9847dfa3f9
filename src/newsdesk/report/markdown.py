"""The dossier as Markdown, for reading in a terminal or a pull request.

Every string that comes from the articles (text, titles, outlets, names, paths) is escaped
before it is written, so that a Markdown renderer shows it as text: raw HTML (``<script>``),
links (``[x](javascript:...)``), autolinks and code spans in an article stay inert, as they do
in the HTML pages.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.report.claims import claims_markdown
from newsdesk.report.framing import framing_markdown
from newsdesk.report.speakers import quotes_by_speaker
from newsdesk.report.text import article_label, oneline


_MARKUP = re.compile(r"([\\`<>\[\]|])")


def escaped(value: Any) -> Any:
    """``value`` with every string in it escaped for Markdown (a backslash before ``\\ ` < > [ ] |``)."""
    if isinstance(value, str):
        return _MARKUP.sub(r"\\\1", value)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    return value


def dossier_markdown(document: dict[str, Any]) -> str:
    document = escaped(document)
    articles = {a["id"]: a for a in document["articles"]}
    out = ["# newsdesk dossier", "", f"{len(document['articles'])} articles, {len(document['events'])} events.", ""]
    for event in document["events"]:
        out += _event(event, articles)
    if document["removed"]:
        out += ["## Removed from the prose", ""]
        for r in document["removed"]:
            out.append(f"- {_label(articles, r['article_id'])} [{r['start']}:{r['end']}] *{r['reason']}*: {oneline(r['text'], 100)}")
        out.append("")
    if document["errors"]:
        out += ["## Inputs rejected", ""]
        out += [f"- `{e['input']}`: " + (f"stage {e['stage']} failed: " if e.get("stage") else "") + e["message"] for e in document["errors"]]
        out.append("")
    return "\n".join(out)


def _event(event: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    out = [f"## {event['title'] or 'Untitled event'}", "", f"Event `{event['id']}`", ""]
    date = event["date"] or "unknown"
    out.append(f"- **When:** {date}" + (f" ({event['date_source']})" if event.get("date_source") else ""))
    reported = event.get("reported") or {}
    if reported.get("first"):
        span = reported["first"] if reported["first"] == reported.get("last") else f"{reported['first']} to {reported['last']}"
        out.append(f"- **Reported:** {span}")
    if event["places"]:
        out.append("- **Where:** " + "; ".join(_place(p) for p in event["places"]))
    people = [e for e in event["entities"] if e["type"] in ("PERSON",)][:8]
    others = [e for e in event["entities"] if e["type"] not in ("PERSON",)][:8]
    if people:
        out.append("- **Who:** " + "; ".join(_entity(e) for e in people))
    if others:
        out.append("- **Also involved:** " + "; ".join(_entity(e) for e in others))
    if event.get("summary"):
        s = event["summary"]
        out.append(f"- **What:** {oneline(s['text'], 300)} ({_label(articles, s['article_id'])} [{s['start']}:{s['end']}])")
    out += ["", "### Sources", ""]
    for article_id in event["article_ids"]:
        a = articles[article_id]
        published = a["published"] or "undated"
        if a["published_inferred"]:
            published += " (inferred)"
        out.append(f"- `{article_id}` {a['title'] or a['path']} — {a['source'] or 'unknown source'}, {published}, language {a['language'] or '?'}")
    out.append("")
    if event["quotes"]:
        out += ["### Who said what", ""]
        for speaker, quotes in quotes_by_speaker(event):
            out.append(f"**{speaker}**")
            for q in quotes:
                written = f" ({q['speaker']})" if q["speaker"] and q["speaker"] != speaker else ""
                via = f" via {' → '.join(q['chain'][:-1])}" if len(q.get("chain") or []) > 1 else ""
                hedge = " (hedged)" if q.get("hedged") else ""
                out.append(f"- {q['kind']}{written}{via}{hedge}: “{oneline(q['text'], 240)}” ({_label(articles, q['article_id'])} [{q['start']}:{q['end']}])")
            out.append("")
    if event["posts"]:
        out += ["### Embedded posts", ""]
        for p in event["posts"]:
            who = f"{p['author'] or '?'}" + (f" (@{p['handle']})" if p["handle"] else "")
            out.append(f"- {who}, {p['date'] or 'undated'}: {oneline(p['text'], 200)}")
        out.append("")
    if event.get("comparisons"):
        out += ["### How the sources compare (1 very similar … 4 very dissimilar)", ""]
        dimensions = list(event["comparisons"][0]["scores"])
        out.append("| articles | " + " | ".join(dimensions) + " |")
        out.append("|---|" + "---|" * len(dimensions))
        for c in event["comparisons"]:
            pair = " / ".join(_label(articles, aid) for aid in c["article_ids"])
            out.append(f"| {pair} | " + " | ".join(f"{c['scores'][d]:.1f}" for d in dimensions) + " |")
        out.append("")
    out += framing_markdown(event, articles)
    out += claims_markdown(event, articles)
    return out


def _entity(entity: dict[str, Any]) -> str:
    variants = [v["text"] for v in entity["variants"] if v["text"] != entity["name"]]
    extra = f" (also: {', '.join(variants[:6])})" if variants else ""
    return f"{entity['name']}{extra}"


def _place(place: dict[str, Any]) -> str:
    where = place["name"] + (f", {place['country']}" if place.get("country") not in (None, place["name"]) else "")
    if place.get("latitude") is not None:
        where += f" ({place['latitude']:.2f}, {place['longitude']:.2f})"
    return where


def _label(articles: dict[str, Any], article_id: str) -> str:
    return article_label(articles.get(article_id, {"id": article_id}))
