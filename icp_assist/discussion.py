"""Where a conversation moves on to another topic: TextTiling over statement vectors.

Solbiati et al. 2021 ("Unsupervised topic segmentation of meetings with BERT embeddings", on the AMI
meetings) with their published defaults: at each gap between two statements, the ``BLOCK`` statements
before are compared with the ``BLOCK`` after (cosine of their mean vectors); the similarities are smoothed
(``SMOOTHING_PASSES`` passes over each gap and its neighbours); each gap's depth is how far the similarity
climbs on either side of it (Hearst 1997); and a gap is a topic boundary where its depth is a local
maximum above ``DEPTH_SHARE`` of the deepest. Each boundary moves to the nearest start of a turn, so no
turn is split. None of these constants is tuned here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BLOCK = 15  # statements compared either side of a gap (Solbiati et al.'s window)
SMOOTHING_PASSES = 2  # each gap's similarity averaged with its neighbours', twice (theirs)
DEPTH_SHARE = 0.6  # a boundary's depth is at least this share of the deepest gap's (their threshold)


def topics(turns: Sequence[int], vectors: np.ndarray) -> list[int]:
    """Each statement's topic number (0, 1, …) in one conversation, given its statements in text order
    with their turn numbers and vectors; one topic when the conversation is too short to tell."""
    if len(turns) < 2 * BLOCK + 3:  # too few statements for two full blocks and a valley between them
        return [0] * len(turns)
    depths = _depths(_smoothed(_similarities(np.asarray(vectors, dtype=np.float64))))
    starts = [i for i in range(1, len(turns)) if turns[i] != turns[i - 1]]  # first statements of turns
    cuts = set()
    for gap in _boundaries(depths):  # the gap after statement ``gap``: a topic starts at ``gap + 1``
        if starts:
            cuts.add(min(starts, key=lambda start: abs(start - (gap + 1))))
    numbers, topic = [], 0
    for i in range(len(turns)):
        topic += i in cuts
        numbers.append(topic)
    return numbers


def _similarities(vectors: np.ndarray) -> np.ndarray:
    """Cosine between the mean vectors of the ``BLOCK`` statements before and after each gap."""
    running = np.vstack([np.zeros(vectors.shape[1]), np.cumsum(vectors, axis=0)])
    scores = np.zeros(len(vectors) - 1)
    for gap in range(len(vectors) - 1):  # the gap after statement ``gap``
        left = running[gap + 1] - running[max(gap + 1 - BLOCK, 0)]
        right = running[min(gap + 1 + BLOCK, len(vectors))] - running[gap + 1]
        norms = np.linalg.norm(left) * np.linalg.norm(right)
        scores[gap] = left @ right / norms if norms > 0 else 0.0
    return scores


def _smoothed(scores: np.ndarray) -> np.ndarray:
    """Each gap's similarity averaged with its neighbours' either side, ``SMOOTHING_PASSES`` times."""
    for _ in range(SMOOTHING_PASSES):
        padded = np.pad(scores, 1, mode="edge")
        scores = (padded[:-2] + padded[1:-1] + padded[2:]) / 3
    return scores


def _depths(scores: np.ndarray) -> np.ndarray:
    """Hearst's depth of each gap: how far the similarity climbs to its peak on the left and on the right."""
    depths = np.zeros(len(scores))
    for gap in range(1, len(scores) - 1):
        left = right = scores[gap]
        for score in scores[gap - 1 :: -1]:
            if score < left:
                break
            left = score
        for score in scores[gap + 1 :]:
            if score < right:
                break
            right = score
        depths[gap] = left + right - 2 * scores[gap]
    return depths


def _boundaries(depths: np.ndarray) -> list[int]:
    """Gaps whose depth is a local maximum and at least ``DEPTH_SHARE`` of the deepest."""
    deepest = depths.max() if len(depths) else 0.0
    if deepest <= 0:
        return []
    return [
        gap
        for gap in range(1, len(depths) - 1)
        if depths[gap - 1] < depths[gap] > depths[gap + 1] and depths[gap] > DEPTH_SHARE * deepest
    ]
