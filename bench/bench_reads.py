"""Reads on a large store: listing, search and one event's dossier, through the Store API, the
REST API (in process) and the CLI (whole processes, so including start-up).

    .venv/bin/python bench/bench_reads.py [--articles 20000] [--db FILE|postgresql://…] [--repeats 50]

Fills a fresh store (or reuses ``--db`` when it already holds that many articles) with
synthetic analyses: articles of a few hundred words drawn from a fixed vocabulary, grouped in
events of 5-20 articles, each event with a stored schema-valid dossier of realistic size
(every article's text, about 8 entities per article with their mentions, quotes, findings,
comparisons). Nothing is analysed: this measures the read side only. Prints p50/p95 per read;
the targets of issue 18 are listing and search p95 <= 100 ms, show of a 20-article event
<= 1 s, a read-only CLI command started and done in under 2 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jsonschema

from newsdesk.ingest import article_from_text
from newsdesk.model import Analysis
from newsdesk.report import dossier_schema
from newsdesk.store import Assignment, EventQuery, Store, is_server

WORDS = (
    "government minister police fire flood storm earthquake election vote court judge protest strike market bank price "
    "oil gas border army attack drone village city river bridge road school hospital doctor patient virus vaccine "
    "company worker factory union wage tax budget debt trade export import farmer harvest drought rain snow wind "
    "coast port ship crew airport flight pilot train station rescue victim survivor witness spokesman official "
    "report investigation evidence suspect arrest charge trial verdict sentence prison release agreement talks summit"
).split()
# a news-like vocabulary: the topic words above plus made-up words, drawn with Zipf's law (the
# k-th most frequent word k times rarer than the first), so that a few words are in nearly
# every article and most are in few, as in real text
VOCABULARY = WORDS + [f"{a}{b}{c}" for a in ("ka", "lo", "mi", "nu", "pe", "ra", "si", "to") for b in ("bar", "cen", "dol", "fir", "gan", "hum", "jot", "kel", "lum", "mor") for c in ("a", "e", "i", "o", "u", "an", "el", "in", "on", "us")]
EVENTS_A_TRANSACTION = 200
ZIPF = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]
TOWNS = [f"{a}{b}" for a in ("Ar", "Bel", "Cor", "Dun", "El", "Fair", "Glen", "Har", "Ivy", "Kel") for b in ("den", "mont", "rin", "more", "gin", "view")]
OUTLETS = [f"Outlet {n}" for n in range(60)]
PEOPLE = [f"{first} {last}" for first in ("Ana", "Ben", "Chloe", "Dev", "Ema", "Femi") for last in ("Okafor", "Silva", "Novak", "Haddad", "Berg")]


def synthetic_event(rng: random.Random, number: int, size: int) -> tuple[list[Analysis], dict]:
    """``size`` articles about one made-up event and its one-event dossier."""
    town, topic = rng.choice(TOWNS), rng.sample(WORDS, 3)
    day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
    analyses, articles, entities, quotes = [], [], {}, []
    for k in range(size):
        words = rng.choices(VOCABULARY, weights=ZIPF, k=rng.randint(250, 450))
        for position in range(0, len(words), 40):
            words[position] = rng.choice([town, *topic, rng.choice(PEOPLE)])
        title = f"{topic[0].title()} {topic[1]} in {town} ({number}.{k})"
        text = title + "\n" + " ".join(words) + "."
        article = article_from_text(text, path=f"synthetic/{number}/{k}.txt", title=title, published=day, source=rng.choice(OUTLETS))
        analyses.append(Analysis(article=article, prose=article.text))
        articles.append({
            "id": article.id, "path": article.path, "title": title, "source": article.source, "url": None, "author": None,
            "published": day, "published_inferred": False, "language": "en", "genre": "news", "text": article.text,
        })
        for name in {town, *rng.sample(PEOPLE, 7)}:
            start = article.text.find(name)
            if start < 0:
                start = 0
            entity = entities.setdefault(name, {"id": f"e{number}-{len(entities)}", "name": name, "type": "PERSON" if " " in name else "GPE", "variants": [{"text": name, "count": 0}], "mentions": []})
            entity["variants"][0]["count"] += 1
            entity["mentions"].append({"article_id": article.id, "start": start, "end": start + len(name), "text": article.text[start : start + len(name)]})
        for q in range(2):
            start = 100 * (q + 1)
            quotes.append({"article_id": article.id, "start": start, "end": start + 80, "text": article.text[start : start + 80], "speaker": rng.choice(PEOPLE), "speaker_entity_id": None, "kind": "direct"})
    ids = [a["id"] for a in articles]
    support = [{"article_id": i, "start": 0, "end": 10, "text": articles[n]["text"][:10]} for n, i in enumerate(ids[:3])]
    scores = dict.fromkeys(("geography", "entities", "time", "narrative", "overall", "style", "tone"), 1.5)
    event = {
        "id": f"ev-{ids[0]}", "title": articles[0]["title"], "date": day, "date_source": "published",
        "places": [{"name": town, "country": None, "latitude": None, "longitude": None, "geonameid": None}],
        "article_ids": ids, "summary": None, "entities": list(entities.values()), "quotes": quotes, "posts": [],
        "agreements": [{"summary": f"{topic[0]} in {town}", "kind": "agreement", "claim_kind": None, "support": support}] * 3,
        "conflicts": [{"summary": f"how many {topic[1]}", "kind": "contradiction", "claim_kind": None, "support": support[:2]}] * (number % 3),
        "single_source": [], "comparisons": [{"article_ids": [a, b], "scores": scores} for n, a in enumerate(ids[:8]) for b in ids[n + 1 : 8]],
        "evidence": [{"new_event": n == 0, "similarity": 0.5} for n in range(size)], "wording": [],
    }
    return analyses, {"schema": "newsdesk.dossier/1", "articles": articles, "events": [event], "removed": [], "errors": []}


def fill(db: str, articles: int, seed: int = 7) -> str:
    """Fill the store, many events to a transaction (a batch of articles, then their dossiers);
    returns the id of a 20-article event. A store already holding ``articles`` is reused."""
    rng = random.Random(seed)
    twenty = None
    with Store(db) as store:
        stored, number = store.count_articles(), 0
        while stored < articles:
            analyses, assignments, documents = [], [], []
            while stored < articles and len(analyses) < EVENTS_A_TRANSACTION * 12:
                size = 20 if twenty is None else rng.randint(5, 20)
                event_analyses, document = synthetic_event(rng, number, min(size, articles - stored))
                event_id = document["events"][0]["id"]
                if number == 0:  # the synthetic dossiers follow the contract, so rendering them is what a real one costs
                    jsonschema.validate(document, dossier_schema())
                analyses += event_analyses
                assignments += [Assignment(a.article.id, event_id, {}) for a in event_analyses]
                documents.append(document)
                twenty = twenty or event_id
                stored += len(event_analyses)
                number += 1
            store.write_batch(analyses, {}, assignments, None)
            store.write_dossiers(documents)
            print(f"  {stored} articles stored", file=sys.stderr, flush=True)
        twenty = twenty or store.events_page(EventQuery(limit=1, order="largest")).items[0]["id"]
    return twenty


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {1000 * statistics.median(ordered):7.1f} ms  p95 {1000 * p95:7.1f} ms  (n={len(ordered)})"


def timed(call, repeats: int, cpu: list[float] | None = None) -> list[float]:
    """Wall seconds of each call; ``cpu``, when given, gets each call's CPU seconds (this
    process's: on a busy machine, the steadier figure)."""
    times = []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(time.process_time() - start_cpu)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--db", help="an SQLite file or an existing PostgreSQL database (postgresql://…), kept; a temporary file by default")
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="newsdesk-bench-reads-")
    db = args.db or str(Path(folder.name) / "newsdesk.db")
    start = time.perf_counter()
    twenty = fill(db, args.articles)
    size = "" if is_server(db) else f", {Path(db).stat().st_size / 1e6:.0f} MB"
    print(f"store: {args.articles} articles, filled in {time.perf_counter() - start:.0f} s{size}")

    rng = random.Random(11)
    searches = {  # what is searched for: names and places; any word of the vocabulary; the commonest words (worst case)
        "names and places": [rng.choice(TOWNS + PEOPLE) for _ in range(args.repeats)],
        "vocabulary words": [rng.choice(VOCABULARY) for _ in range(args.repeats)],
        "two-word phrases": [f"{rng.choice(VOCABULARY)} {rng.choice(VOCABULARY)}" for _ in range(args.repeats)],
        "10 commonest words": [VOCABULARY[n % 10] for n in range(args.repeats)],
    }
    with Store(db) as store:
        print(f"  events: {store.count_events()}")
        print("Store API")
        print("  list newest, page 1     ", percentiles(timed(lambda: store.events_page(EventQuery()), args.repeats)))
        print("  list newest, page 100   ", percentiles(timed(lambda: store.events_page(EventQuery(offset=2000)), args.repeats)))
        for kind, texts in searches.items():
            words, cpu = iter(texts), []
            print(f"  search: {kind:<17}", percentiles(timed(lambda: store.events_page(EventQuery(text=next(words))), len(texts), cpu)), "CPU", percentiles(cpu))
        print("  entity filter           ", percentiles(timed(lambda: store.events_page(EventQuery(entity=rng.choice(PEOPLE))), args.repeats)))
        print("  show 20-article event   ", percentiles(timed(lambda: store.stored_dossier(twenty), args.repeats)))

    from fastapi.testclient import TestClient

    from newsdesk.serve import create_app

    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        words = iter(searches["names and places"] + searches["vocabulary words"])
        print("REST API (in process)")
        print("  GET /api/events         ", percentiles(timed(lambda: client.get("/api/events"), args.repeats)))
        print("  GET /api/events?q=      ", percentiles(timed(lambda: client.get("/api/events", params={"q": next(words)}), 2 * args.repeats)))
        cold = timed(lambda: client.get(f"/api/events/{twenty}"), 1)
        print("  GET /api/events/ID cold ", percentiles(cold))
        print("  GET /api/events/ID      ", percentiles(timed(lambda: client.get(f"/api/events/{twenty}"), args.repeats)))

    print("CLI (whole process: start, read, print)")
    cli = [sys.executable, "-m", "newsdesk"]
    for name, arguments in (
        ("newsdesk events", ["events", "--db", db]),
        ("newsdesk events --json", ["events", "--db", db, "--json"]),
        ("newsdesk show (md)", ["show", twenty, "--db", db]),
        ("newsdesk show --format json", ["show", twenty, "--db", db, "--format", "json"]),
        ("newsdesk --help", ["--help"]),
    ):
        runs = timed(lambda: subprocess.run(cli + arguments, capture_output=True, check=True), 5)
        print(f"  {name:<28}", percentiles(runs))


if __name__ == "__main__":
    main()
