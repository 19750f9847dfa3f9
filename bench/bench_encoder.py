"""CPU of the sentence encoder and of lingua per article in a whole ``newsdesk ingest --workers 1``,
against a bare spaCy pass over the same texts, in one process and one run.

    .venv/bin/python bench/bench_encoder.py [--limit N]

Inputs as ``bench/bench_throughput.py``: the first N ECB+ documents and the first N Giveme5W1H dev
articles (all of them without ``--limit``). The models are loaded first (their load is a per-process
cost, not a per-article one); then, in this process:

- bare spaCy: ``resources.nlp().pipe`` over the articles' texts (batch 16), the denominator;
- ``pipeline.ingest(..., workers=1)`` into a new store (the per-article stages, clustering, the
  dossier refresh), with the encoder and lingua wrapped: every call's CPU time
  (``time.process_time``) is added to its account. The encoder's time is split into its tokenizer
  (pure-Python sentencepiece) and its numpy forward pass.

Prints CPU seconds, ms per article, and each as a share of the bare spaCy pass. Also counts the
texts encoded and how many of them were distinct (the same text encoded twice in one run is work
a cache could save).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from newsdesk import resources  # noqa: E402
from newsdesk.ingest import read_inputs  # noqa: E402
from newsdesk.model import Article  # noqa: E402
from issue_set import issue_inputs  # noqa: E402


spent: Counter[str] = Counter()
calls: Counter[str] = Counter()
texts_seen: Counter[str] = Counter()


def _timed(account: str, function):
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[account] += time.process_time() - start
            calls[account] += 1

    return timed


class _TimedDetector:
    """lingua's detector (a Rust object: its methods cannot be replaced) behind timed calls."""

    def __init__(self, detector):
        self._detector = detector

    def __getattr__(self, name):
        return _timed("lingua", getattr(self._detector, name))


def _wrap_models() -> None:
    from newsdesk import vectors

    # the encoder as the stages use it (with its word-by-word tokenizer, where there is one)
    encoder = vectors.sentence_encoder() if hasattr(vectors, "sentence_encoder") else resources.sentence_encoder()
    backend = encoder._model  # loads it
    tokenizer = backend.sp
    backend.sp = type("TimedTokenizer", (), {"encode": staticmethod(_timed("encoder tokenizer", tokenizer.encode))})()
    backend._encode_batch = _timed("encoder forward", backend._encode_batch)
    encode = encoder.encode

    def counted(texts):
        for text in [texts] if isinstance(texts, str) else texts:
            texts_seen[text] += 1
        return _timed("encoder", encode)(texts)

    encoder.encode = counted
    detector = _TimedDetector(resources.language_detector())
    resources.language_detector = lambda: detector


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N documents of each corpus")
    args = parser.parse_args()

    from newsdesk.pipeline import ingest
    from newsdesk.store import Store

    with tempfile.TemporaryDirectory(prefix="bench-encoder-") as folder:
        folder = Path(folder)
        paths = issue_inputs(folder, args.limit)
        articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
        count = len(articles)
        print(f"{count} articles ({sum(len(a.text) for a in articles) / 1e6:.2f} M characters); load average {os.getloadavg()[0]:.1f}")

        nlp = resources.nlp()
        _wrap_models()
        start = time.process_time()
        for _ in nlp.pipe((a.text for a in articles), batch_size=16):
            pass
        bare = time.process_time() - start

        start = time.process_time()
        with Store(str(folder / "bench.db")) as store:
            ingest(paths, store, workers=1)
        whole = time.process_time() - start

    print(f"{'account':<20} {'CPU s':>8} {'ms/article':>11} {'x bare spaCy':>13} {'calls':>7}")
    rows = [("bare spaCy nlp.pipe", bare, None), ("ingest --workers 1", whole, None)]
    rows += [(name, spent[name], calls[name]) for name in ("encoder", "encoder tokenizer", "encoder forward", "lingua")]
    for name, seconds, n in rows:
        print(f"{name:<20} {seconds:8.2f} {1000 * seconds / count:11.1f} {seconds / bare:13.3f} {n if n is not None else '':>7}")
    total = sum(texts_seen.values())
    print(f"texts encoded: {total}, distinct {len(texts_seen)} ({total - len(texts_seen)} encoded again); "
          f"characters {sum(len(t) * n for t, n in texts_seen.items()) / 1e6:.2f} M")
    print(f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)


if __name__ == "__main__":
    main()
