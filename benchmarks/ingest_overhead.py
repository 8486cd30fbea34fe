"""Ingest overhead above embedding: CPU seconds of an ingest whose vectors need no model.

The embedder serves the vectors a workspace already cached (its ``embeddings`` table, by text hash), so what
is timed is everything ingest does besides running the model: reading, chunking, SQLite and Chroma writes.
CPU seconds (``time.process_time``) rather than wall time, because the machine is shared.

    .venv/bin/python benchmarks/ingest_overhead.py [--from benchmarks/.work/ws-survey] [--runs 2] [--profile 25] [CSV]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import pstats
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"


def stored_embedder(workspace: Path) -> object:
    """An Embedder returning the vectors ``workspace`` cached for each text (an error for any it lacks)."""
    from icp_assist.embed import Embedder

    with sqlite3.connect(workspace / "records.sqlite3") as db:
        model, *_ = db.execute("SELECT model FROM embeddings LIMIT 1").fetchone()
        cached = {
            h: np.frombuffer(v, dtype=np.float32)
            for h, v in db.execute("SELECT text_hash, vector FROM embeddings")
        }

    class StoredVectors(Embedder):
        name = model

        def embed_batch(self, texts: list[str]) -> np.ndarray:
            return np.vstack([cached[hashlib.sha1(t.encode()).hexdigest()] for t in texts])

        def embed(self, texts: Sequence[str], *, on_batch: Callable[[int], None] | None = None) -> np.ndarray:
            if not texts:
                return np.zeros((0, 0), dtype=np.float32)
            return self.embed_batch(list(texts))  # exactly the cached floats: the store matches a real ingest

    return StoredVectors()


def run(source: Path, inputs: Sequence[Path], *, profile: int, keep: Path | None) -> float:
    """CPU seconds of one ingest of ``inputs`` into a new workspace; prints the profile's top lines."""
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    embedder = stored_embedder(source)
    with tempfile.TemporaryDirectory() as tmp:
        target = keep or Path(tmp) / "ws"
        with Workspace(target, embedding_name=embedder.name) as ws:  # type: ignore[attr-defined]
            ws.collection  # noqa: B018  (Chroma's client start-up is not ingest work)
            profiler = cProfile.Profile() if profile else None
            started = time.process_time()
            if profiler:
                profiler.enable()
            report = ingest(list(inputs), workspace=ws, embedder=embedder)  # type: ignore[arg-type]
            if profiler:
                profiler.disable()
            seconds = time.process_time() - started
        if report.failed:
            raise SystemExit(f"failed: {[(f.path, f.message) for f in report.failed]}")
        if profiler:
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(profile)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("inputs", nargs="*", type=Path, default=[WORK / "survey_10000.csv"])
    parser.add_argument("--from", dest="source", type=Path, default=WORK / "ws-survey",
                        help="a workspace that already ingested these inputs (its cached vectors are served)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, help="print this many lines of a cProfile (stderr)")
    parser.add_argument("--keep", type=Path, help="ingest into this workspace instead of a temporary one")
    args = parser.parse_args()
    for number in range(args.runs):
        load = os.getloadavg()[0]
        seconds = run(args.source, args.inputs, profile=args.profile, keep=args.keep)
        print(f"run {number + 1}: ingest overhead {seconds:.2f} CPU s (load {load:.1f})", flush=True)


if __name__ == "__main__":
    main()
