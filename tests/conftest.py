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
