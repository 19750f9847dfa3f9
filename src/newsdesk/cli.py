"""The command line: parses arguments, calls the pipeline, prints. Nothing else lives here.

Exit codes: 0 every input processed, 1 some inputs rejected, 2 usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.model import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.split("\n")[0])
eval_app = typer.Typer(no_args_is_help=True, help="Measure quality against the gold data in ../shared/corpus.")
app.add_typer(eval_app, name="eval")

DbOption = Annotated[Path, typer.Option("--db", help="SQLite store file.")]
PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories (recursive), globs, or - for stdin.")]


def _report_error(error: InputError) -> None:
    typer.echo(f"newsdesk: rejected {error.input}: {error.message}", err=True)


@app.command()
def ingest(paths: PathsArgument, db: DbOption = Path("newsdesk.db")) -> None:
    """Add articles to the store and assign each to an event."""
    from newsdesk.pipeline import ingest as run_ingest
    from newsdesk.store import Store

    with Store(db) as store:
        report = run_ingest(paths, store, progress=True, on_error=_report_error)
        total = store.count_articles()
    typer.echo(
        f"{len(report.added)} articles added, {len(report.duplicates)} already stored, "
        f"{len(report.errors)} inputs rejected; {total} articles in {db}"
    )
    for path in report.duplicates:
        typer.echo(f"  already stored: {path}", err=True)
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def events(db: DbOption = Path("newsdesk.db"), as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the events in the store, largest first."""
    from newsdesk.pipeline import build_dossier
    from newsdesk.store import Store

    _require_store(db)
    with Store(db) as store:
        dossier = build_dossier(store)
    rows = [{"id": e.id, "articles": len(e.article_ids), "date": e.date, "title": e.title} for e in dossier.events]
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        typer.echo(f"{row['id']}  {row['articles']:>3} articles  {row['date'] or 'undated':<10}  {row['title'] or ''}")


@app.command()
def show(
    event_id: str,
    db: DbOption = Path("newsdesk.db"),
    format: Annotated[str, typer.Option("--format", help="json, md or html")] = "md",
) -> None:
    """Print the dossier of one event."""
    from newsdesk.pipeline import build_dossier
    from newsdesk.report import dossier_html, dossier_markdown, dossier_to_json
    from newsdesk.store import Store

    renderers = {"json": lambda d: json.dumps(d, indent=2, ensure_ascii=False), "md": dossier_markdown, "html": dossier_html}
    if format not in renderers:
        raise typer.BadParameter(f"unknown format {format!r}; use json, md or html", param_hint="--format")
    _require_store(db)
    with Store(db) as store:
        dossier = build_dossier(store, [event_id])
    if not dossier.events:
        typer.echo(f"newsdesk: no event {event_id!r} in {db} (see `newsdesk events --db {db}`)", err=True)
        raise typer.Exit(2)
    typer.echo(renderers[format](dossier_to_json(dossier)))


@app.command()
def analyze(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", help="Folder for dossier.json, dossier.md, index.html.")] = Path("out"),
    db: Annotated[Path | None, typer.Option("--db", help="SQLite store (a temporary one when omitted).")] = None,
) -> None:
    """Ingest, then write the dossier of every event as JSON, Markdown and HTML."""
    from newsdesk.pipeline import analyze as run_analyze
    from newsdesk.report import dossier_html, dossier_markdown, dossier_to_json

    dossier = run_analyze(paths, db=db, progress=True, on_error=_report_error)
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


def _require_store(db: Path) -> None:
    if not db.exists():
        typer.echo(f"newsdesk: no store at {db}; run `newsdesk ingest PATH --db {db}` first", err=True)
        raise typer.Exit(2)


def main() -> None:
    app(prog_name="newsdesk")
