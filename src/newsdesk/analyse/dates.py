"""Dates in the text, normalised against the publication date; publication date inference."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from typing import TYPE_CHECKING

from newsdesk.analyse.holidays import holiday_date, holiday_key
from newsdesk.model import Post, TimeExpression, TimeRole

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_ANCHORED = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:1[89]|20)\d{2}\b|\b(?:today|yesterday|tomorrow|tonight|last night|overnight|this (?:morning|afternoon|evening))\b"
    r"|\b(?:new year['’]s|christmas|boxing day|halloween|valentine['’]s)",
    re.I,
)
_DAY_WORD = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight|last night|overnight|this (?:morning|afternoon|evening))\b", re.I)
_MONTH_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_DURATION = re.compile(r"^(?:for |over |the )?(?:past |last |next )?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+(?:years?|months?|weeks?|days?|hours?|decades?)\b", re.I)
_RELATIVE = re.compile(r"\b(?:today|yesterday|tomorrow|tonight|last night|mon|tues|wednes|thurs|fri|satur|sun)", re.I)
_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_LOOKS_BACK = re.compile(r"\b(?:last|past|ago|previous|earlier)\b", re.I)
_NEXT_OR_LAST = re.compile(r"\s*(next|last|previous)\b", re.I)
# "two days ago" names a day; "two weeks ago" does not, to the day
_COUNT_WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_DAYS_AGO = re.compile(r"^(\d|one|a|two|three|four|five|six)\s+days?\s+ago\W*$", re.I)
_DECADE = re.compile(r"\b\d{3}0['’]?s\b|\b(?:nineteen|twenty)[- ]?\w+ies\b", re.I)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# a weekday with its part of the day or a possessive: "Saturday morning", "Monday night's",
# "Sunday's big game", "the night to Monday", "overnight into Tuesday"
_WEEKDAY = re.compile(
    r"^(?:(?:the\s+)?(?:over)?night\s+(?:to|into|before)\s+|overnight\s+)?((?:mon|tues|wednes|thurs|fri|satur|sun)day)(?:['’]s)?"
    r"(?:\s+(?:morning|afternoon|evening|night)(?:['’]s)?)?\W*$",
    re.I,
)
# days named relative to the report: (words, days before the report)
_DAY_OF_REPORT = re.compile(r"^(?:(?:early|late)\s+)?(?:(today|tonight|this\s+(?:morning|afternoon|evening))|(yesterday|last\s+night|overnight))(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night))?\W*$", re.I)
_RELATIVE_DAY = re.compile(r"\b(?:today|yesterday|tomorrow|tonight|last night)\b[\s,]*", re.I)


def names_a_day(text: str) -> bool:
    """Whether a time expression names a day ("late Saturday morning", "last night", "this
    morning", "the night of Sept. 13"), not only a clock time."""
    return bool(_DAY_WORD.search(text) or _MONTH_DAY.search(text))


@lru_cache(maxsize=64)
def _parser(base: date | None, ahead: bool = False):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "future" if ahead else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


# a clock time beside a day: "3:30 Tuesday", "Tuesday at 9 a.m.", "9:25 a. m. on Thursday"
_CLOCK_BESIDE = re.compile(r"(?:\b(?:at|about|around|shortly after|after|before)\s+)?\b\d{1,2}(?:[:.]\s?\d{2}(?:\s*[ap]\.?\s?m\b\.?)?|\s*[ap]\.?\s?m\b\.?)|\b(?:at|about|around)\s*$", re.I)
_LEADING_WORDS = re.compile(r"^(?:(?:on|in|at|since|by|until|from|early|late|mid|the|this|last|past)[- ]+)+", re.I)


def normalise_date(text: str, base: date | None, ahead: bool = False) -> str | None:
    """ISO value at the precision the text gives (YYYY, YYYY-MM or YYYY-MM-DD); None when
    the expression is relative and there is no base date to resolve it against, or names a
    stretch (a decade, "three days"). News dates look back ("on Friday" is the last Friday)
    unless the sentence looks ahead."""
    days_ago = _DAYS_AGO.match(text.strip())
    if days_ago:
        count = _COUNT_WORDS.get(days_ago.group(1).lower()) or int(days_ago.group(1))
        return (base - timedelta(days=count)).isoformat() if base is not None else None
    if not (_ANCHORED.search(text) or holiday_key(text)) or _DURATION.match(text) or _DECADE.search(text):
        return None
    if base is None:
        # "today 2013" without a base: only the written part can be resolved; the
        # parser would otherwise fill the relative part in from the machine's clock
        text = _RELATIVE_DAY.sub(" ", text).strip(" ,")
        if not _HAS_YEAR.search(text):
            return None
    ahead = ahead and not _LOOKS_BACK.search(text)
    cleaned = _LEADING_WORDS.sub("", text.strip()) if not _RELATIVE.match(text.strip()) else text.strip()
    weekday = _WEEKDAY.match(cleaned) or _WEEKDAY.match(_LEADING_WORDS.sub("", " ".join(_CLOCK_BESIDE.sub(" ", cleaned).split())))
    if weekday and base is not None:
        return _weekday_date(_WEEKDAYS.index(weekday.group(1).lower()[:3]), base, text, ahead).isoformat()
    of_report = _DAY_OF_REPORT.match(text.strip())
    if of_report and base is not None:
        return (base - timedelta(days=0 if of_report.group(1) else 1)).isoformat()
    holiday = holiday_key(text)
    if holiday and base is not None:
        return holiday_date(holiday, base, ahead).isoformat()
    result = _parser(base, ahead).get_date_data(cleaned)
    if result.date_obj is None:
        return None
    if base is None and str(result.date_obj.year) not in _HAS_YEAR.findall(text):
        return None
    value, period = result.date_obj, result.period or "day"
    if period != "year" and _HAS_YEAR.search(cleaned) and not (_MONTH_NAME.search(cleaned) or _NUMERIC_DATE.search(cleaned)):
        # "27, 2005" (a date line the tagger cut, "Novemer 27, 2005"): the parser takes the
        # month it lacks from the clock; only the year is written
        period = "year"
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


_QUOTE_MARK = re.compile(r"“|”|``|''|\"")


def in_direct_quote(prose: str, position: int) -> bool:
    """Whether ``position`` lies inside a direct quote of its paragraph: “…”, ``…'' or "…" opened
    before it and closed after it. A plain double quote says nothing of its direction, so one the
    paragraph does not close again is not taken for a quote (a quote running over paragraphs, or a
    closing mark after a quote that began a line above). Single quotes are left out: they are
    also apostrophes ("the players' union")."""
    line_start = prose.rfind("\n", 0, position) + 1
    line_end = prose.find("\n", position)
    line_end = len(prose) if line_end == -1 else line_end
    inside = False
    for mark in _QUOTE_MARK.finditer(prose, line_start, position):
        text = mark.group(0)
        inside = (not inside) if text == '"' else text in ("“", "``")
    return inside and _QUOTE_MARK.search(prose, position, line_end) is not None


def is_relative(text: str) -> bool:
    """Whether a date expression needs the time it was said in to be resolved: no year nor month
    ("tonight", "on Friday", "last night's"), unlike "Saturday 8 October 2011"."""
    return not (_HAS_YEAR.search(text) or _MONTH_NAME.search(text))


def find_times(article_id: str, spans: list[tuple[int, int, str]], published: str | None, ahead: set[int], roles: dict[int, TimeRole] | None = None) -> list[TimeExpression]:
    """``spans`` are the tagger's DATE spans (start, end, text); ``ahead`` the starts of
    those in sentences about the future ("will reopen on Friday"); ``roles`` how the sentence
    uses the day, by start, where it is not "plain"."""
    base = date.fromisoformat(published[:10]) if published else None
    found = []
    for start, end, text in spans:
        value = normalise_date(text, base, start in ahead)
        if value:
            found.append(TimeExpression(article_id, start, end, text, value, (roles or {}).get(start, "plain")))
    return found


def infer_published(posts: list[Post], date_spans: list[tuple[int, int, str]]) -> str | None:
    """An undated article's publication date: the newest full date (day, month and year) its
    text mentions, no later than today (a misread, or a scheduled event, cannot be one). The
    posts it embeds never give it: a quoted post only says the article is not older than the
    post, so a text date before the newest post is not the publication date either."""
    today = date.today().isoformat()
    floor = not_older_than(posts) or ""
    full_dates = [v for _, _, t in date_spans if (v := normalise_date(t, None)) and len(v) == 10 and floor <= v <= today]
    return max(full_dates) if full_dates else None


def not_older_than(posts: list[Post]) -> str | None:
    """The date an article embedding these posts cannot be older than: its newest dated post."""
    dates = [p.date for p in posts if p.date]
    return max(dates) if dates else None



# a sentence of prose, not the page's furniture (a headline in title case, a byline): it has this
# many lower-case words at least (as the lead of events.summary)
_PROSE_MIN_WORDS = 3
_PERFECT = frozenset(("has", "have", "'s", "'ve"))
_PROGRESSIVE = frozenset(("is", "are", "am", "'s", "'re"))
# verbs that tell who told the news ("police there have said", "SportsCenter has learned"): the act
# is the clause they govern
_TELLING = frozenset(("say", "tell", "report", "learn", "state", "add", "confirm"))
# verbs too light to say two sentences tell one act
_LIGHT_VERBS = frozenset(("be", "have", "do", "say", "get", "make", "take", "go", "come", "tell"))
# two words are one when their lemmas begin alike ("climber", "climbing")
_STEM_CHARS = 5


def news_of_the_day(verb: Token) -> bool:
    """Whether a verb tells its act as news of the report's own day, without a day of its own:
    the present perfect ("has been charged", "have placed") or the present progressive ("is
    considering", "is getting sold off"). Not the future: a lead in the future is a preview
    ("The Saints will have to repeat without ...") whose news is told further on."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if verb.tag_ == "VBN" and words & _PERFECT and "had" not in words:
        return True
    return bool(words & _PROGRESSIVE) and (verb.tag_ == "VBG" or any(child.tag_ == "VBG" for child in auxiliaries))


def set_against_undated_news(doc: Doc, dates: list[Span], roles: dict[int, TimeRole], title: str | None) -> dict[int, TimeRole]:
    """The days a report sets its news against when it tells its own act undated, as news of the
    day ("A man has been charged with the murder ..." then "the bodies were found on Saturday";
    "The Saints have placed Thomas on injured reserve" then "signed Wynn on Tuesday"): its first
    sentence of prose (not its headline) tells the report's act, and when that sentence names no
    time of its act and its verb is in a tense of the report's day (``news_of_the_day``), a day
    further on dates an earlier act of the story, unless its sentence retells the same act, which
    shows in a shared content word ("has fallen to his death ... fell on Saturday", "has approved a
    resolution ... On Sunday, the committee voted for a resolution"), not a verb that tells who
    told it ("Access Hollywood has confirmed" is not retold by "a spokesperson confirmed to Access
    that a judge signed an order yesterday"). A day the first sentence gives after
    what its act in the present perfect follows ("has denied arson following a fire ... early on
    Sunday") is no time of its act: the present perfect takes no past day, so the day is the fire's.
    Those days become "background", by start; the event is then the report's day."""
    first = next((s for s in doc.sents if _tells_an_act(s, title)), None)
    if first is None:
        return {}
    act = first.root
    if act.lemma_ in _TELLING:
        act = next((child for child in act.children if child.dep_ == "ccomp"), None)
    if act is None or not news_of_the_day(act):
        return {}
    in_first = [d for d in dates if first.start_char <= d.start_char < first.end_char and roles.get(d.start_char, "plain") not in ("background", "ahead")]
    followed = {d.start_char for d in in_first if _after_what_it_follows(act, d)}
    if any(_names_a_time(d.text) for d in in_first if d.start_char not in followed):
        return {}
    told = _content_stems(first)
    later = {
        d.start_char
        for d in dates
        if d.start_char >= first.end_char and roles.get(d.start_char, "plain") in ("plain", "saying", "modifier")
        and not _content_stems(d.sent) & told
    }
    return {start: "background" for start in followed | later}


# words that name what an act follows: "charged after a fire", "has denied arson following a fire"
_FOLLOWS = frozenset(("after", "following"))


def _after_what_it_follows(act: Token, day: Span) -> bool:
    """Whether a day comes after a word that names what an act in the present perfect follows
    ("has denied arson following a fire at a supermarket early on Sunday")."""
    perfect = act.tag_ == "VBN" and any(child.lower_ in _PERFECT for child in act.children if child.dep_ in ("aux", "auxpass"))
    return perfect and any(token.lower_ in _FOLLOWS and token.dep_ in ("prep", "mark") for token in act.doc[act.i + 1 : day.start])


def _content_stems(sentence: Span) -> set[str]:
    """The nouns and verbs of a sentence, outside its dates, by the start of their lemma; not the
    verbs that tell who told the news ("confirmed to Access that ..." retells no act); a
    sentence's first word is read as a noun even when its capital made the tagger call it a name
    ("Aircraft manufacturer Boeing have unveiled ...")."""
    return {
        token.lemma_.lower()[:_STEM_CHARS]
        for token in sentence
        if (token.pos_ in ("NOUN", "VERB") or (token.pos_ == "PROPN" and token.i == sentence.start)) and token.ent_type_ not in ("DATE", "TIME") and len(token.lemma_) >= 3
        and token.lemma_.lower() not in _LIGHT_VERBS and token.lemma_.lower() not in _TELLING
    }


def _names_a_time(text: str) -> bool:
    """A time the act could be dated by ("this weekend", "in 2008"), not an age ("23-year-old")."""
    return bool(_ANCHORED.search(text) or _WEEK.search(text)) or holiday_key(text) is not None


_WEEK = re.compile(r"\bweek", re.I)


def _tells_an_act(sentence: Span, title: str | None) -> bool:
    """A sentence of prose: not the headline (nor a piece of it), not a fragment without a verb."""
    text = " ".join(sentence.text.split())
    if not text or (title and text in " ".join(title.split())) or sentence.root.pos_ not in ("VERB", "AUX"):
        return False
    return sum(word[0].islower() for word in text.split()) >= _PROSE_MIN_WORDS
