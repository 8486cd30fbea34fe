"""The library's front door: the same operations the command line offers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .config import Settings
from .embed import Embedder, get_embedder
from .ingest import IngestOptions, IngestReport, ingest
from .store import Workspace, open_workspace


def ingest_paths(
    paths: Iterable[Path | str],
    *,
    settings: Settings | None = None,
    options: IngestOptions | None = None,
    embedder: Embedder | None = None,
    progress: bool = False,
) -> IngestReport:
    """Ingest transcripts, surveys and account exports (files or folders) into the workspace."""
    settings = settings or Settings()
    embedder = embedder or get_embedder(settings.embedding)
    options = options or IngestOptions(max_file_mb=settings.max_file_mb)
    with _open(settings, embedder) as workspace:
        return ingest(
            [Path(p) for p in paths],
            workspace=workspace,
            embedder=embedder,
            options=options,
            progress=progress,
        )


def workspace_status(*, settings: Settings | None = None) -> dict[str, Any]:
    """Counts of documents, turns, customer turns, survey answers and accounts in the workspace."""
    settings = settings or Settings()
    if not (settings.workspace / "records.sqlite3").exists():
        from .errors import StoreError

        raise StoreError(f"no workspace at {settings.workspace}: run 'icp-assist ingest PATH' first")
    with _open(settings, get_embedder(settings.embedding)) as workspace:
        return workspace.status()


def _open(settings: Settings, embedder: Embedder) -> Any:
    return open_workspace(settings.workspace, embedding_name=embedder.name, chroma_url=settings.chroma_url)


__all__ = ["Workspace", "ingest_paths", "workspace_status"]
