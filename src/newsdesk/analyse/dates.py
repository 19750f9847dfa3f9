"""Dates in the text, normalised against the publication date; publication date inference."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from newsdesk.model import Post, TimeExpression

_ANCHORED = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:1[89]|20)\d{2}\b|\b(?:today|yesterday|tomorrow|tonight|last night)\b",
    re.I,
)
_DURATION = re.compile(r"^(?:for |over |the )?(?:past |last |next )?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+(?:years?|months?|weeks?|days?|hours?|decades?)\b", re.I)
_RELATIVE = re.compile(r"\b(?:today|yesterday|tomorrow|tonight|last night|mon|tues|wednes|thurs|fri|satur|sun)", re.I)
_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_LOOKS_BACK = re.compile(r"\b(?:last|past|ago|previous|earlier)\b", re.I)
_NEXT_OR_LAST = re.compile(r"\s*(next|last|previous)\b", re.I)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(r"^((?:mon|tues|wednes|thurs|fri|satur|sun)day)\W*$", re.I)
_RELATIVE_DAY = re.compile(r"\b(?:today|yesterday|tomorrow|tonight|last night)\b[\s,]*", re.I)


@lru_cache(maxsize=64)
def _parser(base: date | None, ahead: bool = False):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "future" if ahead else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


_LEADING_WORDS = re.compile(r"^(?:(?:on|in|at|since|by|until|from|early|late|mid|the|this|last|past)[- ]+)+", re.I)


def normalise_date(text: str, base: date | None, ahead: bool = False) -> str | None:
    """ISO value at the precision the text gives (YYYY, YYYY-MM or YYYY-MM-DD); None when
    the expression is relative and there is no base date to resolve it against. News
    dates look back ("on Friday" is the last Friday) unless the sentence looks ahead."""
    if not _ANCHORED.search(text) or _DURATION.match(text):
        return None
    if base is None:
        # "today 2013" without a base: only the written part can be resolved; the
        # parser would otherwise fill the relative part in from the machine's clock
        text = _RELATIVE_DAY.sub(" ", text).strip(" ,")
        if not _HAS_YEAR.search(text):
            return None
    ahead = ahead and not _LOOKS_BACK.search(text)
    cleaned = _LEADING_WORDS.sub("", text.strip()) if not _RELATIVE.match(text.strip()) else text.strip()
    weekday = _WEEKDAY.match(cleaned)
    if weekday and base is not None:
        return _weekday_date(_WEEKDAYS.index(weekday.group(1).lower()[:3]), base, text, ahead).isoformat()
    result = _parser(base, ahead).get_date_data(cleaned)
    if result.date_obj is None:
        return None
    if base is None and str(result.date_obj.year) not in _HAS_YEAR.findall(text):
        return None
    value, period = result.date_obj, result.period or "day"
    if period == "year":
        return f"{value.year:04d}"
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.date().isoformat()


def _weekday_date(wanted: int, base: date, text: str, ahead: bool) -> date:
    """ "on Tuesday" in a report published on a Tuesday is that day (dateparser would take the
    week before); "last Tuesday" and "next Tuesday" never are."""
    named = _NEXT_OR_LAST.match(text)
    forward = named.group(1).lower() == "next" if named else ahead
    gap = (wanted - base.weekday()) % 7 if forward else (base.weekday() - wanted) % 7
    if gap == 0 and named:
        gap = 7
    return base + timedelta(days=gap if forward else -gap)


def find_times(article_id: str, spans: list[tuple[int, int, str]], published: str | None, ahead: set[int]) -> list[TimeExpression]:
    """``spans`` are the tagger's DATE spans (start, end, text); ``ahead`` the starts of
    those in sentences about the future ("will reopen on Friday")."""
    base = date.fromisoformat(published[:10]) if published else None
    found = []
    for start, end, text in spans:
        value = normalise_date(text, base, start in ahead)
        if value:
            found.append(TimeExpression(article_id, start, end, text, value))
    return found


def infer_published(posts: list[Post], date_spans: list[tuple[int, int, str]]) -> str | None:
    """An undated article is no older than the newest dated post it embeds or, failing
    that, the newest full date (day, month and year) its text mentions; a date after
    today (a misread, or a mention of a scheduled event) cannot be a publication date."""
    post_dates = [p.date for p in posts if p.date]
    if post_dates:
        return max(post_dates)
    today = date.today().isoformat()
    full_dates = [v for _, _, t in date_spans if (v := normalise_date(t, None)) and len(v) == 10 and v <= today]
    return max(full_dates) if full_dates else None
