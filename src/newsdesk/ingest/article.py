"""Build an :class:`Article` from text and metadata; the id is a hash of the normalised text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from typing import Any

from anyascii import anyascii

from newsdesk import errors
from newsdesk.ingest.decode import Decoded
from newsdesk.ingest.outlet import is_credit_line, outlet_in_text, site_of
from newsdesk.model import Article

_SPACE = re.compile(r"\s+")
_BARE_URL = re.compile(r"https?://([^/\s:]+)\S*")
_HEADLINE_MAX_CHARS = 160
_LETTERS = re.compile(r"[^\W\d_]+")
_DATELINE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "am pm a m p hrs gmt utc est edt et cst cdt pst pdt cet cest bst ist "
    "posted updated published last modified at on of the th st nd rd story created released release "
    # the same in Spanish and French, accents folded
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "lunes martes miercoles jueves viernes sabado domingo de del publicado actualizado a las h "
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche le publie mis jour er".split()
)
# a page's url, headline and date line come first, in either order; a tabloid puts a few
# bullet lines between its headline and its date line ("PUBLISHED: 02:31 GMT, 12 March 2013")
_DATELINE_LINES = 8
_DATELINE_LABEL = re.compile(r"\b(posted|published|last updated|updated|last modified|story created|created|released|release|on|at|le|publicado|actualizado|publié)\b:?", re.IGNORECASE)
# a clock's "02.29" is not one in a numeric date ("02.29.12", "16/08/2011-13:42")
_CLOCK_ONWARDS = re.compile(r"(?<![\d./])\d{1,2}\s?[:.h]\s?\d{2}(?![./-]?\d).*$")
# a clock time with its seconds, its half of the day and its zone, where a line puts it before the
# date; or an hour with its half of the day ("2 A. M. FEB. 4, 2009")
_CLOCK = re.compile(r"(?<![\d./])(?:\d{1,2}\s?[:.h]\s?\d{2}(?![./-]?\d)(?::\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?|\d{1,2}\s*[ap]\.\s?m\.)", re.IGNORECASE)
# a numeric date ("2/3/2009", "02.29.12", "16/08/2011"): month first unless only day first can be
_NUMERIC_DATE = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./])")
# a url's date path ("/2010/09/", "/2013/03/11/") settles a numeric date that reads both ways
_URL_YEAR_MONTH = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/")
# a clock written as four digits before its zone: "1052 GMT"
_FOUR_DIGIT_CLOCK = re.compile(r"\b\d{4}\s+(?=(?!AT\b)[A-Z]{1,4}T\b)")
# a time zone by its capitals: GMT, AKDT, AEST, HKT, "GMT+05: 00" (not "AT" in a line in capitals)
_ZONE = re.compile(r"\b(?!AT\b)[A-Z]{1,4}T\b(?:\s?[+-]\s?\d{1,2}(?::\s?\d{2})?)?")


def article_id(text: str) -> str:
    """Same words, same id: whitespace, case and Unicode form do not change it."""
    normalised = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def headline_of(text: str) -> str | None:
    """The first line when it reads as a headline: short, followed by more text, no sentence end."""
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > _HEADLINE_MAX_CHARS:
        return None
    if first[-1] in ".,;" or len(first.split()) < 3 or is_dateline(first) or is_credit_line(first):
        return None
    return first


def is_dateline(line: str) -> bool:
    """A line that only gives a date or time ("Posted: Nov 27, 2005 8:20 AM ET"), not a headline."""
    return any(ch.isdigit() for ch in line) and all(word in _DATELINE_WORDS for word in _LETTERS.findall(anyascii(_ZONE.sub(" ", line)).lower()))


def dateline_date(text: str, url: str | None = None) -> str | None:
    """The ISO date of the date line a page shows by its headline ("Posted Nov 14th 2007
    12: 41PM", "27 de marzo del 2008", "Posted 2/3/2009 11:11 PM"): its publication date. None
    when the first lines have no line that is only a full date (day, month and year), as it is
    or once repaired (``garbled_dateline``)."""
    lines = [line.strip() for line in text.lstrip().split("\n", _DATELINE_LINES)[:_DATELINE_LINES]]
    for line in lines:
        found = _date_of_line(line, url) if is_dateline(line) else None
        if found:
            return found
    for line in lines:
        repaired = garbled_dateline(line)
        found = _date_of_line(repaired, url) if repaired else None
        if found:
            return found
    return None


def _date_of_line(line: str, url: str | None) -> str | None:
    import dateparser

    unlabelled = _DATELINE_LABEL.sub(" ", _ZONE.sub(" ", _FOUR_DIGIT_CLOCK.sub(" ", line)))
    # the date before the clock ("Posted Nov 14th 2007 12: 41PM Updated ..."), else the
    # date around it ("PUBLISHED: 22:07 GMT, 7 July 2012", "(10:27 am PDT, Jun 11th 2012)")
    for written in (_CLOCK_ONWARDS.sub(" ", unlabelled), _CLOCK.sub(" ", unlabelled)):
        written = re.sub(r"[|()@]", " ", written).strip(" ,-")
        numeric = _numeric_date(written, url)
        if numeric:
            return numeric
        parsed = dateparser.parse(written, settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}) if written else None
        if parsed and parsed.date() <= date.today():
            return parsed.date().isoformat()
    return None


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
# a full written date at the end of a line, glued to the word before it: a crawl that lost the
# break between the headline and its date line ("... QUEENS DA SAYSSEPTEMBER 19, 2013")
_GLUED_DATE = re.compile(rf"(?<=[^\W\d_])((?:{'|'.join(_MONTHS)})\s+\d{{1,2}},?\s+\d{{4}})\s*$", re.IGNORECASE)
# a wire's place before its date and its agency after it: "Washington D. C., Jul 13, 2009/02:00 pm (CNA)"
# (a place in capitalised words, not a sentence: "Reid checked herself in on Tuesday, December 9, 2008.")
_WIRE_PLACE = re.compile(r"^(?:[A-Z][\w.'’-]*\s*){1,4},\s*(?=[^\W\d_]+\.?\s+\d)")
_WIRE_AGENCY = re.compile(r"\s*\([^()\d]{1,40}\)\s*[-–—:]*\s*$")
_MONTH_SPELLING = 85  # rapidfuzz ratio from which a word is a misspelt month ("Novemer")
# a word in capitals in a date line is an agency, a wire's place or a country beside the clock
# ("TNN Nov 12, 2011, 05. 51AM IST MUMBAI:", "7: 00pm UK, Wednesday 05 May 2010"); a line keeps
# this many at most, so that a headline in capitals stays a headline
_CAPITALS_WORD = re.compile(r"\b[A-Z]{2,}\b:?")
_CAPITALS_WORDS_MAX = 2


def garbled_dateline(line: str) -> str | None:
    """A date line the page garbled, repaired: a date glued to the headline (``_GLUED_DATE``), a
    wire's place and agency around the date (``_WIRE_PLACE``), a misspelt month ("Novemer 27,
    2005"), one word before the date that is not a date word (an outlet or a label: "Reuters Sep
    18, 2013, 02. 16PM IST", "Edited on Mon Dec-19-05 03:49 PM"), words in capitals that are not
    date words (``_CAPITALS_WORD``). None when what is left is not a date line."""
    from rapidfuzz import fuzz, process

    if not any(ch.isdigit() for ch in line) or len(line) > _HEADLINE_MAX_CHARS:
        return None
    glued = _GLUED_DATE.search(line)
    if glued:
        return glued.group(1)
    line = _WIRE_AGENCY.sub("", _WIRE_PLACE.sub("", line))
    line = re.sub(r"(?<=\d{4})/(?=\d{1,2}\s?:)", " ", line)  # "2009/02:00 pm"

    def month_spelt(word: re.Match) -> str:
        text = word.group(0)
        if len(text) < 5 or text.lower() in _DATELINE_WORDS:
            return text
        best = process.extractOne(text.lower(), _MONTHS, scorer=fuzz.ratio, score_cutoff=_MONTH_SPELLING)
        return best[0] if best else text

    line = _LETTERS.sub(month_spelt, line)
    capitals = [word for word in _CAPITALS_WORD.findall(line) if word.rstrip(":").lower() not in _DATELINE_WORDS and not _ZONE.fullmatch(word.rstrip(":"))]
    if 0 < len(capitals) <= _CAPITALS_WORDS_MAX:
        line = _CAPITALS_WORD.sub(lambda word: word.group(0) if word.group(0) not in capitals else " ", line)
    first = re.match(r"\s*([^\W\d_]+)\b\s*", line)
    if first and anyascii(first.group(1)).lower() not in _DATELINE_WORDS:
        line = line[first.end() :]
    return line if is_dateline(line) else None


def _numeric_date(written: str, url: str | None) -> str | None:
    """A numeric date ("2/3/2009", "02.29.12", "16/08/2011"), read month first as an English
    page writes it, day first where the first number cannot be a month, or where the page's
    url puts it in the month of the second number ("11/09/2010" under ".../2010/09/...")."""
    found = _NUMERIC_DATE.search(written)
    if not found:
        return None
    first, second, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
    year += 2000 if year < 100 else 0
    in_url = _URL_YEAR_MONTH.search(url or "")
    day_first = first > 12 or (in_url is not None and int(in_url.group(1)) == year and int(in_url.group(2)) == second != first)
    month, day = (second, first) if day_first else (first, second)
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value.isoformat() if value <= date.today() else None


def article_from_text(
    text: str,
    path: str = "<text>",
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
    decoded: Decoded | None = None,
) -> Article:
    """``decoded``, when the text came from decoding an input, keeps the text as given and the
    repairs made to it beside the repaired ``text``."""
    if not text or not text.strip():
        raise errors.InputRejected(path, errors.EMPTY)
    # a saved page often starts with its address: that is the url and the outlet, and the
    # headline is on the next line
    first, _, rest = text.lstrip().partition("\n")
    address = _BARE_URL.fullmatch(first.strip())
    if address:
        url = url or address.group(0)
    # the outlet, when none came with the article: a credit in the text, else the site of its address
    source = source or outlet_in_text(rest if address else text) or site_of(url)
    # a date line by the headline dates the page, but as read from its text: evidence that
    # places the article in time, not a date a source gave (see events/cluster.py)
    given = _iso_date(published)
    written = None if given else dateline_date(text, url)
    clock = _time_of_day(published)
    if clock:
        # the time a report came out orders a story's figures (claims: updates); `published` stays a date
        metadata = {**(metadata or {}), "published_at": f"{given}T{clock}"}
    return Article(
        id=article_id(text),
        text=text,
        path=path,
        title=title if title is not None else headline_of(rest if address else text),
        source=source,
        url=url,
        author=author,
        published=given or written,
        published_inferred=written is not None,
        language=language,
        metadata=metadata or {},
        text_as_given=decoded.given if decoded and decoded.repairs else None,
        repairs=decoded.repairs if decoded else (),
    )


def _time_of_day(value: str | None) -> str | None:
    """HH:MM of an ISO timestamp that gives one (a crawl's midnight is no time of day)."""
    found = re.match(r"\d{4}-\d{2}-\d{2}[T ](\d{2}:\d{2})", str(value or "").strip())
    return found.group(1) if found and found.group(1) != "00:00" else None


def _iso_date(value: str | None) -> str | None:
    """Keep the calendar date of a timestamp in any common format; None when unreadable."""
    if not value:
        return None
    value = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return value[:10]
    import dateparser

    parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if parsed else None
