"""Two clauses that read alike but do not state the same proposition, whatever the encoder
scores them: they give the same kind of detail, each in a value the other lacks.

- **Numbers at odds.** Both clauses give numbers and each gives one the other does not ("call
  police on 0845 125 2222" / "contact them on 0845 125 222"; "killed more than 26, 000 people
  in ... Bam" / "more than 31, 000 people were killed in ... Bam"). Until now only clauses with
  no number in common were set apart (``propositions``); a shared number beside it (the area
  code, the year) made them agree. One clause giving a number more than the other ("killed 10
  and injured 50" / "killed 10") still agrees: it says more, not something else. Where the
  figures are lined up, they decide (agreement, precision, update or contradiction).
- **Directions at odds.** Both clauses put something at a distance in a compass direction
  ("about 25 miles east of Houston" / "about 25 miles northwest of where he escaped") and no
  direction of one shares a point with one of the other: the same distance from two places, or
  one place put in two directions (``bearings`` then says which); "south-west" beside "south"
  is only less precise and does not set them apart.
- **Months at odds.** Both clauses name a month and no month in common ("replaced ... INS
  Tabar in November-end" / "replaced ... INS Tabar early December"): one happening placed at
  two times is a conflict of time (``disputes``), not an agreement.

Found on the dev events of tests/gold/claims/corpus.json among the statement agreements the
gold lists as a conflict (issue 15, docs/claims.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.claims.bearings import bearings_given
from newsdesk.claims.numbers import number_value
from newsdesk.model import Claim

_MONTHS = re.compile(r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.IGNORECASE)
_CAPITALISED_MAY = re.compile(r"\bMay\b")

__all__ = ["at_odds"]


def at_odds(left: Claim, right: Claim) -> bool:
    """The two clauses give the same kind of detail in values neither shares (module docstring)."""
    if _numbers_at_odds(left.text, right.text):
        return True
    bearings_left, bearings_right = bearings_given(left.text), bearings_given(right.text)
    if bearings_left and bearings_right and not any(a & b for a in bearings_left for b in bearings_right):
        return True
    months_left, months_right = _months(left.text), _months(right.text)
    return bool(months_left) and bool(months_right) and not months_left & months_right


def _numbers_at_odds(left: str, right: str) -> bool:
    """A number only one clause gives and a number only the other gives, in the same place: the
    same word before or after each ("on 0845 125 2222" / "on 0845 125 222": after "125"; "more
    than 26, 000 people" / "more than 31, 000 people": after "than")."""
    a, b = _numbered(left), _numbered(right)
    only_a = {c for v, c in a if v not in {w for w, _ in b}}
    only_b = {c for v, c in b if v not in {w for w, _ in a}}
    return any((x[0] is not None and x[0] == y[0]) or (x[1] is not None and x[1] == y[1]) for x in only_a for y in only_b)


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")
_GLUE = frozenset({"and", "or", "to", "of", "the", "a", "an", "in", "at", "on", "by", "for", "with", "from", "about", "around", "some", "nearly", "almost"})


@lru_cache(maxsize=20_000)
def _numbered(text: str) -> frozenset[tuple[float, tuple[str | None, str | None]]]:
    """Each number of the clause with the words around it (None for a word of no weight)."""
    tokens = _TOKEN.findall(text.lower())
    found = set()
    for i, token in enumerate(tokens):
        if not token[0].isdigit() or (value := number_value(token)) is None:
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        found.add((value, (None if before in _GLUE else before, None if after in _GLUE else after)))
    return frozenset(found)


def _months(text: str) -> frozenset[str]:
    found = set()
    for match in _MONTHS.finditer(text):
        word = match.group(1)
        if word.lower() == "may" and not _CAPITALISED_MAY.fullmatch(word):
            continue  # the verb "may", not the month
        if word.lower() in ("mar", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec") and not word[0].isupper():
            continue
        found.add(word[:3].lower())
    return frozenset(found)
