"""Whether an act is done or still to come: "The Mysore will eventually replace the Tabar" against
"INS Mysore, which replaced stealth frigate INS Tabar early December" (dev, ECB+ 12). Readings
for ``disputes``: the holder is the act (its verb's lemma) between two names (its doer's and its
object's last capitalised word, "Mysore" / "Tabar"), the value *done* or *planned*.

- *Planned*: "will", "shall", "is to", "is set / expected / due / scheduled to" before the
  verb in its base form. "Would" is not read (a condition, or a report of an old plan).
- *Done*: the verb's regular past ("replaced", "has replaced"); irregular pasts are not read.
- A negated or hedged clause, a doer or object without a name, is not read; nor a clause that
  names another time or a repetition ("DeGeneres previously hosted the 79th Oscars in 2007" /
  "will host the Oscars for a second time", ECB+ 2: a recurring act), nor a participle with its
  agent ("the 2007 Oscars hosted by DeGeneres").
- A plan reported earlier than the deed is news (it happened since): the two contradict only
  when the report saying *planned* is not known to be the earlier one (``disputes``).
"""

from __future__ import annotations

import re

from newsdesk.claims.dispute_readings import OTHER_TIME, Reading, sentence_of
from newsdesk.model import Analysis, Claim

STATUS = "status of the act"
PLANNED, DONE = "planned", "done"
_FUTURE = r"\b(?:will|shall|(?:is|are)\s+(?:set\s+|expected\s+|due\s+|scheduled\s+)?to)\s+(?:\w+ly\s+)?"
_AGAIN = re.compile(r"\b(?:again|second|third|fourth|another|next|last)\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"\b[A-Z][a-z][\w’'-]*")
_NOT_A_NAME = frozenset("The A An This That These Those His Her Its Their".split())

__all__ = ["DONE", "PLANNED", "STATUS", "planned_before_done", "status_readings"]


def status_readings(analysis: Analysis) -> list[Reading]:
    readings = []
    for claim in analysis.claims:
        if claim.kind != "statement" or claim.negated or claim.hedge or not claim.predicate or not claim.predicate.isalpha():
            continue
        if OTHER_TIME.search(claim.text) or _AGAIN.search(claim.text):
            continue  # another time of a recurring act ("previously hosted the Oscars in 2007" / "will host the Oscars for a second time")
        doer, thing = _name(claim.subject), _name(claim.target)
        if doer is None or thing is None:
            continue
        value = _status(claim)
        if value is None:
            continue
        sentence_start, sentence_end = sentence_of(analysis, claim.start)
        holder = f"{doer} {claim.predicate} {thing}"
        readings.append(Reading(f"act:{holder.casefold()}", STATUS, value, analysis.article.id, claim.start, claim.end, claim.text, holder, analysis.prose[sentence_start:sentence_end], True, claim.speaker if claim.voice == "attributed" else None, analysis.article.published))
    return readings


def _name(phrase: str | None) -> str | None:
    words = [w for w in _NAME_WORD.findall(phrase or "") if w not in _NOT_A_NAME]
    return words[-1] if words else None


def _status(claim: Claim) -> str | None:
    lemma = claim.predicate
    if re.search(_FUTURE + re.escape(lemma) + r"\b", claim.text, re.IGNORECASE):
        return PLANNED
    past = lemma + "d" if lemma.endswith("e") else lemma[:-1] + "ied" if re.search(r"[^aeiou]y$", lemma) else lemma + "ed"
    if re.search(r"(?<!\bto )\b" + re.escape(past) + r"\b(?!\s+by\b)", claim.text, re.IGNORECASE) and not re.search(_FUTURE + r"(?:have\s+)?" + re.escape(past), claim.text, re.IGNORECASE):
        return DONE
    return None


def planned_before_done(planned: Reading, done: Reading) -> bool:
    """Whether the report of the plan is known to precede the report of the deed (an earlier
    day, or an earlier time of one day when both give one)."""
    if not planned.published or not done.published:
        return False
    if planned.published[:10] != done.published[:10]:
        return planned.published[:10] < done.published[:10]
    return len(planned.published) > 10 and len(done.published) > 10 and planned.published < done.published
