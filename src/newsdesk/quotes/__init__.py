"""Quotes and attribution: who said what, and through whom."""

from __future__ import annotations

from spacy.tokens import Doc

from newsdesk.model import Analysis, Quote
from newsdesk.quotes.direct import direct_quotes
from newsdesk.quotes.headline import headline_quotes, headline_span
from newsdesk.quotes.indirect import indirect_quotes
from newsdesk.quotes.marks import find_quoted_spans
from newsdesk.quotes.posts import quotes_from_posts
from newsdesk.quotes.resolve import SpeakerResolver

__all__ = ["extract_quotes", "quotes_from_posts"]


def extract_quotes(analysis: Analysis, doc: Doc) -> list[Quote]:
    """Direct and indirect quotes in the article's prose, each with its speaker and attribution."""
    spans = find_quoted_spans(analysis.prose)
    resolver = SpeakerResolver(analysis, doc, [(s.start, s.end) for s in spans])
    direct = direct_quotes(analysis, doc, spans, resolver)
    direct_cues = {d.cue.i for d in direct if d.cue is not None}
    quotes = [d.quote for d in direct]
    quotes += indirect_quotes(analysis, doc, resolver, quotes, direct_cues, headline_span(analysis))
    return headline_quotes(analysis, doc, resolver, sorted(quotes, key=lambda q: (q.start, q.end)))
