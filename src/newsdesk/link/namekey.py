"""Transliteration-aware keys for names.

The same Arabic, Persian or Russian name reaches English text through many
romanisations (al-Kadhimi, al-Kazimi, Kazemi; Zelensky, Zelenskyy, Selenski).
``name_key`` maps such spellings onto one key by undoing the choices that
romanisation systems make differently: diacritics, the Arabic article, which
letters stand for one Arabic or Cyrillic sound, how vowels are written, doubled
letters and word endings. Keys are lossy on purpose; callers verify candidate
pairs with type, token alignment and string similarity before merging.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Titles and honorifics, longest first so "Prime Minister" wins over "Minister".
TITLES = (
    "grand ayatollah", "ayatollah", "hojatoleslam", "sheikh", "shaykh", "sheik", "imam", "mullah",
    "mufti", "cleric", "pope", "cardinal", "archbishop", "bishop", "rabbi", "reverend", "rev",
    "father", "haji", "hajji", "sayyed", "sayyid", "seyed", "seyyed", "sayed",
    "prime minister", "deputy prime minister", "foreign minister", "interior minister",
    "defence minister", "defense minister", "finance minister", "minister", "president",
    "vice president", "vice-president", "chancellor", "premier", "secretary of state",
    "secretary-general", "secretary general", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "speaker", "ambassador", "governor", "mayor", "senator", "congressman",
    "congresswoman", "representative", "chairman", "chairwoman", "chair", "ceo", "chief executive",
    "founder", "leader", "commander", "general", "lieutenant general", "major general",
    "brigadier general", "colonel", "lieutenant", "major", "captain", "admiral", "marshal",
    "field marshal", "sergeant", "judge", "justice", "prosecutor", "king", "queen", "prince",
    "crown prince", "princess", "emir", "amir", "sultan", "sir", "lord", "lady", "dame",
    "doctor", "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mme", "mister",
    "gen", "lt", "col", "capt", "sgt", "sen", "rep", "gov", "pres", "pm", "fm",
)
TITLE_ABBREVIATIONS = {
    "ceo": "CEO", "pm": "Prime Minister", "fm": "Foreign Minister", "gen": "General", "lt": "Lieutenant",
    "col": "Colonel", "capt": "Captain", "sgt": "Sergeant", "sen": "Senator",
    "rep": "Representative", "gov": "Governor", "pres": "President", "dr": "Doctor",
    "prof": "Professor", "rev": "Reverend",
}
# Honorifics that say nothing about office; stripped from names but not kept as roles.
COURTESY_TITLES = {"mr", "mrs", "ms", "miss", "mme", "mister", "sir", "dame", "lord", "lady",
                   "sayyed", "sayyid", "seyed", "seyyed", "sayed"}
TITLES_THAT_BEGIN_NAMES = {
    "general", "major", "justice", "king", "queen", "prince", "crown prince", "lord", "lady", "father",
    "chair", "pope", "cardinal", "ambassador", "leader", "founder", "speaker", "marshal", "sultan", "emir",
    "premier", "imam", "doctor", "captain", "admiral", "governor", "senator", "representative",
}
CONNECTORS = {"of", "and", "the", "for", "de", "del", "la", "le", "du", "des", "van", "von", "der", "da",
              "di", "al", "el", "bin", "ibn", "ben", "bint", "y", "e", "los", "las", "on", "in", "at"}
CORPORATE_SUFFIXES = {"inc", "corp", "corporation", "co", "llc", "ltd", "plc", "nv", "sa", "ag", "gmbh",
                      "company", "limited"}

_TITLE_RE = re.compile(
    r"^(?:(?:the|former|ex-|acting|interim|late|then-?)\s*)*"
    r"(?:[A-Z][a-z]+(?:i|an|ian|ish|ese|ch|ic)\s+|[A-Z]{2,3}\s+|[A-Z][a-z]+'s\s+)?"
    r"(" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")\.?\s+",
    re.IGNORECASE,
)
_INNER_TITLE_RE = re.compile(
    r"\b(" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")\.?\s+(?=[A-Z])",
    re.IGNORECASE,
)
_POSSESSIVE_RE = re.compile(r"['’`]s?$")
_LEADING_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)
# The Arabic article before a hyphen, including its assimilated forms (as-Sadr, ash-Shaabi).
_HYPHEN_ARTICLE_RE = re.compile(r"\b(?:al|el|ul|il|a[dnrstz]|ash|adh|ath)-", re.IGNORECASE)
_GLUED_ARTICLE_RE = re.compile(r"\b(A[lL]|E[lL])(?=[A-Z][a-z])")
ARTICLES = {"al", "el", "ul", "le", "la"}
SON_OF = {"bin", "ibn", "ben", "bint", "ould"}
_ABD_RE = re.compile(r"^abd[aeiou]?l(?=[a-z]{4,})|^abd[aeiou]l$")

# Spellings of one sound in different romanisations, applied in order.
_SOUND_CLASSES = (
    ("tsch", "sh"), ("tch", "sh"), ("sch", "sh"), ("ch", "sh"), ("dzh", "j"), ("dj", "j"), ("zh", "j"),
    ("kh", "h"), ("gh", "g"), ("ph", "f"), ("dh", "d"), ("th", "d"), ("z", "d"),
    ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"), ("w", "v"),
)
_VOWELS = "aeiouy"


def split_title(name: str, person: bool = True) -> tuple[str, list[str]]:
    """Strip titles and descriptions from a name; return the bare name and the titles as roles.

    For a person, a title anywhere before the name counts ("Apple CEO Steve Jobs"); for other
    names only a leading title does, and not one that also begins organisation names ("General Motors").
    """
    text = _LEADING_THE_RE.sub("", name.strip())
    text = _POSSESSIVE_RE.sub("", text).strip()
    if person and "," in text:
        text = text.split(",")[0].strip()  # "Steve Jobs, the Apple chief executive"
    text = _strip_description(text)
    roles: list[str] = []
    while True:
        match = _TITLE_RE.match(text)
        if not match or not text[match.end():].strip():
            break
        title = match.group(1).lower()
        if not person and (title in TITLES_THAT_BEGIN_NAMES or match.group(1).isupper()):
            break  # "General Motors"; "DR Congo" is no doctor
        if title not in COURTESY_TITLES:
            roles.append(TITLE_ABBREVIATIONS.get(title, title.title()))
        text = text[match.end():]
    if person:
        inner = [m for m in _INNER_TITLE_RE.finditer(text) if text[m.end():].strip()]
        if inner:
            title = inner[-1].group(1).lower()
            if title not in COURTESY_TITLES:
                roles.append(TITLE_ABBREVIATIONS.get(title, title.title()))
            text = text[inner[-1].end():]
    return text.strip(), roles


def _strip_description(text: str) -> str:
    """Drop a lowercase description before a name ("aircraft manufacturer Boeing" -> "Boeing")."""
    words = text.split()
    described = [i for i, w in enumerate(words[:-1])
                 if w[:1].islower() and w.lower() not in CONNECTORS and not _HYPHEN_ARTICLE_RE.match(w)
                 and w[:1].isalpha()]
    if described and words[described[-1] + 1][:1].isupper():
        return " ".join(words[described[-1] + 1:])
    return text


def raw_tokens(name: str) -> list[str]:
    text = _GLUED_ARTICLE_RE.sub(r"\1 ", name)
    text = _HYPHEN_ARTICLE_RE.sub(" ", text)
    text = anyascii(text).lower()
    text = re.sub(r"['`’ʿʾ]", "", text)
    return [t for t in re.split(r"[^a-z0-9]+", text) if t]


def token_key(token: str) -> str:
    if token.isdigit():
        return token
    if _ABD_RE.match(token):
        token = "abd" + token[_ABD_RE.match(token).end():]
    token = re.sub(r"(?<=[aeiou])h$", "", token)
    # Final i/e/y (nisba -i, Russian -iy/-yy, French mute -e) are written or dropped at will.
    stem = re.sub(r"[eiyj]+$", "", token)
    if len(stem) >= 3:
        token = stem
    for spelling, sound in _SOUND_CLASSES:
        token = token.replace(spelling, sound)
    # Initial y before a vowel is a consonant (Yasser), except Russian ye/e (Yeltsin, Eltsine);
    # elsewhere y is a vowel.
    token = re.sub(r"^ye", "e", token)
    token = re.sub(r"^y(?=[aeiou])", "Y", token)
    token = re.sub(f"[{_VOWELS}]+", "a", token)
    token = re.sub(r"(.)\1+", r"\1", token)
    return token.lower()


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """Token keys of a name without its titles and articles ("Mustafa al-Kadhimi" -> ("mastafa", "kadam"))."""
    return bare_tokens(split_title(name)[0])


@lru_cache(maxsize=200_000)
def bare_tokens(bare: str) -> tuple[str, ...]:
    """Token keys of a name already stripped of titles."""
    tokens = raw_tokens(bare)
    while len(tokens) > 1 and tokens[-1] in CORPORATE_SUFFIXES:
        tokens = tokens[:-1]
    content = [t for t in tokens if t not in ARTICLES]
    if not content:
        content = tokens
    return tuple("b" if t in SON_OF else token_key(t) for t in content)


def initials(bare: str) -> str:
    """Initials of a name's content words ("European Aeronautic Defence and Space Company" -> "eads")."""
    words = [w for w in raw_tokens(bare) if w not in CONNECTORS]
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words = words[:-1]
    return "".join(w[0] for w in words)


def name_key(name: str) -> str:
    """Transliteration-aware key: spellings of one name in different romanisations share it."""
    return "".join(name_tokens(name))


_COARSE = str.maketrans({"g": "k", "c": "k", "p": "b", "f": "b", "v": "b", "j": "y", "t": "d", "s": "d"})


def coarse_key(key: str) -> str:
    """A blunter key for blocking candidate pairs (Gaddafi ~ Qaddafi, Tse ~ Ze)."""
    return re.sub(r"(.)\1+", r"\1", key.translate(_COARSE))


def skeleton(key: str) -> str:
    """The coarse key without vowels: a blocking key that tolerates inserted vowels (Sadr, Sader)."""
    return re.sub(r"(.)\1+", r"\1", coarse_key(key).replace("a", "")) or key


# Head nouns of administrative regions, one word in any of the languages news names them in
# ("Raqqa Governorate", "Raqqa province"; "Kherson Oblast", "Kherson region").
ADMINISTRATIVE_HEADS = frozenset(
    "province provinces governorate governorates oblast region regions prefecture krai kray voivodeship "
    "provincia region departement department wilayah wilaya vilayet".split()
)


# Words naming what kind of group a name is, dropped from it when other words remain: outlets
# and translations add or leave them ("the Quds Force", "Quds"; "Wagner Group", "Wagner").
GROUP_HEADS = frozenset("force group brigade movement party militia front corps organization organisation".split())


def _singular(word: str) -> str:
    """A plural head noun's singular ("forces" -> "force", "guards" -> "guard"); "us", "ss" and
    "is" endings (Hamas excepted: it is no plural but stays itself on both sides) are left."""
    if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=200_000)
def group_tokens(bare: str) -> tuple[str, ...]:
    """Token keys of an organisation's or a site's name, in no order, its last word singular: word
    order and number vary between outlets and translations ("Hospital Ibn Sina", "Ibn Sina
    Hospital"; "Quds forces", "Quds Force"), the words do not. Connectors, the Arabic article and
    a group's kind (``GROUP_HEADS``) drop out, and an administrative head noun is one word
    ("province", "governorate", "oblast" -> "region")."""
    tokens = raw_tokens(bare)
    while len(tokens) > 1 and tokens[-1] in CORPORATE_SUFFIXES:
        tokens = tokens[:-1]
    if tokens:
        tokens = tokens[:-1] + [_singular(tokens[-1])]
    content = [t for t in tokens if t not in CONNECTORS and t not in ARTICLES] or tokens
    content = [t for t in content if _singular(t) not in GROUP_HEADS] or content
    return tuple(sorted("region" if t in ADMINISTRATIVE_HEADS else token_key(t) for t in content))
