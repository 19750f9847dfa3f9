"""An event's dossier to take away: the JSON contract, the findings as CSV, the Markdown report.

The CSV has one row per supporting span, so a spreadsheet can filter by claim, source or voice;
every row carries the span's article, offsets and text, as everything else newsdesk shows.
A cell that a spreadsheet would read as a formula (starting ``=``, ``+``, ``-``, ``@``) is
prefixed with an apostrophe: article text is untrusted.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from newsdesk.report import dossier_markdown

FINDING_COLUMNS = (
    "group", "kind", "claim_kind", "summary", "article_id", "outlet", "published", "language",
    "start", "end", "text", "value", "voice", "speaker", "hedged", "negated",
)  # fmt: skip
FINDING_GROUPS = ("conflicts", "agreements", "single_source")


def event_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def event_markdown(document: dict[str, Any]) -> bytes:
    return dossier_markdown(document).encode("utf-8")


def findings_csv(document: dict[str, Any], outlet_of) -> bytes:
    (event,) = document["events"]
    articles = {a["id"]: a for a in document["articles"]}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FINDING_COLUMNS)
    for group in FINDING_GROUPS:
        for finding in event.get(group, []):
            for span in finding["support"]:
                article = articles.get(span["article_id"], {})
                row = {
                    "group": group,
                    "kind": finding["kind"],
                    "claim_kind": finding.get("claim_kind"),
                    "summary": finding["summary"],
                    "outlet": outlet_of(article) if article else None,
                    "published": article.get("published"),
                    "language": article.get("language"),
                    **span,
                }
                writer.writerow([_cell(row.get(column)) for column in FINDING_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM tells spreadsheets it is UTF-8


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
