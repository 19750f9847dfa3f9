"""Two ingests into one store at once: both finish, every article is stored once and is in the clustering state."""

import subprocess
import sys

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
    assert sum("waiting for it to finish" in err for _, _, err in outcomes) == 1  # they did overlap: one waited
    with Store(db) as store:
        ids = {a.article.id for a in store.analyses()}
        assert len(ids) == store.count_articles() == 40
        assert {a.article_id for a in store.assignments()} == ids
        clustered = {aid for members in OnlineClusterer.from_state(store.clusterer_state()).clusters().values() for aid in members}
        assert clustered == ids
        assert store.stale_dossiers() == []
        assert sum(len(row["article_ids"]) for row in store.events_page(EventQuery(limit=None)).items) == 40


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
