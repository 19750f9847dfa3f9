"""The scale run (bench/bench_scale.py) in small: 200 real-shaped articles on a local Dask cluster of two workers."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_scale.py"


@pytest.mark.slow
def test_two_hundred_articles_on_a_local_engine_with_two_workers(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_scale", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    figures = bench.run(200, tmp_path / "scale.db", workers=2, engine="local")
    assert figures["stored"] + figures["errors"] == 200 and figures["worker_losses"] == 0
    assert figures["errors"] == 0, figures
    assert 5 <= figures["events"] < 100  # the first 200 ECB+ documents: 9 topics, 18 subtopics (events)
    assert len([name for name in figures["peak_rss_mb"] if name.startswith("worker")]) >= 2
