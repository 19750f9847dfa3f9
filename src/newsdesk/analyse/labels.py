"""The tagger's entity label, corrected by the words around the name.

spaCy's small English model often mislabels an unfamiliar name. The words next to it, its
own first or last word, the names it is listed with and where it stands in the text usually
say what it is, so every later stage (linking, quotes, claims) sees the same label:
- a group noun before or after it: "the militia Asaib Ahl al-Haq", "the paramilitary group, Al
  Hashd al-Shaabi", "the Kayhan newspaper" are groups, and "Twitter" is a company;
- an outlet's last word: "Dhaka Tribune", "Tehran Times" are outlets, never persons;
- a settlement noun after it, or a place word ending it: "Suka Makmur village", "Alexander Valley";
- a site noun beginning or ending it: "Ibn Sina Hospital", "Hospital Ibn Sina", "Mosul Dam" are
  sites (FAC), not persons, groups or the city they are named after;
- a vessel noun before it or a ship prefix: "the ferry Sundarban", "MV Abhijan" are vessels
  (PRODUCT, spaCy's label for vehicles), not persons, nationalities or places;
- a dateline: an upper-case word opening a line before a comma, dash or bracket ("DHAKA, Nov 7",
  "WASHINGTON (Reuters) -") is a place, not an organisation;
- a place name the gazetteer does not know, listed with a person ("Sadr, Maliki, Amiri, Hakim";
  "Raisi and Khamenei"), is a person: surnames are taken for places.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsdesk.analyse.text import doc_text

GROUP_NOUNS = frozenset(
    "militia militias group party movement organisation organization faction brigade brigades coalition "
    "alliance network company firm agency newspaper daily channel broadcaster bank club band".split()
)
OUTLET_NOUNS = frozenset("newspaper daily weekly agency channel broadcaster tabloid magazine".split())
OUTLET_HEADS = frozenset(
    "tribune times post herald journal gazette telegraph chronicle observer courier guardian mirror "
    "express news".split()
)
SETTLEMENT_NOUNS = frozenset("village town city district province county region island valley".split())
SITE_NOUNS = frozenset("street road square airport hospital stadium bridge".split())
# Words that make a name a site ("Ibn Sina Hospital", "Hospital Ibn Sina", "Mosul Dam").
SITE_HEADS = frozenset(
    "hospital clinic mosque church cathedral temple shrine synagogue airport airbase stadium bridge dam "
    "prison palace canal".split()
)
VESSEL_NOUNS = frozenset("ferry ship vessel boat tanker freighter trawler yacht frigate destroyer submarine cruiser".split())
VESSEL_PREFIXES = frozenset("MV MS SS HMS USS MT RMS INS".split())
# The last word of a name that says it is a place ("Alexander Valley", "Lake County", "Rodgers
# Creek"); words that are also common surnames (Hill, Lake, Rivers, Banks) are left out.
PLACE_HEADS = frozenset(
    "county province district valley mountain mountains canyon creek springs peninsula island islands "
    "desert fault volcano glacier strait gulf".split()
)
PLATFORMS = frozenset("twitter facebook instagram telegram youtube tiktok whatsapp".split())
# The nouns beside a name that say it has a label (read again when linking: such a label is no slip).
CONTEXT_NOUNS_OF_LABEL = {"ORG": GROUP_NOUNS | OUTLET_NOUNS, "PRODUCT": VESSEL_NOUNS, "GPE": SETTLEMENT_NOUNS, "FAC": SITE_NOUNS}
# Common nouns a lone capital letter turns into a "name" ("Hospital", "Ferry"): no entity.
GENERIC_NOUNS = GROUP_NOUNS | SETTLEMENT_NOUNS | SITE_NOUNS | SITE_HEADS | VESSEL_NOUNS | OUTLET_NOUNS
_DATELINE_AFTER = re.compile(r"^\s*(?:,|\(|[-–—])")


def with_site_noun(entity: Span) -> Span:
    """The name with the capitalised site noun the tagger left before it ("Hospital" + "Ibn Sina":
    a translation keeps the original word order)."""
    doc = entity.doc
    if entity.start > 0:
        noun = doc[entity.start - 1]
        if noun.text[:1].isupper() and noun.lower_ in SITE_HEADS and "\n" not in noun.whitespace_:
            return Span(doc, entity.start - 1, entity.end, label="FAC")
    return entity


def is_generic_noun(entity: Span) -> bool:
    """A one-word 'name' that is a common noun written with a capital ("Hospital", "Ferry")."""
    return len(entity) == 1 and entity.text.lower() in GENERIC_NOUNS


def corrected_label(entity: Span) -> str:
    label = entity.label_
    doc = entity.doc
    before = doc[entity.start - 1].lower_ if entity.start > 0 else ""
    after = doc[entity.end].lower_ if entity.end < len(doc) else ""
    words = [token.lower_ for token in entity]
    prefixed = len(entity) > 1 and entity[0].text in VESSEL_PREFIXES
    if label != "PRODUCT" and (before in VESSEL_NOUNS or prefixed):
        return "PRODUCT"
    if len(entity) > 1 and (words[0] in SITE_HEADS or words[-1] in SITE_HEADS):
        return "FAC"
    if label != "ORG" and len(entity) > 1 and words[-1] in OUTLET_HEADS:
        return "ORG"
    if label != "ORG" and (after in OUTLET_NOUNS or _group_noun_before(entity)):
        return "ORG"
    if label in ("ORG", "PERSON", "NORP") and _in_dateline(entity):
        return "GPE"
    if label in ("GPE", "LOC") and _listed_with_a_person(entity):
        return "PERSON"
    if label != "PERSON":
        return label
    if entity.text.lower() in PLATFORMS:
        return "ORG"
    if after in SETTLEMENT_NOUNS or (len(entity) > 1 and entity[-1].lower_ in PLACE_HEADS):
        return "GPE"
    if after in SITE_NOUNS:
        return "FAC"
    return label


def _group_noun_before(entity: Span) -> bool:
    """ "the militia X", and the apposition "the paramilitary group, X"."""
    doc = entity.doc
    start = entity.start
    if start > 0 and doc[start - 1].lower_ in GROUP_NOUNS:
        return True
    return start > 1 and doc[start - 1].text == "," and doc[start - 2].lower_ in GROUP_NOUNS


def _in_dateline(entity: Span) -> bool:
    if not entity.text.isupper() or not any(ch.isalpha() for ch in entity.text):
        return False
    text = doc_text(entity.doc)
    line_start = text.rfind("\n", 0, entity.start_char) + 1
    return not text[line_start:entity.start_char].strip() and bool(_DATELINE_AFTER.match(text[entity.end_char:]))


def _listed_with_a_person(entity: Span) -> bool:
    from newsdesk.link.places import exact_place

    root = entity.root
    conjuncts = list(root.conjuncts)
    if not any(token.ent_type_ == "PERSON" for token in conjuncts):
        return False
    return exact_place(entity.text) is None
