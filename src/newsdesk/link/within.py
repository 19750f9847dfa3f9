"""Entities within one article: spellings, partial and titled mentions join the full name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsdesk.link.acronyms import definitions, is_acronym, same_name, spells
from newsdesk.link.mentions import NameMention
from newsdesk.link.places import exact_place
from newsdesk.link.similarity import full_name_similarity, is_part_of
from newsdesk.model import MergeReason, Mention

FAMILY_PREFERENCE = ("person", "place", "org", "norp")
SAME_PERSON = 85.0
CONTEXT_VOTES = 3  # a type said by a noun beside the name outweighs a few tagger labels


@dataclass
class LocalEntity:
    """The mentions of one entity inside one article."""

    article_id: str
    members: list[NameMention]
    merges: list[MergeReason] = field(default_factory=list)
    role_mentions: list[Mention] = field(default_factory=list)  # "the prime minister", see link.roles
    _name: str | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        if self._name is None:
            counts = Counter(m.name for m in self.members)
            tokens_of = {m.name: len(m.tokens) for m in self.members}
            self._name = max(counts, key=lambda n: (tokens_of[n], counts[n]))
        return self._name

    @property
    def tokens(self) -> tuple[str, ...]:
        return max((m.tokens for m in self.members), key=len)

    @property
    def forms(self) -> frozenset[tuple[str, ...]]:
        """The token keys of its full name and of that name's readings without the Russian route."""
        tokens = self.tokens
        return frozenset([tokens, *(a for m in self.members if m.tokens == tokens for a in m.alternates)])

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(r for m in self.members for r in m.roles))

    @property
    def family(self) -> str:
        return vote_family(self.members)

    def absorb(self, other: LocalEntity, reason: MergeReason) -> None:
        self._name = None
        self.members.extend(other.members)
        self.merges.extend(other.merges)
        self.merges.append(reason)


def vote_family(members: list[NameMention]) -> str:
    """Type family by majority; a title ("Minister Kazemi") is a vote for a person, and a noun
    beside a mention that says what it is ("the Kayhan newspaper") is worth CONTEXT_VOTES and
    wins a tie: the text's own word beats the tagger's guess and a title word before a name."""
    surnames = surnames_named_in_full(members)
    votes = Counter()
    for m in members:
        votes["person" if is_lone_surname(m, surnames) else m.family] += CONTEXT_VOTES if m.typed_by_context else 1
    votes["person"] += sum(1 for m in members if m.roles)
    said = {m.family for m in members if m.typed_by_context}
    return max(votes, key=lambda f: (votes[f], f in said, -_preference(f)))


def surnames_named_in_full(members: list[NameMention]) -> frozenset[str]:
    """The last-name keys of the people among ``members`` named in full: by capitalised words
    only, not a name with a role phrase the tagger took in ("Scott Carson vicepresidente
    ejecutivo de Boeing" names no Mr Boeing)."""
    return frozenset(m.tokens[-1] for m in members
                     if m.family == "person" and len(m.tokens) > 1 and all(w[:1].isupper() for w in m.name.split()))


def is_lone_surname(member: NameMention, surnames: frozenset[str]) -> bool:
    """A one-word mention that is the surname of a person named in full beside it: a vote for a
    person whatever the tagger said ("Ryan Boyette ... Boyette said", the surname tagged an
    organisation twice)."""
    return len(member.tokens) == 1 and member.tokens[0] in surnames


def _preference(family: str) -> int:
    return FAMILY_PREFERENCE.index(family) if family in FAMILY_PREFERENCE else len(FAMILY_PREFERENCE)


def _could_be_person_name(entity: LocalEntity) -> bool:
    """A short name can stand for a person unless it is an acronym, a nationality or group
    ("Saudi", "Shiite": the tagger's NORP), or, untagged as a person, a real place."""
    name = entity.name
    if name.isupper() and len(name) <= 6:
        return False
    if all(m.family == "norp" for m in entity.members):
        return False
    if all(m.family == "org" for m in entity.members) and len(name.split()) > len(entity.tokens):
        return False  # "Sadr Movement": a group named for a person, its kind left out of its key
    if any(m.mention.label == "PERSON" or m.roles for m in entity.members):
        return True
    return exact_place(name) is None


def link_within(article_id: str, mentions: list[NameMention], prose: str = "") -> list[LocalEntity]:
    """Group one article's name mentions into entities (``prose``: the text they are in, read
    for acronym definitions)."""
    by_tokens: dict[tuple, LocalEntity] = {}
    for mention in mentions:
        # Nationalities share keys with their countries (Iraqi, Iraq) but are never the same entity,
        # and a group named for a person ("Sadr Movement", its kind out of its key) is not the person.
        key = (mention.tokens, mention.family == "norp",
               mention.family == "org" and len(mention.name.split()) > len(mention.tokens))
        entity = by_tokens.setdefault(key, LocalEntity(article_id, []))
        entity._name = None
        if entity.members and mention.name not in {m.name for m in entity.members}:
            entity.merges.append(MergeReason(entity.members[0].name, mention.name, "name-key", 1.0,
                                             f"same transliteration key in article {article_id}"))
        entity.members.append(mention)
    entities = sorted(by_tokens.values(), key=lambda e: (-len(e.tokens), e.members[0].mention.start))

    people = _merge_spellings([e for e in entities if len(e.tokens) >= 2 and e.family == "person"])
    full_names = [e for e in people if _owner(e, people) is None]
    rest = [e for e in entities if len(e.tokens) < 2 or e.family != "person"]
    rest += [e for e in people if e not in full_names]
    rest = _join_acronyms(article_id, rest, definitions(prose) if prose else {})
    kept = list(full_names)
    for entity in rest:
        owner = _owner(entity, full_names) if _could_be_person_name(entity) else None
        if owner is None:
            kept.append(entity)
            continue
        how, whole = owner
        owner_entity = whole
        owner_entity.absorb(entity, MergeReason(owner_entity.name, entity.name, f"partial-name:{how}", 1.0,
                                                f"'{entity.name}' is the {how} of '{owner_entity.name}', "
                                                f"the only such person in article {article_id}"))
    return kept


def _merge_spellings(full_names: list[LocalEntity]) -> list[LocalEntity]:
    """Two spellings of one full name in the same article ("Muqtada al-Sadr", "Muqtada Al Sader")."""
    kept: list[LocalEntity] = []
    for entity in full_names:
        match = next((k for k in kept if full_name_similarity(k.tokens, entity.tokens) >= SAME_PERSON), None)
        if match is None:
            kept.append(entity)
            continue
        score = full_name_similarity(match.tokens, entity.tokens)
        match.absorb(entity, MergeReason(match.name, entity.name, "fuzzy", score / 100,
                                         "given and family names agree"))
    return kept


def _owner(part: LocalEntity, full_names: list[LocalEntity]) -> tuple[str, LocalEntity] | None:
    """The one full-named person a short name can stand for, if exactly one."""
    fits = [(is_part_of(part.tokens, whole.tokens), whole) for whole in full_names]
    for how in ("surname", "given-name"):
        owners = [whole for kind, whole in fits if kind == how]
        if owners:
            return (how, owners[0]) if len(owners) == 1 else None
    return None


def _join_acronyms(article_id: str, entities: list[LocalEntity], defined: dict[str, str]) -> list[LocalEntity]:
    """An acronym joins the name the text defines it as ("the Rapid Support Forces (RSF)"), or
    else the one organisation in the article whose initials it spells (GM, General Motors)."""
    kept = [e for e in entities if not is_acronym(e.name)]
    for acronym in (e for e in entities if is_acronym(e.name)):
        long_form = defined.get(acronym.name.replace(".", ""))
        if long_form:
            owners = [e for e in kept if same_name(long_form, e.name)]
            evidence = f"the text defines '{acronym.name}' as '{long_form}' in article {article_id}"
        else:
            owners = [e for e in kept if len(e.tokens) >= 2 and e.family == "org" and spells(acronym.name, e.name)]
            evidence = f"'{acronym.name}' spells the initials of the only such organisation in article {article_id}"
        if len(owners) != 1:
            kept.append(acronym)
            continue
        owners[0].absorb(acronym, MergeReason(owners[0].name, acronym.name, "acronym", 1.0, evidence))
    return kept
