"""Page furniture pasted along with the article: captions, gallery links, share and
subscribe prompts, bare links (whole paragraphs), and an opinion page's notes about the writer
and disclaimers (sentences). Each rule names its reason."""

from __future__ import annotations

import re

from newsdesk.clean.paragraphs import Paragraph
from newsdesk.clean.posts import LINK

FURNITURE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("gallery link", re.compile(r"^(?:to the |go to |open |view (?:the )?|see (?:the )?)?(?:photo )?gallery(?: page)?\.?$|^to the gallery page$", re.I)),
    ("caption", re.compile(r"^(?:photo|image|picture|video|foto|photograph|caption|credit|source)\s*(?:caption)?\s*[:|©-]", re.I)),
    ("caption", re.compile(r"^(?:image|photo) (?:source|caption|copyright)\b", re.I)),
    ("caption", re.compile(r"^\(?(?:photo|image|picture)s?:?\s[^.]{0,120}\)?$", re.I)),
    ("caption", re.compile(r"^[^.!?]{0,120}(?:\((?:photo|image|picture|file photo)[^)]*\)|/ (?:AFP|Reuters|AP|Getty Images|EPA)[^.]*)$", re.I)),
    ("share or subscribe prompt", re.compile(r"^(?:share (?:this|on|via)|subscribe (?:to|for|now)|sign up (?:for|to)|follow us\b|like us on|click here|read (?:also|more)\s*:|see also\s*:|related\s*:|more on this\b|download (?:our|the) app|join our (?:telegram|whatsapp|newsletter))", re.I)),
    ("share or subscribe prompt", re.compile(r"^(?:advertisement|advert|sponsored(?: content)?|continue reading|skip advertisement|view this post on instagram|watch on youtube)\.?$", re.I)),
    ("copyright notice", re.compile(r"^(?:©|\(c\)|copyright\b)[^.]{0,150}$", re.I)),
)


def furniture_reason(paragraph: Paragraph) -> str | None:
    """Why this paragraph is not part of the article's prose, or None when it is."""
    text = paragraph.text
    if not LINK.sub("", text).strip(" \t-–—|•·"):
        return "bare link"
    for reason, pattern in FURNITURE_RULES:
        if pattern.search(text):
            return reason
    return None


# -- opinion pages: notes about the writer and the column's disclaimers ------------------------
#
# Read by kind, as sentences, so that a disclaimer closing a paragraph of prose goes and the prose
# stays. A note about the writer stands at the top or the foot of the page (EDGE_* paragraphs);
# there a sentence whose subject is the writer ("The writer teaches history at ...") or a full
# name the article names nowhere else followed by what the person is ("Farida Akter is an
# associate professor ...") is the page's note, not the author's claim. A disclaimer says whose
# the views are (the author's own; not the outlet's) or that the piece belongs to an opinion
# section, wherever it stands. Gold: tests/gold/furniture/opinion.jsonl.

EDGE_TOP_PARAGRAPHS = 2
EDGE_FOOT_PARAGRAPHS = 3
MAX_NOTE_WORDS = 45

_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’)]*|$)")
_WRITER = r"(?:the|this) (?:writer|author|columnist|contributor|commentator|reviewer|blogger)"
_WRITER_NOTE = re.compile(
    rf"^[\s(*—–-]*{_WRITER}\b(?:,[^,]{{3,80}},)?\s+(?:is|was|has|had|teaches|taught|works|worked|writes|wrote|heads|leads|directs|serves|served|covers|lives|edits|chairs|holds|studies|researches)\b",
    re.I,
)
_NAMED_NOTE = re.compile(r"^[\s(*—–-]*(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}),?\s+(?:is|was|has been)\s+(?:an?|the|[A-Z][\w.-]*(?:'s|’s))\s")
_VIEWS = r"(?:views?|opinions?|thoughts|analysis|comments?)"
_OWNED = (
    r"(?:solely |entirely |strictly |purely |only )?(?:those of the (?:author|writer|columnist|contributor)s?\b"
    r"|(?:the )?(?:author|writer|columnist|contributor)(?:'s|s'|’s) own|(?:his|her|their|my|its) own)"
)
_NOT_THE_OUTLETS = r"(?:do(?:es)?|may|might|did) not (?:necessarily )?(?:reflect|represent|coincide with|express)"
_THE_PIECE = r"this (?:article|piece|column|essay|commentary|op-?ed|post|blog post|story)"
_SECTION = r"(?:opinion|comment|commentary|op-?ed|perspectives?|voices|editorials?|viewpoints?|guest (?:essay|column)s?)"
_DISCLAIMERS = (
    re.compile(rf"\b{_VIEWS}\b[^.!?]{{0,80}}?\b(?:are|is|were|remain)\s+{_OWNED}", re.I),
    re.compile(rf"(?:\b{_VIEWS}\b|^[\s(*]*{_THE_PIECE}\b)[^.!?]{{0,100}}?\b{_NOT_THE_OUTLETS}\b", re.I),
    re.compile(rf"^[\s(*]*{_THE_PIECE} (?:is|was|forms|appears) (?:part of|an?|in|one of)\b[^.!?]{{0,50}}?\b{_SECTION}\b", re.I),
    re.compile(rf"^[\s(*]*this is an? {_SECTION}(?: piece| column| article)?\b", re.I),
)


def opinion_furniture(paragraph: Paragraph, edge: bool, elsewhere: str) -> list[tuple[int, int, str]]:
    """The sentences of ``paragraph`` that are an opinion page's furniture, as ``(start, end,
    reason)`` in article offsets. ``edge``: the paragraph is at the top or the foot of the page;
    ``elsewhere``: the article's other paragraphs (a name they use is a source, not the writer)."""
    found = []
    for number, match in enumerate(_SENTENCE.finditer(paragraph.text)):
        sentence = match.group()
        if not sentence.strip() or len(sentence.split()) > MAX_NOTE_WORDS:
            continue
        reason = None
        if any(rule.search(sentence) for rule in _DISCLAIMERS):
            reason = "editorial disclaimer"
        elif edge and (number == 0 or sentence.lstrip().startswith("(")) and _is_writer_note(sentence, elsewhere):
            reason = "author note"
        if reason:
            start = paragraph.start + match.start() + (len(sentence) - len(sentence.lstrip()))
            found.append((start, paragraph.start + match.start() + len(sentence.rstrip()), reason))
    return found


def _is_writer_note(sentence: str, elsewhere: str) -> bool:
    if _WRITER_NOTE.search(sentence):
        return True
    named = _NAMED_NOTE.search(sentence)
    return bool(named) and not any(part in elsewhere for part in named.group("name").split()[-1:])
