"""Theme clustering time and memory, exact average linkage against the two-stage path, on synthetic vectors.

    .venv/bin/python -m benchmarks.eval.clustering_memory N exact|two-stage

N unit vectors in 384 dimensions around 400 random centres (noise 0.9), clustered by
``themes.cluster_members``; prints clusters, seconds and the process's peak RSS. One case per process.
"""

from __future__ import annotations

import resource
import sys
import time

import numpy as np

from icp_assist.analyze import themes


def main(n: int, mode: str) -> str:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(400, 384))
    points = centres[rng.integers(0, 400, n)] + rng.normal(scale=0.9, size=(n, 384))
    points = (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if mode == "exact":
        themes.EXACT_MEMBERS = n
    started = time.perf_counter()
    clusters = themes.cluster_members(points, range(n))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        f"{n} {mode}: {len(clusters)} clusters, {seconds:.1f} s, peak RSS {peak:.0f} MB ({before:.0f} before)"
    )


if __name__ == "__main__":
    print(main(int(sys.argv[1]), sys.argv[2]))
