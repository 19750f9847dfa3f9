"""Claim alignment against the gold set on real articles (tests/gold/claims/corpus.json).

The gold covers multi-source events of the shared corpora (Giveme5W1H news_cluster, ECB+), split
by event into ``dev`` (rules may be tuned on it) and ``test`` (run rarely; its figure is the
product's figure). Every support is a short quote with its character span in the article text as
ingested; the annotation rules are in tests/gold/claims/README.md.

How a prediction is scored:
- **agreement**: a predicted agreement matches a gold agreement when it has supports overlapping
  gold supports in at least two different articles. Agreements are not annotated exhaustively
  (three outlets repeating a quote is an agreement nobody lists in full), so precision counts only
  *judged* predictions: those with supports overlapping annotated quotes (of any finding or trap)
  in at least two articles, i.e. predictions about what the annotator looked at in both sources.
  A judged prediction that matches no gold agreement is wrong (it pairs a sentence with the wrong
  one, or agrees where the gold has a trap, a conflict or a single-source claim), with one
  exception: a prediction whose supports cover quotes of **one side** of a gold contradiction,
  precision difference or update in two or more articles, and no quote of its other sides, is
  right. The annotator lists the articles giving one value of a conflict as that side's quotes,
  not again as an agreement ("some 700 metres" in two reports against "about 600 metres" in a
  third; a toll's step "at least four aftershocks" that two reports give): the sources on one side
  do state the same thing, which is what an agreement says (README: "two or more articles state
  the same thing"). Such a prediction counts for precision, never for recall (it finds no gold
  agreement), and the report says how many there are. Decided on the dev errors of issue 15 (10 of
  the 43 judged wrong agreements were of this kind). It stays wrong when it covers quotes of two
  sides of any sided gold finding (it agrees across a conflict), or matches a gold agreement
  that another prediction took (a duplicate).
- **contradiction**, **precision**, **update**: the gold lists two or more sides; a prediction
  matches when it covers a support on two different sides. Contradictions are annotated
  exhaustively, so every predicted contradiction is judged. A chain of reports (2, then 4, then
  6 dead) is one gold update with three sides and may be matched by several predicted pairs:
  updates and precision differences are matched many-to-one (precision counts the predictions
  that match some gold finding, recall the gold findings some prediction matches); agreements
  and contradictions one-to-one.
- **updates typed as updates**: of the gold updates, the share matched by a predicted update (the
  rest are reported by the kind they were given, or as missed). When several predicted findings
  cover two sides of one gold update, it is typed by the one a reader would take as the system's
  verdict on the change, in the order ``UPDATE_TYPING``: a contradiction first (it is shown as a
  conflict and counted on the badge whatever else is shown, so an update also shown as a
  contradiction is a contradiction), then an update, a difference of precision, an agreement.
  Before this rule the first finding in the dossier's order won, so an agreement that happened to
  cover the two sentences (a statement agreement on the sentence a figure sits in) hid the update
  shown beside it, while a contradiction listed after an update went unseen; now an agreement
  types an update only when nothing else covers it, and a contradiction always counts against.
- **traps** (subset, part, increment, different thing sharing a unit): a trap is violated when a
  predicted contradiction covers both of its supports; the issue's target is zero. A trap is
  shown as an agreement when an agreement covers its two supports **with two different
  supports** of its own: an agreement pairs clauses, one support each, so a trap whose two
  quotes sit in one sentence of one article ("more than 100 wounded people – including at least
  10 children –") is not paired by an agreement whose support is that sentence (6 of the 8 dev
  traps counted as agreements before this rule were such, issue 15). Contradictions keep the
  stricter reading (any cover of both quotes counts), since there the target is zero.
- **single_source**: recall of gold single-source claims (a predicted single-source finding
  covering the quote); and, since single-source claims are not annotated exhaustively, the
  listed ones that are surely wrong: covering a quote of a finding two or more articles make
  (agreement, contradiction, precision, update) and no gold single-source quote.
- **independence**: pairs of articles the gold marks as copies of one wire story, against the
  pairs the aligner calls copies.
"""

from __future__ import annotations

import itertools
import json
import pickle
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from newsdesk.eval import _repo_root, corpus_root
from newsdesk.eval.cache import cache_dir, content_key, write
from newsdesk.model import Analysis, Article, Finding

GOLD_FILE = Path("tests") / "gold" / "claims" / "corpus.json"
SPLITS = ("dev", "test")
SIDED = ("contradiction", "precision", "update")
# How a gold update is typed when several findings cover it (see the module docstring).
UPDATE_TYPING = ("contradiction", "update", "precision", "agreement")
_PARSE_CODE = ("analyse", "clean", "ingest", "model.py", "resources.py")


@dataclass(frozen=True)
class Quote:
    article: str  # the article's letter in its event
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldFinding:
    kind: str  # agreement, contradiction, precision, update, single_source, trap
    about: str
    sides: tuple[tuple[Quote, ...], ...]  # one side for agreement, single_source and trap
    claim: str | None = None  # figure | statement
    slot: str | None = None
    trap: str | None = None  # subset, part, increment, different_thing

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(q for side in self.sides for q in side)


@dataclass
class GoldEvent:
    name: str
    split: str
    paths: dict[str, str]  # letter -> corpus path
    findings: list[GoldFinding]
    copies: list[tuple[str, ...]] = field(default_factory=list)


def load_gold() -> list[GoldEvent]:
    data = json.loads((_repo_root() / GOLD_FILE).read_text(encoding="utf-8"))
    events = []
    for record in data["events"]:
        findings = []
        for f in record["findings"]:
            raw_sides = f["sides"] if f["kind"] in SIDED else [f["support"]]
            sides = tuple(tuple(Quote(q["article"], q["quote"], q["start"], q["end"]) for q in side) for side in raw_sides)
            findings.append(GoldFinding(f["kind"], f["about"], sides, f.get("claim"), f.get("slot"), f.get("trap")))
        copies = [tuple(group) for group in record.get("copies", [])]
        events.append(GoldEvent(record["name"], record["split"], dict(record["articles"]), findings, copies))
    return events


def read_article(path: str) -> Article:
    """The article of a corpus file as `newsdesk ingest` reads it (ECB+ XML as its events eval does;
    a NewsWCL50 document, named ``newswcl50/NewsWCL50.conll#9_L``, as its names eval does)."""
    if "#" in path:
        return _newswcl50_article(path)
    full = corpus_root() / path
    if path.endswith(".xml"):
        from newsdesk.eval.ecbplus import read_document
        from newsdesk.ingest.article import article_from_text

        doc = read_document(full)
        return article_from_text(doc.text, path=doc.name, title=doc.title, url=doc.url)
    from newsdesk.ingest import read_inputs
    from newsdesk.ingest.article import article_from_text

    (item,) = list(read_inputs([str(full)]))
    if not isinstance(item, Article):
        raise ValueError(f"{path}: {item}")
    # news-please calls the publication time `date_publish`; until the crawler-JSON ingest reads
    # it (branch events), the eval passes it on, since updates are told apart by it
    crawled = json.loads(full.read_text(encoding="utf-8")).get("date_publish")
    if not item.published and crawled:
        again = article_from_text(item.text, path=item.path, title=item.title, published=crawled.replace(" ", "T"), source=item.source, url=item.url, author=item.author, language=item.language)
        item = replace(item, published=again.published, metadata={**item.metadata, **again.metadata})
    return item


def _newswcl50_article(path: str) -> Article:
    """One outlet's article of NewsWCL50, its text as the corpus reader joins its tokens (one
    sentence a line, the headline first); the outlet's address comes from the corpus's urls.tsv."""
    from newsdesk.eval.newswcl50 import load_documents
    from newsdesk.ingest.article import article_from_text

    corpus_file, _, name = path.partition("#")
    if corpus_file != "newswcl50/NewsWCL50.conll":
        raise ValueError(f"{path}: no such corpus document")
    documents = {d.name: d for d in load_documents()}
    if name not in documents:
        raise ValueError(f"{path}: no NewsWCL50 document {name!r}")
    doc = documents[name]
    urls = {}
    for line in (corpus_root() / "newswcl50" / "urls.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        event, outlet, url = line.split("\t")[:3]
        urls[f"{event}_{outlet}"] = url
    return article_from_text(doc.text, path=path, title=doc.text.partition("\n")[0], url=urls.get(name))


def parsed(articles: list[Article]) -> list[tuple[Analysis, object]]:
    """(analysis, spaCy doc) of each article through the normal analysis stage, cached on disk by
    content and analysis code (the parse is the slow part; claims are extracted afresh each run)."""
    from spacy.tokens import DocBin

    from newsdesk import resources
    from newsdesk.store.codec import from_plain, to_plain

    key = content_key(((a.id, a.text, a.published, a.title) for a in articles), _PARSE_CODE)
    path = cache_dir() / f"claims-corpus-{key}.pkl"
    if path.is_file():
        plain, blob = pickle.loads(path.read_bytes())
        docs = list(DocBin().from_bytes(blob).get_docs(resources.nlp().vocab))
        return [(from_plain(Analysis, p), d) for p, d in zip(plain, docs)]
    from newsdesk.analyse import analyse_articles

    pairs = list(analyse_articles(articles))
    bin_ = DocBin(store_user_data=True)
    for _, doc in pairs:
        bin_.add(doc)
    write(path, ([to_plain(a) for a, _ in pairs], bin_.to_bytes()))
    return pairs


@lru_cache(maxsize=64)
def _event_parsed(paths: tuple[str, ...]) -> dict[str, tuple[Analysis, object]]:
    return dict(zip(paths, parsed([read_article(p) for p in paths])))


def predict(event: GoldEvent) -> tuple[list[Finding], dict[str, str], dict[str, str], set[frozenset]]:
    """The findings for one event, article id -> letter, letter -> article text, and the pairs
    of articles (letters) found to be copies of one story."""
    from newsdesk.claims import align_claims, extract_claims, single_source_claims
    from newsdesk.claims.copies import copies_of
    from newsdesk.link import link_entities
    from newsdesk.quotes import extract_quotes

    parses = _event_parsed(tuple(sorted(event.paths.values())))
    analyses, letters, texts = [], {}, {}
    for letter, path in event.paths.items():
        analysis, doc = parses[path]
        analysis.quotes = extract_quotes(analysis, doc)
        analysis.claims = extract_claims(analysis, doc)
        analyses.append(analysis)
        letters[analysis.article.id] = letter
        texts[letter] = analysis.article.text
    entities = link_entities(analyses, {a.article.id: event.name for a in analyses})
    agreements, conflicts = align_claims(analyses, entities)
    copies = {frozenset((letters[a], letters[b])) for a, b in copies_of(analyses).items()}
    return agreements + conflicts + single_source_claims(analyses, entities), letters, texts, copies


def _covers(quote: Quote, finding: Finding, letters: dict[str, str]) -> bool:
    return any(letters.get(s.article_id) == quote.article and s.start < quote.end and quote.start < s.end for s in finding.support)


def _sides_covered(gold: GoldFinding, finding: Finding, letters: dict[str, str]) -> set[int]:
    return {index for index, side in enumerate(gold.sides) for q in side if _covers(q, finding, letters)}


def _matches(gold: GoldFinding, finding: Finding, letters: dict[str, str]) -> bool:
    if gold.kind in SIDED:
        return len(_sides_covered(gold, finding, letters)) >= 2
    if gold.kind == "agreement":
        return len({q.article for q in gold.quotes if _covers(q, finding, letters)}) >= 2
    return any(_covers(q, finding, letters) for q in gold.quotes)


def _on_one_side(finding: Finding, gold: list[GoldFinding], letters: dict[str, str]) -> bool:
    """The agreement covers quotes of one side of a sided gold finding in two or more articles,
    and none of its other sides (see the module docstring)."""
    if any(g.kind == "agreement" and _matches(g, finding, letters) for g in gold):
        return False  # a second finding for a gold agreement another one matched: a duplicate
    one_side = False
    for g in (g for g in gold if g.kind in SIDED):
        covered = [{q.article for q in side if _covers(q, finding, letters)} for side in g.sides]
        sides = sum(1 for articles in covered if articles)
        if sides >= 2:
            return False  # it agrees across a conflict
        one_side = one_side or (sides == 1 and max(len(articles) for articles in covered) >= 2)
    return one_side


def _pairs(quotes: tuple[Quote, ...], finding: Finding, letters: dict[str, str]) -> bool:
    """Each quote is covered by a support of the finding, two quotes by two different supports."""
    def covering(quote: Quote) -> set[int]:
        return {i for i, s in enumerate(finding.support) if letters.get(s.article_id) == quote.article and s.start < quote.end and quote.start < s.end}

    first, *rest = [covering(q) for q in quotes]
    return bool(first) and all(other and (len(first | other) >= 2) for other in rest)


def _one_to_one(gold: list[GoldFinding], predicted: list[Finding], letters: dict[str, str]) -> list[tuple[GoldFinding, Finding]]:
    if gold and gold[0].kind in ("update", "precision"):
        # a chain of reports (2, then 4, then 6 dead) is one gold finding and several true pairs
        return [(g, p) for p in predicted for g in gold if _matches(g, p, letters)]
    # the largest one-to-one matching, not a greedy one: a prediction that matches two gold
    # findings must not take the one another prediction alone could match
    matches = np.array([[_matches(g, p, letters) for p in predicted] for g in gold], dtype=float).reshape(len(gold), len(predicted))
    rows, columns = linear_sum_assignment(matches, maximize=True)
    return [(gold[r], predicted[c]) for r, c in zip(rows, columns) if matches[r, c]]


def evaluate(splits: tuple[str, ...] = SPLITS) -> dict:
    events = load_gold()
    results = {}
    for split in splits:
        results[split] = _evaluate([e for e in events if e.split == split])
    return results


def _evaluate(events: list[GoldEvent]) -> dict:
    kinds = ("agreement", "contradiction", "precision", "update")
    counts = {k: {"gold": 0, "predicted": 0, "judged": 0, "matched": 0, "found": 0} for k in kinds}
    update_typed: dict[str, int] = {}
    traps = {"total": 0, "as_contradiction": 0, "as_agreement": 0}
    single = {"gold": 0, "matched": 0, "predicted": 0, "wrong": 0}
    copies = {"gold": 0, "predicted": 0, "matched": 0}
    drift, misses, wrong = [], [], []
    for event in events:
        found, letters, texts, predicted_pairs = predict(event)
        for g in event.findings:
            for q in g.quotes:
                if texts[q.article][q.start : q.end] != q.text:
                    drift.append(f"{event.name} {q.article} {q.text!r}")
        annotated = [q for g in event.findings for q in g.quotes]
        for kind in kinds:
            gold = [g for g in event.findings if g.kind == kind]
            predicted = [p for p in found if p.kind == kind]
            pairs = _one_to_one(gold, predicted, letters)
            matched = {id(p) for _, p in pairs}
            hit = {id(g) for g, _ in pairs}
            judged = [p for p in predicted if kind != "agreement" or len({q.article for q in annotated if _covers(q, p, letters)}) >= 2]
            if kind == "agreement":
                one_side = [p for p in judged if id(p) not in matched and _on_one_side(p, event.findings, letters)]
                matched |= {id(p) for p in one_side}
                counts[kind]["one_side"] = counts[kind].get("one_side", 0) + len(one_side)
            counts[kind]["gold"] += len(gold)
            counts[kind]["predicted"] += len(predicted)
            counts[kind]["judged"] += len(judged)
            counts[kind]["matched"] += len(matched)
            counts[kind]["found"] += len(hit)
            misses += [f"{event.name}: {kind} {g.about}" for g in gold if id(g) not in hit]
            wrong += [f"{event.name}: {kind} {p.summary}" for p in judged if id(p) not in matched]
        for g in (g for g in event.findings if g.kind == "update"):
            kinds_shown = {p.kind for p in found if _matches(g, p, letters)}
            typed = next((kind for kind in UPDATE_TYPING if kind in kinds_shown), "missed")
            update_typed[typed] = update_typed.get(typed, 0) + 1
        for g in (g for g in event.findings if g.kind == "trap"):
            traps["total"] += 1
            both = lambda p: all(_covers(q, p, letters) for q in g.quotes)  # noqa: E731 - the trap's two supports
            if any(p.kind == "contradiction" and both(p) for p in found):
                traps["as_contradiction"] += 1
                wrong.append(f"{event.name}: TRAP ({g.trap}) shown as a contradiction: {g.about}")
            if any(p.kind == "agreement" and _pairs(g.quotes, p, letters) for p in found):
                traps["as_agreement"] += 1
        gold_single = [g for g in event.findings if g.kind == "single_source"]
        predicted_single = [p for p in found if p.kind == "single_source"]
        single["gold"] += len(gold_single)
        single["predicted"] += len(predicted_single)
        single["matched"] += len(_one_to_one(gold_single, predicted_single, letters))
        shared_quotes = [q for g in event.findings if g.kind in ("agreement", *SIDED) for q in g.quotes]
        for p in predicted_single:
            if any(_covers(q, p, letters) for q in shared_quotes) and not any(_covers(q, p, letters) for g in gold_single for q in g.quotes):
                single["wrong"] += 1
                wrong.append(f"{event.name}: single_source said by several sources: {p.summary}")
        gold_pairs = {frozenset(pair) for group in event.copies for pair in itertools.combinations(group, 2)}
        copies["gold"] += len(gold_pairs)
        copies["predicted"] += len(predicted_pairs)
        copies["matched"] += len(gold_pairs & predicted_pairs)
    return {
        "events": len(events),
        "scores": {kind: _scores(c) for kind, c in counts.items()},
        "updates_typed": update_typed,
        "traps": traps,
        "single_source": single,
        "copies": copies,
        "drift": drift,
        "misses": misses,
        "wrong": wrong,
    }


def _scores(c: dict) -> dict:
    precision = c["matched"] / c["judged"] if c["judged"] else 0.0
    recall = c["found"] / c["gold"] if c["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {**c, "precision": precision, "recall": recall, "f1": f1}


def render(results: dict, detail: bool = False) -> str:
    lines = []
    titles = {"dev": "dev: real articles, rules may be tuned on these", "test": "test: real articles, never tuned on (the product's figure)"}
    for split, result in results.items():
        lines.append(f"-- {titles[split]} ({result['events']} events, tests/gold/claims/corpus.json)")
        lines.append(f"{'kind':<14} {'gold':>5} {'pred':>5} {'judged':>6} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for kind, s in result["scores"].items():
            lines.append(f"{kind:<14} {s['gold']:>5} {s['predicted']:>5} {s['judged']:>6} {s['matched']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}")
        typed = result["updates_typed"]
        total = sum(typed.values())
        if total:
            shares = ", ".join(f"{kind} {n}" for kind, n in sorted(typed.items(), key=lambda kv: -kv[1]))
            lines.append(f"updates typed as updates: {typed.get('update', 0) / total:.3f} of {total} ({shares})")
        traps = result["traps"]
        one_side = result["scores"]["agreement"].get("one_side", 0)
        if one_side:
            lines.append(f"agreements right as one side of a gold conflict (counted in P, not R): {one_side}")
        lines.append(f"traps shown as a contradiction: {traps['as_contradiction']} of {traps['total']} (as an agreement: {traps['as_agreement']})")
        single = result["single_source"]
        recall = single["matched"] / single["gold"] if single["gold"] else 0.0
        lines.append(f"single-source claims: recall {recall:.3f} ({single['matched']} of {single['gold']}; {single['predicted']} listed, {single.get('wrong', 0)} of them on a finding several sources make)")
        c = result["copies"]
        lines.append(f"wire copies (article pairs): gold {c['gold']}, found {c['predicted']}, right {c['matched']}")
        if result["drift"]:
            lines.append(f"DRIFT: {len(result['drift'])} gold quotes no longer at their span:")
            lines += [f"  {d}" for d in result["drift"]]
        if detail:
            lines += ["wrong (judged, not in the gold):"] + [f"  {w}" for w in result["wrong"]]
            lines += ["missed:"] + [f"  {m}" for m in result["misses"]]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    wanted = tuple(s for s in sys.argv[1:] if s in SPLITS) or ("dev",)
    print(render(evaluate(wanted), detail="--detail" in sys.argv))
