"""Named days of the year ("on New Year's Eve", "a Boxing Day landslide", "on Thanksgiving"):
where they are in a text and which day they are, by the rule that fixes each kind of holiday
(a fixed day of the year; the n-th or last weekday of a month; a distance from Easter), not by
a list of dates. The tagger names few of them and calls some places ("Easter Sunday": FAC), so
they are found by name here."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.easter import easter


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], date]:
    """The n-th (1-based; -1 the last) weekday (Monday 0) of a month."""

    def day_in(year: int) -> date:
        if n > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)

    return day_in


def _from_easter(days: int) -> Callable[[int], date]:
    return lambda year: easter(year) + timedelta(days=days)


# names as written with apostrophes and case folded away; the longest name that fits is read
_RULES: dict[str, Callable[[int], date]] = {
    "new years eve": _fixed(12, 31),
    "new years day": _fixed(1, 1),
    "christmas eve": _fixed(12, 24),
    "christmas day": _fixed(12, 25),
    "christmas": _fixed(12, 25),
    "boxing day": _fixed(12, 26),
    "halloween": _fixed(10, 31),
    "valentines day": _fixed(2, 14),
    "st patricks day": _fixed(3, 17),
    "fourth of july": _fixed(7, 4),
    "bastille day": _fixed(7, 14),
    "guy fawkes night": _fixed(11, 5),
    "bonfire night": _fixed(11, 5),
    "armistice day": _fixed(11, 11),
    "remembrance day": _fixed(11, 11),
    "veterans day": _fixed(11, 11),
    "martin luther king day": _nth_weekday(1, 0, 3),
    "presidents day": _nth_weekday(2, 0, 3),
    "memorial day": _nth_weekday(5, 0, -1),
    "labor day": _nth_weekday(9, 0, 1),
    "thanksgiving day": _nth_weekday(11, 3, 4),
    "thanksgiving": _nth_weekday(11, 3, 4),
    "black friday": lambda year: _nth_weekday(11, 3, 4)(year) + timedelta(days=1),
    "good friday": _from_easter(-2),
    "easter sunday": _from_easter(0),
    "easter monday": _from_easter(1),
    "easter": _from_easter(0),
}
_APOSTROPHE = re.compile(r"['’`]")
def _pattern(name: str) -> str:
    # "new years eve" also as "New Year's Eve", "New Years Eve", "new year’s eve"
    words = [re.escape(word[:-1]) + "['’`]?s" if word.endswith("s") else re.escape(word) for word in name.split()]
    return r"\s+".join(words)


_NAME = re.compile(r"\b(?:" + "|".join(_pattern(name) for name in sorted(_RULES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# "over Christmas", "since Christmas Eve", "until Easter": a stretch of time, not the day
_NOT_THE_DAY = re.compile(r"\b(?:over|since|until|till|through|throughout|before|after|around|ahead\s+of)\s+(?:the\s+)?$", re.IGNORECASE)


def holiday_key(text: str) -> str | None:
    """The rule's name for a holiday named by the whole of ``text`` ("on New Year's Eve" ->
    "new years eve"), else None."""
    words = " ".join(_APOSTROPHE.sub("", text).lower().replace(".", "").split())
    words = re.sub(r"^(?:on|the|a|an|this|last)\s+", "", words)
    words = re.sub(r"^(?:on|the|a|an)\s+", "", words)
    return words if words in _RULES else None


def holiday_date(key: str, base: date, ahead: bool = False) -> date:
    """The holiday nearest ``base`` on its side: the last one on or before it (news looks
    back), or the next one on or after it when the sentence looks ahead."""
    rule = _RULES[key]
    years = (base.year, base.year + 1) if ahead else (base.year, base.year - 1)
    for year in years:
        day = rule(year)
        if (day >= base) if ahead else (day <= base):
            return day
    return rule(years[-1])


def find_holidays(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each holiday the text names as a day, not as a stretch of time."""
    return [(m.start(), m.end(), m.group(0)) for m in _NAME.finditer(text) if not stretch_before(text, m.start())]


def stretch_before(text: str, start: int) -> bool:
    """Whether the words before ``start`` make what follows a stretch of time ("over Christmas")."""
    return bool(_NOT_THE_DAY.search(text[max(0, start - 20) : start]))
