"""Indirect speech and attributed claims: "X said that …", "according to X, …", "X described this as …"."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsdesk.analyse.text import doc_text
from newsdesk.model import Analysis, Attribution, Quote
from newsdesk.quotes.context import is_hedged, mentions_social_media
from newsdesk.quotes.lexicon import DESCRIPTION_VERBS, INDIRECT_VERBS
from newsdesk.quotes.marks import Regions
from newsdesk.quotes.resolve import SpeakerResolver
from newsdesk.quotes.speakers import phrase_of, speaker_head

_MIN_CONTENT_TOKENS = 3
_GERUND = "VBG"
_TRIM = frozenset((",", ";", ":", ".", "that", "-", "—", "–", "and", "but"))


@dataclass(frozen=True)
class _Claim:
    cue: Token
    start: int  # token range of the content
    end: int
    quote: Quote


def indirect_quotes(
    analysis: Analysis, doc: Doc, resolver: SpeakerResolver, direct: list[Quote], direct_cues: set[int],
    headline: tuple[int, int] | None = None,
) -> list[Quote]:
    direct_spans = [(q.start, q.end) for q in direct]
    quoted = Regions(direct_spans)
    claims: list[_Claim] = []
    for token in doc:
        if quoted.hold(token.idx):
            continue
        content = _content(token, headline is not None and headline[0] <= token.idx < headline[1])
        if content is None:
            continue
        start, end = _trim(doc, *_before_introduced_quote(doc, *content, direct_spans))
        if end - start < _MIN_CONTENT_TOKENS:
            continue
        char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if sum(_overlap(char_start, char_end, s, e) for s, e in direct_spans) * 2 > char_end - char_start:
            continue  # the direct quote carries most of these words ("said it was “a war zone”")
        if token.i in direct_cues and start < token.i and any(0 <= char_end - e <= 3 or 0 <= e - char_end <= 3 for _, e in direct_spans):
            continue  # the tag of a direct quote: "Down the road, “it caught our attention,” said Angel"
        claim = _claim(analysis, doc, resolver, token, start, end, char_start, char_end)
        if claim is not None:
            claims.append(claim)
    return [c.quote for c in _nest(_deduplicate(claims))]


def _content(token: Token, in_headline: bool = False) -> tuple[int, int] | None:
    """Token range of what the cue reports, or None if it is no reporting cue.
    Headlines drop their auxiliaries ("Trump claims China selling oil"), so a gerund there reports."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        return _according_content(token)
    if token.pos_ not in ("VERB", "AUX") or token.tag_ == "VB":
        return None  # a base form reports nothing yet: "will say", "to announce"
    is_reporting = lemma in INDIRECT_VERBS or (token.lower_ == "known" and token.head.lemma_ == "make")
    if is_reporting:
        for child in token.children:
            if child.dep_ == "ccomp" and not _is_question_of_fact(child) and (in_headline or not _is_gerund(child)):
                if child.i < token.i:
                    return _fronted_content(token, child)
                return child.left_edge.i, _with_coordinated_clauses(token, child)
    if lemma in DESCRIPTION_VERBS:
        objects = [c for c in token.children if c.dep_ == "dobj"]
        descriptions = [c for c in token.children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")]
        if objects and descriptions:
            return objects[0].left_edge.i, descriptions[-1].right_edge.i + 1
    return None


def _fronted_content(cue: Token, clause: Token) -> tuple[int, int]:
    """Reported speech before its tag: "A gun was used ..., but investigators cannot tell who
    fired it, the city's chief prosecutor said." The words run from the start of the sentence
    to the comma before the tag, whatever the parser hung where."""
    doc = cue.doc
    tag_start = min([cue.i] + [c.left_edge.i for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i])
    comma = next((i for i in range(tag_start - 1, clause.i, -1) if doc[i].text in (",", "—", "–")), None)
    start = clause.left_edge.i
    between = cue.doc[cue.sent.start : start]
    if not any(t.lemma_.lower() in INDIRECT_VERBS and t.pos_ == "VERB" or t.lower_ == "according" for t in between):
        start = cue.sent.start
    return start, comma if comma is not None else clause.right_edge.i + 1


def _with_coordinated_clauses(cue: Token, clause: Token) -> int:
    """End of what was said, with clauses coordinated to it that have their own subject:
    "The governor told media that 2,000 tents were ready, and medical teams had been sent ..."."""
    end = clause.right_edge.i + 1
    for conj in cue.children:
        if conj.dep_ != "conj" or conj.i < end or conj.lemma_.lower() in INDIRECT_VERBS:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("he", "she", "they", "i", "we") for c in conj.children):
            end = conj.right_edge.i + 1
    return end


def _before_introduced_quote(doc: Doc, start: int, end: int, direct: list[tuple[int, int]]) -> tuple[int, int]:
    """What was said ends where it introduces a direct quote: "he asked the driver if he was OK: “He said …”"."""
    for index in range(start + 1, end):
        if doc[index].text == ":" and any(s >= doc[index].idx and s - doc[index].idx < 4 for s, _ in direct):
            return start, index
    return start, end


def _is_gerund(clause: Token) -> bool:
    """ "recalled it speeding up", "acknowledges having ...": no finite clause, nothing reported."""
    return clause.tag_ == _GERUND and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)


def _is_question_of_fact(clause: Token) -> bool:
    return clause.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _according_content(token: Token) -> tuple[int, int] | None:
    if not any(c.lower_ == "to" for c in token.children):
        return None
    clause = token.head
    if clause == token:
        return None
    doc = token.doc
    phrase_start, phrase_end = token.left_edge.i, token.right_edge.i + 1
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    if _is_empty(*_trim(doc, start, phrase_start)):
        return phrase_end, end
    if _is_empty(*_trim(doc, phrase_end, end)):
        return start, phrase_start
    return start, end


def _is_empty(start: int, end: int) -> bool:
    return start >= end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in _TRIM or doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRIM or doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _claim(analysis: Analysis, doc: Doc, resolver: SpeakerResolver, cue: Token, start: int, end: int, char_start: int, char_end: int) -> _Claim | None:
    head = speaker_head(cue)
    if head is None or char_start <= head.idx < char_end:
        return None
    phrase = phrase_of(head)
    speaker = resolver.resolve(phrase, head, (char_start, char_end))
    if speaker.first_person or speaker.no_referent:
        return None  # the reporter's own voice, or an "it" that stands for no speaker
    sentence = cue.sent
    own_words = [t for t in cue.subtree if not start <= t.i < end]
    kind = "social_media" if mentions_social_media(own_words) else speaker.source_kind
    cue_text = "according to" if cue.lower_ == "according" else cue.text
    quote = Quote(
        article_id=analysis.article.id,
        start=char_start,
        end=char_end,
        text=analysis.article.text[char_start:char_end],
        speaker=speaker.name,
        kind="indirect",
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        attribution=Attribution(
            cue=cue_text,
            source_kind=kind,
            chain=(analysis.prose[speaker.start : speaker.end] if speaker.source_kind != "named_person" else phrase.text,),
            hedged=is_hedged(doc_text(doc)[sentence.start_char : char_start] + " " + doc_text(doc)[char_end : sentence.end_char]),
            close_to=speaker.close_to,
        ),
    )
    return _Claim(cue, start, end, quote)


def _deduplicate(claims: list[_Claim]) -> list[_Claim]:
    kept: list[_Claim] = []
    for claim in claims:
        if any(_same_content(claim, other) for other in kept):
            continue
        kept.append(claim)
    return kept


def _same_content(left: _Claim, right: _Claim) -> bool:
    overlap = min(left.end, right.end) - max(left.start, right.start)
    return overlap * 2 > min(left.end - left.start, right.end - right.start) and not (
        _within(left, right) or _within(right, left)
        or left.start <= right.cue.i < left.end or right.start <= left.cue.i < right.end  # a claim inside a claim
    )


def _within(inner: _Claim, outer: _Claim) -> bool:
    """The inner claim is what the outer one reports, passed on: most of the outer words are its words.
    A claim in a clause hung on a name ("... reported by Lynch, who first reported that ...") is its own."""
    return (
        outer.start <= inner.cue.i < outer.end
        and outer.start <= inner.start
        and inner.end <= outer.end
        and (max(inner.end, inner.cue.right_edge.i + 1) - min(inner.start, inner.cue.left_edge.i)) * 2 > outer.end - outer.start
    )


def _nest(claims: list[_Claim]) -> list[_Claim]:
    """A claim reported inside another claim keeps the outer source in its chain:
    "journalists wrote that, according to sources close to X, …" -> (journalists, sources close to X)."""
    nested = list(claims)
    changed = True
    while changed:
        changed = False
        for outer in nested:
            inner = next((c for c in nested if c is not outer and _within(c, outer)), None)
            if inner is None:
                continue
            outer_attr, inner_attr = outer.quote.attribution, inner.quote.attribution
            merged = replace(
                inner.quote,
                attribution=replace(
                    inner_attr,
                    chain=outer_attr.chain + inner_attr.chain,
                    hedged=outer_attr.hedged or inner_attr.hedged,
                ),
            )
            nested = [replace(inner, quote=merged) if c is inner else c for c in nested if c is not outer]
            changed = True
            break
    return sorted(nested, key=lambda c: c.quote.start)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))
