import pytest

from newsdesk.analyse import analyse_article
from newsdesk.eval import ecbplus
from newsdesk.ingest.article import article_from_text
from newsdesk.link import link_entities, name_key, resolve_place
from newsdesk.link.places import place_context
from newsdesk.link.namekey import split_title


@pytest.mark.parametrize("spellings", [
    ["Muammar al-Qaddafi", "Moammar Qadhafi"],
    ["Moammar Qadhafi", "Mu'ammar Kadhafi"],
    ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"],
    ["Hezbollah", "Hizbullah", "Hizballah"],
    ["Abdul Mahdi", "Abd al-Mahdi", "Abdulmahdi"],
    ["Qais al-Khazali", "Qais al-Hazali", "Qais Khazali"],
    ["Mohammed bin Salman", "Muhammad ibn Salman"],
    ["Yasser Arafat", "Yasir Arafat"],
    ["Ebrahim Raisi", "Ebrahim Raeisi"],
    ["ElBaradei", "el-Baradei", "Baradei"],
    ["Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"],
])
def test_spellings_of_one_name_share_a_key(spellings):
    assert len({name_key(s) for s in spellings}) == 1


@pytest.mark.parametrize("left, right", [
    ("Iran", "Iraq"), ("Austria", "Australia"), ("Niger", "Nigeria"),
    ("Mustafa al-Kadhimi", "Mustafa Salim"), ("Tehran", "Tehran Times"), ("Kim Jong-un", "Kim Jong-il"),
])
def test_different_names_keep_different_keys(left, right):
    assert name_key(left) != name_key(right)


def test_titles_become_roles_not_name():
    assert split_title("Iraqi Prime Minister Mustafa al-Kadhimi") == ("Mustafa al-Kadhimi", ["Prime Minister"])
    assert split_title("Iraqi PM Kadhimi") == ("Kadhimi", ["Prime Minister"])
    assert split_title("Apple CEO Steve Jobs") == ("Steve Jobs", ["CEO"])
    assert split_title("General Motors", person=False) == ("General Motors", [])


def test_gazetteer_resolves_spellings_to_one_place():
    baghdad = resolve_place("Baghdad")
    assert baghdad is not None and baghdad.country == "Iraq"
    assert 33 < baghdad.latitude < 34 and 44 < baghdad.longitude < 45
    assert resolve_place("Bagda") == baghdad  # a GeoNames alternate name
    assert resolve_place("Baghda") == baghdad  # a near spelling of a large city
    assert resolve_place("Irak") == resolve_place("Iraq") != resolve_place("Iran")
    assert resolve_place("Estados Unidos") == resolve_place("US")


def test_gazetteer_does_not_turn_names_into_places():
    assert resolve_place("Tehran Times") is None
    assert resolve_place("Khamenei") is None
    assert resolve_place("Boeing") is None
    # an old alternate spelling of Milwaukee ("Meliki") shares Maliki's key, but not its spelling
    assert resolve_place("Maliki") is None


def test_a_continent_is_not_the_town_named_after_it():
    asia = resolve_place("Asia")
    assert (asia.name, asia.country) == ("Asia", None)


def test_a_city_name_many_places_share_is_read_among_the_places_around_it():
    california = place_context(["California", "Sacramento"])
    assert resolve_place("Santa Rosa").country == "Philippines"  # alone, the largest of the name
    assert resolve_place("Santa Rosa", california).country == "United States"
    assert resolve_place("Valencia", place_context(["Spain"])).country == "Spain"
    # a far larger namesake still wins: an American report's "Paris" is in France
    assert resolve_place("Paris", place_context(["Texas", "United States"])).country == "France"
    # a small town abroad that nothing else points to is rather a local name the gazetteer lacks
    assert resolve_place("North Bay", california) is None
    assert resolve_place("North Bay", place_context(["Canada"])).country == "Canada"
    assert resolve_place("Baghdad", california).country == "Iraq"
    # "Yida" (a camp in South Sudan) is one of Jeddah's alternate names; "Bagda" one of Baghdad's
    assert resolve_place("Yida", place_context(["South Sudan", "Sudan"])) is None
    assert resolve_place("Bagda", place_context(["Iraq"])).name == "Baghdad"


def test_places_of_a_report_are_resolved_in_its_context():
    text = (
        "Quake rattles wine country\n"
        "A magnitude 4.6 earthquake shook the North Bay early Thursday, the U.S. Geological Survey said. "
        "It was felt in Santa Rosa and as far as San Francisco and Sacramento, in California."
    )
    analysis, _ = analyse_article(article_from_text(text))
    places = {e.name: e.place for e in link_entities([analysis]) if e.type in ("GPE", "LOC")}
    assert places["Santa Rosa"].country == "United States"
    assert places["North Bay"] is None


def test_a_person_named_like_a_large_place_of_the_region_is_that_place():
    # ECB+ 41_7ecbplus: the tagger calls "Khartoum" a person seven times in a report from Sudan
    document = next(d for d in ecbplus.load_documents([41]) if d.name == "41_7ecbplus")
    analysis, _ = analyse_article(article_from_text(document.text))
    assert {m.label for m in analysis.mentions if m.text == "Khartoum"} == {"PERSON"}
    khartoum = next(e for e in link_entities([analysis]) if e.name == "Khartoum")
    assert khartoum.type == "GPE" and khartoum.place.country == "Sudan"
    # a title says person: "President Jackson" stays a person even in a report from Mississippi
    analysis, _ = analyse_article(article_from_text("President Jackson spoke in Mississippi. Jackson said the state would recover."))
    assert {e.type for e in link_entities([analysis]) if e.name.endswith("Jackson")} == {"PERSON"}
