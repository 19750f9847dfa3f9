"""The outlet of a report that came without one, read from where reports print it.

Three kinds of line name the outlet, each read where it stands on the page:

- a dateline credit opening the report: ``DHAKA (Reuters) -``, ``SAN JOSE, Dec 31 (Reuters) -``,
  ``(CNN) A small plane ...``, ``NEW YORK (AP) —``;
- a byline with the outlet after a bar or a dash among the first lines: ``By Ruma Paul | Dhaka Tribune``;
- an outlet's copyright line closing the report: ``Copyright 2017 The Associated Press. All rights reserved.``

A credit naming a contributor ("The Associated Press contributed to this report") or a photo
("Dado Ruvic/Reuters") is not the report's outlet and is not read. Without any of these, the host
of the report's address stands in (``www.dhakatribune.com`` -> ``dhakatribune.com``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HEAD_LINES = 4  # a dateline or byline stands among the first lines (after a headline, a date line)
TAIL_LINES = 3
MAX_OUTLET_WORDS = 5

_NAME = r"[A-Z][\w.&'’-]*(?: (?:[A-Z][\w.&'’-]*|of|the|de|del|and|&))*"
WIRE_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Þ][A-ZÀ-Þ .'’-]+(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?(?:,\s*\d{4})?)?\s*)?"  # DHAKA / SAN JOSE, Dec 31 / KYIV, March 3, 2022
    rf"\((?P<outlet>{_NAME})\)"
    r"\s*(?:[-–—:]+\s*|(?=[A-Z“\"']))"
)
_BYLINE = re.compile(rf"^By\s+[^|–—]{{2,80}}?\s+[|–—-]\s+(?P<outlet>{_NAME})\s*$")
_COPYRIGHT = re.compile(rf"^(?:[Cc]opyright|COPYRIGHT|©|\([cC]\))\s*(?:©\s*)?(?:\d{{4}}\s*)?(?P<outlet>{_NAME})\s*(?:[.,]|\d{{4}}|All rights|$)")


def outlet_in_text(text: str) -> str | None:
    """The outlet a dateline, a byline or a copyright line of ``text`` names, or None."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    for line in lines[:HEAD_LINES]:
        for pattern in (WIRE_DATELINE, _BYLINE):
            found = pattern.match(line)
            if found and _plausible(found.group("outlet")):
                return found.group("outlet").rstrip(".")
    for line in lines[-TAIL_LINES:]:
        found = _COPYRIGHT.match(line)
        if found and _plausible(found.group("outlet")):
            return found.group("outlet").rstrip(".")
    return None


def is_credit_line(line: str) -> bool:
    """A line that is only a dateline credit (``NEW YORK (AP) —``) or a byline naming an outlet:
    not a headline."""
    line = line.strip()
    found = WIRE_DATELINE.match(line)
    return bool(found and not line[found.end() :].strip()) or bool(_BYLINE.match(line))


def site_of(url: str | None) -> str | None:
    """The site of an address, without ``www.``: ``https://www.bbc.com/news/x`` -> ``bbc.com``."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None


def _plausible(name: str) -> bool:
    words = name.split()
    return 0 < len(words) <= MAX_OUTLET_WORDS and not any(ch.isdigit() for ch in name)
