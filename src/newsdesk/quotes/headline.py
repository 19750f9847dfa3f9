"""Attributions in a headline, where grammar is cut short.

- The source after a colon: "Quake hits island off south Iran, five hurt: media".
- The source after a comma and a verb of saying: "Croydon tram driver 'blacked out', claim passengers".
- The source before a colon: "Minister: 'We will rebuild'", "Police: suspect fled on foot".
- Quoted words the body repeats take the body's speaker: "‘Caught RED HANDED!’ Trump claims China selling
  oil to N. Korea" is the president's because the body has him tweet “Caught RED HANDED – very
  disappointed that China is allowing oil to go into North Korea ...”.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from newsdesk.model import Analysis, Attribution, Quote
from newsdesk.quotes.lexicon import (
    ANONYMOUS_HEADS,
    BODY_HEADS,
    DOCUMENT_HEADS,
    MEDIA_HEADS,
    ROLE_HEADS,
    SPEECH_VERBS,
)
from newsdesk.quotes.resolve import SpeakerResolver
from newsdesk.quotes.speakers import phrase_of

_HEAD_SEARCH_CHARS = 600  # the headline is the title line near the top of the text
_MAX_SOURCE_WORDS = 4
_SOURCE_HEADS = ANONYMOUS_HEADS | BODY_HEADS | DOCUMENT_HEADS | MEDIA_HEADS | ROLE_HEADS | frozenset({"media"})
_TAIL_COLON = re.compile(r"^(?P<content>.*\w.*?)\s*:\s+(?P<source>[^:\"“”‘’']+?)\s*$")
_TAIL_SAYS = re.compile(r"^(?P<content>.*\w.*?),\s*(?P<verb>[A-Za-z]+)\s+(?P<source>[^,\"“”‘’']+?)\s*$")
_LEAD_COLON = re.compile(r"^(?P<source>[^:\"“”‘’']*\w[^:\"“”‘’']*?)\s*:\s+(?P<content>.*\w.*?)\s*$")
_MARKS = "\"“”‘’'"
_REPEATED_SHARE = 0.6  # of a headline quote's words found in one body quote
_MIN_REPEATED_WORDS = 2


def headline_span(analysis: Analysis) -> tuple[int, int] | None:
    """Character span of the headline line in the text, if the article has one."""
    title = (analysis.article.title or "").strip()
    if not title:
        return None
    start = analysis.prose.find(title, 0, _HEAD_SEARCH_CHARS + len(title))
    if start < 0:
        return None
    end = analysis.prose.find("\n", start)
    return start, end if end >= 0 else len(analysis.prose)


def headline_quotes(analysis: Analysis, doc: Doc, resolver: SpeakerResolver, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` with the headline's attributions added and its quoted words given their speaker."""
    span = headline_span(analysis)
    if span is None:
        return quotes
    quotes = _repeated_in_body(quotes, span)
    tail = _tail_source(analysis, doc, resolver, span) or _lead_source(analysis, doc, resolver, span, quotes)
    if tail is None:
        return quotes
    content_start, content_end, attributed = tail
    inside = [q for q in quotes if content_start <= q.start and q.end <= content_end + 2]
    quoted_chars = sum(q.end - q.start for q in inside if q.kind == "direct")
    updated = [replace(q, speaker=attributed.speaker, speaker_start=attributed.speaker_start, speaker_end=attributed.speaker_end, attribution=attributed.attribution) if q in inside else q for q in quotes]
    if quoted_chars * 2 > content_end - content_start or any(q.kind == "indirect" for q in inside):
        return updated
    return sorted(updated + [attributed], key=lambda q: (q.start, q.end))


def _tail_source(analysis: Analysis, doc: Doc, resolver: SpeakerResolver, span: tuple[int, int]) -> tuple[int, int, Quote] | None:
    """The headline's content and its source when the source comes last ("...: media", "..., say officials")."""
    start, end = span
    line = analysis.prose[start:end]
    match = _TAIL_COLON.match(line)
    cue = ":"
    if match is None:
        match = _TAIL_SAYS.match(line)
        if match is None:
            return None
        verb = doc.char_span(start + match.start("verb"), start + match.end("verb"))
        if verb is None or verb[0].lemma_.lower() not in SPEECH_VERBS:
            return None
        cue = verb.text
    source = doc.char_span(start + match.start("source"), start + match.end("source"), alignment_mode="expand")
    if source is None or len([t for t in source if not t.is_punct]) > _MAX_SOURCE_WORDS or any(t.pos_ in ("VERB", "AUX") for t in source):
        return None
    head = source[-1]
    named = any(m.start < source.end_char and source.start_char < m.end for m in analysis.mentions if m.label in ("PERSON", "ORG", "NORP"))
    is_source = head.lemma_.lower() in _SOURCE_HEADS or head.lower_ in _SOURCE_HEADS or named
    if not is_source and (cue == ":" or head.tag_ not in ("NNS", "NNPS")):
        return None  # a source noun, a name, or people ("claim passengers"); not "Cubs win: the full story",
        # not an object ("Apple releases SDK, announces update")
    content = doc.char_span(start + match.start("content"), start + match.end("content"), alignment_mode="expand")
    if content is None or not any(t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT" and t.pos_ != "PROPN" for t in content):
        return None  # a label, not a statement: "China well rescue: race to reach boy"
    speaker = resolver.resolve(phrase_of(head, (source.start_char, source.end_char)), head)
    content_start, content_end = content.start_char, content.end_char
    while content_end > content_start and analysis.prose[content_end - 1] in ",;:":
        content_end -= 1
    quote = Quote(
        article_id=analysis.article.id,
        start=content_start,
        end=content_end,
        text=analysis.article.text[content_start:content_end],
        speaker=speaker.name,
        kind="indirect",
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        attribution=Attribution(cue=cue, source_kind=speaker.source_kind, chain=(source.text,), close_to=speaker.close_to),
    )
    return content_start, content_end, quote


def _lead_source(analysis: Analysis, doc: Doc, resolver: SpeakerResolver, span: tuple[int, int],
                 quotes: list[Quote]) -> tuple[int, int, Quote] | None:
    """The headline's source when it comes first, before a colon: "Minister: 'We will rebuild'",
    "Police: Suspect fled on foot". Only a person the tagger names, a body the article names again,
    or a source noun is a source ("Croydon tram derailment: Several dead" is a topic, not a speaker)."""
    start, end = span
    match = _LEAD_COLON.match(analysis.prose[start:end])
    if match is None:
        return None
    source = doc.char_span(start + match.start("source"), start + match.end("source"), alignment_mode="expand")
    if source is None or len([t for t in source if not t.is_punct]) > _MAX_SOURCE_WORDS or any(t.pos_ in ("VERB", "AUX") for t in source):
        return None
    head = source[-1]
    named = [m for m in analysis.mentions if m.start <= source.start_char and source.end_char <= m.end and m.label in ("PERSON", "ORG")]
    # only when the article names them again ("Sky Watch: January is packed" is a column's name)
    named = [m for m in named if any(o.start >= end and o.text.split()[-1] == m.text.split()[-1] for o in analysis.mentions)]
    if not (named or head.lemma_.lower() in _SOURCE_HEADS or head.lower_ in _SOURCE_HEADS):
        return None
    content = doc.char_span(start + match.start("content"), start + match.end("content"), alignment_mode="expand")
    quoted = match.group("content")[:1] in _MARKS
    if content is None or not (quoted or any(t.pos_ in ("VERB", "AUX") for t in content)):
        return None
    speaker = resolver.resolve(phrase_of(head, (source.start_char, source.end_char)), head)
    content_start, content_end = content.start_char, content.end_char
    if quoted:  # the quoted words, without their marks
        content_start, content_end = content_start + 1, content_end - (analysis.prose[content_end - 1] in _MARKS)
    quote = Quote(
        article_id=analysis.article.id,
        start=content_start,
        end=content_end,
        text=analysis.article.text[content_start:content_end],
        speaker=speaker.name,
        kind="direct" if quoted else "indirect",
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        attribution=Attribution(cue=":", source_kind=speaker.source_kind, chain=(source.text,), close_to=speaker.close_to),
    )
    if quoted and not resolver.is_person(speaker):
        # "Minister: 'We will rebuild'": the body, quoting the same words, names the minister
        quote = _repeated_in_body([quote] + quotes, span)[0]
    return content_start, content_end, quote


def _repeated_in_body(quotes: list[Quote], span: tuple[int, int]) -> list[Quote]:
    """A quote in the headline is the speaker's whose words the body quotes."""
    start, end = span
    body = [q for q in quotes if q.start >= end and q.kind == "direct" and q.speaker]
    updated = []
    for quote in quotes:
        if not (start <= quote.start < end and quote.kind == "direct"):
            updated.append(quote)
            continue
        words = _words(quote.text)
        best, best_share = None, 0.0
        for candidate in body:
            share = len(words & _words(candidate.text)) / len(words) if words else 0.0
            if share > best_share:
                best, best_share = candidate, share
        if best is None or best_share < _REPEATED_SHARE or len(words) < _MIN_REPEATED_WORDS:
            updated.append(quote)
            continue
        updated.append(replace(quote, speaker=best.speaker, speaker_start=best.speaker_start, speaker_end=best.speaker_end, attribution=best.attribution))
    return updated


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))
