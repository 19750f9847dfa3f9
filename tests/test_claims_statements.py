"""Statements (issue 15): each failure kind of the sentence-level statements, on real articles of
the claims gold (dev events, read from ../shared/corpus) and on written edge shapes.

Kinds: a sentence states several propositions (a clause each, the frame of saying left out); a
clause borrows its subject; the same proposition in other words agrees across outlets, with its
similarity and shared names; a quote repeated in one article opens no second agreement; clauses
giving different numbers are left to the figures; a figure no other source gives is single-source;
incompatible bearings from one place contradict; blocking keeps alignment below all pairs."""

from __future__ import annotations

import pytest

from conftest import aligned_event, analysed_reports, predicted_gold_events, statements_of
from newsdesk.claims import extract_claims, single_source_claims
from newsdesk.claims.propositions import _candidates, encoding_text
from newsdesk.eval import claims_corpus
from newsdesk.quotes import extract_quotes


def _event(*texts: str):
    analyses = analysed_reports((text, None) for text in texts)
    entities, agreements, conflicts = aligned_event(analyses)
    return analyses, agreements, conflicts, single_source_claims(analyses, entities)


@pytest.fixture(scope="module")
def dev_events():
    wanted = {"mazar-consulate-attack-2016", "apple-removes-telegram-2018", "planets-beyond-milky-way-2018", "iceberg-b44-2017"}
    return predicted_gold_events(wanted)


def _gold(event, about):
    return next(g for g in event.findings if g.about == about)


def test_a_sentence_of_several_propositions_gives_a_clause_each_without_its_frame(dev_events):
    _, _, _, texts = dev_events["mazar-consulate-attack-2016"]
    text = next(t for t in texts.values() if "killing at least six civilians and wounding 120, officials said" in t)
    sentence_start = text.index("A suicide bomber has rammed a truck")
    sentence = text[sentence_start : text.index("officials said.", sentence_start) + len("officials said.")]
    clauses = statements_of(sentence)
    assert [c.text for c in clauses] == ["A suicide bomber has rammed a truck into a German consulate in Afghanistan", "killing at least six civilians"]
    assert clauses[1].subject == "A suicide bomber" and encoding_text(clauses[1]) == "A suicide bomber killing at least six civilians"
    assert all("officials said" not in c.text for c in clauses)


def test_frames_of_saying_and_belief_are_not_the_proposition():
    (believed,) = statements_of("The polynya's warm water could have caused the rapid breakup of the iceberg, it is believed.")
    assert believed.text == "The polynya's warm water could have caused the rapid breakup of the iceberg"
    claimed = statements_of("Mr Song also claimed that the rescuers had used life detectors four times, and they couldn't find any signs of life either.")
    assert [c.text for c in claimed][-1] == "they couldn't find any signs of life either" and claimed[-1].negated
    (denied,) = statements_of("China denied that its ships had transferred oil to North Korea.")
    assert denied.negated and denied.predicate == "transfer"


def test_the_same_proposition_in_other_words_agrees_with_its_reasons(dev_events):
    event, found, letters, _ = dev_events["mazar-consulate-attack-2016"]
    rammed = _gold(event, "a suicide bomber rammed an explosives-laden vehicle into the consulate wall")
    (finding,) = [f for f in found if f.kind == "agreement" and claims_corpus._matches(rammed, f, letters)]
    assert finding.claim_kind == "statement" and finding.similarity >= 0.6
    assert "consulate" in finding.shared and "German" in finding.shared  # a linked name first, then words
    assert finding.sources >= 2 and finding.independent_sources >= 2 and finding.first_source in {s.article_id for s in finding.support}


def test_a_repeated_quote_is_one_agreement_with_one_support_per_article(dev_events):
    event, found, letters, _ = dev_events["apple-removes-telegram-2018"]
    back = _gold(event, "Durov expects the apps back once protections are in place")
    matching = [f for f in found if f.kind == "agreement" and claims_corpus._matches(back, f, letters)]
    assert len(matching) == 1
    articles = [s.article_id for s in matching[0].support]
    assert len(articles) == len(set(articles)) >= 3


def test_clauses_with_different_numbers_are_left_to_the_figures():
    _, agreements, _, _ = _event(
        "A suicide bomber rammed a truck into the German consulate in Mazar-i-Sharif on Thursday night, killing at least four civilians, police said.",
        "Officials said a Taliban suicide bomber rammed a truck into the German consulate late on Thursday, killing at least six civilians.",
    )
    killing = [f for f in agreements if f.claim_kind == "statement" and any("killing" in s.text for s in f.support)]
    assert killing == []
    assert any(all("rammed" in s.text for s in f.support) for f in agreements)  # what they share still agrees


def test_a_figure_no_other_source_gives_is_single_source(dev_events):
    event, found, letters, _ = dev_events["iceberg-b44-2017"]
    covered = _gold(event, "B-44 covered 100 square miles")
    single = [f for f in found if f.kind == "single_source" and claims_corpus._matches(covered, f, letters)]
    assert single and single[0].claim_kind == "statement" and len(single[0].support) == 1
    # what several outlets say is never listed as said by one
    agreed = [q for g in event.findings if g.kind == "agreement" for q in g.quotes]
    assert not [f for f in found if f.kind == "single_source" and f.claim_kind == "statement" and any(claims_corpus._covers(q, f, letters) for q in agreed)]


def test_incompatible_bearings_from_one_place_contradict():
    _, _, conflicts, _ = _event(
        "The epicentre of the quake was 40 kilometres north of Padang, at a depth of 10 kilometres, the agency said.",
        "The quake struck 40 kilometers (25 miles) east of the city of Padang, the US Geological Survey said.",
        "A strong earthquake struck 40km north-east of Padang on Tuesday.",
    )
    (found,) = [f for f in conflicts if f.kind == "contradiction" and f.claim_kind == "statement"]
    assert sorted(s.value for s in found.support) == ["40 kilometers (25 miles) east of the city of Padang", "40 kilometres north of Padang"]
    _, _, apart, _ = _event(
        "The epicentre was 40 kilometres north of Padang.",
        "The second tremor was felt 230 kilometres east of Padang.",
    )
    assert not [f for f in apart if f.kind == "contradiction"]  # other distances: other things


def test_alignment_is_blocked_not_quadratic(dev_events):
    event, *_ = dev_events["mazar-consulate-attack-2016"]
    parses = claims_corpus._event_parsed(tuple(sorted(event.paths.values())))
    statements = []
    for analysis, doc in parses.values():
        analysis.quotes = extract_quotes(analysis, doc)
        statements += [c for c in extract_claims(analysis, doc) if c.kind == "statement"]
    cross = sum(1 for i, a in enumerate(statements) for b in statements[i + 1 :] if a.article_id != b.article_id)
    assert len(_candidates(statements)) < cross / 5
