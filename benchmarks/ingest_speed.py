"""Ingest benchmark: documents/s, chunks/s, peak memory, and the ratio to raw embedding of the same text.

"Raw embedding" is the bundled model encoding the same distinct chunk texts (batches of 64, longest first), with the model
already loaded: the floor any ingest of that text has to pay. Model load time is reported separately. CPU seconds
(``time.process_time``, the model's threads included) are shown beside wall seconds: on a shared machine they
move less with the load.

    .venv/bin/python benchmarks/ingest_speed.py [--rows 10000] [--embedding minilm-int8] [--only survey]

Each case runs in its own process so its peak memory is its own. Cases:
  samples        ingest samples/ into a new workspace
  samples-again  ingest samples/ again into that workspace (nothing changed)
  survey-Nk      a survey of --rows respondents made by recombining the sample survey's answers
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
SAMPLE_SURVEY = ROOT / "samples" / "survey" / "customer_survey_2026.csv"


_LEAD_INS = ("", "Honestly, ", "For us, ", "Mainly: ", "I'd say ", "Short answer: ", "In our case, ",
             "Well, ", "Basically ", "To be fair, ", "Mostly ", "Two words: ", "Hmm, ", "Really just that ")  # fmt: skip


def make_survey(rows: int, path: Path, *, seed: int = 7) -> Path:
    """A survey of ``rows`` respondents: closed values and answers recombined from the sample survey."""
    with SAMPLE_SURVEY.open(encoding="utf-8", newline="") as handle:
        sample = list(csv.DictReader(handle))
    header = list(sample[0])
    open_columns = [c for c in header if c.endswith("?")]
    sentences = {c: [s for r in sample for s in re.split(r"(?<=[.!?])\s+", r[c]) if s] for c in open_columns}
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for number in range(rows):
            row = dict(rng.choice(sample))
            row["respondent_id"] = f"B{number:05d}"
            for column in open_columns:
                if rng.random() < 0.1:
                    row[column] = ""  # real surveys have skipped questions
                else:  # real answers rarely repeat word for word, so vary the lead-in too
                    picked = " ".join(rng.sample(sentences[column], rng.choice((1, 2))))
                    row[column] = f"{rng.choice(_LEAD_INS)}{picked[0].lower()}{picked[1:]}"
            writer.writerow(row)
    return path


def run_case(name: str, workspace: Path, inputs: list[str], embedding: str = "minilm") -> dict[str, float]:
    """Ingest ``inputs`` into ``workspace`` with a warm model; then embed the same texts raw."""
    from icp_assist.embed import get_embedder
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    started = time.perf_counter()
    embedder = get_embedder(embedding)
    embedder.embed(["warm up"])
    model_load = time.perf_counter() - started
    rss_after_load = _rss_mb()
    with Workspace(workspace, embedding_name=embedder.name) as ws:
        started, cpu = time.perf_counter(), time.process_time()
        report = ingest([Path(p) for p in inputs], workspace=ws, embedder=embedder)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if report.failed:
            raise SystemExit(f"{name}: {[(f.path, f.message) for f in report.failed]}")
        changed = {f.path for f in report.files if f.status in ("added", "updated")}
        texts = [
            text[start:end]
            for text, start, end, source in ws.db.execute(
                'SELECT d.text, c.start, c."end", d.source FROM chunks c JOIN documents d USING (doc_id)'
            )
            if source in changed
        ]
        documents = ws.db.execute(
            f"SELECT COUNT(*) FROM documents WHERE source IN ({','.join('?' * len(changed))})",
            sorted(changed),
        ).fetchone()[0]
    distinct = list(dict.fromkeys(texts))  # ingest embeds each distinct text once; so does this
    started, raw_cpu = time.perf_counter(), time.process_time()
    embedder.embed(distinct)  # batches of 64, longest first: the same batching ingest uses
    raw, raw_cpu = time.perf_counter() - started, time.process_time() - raw_cpu
    return {
        "distinct": len(distinct),
        "files": len(report.files),
        "documents": documents,
        "chunks": len(texts),
        "ingest_s": seconds,
        "raw_embed_s": raw,
        "ingest_cpu_s": cpu,
        "raw_embed_cpu_s": raw_cpu,
        "model_load_s": model_load,
        "rss_after_model_mb": rss_after_load,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024  # type: ignore[index]


def _in_child(name: str, workspace: Path, inputs: list[str], embedding: str) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--case",
        name,
        "--workspace",
        str(workspace),
        "--embedding",
        embedding,
    ]
    command += inputs
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000, help="respondents in the generated survey")
    parser.add_argument("--embedding", default="minilm", help="'minilm' or 'minilm-int8'")
    parser.add_argument("--only", help="run only the cases whose name starts with this (e.g. survey)")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--workspace", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.workspace, args.inputs, args.embedding)))
        return
    for old in ("ws-samples", "ws-survey"):  # only this benchmark's own files: .work holds others' too
        shutil.rmtree(WORK / old, ignore_errors=True)
    survey = make_survey(args.rows, WORK / f"survey_{args.rows}.csv")
    cases = [
        ("samples", WORK / "ws-samples", [str(ROOT / "samples")]),
        ("samples-again", WORK / "ws-samples", [str(ROOT / "samples")]),
        (f"survey-{args.rows // 1000}k", WORK / "ws-survey", [str(survey)]),
    ]
    cases = [c for c in cases if c[0].startswith(args.only or "")]
    print(
        "| case | files | documents | chunks | distinct texts | ingest s | docs/s | chunks/s | raw embed s | ingest ÷ raw | "
        "ingest CPU s | raw embed CPU s | model load s | RSS after load MB | peak RSS MB | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, workspace, inputs in cases:
        r = _in_child(name, workspace, inputs, args.embedding)
        ratio = r["ingest_s"] / r["raw_embed_s"] if r["raw_embed_s"] > 0.05 else float("nan")
        print(
            f"| {name} | {r['files']:.0f} | {r['documents']:.0f} | {r['chunks']:.0f} | {r['distinct']:.0f} | {r['ingest_s']:.1f} "
            f"| {r['documents'] / r['ingest_s']:.0f} | {r['chunks'] / r['ingest_s']:.0f} | {r['raw_embed_s']:.1f} "
            f"| {ratio:.2f} | {r['ingest_cpu_s']:.1f} | {r['raw_embed_cpu_s']:.1f} | {r['model_load_s']:.1f} "
            f"| {r['rss_after_model_mb']:.0f} | {r['peak_rss_mb']:.0f} | {os.getloadavg()[0]:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
