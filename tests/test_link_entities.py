"""link_entities on small articles written for these tests, with hand-placed tagger mentions."""


from newsdesk.eval.entities_eval import evaluate
from newsdesk.link import link_entities
from newsdesk.model import Analysis, Article, Mention, Post


def article(article_id: str, text: str, tagged: list[tuple[str, str]], posts: list[Post] = ()) -> Analysis:
    """An analysis whose mentions are the given (surface, label) pairs, each at its next occurrence."""
    mentions, cursor = [], {}
    for surface, label in tagged:
        start = text.index(surface, cursor.get(surface, 0))
        cursor[surface] = start + len(surface)
        mentions.append(Mention(article_id, start, start + len(surface), surface, label))
    return Analysis(Article(article_id, text, f"<{article_id}>"), text, mentions=mentions, posts=list(posts))


def entity_with(entities, surface):
    found = [e for e in entities if surface in e.variants]
    assert len(found) == 1, f"{surface!r} in {len(found)} entities"
    return found[0]


MOSUL_A = article("a", (
    "Iraqi Prime Minister Haider al-Abadi visited Mosul on Monday. Minister Abadi met Haidar Salim, "
    "a local official, and the Tehran Times reported that Tehran welcomed the visit. "
    "al-Abadi said Iraq would rebuild. Iran sent aid. 2017 was hard."
), [("Haider al-Abadi", "PERSON"), ("Mosul", "GPE"), ("Abadi", "GPE"), ("Haidar Salim", "PERSON"),
    ("Tehran Times", "ORG"), ("Tehran", "GPE"), ("al-Abadi", "ORG"), ("Iraq", "GPE"), ("Iran", "GPE"),
    ("2017", "DATE")])
MOSUL_B = article("b", (
    "Prime Minister Hayder al-Abbadi arrived in Mossoul. Al Abadi promised help. "
    "The cleric Muqtada al-Sadr, whose Sadr Movement won the election, was absent. Sadr spoke later."
), [("Hayder al-Abbadi", "PERSON"), ("Mossoul", "GPE"), ("Al Abadi", "PERSON"), ("Muqtada al-Sadr", "PERSON"),
    ("Sadr Movement", "ORG"), ("Sadr", "PERSON")])


def test_spellings_titles_and_partial_names_form_one_person_across_articles():
    entities = link_entities([MOSUL_A, MOSUL_B], {"a": "visit", "b": "visit"})
    abadi = entity_with(entities, "Haider al-Abadi")
    assert set(abadi.variants) == {"Haider al-Abadi", "Abadi", "al-Abadi", "Hayder al-Abbadi", "Al Abadi"}
    assert abadi.type == "PERSON"  # "Abadi" tagged GPE and "al-Abadi" ORG are outvoted
    assert "Prime Minister" in abadi.roles
    assert {m.article_id for m in abadi.mentions} == {"a", "b"}
    assert all(MOSUL_A.prose[m.start:m.end] == m.text for m in abadi.mentions if m.article_id == "a")
    assert {r.rule.split(":")[0] for r in abadi.merges} >= {"partial-name", "name-key"}
    assert all(r.evidence for r in abadi.merges)


def test_places_resolve_through_the_gazetteer():
    entities = link_entities([MOSUL_A, MOSUL_B])
    mosul = entity_with(entities, "Mossoul")
    assert mosul.name == "Mosul" and mosul.place.country == "Iraq"
    assert any(r.rule == "gazetteer" for r in mosul.merges)


def test_never_merged():
    entities = link_entities([MOSUL_A, MOSUL_B], {"a": "visit", "b": "visit"})
    pairs = [("Haider al-Abadi", "Haidar Salim"),  # a given name shared
             ("Tehran", "Tehran Times"),  # an organisation named after a place
             ("Iran", "Iraq"),  # countries a letter apart
             ("Muqtada al-Sadr", "Sadr Movement")]  # a person and the organisation named for him
    for left, right in pairs:
        assert entity_with(entities, left) is not entity_with(entities, right), (left, right)
    assert "Sadr" in entity_with(entities, "Muqtada al-Sadr").variants


def test_junk_is_dropped_and_ids_are_stable():
    entities = link_entities([MOSUL_A, MOSUL_B])
    assert not any("2017" in e.variants for e in entities)
    again = link_entities([MOSUL_B, MOSUL_A])
    assert {e.id: e.name for e in entities} == {e.id: e.name for e in again}
    assert len({e.id for e in entities}) == len(entities)


def test_a_first_name_alone_stays_apart_when_two_people_share_it():
    text = "Mustafa Salim filmed the house. Mustafa Kamal denied it. Mustafa was not there."
    analysis = article("c", text, [("Mustafa Salim", "PERSON"), ("Mustafa Kamal", "PERSON"), ("Mustafa", "PERSON")])
    entities = link_entities([analysis])
    assert len(entities) == 3


def test_handles_link_only_on_evidence():
    text = ("Footage of the home of the Iraqi Prime Minister @HAbadi last night. - Haidar Salim (@haidar_s1) "
            "Prime Minister Haider al-Abadi was unhurt, Haidar Salim said. @someone_else agreed.")
    post = Post("d", 0, text.index("Prime Minister Haider"), text[:text.index("Prime Minister Haider")],
                author="Haidar Salim", handle="haidar_s1")
    analysis = article("d", text, [("Haider al-Abadi", "PERSON"), ("Haidar Salim", "PERSON"),
                                   ("@someone_else", "ORG")], [post])
    entities = link_entities([analysis])
    assert entity_with(entities, "Haider al-Abadi").handles == ["@HAbadi"]
    assert entity_with(entities, "Haidar Salim").handles == ["@haidar_s1"]
    assert not any("@someone_else" in e.handles for e in entities)


def test_transliteration_set_floors():
    result = evaluate("translit-dev")
    assert result["groups"] >= 40
    assert result["must_not_merge"]["pairs"] >= 20 and result["must_not_merge"]["violated"] == []
    assert result["pairwise"]["precision"] >= 0.99
    assert result["pairwise"]["recall"] >= 0.95


def test_a_nationality_never_stands_for_a_person():
    spokesman = article("s", (
        "Interior Ministry spokesman Saad Maan said two drones were shot down. "
        "Saudi officials condemned the attack, and Saudi media called it cowardly."
    ), [("Saad Maan", "PERSON"), ("Saudi", "NORP"), ("Saudi", "NORP")])
    entities = link_entities([spokesman])
    assert entity_with(entities, "Saad Maan") is not entity_with(entities, "Saudi")


def test_the_role_phrase_joins_the_one_person_holding_that_title():
    text = ("Prime Minister Mustafa al-Kadhimi survived the attack. Hours later the Iraqi prime minister "
            "appeared on television, and the Prime Minister's Office said the minister of defence would report. "
            "The former prime minister stayed silent.")
    entities = link_entities([article("pm", text, [("Mustafa al-Kadhimi", "PERSON"), ("Prime Minister's Office", "ORG")])])
    pm = entity_with(entities, "Mustafa al-Kadhimi")
    roles = [m.text for m in pm.mentions if m.label == "ROLE"]
    assert roles == ["the Iraqi prime minister"]  # not the office, not another minister, not a former holder
    assert pm.variants == {"Mustafa al-Kadhimi": 1} and pm.type == "PERSON"


def test_the_role_phrase_stays_unlinked_when_two_people_hold_the_title():
    text = ("President Joe Biden called President Emmanuel Macron. The president said the talks went well.")
    entities = link_entities([article("two", text, [("Joe Biden", "PERSON"), ("Emmanuel Macron", "PERSON")])])
    assert all(m.label != "ROLE" for e in entities for m in e.mentions)
