"""Align the statements (clause-level propositions) of one event's articles: the same proposition
stated by several sources is an agreement; affirmed by one and negated or denied by another, a
contradiction; a salient one no other source states, single-source.

- **Blocking.** Two statements are compared only when they share at least ``MIN_SHARED_KEYS``
  selective keys (lemmas and names, see ``statements``): a key found in more than
  ``MAX_POSTING`` statements of the event (the event's own name, "police") blocks nothing. The candidate pairs come from the inverted index of selective keys, so the work grows
  with the pairs that share rare words, not with the square of the event's sentences.
- **Same proposition.** Each statement is encoded with the sentence encoder (multilingual USE)
  as its clause, with its subject when the clause borrows it ("..., killing six" is encoded as
  "A suicide bomber killing six"). A candidate pair is the same proposition when the cosine
  reaches ``SAME_PROPOSITION``, or reaches ``SAME_WITH_WORDS`` and the two clauses share most of
  their content: the shared keys, weighted by how rare each is in the event (idf), make at least
  ``SHARED_WEIGHT`` of the shorter clause's weight (or, ``CLOSER_WORDS_MARGIN`` below that
  cosine, ``SHARED_WEIGHT_CLOSER``: "the boy was treated for serious, but non-life threatening
  injuries" / "The boy was sent to the hospital with non-threatening injuries", 0.6). Paraphrases of one fact by two outlets
  score 0.6-0.95; two facts about the same people 0.3-0.65 with fewer rare words in common.
- **Same parts.** A candidate pair is also the same proposition when the cosine reaches
  ``SAME_PARTS`` and the two clauses have the same predicate (the same verb or one class of
  meaning, ``predicates``), the same doer (the linked entity whose mention ends the subject's
  head, the event's holder of a title the subject gives, or the same head word; each of
  coordinated doers: "Broadcom and Qualcomm signed" / "Qualcomm signed") and no different
  object ("Rich Dauer, 65, hit his head the night before" / "Dauer hit his head", 0.46); a
  passive without its agent compares by the thing done alone, and states what its
  subject underwent ("two people have been killed" / "two people have died": ``UNDERGONE`` and
  ``UNDERGOING`` in ``predicates``). Whole clauses of one fact with
  different asides score low, their parts do not.
- **Different doers.** Two clauses whose doers are both named in them (a linked entity or a
  titled holder, not through a pronoun, not a passive without its agent) and share neither an
  entity nor a word of their names (within ``parties.SAME_NAME_WORD``: one person may be linked twice)
  are two propositions, however alike their words: "Russia exports some oil to North Korea" /
  "China exports ...".
- **Figures decide.** When both clauses carry counts of the same slot with different values, or
  both give numbers and none in common, the statement says nothing by itself: the figures are compared by ``align`` (agreement,
  precision, update or contradiction), so the pair is left out here.
- **Polarity.** The same proposition (cosine at least ``NEGATED_PROPOSITION``, higher since a
  negation moves a sentence's vector little, and the same predicate; or the same parts at
  ``DENIED_PARTS``, with a doer that is a linked entity or written the same) affirmed by one source and
  negated or denied by another, neither hedged, with a linked entity named in both (each
  sentence with the one before it: ``disputes.EventAnchors``), is a contradiction; otherwise the statements
  agree (the same polarity). Two sources putting something at the same distance from the same
  place in incompatible directions contradict (rules in ``bearings``).
- **Findings.** Agreeing pairs are grouped from the most similar down; a statement joins a group
  when it agrees with more than half of the members already in it, so with both of a pair (no
  chains: A like B and B like C does not make A like C; on dev, at least half let a clause that
  agreed with one of a pair join it, and pull the pair's figure into another proposition); a second statement of an article already in the group (a
  quote repeated) is absorbed, so it opens no second group for the same proposition. A group from two or more articles is one
  agreement, one support per article. A finding carries the similarity of its weakest pair and
  the names (linked entities first) and words its clauses share, so the reader can see why. A
  statement agreement about the same sentences as one already listed (in two or more articles:
  two clauses of one quote, or the clause of a figure already lined up) joins it rather than
  being listed twice.
- **Single source.** A statement is single-source when no statement of another article comes
  near it (none that states the same proposition, by the rule above, or gives a figure too and
  shares two of its words at cosine ``NEAR`` or more: a clause without a figure speaks to the
  topic, not to the figure; none that gives one of its numbers, or a figure of the same unit,
  in a clause at cosine ``COUNTERPART`` or more; no figure, state or action in its clause
  that another article speaks to) and
  it is checkable and salient: it gives a figure, is asserted (not hedged), in the author's
  voice or a named speaker's, and has at least ``SINGLE_MIN_WORDS`` words. At most
  ``SINGLE_SOURCE_PER_ARTICLE`` per article, in text order (news puts what matters first).

Thresholds were set on the dev events of tests/gold/claims/corpus.json (the closer-words band
0.55-0.6 at 0.6 of the weight: 9 pairs of one gold agreement and 5 of annotated quotes of
different findings among dev's candidate pairs, two of those a true unannotated agreement;
at 0.55 of the weight, 11 and 6; ``SAME_PARTS`` 0.33 and
0.4 scored the same there; ``NEAR`` 0.65 lists more single-source figures than 0.55 with no more
listed that several sources make, 0.7 one more).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from functools import lru_cache

import numpy as np

from newsdesk import vectors
from newsdesk.claims.apart import at_odds
from newsdesk.claims.bearings import bearing_contradictions
from newsdesk.claims.identifiers import identifier_contradictions
from newsdesk.claims.disputes import EventAnchors
from newsdesk.claims.numbers import number_value
from newsdesk.claims.parties import Parties
from newsdesk.model import Analysis, Claim, Entity, Finding, Support

SAME_PROPOSITION = 0.8
SAME_WITH_WORDS = 0.6
SHARED_WEIGHT = 0.5
CLOSER_WORDS_MARGIN = 0.05
SHARED_WEIGHT_CLOSER = 0.6
SAME_WITH_FIGURE = 0.5
NEGATED_PROPOSITION = 0.87
SAME_PARTS = 0.4
DENIED_PARTS = 0.55
COUNTERPART = 0.45
NEAR = 0.65
MIN_SHARED_KEYS = 2
MAX_POSTING = 40
MAX_STATEMENTS_PER_ARTICLE = 200
SINGLE_SOURCE_PER_ARTICLE = 3
SINGLE_MIN_WORDS = 6
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
_LEADING_PERSONAL = re.compile(r"(?:he|she)\b", re.IGNORECASE)
_NEGATION_WORDS = re.compile(r"\b(?:not|never|no|none|nobody|den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|discount(?:s|ed|ing)?|fail(?:s|ed|ing)?)\b|n' ?t\b")
# the forms of one word of negation or denial count as one ("denied" / "denying"; "n't" / "not"),
# and the verbs of denial as one ("denied that he was" / "discounted rumors that he was")
_NEGATION_CLASS = (("deny", re.compile(r"^(?:den|reject|refut|dismiss|discount)")), ("not", re.compile(r"^(?:not$|n' ?t$)")),
                   ("no", re.compile(r"^(?:no|none|nobody)$")), ("fail", re.compile(r"^fail")))
# a negation bound to a time ("had not yet regained consciousness", "still hasn't", "has yet to",
# "hadn't been submitted as of Tuesday"), or a negated present perfect, which says "not as of this
# report" ("Results of the test have not been released"): a later report saying it happened
# updates it
_PROVISIONAL = re.compile(r"\b(?:not|n' ?t|never)\s+(?:\w+\s+){0,2}?yet\b|\byet to\b|\bstill\s+(?:\w+\s+)?(?:not|n' ?t)\b|\bas of\b"
                          r"|\b(?:has|have)\s+not\b|\b(?:hasn|haven)' ?t\b")
# an infinitive states a plan, a wish or a purpose, not a fact ("in the negotiation stages to
# direct the sequel"), unless an implicative verb governs it ("managed to escape")
_INFINITIVE = re.compile(r"to\s+\w", re.IGNORECASE)
_IMPLICATIVE_BEFORE = re.compile(r"\b(?:manag|succeed|fail|neglect|ha[sdv]|having)\w*\s+$", re.IGNORECASE)

__all__ = ["SENTENCE_END", "Clause", "align_statements", "encoding_text", "single_source_statements"]


def encoding_text(claim: Claim) -> str:
    """What the encoder reads for a statement: its clause, with the subject in front when the
    clause borrows it from the clause it hangs on."""
    if claim.subject and claim.subject_start is not None and not claim.start <= claim.subject_start < claim.end:
        pronoun = _LEADING_PERSONAL.match(claim.text)
        if pronoun:  # "He took the win", he being the person named before
            return f"{claim.subject}{claim.text[pronoun.end():]}"
        return f"{claim.subject} {claim.text}"
    return claim.text


class _Aligned:
    """The statements of one event, their candidate pairs and the encoder's cosines for them."""

    def __init__(self, analyses: list[Analysis]):
        self.statements = [c for a in analyses for c in [c for c in a.claims if c.kind == "statement"][:MAX_STATEMENTS_PER_ARTICLE]]
        self.pairs = _candidates(self.statements)
        needed = sorted({i for pair in self.pairs for i in pair})
        vectors = dict(zip(needed, _encoded([encoding_text(self.statements[i]) for i in needed])))
        self.similarity = {(i, j): float(vectors[i] @ vectors[j]) for i, j in self.pairs}
        frequency: dict[str, int] = defaultdict(int)
        for statement in self.statements:
            for key in statement.keys:
                frequency[key] += 1
        total = max(len(self.statements), 1)
        self.weight = {key: math.log(1 + total / count) for key, count in frequency.items()}

    def shared_weight(self, left: Claim, right: Claim) -> float:
        """The weight of the keys two clauses share, as a share of the lighter clause's."""
        shared = sum(self.weight[k] for k in set(left.keys) & set(right.keys))
        lighter = min(sum(self.weight[k] for k in left.keys), sum(self.weight[k] for k in right.keys))
        return shared / lighter if lighter else 0.0

    def same_proposition(self, i: int, j: int) -> bool:
        similarity = self.similarity[(i, j)]
        if similarity >= SAME_PROPOSITION:
            return True
        left, right = self.statements[i], self.statements[j]
        floor = SAME_WITH_FIGURE if _numbers(left) & _numbers(right) else SAME_WITH_WORDS
        if similarity >= floor:
            return self.shared_weight(left, right) >= SHARED_WEIGHT
        # a little lower, more of the words in common ("the boy was treated for serious, but
        # non-life threatening injuries" / "The boy was sent to the hospital with non-threatening injuries")
        return similarity >= floor - CLOSER_WORDS_MARGIN and self.shared_weight(left, right) >= SHARED_WEIGHT_CLOSER


def _encoded(texts: list[str]) -> list[np.ndarray]:
    """The encoder's vectors: those the articles carry (``newsdesk.vectors``), the rest encoded
    once per process (a dossier build aligns an event's statements and then looks for
    single-source ones among the same clauses)."""
    return list(vectors.encoded(texts))


def statements_to_encode(analysis: Analysis) -> list[str]:
    """The texts of an article's statements that ``_Aligned`` may ask the encoder for: those it
    keeps, with enough keys to be a candidate pair."""
    kept = [c for c in analysis.claims if c.kind == "statement"][:MAX_STATEMENTS_PER_ARTICLE]
    return [encoding_text(c) for c in kept if len(c.keys) >= MIN_SHARED_KEYS]


Clause = tuple[str, int, int]  # a statement's article id and span


def align_statements(analyses: list[Analysis], figures_of: dict[str, list[Claim]], entities: list[Entity] = ()) -> tuple[list[Finding], list[Finding], set[frozenset[Clause]]]:
    """(agreements, contradictions, links) among the statements of one event's articles; the
    links are the pairs of clauses of two articles that state the same proposition, for ``merged``."""
    aligned = _Aligned(analyses)
    statements = aligned.statements
    if len({s.article_id for s in statements}) < 2:
        return [], [], set()
    names = _entity_names(entities)
    parties = Parties(entities)
    texts = {a.article.id: a.article.text for a in analyses}
    anchors = EventAnchors(analyses, entities)  # a negation must be about a happening the two name
    agreeing: list[tuple[int, int, float]] = []
    contradictions: list[Finding] = []
    for i, j in aligned.pairs:
        left, right = statements[i], statements[j]
        similarity = aligned.similarity[(i, j)]
        parts = similarity >= SAME_PARTS and parties.same_parts(left, right)
        same = aligned.same_proposition(i, j) or parts
        if not same or _figures_differ(left, right, figures_of) or _numbers_apart(left, right) or parties.other_doers(left, right, texts):
            continue
        if at_odds(left, right):  # ``apart``: alike, but each gives a value the other lacks
            continue
        if left.negated != right.negated:
            # the same words negated, or the same doer, predicate and object denied at a lower
            # cosine ("China denied its ships transferred oil" / "Chinese ships transferred oil")
            negated = (similarity >= NEGATED_PROPOSITION and left.predicate == right.predicate) or (parts and similarity >= DENIED_PARTS and parties.same_parts(left, right, strict=True))
            if negated and left.hedge is None and right.hedge is None and _one_says_not(left, right, texts) and anchors.share(left.article_id, left.start, right.article_id, right.start):
                contradictions.append(_finding("contradiction", [left, right], similarity, names))
            continue
        agreeing.append((i, j, similarity))
    links = {frozenset((_clause(statements[i]), _clause(statements[j]))) for i, j, _ in agreeing}
    return _agreements(statements, agreeing, names), contradictions + bearing_contradictions(statements) + identifier_contradictions(statements), links


def _clause(statement: Claim) -> Clause:
    return statement.article_id, statement.start, statement.end


def single_source_statements(analyses: list[Analysis], covered: dict[str, list[tuple[int, int]]]) -> list[Finding]:
    """The salient statements no other article of the event comes near (rules in the module
    docstring); none for an event of one article."""
    if len(analyses) < 2:
        return []
    aligned = _Aligned(analyses)
    statements = aligned.statements
    near: set[int] = set()
    for (i, j), similarity in aligned.similarity.items():
        left, right = statements[i], statements[j]
        # a clause that gives no figure speaks to the topic, not to the figure ("On lap seven the
        # safety car peeled into the pit lane" / "The start was delayed by 10 minutes")
        figures = left.value is not None and right.value is not None
        if aligned.same_proposition(i, j) or (similarity >= NEAR and figures) or (similarity >= COUNTERPART and (_numbers(left) & _numbers(right) or _same_unit(left, right))):
            near.update((i, j))
    chosen: dict[str, list[Claim]] = defaultdict(list)
    for index, statement in enumerate(statements):
        if index in near or not _salient(statement) or len(chosen[statement.article_id]) >= SINGLE_SOURCE_PER_ARTICLE:
            continue
        if any(start < statement.end and statement.start < end for start, end in covered.get(statement.article_id, ())):
            continue
        chosen[statement.article_id].append(statement)
    findings = []
    for claims in chosen.values():
        for claim in claims:
            who = f"{claim.subject} — " if claim.subject else ""
            support = Support(claim.article_id, claim.start, claim.end, claim.text, value=claim.predicate, voice=claim.voice, speaker=claim.speaker, chain=claim.chain, hedged=False, negated=claim.negated)
            findings.append(Finding(summary=f"{who}{claim.predicate}: {claim.text[:120]}", kind="single_source", support=(support,), claim_kind="statement"))
    return findings


def _same_unit(left: Claim, right: Claim) -> bool:
    """Both clauses give a figure of the same thing, whatever its value ("about 10 minutes" /
    "some 12 minutes"; "more than 85 hours" / "around 50 hours"): the other source speaks to it."""
    def unit(claim: Claim) -> str | None:
        words = (claim.value or "").casefold().split()
        return words[-1].rstrip("s") if len(words) > 1 else None

    return unit(left) is not None and unit(left) == unit(right)


def _salient(statement: Claim) -> bool:
    """Checkable and worth listing alone: a clause giving a figure ("the start was delayed by 10
    minutes"), asserted, in the author's voice or a named speaker's, long enough to say
    something. (Acts of named doers are listed from the action claims; other clauses, tried on
    dev, were more often a paraphrase of another source than a fact of their own.)"""
    if statement.hedge is not None or len(statement.text.split()) < SINGLE_MIN_WORDS:
        return False
    if statement.voice == "attributed" and not statement.speaker:
        return False
    return statement.value is not None


def _one_says_not(left: Claim, right: Claim, texts: dict[str, str]) -> bool:
    """The negation is in the words, not only in the parse: one sentence, up to the clause's
    end (a frame of denial comes before it: "China denied that ..."), has a word of negation or
    denial the other lacks (the same quote parsed twice is no contradiction; forms of one word,
    and the verbs of denial, count as one). A negation bound to a time ("had not yet regained
    consciousness", "have not been released") is no denial of a later report that it happened;
    an infinitive ("in negotiations to direct the sequel") affirms nothing a negation could deny."""
    def negations(claim: Claim) -> set[str]:
        text = texts.get(claim.article_id, "")
        before = text[: claim.start]
        ends = list(SENTENCE_END.finditer(before))
        start = ends[-1].end() if ends else 0
        words = text[start : claim.end] if text else claim.text
        found = _NEGATION_WORDS.findall(words.lower().replace("’", "'"))
        return {next((name for name, form in _NEGATION_CLASS if form.match(word)), word) for word in found}

    def provisional(claim: Claim) -> bool:
        text = texts.get(claim.article_id, "")
        return bool(_PROVISIONAL.search((text[claim.start : claim.end] if text else claim.text).lower().replace("’", "'")))

    def infinitive(claim: Claim) -> bool:
        text = texts.get(claim.article_id, "")
        return _INFINITIVE.match(claim.text) is not None and not (text and _IMPLICATIVE_BEFORE.search(text[max(0, claim.start - 30) : claim.start]))

    negated, affirmed = (left, right) if left.negated else (right, left)
    return negations(left) != negations(right) and not provisional(negated) and not infinitive(affirmed)


def _candidates(statements: list[Claim]) -> list[tuple[int, int]]:
    """Pairs of statements of different articles sharing ``MIN_SHARED_KEYS`` selective keys,
    built from the selective keys' postings only."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, statement in enumerate(statements):
        for key in statement.keys:
            postings[key].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) > MAX_POSTING:
            continue
        for i, j in itertools.combinations(members, 2):
            if statements[i].article_id != statements[j].article_id:
                shared[(i, j)] += 1
    pairs = {pair for pair, count in shared.items() if count >= MIN_SHARED_KEYS}
    # clauses made of the same words, however common in the event ("There's a bird in the
    # cockpit" quoted by three outlets of a story about a bird): the same proposition
    by_words: dict[frozenset[str], list[int]] = defaultdict(list)
    for index, statement in enumerate(statements):
        if len(statement.keys) >= MIN_SHARED_KEYS:
            by_words[frozenset(statement.keys)].append(index)
    for members in by_words.values():
        if len(members) <= MAX_POSTING:
            pairs.update((i, j) for i, j in itertools.combinations(members, 2) if statements[i].article_id != statements[j].article_id)
    return sorted(pairs)


def _figures_differ(left: Claim, right: Claim, figures_of: dict[str, list[Claim]]) -> bool:
    def inside(statement: Claim) -> list[Claim]:
        return [f for f in figures_of.get(statement.article_id, ()) if statement.start <= f.value_start < statement.end]

    for a, b in itertools.product(inside(left), inside(right)):
        if a.slot == b.slot and a.amount != b.amount:
            return True
    return False


def _numbers(claim: Claim) -> frozenset[float]:
    return _numbers_in(claim.keys)


@lru_cache(maxsize=20_000)
def _numbers_in(keys: tuple[str, ...]) -> frozenset[float]:
    return frozenset(v for k in keys if k not in ("one", "a") and (v := number_value(k)) is not None)


def _numbers_apart(left: Claim, right: Claim) -> bool:
    """Both clauses give numbers and none in common ("killing at least four civilians" /
    "killing at least six civilians"): the figures decide, not the words around them."""
    a, b = _numbers(left), _numbers(right)
    return bool(a) and bool(b) and not a & b


def _agreements(statements: list[Claim], edges: list[tuple[int, int, float]], names: dict) -> list[Finding]:
    """Groups of agreeing statements, one support per article, strongest pairs first: a statement
    joins a group when it agrees with more than half its supports; if its article is already in
    the group (an article repeating a quote), it is absorbed and opens no group of its own."""
    agree = {(min(i, j), max(i, j)): s for i, j, s in edges}
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []

    def agrees_with(new: int, members: list[int]) -> bool:
        return 2 * sum((min(m, new), max(m, new)) in agree for m in members) > len(members)

    neighbours: dict[int, set[int]] = defaultdict(set)
    for i, j, _ in edges:
        neighbours[i].add(j)
        neighbours[j].add(i)

    def join(new: int, home: int) -> None:
        group_of[new] = home
        if statements[new].article_id not in {statements[m].article_id for m in groups[home]}:
            groups[home].append(new)

    for i, j, _ in sorted(edges, key=lambda e: -e[2]):
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is None and gj is None:
            # a pair restating a proposition already grouped (a quote repeated) joins that group
            near = {group_of[n] for n in neighbours[i] | neighbours[j] if n in group_of}
            home = next((g for g in sorted(near) if agrees_with(i, groups[g]) and agrees_with(j, groups[g])), None)
            if home is None:
                group_of[i] = group_of[j] = len(groups)
                groups.append([i, j])
            else:
                join(i, home)
                join(j, home)
            continue
        if gi is not None and gj is not None:
            continue
        home, new = (gi, j) if gi is not None else (gj, i)
        if agrees_with(new, groups[home]):
            join(new, home)
    findings = []
    for members in groups:
        if len(members) < 2:
            continue
        weakest = min(agree.get((min(a, b), max(a, b)), 1.0) for a, b in itertools.combinations(members, 2) if (min(a, b), max(a, b)) in agree)
        findings.append(_finding("agreement", [statements[m] for m in sorted(members, key=lambda m: (statements[m].article_id, statements[m].start))], weakest, names))
    return findings


def _entity_names(entities) -> dict[str, list[tuple[int, int, str]]]:
    """Article id -> (start, end, entity name) of every linked mention."""
    names: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for mention in entity.mentions:
            names[mention.article_id].append((mention.start, mention.end, entity.name))
    return names


def _finding(kind: str, claims: list[Claim], similarity: float, names: dict) -> Finding:
    shared = set(claims[0].keys)
    for claim in claims[1:]:
        shared &= set(claim.keys)
    entities = None
    for claim in claims:
        inside = {name for start, end, name in names.get(claim.article_id, ()) if claim.start <= start and end <= claim.end}
        entities = inside if entities is None else entities & inside
    named = sorted(entities or ())
    words = sorted(w for w in shared if w.casefold() not in {n.casefold() for n in named})
    first = claims[0]
    who = f"{first.subject} — " if first.subject else ""
    summary = f"{who}{first.predicate}: {first.text[:120]}"
    support = tuple(
        Support(c.article_id, c.start, c.end, c.text, value=c.predicate, voice=c.voice, speaker=c.speaker, chain=c.chain, hedged=c.hedge is not None, negated=c.negated)
        for c in claims
    )
    return Finding(summary=summary, kind=kind, support=support, claim_kind="statement", similarity=round(similarity, 3), shared=tuple(named + words)[:12])
