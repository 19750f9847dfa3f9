"""The command line: parses arguments, calls the pipeline, prints. Nothing else lives here.

Exit codes: 0 every input processed, 1 some inputs rejected, 2 usage error (a bad option, a path
that is not a store), 3 the store or the system failed (read-only store, full disk, port in use).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsdesk import __version__
from newsdesk.eval.commands import eval_app
from newsdesk.model import InputError

HELP = (
    "Group news reports into events and lay out, per event, who and what is involved, who said what, "
    "where the sources agree and conflict, and how each frames it; every fact links to its span of text. "
    "Start with `newsdesk analyze PATH` or `newsdesk ingest PATH` then `newsdesk serve`."
)
EXIT_REJECTED, EXIT_USAGE, EXIT_FAILED = 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, help=HELP)
app.add_typer(eval_app, name="eval")

DbOption = Annotated[str, typer.Option("--db", help="The store: an SQLite file, or a PostgreSQL database (postgresql://USER@HOST/DB).")]
PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories (recursive), globs, or - for stdin.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
EVENTS_LISTED = 50  # what `newsdesk events` lists unless told otherwise: a screenful or two


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"newsdesk {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    pass


def _fails_cleanly(command):
    """Store and system failures end a command with one line naming the problem, not a traceback."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        from newsdesk.store import StoreError

        try:
            return command(*args, **kwargs)
        except StoreError as exc:
            typer.echo(f"newsdesk: {exc}", err=True)
            raise typer.Exit(EXIT_USAGE if exc.usage else EXIT_FAILED) from None
        except OSError as exc:  # writing the output: a full disk, a folder that cannot be written
            typer.echo(f"newsdesk: {exc.filename or 'a file'}: {exc.strerror or exc}", err=True)
            raise typer.Exit(EXIT_FAILED) from None

    return run


WorkersOption = Annotated[
    int | None, typer.Option("--workers", min=1, help="Processes running the per-article stages (default: this machine's cores).")
]


def _report_error(error: InputError) -> None:
    if error.stage:
        typer.echo(f"newsdesk: stage {error.stage} failed on {error.input}: {error.message}", err=True)
    else:
        typer.echo(f"newsdesk: rejected {error.input}: {error.message}", err=True)


@app.command()
@_fails_cleanly
def ingest(
    paths: PathsArgument,
    db: DbOption = "newsdesk.db",
    workers: WorkersOption = None,
    engine: Annotated[str | None, typer.Option("--engine", help="Address of a Dask scheduler (tcp://HOST:8786) whose workers run the per-article stages; see docs/scale.md.")] = None,
) -> None:
    """Add articles to the store and assign each to an event; says which event each one started or joined."""
    from newsdesk import errors
    from newsdesk.ingest import expand_paths
    from newsdesk.pipeline import ingest as run_ingest
    from newsdesk.store import Store, store_exists
    from newsdesk.workers import WorkerLost, default_workers

    targets = list(expand_paths(paths))
    if not store_exists(db) and all(isinstance(t, errors.InputRejected) for t in targets):
        for target in targets:
            _report_error(InputError(target.input_name, target.reason))
        typer.echo(f"newsdesk: nothing to ingest; {db} was not created", err=True)
        raise typer.Exit(EXIT_REJECTED)
    with Store(db) as store:
        try:
            report = run_ingest(targets, store, progress=True, on_error=_report_error, workers=workers or default_workers(), engine=engine)
        except WorkerLost as exc:
            typer.echo(f"newsdesk: {exc}", err=True)
            raise typer.Exit(EXIT_FAILED) from exc
        total = store.count_articles()
    failed = sum(e.stage is not None for e in report.errors)
    for placed in report.placed:
        if placed.started:
            typer.echo(f"  {placed.path}: started event {placed.event_id}")
        else:
            typer.echo(f"  {placed.path}: joined event {placed.event_id} (now {placed.event_articles} articles)")
    typer.echo(
        f"{len(report.added)} articles added, {len(report.duplicates)} already stored, "
        f"{len(report.errors) - failed} inputs rejected; {total} articles in {db}"
        + (f"; a stage failed on {failed} articles (see above)" if failed else "")
    )
    for path in report.duplicates:
        typer.echo(f"  already stored: {path}", err=True)
    raise typer.Exit(EXIT_REJECTED if report.errors else 0)


@app.command()
@_fails_cleanly
def reanalyze(
    db: DbOption = "newsdesk.db",
    stale: Annotated[bool, typer.Option("--stale", help="Only articles analysed by other stage versions than this newsdesk's (and those a stopped run left).")] = False,
    workers: WorkersOption = None,
) -> None:
    """Analyse stored articles again with this version's stages, in batches; events are re-clustered when their features changed."""
    from newsdesk.pipeline import reanalyze as run_reanalyze
    from newsdesk.store import Store
    from newsdesk.workers import WorkerLost, default_workers

    _require_store(db)
    with Store(db) as store:
        try:
            report = run_reanalyze(store, stale_only=stale, progress=True, on_error=_report_error, workers=workers or default_workers())
        except WorkerLost as exc:
            typer.echo(f"newsdesk: {exc}", err=True)
            raise typer.Exit(1) from exc
    typer.echo(
        f"{len(report.reanalysed)} {'stale ' if stale else ''}articles analysed again, {len(report.errors)} failed"
        + ("; events re-clustered" if report.reclustered else "")
        + (f"; run `newsdesk reanalyze --stale --db {db}` to retry the failed ones" if report.errors else "")
    )
    raise typer.Exit(1 if report.errors else 0)


@app.command()
@_fails_cleanly
def events(
    db: DbOption = "newsdesk.db",
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help="How many events to list (0: all of them).")] = EVENTS_LISTED,
    page: Annotated[int, typer.Option("--page", min=1, help="Which page of --limit events to list.")] = 1,
) -> None:
    """List the events in the store, largest first (from stored digests: nothing is analysed)."""
    from newsdesk.store import EventQuery, Store

    _require_store(db)
    with Store(db) as store:
        listed = store.events_page(EventQuery(limit=limit or None, offset=(page - 1) * limit, order="largest"))
        articles = store.count_articles()
    rows = [{"id": d["id"], "articles": d["articles"], "date": d["date"], "title": d["title"]} for d in listed.items]
    if not listed.total:
        typer.echo(f"newsdesk: no events in {db} yet ({articles} articles); add some with `newsdesk ingest PATH --db {db}`", err=True)
    elif limit and listed.total > page * limit:
        # a store of a year's news holds hundreds of thousands of events: a page at a time
        first = (page - 1) * limit + 1
        typer.echo(f"newsdesk: events {first}-{first + len(rows) - 1} of {listed.total}; `--page {page + 1}` for more, `--limit 0` for all", err=True)
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        typer.echo(f"{row['id']}  {row['articles']:>3} articles  {row['date'] or 'undated':<10}  {row['title'] or ''}")


@app.command()
@_fails_cleanly
def show(
    event_id: str,
    db: DbOption = "newsdesk.db",
    format: Annotated[str, typer.Option("--format", help="json, md or html")] = "md",
) -> None:
    """Print the dossier of one event, as the last ingest stored it (nothing is analysed)."""
    from newsdesk.report import dossier_html, dossier_markdown
    from newsdesk.store import Store

    renderers = {"json": lambda d: json.dumps(d, indent=2, ensure_ascii=False), "md": dossier_markdown, "html": dossier_html}
    if format not in renderers:
        raise typer.BadParameter(f"unknown format {format!r}; use json, md or html", param_hint="--format")
    _require_store(db)
    with Store(db) as store:
        exists = store.has_event(event_id)
        stored = store.stored_dossier(event_id) if exists else None
    if not exists:
        typer.echo(f"newsdesk: no event {event_id!r} in {db} (see `newsdesk events --db {db}`)", err=True)
        raise typer.Exit(2)
    if stored is None:
        typer.echo(f"newsdesk: the dossier of {event_id} is not built yet; run `newsdesk refresh --db {db}`", err=True)
        raise typer.Exit(1)
    if not stored.current:
        typer.echo(f"newsdesk: this dossier of {event_id} is out of date (its articles, their analyses or newsdesk changed since); `newsdesk refresh --db {db}` rebuilds it", err=True)
    typer.echo(renderers[format](stored.document))


@app.command()
def refresh(db: DbOption = "newsdesk.db") -> None:
    """Rebuild the dossiers of events whose articles changed since theirs was built (an ingest
    does this itself at its end; this is for one that was interrupted, or an older store)."""
    from newsdesk.pipeline import refresh_dossiers
    from newsdesk.store import Store

    _require_store(db)
    with Store(db) as store:
        rebuilt = refresh_dossiers(store)
    typer.echo(f"{rebuilt} dossiers rebuilt in {db}")


@app.command()
@_fails_cleanly
def analyze(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", help="Folder for dossier.json, dossier.md, index.html.")] = Path("out"),
    db: Annotated[str | None, typer.Option("--db", help="The store, a file or postgresql:// URL (a temporary SQLite file when omitted).")] = None,
    workers: WorkersOption = None,
) -> None:
    """Ingest, then write the dossier of every event as JSON, Markdown and HTML."""
    from newsdesk.pipeline import analyze as run_analyze
    from newsdesk.report import dossier_html, dossier_markdown, dossier_to_json
    from newsdesk.workers import default_workers

    dossier = run_analyze(paths, db=db, progress=True, on_error=_report_error, workers=workers or default_workers())
    document = dossier_to_json(dossier)
    out.mkdir(parents=True, exist_ok=True)
    (out / "dossier.json").write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "dossier.md").write_text(dossier_markdown(document), encoding="utf-8")
    (out / "index.html").write_text(dossier_html(document), encoding="utf-8")
    events = document["events"]
    typer.echo(
        f"{len(document['articles'])} articles, {len(events)} events, "
        f"{sum(len(e['entities']) for e in events)} entities, {sum(len(e['posts']) for e in events)} posts, "
        f"{sum(len(e['quotes']) for e in events)} quotes, {len(document['removed'])} removed lines, "
        f"{len(document['errors'])} errors -> {out}/dossier.json, dossier.md, index.html"
    )
    raise typer.Exit(1 if document["errors"] else 0)


@app.command()
@_fails_cleanly
def compare(
    a: Annotated[Optional[Path], typer.Argument(help="First article file.")] = None,
    b: Annotated[Optional[Path], typer.Argument(help="Second article file.")] = None,
    pairs: Annotated[Optional[Path], typer.Option("--pairs", help="CSV of pairs to score (see README); one output row a pair.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text (with --pairs: JSON lines instead of CSV).")] = False,
    features: Annotated[bool, typer.Option("--features", help="Also print the pair's features the scores come from.")] = False,
) -> None:
    """Score two articles, or every pair of a CSV file, on the SemEval-2022 Task 8 dimensions
    (1 very similar .. 4 very dissimilar), with a model fitted on the task's human judgements."""
    if pairs is not None:
        if a is not None or b is not None:
            raise typer.BadParameter("give two article files or --pairs FILE, not both", param_hint="--pairs")
        raise typer.Exit(_compare_pairs(pairs, as_json))
    if a is None or b is None:
        raise typer.BadParameter("give two article files (or --pairs FILE)", param_hint="A B")
    from newsdesk.analyse import analyse_article
    from newsdesk.events.compare import compare_explained
    from newsdesk.ingest import read_inputs

    items = list(read_inputs([str(a), str(b)]))
    rejected = [i for i in items if not hasattr(i, "text")]
    for item in rejected:
        _report_error(InputError(item.input_name, item.reason))
    if rejected or len(items) != 2:
        raise typer.Exit(1 if rejected else 2)
    scores, pair_features = compare_explained(*(analyse_article(item)[0] for item in items))
    if as_json:
        typer.echo(json.dumps({**scores, "features": pair_features} if features else scores, indent=2))
        return
    for dimension, score in scores.items():
        typer.echo(f"{dimension:<10} {score:.2f}")
    if features:
        for name, value in pair_features.items():
            typer.echo(f"  {name:<18} {value:.3f}")


def _compare_pairs(path: Path, as_json: bool) -> int:
    import csv
    import sys

    from newsdesk.events.compare import DIMENSIONS
    from newsdesk.ingest.pairs import PairFileError, PairRejected, read_pairs
    from newsdesk.pair_pipeline import score_pairs

    try:
        items = list(read_pairs(path))
    except PairFileError as exc:
        typer.echo(f"newsdesk: {exc}", err=True)
        return 2
    writer = None if as_json else csv.writer(sys.stdout, lineterminator="\n")
    if writer:
        writer.writerow(["row", "pair_id", *DIMENSIONS])
    rejected = 0

    def progress(done: int, total: int) -> None:
        if total > 64:
            typer.echo(f"newsdesk: compared {done}/{total} pairs", err=True)

    for result in score_pairs(items, progress=progress):
        if isinstance(result, PairRejected):
            rejected += 1
            typer.echo(f"newsdesk: {path}: row {result.row}{f' ({result.pair_id})' if result.pair_id else ''}: {result.reason}", err=True)
        elif writer:
            writer.writerow([result.row, result.pair_id, *(f"{result.scores[d]:.2f}" for d in DIMENSIONS)])
        else:
            typer.echo(json.dumps({"row": result.row, "pair_id": result.pair_id, **result.scores}, ensure_ascii=False))
        sys.stdout.flush()
    return 1 if rejected else 0


@app.command()
@_fails_cleanly
def serve(
    db: DbOption = "newsdesk.db",
    host: Annotated[str, typer.Option("--host", help="Interface to listen on; localhost only by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    create: Annotated[bool, typer.Option("--create", help="Create an empty store when --db names none (to fill by uploads).")] = False,
    token: Annotated[str | None, typer.Option("--token", envvar="NEWSDESK_TOKEN", help="API token every write must carry (Authorization: Bearer TOKEN).")] = None,
    allow_host: Annotated[list[str] | None, typer.Option("--allow-host", help="Another host name to answer to on localhost (a reverse proxy's).")] = None,
) -> None:
    """Serve the REST API (docs at /docs) and the web UI over the store."""
    import socket

    import uvicorn

    from newsdesk.serve import create_app
    from newsdesk.serve.guard import Guard
    from newsdesk.store import Store, store_exists

    if not store_exists(db) and not create:
        typer.echo(
            f"newsdesk: no store at {db}; ingest articles first (`newsdesk ingest PATH --db {db}`), "
            f"or start with an empty one: `newsdesk serve --db {db} --create`",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    with Store(db):
        pass  # a path that is not a store, or cannot be created, is said here and not in a traceback
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        typer.echo(f"newsdesk: cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port or --host", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    guard = Guard(listen_host=host, token=token or None, allowed_hosts=frozenset(name.casefold() for name in allow_host or ()))
    if warning := guard.warning():
        typer.echo(warning, err=True)
    typer.echo(f"newsdesk: serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(create_app(db, guard=guard), host=host, port=port, log_level="warning")


def _require_store(db: str) -> None:
    from newsdesk.store import store_exists

    if not store_exists(db):
        typer.echo(f"newsdesk: no store at {db}; run `newsdesk ingest PATH --db {db}` first", err=True)
        raise typer.Exit(2)


def main() -> None:
    app(prog_name="newsdesk")
