"""The dossier contract ``newsdesk.dossier/1`` (see docs/dossier.md and dossier.schema.json).

Every span (mention, quote, post, support, removed) indexes ``articles[].text``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources as package_files
from typing import Any

from newsdesk.model import Analysis, Article, Cue, Dossier, Entity, Event, Finding, Post, Quote, Support, Wording

SCHEMA_ID = "newsdesk.dossier/1"


def dossier_to_json(dossier: Dossier) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "author": a.author,
                "published": a.published,
                "published_inferred": a.published_inferred,
                "published_after": a.published_after,
                "language": a.language,
                "genre": a.genre,
                "text": a.text,
                "stage_versions": dossier.analyses[a.id].stage_versions if a.id in dossier.analyses else {},
                **_as_given(a),
                **_framing(dossier.analyses.get(a.id)),
            }
            for a in dossier.articles
        ],
        "events": [_event(e) for e in dossier.events],
        "removed": [
            {"article_id": r.article_id, "start": r.start, "end": r.end, "text": r.text, "reason": r.reason} for r in dossier.removed
        ],
        "errors": [{"input": e.input, "message": e.message, "stage": e.stage} for e in dossier.errors],
    }


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "date": event.date,
        "date_source": event.date_source,
        "date_support": _support(event.date_support) if event.date_support else None,
        "reported": {"first": event.reported_first, "last": event.reported_last},
        "places": [
            {"name": p.name, "country": p.country, "latitude": p.latitude, "longitude": p.longitude, "geonameid": p.geonameid}
            for p in event.places
        ],
        "article_ids": list(event.article_ids),
        "summary": _support(event.summary_sentence) if event.summary_sentence else None,
        "entities": [_entity(e) for e in event.entities],
        "quotes": [_quote(q) for q in event.quotes],
        "posts": [_post(p) for p in event.posts],
        "agreements": [_finding(f) for f in event.agreements],
        "conflicts": [_finding(f) for f in event.conflicts],
        "single_source": [_finding(f) for f in event.single_source],
        "comparisons": [{"article_ids": [c.left, c.right], "scores": c.scores} for c in event.comparisons],
        "evidence": event.evidence,
        "wording": [_wording(w) for w in event.wording],
        "claims_aligned": list(event.claims_aligned) if event.claims_aligned is not None else None,
    }


def _as_given(article: Article) -> dict[str, Any]:
    """The text as given and the map to it, only for an article whose decoding repaired something."""
    if article.text_as_given is None:
        return {}
    return {
        "text_as_given": article.text_as_given,
        "repairs": [{"start": r.start, "end": r.end, "given_start": r.given_start, "given_end": r.given_end} for r in article.repairs],
    }


def _framing(analysis: Analysis | None) -> dict[str, Any]:
    """The optional framing fields of an article: genre evidence, measures and sentence modes."""
    framing = analysis.framing if analysis else None
    if framing is None:
        return {}
    return {
        "genre_evidence": [_cue(c) for c in framing.evidence],
        "genre_measures": framing.measures,
        "sentence_modes": [{"start": m.start, "end": m.end, "mode": m.mode, "cues": [_cue(c) for c in m.cues]} for m in framing.modes],
    }


def _cue(cue: Cue) -> dict[str, Any]:
    return {"article_id": cue.article_id, "start": cue.start, "end": cue.end, "text": cue.text, "kind": cue.kind}


def _wording(wording: Wording) -> dict[str, Any]:
    return {
        "concept": wording.concept,
        "category": wording.category,
        "choices": [
            {"article_id": c.article_id, "start": c.start, "end": c.end, "text": c.text, "count": c.count, "scare_quoted": c.scare_quoted}
            for c in wording.choices
        ],
    }


def _entity(entity: Entity) -> dict[str, Any]:
    place = entity.place
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "variants": [{"text": text, "count": count} for text, count in sorted(entity.variants.items(), key=lambda kv: (-kv[1], kv[0]))],
        "roles": list(entity.roles),
        "handles": list(entity.handles),
        "place": (
            {"name": place.name, "country": place.country, "latitude": place.latitude, "longitude": place.longitude, "geonameid": place.geonameid}
            if place
            else None
        ),
        "mentions": [{"article_id": m.article_id, "start": m.start, "end": m.end, "text": m.text, "label": m.label} for m in entity.mentions],
        "merges": [{"left": m.left, "right": m.right, "rule": m.rule, "score": m.score, "evidence": m.evidence} for m in entity.merges],
    }


def _quote(quote: Quote) -> dict[str, Any]:
    a = quote.attribution
    return {
        "article_id": quote.article_id,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_entity_id": quote.speaker_entity_id,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "kind": quote.kind,
        "date": quote.date,
        "cue": a.cue,
        "source_kind": a.source_kind,
        "chain": list(a.chain),
        "hedged": a.hedged,
        "close_to": a.close_to,
    }


def _post(post: Post) -> dict[str, Any]:
    return {
        "article_id": post.article_id,
        "start": post.start,
        "end": post.end,
        "text": post.text,
        "platform": post.platform,
        "author": post.author,
        "handle": post.handle,
        "date": post.date,
        "links": list(post.links),
    }


def _support(support: Support) -> dict[str, Any]:
    return {"article_id": support.article_id, "start": support.start, "end": support.end, "text": support.text}


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "summary": finding.summary,
        "kind": finding.kind,
        "claim_kind": finding.claim_kind,
        "support": [
            {
                **_support(s),
                "value": s.value,
                "voice": s.voice,
                "speaker": s.speaker,
                "chain": list(s.chain),
                "hedged": s.hedged,
                "negated": s.negated,
                "copy_of": s.copy_of,
                "published": s.published,
            }
            for s in finding.support
        ],
        "sources": finding.sources,
        "independent_sources": finding.independent_sources,
        "first_source": finding.first_source,
        "similarity": finding.similarity,
        "shared": list(finding.shared),
    }


@lru_cache(maxsize=1)
def dossier_schema() -> dict[str, Any]:
    return json.loads((package_files.files("newsdesk.report") / "dossier.schema.json").read_text(encoding="utf-8"))


def span_violations(document: dict[str, Any]) -> list[str]:
    """Every span entry whose text is not ``articles[id].text[start:end]``; empty when all hold."""
    texts = {a["id"]: a["text"] for a in document["articles"]}
    entries: list[tuple[str, dict]] = [("removed", r) for r in document["removed"]]
    for article in document["articles"]:
        entries += [("genre evidence", c) for c in article.get("genre_evidence", [])]
        entries += [("sentence cue", c) for m in article.get("sentence_modes", []) for c in m["cues"]]
    for event in document["events"]:
        entries += [("quote", q) for q in event["quotes"]]
        entries += [("post", p) for p in event["posts"]]
        entries += [("wording", c) for w in event.get("wording", []) for c in w["choices"]]
        entries += [("mention", m) for e in event["entities"] for m in e["mentions"]]
        entries += [("support", s) for f in event["agreements"] + event["conflicts"] + event.get("single_source", []) for s in f["support"]]
        if event["summary"]:
            entries.append(("summary", event["summary"]))
    bad = []
    for kind, entry in entries:
        text = texts.get(entry["article_id"])
        if text is None or text[entry["start"] : entry["end"]] != entry["text"]:
            bad.append(f"{kind} in {entry['article_id']} [{entry['start']}:{entry['end']}] {entry['text'][:40]!r}")
    return bad
