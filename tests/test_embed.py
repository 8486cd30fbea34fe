"""The bundled embedding model: offline, normalised, and meaningful."""

from __future__ import annotations

import numpy as np
import pytest

from icp_assist.embed import get_embedder
from icp_assist.errors import ConfigError


def test_bundled_model_embeds_offline_and_normalised(embedder):
    texts = [
        "We were drowning in spreadsheets and keyed every invoice by hand.",
        "Entering invoices manually into Excel took my team days.",
        "Our new CFO wanted SOC 2 reports before signing.",
        "We were drowning in spreadsheets and keyed every invoice by hand.",
    ]
    vectors = embedder.embed(texts)
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(vectors[0], vectors[3])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_embedding_specs():
    assert get_embedder("minilm").name == "minilm-l6-v2"
    assert get_embedder("openai:text-embedding-3-large").name == "openai-text-embedding-3-large"
    with pytest.raises(ConfigError, match="Unknown embedding model"):
        get_embedder("word2vec")


def test_openai_without_key_says_which_variable():
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        get_embedder("openai:text-embedding-3-small").embed(["hello"])


def test_minilm_specs_name_their_vectors():
    assert (get_embedder("minilm").name, get_embedder("minilm").spec) == ("minilm-l6-v2", "minilm")
    int8 = get_embedder("minilm-int8")
    assert (int8.name, int8.spec) == ("minilm-l6-v2-int8", "minilm-int8")


TEXTS = [
    "Month-end close took eleven days because three people keyed invoices by hand.",
    "Our CFO signed off once IT finished the security review.",
    "Price was a concern until we saw the ROI.",
    "We switched from spreadsheets. " * 60,  # past 128 tokens: cut at 256 like sentence-transformers
]


def test_onnx_model_gives_sentence_transformers_vectors(embedder):
    from sentence_transformers import SentenceTransformer

    from icp_assist.embed_onnx import bundled_model_dir

    reference = SentenceTransformer(str(bundled_model_dir()), device="cpu").encode(
        TEXTS, normalize_embeddings=True
    )
    cosines = (embedder.embed(TEXTS) * reference).sum(axis=1)
    assert cosines.min() > 0.9999
    int8 = (get_embedder("minilm-int8").embed(TEXTS) * reference).sum(axis=1)
    assert int8.min() > 0.97 and int8.mean() > 0.98


def test_onnx_model_is_built_once_into_the_cache_keyed_by_weights(tmp_path, monkeypatch):
    from icp_assist import embed_onnx

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = embed_onnx.onnx_model(int8=True)
    built = sorted(p.name for p in (tmp_path / "icp-assist" / "onnx").iterdir())
    assert path.parent == tmp_path / "icp-assist" / "onnx" and path.name in built
    assert [n.split("-")[3] for n in built] == ["fp32", "int8"]  # int8 is quantised from the fp32 export
    stamp = path.stat().st_mtime_ns
    assert embed_onnx.onnx_model(int8=True) == path and path.stat().st_mtime_ns == stamp
    monkeypatch.setattr(embed_onnx, "INT8", {**embed_onnx.INT8, "per_channel": False})
    assert embed_onnx.onnx_model(int8=True) != path  # another setting, another file
