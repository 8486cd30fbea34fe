"""Theme clustering at scale: k-means cells linked by their exact average distance, O(N) memory."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from icp_assist.analyze import themes


def unit_rows(rng: np.random.Generator, centres: np.ndarray, per_centre: int, noise: float) -> np.ndarray:
    points = np.repeat(centres, per_centre, axis=0) + rng.normal(
        scale=noise, size=(len(centres) * per_centre, centres.shape[1])
    )
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def partition(groups: list[list[int]], n: int) -> list[int]:
    labels = [0] * n
    for number, group in enumerate(groups):
        for i in group:
            labels[i] = number
    return labels


def test_linking_single_point_cells_is_exactly_average_linkage():
    rng = np.random.default_rng(1)
    points = unit_rows(rng, rng.normal(size=(6, 16)), 10, 0.8)
    exact = themes._linked(points, 0.7)
    linked = themes._link_cells(points.astype(np.float64), np.ones(len(points)), 0.7)
    assert adjusted_rand_score(exact, linked) == pytest.approx(1.0)


def test_above_the_exact_limit_the_two_stage_clusters_match_the_exact_ones(monkeypatch):
    rng = np.random.default_rng(2)
    points = unit_rows(rng, rng.normal(size=(8, 32)), 150, 0.25)
    exact = themes.cluster_members(points, range(len(points)))
    monkeypatch.setattr(themes, "EXACT_MEMBERS", 100)
    two_stage = themes.cluster_members(points, range(len(points)))
    assert len(two_stage) == len(exact) == 8
    assert adjusted_rand_score(
        partition(exact, len(points)), partition(two_stage, len(points))
    ) == pytest.approx(1.0)
