"""A person's name written two ways by two reports: "Brian Dalton" in one, "Bryant Dalton" in
the others; "Latoya Brown" / "Latonya Brown" (dev, ECB+ 22). Which spelling is right is a fact a
reader must check, so the two are a contradiction.

A pair is read from the tagger's person names of two words or more (first word, last word):
the same family name, given names that are near (at most ``NEAR_LETTERS`` edits, the same
first letter) but not one name:

- **Not one name in two romanisations.** "Heidar" / "Heydar" Alishvandi, "Masoud" / "Massoud"
  Dalman (dev, the Qeshm quake of 2005: the gold does not call them contradictions) differ only
  in what transliteration leaves open: y for i, a doubled letter, ou for u, ph for f, an h after
  a consonant. Names whose skeletons (``_skeleton``) are equal are one name.
- **Not a short form.** "Chris" / "Christopher", "Dan" / "Daniel": one is the start of the
  other; nor a pet form, the start with -y or -ie ("Jerry" / "Jeremy", "Lenny" / "Lennie": ECB+
  16, where Jeremy Ortiz is also the son of Deputy Jerry Ortiz).
- **Not a title.** "Mrs" / "Ms" McMeekin; a word in capitals ("ADA Fairman") is an abbreviation.
- **Two ages are two people.** "John Smith, 45" and "Joan Smith, 43" are a husband and a wife,
  not one name misspelt: a pair whose spellings carry ages is read only when an age is shared.
- **A voice does not contradict itself.** A report that writes both names (or a different
  name of that family name near one of them) may speak of two people ("Daniel and Danielle
  Smith"): the pair is dropped when one report uses both.
"""

from __future__ import annotations

import re
from collections import defaultdict

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from newsdesk.model import Analysis, Finding, Support

NEAR_LETTERS = 2  # dev: Brian / Bryant (2), Latoya / Latonya (1); Jos / Max Verstappen (3) are father and son
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady prof rev fr sr st gen col capt cpt maj lt sgt cpl det insp supt".split())
_NAME_WORD = re.compile(r"[A-Z][a-z][\w’'-]*\.?$")
_AGE_AFTER = re.compile(r",\s*(\d{1,3})\b(?!,\d)")
_PET_ENDING = re.compile(r"(?:ie|ey|y|i|e)$")
_ROMANISED = ((re.compile(r"ph"), "f"), (re.compile(r"ou"), "u"), (re.compile(r"y"), "i"), (re.compile(r"(?<=[bcdgkst])h"), ""), (re.compile(r"(.)\1+"), r"\1"))

__all__ = ["name_contradictions"]


def name_contradictions(analyses: list[Analysis]) -> list[Finding]:
    """One finding per family name whose given name the event's reports spell two ways."""
    spelled: dict[str, dict[str, list[tuple[Analysis, int, int]]]] = defaultdict(lambda: defaultdict(list))
    for analysis in analyses:
        for mention in analysis.mentions:
            name = _given_and_family(mention.text) if mention.label == "PERSON" else None
            if name:  # "LaTonya" and "Latonya" are one spelling
                spelled[name[1]][name[0].casefold()].append((analysis, mention.start, mention.end))
    findings = []
    for family, given in spelled.items():
        names = sorted(given, key=lambda g: -len({a.article.id for a, _, _ in given[g]}))
        for i, left in enumerate(names):
            for right in names[i + 1 :]:
                if _two_ways(left, right) and not _one_report_gives_both(given[left], given[right]) and not _two_ages(given[left], given[right]):
                    findings.append(_finding(given[left], given[right]))
    return findings


def _given_and_family(text: str) -> tuple[str, str] | None:
    words = text.split()
    if len(words) < 2 or not all(_NAME_WORD.match(w) for w in (words[0], words[-1])):
        return None
    given, family = words[0].rstrip("."), words[-1]
    if given.casefold() in HONORIFICS or len(given) < 3:
        return None
    return given, family.casefold()


def _two_ways(left: str, right: str) -> bool:
    a, b = left.casefold(), right.casefold()
    if a == b or a[0] != b[0] or a.startswith(b) or b.startswith(a) or _pet_form(a, b) or _pet_form(b, a):
        return False
    return Levenshtein.distance(a, b) <= NEAR_LETTERS and _skeleton(a) != _skeleton(b)


def _pet_form(short: str, name: str) -> bool:
    """Whether ``short`` is the start of ``name`` with a pet ending: "jerry" of "jeremy"."""
    stem = _PET_ENDING.sub("", short)
    stem = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return stem != short and len(stem) >= 2 and name.startswith(stem)


def _skeleton(name: str) -> str:
    """The name with what romanisation leaves open taken out: "heydar" and "heidar" are one."""
    name = anyascii(name).casefold()
    for pattern, replacement in _ROMANISED:
        name = pattern.sub(replacement, name)
    return name


def _one_report_gives_both(left: list, right: list) -> bool:
    return bool({a.article.id for a, _, _ in left} & {a.article.id for a, _, _ in right})


def _two_ages(left: list, right: list) -> bool:
    ages = [{m.group(1) for a, _, end in spans if (m := _AGE_AFTER.match(a.article.text, end))} for spans in (left, right)]
    return bool(ages[0] and ages[1] and not ages[0] & ages[1])


def _finding(left_spans: list, right_spans: list) -> Finding:
    sides = [[(a, start, end, a.article.text[start:end]) for a, start, end in spans] for spans in (left_spans, right_spans)]
    values = [side[0][3].split()[0].rstrip(".") for side in sides]
    support = tuple(
        Support(a.article.id, start, end, text, value=value, voice="author", hedged=False, negated=False)
        for value, side in zip(values, sides)
        for a, start, end, text in side
    )
    return Finding(summary=f"{sides[0][0][3].split()[-1]} (name): {values[0]} vs {values[1]}", kind="contradiction", support=support, claim_kind="statement")
