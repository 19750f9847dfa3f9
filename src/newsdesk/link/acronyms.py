"""Acronyms and the full names they stand for.

In the text (Schwartz and Hearst 2003): "the Rapid Support Forces (RSF)", "the RSF (Rapid
Support Forces)" and "RSF, the Rapid Support Forces" define an acronym: its letters are found,
in order, at the starts of words of the full name going back from its end, the first letter
beginning the full name. A report translated from French or Spanish keeps the acronym of the
original and translates the name ("the Islamic State (EI)"), so a definition in parentheses
also stands when the acronym has one letter for each content word of the name it follows.

Without a definition, an acronym stands for a name whose initials it spells, in order (GM,
General Motors) or, with three letters or more, in another order: the Romance-language
acronym of an English name puts its words the other way round (OTAN for NATO, FMI for IMF).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.link.namekey import CONNECTORS, initials, raw_tokens

MIN_LETTERS, MAX_LETTERS = 2, 8
MIN_PERMUTED = 3  # two-letter acronyms read backwards are other acronyms ("EU" is no "UE")
_ACRONYM = r"[A-Z][A-Za-z.&]{0,9}"
# "Full Name (ABBR)" and "ABBR (Full Name)", within one line of text.
_PARENTHESES = re.compile(r"([^()\n]{2,120}?)\s*\(\s*([^()\n]{1,120}?)\s*\)")
_OPENING = re.compile(r"\(")
_CLOSED = re.compile(r"\(\s*[^()\n]{1,120}?\s*\)")


def _parenthesised(text: str) -> Iterator[re.Match]:
    """``_PARENTHESES.finditer(text)``, the same matches, without trying the pattern from every
    character (3-14 ms an article): a match ends at the first ")" after some "(", and starts at
    most 120 characters (and the spaces) before that "(", after the previous match."""
    position = 0
    for opening in _OPENING.finditer(text):
        at = opening.start()
        closed = _CLOSED.match(text, at) if at >= position else None
        if closed is None:
            continue
        start = at
        while start > 0 and text[start - 1].isspace():  # the \s* before "("
            start -= 1
        match = _PARENTHESES.search(text, max(position, start - 120), closed.end())
        if match is not None:
            yield match
            position = match.end()


# "ABBR, the Full Name" with the full name in capitals.
_APPOSITION = re.compile(r"\b(" + _ACRONYM + r"),\s+the\s+((?:[A-Z][\w'’-]*\s*(?:(?:of|and|for|the|de|du|des|del|la)\s+)*)+)")


def is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    return letters.isalpha() and sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1) \
        and MIN_LETTERS <= len(letters) <= MAX_LETTERS


def letters_of(acronym: str) -> str:
    return re.sub(r"[^a-z]", "", acronym.lower())


def spells(acronym: str, name: str) -> bool:
    """Whether an acronym spells a name's initials, in order or (3 letters or more) in another order."""
    letters, initials_ = letters_of(acronym), initials(name)
    if letters == initials_:
        return True
    return len(letters) >= MIN_PERMUTED and sorted(letters) == sorted(initials_)


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in CONNECTORS]


def _schwartz_hearst(acronym: str, words: list[str]) -> str | None:
    """The shortest end of ``words`` that the acronym abbreviates (its letters matched right to
    left, each inside the words, the first at the start of a word), or None."""
    letters = letters_of(acronym)
    limit = min(len(letters) + 5, 2 * len(letters))
    candidate = words[-limit:]
    text = " ".join(candidate).lower()
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0 and (text[position] != letter or (index == 0 and position > 0 and text[position - 1].isalnum())):
            position -= 1
        if position < 0:
            return None
        position -= 1
    start = text.rfind(" ", 0, position + 2) + 1
    long_form = " ".join(candidate)[start:].strip()
    return long_form if len(long_form.split()) >= 2 or len(long_form) > len(letters) else None


def _name_before(text: str) -> list[str]:
    """The capitalised words ending a stretch of text (its name, with connectors inside)."""
    words = re.findall(r"[\w'’-]+", text)
    name: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or (name and word.lower() in CONNECTORS):
            name.insert(0, word)
        else:
            break
    while name and name[0].lower() in CONNECTORS:
        name.pop(0)
    return name


def definitions(text: str) -> dict[str, str]:
    """Acronym -> the full name the text defines it as."""
    found: dict[str, str] = {}
    for match in _parenthesised(text):
        before, inside = match.group(1), match.group(2)
        if is_acronym(inside):
            words = _name_before(before)
            long_form = _schwartz_hearst(inside, words) if words else None
            if long_form is None and len(_content_words(words)) == len(letters_of(inside)) >= MIN_LETTERS:
                long_form = " ".join(words)  # a translated name keeping its original acronym
            if long_form:
                found.setdefault(inside.replace(".", ""), long_form)
        else:
            words = before.split()
            if words and is_acronym(words[-1]) and _schwartz_hearst(words[-1], inside.split()) == inside:
                found.setdefault(words[-1].replace(".", ""), inside)
    for match in _APPOSITION.finditer(text):
        acronym, name = match.group(1), match.group(2).strip()
        if is_acronym(acronym):
            long_form = _schwartz_hearst(acronym, name.split())
            if long_form and long_form.split()[0] == name.split()[0]:
                found.setdefault(acronym.replace(".", ""), long_form)
    return found


def same_name(long_form: str, name: str) -> bool:
    """Whether a defined full name and an entity's name are one name ("the Rapid Support Forces",
    "Rapid Support Forces"), or the name ends the full one ("Forces" does not: two words at least)."""
    defined, named = _words(long_form), _words(name)
    return defined == named or (len(named) >= 2 and defined[-len(named):] == named)


def _words(name: str) -> list[str]:
    words = raw_tokens(name)
    return words[1:] if words[:1] == ["the"] else words
