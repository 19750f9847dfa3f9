"""Statements: the propositions of each sentence of an article, from spaCy's parse.

A sentence of news often states several things ("A suicide bomber rammed a truck into the
consulate, killing at least six civilians, officials said"): each is a statement, a claim of kind
``statement`` spanning its **clause**, so that two sources are compared proposition by
proposition, not by whole sentences that mix several.

- **Clauses.** The proposition of a sentence is its main verb's; under a verb of saying or denial
  ("officials said ...", "X denied that ..."), the verb of what was said (verbs of saying in ``predicates``); under an implicative verb
  ("managed to escape", "failed to find"), the verb it governs, negated after a verb of failure.
  The frame ("officials
  said", "according to police") is who says it (the voice, set in ``extract``), not what is said,
  and is left out of the span. Verbs coordinated with it ("... and display notifications"), an
  adverbial participle ("..., killing at least six"), a clause of time or cause ("after the
  car rammed the wall") and a gerund after a preposition of time or manner ("after having
  managed to escape unscathed") are propositions of their own; each clause's span leaves the others out.
- **Clauses of a noun.** A relative clause ("Telegram, which was singled out by Theresa May
  ...") and a participle or "that" clause after a noun ("emails obtained by Newsweek", "the
  fact he had been taking Xarelto") are propositions of their own as well, spanning the noun
  with the clause; the noun stands in for the relative word (Telegram is what was singled out,
  May who did it; "the boy who fell" is the boy's doing). The clause the noun belongs to keeps
  them (they say which thing it is about). An infinitive after a noun ("a mission to collect
  the stones") states a purpose, not a fact, and is none.
- **Pronoun doers.** "He" or "she" as a subject stands for the person last named before it
  (see ``doers``): the statement's subject is that name, so "He took the win" is
  compared as Lewis Hamilton's doing. A definite description by age ("the 29-year-old", "The
  37-year-old Finnish driver") stands for the person the article gives that age ("Michael Neu,
  67,"), else, like a pronoun, for the person last named ("a 29-year-old" introduces someone new).
- **Happenings named by a noun.** A light verb whose object names the happening ("took the
  win", "launched an attack on", "made an arrest"; a noun the lemmatizer also knows as a verb)
  states that happening: its predicate is the noun, its object what the noun is of or on.
- **Parts.** who (``subject``: the grammatical subject, or the agent of a passive; a coordinated
  or participial clause takes its governor's), did what (``predicate``: the verb's lemma with its
  particle; a copula takes its complement: "is 65", "was unharmed"), to whom or what
  (``target``: the object, or the passive subject; ``target_start``/``target_end`` locate a
  nominal object's head with the words before it, ``actor_start``/``actor_end`` the subject's,
  through its last conjunct when doers are coordinated: "Broadcom and Qualcomm signed"),
  negation (``negated``: "not", "never", "no"
  on the verb, "no" on its object ("has had no functioning government" is "has not had a
  functioning government"), or a verb of denial over the proposition) and, as for every claim, the hedge and
  the voice (set in ``extract``).
- **Figure** (``value``): the first figure in digits the clause gives, with the word after it
  ("48 hours"), not a date, a time, an ordinal or a list mark; a clause with a figure is
  checkable alone.
- **Keys** block the alignment across sources: the lemmas of the clause's nouns, proper nouns,
  numbers and meaningful verbs and adjectives, and its named entities (with the subject's, when
  the clause borrows it), and each clock time and day of a month it gives as one key however it
  is written ("8.49pm" and "20:49 GMT" are "20:49"; "Oct. 19" and "October 19", "october 19").

Clauses that state nothing checkable are left out: fewer than ``MIN_WORDS`` words or a sentence
of more than ``MAX_TOKENS`` (a run-on caption or list), questions, and sentences without a verb.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsdesk import resources

from newsdesk.claims.lexicon import DENIAL_VERBS
from newsdesk.claims.doers import age_subject, named_doer
from newsdesk.claims.predicates import EVIDENCE_VERBS, IMPLICATIVE, SAYING_VERBS, meaning
from newsdesk.model import Claim

MIN_WORDS = 3
_TIME_UNITS = frozenset("second minute hour day week month year decade century".split())
MAX_TOKENS = 70
_LIGHT = frozenset("be have do get make go take come give say tell add report include become seem".split())
# light verbs whose object can be the happening they state ("took the win", "launched an attack")
_HAPPENING_VERBS = frozenset("take make launch conduct stage mount carry_out".split())
_HAPPENING_PREPOSITIONS = frozenset({"on", "of", "against"})
_KEY_POS = frozenset({"NOUN", "PROPN", "NUM", "VERB", "ADJ"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_FRAME_PREPOSITIONS = frozenset({"according"})
# clauses attached to a proposition's verb that state propositions of their own
_OWN_CLAUSES = frozenset({"conj", "advcl"})
# prepositions that carry a clause of their own as a gerund: "after having managed to escape unscathed"
_CLAUSE_PREPOSITIONS = frozenset({"after", "before", "since", "despite", "by", "while", "without"})

__all__ = ["doc_text", "statements_in"]


def doc_text(doc) -> str:
    """``doc.text``, built once: spaCy joins every token's text on each access, which made the
    claim rules quadratic in an article's length."""
    cached = doc.user_data.get("newsdesk:text")
    if cached is None:
        cached = doc.user_data["newsdesk:text"] = doc.text
    return cached


def statements_in(article_id: str, sentence: Span, text: str) -> list[Claim]:
    """The sentence's propositions (see the module docstring); ``text`` is the document's text
    (spaCy rebuilds ``Doc.text`` on every access)."""
    words = [t for t in sentence if not t.is_space and not t.is_punct]
    if len(words) > MAX_TOKENS or len(words) < MIN_WORDS or sentence.text.rstrip().rstrip("\"'”’").endswith("?"):
        return []
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX"):
        # a parse that hangs the sentence on a conjunction ("And while ...") or a stray word
        root = next((c for c in root.children if c.pos_ in ("VERB", "AUX") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
        if root is None:
            return []
    heads = _clause_heads(root)
    ids = {h.i for h, _ in heads}
    # the clauses qualifying a noun, with the clauses they carry
    embedded = {h.i for h, _ in heads if any(_embedded(a) and a.i in ids for a in (h, *h.ancestors))}
    claims = []
    doc = sentence.doc
    for verb, denied in heads:
        # a clause keeps the relative and participial clauses of its nouns (they say which
        # thing it is about); those clauses are propositions of their own as well
        others = {h.i for h, _ in heads if h is not verb and (h.i not in embedded or verb.i in embedded)}
        span = _clause_span(verb, others, sentence)
        if span is None:
            continue
        start, end = span
        if verb.i in embedded and _embedded(verb) and verb.head.i < verb.i and not _own_parts(verb):
            # "Telegram, which was singled out by ...": the clause with the noun it is about
            start = min(start, verb.head.left_edge.i)
        clause_words = [t for t in doc[start:end] if not t.is_space and not t.is_punct]
        if len(clause_words) < MIN_WORDS:
            continue
        subject = _subject_of(verb) or age_subject(verb)
        target = _child(verb, ("dobj", "attr", "acomp", "oprd")) or _child(verb, ("nsubjpass",))
        if verb.i in embedded:
            subject, target = _antecedent_parts(verb, subject, target)
        if subject is not None and _relative_word(subject) and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "... who obtained money and wired funds": the man wired them
        predicate = _lemma(verb)
        happening = _happening_object(verb, target)
        if happening is not None:
            # "He took the win" states that he won; "launched an attack on the consulate", that
            # they attacked it: the noun is the predicate, what it is of or on the object
            predicate = happening.lemma_.lower()
            target = next((g for c in happening.children if c.dep_ == "prep" and c.lower_ in _HAPPENING_PREPOSITIONS for g in c.children if g.dep_ == "pobj"), None)
        negated = denied != _negated(verb)
        # the object's head with the words before it ("an assassination attempt"), for comparing
        # propositions by their parts; an adjective ("escaped unscathed") is no object
        nominal = target is not None and target.pos_ in ("NOUN", "PROPN", "NUM") and target.left_edge.i <= target.i
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        doer = None if subject is None else named_doer(subject, verb, embedded) or _phrase(subject)
        keys = _keys(doc[start:end]) | (_keys(doer) if doer is not None and not first <= doer.start_char < last else set())
        head = subject if subject is not None and subject.left_edge.i <= subject.i else None
        if subject is not None and doer is not None and not doer.start <= subject.i < doer.end:
            head = doc[doer.end - 1]  # the person a pronoun stands for
        elif head is not None:
            head = _last_conjunct(head)  # "Broadcom and Qualcomm signed": both are the doers
        claims.append(
            Claim(
                article_id, first, last, text[first:last],
                subject=text[doer.start_char : doer.end_char] if doer is not None else None, predicate=predicate, kind="statement",
                subject_start=doer.start_char if doer is not None else None,
                subject_end=doer.end_char if doer is not None else None,
                target=_head_phrase_words(target, text) if verb.i in embedded and target is not None and target.i == verb.head.i else _words(target, text), negated=negated,
                actor_start=doc[doer.start].idx if head is not None else None,
                actor_end=head.idx + len(head) if head is not None else None,
                target_start=target.left_edge.idx if nominal else None,
                target_end=target.idx + len(target) if nominal else None, keys=tuple(sorted(keys)), value=_figure(doc[start:end]),
            )
        )
    return claims


def _last_conjunct(head: Token) -> Token:
    """The head of the last of coordinated doers ("Broadcom and Qualcomm", "X, Y and Z"), so that
    the actor's span holds them all; the head itself when it has none."""
    while True:
        following = next((c for c in head.children if c.dep_ == "conj" and c.i > head.i and c.pos_ in ("PROPN", "NOUN")), None)
        if following is None:
            return head
        head = following


def _embedded(verb: Token) -> bool:
    """A clause qualifying a noun: a relative clause ("Telegram, which was singled out by Theresa
    May, ...") or a participle or "that" clause after it ("emails obtained by Newsweek", "the
    fact that Dauer was on a blood thinner"); not an infinitive ("a mission to collect the
    stones" states a purpose, not a fact)."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.dep_ == "relcl":
        return True
    return verb.dep_ == "acl" and (verb.tag_ in ("VBN", "VBG") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _own_parts(verb: Token) -> bool:
    """A "that" clause of a noun ("the fact (that) he had been taking Xarelto") has its own
    subject and object; the noun is not one of them."""
    return verb.dep_ == "acl" and (any(c.dep_ == "mark" for c in verb.children) or any(c.dep_ in ("nsubj", "nsubjpass") and not _relative_word(c) for c in verb.children))


def _relative_word(token: Token) -> bool:
    return token.tag_ in ("WDT", "WP") or (token.lower_ == "that" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "mark"))


def _antecedent_parts(verb: Token, subject: Token | None, target: Token | None) -> tuple[Token | None, Token | None]:
    """(subject, target) of a clause qualifying a noun, with the noun in place of the relative
    word: "Telegram, which was singled out by May" is about Telegram (its target, May its doer);
    "the boy who fell" is the boy's doing; "emails obtained by Newsweek" are the target; "the boy
    picking cabbages", the doer. A "that" clause of a noun ("the fact that ...") has its own parts."""
    noun = verb.head
    if _own_parts(verb):
        return subject, target
    relative = {c.i for c in verb.children if _relative_word(c) and c.dep_ != "mark"}
    if subject is not None and subject.i in relative:
        return noun, target
    if target is not None and target.i in relative:
        return subject, noun
    if verb.dep_ == "acl" and subject is None:
        return (noun, target) if verb.tag_ == "VBG" else (None, noun)
    if verb.dep_ == "acl" and target is None:
        return subject, noun
    return subject, target


def _proposition_verb(verb: Token) -> tuple[Token, bool]:
    """The verb whose proposition a clause states: under verbs of saying or denial, the verb of
    their complement ("police said the boy was treated ..., Cincinnati.com reported"); the bool
    says the proposition is denied ("X denied that ...")."""
    denied = False
    for _ in range(3):
        lemma = verb.lemma_.lower()
        if lemma in IMPLICATIVE:
            # "managed to escape" states the escape; "failed to find", that nothing was found
            complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if complement is None:
                break
            denied = denied != IMPLICATIVE[lemma]
            verb = complement
            continue
        if lemma not in SAYING_VERBS and lemma not in DENIAL_VERBS and lemma not in EVIDENCE_VERBS and meaning(lemma) != "deny":
            break
        complement = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
        if complement is None or (lemma in EVIDENCE_VERBS and not any(c.dep_ == "mark" and c.lower_ == "that" for c in complement.children)):
            break
        denied = denied != (lemma in DENIAL_VERBS or meaning(lemma) == "deny")
        verb = complement
    return verb, denied


def _clause_heads(root: Token) -> list[tuple[Token, bool]]:
    """The propositions' verbs (with whether each is denied): the sentence's, and the verbs of
    the clauses it carries (coordinated verbs, adverbial participles and clauses), each through
    its frame of saying, in text order."""
    heads = [_proposition_verb(root)]
    stack = [heads[0][0]]
    frame = root
    while frame is not heads[0][0]:  # what a frame's coordinated verbs say: "claimed that ..., and they couldn't find ..."
        stack.append(frame)
        frame = next((c for c in frame.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), heads[0][0])
    stack = stack[::-1]
    done = {h.i for h, _ in heads}
    while stack:
        verb = stack.pop()
        for child in verb.children:
            if child.i in done:
                continue
            if child.dep_ == "prep" and child.lower_ in _CLAUSE_PREPOSITIONS:
                child = next((g for g in child.children if g.dep_ == "pcomp" and g.pos_ == "VERB"), child)
            if (child.dep_ in _OWN_CLAUSES or child.dep_ == "pcomp") and child.pos_ in ("VERB", "AUX") and not _is_frame(child):
                head = _proposition_verb(child)
                heads.append(head)
                done.add(head[0].i)
                stack.append(head[0])
        for token in verb.subtree:
            if token.i not in done and token.pos_ in ("VERB", "AUX") and _embedded(token) and _governing_head(token, done) == verb.i:
                head = _proposition_verb(token)
                heads.append(head)
                done.update((token.i, head[0].i))
                stack.append(head[0])
    return sorted(heads, key=lambda h: h[0].i)


def _governing_head(token: Token, heads: set[int]) -> int | None:
    """The nearest proposition's verb above a clause that qualifies a noun (None under a frame
    of saying only: "officials who ... said")."""
    return next((a.i for a in token.ancestors if a.i in heads), None)


def _is_frame(verb: Token) -> bool:
    """"..., he said" coordinated or appended to the proposition is its frame, not a proposition."""
    return verb.lemma_.lower() in SAYING_VERBS and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children)


def _clause_span(verb: Token, others: set[int], sentence: Span) -> tuple[int, int] | None:
    """Token range [start, end) of the verb's clause: its subtree without the other clauses,
    the frame of saying, "according to ..." and side remarks, cut to the run around the verb."""
    skip: set[int] = set()
    for token in verb.subtree:
        if token.i in others:
            skip.update(t.i for t in (token.head.subtree if token.dep_ == "pcomp" else token.subtree))
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _FRAME_PREPOSITIONS:
            skip.update(t.i for t in child.subtree)
        if child.dep_ in ("parataxis",) or (child.dep_ in ("ccomp", "conj") and child.lemma_.lower() in SAYING_VERBS and child.i > verb.i):
            skip.update(t.i for t in child.subtree)
    doc = sentence.doc
    # quotation marks and commas hang off other words: bridged when the clause goes on after them
    kept = ({t.i for t in verb.subtree} | {t.i for t in sentence if t.is_punct}) - skip
    first = last = verb.i
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ in ("cc", "mark") or doc[first].lower_ in ("and", "but")):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    return first, last + 1


def _subject_of(verb: Token) -> Token | None:
    """The clause's subject, or the agent of a passive; a coordinated or participial clause
    without one takes its governor's."""
    node = verb
    for _ in range(4):
        subject = _child(node, ("nsubj", "csubj")) or _agent(node)
        if subject is not None:
            return subject
        if node.dep_ not in ("conj", "advcl", "xcomp", "pcomp") or node.head is node:
            return _child(verb, ("nsubjpass",)) if node is verb else None
        node = node.head.head if node.dep_ == "pcomp" else node.head
    return None


def _child(verb: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in verb.children if c.dep_ in deps), None)


def _agent(verb: Token) -> Token | None:
    agent = _child(verb, ("agent",))
    return _child(agent, ("pobj",)) if agent is not None else None


def _negated(verb: Token) -> bool:
    """Negation of the verb itself ("did not", "never"). "No one wants ..." negates who, not
    whether: it is no denial of another source's "X wants ..."."""
    if any(c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ == "advmod") for c in verb.children):
        return True
    if _split_contraction_before(verb):
        return True
    # "has had no functioning government" is "has not had a functioning government": "no" on
    # the object denies the having, as "not" does
    return any(c.dep_ in ("dobj", "attr") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in verb.children)


def _split_contraction_before(verb: Token) -> bool:
    """ "the case hadn’ t been submitted": a negative contraction a detokeniser split ("n’ t"), which
    the parser reads as a subject "t"; within the three tokens before the verb's auxiliaries."""
    doc = verb.doc
    first = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i])
    for i in range(max(2, first - 3), first):
        if doc[i].lower_ == "t" and doc[i - 1].text in ("’", "'") and doc[i - 2].lower_.endswith("n"):
            return True
    return False


def _happening_object(verb: Token, target: Token | None) -> Token | None:
    """The object of a light verb that names the happening itself, a noun that is also a verb
    ("took the win", "launched an attack", "made an arrest"; by the lemmatizer's verbs): the
    clause states that happening."""
    if target is None or target.dep_ != "dobj" or target.pos_ != "NOUN" or _lemma(verb) not in _HAPPENING_VERBS:
        return None
    lemma = target.lemma_.lower()
    return target if lemma in _verb_lemmas() and lemma not in _LIGHT else None


@lru_cache(maxsize=1)
def _verb_lemmas() -> frozenset[str]:
    lemmatizer = resources.nlp().get_pipe("lemmatizer")
    return frozenset(lemmatizer.lookups.get_table("lemma_index")["verb"]) if lemmatizer.lookups.has_table("lemma_index") else frozenset()


def _lemma(verb: Token) -> str:
    """The verb's lemma with its particle; a copula's complement ("was unharmed" -> unharmed)."""
    if verb.lemma_.lower() == "be":
        complement = _child(verb, ("acomp", "attr"))
        if complement is not None:
            return complement.lemma_.lower()
    particle = _child(verb, ("prt",))
    return f"{verb.lemma_.lower()}_{particle.lower_}" if particle is not None else verb.lemma_.lower()


def _figure(span: Span) -> str | None:
    """The first figure the clause gives, as written with the word it counts or measures ("48
    hours", "$82"): a number in digits (news writes the figures that matter in digits, small
    incidental ones in words: "two versions", "two tall buildings") that is no date, time,
    ordinal or list mark ("1)"). A length of time is a figure ("delayed by 10 minutes", "in my 18
    years of doing this"); a point in time is not ("in 2017", "on January 31", "at 11pm"), nor is
    a number that ends a name ("a Formula 1 car", "Deadpool 2")."""
    for token in span:
        if not token.like_num or token.ent_type_ == "ORDINAL" or not any(ch.isdigit() for ch in token.text):
            continue
        if token.ent_type_ in ("DATE", "TIME") and not _duration(token):
            continue
        if token.head.pos_ == "PROPN" and token.head.i < token.i:
            continue  # part of a name: "Formula 1", "Deadpool 2", "Flight 1943"
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if following is not None and following.text == ")":
            continue
        end = following if following is not None and following.i < span.end and not following.is_punct else token
        start = token.doc[token.i - 1] if token.i > span.start and token.doc[token.i - 1].text in ("$", "£", "€") else token
        return doc_text(token.doc)[start.idx : end.idx + len(end)]
    return None


def _duration(number: Token) -> bool:
    """A number of a date or time entity that counts a unit of time ("10 minutes", "18 years"),
    not a year, a day of a month or a clock time."""
    following = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    return following is not None and following.lemma_.lower() in _TIME_UNITS and ":" not in number.text


def _head_phrase_words(token: Token, text: str) -> str:
    return text[token.left_edge.idx : token.idx + len(token)]


def _phrase(token: Token):
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _words(token: Token | None, text: str) -> str | None:
    if token is None:
        return None
    return text[token.left_edge.idx : token.right_edge.idx + len(token.right_edge)]


def _keys(span: Span) -> set[str]:
    keys = {
        t.lemma_.lower()
        for t in span
        if t.pos_ in _KEY_POS and not t.is_stop and len(t.text) > 1 and t.lemma_.lower() not in _LIGHT
    }
    keys |= {e.text.lower() for e in _entities_within(span) if e.label_ not in ("ORDINAL",)}
    return keys | _clock_times(span.text) | _calendar_days(span.text)


_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[.:]\s?(\d{2}))?\s?(a\.?\s?m\b\.?|p\.?\s?m\b\.?)"  # 8.49pm, 8. 39am, 11 am, 11:30 p. m.
    r"|\b(\d{1,2})[.:](\d{2})\s?(?:GMT|UTC|hours|hrs|local)\b"  # 20:49 GMT, 17:06 hours
    r"|\b(\d{2})(\d{2})\s?(?:GMT|UTC|hours|hrs)\b",  # 2045 GMT, 1100 hrs
    re.IGNORECASE,
)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DAY_OF_MONTH = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE)


def _calendar_days(text: str) -> set[str]:
    """A key for each day of a month the clause gives, whatever way it is written ("Oct. 19",
    "October 19", "19 October"; "May 4", "May 4, 2018"): two outlets dating one thing share it."""
    days = set()
    for found in _DAY_OF_MONTH.finditer(text):
        month, day = (found.group(1), found.group(2)) if found.group(1) else (found.group(4), found.group(3))
        index = next((i for i, name in enumerate(_MONTHS) if name.startswith(month.lower()[:3])), None)
        if index is not None and month[0].isupper() and 1 <= int(day) <= 31:  # "may 4 people" is no date
            days.add(f"{_MONTHS[index]} {int(day)}")
    return days


def _clock_times(text: str) -> set[str]:
    """A key for each clock time the clause gives, whatever way it is written ("8.49pm", "20:49
    GMT"; "1630 GMT", "4.30pm"; "about 1100 hrs IST", "11am IST"): two outlets telling the
    time of one happening share it."""
    times = set()
    for found in _CLOCK.finditer(text):
        hour, minute, half = found.group(1), found.group(2), found.group(3)
        if hour is None:
            hour, minute, half = (found.group(4), found.group(5), None) if found.group(4) else (found.group(6), found.group(7), None)
        value, minutes = int(hour), int(minute or 0)
        if half is not None and value <= 12:
            value = value % 12 + (12 if half.lower().startswith("p") else 0)
        if value < 24 and minutes < 60:
            times.add(f"{value:02d}:{minutes:02d}")
    return times


_entities_of: tuple[Doc | None, tuple[Span, ...], list[int]] = (None, (), [])  # the last doc's entities and their starts


def _entities_within(span: Span) -> list[Span]:
    """``span.ents``, which builds every entity of the document again at each call (twice per
    clause here): the document's entities are built once and the span's found by bisection."""
    global _entities_of
    doc, entities, starts = _entities_of
    if doc is not span.doc:
        entities = span.doc.ents
        starts = [e.start for e in entities]
        _entities_of = (span.doc, entities, starts)
    within = []
    for entity in entities[bisect.bisect_left(starts, span.start) :]:
        if entity.end > span.end:
            break
        within.append(entity)
    return within
