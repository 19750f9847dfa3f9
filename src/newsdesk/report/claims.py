"""The agreements-and-conflicts section of the Markdown dossier: one row per finding, one
column per source, each cell the source's own words with whose voice they are in; then the
claims reported by one source only, grouped by source."""

from __future__ import annotations

from typing import Any

KIND_ORDER = ("contradiction", "update", "precision", "agreement")
KIND_LABELS = {"contradiction": "contradiction", "update": "updated over time", "precision": "differ in precision", "agreement": "agree"}


def claims_markdown(event: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    note = aligned_note(event)
    return ([f"*{note}*", ""] if note else []) + _compared(event, articles) + _single_source(event, articles)


def aligned_note(event: dict[str, Any]) -> str | None:
    """What a reader of a very large event must know of its findings: which articles' claims were
    lined up (``claims_aligned``); None when every article's were."""
    aligned = event.get("claims_aligned")
    if aligned is None:
        return None
    return (
        f"Claims lined up across {len(aligned)} of the {len(event['article_ids'])} articles: every independent account "
        "(copies of one story count once) before any copy, spread from the first report to the last. "
        "What only the others say is in no finding, and single-source means single among these."
    )


def _sources(finding: dict[str, Any], articles: dict[str, Any]) -> str:
    """"(3 sources, 2 independent; first: Reuters)" for an agreement, and for an aligned
    statement why it was aligned ("similarity 0.83; shared: German, consulate")."""
    sources, independent = finding.get("sources"), finding.get("independent_sources")
    notes = []
    if sources and independent is not None and (independent < sources or finding["kind"] == "agreement"):
        notes.append(f"{sources} sources, {independent} independent")
    first = finding.get("first_source")
    if finding["kind"] == "agreement" and first in articles:
        notes.append(f"first: {_name(articles[first])}")
    if finding.get("similarity") is not None:
        shared = ", ".join(finding.get("shared") or [])
        notes.append(f"similarity {finding['similarity']:.2f}" + (f"; shared: {shared}" if shared else ""))
    return f"({'; '.join(notes)})" if notes else ""


def _single_source(event: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    findings = event.get("single_source", [])
    if not findings:
        return []
    out = ["### Reported by one source only", ""]
    for aid in event["article_ids"]:
        own = [f for f in findings if f["support"][0]["article_id"] == aid]
        if own:
            out.append(f"- **{_name(articles[aid])}**")
            out += [f"  - {_cell(f['summary'])}: {support_label(f['support'][0])}" for f in own]
    out.append("")
    return out


def _compared(event: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    findings = sorted(event["conflicts"] + event["agreements"], key=lambda f: KIND_ORDER.index(f["kind"]) if f["kind"] in KIND_ORDER else len(KIND_ORDER))
    if not findings:
        return []
    columns = [aid for aid in event["article_ids"] if any(s["article_id"] == aid for f in findings for s in f["support"])]
    out = ["### What the sources agree on, where they conflict", ""]
    out.append("| finding | " + " | ".join(_name(articles[aid]) for aid in columns) + " |")
    out.append("|---|" + "---|" * len(columns))
    for finding in findings:
        cells = ["<br>".join(support_label(s) for s in finding["support"] if s["article_id"] == aid) or "—" for aid in columns]
        notes = _sources(finding, articles)
        title = f"**{KIND_LABELS.get(finding['kind'], finding['kind'])}**: {_cell(finding['summary'])}" + (f" {_cell(notes)}" if notes else "")
        out.append(f"| {title} | " + " | ".join(cells) + " |")
    out.append("")
    return out


def support_label(support: dict[str, Any]) -> str:
    """“the words” — who says so (voice, hedged), for one finding support."""
    words = f"“{_cell(' '.join(support['text'].split()), 160)}”"
    return f"{words} — {voice_label(support)}"


def voice_label(support: dict[str, Any]) -> str:
    if support.get("voice") == "attributed":
        chain = support.get("chain") or []
        who = " → ".join(chain) if len(chain) > 1 else support.get("speaker") or "a source"
        label = f"per {who}"
    else:
        label = "the author"
    return label + (", hedged" if support.get("hedged") else "")


def _name(article: dict[str, Any]) -> str:
    return _cell(article.get("source") or article.get("title") or article["path"].rsplit("/", 1)[-1], 60)


def _cell(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split()).replace("|", "\\|")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
