"""Chroma's index settings: CPU seconds to store a workspace's vectors, and recall@10 of Chroma's own query.

icp-assist never queries Chroma's HNSW index (it ranks in process), but users of the store may. For each
setting, the workspace's chunk vectors are upserted into a new collection in a temporary folder (CPU seconds,
``time.process_time``), then 1,000 vectors the workspace cached (seed 0) are queried for their 10 nearest
chunks; recall@10 is the share of those that exact cosine also puts in the top 10 (ties at the tenth count).

    .venv/bin/python benchmarks/chroma_recall.py [--workspace benchmarks/.work/ws-survey] 100/100 60/200 ...

A setting is construction_ef/search_ef. HNSW inserts in parallel, so one setting's recall varies run to run.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def stored(workspace: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The workspace's chunk ids and vectors in Chroma, and 1,000 of its cached vectors as queries."""
    from icp_assist.store import Workspace

    with sqlite3.connect(workspace / "records.sqlite3") as db:
        model = db.execute("SELECT model FROM embeddings LIMIT 1").fetchone()[0]
        pool = [
            np.frombuffer(v, dtype=np.float32)
            for (v,) in db.execute("SELECT vector FROM embeddings ORDER BY text_hash")
        ]
    with Workspace(workspace, embedding_name=model, read_only=True) as ws:
        ws.vector_ids()  # opens the collection read-only
        got = ws.collection.get(include=["embeddings"])
    queries = np.vstack(pool)[np.random.default_rng(0).choice(len(pool), 1000, replace=False)]
    return got["ids"], np.asarray(got["embeddings"], dtype=np.float32), queries


def measure(ids: list[str], vectors: np.ndarray, queries: np.ndarray, construction: int, search: int) -> str:
    """One line: the upsert's CPU seconds, recall@10 and query time of a new collection with these settings."""
    import chromadb
    from chromadb.config import Settings

    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = queries @ unit.T
    tenth = -np.sort(-exact, axis=1)[:, 9]
    position = {chunk_id: n for n, chunk_id in enumerate(ids)}
    settings = {"hnsw:space": "cosine", "hnsw:construction_ef": construction, "hnsw:search_ef": search}
    with tempfile.TemporaryDirectory() as tmp:
        client = chromadb.PersistentClient(path=tmp, settings=Settings(anonymized_telemetry=False))
        collection = client.create_collection("recall", embedding_function=None, metadata=settings)
        batch = client.get_max_batch_size()
        started = time.process_time()
        for begin in range(0, len(ids), batch):
            collection.upsert(ids=ids[begin : begin + batch], embeddings=vectors[begin : begin + batch])
        cpu = time.process_time() - started
        hits, started = 0, time.perf_counter()
        for begin in range(0, len(queries), 100):
            found = collection.query(query_embeddings=queries[begin : begin + 100], n_results=10, include=[])
            for q, row in enumerate(found["ids"], start=begin):
                hits += sum(exact[q, position[i]] >= tenth[q] - 1e-6 for i in row)
        per_query = (time.perf_counter() - started) / len(queries) * 1000
    return (
        f"| {construction} | {search} | {cpu:.2f} | {hits / (10 * len(queries)):.4f} | {per_query:.2f} "
        f"| {os.getloadavg()[0]:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workspace", type=Path, default=ROOT / "benchmarks" / ".work" / "ws-survey")
    parser.add_argument(
        "settings", nargs="*", default=["100/100", "60/200"], help="construction_ef/search_ef"
    )
    args = parser.parse_args()
    ids, vectors, queries = stored(args.workspace)
    print(f"{len(ids)} vectors, {len(queries)} queries")
    print("| construction_ef | search_ef | upsert CPU s | recall@10 | query ms | load |")
    print("|---|---|---|---|---|---|")
    for setting in args.settings:
        construction, search = (int(x) for x in setting.split("/"))
        print(measure(ids, vectors, queries, construction, search), flush=True)


if __name__ == "__main__":
    main()
