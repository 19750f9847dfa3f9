"""Claim alignment against the hand-written gold set in tests/gold/claims/gold.json.

Each gold case is two or three short reports of one real event, with the agreements,
contradictions and differences of precision an annotator finds between them (rules in
tests/gold/claims/ANNOTATION.md). A predicted finding matches a gold finding of the same kind
when, for every gold support, it has a support in the same article overlapping it; matching
is one-to-one. Voice accuracy is over the gold supports that state a voice, in matched pairs.

Actions and single-source claims are scored apart, each only on the cases whose `annotated`
list names them (`actions`, `single_source`): the older cases were not annotated for them, so
a finding there could be neither right nor wrong. The agreement/contradiction/precision rows
leave action findings (gold `claim: action`, predicted `claim_kind` action) out, so that they
keep measuring what they measured before actions existed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsdesk.analyse import analyse_articles
from newsdesk.claims import align_claims, extract_claims, single_source_claims
from newsdesk.eval import _repo_root
from newsdesk.eval.quotes_eval import same_speaker
from newsdesk.ingest import article_from_text
from newsdesk.link import link_entities
from newsdesk.model import Finding, Support
from newsdesk.quotes import extract_quotes

GOLD_FILE = Path("tests") / "gold" / "claims" / "gold.json"
KINDS = ("agreement", "contradiction", "precision", "update")
ACTION_KINDS = ("agreement", "contradiction")
SPLITS = ("dev", "heldout", "actions", "heldout_actions")


@dataclass(frozen=True)
class GoldSupport:
    article: str
    start: int
    end: int
    text: str
    voice: str | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class GoldFinding:
    kind: str
    about: str
    support: tuple[GoldSupport, ...]
    claim: str | None = None  # "action" for who-did-what findings


@dataclass(frozen=True)
class GoldCase:
    name: str
    texts: dict[str, str]  # article letter -> text
    findings: tuple[GoldFinding, ...]
    split: str  # dev (the rules were tuned on it), heldout (written afterwards, never tuned on), actions (written with the action rules), heldout_actions (written after them, never tuned on)
    annotated: tuple[str, ...] = ()  # further finding kinds annotated in full: actions, single_source


def load_gold() -> tuple[list[GoldCase], list[str]]:
    """The gold cases, and a note for every gold support whose span no longer holds its text."""
    cases, drift = [], []
    for record in json.loads((_repo_root() / GOLD_FILE).read_text(encoding="utf-8")):
        texts = {a["id"]: a["text"] for a in record["articles"]}
        findings = []
        for finding in record["findings"]:
            support = tuple(
                GoldSupport(s["article"], s["start"], s["end"], s["text"], s.get("voice"), s.get("speaker")) for s in finding["support"]
            )
            drift += [f"{record['name']} {s.article} {s.text!r}" for s in support if texts[s.article][s.start : s.end] != s.text]
            findings.append(GoldFinding(finding["kind"], finding["about"], support, finding.get("claim")))
        cases.append(GoldCase(record["name"], texts, tuple(findings), record["split"], tuple(record.get("annotated", ()))))
    return cases, drift


def predict(case: GoldCase) -> tuple[list[Finding], dict[str, str]]:
    """The findings for one case, and the map from article id to the case's article letter."""
    articles = [article_from_text(text, path=f"{case.name}/{letter}") for letter, text in case.texts.items()]
    letters = {article.id: letter for article, letter in zip(articles, case.texts)}
    analyses = []
    for analysis, doc in analyse_articles(articles):
        analysis.quotes = extract_quotes(analysis, doc)
        analysis.claims = extract_claims(analysis, doc)
        analyses.append(analysis)
    entities = link_entities(analyses, {a.article.id: case.name for a in analyses})
    agreements, conflicts = align_claims(analyses, entities)
    return agreements + conflicts + single_source_claims(analyses, entities), letters


def match(gold: list[GoldFinding], predicted: list[Finding], letters: dict[str, str]) -> list[tuple[GoldFinding, Finding]]:
    pairs = []
    used: set[int] = set()
    for g in gold:
        for index, p in enumerate(predicted):
            if index in used or p.kind != g.kind:
                continue
            if all(_covering(s, p.support, letters) for s in g.support):
                pairs.append((g, p))
                used.add(index)
                break
    return pairs


def _covering(gold: GoldSupport, support: tuple[Support, ...], letters: dict[str, str]) -> Support | None:
    for s in support:
        if letters.get(s.article_id) == gold.article and s.start < gold.end and gold.start < s.end:
            return s
    return None


def evaluate() -> dict:
    """Scores over all cases, and over each split."""
    cases, drift = load_gold()
    results = {"all": _evaluate(cases)}
    for split in SPLITS:
        results[split] = _evaluate([c for c in cases if c.split == split])
    return {"drift": drift, **results}


def _evaluate(cases: list[GoldCase]) -> dict:
    counts = {kind: {"gold": 0, "predicted": 0, "matched": 0} for kind in (*KINDS, "conflict")}
    voice_checked = voice_right = 0
    misses, false_findings = [], []
    extra = {f"action {kind}": {"gold": 0, "predicted": 0, "matched": 0} for kind in ACTION_KINDS}
    extra["single_source"] = {"gold": 0, "predicted": 0, "matched": 0}
    extra["voice"] = {"checked": 0, "right": 0}
    for case in cases:
        found, letters = predict(case)
        _score_extra(case, found, letters, extra, misses, false_findings)
        # statements (sentence-level propositions) are scored on the real-article gold
        # (claims_corpus); these written cases annotate figures, states and actions only
        predicted = [p for p in found if p.claim_kind not in ("action", "statement") and p.kind in KINDS]
        findings = [g for g in case.findings if g.claim != "action"]
        for kind in KINDS:
            gold_kind = [g for g in findings if g.kind == kind]
            predicted_kind = [p for p in predicted if p.kind == kind]
            matched = match(gold_kind, predicted_kind, letters)
            counts[kind]["gold"] += len(gold_kind)
            counts[kind]["predicted"] += len(predicted_kind)
            counts[kind]["matched"] += len(matched)
            for g, p in matched:
                for s in g.support:
                    if s.voice is None:
                        continue
                    found = _covering(s, p.support, letters)
                    voice_checked += 1
                    voice_right += found is not None and found.voice == s.voice and (s.speaker is None or same_speaker(s.speaker, found.speaker))
            matched_gold = {id(g) for g, _ in matched}
            matched_predicted = {id(p) for _, p in matched}
            misses += [f"{case.name}: {g.kind} {g.about}" for g in gold_kind if id(g) not in matched_gold]
            false_findings += [f"{case.name}: {p.kind} {p.summary}" for p in predicted_kind if id(p) not in matched_predicted]
        conflicts_gold = [g for g in findings if g.kind in KINDS and g.kind != "agreement"]
        conflicts_predicted = [p for p in predicted if p.kind != "agreement"]
        as_conflict = lambda f: f.__class__(**{**f.__dict__, "kind": "conflict"})  # noqa: E731 - the same finding, kind forgotten
        matched = match([as_conflict(g) for g in conflicts_gold], [as_conflict(p) for p in conflicts_predicted], letters)
        counts["conflict"]["gold"] += len(conflicts_gold)
        counts["conflict"]["predicted"] += len(conflicts_predicted)
        counts["conflict"]["matched"] += len(matched)
    return {
        "cases": len(cases),
        "scores": {kind: _scores(**c) for kind, c in counts.items()},
        "extra_scores": {kind: _scores(**c) for kind, c in extra.items() if kind != "voice"},
        "extra_voice": extra["voice"],
        "voice_accuracy": voice_right / voice_checked if voice_checked else 0.0,
        "voice_checked": voice_checked,
        "misses": misses,
        "false_findings": false_findings,
    }


def _score_extra(case: GoldCase, found: list[Finding], letters: dict[str, str], counts: dict, misses: list[str], false_findings: list[str]) -> None:
    """Action and single-source findings of one case, if the case annotates them."""
    groups = []
    if "actions" in case.annotated:
        for kind in ACTION_KINDS:
            gold = [g for g in case.findings if g.claim == "action" and g.kind == kind]
            groups.append((f"action {kind}", gold, [p for p in found if p.claim_kind == "action" and p.kind == kind]))
    if "single_source" in case.annotated:
        groups.append(("single_source", [g for g in case.findings if g.kind == "single_source"], [p for p in found if p.kind == "single_source"]))
    for row, gold, predicted in groups:
        matched = match(gold, predicted, letters)
        for g, p in matched:
            voiced = [(s, _covering(s, p.support, letters)) for s in g.support if s.voice is not None]
            counts["voice"]["checked"] += len(voiced)
            counts["voice"]["right"] += sum(found is not None and found.voice == s.voice and (s.speaker is None or same_speaker(s.speaker, found.speaker)) for s, found in voiced)
        counts[row]["gold"] += len(gold)
        counts[row]["predicted"] += len(predicted)
        counts[row]["matched"] += len(matched)
        matched_gold, matched_predicted = {id(g) for g, _ in matched}, {id(p) for _, p in matched}
        misses += [f"{case.name}: {row} {g.about}" for g in gold if id(g) not in matched_gold]
        false_findings += [f"{case.name}: {row} {p.summary}" for p in predicted if id(p) not in matched_predicted]


def _scores(gold: int, predicted: int, matched: int) -> dict:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": gold, "predicted": predicted, "matched": matched, "precision": precision, "recall": recall, "f1": f1}


def render(results: dict) -> str:
    lines = ["Claims: agreements and conflicts on tests/gold/claims (a finding matches when it has the gold kind and covers every gold support)"]
    titles = (
        ("all", "all cases"),
        ("dev", "dev: the rules were tuned on these"),
        ("heldout", "held out: written after tuning, never tuned on"),
        ("actions", "actions: written with the action and single-source rules, tuned on"),
        ("heldout_actions", "actions held out: written after those rules, never tuned on"),
    )
    for split, title in titles:
        result = results[split]
        lines.append(f"-- {title} ({result['cases']} cases)")
        lines.append(f"{'kind':<14} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for kind, s in result["scores"].items():
            lines.append(f"{kind:<14} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}")
        lines.append(f"voice and speaker of matched supports: {result['voice_accuracy']:.3f} of {result['voice_checked']}")
        extra = {kind: s for kind, s in result["extra_scores"].items() if s["gold"] or s["predicted"]}
        if extra:
            lines.append("on the cases annotated for actions / single-source claims:")
            for kind, s in extra.items():
                lines.append(f"{kind:<21} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}")
            voice = result["extra_voice"]
            if voice["checked"]:
                lines.append(f"voice and speaker of their matched supports: {voice['right'] / voice['checked']:.3f} of {voice['checked']}")
    lines.append("conflict = contradiction or precision, type ignored")
    result = results["all"]
    if result["false_findings"]:
        lines.append("findings not in the gold:")
        lines += [f"  {f}" for f in result["false_findings"]]
    if result["misses"]:
        lines.append("gold findings missed:")
        lines += [f"  {m}" for m in result["misses"]]
    if results["drift"]:
        lines.append(f"DRIFT: {len(results['drift'])} gold spans no longer hold their text:")
        lines += [f"  {d}" for d in results["drift"]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(evaluate()))
