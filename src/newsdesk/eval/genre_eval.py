"""Genre classification against the hand-labelled set in tests/gold/genre/ (see its ANNOTATION.md).

Each gold article goes through the ingest stages (clean, analyse, quotes, framing) as an article
from text; the predicted genre is ``Framing.genre``. Reported: accuracy over all articles and per
part (one per gold file: corpus; written, the articles the rules were built alongside; heldout,
written and labelled after the rules were fixed), per-genre precision/recall/F1, the confusion
counts and the misses.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsdesk.analyse import analyse_articles
from newsdesk.eval import _repo_root, corpus_root, ecbplus, meantime
from newsdesk.framing import GENRES, frame_article
from newsdesk.ingest import article_from_text
from newsdesk.quotes import extract_quotes, quotes_from_posts

GOLD_DIR = Path("tests") / "gold" / "genre"


@dataclass(frozen=True)
class GoldArticle:
    source: str  # "seeds:<file>", "ecbplus:<stem>", "meantime:<id>" or "written:<name>"
    text: str
    genre: str
    part: str  # the gold file: corpus, written (rules built alongside) or heldout (written after the rules)


def load_gold() -> list[GoldArticle]:
    folder = _repo_root() / GOLD_DIR
    records = [
        (path.stem.removesuffix("_gold"), json.loads(line))
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = _corpus_texts({r["corpus"] for _, r in records})
    return [
        GoldArticle(f"{r['corpus']}:{r['name']}", r["text"] if r["corpus"] == "written" else texts[f"{r['corpus']}:{r['name']}"], r["genre"], part)
        for part, r in records
    ]


def _corpus_texts(corpora: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    if "ecbplus" in corpora:
        texts.update({f"ecbplus:{d.name}": d.text for d in ecbplus.load_documents()})
    if "meantime" in corpora:
        texts.update({f"meantime:{d.name}": d.text for d in meantime.load_documents("en")})
    if "seeds" in corpora:
        texts.update({f"seeds:{p.name}": p.read_text(encoding="utf-8") for p in (corpus_root() / "seeds").glob("*.txt")})
    return texts


def predict(gold: list[GoldArticle]) -> list[str]:
    articles = [article_from_text(g.text, path=g.source) for g in gold]
    predicted = []
    for analysis, doc in analyse_articles(articles):
        analysis.quotes = sorted(extract_quotes(analysis, doc) + quotes_from_posts(analysis.posts), key=lambda q: q.start)
        predicted.append(frame_article(analysis, doc).genre)
    return predicted


def evaluate() -> dict:
    gold = load_gold()
    predicted = predict(gold)
    pairs = [(g.genre, p) for g, p in zip(gold, predicted)]
    parts = {}
    for part in sorted({a.part for a in gold}):
        chosen = [(g, p) for art, (g, p) in zip(gold, pairs) if art.part == part]
        parts[part] = {"articles": len(chosen), "accuracy": sum(g == p for g, p in chosen) / max(1, len(chosen))}
    per_genre = {}
    for genre in GENRES:
        tp = sum(g == p == genre for g, p in pairs)
        gold_n = sum(g == genre for g, _ in pairs)
        pred_n = sum(p == genre for _, p in pairs)
        precision, recall = tp / pred_n if pred_n else 0.0, tp / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_genre[genre] = {"gold": gold_n, "predicted": pred_n, "precision": precision, "recall": recall, "f1": f1}
    return {
        "articles": len(pairs),
        "accuracy": sum(g == p for g, p in pairs) / max(1, len(pairs)),
        "parts": parts,
        "per_genre": per_genre,
        "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(Counter(pairs).items()) if g != p},
        "misses": [f"{a.source}: gold {a.genre}, predicted {p}" for a, p in zip(gold, predicted) if a.genre != p],
    }


def render(result: dict) -> str:
    lines = [f"genre: {result['articles']} articles, accuracy {result['accuracy']:.3f}"]
    lines += [f"  {part:<8} {r['articles']:>3} articles  accuracy {r['accuracy']:.3f}" for part, r in result["parts"].items()]
    lines.append(f"  {'genre':<14} {'gold':>4} {'pred':>4}  {'P':>5} {'R':>5} {'F1':>5}")
    for genre, r in result["per_genre"].items():
        lines.append(f"  {genre:<14} {r['gold']:>4} {r['predicted']:>4}  {r['precision']:.3f} {r['recall']:.3f} {r['f1']:.3f}")
    if result["confusion"]:
        lines.append("  confusion (gold -> predicted): " + ", ".join(f"{k} x{n}" for k, n in result["confusion"].items()))
    lines += [f"  miss {m}" for m in result["misses"]]
    return "\n".join(lines)
