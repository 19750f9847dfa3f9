"""Two ingests into one store at once: both finish, every article is stored once and is in the clustering state."""

import subprocess
import sys
from pathlib import Path

from newsdesk.events import OnlineClusterer
from newsdesk.store import EventQuery, Store

TOWNS = ["Arden", "Belmont", "Corrin", "Dunmore", "Elgin"]


def _write_articles(folder, numbers):
    folder.mkdir()
    for i in numbers:
        town = TOWNS[i % len(TOWNS)]
        (folder / f"a{i:03d}.txt").write_text(
            f"Fire at warehouse {i} in {town}\nA fire destroyed warehouse number {i} in {town} on Monday, "
            f"the fire brigade said. {i + 3} workers were evacuated and nobody was hurt.\n",
            encoding="utf-8",
        )


def test_two_ingests_at_once_both_land_in_the_store_and_the_clustering_state(tmp_path):
    _write_articles(tmp_path / "first", range(0, 24))
    _write_articles(tmp_path / "second", range(16, 40))  # 8 articles in both
    db = str(tmp_path / "n.db")
    runs = [
        subprocess.Popen([sys.executable, "-m", "newsdesk", "ingest", str(tmp_path / name), "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("first", "second")
    ]
    outcomes = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    assert [code for code, _, _ in outcomes] == [0, 0], outcomes
    added = [int(line.split()[0]) for _, out, _ in outcomes for line in out.splitlines() if " articles added" in line]
    assert sum(added) == 40  # the 8 articles both read are stored once, by whichever stored them first
    with Store(db) as store:
        ids = {a.article.id for a in store.analyses()}
        assert len(ids) == store.count_articles() == 40
        assert {a.article_id for a in store.assignments()} == ids
        clustered = {aid for members in OnlineClusterer.from_state(store.clusterer_state()).clusters().values() for aid in members}
        assert clustered == ids
        assert store.stale_dossiers() == []
        assert sum(len(row["article_ids"]) for row in store.events_page(EventQuery(limit=None)).items) == 40


def test_an_ingest_started_during_another_stores_its_batches_before_the_other_ends(tmp_path, monkeypatch):
    from newsdesk import pipeline

    _write_articles(tmp_path / "long", range(0, 8))
    _write_articles(tmp_path / "short", range(200, 204))
    db = tmp_path / "n.db"
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)  # two batches
    write = pipeline._BatchWriter.write
    short = []

    def another_ingest_between_the_batches(self, analysed):
        write(self, analysed)
        if not short:  # the first batch is stored: a whole-run lock would make this one wait forever
            command = [sys.executable, "-m", "newsdesk", "ingest", str(tmp_path / "short"), "--db", str(db), "--workers", "1"]
            short.append(subprocess.run(command, capture_output=True, text=True, timeout=600))

    monkeypatch.setattr(pipeline._BatchWriter, "write", another_ingest_between_the_batches)
    with Store(db) as store:
        report = pipeline.ingest([str(tmp_path / "long")], store, workers=1)
        order = [int(Path(a.article.path).stem[1:]) for a in store.analyses()]  # article numbers in arrival order
    assert short[0].returncode == 0, short[0].stderr
    assert len(report.added) == 8
    assert order == [0, 1, 2, 3, 200, 201, 202, 203, 4, 5, 6, 7]
    with Store(db) as store:
        clustered = {aid for members in OnlineClusterer.from_state(store.clusterer_state()).clusters().values() for aid in members}
        assert clustered == {a.article.id for a in store.analyses()}  # the second batch took up the other ingest's state


OPEN_AT = """
import sys, time
from newsdesk.store import Store
start = float(sys.argv[2])
while time.time() < start:
    pass
with Store(sys.argv[1]):
    pass
"""


def test_two_processes_creating_one_store_at_the_same_instant_both_open_it(tmp_path):
    import time

    for round_ in range(3):  # without the setup lock every round failed one of the two ("database is locked")
        db = str(tmp_path / f"fresh{round_}.db")
        start = str(time.time() + 2.0)  # both past their imports, then released together
        runs = [subprocess.Popen([sys.executable, "-c", OPEN_AT, db, start], stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outcomes = [(run.wait(timeout=60), run.stderr.read()) for run in runs]
        assert [code for code, _ in outcomes] == [0, 0], outcomes


def test_on_postgresql_two_ingests_at_once_and_one_killed_mid_run_lose_and_duplicate_nothing(tmp_path, postgres_cluster):
    """Two ingests start at once on one PostgreSQL store; the one with two batches is killed (-9)
    once its first batch is committed. The other finishes; running the killed one again stores
    what it had left: every article once, in its event and in the clustering state."""
    import os
    import signal
    import time

    from newsdesk.pipeline import BATCH_SIZE

    _write_articles(tmp_path / "long", range(0, BATCH_SIZE + 6))  # two batches
    _write_articles(tmp_path / "short", range(BATCH_SIZE + 4, BATCH_SIZE + 10))  # 2 articles in both
    url = postgres_cluster.new_database()
    with Store(url):
        pass  # created before both start (creating it at once is the SQLite test's)

    def start(name):
        command = [sys.executable, "-m", "newsdesk", "ingest", str(tmp_path / name), "--db", url, "--workers", "1"]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    long_run, short_run = start("long"), start("short")
    with Store(url) as store:
        deadline = time.time() + 600
        while time.time() < deadline and long_run.poll() is None:
            # the long run's first batch is committed: the short run alone adds fewer
            if store.count_articles() >= BATCH_SIZE:
                committed = {a.article.id for a in store.analyses()}
                os.kill(long_run.pid, signal.SIGKILL)
                break
            time.sleep(0.1)
    assert long_run.wait(timeout=60) == -signal.SIGKILL, "the long ingest finished before it could be killed mid-run"
    long_run.communicate()
    short_out = short_run.communicate(timeout=600)
    assert short_run.returncode == 0, short_out
    rerun = start("long")
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, (out, err)
    assert "articles added" in out and "already stored" in err  # it went on from what was committed

    with Store(url) as store:
        ids = {a.article.id for a in store.analyses()}
        assert committed <= ids and len(ids) == store.count_articles() == BATCH_SIZE + 10
        assert [a.article_id for a in store.assignments()] and {a.article_id for a in store.assignments()} == ids
        assert len(store.assignments()) == len(ids)
        assert store.db.execute("SELECT COUNT(*) FROM article_search").fetchone()[0] == len(ids)  # indexed once each
        clustered = [aid for members in OnlineClusterer.from_state(store.clusterer_state()).clusters().values() for aid in members]
        assert sorted(clustered) == sorted(ids)
        assert store.stale_dossiers() == []
        assert sum(len(row["article_ids"]) for row in store.events_page(EventQuery(limit=None)).items) == len(ids)
