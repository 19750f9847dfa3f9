"""Figures as typed facts: what a count counts (its slot) and its role.

**Slots.** A small vocabulary for what news counts most, read from the count's predicate class,
its counted noun and the words right after the figure's noun phrase ("left 32 civilians dead",
"84 people have been taken to hospital", "31 bodies"):

- ``killed`` (dead, killed, died, bodies, fatalities, death toll), ``injured`` (injured, wounded,
  hurt, treated), ``hospitalised`` (taken, rushed or admitted to hospital: a part of the injured,
  not their number), ``missing``, ``displaced`` (homeless, displaced,
  fled), ``arrested`` (arrested, detained, held, charged, suspects), ``evacuated``, ``rescued``;
- ``buildings`` (houses, homes, buildings), ``vehicles`` (cars, trucks, diggers, excavators,
  ships, aircraft, drones, trains);
- ``responders`` (rescuers, firefighters, volunteers, divers): with the machines at work
  (fire engines, fire service pumps, excavators, diggers; not a plane's engines) counted under one predicate, ``at work``, whatever
  verb puts them at the scene (dispatched, involved, working, tackling, trying to reach),
  unless something happened to them (injured, missing); both grow as a story unfolds;
- ``money``, ``magnitude``, ``distance``, ``duration``, ``material`` for measures (the count
  extractor leaves them out; statements carry them);
- ``open:<noun>`` for anything else, keyed by the counted noun (ages, seats, signatures, ...).

**Roles.** A figure is a ``total`` unless its words say otherwise:

- ``subset`` — a figure named as included in another: "including at least 10 children", "among
  them four children", "among the dead", "of whom", "of them", "of which", "five of the dead"
  (after a comma, "154, of which 26 foreigners", the figure is the whole)
  ("six of his bodyguards" counts bodyguards: it is a total of its own noun);
- ``increment`` — a figure added to an earlier one: "12 more bodies", "another 12", "12 additional",
  "a further 12", "12 new cases", "killed six people, bringing the death toll to 11";
- ``rate`` — a figure per unit: "per", "a day", "each year", "every hour", "an hour";
- ``tally`` — a count over a period that holds many happenings, not this one: "this year,
  pirates have attacked nearly 100 vessels", "as many as 100 ships so far this year", "since
  January", "over the past three years", "over four nights of protesting" (in the figure's
  clause); "earlier this month", "last
  week", "in 2007" date one happening and make no tally; tallies compare with each other only;
- ``part`` — a figure the clause places in a part of the event's area ("in Bener Meriah
  district", "in Takengon") while it counts what the event counts (set by the aligner, which
  knows the other figures).

Subsets, increments, tallies, parts and rates are never compared with a total: they are other
quantities, whatever their value.
"""

from __future__ import annotations

import re

from newsdesk.claims.lexicon import PATIENT_PREDICATES, PREDICATE_CLASSES
from newsdesk.model import Claim

SLOT_OF_PREDICATE = {
    "dead": "killed", "injured": "injured", "missing": "missing", "arrested": "arrested",
    "evacuated": "evacuated", "rescued": "rescued", "destroyed": "buildings", "damaged": "buildings",
}
SLOT_OF_NOUN = {
    # not "victims" or "casualties": the wounded are victims too ("the three victims were taken
    # to hospital"); what happened to them is in the predicate
    **dict.fromkeys("body corpse death fatality".split(), "killed"),
    **dict.fromkeys("injury injured wounded".split(), "injured"),
    **dict.fromkeys("suspect detainee arrest".split(), "arrested"),
    **dict.fromkeys("evacuee".split(), "evacuated"),
    **dict.fromkeys("house home building dwelling apartment shelter".split(), "buildings"),
    **dict.fromkeys("car truck lorry vehicle digger excavator bulldozer ship aircraft tank train tram bus helicopter engine".split(), "vehicles"),
}
# Who and what is sent to a disaster to work on it: counted at work, whatever the verb, unless
# something happened to them ("three firefighters were injured" counts the injured).
RESPONDERS = frozenset("rescuer firefighter fireman volunteer diver searcher paramedic medic".split())
MACHINES_AT_WORK = frozenset("engine pump excavator digger bulldozer ambulance".split())
_FIRE_BEFORE = re.compile(r"\bfire(?:\s+service)?\s+$", re.I)  # "fire engines", "fire service pumps", not "two engines" of a plane
AT_WORK = "at work"
# Words after the counted phrase that say what happened to it ("32 civilians dead").
_SLOT_WORDS = [
    (re.compile(r"^\W*(?:\w+\W+){0,4}?(?:dead|killed|died|lost their lives|perished|bodies|fatalities)\b", re.I), "killed"),
    (re.compile(r"^\W*(?:\w+\W+){0,5}?(?:hospitali[sz]ed|(?:taken|rushed|brought|admitted|sent|transported) to (?:the |a |two |\w+ )?hospitals?)\b", re.I), "hospitalised"),
    (re.compile(r"^\W*(?:\w+\W+){0,5}?(?:injured|wounded|hurt|treated)\b", re.I), "injured"),
    (re.compile(r"^\W*(?:\w+\W+){0,3}?(?:missing|unaccounted)\b", re.I), "missing"),
    (re.compile(r"^\W*(?:\w+\W+){0,3}?(?:homeless|displaced)\b", re.I), "displaced"),
    (re.compile(r"^\W*(?:\w+\W+){0,4}?(?:arrested|detained|in custody|charged)\b", re.I), "arrested"),
    (re.compile(r"^\W*(?:\w+\W+){0,3}?evacuated\b", re.I), "evacuated"),
]
_HARM_MODIFIER = re.compile(r"\b(dead|killed|wounded|injured|hurt)\b", re.I)
_SUBSET_BEFORE = re.compile(r"\b(?:including|includ(?:es|ed)|among them|among whom|among those|among the \w+|of whom|of them|of which|of those)\W+(?:\w+\W+){0,2}$", re.I)
_WHOLE = r"(?:them|whom|which|those|the (?:dead|victims|injured|wounded|casualties|killed|missing|bodies|passengers|people killed))"
_SUBSET_AFTER = re.compile(r"^[^\w,]*(?:\w+[^\w,]+){0,2}?(?:of " + _WHOLE + r"\b|were among\b|are among\b|among (?:the|them)\b)", re.I)
_INCREMENT_BEFORE = re.compile(r"\b(?:another|an additional|a further|further)\W+$", re.I)
_INCREMENT_AFTER = re.compile(r"^\W*(?:more|additional|other|new|extra|further)\b", re.I)
# "killed six people, bringing the death toll to 11": the six add to an earlier toll.
_BRINGING_AFTER = re.compile(r"^[^.;]{0,60}?,\s*(?:bringing|taking|raising|pushing)\s+(?:the|its|their)\s+(?:\w+\s+){0,2}(?:toll|total|number|tally)\b", re.I)
# A period that holds many happenings, said in the figure's clause (before it, or after its noun).
_PERIOD = r"(?:(?<!earlier )(?<!later )(?:so far )?this year|since (?:January|February|March|April|May|June|July|August|September|October|November|December|the (?:start|beginning) of)|(?:over|in|during) the (?:past|last) (?:\w+ )?(?:weeks|months|years|decades)|(?:over|across) (?:two|three|four|five|six|seven|several|\d+) (?:straight |consecutive )?(?:nights|days|weeks))"
_PERIOD_BEFORE = re.compile(_PERIOD + r"\W+(?:[\w'’-]+\W+){0,5}$", re.I)
_PERIOD_AFTER = re.compile(r"^[^.;,]{0,60}?\b" + _PERIOD, re.I)
_RATE_AFTER = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:per\b|a (?:day|week|month|year|hour|minute|second)\b|each (?:day|week|month|year|hour)\b|every (?:day|week|month|year|hour)\b|an hour\b|annually\b)", re.I)

__all__ = ["typed"]


def typed(claim: Claim, text: str) -> Claim:
    """The count with its slot and role set (``text`` is the article's text)."""
    if claim.kind not in ("count", "change", "derived") or claim.value_start is None:
        return claim
    from dataclasses import replace

    slot, predicate = _slot(claim, text), claim.predicate
    if _at_work(claim, text) and (predicate or "") not in PATIENT_PREDICATES | {"missing", "be"}:
        # the rescuers or diggers at the scene, whatever verb puts them there ("Dozens of rescuers
        # are trying to reach the boy" / "More than 500 rescuers were involved"; "10 fire engines
        # fought the blaze" / "Ten fire engines were tackling the last of the blaze")
        slot = "responders" if claim.subject in RESPONDERS else "vehicles"
        predicate = AT_WORK
    return replace(claim, slot=slot, predicate=predicate, role=_role(claim, text))


def _at_work(claim: Claim, text: str) -> bool:
    """Whether the count is of responders or machines at work (``RESPONDERS``,
    ``MACHINES_AT_WORK``); an engine or a pump only of the fire service."""
    if claim.subject in RESPONDERS:
        return True
    if claim.subject not in MACHINES_AT_WORK:
        return False
    if claim.subject in ("engine", "pump"):
        return claim.subject_start is not None and bool(_FIRE_BEFORE.search(text[max(0, claim.subject_start - 20) : claim.subject_start]))
    return True


def _slot(claim: Claim, text: str) -> str:
    if claim.predicate in SLOT_OF_PREDICATE:
        return SLOT_OF_PREDICATE[claim.predicate]
    noun = claim.subject or ""
    if noun in SLOT_OF_NOUN:
        return SLOT_OF_NOUN[noun]
    if claim.subject_start is not None and claim.subject_start > claim.value_end:
        modifier = _HARM_MODIFIER.search(text[claim.value_end : claim.subject_start])  # "more than 100 wounded people"
        if modifier:
            return SLOT_OF_PREDICATE[PREDICATE_CLASSES[modifier.group(1).lower()]]
    after = text[claim.subject_end if claim.subject_end is not None else claim.value_end : claim.end + 60]
    for pattern, slot in _SLOT_WORDS:
        if pattern.search(after[:80]):
            return slot
    return f"open:{noun}"


def _role(claim: Claim, text: str) -> str:
    before = text[max(0, claim.value_start - 40) : claim.value_start]
    after = text[claim.value_end : claim.value_end + 40]
    after_noun = text[claim.subject_end : claim.subject_end + 40] if claim.subject_end and claim.subject_end >= claim.value_end else after
    if _SUBSET_BEFORE.search(before) or _SUBSET_AFTER.search(after) or _SUBSET_AFTER.search(after_noun):
        return "subset"
    if _INCREMENT_BEFORE.search(before) or _INCREMENT_AFTER.search(after) or _BRINGING_AFTER.search(text[claim.value_end : claim.value_end + 120]):
        return "increment"
    if _RATE_AFTER.search(after_noun):
        return "rate"
    clause_start = max(claim.start, claim.value_start - 60)
    noun_end = claim.subject_end if claim.subject_end and claim.subject_end >= claim.value_end else claim.value_end
    if _PERIOD_BEFORE.search(text[clause_start : claim.value_start]) or _PERIOD_AFTER.search(text[noun_end : min(claim.end, noun_end + 80)]):
        return "tally"
    return "total"
