"""Entities across articles: one entity per real person, place or organisation.

Each article's entities are first pooled by (type family, transliteration key),
or by gazetteer id for places; the pools are then compared only within blocks
that share a coarse key of the family name, so the work grows with the number of
distinct names, not with the square of the mentions. Every union is checked
against everything already merged: two different full names (Mustafa al-Kadhimi,
Mustafa Salim) or two different gazetteer places never end up together, however
a chain of partial names might connect them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsdesk.link.acronyms import is_acronym, spells
from newsdesk.link.namekey import skeleton
from newsdesk.link.places import exact_place, normalise_place_name, place_context, place_in_context, resolve_place
from newsdesk.link.similarity import SAME_TOKEN, affix_similarity, full_name_similarity, is_part_of, token_similarity
from newsdesk.link.within import LocalEntity
from newsdesk.model import MergeReason, Place

SAME_PERSON = 85.0
SAME_PERSON_IN_EVENT = 80.0
SAME_NAME = 90.0  # organisations and unresolved places: near-identical keys only
SURFACE_AGREEMENT = 60.0
LONG_NAME = 12  # names of this many letters are compared whole, so that one mistyped letter is no mismatch
PLACE_SPELLING = 80.0  # an ORG-tagged word is taken for a place only if spelled like its main name  # lossy keys (Diaz, Zaid) must not join wildly different spellings


@dataclass
class Pool:
    """Local entities sharing one family and key (or one gazetteer place)."""

    family: str
    tokens: tuple[str, ...]
    place: Place | None
    locals: list[LocalEntity] = field(default_factory=list)
    merges: list[MergeReason] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    forms: frozenset[tuple[str, ...]] = frozenset()  # tokens, and readings without the Russian route

    @property
    def name(self) -> str:
        return self.locals[0].name

    @property
    def key(self) -> str:
        return "".join(self.tokens)


@dataclass
class _Group:
    """A union-find root: what the merged pools already hold, to refuse contradicting merges."""

    family: str
    full_names: set[frozenset[tuple[str, ...]]]  # each merged full name with its readings
    places: set[int]
    events: set[str]
    roles: set[str]


class _PlaceContexts:
    """The ``place_context`` of each event's place names (a lone article's, when it has no
    event), without what the name being read adds to it itself."""

    def __init__(self, local_entities: list[LocalEntity], event_of: dict[str, str]):
        self.event_of = event_of
        names: dict[str, set[str]] = {}
        for local in local_entities:
            if local.family == "place":
                names.setdefault(self._group(local), set()).add(local.name)
        self.added = {group: {name: place_context([name]) for name in group_names} for group, group_names in names.items()}
        self.counts = {group: Counter(r for regions in added.values() for r in regions) for group, added in self.added.items()}

    def _group(self, local: LocalEntity) -> str:
        return self.event_of.get(local.article_id, local.article_id)

    def around(self, local: LocalEntity) -> frozenset[str]:
        group = self._group(local)
        own = self.added.get(group, {}).get(local.name, frozenset())
        return frozenset(region for region, count in self.counts.get(group, {}).items() if count > (region in own))


def _family(local: LocalEntity, contexts: _PlaceContexts) -> tuple[str, Place | None]:
    """The local entity's family, and its place (read among the places around it); an
    organisation spelled like a known place is that place, and so is an untitled "person"
    named exactly like a large place of the region the event is in."""
    family = local.family
    if family == "place":
        return family, resolve_place(local.name, contexts.around(local))
    if family == "person" and not local.roles:
        place = place_in_context(local.name, contexts.around(local))
        if place:
            return "place", place
    if family == "org" and local.name.replace(".", "").isupper():
        place = exact_place(local.name)
        if place and place.country == place.name:
            return "place", place  # a country's initials or code tagged ORG ("UAE", "KSA")
    if family == "org" and len(local.tokens) == 1 and not local.name.isupper():
        place = resolve_place(local.name, contexts.around(local))
        if place and fuzz.ratio(normalise_place_name(local.name), normalise_place_name(place.name)) >= PLACE_SPELLING:
            return "place", place  # "Baghda" tagged ORG
    return family, None


def pool_locals(local_entities: list[LocalEntity], event_of: dict[str, str]) -> list[Pool]:
    """Local entities pooled by place or name; a place name is read among the other places
    its event's articles name (its article's, when it has no event)."""
    pools: dict[tuple, Pool] = {}
    contexts = _PlaceContexts(local_entities, event_of)
    for local in local_entities:
        family, place = _family(local, contexts)
        key = ("geo", place.geonameid) if place else (family, local.tokens)
        pool = pools.get(key)
        if pool is None:
            pool = pools[key] = Pool(family, local.tokens, place)
        elif local.name not in pool.names:
            rule = "gazetteer" if place else "name-key"
            evidence = f"both resolve to {place.name}, {place.country}" if place else "same transliteration key"
            pool.merges.append(MergeReason(pool.name, local.name, rule, 1.0, evidence))
        pool.locals.append(local)
        pool.names.add(local.name)
        pool.forms |= local.forms
    return list(pools.values())


class _Linker:
    def __init__(self, pools: list[Pool], event_of: dict[str, str]):
        self.pools = pools
        self.parent = list(range(len(pools)))
        self.groups = [self._group_of(pool, event_of) for pool in pools]
        self.merges: list[tuple[MergeReason, int]] = []

    @staticmethod
    def _group_of(pool: Pool, event_of: dict[str, str]) -> _Group:
        return _Group(
            pool.family,
            {pool.forms} if pool.family == "person" and len(pool.tokens) >= 2 else set(),
            {pool.place.geonameid} if pool.place and pool.place.geonameid else set(),
            {event_of[l.article_id] for l in pool.locals if l.article_id in event_of},
            {r for l in pool.locals for r in l.roles},
        )

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, a: int, b: int) -> bool:
        left, right = self.groups[a], self.groups[b]
        if left.family != right.family:
            return False
        if left.places and right.places and left.places != right.places:
            return False
        return all(_best_similarity(x, y) >= SAME_PERSON_IN_EVENT
                   for x in left.full_names for y in right.full_names)

    def union(self, i: int, j: int, reason: MergeReason) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b or not self.compatible(a, b):
            return False
        self.parent[b] = a
        left, right = self.groups[a], self.groups[b]
        left.full_names |= right.full_names
        left.places |= right.places
        left.events |= right.events
        left.roles |= right.roles
        self.merges.append((reason, a))
        return True

    def shared_context(self, i: int, j: int) -> list[str]:
        left, right = self.groups[self.find(i)], self.groups[self.find(j)]
        context = [f"same event {e}" for e in sorted(left.events & right.events)]
        context += [f"shared role {r}" for r in sorted(left.roles & right.roles)]
        return context


def _blocks(pools: list[Pool]) -> dict[tuple, list[int]]:
    """Candidate blocks: family plus the consonant skeleton of the last name token (Sadr, Sader), or of the whole name."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for index, pool in enumerate(pools):
        keys = set()
        for tokens in pool.forms | {pool.tokens}:
            if tokens:
                keys.add((pool.family, skeleton(tokens[-1])))
            if len(tokens) > 1:  # the same name split differently: Kim Jong-un, Kim Jongun
                keys.add((pool.family, "joined", skeleton("".join(tokens))))
        for key in keys:
            blocks[key].append(index)
    return blocks


def _best_similarity(left: frozenset[tuple[str, ...]], right: frozenset[tuple[str, ...]]) -> float:
    """How alike two full names are, at best over their readings."""
    return max(full_name_similarity(x, y) for x in left for y in right)


def link_across(local_entities: list[LocalEntity], event_of: dict[str, str]) -> list[tuple[list[Pool], list[MergeReason]]]:
    """Merge per-article entities into cross-article groups; each with the reasons for its merges."""
    pools = pool_locals(local_entities, event_of)
    linker = _Linker(pools, event_of)
    blocks = _blocks(pools)

    full, partial, single = [], [], []
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                kind = _pair_kind(pools[i], pools[j])
                if kind == "full":
                    full.append((i, j))
                elif kind == "partial":
                    partial.append((i, j) if len(pools[i].tokens) < len(pools[j].tokens) else (j, i))
                elif kind == "single":
                    single.append((i, j))

    _join_aliases(linker)
    _join_acronyms(linker)
    for i, j in full:
        _try_full(linker, i, j)
    _attach_partials(linker, partial)
    for i, j in single:
        _try_single(linker, i, j)

    grouped: dict[int, list[Pool]] = defaultdict(list)
    for index, pool in enumerate(pools):
        grouped[linker.find(index)].append(pool)
    reasons: dict[int, list[MergeReason]] = defaultdict(list)
    for reason, index in linker.merges:
        reasons[linker.find(index)].append(reason)
    return [(members, reasons[root]) for root, members in grouped.items()]


def _pair_kind(left: Pool, right: Pool) -> str | None:
    if left.family != right.family:
        return None
    if left.place and right.place:
        return None  # gazetteer ids already decided
    if left.family == "person":
        if len(left.tokens) >= 2 and len(right.tokens) >= 2:
            return "full"
        if len(left.tokens) != len(right.tokens):
            return "partial"
    return "single" if len(left.tokens) == len(right.tokens) else None


def _try_full(linker: _Linker, i: int, j: int) -> None:
    left, right = linker.pools[i], linker.pools[j]
    score = _best_similarity(left.forms | {left.tokens}, right.forms | {right.tokens})
    context = linker.shared_context(i, j)
    threshold = SAME_PERSON_IN_EVENT if context else SAME_PERSON
    if score >= threshold:
        routed = score > full_name_similarity(left.tokens, right.tokens)
        agree = ("given and family names agree once read without the Russian route (Palladius or Russian "
                 "spelling of a Chinese or Ukrainian name)" if routed else "given and family names agree")
        linker.union(i, j, MergeReason(left.name, right.name, "transliteration-route" if routed else "fuzzy",
                                       round(score / 100, 3), "; ".join([agree, *context])))
    elif context and affix_similarity(left.tokens, right.tokens) >= SAME_PERSON:
        evidence = "; ".join(["one name is the other with one more name", *context])
        linker.union(i, j, MergeReason(left.name, right.name, "partial-name:longer", 0.8, evidence))


def _attach_partials(linker: _Linker, pairs: list[tuple[int, int]]) -> None:
    """A short name ("Sadr") joins a full name in another article only if it can stand for one person."""
    owners: dict[int, set[int]] = defaultdict(set)
    for part, whole in pairs:
        if is_part_of(linker.pools[part].tokens, linker.pools[whole].tokens) == "surname":
            owners[part].add(whole)
    for part, wholes in owners.items():
        roots = {linker.find(w) for w in wholes}
        in_event = {linker.find(w) for w in wholes if linker.shared_context(part, w)}
        chosen = roots if len(roots) == 1 else in_event if len(in_event) == 1 else set()
        if not chosen:
            continue
        whole = next(w for w in wholes if linker.find(w) in chosen)
        context = linker.shared_context(part, whole)
        left, right = linker.pools[whole], linker.pools[part]
        evidence = "; ".join([f"'{right.name}' is the family name of the only matching person", *context])
        linker.union(whole, part, MergeReason(left.name, right.name, "partial-name:surname", 1.0, evidence))


def _try_single(linker: _Linker, i: int, j: int) -> None:
    left, right = linker.pools[i], linker.pools[j]
    if left.key == right.key or (left.forms & right.forms):
        score = 100.0
    else:
        score = min(token_similarity(a, b) for a, b in zip(left.tokens, right.tokens))
        if left.family == "org" and min(_letters(left.name), _letters(right.name)) >= LONG_NAME:
            score = max(score, fuzz.ratio(left.key, right.key))  # a typo in a long name ("Asaib Ahj al-Haq")
    context = linker.shared_context(i, j)
    needed = SAME_TOKEN if left.family == "person" else SAME_NAME
    surface = fuzz.ratio(left.name.lower(), right.name.lower())
    if score < needed or surface < SURFACE_AGREEMENT:
        return
    rule = "name-key" if left.key == right.key else "fuzzy"
    evidence = "; ".join([f"keys {left.key!r} ~ {right.key!r}, spelling similarity {surface:.0f}", *context])
    linker.union(i, j, MergeReason(left.name, right.name, rule, round(score / 100, 3), evidence))


def _join_acronyms(linker: _Linker) -> None:
    """An acronym with no definition in its article joins the one organisation or place whose
    initials it spells (RSF, Rapid Support Forces; OTAN, North Atlantic Treaty Organization):
    the only one in its event, or else the only one at all."""
    named = [(index, pool) for index, pool in enumerate(linker.pools)
             if pool.family in ("org", "place") and len(pool.tokens) >= 2 and not pool.place]
    for index, pool in enumerate(linker.pools):
        if pool.family not in ("org", "place") or pool.place or not is_acronym(pool.name):
            continue
        wholes = [i for i, other in named
                  if other.family == pool.family and any(spells(pool.name, n) for n in other.names)]
        roots = {linker.find(i) for i in wholes}
        in_event = {linker.find(i) for i in wholes if linker.shared_context(index, i)}
        chosen = in_event if len(in_event) == 1 else roots if len(roots) == 1 else set()
        if not chosen:
            continue
        whole = next(i for i in wholes if linker.find(i) in chosen)
        other = linker.pools[whole]
        evidence = "; ".join([f"'{pool.name}' spells the initials of '{other.name}', the only such name",
                              *linker.shared_context(index, whole)])
        linker.union(whole, index, MergeReason(other.name, pool.name, "acronym", 0.9, evidence))


def _letters(name: str) -> int:
    return sum(ch.isalpha() for ch in name)


def _join_aliases(linker: _Linker) -> None:
    """Organisations named both ways inside one article (GM and General Motors) are one everywhere."""
    main = {(pool.family, pool.tokens): index for index, pool in enumerate(linker.pools) if pool.family == "org"}
    for index, pool in enumerate(linker.pools):
        if pool.family != "org":
            continue
        for local in pool.locals:
            for member in local.members:
                other = main.get(("org", member.tokens))
                if other is not None and other != index and linker.find(other) != linker.find(index):
                    linker.union(index, other, MergeReason(
                        pool.name, linker.pools[other].name, "alias", 1.0,
                        f"'{member.name}' and '{local.name}' name one organisation in article {local.article_id}"))
