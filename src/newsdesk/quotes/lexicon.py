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

# Nouns for one person the text leaves unnamed ("a neighbour", "a France Telecom spokeswoman"): a
# later "he" or "she" can stand for them.
UNNAMED_PERSON_HEADS = (ROLE_HEADS | frozenset(
    """
    source official witness resident analyst expert observer insider diplomat journalist reporter
    neighbour neighbor relative friend survivor victim passenger driver doctor nurse teacher student
    man woman spokesperson
    """.split()
)) - frozenset({"head", "chair", "general", "representative"})

PERSON_PRONOUNS = frozenset("he she him her".split())
FIRST_PERSON = frozenset("i we me us".split())

# Names the tagger calls PERSON that are platforms, not people: the list analysis relabels ORG by.
NOT_PEOPLE = PLATFORMS

# Title words that say a person is a woman or a man ("spokeswoman Hua Chunying", "Mr Cubillo"):
# the gender a pronoun must agree with when the article shows it.
FEMALE_TITLES = frozenset(
    """
    mrs ms miss madam madame lady dame queen princess duchess spokeswoman chairwoman businesswoman
    congresswoman actress mother wife daughter sister grandmother aunt niece widow girl woman
    """.split()
)
MALE_TITLES = frozenset(
    """
    mr sir lord king prince duke spokesman chairman businessman congressman actor father husband
    son brother grandfather uncle nephew widower boy man
    """.split()
)

# Words before a name that make it a person's name even when the tagger missed it
# ("Qeshm Governor Mehdi Irannejad", "Officer Ray Scheidnes").
PERSON_TITLES = ROLE_HEADS | FEMALE_TITLES | MALE_TITLES | frozenset("dr rabbi imam pastor father sheikh".split())

# Roles that name the same office in other words ("the city's chief prosecutor" / "District Attorney").
ROLE_SYNONYMS = {
    "prosecutor": frozenset({"attorney"}),
    "attorney": frozenset({"prosecutor"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman"}),
    "spokesman": frozenset({"spokesperson"}),
    "spokeswoman": frozenset({"spokesperson"}),
    "head": frozenset({"chief", "leader", "director", "chairman", "chairwoman"}),
    "chief": frozenset({"head", "director"}),
    "leader": frozenset({"head", "chief"}),
}

# Heads of phrases that stand for a company the article has named: "the company", "the firm".
COMPANY_HEADS = frozenset("company firm carrier airline bank manufacturer maker retailer chipmaker automaker insurer giant group studio".split())

# Heads of phrases that stand for a news outlet: "a South Korean newspaper" is the paper the
# article names elsewhere ("The newspaper Chosun Ilbo").
MEDIA_HEADS = frozenset("newspaper paper daily tabloid broadcaster channel agency outlet magazine website".split())

# How an unnamed source says where its knowledge comes from: "sources close to the minister",
# "a person familiar with the talks", "an official with direct knowledge of the matter".
CLOSE_TO_PATTERN = r"\b(?:close to|familiar with|(?:with|who has|who have|having) (?:\w+ )?knowledge of|briefed on|involved in)\s+(.+)"
