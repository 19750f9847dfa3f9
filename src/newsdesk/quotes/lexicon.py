"""Word lists that signal reported speech and say what kind of source is speaking."""

from __future__ import annotations

from newsdesk.analyse.labels import PLATFORMS

# Verbs (lemmas) that report what someone said or wrote.
SPEECH_VERBS = frozenset(
    """
    say tell state announce declare add explain note stress emphasize emphasise insist
    confirm deny warn assure alert claim report write tweet post argue suggest admit
    acknowledge reveal predict promise threaten reply respond answer ask comment remark
    recall mention hint testify allege complain concede conclude disclose estimate
    indicate inform maintain observe reiterate repeat shout vow whisper affirm assert
    contend caution underline underscore proclaim boast lament retort counter exclaim
    clarify specify quote speak address share describe condemn denounce accuse urge
    """.split()
)

# Reporting verbs whose clausal complement is the reported content.
INDIRECT_VERBS = SPEECH_VERBS - {"quote", "speak", "address", "share", "describe", "condemn", "denounce", "accuse", "urge", "ask"}

# Verbs that describe something as something else: "described this as a terrorist attack".
DESCRIPTION_VERBS = frozenset("describe call label brand term dub characterize characterise qualify".split())

# Nouns that stand for an utterance: "made a statement:", "were the words shared by ...".
SPEECH_NOUNS = frozenset(
    """
    statement words word speech remarks remark comment comments message tweet post address
    interview declaration announcement communique communiqué testimony
    """.split()
)

HEDGES = (
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "supposedly",
    "it is believed",
    "it was believed",
    "is believed to",
    "are believed to",
    "is said to",
    "are said to",
    "was said to",
    "it is alleged",
    "rumoured",
    "rumored",
    "unconfirmed",
)

SOCIAL_MEDIA_WORDS = frozenset("twitter tweet tweeted tweets facebook instagram telegram x.com social network networks posted post".split())

# Heads of phrases that stand for unnamed people.
ANONYMOUS_HEADS = frozenset(
    """
    source sources official officials witness witnesses people residents analyst analysts
    expert experts observer observers insider insiders diplomat diplomats someone they
    journalist journalists reporter reporters media channels critics activists
    """.split()
)

# Heads of phrases that stand for a document rather than a speaker.
DOCUMENT_HEADS = frozenset(
    """
    report reports statement study survey document documents letter newspaper paper
    website data information ruling filing release communique communiqué article
    """.split()
)

# Heads of phrases that stand for an institution.
BODY_HEADS = frozenset(
    """
    ministry government police army department agency council committee office embassy
    company party court commission authorities authority administration military
    presidency parliament union organization organisation firm spokesmanship service
    services group
    """.split()
)

# Heads of phrases that name a person by their role.
ROLE_HEADS = frozenset(
    """
    minister president spokesman spokeswoman spokesperson leader secretary chief head
    director ambassador governor mayor general commander premier chancellor king queen
    prince chairman chairwoman chair ceo founder cleric ayatollah adviser advisor envoy
    senator congressman congresswoman representative judge prosecutor attorney lawyer
    sheriff officer captain colonel lieutenant sergeant coach manager owner executive
    """.split()
)

PERSON_PRONOUNS = frozenset("he she him her".split())
FIRST_PERSON = frozenset("i we me us".split())

# Names the tagger calls PERSON that are platforms, not people: the list analysis relabels ORG by.
NOT_PEOPLE = PLATFORMS
