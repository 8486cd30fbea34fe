"""Shared by the explorer's tests: samples/ (plus one hostile interview) ingested and analysed once per run,
copied into each test module's own workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from icp_assist.api import ingest_paths
from icp_assist.build import analyze_cached
from icp_assist.config import Settings
from icp_assist.embed import MiniLMEmbedder
from icp_assist.store import open_workspace

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
HOSTILE_QUOTE = '<script>alert("owned")</script> we paid & left <b>angry</b>'
HOSTILE = f"""---
account_id: ACC-999
company: Hostile Test Co
interviewee: Robin Vale
role: Controller
segment: mid-market
outcome: churned
interviewers: [Sam Patel]
---
Sam Patel: Why did you leave?
Robin Vale: {HOSTILE_QUOTE}. The month-end close still took far too long for us.
Sam Patel: Anything else?
Robin Vale: Honestly the reporting was slow and our controller kept exporting spreadsheets by hand.
"""


@pytest.fixture(scope="session")
def analysed_samples(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder) -> Path:
    """A workspace of samples/ and one hostile interview, ingested and analysed (the analysis is cached)."""
    base = tmp_path_factory.mktemp("serve-samples")
    hostile = base / "inputs" / "99_hostile.md"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE, encoding="utf-8")
    settings = Settings(workspace=base / "ws")
    report = ingest_paths([SAMPLES, hostile], settings=settings, embedder=embedder)
    assert not report.failed, [(f.path, f.message) for f in report.failed]
    with open_workspace(settings.workspace, embedding_name=embedder.name) as workspace:
        analyze_cached(workspace, embedder)
    return settings.workspace


def copy_workspace(source: Path, target: Path) -> Settings:
    """A copy of an analysed workspace (its cached analysis stays valid) and settings pointing at it."""
    shutil.copytree(source, target)
    return Settings(workspace=target)
