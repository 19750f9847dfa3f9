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
  have died by the evening: that is news, not a conflict). The state claims of ``extract``
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
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from newsdesk import vectors
from newsdesk.link.places import resolve_place
from newsdesk.model import Analysis, Claim, Entity, Finding, Support

PLACES_APART_KM = 100
SAME_NEWS_DAYS = 3
SAME_HAPPENING = 0.3  # cosine of the two sentences for an unnamed holder (dev: 0.37-0.55 for one boy's injuries)
SAME_SCENE = 0.5  # the same, for the place or day of a happening (a sentence giving little else)

# offices whose lower rungs are written as a modifier before the office
TITLE_OFFICES = (
    "prime minister", "attorney general", "professor", "minister", "secretary", "director", "president",
    "chairman", "chairwoman", "chair", "editor", "governor", "commissioner", "mayor", "dean", "manager",
    "prosecutor", "chancellor", "coach", "principal", "superintendent", "sheriff", "commander",
)
RUNGS = ("assistant", "associate", "deputy", "vice", "under", "lieutenant")
# a firm's chief officers: one person is one of them (a chief executive is not its finance chief)
CHIEF_OFFICERS = {
    "chief executive officer": "chief executive", "chief executive": "chief executive", "ceo": "chief executive",
    "chief financial officer": "chief financial officer", "cfo": "chief financial officer", "finance chief": "chief financial officer",
    "chief operating officer": "chief operating officer", "coo": "chief operating officer",
    "chief technology officer": "chief technology officer", "cto": "chief technology officer",
    "chief marketing officer": "chief marketing officer", "cmo": "chief marketing officer",
}
# words that make a title say nothing about the holder now
NOT_NOW = re.compile(r"\b(?:former|ex|then|acting|interim|outgoing|incoming|elect|retired|emeritus|late|future|one-time|onetime)\b", re.IGNORECASE)
_OFFICE = r"(?:" + "|".join(re.escape(t) for t in sorted([*TITLE_OFFICES, *CHIEF_OFFICERS], key=len, reverse=True)) + r")"
_OFFICE_WORD = re.compile(r"\b(?P<office>" + _OFFICE + r")\b(?!['’]s)", re.IGNORECASE)
# a title just before a name: "Professor Xinyu Dai", "Apple CEO Tim Cook", "Deputy Foreign Minister X"
_TITLE_BEFORE = re.compile(r"(?P<title>(?:[\w’'.-]+[ -]){0,2}?" + _OFFICE + r")\.?(?:\s+(?-i:[A-Z])[\w’'.-]*){1,4}$", re.IGNORECASE)
# an appositive after a name, up to its end: ", an assistant professor of physics and astronomy at ..."
_APPOSITIVE = re.compile(r"\s*,\s+(?P<phrase>[^,.;:()\"“”]{1,120})")
_PREPOSITIONS = frozenset("of to for at in with by from on about under over".split())
_PHRASE_BREAKS = frozenset("and or the a an its his her their".split())

# harm: a severity word a few words before a word of injury ("serious, but non-life threatening injuries")
_INJURY = r"(?:injur\w*|hurt|wound\w*|burn(?:s|ed)?)"
SEVERE = re.compile(r"\b(?:serious(?:ly)?|severe(?:ly)?|critical(?:ly)?|grave(?:ly)?|badly)\b(?:[\s,]+[\w-]+){0,3}?[\s,]+" + _INJURY + r"\b", re.IGNORECASE)
NOT_SEVERE = re.compile(
    r"\b(?:(?:was|were|is|are|been)(?:n['’]t| not)|not|no|without|escaped|avoided|spared)\s+(?:any\s+)?(?:serious(?:ly)?|severe(?:ly)?|critical(?:ly)?|grave(?:ly)?|badly)\b(?:[\s,]+[\w-]+){0,3}?[\s,]+" + _INJURY + r"\b"
    r"|\b(?:minor|slight(?:ly)?|light(?:ly)?|superficial)\s+(?:\w+\s+)?" + _INJURY + r"\b",
    re.IGNORECASE,
)
# outcome of harm, read in the clause after its subject (the holder is the one harmed)
_BE = r"(?:was|were|is|are|has been|have been|had been)\s+(?:\w+ly\s+)?"
OUTCOMES = (
    ("unhurt", re.compile(r"\b(?:unhurt|unharmed|unscathed|uninjured)\b|\bescaped\s+(?:without\s+)?(?:injury|injuries|harm)\b|\b(?:was|were)(?:n['’]t| not)\s+(?:injured|hurt|harmed|wounded)\b", re.IGNORECASE)),
    ("dead", re.compile(r"\b" + _BE + r"(?:killed|slain|murdered|assassinated|(?:found\s+)?dead)\b|\b(?:died|perished)\b|\blost\s+(?:his|her|their)\s+li(?:fe|ves)\b", re.IGNORECASE)),
    ("injured", re.compile(r"\b" + _BE + r"(?:injured|wounded|hurt)\b|\bsuffered\s+(?:[\w,-]+\s+){0,3}?(?:injuries|wounds)\b", re.IGNORECASE)),
    ("alive", re.compile(r"\bsurvived\b|\b" + _BE + r"alive\b", re.IGNORECASE)),
)
CONTRARY_OUTCOMES = frozenset(frozenset(pair) for pair in (("unhurt", "injured"), ("unhurt", "dead"), ("alive", "dead"), ("injured", "dead")))
_NEXT_TO_SUBJECT = re.compile(r"[\s\"“”'’]*(?:(?:also|later|then|only|had|has|was|were|is|are|escaped|emerged|walked away|came out|appeared|remained)\s+)*")
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|denied|n['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE)
_HEDGES = re.compile(r"\b(?:may|might|could|possibly|reportedly|apparently|perhaps|feared|believed|thought to)\b", re.IGNORECASE)
CHILD_NOUNS = frozenset("boy girl child toddler kid infant baby youngster son daughter".split())
_PRONOUNS = frozenset("i you he she it we they him her them who which that this one someone".split())

# home: "a Hong Kong-flagged ship", "registered in the Marshall Islands", "a Seoul-based firm"
HOME_WORDS = ("flagged", "registered", "based", "headquartered")
_PLACE = r"(?P<place>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
_HOME_BEFORE = re.compile(_PLACE + r"-(?:flagged|registered|based|headquartered)\b")
_HOME_AFTER = re.compile(r"\b(?:flagged|registered|based|headquartered)\s+in\s+(?:the\s+)?" + _PLACE)
_NOT_ANY_MORE = re.compile(r"\b(?:until|till|formerly|previously|before|then switched|no longer|re-?flagged)\b", re.IGNORECASE)
_NAME_BEFORE_APPOSITIVE = re.compile(r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,4}),\s+(?:a|an|the)\s+$")
_NAME_BEFORE_VERB = re.compile(r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,4})\s+(?:is|was|are|were|has been|had been)\s+(?:\w+ly\s+)?$")

HAPPENINGS = {
    "violence": ("attack", "attacks", "blast", "bombing", "explosion", "shooting", "raid", "ambush", "assault", "stabbing", "massacre"),
    "accident": ("crash", "collision", "accident", "derailment"),
    "fire": ("fire", "blaze"),
    "quake": ("earthquake", "quake", "tremor"),
    "incident": ("incident", "encounter"),
}
_KIND_OF = {noun: kind for kind, nouns in HAPPENINGS.items() for noun in nouns}
_HAPPENED = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + "|".join(sorted(_KIND_OF, key=len, reverse=True)) + r")\s+"
    r"(?:(?:was|were)\s+)?(?:occurred|happened|took place|was carried out|struck|unfolded)\b(?P<rest>[^.;:!?]{0,100})"
)
_WHERE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+(?:city|town|village|province|region|capital)\s+of\s+)?" + _PLACE)
_ON_DAY = re.compile(r"\bon\s+(?:[A-Z][a-z]+day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b")

__all__ = ["dispute_contradictions"]


@dataclass(frozen=True)
class Reading:
    """One article's value of one property of one holder, and the words that carry it."""

    holder: str  # a linked entity's id, or a key of the noun or name
    dimension: str
    value: str
    article_id: str
    start: int
    end: int
    text: str
    holder_name: str
    sentence: str  # the sentence it sits in, for the encoder
    named: bool  # held by a linked entity or a proper name (no sentence check needed)
    speaker: str | None = None  # whose claim it is when attributed ("according to Chosun Ilbo")
    published: str | None = None  # the report's publication day, for a day read against it


def dispute_contradictions(analyses: list[Analysis], entities: list[Entity]) -> list[Finding]:
    """Contradictions of title, severity of harm and home between the event's articles."""
    readings: list[Reading] = []
    for analysis in analyses:
        readings += _titles(analysis, entities)
        readings += _severities(analysis, entities)
        readings += _outcomes(analysis, entities)
        readings += _homes(analysis)
        readings += _happenings(analysis)
    by_key: dict[tuple[str, str], list[Reading]] = defaultdict(list)
    for reading in readings:
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
        if not _incompatible(dimension, values) or not _about_one_happening(sides, SAME_SCENE if dimension.endswith("of the happening") else SAME_HAPPENING) or not _same_news(dimension, sides):
            continue
        findings.append(_finding(dimension, sides))
    return findings


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
            if pair == frozenset(("injured", "dead")):
                injured, dead = (left, right) if left[0].value == "injured" else (right, left)
                if not all(_not_earlier(r.published, s.published) for r in injured for s in dead):
                    continue  # the injured may have died since (or which came first is not known)
            kept.update((i, i + 1 + sides[i + 1 :].index(right)))
    return [sides[i] for i in sorted(kept)] if kept else None


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
    return True


def _same_news(dimension: str, sides: list[list[Reading]]) -> bool:
    """Days read against publication dates compare only between reports at most
    ``SAME_NEWS_DAYS`` apart."""
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


def _speaker(analysis: Analysis, start: int) -> str | None:
    """Who says the words at ``start``, when the article attributes them (its statements' voice)."""
    for claim in analysis.claims:
        if claim.kind == "statement" and claim.start <= start < claim.end and claim.voice == "attributed":
            return claim.speaker or "a source"
    return None


def _sentence_of(analysis: Analysis, start: int) -> tuple[int, int]:
    for sentence in analysis.sentences:
        if sentence.start <= start < sentence.end:
            return sentence.start, sentence.end
    return max(0, start - 200), min(len(analysis.prose), start + 200)


# -- titles -----------------------------------------------------------------------------


def _office(title: str) -> tuple[str, str] | None:
    """(dimension, value) of a title's words: ("title:professor", "assistant professor"), or
    ("title:chief officer", "chief executive"); None when it is no office of the lexicon or is
    not held now."""
    if NOT_NOW.search(title):
        return None
    words = title.casefold().replace("-", " ").split()
    text = " ".join(words)
    for form, officer in sorted(CHIEF_OFFICERS.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{re.escape(form)}$", text):
            return "title:chief officer", officer
    match = re.search(r"\b(" + "|".join(re.escape(t) for t in sorted(TITLE_OFFICES, key=len, reverse=True)) + r")$", text)
    if not match:
        return None
    office = match.group(1)
    before = text[: match.start()].split()
    rung = next((w for w in before if w in RUNGS), None)
    if office == "secretary" and before and before[-1] in ("press", "general"):
        return None  # "press secretary", "secretary general": other offices than a secretary
    return f"title:{office}", f"{rung} {office}" if rung else office


def _titles(analysis: Analysis, entities: list[Entity]) -> list[Reading]:
    readings = []
    prose = analysis.prose
    for entity in entities:
        if entity.type != "PERSON":
            continue
        for mention in entity.mentions:
            if mention.article_id != analysis.article.id or mention.label == "ROLE":
                continue
            sentence_start, sentence_end = _sentence_of(analysis, mention.start)
            found = []
            before = _TITLE_BEFORE.search(prose, max(sentence_start, mention.start - 60), mention.end)
            if before and before.end("title") <= mention.start:
                found.append((before.start("title"), before.end("title"), before.group("title")))
            after = _APPOSITIVE.match(prose, mention.end, sentence_end)
            if after:
                title = _appositive_title(after.group("phrase"))
                if title is not None:
                    found.append((after.start("phrase") + title[0], after.start("phrase") + title[1], title[2]))
            for start, end, words in found:
                start += _leading_words(words)
                words = prose[start:end]
                office = _office(words)
                if office is None or _HEDGES.search(prose, sentence_start, start):
                    continue
                dimension, value = office
                readings.append(Reading(entity.id, dimension, value, analysis.article.id, start, end, prose[start:end], entity.name, prose[sentence_start:sentence_end], True, _speaker(analysis, start)))
    return readings


def _leading_words(title: str) -> int:
    """How many characters of a title's words come before its first capitalised word, rung or
    office ("said Foreign Minister" -> "Foreign Minister"; "zoo director" -> "director")."""
    for word in re.finditer(r"[\w’'.-]+", title):
        text = word.group(0)
        if text[:1].isupper() or text.casefold() in RUNGS or _OFFICE_WORD.match(title, word.start()):
            return word.start()
    return 0


def _appositive_title(phrase: str) -> tuple[int, int, str] | None:
    """The office heading an appositive ("an astrophysicist and professor at ..." ->
    "professor"), with its rung ("an assistant professor of physics" -> "assistant professor");
    None when a preposition comes first ("an aide to President X": someone else's title)."""
    match = _OFFICE_WORD.search(phrase)
    if not match:
        return None
    words_before = re.findall(r"[\w’'-]+", phrase[: match.start()].casefold())
    if any(w in _PREPOSITIONS for w in words_before) or NOT_NOW.search(phrase[: match.end()]):
        return None
    # the title starts after the last break word ("an astrophysicist and professor")
    start = match.start()
    for word in re.finditer(r"[\w’'-]+", phrase[: match.start()]):
        if word.group(0).casefold() in _PHRASE_BREAKS or word.group(0).casefold().endswith(("’s", "'s")):
            start = word.end() + 1
    start = min(start, match.start())
    return start, match.end(), phrase[start : match.end()]


# -- severity of harm --------------------------------------------------------------------


def _severities(analysis: Analysis, entities: list[Entity]) -> list[Reading]:
    people = [(m.start, m.end, e) for e in entities if e.type == "PERSON" for m in e.mentions if m.article_id == analysis.article.id]
    readings = []
    for claim in analysis.claims:
        if claim.kind != "statement" or claim.hedge is not None or _HEDGES.search(claim.text):
            continue
        milder = NOT_SEVERE.search(claim.text)
        worse = SEVERE.search(claim.text)
        if milder and worse and milder.start() <= worse.start() < milder.end():
            worse = None  # "wasn't seriously hurt": the severity word is the negated one
        if bool(milder) == bool(worse):
            continue
        match = milder or worse
        holder = _holder(claim, people)
        if holder is None:
            continue
        key, name, named = holder
        start, end = claim.start + match.start(), claim.start + match.end()
        sentence_start, sentence_end = _sentence_of(analysis, start)
        value = "not seriously injured" if milder else "seriously injured"
        speaker = (claim.speaker or "a source") if claim.voice == "attributed" else None
        readings.append(Reading(key, "severity of harm", value, analysis.article.id, start, end, analysis.prose[start:end], name, analysis.prose[sentence_start:sentence_end], named, speaker))
    return readings


def _outcomes(analysis: Analysis, entities: list[Entity]) -> list[Reading]:
    people = [(m.start, m.end, e) for e in entities if e.type == "PERSON" for m in e.mentions if m.article_id == analysis.article.id]
    readings = []
    published = _moment(analysis)
    for claim in analysis.claims:
        if claim.kind != "statement" or claim.hedge is not None or claim.subject_start is None or _HEDGES.search(claim.text):
            continue
        holder = _holder(claim, people)
        if holder is None:
            continue
        # only what follows the subject: "the gunman killed the minister" says nothing of the gunman
        after = max(claim.start, claim.subject_start + len(claim.subject or ""))
        text = analysis.prose[after : claim.end]
        found = [(value, match) for value, pattern in OUTCOMES if (match := pattern.search(text))]
        found = [(value, match) for value, match in found if value == "unhurt" or not _NEGATED_BEFORE.search(text[: match.start()])]
        if len({value for value, _ in found}) != 1:
            continue  # "was injured and later died": two outcomes in one clause are a story, not a state
        value, match = found[0]
        if not _NEXT_TO_SUBJECT.fullmatch(text[: match.start()]):
            continue  # the outcome must follow its subject ("The minister was killed"), not a later noun's
        key, name, named = holder
        start, end = after + match.start(), after + match.end()
        sentence_start, sentence_end = _sentence_of(analysis, start)
        speaker = (claim.speaker or "a source") if claim.voice == "attributed" else None
        readings.append(Reading(key, "outcome of harm", value, analysis.article.id, start, end, analysis.prose[start:end], name, analysis.prose[sentence_start:sentence_end], named, speaker, published))
    return readings


def _moment(analysis: Analysis) -> str | None:
    """When the report came out: its date, with the time of day when known ("2024-03-05T09:00")."""
    published = (analysis.article.metadata or {}).get("published_at") or analysis.article.published or ""
    if len(published) < 10:
        return None
    return published[:16] if len(published) >= 16 and published[11:16] != "00:00" else published[:10]


def _holder(claim: Claim, people: list[tuple[int, int, Entity]]) -> tuple[str, str, bool] | None:
    """Who a clause is about: the linked person its subject names, a name of two to four
    capitalised words, or its singular definite noun ("the boy", one class with "the child"); None for a pronoun, a plural or no subject."""
    if claim.subject is None or claim.subject_start is None:
        return None
    subject_end = claim.subject_start + len(claim.subject)
    for start, _, entity in people:
        if claim.subject_start <= start < subject_end:
            return entity.id, entity.name, True
    proper = claim.subject.split()
    if 2 <= len(proper) <= 4 and all(w[:1].isupper() and w.isalpha() for w in proper) and proper[0].casefold() != "the":
        return f"name:{proper[-1].casefold()}", claim.subject, True  # a name the tagger missed ("Governor Ana Ruiz")
    words = re.findall(r"[^\W\d_]+", claim.subject.casefold())
    if len(words) < 2 or words[0] != "the" or len(words) > 4:
        return None
    head = words[-1]
    if head in _PRONOUNS or (head.endswith("s") and not head.endswith("ss")) or head in ("people", "police", "children"):
        return None
    return ("noun:child" if head in CHILD_NOUNS else f"noun:{head}"), f"the {head}", False


# -- home of a named thing ---------------------------------------------------------------


def _homes(analysis: Analysis) -> list[Reading]:
    prose = analysis.prose
    readings = []
    for pattern in (_HOME_BEFORE, _HOME_AFTER):
        for match in pattern.finditer(prose):
            sentence_start, sentence_end = _sentence_of(analysis, match.start())
            name = _home_holder(prose[sentence_start : match.start()], pattern is _HOME_BEFORE)
            if name is None or _HEDGES.search(prose, sentence_start, match.start()) or _NOT_ANY_MORE.search(prose, match.start(), sentence_end):
                continue
            place = resolve_place(match.group("place"))
            if place is None or place.country is None:
                continue
            key = "name:" + name.split()[-1].casefold()
            readings.append(Reading(key, "home", place.country, analysis.article.id, match.start(), match.end(), match.group(0), name, prose[sentence_start:sentence_end], True, _speaker(analysis, match.start())))
    return readings


def _home_holder(before: str, adjective: bool) -> str | None:
    """The name a home phrase hangs on: "The Lighthouse Winmore, a Hong Kong-flagged ship"
    (``adjective``), "Lighthouse Winmore is registered in"; None for an unnamed thing."""
    match = (_NAME_BEFORE_APPOSITIVE if adjective else _NAME_BEFORE_VERB).search(before)
    if not match:
        return None
    words = [w for w in match.group("name").split() if w.casefold() != "the"]
    return " ".join(words) if words else None


# -- place and day of the happening -------------------------------------------------------


def _happenings(analysis: Analysis) -> list[Reading]:
    prose = analysis.prose
    readings = []
    for match in _HAPPENED.finditer(prose):
        sentence_start, sentence_end = _sentence_of(analysis, match.start())
        if _HEDGES.search(prose, sentence_start, match.end()):
            continue
        kind = _KIND_OF[match.group("noun")]
        rest = match.start("rest")
        speaker = _speaker(analysis, match.start())
        sentence = prose[sentence_start:sentence_end]
        where = _WHERE.search(prose, rest, match.end("rest"))
        if where and where.start() == _first_phrase(prose, rest, match.end("rest")):
            place = resolve_place(where.group("place"))
            if place is not None:
                readings.append(Reading(f"happening:{kind}", "place of the happening", where.group("place"), analysis.article.id, match.start(), where.end(), prose[match.start() : where.end()], f"the {match.group('noun')}", sentence, False, speaker))
        day = _ON_DAY.search(prose, rest, match.end("rest"))
        if day:
            dated = next((t for t in analysis.times if t.start >= day.start() and t.start < day.end() and len(t.value) == 10), None)
            if dated is not None and analysis.article.published:
                readings.append(Reading(f"happening:{kind}", "day of the happening", dated.value, analysis.article.id, match.start(), day.end(), prose[match.start() : day.end()], f"the {match.group('noun')}", sentence, False, speaker, analysis.article.published[:10]))
    return readings


def _first_phrase(prose: str, start: int, end: int) -> int:
    """Where the first "in/at/near" phrase after the verb starts (a later one may place
    something else: "took place at the zoo, in a city where ...")."""
    match = re.compile(r"\b(?:in|at|near)\s").search(prose, start, end)
    return match.start() if match else -1
