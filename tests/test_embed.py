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
