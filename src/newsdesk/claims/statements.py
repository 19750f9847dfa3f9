"""Statements: each sentence of an article as a proposition, from spaCy's parse.

A statement is a claim of kind ``statement`` spanning one sentence: who (``subject``: the
grammatical subject, or the agent of a passive) did what (``predicate``: the main verb's lemma,
with its particle; under a verb of saying, the verb of what was said) to whom or what
(``target``: the object, or the passive subject), with negation (``negated``: "not" or "never" on
the verb, or a verb of denial over the proposition) and, as for every claim, the hedge and the
voice (set later in ``extract``). ``keys`` are what blocks the alignment across sources: the
lemmas of the sentence's nouns, proper nouns, numbers and meaningful verbs and adjectives, and
its named entities.

Sentences that state nothing checkable are left out: fewer than ``MIN_TOKENS`` words or more
than ``MAX_TOKENS`` (a run-on caption or list), questions, and sentences without a verb.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsdesk.claims.lexicon import DENIAL_VERBS
from newsdesk.model import Claim

MIN_TOKENS = 6
MAX_TOKENS = 70
_SAYING = frozenset("say tell add report announce confirm state claim write explain note insist warn told".split())
_LIGHT = frozenset("be have do get make go take come give say tell add report include become seem".split())
_KEY_POS = frozenset({"NOUN", "PROPN", "NUM", "VERB", "ADJ"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})

__all__ = ["doc_text", "statements_in"]


def doc_text(doc) -> str:
    """``doc.text``, built once: spaCy joins every token's text on each access, which made the
    claim rules quadratic in an article's length."""
    cached = doc.user_data.get("newsdesk:text")
    if cached is None:
        cached = doc.user_data["newsdesk:text"] = doc.text
    return cached


def statements_in(article_id: str, sentence: Span, text: str) -> list[Claim]:
    """The sentence as one statement, or nothing (see the module docstring); ``text`` is the
    document's text (spaCy rebuilds ``Doc.text`` on every access)."""
    words = [t for t in sentence if not t.is_space and not t.is_punct]
    if not MIN_TOKENS <= len(words) <= MAX_TOKENS or sentence.text.rstrip().endswith("?"):
        return []
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX"):
        return []
    verb, denied = _proposition_verb(root)
    subject = _child(verb, ("nsubj", "csubj", "expl")) or _agent(verb)
    target = _child(verb, ("dobj", "attr", "acomp", "oprd")) or _child(verb, ("nsubjpass",))
    negated = denied != _negated(verb, subject, target)
    start = sentence.start_char
    end = sentence.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return [
        Claim(
            article_id, start, end, text[start:end],
            subject=_words(subject, text), predicate=_lemma(verb), kind="statement",
            subject_start=subject.left_edge.idx if subject is not None else None,
            subject_end=subject.right_edge.idx + len(subject.right_edge) if subject is not None else None,
            target=_words(target, text), negated=negated, keys=_keys(sentence),
        )
    ]


def _proposition_verb(root: Token) -> tuple[Token, bool]:
    """The verb whose proposition the sentence states: under a verb of saying or denial, the
    verb of its complement; the bool says the proposition is denied ("X denied that ...")."""
    if root.lemma_ in _SAYING or root.lemma_ in DENIAL_VERBS:
        complement = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
        if complement is not None:
            return complement, root.lemma_ in DENIAL_VERBS
    return root, False


def _child(verb: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in verb.children if c.dep_ in deps), None)


def _agent(verb: Token) -> Token | None:
    agent = _child(verb, ("agent",))
    return _child(agent, ("pobj",)) if agent is not None else None


def _negated(verb: Token, subject: Token | None, target: Token | None) -> bool:
    """Negation of the verb itself ("did not", "never"). "No one wants ..." negates who, not
    whether: it is no denial of another source's "X wants ..."."""
    return any(c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ == "advmod") for c in verb.children)


def _lemma(verb: Token) -> str:
    particle = _child(verb, ("prt",))
    return f"{verb.lemma_.lower()}_{particle.lower_}" if particle is not None else verb.lemma_.lower()


def _words(token: Token | None, text: str) -> str | None:
    if token is None:
        return None
    return text[token.left_edge.idx : token.right_edge.idx + len(token.right_edge)]


def _keys(sentence: Span) -> tuple[str, ...]:
    keys = {
        t.lemma_.lower()
        for t in sentence
        if t.pos_ in _KEY_POS and not t.is_stop and len(t.text) > 1 and t.lemma_.lower() not in _LIGHT
    }
    keys |= {e.text.lower() for e in sentence.ents if e.label_ not in ("ORDINAL",)}
    return tuple(sorted(keys))
