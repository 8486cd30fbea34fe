"""Settings: the workspace, the embedding model and the vector store, read when asked for."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_WORKSPACE = Path(".icp-assist")


class Settings(BaseSettings):
    """icp-assist settings; each can be set as an ``ICP_ASSIST_*`` environment variable."""

    model_config = SettingsConfigDict(env_prefix="ICP_ASSIST_", extra="ignore")

    workspace: Path = Field(default=DEFAULT_WORKSPACE, description="Folder holding the store and outputs.")
    embedding: str = Field(
        default="minilm",
        description="Embedding model: 'minilm' (bundled, offline) or 'openai:<model>'.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (e.g. http://localhost:8000); unset keeps Chroma on disk.",
    )
    max_file_mb: float = Field(default=25.0, gt=0, description="Files larger than this are refused.")
