"""Numbers that identify rather than count: a telephone number given to reach someone ("call
police on 0845 125 2222"). Two reports of one event giving the same line in two ways that
differ by one digit ("0845 125 2222" / "0845 125 222") contradict: one of them has it wrong, and
a reader who calls it reaches nobody.

- **Telephone number**: digit groups split by single spaces or hyphens ("0845 125 2222",
  "0800 555111", "(503) 981-5678", "+44 20 7946 0958"), 9 to 13 digits in all, written as a
  number to reach someone: "call", "contact", "phone", "ring", "dial", "hotline", "number",
  "tel" or "on" shortly before it. Figures with commas, dates and counts are never read.
- **The same line two ways**: the digits (spacing ignored) differ by exactly one edit (a digit
  dropped, added or changed), in two reports of which neither gives both. Numbers further apart are different lines (the police's and
  Crimestoppers'), and the same digits spaced differently ("0800 555 111" / "0800 555111")
  are one number.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from rapidfuzz.distance import Levenshtein

from newsdesk.model import Claim, Finding, Support

MIN_DIGITS, MAX_DIGITS = 9, 13
_PHONE = re.compile(
    r"(?<![\w,.])(?:\+\d{1,3}[ -]?)?(?:\(\d{2,5}\)|\d{2,5})(?:[ -]\d{2,6}){1,3}(?![\w,]|[.]\d|[ -]\d)"
)
_TO_REACH = re.compile(r"\b(?:call|calls|calling|contact|contacting|phone|ring|dial|hotline|helpline|number|tel|on)\b\W{0,3}(?:\w+\W+){0,3}$", re.IGNORECASE)

__all__ = ["identifier_contradictions"]


def identifier_contradictions(statements: list[Claim]) -> list[Finding]:
    """Contradictions between reports giving one telephone line with one digit different."""
    numbers: dict[str, dict[str, Claim]] = defaultdict(dict)  # digits -> article -> statement
    for statement in statements:
        for match in _PHONE.finditer(statement.text):
            digits = re.sub(r"\D", "", match.group(0))
            if MIN_DIGITS <= len(digits) <= MAX_DIGITS and _TO_REACH.search(statement.text[max(0, match.start() - 40) : match.start()]):
                numbers[digits].setdefault(statement.article_id, statement)
    findings = []
    for left, right in itertools.combinations(sorted(numbers), 2):
        if Levenshtein.distance(left, right) != 1 or set(numbers[left]) & set(numbers[right]):
            continue  # far apart: two lines; or one report gives both: two lines of its own
        support = tuple(
            Support(s.article_id, s.start, s.end, s.text, value=digits, voice=s.voice, speaker=s.speaker, chain=s.chain, negated=s.negated)
            for digits in (left, right) for s in numbers[digits].values()
        )
        findings.append(Finding(summary=f"telephone number: {left} vs {right}", kind="contradiction", support=support, claim_kind="statement"))
    return findings
