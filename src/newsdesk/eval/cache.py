"""The evals' on-disk cache: analyses and features of whole corpora, keyed by the content they
were made from and the source of the code that made them, so a change of rules recomputes them.

The folder is ``$NEWSDESK_CACHE`` (default ``~/.cache/newsdesk``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    configured = os.environ.get("NEWSDESK_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "newsdesk"


def code_digest(code: Iterable[str]):
    """A sha256 over the sources of ``code``: paths inside the package, each a module file or a
    folder of them; the caller adds what else the cached value depends on."""
    digest = hashlib.sha256()
    for part in code:
        target = _PACKAGE / part
        for source in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(source.read_bytes())
    return digest


def content_key(records: Iterable[tuple], code: Iterable[str]) -> str:
    """The cache key of values made from ``records`` by ``code``."""
    digest = code_digest(code)
    for record in records:
        digest.update(repr(record).encode("utf-8"))
    return digest.hexdigest()[:16]


def write(path: Path, value) -> None:
    """Write through a temporary file, so an interrupted run leaves no truncated cache entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(path)
