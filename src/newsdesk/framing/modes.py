"""Each prose sentence's mode: attributed, opinion, speculation or reported fact.

Rules, first match wins (cues come from ``framing.voice``):
1. attributed: a third of the sentence or more lies inside the article's quotes, or it carries an
   attribution cue ("according to", a speech verb with a subject that is not the writer).
2. opinion: the writer's own voice outside quotes (first_person, direct_address, imperative,
   evaluative, deontic, stance, question, exclamation).
3. speculation: a speculation cue outside quotes (hedges, perhaps, may/might/could/would).
4. reported_fact: none of these; the writer states it as fact.
Sentences with no letter or digit (a stray closing quote mark) get no mode.
"""

from __future__ import annotations

from newsdesk.model import Analysis, Cue, SentenceMode

OPINION_CUES = frozenset({"first_person", "direct_address", "imperative", "evaluative", "deontic", "stance", "question", "exclamation"})
MODES = ("reported_fact", "attributed", "opinion", "speculation")


def sentence_modes(analysis: Analysis, cues: list[Cue]) -> list[SentenceMode]:
    quotes = [(q.start, q.end) for q in analysis.quotes if q.kind != "post"]
    modes = []
    text = analysis.article.text
    for sentence in analysis.sentences:
        if not any(ch.isalnum() for ch in text[sentence.start : sentence.end]):
            continue  # a stray quote mark or dash split off by the parser
        own = tuple(c for c in cues if sentence.start <= c.start and c.end <= sentence.end)
        quoted = sum(max(0, min(e, sentence.end) - max(s, sentence.start)) for s, e in quotes)
        kinds = {c.kind for c in own}
        if quoted * 3 >= sentence.end - sentence.start or "attribution" in kinds:
            mode = "attributed"
        elif kinds & OPINION_CUES:
            mode = "opinion"
        elif "speculation" in kinds:
            mode = "speculation"
        else:
            mode = "reported_fact"
        modes.append(SentenceMode(analysis.article.id, sentence.start, sentence.end, mode, own))
    return modes
