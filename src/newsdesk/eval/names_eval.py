"""`newsdesk eval names`: named-entity coreference across outlets, on text nobody here wrote.

- NewsWCL50 (``newsdesk.eval.newswcl50``), split by event (0-4 dev, 5-9 test). Its chains are
  concepts, wider than named entities ("0_USA_COUNTRY" holds "White House" and "Larry Kudlow"),
  so a gold mention is scored when it is a *named* mention of an entity chain: spaCy's NER (the
  pinned model, uncorrected, so the gold set does not move with our rules) finds a named entity
  inside its span covering its last token, and that entity's label fits the chain's type
  (ACTOR: PERSON; COUNTRY: GPE; GROUP: ORG or NORP). Chains that lump individuals together
  (ACTOR-I, "-Misc") and events, actions, objects and misc are left out. The linker reads that
  entity's span with the label the analysis stage gives it (``corrected_label``); articles are
  grouped by gold event, and chains hold within an event, so scores are per event.
- MEANTIME en and en+es (``entities_eval.evaluate_meantime``), split by topic: airbus and apple
  dev, gm and stock test.
- The spelling groups of tests/data/transliteration_groups.json, dev and test splits.

Scores: MUC, B-cubed, CEAF-e and the CoNLL F1, beside a same-string baseline (a mention joins
the mentions of the same lowercased text and label) scored in the same run.
"""

from __future__ import annotations

from newsdesk.eval import entities_eval

SPLITS = ("dev", "test")
MEANTIME_TOPICS = {"dev": ("corpus_airbus", "corpus_apple"), "test": ("corpus_gm", "corpus_stock")}
LABELS_OF_CHAIN_TYPE = {"ACTOR": {"PERSON"}, "COUNTRY": {"GPE"}, "GROUP": {"ORG", "NORP"}}


def evaluate_newswcl50(split: str) -> dict:
    from newsdesk import resources
    from newsdesk.analyse.labels import corrected_label
    from newsdesk.eval import newswcl50

    events = newswcl50.DEV_EVENTS if split == "dev" else newswcl50.TEST_EVENTS
    documents = newswcl50.load_documents(events)
    analyses, gold, event_of = [], {}, {}
    for document, doc in zip(documents, resources.nlp().pipe(d.text for d in documents)):
        spans = set()
        for mention in document.mentions:
            fitting = LABELS_OF_CHAIN_TYPE.get(mention.type)
            if fitting is None or "-Misc" in mention.chain:
                continue
            entity = entities_eval._named_entity_at_head(doc, mention.start, mention.end)
            if entity is None or entity.label_ not in fitting:
                continue
            spans.add((entity.start_char, entity.end_char, corrected_label(entity)))
            gold[(document.name, entity.start_char, entity.end_char)] = mention.chain
        analyses.append(entities_eval._analysis(document.name, document.text, sorted(spans)))
        event_of[document.name] = str(document.event)
    return entities_eval._score(f"newswcl50-{split}", analyses, gold, event_of, per_event=True)


def evaluate(splits: tuple[str, ...] = SPLITS) -> list[dict]:
    results = []
    for split in splits:
        results.append(evaluate_newswcl50(split))
        for dataset in ("meantime-en", "meantime-en+es"):
            result = entities_eval.evaluate_meantime(dataset, topics=MEANTIME_TOPICS[split])
            result["dataset"] = f"{dataset}-{split}"
            results.append(result)
        results.append(entities_eval.evaluate_translit(split=split))
    return results


def render(results: list[dict]) -> str:
    return "\n".join(entities_eval.render(result) for result in results)
