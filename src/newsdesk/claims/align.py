"""Line up the claims of one event's articles: what they agree on, where they conflict.

Claims are grouped by topic, then typed. An invented conflict is worse than a missed one, so
every rule below leans towards saying nothing.

- **Topics.** Counts, changes and derived counts share a topic when they count the same noun
  (after ``NOUN_SYNONYMS``: "aircraft" is "drone") under the same predicate class ("injured",
  "shot down", "attack", ...). Nouns for people ("bodyguards", "protesters", "people") share
  the topic "people". States share a topic when they are about the same person or thing on
  the same dimension (harm: unharmed/injured/dead/alive; damage: intact/damaged/destroyed).
  The holder is the linked entity whose mention is the claim's subject span, or the one entity
  of the event titled with the claim's role ("the prime minister"); otherwise its words.
- **Setting.** Two claims are never compared when they say they happened in different places
  (as linked entities; "in/at/near/across X" in the clause), when they count what different
  doers won, lost or launched (the subjects share no linked entity, or their last words differ;
  not for victims, whoever harmed them), or when one names a date more than 14 days from the
  other's date (or, lacking one, its article's publication date): "21 people died in February
  2005 in Beirut" is background, not a figure about this event. When only one of two counts
  names a place it may count a part of the other's whole, so they contradict only if the part
  is the larger ("810 killed in Syria" fits within "more than 2,300 killed").
- **Values.** Within a topic, claims with equal values and the same noun form a value group
  (one article may repeat itself). How two values relate is in ``values``; in short, amounts compare as intervals (see ``numbers``): equal exact
  figures agree; a vague amount that contains the other ("several" and "six") is a difference
  of precision; disjoint amounts differ, except that a vague word and an exact figure within a
  factor of 1.5 of its range ("almost half" and 48 -> 15, a 69% loss) are read as loose wording,
  a difference of precision. Changes compare by their figures before and after; against a
  proportion, a change compares as the share it lost or gained ((48-15)/48); against an
  absolute count, as its difference.
- **Nouns.** A general noun ("people") and a specific one ("bodyguards") never contradict (they
  may count different people): equal or containing values are a difference of precision, the
  rest is left alone. Two different specific nouns ("protesters", "bodyguards") are not compared.
- **States.** Equal states agree; unharmed/injured, unharmed/dead, alive/dead, intact/damaged,
  intact/destroyed, destroyed/not destroyed contradict; damaged then destroyed is a difference
  of precision (alive against unharmed or injured is implied, and not reported).
- **Typing.** Two value groups are compared only when some pair of their claims comes from
  different articles. A contradiction needs an unhedged claim on each side (a hedged,
  speculative or distanced statement does not contradict anything). A value group found in two
  or more articles is an agreement unless it takes part in a contradiction, which then carries
  all its supports.
  Whether two different figures contradict rather than count different things, hold at
  different times (a toll that may have grown) or sit in unrelated sentences is in ``contrary``;
  when a toll grew between reports it is an update instead (``timing``). A
  step of an update that two or more articles give ("at least two dead" in four early reports)
  is also their agreement: they agree on the figure as it stood.
- **Actions** ("who did what to whom") share a topic when their verbs share an action class
  (``ACTION_CLASSES``: "attacked"/"struck") and their objects are the same (one linked entity,
  or the same head noun after ``TARGET_SYNONYMS`` and no conflicting modifiers). Within it, two
  actions have the same doer when their doers' phrases hold the same linked entity, or, where
  either names none, the same head noun with modifiers that do not conflict ("Iraqi forces" and
  "Iraqi security forces" are one doer; "Russian forces" and "Ukrainian forces" are two; so are
  two differently linked names). Same doer and same polarity agree; the same action asserted
  by one source and negated or denied by another ("X attacked Y" / "X did not attack Y",
  "X denied attacking Y"), both unhedged, is a contradiction. Nothing else about actions
  conflicts: a different doer or verb is another claim, not a disagreement.
- **Single source.** Of an event with two or more articles, a claim no other article speaks
  to is reported as single-source when it is checkable and salient. "Speaks to" is read
  broadly, since a claim wrongly called single-source misleads as much as an invented
  conflict: an action has a counterpart in any action of another article with its topic
  (whatever the doer or polarity); a state or count in any state or count of another article
  on the same outcome (the dimension of the state word or the count's predicate: harm for
  "dead", "injured", "unharmed", "alive"; damage for "destroyed", "damaged"; else the predicate
  itself, "arrested", ...), whoever or whatever it is about, since holders and counted nouns
  are often named differently ("Tom Tennant" / "a local police officer"). Salient: unhedged, not
  arithmetic (derived); states of people and things named in the claim's clause (not through
  a pronoun: "she survived" has no second source to catch a wrong antecedent); counts and changes of harm,
  arrests, rescues and destruction (``PATIENT_PREDICATES``), of people unless the predicate is
  destruction or shooting down; actions of a class in ``ACTION_CLASSES`` (attacks, arrests,
  accusations, denials: "X reminded Y" is not worth listing alone). Ranked states, then
  counts, then actions; at most ``SINGLE_SOURCE_PER_ARTICLE`` per article (the first in that
  rank order, ties in text order), one per topic, listed in article and text order. Then the
  statements giving a figure that no other article comes near (rules in ``propositions``).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace


from newsdesk.claims.lexicon import (
    ACTION_CLASSES,
    DIMENSION,
    PATIENT_PREDICATES,
    PEOPLE_NOUNS,
)
from newsdesk.claims.contrary import about_one_thing, may_contradict, names_several_things
from newsdesk.claims.copies import with_sources
from newsdesk.claims.denials import denial_contradictions
from newsdesk.claims.disputes import dispute_contradictions
from newsdesk.claims.holders import Holders
from newsdesk.claims.measures import comparable_measures
from newsdesk.claims.numbers import label
from newsdesk.claims.merging import merged
from newsdesk.claims.propositions import align_statements, single_source_statements
from newsdesk.claims.values import AGREEMENT, APART, DIFFER, PRECISION
from newsdesk.claims.values import count_relation as _count_relation
from newsdesk.claims.values import measure_relation as _measure_relation
from newsdesk.claims.values import state_relation as _state_relation
from newsdesk.claims.timing import HARM_SLOTS, first_reported, growing, in_time_order, not_lower, reported, says_rise, when
from newsdesk.model import Analysis, Claim, Entity, Finding, Support
from newsdesk.vectors import carrying

SINGLE_SOURCE_PER_ARTICLE = 5
_LISTED_ACTIONS = frozenset(ACTION_CLASSES.values())
_THING_PREDICATES = frozenset({"destroyed", "damaged", "shot down"})

CONTRADICTION, SINGLE_SOURCE, UPDATE = "contradiction", "single_source", "update"
CONFLICT_ORDER = (CONTRADICTION, UPDATE, PRECISION)
MOVES = frozenset({"lost", "won"})
_HARM_WORDS = re.compile(r"\b(?:dead|death|deaths|toll|killed|died|injured|wounded|missing|casualties|victims|bodies)\b", re.IGNORECASE)

__all__ = ["align_claims", "single_source_claims"]


@carrying  # the sentence vectors the articles carry are used, not encoded again
def align_claims(analyses: list[Analysis], entities: list[Entity]) -> tuple[list[Finding], list[Finding]]:
    """(agreements, conflicts) among the claims of one event's articles; conflicts are
    contradictions first, then differences of precision."""
    holders = Holders(entities, {a.article.id: a.article for a in analyses})
    holders.rising = frozenset(c.article_id for a in analyses for c in a.claims if c.kind in ("count", "statement") and says_rise(c) and _HARM_WORDS.search(c.text))
    topics: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in comparable_measures([c for a in analyses for c in a.claims if c.kind != "statement"], len(analyses)):
        topics[_topic(claim, holders)].append(claim)
    agreements: list[Finding] = []
    conflicts: list[Finding] = []
    for topic, claims in topics.items():
        if len({c.article_id for c in claims}) < 2:
            continue
        typing = _type_actions if topic[0] == "action" else _type_topic
        found_agreements, found_conflicts = typing(topic, claims, holders)
        agreements += found_agreements
        conflicts += found_conflicts
    agreements = _without_duplicates(agreements)
    figures_of = {a.article.id: [c for c in a.claims if c.kind == "count" and c.value_start is not None] for a in analyses}
    # title, harm, home, place and day (``disputes``): before the statements' agreements, which
    # may not agree where these conflict ("was injured" / "was killed" are close sentences)
    conflicts += [f for f in dispute_contradictions(analyses, entities) if not _covered(f, conflicts)]
    stated_agreements, stated_contradictions, links = align_statements(analyses, figures_of, entities)
    texts = {a.article.id: a.article.text for a in analyses}
    agreements = merged(agreements, [f for f in stated_agreements if not _covered(f, conflicts)], texts, links)
    conflicts += [f for f in stated_contradictions if not _covered(f, conflicts)]
    # a denial answering accusations (``denials``): after the agreements, since the accusers agree
    conflicts += [f for f in denial_contradictions(analyses, entities) if not _covered(f, conflicts)]
    conflicts.sort(key=lambda f: CONFLICT_ORDER.index(f.kind))
    # copies of one story confirm nothing: an agreement needs two independent sources
    agreements = [f for f in with_sources(agreements, analyses) if f.independent_sources is None or f.independent_sources >= 2]
    return agreements, with_sources(conflicts, analyses)


@carrying
def single_source_claims(analyses: list[Analysis], entities: list[Entity]) -> list[Finding]:
    """The salient claims that only one article of the event makes (rules in the module
    docstring); none for an event of one article."""
    if len(analyses) < 2:
        return []
    holders = Holders(entities, {a.article.id: a.article for a in analyses})
    speakers: dict[tuple, set[str]] = defaultdict(set)
    for analysis in analyses:
        for claim in analysis.claims:
            if claim.kind != "statement":
                speakers[_counterpart_key(claim, holders)].add(claim.article_id)
    findings = []
    for analysis in analyses:
        chosen: dict[tuple, Claim] = {}
        for claim in (c for c in analysis.claims if c.kind != "statement"):
            topic = _topic(claim, holders)
            if len(speakers[_counterpart_key(claim, holders)]) == 1 and _salience(claim) is not None and topic not in chosen:
                chosen[topic] = claim
        salient = sorted(chosen.items(), key=lambda item: (_salience(item[1]), item[1].start))[:SINGLE_SOURCE_PER_ARTICLE]
        for topic, claim in sorted(salient, key=lambda item: item[1].start):
            name = _topic_name(topic, [claim], holders)
            summary = name if claim.kind == "action" and not claim.negated else f"{name}: {_value_label(claim, holders)}"  # the action's name says its verb
            findings.append(Finding(summary=summary, kind=SINGLE_SOURCE, support=(_support(claim),), claim_kind=claim.kind))
    # a statement is single-source unless another article states it, or speaks to a claim in its clause
    spoken_to: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for analysis in analyses:
        for claim in analysis.claims:
            if claim.kind != "statement" and len(speakers[_counterpart_key(claim, holders)]) > 1:
                spoken_to[claim.article_id].append((claim.start, claim.end))
    stated = [f for f in single_source_statements(analyses, spoken_to) if not _covered_once(f, findings)]
    return findings + stated


def _covered_once(finding: Finding, others: list[Finding]) -> bool:
    """Whether another finding's support overlaps this one-support finding."""
    (own,) = finding.support
    return any(s.article_id == own.article_id and s.start < own.end and own.start < s.end for other in others for s in other.support)


def _counterpart_key(claim: Claim, holders: Holders) -> tuple:
    """What another article's claim must share to speak to this one (see the module docstring)."""
    if claim.kind == "action":
        return _topic(claim, holders)
    outcome = claim.value if claim.kind == "state" else claim.predicate
    return ("outcome", DIMENSION.get(outcome or "", outcome))


def _salience(claim: Claim) -> int | None:
    """Rank for single-source reporting, lower first; None for claims not worth listing alone."""
    if claim.hedge is not None or claim.kind == "derived":
        return None
    if claim.kind == "state":
        named_in_clause = claim.subject_start is not None and claim.start <= claim.subject_start < claim.end
        return 0 if named_in_clause else None  # a holder found through a pronoun is too weak to stand alone
    if claim.kind == "action":
        return 2 if claim.predicate in _LISTED_ACTIONS else None
    if claim.predicate not in PATIENT_PREDICATES:
        return None
    return 1 if _noun_class(claim.subject) == "people" or claim.predicate in _THING_PREDICATES else None


# -- topics ---------------------------------------------------------------------------


def _topic(claim: Claim, holders: Holders) -> tuple:
    if claim.kind == "action":
        return ("action", claim.predicate, holders.thing(claim.article_id, claim.target_start, claim.target_end))
    if claim.kind == "state":
        entity = holders.entity(claim)
        holder = entity.id if entity else (claim.subject or "").casefold()
        return ("state", holder, DIMENSION.get(claim.value or "", claim.value))
    if claim.kind == "measure":
        return ("measure", claim.subject, claim.slot)
    slot = claim.slot or ""
    return ("count", _noun_class(claim.subject), slot if slot in HARM_SLOTS else claim.predicate)


def _noun_class(noun: str | None) -> str | None:
    return "people" if noun in PEOPLE_NOUNS else noun


# -- typing ---------------------------------------------------------------------------


@dataclass
class _Group:
    claims: list[Claim]

    @property
    def first(self) -> Claim:
        """The claim that speaks for the group: its first claim, unless that is a ceiling ("up to
        32") an exact count joined (``values``): the group then compares as 32. A floor ("at least
        four", joined by "four") keeps comparing as the floor: against a later "at least six" it is
        the lower bound of its time, not a count of four."""
        first = self.claims[0]
        if first.kind != "count" or first.amount is None or first.amount.exact or first.amount.high is None:
            return first
        return next((c for c in self.claims if c.kind == "count" and c.amount is not None and c.amount.exact), first)

    def articles(self) -> set[str]:
        return {c.article_id for c in self.claims}

    def asserted(self) -> bool:
        return any(c.hedge is None for c in self.claims)


def _group_claims(claims: list[Claim], joins: Callable[[Claim, Claim], bool]) -> list[_Group]:
    """Each claim joins the first group whose first claim it ``joins``, else opens a group of its own."""
    groups: list[_Group] = []
    for claim in claims:
        home = next((g for g in groups if joins(g.first, claim)), None)
        if home:
            home.claims.append(claim)
        else:
            groups.append(_Group([claim]))
    return groups


def _agreements(groups: list[_Group], contradicted: set[int], name: str, holders: Holders) -> list[Finding]:
    """A group agrees when more than one article is in it, unless another group contradicts it."""
    return [_finding(AGREEMENT, name, [g], holders) for i, g in enumerate(groups) if len(g.articles()) > 1 and i not in contradicted]


def _type_topic(topic: tuple, claims: list[Claim], holders: Holders) -> tuple[list[Finding], list[Finding]]:
    relate = {"state": _state_relation, "measure": _measure_relation}.get(topic[0], _count_relation)
    groups = _group_claims(claims, lambda first, claim: relate(first, claim) == AGREEMENT and holders.setting(first, claim) is not None)
    name = _topic_name(topic, claims, holders)
    conflicts: list[Finding] = []
    contradicted: set[int] = set()
    updated: set[int] = set()
    several = names_several_things([g.claims for g in groups])  # a price list: no contradiction
    sides: list[tuple[list[_Group], list[_Group]]] = []  # a measure's contradictions, side against side
    for (i, left), (j, right) in itertools.combinations(enumerate(groups), 2):
        setting = holders.setting(left.first, right.first)
        if not _across(left, right) or setting is None:
            continue
        if topic[0] == "count" and {c.role for c in left.claims + right.claims} not in ({"total"}, {"tally"}):
            continue  # subsets, increments, rates and a period's tallies are other quantities than the totals they sit with
        relation = relate(left.first, right.first)
        update = _update(left, right, relation, holders) if topic[0] in ("count", "measure") else None
        if update is not None:
            # a step of the timeline two sources give is still their agreement at that time
            updated.update((i, j))
        elif relation == DIFFER and not several and left.asserted() and right.asserted() and may_contradict(left.claims, right.claims, setting, holders.articles, holders.rising, holders.same_doer):
            if topic[0] == "measure":
                _join_sides(sides, left, right, relate)
            else:
                conflicts.append(_finding(CONTRADICTION, name, [left, right], holders))
            contradicted.update((i, j))
        elif relation == PRECISION and about_one_thing(left.claims, right.claims):
            conflicts.append(_finding(PRECISION, name, [left, right], holders))
    for one, other in sides:
        summary = f"{name}: {' / '.join(_value_label(g.first, holders) for g in one)} vs {' / '.join(_value_label(g.first, holders) for g in other)}"
        conflicts.append(replace(_finding(CONTRADICTION, name, one + other, holders), summary=summary))
    if updated:
        # one timeline per figure: every value it took, in the order the reports came out
        timeline = sorted((groups[i] for i in updated), key=lambda g: (min(when(c, holders.articles[c.article_id])[0] or "9999" for c in g.claims), g.first.amount.low if g.first.amount else 0))
        conflicts.append(_finding(UPDATE, name, timeline, holders))
    return _agreements(groups, contradicted, name, holders), conflicts


def _join_sides(sides: list[tuple[list[_Group], list[_Group]]], left: _Group, right: _Group, relate: Callable) -> None:
    """A measure that contradicts a value another contradiction already holds, and is compatible
    with every value of that one's other side ("10 to 12 feet" and "about 12 feet", both against
    "15ft"), joins that side: one conflict, not one per way of writing the compatible value."""
    for one, other in sides:
        for held, new in ((left, right), (right, left)):
            for side, against in ((one, other), (other, one)):
                if held in against and new not in side and all(relate(new.first, g.first) in (AGREEMENT, PRECISION) for g in side):
                    side.append(new)
                    return
    sides.append(([left], [right]))


def _type_actions(topic: tuple, claims: list[Claim], holders: Holders) -> tuple[list[Finding], list[Finding]]:
    """Value groups of one action: same doer and object, same polarity; a group and its
    negation by another article, both asserted, contradict."""
    def same_action(left: Claim, right: Claim) -> bool:
        return (
            holders.same_party(_doer(left), _doer(right))
            and holders.same_party(_target(left), _target(right))
            and holders.setting(left, right) is not None
        )

    groups = _group_claims(claims, lambda first, claim: first.negated == claim.negated and same_action(first, claim))
    name = _topic_name(topic, claims, holders)
    conflicts: list[Finding] = []
    contradicted: set[int] = set()
    for (i, left), (j, right) in itertools.combinations(enumerate(groups), 2):
        if left.first.negated != right.first.negated and _across(left, right) and left.asserted() and right.asserted() and same_action(left.first, right.first):
            conflicts.append(_finding(CONTRADICTION, name, [left, right], holders))
            contradicted.update((i, j))
    return _agreements(groups, contradicted, name, holders), conflicts


def _update(left: _Group, right: _Group, relation: str | None, holders: Holders) -> tuple[_Group, _Group] | None:
    """(earlier, later) when two totals of a growing slot differ because the later report knows
    more (rules in ``timing``), or when a share moved ("fell 1.5 percent" in the morning, "fell
    4.3 percent" in the afternoon): a market move is a new figure at every report."""
    moves = all(c.amount is not None and c.amount.proportion and c.predicate in MOVES for c in (left.first, right.first))
    elapsed = all(c.kind == "measure" and growing(c, PEOPLE_NOUNS) for c in (left.first, right.first))  # "trapped for 50 hours by now"
    if not elapsed and (relation not in (DIFFER, PRECISION, APART) or not (moves or (growing(left.first, PEOPLE_NOUNS) and growing(right.first, PEOPLE_NOUNS)))):
        return None
    if not elapsed and (left.first.kind != "count" or right.first.kind != "count") or not (any(map(reported, left.claims)) and any(map(reported, right.claims))):
        return None
    orders = set()
    for a, b in itertools.product(left.claims, right.claims):
        order = in_time_order(a, b, holders.articles, holders.rising) if a.article_id != b.article_id else None
        if order is not None:
            orders.add(order[0] is a)
    if len(orders) == 2:  # reported in both orders: the first report of each decides (``timing``)
        orders = {first_reported(left.claims, right.claims, holders.articles, holders.rising)} - {None}
    if len(orders) != 1:
        return None  # no known order
    earlier, later = (left, right) if orders.pop() else (right, left)
    return (earlier, later) if moves or not_lower(later.first.amount, earlier.first.amount) else None


def _without_duplicates(agreements: list[Finding]) -> list[Finding]:
    """A measure agreement that restates a count agreement ("600 tons" read both ways) goes."""
    counts = [f for f in agreements if f.claim_kind != "measure"]
    return counts + [f for f in agreements if f.claim_kind == "measure" and not _covered(f, counts)]


def _covered(finding: Finding, others: list[Finding]) -> bool:
    """Whether another finding already backs the same articles with overlapping spans."""
    for other in others:
        overlapping = {s.article_id for s in finding.support for o in other.support if s.article_id == o.article_id and s.start < o.end and o.start < s.end}
        if len(overlapping) >= 2:
            return True
    return False


def _doer(claim: Claim) -> tuple[str, int, int]:
    return claim.article_id, claim.subject_start, claim.subject_end


def _target(claim: Claim) -> tuple[str, int, int]:
    return claim.article_id, claim.target_start, claim.target_end


def _across(left: _Group, right: _Group) -> bool:
    return any(a.article_id != b.article_id for a in left.claims for b in right.claims)


# -- findings -------------------------------------------------------------------------


def _topic_name(topic: tuple, claims: list[Claim], holders: Holders) -> str:
    if topic[0] == "action":
        claim = claims[0]
        text = holders.articles[claim.article_id].text
        return f"{text[claim.subject_start : claim.subject_end]} — {topic[1]} — {text[claim.target_start : claim.target_end]}"
    if topic[0] == "state":
        entity = holders.entity(claims[0])
        who = entity.name if entity else claims[0].subject
        return f"{who} ({topic[2]})"
    return f"{holders.written_noun(claims[0])} ({topic[2]})"


def _finding(kind: str, name: str, groups: list[_Group], holders: Holders) -> Finding:
    values = (" → " if kind == UPDATE else " vs ").join(_value_label(g.first, holders) for g in groups)
    summary = f"{name}: {values}"
    support = tuple(_support(c) for g in groups for c in g.claims)
    claim_kind = groups[0].first.kind
    return Finding(summary=summary, kind=kind, support=support, claim_kind=claim_kind)


def _value_label(claim: Claim, holders: Holders) -> str:
    if claim.kind == "state":
        return claim.value or "?"
    if claim.kind == "action":
        return f"not {claim.predicate}" if claim.negated else claim.predicate or "?"
    if claim.kind == "measure":
        return f"{claim.basis} {claim.value}" if claim.basis else claim.value or "?"
    noun = holders.written_noun(claim)
    if claim.kind == "change":
        return f"{label(claim.before)} → {label(claim.amount)} {noun}"
    text = f"{label(claim.amount)} {noun}"
    return f"{text} ({claim.basis})" if claim.kind == "derived" else text


def _support(claim: Claim) -> Support:
    value = claim.value if claim.kind != "derived" else f"{claim.value} ({claim.basis})"
    return Support(
        claim.article_id, claim.start, claim.end, claim.text,
        value=value, voice=claim.voice, speaker=claim.speaker, chain=claim.chain,
        hedged=claim.hedge is not None, negated=claim.negated,
    )
