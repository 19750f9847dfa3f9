"""Named-entity mentions made ready for linking: junk dropped, titles read as roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsdesk.link.acronyms import is_acronym, letters_of
from newsdesk.link.namekey import TITLE_ABBREVIATIONS, TITLES, bare_tokens, group_tokens, split_title
from newsdesk.link.routes import alternate_spellings
from newsdesk.model import Mention

# Tagger labels that name things; numbers, dates and amounts are not entities to link.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
FAMILY_OF_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "norp"}

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_RE = re.compile(rf"^(?:\d{{1,4}}[\s,./-]*)?{_MONTHS}(?:[\s,./-]*\d{{1,4}})*$|^[\d\s,./:-]+$", re.IGNORECASE)
_URL_RE = re.compile(r"https?:|www\.|\.(?:com|org|net)\b|/", re.IGNORECASE)
_TITLE_BEFORE_RE = re.compile(
    r"(?:\b(?P<qualifier>former|ex-|acting|interim)\s+)?"
    # a capitalised modifier ("Iraqi"), but not the first word of a longer title ("Prime" Minister)
    r"(?:\b(?!(?:" + "|".join(sorted({t.split()[0] for t in TITLES if " " in t})) + r")\b)[A-Z][\w'’]*\s+)?"
    r"\b(?P<title>" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")\.?\s*$",
    re.IGNORECASE,
)
_TITLE_CONTEXT = 60

_TITLE_LAST_WORDS = {t.split()[-1] for t in TITLES}


@dataclass(frozen=True)
class NameMention:
    """A mention with its name read: the bare name, its token keys and the roles around it."""

    mention: Mention
    name: str
    tokens: tuple[str, ...]
    roles: tuple[str, ...]
    family: str
    is_handle: bool
    alternates: tuple[tuple[str, ...], ...] = ()  # token keys of its readings without the Russian route
    typed_by_context: bool = False  # a noun beside it says what it is ("the Kayhan newspaper")


def family_of(label: str) -> str:
    return FAMILY_OF_LABEL.get(label, label.lower())


def is_junk(mention: Mention) -> bool:
    """Mentions no reader would call a name: numbers, dates, links, lone characters, lowercase words."""
    text = mention.text.strip()
    if mention.label not in NAME_LABELS:
        return True
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2 or not any(ch.isupper() for ch in letters):
        return True
    return bool(_DATE_RE.match(text) or _URL_RE.search(text))


def role_before(prose: str, start: int) -> str | None:
    """The title written just before a mention ("Iraqi Prime Minister [Mustafa al-Kadhimi]")."""
    window = prose[max(0, start - _TITLE_CONTEXT):start]
    window = window.split("\n")[-1]
    words = window.split()
    if not words or words[-1].rstrip(".").lower() not in _TITLE_LAST_WORDS:
        return None  # the regex below is slow; most mentions have no title before them
    match = _TITLE_BEFORE_RE.search(window)
    if not match or (match.group(0).rstrip().endswith(".") and match.group("title").lower() not in TITLE_ABBREVIATIONS):
        return None  # "... the Prime Minister. Kazemi said" ends a sentence, it is no title
    return _role_name(match.group("title"), match.group("qualifier"))


def _role_name(title: str, qualifier: str | None = None) -> str:
    lowered = title.lower()
    role = TITLE_ABBREVIATIONS.get(lowered, " ".join(w.capitalize() for w in lowered.split()))
    return f"Former {role}" if qualifier and qualifier.lower() in {"former", "ex-"} else role


def name_tokens_for(name: str, family: str) -> tuple[str, ...]:
    """Token keys of a bare name: in order for a person, in any order for an organisation or a
    place of several words (see ``namekey.group_tokens``)."""
    if is_acronym(name):
        return (letters_of(name),)  # spelt letter by letter: no romanisation to undo (IAEA is no AIEA)
    return group_tokens(name) if family in ("org", "place") and len(name.split()) > 1 else bare_tokens(name)


_HYPHEN_TAIL_RE = re.compile(r"-[a-z]+\b")


def with_cut_tail(mention: Mention, prose: str, written: set[str]) -> Mention:
    """A name the tagger cut at a hyphen ("Moon Jae" of "Moon Jae-in") made whole again when the
    whole form is written as a name elsewhere among the articles (``written``): the cut form
    alone is no name, and trimming tails instead would make Kim Jong-un and Kim Jong-il one."""
    tail = _HYPHEN_TAIL_RE.match(prose, mention.end)
    if tail is None or mention.text + tail.group(0) not in written:
        return mention
    return replace(mention, end=tail.end(), text=mention.text + tail.group(0))


def read_mention(mention: Mention, prose: str) -> NameMention | None:
    """Read a tagged mention as a name, or None when it is junk."""
    if is_junk(mention):
        return None
    text = mention.text.strip()
    if text.startswith("@"):
        return NameMention(mention, text.replace(" ", ""), (), (), family_of(mention.label), True)
    name, roles = split_title(text, person=mention.label == "PERSON")
    family = family_of(mention.label)
    tokens = name_tokens_for(name, family)
    if not tokens or not any(ch.isalpha() for ch in name):
        return None
    context_role = role_before(prose, mention.start)
    if context_role and context_role not in roles:
        roles.append(context_role)
    alternates = ()
    if family in ("person", "place"):
        alternates = tuple(dict.fromkeys(t for t in map(bare_tokens, alternate_spellings(name)) if t and t != tokens))
    return NameMention(mention, name, tokens, tuple(roles), family, False, alternates,
                       _typed_by_context(prose, mention))


def _typed_by_context(prose: str, mention: Mention) -> bool:
    """Whether the word just before or after the mention is a noun of its kind ("the militia X",
    "the X newspaper", "the ferry X", "X village")."""
    from newsdesk.analyse.labels import CONTEXT_NOUNS_OF_LABEL

    nouns = CONTEXT_NOUNS_OF_LABEL.get(mention.label)
    if not nouns:
        return False
    before = re.findall(r"[\w-]+", prose[max(0, mention.start - 20):mention.start])
    after = re.findall(r"[\w-]+", prose[mention.end:mention.end + 20])
    return bool((before and before[-1].lower() in nouns) or (after and after[0].lower() in nouns))
