"""The tagger's entity label, corrected by the words around the name.

spaCy's small English model often calls an unfamiliar name a person. The words
next to it, or its own last word, usually say what it is: "the militia Asaib Ahl
al-Haq" and "the newspaper Kayhan" are groups, "Suka Makmur village", "Wih Pesam
district" and "Alexander Valley" are places, and "Twitter" is a company. Only a
PERSON label is corrected, and only on such evidence, so every later stage
(linking, quotes, claims) sees the same label.
"""

from __future__ import annotations

from spacy.tokens import Span

GROUP_NOUNS = frozenset(
    "militia militias group party movement organisation organization faction brigade brigades coalition "
    "alliance network company firm agency newspaper daily channel broadcaster bank club band".split()
)
SETTLEMENT_NOUNS = frozenset("village town city district province county region island valley".split())
SITE_NOUNS = frozenset("street road square airport hospital stadium bridge".split())
# The last word of a name that says it is a place ("Alexander Valley", "Lake County", "Rodgers
# Creek"); words that are also common surnames (Hill, Lake, Rivers, Banks) are left out.
PLACE_HEADS = frozenset(
    "county province district valley mountain mountains canyon creek springs peninsula island islands "
    "desert fault volcano glacier strait gulf".split()
)
PLATFORMS = frozenset("twitter facebook instagram telegram youtube tiktok whatsapp".split())


def corrected_label(entity: Span) -> str:
    if entity.label_ != "PERSON":
        return entity.label_
    doc = entity.doc
    before = doc[entity.start - 1].lower_ if entity.start > 0 else ""
    after = doc[entity.end].lower_ if entity.end < len(doc) else ""
    if entity.text.lower() in PLATFORMS or before in GROUP_NOUNS:
        return "ORG"
    if after in SETTLEMENT_NOUNS or (len(entity) > 1 and entity[-1].lower_ in PLACE_HEADS):
        return "GPE"
    if after in SITE_NOUNS:
        return "FAC"
    return entity.label_
