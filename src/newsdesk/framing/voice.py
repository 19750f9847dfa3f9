"""Cues of the writer's own voice, of speculation and of attribution, found in the parse.

Rules (each cue is a span of the original text, kind in brackets):
- Words inside quotes are someone else's: every cue except attribution is ignored inside the
  spans of the article's quotes (direct and indirect) and inside any pair of quote marks.
- [first_person] I, me, my, we, our ... as pronouns ("US" the country is not "us").
- [direct_address] you, your ... as pronouns; "Let me", "Let's".
- [imperative] a sentence whose root is a bare verb (tag VB) with no subject, first in its
  sentence ("Tell them the toll must go", "Let's consider two versions").
- [question], [exclamation] a sentence of the writer's that ends in ? or !.
- [evaluative] a word from ``lexicon.EVALUATIVE`` (appalling, cynical, luckily, frankly ...).
- [deontic] should, must, ought as modal verbs: the writer says what ought to be.
- [stance] a stance verb (believe, think, assume, doubt, hope ...) whose subject is first person.
- [speculation] a phrase of ``lexicon.SPECULATION`` (the quote stage's HEDGES plus perhaps,
  probably, it is possible ...) or a modal may/might/could/would heading a verb.
- [attribution] "according to", or a speech verb (``quotes.lexicon.SPEECH_VERBS``) whose subject
  is not first person; and every quote the quote stage found.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsdesk.framing import lexicon
from newsdesk.model import Analysis, Cue
from newsdesk.quotes.marks import Regions, find_quoted_spans

_SPECULATION = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in lexicon.SPECULATION) + r")\b", re.I)
_ACCORDING_TO = re.compile(r"\baccording to\b", re.I)


def quoted_regions(analysis: Analysis) -> Regions:
    """Spans of other people's words: the quotes found, and anything between quote marks
    (found as the quote stage finds them, whatever the style: “ ”, « », `` '', ‘ ’, dashes)."""
    regions = [(q.start, q.end) for q in analysis.quotes if q.kind != "post"]
    regions += [(span.start, span.end) for span in find_quoted_spans(analysis.prose)]
    return Regions(regions)


def inside(regions: Regions, start: int, end: int) -> bool:
    return regions.cover(start, end)


def voice_cues(analysis: Analysis, doc: Doc) -> list[Cue]:
    """Every cue in the article's prose, in text order."""
    aid = analysis.article.id
    text = analysis.article.text
    regions = quoted_regions(analysis)

    def inside_quote(start: int, end: int) -> bool:
        return inside(regions, start, end)

    def cue(start: int, end: int, kind: str) -> Cue:
        return Cue(aid, start, end, text[start:end], kind)

    cues: list[Cue] = []
    for token in doc:
        start, end = token.idx, token.idx + len(token.text)
        if token.is_space or inside_quote(start, end):
            continue
        lower = token.lower_
        pronoun = token.tag_ in ("PRP", "PRP$")
        if pronoun and lower in lexicon.FIRST_PERSON_FORMS and token.text != "US":
            cues.append(cue(start, end, "first_person"))
        elif pronoun and lower in lexicon.SECOND_PERSON_FORMS:
            cues.append(cue(start, end, "direct_address"))
        if lower in lexicon.EVALUATIVE:
            cues.append(cue(start, end, "evaluative"))
        if token.tag_ == "MD" and lower in lexicon.DEONTIC_MODALS:
            cues.append(cue(start, end, "deontic"))
        if token.tag_ == "MD" and lower in lexicon.SPECULATIVE_MODALS:
            cues.append(cue(start, end, "speculation"))
        if token.pos_ == "VERB" and token.lemma_ in lexicon.STANCE_VERBS and _first_person_subject(token):
            cues.append(cue(start, end, "stance"))
        if token.pos_ == "VERB" and token.lemma_ in lexicon.SPEECH_VERBS and _has_subject(token) and not _first_person_subject(token):
            cues.append(cue(start, end, "attribution"))
    for sent in doc.sents:
        cues += _sentence_cues(sent, inside_quote, cue)
    for pattern, kind in ((_SPECULATION, "speculation"), (_ACCORDING_TO, "attribution")):
        for m in pattern.finditer(analysis.prose):
            if not inside_quote(m.start(), m.end()):
                cues.append(cue(m.start(), m.end(), kind))
    cues += [cue(q.start, q.end, "attribution") for q in analysis.quotes if q.kind != "post"]
    return sorted(set(cues), key=lambda c: (c.start, c.end, c.kind))


def _sentence_cues(sent, inside_quote, cue) -> list[Cue]:
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    if not words or inside_quote(words[0].idx, words[-1].idx + len(words[-1].text)):
        return []
    found = []
    root = sent.root
    if root.tag_ == "VB" and root == words[0] and not _has_subject(root):
        found.append(cue(root.idx, root.idx + len(root.text), "imperative"))
    last = sent[-1] if not sent[-1].is_space else sent[-2] if len(sent) > 1 else sent[-1]
    if last.text in ("?", "!") and not inside_quote(last.idx, last.idx + 1):
        found.append(cue(last.idx, last.idx + 1, "question" if last.text == "?" else "exclamation"))
    return found


def _has_subject(verb) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in verb.children)


def _first_person_subject(verb) -> bool:
    return any(child.dep_ == "nsubj" and child.lower_ in lexicon.FIRST_PERSON_FORMS for child in verb.children)
