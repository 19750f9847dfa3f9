"""Role phrases that stand for a named person: "the prime minister" joins Mustafa al-Kadhimi.

A definite role phrase ("the prime minister", "the Iraqi prime minister") becomes a mention
of the one person in the same article who is written with that title somewhere else
("Prime Minister Mustafa al-Kadhimi"). When two people in the article hold the title, or
nobody does, the phrase stays unlinked: a missing link serves an analyst better than a
wrong one. So does a phrase that names a different office ("the minister of defence"), a
former holder ("the former prime minister"), or overlaps a tagged name ("the Prime
Minister's Office"). Role mentions carry the label ``ROLE`` and never vote on the entity's
type, canonical name or variants.

A role phrase is linked inside its article only, never to a holder named in another article of
the event, and a title before a name is no link to another person with that title. The seed
column shows why: its translation writes "a photo of the spiritual leader Kayhan in the Kayhan
newspaper ... where he is sitting next to Raisi and Khamenei". "Kayhan" is the newspaper (the
text says so, and the embedded tweet has "Keyhan (Khamenei mouthpiece)"); the leader in the photo
is not Khamenei, who sits beside him, and no report calls Khamenei "spiritual leader". Linking
the phrase to Khamenei would be a false merge an analyst cannot see; left unlinked, the
newspaper stays one organisation (``within.vote_family``: the text's noun wins a tie with a title).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from newsdesk.link.within import LocalEntity
from newsdesk.model import Analysis, Mention

ROLE_LABEL = "ROLE"

# Titles that, after "the", usually mean something other than the titled person:
# "the father of the victim", "the speaker of parliament", "the major roads".
_NOT_A_REFERENCE = {"Father", "Doctor", "Lady", "Lord", "Sir", "Dame", "Major", "Speaker",
                    "Representative", "Justice", "Rev", "Reverend", "Chair"}
# Up to two modifiers between "the" and the title: a capitalised word ("Iraqi") or "new"/"current".
_MODIFIERS = r"(?:(?:[A-Z][\w-]+|new|current|incumbent)\s+){0,2}"
_FOLLOWED_BY_OTHER_OFFICE = re.compile(r"\s+(?:of|for)\s|['’]s\s+[Oo]ffice\b")


def role_mentions(analysis: Analysis, entities: list[LocalEntity]) -> dict[int, list[Mention]]:
    """Role phrases of one article, keyed by the index in ``entities`` of the person they stand for."""
    holders: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(entities):
        if entity.family == "person":
            for role in entity.roles:
                holders[role].append(index)
    found: dict[int, list[Mention]] = defaultdict(list)
    taken = sorted((m.start, m.end) for m in analysis.mentions)
    sentence_starts = [s.start for s in analysis.sentences]
    for role, indices in holders.items():
        if len(indices) != 1 or role in _NOT_A_REFERENCE or role.startswith("Former"):
            continue
        for match in _role_pattern(role).finditer(analysis.prose):
            start, end = match.span()
            if _FOLLOWED_BY_OTHER_OFFICE.match(analysis.prose, end) or _overlaps(taken, start, end):
                continue
            sentence = bisect.bisect_right(sentence_starts, start) - 1
            found[indices[0]].append(Mention(analysis.article.id, start, end, match.group(0), ROLE_LABEL, sentence))
    return found


def _role_pattern(role: str) -> re.Pattern:
    """ "the [Iraqi] prime minister", with the title in any capitalisation but "the" lower case
    or sentence-initial, so that "The Prime Minister" and "the prime minister" both match."""
    title = r"\s+".join(f"(?:{re.escape(word)}|{re.escape(word.lower())})" for word in role.split())
    return re.compile(r"\b[Tt]he\s+" + _MODIFIERS + title + r"\b")


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(spans, (end,))
    return any(s < end and start < e for s, e in spans[max(0, index - 8):index])
