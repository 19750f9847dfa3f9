"""Social-media handles linked to entities, only on evidence.

Two kinds of evidence count: the post names its author next to the handle
("Mustafa Salim (@Mustafa_salimb)"), or the handle spells one person's family
name after their initials or given name ("@MAKadhimi" for Mustafa al-Kadhimi)
and no other person in the set fits it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

from newsdesk.link.namekey import name_key, name_tokens, token_key
from newsdesk.model import Analysis, Entity, MergeReason, Mention

_HANDLE_RE = re.compile(r"@\s?([A-Za-z0-9_]{2,30})")


@dataclass(frozen=True)
class HandleSighting:
    handle: str  # "@name", spaces removed
    author: str | None
    mention: Mention | None


def normalise_handle(text: str) -> str:
    return "@" + text.lstrip("@").replace(" ", "")


def sightings(analysis: Analysis, handle_mentions: list[Mention]) -> list[HandleSighting]:
    """Every handle the article shows: post authors, handles inside posts, and handle mentions."""
    found = [HandleSighting(normalise_handle(p.handle), p.author, None) for p in analysis.posts if p.handle]
    for post in analysis.posts:
        found += [HandleSighting("@" + h, None, None) for h in _HANDLE_RE.findall(post.text)]
    found += [HandleSighting(normalise_handle(m.text), None, m) for m in handle_mentions]
    return found


def _spells_person(handle: str, entity: Entity) -> bool:
    """True when the handle is the family name after initials or the given name ("MAKadhimi")."""
    letters = re.sub(r"[^a-z]", "", anyascii(handle).lower())
    tokens = name_tokens(entity.name)
    words = [w for w in re.split(r"[^a-z]+", anyascii(entity.name).lower()) if w]
    if len(tokens) < 2 or len(letters) < 4:
        return False
    prefixes = {"", "".join(w[0] for w in words[:-1]), words[0][0], words[0]}
    return any(letters[:cut] in prefixes and token_key(letters[cut:]) == tokens[-1]
               for cut in range(0, len(letters) - 2))


def attach_handles(entities: list[Entity], seen: list[HandleSighting]) -> list[Mention]:
    """Add handles (and handle mentions) to the entities they belong to; return handle mentions left over."""
    if not seen:
        return []
    by_key: dict[str, list[Entity]] = {}
    for entity in entities:
        for variant in entity.variants:
            by_key.setdefault(name_key(variant), []).append(entity)
    people = [e for e in entities if e.type == "PERSON"]
    unplaced: list[Mention] = []
    for sighting in seen:
        owner, reason = None, None
        authored = by_key.get(name_key(sighting.author), []) if sighting.author else []
        if len({e.id for e in authored}) == 1:
            owner = authored[0]
            reason = MergeReason(owner.name, sighting.handle, "handle-author", 1.0,
                                 f"post by {sighting.author} ({sighting.handle})")
        else:
            spelled = [e for e in people if _spells_person(sighting.handle, e)]
            if len(spelled) == 1:
                owner = spelled[0]
                reason = MergeReason(owner.name, sighting.handle, "handle-name", 0.9,
                                     f"{sighting.handle} spells the family name of {owner.name}, "
                                     f"and of no other person here")
        if owner is None:
            if sighting.mention is not None:
                unplaced.append(sighting.mention)
            continue
        if sighting.handle not in owner.handles:
            owner.handles.append(sighting.handle)
            owner.merges.append(reason)
        if sighting.mention is not None:
            owner.mentions.append(sighting.mention)
    return unplaced
