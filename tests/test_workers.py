"""The per-article stages in worker processes give the same store as in the writer alone, and a
worker killed during an ingest costs nothing but time."""

import json
import multiprocessing
import os
import signal

import pytest

from newsdesk import pipeline
from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.pipeline import ingest
from newsdesk.store import Store
from newsdesk.store.codec import to_plain


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """12 ECB+ reports from three topics, interleaved as a feed would bring them."""
    topics = [load_documents([topic])[:4] for topic in (1, 3, 5)]
    documents = [d for row in zip(*topics) for d in row]
    path = tmp_path_factory.mktemp("ecb") / "feed.jsonl"
    path.write_text("".join(json.dumps(as_article_record(d)) + "\n" for d in documents), encoding="utf-8")
    return path


def _ingested(corpus, db, workers):
    with Store(db) as store:
        report = ingest([str(corpus)], store, workers=workers)
        return report, store.assignments(), [to_plain(a) for a in store.analyses()]


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "BATCH_SIZE", 4)  # three batches, so that both workers have work
        return _ingested(corpus, tmp_path_factory.mktemp("one") / "one.db", workers=1)


def test_one_and_two_workers_give_the_same_events_and_analyses(corpus, one_worker, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    one_report, one_events, one_analyses = one_worker
    two_report, two_events, two_analyses = _ingested(corpus, tmp_path / "two.db", workers=2)
    assert len(one_report.added) == 12 and one_report.errors == []
    assert two_report.added == one_report.added and two_report.errors == []
    assert len({a.event_id for a in one_events}) >= 3
    assert two_events == one_events  # same events, same evidence for each decision
    assert two_analyses == one_analyses


def test_a_dask_cluster_gives_the_same_events_as_one_worker(corpus, one_worker, tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    one_report, one_events, one_analyses = one_worker
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Store(tmp_path / "engine.db") as store:
            report = ingest([str(corpus)], store, engine=cluster.scheduler_address)
            events, analyses = store.assignments(), [to_plain(a) for a in store.analyses()]
    assert report.added == one_report.added and report.errors == []
    assert events == one_events and analyses == one_analyses


def test_a_worker_killed_during_an_ingest_is_replaced_and_its_batches_analysed_again(corpus, one_worker, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    store_batch = pipeline._store_batch
    killed = []

    def kill_a_worker_after_the_first_batch(*args):
        store_batch(*args)
        if not killed:  # the third batch is in flight now, the first is committed
            worker = multiprocessing.active_children()[0]
            os.kill(worker.pid, signal.SIGKILL)
            killed.append(worker.pid)

    monkeypatch.setattr(pipeline, "_store_batch", kill_a_worker_after_the_first_batch)
    report, events, analyses = _ingested(corpus, tmp_path / "two.db", workers=2)
    one_report, one_events, one_analyses = one_worker
    assert killed and len(report.worker_losses) == 1, report.worker_losses
    assert report.added == one_report.added and report.errors == []  # every article once, in order
    assert events == one_events and analyses == one_analyses
    assert all(child.pid not in killed for child in multiprocessing.active_children())


def _dies_on_poison(batch):
    """Stands in for ``analyse_batch`` in the workers: an article that kills its worker process."""
    from newsdesk.workers import Analysed

    if any("POISON" in article.text for article in batch):
        os._exit(1)
    return Analysed([], [], list(batch), [])


def test_an_article_that_kills_every_worker_is_recorded_and_the_batch_goes_on(monkeypatch):
    from newsdesk import workers
    from newsdesk.ingest import article_from_text

    monkeypatch.setattr(workers, "analyse_batch", _dies_on_poison)
    articles = [article_from_text(f"Report {i}. " + ("POISON" if i == 5 else "fine"), path=f"a{i}.txt") for i in range(12)]
    batches = [articles[i : i + 4] for i in range(0, 12, 4)]
    told = []
    with workers.analyser(workers=2, on_lost=told.append) as analyse:
        results = list(analyse(batches))
    assert [a.path for r in results for a in r.read_as] == [a.path for a in articles if a.path != "a5.txt"]  # in order, none twice
    assert [(e.input, e.stage) for r in results for e in r.errors] == [("a5.txt", "workers")]
    assert "a5.txt" in told[-1] and len(told) <= workers.MAX_LOSSES


def _fires(folder, count):
    folder.mkdir()
    towns = ["Arden", "Belmont", "Corrin", "Dunmore", "Elgin"]
    for i in range(count):
        (folder / f"f{i:03d}.txt").write_text(
            f"Fire at depot {i} in {towns[i % 5]}\nA fire destroyed depot number {i} in {towns[i % 5]} on Monday, "
            f"firefighters said. {i + 2} people were evacuated.\n",
            encoding="utf-8",
        )


def test_the_writer_killed_with_its_workers_running_leaves_no_orphan_and_the_rerun_completes(tmp_path):
    import subprocess
    import sys
    import time

    import psutil

    from newsdesk.store import StoreError

    _fires(tmp_path / "in", 100)
    db = tmp_path / "n.db"
    command = [sys.executable, "-m", "newsdesk", "ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "2"]
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    committed, deadline = 0, time.time() + 300
    while not committed and time.time() < deadline and writer.poll() is None:
        time.sleep(0.2)
        try:
            with Store(db, create=False) as store:
                committed = store.count_articles()
        except StoreError:
            pass
    workers = psutil.Process(writer.pid).children(recursive=True)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert 0 < committed < 100, "the kill must land between the first commit and the end"
    assert workers and psutil.wait_procs(workers, timeout=30)[1] == []  # each worker saw its writer go and exited
    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db) as store:
        ids = [a.article.id for a in store.analyses()]
        assert len(ids) == len(set(ids)) == store.count_articles() == 100
        assert sorted(a.article_id for a in store.assignments()) == sorted(ids)


def _square_but_three_kills_its_worker(number):
    if number == 3 and multiprocessing.parent_process() is not None:
        os._exit(1)
    return number * number


def test_what_the_workers_build_after_the_batches_is_built_here_when_a_worker_dies():
    from newsdesk import workers

    told = []
    with workers.analyser(workers=2, on_lost=told.append) as pool:
        assert list(pool.map(_square_but_three_kills_its_worker, range(8))) == [n * n for n in range(8)]
    assert len(told) == 1


def _slow_at_zero(number):
    import time

    time.sleep(2 if number == 0 else 0)
    return number * number


def test_work_whose_order_does_not_matter_comes_back_as_finished_and_whole_when_a_worker_dies():
    """The dossiers built at the end of an ingest: a slow one does not hold back the others."""
    from newsdesk import workers

    with workers.analyser(workers=2) as pool:
        finished = list(pool.map_unordered(_slow_at_zero, range(4)))
    assert sorted(finished) == [(n, n * n) for n in range(4)] and finished[-1] == (0, 0)
    told = []
    with workers.analyser(workers=2, on_lost=told.append) as pool:
        assert sorted(pool.map_unordered(_square_but_three_kills_its_worker, range(8))) == [(n, n * n) for n in range(8)]
    assert len(told) == 1
