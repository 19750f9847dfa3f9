"""Many pairs of articles scored in one process: read pairs -> analyse -> profile -> compare.

Rows are taken in chunks; each article is analysed and embedded once however many
pairs it is in, and its profile is dropped after its last pair. A row that cannot be
read, or whose article fails analysis, is reported with its row number and the rest go on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from newsdesk.analyse import analyse_articles
from newsdesk.events.compare import compare_profiles
from newsdesk.events.similarity import Profile, profiles
from newsdesk.ingest.pairs import PairRejected, PairRow
from newsdesk.model import Article

CHUNK_PAIRS = 64


@dataclass(frozen=True)
class PairScores:
    row: int
    pair_id: str
    scores: dict[str, float]


def score_pairs(
    items: Iterable[PairRow | PairRejected], progress: Callable[[int, int], None] | None = None
) -> Iterator[PairScores | PairRejected]:
    """Scores or rejections, in row order."""
    items = list(items)
    uses = Counter(a.id for item in items if isinstance(item, PairRow) for a in (item.left, item.right))
    total = sum(isinstance(item, PairRow) for item in items)
    kept: dict[str, Profile] = {}
    failed: dict[str, str] = {}
    done = 0
    for start in range(0, len(items), CHUNK_PAIRS):
        chunk = items[start : start + CHUNK_PAIRS]
        rows = [item for item in chunk if isinstance(item, PairRow)]
        fresh = {a.id: a for row in rows for a in (row.left, row.right) if a.id not in kept and a.id not in failed}
        kept.update(_profiles(list(fresh.values()), failed))
        ready = [row for row in rows if row.left.id in kept and row.right.id in kept]
        scored = dict(zip((row.row for row in ready), compare_profiles([(kept[r.left.id], kept[r.right.id]) for r in ready])))
        for item in chunk:
            if isinstance(item, PairRejected):
                yield item
                continue
            if item.row in scored:
                yield PairScores(item.row, item.pair_id, scored[item.row])
            else:
                reasons = [failed[a.id] for a in (item.left, item.right) if a.id in failed]
                yield PairRejected(item.row, item.pair_id, "; ".join(reasons))
            for article in (item.left, item.right):
                uses[article.id] -= 1
                if uses[article.id] <= 0:
                    kept.pop(article.id, None)
        done += len(rows)
        if progress:
            progress(done, total)


def _profiles(articles: list[Article], failed: dict[str, str]) -> dict[str, Profile]:
    """Profiles of ``articles``; one that makes analysis fail is recorded in ``failed`` and the
    others are analysed without it."""
    try:
        analyses = [analysis for analysis, _ in analyse_articles(articles)]
        return {a.article.id: p for a, p in zip(analyses, profiles(analyses))}
    except Exception as exc:  # one odd article must not lose the chunk: retry one by one
        if len(articles) == 1:
            failed[articles[0].id] = f"analysis failed ({type(exc).__name__}: {exc})"
            return {}
        found: dict[str, Profile] = {}
        for article in articles:
            found.update(_profiles([article], failed))
        return found
