"""link_entities: per-article named-entity mentions in, one Entity per real-world referent out."""

from __future__ import annotations

import hashlib
from collections import Counter

from newsdesk.analyse.nationality import evidence_of, without_glued_nationality
from newsdesk.link.across import Pool, link_across
from newsdesk.link.handles import attach_handles, sightings
from newsdesk.link.mentions import NameMention, read_mention, with_cut_tail
from newsdesk.link.namekey import name_key
from newsdesk.link.places import resolve_place
from newsdesk.link.roles import role_mentions
from newsdesk.link.types import settle_types
from newsdesk.link.within import CONTEXT_VOTES, is_lone_surname, link_within, surnames_named_in_full
from newsdesk.model import Analysis, Entity, Mention

LABEL_PREFERENCE = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def link_entities(analyses: list[Analysis], event_of: dict[str, str] | None = None) -> list[Entity]:
    """Link the named-entity mentions of many articles into entities, each merge explained."""
    event_of = event_of or {}
    local_entities, handle_mentions, order = [], {}, {}
    mentions_of_event: dict[str, list[Mention]] = {}
    for analysis in analyses:
        mentions_of_event.setdefault(event_of.get(analysis.article.id, analysis.article.id), []).extend(analysis.mentions)
    evidence = {event: evidence_of(mentions) for event, mentions in mentions_of_event.items()}
    written = {m.text for a in analyses for m in a.mentions if "-" in m.text}
    for position, analysis in enumerate(analyses):
        article_id = analysis.article.id
        order[article_id] = position
        # "the American Hasim Rahman" in a report that never names Rahman again: the event does
        named = without_glued_nationality(analysis.mentions, evidence[event_of.get(article_id, article_id)])
        read = [read_mention(with_cut_tail(m, analysis.prose, written), analysis.prose) for m in named]
        names = [r for r in read if r is not None and not r.is_handle]
        handle_mentions[article_id] = [r.mention for r in read if r is not None and r.is_handle]
        article_entities = link_within(article_id, names, analysis.prose)
        for index, mentions in role_mentions(analysis, article_entities).items():
            article_entities[index].role_mentions.extend(mentions)
        local_entities += article_entities

    local_entities = settle_types(local_entities, event_of, {a.article.id: a.article.text for a in analyses})
    entities = [_entity(pools, reasons, order) for pools, reasons in link_across(local_entities, event_of)]
    _give_unique_ids(entities)
    attach_handles(entities, [s for a in analyses for s in sightings(a, handle_mentions[a.article.id])])
    for entity in entities:
        entity.mentions.sort(key=lambda m: (order[m.article_id], m.start))
    return sorted(entities, key=lambda e: (-len(e.mentions), e.name))


def _entity(pools: list[Pool], reasons: list, order: dict[str, int]) -> Entity:
    members: list[NameMention] = [m for pool in pools for local in pool.locals for m in local.members]
    merges = [r for pool in pools for local in pool.locals for r in local.merges]
    merges += [r for pool in pools for r in pool.merges] + reasons
    entity_type = vote_type(members)
    place = next((pool.place for pool in pools if pool.place), None)
    if place is not None and entity_type not in PLACE_LABELS and not any(m.roles for m in members):
        entity_type = "GPE"  # the gazetteer placed it: the tagger's person or group was a place
    if place is None and entity_type in PLACE_LABELS and all(pool.family != "place" for pool in pools):
        place = resolve_place(canonical_name(members))  # tagged otherwise at first; places were read in context
    variants = Counter(m.name for m in members)
    # a title word before a name the event settles as a group or place is a slip, not its role
    roles = Counter(r for m in members for r in m.roles) if entity_type == "PERSON" else Counter()
    return Entity(
        id="",
        name=place.name if place else canonical_name(members),
        type=entity_type,
        mentions=[m.mention for m in members] + [m for pool in pools for local in pool.locals for m in local.role_mentions],
        variants=dict(variants.most_common()),
        roles=[r for r, _ in roles.most_common()],
        place=place,
        merges=merges,
    )


def vote_type(members: list[NameMention]) -> str:
    """The tagger's label most mentions agree on; a title, and a lone surname of a person named in
    full among the members, count as votes for PERSON (see ``within.is_lone_surname``)."""
    surnames = surnames_named_in_full(members)
    votes = Counter()
    for m in members:
        votes["PERSON" if is_lone_surname(m, surnames) else m.mention.label] += CONTEXT_VOTES if m.typed_by_context else 1
    votes["PERSON"] += sum(1 for m in members if m.roles)
    said = {m.mention.label for m in members if m.typed_by_context}  # wins a tie, see within.vote_family
    return max(votes, key=lambda label: (votes[label], label in said, -_rank(label)))


def _rank(label: str) -> int:
    return LABEL_PREFERENCE.index(label) if label in LABEL_PREFERENCE else len(LABEL_PREFERENCE)


def canonical_name(members: list[NameMention]) -> str:
    """The most complete well-attested form: attested twice beats once, then more tokens, then frequency.

    Remaining ties go to alphabetical order, not to article order, so that ids stay the same
    whatever order the articles come in."""
    counts = Counter(m.name for m in members)
    tokens = {m.name: len(m.tokens) for m in members}
    return min(counts, key=lambda n: (-min(counts[n], 2), -tokens[n], -counts[n], n))


def _give_unique_ids(entities: list[Entity]) -> None:
    """Ids from content (type and name key, or gazetteer id); a clash is told apart by the first mention."""
    seen: set[str] = set()
    for entity in sorted(entities, key=lambda e: (-len(e.mentions), _first(e))):
        basis = f"geo:{entity.place.geonameid}" if entity.place else f"{entity.type}:{name_key(entity.name)}"
        entity_id = _digest(basis)
        if entity_id in seen:
            entity_id = _digest(f"{basis}@{_first(entity)}")
        seen.add(entity_id)
        entity.id = entity_id


def _first(entity: Entity) -> str:
    first: Mention = min(entity.mentions, key=lambda m: (m.article_id, m.start))
    return f"{first.article_id}:{first.start}"


def _digest(text: str) -> str:
    return "ent-" + hashlib.sha1(text.encode()).hexdigest()[:12]
