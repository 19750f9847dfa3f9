"""Figures of one sentence from its spaCy parse: counts, changes, and what a total and its
partitive subset imply.

- **Counts**: a figure, number word or vague quantity (see ``numbers``) with the noun it counts:
  its head when it modifies a noun ("six bodyguards", "several people"), or the object of its
  "of" ("two of the aircraft"; "two of them" takes the noun of the previous count in the
  sentence). Dates, times, ordinals, money, time spans and figures with a fraction ("a 2.9
  aftershock" measures, not counts) are not counts. The predicate is the
  verb (or nominal predicate) the counted phrase depends on, classed by ``PREDICATE_CLASSES``;
  the active subject of a verb that acts on victims counts doers, not victims ("(agent)").
- **Changes**: "from N (noun) to (only) M" is a change of the noun from N to M, predicate the
  governing verb ("would lose from 48 seats to only 15").
- **Derived**: within one article, a total ("three drones") and a partitive subset with another
  predicate ("two of them were shot down") imply the rest (1 not shot down); when a clause
  names the rest ("the third reached the target") it is the claim's span and its verb the
  predicate.

Counts are typed afterwards (slot and role, ``figures``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsdesk.claims.clauses import clause as _clause
from newsdesk.claims.lexicon import (
    NOT_COUNTED,
    NOUN_SYNONYMS,
    NOUNS_OF_HARM,
    NUMBER_LABELS,
    PATIENT_PREDICATES,
    PEOPLE_NOUNS,
    PREDICATE_CLASSES,
    REMAINDER_WORDS,
    ZERO_COUNTABLE,
    ZERO_PEOPLE,
)
from newsdesk.claims.measures import UNITS, apposition_age
from newsdesk.claims.numbers import FRACTIONS, SCALES, VAGUE, approximation_before, number_value, parse_amount
from newsdesk.claims.statements import doc_text
from newsdesk.model import Amount, Claim

__all__ = ["VAGUE_HEADS", "counts_in", "changes_in", "derived_from", "increments_with_a_base"]

_NOT_COUNT_ENTITIES = frozenset({"DATE", "TIME", "ORDINAL", "MONEY"})
VAGUE_HEADS = frozenset(w for phrase in VAGUE for w in phrase.split() if w not in ("a", "of", "tens"))

_NUMBER = r"\d+(?:[.,]\d+)*|[a-z]+(?:-[a-z]+)?"
_CHANGE = re.compile(rf"\bfrom\s+(?P<before>{_NUMBER})\s+(?:(?P<noun>[a-z]+)\s+)?to\s+(?:(?:only|just|a mere)\s+)?(?P<after>{_NUMBER})", re.IGNORECASE)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
HARM_PARTICIPLES = frozenset("dead killed wounded injured hurt".split())
# A toll and the verbs by which it reaches a figure ("the death toll rose to 154").
TOLL_NOUNS = frozenset("toll number tally count".split())
TOLL_VERBS = frozenset("rise climb reach stand increase jump grow mount hit top bring raise push put soar swell".split())


def counts_in(article_id: str, sentence: Span) -> list[Claim]:
    claims: list[Claim] = []
    used: set[int] = set()
    doc = sentence.doc
    for token in sentence:
        if token.i in used:
            continue
        if _zero_people(token):
            figure, noun, partitive, amount, elided, harmed = [token], token, False, Amount(0, 0, exact=True), False, None
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
            # a harm word right after the figure is what it counts even when tagged a noun ("about 50 hurt")
            harmed, toll = (_harm_participle(figure[-1]) if noun is None or noun.lower_ in HARM_PARTICIPLES else None), None
            if harmed is not None:
                noun = harmed
            toll = _toll_of(figure[-1]) if noun is None else None
            if toll is not None:
                noun, harmed = toll[0], toll[0]
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
        if harmed is not None:
            end = max(end, harmed.idx + len(harmed))  # "killed and at least 50 injured": the clause reaches its participle
            predicate = toll[1] if toll is not None else PREDICATE_CLASSES[harmed.lower_]
        subject, predicate = ("people", predicate) if elided or harmed is not None else _counted_as(noun, predicate)
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
    verb of harm, counts people too: "killed 135 people and injured about 5,000", "killing at
    least six civilians and wounding 120"."""
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj") or token.head.pos_ not in ("VERB", "ADJ"):
        return None
    if PREDICATE_CLASSES.get(token.head.lemma_.lower()) not in PATIENT_PREDICATES | {"missing"}:
        return None
    sentence = token.sent
    people = [c for c in earlier if c.subject in PEOPLE_NOUNS and sentence.start_char <= c.start]
    if not people:
        return None
    span = token.doc.char_span(people[-1].subject_start, people[-1].subject_end)
    return span[0] if span is not None else None


def _harm_participle(last: Token) -> Token | None:
    """A figure counting people by what happened to them, without a noun: "120 wounded", "30
    dead" (the participle or adjective is its head)."""
    head = last.head
    if last.dep_ == "nummod" and head.lower_ in HARM_PARTICIPLES and (head.pos_ in ("ADJ", "VERB") or head.i == last.i + 1):
        return head  # "about 50 hurt" with "hurt" tagged a noun: the word right after is still the participle
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if following is not None and following.head.i == last.i and following.dep_ in ("acl", "amod") and following.lower_ in HARM_PARTICIPLES:
        return following  # "Ten people were killed and at least 50 injured": the participle hangs on the figure
    return None


def _toll_of(last: Token) -> tuple[Token, str] | None:
    """(the toll's noun, the predicate class of the harm it counts) for a figure a toll reaches: "the death toll
    rose to 154", "the number of dead stood at 30", "bringing the death toll from the disaster to
    11", "the toll reached 41", "rose to at least six Friday" (the figure parsed as the day's
    modifier). A toll without a word of harm ("the toll") counts the dead."""
    if last.dep_ == "nummod" and last.head.i == last.i + 1 and last.head.ent_type_ == "DATE" and last.head.dep_ in ("pobj", "dobj", "npadvmod"):
        last = last.head  # "rose to at least six Friday": the parser hangs the figure on the day
    verb = last.head.head if last.dep_ == "pobj" and last.head.lower_ in ("to", "at") else last.head if last.dep_ in ("dobj", "npadvmod") else None
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in TOLL_VERBS:
        return None
    deps = ("dobj",) if verb.lemma_.lower() in ("bring", "raise", "push", "put") else ("nsubj", "nsubjpass")
    toll = next((c for c in verb.children if c.dep_ in deps and c.i < last.i), None)
    if toll is None or toll.lemma_.lower() not in TOLL_NOUNS:
        return None
    for word in toll.subtree:
        harm = PREDICATE_CLASSES.get(word.lower_) or PREDICATE_CLASSES.get(word.lemma_.lower()) or NOUNS_OF_HARM.get(word.lemma_.lower())
        if word.i != toll.i and word.i < last.i and harm in ("dead", "injured", "missing"):
            return toll, harm
    return (toll, "dead") if toll.lemma_.lower() == "toll" else None


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
    if token.ent_type_ in _NOT_COUNT_ENTITIES and not _harmed_number(token):
        return False
    lower = token.lower_
    if lower in FRACTIONS:
        previous = token.doc[token.i - 1].lower_ if token.i else ""
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children) and (lower == "half" or previous in ("a", "one", "two", "three"))
    if lower in VAGUE_HEADS:
        return True
    if token.like_num and not token.ent_type_ == "ORDINAL":
        if apposition_age(token):
            return False  # "Rihanna, 27,": an age
        if lower == "one" and token.dep_ != "nummod":
            return False  # "one of the points": a pronoun, not a count
        if _labels_or_fragment(token):
            return False
        return number_value(token.text) is not None and not re.fullmatch(r"(1[5-9]|20)\d\d", token.text)
    return lower == "no" and token.dep_ == "det" and token.head.lemma_.lower() in ZERO_COUNTABLE | PEOPLE_NOUNS


def _harmed_number(token: Token) -> bool:
    """A bare number the tagger took for a date that is the object of a verb of harm ("killing
    at least seven people and injuring 40"): nobody injures a date, so it counts people."""
    head = token.head
    return (
        token.ent_type_ == "DATE" and token.text.isdigit() and not re.fullmatch(r"(1[5-9]|20)\d\d", token.text)
        and token.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and PREDICATE_CLASSES.get(head.lemma_.lower()) in PATIENT_PREDICATES
    )


def _labels_or_fragment(token: Token) -> bool:
    """A number that names rather than counts ("magnitude 6", "flight 9525", "Category 5"), or
    a piece of a figure split by detokenising ("230, 000", "6. 1"), which cannot be read safely."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if before is not None and before.lower_ in NUMBER_LABELS:
        return True
    if before is not None and before.text == "." and token.i > 1 and doc[token.i - 2].like_num and _split_piece(before, token):
        return True
    if before is not None and before.text == "," and token.i > 1 and _thousands_follow(doc[token.i - 2]):
        return True  # "000" of "200, 000", read with its first group
    if _thousands_follow(token):
        return False  # read whole by ``_figure_tokens``
    return after is not None and after.text in ",." and token.i + 2 < len(doc) and _split_piece(after, doc[token.i + 2]) and not after.whitespace_ == ""


def _split_piece(mark: Token, piece: Token) -> bool:
    """Whether ``piece`` after a comma or point can continue one figure: digits after a point
    ("6. 1"), three after a comma ("230, 000"); "injuring 40, 15 of them" is two figures."""
    return re.fullmatch(r"\d{3}" if mark.text == "," else r"\d+", piece.text) is not None


def _figure_tokens(token: Token) -> list[Token]:
    """The number phrase around ``token``: "2.5 million", "twenty - one", "between 10 and 20"."""
    doc = token.doc
    start = end = token.i
    if (token.lower_ in FRACTIONS or token.lower_ in SCALES) and start > 0 and doc[start - 1].lower_ in ("a", "one"):
        start -= 1  # "a quarter", "(more than) a hundred": the article is part of the figure, so its approximator is read
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in SCALES or doc[start - 1].text in "-–") and doc[start - 1].ent_type_ not in _NOT_COUNT_ENTITIES:
        start -= 1
    while end + 1 < len(doc) and (doc[end + 1].like_num or doc[end + 1].lower_ in SCALES or (doc[end + 1].text in "-–" and end + 2 < len(doc) and doc[end + 2].like_num)):
        end += 1
    while _thousands_follow(doc[end]):
        end += 2  # "200, 000": the thousands a detokeniser split off
    return [doc[i] for i in range(start, end + 1)]


def _thousands_follow(token: Token) -> bool:
    """Whether a detokeniser's ", 000" continues the figure ("200, 000", "1, 200, 000"): a
    group of one to three digits, a comma and a space, then exactly three digits ("injuring 40,
    15 of them" is two figures; "in 2005, 100 people" a year and a figure)."""
    doc = token.doc
    if token.i + 2 >= len(doc) or not re.fullmatch(r"\d{1,3}", token.text):
        return False
    mark, group = doc[token.i + 1], doc[token.i + 2]
    return mark.text == "," and token.whitespace_ == "" and mark.whitespace_ != "" and re.fullmatch(r"\d{3}", group.text) is not None


def _counted_noun(token: Token, figure: list[Token], earlier: list[Claim]) -> tuple[Token | None, bool]:
    last = figure[-1]
    of = next((c for c in last.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None and token.lower_ in VAGUE_HEADS:
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
    """A noun that names things counted, not a unit ("450 pounds", "40m": measures, see ``measures``)."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() not in NOT_COUNTED and noun.ent_type_ not in _NOT_COUNT_ENTITIES and noun.lower_ not in UNITS and noun.lemma_.lower() not in UNITS


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
    ("158 missiles and drones" is neither a count of missiles nor of drones). A coordinated noun
    with its own determiner ("two women and a male co-worker", "23 pirates and the other arms"),
    an item of a list ("three speedboats, grenades and ...") or the object of another verb the
    tagger read as an adjective ("injuring five people and damaging buildings") is a thing of
    its own, not counted."""
    names = [_noun_name(noun)]
    for conj in noun.children:
        if conj.dep_ == "conj" and conj.pos_ == "NOUN" and not _is_quantity(conj) and not any(c.like_num or c.dep_ == "nummod" for c in conj.children) and not _own_thing(conj):
            names.append(_noun_name(conj))
    return " and ".join(names)


def _own_thing(conj: Token) -> bool:
    """Whether a coordinated noun stands apart from the count before it (see ``_subject_name``)."""
    first = conj.left_edge
    if any(c.dep_ in ("det", "poss") for c in conj.children) or first.tag_ == "VBG" or (first.pos_ in ("ADJ", "VERB") and first.lower_.endswith("ing")):
        return True
    return first.i > 0 and conj.doc[first.i - 1].text == ","


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



# -- changes --------------------------------------------------------------------------


def changes_in(article_id: str, sentence: Span, counts: list[Claim]) -> list[Claim]:
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



# -- arithmetic -----------------------------------------------------------------------


def derived_from(article_id: str, doc: Doc, claims: list[Claim]) -> list[Claim]:
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



def increments_with_a_base(claims: list[Claim]) -> list[Claim]:
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

