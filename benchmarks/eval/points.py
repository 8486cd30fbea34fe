"""Whether a theme's points (``theme_points``) say more specific things than the theme they are cut from, on real
survey answers coded by people (measurements 1 and 6 of ``make eval``: Jupyter 2015, games as art, NHS feedback).

    .venv/bin/python -m benchmarks.eval.points [survey] [nhs]

For every theme of the ungated theme stage that has points, the purity of the theme (the share of its coded answers
under their most common human code) beside the purity of its points (each point's, weighted by its answers), of
groups of the same sizes dealt from the theme at random (a smaller group is purer by chance alone), and the share of
the theme's coded answers its points hold (an answer of several sentences may sit in two points). A point purer than
chance says one code's thing where the theme mixes several; nothing here is tuned on these sets.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from icp_assist.analyze.themes import HeadingWords, theme_points
from icp_assist.analyze.units import Unit
from icp_assist.embed import MiniLMEmbedder

from . import nhs_feedback, survey_themes

Gold = tuple[dict[str, str], Callable[[Unit], str]]


def main() -> None:
    parts = sys.argv[1:] or ["survey", "nhs"]
    stages: list[tuple[Sequence[Unit], np.ndarray, list[int], list[list[int]]]] = []
    golds: dict[tuple[int, ...], list[Gold]] = {}
    clusters_of = survey_themes.recurring_clusters
    score_methods = survey_themes.score_methods
    judged = nhs_feedback._judged

    def stage(units: Sequence[Unit], vectors: np.ndarray, members: Sequence[int]) -> list[list[int]]:
        clusters = clusters_of(units, vectors, members)
        stages.append((units, vectors, list(members), clusters))
        return clusters

    def scored(statements, members, gold, answer_of, *, seeds):  # type: ignore[no-untyped-def]
        golds.setdefault(tuple(members), []).append((gold, answer_of))
        return score_methods(statements, members, gold, answer_of, seeds=seeds)

    def judged_nhs(statements, members, runs, gold):  # type: ignore[no-untyped-def]
        golds.setdefault(tuple(members), []).append((gold, survey_themes.respondent))
        return judged(statements, members, runs, gold)

    survey_themes.recurring_clusters = stage  # type: ignore[assignment]
    survey_themes.score_methods = scored  # type: ignore[assignment]
    nhs_feedback._judged = judged_nhs  # type: ignore[assignment]
    embedder = MiniLMEmbedder()
    if "survey" in parts:
        survey_themes.jupyter(embedder, seeds=0)
        survey_themes.games_as_art(embedder, seeds=0)
    if "nhs" in parts:
        nhs_feedback.run(embedder, seeds=0)
    themes = with_points = 0
    theme_pure = point_pure = held = coded = chance_pure = chance_held = 0.0
    rng = np.random.default_rng(0)
    for units, vectors, members, clusters in stages:
        if tuple(members) not in golds:
            continue  # the facet-gated run of measurement 1: the ungated stage is the one measured
        # the finest coding of the question (NHS: subcategories, not categories)
        gold, answer_of = max(golds[tuple(members)], key=lambda g: len(set(g[0].values())))
        words = HeadingWords(units, members)
        for cluster in clusters:
            themes += 1
            points = theme_points(units, vectors, cluster, words)
            if not points:
                continue
            with_points += 1
            codes = _codes(units, cluster, gold, answer_of)
            n = sum(codes.values())
            if not n:
                continue
            theme_pure += max(codes.values())
            coded += n
            for point in points:
                of_point = _codes(units, point, gold, answer_of)
                point_pure += max(of_point.values(), default=0)
                held += sum(of_point.values())
            # chance: the theme's statements dealt at random into groups of the points' sizes
            dealt = list(rng.permutation(cluster))
            for point in points:
                drawn, dealt = dealt[: len(point)], dealt[len(point) :]
                of_draw = _codes(units, drawn, gold, answer_of)
                chance_pure += max(of_draw.values(), default=0)
                chance_held += sum(of_draw.values())
    print(f"themes {themes}, with points {with_points}")
    print(
        f"purity of those themes {theme_pure / coded:.3f}; of their points {point_pure / held:.3f}; "
        f"of random groups of the points' sizes {chance_pure / chance_held:.3f}"
    )
    print(f"share of their coded answers in a point {held / coded:.3f}")


def _codes(
    units: Sequence[Unit], rows: Sequence[int], gold: dict[str, str], answer_of: Callable[[Unit], str]
) -> Counter[str]:
    """How many of the rows' distinct coded answers carry each human code."""
    answers = {answer_of(units[i]) for i in rows}
    return Counter(gold[a] for a in answers if a in gold)


if __name__ == "__main__":
    main()
