"""Entity types settled by every mention of a name in the event, not by one tagger slip.

The small English tagger labels each mention on its own: the same "Sadr" is a person in one
sentence and a place in the next, a surname in a list is a place, an outlet a person. Before
linking across articles, the mentions of one name (one transliteration key) in one event (an
article with no event is its own) vote on what the name is; a title before a mention is a
vote for a person, and a noun beside a mention that says what it is ("the Kayhan newspaper",
"the ferry X") is worth CONTEXT_VOTES and keeps that mention's type. A name's mentions take the
winning type when it has a clear majority over the type they came with; nationalities (NORP)
neither vote nor change. Places the gazetteer
knows are settled later, among the other places of the event (``link.across``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from newsdesk.link.mentions import NameMention, name_tokens_for
from newsdesk.link.namekey import bare_tokens
from newsdesk.link.within import CONTEXT_VOTES, LocalEntity

VOTING_FAMILIES = ("person", "org", "place")
LABEL_OF_FAMILY = {"person": "PERSON", "org": "ORG", "place": "GPE"}
MAJORITY = 2.0  # the winning type needs twice the votes of the type a name came with


def settle_types(local_entities: list[LocalEntity], event_of: dict[str, str]) -> list[LocalEntity]:
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
    return local_entities


def _as(member: NameMention, family: str) -> NameMention:
    label = member.mention.label if family == "place" and member.mention.label in ("LOC", "FAC") else LABEL_OF_FAMILY[family]
    return replace(member, family=family, tokens=name_tokens_for(member.name, family),
                   mention=replace(member.mention, label=label))
