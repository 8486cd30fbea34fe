"""The fast path: a workspace remembers its embedder, and `ask` answers without importing torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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
