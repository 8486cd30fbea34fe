"""Measurement 5: ingest and build the QMSum meetings plus the Jupyter survey answers together.

    .venv/bin/python -m benchmarks.eval.scale WORKDIR [MEETING_ID ...]

Run in its own process (``run.py`` starts it) so its peak memory is its own. Writes the meetings as
JSON call exports under WORKDIR/meetings, ingests them with the Jupyter 2015 survey export and the 2020
free-text fields (read from the shared eval folder as they are: columns auto-detected) into
WORKDIR/workspace, builds the profile into WORKDIR/out, and prints one JSON line of figures. The
workspace is left for the meeting questions (``questions.py``), which reuse its embedded statements.

"Embedding s" is the time spent inside the embedding model during the run (every distinct chunk at
ingest, every distinct statement at build): the floor for this text, with the same batching.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

from icp_assist.build import build_profile
from icp_assist.embed import Embedder, MiniLMEmbedder
from icp_assist.ingest import ingest
from icp_assist.store import Workspace

from .data import jupyter_folder
from .meetings import write_meetings


class TimedEmbedder(Embedder):
    """Another embedder, with the seconds spent in it counted."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.batch_size = inner.batch_size
        self.seconds = 0.0
        self.texts = 0

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        started = time.perf_counter()
        vectors = self.inner.embed_batch(texts)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return vectors


def survey_files() -> list[Path]:
    return [
        jupyter_folder() / "20160115235816-SurveyExport.csv",
        jupyter_folder().parent / "2020-12-jupyter-survey" / "text_fields.csv",
    ]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(workdir: Path, ids: list[str] | None = None) -> dict[str, float | int]:
    embedder = TimedEmbedder(MiniLMEmbedder())
    embedder.embed(["load the model before timing"])
    embedder.seconds = embedder.texts = 0
    loaded_rss = peak_rss_mb()
    meetings = write_meetings(workdir / "meetings", ids)
    with Workspace(workdir / "workspace", embedding_name=embedder.name) as workspace:
        started = time.perf_counter()
        surveys = [] if ids else survey_files()  # a run on named meetings is a smoke test
        report = ingest([workdir / "meetings", *surveys], workspace=workspace, embedder=embedder)
        ingest_s = time.perf_counter() - started
        ingest_embed_s, ingest_texts = embedder.seconds, embedder.texts
        if report.failed:
            raise SystemExit(f"ingest failed: {report.failed[0].path}: {report.failed[0].message}")
        status = workspace.status()
        started = time.perf_counter()
        result = build_profile(workspace, embedder, out_dir=workdir / "out")
        build_s = time.perf_counter() - started
    counts = result.report.profile.counts
    return {
        "meetings": len(meetings),
        "respondents": counts.get("respondents", 0),
        "survey_answers": status["survey_answers"],
        "chunks": report.chunks_embedded,
        "statements": counts.get("customer_units", 0),
        "themes": counts.get("themes", 0),
        "ingest_s": ingest_s,
        "ingest_embed_s": ingest_embed_s,
        "ingest_texts": ingest_texts,
        "build_s": build_s,
        "build_embed_s": embedder.seconds - ingest_embed_s,
        "build_texts": embedder.texts - ingest_texts,
        "rss_after_load_mb": loaded_rss,
        "peak_rss_mb": peak_rss_mb(),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2:] or None)))
