"""Quotes grouped by who said them, for every view of the dossier (Markdown, HTML, web UI).

A speaker is the linked entity when there is one, so "Kazimi", "Mustafa al Kazemi" and
"the prime minister" form one group under the entity's canonical name; unlinked speakers
group by their written form, with what kind of source they are when they name no one
("They (unnamed source)"). Groups keep the order in which each speaker is first quoted.
"""

from __future__ import annotations

from typing import Any

# an unlinked speaker that is no one by name says so, so that "They" or "the latest
# information" is not read as a source's name
UNNAMED_KINDS = {"anonymous": "unnamed source", "document": "document", "unknown": "source not identified"}


def quotes_by_speaker(event: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    names = {e["id"]: e["name"] for e in event.get("entities", [])}
    groups: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for quote in event.get("quotes", []):
        entity_id = quote.get("speaker_entity_id")
        if entity_id in names:
            key, label = entity_id, names[entity_id]
        else:
            label = quote.get("speaker") or "unattributed"
            kind = quote.get("source_kind")
            if quote.get("speaker") and kind in UNNAMED_KINDS:
                label += f" ({UNNAMED_KINDS[kind]})"
            key = "speaker:" + label.casefold()
        groups.setdefault(key, (label, []))[1].append(quote)
    return list(groups.values())
