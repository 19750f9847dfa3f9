"""How alike two names are, token by token, on their transliteration keys."""

from __future__ import annotations

from rapidfuzz import fuzz

from newsdesk.link.namekey import coarse_key

SAME_TOKEN = 88.0  # "sadr" ~ "sadar", "gadaf" ~ "kadaf" (coarse keys agree)
COARSE_AGREEMENT = 90.0
COARSE_FLOOR = 75.0  # short keys agree coarsely by chance ("fata" ~ "pada")


def token_similarity(left: str, right: str) -> float:
    """0-100 similarity of two token keys; spellings that only differ in letters that romanisations swap score 90."""
    if left == right:
        return 100.0
    score = fuzz.ratio(left, right)
    if score >= COARSE_FLOOR and coarse_key(left) == coarse_key(right):
        score = max(score, COARSE_AGREEMENT)
    return score


def _first_names_agree(left: str, right: str) -> bool:
    if len(left) == 1 or len(right) == 1:  # an initial
        return left[0] == right[0]
    return token_similarity(left, right) >= SAME_TOKEN


def full_name_similarity(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    """Similarity of two multi-token person names: both the given and the family names must agree."""
    if len(left) < 2 or len(right) < 2:
        return 0.0
    if "".join(left) == "".join(right):  # split differently: Kim Jong-un, Kim Jongun
        return 100.0
    if not _first_names_agree(left[0], right[0]):
        return 0.0
    if len(left) == len(right):
        if not _middles_agree(left[1:-1], right[1:-1]):
            return 0.0
        return min(token_similarity(left[0], right[0]), token_similarity(left[-1], right[-1]))
    if len(left) > 2 and len(right) > 2 and not _middles_agree(left[1:-1], right[1:-1]):
        return 0.0  # George W. Bush, George H. W. Bush: father and son share the rest
    # A middle name or patronymic on one side only: compare given and family names.
    return min(token_similarity(left[0], right[0]), token_similarity(left[-1], right[-1]))


def _middles_agree(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """Two middle parts of different lengths agree only when one is the other spelt out
    (initials for names); a middle name more on one side ("W." against "H. W.") is another person."""
    if len(left) != len(right):
        return False
    return all(_first_names_agree(a, b) for a, b in zip(left, right))


# Keys of the words that begin a family name of two words (Abdul Mahdi, Abu Bakr, bin Laden,
# de Gaulle, van Gogh, del Toro, Mac Donald).
COMPOUND_SURNAME_STARTS = frozenset({"abd", "aba", "b", "da", "dal", "van", "fan", "mak"})


def is_part_of(part: tuple[str, ...], whole: tuple[str, ...]) -> str | None:
    """How a shorter name sits in a full one: "surname", "given-name" or None. A part of two
    words is a family name only when its first word begins family names; one of three is a full
    name of its own: the father's inside the son's (Ali Abdullah Saleh, Ahmed Ali Abdullah Saleh)."""
    if not part or len(part) >= len(whole):
        return None
    if len(part) > 2 or (len(part) == 2 and part[0] not in COMPOUND_SURNAME_STARTS):
        return None
    tail = whole[-len(part):]
    if all(token_similarity(a, b) >= SAME_TOKEN for a, b in zip(part, tail)):
        return "surname"
    if len(part) == 1 and part[0] == whole[0] and len(part[0]) > 2:
        return "given-name"
    return None


def affix_similarity(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    """Similarity when one full name is the other with a name more at the end (Fidel Castro,
    Fidel Castro Ruz: a second family name). A name more in front is not counted: it is how a
    son is named after his father (Ali Abdullah Saleh, Ahmed Ali Abdullah Saleh; Bashar Hafez
    al-Assad), and only the text can say the two are one."""
    short, long_ = sorted((left, right), key=len)
    if len(short) < 2 or len(short) == len(long_):
        return 0.0
    return min(token_similarity(a, b) for a, b in zip(short, long_[:len(short)]))
