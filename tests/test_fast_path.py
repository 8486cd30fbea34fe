"""The fast path: a workspace remembers its embedder, and `ask` answers without importing torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
from conftest import INTERVIEW, ROOT, write

from icp_assist import api
from icp_assist.config import load_settings
from icp_assist.store import recorded_embedding


def test_workspace_remembers_its_embedder(tmp_path):
    source = write(tmp_path / "in" / "brightline.md", INTERVIEW)
    workspace = tmp_path / "ws"
    api.ingest_paths([source], settings=load_settings(workspace=workspace, embedding="minilm-int8"))
    assert recorded_embedding(workspace) == "minilm-int8"
    # Later commands without --embedding use it: no second collection, no vectors of two models mixed.
    status = api.workspace_status(settings=load_settings(workspace=workspace))
    assert status["embedding"] == "minilm-l6-v2-int8" and status["vectors"] == status["chunks"] > 0
    # An explicit choice wins and re-embeds into its own collection.
    status = api.workspace_status(settings=load_settings(workspace=workspace, embedding="minilm"))
    assert status["embedding"] == "minilm-l6-v2" and status["vectors"] == 0
    assert recorded_embedding(tmp_path / "nowhere") is None


def test_one_shot_ask_does_not_import_torch(tmp_path):
    source = write(tmp_path / "in" / "brightline.md", INTERVIEW)
    workspace = tmp_path / "ws"
    api.ingest_paths([source], settings=load_settings(workspace=workspace))
    script = (
        "import json, sys\n"
        "from icp_assist.cli import cli\n"
        "try:\n"
        "    cli(['ask', 'why did they buy?', '--json', '-w', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(m for m in ('torch', 'sentence_transformers', 'chromadb') if m in sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(workspace)], capture_output=True, text=True, env=env, check=True
    )
    answer, heavy = done.stdout.strip().splitlines()[-2:]
    assert json.loads(answer)["citations"], done.stdout
    assert json.loads(heavy) == []


def test_statement_index_is_kept_in_the_workspace_and_renewed_when_it_changes(tmp_path, embedder):
    from icp_assist import ask_index
    from icp_assist.ask import ask, index_statements, to_json
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as workspace:
        ingest([ROOT / "samples" / "interviews"], workspace=workspace, embedder=embedder)
        built = index_statements(workspace, embedder)
        (key,) = ask_index.stored_keys(workspace)
        loaded = index_statements(workspace, embedder)
        assert loaded.units == built.units and loaded.turn_keys == built.turn_keys
        assert np.array_equal(loaded.vectors, built.vectors) and loaded.outcomes == built.outcomes
        assert np.array_equal(loaded.facets.scores, built.facets.scores)
        assert loaded.facets.assigned == built.facets.assigned
        assert (loaded.turn_words != built.turn_words).nnz == 0
        for question in ("Who signs off on the purchase?", "Why did customers churn?"):
            assert to_json(ask(workspace, embedder, question, index=loaded)) == to_json(
                ask(workspace, embedder, question, index=built)
            )
        ingest([write(tmp_path / "in" / "brightline.md", INTERVIEW)], workspace=workspace, embedder=embedder)
        renewed = index_statements(workspace, embedder)
        assert ask_index.stored_keys(workspace) != [key] and len(ask_index.stored_keys(workspace)) == 1
        assert len(renewed.units) > len(built.units)
        (stored,) = (tmp_path / "ws" / ask_index.FOLDER).glob("*.npz")
        stored.write_bytes(b"not an index")  # a damaged file is rebuilt, not trusted
        assert index_statements(workspace, embedder).units == renewed.units
        assert np.load(stored, allow_pickle=False)["vectors"].shape == renewed.vectors.shape
