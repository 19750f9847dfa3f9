from collections import Counter

import pytest

from newsdesk.eval import meantime


@pytest.fixture(scope="module")
def english() -> list[meantime.MeantimeDocument]:
    return meantime.load_documents("en")


@pytest.fixture(scope="module")
def spanish() -> list[meantime.MeantimeDocument]:
    return meantime.load_documents("es")


def test_both_languages_have_the_same_120_documents_in_four_topics(english, spanish):
    for documents in (english, spanish):
        assert len(documents) == 120
        assert Counter(doc.topic for doc in documents) == {
            "corpus_airbus": 30,
            "corpus_apple": 30,
            "corpus_gm": 30,
            "corpus_stock": 30,
        }
    assert [(d.topic, d.name) for d in english] == [(d.topic, d.name) for d in spanish]
    assert {d.language for d in english} == {"en"} and {d.language for d in spanish} == {"es"}


def test_every_mention_span_is_exact(english, spanish):
    for doc in english + spanish:
        for mention in doc.entity_mentions:
            assert doc.text[mention.start : mention.end] == mention.text, (doc.language, doc.name, mention)
    assert sum(len(doc.entity_mentions) for doc in english) == 3027  # 3033 listed, 6 listed twice
    assert sum(len(doc.entity_mentions) for doc in spanish) == 1909


def test_english_document_text_and_mentions(english):
    doc = next(d for d in english if d.name == "100911")
    lines = doc.text.split("\n")
    assert lines[0] == "Northrop Grumman and Airbus parent EADS defeat Boeing for $40 billion US airtanker contract"
    assert lines[1] == "March 01, 2008"
    assert lines[2].startswith("Northrop Grumman and Airbus parent company European Aeronautic Defence and Space Company EADS N.V. (EADS) have")
    first = doc.entity_mentions[0]
    assert (first.start, first.end, first.text, first.type, first.chain) == (
        0, 16, "Northrop Grumman", "ORGANIZATION", "ORG37154720130514282",
    )
    assert first.named is True
    pronouns = [m for m in doc.entity_mentions if m.text in {"it", "its", "we", "us"}]
    assert pronouns and not any(m.named for m in pronouns)
    assert {m.type for d in english for m in d.entity_mentions} == {
        "ORGANIZATION", "PRODUCT", "FINANCE", "PERSON", "LOCATION",
    }


def test_instance_ids_are_shared_across_documents_and_languages(english, spanish):
    def chains(documents):
        return {(d.name, m.chain) for d in documents for m in d.entity_mentions}

    northrop = {name for name, chain in chains(english) if chain == "ORG37154720130514282"}
    assert northrop == {"100911", "102977", "108294"}  # one instance, three articles
    english_doc = next(d for d in english if d.name == "100911")
    spanish_doc = next(d for d in spanish if d.name == "100911")
    assert spanish_doc.text.startswith("Northrop Grumman y EADS, matriz de Airbus, han vencido a Boeing")
    shared = {m.chain for m in english_doc.entity_mentions} & {m.chain for m in spanish_doc.entity_mentions}
    assert {"ORG37154720130514282", "ORG37154720003835631", "ORG37154719430036883"} <= shared
    english_instances = {chain for _, chain in chains(english)}
    spanish_instances = {chain for _, chain in chains(spanish)}
    assert len(spanish_instances - english_instances) <= 2


def test_chain_prefixes_are_stripped_to_the_instance_id():
    assert meantime.instance_id("cross_intra_ORG37154720130514282") == "ORG37154720130514282"
    assert meantime.instance_id("cross_ORG37154720130514282") == "ORG37154720130514282"
    assert meantime.instance_id("intra_PRO19274271475601598") == "PRO19274271475601598"
    with pytest.raises(ValueError):
        meantime.instance_id("ORG37154720130514282")


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="'it'"):
        meantime.load_documents("it")


def test_newswcl50_reader_keeps_spans_and_splits_by_event():
    from newsdesk.eval import newswcl50

    documents = newswcl50.load_documents()
    assert len(documents) == 50 and {d.event for d in documents} == set(range(10))
    assert {d.outlet for d in documents} == {"LL", "L", "M", "R", "RR"}
    assert all(d.text[m.start:m.end] == m.text for d in documents for m in d.mentions)
    assert not set(newswcl50.DEV_EVENTS) & set(newswcl50.TEST_EVENTS)
    first = documents[0]
    assert any(m.text == "Mike Pompeo" and m.chain == "0_USA_Mike_Pompeo_ACTOR" and m.type == "ACTOR"
               for m in first.mentions)
