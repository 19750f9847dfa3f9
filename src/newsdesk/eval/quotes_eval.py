"""Quote extraction against the hand-annotated gold set in tests/gold/quotes/.

A predicted quote matches a gold quote when it overlaps at least half of the gold span
(one-to-one, largest overlap first). Speaker and kind accuracy are over matched pairs.

Two gold sets: the first corpus set (``corpus_gold.jsonl``, reported as ``corpora``) and the
attribution shapes of issue 17 (``shapes_gold.jsonl``: unquoted reported speech, headline
attributions, pronouns, role phrases, anonymous sources), split dev/test by article and
reported as ``shapes-dev`` and ``shapes-test``. A shapes document may be annotated up to
``scope_end`` only; predictions that start after it are not scored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from newsdesk.analyse import analyse_article
from newsdesk.eval import _repo_root, corpus_root, ecbplus, meantime
from newsdesk.ingest import article_from_text
from newsdesk.model import Quote
from newsdesk.quotes import extract_quotes

GOLD_DIR = Path("tests") / "gold" / "quotes"
_KINDS = ("direct", "indirect")
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    text: str
    speaker: str
    kind: str
    shape: str | None = None  # shapes set: headline, unquoted, pronoun, role, anonymous, other
    close_to: str | None = None  # anonymous sources: whom or what they are close to


@dataclass(frozen=True)
class GoldDocument:
    source: str  # "ecbplus:36_1ecb", "meantime:100911", "giveme5w1h:<file stem>" or "written:<name>"
    text: str
    quotes: list[GoldQuote]
    split: str | None = None  # shapes set only: dev or test, fixed by article
    scope_end: int | None = None  # annotated up to here; None = the whole text


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
            quotes = [
                GoldQuote(q["start"], q["end"], q["text"], q["speaker"], q["kind"], q.get("shape"), q.get("close_to"))
                for q in record["quotes"]
            ]
            drift += [f"{source} {q.start}-{q.end}: {q.text[:40]!r}" for q in quotes if text[q.start : q.end] != q.text]
            documents.append(GoldDocument(source, text, quotes, record.get("split"), record.get("scope_end")))
    return documents, drift


def _corpus_texts() -> dict[str, str]:
    texts = {f"ecbplus:{d.name}": d.text for d in ecbplus.load_documents()}
    texts.update({f"meantime:{d.name}": d.text for d in meantime.load_documents("en")})
    texts.update(giveme5w1h_texts())
    return texts


def giveme5w1h_texts() -> dict[str, str]:
    """The Giveme5W1H dev articles as a saved page reads: the headline, a blank line, the body."""
    texts = {}
    for path in sorted((corpus_root() / "giveme5w1h" / "dev").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("text"):
            texts[f"giveme5w1h:{path.stem}"] = f"{record.get('title') or ''}\n\n{record['text']}"
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


def evaluate(split: str | None = None) -> dict:
    """Scores per part; ``split`` ("dev" or "test") leaves out the other split of the shapes set."""
    documents, drift = load_gold()
    by_part: dict[str, tuple[int, int, list]] = {}
    shapes: dict[str, list] = {}  # "<split>:<shape>" -> [gold count, matched pairs]
    close_to: dict[str, list[bool]] = {}
    errors = []

    def add(part: str, gold: list[GoldQuote], predicted: list[Quote], pairs: list) -> None:
        gold_count, predicted_count, matched = by_part.get(part, (0, 0, []))
        by_part[part] = (gold_count + len(gold), predicted_count + len(predicted), matched + pairs)

    for document in documents:
        if split is not None and document.split not in (None, split):
            continue
        predicted = predict(document.text, document.source)
        if document.scope_end is not None:
            predicted = [p for p in predicted if p.start < document.scope_end]
        matched = match(document.quotes, predicted)
        corpus = document.source.split(":")[0]
        if document.split is not None:
            add(f"shapes-{document.split}", document.quotes, predicted, matched)
            found = {id(g): p for g, p in matched}
            for gold in document.quotes:
                entry = shapes.setdefault(f"{document.split}:{gold.shape}", [0, []])
                entry[0] += 1
                if id(gold) in found:
                    entry[1].append((gold, found[id(gold)]))
                if gold.close_to is not None:
                    predicted_close = found[id(gold)].attribution.close_to if id(gold) in found else None
                    close_to.setdefault(document.split, []).append(same_speaker(gold.close_to, predicted_close))
        elif corpus == "written":
            # The written articles are the shapes the tests were built on: reported apart, never pooled.
            add(corpus, document.quotes, predicted, matched)
        else:
            for kind in _KINDS:
                gold_kind = [g for g in document.quotes if g.kind == kind]
                predicted_kind = [p for p in predicted if p.kind == kind]
                add(kind, gold_kind, predicted_kind, match(gold_kind, predicted_kind))
            add(corpus, document.quotes, predicted, matched)
            add("corpora", document.quotes, predicted, matched)
        errors += [
            f"{document.source} speaker {p.speaker!r} for {g.speaker!r}: {g.text[:50]!r}"
            for g, p in matched
            if not same_speaker(g.speaker, p.speaker)
        ]
    return {
        "documents": sum(1 for d in documents if split is None or d.split in (None, split)),
        "drift": drift,
        "scores": {part: _scores(*values) for part, values in sorted(by_part.items())},
        "shapes": {
            key: {
                "gold": gold_count,
                "matched": len(pairs),
                "recall": len(pairs) / gold_count if gold_count else 0.0,
                "speaker_accuracy": sum(same_speaker(g.speaker, p.speaker) for g, p in pairs) / len(pairs) if pairs else 0.0,
            }
            for key, (gold_count, pairs) in sorted(shapes.items())
        },
        "close_to": {part: (sum(hits), len(hits)) for part, hits in sorted(close_to.items())},
        "speaker_errors": errors,
    }


def render(result: dict) -> str:
    lines = [f"Quotes: {result['documents']} gold documents (match = overlap >= 50% of the gold span)"]
    header = f"{'part':<12} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'kind':>6}"
    lines.append(header)
    for part, s in result["scores"].items():
        lines.append(
            f"{part:<12} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f}"
            f" {s['f1']:>6.3f} {s['speaker_accuracy']:>8.3f} {s['kind_accuracy']:>6.3f}"
        )
    lines.append("corpora = ECB+ and MEANTIME together (the first gold set); direct/indirect rows are corpora only, matched within")
    lines.append("one kind (so their kind accuracy is 1 by construction); written = the hand-written hard shapes the tests use;")
    lines.append("shapes-dev / shapes-test = issue 17's attribution shapes (ECB+, MEANTIME, Giveme5W1H), split by article")
    if result["shapes"]:
        lines.append(f"{'shape':<20} {'gold':>5} {'match':>5} {'R':>6} {'speaker':>8}")
        for key, s in result["shapes"].items():
            lines.append(f"{key:<20} {s['gold']:>5} {s['matched']:>5} {s['recall']:>6.3f} {s['speaker_accuracy']:>8.3f}")
    for part, (hits, total) in result["close_to"].items():
        lines.append(f"anonymous sources, whom they are close to ({part}): {hits}/{total}")
    if result["drift"]:
        lines.append(f"DRIFT: {len(result['drift'])} gold spans no longer hold their text:")
        lines += [f"  {d}" for d in result["drift"]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(evaluate()))
