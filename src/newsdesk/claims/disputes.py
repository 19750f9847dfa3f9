"""Contradictions in words that are not figures: one person given two incompatible titles, one
person's injuries called serious by one source and not serious by another, one ship or firm
given homes in two countries. (Figures are compared in ``align``/``contrary``; an action
affirmed and denied in ``align``/``propositions``; compass bearings in ``bearings``.)

Each article is read for **readings**: a holder (who or what it is about), a dimension (which
of the holder's properties) and a value. Two articles contradict when they give the same holder
different values on a dimension where a holder has one value at a time. A wrong contradiction
costs a reader's trust more than a missed one, so each reading is taken only from a tight shape
of words, and:

- **A voice does not contradict itself.** An article giving one holder two values on one
  dimension ("an assistant professor ... now a professor") may speak of two times or two
  people: its readings of that dimension are dropped.
- **Hedged, former and acting readings are no readings.** "former CEO", "acting president",
  "may have been seriously injured" say nothing about the holder now.
- **Findings.** One contradiction per holder and dimension, with every article's supports on
  its side (sides in order of first appearance).

Dimensions (the kinds, each a small lexicon; never a rule for one name):

- **Title** (``TITLE_OFFICES``, ``RUNGS``, ``CHIEF_OFFICERS``): a linked person's office,
  written before the name ("Professor Xinyu Dai", "Apple CEO Tim Cook") or as the head of an
  appositive after it ("Xinyu Dai, an assistant professor of physics"; not "Jane Doe, an aide to
  President X": a preposition before the title makes it someone else's). Titles conflict when
  they are the same office at different rungs ("professor" / "assistant professor"; "minister"
  / "deputy minister"; "president" / "vice president") or two different chief officers of a
  firm ("chief executive" / "chief financial officer"). Different offices ("professor" /
  "director") never conflict: one person holds several.
- **Severity of harm** (``SEVERE``, ``NOT_SEVERE``): a clause about one person's injuries that
  calls them serious ("seriously injured", "serious injuries", "critically wounded") against one
  that calls them not serious ("wasn't seriously hurt", "minor injuries", "escaped serious
  injury"). The holder is the clause's subject: a linked person, or a singular definite noun
  ("the boy"; child nouns are one class: "the boy" / "the child"); a pronoun holds nothing. For
  an unnamed holder the two sentences must also be about the same happening (encoder cosine at
  least ``SAME_HAPPENING``). A condition ("in critical condition", later "stable") changes with
  time and is not read.
- **Outcome of harm** (``OUTCOMES``): a clause whose subject is the holder (as for severity)
  saying the holder was killed or died, was injured, came out unhurt, or survived: "the minister
  was injured" / "the minister was killed"; "escaped unhurt" / "was injured". Unhurt against
  injured or dead, and alive against dead, contradict. Injured against dead contradicts only
  when the report saying injured is not the earlier one (a person injured in the morning may
  have died by the evening: that is news, not a conflict). Custody is read the same way: a
  suspect arrested (detained, in custody) or at large (on the run); at large against arrested
  or dead contradicts only when the report saying at large is not the earlier report
  (``SEQUENTIAL_OUTCOMES``), the two sentences are about one happening (cosine at least
  ``SAME_HAPPENING``, even for a named holder) and the arrest's sentence names no other time
  ("was arrested seven times", "in 2010": ECB+ 26ecbplus, a mob boss's past arrests against his
  death, fired before arrested against dead was dropped). A holder set apart
  from others of its kind ("the other suspect", "the second victim") is no holder. The state claims of ``extract``
  read named holders the same way; a pair they already report is not reported twice.
- **Home of a named thing** (``HOME_WORDS``): where a ship is flagged or registered, where a
  firm is based or headquartered ("a Hong Kong-flagged ship" / "is registered in the Marshall
  Islands"). The holder is the name the phrase hangs on ("The Lighthouse Winmore, a Hong
  Kong-flagged ship"; "Lighthouse Winmore is registered in ..."), matched across articles by its
  last word. Homes conflict only when both places resolve (gazetteer) to different countries:
  "Seoul-based" and "based in South Korea" are one home written more and less precisely.
- **Place and day of the happening** (``HAPPENINGS``): a clause saying where or on which day the
  event's happening took place, in one shape: "the attack took place in Paris on Monday", "the
  crash happened near Lyon", "the blast occurred on Tuesday" (a definite happening noun, a verb
  of taking place, then "in/at/near" a place or "on" a day). Happening nouns are grouped by kind
  (violence: attack, blast, bombing ...; accident: crash, collision ...; fire; quake; incident),
  one holder per kind. Places conflict when they resolve to different countries or to two
  places at least ``PLACES_APART_KM`` apart ("Paris" / "Lyon"; not "Paris" / "France"). Days
  conflict when the dates read against each report's publication date differ, and the two
  reports were published at most ``SAME_NEWS_DAYS`` apart (a crawler's date a year off makes
  "on Saturday" another Saturday). The two sentences must be about the same happening (cosine
  at least ``SAME_HAPPENING``). Clauses that date or place other things (a zoo that "came to
  Cincinnati in 2015") were tried on dev: the encoder scores a wrong pair (two offers, two
  moons) above the right one, so they are not read.
- **Clock time the happening started**: "the blaze broke out about 8.40pm" / "The fire, which is
  being treated as suspicious, broke out in the roof of the store at 8.49pm" (a definite
  happening noun, a verb of starting: broke out, began, started, erupted, then "at" or "about" a
  clock time within the clause). Not read: "shortly after 9pm" (a bound, not a time), a time
  with a named zone ("11am IST" may be another report's local time), a time after "and",
  "when", "before" (a later step: "and was put out at 11pm"). Times conflict when further apart
  than the rounding "about" allows (half the clock's round unit: "about 8pm" is 7.30 to 8.30)
  and at least ``CLOCK_APART_MINUTES``; the two sentences at least ``SAME_HAPPENING`` alike (a
  clause of starting says little else: dev 0.43 for one fire), the reports at most
  ``SAME_NEWS_DAYS`` apart when both are dated.
- **Warning before the happening** (``WARNING_KINDS``): people warned ("officials warned
  residents", "told residents to leave", "a tsunami warning was issued") against people not
  warned ("nobody warned us", "residents were not warned", "no tsunami warning was issued"). One
  holder per kind of warning named ("tsunami", "flood"; a warning naming none is the general
  one), so "no tsunami warning" never meets "warned residents of the storm"; "without warning"
  (how an attacker struck) and "no warning signs" are not read. The two sentences must be about
  the same happening (cosine at least ``SAME_SCENE``). No dev event of the claims gold nor ECB+
  dev topic has the pair (checked: "there were no warning signs" at the well, "alerted the
  police" are not read); the written tests hold the shapes.
"""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from newsdesk import vectors
from newsdesk.claims import descriptions, status
from newsdesk.claims.spellings import name_contradictions
from newsdesk.claims.dispute_readings import CONTRARY_OUTCOMES, SEQUENTIAL_OUTCOMES, Reading, clock_minutes, readings
from newsdesk.link.places import resolve_place
from newsdesk.model import Analysis, Entity, Finding, Support

PLACES_APART_KM = 100
SAME_NEWS_DAYS = 3
CLOCK_APART_MINUTES = 5  # exact clock times closer than this are one time rounded (dev: none closer that contradict)
SAME_HAPPENING = 0.3  # cosine of the two sentences for an unnamed holder (dev: 0.37-0.55 for one boy's injuries)
SAME_SCENE = 0.5  # the same, for the place or day of a happening (a sentence giving little else)


__all__ = ["EventAnchors", "dispute_contradictions"]


def dispute_contradictions(analyses: list[Analysis], entities: list[Entity]) -> list[Finding]:
    """Contradictions of title, severity of harm and home between the event's articles, and a
    person's name spelled two ways (``spellings``)."""
    by_key: dict[tuple[str, str], list[Reading]] = defaultdict(list)
    for reading in (r for analysis in analyses for r in [*readings(analysis, entities), *descriptions.description_readings(analysis), *status.status_readings(analysis)]):
        by_key[(reading.holder, reading.dimension)].append(reading)
    findings = []
    for (_, dimension), found in by_key.items():
        kept = _one_value_per_article(found)
        values = list(dict.fromkeys(r.value for r in kept))
        if len(values) < 2 or len({r.article_id for r in kept}) < 2:
            continue
        sides = [[r for r in kept if r.value == v] for v in values]
        if dimension == "outcome of harm":
            sides = _contrary_outcomes(sides)
            if sides is None:
                continue
        if dimension == status.STATUS and all(status.planned_before_done(p, d) for p in _valued(sides, status.PLANNED) for d in _valued(sides, status.DONE)):
            continue  # the plan was reported before the deed: it happened since
        floor = SAME_SCENE if dimension.endswith("happening") and not dimension.startswith("clock") else SAME_HAPPENING
        if not _incompatible(dimension, values) or not _about_one_happening(sides, floor) or not _same_news(dimension, sides):
            continue
        findings.append(_finding(dimension, sides))
    return findings + name_contradictions(analyses)


def _one_value_per_article(readings: list[Reading]) -> list[Reading]:
    """A voice's readings of one holder and dimension, unless it gives two values (a voice does
    not contradict itself: it speaks of two times or two people); one reading per voice. An
    article's own words and a source it quotes are two voices ("the Hong Kong-flagged ship" /
    "is registered in the Marshall Islands, according to Chosun Ilbo")."""
    by_article: dict[tuple[str, str | None], list[Reading]] = defaultdict(list)
    for reading in readings:
        by_article[(reading.article_id, reading.speaker)].append(reading)
    kept = []
    for own in by_article.values():
        if len({r.value for r in own}) == 1:
            kept.append(own[0])
    return kept


def _contrary_outcomes(sides: list[list[Reading]]) -> list[list[Reading]] | None:
    """The sides of an outcome finding: the values some other value contradicts; injured
    against dead only when no report saying injured came out before one saying dead."""
    kept = set()
    for i, left in enumerate(sides):
        for right in sides[i + 1 :]:
            pair = frozenset((left[0].value, right[0].value))
            if pair not in CONTRARY_OUTCOMES:
                continue
            if pair in SEQUENTIAL_OUTCOMES:
                earlier, later = (left, right) if left[0].value == SEQUENTIAL_OUTCOMES[pair] else (right, left)
                if not all(_not_earlier(r.published, s.published) for r in earlier for s in later):
                    continue  # the injured may have died since, the suspect at large been caught (or which came first is not known)
            kept.update((i, i + 1 + sides[i + 1 :].index(right)))
    return [sides[i] for i in sorted(kept)] if kept else None


def _valued(sides: list[list[Reading]], value: str) -> list[Reading]:
    return [r for side in sides for r in side if r.value == value]


def _not_earlier(later: str | None, earlier: str | None) -> bool:
    """Whether a report published at ``later`` is known not to precede one published at
    ``earlier``: a later day, or the same or a later time of day when both give one."""
    if not later or not earlier:
        return False
    if later[:10] != earlier[:10]:
        return later[:10] > earlier[:10]
    return len(later) > 10 and len(earlier) > 10 and later >= earlier


def _incompatible(dimension: str, values: list[str]) -> bool:
    if dimension.startswith("place"):
        places = [resolve_place(v) for v in values]
        return all(p is not None for p in places) and any(_apart(a, b) for i, a in enumerate(places) for b in places[i + 1 :])
    if dimension.startswith("clock time"):
        return any(_hours_apart(a, b) for i, a in enumerate(values) for b in values[i + 1 :])
    if dimension in descriptions.DIMENSIONS:
        return descriptions.incompatible(dimension, values)
    return True


def _hours_apart(left: str, right: str) -> bool:
    """Two clock times that cannot be one: further apart than the rounding an "about" allows (half
    the clock's round unit: "about 8.40pm" is 8.35 to 8.45, "about 8pm" 7.30 to 8.30), and at
    least ``CLOCK_APART_MINUTES`` in any case (reporters round exact times too)."""
    (a, a_about), (b, b_about) = clock_minutes(left), clock_minutes(right)
    slack = max(_rounding(a) if a_about else 0, _rounding(b) if b_about else 0, CLOCK_APART_MINUTES)
    return abs(a - b) > slack


def _rounding(minutes: int) -> int:
    for unit in (60, 30, 15, 10, 5):
        if minutes % unit == 0:
            return unit // 2
    return 0


def _same_news(dimension: str, sides: list[list[Reading]]) -> bool:
    """Days read against publication dates compare only between reports at most
    ``SAME_NEWS_DAYS`` apart."""
    if dimension == "clock time of the happening":
        # a clock time is not read against the publication date: reports without one compare
        days = [date.fromisoformat(r.published) for side in sides for r in side if r.published]
        return not days or (max(days) - min(days)).days <= SAME_NEWS_DAYS
    if dimension != "day of the happening":
        return True
    days = [date.fromisoformat(r.published) for side in sides for r in side if r.published]
    return len(days) == sum(len(side) for side in sides) and (max(days) - min(days)).days <= SAME_NEWS_DAYS


def _apart(left, right) -> bool:
    """Two places that cannot be one: other countries, or two located places far apart."""
    if left.country != right.country:
        return True
    if None in (left.latitude, right.latitude):
        return False  # a country or region and a place in it
    return _kilometres(left.latitude, left.longitude, right.latitude, right.longitude) >= PLACES_APART_KM


def _kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def _about_one_happening(sides: list[list[Reading]], floor: float) -> bool:
    """Named holders are one holder; an unnamed one ("the boy") must be in sentences about the
    same happening on two sides."""
    if all(r.named for side in sides for r in side):
        # a name matched by its last word must be the same name written shorter ("Winmore" /
        # "Lighthouse Winmore"), not another of that last word ("Deutsche Bank" / "HSBC Bank")
        names = [r.holder_name.casefold().split() for side in sides for r in side]
        return all(_suffix(a, b) for a in names for b in names)
    for i, left in enumerate(sides):
        for right in sides[i + 1 :]:
            for a in left:
                for b in right:
                    if a.article_id != b.article_id:
                        va, vb = vectors.encoded([a.sentence, b.sentence])
                        if float(va @ vb) >= floor:
                            return True
    return False


def _suffix(left: list[str], right: list[str]) -> bool:
    shorter, longer = sorted((left, right), key=len)
    return longer[len(longer) - len(shorter) :] == shorter


def _finding(dimension: str, sides: list[list[Reading]]) -> Finding:
    name = sides[0][0].holder_name
    label = dimension.split(":")[0]
    summary = f"{name} ({label}): " + " vs ".join(side[0].value for side in sides)
    support = tuple(
        Support(r.article_id, r.start, r.end, r.text, value=r.value, voice="attributed" if r.speaker else "author", speaker=r.speaker, hedged=False, negated=False)
        for side in sides
        for r in side
    )
    return Finding(summary=summary, kind="contradiction", support=support, claim_kind="statement")


class EventAnchors:
    """The linked entities each sentence of the event's articles names, to tell whether two
    clauses are anchored in one happening. A negation contradicts a clause only when the two
    sentences, each with the one before it (where a pronoun's antecedent sits), name a common
    linked entity: close words with no name in common may be about two happenings of one kind
    (dev, ECB+ 22: "the shootings happened minutes after Hiller was suspended" / an article's
    background paragraph on another woman's shooting spree, "She claimed the shootings 'didn't
    happen'")."""

    def __init__(self, analyses: list[Analysis], entities: list[Entity]):
        self.sentences = {a.article.id: a.sentences for a in analyses}
        self.named: dict[tuple[str, int], set[str]] = defaultdict(set)
        for entity in entities:
            for mention in entity.mentions:
                self.named[(mention.article_id, self._index(mention.article_id, mention.start))].add(entity.id)

    def _index(self, article_id: str, offset: int) -> int:
        for index, sentence in enumerate(self.sentences.get(article_id, ())):
            if sentence.start <= offset < sentence.end:
                return index
        return -1

    def _around(self, article_id: str, offset: int) -> set[str]:
        index = self._index(article_id, offset)
        if index < 0:
            return set()
        return self.named.get((article_id, index), set()) | self.named.get((article_id, index - 1), set())

    def share(self, left_article: str, left_offset: int, right_article: str, right_offset: int) -> bool:
        return bool(self._around(left_article, left_offset) & self._around(right_article, right_offset))
