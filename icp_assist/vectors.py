"""Chunk vectors in Chroma: the one module that knows the vector store's client.

An embedded Chroma on disk in the workspace's ``chroma/`` folder by default, or a Chroma server (``--chroma-url``)
for scale. Chroma gets the vectors ready-made (no embedding function of its own, which would download a model).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .records import Chunk

# A new collection's index settings (Chroma keeps an existing collection's own): cosine, and a cheaper HNSW
# build than Chroma's default (construction_ef 100), with a wider search (search_ef 200, not 100) so that
# users who query the store keep their recall; icp-assist itself never queries the index. On the 10k-row
# survey's 26,983 chunks (benchmarks/chroma_recall.py; docs/benchmarks.md, store16): upsert 6.4-7.9 ->
# 4.2-5.1 CPU s; recall@10 against exact cosine 0.995-0.999 (7 runs) -> 0.996-0.998 (4 runs); 0.2-0.4 ms
# a query either way.
COLLECTION_SETTINGS = {"hnsw:space": "cosine", "hnsw:construction_ef": 60, "hnsw:search_ef": 200}


def upsert_chunks(collection: Any, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
    """Store chunks' vectors under their ids with their document's id, in batches the client accepts.

    A chunk's text, offsets and turn are in the workspace's SQLite under the same id. Chroma is not given
    the text or the other fields: nothing reads them back from it, and indexing them (full-text search,
    one metadata row per field) took 6 of the 13 CPU seconds of storing the 10k-row survey's chunks.
    """
    batch = max_batch(collection)
    for begin in range(0, len(chunks), batch):
        part = chunks[begin : begin + batch]
        collection.upsert(
            ids=[c.chunk_id for c in part],
            embeddings=vectors[begin : begin + batch],
            metadatas=[{"doc_id": c.doc_id} for c in part],
        )


def delete_chunks(collection: Any, ids: Sequence[str]) -> None:
    """Delete the vectors of these chunk ids."""
    batch = max_batch(collection)
    for begin in range(0, len(ids), batch):
        collection.delete(ids=list(ids[begin : begin + batch]))


def update_metadata(
    collection: Any, ids: Sequence[str], change: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    """Rewrite the metadata of these chunk ids' vectors with ``change`` where it changes it (vectors stay)."""
    batch = max_batch(collection)
    for begin in range(0, len(ids), batch):
        stored = collection.get(ids=list(ids[begin : begin + batch]), include=["metadatas"])
        updates = {}
        for chunk_id, metadata in zip(stored["ids"], stored["metadatas"], strict=True):
            if (new := change(metadata)) != metadata:
                updates[chunk_id] = new
        if updates:
            collection.update(ids=list(updates), metadatas=list(updates.values()))


def max_batch(collection: Any) -> int:
    try:
        return int(collection._client.get_max_batch_size())
    except Exception:  # older or remote clients may not say; Chroma's documented floor is safe
        return 5000


def chroma_client(path: Path, url: str | None) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    return chromadb.PersistentClient(path=str(path / "chroma"), settings=settings)
