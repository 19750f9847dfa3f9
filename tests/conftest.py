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
