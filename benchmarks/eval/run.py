"""Evaluation on public labelled data: every measurement, one table each, written into docs/benchmarks.md.

    make eval        # = .venv/bin/python -m benchmarks.eval.run

Offline, on the bundled MiniLM, a real Chroma store in a temporary folder, and the data in ../shared/eval
(or $ICP_EVAL_DATA). Prints the section and replaces the "Evaluation on public data" section of
docs/benchmarks.md (``--no-write`` leaves the file alone). Each measurement is its own module:
survey_themes (1), crm_signals (2), questions (3), buyer_research (4), scale (5), nhs_feedback (6).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from icp_assist.embed import MiniLMEmbedder
from icp_assist.store import Workspace

from . import buyer_research, crm_signals, meetings, nhs_feedback, questions, survey_themes
from .data import ROOT, eval_data, qmsum_split
from .report import (
    buyer_research_table,
    crm_tables,
    question_table,
    replace_section,
    scale_table,
    stamp,
    survey_table,
)

DOCS = ROOT / "docs" / "benchmarks.md"


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    dirty = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if dirty else "")


def run_scale(workdir: Path, ids: list[str] | None = None) -> dict[str, float]:
    """The scale measurement in its own process, so its peak memory is its own."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.eval.scale", str(workdir), *(ids or [])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"scale run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, default=3, help="BERTopic seeds (UMAP) per question")
    parser.add_argument("--auc-seeds", type=int, default=5, help="hold-out splits for the AUC")
    parser.add_argument("--only", default="1,2,3,4,5,6", help="measurements to run, e.g. '2' or '1,4'")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument(
        "--smoke", action="store_true", help="a few answers and meetings only (implies --no-write)"
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    if only & {"3", "5"}:
        only |= {"3", "5"}  # the questions are asked over the scale run's workspace
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not eval_data().is_dir():
        raise SystemExit(f"evaluation data not found at {eval_data()} (set ICP_EVAL_DATA)")
    embedder = MiniLMEmbedder()
    runner = Runner(smoke=args.smoke, seeds=args.seeds, auc_seeds=args.auc_seeds)
    sections = {}
    for number in sorted(only):
        sections.update(runner.measure(number, embedder))
    for number in sorted(sections):
        print(sections[number] + "\n")
    if not (args.no_write or args.smoke):
        DOCS.write_text(replace_section(DOCS.read_text(encoding="utf-8"), sections), encoding="utf-8")
        print(f"written to {DOCS.relative_to(ROOT)}", file=sys.stderr)


class Runner:
    """Runs one measurement at a time and stamps its section with commit, date, time and load."""

    def __init__(self, *, smoke: bool, seeds: int, auc_seeds: int) -> None:
        self.limit = 30 if smoke else None
        self.ids = qmsum_split("test")[:2] if smoke else None
        self.seeds = seeds
        self.auc_seeds = auc_seeds
        self.started = time.perf_counter()

    def measure(self, number: str, embedder: MiniLMEmbedder) -> dict[str, str]:
        if number == "3":
            return {}  # measured with 5
        print(
            f"[{time.perf_counter() - self.started:6.0f} s] measurement {number}", file=sys.stderr, flush=True
        )
        began, load = time.perf_counter(), os.getloadavg()[2]
        results = getattr(self, f"_measure_{number}")(embedder)
        seconds = time.perf_counter() - began
        date = f"{datetime.now(UTC):%Y-%m-%d}"
        only = "3,5" if number == "5" else number
        line = stamp(only, seconds, commit(), date, (load, os.getloadavg()[2]))
        return {n: f"{text}\n\n{line}" for n, text in results.items()}

    def _measure_1(self, embedder: MiniLMEmbedder) -> dict[str, str]:
        themes = [
            *survey_themes.jupyter(embedder, seeds=self.seeds, limit=self.limit),
            survey_themes.games_as_art(embedder, seeds=self.seeds, limit=self.limit),
        ]
        return {"1": survey_table(themes, seeds=self.seeds)}

    def _measure_6(self, embedder: MiniLMEmbedder) -> dict[str, str]:
        results = nhs_feedback.run(embedder, seeds=self.seeds, limit=self.limit)
        return {"6": nhs_feedback.nhs_table(results, seeds=self.seeds)}

    def _measure_2(self, embedder: MiniLMEmbedder) -> dict[str, str]:
        results = [crm_signals.salvirt(seeds=self.auc_seeds), crm_signals.olist(seeds=self.auc_seeds)]
        return {"2": crm_tables(results)}

    def _measure_4(self, embedder: MiniLMEmbedder) -> dict[str, str]:
        return {"4": buyer_research_table(buyer_research.run(embedder))}

    def _measure_5(self, embedder: MiniLMEmbedder) -> dict[str, str]:
        with tempfile.TemporaryDirectory(prefix="icp-eval-scale-") as tmp:
            scale = run_scale(Path(tmp), self.ids)
            print(f"[{time.perf_counter() - self.started:6.0f} s] measurement 3", file=sys.stderr, flush=True)
            sets = {
                "why questions, all meetings": meetings.gold_questions(self.ids, why_only=True),
                "all questions, test-split meetings": meetings.gold_questions(
                    self.ids or qmsum_split("test")
                ),
            }
            with Workspace(Path(tmp) / "workspace", embedding_name=embedder.name) as workspace:
                asked = questions.ask_all(workspace, embedder, sets)
        return {"3": question_table(asked), "5": scale_table(scale)}


if __name__ == "__main__":
    main()
