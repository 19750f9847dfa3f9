"""The gazetteer is built once and read back by every later process (each worker looks places up):
what is read back answers as what was built."""

from newsdesk.link import places

NAMES = ["Paris", "Bagda", "Santa Rosa", "KSA", "DPRK", "UN", "Valencia", "Odessa", "Baghda", "Ar-Raqqa", "Jordan", "Khartoum", "Yida"]


def _answers():
    context = places.place_context(["Spain", "California", "Sudan"])
    return context, [(places.resolve_place(n), places.resolve_place(n, context), places.exact_place(n), places.place_in_context(n, context)) for n in NAMES], places.country_names()


def test_the_gazetteer_written_to_the_cache_answers_as_the_one_built(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path))
    for cached in (places._gazetteer, places._resolve_alone):
        cached.cache_clear()
    built = _answers()
    (written,) = tmp_path.glob("gazetteer-*.marshal")
    for cached in (places._gazetteer, places._resolve_alone):
        cached.cache_clear()
    read_back = _answers()
    assert read_back == built
    answers = dict(zip(NAMES, built[1]))
    assert answers["Paris"][0].country == "France" and answers["Valencia"][1].country == "Spain"  # in a report naming Spain
    assert answers["Bagda"][0].name == "Baghdad" and answers["KSA"][0].name == "Saudi Arabia"
    written.write_bytes(b"truncated")  # a damaged file is rebuilt, not trusted
    places._gazetteer.cache_clear()
    places._resolve_alone.cache_clear()
    assert _answers() == built
    places._gazetteer.cache_clear()
