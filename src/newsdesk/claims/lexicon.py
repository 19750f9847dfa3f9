"""Word lists for claims: what a predicate or state word means, which nouns count the same
things, and which words hedge a statement."""

from __future__ import annotations

from newsdesk.quotes.lexicon import HEDGES

# Verb, adjective or noun lemma -> the predicate class a count is compared under.
PREDICATE_CLASSES = {
    **dict.fromkeys("injure wound hurt injured wounded hurt injury".split(), "injured"),
    **dict.fromkeys("kill die dead perish slay killed death".split(), "dead"),
    **dict.fromkeys("shoot_down intercept down neutralize neutralise bring_down".split(), "shot down"),
    **dict.fromkeys("hit strike reach impact".split(), "hit"),
    **dict.fromkeys("attack carry_out launch use fire send involve target employ".split(), "attack"),
    **dict.fromkeys("arrest detain apprehend".split(), "arrested"),
    **dict.fromkeys("evacuate displace".split(), "evacuated"),
    **dict.fromkeys("rescue save".split(), "rescued"),
    **dict.fromkeys("destroy raze demolish flatten level".split(), "destroyed"),
    **dict.fromkeys("damage".split(), "damaged"),
    **dict.fromkeys("lose fall drop decline decrease shrink slump plunge".split(), "lost"),
    **dict.fromkeys("wait queue block strand".split(), "waiting"),
    **dict.fromkeys("record register detect".split(), "recorded"),
    **dict.fromkeys("march demonstrate protest rally".split(), "protested"),
    **dict.fromkeys("ground immobilize immobilise".split(), "grounded"),
    **dict.fromkeys("burst rupture breach".split(), "burst"),
    **dict.fromkeys("disappear".split(), "missing"),
    **dict.fromkeys("win gain obtain secure take".split(), "won"),
    **dict.fromkeys("missing miss".split(), "missing"),
    **dict.fromkeys("sentence jail imprison".split(), "sentenced"),
    **dict.fromkeys("employ hire".split(), "employed"),
    **dict.fromkeys("break shatter split splinter fracture fragment".split(), "broken up"),
}

# Predicates whose grammatical object (or passive subject) is the counted thing; when the
# counted noun is their active subject it counts the doers ("three gunmen killed ...").
PATIENT_PREDICATES = frozenset("injured dead shot down arrested evacuated rescued destroyed damaged sentenced".split())

# Nouns that count the same things, mapped to one name.
NOUN_SYNONYMS = {
    "drone": "aircraft", "uav": "aircraft", "quadcopter": "aircraft", "plane": "aircraft", "jet": "aircraft", "airliner": "aircraft",
    "persons": "people", "person": "people", "individual": "people", "other": "people",
    "vessel": "ship", "boat": "ship", "ton": "tonne", "guest": "passenger",
    "home": "house", "residence": "house",
    "usd": "dollar",
    "fragment": "piece", "chunk": "piece", "shard": "piece",
}

# Counted nouns that name a harm: "2,300 deaths" and "31 bodies (recovered)" count people dead.
NOUNS_OF_HARM = {"death": "dead", "fatality": "dead", "body": "dead", "corpse": "dead", "injury": "injured"}

# Nouns that "no" counts as zero ("no casualties"); elsewhere "no" is not a figure ("no doubt").
ZERO_COUNTABLE = frozenset("casualty corpse body death fatality injury victim".split())

# Nouns for people in general, and nouns for kinds of people: "several people" may be more
# or less precise than "six bodyguards", but never contradicts it (they may be other people).
GENERIC_PEOPLE = frozenset({"people"})
PEOPLE_NOUNS = frozenset(
    """
    people bodyguard guard protester demonstrator civilian soldier officer policeman police
    child woman man worker passenger resident boy girl student member staff firefighter victim
    pilgrim tourist migrant refugee journalist fighter militant troop patient employee
    miner crew crewmember sailor spectator fan driver pedestrian rescuer doctor nurse
    """.split()
)

# Nouns that are not things counted in a claim (time spans, units, list markers).
NOT_COUNTED = frozenset(
    """
    year month week day hour minute second time times decade century percent per cent
    version point step round term stage phase part kind type way edition number
    mile kilometer kilometre km meter metre foot feet inch yard mph degree magnitude
    """.split()
)

# Words after which a number names something rather than counting it ("magnitude 6.1").
NUMBER_LABELS = frozenset(
    """
    magnitude category level number no no. flight route version article chapter section
    page room gate platform terminal model size grade stage phase episode round lap
    season edition
    """.split()
)

# State words -> the state they assert of a person or thing; the dimension they are compared on.
STATES = {
    **dict.fromkeys("unharmed unhurt unscathed uninjured".split(), "unharmed"),
    **dict.fromkeys("injure wound hurt injured wounded stab".split(), "injured"),
    **dict.fromkeys("kill die dead killed".split(), "dead"),
    **dict.fromkeys("alive survive".split(), "alive"),
    **dict.fromkeys("destroy raze demolish flatten destroyed".split(), "destroyed"),
    **dict.fromkeys("damage damaged".split(), "damaged"),
    **dict.fromkeys("intact undamaged".split(), "intact"),
}
NEGATED_STATES = {"injured": "unharmed", "dead": "alive", "unharmed": "injured", "alive": "dead", "destroyed": "not destroyed", "damaged": "intact"}
DIMENSION = {
    "unharmed": "harm", "injured": "harm", "dead": "harm", "alive": "harm",
    "destroyed": "damage", "damaged": "damage", "intact": "damage", "not destroyed": "damage",
}
# Pairs of states that cannot both hold of one person or thing after one event.
CONTRADICTORY_STATES = frozenset(
    frozenset(pair)
    for pair in (("unharmed", "injured"), ("unharmed", "dead"), ("alive", "dead"), ("intact", "destroyed"), ("intact", "damaged"), ("destroyed", "not destroyed"))
)
# Pairs where the second is a more specific way of saying the first. "Alive" against
# "unharmed" or "injured" is left out: every report of a survivor implies it, so it adds nothing.
MORE_SPECIFIC_STATES = frozenset({("not destroyed", "damaged"), ("not destroyed", "intact"), ("damaged", "destroyed")})
# Verbs whose object holds the state ("the blast killed the mayor"); the others hold it as subject.
TRANSITIVE_STATE_VERBS = frozenset("kill injure wound hurt stab destroy damage raze demolish flatten".split())
# "suffered a minor head injury": a verb of undergoing with an object that names the state.
UNDERGOING_VERBS = frozenset("suffer sustain receive".split())
STATE_NOUNS = {"injury": "injured", "wound": "injured", "damage": "damaged"}
# Adverbs that turn "destroyed" into partial damage ("partially destroyed", "not completely destroyed").
PARTIAL_WORDS = frozenset("partially partly half".split())
COMPLETE_WORDS = frozenset("completely entirely fully totally".split())
# Nouns whose "not ... by <noun>" negates the manner, not the event ("not destroyed by accident").
MANNER_NOUNS = frozenset("accident chance mistake coincidence".split())
# Words that stand for people with no number: "nobody was hurt" counts zero people.
ZERO_PEOPLE = frozenset({"nobody", "noone"})

# Hedges: the quote lexicon's evidential hedges plus words of speculation and modality.
SPECULATION = ("perhaps", "possibly", "probably", "maybe", "likely", "it is possible", "it seems", "appears to", "appear to", "presumably", "supposedly", "whether")
CLAIM_HEDGES = tuple(HEDGES) + SPECULATION
MODAL_HEDGES = frozenset("may might could would should".split())

# Words that pick out the one left over in "three drones, two were shot down, the third hit".
REMAINDER_WORDS = frozenset("third fourth fifth other remaining last rest".split())

# Actions ("who did what to whom"): verb lemma (with its particle) -> the action class compared
# across sources; verbs not listed are compared by their own lemma.
ACTION_CLASSES = {
    **dict.fromkeys("attack strike hit target bomb shell raid assault".split(), "attack"),
    **dict.fromkeys("shoot_down intercept down bring_down".split(), "shoot down"),
    **dict.fromkeys("accuse blame".split(), "accuse"),
    **dict.fromkeys("condemn denounce".split(), "condemn"),
    **dict.fromkeys("deny reject dismiss".split(), "deny"),
    **dict.fromkeys("claim admit".split(), "claim"),
    **dict.fromkeys("arrest detain apprehend".split(), "arrest"),
    **dict.fromkeys("kill slay".split(), "kill"),
    **dict.fromkeys("injure wound".split(), "injure"),
    **dict.fromkeys("seize capture".split(), "seize"),
}
# Verbs that say, think, have or help rather than act on someone: no action claims.
NON_ACTION_VERBS = frozenset(
    """
    be have say tell do make get give take see know think believe want need ask add include become
    seem appear go come show report state announce confirm call describe mention write note explain
    expect hope fear mean cause leave keep let put find feel hear read like try begin start continue
    receive suffer sustain survive win lose hold follow reach use send
    """.split()
)
# Verbs that deny the action in their complement: "denied attacking the ship" negates "attack".
DENIAL_VERBS = frozenset("deny".split())
# Heads of doers that name who acted without a proper name ("Iraqi forces", "the militia").
ACTOR_NOUNS = frozenset(
    """
    force troop army military militia police government ministry minister president police
    soldier gunman militant rebel group faction authority official prosecutor court coalition
    navy guard leader commander spokesman party parliament
    """.split()
)
# Nouns of an action's object that name the same thing ("denied any involvement" / "denied responsibility").
TARGET_SYNONYMS = {"responsibility": "involvement", "role": "involvement", "residence": "house", "home": "house", "drone": "aircraft"}
