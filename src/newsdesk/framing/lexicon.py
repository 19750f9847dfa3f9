"""Word lists for framing: the writer's own voice, speculation, and genre markers.

Speculation extends the attribution hedges of ``newsdesk.quotes.lexicon.HEDGES`` (which say a
claim is only reported) with the words a writer uses to guess for themselves.
"""

from __future__ import annotations

import re

from newsdesk.quotes.lexicon import FIRST_PERSON, HEDGES, SPEECH_VERBS

__all__ = ["FIRST_PERSON", "SPEECH_VERBS"]

FIRST_PERSON_FORMS = FIRST_PERSON | frozenset("my our mine ours myself ourselves".split())
SECOND_PERSON_FORMS = frozenset("you your yours yourself yourselves".split())

SPECULATION = HEDGES + (
    "perhaps",
    "maybe",
    "possibly",
    "probably",
    "presumably",
    "conceivably",
    "it is possible",
    "it is likely",
    "it is unlikely",
    "is likely to",
    "are likely to",
    "one can assume",
    "it seems",
    "it appears",
    "may have",
    "might have",
    "could have",
    "would have",
    "if it turns out",
)
# Modal verbs that, heading a clause, make it a guess rather than a statement of fact.
SPECULATIVE_MODALS = frozenset("may might could would".split())
# Modal verbs that make a clause a demand: the writer says what ought to be.
DEONTIC_MODALS = frozenset("should must ought".split())

# Verbs with which a writer states their own stance ("I believe", "we must assume").
STANCE_VERBS = frozenset("think believe feel assume suppose doubt hope fear wish admire disagree agree welcome urge suggest warn argue bet".split())

# Evaluative words a news report leaves to the people it quotes.
EVALUATIVE = frozenset(
    """
    appalling appalled shameful ashamed disgraceful outrageous ridiculous absurd lazy cynical
    pathetic shocking scandalous terrible awful horrible wonderful brilliant excellent
    admirable magnificent disastrous catastrophic embarrassing predictable boring timid
    incompetent reckless foolish stupid naive hypocritical betrayal shame sacred smart cunning
    fierce beloved delight delightful sad overdue welcome cowardly heroic brave unacceptable
    honestly frankly clearly obviously surely luckily fortunately unfortunately sadly hopefully
    ironically regrettably thankfully undoubtedly
    """.split()
)

# Exact phrases, matched case-insensitively on the prose, with the genre each points to.
GENRE_PHRASES: dict[str, tuple[str, ...]] = {
    "press_release": (
        "for immediate release",
        "press release",
        "news release",
        "media release",
        "prnewswire",
        "globe newswire",
        "business wire",
        "today announced",
        "is pleased to announce",
        "are pleased to announce",
        "is proud to announce",
        "media contact",
        "press contact",
        "investor contact",
        "media enquiries",
        "media inquiries",
        "notes to editors",
        "for further information",
        "for more information, contact",
        "forward-looking statements",
        "press service of",
        "informs that",
        "reminds that",
    ),
    "analysis": (
        "this suggests",
        "this means",
        "what this means",
        "the question now is",
        "the answer depends",
        "will depend on",
        "depends on",
        "three factors",
        "three reasons",
        "three things",
        "on the one hand",
        "on the other hand",
        "taken together",
        "what comes next",
        "analysts say",
        "economists are divided",
        "the likely result",
        "the real prize",
        "part of the reason",
        "what is clear is",
        "it remains to be seen",
        "should be seen in the context",
    ),
    "opinion": (
        "in my opinion",
        "in my view",
        "let me be",
        "let's be honest",
        "i must say",
        "i believe",
        "i think",
        "i was wrong",
        "i urge",
        "my advice",
        "this newspaper has",
        "i personally",
        "it is time for",
        "it is time to",
        "it is time that",
    ),
}

# A first line labelled with its genre: "Analysis: Why ...", "Opinion | ...", "Letters: ...".
GENRE_LABELS: dict[str, re.Pattern[str]] = {
    "opinion": re.compile(r"^\s*(?:opinion|op-ed|editorial|comment|column|letters?|viewpoint|commentary)\s*[:|—–-]", re.I),
    "analysis": re.compile(r"^\s*(?:analysis|explainer|explained|news analysis|q&a|fact ?check)\s*[:|—–-]", re.I),
    "press_release": re.compile(
        r"^\s*(?:for immediate release|(?:official |club |joint )?statement\b)|\b(?:press|news|media) release\b|\bofficial announcement\b", re.I
    ),
}

# A headline that promises an explanation rather than news: "Why ...", "Can the ceasefire hold?",
# "What the drought means", "... explained".
EXPLANATORY_HEADLINE = re.compile(r"^\s*(?:why|how|what|can|will|is|are|does|do)\b.*(?:\?|\bmeans?\b|\bexplained\b|\bbehind\b)|\?\s*$|\bexplained\b|^\s*why\b|^\s*behind the\b", re.I)

# Connectives of explanation and weighing, counted per sentence: analysis reasons about events.
ANALYTIC_CONNECTIVES = re.compile(
    r"\b(?:because|therefore|thus|hence|as a result|consequently|which means|that is why|this is why|due to|however|yet|"
    r"meanwhile|whether|depends? on|hinges? on|will hinge|by contrast|in contrast|on the one hand|on the other hand|the reason|"
    r"the causes?|several causes|consequences?|lessons?|factors?|the risks?|the likely|most likely|most probable|outcome|suggests?|implies|means that)\b",
    re.I,
)

# An organisation announcing its own news: "is delighted to confirm", "are pleased to announce".
SELF_ANNOUNCEMENT = re.compile(r"\b(?:is|are|am) (?:delighted|pleased|proud|excited|thrilled|happy) to (?:announce|confirm|welcome|introduce|share|report|launch|present)\b", re.I)

# A line giving contact details: an e-mail address, or a phone number after contact/call/inquiries.
CONTACT_LINE = re.compile(r"^[^\n]*(?:[\w.+-]+@[\w-]+\.[\w.]+|\b(?:contact|call|phone|tel|inquiries|enquiries)\b[^\n]*\d{3}[\s-]?\d{3,4})[^\n]*$", re.M | re.I)

# Boilerplate lines of a press release: "About X", "Ends", "###", "Contact: ...", "Statement by X".
PRESS_RELEASE_LINES = re.compile(
    r"^\s*(?:about [A-Z][^\n.]{0,60}:?|ends|-?\s*ends\s*-?|###|contact:.*|media contact.*|(?:below is )?(?:a |the )?statement (?:by|from|of) [^\n]{3,80})\s*$",
    re.M | re.I,
)

# A dateline with a wire tag: "OSLO, March 3, 2024 /PRNewswire/ --", "ZURICH, Oct. 24, 2023 (GLOBE NEWSWIRE) --".
WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40},[^\n]{0,60}(?:/PRNewswire/|\(GLOBE NEWSWIRE\)|\(BUSINESS WIRE\)|--)", re.M)

# Disclaimers that mark a signed opinion piece; cleaning removes some (analysis.removed), these stay.
DISCLAIMERS = re.compile(
    r"(?:views|opinions) expressed (?:here |in this (?:article|column) )?are (?:his|her|their|the author's|my) own"
    r"|the (?:writer|author) is an? [^.\n]{3,80}\."
    r"|(?:point of view|views?|opinions?) (?:of the author|expressed)[^.]{0,80}(?:may not|do(?:es)? not) (?:necessarily )?(?:coincide|reflect|represent)",
    re.I,
)
