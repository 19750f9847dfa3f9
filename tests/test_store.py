import sqlite3

from newsdesk.analyse import analyse_article
from newsdesk.ingest import article_from_text
from newsdesk.model import Analysis, InputError
from newsdesk.store import Assignment, Store
from newsdesk.store.codec import from_plain, to_plain


def test_analysis_round_trips_through_the_store(tmp_path, seed_column):
    analysis, _ = analyse_article(article_from_text(seed_column.read_text(encoding="utf-8"), path=str(seed_column)))
    assert from_plain(Analysis, to_plain(analysis)) == analysis
    with Store(tmp_path / "n.db") as store:
        store.write_batch([analysis], {analysis.article.id: b"f"}, [Assignment(analysis.article.id, "e1", {"new_event": True})], b"state")
        assert store.analyses() == [analysis]
        assert store.known_ids([analysis.article.id, "other"]) == {analysis.article.id}
        assert store.assignments()[0].event_id == "e1" and store.clusterer_state() == b"state"
        assert list(store.features_in_arrival_order()) == [(analysis.article.id, b"f")]


def test_migrations_run_once_and_errors_are_not_duplicated(tmp_path):
    path = tmp_path / "n.db"
    with Store(path) as store:
        store.record_errors([InputError("a.txt", "empty")])
    with Store(path) as store:
        store.record_errors([InputError("a.txt", "empty")])
        assert store.errors() == [InputError("a.txt", "empty")]
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM migrations")]
    assert names[0] == "0001_initial.sql" and names == sorted(set(names)) and "0002_error_stage.sql" in names


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    analysis, _ = analyse_article(article_from_text("Rescuers reached the village on Tuesday.\nNo one was hurt."))
    with Store(tmp_path / "n.db") as store:
        try:
            store.write_batch([analysis], {}, [Assignment("not-an-article", "e1", {})], None)
        except sqlite3.IntegrityError:
            pass
        assert store.count_articles() == 0
