"""From a reporting cue (a verb, an utterance noun, "according to") to the phrase that names the speaker."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsdesk.analyse.text import doc_text
from newsdesk.quotes.lexicon import CLOSE_TO_PATTERN, DESCRIPTION_VERBS, SPEECH_NOUNS, SPEECH_VERBS

_SUBJECTS = ("nsubj", "csubj")
_EMPTY_SUBJECTS = frozenset("it what which that this there".split())
_RELATIVE_PRONOUNS = frozenset("who which that whom".split())
# Dependents that hang a clause off the speaker's noun phrase; they are not part of the name.
_CLAUSAL = frozenset(("relcl", "acl", "advcl", "cc", "conj"))
_CLOSE_TO = re.compile(CLOSE_TO_PATTERN, re.IGNORECASE)


def is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        return any(child.lower_ == "to" for child in token.children)
    if token.pos_ in ("VERB", "AUX"):
        return lemma in SPEECH_VERBS or lemma in DESCRIPTION_VERBS and _has_description(token) or _made_known(token)
    if token.pos_ in ("NOUN", "PROPN"):
        return token.lower_ in SPEECH_NOUNS
    return False


def _has_description(verb: Token) -> bool:
    deps = {child.dep_ for child in verb.children}
    return "oprd" in deps or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children) or "ccomp" in deps


def _made_known(token: Token) -> bool:
    return token.lower_ == "known" and token.head.lemma_ == "make"


def speaker_head(cue: Token) -> Token | None:
    """The head word of whoever the cue says is speaking, if the parse shows one."""
    if cue.lower_ == "according":
        return _according_source(cue)
    if cue.pos_ in ("NOUN", "PROPN"):
        return _noun_cue_source(cue)
    return _verb_subject(cue)


def _according_source(cue: Token) -> Token | None:
    for to in cue.children:
        if to.lower_ != "to":
            continue
        for child in to.children:
            if child.dep_ == "pobj":
                return child
            if child.dep_ == "pcomp":  # "according to what was reported by the ministry"
                return _verb_subject(child)
    return None


def _noun_cue_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "acl":  # "the words shared ... by X"
            agent = _agent(child)
            if agent is not None:
                return agent
        if child.dep_ == "prep" and child.lower_ in ("of", "by"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("PROPN", "PRON"):
                    return obj
    head = noun.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return _verb_subject(head)
        if head == head.head:
            break
        head = head.head
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _verb_subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(4):
        agent = _agent(current)
        if agent is not None:
            return agent
        subjects = [
            child for child in current.children
            if child.dep_ in _SUBJECTS and same_line(child, current)
            and (child.lower_ not in _EMPTY_SUBJECTS or _body_pronoun(child, current) or _relative_subject(child, current))
        ]
        if subjects:
            subject = min(subjects, key=lambda child: abs(child.i - current.i))
            return current.head if _relative_subject(subject, current) else subject  # "Lynch, who first reported that ..."
        quoted_person = _quoted_as_saying(current)
        if quoted_person is not None:
            return quoted_person
        for child in current.children:  # "X is quoted as saying"
            if child.dep_ == "nsubjpass" and child.lower_ not in _EMPTY_SUBJECTS and current.lemma_ in SPEECH_VERBS:
                return child
        if current.dep_ in ("conj", "xcomp", "advcl", "relcl", "pcomp") and current.head != current:
            if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN") and current.head.lower_ not in SPEECH_NOUNS:
                return current.head  # "the minister, who said ..."
            current = current.head
            continue
        inverted = name_after(current)
        if inverted is not None:
            return inverted
        if _made_known(current):  # "Sadr made it known that ..."
            current = current.head
            continue
        if current.dep_ == "acl" and current.head.lower_ in SPEECH_NOUNS:
            return _noun_cue_source(current.head)
        break
    return None


def _body_pronoun(subject: Token, verb: Token) -> bool:
    """ "It said", "it disclosed in filings that": a company or body speaking, not an empty "it"."""
    return subject.lower_ == "it" and subject.dep_ == "nsubj" and verb.lemma_.lower() in SPEECH_VERBS


def _relative_subject(subject: Token, verb: Token) -> bool:
    return subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN")


def _quoted_as_saying(verb: Token) -> Token | None:
    """ "IRNA quoted the governor as saying ...", "Naghavi was quoted by IRNA as saying ...": the one quoted."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or verb.head.head.lemma_.lower() != "quote":
        return None
    quote = verb.head.head
    for dep in ("dobj", "nsubjpass"):
        for child in quote.children:
            if child.dep_ == dep:
                return child
    return None


def name_after(verb: Token) -> Token | None:
    """The name right after a verb the parser left without a subject: "..., said Girard."."""
    doc = verb.doc
    index = verb.i + 1
    while index < len(doc) and (doc[index].pos_ == "PROPN" or doc[index].is_alpha and doc[index].is_title):
        index += 1
    return doc[index - 1] if index > verb.i + 1 else None


def same_line(a: Token, b: Token) -> bool:
    low, high = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[low:high]


def phrase_of(head: Token, limit: tuple[int, int] | None = None) -> Span:
    """The noun phrase around ``head``, without clauses hanging off it.

    ``limit`` is a character range the phrase must not leave (the text outside a quote).
    """
    keep = [head]
    stack = [child for child in head.children if child.dep_ not in _CLAUSAL]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(token.children)
    indices = sorted(t.i for t in keep if limit is None or limit[0] <= t.idx < limit[1])
    start, end = head.i, head.i + 1
    # Grow a contiguous range out from the head so a stray attachment cannot swallow the sentence.
    present = set(indices)
    while start - 1 in present:
        start -= 1
    while end in present:
        end += 1
    doc: Doc = head.doc
    # "The leader of the militia X, at the funeral, said": the phrase ends at the comma.
    comma = next((i for i in range(head.i + 1, end) if doc[i].text == ","), None)
    if comma is not None:
        end = comma
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("and", "or")):
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def relative_antecedent(phrase: Span, head: Token) -> Token | None:
    """The noun a relative clause's subject stands for ("who", "all of whom", "some of which"):
    the one the clause hangs on, or the noun phrase just before its comma (the parser often
    hangs "..., all of whom said" on the verb instead)."""
    relative = head.tag_ in ("WP", "WDT") or any(
        p.lower_ == "of" and any(o.tag_ in ("WP", "WDT") for o in p.children) for p in head.children)
    if head.dep_ not in ("nsubj", "nsubjpass") or not relative:
        return None
    if head.head.dep_ == "relcl":
        noun = head.head.head
    elif phrase.start >= 2 and phrase.doc[phrase.start - 1].text == ",":
        noun = phrase.doc[phrase.start - 2]
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head  # "five aid workers in the Yida camp": the workers
    else:
        return None
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def close_to(phrase: str) -> str | None:
    """Whom an unnamed source is close to: "sources close to the minister" -> "the minister"."""
    match = _CLOSE_TO.search(phrase)
    return match.group(1).strip(" ,.;:\"'“”") if match else None


def bare_definite(phrase: Span, head: Token) -> bool:
    """ "the source", "The sources": a source the text has already introduced."""
    words = [t for t in phrase if not t.is_punct]
    return len(words) == 2 and words[0].lower_ in ("the", "these", "those", "this", "that") and words[1] == head


def definite_common(phrase: Span, head: Token) -> bool:
    """ "the company", "the telecommunications company": a body the text has already named, told
    by common words only ("the Japanese company" or "Toyota's company" may be another)."""
    words = [t for t in phrase if not t.is_punct]
    return (len(words) <= 3 and words[0].lower_ in ("the", "this", "that") and words[-1] == head
            and all(t.pos_ in ("NOUN", "ADJ") and t.text.islower() for t in words[1:]))


def given_as_source(token: Token) -> bool:
    """The noun is given as a source: the subject of a saying verb, or after "according to" or "citing"."""
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in SPEECH_VERBS:
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
        return True
    return token.dep_ == "dobj" and token.head.lemma_.lower() == "cite"
