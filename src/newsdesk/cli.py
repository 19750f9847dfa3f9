"""The command line: parses arguments, calls the pipeline, prints. Nothing else lives here.

Exit codes: 0 every input processed, 1 some inputs rejected, 2 usage error.
"""

from __future__ import annotations

import json
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


@app.command()
def compare(a: Annotated[Path, typer.Argument(help="First article file.")], b: Annotated[Path, typer.Argument(help="Second article file.")], as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Score two articles on the SemEval-2022 Task 8 dimensions (1 very similar .. 4 very dissimilar)."""
    from newsdesk.analyse import analyse_article
    from newsdesk.events import compare as compare_articles
    from newsdesk.ingest import read_inputs

    items = list(read_inputs([str(a), str(b)]))
    rejected = [i for i in items if not hasattr(i, "text")]
    for item in rejected:
        _report_error(InputError(item.input_name, item.reason))
    if rejected or len(items) != 2:
        raise typer.Exit(1 if rejected else 2)
    scores = compare_articles(*(analyse_article(item)[0] for item in items))
    if as_json:
        typer.echo(json.dumps(scores, indent=2))
        return
    for dimension, score in scores.items():
        typer.echo(f"{dimension:<10} {score:.2f}")


@app.command()
def serve(
    db: DbOption = Path("newsdesk.db"),
    host: Annotated[str, typer.Option("--host", help="Interface to listen on; localhost only by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
) -> None:
    """Serve the REST API (docs at /docs) and the web UI over the store."""
    import uvicorn

    from newsdesk.serve import create_app

    typer.echo(f"newsdesk: serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@eval_app.command("ecbplus")
def eval_ecbplus(
    task: Annotated[str, typer.Option("--task", help="events or entities")] = "events",
    split: Annotated[str, typer.Option("--split", help="dev (topics 1-35) or test (36-45)")] = "test",
    orders: Annotated[int, typer.Option("--orders", help="shuffled arrival orders to average over")] = 5,
) -> None:
    """ECB+: event clustering (B3, V-measure, ARI) or cross-document entity coreference."""
    if task == "events":
        from newsdesk.eval import events_eval

        typer.echo(events_eval.render(events_eval.evaluate(split=split, orders=orders)))
    elif task == "entities":
        from newsdesk.eval import entities_eval

        typer.echo(entities_eval.render(entities_eval.evaluate("ecbplus")))
    else:
        raise typer.BadParameter("use events or entities", param_hint="--task")


@eval_app.command("meantime")
def eval_meantime(
    task: Annotated[str, typer.Option("--task", help="entities or events")] = "entities",
    orders: Annotated[int, typer.Option("--orders", help="shuffled arrival orders (events)")] = 5,
) -> None:
    """MEANTIME: cross-document entity coreference, English and English+Spanish; or
    cross-lingual event clustering (does an article meet its Spanish translation)."""
    if task == "entities":
        from newsdesk.eval import entities_eval

        for dataset in ("meantime-en", "meantime-en+es", "translit"):
            typer.echo(entities_eval.render(entities_eval.evaluate(dataset)))
    elif task == "events":
        from newsdesk.eval import events_eval

        typer.echo(events_eval.render_translations(events_eval.evaluate_translations(orders=orders)))
    else:
        raise typer.BadParameter("use entities or events", param_hint="--task")


@eval_app.command("quotes")
def eval_quotes() -> None:
    """Quotes: span P/R/F1, speaker and kind accuracy on the hand-made gold set in tests/gold/quotes."""
    from newsdesk.eval import quotes_eval

    typer.echo(quotes_eval.render(quotes_eval.evaluate()))


@eval_app.command("claims")
def eval_claims() -> None:
    """Claims and framing: agreement and conflict P/R by type on tests/gold/claims; genre accuracy,
    per-genre P/R and confusion on the hand-labelled set in tests/gold/genre; sentence modes on
    tests/gold/modes."""
    from newsdesk.eval import claims_eval, genre_eval, modes_eval

    typer.echo(claims_eval.render(claims_eval.evaluate()))
    typer.echo("")
    typer.echo(genre_eval.render(genre_eval.evaluate()))
    typer.echo(modes_eval.render(modes_eval.evaluate()))


@eval_app.command("giveme")
def eval_giveme(
    orders: Annotated[int, typer.Option("--orders", help="shuffled arrival orders to average over")] = 5,
) -> None:
    """Giveme5W1H (dev half): event clustering B3/V/ARI on the tuning and held-out events, with
    TF-IDF K-means (true K) and TF-IDF average-link baselines."""
    from newsdesk.eval import giveme_eval

    typer.echo(giveme_eval.render(giveme_eval.evaluate(orders=orders)))


@eval_app.command("dates")
def eval_dates() -> None:
    """Event dates: share of the reports in tests/gold/dates dated right to the day, dev and test."""
    from newsdesk.eval import dates_eval

    typer.echo(dates_eval.render(dates_eval.evaluate()))


@eval_app.command("ecbplus-jsonl")
def eval_ecbplus_jsonl(out: Annotated[Path, typer.Argument(help="JSONL file to write")]) -> None:
    """Write the 982 ECB+ documents as JSONL articles, ready for `newsdesk ingest`."""
    from newsdesk.eval.ecbplus import as_article_record, load_documents

    with out.open("w", encoding="utf-8") as sink:
        for doc in load_documents():
            sink.write(json.dumps(as_article_record(doc), ensure_ascii=False) + "\n")
    typer.echo(f"wrote {out}")


def _require_store(db: Path) -> None:
    if not db.exists():
        typer.echo(f"newsdesk: no store at {db}; run `newsdesk ingest PATH --db {db}` first", err=True)
        raise typer.Exit(2)


def main() -> None:
    app(prog_name="newsdesk")
