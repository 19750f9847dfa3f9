"""The framing section of the Markdown dossier: each source's genre with its evidence and
sentence modes, then the words the sources choose for the same things, side by side
(scare-quoted words are shown in their quote marks)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsdesk.report.text import article_label, oneline

MODES = ("reported_fact", "attributed", "opinion", "speculation")
EVIDENCE_SHOWN = 6


def framing_markdown(event: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    framed = [articles[aid] for aid in event["article_ids"] if articles[aid].get("genre")]
    if not framed:
        return []
    out = ["### How each source frames it", ""]
    for a in framed:
        modes = Counter(m["mode"] for m in a.get("sentence_modes", []))
        counts = ", ".join(f"{modes[m]} {m.replace('_', ' ')}" for m in MODES if modes[m])
        out.append(f"- **{article_label(a)}**: {a['genre'].replace('_', ' ')}" + (f" (sentences: {counts})" if counts else ""))
        for c in a.get("genre_evidence", [])[:EVIDENCE_SHOWN]:
            out.append(f"  - {c['kind'].replace('_', ' ')}: “{oneline(c['text'], 80)}” [{c['start']}:{c['end']}]")
    out.append("")
    if event.get("wording"):
        columns = [aid for aid in event["article_ids"] if any(c["article_id"] == aid for w in event["wording"] for c in w["choices"])]
        out += ["#### Wording side by side", ""]
        out.append("| thing | " + " | ".join(article_label(articles[aid]) for aid in columns) + " |")
        out.append("|---|" + "---|" * len(columns))
        for w in event["wording"]:
            cells = [", ".join(_choice(c) for c in w["choices"] if c["article_id"] == aid) or "—" for aid in columns]
            out.append(f"| {w['concept']}" + (f" ({w['category']})" if w.get("category") else "") + " | " + " | ".join(cells) + " |")
        out.append("")
    return out


def _choice(choice: dict[str, Any]) -> str:
    words = f"“{choice['text']}” (scare quotes)" if choice["scare_quoted"] else choice["text"]
    return f"{words} ×{choice['count']}"
