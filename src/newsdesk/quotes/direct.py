"""Direct quotes: quoted words, with the speaker found before, after, between or in parentheses."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsdesk.analyse.text import doc_text
from newsdesk.model import Analysis, Attribution, Quote
from newsdesk.quotes.context import (
    is_hedged,
    mentions_social_media,
    text_of,
    tokens_after,
    tokens_before,
)
from newsdesk.quotes.lexicon import SPEECH_NOUNS
from newsdesk.quotes.marks import QuotedSpan
from newsdesk.quotes.resolve import Speaker, SpeakerResolver
from newsdesk.quotes.speakers import is_cue, name_after, phrase_of, same_line, speaker_head

# "…” (Saad Maan, Iraqi Interior Ministry)."
_PARENTHETICAL_SOURCE = re.compile(r"[\s.,]*\(([^()\n]{2,120})\)")
# Quoted words with no speaker are kept only when long enough to be speech, not a scare quote or title.
_MIN_WORDS_UNATTRIBUTED = 8
_MIN_WORDS_ATTRIBUTED = 2
# A quote with no cue of its own continues the previous speaker's words when it follows this closely.
_CONTINUATION_CHARS = 400
_NEAR_CUE_TOKENS = 6
_MAX_SOURCE_TOKENS = 5
_MAX_CLIMB = 6  # steps up the parse from quoted words to the verb whose subject said them
# Quoted words under a verb that is no verb of saying are the subject's words from this length;
# two quoted words there are mostly a term ("slams NYE 'safe zone' for women").
_MIN_WORDS_OF_PERSON = 3


class DirectQuote:
    """A direct quote in the making, with the cue token that attributed it (to stop double counting)."""

    def __init__(self, quote: Quote, cue: Token | None):
        self.quote = quote
        self.cue = cue


def direct_quotes(
    analysis: Analysis, doc: Doc, spans: list[QuotedSpan], resolver: SpeakerResolver
) -> list[DirectQuote]:
    quoted = [(s.start, s.end) for s in spans]
    found: list[DirectQuote] = []
    for span in spans:
        words = len(re.findall(r"\w+", analysis.prose[span.start : span.end]))
        close_end = _after_close_mark(analysis.prose, span.end)
        open_start = _before_open_mark(analysis.prose, span.start)
        others = [q for q in quoted if q != (span.start, span.end)]
        before = tokens_before(doc, open_start, others)
        after = tokens_after(doc, close_end, others)
        speaker, cue = _parenthetical_speaker(analysis, doc, close_end, resolver)
        if speaker is None:
            speaker, cue = _cued_speaker(doc, span, quoted, before, after, resolver)
        if speaker is not None and speaker.first_person:
            continue  # the reporter's own voice
        starts_sentence = re.search(r"(\A|[.!?:]|\n)\s*\Z", analysis.prose[:open_start])
        if speaker is None and starts_sentence and found and span.start - found[-1].quote.end < _CONTINUATION_CHARS:
            previous = found[-1].quote
            if previous.speaker and not _other_named_between(resolver, previous.speaker, previous.end, span.start):
                found.append(DirectQuote(_quote(analysis, span, previous.speaker, None, None, previous.attribution), None))
                continue
        if speaker is None and words < _MIN_WORDS_UNATTRIBUTED or words < _MIN_WORDS_ATTRIBUTED:
            continue
        context = before + after
        kind = speaker.source_kind if speaker else "unknown"
        if speaker and mentions_social_media(context):
            kind = "social_media"
        attribution = Attribution(
            cue=_cue_text(cue),
            source_kind=kind,
            chain=(analysis.prose[speaker.start : speaker.end],) if speaker else (),
            hedged=is_hedged(text_of(context)),
            close_to=speaker.close_to if speaker else None,
        )
        found.append(DirectQuote(_quote(analysis, span, speaker.name if speaker else None, speaker, cue, attribution), cue))
    return found


def _quote(analysis: Analysis, span: QuotedSpan, name: str | None, speaker: Speaker | None, cue: Token | None, attribution: Attribution) -> Quote:
    return Quote(
        article_id=analysis.article.id,
        start=span.start,
        end=span.end,
        text=analysis.article.text[span.start : span.end],
        speaker=name,
        kind="direct",
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        attribution=attribution,
    )


_MARKS = "\"“”„«»‘’‚‹›'`—–―"


def _after_close_mark(text: str, end: int) -> int:
    while end < len(text) and text[end] in _MARKS + " \t":
        end += 1
    return end


def _before_open_mark(text: str, start: int) -> int:
    while start > 0 and text[start - 1] in _MARKS + " \t":
        start -= 1
    return start


def _parenthetical_speaker(analysis: Analysis, doc: Doc, offset: int, resolver: SpeakerResolver) -> tuple[Speaker | None, Token | None]:
    match = _PARENTHETICAL_SOURCE.match(analysis.prose, offset)
    if not match:
        return None, None
    inner_start, inner_end = match.span(1)
    span = doc.char_span(inner_start, inner_end, alignment_mode="expand")
    if span is None:
        return None, None
    first_part_end = analysis.prose.find(",", inner_start, inner_end)
    first = doc.char_span(inner_start, first_part_end if first_part_end > 0 else inner_end, alignment_mode="expand")
    if first is None or len(first) > _MAX_SOURCE_TOKENS or not first.text[:1].isupper():
        return None, None  # an explanation in brackets, not a source
    speaker = resolver.resolve(first, first.root)
    if speaker.source_kind == "unknown" and first.root.pos_ == "PROPN":
        speaker = Speaker(first.text, first.start_char, first.end_char, "named_person")
    if speaker.source_kind == "unknown":
        return None, None
    return speaker, None


def _cued_speaker(doc: Doc, span: QuotedSpan, quoted: list[tuple[int, int]], before: list[Token], after: list[Token], resolver: SpeakerResolver) -> tuple[Speaker | None, Token | None]:
    outside = (span.start, span.end)
    roots = _quote_roots(doc, span)
    introduced = doc_text(doc)[: _before_open_mark(doc_text(doc), span.start)].rstrip().endswith(":")
    # A verb after the quote with a subject and quoted words of its own ("..." while the dictator
    # described Trump as a "dotard") introduces those, not these; one that shares the quote's
    # subject ("yells 'mommy loves you,' and then says 'be calm'") may introduce both.
    others = [_roots_between(doc, start, end) for start, end in quoted if (start, end) != outside]
    near_after = [t for t in after[:_NEAR_CUE_TOKENS]
                  if is_cue(t) and t.lower_ != "according" and not (_has_subject(t) and any(_heads(t, other) for other in others))]
    # A verb just before the quote introduces it unless it has an object of its own ("wrote a column called").
    near_before = [t for t in before[-_NEAR_CUE_TOKENS:] if is_cue(t) and t.pos_ == "VERB" and not _has_own_object(t)]
    governing = [t for t in before + after if is_cue(t) and t.lower_ != "according" and _governs(t, roots)]
    introducing = [t for t in reversed(before) if is_cue(t)] if introduced else []
    for cue in near_after + governing + list(reversed(near_before)) + introducing:
        head = speaker_head(cue)
        if head is not None and _inside(head.idx, quoted):
            # the parser took quoted words for the subject: "«...», said Girard"; only a verb right
            # after the quote is that one ("...," pushing North Korea to threaten Guam is not)
            head = name_after(cue) if cue in [t for t in after if not t.is_punct][:1] else None
        if head is None or not same_line(head, cue) or _inside(head.idx, quoted):
            continue
        speaker = resolver.resolve(phrase_of(head, _outside_limit(doc, head, outside)), head)
        if speaker.no_referent:
            continue
        return speaker, cue
    return _predicate_speaker(doc, span, resolver)


def _has_own_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ not in SPEECH_NOUNS for c in verb.children)


def _quote_roots(doc: Doc, span: QuotedSpan) -> list[Token]:
    return _roots_between(doc, span.start, span.end)


def _roots_between(doc: Doc, start: int, end: int) -> list[Token]:
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None:
        return []
    return [t for t in inside if not (start <= t.head.idx < end) or t.head == t]


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _heads(cue: Token, roots: list[Token]) -> bool:
    """The cue is the quote's head, directly or through a preposition ("described Trump as "...")."""
    return any(root.head == cue or (root.head.pos_ == "ADP" and root.head.head == cue) for root in roots)


def _governs(cue: Token, roots: list[Token]) -> bool:
    """The cue is the quote's syntactic head: "called the incident "an attack ...""."""
    return any(root.head == cue for root in roots)


def _predicate_speaker(doc: Doc, span: QuotedSpan, resolver: SpeakerResolver) -> tuple[Speaker | None, Token | None]:
    """A quote that is the predicate of a sentence ("Blinken "condemned the attack"") is its subject's."""
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is None:
        return None, None
    for token in inside:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        for child in token.children:
            if child.dep_ == "nsubj" and child.idx < span.start:
                return resolver.resolve(phrase_of(child, (0, span.start)), child), token
    return _governing_speaker(doc, span, resolver)


def _governing_speaker(doc: Doc, span: QuotedSpan, resolver: SpeakerResolver) -> tuple[Speaker | None, Token | None]:
    """Quoted words inside someone's sentence are theirs: the subject of the nearest verb of saying
    above the quote in the parse, else of the nearest verb whose subject is a named person ("Bennett
    welcomed the call as a step away from the “dangerous idea of a Palestinian state”")."""
    roots = _quote_roots(doc, span)
    words = re.findall(r"\w+", doc_text(doc)[span.start : span.end])
    if not roots or sum(w[0].isupper() for w in words) * 2 >= len(words):
        return None, None  # a title or a nickname in quote marks, not words someone said
    head = roots[0].head
    person: tuple[Speaker, Token] | None = None
    for _ in range(_MAX_CLIMB):
        if head.pos_ in ("VERB", "AUX"):
            subject = speaker_head(head)
            if subject is not None and not span.start <= subject.idx < span.end:
                speaker = resolver.resolve(phrase_of(subject, _outside_limit(doc, subject, (span.start, span.end))), subject)
                if not speaker.no_referent and is_cue(head) and speaker.source_kind != "unknown":
                    return speaker, head
                if person is None and len(words) >= _MIN_WORDS_OF_PERSON and not speaker.no_referent and resolver.is_person(speaker):
                    person = (speaker, head)
        if head.head == head:
            break
        head = head.head
    return person if person is not None else (None, None)


def _outside_limit(doc: Doc, head: Token, quote: tuple[int, int]) -> tuple[int, int]:
    return (quote[1], len(doc_text(doc))) if head.idx >= quote[1] else (0, quote[0])


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _other_named_between(resolver: SpeakerResolver, speaker: str, start: int, end: int) -> bool:
    """Someone other than ``speaker`` is named between two quotes as the subject of a clause, so the
    second may be theirs (a name in passing, "28 degrees Celsius" taken for a person, is not)."""
    surname = speaker.split()[-1].lower() if speaker.split() else ""
    return any(start <= m.start < end and m.text.split()[-1].lower() != surname and resolver.is_subject(m) for m in resolver.people)


def _cue_text(cue: Token | None) -> str | None:
    if cue is None:
        return None
    return "according to" if cue.lower_ == "according" else cue.text
