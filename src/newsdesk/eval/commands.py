"""`newsdesk eval ...`: each command scores one capability against its gold data in
../shared/corpus or tests/gold, and prints the figures the issues ask for."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

eval_app = typer.Typer(no_args_is_help=True, help="Measure quality against the gold data in ../shared/corpus.")


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

        for dataset in ("meantime-en", "meantime-en+es", "translit-dev", "translit-test"):
            typer.echo(entities_eval.render(entities_eval.evaluate(dataset)))
    elif task == "events":
        from newsdesk.eval import events_eval

        typer.echo(events_eval.render_translations(events_eval.evaluate_translations(orders=orders)))
    else:
        raise typer.BadParameter("use entities or events", param_hint="--task")


@eval_app.command("names")
def eval_names(
    split: Annotated[str, typer.Option("--split", help="dev, test or both")] = "both",
) -> None:
    """Named-entity coreference across outlets: NewsWCL50 (events 0-4 dev, 5-9 test), MEANTIME en and
    en+es (airbus, apple dev; gm, stock test) and the spelling groups, each beside a same-string baseline."""
    from newsdesk.eval import names_eval

    if split not in ("dev", "test", "both"):
        raise typer.BadParameter("use dev, test or both", param_hint="--split")
    typer.echo(names_eval.render(names_eval.evaluate(names_eval.SPLITS if split == "both" else (split,))))


@eval_app.command("semeval")
def eval_semeval(
    split: Annotated[str, typer.Option("--split", help="dev (5-fold CV by article group), test (held-out 20%, shipped model) or all (5-fold CV over all pairs)")] = "dev",
    refit: Annotated[bool, typer.Option("--refit", help="Fit the compare model on all dev pairs and rewrite events/compare_model.json.")] = False,
) -> None:
    """SemEval-2022 Task 8 training pairs: Pearson r of each `compare` dimension with the human
    scores, English pairs apart, and the plain embedding cosine baseline. Slow the first time
    (analyses and embeddings of 2,502 articles are cached under $NEWSDESK_CACHE)."""
    from newsdesk.eval import semeval_eval

    if refit:
        typer.echo(semeval_eval.render(semeval_eval.refit()))
        typer.echo(f"wrote {semeval_eval.calibration.MODEL_PATH}")
    elif split in semeval_eval.SPLITS:
        typer.echo(semeval_eval.render(semeval_eval.evaluate(split)))
    else:
        raise typer.BadParameter("use dev, test or all", param_hint="--split")


@eval_app.command("quotes")
def eval_quotes(
    split: str = typer.Option(None, help="dev or test: score only that split of the attribution-shapes set (default both)"),
) -> None:
    """Quotes: span P/R/F1, speaker and kind accuracy on the hand-made gold set in tests/gold/quotes."""
    from newsdesk.eval import quotes_eval

    if split not in (None, *quotes_eval.SPLITS):
        raise typer.BadParameter("use dev or test", param_hint="--split")
    typer.echo(quotes_eval.render(quotes_eval.evaluate(split)))


@eval_app.command("claims")
def eval_claims(
    split: Annotated[str, typer.Option(help="real-article splits to score: dev, test or both")] = "both",
    detail: Annotated[bool, typer.Option(help="list the wrong and the missed findings of the real-article splits")] = False,
) -> None:
    """Claims and framing: agreements, contradictions, precision differences and updates on the
    real-article gold (tests/gold/claims/corpus.json, dev and test apart), then on the written
    cases (tests/gold/claims/gold.json); genre accuracy, per-genre P/R and confusion on the
    hand-labelled set in tests/gold/genre; sentence modes on tests/gold/modes."""
    from newsdesk.eval import claims_corpus, claims_eval, genre_eval, modes_eval

    if split not in ("dev", "test", "both"):
        raise typer.BadParameter("expected dev, test or both", param_hint="--split")
    splits = claims_corpus.SPLITS if split == "both" else (split,)
    typer.echo(claims_corpus.render(claims_corpus.evaluate(splits), detail=detail))
    typer.echo("")
    typer.echo("-- written cases (tests/gold/claims/gold.json)")
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
def eval_dates(
    split: Annotated[Optional[list[str]], typer.Option("--split", help="dev, test or test2 (repeatable); all when omitted")] = None,
) -> None:
    """Event dates: share of the reports in tests/gold/dates dated right to the day, per split
    (dev for tuning; test2 is the untouched test set)."""
    from newsdesk.eval import dates_eval

    splits = tuple(split) if split else dates_eval.SPLITS
    unknown = [name for name in splits if name not in dates_eval.SPLITS]
    if unknown:
        raise typer.BadParameter(f"unknown split {', '.join(unknown)}; choose from {', '.join(dates_eval.SPLITS)}", param_hint="--split")
    typer.echo(dates_eval.render(dates_eval.evaluate(splits)))


@eval_app.command("ecbplus-jsonl")
def eval_ecbplus_jsonl(out: Annotated[Path, typer.Argument(help="JSONL file to write")]) -> None:
    """Write the 982 ECB+ documents as JSONL articles, ready for `newsdesk ingest`."""
    from newsdesk.eval.ecbplus import as_article_record, load_documents

    with out.open("w", encoding="utf-8") as sink:
        for doc in load_documents():
            sink.write(json.dumps(as_article_record(doc), ensure_ascii=False) + "\n")
    typer.echo(f"wrote {out}")
