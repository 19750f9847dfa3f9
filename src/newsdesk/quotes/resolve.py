"""Turn a speaker phrase into a speaker: a name where the article gives one, else the phrase itself.

Pronouns and role phrases ("he", "the minister") take the nearest compatible
person named in the article; a role nobody in the article is named with stays
as written. A pronoun never takes a name from the words it is said to report
("Jackson was on probation, he said": he is not Jackson), a name in brackets
(a photo credit) or a name of the other gender where the article shows it.
"They", "it" and "the sources" take the unnamed source or the body the text
spoke of just before; unnamed sources keep whom they are close to.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Doc, Span, Token

from newsdesk.analyse.text import doc_text
from newsdesk.model import Analysis, Mention
from newsdesk.quotes.lexicon import (
    ANONYMOUS_HEADS,
    BODY_HEADS,
    COMPANY_HEADS,
    DOCUMENT_HEADS,
    FEMALE_TITLES,
    FIRST_PERSON,
    MALE_TITLES,
    MEDIA_HEADS,
    NOT_PEOPLE,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    ROLE_HEADS,
    ROLE_SYNONYMS,
    SPEECH_VERBS,
    UNNAMED_PERSON_HEADS,
)
from newsdesk.quotes.speakers import bare_definite, close_to, definite_common, given_as_source, phrase_of, relative_antecedent

_BODY_LABELS = ("ORG", "GPE", "NORP", "FAC")
_FUNCTION_POS = ("DET", "ADP", "PUNCT", "CCONJ", "PART", "PRON")
_SUBJECT_REACH = 400  # characters back from a pronoun in which a named subject outranks a nearer name
_SOURCE_REACH = 600  # characters back in which "they", "it" or "the sources" find what they stand for
_BODY_SOURCE_REACH = 1500  # ... and in which "the company" finds a body the text gave as a source
_MAX_NAME_TOKENS = 3  # a name after a title: "Governor Mehdi Irannejad"
_FEMALE_PRONOUNS = frozenset(("she", "her"))


@dataclass(frozen=True)
class Speaker:
    name: str | None
    start: int  # span of what was written
    end: int
    source_kind: str
    first_person: bool = False
    close_to: str | None = None  # unnamed sources: whom they are close to
    no_referent: bool = False  # "it said" with no body to stand for: no speaker, no quote


class SpeakerResolver:
    """Resolves speaker phrases against the named people of one article."""

    def __init__(self, analysis: Analysis, doc: Doc, quoted: list[tuple[int, int]]):
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions = analysis.mentions
        self.people = [
            m for m in analysis.mentions
            if m.label == "PERSON" and m.text.lower() not in NOT_PEOPLE and not _inside(m.start, quoted)
        ]
        self.people += _titled_names(analysis.article.id, doc, self.people, quoted)
        self.bodies = [m for m in analysis.mentions if m.label in _BODY_LABELS]
        self._genders: dict[str, str | None] = {}  # by surname: every pronoun asks again of each person before it

    def resolve(self, phrase: Span, head: Token, content: tuple[int, int] | None = None) -> Speaker:
        """``content`` is the span of the words the speaker is said to have said, if known."""
        speaker = self._resolve(phrase, head, content)
        if speaker.close_to is None and speaker.source_kind in ("anonymous", "official_body", "unknown"):
            # "said the Democrat who is familiar with efforts by Obama ...": the clause on the source's noun
            described = self.doc[head.left_edge.i : head.right_edge.i + 1]
            if content is None or not (described.start_char < content[1] and content[0] < described.end_char):
                speaker = replace(speaker, close_to=close_to(described.text))
        return speaker

    def _resolve(self, phrase: Span, head: Token, content: tuple[int, int] | None) -> Speaker:
        start, end = phrase.start_char, phrase.end_char
        antecedent = relative_antecedent(phrase, head)
        if antecedent is not None:  # "five aid workers in the camp, all of whom said": the workers
            found = self._resolve(phrase_of(antecedent), antecedent, content)
            return replace(found, start=start, end=end) if found.source_kind != "named_person" else found
        lower = head.lower_
        if lower in FIRST_PERSON:
            return Speaker(head.text, head.idx, head.idx + len(head), "unknown", first_person=True)
        if lower in PERSON_PRONOUNS:
            gender = "female" if lower in _FEMALE_PRONOUNS else "male"
            person = self._nearest_person_before(head.idx, content, gender)
            unnamed = self._unnamed_subject_before(head.idx, content, gender, after=person.end if person else 0)
            if unnamed is not None:  # "a neighbour recalled ... '…,' he said": the neighbour, not a name further back
                return Speaker(unnamed.text, head.idx, head.idx + len(head), "anonymous", close_to=close_to(unnamed.text))
            earlier = self._same_pronoun_before(head, after=person.end if person else 0)
            if earlier is not None:  # "…, she said. … , she said": the one the first "she" stands for
                found = self.resolve(earlier.doc[earlier.i : earlier.i + 1], earlier)
                if found.source_kind == "anonymous":
                    return replace(found, start=head.idx, end=head.idx + len(head))
            name = self._fullest_name(person) if person else None
            return Speaker(name or head.text, head.idx, head.idx + len(head), "named_person" if name else "unknown")
        if lower == "they":
            earlier = self._earlier_source(head, content, plural=True)
            return earlier or Speaker(head.text, head.idx, head.idx + len(head), "anonymous")
        if lower == "it":
            body = self._body_before(head.idx, content)
            if body is None:
                return Speaker(None, head.idx, head.idx + len(head), "unknown", no_referent=True)
            return Speaker(body.text, head.idx, head.idx + len(head), "official_body")
        person = self._person_at(phrase, head)
        if person is not None:
            return Speaker(person.text, person.start, person.end, "named_person")
        lemma = head.lemma_.lower()
        if lemma in ANONYMOUS_HEADS or lower in ANONYMOUS_HEADS:
            if bare_definite(phrase, head):
                earlier = self._earlier_source(head, content, plural=head.tag_ in ("NNS", "NNPS"), same_head=True)
                if earlier is not None:
                    return earlier
            return Speaker(phrase.text, start, end, "anonymous", close_to=close_to(phrase.text))
        if lemma in MEDIA_HEADS:
            outlet = self._outlet(phrase, head)
            if outlet is None and definite_common(phrase, head):  # "The Detroit Free Press identified ... the newspaper reported"
                outlet = self._body_before(head.idx, content, subject_only=False)
            if outlet is not None:
                return Speaker(outlet.text, start, end, "official_body")
        if lemma in DOCUMENT_HEADS:
            return Speaker(phrase.text, start, end, "document")
        if lemma in COMPANY_HEADS and definite_common(phrase, head):
            company = self._body_before(head.idx, content, subject_only=False)
            if company is not None:  # "Apple unveiled ... The company said" -> Apple
                return Speaker(company.text, start, end, "official_body")
        if lemma in ROLE_HEADS:
            named = self._name_in_apposition(phrase)
            if named is not None:
                return named
            holder = self._role_holder(phrase, head, self.people) if head.tag_ in ("NN", "NNP") else None
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
        if head.tag_ in ("NN", "NNP"):
            holder = self._role_holder(phrase, head, self.people)
            if holder is not None:  # "Charger says he's innocent" -> "Chargers wide receiver Vincent Jackson"
                return Speaker(self._fullest_name(holder), start, end, "named_person")
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

    def _nearest_person_before(self, offset: int, content: tuple[int, int] | None, gender: str) -> Mention | None:
        """The person a pronoun stands for: the nearest one named as the subject of a clause
        within reach, else the nearest one named at all. News names its speaker as a subject
        ("Capaldi is best known for his role as Malcolm Tucker. "…," he said"), while people
        named in passing sit in objects and complements."""
        candidates = [
            m for m in self.people
            if m.end <= offset
            and not _possessive(self.text, m.end)
            and not (content is not None and content[0] <= m.start < content[1])
            and not _in_brackets(self.text, m.start)
            and self._gender(m) in (None, gender)
        ]
        if not candidates:
            return None
        subjects = [m for m in candidates if offset - m.end <= _SUBJECT_REACH and self.is_subject(m)]
        return max(subjects or candidates, key=lambda m: m.end)

    def _unnamed_subject_before(self, offset: int, content: tuple[int, int] | None, gender: str, after: int) -> Span | None:
        """The nearest unnamed person the text gave as the subject of a saying verb between ``after`` and
        a pronoun ("a France Telecom spokeswoman who asked not to be named said", "a neighbour
        recalled"), when the person's noun does not say the other gender: the phrase up to its noun."""
        for token in reversed(self.doc[: _token_index_before(self.doc, offset) + 1]):
            if token.idx < after or offset - token.idx > _SUBJECT_REACH:
                return None
            if content is not None and content[0] <= token.idx < content[1]:
                continue
            if token.tag_ != "NN" or token.lemma_.lower() not in UNNAMED_PERSON_HEADS or not _says(token):
                continue  # a victim or a suspect the text speaks of, not a speaker
            phrase = phrase_of(token)
            described = self.doc[token.left_edge.i : token.right_edge.i + 1]
            if any(described.start_char <= m.start < described.end_char for m in self.people):
                return None  # a named person ("spokeswoman Hua Chunying", "the minister, Ana Costa,"): the named path decides
            said = "female" if token.lower_ in FEMALE_TITLES else "male" if token.lower_ in MALE_TITLES else None
            if said not in (None, gender):
                continue
            return self.doc[phrase.start : token.i + 1]
        return None

    def _same_pronoun_before(self, pronoun: Token, after: int) -> Token | None:
        """The nearest earlier "he" or "she" of the same gender that says something, after ``after``."""
        same = _FEMALE_PRONOUNS if pronoun.lower_ in _FEMALE_PRONOUNS else PERSON_PRONOUNS - _FEMALE_PRONOUNS
        for token in reversed(self.doc[: pronoun.i]):
            if token.idx < after or pronoun.idx - token.idx > _SUBJECT_REACH:
                return None
            if token.lower_ in same and _says(token):
                return token
        return None

    def is_subject(self, person: Mention) -> bool:
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def _fullest_name(self, person: Mention) -> str:
        """The longest way the article writes this person's name ("Kazemi" -> "Mustafa al Kazemi")."""
        surname = _surname(person.text)
        variants = [m.text for m in self.people if _surname(m.text) == surname]
        return max(variants, key=len) if variants else person.text

    def _role_holder(self, phrase: Span, head: Token, candidates: list[Mention]) -> Mention | None:
        """The one named with this role: "the governor" -> "Qeshm Governor Mehdi Irannejad";
        "the city's chief prosecutor" -> "District Attorney Lynne Abraham" (a role in other words)."""
        roles = {head.lower_, head.lemma_.lower()}
        roles |= {synonym for role in list(roles) for synonym in ROLE_SYNONYMS.get(role, ())}
        roles |= {role + "s" for role in roles}  # "Charger" in "Chargers wide receiver"
        wanted = {t.lemma_.lower() for t in phrase if t.pos_ not in _FUNCTION_POS and not t.is_punct and t != head}
        best: tuple[tuple[int, int], Mention] | None = None
        for person in candidates:
            if phrase.start_char <= person.start < phrase.end_char or person.end > phrase.start_char > person.start:
                continue
            context = self._title_context(person)
            if not roles & context:
                continue
            # Prefer the holder who shares most of the phrase's other words, then the nearest
            # before the phrase, then the nearest after it.
            distance = phrase.start_char - person.end if person.end <= phrase.start_char else 10**6 + person.start
            key = (-len(wanted & context), distance)
            if best is None or key < best[0]:
                best = (key, person)
        return best[1] if best else None

    def is_person(self, speaker: Speaker) -> bool:
        """The speaker is someone the article names as a person (not a place or a thing the parser took for one)."""
        return speaker.name is not None and any(_surname(m.text) == _surname(speaker.name) for m in self.people)

    def _outlet(self, phrase: Span, head: Token) -> Mention | None:
        """The outlet the article names with the same noun: "a South Korean newspaper" -> "The newspaper Chosun Ilbo"."""
        best = None
        for mention in self.mentions:
            if mention.label not in ("ORG", "PERSON", "WORK_OF_ART", "NORP") or phrase.start_char <= mention.start < phrase.end_char:
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            before = [t for t in self.doc[max(0, span.start - 2) : span.start] if t.pos_ != "DET"] if span is not None else []
            if not before or before[-1].lemma_.lower() != head.lemma_.lower():
                continue
            distance = abs(mention.start - phrase.start_char)
            if best is None or distance < best[0]:
                best = (distance, mention)
        return best[1] if best else None

    def _name_in_apposition(self, phrase: Span) -> Speaker | None:
        """ "the head of Qeshm's free-trade zone, Ali Rezapour, as saying": the name set off after the role."""
        doc = self.doc
        index = phrase.end
        if index >= len(doc) or doc[index].text != ",":
            return None
        end = index + 1
        while end < len(doc) and end - index <= _MAX_NAME_TOKENS and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end - index < 3 or (end < len(doc) and doc[end].text not in (",", ".", ")")):
            return None  # a first and last name at least, then the apposition ends
        name = doc[index + 1 : end]
        return Speaker(self._fullest_name(Mention("", name.start_char, name.end_char, name.text, "PERSON")), name.start_char, name.end_char, "named_person")

    def _gender(self, person: Mention) -> str | None:
        """What the article shows of the person's gender: a title by any mention of the surname."""
        surname = _surname(person.text)
        if surname not in self._genders:
            self._genders[surname] = self._gender_of(surname)
        return self._genders[surname]

    def _gender_of(self, surname: str) -> str | None:
        words: set[str] = set()
        for mention in self.people:
            if _surname(mention.text) == surname:
                words |= self._title_words(mention)
        female, male = bool(words & FEMALE_TITLES), bool(words & MALE_TITLES)
        if not female and not male:  # no title: the pronoun that takes the person up in the same sentence
            pronouns = {self._next_pronoun(m) for m in self.people if _surname(m.text) == surname} - {None}
            female, male = "female" in pronouns, "male" in pronouns
        return "female" if female and not male else "male" if male and not female else None

    def _next_pronoun(self, person: Mention) -> str | None:
        """ "Tara Reid has spent a decade out and about, but her latest destination ...": the first
        "he", "she" and the like after a subject in its sentence, when no other person comes between."""
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            return None
        for token in self.doc[span.end : span.sent.end]:
            if any(m.start <= token.idx < m.end for m in self.people):
                return None
            lower = token.lower_
            if lower in ("she", "her", "hers", "herself"):
                return "female"
            if lower in ("he", "him", "his", "himself"):
                return "male"
        return None

    def _title_words(self, person: Mention) -> set[str]:
        """The words right before a name or in apposition after it ("spokeswoman Hua", "Hua, the spokeswoman")."""
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None:
            return set()
        words = {t.lower_.rstrip(".") for t in span[:-1]}
        index = span.start - 1
        while index >= max(span.sent.start, span.start - 3) and not self.doc[index].is_punct and self.doc[index].pos_ not in ("ADP", "VERB"):
            words.add(self.doc[index].lower_.rstrip("."))
            index -= 1
        if span.end < len(self.doc) - 1 and self.doc[span.end].text == ",":
            for token in self.doc[span.end + 1 : min(span.sent.end, span.end + 5)]:
                if token.is_punct:
                    break
                words.add(token.lower_)
        return words

    def _body_before(self, offset: int, content: tuple[int, int] | None, subject_only: bool = True) -> Mention | None:
        """The body "it" stands for: the nearest organisation before, as the subject of its clause
        (for "the company", anywhere, but one the text gave as a source first: "Microsoft said ...
        versions of IE. ... the company said" is Microsoft)."""
        nearest = None
        reach = _SOURCE_REACH if subject_only else _BODY_SOURCE_REACH
        for body in sorted(self.bodies, key=lambda m: -m.end):
            if body.end > offset or offset - body.end > reach or body.label != "ORG":
                continue
            if content is not None and content[0] <= body.start < content[1]:
                continue
            span = self.doc.char_span(body.start, body.end, alignment_mode="expand")
            if span is not None and span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in SPEECH_VERBS:
                return body
            if offset - body.end <= _SOURCE_REACH and (not subject_only or span is not None and span.root.dep_ in ("nsubj", "nsubjpass")):
                nearest = nearest or body
        return nearest

    def _earlier_source(self, head: Token, content: tuple[int, int] | None, plural: bool, same_head: bool = False) -> Speaker | None:
        """The unnamed source "they" or "the sources" takes up: the nearest one before that the
        text gave as a source ("Citing people familiar with the situation, ... The sources said")."""
        for token in reversed(self.doc[: head.i]):
            if head.idx - token.idx > _SOURCE_REACH:
                break
            if content is not None and content[0] <= token.idx < content[1]:
                continue
            lemma = token.lemma_.lower()
            if lemma not in ANONYMOUS_HEADS or token.pos_ not in ("NOUN", "PROPN") or not given_as_source(token):
                continue
            if plural != (token.tag_ in ("NNS", "NNPS")) and not same_head:
                continue
            phrase = phrase_of(token)
            found = close_to(phrase.text)
            if same_head and lemma != head.lemma_.lower() and found is None:
                continue
            return Speaker(phrase.text, head.idx, head.idx + len(head), "anonymous", close_to=found)
        return None

    def _title_context(self, person: Mention) -> set[str]:
        """Words around a name that give the person's role: a title before it or an apposition after it."""
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None:
            return set()
        sentence = span.sent
        # not a possessor: in "the star's rep Jack Ketsoyan" he is the rep, not the star
        before = [t for t in self.doc[max(sentence.start, span.start - 8) : span.start]
                  if t.dep_ != "poss" and not (t.i + 1 < len(self.doc) and self.doc[t.i + 1].tag_ == "POS")]
        # the tagger often takes a title into the name ("Comedian Sarah Silverman")
        titled = [t for t in span[:-1] if t.is_title]
        words = [t.lower_ for t in before + titled] + [t.lemma_.lower() for t in before + titled]
        after = span.end
        if after < len(self.doc) and self.doc[after].text in (",", "("):
            for token in self.doc[after + 1 : min(sentence.end, after + 12)]:
                if token.text in (",", ")", ".", ";"):
                    break
                words += [token.lower_, token.lemma_.lower()]
        return set(words)


def _titled_names(article_id: str, doc: Doc, people: list[Mention], quoted: list[tuple[int, int]]) -> list[Mention]:
    """Names after a title the tagger did not take for a person ("Qeshm Governor Mehdi Irannejad" as a facility)."""
    found = []
    for token in _titles_in(doc):
        if _inside(token.idx, quoted):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= _MAX_NAME_TOKENS and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end == token.i + 1:
            continue
        start_char, end_char = doc[token.i + 1].idx, doc[end - 1].idx + len(doc[end - 1])
        if any(m.start < end_char and start_char < m.end for m in people):
            continue
        found.append(Mention(article_id, start_char, end_char, doc_text(doc)[start_char:end_char], "PERSON"))
    return found


def _titles_in(doc: Doc) -> list[Token]:
    """The tokens that are a person's title, in text order: each distinct word of the document
    looked up once (the words' lower-case forms from spaCy's array, not a Token per word)."""
    lower = doc.to_array("LOWER")
    strings = doc.vocab.strings
    titles = [key for key in set(lower.tolist()) if strings[key].rstrip(".") in PERSON_TITLES]
    return [doc[i] for i in np.flatnonzero(np.isin(lower, np.array(titles, dtype=np.uint64))).tolist()] if titles else []


def _says(token: Token) -> bool:
    """The noun is the subject of a saying verb, also where the parser lost it in a tail tag
    ("..., a spokeswoman who asked not to be named said."): a saying verb follows the noun in
    its sentence with no subject between them."""
    if token.dep_ == "nsubj":
        return token.head.lemma_.lower() in SPEECH_VERBS
    if token.dep_ == "appos" and token.head.pos_ == "PROPN":
        return False  # "Pip Coburn, founder of Coburn Ventures, notes": the founder has a name
    return any(
        t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in t.children)
        for t in token.doc[token.i + 1 : token.sent.end]
    )


def _token_index_before(doc: Doc, offset: int) -> int:
    """The last token starting before ``offset`` (-1: none)."""
    return bisect.bisect_left(doc, offset, key=lambda t: t.idx) - 1


def _in_brackets(text: str, offset: int) -> bool:
    """A name in brackets on its line: a photo credit or an aside, not someone the text speaks of."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    return before.rfind("(") > before.rfind(")")


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _possessive(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s") or text[end - 2 : end] in ("'s", "’s")


def _surname(name: str) -> str:
    return name.replace("-", " ").split()[-1].lower() if name.split() else name.lower()
