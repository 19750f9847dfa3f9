"""Per-article claims from the spaCy parse of the prose.

Rules, in the order they run over each sentence:

- Sentences built on a counterfactual ("if ... had not ...", "would have") state nothing as
  fact and give no claims.
- **Counts** and **changes** of things: rules in ``counts``.
- **States**: a state word (``STATES``) used predicatively ("was not injured", "escaped
  unscathed", "is alive", "killed the mayor") asserts that state of its holder: the passive
  subject, the object of a transitive verb, or the subject found by climbing from the word
  through xcomp/advcl/pcomp/conj links. Holders are people (a name in the phrase; a pronoun
  takes the nearest name before it; a title such as "the prime minister" stays a role) or
  single things ("the house"). Quantified holders are counts, not states. Negation flips the
  state ("not injured" -> unharmed).
- **Actions**: who did what to whom, with negation ("did not attack", "denied attacking");
  rules in ``actions``.
- **Measures**: figures with a unit (money, distance, weight, duration, age) with what they
  are about; rules in ``measures``.
- **Statements**: every sentence also becomes one proposition (who did what to whom, with
  negation), for alignment across sources; rules in ``statements``.
- **Derived**: a total and a partitive subset imply the rest (``counts``).

Embedded posts are parsed apart (they are blanked out of the prose) and their claims are in
the voice of the post's author.

Counts are typed (their slot in the vocabulary of news figures, and their role: total, subset,
increment, rate; rules in ``figures``). Every claim carries its clause as span (the predicate's subtree without coordinated clauses,
extended left to its subject), the figure's or state word's span, its hedge (``CLAIM_HEDGES``,
a modal auxiliary on the predicate, or a hedged or distancing attribution) and its voice: a
claim whose figure lies inside a quote from ``Analysis.quotes`` is attributed to that quote's
speaker with its attribution chain; any other is the author's. A speaker's claim the author
keeps at a distance ("the ministry claims") stays the speaker's, unhedged: the speaker commits
to it, and the support's voice shows whose it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsdesk.claims.actions import actions_in
from newsdesk.claims.clauses import clause as _clause
from newsdesk.claims.counts import VAGUE_HEADS as _VAGUE_HEADS
from newsdesk.claims.counts import changes_in, counts_in, derived_from, increments_with_a_base
from newsdesk.claims.figures import typed
from newsdesk.claims.lexicon import (
    CLAIM_HEDGES,
    COMPLETE_WORDS,
    MANNER_NOUNS,
    MODAL_HEDGES,
    NEGATED_STATES,
    PARTIAL_WORDS,
    STATE_NOUNS,
    STATES,
    TRANSITIVE_STATE_VERBS,
    UNDERGOING_VERBS,
)
from newsdesk.claims.measures import measures_in, with_age_holders
from newsdesk.claims.statements import doc_text, statements_in
from newsdesk import resources
from newsdesk.model import Analysis, Claim, Post, Quote
from newsdesk.quotes.lexicon import PERSON_PRONOUNS, ROLE_HEADS

_COUNTERFACTUAL = re.compile(r"\bif\b[^.]*\b(had|hadn't|had not|were not|weren't)\b|\b(would|could|might) have\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(" + "|".join(re.escape(h) for h in sorted(CLAIM_HEDGES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
LOCATING_PREPOSITIONS = frozenset("in at near across throughout around inside outside".split())
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "pcomp", "conj", "prep", "acomp", "oprd", "ccomp", "relcl", "advmod"})

__all__ = ["extract_claims"]


def extract_claims(analysis: Analysis, doc: Doc) -> list[Claim]:
    """The checkable statements of one article, in text order: from its prose, and from the
    bodies of its embedded posts (in the voice of the post's author)."""
    article_id = analysis.article.id
    people = sorted((m.start, m.end, m.text) for m in analysis.mentions if m.label == "PERSON" and m.sentence >= 0)
    quotes = [q for q in analysis.quotes if q.kind in ("direct", "indirect")]
    claims = [_voiced(c, quotes) if c.kind == "statement" else _situated(_voiced(c, quotes), analysis, doc) for c in _claims_in(article_id, doc, people)]
    for post in analysis.posts:
        claims += _post_claims(analysis, post)
    return sorted(claims, key=lambda c: (c.start, c.value_start or 0))


def _claims_in(article_id: str, doc: Doc, people: list[tuple[int, int, str]]) -> list[Claim]:
    """Claims with offsets into ``doc``'s text, hedges marked."""
    claims: list[Claim] = []
    text = doc_text(doc)
    for sentence in doc.sents:
        if _COUNTERFACTUAL.search(sentence.text):
            continue
        counts = counts_in(article_id, sentence)
        claims += changes_in(article_id, sentence, counts)
        claims += counts
        claims += _states(article_id, sentence, people)
        claims += actions_in(article_id, sentence, _clause)
        claims += statements_in(article_id, sentence, text)
        claims += measures_in(article_id, sentence, text)
    claims += derived_from(article_id, doc, claims)
    return increments_with_a_base([_hedged(typed(c, text), doc, text) for c in with_age_holders(claims)])




def _post_claims(analysis: Analysis, post: Post) -> list[Claim]:
    """Claims in an embedded post's own words, parsed apart (posts are blanked out of the prose)."""
    if post.body_start is None or post.body_end is None:
        return []
    offset = post.body_start
    body = analysis.article.text[offset : post.body_end]
    people = sorted((m.start - offset, m.end - offset, m.text) for m in analysis.mentions if m.label == "PERSON" and offset <= m.start and m.end <= post.body_end)
    speaker = post.author or post.handle
    claims = []
    for claim in _claims_in(analysis.article.id, resources.parsed_apart(body), people):
        shifted = {name: getattr(claim, name) + offset for name in _OFFSETS if getattr(claim, name) is not None}
        claims.append(replace(claim, **shifted, voice="attributed", speaker=speaker, chain=(speaker,) if speaker else ()))
    return claims


_OFFSETS = ("start", "end", "value_start", "value_end", "subject_start", "subject_end", "actor_start", "actor_end", "target_start", "target_end")


# -- states ---------------------------------------------------------------------------


def _states(article_id: str, sentence: Span, people: list[tuple[int, int, str]]) -> list[Claim]:
    claims = []
    for token in sentence:
        lemma = token.lemma_.lower()
        word = token.lower_
        state = STATES.get(word) if token.pos_ == "ADJ" else STATES.get(lemma) if token.pos_ == "VERB" else None
        if token.pos_ == "VERB" and lemma in UNDERGOING_VERBS:
            named = next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in STATE_NOUNS), None)
            state = STATE_NOUNS[named.lemma_.lower()] if named is not None else None
        if state is None or token.dep_ in ("amod", "compound", "nmod") or token.tag_ in ("VB", "VBG"):
            continue  # attributive ("the injured man") or not asserted ("tried to kill", "killing")
        if token.dep_ == "oprd" and any(c.dep_ == "dobj" for c in token.head.children):
            continue  # the object's state, not the subject's: "he kept the story alive" (ECB+ 28)
        if state == "alive" and any(c.dep_ == "agent" for c in token.children):
            continue  # "is survived by his wife": an obituary's formula, he died and they live on (ECB+ 16)
        holder = _holder(token, lemma)
        if holder is None or _quantified(holder):
            continue
        subject = _subject(holder, people, state)
        if subject is None:
            continue
        name, subject_start, subject_end = subject
        negated = _negated(token)
        degree = {c.lower_ for c in token.children if c.dep_ == "advmod"}
        if state == "destroyed" and (degree & PARTIAL_WORDS or (negated and degree & COMPLETE_WORDS)):
            state, negated = "damaged", False
        value = NEGATED_STATES.get(state, state) if negated else state
        verb = token if token.pos_ == "VERB" else token.head
        start, end = _clause(verb, holder)
        doc = sentence.doc
        claims.append(
            Claim(
                article_id, start, end, doc_text(doc)[start:end], subject=name, predicate="state", value=value, kind="state",
                value_start=token.idx, value_end=token.idx + len(token), subject_start=subject_start, subject_end=subject_end,
                negated=negated,
            )
        )
    return claims


def _holder(token: Token, lemma: str) -> Token | None:
    if token.pos_ == "VERB":
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or token.tag_ == "VBN" and token.dep_ in ("acl", "acomp", "conj")
        if lemma in TRANSITIVE_STATE_VERBS and not passive:
            return next((c for c in token.children if c.dep_ == "dobj"), None)
    node = token
    for _ in range(6):
        subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and subject.lower_ in ("who", "that") and node.dep_ == "relcl":
            return node.head
        if subject is not None:
            return subject
        if node.dep_ not in _CLIMB_DEPS or node.head is node:
            return None
        node = node.head
    return None


def _quantified(holder: Token) -> bool:
    return any(t.like_num for t in holder.subtree if t.i <= holder.i) or holder.like_num or holder.lower_ in _VAGUE_HEADS or any(c.like_num or c.lower_ in _VAGUE_HEADS or c.dep_ == "nummod" for c in holder.children) or holder.tag_ in ("NNS", "NNPS") or holder.lower_ in ("they", "them", "who", "which", "that")


def _subject(holder: Token, people: list[tuple[int, int, str]], state: str) -> tuple[str, int, int] | None:
    """The holder as (name, start, end): a person named in the phrase, a pronoun's antecedent,
    a title, or (for damage) a thing."""
    if state in ("destroyed", "damaged", "intact", "not destroyed"):
        if holder.pos_ == "NOUN":
            return holder.lemma_.lower(), holder.idx, holder.idx + len(holder)
        return None
    phrase = list(holder.subtree)
    for sibling in holder.head.children:  # "The Prime Minister of Iraq, Mustafa al Kazemi": MT often parses two subjects
        if sibling.i > holder.i and sibling.dep_ in (holder.dep_, "appos"):
            phrase += list(sibling.subtree)
    start, end = min(t.idx for t in phrase), max(t.idx + len(t) for t in phrase)
    named = [p for p in people if start <= p[0] and p[1] <= end]
    if named:
        p = named[-1]
        return p[2], p[0], p[1]
    if holder.lower_ in PERSON_PRONOUNS:
        return _antecedent(holder, people)
    if holder.pos_ in ("NOUN", "PROPN") and holder.lemma_.lower() in ROLE_HEADS:
        words = [t for t in phrase if t.dep_ in ("compound", "amod") and t.i < holder.i and t.pos_ != "DET"] + [holder]
        first = words[0]
        return " ".join(t.lower_ for t in words), first.idx, holder.idx + len(holder)
    return None


def _antecedent(pronoun: Token, people: list[tuple[int, int, str]]) -> tuple[str, int, int] | None:
    """The person a pronoun stands for: of the names in its sentence and the two before it,
    the one whose surname the article uses most (the story's protagonist), nearest on a tie."""
    sentence = pronoun.sent
    window_start = sentence.start_char
    for _ in range(2):
        if sentence.start == 0:
            break
        sentence = pronoun.doc[sentence.start - 1].sent
        window_start = sentence.start_char
    candidates = [p for p in people if window_start <= p[0] and p[1] <= pronoun.idx]
    if not candidates:
        return None
    surnames = [_surname(p[2]) for p in people]
    best = max(reversed(candidates), key=lambda p: surnames.count(_surname(p[2])))
    return best[2], best[0], best[1]


def _surname(name: str) -> str:
    return name.split()[-1].casefold().split("-")[-1]


def _negated(token: Token) -> bool:
    """Whether a negation applies to the state word, not to a manner ("not destroyed by accident")."""
    scopes = [token] + ([token.head] if token.pos_ == "ADJ" or token.dep_ in ("xcomp", "acomp") else [])
    negated = any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "neg") for node in scopes for c in node.children)
    manner = any(c.dep_ in ("prep", "agent") and any(g.lemma_.lower() in MANNER_NOUNS for g in c.children) for c in token.children)
    return negated and not manner


# -- hedges, voice, time and place ----------------------------------------------------


def _situated(claim: Claim, analysis: Analysis, doc: Doc) -> Claim:
    """The date and place the claim's clause names, if any ("in February 2005 in Beirut")."""
    date = next((t.value for t in analysis.times if claim.start <= t.start and t.end <= claim.end), None)
    places = tuple(m.text for m in analysis.mentions if m.label in ("GPE", "LOC", "FAC") and claim.start <= m.start and m.end <= claim.end and _located_in(doc, m.start, m.end, claim))
    return replace(claim, date=date, places=places)


def _located_in(doc: Doc, start: int, end: int, claim: Claim) -> bool:
    """Whether a place in the claim's clause says where it happened: the object of "in", "at",
    "near", "across" (or coordinated with one) attached to the verb or to a noun of the clause
    ("collapsing buildings in Bener Meriah district"), outside the doer's words
    ("seismologists in Sweden recorded" does not place the explosions); not a dateline."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.text.isupper():
        return False
    if claim.actor_start is not None and claim.actor_start <= start < claim.actor_end:
        return False
    head = span.root
    while head.dep_ == "conj":
        head = head.head
    preposition = head.head
    return head.dep_ == "pobj" and preposition.lower_ in LOCATING_PREPOSITIONS and preposition.head.pos_ in ("VERB", "AUX", "NOUN")



def _hedged(claim: Claim, doc: Doc, full_text: str) -> Claim:
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    sentence = span.sent if span is not None else None
    text = full_text[sentence.start_char : claim.end] if sentence is not None else claim.text
    for found in _HEDGE.finditer(text):
        if sentence is not None and _hedges_an_adjective(doc, sentence.start_char + found.start(), claim):
            continue
        return replace(claim, hedge=found.group(1).lower())
    if span is not None:
        for token in span:
            if token.dep_ == "aux" and token.lower_ in MODAL_HEDGES and token.head.i in {t.i for t in span}:
                return replace(claim, hedge=token.lower_)
    return claim


def _hedges_an_adjective(doc: Doc, start: int, claim: Claim) -> bool:
    """A hedge adverb on an adjective hedges that word, not a figure beside it: in "a reportedly
    ill-equipped 31-year-old Robert Buckley" the age is asserted."""
    token = next((t for t in doc if t.idx == start), None)
    if token is None or claim.value_start is None or token.dep_ != "advmod" or token.head.pos_ not in ("ADJ", "VERB"):
        return False
    modifier = token.head.head if token.head.dep_ == "conj" else token.head  # "inexperienced and reportedly ill-equipped"
    if modifier.dep_ != "amod":
        return False
    return not (token.head.idx <= claim.value_start < token.head.idx + len(token.head))


def _voiced(claim: Claim, quotes: list[Quote]) -> Claim:
    anchor = claim.value_start if claim.value_start is not None else claim.start
    inside = [q for q in quotes if q.start <= anchor < q.end]
    if not inside:
        return claim
    quote = min(inside, key=lambda q: q.end - q.start)
    attribution = quote.attribution
    hedge = claim.hedge
    if hedge is None and attribution.hedged:
        hedge = "hedged attribution"
    return replace(claim, voice="attributed", speaker=quote.speaker, chain=attribution.chain, hedge=hedge)
