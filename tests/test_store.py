import json
import sqlite3
from datetime import date
from importlib import resources as package_files

import psycopg
import pytest

from newsdesk.analyse import analyse_article
from newsdesk.ingest import article_from_text
from newsdesk.model import Analysis, Article, InputError
from newsdesk.store import Assignment, EventQuery, Store, is_server
from newsdesk.store.codec import from_plain, to_plain


def test_analysis_round_trips_through_the_store(store_at, seed_column):
    analysis, _ = analyse_article(article_from_text(seed_column.read_text(encoding="utf-8"), path=str(seed_column)))
    assert from_plain(Analysis, to_plain(analysis)) == analysis
    with Store(store_at) as store:
        store.write_batch([analysis], {analysis.article.id: b"f"}, [Assignment(analysis.article.id, "e1", {"new_event": True})], b"state")
        assert store.analyses() == [analysis]
        assert store.known_ids([analysis.article.id, "other"]) == {analysis.article.id}
        assert store.assignments()[0].event_id == "e1" and store.clusterer_state() == b"state"
        assert list(store.features_in_arrival_order()) == [(analysis.article.id, b"f")]


def test_migrations_run_once_and_errors_are_not_duplicated(store_at):
    with Store(store_at) as store:
        store.record_errors([InputError("a.txt", "empty")])
    with Store(store_at) as store:
        store.record_errors([InputError("a.txt", "empty"), InputError("b.txt", "a stage failed: " + "x" * 20000, "claims")])
        assert store.errors() == [InputError("a.txt", "empty"), InputError("b.txt", "a stage failed: " + "x" * 20000, "claims")]
        names = [r[0] for r in store.db.execute("SELECT name FROM migrations ORDER BY name")]
    assert names[0] == "0001_initial.sql" and {"0002_error_stage.sql", "0003_reads.sql"} <= set(names) and len(names) == len(set(names))


def test_a_failed_batch_leaves_nothing_behind(store_at):
    analysis, _ = analyse_article(article_from_text("Rescuers reached the village on Tuesday.\nNo one was hurt."))
    with Store(store_at) as store:
        with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):  # an assignment of no stored article
            store.write_batch([analysis], {}, [Assignment("not-an-article", "e1", {})], None)
        assert store.count_articles() == 0
        store.write_batch([analysis], {}, [Assignment(analysis.article.id, "e1", {})], None)  # the connection goes on
        assert store.count_articles() == 1


def _plain_analysis(text: str, title: str, source: str, published: str, language: str = "en") -> Analysis:
    """An analysis with no findings: what the store's reads need is the article's heading and text."""
    article = article_from_text(text, path=f"{source}.txt", title=title, published=published, source=source)
    article = Article(**{**article.__dict__, "language": language})
    return Analysis(article=article, prose=text)


def _one_event_dossier(event_id: str, analyses: list[Analysis], title: str, conflicts: int) -> dict:
    """The smallest one-event newsdesk.dossier/1 document the store summarises a digest from."""
    entity = {"id": "e1", "name": "Pieter de Vries", "type": "PERSON", "variants": [{"text": "de Vries"}], "mentions": []}
    finding = {"summary": "x", "kind": "different_number", "support": []}
    event = {
        "id": event_id, "title": title, "date": "2024-03-05", "places": [{"name": "Rotterdam"}], "article_ids": [a.article.id for a in analyses],
        "entities": [entity], "agreements": [], "conflicts": [finding] * conflicts,
    }
    return {"schema": "newsdesk.dossier/1", "articles": [{"id": a.article.id} for a in analyses], "events": [event], "removed": [], "errors": []}


CRANE = "A container crane collapsed at the port of Rotterdam on Tuesday, the harbour authority said. Nobody was hurt."
STORM = "A storm closed the null and void bridge near Arles on Monday. Traffic was diverted, officials said."


def test_digests_follow_every_batch_and_dossiers_summarise_them(store_at):
    crane = _plain_analysis(CRANE, "Crane collapse in Rotterdam", "Harbour Watch", "2024-03-05")
    crane_es = _plain_analysis(CRANE + " Se investiga.", "Cae una grúa en Róterdam", "El Puerto", "2024-03-06", "es")
    with Store(store_at) as store:
        store.write_batch([crane, crane_es], {}, [Assignment(crane.article.id, "ev-a", {}), Assignment(crane_es.article.id, "ev-b", {})], None)
        page = store.events_page(EventQuery())
        rows = page.items
        assert page.total == page.pending == 2 and all(r["pending"] for r in rows)  # from the headings until a dossier summarises them
        assert {r["id"]: r["title"] for r in rows} == {"ev-a": "Crane collapse in Rotterdam", "ev-b": "Cae una grúa en Róterdam"}
        assert store.stale_dossiers() == ["ev-a", "ev-b"] and store.stored_dossier("ev-a") is None
        assert [r["id"] for r in store.events_page(EventQuery(text="grua en roterdam")).items] == ["ev-b"]  # accents are not needed

        store.write_dossier(_one_event_dossier("ev-a", [crane], "Crane falls at Rotterdam port", conflicts=2))
        (row,) = store.events_page(EventQuery(entity="VRIES")).items
        assert (row["id"], row["title"], row["places"], row["conflicts"], row["pending"]) == ("ev-a", "Crane falls at Rotterdam port", ["Rotterdam"], 2, False)
        assert store.stale_dossiers() == ["ev-b"] and store.stored_dossier("ev-a").current

        # the Spanish report moves into ev-a (a refinement): ev-b is gone, ev-a keeps its summary, marked pending
        store.write_batch([], {}, [Assignment(crane_es.article.id, "ev-a", {"moved_from": "ev-b"})], None)
        page = store.events_page(EventQuery())
        (row,) = page.items
        assert page.total == page.pending == 1 and row["article_ids"] == [crane.article.id, crane_es.article.id]
        assert row["sources"] == ["El Puerto", "Harbour Watch"] and row["languages"] == ["en", "es"]
        assert row["title"] == "Crane falls at Rotterdam port" and row["pending"]
        assert not store.stored_dossier("ev-a").current and store.stale_dossiers() == ["ev-a"] and not store.has_event("ev-b")


def test_a_dossier_of_older_articles_never_replaces_the_current_one(store_at):
    """Two ingests refresh their events' dossiers at their own ends: the one that read an event
    before the other's batch joined it may write last, and must not leave it stale."""
    crane = _plain_analysis(CRANE, "Crane collapse in Rotterdam", "Harbour Watch", "2024-03-05")
    crane_es = _plain_analysis(CRANE + " Se investiga.", "Cae una grúa en Róterdam", "El Puerto", "2024-03-06", "es")
    with Store(store_at) as store:
        store.write_batch([crane], {}, [Assignment(crane.article.id, "ev-a", {})], None)
        older = _one_event_dossier("ev-a", [crane], "Crane falls", conflicts=0)  # built by the first ingest
        store.write_batch([crane_es], {}, [Assignment(crane_es.article.id, "ev-a", {})], None)
        store.write_dossier(_one_event_dossier("ev-a", [crane, crane_es], "Crane falls, two reports", conflicts=0))
        store.write_dossier(older)  # the first ingest's refresh lands last
        assert store.stale_dossiers() == [] and store.stored_dossier("ev-a").current
        assert store.events_page(EventQuery()).items[0]["title"] == "Crane falls, two reports"


def test_search_reads_titles_and_text_not_the_stored_json(store_at):
    crane = _plain_analysis(CRANE, "Crane collapse in Rotterdam", "Harbour Watch", "2024-03-05")
    storm = _plain_analysis(STORM, "Storm shuts bridge", "Le Test", "2023-10-02")
    with Store(store_at) as store:
        store.write_batch([crane, storm], {}, [Assignment(crane.article.id, "ev-crane", {}), Assignment(storm.article.id, "ev-storm", {})], None)

        def found(**query):
            return [r["id"] for r in store.events_page(EventQuery(**query)).items]

        assert found(text="title") == [] and found(text="published") == []  # JSON field names
        assert found(text="null") == ["ev-storm"]  # the word in the text, not the JSON nulls of every article
        assert found(text="harbour authority") == ["ev-crane"] and found(text="authority harbour") == []
        assert found(text="rotterd") == ["ev-crane"] and found(text="Le Test") == ["ev-storm"]  # a prefix; the outlet
        assert found(text="crane", date_to=date(2023, 12, 31)) == [] and found(text="crane", date_from=date(2024, 3, 5)) == ["ev-crane"]
        assert store.events_page(EventQuery(text="crane OR storm")).total == 0  # FTS5 syntax is read as words, never as a query


def test_a_store_from_before_the_reads_gets_digests_and_needs_its_dossiers(tmp_path):
    path = tmp_path / "old.db"
    folder = package_files.files("newsdesk.store") / "migrations"
    old = sqlite3.connect(path)
    old.executescript((folder / "0001_initial.sql").read_text(encoding="utf-8"))
    old.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    old.execute("INSERT INTO migrations VALUES ('0001_initial.sql', 'then')")
    crane = _plain_analysis(CRANE, "Crane collapse in Rotterdam", "Harbour Watch", "2024-03-05")
    old.execute(
        "INSERT INTO articles (id, path, title, source, published, language, ingested_at, article, analysis) VALUES (?, ?, ?, ?, ?, ?, 'then', ?, ?)",
        (crane.article.id, "x", crane.article.title, crane.article.source, "2024-03-05", "en", json.dumps(to_plain(crane.article)), json.dumps(to_plain(crane))),
    )
    old.execute("INSERT INTO assignments VALUES (?, 'ev-old', '{}')", (crane.article.id,))
    old.commit()
    old.close()
    with Store(path) as store:
        assert [r["id"] for r in store.events_page(EventQuery(text="harbour")).items] == ["ev-old"]
        assert store.stale_dossiers() == ["ev-old"]


def test_a_dossier_is_stale_after_an_upgrade_or_a_reanalysis(store_at, monkeypatch):
    crane = _plain_analysis(CRANE, "Crane collapse in Rotterdam", "Harbour Watch", "2024-03-05")
    with Store(store_at) as store:
        store.write_batch([crane], {}, [Assignment(crane.article.id, "ev-a", {})], None)
        store.write_dossier(_one_event_dossier("ev-a", [crane], "Crane falls", conflicts=0))
        assert store.stale_dossiers() == [] and store.stored_dossier("ev-a").current
        stored_key, current_key = store.dossier_keys("ev-a")
        assert stored_key == current_key
        monkeypatch.setattr("newsdesk.store.reads.__version__", "99.0")  # newsdesk was upgraded since
        assert store.stale_dossiers() == ["ev-a"] and not store.stored_dossier("ev-a").current
        monkeypatch.undo()
        store.mark_dossiers_stale(["ev-a"])  # its articles were analysed again
        assert store.stale_dossiers() == ["ev-a"] and store.dossier_keys("ev-a")[0] != store.dossier_keys("ev-a")[1]
        assert store.stored_dossier("ev-a").document["events"][0]["title"] == "Crane falls"  # still readable meanwhile


def test_a_job_is_run_by_one_server_and_never_again_once_finished(store_at):
    with Store(store_at) as first, Store(store_at) as second:
        first.add_job("j1", [("a.txt", b"Floods cut off Sylhet on Monday, officials said.")])
        with first.running_job("j1") as runs:
            assert runs
            with second.running_job("j1") as also_runs:  # another server sharing a PostgreSQL database skips it
                assert also_runs is (not is_server(store_at))  # an SQLite store has one server
            first.set_job_status("j1", "done", finished=True)
        with second.running_job("j1") as runs_again:
            assert not runs_again
        assert second.job("j1")["status"] == "done" and second.pending_job_inputs("j1", 10) == []


def test_a_nul_in_an_articles_metadata_is_stored_on_both_databases(store_at):
    # a JSON input's "\u0000" reaches the title and outlet as they are; PostgreSQL text has no NUL
    crane = _plain_analysis(CRANE, "Crane\x00 collapse", "Harbour\x00 Watch", "2024-03-05")
    with Store(store_at) as store:
        store.write_batch([crane], {}, [Assignment(crane.article.id, "ev-a", {})], None, [InputError("x\x00.json", "bad\x00")])
        (row,) = store.events_page(EventQuery(text="crane")).items
        assert row["title"] in ("Crane\x00 collapse", "Crane\ufffd collapse") and store.analyses() == [crane]


def test_search_follows_articles_joining_and_leaving_an_event_across_its_chunks(store_at):
    """The search index holds an event's articles a few to a chunk (reads.ARTICLES_A_CHUNK): an
    event that grows past a chunk is found by the words of every article, and an article that
    moves to another event is found there only."""
    from newsdesk.store.reads import ARTICLES_A_CHUNK

    reports = [
        _plain_analysis(f"Report {n} on the harbour: the crane number{n} fell, the harbour authority said.", f"Crane report {n}", f"Outlet{n}", "2024-03-05")
        for n in range(2 * ARTICLES_A_CHUNK + 1)
    ]
    with Store(store_at) as store:

        def found(text: str) -> list[str]:
            return [r["id"] for r in store.events_page(EventQuery(text=text)).items]

        for report in reports:  # one batch each: every batch rewrites the event's last chunk
            store.write_batch([report], {}, [Assignment(report.article.id, "ev-crane", {})], None)
        assert all(found(f"crane number{n} fell") == ["ev-crane"] for n in range(len(reports)))
        assert found("harbour authority") == ["ev-crane"] and store.events_page(EventQuery(text="harbour")).total == 1
        chunks = store.db.execute("SELECT COUNT(*) FROM event_search_chunks WHERE event_id = 'ev-crane'").fetchone()[0]
        assert chunks == 3

        # an article of the first chunk moves out: the chunks after it are rewritten, nothing is lost or left behind
        moved = reports[1].article.id
        store.write_batch([], {}, [Assignment(moved, "ev-other", {"moved_from": "ev-crane"})], None)
        assert found("number1 fell") == ["ev-other"] and found("number10 fell") == ["ev-crane"] and found("number16") == ["ev-crane"]
        assert sorted(found("harbour authority")) == ["ev-crane", "ev-other"]
        store.write_batch([], {}, [Assignment(moved, "ev-crane", {})], None)  # and back: ev-other is gone from search
        assert found("harbour authority") == ["ev-crane"] and found("number1 fell") == ["ev-crane"]
        assert store.db.execute("SELECT COUNT(*) FROM event_search_chunks WHERE event_id = 'ev-other'").fetchone()[0] == 0
