"""Who a statement's doer is when its subject does not name them: "he" or "she" for the person
last named, a definite description by age ("the 29-year-old") for the person the article gives
that age, the noun a relative clause qualifies. News names a person once and goes on with a
pronoun or a description; comparing statements across outlets needs the name."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsdesk.claims.predicates import SAYING_VERBS

_PERSONAL = frozenset({"he", "she"})
PRONOUN_REACH = 3  # sentences back to look for the person "he" or "she" stands for


def named_doer(subject: Token, verb: Token, embedded: set[int]) -> Span | None:
    """Who a clause's subject stands for, when its own phrase does not name them (None then):
    the noun a relative or participial clause qualifies, without the clause; for "he" or "she",
    the person last named (a PERSON
    entity, or an untyped proper noun as a sentence's subject, in this or the
    ``PRONOUN_REACH`` sentences before; not who says something), since news names a person and
    then goes on with a pronoun ("Lewis Hamilton ... He took the win")."""
    doc = subject.doc
    if verb.i in embedded and not verb.is_ancestor(subject) and any(c.dep_ in ("relcl", "acl") for c in subject.children):
        return doc[subject.left_edge.i : subject.i + 1]
    age = _described_age(subject)
    if age is not None:
        # "the 37-year-old" for a person named before: the one whose age the article gives as
        # that ("Michael Neu, 67, ..."), else the person last named, as for "he"
        person = _person_aged(doc[: subject.sent.start], age)
        if person is not None:
            return person
    if (subject.lower_ in _PERSONAL or age is not None) and subject.dep_ in ("nsubj", "nsubjpass", "pobj", "amod"):
        earliest = subject.sent.start
        for _ in range(PRONOUN_REACH):
            if earliest == 0:
                break
            earliest = doc[earliest - 1].sent.start
        for token in reversed(doc[earliest : subject.i]):
            if _speaker(token):
                continue
            if token.ent_type_ == "PERSON":
                return next(e for e in doc.ents if e.start <= token.i < e.end)
            if token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass") and _surname_like(token):
                # a surname the small tagger left untyped or took for an organisation, as the
                # subject of a sentence ("Dauer had previously decided ...")
                return doc[min([token.i] + [c.i for c in token.children if c.dep_ == "compound"]) : token.i + 1]
    return None


_AGE = re.compile(r"the\s+(\d{1,3})-year-old\b", re.IGNORECASE)


def _described_age(subject: Token) -> int | None:
    """The age of a subject that is a definite description by age and nothing else names ("the
    29-year-old", "The 37-year-old Finnish driver"): news names a person once and then goes on
    with their age. "A 3-year-old got into the enclosure" introduces someone new."""
    phrase = subject.doc[subject.left_edge.i : subject.i + 1]
    if any(t.pos_ == "PROPN" for t in phrase):
        return None
    found = _AGE.match(phrase.text)
    return int(found.group(1)) if found else None


def _person_aged(before: Span, age: int) -> Span | None:
    """The person named in ``before`` with that age: "Michael Neu, 67," or "67-year-old Michael
    Neu"; the last such."""
    doc = before.doc
    found = None
    for entity in (e for e in doc.ents if e.label_ == "PERSON" and e.end <= before.end):
        after = doc[entity.end : entity.end + 2]
        ahead = doc[max(entity.start - 5, 0) : entity.start].text
        if (len(after) == 2 and after[0].text in (",", "(") and after[1].text == str(age)) or re.search(rf"\b{age}-year-old\s*$", ahead):
            found = entity
    return found


def age_subject(verb: Token) -> Token | None:
    """"The 67-year-old faces ...": a description by age the small parser hangs on the verb as
    a modifier, standing as its subject."""
    described = next((c for c in verb.children if c.dep_ == "amod" and c.i < verb.i), None)
    return described if described is not None and _described_age(described) is not None else None


def _surname_like(token: Token) -> bool:
    if not token.ent_type_:
        return True
    return token.ent_type_ == "ORG" and token.ent_iob_ == "B" and (token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")


def _speaker(name: Token) -> bool:
    """The name of who says something ("said Dr. James Muntz, ..."): the "he" of the quote is
    someone else."""
    while name.dep_ in ("appos", "compound", "conj") and name.head.i != name.i:
        name = name.head
    return name.dep_ in ("nsubj", "nsubjpass") and name.head.lemma_.lower() in SAYING_VERBS
