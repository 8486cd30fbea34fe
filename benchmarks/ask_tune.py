"""Tune ask's ranking on the QMSum dev split only: why-questions of the train and validation meetings.

    PYTHONPATH=. .venv/bin/python -m benchmarks.ask_tune '{"turn": 2, "window": 2}' '{"stretch": 2}' ...

Each argument is a variant: ``WEIGHTS`` entries of ``icp_assist.ask``, plus ``stretch`` (``STRETCH``) and
``min_facet`` (``MIN_FACET_STATEMENTS``). The current settings are always measured first. Uses the
workspace ``benchmarks/ask_meetings.py`` keeps (run that once first). The test-split meetings are never
asked here: they only measure the chosen settings (``ask_meetings.py``, ``make eval`` measurement 3).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = ROOT / "benchmarks" / ".work" / "qmsum" / "workspace"


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from icp_assist import ask
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.store import Workspace

    from .eval import questions
    from .eval.data import qmsum_split
    from .eval.meetings import gold_questions

    test = set(qmsum_split("test"))
    dev = {
        "why, train+validation meetings": [q for q in gold_questions(why_only=True) if q.meeting not in test]
    }
    variants = [{}] + [json.loads(arg) for arg in sys.argv[1:]]
    embedder = MiniLMEmbedder()
    weights, stretch, min_facet = dict(ask.WEIGHTS), ask.STRETCH, ask.MIN_FACET_STATEMENTS
    print("| variant | n | recall@5 | recall@10 | hit@5 | hit@10 |\n|---|---:|---:|---:|---:|---:|")
    with Workspace(WORKSPACE, embedding_name=embedder.name) as workspace:
        index = ask.index_statements(workspace, embedder)
        for variant in variants:
            settings = dict(variant)
            ask.STRETCH = int(settings.pop("stretch", stretch))
            ask.MIN_FACET_STATEMENTS = int(settings.pop("min_facet", min_facet))
            ask.WEIGHTS.clear()
            ask.WEIGHTS.update(weights | {k: float(v) for k, v in settings.items()})
            (result,) = questions.ask_all(workspace, embedder, dev, index=index)
            print(
                f"| {json.dumps(variant) if variant else 'current'} | {result.questions} | {result.recall_at_5:.3f} "
                f"| {result.recall_at_10:.3f} | {result.hit_at_5:.3f} | {result.hit_at_10:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
