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


def upsert_chunks(collection: Any, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
    """Store chunks' vectors with their text and metadata, in batches the client accepts."""
    batch = max_batch(collection)
    for begin in range(0, len(chunks), batch):
        part = chunks[begin : begin + batch]
        collection.upsert(
            ids=[c.chunk_id for c in part],
            embeddings=vectors[begin : begin + batch],
            documents=[c.text for c in part],
            metadatas=[c.metadata for c in part],
        )


def delete_chunks(collection: Any, ids: Sequence[str]) -> None:
    """Delete the vectors of these chunk ids."""
    batch = max_batch(collection)
    for begin in range(0, len(ids), batch):
        collection.delete(ids=list(ids[begin : begin + batch]))


def update_metadata(
    collection: Any, ids: Sequence[str], change: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    """Rewrite the metadata of these chunk ids' vectors with ``change`` (their vectors stay)."""
    batch = max_batch(collection)
    for begin in range(0, len(ids), batch):
        stored = collection.get(ids=list(ids[begin : begin + batch]), include=["metadatas"])
        collection.update(ids=stored["ids"], metadatas=[change(m) for m in stored["metadatas"]])


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
