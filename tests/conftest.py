import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("NEWSDESK_CORPUS", REPO.parent / "shared" / "corpus"))
SEEDS = CORPUS / "seeds"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 2, f"seed articles missing under {SEEDS}"
    return paths


@pytest.fixture(scope="session")
def seed_column(seed_paths) -> Path:
    """The Russian opinion column with the embedded tweets (000_...)."""
    return next(p for p in seed_paths if p.name.startswith("000_"))


@pytest.fixture(scope="session")
def seed_report(seed_paths) -> Path:
    """The Spanish news report (003_...)."""
    return next(p for p in seed_paths if p.name.startswith("003_"))


@pytest.fixture(scope="module")
def seed_event(seed_paths):
    """The seed pair as one event with quotes, claims, entities and aligned findings: (analyses, event).
    Module scope, so a test module may add to the event without reaching another module."""
    from newsdesk.analyse import analyse_articles
    from newsdesk.claims import align_claims, extract_claims
    from newsdesk.ingest import read_inputs
    from newsdesk.link import link_entities
    from newsdesk.model import Event
    from newsdesk.quotes import extract_quotes, quotes_from_posts

    analyses = []
    for analysis, doc in analyse_articles(read_inputs([str(p) for p in seed_paths])):
        analysis.quotes = extract_quotes(analysis, doc) + quotes_from_posts(analysis.posts)
        analysis.claims = extract_claims(analysis, doc)
        analyses.append(analysis)
    entities = link_entities(analyses, {a.article.id: "seeds" for a in analyses})
    event = Event(id="seeds", article_ids=[a.article.id for a in analyses], entities=entities)
    event.agreements, event.conflicts = align_claims(analyses, entities)
    return analyses, event


HOSTILE_ARTICLE = {
    "title": "Crane collapse <script>window.__owned = 1</script> in Rotterdam",
    "source": "Harbour Watch <img src=x onerror=\"window.__owned = 2\">",
    "published": "2024-03-05",
    "url": "javascript:window.__owned = 3",
    "text": (
        "A container crane collapsed at the port of Rotterdam on Tuesday, the harbour authority said.\n\n"
        "The authority's spokesman, Pieter de Vries, said: \"Nobody was hurt <img src=x onerror=\"window.__owned = 4\"> "
        "and the quay will reopen on Friday.\"\n\n"
        "Dock workers said the crane <script>window.__owned = 5</script> had been inspected in January."
    ),
}


@pytest.fixture(scope="session")
def serve_store(seed_paths, tmp_path_factory) -> Path:
    """A store with the two seed reports and one article full of markup that must render as text.
    Tests that write copy it first (see tests/test_serve_*.py)."""
    import json

    from newsdesk.pipeline import ingest
    from newsdesk.store import Store

    folder = tmp_path_factory.mktemp("serve")
    hostile = folder / "hostile.json"
    hostile.write_text(json.dumps(HOSTILE_ARTICLE), encoding="utf-8")
    db = folder / "template.db"
    with Store(db) as store:
        report = ingest([str(p) for p in seed_paths] + [str(hostile)], store)
    assert len(report.added) == 3 and not report.errors
    return db


# -- PostgreSQL: the store tests run on both databases ---------------------------------------
# One throwaway cluster per test session, in a temporary folder, listening only on a unix socket
# there; each test gets a database of its own. initdb refuses to run as root (CI runs as root),
# so there the cluster runs as the `postgres` user that Debian's package creates (`nobody` when
# it is missing), in a folder that user owns. Without the server binaries the PostgreSQL variants
# skip, unless NEWSDESK_REQUIRE_POSTGRES=1 (set by .ci/run) makes that a failure.


def _postgres_bin() -> Path | None:
    import shutil

    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if versions:
        return versions[-1].parent
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and (Path(found).parent / "initdb").exists() else None


class PostgresCluster:
    def __init__(self, socket_dir: Path):
        self.socket_dir = socket_dir
        self._databases = 0

    def url(self, database: str) -> str:
        return f"postgresql://newsdesk@/{database}?host={self.socket_dir}"

    def new_database(self) -> str:
        """A URL of a new, empty database."""
        import psycopg

        self._databases += 1
        name = f"store{self._databases}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_cluster():
    import pwd
    import shutil
    import subprocess
    import tempfile

    binaries = _postgres_bin()
    if binaries is None:
        if os.environ.get("NEWSDESK_REQUIRE_POSTGRES") == "1":
            pytest.fail("NEWSDESK_REQUIRE_POSTGRES=1 but the PostgreSQL server is not installed (apt-get install postgresql)")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))  # short: a unix socket's path is at most 107 bytes
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = "postgres" if any(p.pw_name == "postgres" for p in pwd.getpwall()) else "nobody"
        shutil.chown(folder, user)
        as_user = ["runuser", "-u", user, "--"]
    data, log = folder / "data", folder / "server.log"

    def run(*command: str) -> None:
        done = subprocess.run(as_user + list(command), capture_output=True, text=True, cwd=folder)
        if done.returncode:
            pytest.fail(f"{command[0]} failed: {done.stdout}{done.stderr}" + (log.read_text() if log.exists() else ""))

    run(str(binaries / "initdb"), "-D", str(data), "-U", "newsdesk", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
    # fsync off: a throwaway cluster; the kill tests kill the client, never the server
    options = f"-k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
    run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
    try:
        yield PostgresCluster(folder)
    finally:
        subprocess.run(as_user + [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True, cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_at(request, tmp_path) -> str:
    """Where a test's store goes: a new SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "n.db")
    return request.getfixturevalue("postgres_cluster").new_database()


def analysed_reports(reports, prefix: str = "case") -> list:
    """Written reports ``(text, published)`` through analyse, quotes and claims extraction: what
    the claims tests align."""
    from newsdesk.analyse import analyse_articles
    from newsdesk.claims import extract_claims
    from newsdesk.ingest import article_from_text
    from newsdesk.quotes import extract_quotes

    articles = [article_from_text(text, path=f"{prefix}/{i}", published=published) for i, (text, published) in enumerate(reports)]
    analyses = []
    for analysis, doc in analyse_articles(articles):
        analysis.quotes = extract_quotes(analysis, doc)
        analysis.claims = extract_claims(analysis, doc)
        analyses.append(analysis)
    return analyses


def aligned_event(analyses: list, event: str = "case") -> tuple:
    """(entities, agreements, conflicts) of analysed reports taken as one event."""
    from newsdesk.claims import align_claims
    from newsdesk.link import link_entities

    entities = link_entities(analyses, {a.article.id: event for a in analyses})
    return (entities, *align_claims(analyses, entities))


def statements_of(text: str) -> list:
    """The statements of every sentence of ``text``, as an article "x" would give them."""
    from newsdesk import resources
    from newsdesk.claims.statements import doc_text, statements_in

    doc = resources.nlp()(text)
    return [c for sentence in doc.sents for c in statements_in("x", sentence, doc_text(doc))]


def predicted_gold_events(names: set[str]) -> dict[str, tuple]:
    """The claims gold's events of ``names``, each with what newsdesk finds in it:
    ``(event, findings, letters, texts)``."""
    from newsdesk.eval import claims_corpus

    return {e.name: (e, *claims_corpus.predict(e)[:3]) for e in claims_corpus.load_gold() if e.name in names}


def found_as(predicted: tuple, about: str, kind: str) -> list:
    """The findings of ``kind`` that match the gold finding ``about`` of a predicted gold event."""
    from newsdesk.eval import claims_corpus

    event, found, letters, _ = predicted
    gold = next(g for g in event.findings if g.about == about)
    return [f for f in found if f.kind == kind and claims_corpus._matches(gold, f, letters)]
