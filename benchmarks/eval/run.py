"""Evaluation on public labelled data: every measurement, one table each, written into docs/benchmarks.md.

    make eval        # = .venv/bin/python -m benchmarks.eval.run

Offline, on the bundled MiniLM, a real Chroma store in a temporary folder, and the data in ../shared/eval
(or $ICP_EVAL_DATA). Prints the section and replaces the "Evaluation on public data" section of
docs/benchmarks.md (``--no-write`` leaves the file alone). Each measurement is its own module:
survey_themes (1), crm_signals (2), questions (3), buyer_research (4), scale (5).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from icp_assist.embed import MiniLMEmbedder
from icp_assist.store import Workspace

from . import buyer_research, crm_signals, meetings, questions, survey_themes
from .data import ROOT, eval_data, qmsum_split
from .report import (
    buyer_research_table,
    crm_tables,
    question_table,
    replace_section,
    scale_table,
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
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument(
        "--smoke", action="store_true", help="a few answers and meetings only (implies --no-write)"
    )
    args = parser.parse_args()
    limit = 30 if args.smoke else None
    ids = qmsum_split("test")[:2] if args.smoke else None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not eval_data().is_dir():
        raise SystemExit(f"evaluation data not found at {eval_data()} (set ICP_EVAL_DATA)")
    started = time.perf_counter()
    load = (os.getloadavg()[2],)
    embedder = MiniLMEmbedder()
    sections = []

    def step(title: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {title}", file=sys.stderr, flush=True)

    step("1. survey themes vs BERTopic")
    themes = [
        *survey_themes.jupyter(embedder, seeds=args.seeds, limit=limit),
        survey_themes.games_as_art(embedder, seeds=args.seeds, limit=limit),
    ]
    sections.append(survey_table(themes, seeds=args.seeds))
    step("2. CRM signals and hold-out AUC")
    sections.append(
        crm_tables([crm_signals.salvirt(seeds=args.auc_seeds), crm_signals.olist(seeds=args.auc_seeds)])
    )
    step("4. 18F buyer research: whole pipeline, quotes checked")
    sections.append(buyer_research_table(buyer_research.run(embedder)))
    with tempfile.TemporaryDirectory(prefix="icp-eval-scale-") as tmp:
        step("5. scale: QMSum meetings + survey answers, ingest and build (own process)")
        scale = run_scale(Path(tmp), ids)
        step("3. QMSum questions with ask")
        sets = {
            "why questions, all meetings": meetings.gold_questions(ids, why_only=True),
            "all questions, test-split meetings": meetings.gold_questions(ids or qmsum_split("test")),
        }
        with Workspace(Path(tmp) / "workspace", embedding_name=embedder.name) as workspace:
            asked = questions.ask_all(workspace, embedder, sets)
        sections.insert(2, question_table(asked))
        sections.append(scale_table(scale))
    minutes = (time.perf_counter() - started) / 60
    header = (
        f"`make eval` (= `.venv/bin/python -m benchmarks.eval.run`) — commit {commit()}, "
        f"{datetime.now(UTC):%Y-%m-%d}, {minutes:.0f} min on this machine ({os.cpu_count()} cores, "
        f"Python {platform.python_version()}; 15-minute load average {load[0]:.1f} at the start and "
        f"{os.getloadavg()[2]:.1f} at the end: above 2, other work shared the cores and timings are slower). "
        "Data: `../shared/eval` (each set's README.txt gives its source and licence; nothing is copied "
        "into the project)."
    )
    text = "\n\n".join([header, *sections])
    print(text)
    if not (args.no_write or args.smoke):
        DOCS.write_text(replace_section(DOCS.read_text(encoding="utf-8"), text), encoding="utf-8")
        step(f"written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
