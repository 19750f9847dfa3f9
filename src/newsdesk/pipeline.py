"""The pipeline wires the stages in order. It is the only writer of the store.

ingest -> [clean -> analyse -> quotes -> claims -> framing -> event features] -> online clustering -> store,
the bracketed per-article stages as declared in ``newsdesk.stages`` (which also says what happens
to an article a stage fails on: recorded in the run's errors, and the batch goes on),
then the dossier of each event that changed (``newsdesk.dossiers``): link entities across articles -> summarise events -> compare wording -> align claims -> report.
"""

from __future__ import annotations

import functools
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsdesk import errors
from newsdesk.dossiers import build_dossier, refresh_dossiers
from newsdesk.events import Decision, OnlineClusterer
from newsdesk.events.cluster import StaleState
from newsdesk.events.features import ArticleFeatures
from newsdesk.ingest import Target, expand_paths, read_inputs
from newsdesk.model import Article, Dossier, InputError
from newsdesk.stages import STAGES
from newsdesk.workers import Analysed, Analyser, analyser
from newsdesk.store import Assignment, ClustererSave, Store

__all__ = ["analyze", "build_dossier", "ingest", "reanalyze", "recluster", "refresh_dossiers"]

BATCH_SIZE = 32


@dataclass(frozen=True)
class Placement:
    """Where a new article went: the event it started or joined, and that event's size after the batch."""

    path: str
    article_id: str
    event_id: str
    started: bool
    event_articles: int


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # inputs whose article was already stored
    errors: list[InputError] = field(default_factory=list)
    placed: list[Placement] = field(default_factory=list)
    worker_losses: list[str] = field(default_factory=list)  # worker processes that died, each told once; their batches were analysed again


ErrorSink = Callable[[InputError], None]


def ingest(
    paths: Iterable[str],
    store: Store,
    progress: bool = False,
    on_error: ErrorSink | None = None,
    workers: int = 1,
    engine: str | None = None,
    store_dossiers: bool = True,
) -> IngestReport:
    """Read, analyse, cluster and store every article under ``paths``, one transaction per batch,
    the per-article stages in ``workers`` processes or on the Dask cluster at ``engine``
    (``newsdesk.workers``), the rest here; then rebuild the stored dossiers of the events that
    changed (unless ``store_dossiers`` is False: a throwaway store). Ingests into one store at the
    same time analyse side by side and take turns storing their batches (``_BatchWriter``). A
    store that cannot be written is refused here, before any analysis."""
    store.require_writable()
    report = IngestReport()

    def lost(message: str) -> None:
        report.worker_losses.append(message)
        if progress:
            print(f"newsdesk: {message}", file=sys.stderr, flush=True)

    with analyser(workers, engine, on_lost=lost) as analyse:
        _ingest(paths, store, progress, on_error, analyse, report)
        if store_dossiers:
            refresh_dossiers(store, analyse.map_unordered)
        return report


def _say_waiting() -> None:
    print("newsdesk: another ingest is writing to this store; waiting for it to finish", file=sys.stderr, flush=True)


def _ingest(paths: Iterable[str], store: Store, progress: bool, on_error: ErrorSink | None, analyse: Analyser, report: IngestReport) -> None:
    def reject(error: InputError) -> None:
        report.errors.append(error)
        if on_error:
            on_error(error)

    writer = _BatchWriter(store, report, progress)
    with _progress(progress) as advance:
        for analysed in analyse(_new_batches(read_inputs(_counted(paths, advance)), store, report, reject)):
            for error in analysed.errors:
                reject(error)
            writer.write(analysed)
    store.record_errors(report.errors)


class _BatchWriter:
    """Clusters and stores analysed batches in arrival order, holding the store's writer lock
    only while it does so: another ingest into the same store analyses meanwhile, and the two
    take turns storing. The lock is needed because a batch reads the clustering state, adds to
    it and saves it back; so before each batch the writer takes up what another ingest saved
    since its own last batch (the clustering state, and the articles it stored, which are then
    duplicates here)."""

    def __init__(self, store: Store, report: IngestReport, progress: bool):
        self.store, self.report, self.progress = store, report, progress
        self.clusterer: OnlineClusterer | None = None
        self.generation = -1  # the clustering state's save this writer last saved or read
        self.shelved: dict[str, object] = {}  # the state's entries stored apart, as last saved (``OnlineClusterer.state_by_parts``)
        self.waited = False

    def write(self, analysed: Analysed) -> None:
        with self.store.writing(on_wait=self._say_waiting), one_blas_thread():
            if self.clusterer is None or self.store.clusterer_generation() != self.generation:
                if self.store.recluster_pending():  # a reanalysis changed features and stopped before replaying the clustering
                    recluster(self.store)
                self.clusterer, self.shelved = _load_clusterer(self.store)
                self.generation = self.store.clusterer_generation()
            if _store_batch(_not_stored(analysed, self.store, self.report), self.store, self.clusterer, self.report, self.shelved):
                self.generation = self.store.clusterer_generation()

    def _say_waiting(self) -> None:
        if self.progress and not self.waited:
            _say_waiting()
        self.waited = True


def _not_stored(analysed: Analysed, store: Store, report: IngestReport) -> Analysed:
    """``analysed`` less the articles another ingest stored while this one analysed them."""
    known = store.known_ids(a.article.id for a in analysed.analyses)
    if not known:
        return analysed
    report.duplicates += [a.article.path for a in analysed.analyses if a.article.id in known]
    kept = [i for i, a in enumerate(analysed.analyses) if a.article.id not in known]
    return Analysed([analysed.analyses[i] for i in kept], [analysed.features[i] for i in kept], [a for a in analysed.read_as if a.id not in known], analysed.errors)


def _new_batches(items: Iterable[Article | errors.InputRejected], store: Store, report: IngestReport, reject: ErrorSink) -> Iterator[list[Article]]:
    """The articles read, ``BATCH_SIZE`` at a time, less those already stored or read before."""
    seen: set[str] = set()
    batch: list[Article] = []
    for item in items:
        if isinstance(item, errors.InputRejected):
            reject(InputError(item.input_name, item.reason))
            continue
        if item.id in seen:
            report.duplicates.append(item.path)
            continue
        seen.add(item.id)
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield from _unknown(batch, store, report)
            batch = []
    yield from _unknown(batch, store, report)


def _unknown(batch: list[Article], store: Store, report: IngestReport) -> Iterator[list[Article]]:
    known = store.known_ids(a.id for a in batch)
    report.duplicates += [a.path for a in batch if a.id in known]
    new = [a for a in batch if a.id not in known]
    if new:
        yield new


def _store_batch(analysed: Analysed, store: Store, clusterer: OnlineClusterer, report: IngestReport, shelved: dict[str, object]) -> bool:
    """Whether it stored anything (and so saved the clustering state). ``shelved``: the packed
    entries stored apart as this writer last saved them, brought up to date here."""
    analyses, features = analysed.analyses, analysed.features
    if not analyses:
        store.record_errors(analysed.errors)
        return False
    before = clusterer.clusters()
    decisions = {a.article.id: clusterer.add(a.article.id, f) for a, f in zip(analyses, features)}
    clusterer.refine()
    after = clusterer.clusters()
    assignments = _changed_assignments(before, after, decisions, clusterer.take_moves())
    state, added, gone = clusterer.state_by_parts(shelved)
    store.write_batch(
        analyses,
        {a.article.id: f.to_bytes() for a, f in zip(analyses, features)},
        assignments,
        ClustererSave(state, added, gone),
        analysed.errors,
        read_as={a.id: a for a in analysed.read_as},
    )
    shelved.clear()
    shelved.update(clusterer.packed_entries())
    report.added += [a.article.id for a in analyses]
    final = {a.article_id: a.event_id for a in assignments}
    report.placed += [
        Placement(a.article.path, a.article.id, final[a.article.id], decisions[a.article.id].new_event and final[a.article.id] == decisions[a.article.id].event_id, len(after[final[a.article.id]]))
        for a in analyses
    ]
    return True


@dataclass
class ReanalysisReport:
    reanalysed: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    reclustered: bool = False


def reanalyze(
    store: Store, stale_only: bool = False, progress: bool = False, on_error: ErrorSink | None = None, workers: int = 1
) -> ReanalysisReport:
    """Run the stages again over stored articles (``stale_only``: those analysed by other stage
    versions than the current ones), one transaction per batch, then replay the event clustering
    if any article's event features changed.

    Resumable: re-running everything first marks every article stale, so a run stopped at any
    point is finished by ``reanalyze(store, stale_only=True)``; a replay that did not finish is
    done by the next reanalysis or ingest."""
    with store.writing(on_wait=_say_waiting if progress else None), analyser(workers) as analyse:
        report = _reanalyze(store, stale_only, progress, on_error, analyse)
        refresh_dossiers(store, analyse.map_unordered)
        return report


def _reanalyze(store: Store, stale_only: bool, progress: bool, on_error: ErrorSink | None, analyse: Analyser) -> ReanalysisReport:
    report = ReanalysisReport()
    if not stale_only:
        store.mark_all_stale()
    ids = store.stale_ids(STAGES.versions())
    chunks = [ids[start : start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]
    with _progress(progress, "reanalyze") as advance:
        advance(len(ids))
        for chunk, analysed in zip(chunks, analyse(store.articles_as_read(chunk) for chunk in chunks)):
            for error in analysed.errors:
                report.errors.append(error)
                if on_error:
                    on_error(error)
            features = {a.article.id: f.to_bytes() for a, f in zip(analysed.analyses, analysed.features)}
            before = store.features_of(features)
            changed = any(before.get(article_id) != data for article_id, data in features.items())
            store.update_analyses(analysed.analyses, features, analysed.errors, recluster=changed)
            report.reanalysed += list(features)
            for _ in chunk:
                advance(None)
    if store.recluster_pending():
        recluster(store)
        report.reclustered = True
    return report


def recluster(store: Store) -> None:
    """Replay the online clustering over every stored article's features in arrival order, in
    batches as an ingest makes them, and store every article's event."""
    with one_blas_thread():
        _recluster(store)


def _recluster(store: Store) -> None:
    clusterer = OnlineClusterer()
    assignments: dict[str, Assignment] = {}
    stored = list(store.features_in_arrival_order())
    for start in range(0, len(stored), BATCH_SIZE):
        before = clusterer.clusters()
        decisions = {aid: clusterer.add(aid, ArticleFeatures.from_bytes(data)) for aid, data in stored[start : start + BATCH_SIZE]}
        clusterer.refine()
        for assignment in _changed_assignments(before, clusterer.clusters(), decisions, clusterer.take_moves()):
            assignments[assignment.article_id] = assignment
    store.replace_clustering(list(assignments.values()), clusterer.state())


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """The online clustering's matrix products on one BLAS thread. Its refinement multiplies
    matrices of at most a few hundred articles; OpenBLAS's threads for them cost more CPU than
    they save (measured: its refinement products over 384 articles 2.98 s of CPU with OpenBLAS's
    default threads, 0.31 s with one, the same events; ``bench/bench_writer.py``), and they spin
    on the cores the workers need. Only the clustering: in a one-worker ingest the stages run in
    this process too, with their own threading."""
    with _blas_libraries().limit(limits=1, user_api="blas"):
        yield


@functools.cache
def _blas_libraries():
    """threadpoolctl's view of the BLAS libraries loaded (numpy's), looked up once."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _changed_assignments(
    before: dict[str, list[str]], after: dict[str, list[str]], decisions: dict[str, Decision], moves: dict[str, dict]
) -> list[Assignment]:
    """New articles, and older ones whose event changed because events merged or a refinement
    re-grouped them (``moves``: the clusterer's evidence for those)."""
    old_event = {aid: eid for eid, members in before.items() for aid in members}
    changed = []
    for event_id, members in after.items():
        for article_id in members:
            if article_id in decisions:
                refined = {"refined": moves[article_id]} if article_id in moves else {}
                changed.append(Assignment(article_id, event_id, {**asdict(decisions[article_id]), **refined}))
            elif old_event.get(article_id) != event_id:
                evidence = moves.get(article_id, {"reason": "events merged"})
                changed.append(Assignment(article_id, event_id, {**evidence, "moved_from": old_event.get(article_id)}))
    return changed


def _load_clusterer(store: Store) -> tuple[OnlineClusterer, dict[str, object]]:
    """The stored clusterer, and its entries stored apart (see ``_BatchWriter.shelved``)."""
    state, shelf = store.clusterer_state(), store.clusterer_shelf()
    if state is not None:
        try:
            clusterer = OnlineClusterer.from_parts(state, shelf)
            entries = clusterer.packed_entries()
            return clusterer, {key: entries[key] for key, _ in shelf}
        except StaleState:
            pass  # an older clusterer's state: rebuilt below from the stored features
    clusterer = OnlineClusterer()
    for article_id, data in store.features_in_arrival_order():
        clusterer.add(article_id, ArticleFeatures.from_bytes(data))
    return clusterer, {key: None for key, _ in shelf}  # an older clusterer's entries: replaced or deleted at the next save


@contextmanager
def _progress(enabled: bool, label: str = "ingest") -> Iterator[Callable[[int | None], None]]:
    """A progress bar over input files (or articles) on stderr, only when stderr is a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda total=None: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None)

        def advance(total: int | None = None) -> None:
            if total is not None:
                bar.update(task, total=total)
            else:
                bar.advance(task)

        yield advance


def _counted(paths: Iterable[str], advance: Callable[[int | None], None]) -> Iterator[Target]:
    """The expanded inputs, advancing the progress bar as each one is handed on."""
    targets = list(expand_paths(paths))
    advance(len(targets))
    for target in targets:
        yield target
        advance(None)


def analyze(
    paths: Iterable[str], db: str | Path | None = None, progress: bool = False, on_error: ErrorSink | None = None, workers: int = 1
) -> Dossier:
    """Ingest into ``db`` (a temporary store when None) and return the dossier of every event."""
    if db is not None:
        with Store(db) as store:
            ingest(paths, store, progress=progress, on_error=on_error, workers=workers)
            return build_dossier(store)
    with tempfile.TemporaryDirectory(prefix="newsdesk-") as folder, Store(Path(folder) / "newsdesk.db") as store:
        ingest(paths, store, progress=progress, on_error=on_error, workers=workers, store_dossiers=False)
        return build_dossier(store)
