"""The fitted model that turns a pair's features into the seven SemEval scores.

Per dimension, a blend of a small gradient-boosted regression and a ridge regression over
the standardised features, fitted on human judgements (the SemEval-2022 Task 8 training
pairs, dev part; see ``compare_model.json`` for where, on what and how well) and shipped
as plain trees and weights in JSON, so that scoring needs numpy only. Refit with ``newsdesk eval semeval --refit`` (scikit-learn), which rewrites the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("compare_model.json")
MODEL_FORMAT = "newsdesk.compare-model/3"  # 2: with the encoder's language centres; 3: trees blended with a linear part
LOWEST, HIGHEST = 1.0, 4.0  # 1 very similar .. 4 very dissimilar


@dataclass(frozen=True)
class Trees:
    """A boosted ensemble: baseline + the leaf value reached in each tree. Node i of a tree
    splits on ``feature[i]`` at ``threshold[i]`` (go left when the value is <= it), or is a
    leaf (feature -1) worth ``value[i]``."""

    baseline: float
    trees: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...]

    def predict(self, rows: np.ndarray) -> np.ndarray:
        total = np.full(len(rows), self.baseline)
        for feature, threshold, left, right, value in self.trees:
            node = np.zeros(len(rows), dtype=np.int64)
            active = feature[node] >= 0
            while active.any():
                at = node[active]
                goes_left = rows[active, feature[at]] <= threshold[at]
                node[active] = np.where(goes_left, left[at], right[at])
                active = feature[node] >= 0
            total += value[node]
        return total


@dataclass(frozen=True)
class Linear:
    """A ridge regression over standardised features: intercept + sum coef * (x - mean) / scale."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict(self, rows: np.ndarray) -> np.ndarray:
        return self.intercept + ((rows - self.mean) / self.scale) @ self.coef


@dataclass(frozen=True)
class Blend:
    """One dimension's score: ``linear_share`` of the linear part, the rest from the trees."""

    trees: Trees
    linear: Linear
    linear_share: float

    def predict(self, rows: np.ndarray) -> np.ndarray:
        return self.linear_share * self.linear.predict(rows) + (1.0 - self.linear_share) * self.trees.predict(rows)


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    dimensions: dict[str, Blend]
    centres: dict[str, np.ndarray]  # language -> mean sentence embedding of the training articles
    about: dict

    def predict(self, rows: list[dict[str, float]]) -> list[dict[str, float]]:
        """Scores on the 1-4 scale, rounded to 0.01, one dict per row of named features."""
        matrix = np.array([[row[name] for name in self.features] for row in rows], dtype=np.float64).reshape(len(rows), len(self.features))
        columns = {name: np.clip(trees.predict(matrix), LOWEST, HIGHEST) for name, trees in self.dimensions.items()}
        return [{name: round(float(values[i]), 2) for name, values in columns.items()} for i in range(len(rows))]


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path}: not a {MODEL_FORMAT} file")
    dimensions = {name: blend_of(spec) for name, spec in data["dimensions"].items()}
    centres = {language: np.asarray(vector, dtype=np.float32) for language, vector in data["language_centres"].items()}
    about = {key: value for key, value in data.items() if key not in ("dimensions", "features", "language_centres")}
    return Model(features=tuple(data["features"]), dimensions=dimensions, centres=centres, about=about)


def blend_of(spec: dict) -> Blend:
    """A dimension as written in the model file (``trees_of`` and ``linear_of`` wrote its parts)."""
    trees = Trees(
        baseline=float(spec["trees"]["baseline"]),
        trees=tuple(
            (
                np.asarray(tree["feature"], dtype=np.int64),
                np.asarray(tree["threshold"], dtype=np.float64),
                np.asarray(tree["left"], dtype=np.int64),
                np.asarray(tree["right"], dtype=np.int64),
                np.asarray(tree["value"], dtype=np.float64),
            )
            for tree in spec["trees"]["trees"]
        ),
    )
    linear = Linear(*(np.asarray(spec["linear"][key], dtype=np.float64) for key in ("mean", "scale", "coef")), float(spec["linear"]["intercept"]))
    return Blend(trees, linear, float(spec["linear_share"]))


def linear_of(pipeline) -> dict:
    """A fitted scikit-learn StandardScaler + Ridge pipeline as this module's JSON weights."""
    scaler, ridge = pipeline[0], pipeline[-1]
    return {
        "mean": [float(v) for v in scaler.mean_],
        "scale": [float(v) for v in scaler.scale_],
        "coef": [float(v) for v in ridge.coef_],
        "intercept": float(ridge.intercept_),
    }


def trees_of(estimator) -> dict:
    """A fitted scikit-learn HistGradientBoostingRegressor as this module's JSON trees
    (numerical features, no missing values: the pair features are always defined)."""
    trees = []
    for (predictor,) in estimator._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "feature": np.where(leaf, -1, nodes["feature_idx"]).astype(int).tolist(),
                # thresholds exact: a training value can sit on one, and rounding moves it across
                "threshold": [float(t) if not is_leaf else 0.0 for t, is_leaf in zip(nodes["num_threshold"], leaf)],
                "left": np.where(leaf, 0, nodes["left"]).astype(int).tolist(),
                "right": np.where(leaf, 0, nodes["right"]).astype(int).tolist(),
                "value": [float(f"{v:.7g}") if is_leaf else 0.0 for v, is_leaf in zip(nodes["value"], leaf)],
            }
        )
    return {"baseline": float(np.ravel(estimator._baseline_prediction)[0]), "trees": trees}
