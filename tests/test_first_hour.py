"""The first hour of a new user: the Python API, the CLI's messages and exit codes, storage
failures and odd text (issue 19, points 1-5). The CLI runs through Typer's runner, in process."""

import json
import shutil
import sqlite3

import jsonschema
import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

import newsdesk
import newsdesk.stages
from newsdesk import cli
from newsdesk.ingest import read_inputs
from newsdesk.report import dossier_markdown, dossier_schema, span_violations
from newsdesk.store import Store, StoreError

runner = CliRunner()


def run(*args):
    result = runner.invoke(cli.app, [str(a) for a in args], prog_name="newsdesk")
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def seed_db(seed_paths, tmp_path_factory):
    """The seeds ingested one by one through the CLI, with what each ingest printed."""
    db = tmp_path_factory.mktemp("firsthour") / "seeds.db"
    first = run("ingest", seed_paths[0], "--db", db)
    second = run("ingest", seed_paths[1], "--db", db)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    return db, first.stdout, second.stdout


# -- 1. the Python API ------------------------------------------------------------------------


def test_python_api_takes_one_path_as_a_string_or_path_and_the_dossier_saves_itself(seed_report, tmp_path):
    dossier = newsdesk.analyze(str(seed_report))
    assert len(dossier.articles) == 1 and dossier.errors == []
    document = dossier.to_json()
    jsonschema.validate(document, dossier_schema())
    saved = dossier.save(tmp_path / "out" / "dossier.json")
    assert json.loads(saved.read_text(encoding="utf-8")) == document
    assert "# newsdesk dossier" in dossier.save(tmp_path / "dossier.md").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="use .json, .md or .html"):
        dossier.save(tmp_path / "dossier.pdf")
    # a folder given as a Path is read recursively, not as one file
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_report, folder / "report.txt")
    assert [a.path for a in newsdesk.analyze(folder).articles] == [str(folder / "report.txt")]


# -- 2. usage errors ------------------------------------------------------------------------


def test_usage_errors_are_one_message_and_exit_2(tmp_path):
    port = run("serve", "--port", "99999")
    assert port.exit_code == 2 and "--port" in port.output
    not_a_store = tmp_path / "notadb.txt"
    not_a_store.write_text("hello\n", encoding="utf-8")
    listed = run("events", "--db", not_a_store)
    assert listed.exit_code == 2 and "is not a newsdesk store" in listed.stderr
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE photos (id INTEGER)")
    listed = run("events", "--db", other)
    assert listed.exit_code == 2 and "not a newsdesk store" in listed.stderr
    with sqlite3.connect(other) as db:  # and it was left as it was
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["photos"]


# -- 3. storage errors and odd text --------------------------------------------------------------


def test_a_store_in_a_missing_folder_is_one_message(seed_report, tmp_path):
    result = run("ingest", seed_report, "--db", tmp_path / "nowhere" / "n.db")
    assert result.exit_code == 2
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in result.stderr


def test_a_read_only_store_is_listed_and_refused_before_any_analysis(seed_db, seed_report, tmp_path, monkeypatch):
    import newsdesk.pipeline
    import newsdesk.store.connection

    db = tmp_path / "ro.db"
    shutil.copy(seed_db[0], db)
    db.chmod(0o444)
    # tests may run as root, for whom no file is read-only: the permission check says what a user's would
    monkeypatch.setattr(newsdesk.store.connection, "_writable", lambda path: False)
    listed = run("events", "--db", db)
    assert listed.exit_code == 0 and "2 articles" in listed.stdout
    with Store(db) as store:
        assert store.read_only
        with pytest.raises(StoreError, match="read-only"):
            store.record_errors([])  # any write is refused, with the reason

    def no_analysis(*args, **kwargs):
        raise AssertionError("analysed articles for a store it cannot write")

    monkeypatch.setattr(newsdesk.stages.STAGES, "run", no_analysis)
    refused = run("ingest", seed_report, "--db", db)
    assert refused.exit_code == 3 and "is read-only" in refused.stderr and refused.stderr.count("\n") == 1


def test_a_full_disk_is_one_message_and_keeps_the_store(seed_paths, tmp_path, monkeypatch):
    import newsdesk.store.connection

    db = tmp_path / "full.db"
    Store(db).close()
    connect = newsdesk.store.connection._connect

    def full_disk(path, read_only):
        connection = connect(path, read_only)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 1}")  # SQLite's own "disk is full"
        return connection

    monkeypatch.setattr(newsdesk.store.connection, "_connect", full_disk)
    result = run("ingest", *seed_paths, "--db", db)
    assert result.exit_code == 3
    assert "no space left to write the store" in result.stderr and "database or disk is full" in result.stderr
    monkeypatch.undo()
    with Store(db) as store:
        assert store.count_articles() == 0  # the failed batch left nothing half-written


def test_a_full_disk_while_writing_the_dossier_is_one_message(seed_report, tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    def no_space(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", no_space)
    result = run("analyze", seed_report, "--out", tmp_path / "out")
    assert result.exit_code == 3 and result.stderr.strip() == f"newsdesk: {tmp_path / 'out' / 'dossier.json'}: No space left on device"


def test_nul_characters_are_text_not_binary_and_control_bytes_are_repaired(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Floods in Sylhet\nHeavy rain flooded\x00 the city of Sylhet on Monday, officials said.\n")
    (article,) = list(read_inputs([str(path)]))
    assert "flooded the city" in article.text
    assert "\x00" in article.text_as_given
    (repair,) = article.repairs
    assert article.text_as_given[repair.given_start : repair.given_end] == "\x00" and repair.start == repair.end
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    (rejected,) = list(read_inputs([str(binary)]))
    assert "binary" in rejected.reason


def test_a_lone_surrogate_in_json_becomes_the_replacement_character(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"title": "Sylhet \\ud800 floods", "text": "Heavy rain flooded Sylhet \\ud800 on Monday, officials said."}\n', encoding="utf-8")
    (article,) = list(read_inputs([str(path)]))
    assert "Sylhet \ufffd on Monday" in article.text and article.title == "Sylhet \ufffd floods"


def test_markdown_export_shows_markup_in_articles_as_text(tmp_path):
    from conftest import HOSTILE_ARTICLE

    hostile = {**HOSTILE_ARTICLE, "text": HOSTILE_ARTICLE["text"] + "\n\nSee [the harbour notice](javascript:window.__owned=6) and <javascript:alert(1)>."}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile), encoding="utf-8")
    document = newsdesk.analyze(path).to_json()
    markdown = dossier_markdown(document)
    html = MarkdownIt("commonmark").render(markdown)  # html on: raw HTML would pass through
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript:' not in html and "href='javascript:" not in html
    assert "&lt;script&gt;window.__owned = 1&lt;/script&gt;" in html  # the title, shown as text
    assert "Harbour Watch &lt;img" in html


def test_a_symlink_loop_in_a_folder_is_reported(tmp_path, seed_report):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_report, folder / "report.txt")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    items = list(read_inputs([str(folder)]))
    rejected = {getattr(i, "input_name", None): getattr(i, "reason", "") for i in items}
    assert "symbolic link loop" in rejected[str(folder / "loop")]
    assert "symbolic link loop" in rejected[str(folder / "a.txt")] and "symbolic link loop" in rejected[str(folder / "b.txt")]
    assert sum(1 for i in items if hasattr(i, "text")) == 1


# -- 4. no silent empty stores ---------------------------------------------------------------------


def test_serving_or_ingesting_nothing_creates_no_store(tmp_path):
    typo = tmp_path / "typo.db"
    served = run("serve", "--db", typo)
    assert served.exit_code == 2 and "no store at" in served.stderr and "--create" in served.stderr
    ingested = run("ingest", tmp_path / "missing.txt", "--db", typo)
    assert ingested.exit_code == 1 and "no such file" in ingested.stderr and "was not created" in ingested.stderr
    assert not typo.exists()
    assert run("show", "abc", "--db", typo).exit_code == 2 and not typo.exists()


# -- 5. commands that say what they did -----------------------------------------------------------


def test_ingest_says_which_event_each_article_started_or_joined(seed_db, seed_paths):
    db, first, second = seed_db
    (event,) = json.loads(run("events", "--db", db, "--json").stdout)
    event_id = event["id"]
    assert f"{seed_paths[0]}: started event {event_id}" in first
    assert f"{seed_paths[1]}: joined event {event_id} (now 2 articles)" in second


def test_events_on_an_empty_store_says_so(tmp_path):
    db = tmp_path / "empty.db"
    Store(db).close()
    result = run("events", "--db", db)
    assert result.exit_code == 0 and result.stdout == ""
    assert f"no events in {db} yet (0 articles)" in result.stderr and "newsdesk ingest" in result.stderr
    assert json.loads(run("events", "--db", db, "--json").stdout) == []


def test_version_and_help_speak_to_the_user():
    version = run("--version")
    assert version.exit_code == 0 and version.stdout.strip() == f"newsdesk {newsdesk.__version__}"
    top = run("--help")
    assert "Nothing else lives here" not in top.stdout and "Group news reports into events" in top.stdout
    assert "Print JSON instead of text" in run("events", "--help").stdout
    assert "Print JSON instead of text" in run("compare", "--help").stdout


# -- 8. the text as given and the text as read -----------------------------------------------------


def test_mojibake_is_repaired_and_the_text_as_given_kept_with_the_map(tmp_path):
    given = "Chef JosÃ© MartÃ\xadnez said the cafÃ© would reopen.\r\nHe thanked the â€œvolunteersâ€\x9d.\r\n"
    path = tmp_path / "mojibake.txt"
    path.write_bytes(given.encode("utf-8"))
    document = newsdesk.analyze(path).to_json()
    (article,) = document["articles"]
    assert article["text"].startswith("Chef José Martínez said the café would reopen.\nHe thanked the “volunteers”.")
    assert article["text_as_given"] == given
    jsonschema.validate(document, dossier_schema())
    assert span_violations(document) == []
    from newsdesk.ingest.decode import to_given
    from newsdesk.model import Repair

    repairs = [Repair(**r) for r in article["repairs"]]
    for word in ("said", "He thanked", "volunteers", "reopen"):
        at = article["text"].index(word)
        assert given[to_given(repairs, at) :].startswith(word)
    for r in repairs:  # each repair says what it was
        assert (article["text"][r.start : r.end], given[r.given_start : r.given_end]) in {("é", "Ã©"), ("í", "Ã\xad"), ("", "\r"), ("“", "â€œ"), ("”", "â€\x9d")}


def test_posted_text_with_a_lone_surrogate_or_a_nul_is_ingested_not_a_500(tmp_path):
    import time

    from fastapi.testclient import TestClient

    from newsdesk.serve import create_app

    body = '{"documents": [{"title": "Floods in Sylhet", "text": "Heavy rain flooded Sylhet \\ud800 on Monday, officials said.\\u0000 Thousands fled."}]}'
    with TestClient(create_app(tmp_path / "api.db"), base_url="http://127.0.0.1:8000") as client:
        response = client.post("/api/ingest", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 202, response.text
        job = response.json()
        deadline = time.monotonic() + 120
        while job["status"] in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.3)
            job = client.get(f"/api/jobs/{job['id']}").json()
        assert job["status"] == "done" and job["added"] == 1 and job["errors"] == [], job
        article = client.get(f"/api/articles/{job['article_ids'][0]}").json()["article"]
        assert "Sylhet \ufffd on Monday" in article["text"] and "\x00" not in article["text"]


def test_a_port_in_use_is_one_message(tmp_path):
    import socket

    db = tmp_path / "n.db"
    Store(db).close()
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "--db", db, "--port", port)
    assert result.exit_code == 3 and f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_events_lists_a_page_at_a_time_and_says_how_to_see_more(tmp_path):
    """A store of a year's news holds hundreds of thousands of events: listing them all at every
    `newsdesk events` took seconds (8,000 events at 100k articles)."""
    from newsdesk.ingest import article_from_text
    from newsdesk.model import Analysis
    from newsdesk.store import Assignment

    db = tmp_path / "three.db"
    with Store(db) as store:
        for n, size in enumerate((3, 2, 1)):
            analyses = [Analysis(article=a, prose=a.text) for a in (article_from_text(f"Report {k} of story {n}: rain fell.", path=f"{n}-{k}.txt") for k in range(size))]
            store.write_batch(analyses, {}, [Assignment(a.article.id, f"ev-{n}", {}) for a in analyses], None)
    first = run("events", "--db", db, "--limit", "2")
    assert [line.split()[:2] for line in first.stdout.splitlines()] == [["ev-0", "3"], ["ev-1", "2"]]
    assert "events 1-2 of 3" in first.stderr and "--page 2" in first.stderr
    second = run("events", "--db", db, "--limit", "2", "--page", "2")
    assert [line.split()[0] for line in second.stdout.splitlines()] == ["ev-2"] and second.stderr == ""
    assert [row["id"] for row in json.loads(run("events", "--db", db, "--limit", "0", "--json").stdout)] == ["ev-0", "ev-1", "ev-2"]
