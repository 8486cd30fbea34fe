"""Where `ask`'s top-10 citations sit in a meeting: do they crowd into one stretch? QMSum dev only.

    PYTHONPATH=. .venv/bin/python -m benchmarks.ask_spread

Asks the why-questions of the train and validation meetings (as ``ask_tune.py`` does; the test-split
meetings are never asked here) over the workspace ``ask_meetings.py`` keeps, and prints, over the
questions: the share of the meeting's turns between the first and last cited turn; how many of the 10
citations fall in the densest tenth of the meeting, beside the same for 10 distinct turns drawn at random;
and, for each question with no citation in its gold spans (a hit@10 miss), how many turns the nearest
citation is from the nearest gold span. Turns are the stored document's (ingest joins consecutive turns
of one speaker).
"""

from __future__ import annotations

import bisect
import os
import statistics
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = ROOT / "benchmarks" / ".work" / "qmsum" / "workspace"
DRAWS = 200  # random top-10s per question for the chance column


def densest_tenth(turns: list[int], total: int) -> int:
    """The most of ``turns`` that one run of a tenth of the meeting's turns holds."""
    width = max(1, total // 10)
    ordered = sorted(turns)
    return max(bisect.bisect_left(ordered, t + width) - n for n, t in enumerate(ordered)) if ordered else 0


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from icp_assist import ask
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.store import Workspace

    from .eval.data import qmsum_split
    from .eval.meetings import gold_questions, span_ranges, turn_offsets
    from .eval.questions import recall

    test = set(qmsum_split("test"))
    dev = [q for q in gold_questions(why_only=True) if q.meeting not in test]
    embedder = MiniLMEmbedder()
    rng = np.random.default_rng(0)
    spread, dense, chance, misses = [], [], [], []
    with Workspace(WORKSPACE, embedding_name=embedder.name) as workspace:
        index = ask.index_statements(workspace, embedder)
        by_meeting = {d.account_id: d for d in index.documents.values() if d.account_id}
        for q in dev:
            document = by_meeting[q.meeting]
            ranges = span_ranges(turn_offsets(document, q.meeting), q.spans)
            if not ranges:
                continue
            answer = ask.ask(
                workspace, embedder, q.query, filters={"account_id": q.meeting}, top=10, index=index
            )
            starts = [t.start for t in document.turns]
            cited = [bisect.bisect_right(starts, c.start) - 1 for c in answer.citations]
            total = len(starts)
            spread.append((max(cited) - min(cited)) / total)
            dense.append(densest_tenth(cited, total))
            draws = [rng.choice(total, size=len(cited), replace=False).tolist() for _ in range(DRAWS)]
            chance.append(statistics.fmean(densest_tenth(d, total) for d in draws))
            if recall(answer.citations, ranges, 10) == 0:
                gold = [
                    (bisect.bisect_right(starts, start) - 1, bisect.bisect_right(starts, end - 1) - 1)
                    for start, end in ranges
                ]
                misses.append(min(max(a - t, t - b, 0) for t in cited for a, b in gold))
    print(f"QMSum why-questions of the train and validation meetings: {len(spread)}")
    print(f"- top-10 spans {statistics.fmean(spread):.2f} of the meeting's turns (first to last cited)")
    print(
        f"- the densest tenth of the meeting holds {statistics.fmean(dense):.1f} of the 10 "
        f"(10 random turns: {statistics.fmean(chance):.1f}); questions with 5 or more there: "
        f"{sum(d >= 5 for d in dense)}"
    )
    print(
        f"- hit@10 misses: {len(misses)}; nearest citation to a gold span, in turns: {sorted(misses)} "
        f"(within 5: {sum(m <= 5 for m in misses)})"
    )


if __name__ == "__main__":
    main()
