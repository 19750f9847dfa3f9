"""Names that reached English through Russian: the spellings they would have had directly.

Machine-translated Russian press writes Ukrainian and Chinese names as Russian writes them,
romanised again into Latin letters. Two tables undo that route; each gives a name its other
readings, which the linker compares like any spelling (``alternate_spellings``):

- **Ukrainian names spelt the Russian way.** Russian Г is Ukrainian Г read *h*, so Russian-route
  spellings have *g* where Ukrainian romanisation has *h* (Shmygal / Shmyhal, Lugansk / Luhansk,
  Oleg / Oleh), and common given names have their Ukrainian form (Dmitry / Dmytro, Vladimir /
  Volodymyr; ``UKRAINIAN_GIVEN_NAMES``). Other differences (i / y, -ov / -iv, -iy / -yi) are vowels
  and endings the name key already ignores. Only a name showing Russian romanisation is read so
  (``shows_russian_romanisation``: zh, kh, shch, ts, y between consonants, Slavic endings), so a
  Ghassan never becomes a Hassan.
- **Chinese names in the Palladius system.** Russian writes Chinese in Palladius Cyrillic (Ван И,
  Мао Цзэдун), romanised back as "Van I", "Mao Tszedun". ``PALLADIUS`` maps each pinyin syllable
  to its Palladius Cyrillic; read backwards through the usual romanisation of Cyrillic
  (``CYRILLIC_LATIN``) it turns such spellings into pinyin (Wang Yi, Mao Zedong). A name is read
  as Palladius only when each word splits into Palladius syllables and one of them is not pinyin.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from anyascii import anyascii

# ---- Russian route for Ukrainian names ----------------------------------------------------------

UKRAINIAN_GIVEN_NAMES = {
    "vladimir": "volodymyr", "nikolai": "mykola", "nikolay": "mykola", "mikhail": "mykhailo",
    "pavel": "pavlo", "pyotr": "petro", "petr": "petro", "aleksandr": "oleksandr", "alexander": "oleksandr",
    "alexandr": "oleksandr", "aleksei": "oleksii", "alexei": "oleksii", "alexey": "oleksii", "aleksey": "oleksii",
    "andrei": "andrii", "andrey": "andrii", "sergei": "serhii", "sergey": "serhii", "dmitry": "dmytro",
    "dmitri": "dmytro", "dmitriy": "dmytro", "grigory": "hryhorii", "grigoriy": "hryhorii",
    "yevgeny": "yevhen", "yevgeniy": "yevhen", "evgeny": "yevhen", "oleg": "oleh", "igor": "ihor",
    "ilya": "illia", "yury": "yurii", "yuri": "yurii", "yuriy": "yurii", "denis": "denys",
    "vitaly": "vitalii", "vitali": "vitalii", "vitaliy": "vitalii", "valery": "valerii", "valeriy": "valerii",
    "anatoly": "anatolii", "anatoliy": "anatolii", "arseny": "arsenii", "arseniy": "arsenii",
    "kirill": "kyrylo", "fyodor": "fedir", "fedor": "fedir", "stepan": "stepan", "timofei": "tymofii",
    "yelena": "olena", "elena": "olena", "olga": "olha", "irina": "iryna", "tatyana": "tetiana",
    "natalya": "nataliia", "yulia": "yuliia", "galina": "halyna", "lyudmila": "liudmyla",
}
_RUSSIAN_MARK = re.compile(
    r"zh|kh|shch|ts|[bcdfgklmnprstvz]y[bcdfgklmnprstvz]|(?:ov|ev|ova|eva|sky|skiy|skaya|enko|chuk|yuk|vich|ych)$"
)


def shows_russian_romanisation(words: list[str]) -> bool:
    return any(_RUSSIAN_MARK.search(w) for w in words) or any(w in UKRAINIAN_GIVEN_NAMES for w in words)


def ukrainian_reading(name: str) -> str | None:
    """The Ukrainian romanisation of a Russian-route spelling ("Denis Shmygal" -> "Denys Shmyhal"),
    or None when the name shows no Russian romanisation or reads the same."""
    words = anyascii(name).lower().split()
    if not words or not shows_russian_romanisation(words):
        return None
    read = [UKRAINIAN_GIVEN_NAMES.get(w) or re.sub(r"(?<![nz])g(?!h)", "h", w) for w in words]
    return " ".join(read) if read != words else None


# ---- Palladius system for Chinese names ---------------------------------------------------------

_INITIALS = {
    "": "", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л", "g": "г",
    "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч", "sh": "ш", "r": "ж",
    "z": "цз", "c": "ц", "s": "с",
}
_FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "iao": "яо", "ie": "е", "iu": "ю",
    "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
    "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "ü": "юй", "üe": "юэ", "üan": "юань",
    "ün": "юнь",
}
# Syllables without an initial, in pinyin spelling.
_ZERO_INITIAL = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "er": "эр", "yi": "и", "ya": "я", "yao": "яо", "ye": "е", "you": "ю", "yan": "янь",
    "yin": "инь", "yang": "ян", "ying": "ин", "yong": "юн", "wu": "у", "wa": "ва", "wo": "во", "wai": "вай",
    "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван", "weng": "вэн", "yu": "юй", "yue": "юэ",
    "yuan": "юань", "yun": "юнь",
}
_PALATAL = {"j", "q", "x"}
_RETROFLEX = {"zh", "ch", "sh", "r"}
_SIBILANT = {"z", "c", "s"}
_FRONT_FINALS = {"i", "ia", "iao", "ie", "iu", "ian", "in", "iang", "ing", "iong", "ü", "üe", "üan", "ün"}


def _pinyin_syllables() -> dict[str, str]:
    """Pinyin syllable -> its Palladius Cyrillic (a generous inventory: every initial with every
    final it can take)."""
    table = dict(_ZERO_INITIAL)
    for initial, cyr_initial in _INITIALS.items():
        if not initial:
            continue
        for final, cyr_final in _FINALS.items():
            if initial in _PALATAL and final not in _FRONT_FINALS:
                continue
            if initial not in _PALATAL and initial not in {"n", "l"} and final.startswith("ü"):
                continue
            if (initial in _RETROFLEX or initial in _SIBILANT or initial in {"g", "k", "h", "f"}) and final in _FRONT_FINALS - {"i"}:
                continue
            if final == "i" and initial in _SIBILANT:
                cyr_final = "ы"
            spelled = final
            if initial in _PALATAL:
                spelled = final.replace("ü", "u")
            spelled = spelled.replace("ü", "v")
            table[initial + spelled] = cyr_initial + cyr_final
    return table


PALLADIUS = _pinyin_syllables()
# The usual romanisation of Russian Cyrillic in the press, with its common alternatives.
CYRILLIC_LATIN = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g",), "д": ("d",), "е": ("e", "ye"), "ж": ("zh",),
    "з": ("z",), "и": ("i",), "й": ("i", "y"), "к": ("k",), "л": ("l",), "м": ("m",), "н": ("n",),
    "о": ("o",), "п": ("p",), "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",), "ф": ("f",),
    "х": ("kh", "h"), "ц": ("ts",), "ч": ("ch",), "ш": ("sh",), "ы": ("y",), "ь": ("",), "э": ("e",),
    "ю": ("yu",), "я": ("ya",),
}


def _romanisations(cyrillic: str) -> set[str]:
    return {"".join(parts) for parts in product(*(CYRILLIC_LATIN[ch] for ch in cyrillic))}


@lru_cache(maxsize=1)
def _palladius_latin() -> dict[str, frozenset[str]]:
    """Romanised Palladius syllable -> the pinyin syllables it can stand for ("tsin" -> qin, qing)."""
    table: dict[str, set[str]] = {}
    for pinyin, cyrillic in PALLADIUS.items():
        for latin in _romanisations(cyrillic):
            table.setdefault(latin, set()).add(pinyin)
    return {latin: frozenset(readings) for latin, readings in table.items()}


MAX_READINGS = 16


def _split(word: str, syllables) -> list[list[str]]:
    """Every way to write ``word`` as a sequence of the given syllables (at most MAX_READINGS)."""
    ways: dict[int, list[list[str]]] = {0: [[]]}
    for end in range(1, len(word) + 1):
        found = []
        for start in range(max(0, end - 7), end):
            if start in ways and word[start:end] in syllables:
                found += [w + [word[start:end]] for w in ways[start]]
        if found:
            ways[end] = found[:MAX_READINGS]
    return ways.get(len(word), [])


def pinyin_readings(name: str) -> list[str]:
    """The pinyin a Palladius-system spelling stands for ("Van I" -> ["wang yi", "wan yi"]), or
    [] when a word does not split into Palladius syllables or every word is pinyin already."""
    words = [re.sub(r"[^a-z]", "", w) for w in anyascii(name).lower().split()]
    if not words or not all(words):
        return []
    table = _palladius_latin()
    if all(_split(w, PALLADIUS) for w in words):
        return []  # already pinyin ("Li", "Gang"), or not Chinese at all
    per_word = []
    for word in words:
        splits = _split(word, table)
        if not splits:
            return []
        fewest = min(map(len, splits))  # "Tszedun" is tsze+dun, not tsz+e+dun
        splits = [split for split in splits if len(split) == fewest]
        readings = {"".join(p) for split in splits for p in product(*(sorted(table[s]) for s in split))}
        per_word.append(sorted(readings)[:MAX_READINGS])
    return [" ".join(r) for r in list(product(*per_word))[:MAX_READINGS]]


def alternate_spellings(name: str) -> list[str]:
    """The spellings a name would have had without the Russian route: its Ukrainian reading and
    its pinyin readings."""
    spellings = pinyin_readings(name)
    ukrainian = ukrainian_reading(name)
    return spellings + [ukrainian] if ukrainian else spellings
