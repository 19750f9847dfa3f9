"""A nationality adjective the tagger glued to a person's name: "the Iranian Suleimani".

The small English tagger often takes a nationality written before a name into the name's span,
and then mistypes the whole span: "the Iranian Suleimani" and "the American Hasim Rahman" become
organisations, "unbeaten Russian Alexander Povetkin" a person whose name starts with "Russian".
The nationality is no part of the name, so the span is cut to the name and the adjective becomes
a nationality mention (NORP) of its own. The cut name is a person when the tagger said so or when
the article (or, when linking, another article of the event) writes that name elsewhere as a
person (a tagged person whose name holds it);
otherwise ("the Iranian Red Crescent", "the Indian Navy") the span stays as tagged.

A word is a nationality when the tagger labels it NORP on its own somewhere in the article, or
when it ends like a demonym (-an, -ian, -i, -ese, -ish) and its stem is a one-word country
name but for its last few letters ("Iraq-i", "Americ-an", "Chin-ese", "Brit-ish"); a word that
is itself a place ("Jordan") is not, nor a given name that merely starts a longer country name
("Christ-ian", Christmas Island).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.model import Mention

DEMONYM_SUFFIXES = ("ian", "ese", "ish", "an", "i")
MIN_STEM = 4  # shorter stems start country names by chance ("Rom-an", "Pol-ish")
MAX_STEM_CUT = 3  # letters of the country's one-word name past the stem ("Brit-ain", "Leban-on")
# a name as written: a few capitalised words or particles ("Qasem Soleimani", "Abu al-Muhandis"),
# not "Aeronautic Defense & Space Company (EADS" nor "Prime Minister John Howard and federal ..."
_NAME = re.compile(r"^(?:(?:[A-Z][\w'’.-]*|al-\w+|al|bin|ibn|de|van|von|da|del|la|le|el)(?:\s+|$)){1,5}$")
_FIRST_WORD = re.compile(r"^(?:the\s+|The\s+)?(?:[a-z]+\s+)?(?P<word>[A-Z][a-z]+)\s+(?=[A-Z])")


def without_glued_nationality(mentions: list[Mention], evidence: Evidence | None = None) -> list[Mention]:
    """The mentions, with every nationality glued before a person's name cut off as its own mention
    (``evidence``: what the other articles of the event say, see ``evidence_of``)."""
    own = evidence_of(mentions)
    nationalities = own.nationalities | (evidence.nationalities if evidence else frozenset())
    people = own.people | (evidence.people if evidence else frozenset())
    result = []
    for mention in mentions:
        result += _split(mention, nationalities, people) or [mention]
    return result


@dataclass(frozen=True)
class Evidence:
    nationalities: frozenset[str]  # words tagged NORP on their own
    people: frozenset[tuple[str, ...]]  # token keys of the names tagged PERSON


def evidence_of(mentions: Iterable[Mention]) -> Evidence:
    mentions = list(mentions)
    return Evidence(frozenset(m.text for m in mentions if m.label == "NORP" and " " not in m.text.strip()),
                    frozenset(_keys(m.text) for m in mentions if m.label == "PERSON"))


def _split(mention: Mention, tagged: frozenset[str], people: frozenset[tuple[str, ...]]) -> list[Mention] | None:
    match = _FIRST_WORD.match(mention.text)
    if match is None or mention.label == "NORP" or not is_nationality(match.group("word"), tagged):
        return None
    name = mention.text[match.end():]
    if not _NAME.match(name) or mention.label != "PERSON" and not _written_as_person(_keys(name), people):
        return None
    word_start = mention.start + match.start("word")
    adjective = Mention(mention.article_id, word_start, word_start + len(match.group("word")), match.group("word"),
                        "NORP", mention.sentence)
    named = Mention(mention.article_id, mention.start + match.end(), mention.end, name, "PERSON", mention.sentence)
    return [adjective, named]


def is_nationality(word: str, tagged: frozenset[str] = frozenset()) -> bool:
    return word in tagged or _names_a_country_people(word)


@lru_cache(maxsize=4096)
def _names_a_country_people(word: str) -> bool:
    from newsdesk.link.places import country_names, exact_place

    if exact_place(word) is not None:
        return False
    stems = [word[: -len(s)].lower() for s in DEMONYM_SUFFIXES if word.lower().endswith(s) and len(word) - len(s) >= MIN_STEM]
    return any(name.startswith(stem) and len(name) - len(stem) <= MAX_STEM_CUT
               for stem in stems for name in country_names() if " " not in name)


def _keys(name: str) -> tuple[str, ...]:
    from newsdesk.link.namekey import bare_tokens, split_title

    return bare_tokens(split_title(name, person=True)[0])


def _written_as_person(name: tuple[str, ...], people: frozenset[tuple[str, ...]]) -> bool:
    """Whether a tagged person's name holds this name's last word ("Suleimani" in "Qasem Soleimani")."""
    from newsdesk.link.similarity import token_similarity, SAME_TOKEN

    return bool(name) and any(
        person and token_similarity(person[-1], name[-1]) >= SAME_TOKEN for person in people
    )
