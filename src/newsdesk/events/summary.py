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
from collections import Counter
from datetime import date

from newsdesk.events.features import PLACE_LABELS, term_counts
from newsdesk.ingest.article import is_dateline
from newsdesk.model import Analysis, Entity, Event, Place, Support

LEAD_SENTENCES = 4
MAX_PLACES = 3
MAX_ENTITIES = 8
MAX_TITLE_CHARS = 120
LEAD_MIN_WORDS = 3  # lower-case words a lead sentence has at least
EVENT_DATE_WINDOW_DAYS = 7  # a text date this far before publication can still be the event's day


def summarise(event_id: str, analyses: list[Analysis], entities: list[Entity]) -> Event:
    article_ids = [analysis.article.id for analysis in analyses]
    sentence = representative_sentence(analyses)
    event_date, date_source = event_date_of(analyses)
    return Event(
        id=event_id,
        article_ids=article_ids,
        title=_title(analyses, sentence),
        date=event_date,
        date_source=date_source,
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
    published = sorted(a.article.published[:10] for a in analyses if a.article.published)
    earliest = date.fromisoformat(published[0]) if published else None
    votes: Counter = Counter()
    example: dict[str, tuple[str, str]] = {}
    for analysis in analyses:
        # one vote per article for each day it names, however many ways it names it
        # ("Thursday", "today"); the first way it does is the example
        days = {}
        for time in analysis.times:
            if len(time.value) == 10:
                days.setdefault(time.value, time.text)
        for value, text in days.items():
            day = date.fromisoformat(value)
            if earliest is not None and not 0 <= (earliest - day).days <= EVENT_DATE_WINDOW_DAYS:
                continue
            votes[value] += 1
            example.setdefault(value, (text, analysis.article.id))
    if votes:
        value, count = max(votes.items(), key=lambda item: (item[1], item[0]))
        if count >= 2 or len(analyses) == 1:
            text, article_id = example[value]
            return value, f"text: '{text}' in article {article_id} ({count}/{len(analyses)} articles)"
    if published:
        inferred = any(a.article.published_inferred for a in analyses if a.article.published)
        how = "inferred publication date" if inferred else "published"
        return published[0], f"{how}: earliest of {len(published)}/{len(analyses)} dated articles"
    return None, None


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
