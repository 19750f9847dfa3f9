"""Turn a speaker phrase into a speaker: a name where the article gives one, else the phrase itself.

Pronouns and role phrases ("he", "the minister") take the nearest compatible
person named in the article; a role nobody in the article is named with stays
as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsdesk.model import Analysis, Mention
from newsdesk.quotes.lexicon import (
    ANONYMOUS_HEADS,
    BODY_HEADS,
    DOCUMENT_HEADS,
    FIRST_PERSON,
    NOT_PEOPLE,
    PERSON_PRONOUNS,
    ROLE_HEADS,
)

_BODY_LABELS = ("ORG", "GPE", "NORP", "FAC")
_FUNCTION_POS = ("DET", "ADP", "PUNCT", "CCONJ", "PART", "PRON")
_SUBJECT_REACH = 400  # characters back from a pronoun in which a named subject outranks a nearer name


@dataclass(frozen=True)
class Speaker:
    name: str | None
    start: int  # span of what was written
    end: int
    source_kind: str
    first_person: bool = False


class SpeakerResolver:
    """Resolves speaker phrases against the named people of one article."""

    def __init__(self, analysis: Analysis, doc: Doc, quoted: list[tuple[int, int]]):
        self.doc = doc
        self.text = doc.text
        self.people = [
            m for m in analysis.mentions
            if m.label == "PERSON" and m.text.lower() not in NOT_PEOPLE and not _inside(m.start, quoted)
        ]
        self.bodies = [m for m in analysis.mentions if m.label in _BODY_LABELS]

    def resolve(self, phrase: Span, head: Token) -> Speaker:
        start, end = phrase.start_char, phrase.end_char
        lower = head.lower_
        if lower in FIRST_PERSON:
            return Speaker(head.text, head.idx, head.idx + len(head), "unknown", first_person=True)
        if lower in PERSON_PRONOUNS:
            person = self._nearest_person_before(head.idx)
            name = self._fullest_name(person) if person else None
            return Speaker(name or head.text, head.idx, head.idx + len(head), "named_person" if name else "unknown")
        if lower == "they":
            return Speaker(head.text, head.idx, head.idx + len(head), "anonymous")
        person = self._person_at(phrase, head)
        if person is not None:
            return Speaker(person.text, person.start, person.end, "named_person")
        lemma = head.lemma_.lower()
        if lemma in ANONYMOUS_HEADS or lower in ANONYMOUS_HEADS:
            return Speaker(phrase.text, start, end, "anonymous")
        if lemma in DOCUMENT_HEADS:
            return Speaker(phrase.text, start, end, "document")
        if lemma in ROLE_HEADS:
            holder = self._role_holder(phrase, head)
            if holder is not None:
                return Speaker(self._fullest_name(holder), start, end, "named_person")
            definite = phrase[0].lower_ in ("the", "this", "that") or phrase[0].pos_ == "PROPN"
            return Speaker(phrase.text, start, end, "named_person" if definite else "anonymous")
        if head.pos_ == "PROPN" and any(_surname(m.text) == head.lower_ for m in self.people):
            return Speaker(phrase.text, start, end, "named_person")  # the tagger took a known person for something else
        body = next((m for m in self.bodies if m.start <= head.idx < m.end), None)
        if body is not None:
            return Speaker(body.text, body.start, body.end, "official_body")
        if lemma in BODY_HEADS:
            return Speaker(phrase.text, start, end, "official_body")
        inside = [m for m in self.people if start <= m.start and m.end <= end]
        if inside:
            return Speaker(inside[0].text, inside[0].start, inside[0].end, "named_person")
        if head.pos_ == "PROPN":
            return Speaker(phrase.text, start, end, "named_person")
        return Speaker(phrase.text, start, end, "unknown")

    def _person_at(self, phrase: Span, head: Token) -> Mention | None:
        """The person the phrase names: its head, or a name in apposition to it."""
        anchors = [head] + [
            c for c in head.children
            if c.dep_ == "compound"
            or c.dep_ == "appos" and ("," in self.text[head.idx : c.left_edge.idx] or c.left_edge.i == head.i + 1)
        ]
        for anchor in anchors:
            for mention in self.people:
                if mention.start <= anchor.idx < mention.end and phrase.start_char <= mention.start < phrase.end_char + 1:
                    return mention
            for token in anchor.subtree if anchor is not head else ():
                for mention in self.people:
                    if mention.start <= token.idx < mention.end:
                        return mention
        return None

    def _nearest_person_before(self, offset: int) -> Mention | None:
        """The person a pronoun stands for: the nearest one named as the subject of a clause
        within reach, else the nearest one named at all. News names its speaker as a subject
        ("Capaldi is best known for his role as Malcolm Tucker. "…," he said"), while people
        named in passing sit in objects and complements."""
        candidates = [m for m in self.people if m.end <= offset and not _possessive(self.text, m.end)]
        if not candidates:
            return None
        subjects = [m for m in candidates if offset - m.end <= _SUBJECT_REACH and self._is_subject(m)]
        return max(subjects or candidates, key=lambda m: m.end)

    def _is_subject(self, person: Mention) -> bool:
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def _fullest_name(self, person: Mention) -> str:
        """The longest way the article writes this person's name ("Kazemi" -> "Mustafa al Kazemi")."""
        surname = _surname(person.text)
        variants = [m.text for m in self.people if _surname(m.text) == surname]
        return max(variants, key=len) if variants else person.text

    def _role_holder(self, phrase: Span, head: Token) -> Mention | None:
        wanted = {t.lower_ for t in phrase if t.pos_ not in _FUNCTION_POS and not t.is_punct}
        best: tuple[int, Mention] | None = None
        for person in self.people:
            if phrase.start_char <= person.start < phrase.end_char:
                continue
            context = self._title_context(person)
            if head.lower_ not in context and head.lemma_.lower() not in context:
                continue
            if len(wanted & context) * 3 < len(wanted) * 2:
                continue
            # Prefer the nearest holder before the phrase, then the nearest after it.
            distance = phrase.start_char - person.end if person.end <= phrase.start_char else 10**6 + person.start
            if best is None or distance < best[0]:
                best = (distance, person)
        return best[1] if best else None

    def _title_context(self, person: Mention) -> set[str]:
        """Words around a name that give the person's role: a title before it or an apposition after it."""
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None:
            return set()
        sentence = span.sent
        words = [t.lower_ for t in self.doc[max(sentence.start, span.start - 8) : span.start]]
        words += [t.lemma_.lower() for t in self.doc[max(sentence.start, span.start - 8) : span.start]]
        after = span.end
        if after < len(self.doc) and self.doc[after].text in (",", "("):
            for token in self.doc[after + 1 : min(sentence.end, after + 12)]:
                if token.text in (",", ")", ".", ";"):
                    break
                words += [token.lower_, token.lemma_.lower()]
        return set(words)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _possessive(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s") or text[end - 2 : end] in ("'s", "’s")


def _surname(name: str) -> str:
    return name.replace("-", " ").split()[-1].lower() if name.split() else name.lower()
