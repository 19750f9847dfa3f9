"""A denial answering an accusation (issue 15, claims/denials.py): on the real dev event of the
claims gold where it occurs (north-korea-oil-transfers-2017: "Chinese ships transferred oil" /
"China denied the reports"), and on written edge shapes (marked as written) that must stay
silent: rejecting an offer, a dispute told by one article only, a party's own claim, a hedged
denial, a denial of another act, another party."""

from __future__ import annotations

import pytest

from conftest import aligned_event, analysed_reports, found_as, predicted_gold_events


def _denials(*texts: str) -> list:
    _, _, conflicts = aligned_event(analysed_reports([(text, "2024-03-04T10:00:00") for text in texts]))
    return [f for f in conflicts if f.kind == "contradiction" and " vs denied " in f.summary]


@pytest.fixture(scope="module")
def north_korea():
    return predicted_gold_events({"north-korea-oil-transfers-2017"})["north-korea-oil-transfers-2017"]


def test_the_reports_of_chinese_transfers_against_chinas_denial_are_one_contradiction(north_korea):
    (found,) = found_as(north_korea, "satellites saw Chinese ships transfer oil vs China denies it", "contradiction")
    _, _, letters, _ = north_korea
    accused = {letters[s.article_id] for s in found.support if s.value == "accused"}
    denied = {letters[s.article_id] for s in found.support if s.value == "denied"}
    assert len(accused) >= 3 and denied >= {"a", "h"}  # "any of its merchant ships were involved" / "China denied the reports"
    # the party's own word is no accusation ("China has applied certain import bans", said of China)
    assert not any("import bans" in s.text or "investigated" in s.text for s in found.support)


def test_the_russian_denial_one_article_tells_alone_is_no_conflict_between_sources(north_korea):
    _, found, letters, _ = north_korea
    assert not [f for f in found if f.kind == "contradiction" and any("Russian" in s.text for s in f.support)]


# written edge shapes


def test_an_act_reported_by_one_source_and_denied_by_its_doer_in_another_contradicts():
    (found,) = _denials(
        "Iranian drones attacked the tanker in the Gulf of Oman on Monday, the U.S. Navy said.",
        "Iran denied that its drones attacked the tanker in the Gulf of Oman.",
    )
    assert {s.value for s in found.support} == {"accused", "denied"}
    assert len({s.article_id for s in found.support}) == 2


def test_a_denial_of_the_reports_answers_the_report_its_article_gave():
    (found,) = _denials(
        "Turkish warplanes bombed a Kurdish village near the border, local officials said.",
        "A Kurdish news agency reported that Turkish warplanes had bombed a village near the border. Turkey denied the reports on Tuesday.",
    )
    assert {s.value for s in found.support} == {"accused", "denied"}


@pytest.mark.parametrize(
    "texts",
    [
        # rejecting an offer is no denial of a report
        ("Broadcom offered $121 billion for Qualcomm, the company said.", "Qualcomm's board rejected the offer on Monday."),
        # one article telling both sides, and nothing else: that article's story, not a conflict between sources
        ("Reuters reported that Russian ships transferred fuel to North Korean vessels. The Russian Foreign Ministry denied the report.", "The Security Council met on Friday to discuss sanctions."),
        # the party's own account of what it did is no accusation
        ("Iran said its navy escorted the tanker through the strait.", "Iran denied that its drones attacked the tanker."),
        # a hedged denial denies nothing yet
        ("Iranian drones attacked the tanker, the U.S. Navy said.", "Iran may deny that its drones attacked the tanker."),
        # another party denies
        ("Iranian drones attacked the tanker, the U.S. Navy said.", "Iraq denied that its drones attacked the tanker."),
        # the same party denies another act
        ("Iranian drones attacked the tanker, the U.S. Navy said.", "Iran denied that it had closed the strait to shipping."),
    ],
)
def test_offers_single_articles_own_words_hedges_and_other_parties_or_acts_do_not_contradict(texts):
    assert not _denials(*texts)


# written: a claim of responsibility contested


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The Pakistani Taliban claimed responsibility for the bombing at the market, a spokesman said.", "The Pakistani Taliban denied any involvement in the bombing at the market."),
        ("Israeli officials blamed Hezbollah for the rocket attack on the town.", "Hezbollah denied any role in the rocket attack on the town, its television station said."),
    ],
)
def test_a_claim_of_responsibility_or_a_blame_against_the_partys_denial_contradicts(left, right):
    (found,) = _denials(left, right)
    assert {s.value for s in found.support} == {"accused", "denied"}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # another party claims it
        ("Hamas claimed responsibility for the rocket attack on the town.", "Hezbollah denied any role in the rocket attack on the town."),
        # nobody claimed it
        ("No group has claimed responsibility for the rocket attack on the town.", "Hezbollah denied any role in the rocket attack on the town."),
        ("Hezbollah has not claimed responsibility for the rocket attack.", "Hezbollah denied any role in the rocket attack on the town."),
        # another kind of happening
        ("Hezbollah claimed responsibility for the rocket attack on the town.", "Hezbollah denied any role in the crash of the airliner."),
    ],
)
def test_another_party_no_claim_or_another_happening_does_not_contradict(left, right):
    assert not _denials(left, right)


# written: a report called false


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Iranian drones attacked the tanker in the Gulf of Oman, the U.S. Navy said.", "A U.S. official said Iranian drones had attacked the tanker. Iran's foreign ministry called the reports baseless."),
        ("Iranian drones attacked the tanker in the Gulf of Oman, the U.S. Navy said.", "Claims that Iranian drones attacked the tanker in the Gulf of Oman are false, the Iranian foreign ministry said."),
    ],
)
def test_a_report_called_false_by_the_accused_party_contradicts_the_report(left, right):
    (found,) = _denials(left, right)
    assert {s.value for s in found.support} == {"accused", "denied"}


def test_reports_called_false_about_another_act_do_not_contradict():
    assert not _denials(
        "Iranian drones attacked the tanker in the Gulf of Oman, the U.S. Navy said.",
        "Claims that Iranian officials met Houthi leaders in Muscat are false, the Iranian foreign ministry said.",
    )


# real text: ECB+ sub-topics outside the claims gold, read as an analyst would


def _ecbplus_denials(*names: str) -> list:
    from newsdesk.eval.ecbplus import load_documents

    documents = {d.name: d for d in load_documents()}
    analyses = analysed_reports([(documents[name].text, None) for name in names], prefix=names[0])
    _, _, conflicts = aligned_event(analyses)
    return [f for f in conflicts if f.kind == "contradiction" and " vs denied " in f.summary]


def test_a_denial_answers_the_accusation_of_its_act_against_its_party_only():
    # "South Sudan Accuses Sudan of Bombing Civilian Camp" / "Sudan has denied striking South
    # Sudanese territory" contradict; "it denies claims that it is working for Khartoum" names its
    # act and answers no quote told before it ("What is going on in South Sudan belongs to the
    # southerners"); "Sudan has accused South Sudan of arming ..." accuses South Sudan, not Sudan
    (found,) = _ecbplus_denials("41_3ecbplus", "41_5ecbplus", "41_6ecbplus", "41_8ecbplus")
    assert {s.value for s in found.support} == {"accused", "denied"}
    assert any("striking South Sudanese territory" in s.text for s in found.support)
    assert not any(words in s.text for s in found.support for words in ("What is going on", "working for Khartoum", "arming"))


def test_a_denial_is_paired_with_the_accusation_of_its_act_not_one_sharing_only_names():
    # "Gotcher also denied that Simpson was the father of Flynn's baby" answers "A DNA expert
    # testified that Simpson fathered the fetus", not "Simpson shot Flynn twice in the head"
    (found,) = _ecbplus_denials("45_12ecbplus", "45_6ecbplus")
    accused = [s.text for s in found.support if s.value == "accused"]
    assert accused and all("fathered" in text for text in accused)
