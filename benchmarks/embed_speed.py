"""Embedder speed and agreement: the bundled MiniLM under sentence-transformers (torch), ONNX fp32 and ONNX int8.

    PYTHONPATH=. .venv/bin/python benchmarks/embed_speed.py [--texts 2000] [--repeat 3]

Texts: distinct NHS patient-feedback comments from ``../shared/eval/nhs_patient_feedback_coded`` (public
data nothing was tuned on), a fixed random sample. Each embedder embeds them in batches of 64, longest
first (as ingest does); the median of ``--repeat`` runs is reported, with the model already loaded.
Agreement: cosine of each text's vector to sentence-transformers' (the reference), mean / 1st percentile
/ minimum, and how often the nearest neighbour of a text among the others is the same as the reference's.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FEEDBACK = ROOT.parent / "shared" / "eval" / "nhs_patient_feedback_coded" / "text_data.csv"


def feedback(count: int, *, seed: int = 0) -> list[str]:
    """``count`` distinct feedback comments drawn at random (fixed seed)."""
    with FEEDBACK.open(encoding="utf-8", errors="replace", newline="") as handle:
        texts = list(dict.fromkeys(r["feedback"].strip() for r in csv.DictReader(handle)))
    texts = [t for t in texts if t]
    picked = np.random.default_rng(seed).choice(len(texts), min(count, len(texts)), replace=False)
    return [texts[i] for i in picked]


class SentenceTransformersMiniLM:
    """The reference: the bundled weights under sentence-transformers and torch (the pre-ONNX default)."""

    name = "sentence-transformers (torch fp32)"

    def __init__(self) -> None:
        from sentence_transformers import SentenceTransformer

        from icp_assist.embed_onnx import bundled_model_dir

        self.model = SentenceTransformer(str(bundled_model_dir()), device="cpu")

    def embed(self, texts: list[str]) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = self.model.encode([texts[i] for i in order], batch_size=64, normalize_embeddings=True)
        vectors = np.zeros_like(out)
        vectors[order] = out
        return vectors


def measure(embedder: object, texts: list[str], repeat: int) -> tuple[float, list[float], np.ndarray]:
    """Load seconds (including the first text), per-run seconds, and the vectors."""
    started = time.perf_counter()
    embedder.embed(["warm up"])  # type: ignore[attr-defined]
    load = time.perf_counter() - started
    runs, vectors = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        vectors = embedder.embed(texts)  # type: ignore[attr-defined]
        runs.append(time.perf_counter() - started)
    return load, runs, np.asarray(vectors)


def neighbours(vectors: np.ndarray) -> np.ndarray:
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -2)
    return similarity.argmax(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from icp_assist.embed import MiniLMEmbedder

    texts = feedback(args.texts)
    words = statistics.fmean(len(t.split()) for t in texts)
    print(f"{len(texts)} distinct NHS feedback comments, {words:.1f} words on average", file=sys.stderr)
    rows = []
    reference = None
    for embedder in (SentenceTransformersMiniLM(), MiniLMEmbedder(), MiniLMEmbedder(int8=True)):
        load, runs, vectors = measure(embedder, texts, args.repeat)
        if reference is None:
            reference = vectors
        cosines = (vectors * reference).sum(axis=1)
        same = float((neighbours(vectors) == neighbours(reference)).mean())
        rows.append((embedder.name, load, statistics.median(runs), cosines, same))
    base = rows[0][2]
    print(
        "| embedder | load s | embed s (median) | texts/s | × torch | cosine to torch mean / p1 / min | same nearest neighbour |"
    )
    print("|---|---:|---:|---:|---:|---|---:|")
    for name, load, seconds, cosines, same in rows:
        print(
            f"| {name} | {load:.1f} | {seconds:.1f} | {len(texts) / seconds:.0f} | {base / seconds:.2f} "
            f"| {cosines.mean():.4f} / {np.percentile(cosines, 1):.4f} / {cosines.min():.4f} | {same:.3f} |"
        )


if __name__ == "__main__":
    main()
