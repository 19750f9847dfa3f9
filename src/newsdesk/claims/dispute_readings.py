"""What each article says of one holder's title, severity and outcome of harm, home, and the
place and day of its happening: the **readings** that ``disputes`` compares across articles.
Each is read from one tight shape of words; the shapes and why are in ``disputes``'s docstring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.link.places import resolve_place
from newsdesk.model import Analysis, Claim, Entity

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
    # "is survived by his wife" says the holder died and others live on (an obituary's formula, ECB+ 16)
    ("alive", re.compile(r"\bsurvived\b(?!\s+by\b)|\b" + _BE + r"alive\b", re.IGNORECASE)),
    # custody: a suspect caught, or not
    ("arrested", re.compile(r"\b" + _BE + r"(?:arrested|detained|apprehended|captured|taken into custody)\b|\b(?:is|are|was|were|remains?|remained)\s+in\s+(?:police\s+)?custody\b|\bturned\s+(?:himself|herself)\s+in\b", re.IGNORECASE)),
    ("at large", re.compile(r"\b(?:(?:is|are|was|were|remains?|remained)\s+)?(?:still\s+)?(?:at large|on the run)\b", re.IGNORECASE)),
)
CONTRARY_OUTCOMES = frozenset(
    frozenset(pair)
    for pair in (("unhurt", "injured"), ("unhurt", "dead"), ("alive", "dead"), ("injured", "dead"), ("at large", "arrested"), ("at large", "dead"))
)
# (earlier, later) outcomes that follow one another in time: the injured may die, a suspect at
# large be caught or killed, one arrested die in custody. Such a pair contradicts only when the
# report giving the earlier outcome is known not to precede the other.
SEQUENTIAL_OUTCOMES = {frozenset(("injured", "dead")): "injured", frozenset(("at large", "arrested")): "at large", frozenset(("at large", "dead")): "at large"}
CUSTODY = frozenset(("arrested", "at large"))
# an arrest told with another time than the happening's ("was arrested seven times", "previously arrested in 2010")
OTHER_TIME = re.compile(r"\b(?:times|previously|before|earlier|prior|once|ago|last\s+(?:year|month)|in\s+(?:19|20)\d\d|(?:19|20)\d\d)\b", re.IGNORECASE)
_NEXT_TO_SUBJECT = re.compile(r"[\s\"“”'’]*(?:(?:also|later|then|only|still|had|has|was|were|is|are|escaped|emerged|walked away|came out|appeared|remained|remains)\s+)*")
# words that set one of several apart ("the other suspect", "the second victim"): not the holder another report names alike
_ONE_OF_SEVERAL = frozenset("other another second third fourth first remaining last one two three both each fellow".split())
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|denied|n['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE)
HEDGES = re.compile(r"\b(?:may|might|could|possibly|reportedly|apparently|perhaps|feared|believed|thought to)\b", re.IGNORECASE)
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
HAPPENING_KIND = {noun: kind for kind, nouns in HAPPENINGS.items() for noun in nouns}
_HAPPENED = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + "|".join(sorted(HAPPENING_KIND, key=len, reverse=True)) + r")\s+"
    r"(?:(?:was|were)\s+)?(?:occurred|happened|took place|was carried out|struck|unfolded)\b(?P<rest>[^.;:!?]{0,100})"
)
_WHERE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+(?:city|town|village|province|region|capital)\s+of\s+)?" + _PLACE)
_ON_DAY = re.compile(r"\bon\s+(?:[A-Z][a-z]+day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b")


# the clock time a happening broke out: "The fire, which is being treated as suspicious, broke out
# in the roof of the store at 8.49pm"; a verb of starting (not of ending or of being brought
# under control) and the first clock time in the clause after it
_BROKE_OUT = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + "|".join(sorted(HAPPENING_KIND, key=len, reverse=True)) + r")"
    r"(?:,[^,.;:!?]{1,80},)?\s+(?:broke out|began|started|erupted)\b"
)
_CLOCK = re.compile(
    r"\b(?P<about>(?:at\s+)?(?:about|around|approximately|roughly|some|nearly|almost)\s+|at\s+)"
    r"(?:(?P<hour>\d{1,2})(?:\s*[.:]\s*(?P<minute>\d{2}))?\s*(?P<half>[ap])\.?\s*m\b\.?|(?P<hour24>[01]?\d|2[0-3])\s*:\s*(?P<minute24>\d{2})\b|(?P<noon>noon|midday|midnight)\b)"
    r"(?!\s*\(?(?-i:[A-Z]{2,4})\b)",  # a named time zone (GMT, IST) may be another report's local time: not read
    re.IGNORECASE,
)
CLAUSE_REACH = 80  # characters after the verb in which its clock time is read
_CLAUSE_BREAK = re.compile(r"[;:!?]|\s(?:and|but|while|when|before|after|until)\s")  # the time of a later step ("and was put out at 11pm")
_AFTER_OR_BEFORE = re.compile(r"\b(?:after|before|until|till|by|since|between)\s*$", re.IGNORECASE)


def clock_minutes(value: str) -> tuple[int, bool]:
    """(minutes after midnight, approximate) of a clock-time reading's value ("about 20:40")."""
    approximate = value.startswith("about ")
    hours, minutes = value.removeprefix("about ").split(":")
    return int(hours) * 60 + int(minutes), approximate


# warning before the happening: people warned (told to leave, a warning issued) or not warned
_PEOPLE = r"(?:the\s+)?(?:local\s+)?(?:residents|people|locals|villagers|inhabitants|public|civilians|citizens|families|households)"
WARNING_KINDS = frozenset("tsunami flood storm hurricane typhoon cyclone tornado evacuation fire avalanche landslide volcano eruption".split())
_WARNED = (
    re.compile(r"\b(?:warned|alerted)\s+" + _PEOPLE + r"\b", re.IGNORECASE),
    re.compile(r"\b(?:told|ordered|urged)\s+" + _PEOPLE + r"\s+to\s+(?:leave|evacuate|flee|get out)\b", re.IGNORECASE),
    re.compile(r"\b(?:issued|sent|sounded|gave|raised)\s+(?:an?\s+|the\s+)?(?:(?P<kind>[\w-]+)\s+)?(?:warning|alert)s?\b(?!\s+signs?)", re.IGNORECASE),
    re.compile(r"\b(?:an?|the)\s+(?:(?P<kind>[\w-]+)\s+)?(?:warning|alert)\s+(?:was|had been|has been)\s+(?:issued|given|sent|sounded|raised)\b", re.IGNORECASE),
)
_NOT_WARNED = (
    re.compile(r"\b(?:nobody|no one|no-one)\s+(?:had\s+|ever\s+)?(?:warned|told|alerted)\s+(?:us|them|anyone|residents|people)\b", re.IGNORECASE),
    re.compile(r"\b(?:were|was|had)\s+(?:not|never)\s+(?:been\s+)?(?:warned|alerted)\b|\b(?:weren['’]t|wasn['’]t|hadn['’]t)\s+(?:been\s+)?(?:warned|alerted)\b", re.IGNORECASE),
    re.compile(r"\b(?:did\s+not|didn['’]t|never|failed\s+to)\s+(?:warn|alert)\s+" + _PEOPLE + r"\b", re.IGNORECASE),
    re.compile(r"\bno\s+(?:prior\s+|advance\s+|early\s+)?(?:(?P<kind>[\w-]+)\s+)?warning\s+(?:was|had been|has been)\s+(?:issued|given|sent|sounded)\b|\b(?:received|got|had|gave|issued)\s+no\s+(?:prior\s+|advance\s+|early\s+)?(?:(?P<kind2>[\w-]+)\s+)?warning\b(?!\s+signs?)", re.IGNORECASE),
)


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


def readings(analysis: Analysis, entities: list[Entity]) -> list[Reading]:
    """Every reading of one article, of every dimension."""
    return [
        *_titles(analysis, entities),
        *_severities(analysis, entities),
        *_outcomes(analysis, entities),
        *_homes(analysis),
        *_happenings(analysis),
        *_warnings(analysis),
    ]


def _speaker(analysis: Analysis, start: int) -> str | None:
    """Who says the words at ``start``, when the article attributes them (its statements' voice)."""
    for claim in analysis.claims:
        if claim.kind == "statement" and claim.start <= start < claim.end and claim.voice == "attributed":
            return claim.speaker or "a source"
    return None


def sentence_of(analysis: Analysis, start: int) -> tuple[int, int]:
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
    if rung == "under" and office != "secretary":
        return None  # "Fish and Wildlife under President Clinton": a preposition, not a rung (ECB+ 9)
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
            sentence_start, sentence_end = sentence_of(analysis, mention.start)
            found = []
            before = _TITLE_BEFORE.search(prose, max(sentence_start, mention.start - 60), mention.end)
            # the title must touch the name: "LA County Sheriff Deputy Jerry Ortiz" is a deputy of
            # the sheriff's department, not the sheriff (ECB+ 16)
            if before and before.end("title") <= mention.start and not prose[before.end("title") : mention.start].strip(" .\n"):
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
                if office is None or HEDGES.search(prose, sentence_start, start):
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
    None when a preposition comes first ("an aide to President X": someone else's title) or a
    name follows it (", CEO Larry Lucchino": the next person's title)."""
    match = _OFFICE_WORD.search(phrase)
    if not match:
        return None
    words_before = re.findall(r"[\w’'-]+", phrase[: match.start()].casefold())
    if any(w in _PREPOSITIONS for w in words_before) or NOT_NOW.search(phrase[: match.end()]):
        return None
    if re.match(r"\s+(?-i:[A-Z])[a-z]", phrase[match.end() :]):
        return None  # the title of the next name in a list: "John W. Henry, CEO Larry Lucchino and ..." (ECB+ 10)
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
        if claim.kind != "statement" or claim.hedge is not None or HEDGES.search(claim.text):
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
        sentence_start, sentence_end = sentence_of(analysis, start)
        value = "not seriously injured" if milder else "seriously injured"
        speaker = (claim.speaker or "a source") if claim.voice == "attributed" else None
        readings.append(Reading(key, "severity of harm", value, analysis.article.id, start, end, analysis.prose[start:end], name, analysis.prose[sentence_start:sentence_end], named, speaker))
    return readings


def _outcomes(analysis: Analysis, entities: list[Entity]) -> list[Reading]:
    people = [(m.start, m.end, e) for e in entities if e.type == "PERSON" for m in e.mentions if m.article_id == analysis.article.id]
    readings = []
    published = _moment(analysis)
    for claim in analysis.claims:
        if claim.kind != "statement" or claim.hedge is not None or claim.subject_start is None or HEDGES.search(claim.text):
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
        sentence_start, sentence_end = sentence_of(analysis, start)
        if value in CUSTODY:
            if value == "arrested" and OTHER_TIME.search(analysis.prose, sentence_start, sentence_end):
                continue  # an arrest of another time: a person arrested before may be at large now
            named = False  # custody of one person in two sentences about one happening, not any arrest of that name
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
    if len(words) < 2 or words[0] != "the" or len(words) > 4 or _ONE_OF_SEVERAL.intersection(words):
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
            sentence_start, sentence_end = sentence_of(analysis, match.start())
            name = _home_holder(prose[sentence_start : match.start()], pattern is _HOME_BEFORE)
            if name is None or HEDGES.search(prose, sentence_start, match.start()) or _NOT_ANY_MORE.search(prose, match.start(), sentence_end):
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
        sentence_start, sentence_end = sentence_of(analysis, match.start())
        if HEDGES.search(prose, sentence_start, match.end()):
            continue
        kind = HAPPENING_KIND[match.group("noun")]
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
    for match in _BROKE_OUT.finditer(prose):
        sentence_start, sentence_end = sentence_of(analysis, match.start())
        clock = _CLOCK.search(prose, match.end(), min(sentence_end, match.end() + CLAUSE_REACH))
        if clock is None or HEDGES.search(prose, sentence_start, match.end()) or _AFTER_OR_BEFORE.search(prose[match.end() : clock.start()]) or _CLAUSE_BREAK.search(prose, match.end(), clock.start()):
            continue
        value = _clock_value(clock)
        if value is not None:
            kind = HAPPENING_KIND[match.group("noun")]
            readings.append(Reading(f"happening:{kind}", "clock time of the happening", value, analysis.article.id, match.start(), clock.end(), prose[match.start() : clock.end()], f"the {match.group('noun')}", prose[sentence_start:sentence_end], False, _speaker(analysis, match.start()), analysis.article.published[:10] if analysis.article.published else None))
    return readings


def _clock_value(clock: re.Match) -> str | None:
    """"about 20:40" / "20:49" from a clock time as written ("about 8.40pm", "at 20:49", "around noon")."""
    if clock.group("noon"):
        hours, minutes = (0, 0) if clock.group("noon").casefold() == "midnight" else (12, 0)
    elif clock.group("hour24") is not None:
        hours, minutes = int(clock.group("hour24")), int(clock.group("minute24"))
    else:
        hours, minutes = int(clock.group("hour")), int(clock.group("minute") or 0)
        if not 1 <= hours <= 12 or minutes > 59:
            return None
        hours = hours % 12 + (12 if clock.group("half").casefold() == "p" else 0)
    about = clock.group("about").strip().casefold() not in ("at", "")
    return f"{'about ' if about else ''}{hours:02d}:{minutes:02d}"


def _first_phrase(prose: str, start: int, end: int) -> int:
    """Where the first "in/at/near" phrase after the verb starts (a later one may place
    something else: "took place at the zoo, in a city where ...")."""
    match = re.compile(r"\b(?:in|at|near)\s").search(prose, start, end)
    return match.start() if match else -1


# -- warning before the happening ---------------------------------------------------------


def _warnings(analysis: Analysis) -> list[Reading]:
    """Whether people were warned before the happening: "officials told residents to leave", "a
    tsunami warning was issued" against "nobody warned us", "no tsunami warning was issued". The
    holder is the kind of warning ("tsunami", or one general warning when none is named), so that
    "no tsunami warning" never meets "warned residents of the storm". "Without warning" is not
    read: it tells how an attacker struck, not whether anyone warned the people."""
    prose = analysis.prose
    readings = []
    for value, patterns in (("warned", _WARNED), ("not warned", _NOT_WARNED)):
        for pattern in patterns:
            for match in pattern.finditer(prose):
                sentence_start, sentence_end = sentence_of(analysis, match.start())
                if HEDGES.search(prose, sentence_start, match.end()) or (value == "warned" and _NEGATED_BEFORE.search(prose[sentence_start : match.start()])):
                    continue
                word = next((match.group(g) for g in ("kind", "kind2") if g in pattern.groupindex and match.group(g)), None)
                kind = word.casefold() if word and word.casefold() in WARNING_KINDS else "general"
                readings.append(Reading(f"warning:{kind}", "warning before the happening", value, analysis.article.id, match.start(), match.end(), match.group(0), f"a {kind} warning" if kind != "general" else "a warning", prose[sentence_start:sentence_end], False, _speaker(analysis, match.start())))
    return readings
