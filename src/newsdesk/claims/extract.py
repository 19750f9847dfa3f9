"""Per-article claims from the spaCy parse of the prose.

Rules, in the order they run over each sentence:

- Sentences built on a counterfactual ("if ... had not ...", "would have") state nothing as
  fact and give no claims.
- **Counts**: a figure, number word or vague quantity (see ``numbers``) with the noun it counts:
  its head when it modifies a noun ("six bodyguards", "several people"), or the object of its
  "of" ("two of the aircraft"; "two of them" takes the noun of the previous count in the
  sentence). Dates, times, ordinals, money, time spans and figures with a fraction ("a 2.9
  aftershock" measures, not counts) are not counts. The predicate is the
  verb (or nominal predicate) the counted phrase depends on, classed by ``PREDICATE_CLASSES``;
  the active subject of a verb that acts on victims counts doers, not victims ("(agent)").
- **Changes**: "from N (noun) to (only) M" is a change of the noun from N to M, predicate the
  governing verb ("would lose from 48 seats to only 15").
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
- **Derived**: within one article, a total ("three drones") and a partitive subset with another
  predicate ("two of them were shot down") imply the rest (1 not shot down); when a clause
  names the rest ("the third reached the target") it is the claim's span and its verb the
  predicate.

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
from newsdesk.claims.figures import typed
from newsdesk.claims.lexicon import (
    CLAIM_HEDGES,
    COMPLETE_WORDS,
    MANNER_NOUNS,
    MODAL_HEDGES,
    NEGATED_STATES,
    NOUNS_OF_HARM,
    NOT_COUNTED,
    NOUN_SYNONYMS,
    NUMBER_LABELS,
    PATIENT_PREDICATES,
    PARTIAL_WORDS,
    PEOPLE_NOUNS,
    ZERO_COUNTABLE,
    ZERO_PEOPLE,
    PREDICATE_CLASSES,
    REMAINDER_WORDS,
    STATE_NOUNS,
    STATES,
    TRANSITIVE_STATE_VERBS,
    UNDERGOING_VERBS,
)
from newsdesk.claims.measures import measures_in
from newsdesk.claims.statements import doc_text, statements_in
from newsdesk.claims.numbers import FRACTIONS, SCALES, VAGUE, approximation_before, number_value, parse_amount
from newsdesk import resources
from newsdesk.model import Amount, Analysis, Claim, Post, Quote
from newsdesk.quotes.lexicon import PERSON_PRONOUNS, ROLE_HEADS

_NOT_COUNT_ENTITIES = frozenset({"DATE", "TIME", "ORDINAL", "MONEY"})
_VAGUE_HEADS = frozenset(w for phrase in VAGUE for w in phrase.split() if w not in ("a", "of", "tens"))
_COUNTERFACTUAL = re.compile(r"\bif\b[^.]*\b(had|hadn't|had not|were not|weren't)\b|\b(would|could|might) have\b", re.IGNORECASE)
_NUMBER = r"\d+(?:[.,]\d+)*|[a-z]+(?:-[a-z]+)?"
_CHANGE = re.compile(rf"\bfrom\s+(?P<before>{_NUMBER})\s+(?:(?P<noun>[a-z]+)\s+)?to\s+(?:(?:only|just|a mere)\s+)?(?P<after>{_NUMBER})", re.IGNORECASE)
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
        counts = _counts(article_id, sentence)
        claims += _changes(article_id, sentence, counts)
        claims += counts
        claims += _states(article_id, sentence, people)
        claims += actions_in(article_id, sentence, _clause)
        claims += statements_in(article_id, sentence, text)
        claims += measures_in(article_id, sentence, text)
    claims += _derived(article_id, doc, claims)
    return _increments_with_a_base([_hedged(typed(c, text), doc, text) for c in claims])


def _increments_with_a_base(claims: list[Claim]) -> list[Claim]:
    """ "12 more bodies" adds to an earlier figure; "another 12" does only when a figure of the
    same slot comes before it in the article ("Another 10,000 people are missing" after a death
    toll is a total of the missing)."""
    result, seen = [], set()
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.role == "increment" and claim.slot not in seen and re.search(r"(?i)\b(?:another|an additional|a further|further)\W*$", claim.text[: claim.value_start - claim.start]):
            claim = replace(claim, role="total")
        if claim.slot:
            seen.add(claim.slot)
        result.append(claim)
    return result


def _post_claims(analysis: Analysis, post: Post) -> list[Claim]:
    """Claims in an embedded post's own words, parsed apart (posts are blanked out of the prose)."""
    if post.body_start is None or post.body_end is None:
        return []
    offset = post.body_start
    body = analysis.article.text[offset : post.body_end]
    people = sorted((m.start - offset, m.end - offset, m.text) for m in analysis.mentions if m.label == "PERSON" and offset <= m.start and m.end <= post.body_end)
    speaker = post.author or post.handle
    claims = []
    for claim in _claims_in(analysis.article.id, resources.nlp()(body), people):
        shifted = {name: getattr(claim, name) + offset for name in _OFFSETS if getattr(claim, name) is not None}
        claims.append(replace(claim, **shifted, voice="attributed", speaker=speaker, chain=(speaker,) if speaker else ()))
    return claims


_OFFSETS = ("start", "end", "value_start", "value_end", "subject_start", "subject_end", "actor_start", "actor_end", "target_start", "target_end")


# -- counts ---------------------------------------------------------------------------


def _counts(article_id: str, sentence: Span) -> list[Claim]:
    claims: list[Claim] = []
    used: set[int] = set()
    doc = sentence.doc
    for token in sentence:
        if token.i in used:
            continue
        if _zero_people(token):
            figure, noun, partitive, amount, elided = [token], token, False, Amount(0, 0, exact=True), False
            first = doc[token.i - 1] if token.lower_ == "one" else token
            value_start = first.idx
        elif _is_quantity(token):
            figure = _figure_tokens(token)
            used.update(t.i for t in figure)
            percent = _percent_sign(figure[-1])
            if percent is not None:
                used.add(percent.i)
                figure = figure + [percent]
            noun, partitive = _counted_noun(token, figure, claims)
            if noun is None and percent is not None:
                noun = percent
            elided = noun is None
            if elided:
                noun = _elided_people(token, claims)
            if noun is None or _denominator(noun, figure):
                continue
            approximator = approximation_before(doc_text(doc)[sentence.start_char : figure[0].idx])
            phrase = doc_text(doc)[figure[0].idx : figure[-1].idx + len(figure[-1])]
            written = parse_amount(phrase)
            amount = parse_amount(f"{approximator} {phrase}") if approximator else written
            if amount is None or _fractional(written):
                continue
            value_start = doc_text(doc).lower().rfind(approximator, sentence.start_char, figure[0].idx) if approximator else figure[0].idx
        else:
            continue
        anchor = figure[-1] if partitive or noun.i == figure[-1].i or noun.i < figure[0].i else noun
        head, predicate = _predicate(anchor)
        if predicate is None:
            continue
        start, end = _clause(head, anchor)
        actor = _actor(head, anchor)
        subject, predicate = ("people", predicate) if elided else _counted_as(noun, predicate)
        claims.append(
            Claim(
                article_id, start, end, doc_text(doc)[start:end],
                subject=subject, predicate=predicate, value=doc_text(doc)[value_start : figure[-1].idx + len(figure[-1])],
                kind="count", amount=amount, value_start=value_start, value_end=figure[-1].idx + len(figure[-1]),
                subject_start=noun.idx, subject_end=noun.idx + len(noun),
                actor_start=actor[0] if actor else None, actor_end=actor[1] if actor else None,
                basis="partitive" if partitive else None,
            )
        )
    return claims


def _fractional(amount: Amount | None) -> bool:
    """A figure as written (no "about") with a fraction that is not a share ("a 2.9
    aftershock", "2.7 miles") measures something; it does not count things ("1.5 million
    people" does)."""
    return amount is not None and not amount.proportion and round(amount.low, 6) % 1 != 0


def _zero_people(token: Token) -> bool:
    """"nobody", "no one": zero people ("none of the 171 passengers" is left alone)."""
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "else":
        return False  # "no one else": zero besides those named, not zero
    if token.lower_ in ZERO_PEOPLE:
        return True
    return token.lower_ == "one" and token.i > 0 and doc[token.i - 1].lower_ == "no"


def _percent_sign(token: Token) -> Token | None:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in ("%", "percent", "pc"):
        return following
    if following is not None and following.lower_ == "per" and following.i + 1 < len(token.doc) and token.doc[following.i + 1].lower_ == "cent":
        return token.doc[following.i + 1]
    return None


def _elided_people(token: Token, earlier: list[Claim]) -> Token | None:
    """A bare figure after a count of people in the same sentence, as subject or object of a
    verb of harm, counts people too: "killed 135 people and injured about 5,000"."""
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj") or token.head.pos_ not in ("VERB", "ADJ"):
        return None
    if PREDICATE_CLASSES.get(token.head.lemma_.lower()) not in PATIENT_PREDICATES | {"missing"}:
        return None
    sentence = token.sent
    people = [c for c in earlier if c.subject == "people" and sentence.start_char <= c.start]
    if not people:
        return None
    span = token.doc.char_span(people[-1].subject_start, people[-1].subject_end)
    return span[0] if span is not None else None


def _denominator(noun: Token, figure: list[Token]) -> bool:
    """The whole of a partitive ("135 of the 199 seats", "none of the 171 passengers") is not
    itself a count of the predicate."""
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "of"):
        return False
    part = noun.head.head
    return (part.like_num or part.lower_ in ("none", "each", "neither", "either")) and part.i not in {t.i for t in figure}


def _actor(head: Token, anchor: Token) -> tuple[int, int] | None:
    """The subject of the predicate when the counted phrase is not it: who won, lost, launched."""
    if head.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.i <= anchor.i <= subject.right_edge.i:
        return None
    words = [t for t in subject.subtree if t.is_alpha]
    if not words or all(t.is_upper for t in words) or subject.pos_ == "PRON":
        return None  # a dateline ("LONDON —") the parser took for the subject, or a pronoun
    return subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)


def _is_quantity(token: Token) -> bool:
    if token.ent_type_ in _NOT_COUNT_ENTITIES:
        return False
    lower = token.lower_
    if lower in FRACTIONS:
        previous = token.doc[token.i - 1].lower_ if token.i else ""
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children) and (lower == "half" or previous in ("a", "one", "two", "three"))
    if lower in _VAGUE_HEADS:
        return True
    if token.like_num and not token.ent_type_ == "ORDINAL":
        if lower == "one" and token.dep_ != "nummod":
            return False  # "one of the points": a pronoun, not a count
        if _labels_or_fragment(token):
            return False
        return number_value(token.text) is not None and not re.fullmatch(r"(1[5-9]|20)\d\d", token.text)
    return lower == "no" and token.dep_ == "det" and token.head.lemma_.lower() in ZERO_COUNTABLE | PEOPLE_NOUNS


def _labels_or_fragment(token: Token) -> bool:
    """A number that names rather than counts ("magnitude 6", "flight 9525", "Category 5"), or
    a piece of a figure split by detokenising ("230, 000", "6. 1"), which cannot be read safely."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if before is not None and before.lower_ in NUMBER_LABELS:
        return True
    if before is not None and before.text in ",." and token.i > 1 and doc[token.i - 2].like_num:
        return True
    return after is not None and after.text in ",." and token.i + 2 < len(doc) and re.fullmatch(r"\d+", doc[token.i + 2].text) is not None and not after.whitespace_ == ""


def _figure_tokens(token: Token) -> list[Token]:
    """The number phrase around ``token``: "2.5 million", "twenty - one", "between 10 and 20"."""
    doc = token.doc
    start = end = token.i
    if token.lower_ in FRACTIONS and start > 0 and doc[start - 1].lower_ in ("a", "one"):
        start -= 1  # "a quarter"
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in SCALES or doc[start - 1].text in "-–") and doc[start - 1].ent_type_ not in _NOT_COUNT_ENTITIES:
        start -= 1
    while end + 1 < len(doc) and (doc[end + 1].like_num or doc[end + 1].lower_ in SCALES or (doc[end + 1].text in "-–" and end + 2 < len(doc) and doc[end + 2].like_num)):
        end += 1
    return [doc[i] for i in range(start, end + 1)]


def _counted_noun(token: Token, figure: list[Token], earlier: list[Claim]) -> tuple[Token | None, bool]:
    last = figure[-1]
    of = next((c for c in last.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None and token.lower_ in _VAGUE_HEADS:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        target = next((c for c in of.children if c.dep_ == "pobj"), None)
        if target is None:
            return None, False
        if target.pos_ == "PRON":
            previous = [c for c in earlier if c.subject]
            if not previous:
                return None, False
            antecedent = token.doc.char_span(previous[-1].subject_start, previous[-1].subject_end)
            return (antecedent[0] if antecedent is not None else None), True
        return (target if _countable(target) else None), True
    head = last.head
    for _ in range(2):  # "more than 100 people": the figure may hang off a quantifier
        if head.pos_ in ("NOUN", "PROPN") and last.dep_ in ("nummod", "amod", "quantmod", "compound", "det", "nmod"):
            if head.i < last.i:
                return None, False  # a figure after its noun is a misparse ("27 deaths and 4 disappeared")
            return (head if _countable(head) else None), False
        if not head.like_num:
            break
        last, head = head, head.head
    return None, False


def _countable(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and noun.lemma_.lower() not in NOT_COUNTED and noun.ent_type_ not in _NOT_COUNT_ENTITIES


def _noun_name(noun: Token) -> str:
    if noun.lower_ in ZERO_PEOPLE or noun.lower_ == "one":
        return "people"
    if noun.lower_ in ("%", "percent", "pc", "cent"):
        return "percent"
    name = noun.lemma_.lower() if noun.pos_ == "NOUN" else noun.text.lower()
    return NOUN_SYNONYMS.get(name, name)


def _counted_as(noun: Token, predicate: str) -> tuple[str, str]:
    """(subject, predicate): a count of deaths or injuries counts people dead or injured."""
    name = _subject_name(noun)
    if name in NOUNS_OF_HARM:
        return "people", NOUNS_OF_HARM[name]
    return name, predicate


def _subject_name(noun: Token) -> str:
    """The counted noun's name; nouns coordinated without their own figure are counted together
    ("158 missiles and drones" is neither a count of missiles nor of drones)."""
    names = [_noun_name(noun)]
    for conj in noun.children:
        if conj.dep_ == "conj" and conj.pos_ == "NOUN" and not _is_quantity(conj) and not any(c.like_num or c.dep_ == "nummod" for c in conj.children):
            names.append(_noun_name(conj))
    return " and ".join(names)


def _predicate(anchor: Token) -> tuple[Token, str | None]:
    """The word the counted phrase depends on, and its predicate class. A relative clause on the
    counted noun (or a noun coordinated with it) says what happened to it: "the 144 passengers
    and six crew members who lost their lives"."""
    for noun in [anchor, *(c for c in anchor.children if c.dep_ == "conj")]:
        clause = next((c for c in noun.children if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX")), None)
        if clause is not None:
            return clause, _verb_class(clause, "nsubj" if any(c.dep_ == "nsubj" for c in clause.children) else "nsubjpass")
    node, role = anchor, anchor.dep_
    for _ in range(5):
        if node.dep_ in ("nummod", "amod", "quantmod", "compound", "det"):
            node = node.head
            role = node.dep_
            continue
        head = node.head
        if head is node:
            return node, None
        if head.pos_ in ("VERB", "AUX"):
            return head, _verb_class(head, role)
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "ROOT", "conj"):
            return head, PREDICATE_CLASSES.get(head.lemma_.lower(), head.lemma_.lower())
        if head.pos_ == "NOUN" and node.dep_ == "prep" and head.lemma_.lower() in PREDICATE_CLASSES:
            return head, PREDICATE_CLASSES[head.lemma_.lower()]  # "an attack with three drones", "the death of 11,000"
        node = head
        if node.dep_ not in ("pobj", "prep", "appos", "conj"):
            role = node.dep_
    return anchor, None


def _verb_class(verb: Token, role: str) -> str:
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if lemma == "be":
        complement = next((c for c in verb.children if c.dep_ in ("acomp", "attr") and c.pos_ in ("ADJ", "VERB")), None)
        if complement is None:
            return "be"
        lemma = complement.lemma_.lower()
    key = f"{lemma}_{particle}" if particle and f"{lemma}_{particle}" in PREDICATE_CLASSES else lemma
    if lemma == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children):
        return "dead"  # "lost their lives"
    if verb.lemma_.lower() in ("end", "manage", "try", "continue") :
        complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if complement is not None:
            key = complement.lemma_.lower()
    predicate = PREDICATE_CLASSES.get(key, key.replace("_", " "))
    if predicate in PATIENT_PREDICATES and role == "nsubj" and lemma not in ("die", "perish", "be") and verb.tag_ != "VBN":
        return f"{predicate} (agent)"
    return predicate


def _clause(head: Token, anchor: Token) -> tuple[int, int]:
    """Characters of ``head``'s clause without coordinated clauses, side remarks and clauses
    before it that do not hold the anchor, extended left to ``anchor``; a relative clause
    takes the noun it describes ("the 2004 tsunami that killed 230,000 people"), so that
    its date and place come with it."""
    if head.dep_ == "relcl" and head.head.i < head.i:
        anchor = head.head if head.head.left_edge.i < anchor.left_edge.i else anchor
    skip: set[int] = set()
    for child in head.children:
        after = child.i > head.i
        holds_anchor = child.left_edge.i <= anchor.i <= child.right_edge.i
        if (after and child.dep_ in ("conj", "cc", "parataxis", "appos")) or (not after and not holds_anchor and child.dep_ in ("ccomp", "parataxis", "advcl")):
            skip.update(t.i for t in child.subtree)
        if child.dep_ == "punct" and child.i > head.i and any(c.dep_ == "conj" and c.i > child.i for c in head.children):
            skip.add(child.i)
    tokens = [t.i for t in head.subtree if t.i not in skip]
    first, last = head.i, head.i
    while first - 1 in tokens:
        first -= 1
    while last + 1 in tokens:
        last += 1
    first = min(first, anchor.left_edge.i)
    doc = head.doc
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ == "cc"):
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last])


# -- changes --------------------------------------------------------------------------


def _changes(article_id: str, sentence: Span, counts: list[Claim]) -> list[Claim]:
    doc = sentence.doc
    claims = []
    for match in _CHANGE.finditer(sentence.text):
        before, after = parse_amount(match.group("before")), parse_amount(match.group("after"))
        if before is None or after is None:
            continue
        offset = sentence.start_char
        start, end = offset + match.start(), offset + match.end()
        from_token = doc.char_span(start, start + 4)
        noun_token = None
        if match.group("noun"):
            noun_start = offset + match.start("noun")
            span = doc.char_span(noun_start, noun_start + len(match.group("noun")))
            noun_token = span[0] if span is not None else None
        if from_token is None or noun_token is None or not _countable(noun_token):
            continue
        verb, predicate = _predicate(from_token[0])
        if predicate is None:
            continue
        clause_start, clause_end = _clause(verb, from_token[0])
        actor = _actor(verb, from_token[0])
        claims.append(
            Claim(
                article_id, clause_start, clause_end, doc_text(doc)[clause_start:clause_end],
                subject=_noun_name(noun_token), predicate=predicate, value=doc_text(doc)[start:end],
                kind="change", amount=after, before=before, value_start=start, value_end=end,
                subject_start=noun_token.idx, subject_end=noun_token.idx + len(noun_token),
                actor_start=actor[0] if actor else None, actor_end=actor[1] if actor else None,
            )
        )
        # the figures of a change are not separate counts
        counts[:] = [c for c in counts if not (start <= (c.value_start or -1) < end)]
    return claims


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


# -- arithmetic -----------------------------------------------------------------------


def _derived(article_id: str, doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Totals minus partitive subsets of the same noun: "three drones ... two of them were shot down"."""
    derived = []
    counts = [c for c in claims if c.kind == "count" and c.amount and c.amount.exact and not c.amount.proportion]
    for subset in counts:
        if subset.basis != "partitive":
            continue
        totals = [t for t in counts if t is not subset and t.subject == subset.subject and t.predicate != subset.predicate and t.start <= subset.start and t.amount.low > subset.amount.low]
        if not totals:
            continue
        total = totals[-1]
        rest = total.amount.low - subset.amount.low
        start, end, predicate = _remainder_clause(doc, subset)
        derived.append(
            Claim(
                article_id, start, end, doc_text(doc)[start:end], subject=subset.subject, predicate=predicate,
                value=f"{rest:g}", kind="derived", amount=replace(total.amount, low=rest, high=rest),
                value_start=start, value_end=end, subject_start=subset.subject_start, subject_end=subset.subject_end,
                basis=f"{total.amount.low:g} {total.predicate} - {subset.amount.low:g} {subset.predicate}",
            )
        )
    return derived


def _remainder_clause(doc: Doc, subset: Claim) -> tuple[int, int, str]:
    """The clause naming what is left ("the third reached the target"), else the subset's clause."""
    span = doc.char_span(subset.start, subset.end, alignment_mode="expand")
    sentence = span.sent if span is not None else None
    if sentence is not None:
        for token in sentence:
            if token.idx >= subset.end and token.lower_ in REMAINDER_WORDS and token.dep_ in _SUBJECT_DEPS and token.head.pos_ == "VERB":
                head, predicate = _predicate(token)
                start, end = _clause(head, token)
                if token.i > 0 and doc[token.i - 1].lower_ == "the":
                    start = doc[token.i - 1].idx
                return start, end, predicate or "rest"
    return subset.start, subset.end, f"not {subset.predicate}"


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
    found = _HEDGE.search(text)
    if found:
        return replace(claim, hedge=found.group(1).lower())
    if span is not None:
        for token in span:
            if token.dep_ == "aux" and token.lower_ in MODAL_HEDGES and token.head.i in {t.i for t in span}:
                return replace(claim, hedge=token.lower_)
    return claim


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
