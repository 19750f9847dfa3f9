"""Sentence modes against the hand-labelled sentences in tests/gold/modes/ (see its ANNOTATION.md).

Each gold document goes through the ingest stages (clean, analyse, quotes, framing); a gold
sentence takes the mode of the predicted sentence that overlaps it most. Reported: accuracy,
per-mode precision/recall/F1 and the confusion counts.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from newsdesk.analyse import analyse_articles
from newsdesk.eval import _repo_root, ecbplus
from newsdesk.framing import MODES, frame_article
from newsdesk.ingest import article_from_text
from newsdesk.quotes import extract_quotes, quotes_from_posts

GOLD_FILE = Path("tests") / "gold" / "modes" / "modes_gold.jsonl"


def evaluate() -> dict:
    records = [json.loads(line) for line in (_repo_root() / GOLD_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = {d.name: d.text for d in ecbplus.load_documents()}
    articles = [article_from_text(texts[r["name"]], path=f"ecbplus:{r['name']}") for r in records]
    pairs, drift = [], []
    for record, (analysis, doc) in zip(records, analyse_articles(articles)):
        analysis.quotes = sorted(extract_quotes(analysis, doc) + quotes_from_posts(analysis.posts), key=lambda q: q.start)
        predicted = frame_article(analysis, doc).modes
        for gold in record["sentences"]:
            if analysis.article.text[gold["start"] : gold["end"]] != gold["text"]:
                drift.append(f"{record['name']} {gold['start']}-{gold['end']}")
            overlaps = [(min(gold["end"], m.end) - max(gold["start"], m.start), m.mode) for m in predicted]
            best = max(overlaps, default=(0, "none"))
            pairs.append((gold["mode"], best[1] if best[0] > 0 else "none"))
    per_mode = {}
    for mode in MODES:
        tp = sum(g == p == mode for g, p in pairs)
        gold_n, pred_n = sum(g == mode for g, _ in pairs), sum(p == mode for _, p in pairs)
        precision, recall = tp / pred_n if pred_n else 0.0, tp / gold_n if gold_n else 0.0
        per_mode[mode] = {"gold": gold_n, "predicted": pred_n, "precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0}
    return {
        "documents": len(records),
        "sentences": len(pairs),
        "accuracy": sum(g == p for g, p in pairs) / max(1, len(pairs)),
        "per_mode": per_mode,
        "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(Counter(pairs).items()) if g != p},
        "drift": drift,
    }


def render(result: dict) -> str:
    lines = [f"sentence modes: {result['sentences']} sentences in {result['documents']} documents, accuracy {result['accuracy']:.3f}"]
    lines.append(f"  {'mode':<14} {'gold':>4} {'pred':>4}  {'P':>5} {'R':>5} {'F1':>5}")
    for mode, r in result["per_mode"].items():
        lines.append(f"  {mode:<14} {r['gold']:>4} {r['predicted']:>4}  {r['precision']:.3f} {r['recall']:.3f} {r['f1']:.3f}")
    if result["confusion"]:
        lines.append("  confusion (gold -> predicted): " + ", ".join(f"{k} x{n}" for k, n in result["confusion"].items()))
    if result["drift"]:
        lines.append(f"  gold spans that no longer hold their text: {', '.join(result['drift'])}")
    return "\n".join(lines)
