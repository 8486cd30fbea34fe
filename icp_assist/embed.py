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

    name: str  # names its vectors: the workspace keys cached vectors and its Chroma collection by it
    spec: str = ""  # the --embedding value that selects it
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
    """The bundled all-MiniLM-L6-v2 run by onnxruntime (fp32, or int8 weights); never touches the network.

    The fp32 graph gives sentence-transformers' vectors (cosine > 0.9999) and keeps their name, so vectors
    cached by earlier versions stay valid; the int8 one is faster, with vectors of its own name.
    """

    def __init__(self, *, int8: bool = False) -> None:
        self.int8 = int8
        self.name = "minilm-l6-v2-int8" if int8 else "minilm-l6-v2"
        self.spec = "minilm-int8" if int8 else "minilm"
        self._model: Any = None

    def load(self) -> MiniLMEmbedder:
        """Load the model now (building its ONNX file on first use) rather than at the first text."""
        if self._model is None:
            from .embed_onnx import OnnxMiniLM

            self._model = OnnxMiniLM(int8=self.int8)
        return self

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.load()._model.encode(texts))


class OpenAIEmbedder(Embedder):
    """OpenAI (or any OpenAI-compatible endpoint) embeddings; needs OPENAI_API_KEY."""

    batch_size = 256

    def __init__(self, model: str) -> None:
        self.model = model
        self.name = f"openai-{model}"
        self.spec = f"openai:{model}"
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
    """The embedder named by a spec: 'minilm' (fp32), 'minilm-int8' or 'openai:<model>'."""
    provider, _, model = spec.partition(":")
    if provider in ("minilm", "minilm-int8") and not model:
        return MiniLMEmbedder(int8=provider == "minilm-int8")
    if provider == "openai":
        return OpenAIEmbedder(model or "text-embedding-3-small")
    raise ConfigError(f"Unknown embedding model {spec!r}: use 'minilm', 'minilm-int8' or 'openai:<model>'.")
