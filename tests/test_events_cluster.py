import pickle
import random
from datetime import date

import pytest

from newsdesk.analyse import analyse_articles
from newsdesk.eval import ecbplus, meantime
from newsdesk.events import ArticleFeatures, OnlineClusterer, article_features_batch, cluster
from newsdesk.events.cluster import StaleState
from newsdesk.events.features import figure_counts, term_counts
from newsdesk.ingest.article import article_from_text

# the same made-up event told in English and in Spanish, and another event of the same kind
BLAST_EN = (
    "Gas explosion kills four in Valdoria market\n"
    "A gas explosion tore through the central market of Valdoria on Tuesday morning, killing four "
    "people and injuring 23, mayor Elena Brusca said. The blast destroyed twelve stalls near the "
    "cathedral square. Firefighters from Valdoria and Santa Irene worked for three hours to put out "
    "the fire. Mayor Brusca said a leaking cylinder at a bakery stall caused the explosion."
)
BLAST_ES = (
    "Explosión de gas mata a cuatro personas en el mercado de Valdoria\n"
    "Una explosión de gas sacudió el mercado central de Valdoria el martes por la mañana y mató a "
    "cuatro personas e hirió a 23, según la alcaldesa Elena Brusca. La explosión destruyó doce puestos "
    "cerca de la plaza de la catedral. Los bomberos de Valdoria y Santa Irene trabajaron tres horas "
    "para apagar el fuego. La alcaldesa Brusca dijo que una bombona con fugas en un puesto de "
    "panadería causó la explosión."
)
OTHER_BLAST_EN = (
    "Gas blast at Port Kessel refinery injures nine workers\n"
    "An explosion at the Northmoor oil refinery in Port Kessel injured nine workers on Friday night, "
    "plant manager Tomas Haldane said. The blast started a fire in a storage tank that burned until "
    "Saturday. Investigators from the national safety board are looking at a faulty valve."
)


def _features(texts: list[tuple[str, str | None]]) -> list[ArticleFeatures]:
    articles = [article_from_text(text, published=published) for text, published in texts]
    return article_features_batch([analysis for analysis, _ in analyse_articles(articles)])


def _ecb_sample(topic: int) -> tuple[list[ArticleFeatures], dict[str, str]]:
    """Five documents from each of the two sub-topics of an ECB+ topic (two events of one kind)."""
    documents = ecbplus.load_documents([topic])
    chosen = [d for d in documents if d.subtopic == f"{topic}ecb"][:5] + [d for d in documents if d.subtopic == f"{topic}ecbplus"][:5]
    articles = [article_from_text(d.text, path=d.name, title=d.title, url=d.url) for d in chosen]
    features = article_features_batch([analysis for analysis, _ in analyse_articles(articles)])
    return features, {f.article_id: d.subtopic for f, d in zip(features, chosen)}


@pytest.fixture(scope="module")
def ecb_sample() -> tuple[list[ArticleFeatures], dict[str, str]]:
    """Topic 41: two bombings."""
    return _ecb_sample(41)


def _cluster(features: list[ArticleFeatures]) -> OnlineClusterer:
    clusterer = OnlineClusterer()
    for feature in features:
        clusterer.add(feature.article_id, feature)
    return clusterer


def test_same_kind_events_of_an_ecbplus_topic_stay_apart(ecb_sample):
    features, subtopic = ecb_sample
    for seed in range(3):
        order = list(features)
        random.Random(seed).shuffle(order)
        clusters = _cluster(order).clusters()
        for members in clusters.values():
            assert len({subtopic[m] for m in members}) == 1, members
        # and each sub-topic mostly holds together rather than falling into singletons
        for name in ("41ecb", "41ecbplus"):
            largest = max(sum(subtopic[m] == name for m in members) for members in clusters.values())
            assert largest >= 3


def test_reports_of_one_event_stay_together_by_the_year_they_are_from():
    # ECB+ topic 30: undersea cables cut off Egypt twice, in 2008 and in 2013; the 2013
    # outage was reported over weeks, with different figures, but all in one year
    documents = ecbplus.load_documents([30])
    articles = [article_from_text(d.text, path=d.name, title=d.title, url=d.url) for d in documents]
    features = article_features_batch([analysis for analysis, _ in analyse_articles(articles)])
    subtopic = {f.article_id: d.subtopic for f, d in zip(features, documents)}
    clusterer = _cluster(features)
    clusterer.refine()
    for members in clusterer.clusters().values():
        assert len({subtopic[m] for m in members}) == 1, members
    for name in ("30ecb", "30ecbplus"):
        assert max(sum(subtopic[m] == name for m in members) for members in clusterer.clusters().values()) >= 12


def test_clustering_is_deterministic_and_state_resumes(ecb_sample):
    features, _ = ecb_sample
    first = OnlineClusterer()
    decisions = [first.add(f.article_id, f) for f in features]
    assert [second.event_id for second in (_cluster(features).add(f.article_id, f) for f in features)] == [
        d.event_id for d in decisions
    ]
    resumed = OnlineClusterer()
    for f in features[:6]:
        resumed.add(f.article_id, f)
    resumed = OnlineClusterer.from_state(resumed.state())
    for f in features[6:]:
        resumed.add(f.article_id, f)
    assert resumed.clusters() == first.clusters()


def test_a_merge_or_join_records_its_evidence(ecb_sample):
    features, _ = ecb_sample
    clusterer = OnlineClusterer()
    decisions = [clusterer.add(f.article_id, f) for f in features]
    joined = [d for d in decisions if not d.new_event]
    assert joined
    assert all(d.similarity > 0 and d.signals and d.event_id.startswith("ev-") for d in joined)
    assert any(d.shared_entities for d in joined)


def test_a_same_kind_event_months_later_elsewhere_is_another_event_and_a_follow_up_weeks_later_joins():
    first, follow_up, later_blast = _features(
        [
            (BLAST_EN, "2024-03-05"),
            (BLAST_EN + " Six weeks on, the market reopened and Mayor Brusca unveiled a memorial to the four victims.", "2024-04-16"),
            (OTHER_BLAST_EN, "2024-09-03"),
        ]
    )
    clusterer = OnlineClusterer()
    started = clusterer.add(first.article_id, first)
    joined = clusterer.add(follow_up.article_id, follow_up)
    assert joined.event_id == started.event_id and joined.date_gap_days == 42 and joined.signals["date_gap"] > 0
    late = clusterer.add(later_blast.article_id, later_blast)
    assert late.new_event and late.event_id != started.event_id


@pytest.fixture(scope="module")
def giveme_stories():
    """Giveme5W1H gold events as news-please wrote them: the North Korea oil story (11 reports over
    two weeks, two of them briefs: a page whose text is a chat box, a 77-word wire), the PS4 5.50
    update (reports three weeks apart) and the Costa Rica plane crash (12 reports)."""
    import json

    from conftest import CORPUS
    from newsdesk.ingest import read_inputs

    root = CORPUS / "giveme5w1h"
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))["articles"]
    names = sorted(name for name, row in gold.items() if row["event"] in (19, 35, 61))
    articles = list(read_inputs([str(root / "dev" / name) for name in names]))
    features = article_features_batch([analysis for analysis, _ in analyse_articles(articles)])
    return articles, features, {f.article_id: gold[name]["event"] for f, name in zip(features, names)}


def test_a_story_told_over_weeks_by_many_outlets_stays_one_event(giveme_stories):
    articles, features, event_of = giveme_stories
    search_pages = {a.id for a in articles if a.title == "NPR Search : NPR"}
    assert len(search_pages) == 1
    for seed in range(2):
        order = list(features)
        random.Random(seed).shuffle(order)
        clusterer = _cluster(order)
        clusterer.refine()
        clusters = sorted(clusterer.clusters().values(), key=len, reverse=True)
        for story in (19, 35, 61):
            # the crawl of one Costa Rica page holds an NPR search page about the 2010 Winter
            # Games, title included: nothing in it tells its story
            members = [m for m in event_of if event_of[m] == story and m not in search_pages]
            assert any(set(members) <= set(cluster) for cluster in clusters), (story, seed)
        assert all(len({event_of[m] for m in cluster}) == 1 for cluster in clusters)
        assert len(clusters) <= 4
    ps4 = [a.published for a in articles if event_of[a.id] == 61]
    assert (max(map(date.fromisoformat, ps4)) - min(map(date.fromisoformat, ps4))).days >= 21


def test_a_short_report_joins_its_story_by_its_title(giveme_stories):
    articles, features, event_of = giveme_stories
    brief = next(a for a in articles if a.title == "China accused of letting oil into North Korea")
    assert "North Korea" not in brief.text  # the crawler kept the page's chat box, not the report
    others = [f for f in features if f.article_id != brief.id]
    clusterer = _cluster(others)
    decision = clusterer.add(brief.id, next(f for f in features if f.article_id == brief.id))
    assert not decision.new_event and decision.similarity >= cluster.JOIN_THRESHOLD
    assert {event_of[m] for m in clusterer.clusters()[decision.event_id]} == {19}


def test_spanish_and_english_reports_of_one_event_join_and_another_blast_does_not():
    english, spanish, other = _features([(BLAST_EN, None), (BLAST_ES, None), (OTHER_BLAST_EN, None)])
    clusterer = OnlineClusterer()
    event = clusterer.add(english.article_id, english).event_id
    cross = clusterer.add(spanish.article_id, spanish)
    assert cross.event_id == event, cross
    assert clusterer.add(other.article_id, other).event_id != event


def test_features_survive_serialisation(ecb_sample):
    feature = ecb_sample[0][0]
    again = ArticleFeatures.from_bytes(feature.to_bytes())
    assert again.terms == feature.terms and again.entities == feature.entities and again.years == feature.years
    assert again.figures == feature.figures
    assert (again.body_vec == feature.body_vec).all() and (again.title_vec == feature.title_vec).all()


def test_refinement_splits_an_event_that_took_in_two_events_and_records_the_moves(ecb_sample, monkeypatch):
    features, subtopic = ecb_sample
    # a careless join that puts the two bombings of topic 41 into one event
    monkeypatch.setattr(cluster, "JOIN_THRESHOLD", -1.0)
    monkeypatch.setattr(cluster, "REFINE_EVERY", 1000)
    clusterer = _cluster(features)
    assert len(clusterer.clusters()) == 1
    clusterer.refine()
    clusters = clusterer.clusters()
    assert sorted(m for members in clusters.values() for m in members) == sorted(f.article_id for f in features)
    for members in clusters.values():
        assert len({subtopic[m] for m in members}) == 1, members
    moves = clusterer.take_moves()
    assert moves and clusterer.take_moves() == {}
    for article_id, evidence in moves.items():
        assert evidence["moved_from"] == f"ev-{features[0].article_id}"
        assert evidence["similarity"] > 0 if evidence["group_size"] > 1 else evidence["similarity"] == 0
        assert article_id in clusters[clusterer.add(article_id, features[0]).event_id]


def test_refinement_reaches_every_changed_event_when_they_exceed_one_round(ecb_sample, monkeypatch):
    bombings, bombing_subtopic = ecb_sample
    trials, trial_subtopic = _ecb_sample(36)  # Warren Jeffs' trial and arrests in Canada
    subtopic = bombing_subtopic | trial_subtopic
    monkeypatch.setattr(cluster, "JOIN_THRESHOLD", -1.0)
    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 2.0)
    monkeypatch.setattr(cluster, "REFINE_EVERY", 1000)
    monkeypatch.setattr(cluster, "REFINE_MAX_ARTICLES", 12)  # one careless event per round
    clusterer = _cluster(bombings + trials)
    careless = clusterer.clusters().values()
    assert len(careless) == 2 and all(len({subtopic[m] for m in members}) == 2 for members in careless)
    clusterer.refine()
    for members in clusterer.clusters().values():
        assert len({subtopic[m] for m in members}) == 1, members


def test_a_late_article_that_started_its_own_event_is_regrouped_with_its_neighbours(ecb_sample, monkeypatch):
    bombings, bombing_subtopic = ecb_sample
    trials, trial_subtopic = _ecb_sample(36)
    subtopic = bombing_subtopic | trial_subtopic
    late_bombing, late_trial = bombings.pop(), trials.pop()  # one of each 41ecbplus and 36ecbplus
    monkeypatch.setattr(cluster, "REFINE_EVERY", 1000)
    clusterer = _cluster(bombings + trials)
    clusterer.refine()
    # both arrive too unlike any event to join it (as an article whose years the event does not write)
    monkeypatch.setattr(cluster, "JOIN_THRESHOLD", 2.0)
    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 2.0)
    # a round holds one of them with its neighbours: the other waits for the next round
    monkeypatch.setattr(cluster, "REFINE_MAX_ARTICLES", 8)
    for late in (late_bombing, late_trial):
        assert clusterer.add(late.article_id, late).new_event
    clusterer.refine()
    for late in (late_bombing, late_trial):
        event = clusterer.add(late.article_id, late).event_id
        mates = [m for m in clusterer.clusters()[event] if m != late.article_id]
        assert mates and {subtopic[m] for m in mates} == {subtopic[late.article_id]}, (late.article_id, mates)


def test_state_of_another_version_is_refused_so_the_pipeline_rebuilds(ecb_sample):
    features, _ = ecb_sample
    with pytest.raises(StaleState):
        OnlineClusterer.from_state(pickle.dumps((cluster.STATE_VERSION - 1, {})))
    assert OnlineClusterer.from_state(_cluster(features).state()).clusters() == _cluster(features).clusters()


def test_event_terms_keep_decimals_whole():
    # two quakes of one kind differ in their magnitudes: 4.6 must not become the terms "4" and "6"
    assert term_counts("A 4.6 magnitude quake and a 4.4 one; 1,200 people left.") == {
        "4.6": 1, "magnitude": 1, "quake": 1, "4.4": 1, "1,200": 1, "people": 1, "left": 1,
    }


def test_figures_are_decimals_and_clock_times_on_one_clock():
    # as ECB+ tokenises them ("2:09 a. m.") and as feeds write them; plain whole numbers are not figures
    text = (
        "A 4.6 magnitude quake struck at 2:09 a. m., followed by a 2.9 aftershock at 02:15. "
        "Another, of 4.2, hit at 9:27 p.m.; 1,200 people and 14 homes were affected in 2013."
    )
    assert figure_counts(text) == {"02:09": 1, "02:15": 1, "21:27": 1, "4.6": 1, "2.9": 1, "4.2": 1, "1200": 1}
    assert figure_counts("At 8 p.m. the score was 3:1 and 24 were hurt.") == {}
    # a Spanish translation writes the same figures the other way round
    assert figure_counts("Un sismo de 4,6 a las 2:09; 1.200 personas.") == {"4.6": 1, "02:09": 1, "1200": 1}


def test_an_article_and_its_spanish_translation_end_in_one_event():
    # MEANTIME: Wikinews stock-market reports (many same-kind events) and their Spanish
    # translations; the Spanish text shares names and numbers with its original but hardly a word
    originals = [d for d in meantime.load_documents("en") if d.topic == "corpus_stock"][:15]
    translations = {d.name: d for d in meantime.load_documents("es")}
    articles = [article_from_text(d.text, path=f"{language}:{d.name}") for d in originals for language, d in (("en", d), ("es", translations[d.name]))]
    features = article_features_batch([analysis for analysis, _ in analyse_articles(articles)])
    name = {f.article_id: a.path.split(":")[1] for f, a in zip(features, articles)}
    for seed in range(3):
        order = list(features)
        random.Random(seed).shuffle(order)
        clusterer = _cluster(order)
        clusterer.refine()
        event_of = {m: event for event, members in clusterer.clusters().items() for m in members}
        together = sum(len({event_of[f.article_id] for f in features if name[f.article_id] == d.name}) == 1 for d in originals)
        assert together >= 14, (seed, together)


def test_settled_events_are_packed_and_the_clusterer_decides_as_with_every_profile_live(ecb_sample, monkeypatch):
    """Settled events' profiles are packed (events/shelf.py) to bound the writer's memory; one
    asked for again (a candidate, a join) is unpacked exactly: the decisions, the events and the
    saved state's resumption are those of a clusterer that keeps every profile live."""
    from newsdesk.events.shelf import EventShelf

    features, _ = ecb_sample
    unpacked = []
    unpack = EventShelf._unpack
    monkeypatch.setattr(EventShelf, "_unpack", lambda self, event_id: unpacked.append(event_id) or unpack(self, event_id))
    monkeypatch.setattr(cluster, "REFINE_HORIZON", 0)  # events settle at once: every event but the last touched is packed
    monkeypatch.setattr(cluster, "REFINE_EVERY", 2)

    def run(pack: bool) -> tuple[list, dict, int]:
        if not pack:
            monkeypatch.setattr(EventShelf, "pack", lambda self, keep_live: None)
        clusterer, decisions, packed = OnlineClusterer(), [], 0
        for n, f in enumerate(features):
            if n == 5:  # a saved state resumes with its packed events
                clusterer = OnlineClusterer.from_state(clusterer.state())
            decisions.append(clusterer.add(f.article_id, f))
            packed = max(packed, len(clusterer._events.packed))
        clusterer.refine()
        return decisions, clusterer.clusters(), packed

    packed_decisions, packed_clusters, most_packed = run(pack=True)
    assert most_packed >= 1 and unpacked  # events were packed, and asked for again
    live_decisions, live_clusters, never_packed = run(pack=False)
    assert never_packed == 0
    assert packed_decisions == live_decisions and packed_clusters == live_clusters
    assert any(not d.new_event for d in packed_decisions[2:])  # articles joined events, packed ones among them


def test_a_packed_event_is_joined_by_a_follow_up(monkeypatch):
    first, follow_up, later_blast = _features(
        [
            (BLAST_EN, "2024-03-05"),
            (OTHER_BLAST_EN, "2024-09-03"),
            (BLAST_EN + " Six weeks on, the market reopened and Mayor Brusca unveiled a memorial to the four victims.", "2024-04-16"),
        ]
    )
    monkeypatch.setattr(cluster, "REFINE_HORIZON", 0)  # settled at once
    clusterer = OnlineClusterer()
    started = clusterer.add(first.article_id, first)
    clusterer.refine()
    clusterer.add(follow_up.article_id, follow_up)
    clusterer.refine()
    assert started.event_id in clusterer._events.packed
    clusterer = OnlineClusterer.from_state(clusterer.state())
    joined = clusterer.add(later_blast.article_id, later_blast)
    assert joined.event_id == started.event_id and joined.date_gap_days == 42
    assert clusterer.clusters()[started.event_id] == [first.article_id, later_blast.article_id]


def test_the_state_saved_by_parts_writes_each_settled_event_once_and_reads_back_the_same(ecb_sample, monkeypatch, store_at):
    """The writer saves the clustering state by parts with each batch (``state_by_parts``): each
    open event's member and each settled event's packed profile in a row of its own, written
    once and deleted when it goes, the rest whole. Read back (``from_parts``) it is the
    clusterer that saved it, entries and their order included, on both databases."""
    from newsdesk.store import ClustererSave, Store

    features = ecb_sample[0] + _ecb_sample(1)[0]  # two topics: the first one's events stay settled while the second's arrive
    monkeypatch.setattr(cluster, "REFINE_HORIZON", 0)  # events settle at once: most are packed
    monkeypatch.setattr(cluster, "REFINE_EVERY", 2)
    clusterer, shelved, written, packed_seen = OnlineClusterer(), {}, 0, 0
    with Store(store_at) as store:

        def save() -> tuple[list, list]:
            state, added, gone = clusterer.state_by_parts(shelved)
            store.write_batch([], {}, [], ClustererSave(state, added, gone))
            assert OnlineClusterer.from_parts(store.clusterer_state(), store.clusterer_shelf()).state() == clusterer.state()
            return added, gone

        for start in range(0, len(features), 2):
            for f in features[start : start + 2]:
                clusterer.add(f.article_id, f)
            clusterer.refine()
            added, _ = save()
            shelved = clusterer.packed_entries()
            written, packed_seen = written + len(added), packed_seen + len(shelved)
            for kind in ("event:", "member:"):  # each kind in the clusterer's order
                assert [key for key, _ in store.clusterer_shelf() if key.startswith(kind)] == [key for key in shelved if key.startswith(kind)]
        assert 0 < written < packed_seen  # each batch wrote the members and settled events new since, not all it holds
        back_to_life = next(key for key in shelved if key.startswith("event:"))
        clusterer._events[back_to_life.removeprefix("event:")]  # asked for (a candidate): live again
        assert save() == ([], [back_to_life])
        assert back_to_life not in dict(store.clusterer_shelf())
        assert any(key.startswith("member:") for key in shelved)
        assert store.clusterer_generation() == (len(features) + 1) // 2 + 1
