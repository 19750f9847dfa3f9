"""The words each source chooses for the same things ("assassination attempt" / "failed attack",
"protesters" / scare-quoted "demonstrators"), side by side for an event.

At ingest (``find_terms``), one parse: the candidate phrases are the noun chunks of the prose,
outside direct quotes (indirect speech is the outlet's own paraphrase, so it counts), cut after their last determiner, possessive or number, whose head
lemma names an event or its actors (``CATEGORIES``: the act, protest, protesters, armed groups,
suspects, victims, authorities, casualties, weapons, disasters, elections, deals), plus every short
phrase in quote marks that nobody is quoted as saying: scare quotes (``scare_quoted``, rules in
``_scare_quotes``).

At dossier time (``compare_wording``), across the articles of one event: phrases are the same
thing when they share a category and either share their head lemma or their USE-multilingual
embeddings have cosine >= ``SAME_CATEGORY_COSINE``; a scare-quoted phrase with no category joins
any phrase with cosine >= ``ANY_COSINE``; phrases of two different categories never join. The
connected groups used by two or more sources, where the sources do not all use the same words in
the same way (quoted or not), become rows: per
source, its words for the thing with their first span and count. Rows with fewer than
``MIN_MENTIONS`` mentions in all are dropped as chance matches; the rest are ranked by how many
mentions they hold; at most ``MAX_ROWS``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from spacy.tokens import Doc

from newsdesk.model import Analysis, Term, WordChoice, Wording
from newsdesk.quotes.marks import find_quoted_spans
from newsdesk.vectors import carrying, encoded

SAME_CATEGORY_COSINE = 0.45
ANY_COSINE = 0.7
MAX_ROWS = 10
MIN_MENTIONS = 3
MAX_CHOICES_PER_SOURCE = 4
_SCARE_WORDS = 4

CATEGORIES: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "act": "attack attempt assassination strike incident bombing explosion blast shooting killing murder assault "
        "ambush terrorism act sabotage provocation staging plot conspiracy massacre slaying rampage hijacking kidnapping "
        "invasion offensive airstrike incursion aggression",
        "crimes": "crime offence offense abuse misconduct wrongdoing scandal escape heist robbery theft",
        "enforcement": "raid arrest detention crackdown operation investigation probe manhunt search sentence conviction trial",
        "protest": "protest demonstration riot unrest rally march sit-in clash scuffle mobilization mobilisation uprising violence "
        "disturbance turmoil",
        "protesters": "protester protestor demonstrator rioter crowd mob activist supporter marcher youth guy",
        "armed group": "militia militant terrorist rebel insurgent fighter proxy paramilitary extremist faction jihadist group",
        "suspects": "suspect perpetrator culprit attacker assailant killer gunman shooter bomber offender",
        "victims": "victim target survivor hostage",
        "authorities": "government authority regime administration police security junta",
        "casualties": "death casualty injury dead wounded toll fatality",
        "weapons": "drone missile rocket bomb weapon device aircraft munition",
        "disasters": "earthquake quake temblor tremor fire blaze flood storm crash accident collision derailment disaster tragedy catastrophe",
        "elections": "election vote poll ballot fraud result",
        "deals": "deal agreement acquisition merger takeover offer contract bailout rescue package",
    }.items()
}
_CATEGORY_OF = {lemma: name for name, lemmas in CATEGORIES.items() for lemma in lemmas}
_LEADING = frozenset({"DET", "NUM", "PRON"})


def find_terms(analysis: Analysis, doc: Doc) -> list[Term]:
    """Candidate phrases for the wording comparison, in text order."""
    aid, text = analysis.article.id, analysis.article.text
    spoken = [(q.start, q.end) for q in analysis.quotes if q.kind == "direct" and q.speaker]
    scare = _scare_quotes(analysis, doc, spoken)

    def scare_quoted(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in scare) or any(start <= s and e <= end for s, e in scare)

    terms: dict[tuple[int, int], Term] = {}
    for chunk in doc.noun_chunks:
        tokens = [t for t in chunk if t.i <= chunk.root.i]
        cut = max((i + 1 for i, t in enumerate(tokens) if t.pos_ in _LEADING or t.tag_ == "POS"), default=0)
        tokens = tokens[cut:]
        while tokens and (tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        if not tokens:
            continue
        head = chunk.root
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        category = _CATEGORY_OF.get(head.lemma_.lower())
        quoted = scare_quoted(start, end)
        inside_speech = any(s <= start and end <= e for s, e in spoken)
        if inside_speech or head.pos_ == "PROPN" or not (category or quoted):
            continue
        terms[(start, end)] = Term(aid, start, end, text[start:end], head.lemma_.lower(), category, quoted)
    for start, end in scare:
        if not any(t.start <= start and end <= t.end for t in terms.values()):
            words = text[start:end].strip()
            if words:
                s = start + text[start:end].index(words)
                terms[(s, s + len(words))] = Term(aid, s, s + len(words), words, words.split()[-1].lower(), None, True)
    return sorted(terms.values(), key=lambda t: t.start)


def _scare_quotes(analysis: Analysis, doc: Doc, spoken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Short quoted phrases that are the writer's distance from a word, not someone's speech:
    at most four words, not inside a quote with a speaker, no closing punctuation inside the marks
    ("OK." and "I am at peace," are speech), with a noun or adjective and no verb or pronoun, and
    not a name or title (every word capitalised: "Ring of Fire")."""
    found = []
    for span in find_quoted_spans(analysis.prose):
        words = analysis.prose[span.start : span.end]
        if len(words.split()) > _SCARE_WORDS or words.rstrip()[-1:] in ".,;:!?" or any(s <= span.start and span.end <= e for s, e in spoken):
            continue
        tokens = [t for t in doc.char_span(span.start, span.end, alignment_mode="expand") or () if not (t.is_punct or t.is_space)]
        if (
            tokens
            and any(t.pos_ in ("NOUN", "ADJ") for t in tokens)
            and not any(t.pos_ in ("VERB", "AUX", "PRON") for t in tokens)
            and not all(t.text[:1].isupper() for t in tokens)
        ):
            found.append((span.start, span.end))
    return found


def embedded_texts(analysis: Analysis) -> list[str]:
    """What ``compare_wording`` asks the encoder for of one article: its terms, as keys."""
    return sorted({_key(t) for t in analysis.framing.terms}) if analysis.framing else []


@carrying
def compare_wording(analyses: list[Analysis]) -> list[Wording]:
    """Rows of the same thing named by two or more of the event's sources."""
    terms = [t for a in analyses if a.framing for t in a.framing.terms]
    if len({t.article_id for t in terms}) < 2:
        return []
    keys = sorted({_key(t) for t in terms})
    index = {k: i for i, k in enumerate(keys)}
    category = {_key(t): t.category for t in terms}
    head = {_key(t): t.head for t in terms}
    vectors = encoded(keys)
    cosine = vectors @ vectors.T
    categories = np.array([category[k] or "" for k in keys])
    heads = np.array([head[k] for k in keys])
    uncategorised = categories == ""
    same_category = (categories[:, None] == categories[None, :]) & ~uncategorised[:, None]
    similar = same_category & ((heads[:, None] == heads[None, :]) | (cosine >= SAME_CATEGORY_COSINE))
    similar |= (uncategorised[:, None] | uncategorised[None, :]) & (cosine >= ANY_COSINE)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(similar, k=1))):
        parent[find(int(i))] = find(int(j))

    groups: dict[int, list[Term]] = defaultdict(list)
    for t in terms:
        groups[find(index[_key(t)])].append(t)
    order = [a.article.id for a in analyses]
    rows = []
    for members in groups.values():
        by_source: dict[str, list[Term]] = defaultdict(list)
        for t in members:
            by_source[t.article_id].append(t)
        if len(by_source) < 2 or len(members) < MIN_MENTIONS:
            continue
        words = {aid: frozenset((_key(t), t.scare_quoted) for t in ts) for aid, ts in by_source.items()}
        if len(set(words.values())) == 1:
            continue  # every source uses the same words the same way
        choices = [c for aid in order if aid in by_source for c in _choices(by_source[aid])]
        concept = Counter(_key(t) for t in members).most_common(1)[0][0]
        categories = Counter(t.category for t in members if t.category)
        rows.append((len(members), Wording(concept, categories.most_common(1)[0][0] if categories else None, choices)))
    rows.sort(key=lambda row: (-row[0], row[1].concept))
    return [w for _, w in rows[:MAX_ROWS]]


def _key(term: Term) -> str:
    return " ".join(term.text.casefold().split())


def _choices(terms: list[Term]) -> list[WordChoice]:
    """One source's words for the thing, most used first, each at its first occurrence."""
    counts = Counter(_key(t) for t in terms)
    first: dict[str, Term] = {}
    for t in sorted(terms, key=lambda t: t.start):
        first.setdefault(_key(t), t)
    quoted = {k for k in counts if any(t.scare_quoted for t in terms if _key(t) == k)}
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k].start))[:MAX_CHOICES_PER_SOURCE]
    return [WordChoice(first[k].article_id, first[k].start, first[k].end, first[k].text, counts[k], k in quoted) for k in ranked]
