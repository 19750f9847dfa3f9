"""Quote extraction against the hand-annotated gold set in tests/gold/quotes/.

A predicted quote matches a gold quote when it overlaps at least half of the gold span
(one-to-one, largest overlap first). Speaker and kind accuracy are over matched pairs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from newsdesk.analyse import analyse_article
from newsdesk.eval import _repo_root, ecbplus, meantime
from newsdesk.ingest import article_from_text
from newsdesk.model import Quote
from newsdesk.quotes import extract_quotes

GOLD_DIR = Path("tests") / "gold" / "quotes"
_KINDS = ("direct", "indirect")


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    text: str
    speaker: str
    kind: str


@dataclass(frozen=True)
class GoldDocument:
    source: str  # "ecbplus:36_1ecb", "meantime:100911" or "written:<name>"
    text: str
    quotes: list[GoldQuote]


def load_gold() -> tuple[list[GoldDocument], list[str]]:
    """Gold documents, and a note for every gold quote whose span no longer holds its text."""
    folder = _repo_root() / GOLD_DIR
    texts = _corpus_texts()
    documents, drift = [], []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            source = f"{record['corpus']}:{record['name']}"
            text = record["text"] if record["corpus"] == "written" else texts[source]
            quotes = [GoldQuote(q["start"], q["end"], q["text"], q["speaker"], q["kind"]) for q in record["quotes"]]
            drift += [f"{source} {q.start}-{q.end}: {q.text[:40]!r}" for q in quotes if text[q.start : q.end] != q.text]
            documents.append(GoldDocument(source, text, quotes))
    return documents, drift


def _corpus_texts() -> dict[str, str]:
    texts = {f"ecbplus:{d.name}": d.text for d in ecbplus.load_documents()}
    texts.update({f"meantime:{d.name}": d.text for d in meantime.load_documents("en")})
    return texts


def predict(text: str, source: str) -> list[Quote]:
    analysis, doc = analyse_article(article_from_text(text, path=source))
    return extract_quotes(analysis, doc)


def match(gold: list[GoldQuote], predicted: list[Quote]) -> list[tuple[GoldQuote, Quote]]:
    pairs = []
    for g in gold:
        for p in predicted:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap * 2 >= g.end - g.start:
                pairs.append((overlap, g, p))
    pairs.sort(key=lambda item: -item[0])
    used_gold, used_pred, matched = set(), set(), []
    for _, g, p in pairs:
        if id(g) in used_gold or id(p) in used_pred:
            continue
        used_gold.add(id(g))
        used_pred.add(id(p))
        matched.append((g, p))
    return matched


def same_speaker(gold: str, predicted: str | None) -> bool:
    """Names agree when one's last word is among the other's words ("Oppal" ~ "Wally Oppal")."""
    if predicted is None:
        return False
    gold_words, predicted_words = _words(gold), _words(predicted)
    if not gold_words or not predicted_words:
        return False
    return gold_words[-1] in predicted_words or predicted_words[-1] in gold_words


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"\w+", name.lower()) if w not in ("the", "a", "an", "al")]


def _scores(gold_count: int, predicted_count: int, matched: list[tuple[GoldQuote, Quote]]) -> dict:
    precision = len(matched) / predicted_count if predicted_count else 0.0
    recall = len(matched) / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": gold_count,
        "predicted": predicted_count,
        "matched": len(matched),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_accuracy": sum(same_speaker(g.speaker, p.speaker) for g, p in matched) / len(matched) if matched else 0.0,
        "kind_accuracy": sum(g.kind == p.kind for g, p in matched) / len(matched) if matched else 0.0,
    }


def evaluate() -> dict:
    documents, drift = load_gold()
    by_part: dict[str, tuple[int, int, list]] = {}
    errors = []
    for document in documents:
        predicted = predict(document.text, document.source)
        matched = match(document.quotes, predicted)
        corpus = document.source.split(":")[0]
        # The written articles are the shapes the tests were built on: reported apart, never pooled.
        parts = [corpus] if corpus == "written" else [corpus, "corpora"]
        for kind in _KINDS if corpus != "written" else ():
            gold_kind = [g for g in document.quotes if g.kind == kind]
            predicted_kind = [p for p in predicted if p.kind == kind]
            gold_count, predicted_count, pairs = by_part.get(kind, (0, 0, []))
            by_part[kind] = (gold_count + len(gold_kind), predicted_count + len(predicted_kind), pairs + match(gold_kind, predicted_kind))
        for part in parts:
            gold_count, predicted_count, pairs = by_part.get(part, (0, 0, []))
            by_part[part] = (gold_count + len(document.quotes), predicted_count + len(predicted), pairs + matched)
        errors += [
            f"{document.source} speaker {p.speaker!r} for {g.speaker!r}: {g.text[:50]!r}"
            for g, p in matched
            if not same_speaker(g.speaker, p.speaker)
        ]
    return {
        "documents": len(documents),
        "drift": drift,
        "scores": {part: _scores(*values) for part, values in sorted(by_part.items())},
        "speaker_errors": errors,
    }


def render(result: dict) -> str:
    lines = [f"Quotes: {result['documents']} gold documents (match = overlap >= 50% of the gold span)"]
    header = f"{'part':<10} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'kind':>6}"
    lines.append(header)
    for part, s in result["scores"].items():
        lines.append(
            f"{part:<10} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f}"
            f" {s['f1']:>6.3f} {s['speaker_accuracy']:>8.3f} {s['kind_accuracy']:>6.3f}"
        )
    lines.append("corpora = ECB+ and MEANTIME together; direct/indirect rows are corpora only, matched within one kind")
    lines.append("(so their kind accuracy is 1 by construction); written = the hand-written hard shapes the tests use")
    if result["drift"]:
        lines.append(f"DRIFT: {len(result['drift'])} gold spans no longer hold their text:")
        lines += [f"  {d}" for d in result["drift"]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(evaluate()))
