"""icp-assist's ungated theme stage alone on measurements 1 and 6 (no BERTopic, nothing written): a quick check.

    .venv/bin/python -m benchmarks.eval.theme_stage [survey] [nhs]

The same statements, vectors and scoring as ``make eval`` measurements 1 (Jupyter 2015 questions, games as
art) and 6 (NHS patient feedback); BERTopic is left out (it does not change with the theme stage, and its
figures are in docs/benchmarks.md). Never tune on these sets: they measure, the samples develop.
"""

from __future__ import annotations

import statistics
import sys
import time

from icp_assist.embed import MiniLMEmbedder

from . import nhs_feedback, survey_themes

OURS = survey_themes.METHODS[0]


def main() -> None:
    parts = sys.argv[1:] or ["survey", "nhs"]
    embedder = MiniLMEmbedder()
    started = time.perf_counter()
    if "survey" in parts:
        results = [*survey_themes.jupyter(embedder, seeds=0), survey_themes.games_as_art(embedder, seeds=0)]
        for r in results:
            a = r.scores[OURS]
            print(
                f"{r.dataset}: {r.question:32} gold {r.gold_themes:3}  themes {a.clusters:3}  ARI {a.ari:.3f}"
            )
        mean = statistics.fmean(r.scores[OURS].ari for r in results)
        print(f"survey sets: mean ARI {mean:.3f} ({time.perf_counter() - started:.0f} s)")
    if "nhs" in parts:
        for q in (nhs := nhs_feedback.run(embedder, seeds=0)):
            sub, cat = q.scores[OURS]["subcategory"], q.scores[OURS]["label"]
            print(
                f"{q.question:14} codes {q.codes['subcategory']:3}  themes {sub.clusters:3}  ARI {sub.ari:.3f} / {cat.ari:.3f}"
            )
        sub_mean = statistics.fmean(q.scores[OURS]["subcategory"].ari for q in nhs)
        cat_mean = statistics.fmean(q.scores[OURS]["label"].ari for q in nhs)
        print(f"NHS: mean ARI {sub_mean:.3f} (subcategories) / {cat_mean:.3f} (categories)")


if __name__ == "__main__":
    main()
