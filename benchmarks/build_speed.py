"""Build benchmark: analysis time and peak memory for samples/ and a larger corpus made from it.

    .venv/bin/python benchmarks/build_speed.py [--interviews 112] [--rows 400]
    .venv/bin/python benchmarks/build_speed.py --stages benchmarks/.work/ws-survey   # CPU s per analysis stage

Each case runs in its own process (so its peak memory is its own): ingest (not timed here: see
ingest_speed.py), then a cold `build` with no cached statement embeddings, then the raw embedding time of
the same statements with the same model, for the ratio. The larger corpus varies each sample interview
by dropping and reordering customer turns and mixing in customer turns of other interviews, and makes a
survey by recombining the sample survey's answers.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest_speed import make_survey

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"


def make_interviews(count: int, folder: Path, *, seed: int = 11) -> Path:
    """``count`` interview transcripts varied from the samples' (as txt with front matter)."""
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    embedder = MiniLMEmbedder()
    with Workspace(WORK / "ws-source", embedding_name=embedder.name) as ws:
        ingest([ROOT / "samples" / "interviews"], workspace=ws, embedder=embedder)
        interviews = list(ws.documents(kind="interview"))
    customer_turns = [(d, t) for d in interviews for t in d.turns if t.is_customer]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        base = interviews[number % len(interviews)]
        lines = []
        for turn in base.turns:
            text = " ".join(base.turn_text(turn).split())
            if turn.is_customer:
                if rng.random() < 0.2:
                    continue
                if rng.random() < 0.3:
                    other, other_turn = rng.choice(customer_turns)
                    text = " ".join(other.turn_text(other_turn).split())
            speaker = "Interviewer" if not turn.is_customer else "Customer"
            lines.append(f"{speaker}: {text}")
        meta = {k: v for k, v in base.metadata.items() if k in ("role", "segment", "outcome") and v}
        front = "\n".join(f"{k}: {json.dumps(v)}" for k, v in meta.items())
        account = f"account_id: {json.dumps(base.account_id)}\n" if base.account_id else ""
        (folder / f"varied_{number:03d}.txt").write_text(
            f"---\n{account}{front}\n---\n" + "\n".join(lines) + "\n"
        )
    return folder


def run_case(workspace: Path, inputs: list[str]) -> dict[str, float]:
    from icp_assist.analyze.units import customer_units
    from icp_assist.build import build_profile
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    embedder = MiniLMEmbedder()
    embedder.embed(["warm up"])
    with Workspace(workspace, embedding_name=embedder.name) as ws:
        report = ingest([Path(p) for p in inputs], workspace=ws, embedder=embedder)
        if report.failed:
            raise SystemExit(str([(f.path, f.message) for f in report.failed]))
        started = time.perf_counter()
        result = build_profile(ws, embedder, out_dir=workspace / "out")
        seconds = time.perf_counter() - started
        texts = [u.text for u in customer_units(ws.documents())]
        started = time.perf_counter()
        result_cached = build_profile(ws, embedder, out_dir=workspace / "out")
        cached_seconds = time.perf_counter() - started
        assert result_cached.cached
    started = time.perf_counter()
    embedder.embed(texts)  # distinct texts, batches of 64, longest first: as the build embeds them
    raw = time.perf_counter() - started
    counts = result.report.profile.counts
    return {
        "interviews": counts["interviews"],
        "respondents": counts["respondents"],
        "statements": len(texts),
        "themes": counts["themes"],
        "build_s": seconds,
        "cached_build_s": cached_seconds,
        "raw_embed_s": raw,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def stage_times(workspace: Path) -> dict[str, float]:
    """CPU seconds (process time: less swayed by other work on a shared machine than wall time) of each stage of
    a cold analysis of a copy of ``workspace``: the copy's cached builds are deleted, its statement vectors kept."""
    import icp_assist.analyze as analysis
    from icp_assist import api
    from icp_assist.analyze import themes
    from icp_assist.config import load_settings

    spent: dict[str, float] = {}

    def timed(module: Any, name: str, stage: str) -> None:
        original: Callable[..., Any] = getattr(module, name)

        def measured(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.process_time() - started

        setattr(module, name, measured)

    for module, name, stage in [
        (analysis, "customer_units", "statements"),
        (analysis, "classify", "facets"),
        (analysis, "find_themes", "themes"),
        (themes, "_tree", "themes: trees"),
        (themes, "_best_cut", "themes: cut search"),
        (themes, "keyphrases", "themes: keyphrases"),
        (analysis, "buying_committee", "committee"),
    ]:
        timed(module, name, stage)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "ws"
        shutil.copytree(workspace, copy)
        with sqlite3.connect(copy / "records.sqlite3") as db:
            db.execute("DELETE FROM cache WHERE key LIKE 'build:%'")
        started = time.process_time()
        api.build(settings=load_settings(workspace=copy), out_dir=copy / "out")
        spent["build (in process)"] = time.process_time() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--interviews", type=int, default=112, help="interviews in the larger corpus")
    parser.add_argument("--rows", type=int, default=400, help="survey respondents in the larger corpus")
    parser.add_argument(
        "--stages", type=Path, metavar="WORKSPACE", help="CPU s per stage of a cold build of it"
    )
    parser.add_argument("--case", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workspace", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.workspace, args.inputs)))
        return
    if args.stages:
        print("| stage | CPU s |\n|---|---|")
        for stage, seconds in stage_times(args.stages).items():
            print(f"| {stage} | {seconds:.2f} |")
        return
    shutil.rmtree(WORK / "build", ignore_errors=True)
    large = WORK / "build" / "large"
    make_interviews(args.interviews, large / "interviews")
    make_survey(args.rows, large / "survey" / "survey.csv")
    shutil.copy(ROOT / "samples" / "accounts" / "crm_accounts.csv", large / "accounts.csv")
    cases = [("samples", [str(ROOT / "samples")]), (f"large ({args.interviews} interviews)", [str(large)])]
    print(
        "| corpus | interviews | respondents | statements | themes | build s (cold) | build s (cached) | raw embed s | build ÷ raw | peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for number, (name, inputs) in enumerate(cases):
        command = [
            sys.executable,
            __file__,
            "--case",
            "--workspace",
            str(WORK / "build" / f"ws-{number}"),
            *inputs,
        ]
        r = json.loads(
            subprocess.run(command, check=True, capture_output=True, text=True)
            .stdout.strip()
            .splitlines()[-1]
        )
        print(
            f"| {name} | {r['interviews']} | {r['respondents']} | {r['statements']} | {r['themes']} | {r['build_s']:.1f} "
            f"| {r['cached_build_s']:.1f} | {r['raw_embed_s']:.1f} | {r['build_s'] / r['raw_embed_s']:.2f} | {r['peak_rss_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
