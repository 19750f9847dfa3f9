"""Places given as a bearing from a reference place ("55 kilometres south of Bireun"): two
sources that put the same thing at the same distance from the same place in incompatible
directions contradict each other.

- **Bearing**: a distance with its unit (km, kilometres, miles, nautical miles, metres), an optional aside in
  brackets ("55 kilometers (34 miles)"), a compass direction (north, south-west, northeast,
  ...), "of", and a capitalised place, optionally after "the town/city/village/province/capital
  of". Read from each statement's clause.
- **Same reference, same distance**: the places are equal (case-folded) and the distances, in
  kilometres, within ``SAME_DISTANCE`` of each other; otherwise they may be about different
  things (a town 55 km south, another 230 km west).
- **Incompatible directions** share no compass component: south / west, north / south (south-west
  and west are compatible, one more precise). Neither side hedged.

The distance itself is a figure compared by ``align``; here only the direction is.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from newsdesk.model import Claim, Finding, Support

SAME_DISTANCE = 0.1
_KILOMETRES = {"nautical miles": 1.852, "nautical mile": 1.852, "nm": 1.852, "km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometer": 1.0, "miles": 1.609, "mile": 1.609, "mi": 1.609, "m": 0.001, "metres": 0.001, "meters": 0.001}
_COMPONENTS = {"north": "N", "south": "S", "east": "E", "west": "W"}
# "150 nautical miles (278 km) east of": a distance and a compass direction from somewhere
_DISTANCE_TOWARDS = (
    r"(?P<distance>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>(?i:" + "|".join(sorted(_KILOMETRES, key=len, reverse=True)) + r"))\b\.?"
    r"(?:\s*\([^)]{0,40}\))?\s+(?P<direction>(?i:(?:north|south)(?:[- ]?(?:east|west))?|east|west))(?:ward)?\s+of"
)
_BEARING = re.compile(
    _DISTANCE_TOWARDS + r"\s+(?:the\s+(?:town|city|village|province|capital|district|island)\s+of\s+)?(?P<place>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)"
)
_ANY_BEARING = re.compile(_DISTANCE_TOWARDS + r"\b")

__all__ = ["bearing_contradictions", "bearings_given"]


def bearings_given(text: str) -> list[frozenset[str]]:
    """The compass points of each distance and direction ``text`` gives, from whatever place."""
    return [_compass_points(m.group("direction")) for m in _ANY_BEARING.finditer(text)]


def _compass_points(direction: str) -> frozenset[str]:
    return frozenset(_COMPONENTS[w] for w in re.findall("north|south|east|west", direction.lower()))


def bearing_contradictions(statements: list[Claim]) -> list[Finding]:
    """Contradictions between statements of different articles that put something at the same
    distance from the same place in incompatible directions."""
    by_place: dict[str, list[tuple[float, frozenset[str], str, Claim]]] = defaultdict(list)
    for statement in statements:
        if statement.hedge is not None:
            continue
        for match in _BEARING.finditer(statement.text):
            kilometres = float(match.group("distance").replace(",", "")) * _KILOMETRES[match.group("unit").lower()]
            components = _compass_points(match.group("direction"))
            by_place[match.group("place").casefold()].append((kilometres, components, match.group(0), statement))
    findings = []
    for place, bearings in by_place.items():
        # one finding per place: every direction given at the same distance, one support per article and direction
        for anchor in bearings:
            near = [b for b in bearings if abs(b[0] - anchor[0]) <= SAME_DISTANCE * max(b[0], anchor[0])]
            if any(a[1] & b[1] == frozenset() and a[3].article_id != b[3].article_id for a, b in itertools.combinations(near, 2)):
                break
        else:
            continue
        sides: dict[frozenset[str], dict[str, tuple[str, Claim]]] = defaultdict(dict)
        for _, components, words, statement in near:
            sides[components].setdefault(statement.article_id, (words, statement))
        # a direction compatible with every other ("south-west" beside "south" and "west") takes no side
        sides = {c: side for c, side in sides.items() if any(not c & other for other in sides)}
        support = tuple(
            Support(s.article_id, s.start, s.end, s.text, value=words, voice=s.voice, speaker=s.speaker, chain=s.chain, negated=s.negated)
            for side in sides.values() for words, s in side.values()
        )
        directions = " vs ".join(next(iter(side.values()))[0] for side in sides.values())
        findings.append(Finding(summary=f"where, from {place.title()}: {directions}", kind="contradiction", support=support, claim_kind="statement"))
    return findings
