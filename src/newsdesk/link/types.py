"""Entity types settled by every mention of a name in the event, not by one tagger slip.

The small English tagger labels each mention on its own: the same "Sadr" is a person in one
sentence and a place in the next, a surname in a list is a place, an outlet a person. Before
linking across articles, the mentions of one name (one transliteration key) in one event (an
article with no event is its own) vote on what the name is; a title before a mention is a
vote for a person, and a noun beside a mention that says what it is ("the Kayhan newspaper",
"the ferry X") is worth CONTEXT_VOTES and keeps that mention's type. A name's mentions take the
winning type when it has a clear majority over the type they came with; nationalities (NORP)
neither vote nor change. A name the gazetteer does not know, tagged a place in a list of bare
names with a person of the event ("Sadr, Maliki, Amiri, Hakim"), is a person. Places the gazetteer
knows are settled later, among the other places of the event (``link.across``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from newsdesk.link.mentions import NameMention, name_tokens_for
from newsdesk.link.namekey import bare_tokens
from newsdesk.link.within import CONTEXT_VOTES, LocalEntity

VOTING_FAMILIES = ("person", "org", "place")
LABEL_OF_FAMILY = {"person": "PERSON", "org": "ORG", "place": "GPE"}
MAJORITY = 2.0  # the winning type needs twice the votes of the type a name came with


def settle_types(local_entities: list[LocalEntity], event_of: dict[str, str],
                 texts: dict[str, str] | None = None) -> list[LocalEntity]:
    """``texts``: article id -> the text the mentions point into, read for lists of names."""
    votes: dict[tuple, Counter] = defaultdict(Counter)

    def key(local: LocalEntity, member: NameMention) -> tuple:
        return event_of.get(local.article_id, local.article_id), bare_tokens(member.name)

    for local in local_entities:
        for member in local.members:
            if member.family in VOTING_FAMILIES:
                weight = CONTEXT_VOTES if member.typed_by_context else 1 + bool(member.roles)
                votes[key(local, member)][member.family] += weight
                if member.family == "person" and len(member.tokens) > 1:  # "Qasem Soleimani" votes for "Soleimani"
                    surname = key(local, member)[0], member.tokens[-1:]
                    votes[surname]["person"] += weight
    for local in local_entities:
        members = []
        for member in local.members:
            ballot = votes.get(key(local, member))
            if ballot and member.family in VOTING_FAMILIES and not member.typed_by_context:
                winner, count = ballot.most_common(1)[0]
                if winner != member.family and count >= MAJORITY * ballot[member.family]:
                    member = _as(member, winner)
            members.append(member)
        if members != local.members:
            local.members[:] = members
            local._name = None
    if texts:
        _people_in_lists(local_entities, event_of, texts)
    return local_entities


def _people_in_lists(local_entities: list[LocalEntity], event_of: dict[str, str], texts: dict[str, str]) -> None:
    """ "Factions of Sadr, Maliki, Amiri, Hakim": a name the gazetteer does not know, tagged a place
    in a list of bare names that holds a person of the event, is a person too (surnames are taken
    for places; "Iraq, Iran and Syria" holds no person, "Biden and Washington" a known place)."""
    from newsdesk.link.places import exact_place

    people: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for local in local_entities:
        for member in local.members:
            if member.family == "person":
                people[event_of.get(local.article_id, local.article_id)].update({member.tokens, member.tokens[-1:]})
    for local in local_entities:
        text = texts.get(local.article_id)
        event_people = people[event_of.get(local.article_id, local.article_id)]
        if not text or not event_people:
            continue
        members = [
            _as(m, "person") if m.family == "place" and not m.typed_by_context and len(m.tokens) == 1
            and exact_place(m.name) is None and any(bare_tokens(w) in event_people for w in _listed_with(text, m))
            else m
            for m in local.members
        ]
        if members != local.members:
            local.members[:] = members
            local._name = None


_BEFORE_IN_LIST = re.compile(r"([A-Z][\w'’-]+)(?:,\s*|\s+and\s+|,\s+and\s+)$")
_AFTER_IN_LIST = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+)([A-Z][\w'’-]+)")


def _listed_with(text: str, member: NameMention) -> list[str]:
    """The single capitalised words listed before and after a mention, by commas and "and"."""
    words, end = [], member.mention.start
    while (match := _BEFORE_IN_LIST.search(text, max(0, end - 40), end)) and len(words) < 8:
        words.append(match.group(1))
        end = match.start(1)
    start = member.mention.end
    while (match := _AFTER_IN_LIST.match(text[start:start + 40])) and len(words) < 16:
        words.append(match.group(1))
        start += match.end(1)
    return words


def _as(member: NameMention, family: str) -> NameMention:
    label = member.mention.label if family == "place" and member.mention.label in ("LOC", "FAC") else LABEL_OF_FAMILY[family]
    return replace(member, family=family, tokens=name_tokens_for(member.name, family),
                   mention=replace(member.mention, label=label))
