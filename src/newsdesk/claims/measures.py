"""Measures: figures with a unit (money, distance, weight, duration, magnitude, age), which the
count rules leave out, as typed facts.

A measure is a claim of kind ``measure``: ``amount`` in a base unit (dollars, metres, kilograms,
hours, years of age, magnitude), ``slot`` (``money``, ``distance``, ``material``, ``duration``,
``magnitude``, ``age``) and ``subject``: its **anchor**, the lemma of the word the figure is
about: what it measures ("1,200 tonnes of fertiliser" -> fertiliser), else the noun it modifies
("a 450-pound gorilla" -> gorilla; "$5 billion hit" ->
hit; "the 40m dry well" -> well), else the verb it depends on ("fell 15ft" -> fall); a span of
time the story has lasted so far ("trapped for around 50 hours by now", "have been searching for
more than 85 hours") has the anchor ``ELAPSED``, whatever its verb, since it grows from report to
report and is compared as an update; never a
unit or a light verb ("be", "include"), and an age only by the name it belongs to. Figures per
unit ("$82 a share", "$25-per-share"), ends of ranges ("$12 billion to $13 billion") and conversions in
brackets ("(131 feet)") are left out. Two
measures are the same thing only with the same slot and the same anchor: "$60 in cash" and "$82
a share" are not compared, nor the height of an iceberg with its thickness.

The amount is the figure as written; an approximator before it ("about", "more than", "as many
as") is kept in ``basis`` and makes it inexact. Two measures of one thing agree when their figures
are equal within ``ROUNDING`` ("about 49 meters" and "49m": the hedge word alone is no
difference); an inexact one within ``APPROXIMATE`` of the other is a difference of precision;
beyond that they contradict (in ``align``, when they hold at the same time). A measure in
another unit is converted before comparing, and read at the precision it is written: "about 200
feet" and "about 60 metres" are one figure in two units (each, converted and rounded to the
other's step, is the other), as are "2,000ft" and "600m"; two round figures a whole step apart
("some 700 metres" / "about 600 metres", or "2,000ft", 610 m, against "700 metres") are two
estimates that do not meet, a contradiction, however close in share (``values``). Money in different
currencies is not compared (no rates here). An age's holder is the last word of a person's name
(``comparable_ages`` keeps apart two people of one name).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from newsdesk.claims.lexicon import PEOPLE_NOUNS
from newsdesk.claims.numbers import approximation_before, parse_amount
from newsdesk.model import Amount, Claim

UNITS = {
    **dict.fromkeys("dollar dollars usd $".split(), ("money", 1.0)),
    **dict.fromkeys("pound pounds lb lbs".split(), ("material", 0.4536)),
    **dict.fromkeys("kg kilogram kilograms kilo kilos".split(), ("material", 1.0)),
    **dict.fromkeys("ton tons tonne tonnes".split(), ("material", 1000.0)),
    **dict.fromkeys("m metre metres meter meters".split(), ("distance", 1.0)),
    **dict.fromkeys("km kilometre kilometres kilometer kilometers".split(), ("distance", 1000.0)),
    **dict.fromkeys("mile miles".split(), ("distance", 1609.34)),
    **dict.fromkeys("ft foot feet".split(), ("distance", 0.3048)),
    **dict.fromkeys("cm centimetre centimetres centimeter centimeters".split(), ("distance", 0.01)),
    **dict.fromkeys("inch inches".split(), ("distance", 0.0254)),
    **dict.fromkeys("minute minutes".split(), ("duration", 1 / 60)),
    **dict.fromkeys("hour hours".split(), ("duration", 1.0)),
    **dict.fromkeys("magnitude".split(), ("magnitude", 1.0)),
}
_CURRENCIES = {"dollar": "$", "dollars": "$", "usd": "$", "$": "$", "£": "£", "€": "€"}
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
ROUNDING = 0.01
APPROXIMATE = 0.15
_FIGURE = re.compile(
    r"(?P<currency>[$£€])?\s?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<scale>thousand|million|billion|trillion|bn)?(?:\s?-?\s?(?P<unit>[a-z]+)\b)?",
    re.IGNORECASE,
)
_PER = re.compile(r"^\W*(?:a|per|each)\W+(?:share|head|year|day|month|week|hour|person|barrel|ton|tonne)\b", re.IGNORECASE)
_RANGE_AROUND = re.compile(r"^\W*(?:to|and|-|–)\s*[$£€]?\s?\d|\d\s*(?:bn|billion|million|m)?\s*(?:to|-|–)\s*$", re.IGNORECASE)
# The lower end of a range of a measure in units, just before its upper end's figure: "10 to 12
# feet", "a 24- to 30-foot dhow", "between 40 and 50 metres" (the unit written once).
_RANGE_LOW = re.compile(r"(?:\bbetween\s+(?P<between>\d[\d,]*(?:\.\d+)?)\s+and|(?<![\d,.])(?P<low>\d[\d,]*(?:\.\d+)?)-?\s*(?:to|-|–))\s*$", re.IGNORECASE)
_LIGHT = frozenset("be have include do make get take give go come say reach".split())
_AGE = re.compile(r"\b(?P<number>\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ]years?[- ]old\b|\baged (?P<aged>\d{1,3})\b", re.IGNORECASE)

UNRESOLVED_HOLDER = "?"
BY = " by "  # joins a verb's anchor to its doer: "fall by age 36", "fall by buckley"
# Words naming which length of a thing a figure gives ("40 metres deep", "a 30cm-diameter well").
DIMENSIONS = {
    **dict.fromkeys(("deep", "depth"), "deep"),
    **dict.fromkeys(("wide", "width", "diameter", "across"), "wide"),
    **dict.fromkeys(("long", "length"), "long"),
    **dict.fromkeys(("high", "height", "tall"), "high"),
    **dict.fromkeys(("thick", "thickness"), "thick"),
}
_NOT_IN_NOUN_PHRASE = frozenset("ADP VERB AUX CCONJ SCONJ PRON DET PART NUM".split())
_APPOSITION_AGE = re.compile(r"^[A-Z][\w.' -]*,\s(\d{1,3})\b")
_APPROXIMATORS = frozenset("about around some approximately roughly nearly almost over just".split())
# The anchor of a span of time the story has lasted so far (see ``_elapsed``).
ELAPSED = "elapsed so far"
_SO_FAR = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:by now|so far|as of writing|as of now)\b", re.IGNORECASE)
# Nouns for a person whose age tells them apart ("a five-year-old boy"); other nouns an age
# modifies ("a 17-year-old male", "the 37-year-old building") say too little of whose it is.
PROTAGONIST_SHARE = 0.5  # tuned on the dev split of tests/gold/claims/corpus.json
AGE_HOLDERS = PEOPLE_NOUNS | frozenset("toddler baby infant son daughter teenager teen youngster kid".split())

__all__ = ["ELAPSED", "UNRESOLVED_HOLDER", "apposition_age", "comparable_ages", "comparable_measures", "measures_in", "with_age_holders"]


def measures_in(article_id: str, sentence: Span, full_text: str) -> list[Claim]:
    doc = sentence.doc
    found: list[Claim] = []
    text = full_text[sentence.start_char : sentence.end_char]
    for match in _AGE.finditer(text):
        written = match.group("number") or match.group("aged")
        amount = parse_amount(written)
        if amount is None or not amount.exact:
            continue
        start = sentence.start_char + match.start()
        end = sentence.start_char + match.end()
        holder = _named_holder(doc, start, end) or _unnamed_holder(doc, start, end)
        if holder:
            found.append(_claim(article_id, sentence, full_text, start, end, "age", amount, holder))
    for token in sentence:
        if apposition_age(token):
            name = doc[token.i - 2]
            age = _claim(article_id, sentence, full_text, token.idx, token.idx + len(token), "age", Amount(float(token.text), float(token.text), exact=True), _last_name(name))
            start = name.left_edge.idx if name.left_edge.i < name.i else name.idx  # the name and its age, not the sentence it sits in
            found.append(replace(age, start=start, end=token.idx + len(token), text=full_text[start : token.idx + len(token)]))
    for match in _FIGURE.finditer(text):
        unit = (match.group("unit") or "").lower()
        currency = match.group("currency")
        scale = SCALE_WORDS.get((match.group("scale") or "").lower(), 1.0)
        if currency:
            slot, factor = "money", 1.0
            if unit in SCALE_WORDS:
                scale = SCALE_WORDS[unit]
        elif unit in UNITS:
            slot, factor = UNITS[unit]
        else:
            continue
        if slot == "magnitude":
            continue  # "magnitude 6.1" has its number after the word; left to statements
        start = sentence.start_char + match.start()
        end = sentence.start_char + match.end()
        number_start = sentence.start_char + match.start("number")
        if re.search(r"\d[,.]\s$", full_text[max(0, number_start - 3) : number_start]):
            continue  # the tail of a figure split by detokenising ("2, 000 feet"), which cannot be read safely
        window = full_text[max(sentence.start_char, start - 20) : start]
        lower_end = None if currency else _RANGE_LOW.search(window)
        if lower_end is not None:
            start -= len(window) - lower_end.start()
        elif unit in ("per", "each", "to", "and") or _RANGE_AROUND.search(full_text[max(0, start - 12) : start]) or _RANGE_AROUND.match(full_text[end : end + 12]):
            continue  # a price per unit ("$25-per-share"), or one end of a range of money ("$12 billion to $13 billion")
        if _converted(full_text, start) or _PER.match(full_text[end : end + 20]) or _PER.match(full_text[start + len(match.group(0).rstrip()) - len(unit) - 1 : end + 20] if unit == "a" else ""):
            continue
        value = float(match.group("number").replace(",", "")) * scale * factor
        approximator = approximation_before(full_text[sentence.start_char : start])
        anchor = ELAPSED if slot == "duration" and _elapsed(doc, start, end, full_text[end : sentence.end_char]) else _anchor(doc, start, end)
        if slot == "distance" and anchor != ELAPSED:
            anchor = _measured_thing(doc, start, end) or anchor
        amount = Amount(value, value, exact=not approximator)
        if lower_end is not None:
            low = float((lower_end.group("low") or lower_end.group("between")).replace(",", "")) * scale * factor
            if not 0 < low < value:
                continue
            amount = Amount(low, value, exact=False)  # "fell 10 to 12 feet", "a 24- to 30-foot dhow"
        claim = _claim(article_id, sentence, full_text, start, end, slot, amount, anchor)
        # money keeps its currency: "$2 million" and "£1 million" are not compared
        found.append(replace(claim, basis=approximator or None, predicate=f"money {_CURRENCIES.get(currency or unit, currency or unit)}" if slot == "money" else slot))
    return [m for m in found if m.subject]


def apposition_age(token: Token) -> bool:
    """A figure set off by commas right after a name is that person's age, not a count: "Rihanna,
    27, said", "Michael Neu, 67, faces 269 counts"."""
    doc = token.doc
    if not token.text.isdigit() or not 0 < int(token.text) <= 120 or token.i < 2 or doc[token.i - 1].text != ",":
        return False
    name = doc[token.i - 2]
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.text == "," and token.i + 2 < len(doc) and doc[token.i + 2].like_num:
        return False  # a list of numbers ("IE6, 7, 8")
    return (name.pos_ == "PROPN" or name.ent_type_ == "PERSON") and name.is_alpha and (after is None or after.text in (",", ".", ";", ")"))


def _elapsed(doc, start: int, end: int, rest: str) -> bool:
    """A span of time the story has lasted so far, as of its report: "(has been) trapped for
    around 50 hours by now", "have been searching for more than 85 hours": a perfect verb with
    "for", or "by now", "so far", "as of writing" after it. It grows from report to report."""
    if _SO_FAR.match(rest):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    preposition = span.root.head
    verb = preposition.head if preposition.lower_ == "for" else None
    return verb is not None and verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and verb.tag_ in ("VBN", "VBG")


def _converted(text: str, start: int) -> bool:
    """A figure in brackets right after another ("40 metres (131 feet)") restates it."""
    before = text[max(0, start - 3) : start]
    return "(" in before


def _named_holder(doc, start: int, end: int) -> str | None:
    """Whose age it is, when a name says it: the proper noun the age phrase modifies or sits in
    apposition to ("21-year-old Tavon Kaiseen Alleyne", "Michael Neu, 67"); ages of unnamed
    people ("a five-year-old boy", "the 37-year-old driver") are too easily someone else's."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root.head
    candidates = [head] if head.pos_ in ("NOUN", "PROPN") else []
    candidates += [t for t in head.children if t.dep_ in ("compound", "appos", "flat")] if head.pos_ in ("NOUN", "PROPN") else []
    candidates += [t for t in span.root.children if t.dep_ in ("appos",)]
    for token in candidates:
        if token.pos_ == "PROPN" and token.i not in range(span.start, span.end):
            return _last_name(token)
    return None


def _last_name(token: Token) -> str:
    """A person's name as an age's holder: the last word of the name ("Tavon Kaiseen Alleyne" and
    "Alleyne" are one person; "Gary Gomes" and "Catherine Gomes", both "gomes", are told apart
    by ``comparable_ages``)."""
    head = token.head if token.dep_ in ("compound", "flat") and token.head.pos_ == "PROPN" and token.head.i > token.i else token
    return head.lemma_.lower()


def _unnamed_holder(doc, start: int, end: int) -> str | None:
    """Whose age it is when no name says it: the noun the age phrase modifies ("a five-year-old
    boy" -> boy); the age used as a noun ("the six-year-old") or said of a pronoun ("he was 3
    years old") is ``UNRESOLVED_HOLDER``, resolved within its article by ``with_age_holders``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    old = next((t for t in span if t.lower_ == "old"), None)
    if old is None:
        return None
    if old.dep_ == "amod" and old.head.pos_ == "NOUN" and old.head.i not in range(span.start, span.end):
        return old.head.lemma_.lower() if old.head.lemma_.lower() in AGE_HOLDERS else None
    if old.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj") or old.dep_ == "acomp" and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in old.head.children):
        return UNRESOLVED_HOLDER
    return None


def with_age_holders(claims: list[Claim]) -> list[Claim]:
    """An age without its holder ("the six-year-old", "he was 3") repeats an age the article gives
    with one: the nearest with the same figure ("a six-year-old boy ... the six-year-old"), else
    the nearest before it of an unnamed person ("a boy"; a named person's age comes with the
    name); with none it is dropped (whose age it is stays unknown)."""
    holders = [c for c in claims if c.kind == "measure" and c.slot == "age" and c.subject != UNRESOLVED_HOLDER]
    result = []
    for claim in claims:
        if claim.kind == "measure" and claim.subject == UNRESOLVED_HOLDER:
            same = sorted((h for h in holders if h.amount == claim.amount), key=lambda h: abs(h.start - claim.start))
            before = [h for h in holders if h.start <= claim.start and h.subject in AGE_HOLDERS]  # a named person's age is given with the name
            source = same[0] if same else before[-1] if before else None
            if source is None:
                continue
            claim = replace(claim, subject=source.subject)
        result.append(claim)
    return result


def comparable_measures(claims: list[Claim], articles: int) -> list[Claim]:
    """The claims of an event's ``articles`` as measures are compared: ages as ``comparable_ages``
    keeps them, and a measure tied to one thing by its anchor, what one person did ("fall by age
    36") or one length of a thing ("well deep"), without the places its clause names: the
    anchor already says which thing it is, and reports name one place several ways or at
    several scales ("at Aoraki Mount Cook" / "in Aoraki/Mt. Cook National Park"; "in China" /
    "in Hebei province"), which would keep two accounts of the one well apart."""
    claims = _dimension_where_one(_doers_where_several(comparable_ages(claims, articles)))
    return [replace(c, places=()) if _tied(c) else c for c in claims]


def _dimension_where_one(claims: list[Claim]) -> list[Claim]:
    """A length of a thing without its dimension ("a 24- to 30-foot dhow") is the one length the
    event's reports give of it ("the 10-metre-long dhow"), when they give it one; of a thing
    with several ("the 80m-deep well", "the 30cm-diameter well") it stays apart, unread."""
    dimensions: dict[str, set[str]] = {}
    for claim in claims:
        thing, _, dimension = (claim.subject or "").rpartition(" ")
        if claim.kind == "measure" and claim.slot == "distance" and thing and dimension in DIMENSIONS.values():
            dimensions.setdefault(thing, set()).add(dimension)
    return [
        replace(c, subject=f"{c.subject} {next(iter(dimensions[c.subject]))}") if c.kind == "measure" and c.slot == "distance" and len(dimensions.get(c.subject or "", ())) == 1 else c
        for c in claims
    ]


def _doers_where_several(claims: list[Claim]) -> list[Claim]:
    """A measure's doer ("fall by age 36") tells falls apart only in an event of several: where
    the event's reports name one doer of a verb's measures (or none), the doer is dropped, so that
    "Isiah Gregg fell 15ft" is compared with "the boy fell about 12 feet"."""
    doers: dict[str, set[str]] = {}
    for claim in claims:
        if claim.kind == "measure" and BY in (claim.subject or ""):
            verb, _, doer = claim.subject.partition(BY)
            doers.setdefault(verb, set()).add(doer)
    single = {verb for verb, named in doers.items() if len(named) == 1}
    return [replace(c, subject=c.subject.partition(BY)[0]) if c.kind == "measure" and c.subject and c.subject.partition(BY)[0] in single and BY in c.subject else c for c in claims]


def _tied(claim: Claim) -> bool:
    if claim.kind != "measure":
        return False
    anchor = claim.subject or ""
    return BY in anchor or anchor.rpartition(" ")[2] in DIMENSIONS.values() and " " in anchor


def comparable_ages(claims: list[Claim], articles: int) -> list[Claim]:
    """The ages of unnamed holders (``AGE_HOLDERS``) worth comparing across an event's reports:
    those of a noun that at least ``PROTAGONIST_SHARE`` of its ``articles`` give an age (the
    story's protagonist, whom most reports introduce by age: "a four-year-old boy"; a race's
    "37-year-old driver" is one of many drivers), and not from an article that gives that noun
    two different ages (it speaks of more than one: "two boys ages 10 and 12"). Likewise a name's
    ages, from any number of reports, unless some report gives that name two different ages
    ("Gary Gomes, 35" and "Catherine Gomes, 61"; "John Jenkin, 23" and "Kathryn Jenkin, 20"):
    the name is a family's, and another report's lone "Jenkin, 20" may be either of them, so
    none of its ages is compared in the event."""
    ages: dict[tuple[str, str], set[float]] = {}
    for claim in claims:
        if claim.kind == "measure" and claim.slot == "age" and claim.amount is not None:
            ages.setdefault((claim.article_id, claim.subject), set()).add(claim.amount.low)
    reported = {noun: sum(1 for (_, n) in ages if n == noun) for _, noun in ages}
    families = {name for (_, name), values in ages.items() if len(values) > 1 and name not in AGE_HOLDERS}
    keep = {key for key, values in ages.items() if len(values) == 1 and key[1] not in families and (key[1] not in AGE_HOLDERS or reported[key[1]] >= PROTAGONIST_SHARE * articles)}
    return [c for c in claims if not (c.kind == "measure" and c.slot == "age") or (c.article_id, c.subject) in keep]


def _claim(article_id: str, sentence: Span, text: str, start: int, end: int, slot: str, amount: Amount, anchor: str | None) -> Claim:
    return Claim(
        article_id, sentence.start_char, sentence.end_char, text[sentence.start_char : sentence.end_char].rstrip(),
        subject=anchor, predicate=slot, value=text[start:end], kind="measure", amount=amount,
        value_start=start, value_end=end, slot=slot,
    )


def _anchor(doc, start: int, end: int) -> str | None:
    """The lemma of what the figure is about (see the module docstring)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token: Token = span.root
    for child in (c for t in span for c in t.children if c.dep_ == "prep" and c.lower_ == "of"):
        measured = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
        if measured is not None:
            return measured.lemma_.lower()  # "1,200 tonnes of fertiliser": what is measured
    # climb out of the figure's own words ("450-pound" compounds, "$5 billion")
    head = token
    for _ in range(4):
        if head.head is head or not (head.head.i in range(span.start, span.end) or head.dep_ in ("compound", "nummod", "quantmod", "amod", "npadvmod", "nmod")):
            break
        head = head.head
    target = head.head if head.head is not head and head.dep_ in ("compound", "nummod", "quantmod", "amod", "npadvmod", "nmod") else head
    if target.i in range(span.start, span.end):
        target = target.head
    for candidate in (target, target.head.head if target.dep_ == "pobj" else None):
        if candidate is None or candidate.i in range(span.start, span.end):
            continue
        lemma = candidate.lemma_.lower()
        if lemma in UNITS or lemma in _LIGHT or candidate.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ"):
            continue
        if candidate.pos_ == "VERB":
            doer = _doer(candidate)
            return f"{lemma}{BY}{doer}" if doer else lemma
        return lemma
    return None


def _measured_thing(doc, start: int, end: int) -> str | None:
    """What a length is the length of, and which length, when the words around the figure say it:
    the noun the figure stands before ("the 40m dry well", "the 80m-deep well", "a 10-metre-long
    dhow"), or the subject it is said of ("the well was about 40 metres deep", "a well measuring
    130ft deep"). A dimension word ("deep", "-diameter", "long", "tall") joins the anchor ("well
    deep"): the depth of a well and its width are two things, and a length without one is
    compared only with lengths without one."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    dimension, head, i = None, None, span.end
    while i < len(doc) and i < span.end + 5:
        token = doc[i]
        lower = token.lower_.lstrip("-")
        if token.text == "-":
            i += 1
            continue
        if lower in DIMENSIONS and dimension is None:
            dimension = DIMENSIONS[lower]
        elif token.pos_ in _NOT_IN_NOUN_PHRASE or token.is_punct or token.like_num:
            break
        else:
            head = token
            if token.pos_ in ("NOUN", "PROPN") and not (i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN")):
                break  # the noun phrase's head ("a 130-foot-deep chute last week")
        i += 1
    before = doc[span.start - 1] if span.start > 0 else None
    if head is not None and before is not None and before.pos_ == "DET" and head.lemma_.lower() not in UNITS:
        return f"{head.lemma_.lower()} {dimension}" if dimension else head.lemma_.lower()
    if dimension is None or doc[span.end].lower_ not in DIMENSIONS:
        return None
    verb = before
    while verb is not None and verb.lower_ in _APPROXIMATORS and verb.i > 0:
        verb = doc[verb.i - 1]
    if verb is None:
        return None
    if verb.lemma_ == "be":
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    elif verb.lemma_ == "measure" and verb.i > 0:
        subject = doc[verb.i - 1]
    else:
        subject = None
    if subject is None or subject.pos_ == "PRON" or subject.lemma_.lower() in UNITS:
        return None
    return f"{subject.lemma_.lower()} {dimension}"


def _doer(verb: Token) -> str | None:
    """Who did what a measure's verb says ("Robert Buckley, 32, fell about 2,000 feet"): a report
    telling of two climbers' falls gives each fall its doer, so that each is compared with the
    same person's fall elsewhere. The doer is the verb's subject, or for a verb joined to
    another ("slipped and fell", "died after falling", "after he slipped and fell") the subject
    of the verb it hangs on, a pronoun read as the subject above it. Told by the person's age when
    the subject's words give one ("a 36-year-old Australian climber", "Duncan Rait, 36"), which
    reports describing one person differently share, else by the last word of a name; a doer
    told by neither (a pronoun, "the man") is no doer: the fall keeps its plain anchor."""
    token = verb
    for _ in range(5):
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON":
            break
        if token.dep_ not in ("conj", "pcomp", "advcl", "xcomp") or token.head is token:
            return None
        token = token.head
        if token.pos_ == "ADP" and token.head is not token:
            token = token.head
    else:
        return None
    words = subject.doc.text[subject.left_edge.idx : subject.right_edge.idx + len(subject.right_edge)]
    age = _AGE.search(words) or _APPOSITION_AGE.search(words)
    if age:
        number = parse_amount(next(g for g in age.groups() if g))
        if number is not None and number.exact:
            return f"age {number.low:g}"
    names = [t for t in subject.subtree if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass", "appos")]
    return _last_name(names[0]) if names else None
