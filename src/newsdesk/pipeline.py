"""The pipeline wires the stages in order. It is the only writer of the store.

ingest -> [clean -> analyse -> quotes -> claims -> framing -> event features] -> online clustering -> store,
the bracketed per-article stages as declared in ``newsdesk.stages`` (which also says what happens
to an article a stage fails on: recorded in the run's errors, and the batch goes on),
then, when a dossier is asked for: link entities across articles -> summarise events -> compare wording -> align claims -> report.
"""

from __future__ import annotations

import functools
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from newsdesk import errors
from newsdesk.claims import align_claims, single_source_claims
from newsdesk.events import Decision, OnlineClusterer, compare_all, summarise
from newsdesk.events.cluster import StaleState
from newsdesk.events.features import ArticleFeatures
from newsdesk.framing import compare_wording
from newsdesk.ingest import Target, expand_paths, read_inputs
from newsdesk.link import link_entities
from newsdesk.model import Analysis, Article, Comparison, Dossier, Entity, Event, InputError, Quote
from newsdesk.report.dossier import dossier_to_json
from newsdesk.stages import STAGES, texts_compared
from newsdesk.vectors import grown
from newsdesk.workers import Analysed, Analyser, analyser
from newsdesk.store import Assignment, Store

BATCH_SIZE = 32
# The comparison matrix grows with the square of an event's size; past this many articles it
# would swamp the dossier (and a reader), so only the first articles (by arrival) are compared.
MAX_COMPARED_ARTICLES = 8


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
        self.saved: bytes | None = None  # the clustering state as this writer last saved it
        self.waited = False

    def write(self, analysed: Analysed) -> None:
        with self.store.writing(on_wait=self._say_waiting), one_blas_thread():
            if self.clusterer is None or self.store.clusterer_state() != self.saved:
                if self.store.recluster_pending():  # a reanalysis changed features and stopped before replaying the clustering
                    recluster(self.store)
                self.clusterer = _load_clusterer(self.store)
            saved = _store_batch(_not_stored(analysed, self.store, self.report), self.store, self.clusterer, self.report)
            self.saved = saved if saved is not None else self.saved

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


def _store_batch(analysed: Analysed, store: Store, clusterer: OnlineClusterer, report: IngestReport) -> bytes | None:
    """Returns the clustering state it saved (None: nothing to store)."""
    analyses, features = analysed.analyses, analysed.features
    if not analyses:
        store.record_errors(analysed.errors)
        return None
    before = clusterer.clusters()
    decisions = {a.article.id: clusterer.add(a.article.id, f) for a, f in zip(analyses, features)}
    clusterer.refine()
    after = clusterer.clusters()
    assignments = _changed_assignments(before, after, decisions, clusterer.take_moves())
    state = clusterer.state()
    store.write_batch(
        analyses,
        {a.article.id: f.to_bytes() for a, f in zip(analyses, features)},
        assignments,
        state,
        analysed.errors,
        read_as={a.id: a for a in analysed.read_as},
    )
    report.added += [a.article.id for a in analyses]
    final = {a.article_id: a.event_id for a in assignments}
    report.placed += [
        Placement(a.article.path, a.article.id, final[a.article.id], decisions[a.article.id].new_event and final[a.article.id] == decisions[a.article.id].event_id, len(after[final[a.article.id]]))
        for a in analyses
    ]
    return state


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


def _load_clusterer(store: Store) -> OnlineClusterer:
    state = store.clusterer_state()
    if state is not None:
        try:
            return OnlineClusterer.from_state(state)
        except StaleState:
            pass  # an older clusterer's state: rebuilt below from the stored features
    clusterer = OnlineClusterer()
    for article_id, data in store.features_in_arrival_order():
        clusterer.add(article_id, ArticleFeatures.from_bytes(data))
    return clusterer


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


# -- dossier --------------------------------------------------------------------------


def build_dossier(store: Store, event_ids: Iterable[str] | None = None) -> Dossier:
    """The dossier of the given events (all events when None), built from the store."""
    return _dossier(*_dossier_inputs(store, event_ids))


def _dossier_inputs(store: Store, event_ids: Iterable[str] | None, with_errors: bool = True) -> tuple[list[Assignment], list[Analysis], list[InputError], list[str] | None]:
    """What a dossier is built from, read from the store (the building needs no store: a worker
    can do it). ``with_errors`` False: a dossier to store, which keeps no errors (they are read
    fresh with each stored dossier)."""
    event_ids = None if event_ids is None else list(event_ids)
    assignments = store.assignments(event_ids)
    return assignments, store.analyses([a.article_id for a in assignments], with_vectors=True), store.errors() if with_errors else [], event_ids


def _dossier(assignments: list[Assignment], stored: list[Analysis], errors: list[InputError], event_ids: list[str] | None) -> Dossier:
    members: dict[str, list[str]] = defaultdict(list)
    decisions: dict[str, dict] = {}
    for assignment in assignments:
        members[assignment.event_id].append(assignment.article_id)
        decisions[assignment.article_id] = assignment.decision
    wanted = list(members) if event_ids is None else [e for e in event_ids if e in members]
    analyses = {a.article.id: a for a in stored}
    event_of = {aid: eid for eid in wanted for aid in members[eid]}
    entities = link_entities(list(analyses.values()), event_of)
    events = [_event(eid, [analyses[aid] for aid in members[eid]], entities) for eid in wanted]
    for event in events:
        event.evidence = [decisions[aid] for aid in event.article_ids]
    events.sort(key=lambda e: (-len(e.article_ids), e.date or "", e.id))
    ordered = [aid for e in events for aid in e.article_ids]
    return Dossier(
        articles=[analyses[aid].article for aid in ordered],
        events=events,
        removed=[r for aid in ordered for r in analyses[aid].removed],
        errors=errors,
        analyses=analyses,
    )


def refresh_dossiers(store: Store, run: Callable[[Callable, Iterable], Iterable[tuple]] | None = None) -> int:
    """Rebuild and store the dossier of every event whose articles changed since its dossier was
    built, so that reads never analyse (``newsdesk show``, the server). The writer calls this at
    the end of each ingest, building them in its workers (``run``: an ``Analyser``'s
    ``map_unordered``, giving each input with its outcome as they are done); ``newsdesk refresh``
    does it after an interrupted one. The largest events go first: built side by side, the
    largest one last would leave every worker but one idle while it is built. Returns how many
    it rebuilt."""
    run = run or Analyser().map_unordered
    stale = store.stale_dossiers()
    sizes = Counter(a.event_id for a in store.assignments(stale))
    stale.sort(key=lambda event_id: -sizes[event_id])
    rebuilt = 0
    for inputs, (outcome, encoded) in run(_dossier_document, (_dossier_inputs(store, [event_id], with_errors=False) for event_id in stale)):
        event_id = inputs[3][0]
        if isinstance(outcome, str):  # the event's articles are stored; its reads keep the previous dossier and the next run retries
            print(f"newsdesk: the dossier of {event_id} could not be built ({outcome})", file=sys.stderr)
        elif outcome is not None:
            store.write_dossier(outcome, encoded)
            rebuilt += 1
    return rebuilt


def _dossier_document(inputs: tuple) -> tuple[dict | str | None, dict[str, bytes]]:
    """One event's dossier as stored (None: the event is gone), or what went wrong building it;
    and the vectors of its articles with the texts the build encoded added (``newsdesk.vectors``:
    the next build of the event reads them instead of encoding them again)."""
    try:
        dossier = _dossier(*inputs)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}", {}
    encoded = {a.article.id: more.to_bytes() for a in inputs[1] if (more := grown(a.vectors, texts_compared(a))) is not None}
    return (dossier_to_json(dossier) if dossier.events else None), encoded


def _event(event_id: str, analyses: list[Analysis], entities: list[Entity]) -> Event:
    ids = {a.article.id for a in analyses}
    own = [e for e in entities if any(m.article_id in ids for m in e.mentions)]
    event = summarise(event_id, analyses, own)
    event.entities = sorted(own, key=lambda e: (-len(e.mentions), e.name))
    speakers = _SpeakerIndex(own)
    event.quotes = [speakers.link(q) for a in analyses for q in a.quotes]
    event.posts = [p for a in analyses for p in a.posts]
    compared = analyses[:MAX_COMPARED_ARTICLES]
    event.comparisons = [Comparison(a.article.id, b.article.id, scores) for a, b, scores in compare_all(compared)]
    event.wording = compare_wording(analyses)
    event.agreements, event.conflicts = align_claims(analyses, own)
    event.single_source = single_source_claims(analyses, own)
    return event


class _SpeakerIndex:
    """Finds the entity a quote's speaker refers to: the entity mentioned at the speaker's
    span or, for a resolved pronoun or role, the entity that has the resolved name as a
    variant in the same article. A person named inside the speaker phrase is the speaker;
    an organisation or place only when it is most of the phrase ("the Interior Ministry"),
    since "the leader of the militia Asaib Ahl al-Haq" is a person, not the militia."""

    def __init__(self, entities: list[Entity]):
        self.spans: dict[str, list[tuple[int, int, str, bool]]] = defaultdict(list)
        self.names: dict[tuple[str, str], str] = {}
        for entity in entities:
            for m in entity.mentions:
                self.spans[m.article_id].append((m.start, m.end, entity.id, entity.type == "PERSON"))
                self.names.setdefault((m.article_id, m.text.casefold()), entity.id)

    def link(self, quote: Quote) -> Quote:
        if quote.attribution.source_kind == "anonymous":
            return quote  # "sources close to al-Kazimi" are his entourage, not al-Kazimi; "Iraqi sources" are not Iraq
        if quote.speaker_start is not None:
            written = quote.speaker_end - quote.speaker_start
            for start, end, entity_id, is_person in self.spans.get(quote.article_id, ()):
                shared = min(end, quote.speaker_end) - max(start, quote.speaker_start)
                if shared > 0 and (is_person or shared * 2 >= written):
                    return replace(quote, speaker_entity_id=entity_id)
        if quote.speaker:
            entity_id = self.names.get((quote.article_id, quote.speaker.casefold()))
            if entity_id:
                return replace(quote, speaker_entity_id=entity_id)
        return quote


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
