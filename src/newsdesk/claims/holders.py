"""Who and what a claim is about, and whether two claims share a setting: the linked entity at
a claim's subject span or titled with its role, the doers and objects its phrases name, and the
place, doer and date checks that keep claims of different happenings apart (the rules are stated
in ``align``)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from newsdesk.claims.contrary import PART, SAME
from newsdesk.claims.counts import TOLL_NOUNS
from newsdesk.claims.lexicon import NOUN_SYNONYMS, PATIENT_PREDICATES, TARGET_SYNONYMS
from newsdesk.claims.timing import HARM_SLOTS, dated, held_before
from newsdesk.model import Article, Claim, Entity

SAME_EVENT_DAYS = 14  # two claims dated further apart are about different happenings

__all__ = ["Holders", "SAME_EVENT_DAYS"]


class Holders:
    """Which entity a state claim is about: by the mention at its subject span, or by title."""

    def __init__(self, entities: list[Entity], articles: dict[str, Article]):
        self.articles = articles
        self.rising: frozenset[str] = frozenset()  # articles that say a harm figure has grown
        self.by_span: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
        self.by_role: dict[str, list[Entity]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], str] = {}
        for entity in entities:
            for mention in entity.mentions:
                self.by_span[mention.article_id].append((mention.start, mention.end, entity))
                self.by_name[(mention.article_id, mention.text.casefold())] = entity.id
            for role in entity.roles:
                self.by_role[role.casefold()].append(entity)

    def entity(self, claim: Claim) -> Entity | None:
        if claim.subject_start is not None:
            for start, end, entity in self.by_span.get(claim.article_id, ()):
                if start < claim.subject_end and claim.subject_start < end:
                    return entity
        titled = self.by_role.get((claim.subject or "").casefold(), [])
        if titled:
            return max(titled, key=lambda e: len(e.mentions))
        return None

    def setting(self, left: Claim, right: Claim) -> str | None:
        """SAME, PART (only one names a place: it may count a part of the other's whole) or None
        (different places or doers, or dates more than ``SAME_EVENT_DAYS`` apart)."""
        if left.slot in HARM_SLOTS and held_before(left, self.articles[left.article_id]) != held_before(right, self.articles[right.article_id]):
            return None  # a toll of an earlier happening against the story's own
        if dated(left) or dated(right):
            # the articles of one event appear within days: either's publication date stands in for an unnamed date
            # (an undated article by the newest post it embeds: it is no older than that)
            fallback = _reference_date(self.articles[left.article_id]) or _reference_date(self.articles[right.article_id])
            dates = [_day(c.date or _reference_date(self.articles[c.article_id]) or fallback) for c in (left, right)]
            if None not in dates and abs((dates[0] - dates[1]).days) > SAME_EVENT_DAYS:
                return None
        if left.predicate not in PATIENT_PREDICATES and left.actor_start is not None and right.actor_start is not None:
            if not self._actors(left) & self._actors(right):
                return None
        if left.places and right.places:
            return SAME if self._places(left) & self._places(right) else None
        if left.places or right.places:
            named, other = (left, right) if left.places else (right, left)
            # the other's clause names the same place, though not as where it happened
            return SAME if any(place.casefold() in other.text.casefold() for place in named.places) else PART
        return SAME

    def same_doer(self, left: Claim, right: Claim) -> bool:
        return bool(self._actors(left) & self._actors(right))

    def _places(self, claim: Claim) -> set[str]:
        return {self.by_name.get((claim.article_id, place.casefold()), place.casefold()) for place in claim.places}

    def _actors(self, claim: Claim) -> set[str]:
        """The entities named in the actor's words, and its key words: the capitalised ones
        (names), or when it has none its content words, singular ("The Conservatives" and
        "The Conservative party" share "conservative"; "the united opposition" and "the
        opposition alliance" share "opposition")."""
        named = {e.id for start, end, e in self.by_span.get(claim.article_id, ()) if claim.actor_start <= start and end <= claim.actor_end}
        words = re.findall(r"[^\W\d_]+", self.articles[claim.article_id].text[claim.actor_start : claim.actor_end])
        names = [w for w in words if w[0].isupper() and w.casefold() not in _FUNCTION_WORDS]
        keys = names or [w for w in words if w.casefold() not in _FUNCTION_WORDS]
        return named | {_singular(w.casefold()) for w in keys}

    def thing(self, article_id: str, start: int, end: int) -> str:
        """An action's object as a topic key: its linked entity, else its head noun (singular,
        after ``TARGET_SYNONYMS`` and ``NOUN_SYNONYMS``)."""
        named = self._named(article_id, start, end)
        if named:
            return min(named)
        head = _singular(self.articles[article_id].text[start:end].split()[-1].casefold())
        head = TARGET_SYNONYMS.get(head, head)
        return NOUN_SYNONYMS.get(head, head)

    def same_party(self, left: tuple[str, int, int], right: tuple[str, int, int]) -> bool:
        """Whether two phrases ((article id, start, end)) name the same doer or object: the same
        linked entity; or, when either names none, the same head word with modifiers that do
        not conflict (one has none, or they share one)."""
        left_named, right_named = self._named(*left), self._named(*right)
        if left_named and right_named:
            return bool(left_named & right_named)
        left_words, right_words = self._words(*left), self._words(*right)
        if not left_words or not right_words or left_words[-1] != right_words[-1]:
            return False
        left_modifiers, right_modifiers = set(left_words[:-1]), set(right_words[:-1])
        return not left_modifiers or not right_modifiers or bool(left_modifiers & right_modifiers)

    def _named(self, article_id: str, start: int, end: int) -> set[str]:
        """The entities a phrase names: mentions inside it that end with it, so cover its head
        ("the Iranian consulate" names no entity, "the Nord Stream pipelines" neither)."""
        return {e.id for s, t, e in self.by_span.get(article_id, ()) if start <= s and t == end}

    def _words(self, article_id: str, start: int, end: int) -> list[str]:
        words = re.findall(r"[^\W\d_]+", self.articles[article_id].text[start:end])
        return [_singular(w.casefold()) for w in words if w.casefold() not in _FUNCTION_WORDS]

    def written_noun(self, claim: Claim) -> str:
        written = self.articles[claim.article_id].text[claim.subject_start : claim.subject_end].lower() if claim.subject_start is not None else ""
        return claim.subject or "" if written in ("", "one", "nobody", "noone", *TOLL_NOUNS) else written


_FUNCTION_WORDS = frozenset("the a an of its their his her our this that these those and or in on for".split())


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _day(value: str | None) -> date | None:
    """An ISO date, month ("2005-02") or year, as its first day."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return None


def _reference_date(article: Article) -> str | None:
    return article.published or article.published_after
