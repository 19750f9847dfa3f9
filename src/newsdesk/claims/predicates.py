"""What a statement's verb means, for comparing propositions across sources: classes of
meaning, kept small, and the verbs that pass their meaning on to the verb they govern.

- **Predicate classes** (``PREDICATE_MEANING``): verbs that news writes interchangeably for one
  happening. Two statements whose verbs share a class state the same predicate ("survived the
  attack" / "escaped unscathed from the attack"; "was arrested" / "was detained"). Each class is
  a meaning, never a phrase of one article; a verb outside every class is its own class, and a
  verb with a particle outside every class is the verb's class ("crashed out" / "crashed").
- **Implicative verbs** (``IMPLICATIVE``): "managed to escape" states that he escaped, "failed to
  find" that they did not find; the proposition is the governed verb's, negated for the verbs
  of failure. (Verbs of saying and denial are handled the same way, in ``statements``.)
- **Saying** (``SAYING_VERBS``): verbs that report what someone says, thinks or estimates; the
  frame is the voice, not the proposition. Verbs of evidence (``EVIDENCE_VERBS``: "revealed
  that", "showed that") are a frame only before a "that" clause.
"""

from __future__ import annotations

_CLASSES = {
    # coming through harm alive
    "survive": "survive escape emerge outlive",
    # finding or noticing something
    "find": "find discover detect spot locate uncover identify",
    # asking someone for something
    "ask": "ask request demand urge",
    # violence against a target
    "attack": "attack strike hit target bomb shell raid assault",
    # taking a person into custody
    "arrest": "arrest detain apprehend nab",
    # denying what another says
    "deny": "deny reject refute dismiss",
    # looking into something before deciding
    "examine": "review consider examine study weigh evaluate assess investigate probe",
    # taking something away or down
    "remove": "remove pull delete withdraw take_down",
    # closing an area to people
    "close": "close cordon_off rope_off seal_off shut close_off fence_off block_off",
    # coming apart
    "break": "break_off calve split_off break_away break_up split",
    # winning a contest
    "win": "win clinch",
    # dying
    "die": "die perish",
    # a vehicle driven into something
    "crash": "crash ram smash slam plough plow collide",
    # falling down
    "fall": "fall plummet plunge tumble",
    # sending people or machines somewhere
    "send": "send dispatch deploy",
    # hurting
    "injure": "injure wound hurt",
    # leaving an office
    "resign": "resign quit step_down",
    # buying
    "buy": "buy acquire purchase",
    # putting off
    "postpone": "postpone delay defer reschedule push_back",
    # calling off
    "cancel": "cancel scrap call_off axe",
    # forbidding
    "ban": "ban prohibit bar outlaw forbid",
    # letting go
    "release": "release free",
    # intending
    "plan": "plan intend",
    # putting in or supplying
    "supply": "supply provide pump deliver send",
}
PREDICATE_MEANING = {verb: meaning for meaning, verbs in _CLASSES.items() for verb in verbs.split()}

# A passive without its agent states what its subject underwent: "two people were killed" is
# that they died. Verbs of what happens to their subject (``UNDERGOING``: "the boy fell", "the
# ship sank") have no doer apart from it: their subject is the thing done, as a passive's is.
UNDERGONE = {"kill": "die"}
UNDERGOING = frozenset("die fall sink collapse drown".split())

# verb -> whether it negates the verb it governs ("fail to find" is "not find")
# ("had to be roped off" states that it was roped off)
IMPLICATIVE = {"manage": False, "succeed": False, "fail": True, "neglect": True, "have": False}

SAYING_VERBS = frozenset(
    """
    say tell add report announce confirm state claim write explain note insist warn told tweet
    believe think assume admit acknowledge respond reply stress argue allege testify
    estimate conclude
    """.split()
)

# Verbs of evidence: a frame only before "that" ("the data revealed that the berg rose 49m"); with
# an object they state a proposition of their own ("emails obtained by Newsweek reveal a ...").
EVIDENCE_VERBS = frozenset("reveal show indicate".split())

__all__ = ["EVIDENCE_VERBS", "IMPLICATIVE", "PREDICATE_MEANING", "SAYING_VERBS", "UNDERGOING", "UNDERGONE", "meaning"]


def meaning(predicate: str | None) -> str | None:
    """The class of meaning of a statement's predicate (its lemma, with its particle)."""
    if predicate is None:
        return None
    if predicate in PREDICATE_MEANING:
        return PREDICATE_MEANING[predicate]
    # a verb with a particle outside every class means what the verb means ("crashed out" is
    # "crashed", "dug out" is "dug"); a class lists the particle verbs that mean otherwise
    verb, _, particle = predicate.partition("_")
    return PREDICATE_MEANING.get(verb, verb) if particle else predicate
