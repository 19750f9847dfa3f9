from collections import defaultdict

import pytest

from newsdesk.eval import corpus_root, join_tokens
from newsdesk.eval import ecbplus


@pytest.fixture(scope="module")
def documents() -> list[ecbplus.EcbDocument]:
    return ecbplus.load_documents()


@pytest.fixture(scope="module")
def by_name(documents) -> dict[str, ecbplus.EcbDocument]:
    return {doc.name: doc for doc in documents}


def test_corpus_root_honours_the_environment_and_names_a_missing_folder(monkeypatch, tmp_path):
    assert (corpus_root() / "ecbplus" / "docs").is_dir()
    monkeypatch.setenv("NEWSDESK_CORPUS", str(tmp_path))
    assert corpus_root() == tmp_path
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("NEWSDESK_CORPUS", str(missing))
    with pytest.raises(FileNotFoundError, match=str(missing)):
        corpus_root()


def test_corpus_size_and_topic_structure(documents):
    assert len(documents) == 982
    topics = {doc.topic for doc in documents}
    assert len(topics) == 43 and topics == set(ecbplus.DEV_TOPICS) | set(ecbplus.TEST_TOPICS)
    subtopics = defaultdict(set)
    for doc in documents:
        subtopics[doc.topic].add(doc.subtopic)
    assert all(found == {f"{topic}ecb", f"{topic}ecbplus"} for topic, found in subtopics.items())
    assert documents == sorted(documents, key=lambda doc: (doc.topic, doc.name))


def test_topic_selection(documents):
    test = ecbplus.load_documents(ecbplus.TEST_TOPICS)
    assert {doc.topic for doc in test} == set(range(36, 46))
    assert len(test) + len(ecbplus.load_documents(ecbplus.DEV_TOPICS)) == len(documents)
    assert [doc.name for doc in ecbplus.load_documents([36])] == [doc.name for doc in documents if doc.topic == 36]


def test_every_mention_span_is_exact(documents):
    mentions = 0
    for doc in documents:
        for mention in doc.entity_mentions + doc.event_mentions:
            assert doc.text[mention.start : mention.end] == mention.text, (doc.name, mention)
            mentions += 1
    assert mentions > 30_000


def test_mention_kinds_follow_the_markable_tags(documents):
    event_types = {m.type for doc in documents for m in doc.event_mentions}
    entity_types = {m.type for doc in documents for m in doc.entity_mentions}
    assert all(t.startswith(("ACTION_", "NEG_ACTION_")) for t in event_types)
    assert {"HUMAN_PART_PER", "HUMAN_PART_ORG", "LOC_GEO", "LOC_FAC", "TIME_DATE", "NON_HUMAN_PART"} <= entity_types
    assert not any(t.startswith(("ACTION_", "NEG_ACTION_")) for t in entity_types)


def test_ecbplus_document_text_url_title_and_mentions(by_name):
    doc = by_name["1_10ecbplus"]
    assert doc.topic == 1 and doc.subtopic == "1ecbplus"
    assert doc.url == "http://articles.latimes.com/2013/may/03/local/la-me-0504-lohan-rehab-20130504"
    assert doc.title == "Lindsay Lohan checks into Betty Ford Center"
    lines = doc.text.split("\n")
    assert lines[:3] == [doc.url, doc.title, "May 03, 2013"]
    assert lines[3].startswith(
        "After skipping out on entering a Newport Beach rehabilitation facility and facing the prospect of "
        "arrest for violating her probation, Lindsay Lohan has checked into the Betty Ford Center to begin a "
        "90-day court-mandated stay"
    )
    lohan = [m for m in doc.entity_mentions if m.chain == "HUM15732980283919140"]
    assert [m.text for m in lohan][:2] == ["Lindsay Lohan", "her"] and lohan[0].type == "HUMAN_PART_PER"
    checks = next(m for m in doc.event_mentions if m.text == "checks into")
    assert checks.type == "ACTION_OCCURRENCE" and checks.chain == "ACT15738091639707092"


def test_ecb_document_has_no_url_and_discontinuous_mentions_cover_the_gap(by_name):
    doc = by_name["1_10ecb"]
    assert doc.url is None
    assert doc.title == doc.text.split("\n")[0]
    assert doc.title.startswith("Perennial party girl Tara Reid checked herself into Promises Treatment Center")
    checked = next(m for m in doc.event_mentions if m.text.startswith("checked"))
    assert checked.text == "checked herself into"  # annotated tokens: "checked", "into"


def test_cross_document_chains_link_documents_and_other_mentions_get_local_ids(documents):
    docs_per_chain = defaultdict(set)
    for doc in documents:
        for mention in doc.entity_mentions + doc.event_mentions:
            docs_per_chain[mention.chain].add(doc.name)
    lohan = docs_per_chain["HUM15732980283919140"]
    assert "1_10ecbplus" in lohan and len(lohan) > 5
    local = [chain for chain in docs_per_chain if ":" in chain]
    assert local and all(len(docs_per_chain[chain]) == 1 for chain in local)
    assert all(chain.split(":")[0] in docs_per_chain[chain] for chain in local)


def test_within_document_chains_group_their_mentions(by_name):
    # 1_11ecb: INTRA_DOC_COREF with sources m_id 24 and 25, target 17
    doc = by_name["1_11ecb"]
    intra = [m for m in doc.entity_mentions + doc.event_mentions if m.chain == "1_11ecb:chain17"]
    assert len(intra) == 2


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["He", "said", ",", "``", "I", "do", "n't", "know", ".", "''"], "He said, ``I don't know.''"),
        (["the", "actress", "'s", "90", "-", "day", "stay", "(", "rehab", ")"], "the actress's 90-day stay (rehab)"),
        (['"', "It", "is", "over", ",", '"', "he", "said", "at", "1", ":", "32", "PM", ":"], '"It is over," he said at 1:32 PM:'),
        (["the", "Jeffs", "'", "ranch", "for", "$", "40", "billion"], "the Jeffs' ranch for $40 billion"),
        (["40.000", "millones", "$", "para", "¿", "qué", "?"], "40.000 millones $ para ¿qué?"),
        (["his", "'", "party", "girl", "'", "image"], "his 'party girl' image"),
        (["a", "4", ".", "6", "magnitude", "quake"], "a 4.6 magnitude quake"),
    ],
)
def test_join_tokens_spacing(tokens, expected):
    text, starts, _ = join_tokens(tokens)
    assert text == expected
    assert [text[start : start + len(token)] for token, start in zip(tokens, starts)] == tokens


def test_join_tokens_threads_an_open_quotation_across_sentences():
    first, _, still_open = join_tokens(['"', "We", "won", "."])
    second, _, after = join_tokens(["Now", "we", "rest", "and", "celebrate", '"', "he", "said", "."], still_open)
    assert still_open and not after
    assert second == 'Now we rest and celebrate" he said.'
