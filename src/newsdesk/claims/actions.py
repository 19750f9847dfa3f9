"""Actions: who did what to whom, from the spaCy parse of one sentence.

An action is a verb with a doer and an object, both written as nouns:

- **Doer**: the active subject, or the "by" agent of a passive verb. It must name someone: a
  proper name (a name token in its phrase) or a head from ``ACTOR_NOUNS`` ("Iraqi forces",
  "the militia"). Pronouns and things ("the drone hit ...") are left out: without a name, two
  sources cannot be shown to speak of the same doer.
- **Object**: the direct object, or the subject of a passive verb, not a pronoun nor a phrase
  that points back ("condemned this fact": the reader cannot check it alone). A counted
  object ("shot down two drones") is left to the count claim, which carries its doer and is
  compared by doer; the action would repeat it.
- **Verb**: its lemma with its particle ("shoot down"), classed by ``ACTION_CLASSES``; verbs of
  saying, having and helping (``NON_ACTION_VERBS``) give no action. The verb must be asserted:
  finite, or a bare form under "did"/a modal (the modal then hedges it); an infinitive or
  gerund ("tried to kill", "killing") is not, except under a denial: "denied attacking the
  ship" is the action "attack", negated, with the denier as doer.
- "X accused Y of ...": the action is "accuse" with Y as object; what Y is accused of is the
  accuser's claim, not asserted, so it is not an action.
- Negation ("did not attack", "never attacked") marks the claim negated; a denial is also in
  the denier's voice (attributed, the denier as speaker) unless a quote gives it another.

The claim's subject is the doer's words (lower case), ``subject_start/end`` its span; ``target``
and ``target_start/end`` the object; ``value`` the verb as written, ``value_start/end`` its span;
``predicate`` the action class. Hedges, voice, date and place are added as for other claims.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsdesk.claims.lexicon import ACTION_CLASSES, ACTOR_NOUNS, DENIAL_VERBS, NON_ACTION_VERBS
from newsdesk.claims.numbers import VAGUE
from newsdesk.claims.statements import doc_text
from newsdesk.model import Claim

__all__ = ["actions_in"]

_BARE_FORM_AUXILIARIES = frozenset("do does did will would may might could should can must shall".split())
_PREMODIFIERS = frozenset({"det", "amod", "compound", "poss", "nmod"})
_ARTICLES = frozenset({"the", "a", "an", "any"})
_QUANTIFIERS = frozenset(w for phrase in VAGUE for w in phrase.split() if w not in ("a", "of"))


def actions_in(article_id: str, sentence: Span, clause_of) -> list[Claim]:
    """The actions asserted in ``sentence``; ``clause_of(head, anchor)`` gives a claim's span."""
    claims = []
    for verb in sentence:
        if verb.pos_ != "VERB":
            continue
        found = _action(verb)
        if found is None:
            continue
        doer, target, negated, denied = found
        doer_span = _phrase(doer)
        target_span = _phrase(target)
        start, end = clause_of(verb, doer if doer.i < verb.i else verb)
        start, end = min(start, doer_span[0], target_span[0]), max(end, target_span[1])
        doc = sentence.doc
        verb_end = max((c for c in verb.children if c.dep_ == "prt"), key=lambda t: t.i, default=verb)
        claims.append(
            Claim(
                article_id, start, end, doc_text(doc)[start:end], subject=_words(doc, doer_span), predicate=_action_class(verb),
                value=doc_text(doc)[verb.idx : verb_end.idx + len(verb_end)], kind="action",
                value_start=verb.idx, value_end=verb_end.idx + len(verb_end),
                subject_start=doer_span[0], subject_end=doer_span[1], negated=negated,
                target=_words(doc, target_span), target_start=target_span[0], target_end=target_span[1],
                **(_denier_voice(doc_text(doc)[doer_span[0] : doer_span[1]]) if denied else {}),
            )
        )
    return claims


def _denier_voice(denier: str) -> dict:
    """A denial is the denier's word: "the militia denied attacking the ship"."""
    return {"voice": "attributed", "speaker": denier, "chain": (denier,)}


def _action(verb: Token) -> tuple[Token, Token, bool, bool] | None:
    """(doer, object, negated, denied) of an asserted action, or None."""
    lemma = verb.lemma_.lower()
    if lemma in NON_ACTION_VERBS:
        return None
    negated = any(c.dep_ == "neg" or (c.lower_ == "never" and c.dep_ == "advmod") for c in verb.children)
    doer = None
    denied = False
    if verb.tag_ in ("VBG", "VB") and verb.dep_ in ("xcomp", "pcomp") and verb.head.lemma_.lower() in DENIAL_VERBS:
        doer = _subject(verb.head)  # "the militia denied attacking the ship"
        negated = denied = True
    elif verb.tag_ in ("VB", "VBG") and not _asserted_form(verb):
        return None
    elif verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "nsubjpass") for c in verb.children):
        return None  # a participle modifying a noun ("the drones launched from ...")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if doer is None:
        if passive:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        else:
            doer = _subject(verb)
    target = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    if doer is None or target is None or not _names_someone(doer) or not _plain_object(target):
        return None
    return doer, target, negated, denied


def _asserted_form(verb: Token) -> bool:
    """A bare form under "did" or a modal ("did not attack", "may have hit"), or a progressive
    ("were attacking"); not an infinitive or a gerund."""
    auxiliaries = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    if verb.tag_ == "VB":
        return bool(auxiliaries & _BARE_FORM_AUXILIARIES)
    return "be" in auxiliaries


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _names_someone(doer: Token) -> bool:
    if doer.pos_ == "PRON":
        return False
    if doer.pos_ == "PROPN" or doer.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return not doer.text.isupper() or len(doer.text) <= 5  # not a dateline the parser took for a subject
    return doer.pos_ == "NOUN" and doer.lemma_.lower() in ACTOR_NOUNS


def _plain_object(target: Token) -> bool:
    """An object that is neither a pronoun, nor counted, nor pointing back ("this fact")."""
    if target.pos_ not in ("NOUN", "PROPN") or target.like_num:
        return False
    if any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in target.children):
        return False
    return not any(c.dep_ == "nummod" or c.like_num or c.lower_ in _QUANTIFIERS for c in target.children)


def _phrase(token: Token) -> tuple[int, int]:
    """The noun phrase of ``token`` without relative clauses, prepositional tails or appositions."""
    doc = token.doc
    first = min([token.i] + [c.left_edge.i for c in token.children if c.i < token.i and c.dep_ in _PREMODIFIERS])
    last = max([token.i] + [c.right_edge.i for c in token.children if c.i > token.i and c.dep_ in ("compound", "flat")])
    while first < token.i and (doc[first].lower_ in _ARTICLES or doc[first].is_punct):
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _words(doc, span: tuple[int, int]) -> str:
    return " ".join(doc_text(doc)[span[0] : span[1]].split()).lower()


def _action_class(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    key = f"{lemma}_{particle}" if particle else lemma
    return ACTION_CLASSES.get(key, ACTION_CLASSES.get(lemma, key.replace("_", " ")))
