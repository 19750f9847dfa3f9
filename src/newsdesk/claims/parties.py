"""Who and what a statement is about, for comparing two statements by their parts (the same
predicate, doer and object; two different named doers): used by ``propositions`` to align
statements across an event's articles."""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from newsdesk.claims.predicates import UNDERGOING, UNDERGONE, meaning
from newsdesk.model import Claim, Entity

SAME_NAME_WORD = 85  # rapidfuzz ratio at which two words of names are one name written two ways
_COORDINATION = re.compile(r",?\s+(?:and|&)\s+|,\s+")  # between coordinated doers
_PRONOUNS = frozenset("i you he she it we they this that these those who which one someone anyone everyone".split())
_LIGHT_PREDICATES = frozenset("be have do get make go take come give include become seem see show".split())


class Parties:
    """Who and what a statement is about, for comparing propositions by their parts: the linked
    entities named in its subject or object, else the phrase's head word."""

    def __init__(self, entities: list[Entity]):
        self.mentions: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        self.ids = frozenset(entity.id for entity in entities)
        self.names = {entity.id: entity.name for entity in entities}
        titled: dict[str, list[Entity]] = defaultdict(list)
        for entity in entities:
            for mention in entity.mentions:
                self.mentions[mention.article_id].append((mention.start, mention.end, entity.id, mention.label))
            for role in entity.roles:
                titled[role.casefold()].append(entity)
        # a title names the event's most mentioned holder of it ("the prime minister")
        self.by_title = {role: max(holders, key=lambda e: len(e.mentions)).id for role, holders in titled.items()}

    def of(self, article_id: str, start: int | None, end: int | None, words: str | None) -> frozenset[str] | None:
        """What a phrase's head names (``start``/``end`` and ``words``: the head with the words
        before it): the linked entity whose mention ends with it ("Iraq's Prime Minister
        Mustafa al-Kadhimi", not Iraq; "Seattle pimps" names no one), else the event's holder of
        a title it gives ("The Prime Minister"), else its head word; None for no phrase or a
        pronoun."""
        if start is None or end is None or not words:
            return None
        named = {entity for s, e, entity, _ in self.mentions.get(article_id, ()) if start <= s < end <= e}
        if named:
            return frozenset(named)
        lowered = words.casefold()
        titled = {entity for title, entity in self.by_title.items() if re.search(rf"\b{re.escape(title)}\b", lowered)}
        if titled:
            return frozenset(titled)
        head = re.findall(r"[^\W\d_]+", lowered)
        if not head or head[-1] in _PRONOUNS:
            return None
        word = head[-1]
        return frozenset({word[:-1] if word.endswith("s") and not word.endswith("ss") else word})

    def doers(self, statement: Claim) -> frozenset[str] | None:
        """What the statement's doer names (``of``), each of coordinated doers ("Broadcom and
        Qualcomm signed the deal" is Broadcom's doing and Qualcomm's)."""
        c = statement
        words = _head_words(c.subject, c.subject_start, c.actor_start, c.actor_end)
        if words is None or not _COORDINATION.search(words):
            return self.of(c.article_id, c.actor_start, c.actor_end, words)
        named: set[str] = set()
        at = 0
        for piece in _COORDINATION.split(words):
            if not piece.strip():
                continue
            at = words.index(piece, at)
            start = c.actor_start + at
            found = self.of(c.article_id, start, start + len(piece.rstrip()), piece.rstrip())
            named |= found or set()
            at += len(piece)
        return frozenset(named) or None

    def same_parts(self, left: Claim, right: Claim, strict: bool = False) -> bool:
        """The same predicate (by class of meaning, not a light verb), the same subject, and
        objects that do not differ: "Dauer hit his head the night before" / "Rich Dauer hit his
        head"; "the race was won by Hamilton" / "Hamilton won the race". ``strict`` (to
        contradict): a doer that is no linked entity is written the same in both ("its ships" of
        a denial may be another country's than "Chinese ships")."""
        verb = _meaning_of(left)
        if verb is None or verb != _meaning_of(right) or verb in _LIGHT_PREDICATES:
            return False
        doers = [self.doers(c) for c in (left, right)]
        objects = [self.of(c.article_id, c.target_start, c.target_end, _head_words(c.target, c.target_start, c.target_start, c.target_end)) for c in (left, right)]
        if _without_doer(left, right):
            # a passive without its agent ("oxygen was supplied" / "oxygen was pumped by the
            # rescuers") is the same proposition when the thing done is the same; a verb of what
            # happens to its subject has it for the thing done ("two people were killed" / "two
            # people died")
            things = [objects[k] if objects[k] is not None or verb not in UNDERGOING else doers[k] for k in (0, 1)]
            return None not in things and bool(things[0] & things[1])
        if None in doers or not doers[0] & doers[1]:
            return False
        if strict and not self.named(left) and _doer_words(left) != _doer_words(right):
            return False
        return None in objects or bool(objects[0] & objects[1])

    def other_doers(self, left: Claim, right: Claim, texts: dict[str, str]) -> bool:
        """Both doers are named in their clauses (a linked entity or a titled holder, not a
        pronoun's antecedent, not the thing done of a passive without its agent) and they share
        neither an entity nor a word of their names: close words about two different people or
        bodies ("the female gorilla Binti Jua gently cradled the child" / "The gorilla named
        Harambe picked the boy up") are two propositions, however alike the sentences. Names
        are compared by their words too, since one person may be linked as two entities across
        outlets ("Perry" / "Shane Perry", "Isaiah" / "Isiah"), and by the whole subject's
        words."""
        if _without_doer(left, right):
            return False
        names = []
        for c in (left, right):
            if c.actor_start is None or not c.start <= c.actor_start < c.end:
                return False
            named = (self.doers(c) or frozenset()) & self.ids
            if not named:
                return False
            # the whole subject's words: a parse that hangs the name on a word before it ("Lap
            # 48 Felipe Massa has a smash") still names the person
            written = texts.get(c.article_id, "")[c.subject_start : c.subject_end]
            words = {w.casefold() for w in re.findall(r"[^\W\d_]+", " ".join([written, *(self.names[e] for e in named)])) if w[0].isupper()}
            names.append((named, words))
        (left_named, left_words), (right_named, right_words) = names
        if left_named & right_named:
            return False
        return not any(fuzz.ratio(a, b) >= SAME_NAME_WORD for a in left_words for b in right_words)

    def named(self, statement: Claim) -> bool:
        """Whether the statement's doer is a linked entity or a title (not only a head word)."""
        found = self.of(statement.article_id, statement.actor_start, statement.actor_end, _head_words(statement.subject, statement.subject_start, statement.actor_start, statement.actor_end))
        return bool(found) and bool(found & self.ids)


def _head_words(words: str | None, words_start: int | None, start: int | None, end: int | None) -> str | None:
    """The words of a phrase from ``start`` to ``end`` (its head with the words before it: "an
    assassination attempt" of "an assassination attempt with armed drones ..."), cut from the
    phrase's ``words``, which begin at ``words_start``."""
    if words is None or words_start is None or start is None or end is None:
        return None
    return words[start - words_start : end - words_start]


def _meaning_of(statement: Claim) -> str | None:
    """The class of meaning of the statement's predicate; of what a passive without its agent
    says its subject underwent ("was killed": died)."""
    if statement.subject_start is not None and statement.subject_start == statement.target_start and statement.predicate in UNDERGONE:
        return meaning(UNDERGONE[statement.predicate])
    return meaning(statement.predicate)


def _doer_words(statement: Claim) -> str:
    words = (_head_words(statement.subject, statement.subject_start, statement.actor_start, statement.actor_end) or "").casefold().split()
    return " ".join(w for w in words if w not in ("the", "a", "an"))


def _without_doer(left: Claim, right: Claim) -> bool:
    """One of the two is a passive without its agent (its subject is the thing done)."""
    return any(c.subject_start is not None and c.subject_start == c.target_start for c in (left, right))
