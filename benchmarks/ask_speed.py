"""How fast `ask` answers: the one-shot command line, and questions in a running process.

    PYTHONPATH=. .venv/bin/python -m benchmarks.ask_speed [--embedding minilm] [--runs 5] [--repeat 5]

samples/ is ingested once into ``benchmarks/.work/ask-speed/<embedding>`` (kept and reused). Then:
- one-shot: ``icp-assist ask "why did customers buy?"`` in a new process, ``--runs`` times: wall seconds
  (median and max), everything included (interpreter, imports, model load, statement index, answer);
- in-process: ``api.ask_questions`` with the eleven questions of ``ask_quality.py`` asked ``--repeat``
  times over one statement index, as a running process (``icp-assist serve``) asks them: p50 / p95 ms
  per question after the first, and the first question's time (index build included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work" / "ask-speed"
QUESTION = "why did customers buy?"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--embedding", default="minilm")
    parser.add_argument("--runs", type=int, default=5, help="one-shot command-line runs")
    parser.add_argument("--repeat", type=int, default=5, help="times each in-process question is asked")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from icp_assist import api
    from icp_assist.config import load_settings

    from .ask_quality import QUESTIONS, percentile

    workspace = WORK / args.embedding.replace(":", "-")
    settings = load_settings(workspace=workspace, embedding=args.embedding)
    if not (workspace / "records.sqlite3").exists():
        report = api.ingest_paths([ROOT / "samples"], settings=settings)
        print(f"ingested samples/ in {report.seconds:.1f}s", file=sys.stderr)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "icp_assist.cli", "ask", QUESTION, "-w", str(workspace)]
    subprocess.run(command, check=True, capture_output=True, env=env)  # warm the OS file cache once
    walls = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        walls.append(time.perf_counter() - started)
    questions = list(QUESTIONS) * args.repeat
    times = []
    started = time.perf_counter()
    for _ in api.ask_questions(questions, settings=load_settings(workspace=workspace)):
        times.append(1000 * (time.perf_counter() - started))
        started = time.perf_counter()
    later = times[1:]
    print(
        "| embedding | one-shot CLI s (median / max of runs) | in-process first question ms | in-process p50 ms | p95 ms | questions |"
    )
    print("|---|---|---:|---:|---:|---:|")
    print(
        f"| {args.embedding} | {statistics.median(walls):.2f} / {max(walls):.2f} ({args.runs}) | {times[0]:.0f} "
        f"| {percentile(later, 0.5):.0f} | {percentile(later, 0.95):.0f} | {len(later)} |"
    )


if __name__ == "__main__":
    main()
