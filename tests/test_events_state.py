"""The clusterer's saved state is declared data: it resumes exactly, and loading one never runs code."""

import os
import pickle

import numpy as np
import pytest

from newsdesk.events import ArticleFeatures, OnlineClusterer, cluster
from newsdesk.events.cluster import StaleState
from newsdesk.events.state import StateFormatError, decode_state, encode_state


def _synthetic_features(count: int) -> list[ArticleFeatures]:
    """Articles of four made-up stories: shared words, names and a direction in embedding space per story."""
    rng = np.random.default_rng(7)
    stories = [rng.normal(size=512).astype(np.float32) for _ in range(4)]
    features = []
    for n in range(count):
        story = n % 4
        vector = stories[story] + 0.3 * rng.normal(size=512).astype(np.float32)
        vector /= np.linalg.norm(vector)
        features.append(
            ArticleFeatures(
                article_id=f"a{n:03d}", title_vec=vector, lead_vec=vector, body_vec=vector,
                terms={f"word{story}": 3, f"verb{story}": 2, f"extra{n}": 1}, entities={f"town{story}": 2},
                years=[2020 + story], figures={str(n): 1}, published=f"2024-0{story + 1}-1{n % 10}", language="en",
            )
        )
    return features


def test_the_state_resumes_exactly_and_holds_no_pickle():
    features = _synthetic_features(40)
    straight, resumed = OnlineClusterer(), OnlineClusterer()
    for f in features:
        straight.add(f.article_id, f)
    for f in features[:23]:  # stop inside a refinement period, with open events and members
        resumed.add(f.article_id, f)
    state = resumed.state()
    assert b"\x80\x04" not in state[:2] and state.startswith(b"newsdesk-clusterer-state/")
    resumed = OnlineClusterer.from_state(state)
    for f in features[23:]:
        resumed.add(f.article_id, f)
    assert resumed.clusters() == straight.clusters()
    assert resumed.state() == straight.state()


def test_a_pickle_in_the_store_is_never_unpickled(tmp_path):
    marker = tmp_path / "owned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    with pytest.raises(StaleState):
        OnlineClusterer.from_state(pickle.dumps((cluster.STATE_VERSION, Payload())))
    assert not marker.exists()


def test_only_declared_kinds_are_saved_or_loaded():
    with pytest.raises(TypeError):
        encode_state({"f": open}, {})
    with pytest.raises(TypeError):
        encode_state(np.array([object()]), {})
    forged = encode_state({"x": 1}, {}).replace(b'{"$":"dict"', b'{"$":"exec"')
    with pytest.raises(StateFormatError):
        decode_state(forged, {})
    older = encode_state({"version": cluster.STATE_VERSION - 1, "attributes": {}}, {})
    with pytest.raises(StaleState):
        OnlineClusterer.from_state(older)
