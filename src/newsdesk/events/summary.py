"""The 5W1H of one event: title, when, where, who, and the sentence that says what happened.

- what: the most representative sentence — among the first sentences of each
  article (where news puts the event), the one whose content words best cover
  the words the event's articles share (each word weighted by the share of the
  event's articles that use it);
- title: the headline of the event's first report (arrival order), else of the
  next report that has one, else the first report's lead sentence cut to headline
  length. It does not follow the representative sentence, which moves as reports
  arrive: an event keeps its title from one ingest to the next;
- when: a date written in the text (e.g. "Sunday" resolved against the
  publication date) that several articles agree on and that is no later than
  the earliest publication date; otherwise the earliest publication date.
  ``date_source`` says which and where from;
- where: the place entities named most (articles + mentions), as the linking
  stage resolved them with the gazetteer; cities first, then states, then names
  the gazetteer lacks, countries and continents last;
- who: the entities named in most articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date

from newsdesk.analyse.holidays import holiday_key
from newsdesk.events.features import PLACE_LABELS, term_counts
from newsdesk.ingest.article import garbled_dateline, is_dateline
from newsdesk.ingest.outlet import WIRE_DATELINE
from newsdesk.model import Analysis, Entity, Event, Place, Support

LEAD_SENTENCES = 4
MAX_PLACES = 3
MAX_ENTITIES = 8
MAX_TITLE_CHARS = 120
LEAD_MIN_WORDS = 3  # lower-case words a lead sentence has at least
EVENT_DATE_WINDOW_DAYS = 7  # a text date this far before publication can still be the event's day
LEAD_DATE_WINDOW_DAYS = 31  # a full date in a report's first sentence, this far back (tests/gold/dates dev)
LEAD_DATE_SENTENCES = 3  # a report's lead: where it says when its event happened
_PAGE_DATE_LABEL = re.compile(r"^(?:originally\s+|first\s+|story\s+)?(?:posted|published|updated|last\s+updated|modified|created|released)\b", re.IGNORECASE)
# a blog's byline ends in the page's date: "On behalf of X posted in Pedestrian Accidents on
# Wednesday, September 18, 2013.", "Posted by X on ..."; a line this short that ends with the date
_BLOG_BYLINE = re.compile(r"\b(?:posted|published)\b[^.!?\"“”]{0,80}\bon\s*$", re.IGNORECASE)
_BYLINE_MAX_CHARS = 160
_ARCHIVE_CAPTION = re.compile(r"^\W*FILE\b|\bfile (?:photo|image|picture)\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)


def summarise(event_id: str, analyses: list[Analysis], entities: list[Entity]) -> Event:
    article_ids = [analysis.article.id for analysis in analyses]
    sentence = representative_sentence(analyses)
    event_date, date_source, date_support = event_time(analyses)
    reported_first, reported_last = reported_span(analyses)
    return Event(
        id=event_id,
        article_ids=article_ids,
        title=_title(analyses, sentence),
        date=event_date,
        date_source=date_source,
        date_support=date_support,
        reported_first=reported_first,
        reported_last=reported_last,
        places=_places(entities),
        entities=_main_entities(entities, set(article_ids)),
        summary_sentence=sentence,
    )


def representative_sentence(analyses: list[Analysis]) -> Support | None:
    share: Counter = Counter()
    for analysis in analyses:
        share.update(term_counts(analysis.prose, analysis.article.language).keys())
    best: tuple[float, Support] | None = None
    for analysis in analyses:
        for position, sentence in enumerate(analysis.sentences[:LEAD_SENTENCES]):
            text = analysis.prose[sentence.start : sentence.end]
            words = term_counts(text, analysis.article.language)
            if len(words) < 4:
                continue  # datelines, bylines and headlines without a verb phrase
            coverage = sum(share[word] for word in words) / len(analyses)
            # favour sentences dense in shared words, and the lead over later sentences
            score = coverage / math.sqrt(len(words)) / (1 + 0.1 * position)
            if best is None or score > best[0]:
                best = (score, Support(analysis.article.id, sentence.start, sentence.end, text))
    return best[1] if best else None


def event_date_of(analyses: list[Analysis]) -> tuple[str | None, str | None]:
    event_date, source, _ = event_time(analyses)
    return event_date, source


def event_time(analyses: list[Analysis]) -> tuple[str | None, str | None, Support | None]:
    """When the event happened: each report's own day for it (``report_event_day``), the
    day most reports give (ties to the earliest: a story starts once and is followed up),
    with the words that say it; else the earliest publication date."""
    votes: Counter = Counter()
    example: dict[str, tuple[Support, str]] = {}
    for analysis in analyses:
        found = report_event_day(analysis)
        if found is None:
            continue
        day, support, anchor = found
        votes[day] += 1
        example.setdefault(day, (support, anchor))
    if votes:
        day, count = max(votes.items(), key=lambda item: (item[1], -date.fromisoformat(item[0]).toordinal()))
        support, anchor = example[day]
        return day, f"text: '{support.text}' in article {support.article_id}, read against {anchor} ({count}/{len(analyses)} articles)", support
    published = sorted((a.article.published[:10], a.article.published_inferred) for a in analyses if a.article.published)
    if published:
        how = "inferred publication date" if published[0][1] else "published"
        return published[0][0], f"{how}: earliest of {len(published)}/{len(analyses)} dated articles", None
    return None, None, None


def reported_span(analyses: list[Analysis]) -> tuple[str | None, str | None]:
    """The publication dates of the event's first and last report (given or read from their text)."""
    published = sorted(a.article.published[:10] for a in analyses if a.article.published)
    return (published[0], published[-1]) if published else (None, None)


def report_event_day(analysis: Analysis) -> tuple[str, Support, str] | None:
    """The day one report says its event happened, the words that say it, and what they were
    read against. Among the days it names (not in its own date line, nor in the caption of an
    archive photo) up to ``EVENT_DATE_WINDOW_DAYS`` before it was published (a day and month or a
    holiday its lead writes up to ``LEAD_DATE_WINDOW_DAYS`` back: "on June 18" in a digest of
    July 2): the lead's, taken by role, best first (``_LEAD_ROLES``): the event's own, a
    statement's, a modifier ("after Monday's shootings", "Gray, who was shot Saturday"), a day
    inside a quote (the speaker's "tonight"); a day the news is set against ("since his trial
    began last Thursday", "had agreed on Sunday") never dates it. Of those, the first sentence
    that names one tells the news, later ones its background ("handed out blankets Monday ...
    the quake struck on Sunday"), and its earliest day is taken (the event, then the reactions:
    "late Thursday ... said on Friday"). When the lead names none, the first day further down,
    where a day that dates a statement ("the minister said last Wednesday: ...") dates the
    statement, not the event, and the other roles come in the same order after the plain days.
    None when it names none."""
    article, prose = analysis.article, analysis.prose
    anchor_value = article.published or article.published_after
    anchor = date.fromisoformat(anchor_value[:10]) if anchor_value else None
    lead = _lead_sentences(analysis)
    in_lead, below = [], []
    for time in analysis.times:
        if len(time.value) != 10 or _publication_line(prose, time.start) or _archive_caption(analysis, time.start):
            continue
        day = date.fromisoformat(time.value)
        leads = any(s.start <= time.start < s.end for s in lead)
        # a written day of the year (a date, a holiday) stays that day longer than a weekday
        named = _MONTH.search(time.text) or holiday_key(time.text)
        window = LEAD_DATE_WINDOW_DAYS if leads and named else EVENT_DATE_WINDOW_DAYS
        if anchor is not None and not 0 <= (anchor - day).days <= window:
            continue
        (in_lead if leads else below).append((day, time))
    news = _first_of_roles(in_lead, _LEAD_ROLES)
    if news:
        # the lead's first sentence that dates an act tells the news; the days of later
        # sentences are its background ("handed out blankets Monday ... the quake struck on
        # Sunday"); within the sentence the earliest ("late Thursday ... said on Friday")
        first = min(_sentence_index(lead, time.start) for _, time in news)
        news = [(day, time) for day, time in news if _sentence_index(lead, time.start) == first]
        day, time = min(news, key=lambda item: (item[0], item[1].start))
    else:
        further = _first_of_roles(below, _FURTHER_ROLES)
        if not further:
            return _post_day(analysis, anchor, anchor_value)
        day, time = further[0]
    if article.published:
        how = "its inferred publication date" if article.published_inferred else "its publication date"
    else:
        how = "its newest embedded post" if anchor_value else "the year it writes"
    return day.isoformat(), Support(article.id, time.start, time.end, time.text), f"{how} {anchor_value[:10] if anchor_value else ''}".strip()


def _post_day(analysis: Analysis, anchor: date | None, anchor_value: str | None) -> tuple[str, Support, str] | None:
    """A report whose text names no day for its event but embeds a post of its last
    ``EVENT_DATE_WINDOW_DAYS`` is news of that post ("announced the split on Twitter"): the
    newest such post dates it. An older post (a warning quoted years after) never does."""
    recent = [p for p in analysis.posts if p.date and anchor is not None and 0 <= (anchor - date.fromisoformat(p.date)).days <= EVENT_DATE_WINDOW_DAYS]
    if not recent:
        return None
    post = max(recent, key=lambda p: (p.date, p.start))
    how = "its newest embedded post" if not analysis.article.published else ("its inferred publication date" if analysis.article.published_inferred else "its publication date")
    # the post's signature, which writes its date ("— Name (@handle) February 5, 2018")
    start = post.body_end if post.body_end is not None else post.start
    start += len(analysis.article.text[start : post.end]) - len(analysis.article.text[start : post.end].lstrip())
    return post.date, Support(analysis.article.id, start, post.end, analysis.article.text[start : post.end]), f"{how} {anchor_value[:10]}"


# which days a report's lead dates its event by, best first: the event's own day; a statement's
# (a statement is not older than what it reports, so it only dates the event when the lead names
# no other day); a day naming a known thing ("after Monday's shootings"); a day the news is set
# against (the start or end of a state: "silent since his trial began last Thursday", "closed
# until Friday"; an earlier act: "had agreed on Sunday") is left out; last, a day inside a
# quote, which is the speaker's ("walk out in the room tonight" said the night before). A day to come
# ("ahead": "will be introduced at a Tuesday news conference") never dates the event.
_LEAD_ROLES = (("plain",), ("saying",), ("modifier",), ("quoted",))
# below the lead a statement's day dates the statement, never the event
_FURTHER_ROLES = (("plain",), ("modifier",), ("quoted",))


def _sentence_index(sentences: list, position: int) -> int:
    return next(i for i, sentence in enumerate(sentences) if sentence.start <= position < sentence.end)


def _first_of_roles(found: list, ranks: tuple[tuple[str, ...], ...]) -> list:
    for roles in ranks:
        chosen = [item for item in found if item[1].role in roles]
        if chosen:
            return chosen
    return []


def _lead_sentences(analysis: Analysis) -> list:
    """The first ``LEAD_DATE_SENTENCES`` sentences of prose: not date lines, archive captions,
    the headline repeated above the report (a headline tells the news in the present, "pulls gun
    on guards, escapes on foot", and would take the place of the sentence that dates it), nor the
    page's furniture a paragraph of its own (a subheading in title case, a byline, a photo
    credit), which has no run of lower-case words."""
    title = " ".join((analysis.article.title or "").split())
    lead = []
    for sentence in analysis.sentences:
        if _publication_line(analysis.prose, sentence.start) or _archive_caption(analysis, sentence.start):
            continue
        if title and " ".join(analysis.prose[sentence.start : sentence.end].split()) in title:
            continue
        words = analysis.prose[sentence.start : sentence.end].split()
        if sum(word[0].islower() for word in words) < LEAD_MIN_WORDS:
            continue
        lead.append(sentence)
        if len(lead) == LEAD_DATE_SENTENCES:
            break
    return lead


def _publication_line(prose: str, position: int) -> bool:
    """A date at ``position`` dates the page, not the event: it sits in a date line by the
    headline ("Posted: Nov 27, 2005 8:20 AM ET") or before a wire dateline's agency
    ("KYIV, March 3, 2022 (Reuters) -")."""
    start = prose.rfind("\n", 0, position) + 1
    end = prose.find("\n", position)
    line = prose[start : end if end != -1 else len(prose)].strip()
    if is_dateline(line) or _PAGE_DATE_LABEL.match(line) or garbled_dateline(line):
        return True
    if _BLOG_BYLINE.search(prose[start:position]) and len(line) <= _BYLINE_MAX_CHARS and not prose[position:end if end != -1 else len(prose)].split(None, 5)[5:]:
        return True
    wire = WIRE_DATELINE.match(line)
    return bool(wire) and position - start < wire.end()


def _archive_caption(analysis: Analysis, position: int) -> bool:
    """A date in the caption of an archive photo ("FILE - In this Dec. 13, 2016, file photo")."""
    sentence = next((s for s in analysis.sentences if s.start <= position < s.end), None)
    return sentence is not None and bool(_ARCHIVE_CAPTION.search(analysis.prose[sentence.start : sentence.end]))


def _title(analyses: list[Analysis], sentence: Support | None) -> str | None:
    titles = [analysis.article.title for analysis in analyses if analysis.article.title]
    if titles:
        return titles[0]
    lead = _lead(analyses[0]) if analyses else None
    if lead is None and sentence is not None:
        lead = sentence.text
    return _shortened(" ".join(lead.split())) if lead else None


def _lead(analysis: Analysis) -> str | None:
    """The first sentence of an untitled report's prose that is not a date line or a dateline; a
    one-line text is its own lead."""
    for sentence in analysis.sentences:
        text = analysis.prose[sentence.start : sentence.end].strip()
        # a dateline split off as a sentence ("NEW YORK (AP) -") has no lower-case words
        if sum(any(ch.islower() for ch in word) for word in text.split()) >= LEAD_MIN_WORDS and not is_dateline(text):
            return text
    text = analysis.prose.strip()
    return text or None


def _shortened(text: str) -> str:
    """A sentence standing in for a headline, cut at a word boundary to headline length."""
    if len(text) <= MAX_TITLE_CHARS:
        return text
    return text[: text.rfind(" ", 0, MAX_TITLE_CHARS)].rstrip(" ,;:-") + "…"


def _places(entities: list[Entity]) -> list[Place]:
    """Place entities (type settled by the linking stage's vote, so a person the tagger once
    called a place stays out), gazetteer-resolved where possible."""
    named = [e for e in entities if e.type in PLACE_LABELS]

    def rank(entity: Entity) -> tuple:
        # a city says more about where it happened than its state; a name the gazetteer lacks
        # may be a site (a district, a base) or the tagger's mistake, so it comes after
        # both, and countries and continents last
        place = entity.place
        if place is None:
            level = 2
        elif place.country is None or place.name == place.country:
            level = 3
        else:
            level = 0 if place.latitude is not None else 1  # the gazetteer gives states no point
        named_in = {m.article_id for m in entity.mentions}
        return (level, -(len(named_in) + len(entity.mentions)), entity.name)

    places: list[Place] = []
    for entity in sorted(named, key=rank):
        place = entity.place or Place(name=entity.name)
        if all(place.name != known.name for known in places):
            places.append(place)
        if len(places) == MAX_PLACES:
            break
    return places


def _main_entities(entities: list[Entity], article_ids: set[str]) -> list[Entity]:
    def weight(entity: Entity) -> tuple[int, int, str]:
        mentions = [m for m in entity.mentions if m.article_id in article_ids]
        return (len({m.article_id for m in mentions}), len(mentions), entity.name)

    ranked = sorted((e for e in entities if weight(e)[1]), key=weight, reverse=True)
    return [e for e in ranked if e.type not in PLACE_LABELS][:MAX_ENTITIES]
