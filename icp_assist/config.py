"""Settings: the workspace, the embedding model, the vector store and the LLM, read when asked for.

Each setting comes from, in order: the command line, an ``ICP_ASSIST_*`` environment variable, the
workspace's ``config.toml``, then its default. API keys are not settings: providers read their own
environment variables (``OPENAI_API_KEY``), so a key never lands in a file icp-assist writes.
"""

from __future__ import annotations

import os
import shlex
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from .errors import ConfigError

DEFAULT_WORKSPACE = Path(".icp-assist")
CONFIG_FILE = "config.toml"

StructuredOutput = Literal["auto", "json_schema", "function_calling", "json_mode"]


class Settings(BaseSettings):
    """icp-assist settings; each can be set as an ``ICP_ASSIST_*`` variable or in ``<workspace>/config.toml``."""

    model_config = SettingsConfigDict(env_prefix="ICP_ASSIST_", extra="ignore")

    workspace: Path = Field(default=DEFAULT_WORKSPACE, description="Folder holding the store and outputs.")
    embedding: str = Field(
        default="minilm",
        description="Embedding model: 'minilm' (bundled, offline), 'minilm-int8' (the same, int8: faster) or 'openai:<model>'.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (e.g. http://localhost:8000); unset keeps Chroma on disk.",
    )
    max_file_mb: float = Field(default=25.0, gt=0, description="Files larger than this are refused.")
    llm: str | None = Field(
        default=None,
        description="Chat model as provider:model, e.g. 'openai:gpt-4o-mini'; unset uses the offline analyzer.",
    )
    llm_base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible endpoint (vLLM, LM Studio, llama.cpp, Ollama); else $OPENAI_BASE_URL.",
    )
    llm_structured_output: StructuredOutput = Field(
        default="auto",
        description="How answers are constrained: 'auto' picks json_schema for OpenAI itself, "
        "function_calling for other endpoints.",
    )
    llm_concurrency: int = Field(default=2, ge=1, le=32, description="LLM calls in flight at once.")
    llm_timeout: float = Field(default=120.0, gt=0, description="Seconds before one LLM call is abandoned.")
    llm_retries: int = Field(default=4, ge=0, description="Retries of a call after a timeout, 429 or 5xx.")
    llm_reasks: int = Field(
        default=2, ge=0, description="Times an answer that breaks the schema is sent back with the error."
    )
    llm_chunk_chars: int = Field(
        default=8000, ge=500, description="Transcript characters per extraction call (long ones are split)."
    )
    llm_max_tokens: int = Field(default=1500, ge=64, description="Most tokens one LLM answer may use.")
    redact: bool | None = Field(
        default=None,
        description="Replace names, e-mails, phones, addresses and card/bank numbers with pseudonyms on "
        "ingest; unset: on when an LLM is configured (and always once a workspace is redacted).",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _WorkspaceConfig(settings_cls, init_settings))


class _WorkspaceConfig(TomlConfigSettingsSource):
    """``config.toml`` in the workspace that the command line or the environment names."""

    def __init__(self, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource) -> None:
        named = (
            init_settings().get("workspace") or os.environ.get("ICP_ASSIST_WORKSPACE") or DEFAULT_WORKSPACE
        )
        super().__init__(settings_cls, toml_file=Path(named) / CONFIG_FILE)

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        values.pop("workspace", None)  # the file lives in the workspace; it cannot move it
        unknown = sorted(set(values) - set(Settings.model_fields))
        if unknown:
            raise ConfigError(
                f"{self.toml_file_path}: unknown setting {', '.join(unknown)}; "
                f"known: {', '.join(sorted(Settings.model_fields))}"
            )
        return values


def load_settings(**overrides: Any) -> Settings:
    """Settings from the command line's ``overrides`` (None means not given), the environment and config.toml."""
    values = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**values)
    except tomllib.TOMLDecodeError as ex:
        raise ConfigError(f"{CONFIG_FILE} in the workspace is not valid TOML: {ex}") from ex
    except ValidationError as ex:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in ex.errors())
        raise ConfigError(f"invalid setting: {problems}") from ex


def forget_command(workspace: Path, source: str) -> str:
    """The ``forget`` command for a source of this workspace, as a user types it where they ran the command that
    advises it: with ``--workspace`` unless it is the one a command finds by itself (qa317: the advice printed after
    ingest with ``--workspace`` failed as printed, "no workspace at .icp-assist")."""
    found = Path(os.environ.get("ICP_ASSIST_WORKSPACE") or DEFAULT_WORKSPACE)
    named = "" if workspace.resolve() == found.resolve() else f" --workspace {shlex.quote(str(workspace))}"
    return f"icp-assist forget{named} {shlex.quote(source)}"
