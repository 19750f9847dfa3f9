"""Cross-document entity linking, measured.

Datasets:
- "translit", "translit-dev", "translit-test": our set of name spellings
  (tests/data/transliteration_groups.json), whole or one split of it (each group
  is marked dev or test). Every spelling is put in an article of its own, with no
  event given, and the linker must put each group's spellings together and keep
  groups apart. Reported as pairwise precision and recall over all pairs of spellings.
- "meantime-en", "meantime-en+es": MEANTIME cross-document (and, with +es,
  cross-lingual) entity coreference on named-entity mentions: gold mentions whose
  head is a proper noun (PROPN), with their gold spans. Types are the gold
  MEANTIME types mapped to tagger labels (PER -> PERSON, LOC -> GPE, ORG/FIN/MIX
  -> ORG, PRO -> PRODUCT). Articles are grouped into events by their gold topic.
- "ecbplus": ECB+ test topics 36-45, entity mentions that are named entities.
  ECB+ marks no proper names, so a gold entity mention counts as named when
  spaCy's NER finds an entity inside its span covering its last token (the head
  of an English noun phrase); that entity's span is what the linker reads and
  the tagger's label (corrected as the analysis stage does) is its type. Articles are grouped into events by their gold
  sub-topic. ECB+ gives cross-document chains only to entities taking part in
  annotated events, so the headline scores count the mentions of those chains;
  scores over all named mentions (where a recurring name with per-document chain
  ids counts against precision) are reported beside them.

Scores are MUC, B-cubed, CEAF-e and their average (the CoNLL F1), from
newsdesk.eval.metrics, over the gold mentions (singletons included).
"""

from __future__ import annotations

import json
import sys
import time
from itertools import combinations
from pathlib import Path

from newsdesk.analyse.labels import corrected_label
from newsdesk.link import link_entities
from newsdesk.link.mentions import NAME_LABELS
from newsdesk.model import Analysis, Article, Mention

TRANSLIT_SET = Path(__file__).resolve().parents[3] / "tests" / "data" / "transliteration_groups.json"


def _analysis(article_id: str, text: str, spans: list[tuple[int, int, str]]) -> Analysis:
    article = Article(id=article_id, text=text, path=f"<{article_id}>")
    mentions = [Mention(article_id, s, e, text[s:e], label) for s, e, label in spans]
    return Analysis(article=article, prose=text, mentions=mentions)


def _assignments(analyses: list[Analysis], event_of: dict[str, str] | None) -> dict[tuple[str, int, int], str]:
    """Mention (article, start, end) -> entity id, as linked. A mention the linker cut to the name
    in it ("the American Hasim Rahman" read as "Hasim Rahman") counts under its span as given."""
    linked = {(m.article_id, m.start, m.end): entity.id
              for entity in link_entities(analyses, event_of) for m in entity.mentions}
    by_end = {(article_id, end): (start, entity) for (article_id, start, end), entity in linked.items()}
    for analysis in analyses:
        for m in analysis.mentions:
            cut = by_end.get((m.article_id, m.end))
            if (m.article_id, m.start, m.end) not in linked and cut is not None and cut[0] > m.start:
                linked[(m.article_id, m.start, m.end)] = cut[1]
    return linked


def evaluate_translit(path: Path = TRANSLIT_SET, split: str | None = None) -> dict:
    groups = [g for g in json.loads(path.read_text())["groups"] if split is None or g["split"] == split]
    analyses, gold = [], {}
    for group in groups:
        for n, variant in enumerate(group["variants"]):
            article_id = f"{group['id']}#{n}"
            analyses.append(_analysis(article_id, variant, [(0, len(variant), group["type"])]))
            gold[(article_id, 0, len(variant))] = group["id"]
    start = time.perf_counter()
    predicted = _assignments(analyses, None)
    seconds = time.perf_counter() - start
    true_pairs = linked_pairs = both = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_predicted = a in predicted and predicted.get(a) == predicted.get(b)
        true_pairs += same_gold
        linked_pairs += same_predicted
        both += same_gold and same_predicted
    forbidden = [(g["id"], other) for g in groups for other in g.get("must_not_merge", [])]
    entity_of_group = {}
    for key, group_id in gold.items():
        entity_of_group.setdefault(group_id, set()).add(predicted.get(key))
    violated = [f"{a}/{b}" for a, b in forbidden if entity_of_group[a] & entity_of_group[b] - {None}]
    split_groups = sorted(g for g, ids in entity_of_group.items() if len(ids) > 1)
    precision = both / linked_pairs if linked_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return {
        "dataset": f"translit-{split}" if split else "translit", "groups": len(groups), "spellings": len(gold),
        "pairwise": {"precision": precision, "recall": recall,
                     "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0},
        "must_not_merge": {"pairs": len(forbidden), "violated": violated},
        "split_groups": split_groups, "seconds": seconds,
    }


MEANTIME_LABELS = {"PERSON": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "GPE", "PRODUCT": "PRODUCT", "FINANCE": "ORG"}
ECB_TEST_TOPICS = range(36, 46)


def evaluate_meantime(dataset: str, events: bool = True, topics: tuple[str, ...] | None = None) -> dict:
    from newsdesk.eval import meantime

    languages = dataset.removeprefix("meantime-").split("+")
    analyses, gold, event_of = [], {}, {}
    for language in languages:
        for document in meantime.load_documents(language):
            if topics is not None and document.topic not in topics:
                continue
            article_id = f"{language}/{document.name}"
            named = [m for m in document.entity_mentions if m.named]
            analyses.append(_analysis(article_id, document.text,
                                      [(m.start, m.end, MEANTIME_LABELS[m.type]) for m in named]))
            gold.update({(article_id, m.start, m.end): m.chain for m in named})
            event_of[article_id] = document.topic
    return _score(dataset, analyses, gold, event_of if events else None)


def evaluate_ecbplus(events: bool = True) -> dict:
    from newsdesk import resources
    from newsdesk.eval import ecbplus

    nlp = resources.nlp()
    documents = ecbplus.load_documents(ECB_TEST_TOPICS)
    analyses, gold, event_of = [], {}, {}
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents)):
        spans = []
        for mention in document.entity_mentions:
            if mention.type.startswith("TIME"):
                continue
            entity = _named_entity_at_head(doc, mention.start, mention.end)
            if entity is None:
                continue
            spans.append((entity.start_char, entity.end_char, corrected_label(entity)))
            gold[(document.name, entity.start_char, entity.end_char)] = mention.chain
        analyses.append(_analysis(document.name, document.text, sorted(set(spans))))
        event_of[document.name] = document.subtopic
    result = _score("ecbplus", analyses, gold, event_of if events else None)
    # ECB+ links across documents only the entities that take part in annotated events; the
    # others keep one chain id per document ("36_10ecbplus:23") even when they recur, so
    # the headline scores use mentions of cross-document chains and all mentions are shown too.
    cross_document = {key: chain for key, chain in gold.items() if ":" not in chain}
    result["all_named_mentions"] = result.copy()
    result.update(_score("ecbplus", analyses, cross_document, event_of if events else None))
    return result


def _named_entity_at_head(doc, start: int, end: int):
    """The tagger's named entity inside a gold mention that covers its last token, if any."""
    for entity in doc.ents:
        if start <= entity.start_char and entity.end_char <= end and entity.end_char >= end - 1 \
                and entity.label_ in NAME_LABELS:
            return entity
    return None


def _score(dataset: str, analyses: list[Analysis], gold: dict, event_of: dict | None,
           per_event: bool = False) -> dict:
    """Coreference scores of the linker against gold, and of the same-string baseline; with
    ``per_event``, gold chains are taken to hold within one event only (NewsWCL50), so an
    entity found in two events counts as two."""
    from newsdesk.eval import metrics

    start = time.perf_counter()
    linked = _assignments(analyses, event_of)
    seconds = time.perf_counter() - start
    if per_event:
        linked = {key: f"{event_of[key[0]]}:{entity}" for key, entity in linked.items()}
    # A mention the linker dropped as junk stays a singleton of its own.
    predicted = {key: linked.get(key, f"dropped:{key}") for key in gold}
    text_of = {(a.article.id, m.start, m.end): (m.text.lower(), m.label) for a in analyses for m in a.mentions}
    baseline = {key: str(text_of.get(key, key)) for key in gold}
    if per_event:
        baseline = {key: f"{event_of[key[0]]}:{same}" for key, same in baseline.items()}
    result = {"dataset": dataset, "documents": len(analyses), "mentions": len(gold),
              "gold_entities": len(set(gold.values())), "predicted_entities": len(set(predicted.values())),
              "events_given": event_of is not None, "seconds": seconds}
    result.update(_coref_scores(metrics, gold, predicted))
    result["baseline"] = _coref_scores(metrics, gold, baseline)
    return result


def _coref_scores(metrics, gold: dict, predicted: dict) -> dict:
    scores = {name: _prf(getattr(metrics, name)(gold, predicted)) for name in ("muc", "b_cubed", "ceaf_e")}
    scores["conll_f1"] = sum(s["f1"] for s in scores.values()) / 3
    return scores


def _prf(score) -> dict:
    if isinstance(score, dict):
        return {k: float(score[k]) for k in ("precision", "recall", "f1")}
    if isinstance(score, tuple):
        return dict(zip(("precision", "recall", "f1"), map(float, score)))
    return {k: float(getattr(score, k)) for k in ("precision", "recall", "f1")}


def evaluate(dataset: str, **options) -> dict:
    """Score entity linking on one dataset: "translit" (or its "translit-dev"/"translit-test" split), "meantime-en", "meantime-en+es" or "ecbplus"."""
    if dataset == "translit":
        return evaluate_translit(**options)
    if dataset in ("translit-dev", "translit-test"):
        return evaluate_translit(split=dataset.removeprefix("translit-"), **options)
    if dataset in ("meantime-en", "meantime-en+es"):
        return evaluate_meantime(dataset, **options)
    if dataset == "ecbplus":
        return evaluate_ecbplus(**options)
    raise ValueError(f"unknown dataset {dataset!r}")


def render(result: dict) -> str:
    lines = [f"entity linking on {result['dataset']}"]
    if result["dataset"].startswith("translit"):
        p = result["pairwise"]
        lines.append(f"  {result['groups']} groups, {result['spellings']} spellings")
        lines.append(f"  pairwise precision {p['precision']:.3f}  recall {p['recall']:.3f}  F1 {p['f1']:.3f}")
        lines.append(f"  must-not-merge pairs: {result['must_not_merge']['pairs']}, "
                     f"violated: {', '.join(result['must_not_merge']['violated']) or 'none'}")
        lines.append(f"  groups split: {', '.join(result['split_groups']) or 'none'}")
        return "\n".join(lines)
    lines.append(f"  {result['documents']} documents, {result['mentions']} named-entity mentions, "
                 f"{result['gold_entities']} gold entities, {result['predicted_entities']} predicted; "
                 f"{result['seconds']:.1f}s")
    for name in ("muc", "b_cubed", "ceaf_e"):
        s = result[name]
        lines.append(f"  {name:8s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    lines.append(f"  CoNLL F1 {result['conll_f1']:.3f}")
    lines.append(f"  baseline (same exact string) CoNLL F1 {result['baseline']['conll_f1']:.3f}")
    if "all_named_mentions" in result:
        every = result["all_named_mentions"]
        lines.append(f"  over all {every['mentions']} named mentions (incl. per-document chains): "
                     f"CoNLL F1 {every['conll_f1']:.3f} (baseline {every['baseline']['conll_f1']:.3f})")
    return "\n".join(lines)


if __name__ == "__main__":
    for name in sys.argv[1:] or ["translit"]:
        print(render(evaluate(name)))
