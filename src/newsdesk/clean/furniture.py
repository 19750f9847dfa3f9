"""Page furniture pasted along with the article: captions, gallery links, share and
subscribe prompts, editorial disclaimers, bare links. Each rule names its reason."""

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
    ("editorial disclaimer", re.compile(r"(?:point of view|views?|opinions?) (?:of the author|expressed)[^.]{0,80}(?:may not|do(?:es)? not) (?:necessarily )?(?:coincide|reflect|represent)", re.I)),
    ("editorial disclaimer", re.compile(r"^(?:the )?(?:author|writer)'?s? (?:views|opinions) (?:are|is) (?:their|his|her) own", re.I)),
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
