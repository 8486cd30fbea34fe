"""The library's front door: the same operations the command line offers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ask import Answer, ask, index_statements
from .build import BuildResult, build_profile
from .config import Settings, load_settings
from .embed import Embedder, get_embedder
from .errors import StoreError
from .ingest import IngestOptions, IngestReport, ingest
from .privacy import check_llm_redaction, prepare_redaction, privacy_status
from .privacy.forget import Forgotten, forget
from .records import Account
from .store import Workspace, open_workspace, recorded_embedding

if TYPE_CHECKING:
    from .llm import LlmAnalyzer

DEFAULT_OUT = Path("icp-profile")


def ingest_paths(
    paths: Iterable[Path | str],
    *,
    settings: Settings | None = None,
    options: IngestOptions | None = None,
    embedder: Embedder | None = None,
    progress: bool = False,
) -> IngestReport:
    """Ingest transcripts, surveys and account exports (files or folders) into the workspace."""
    settings = settings or load_settings()
    embedder = embedder or _embedder(settings)
    options = options or IngestOptions(max_file_mb=settings.max_file_mb)
    with _open(settings, embedder) as workspace:
        if embedder.spec:
            workspace.record_embedding(embedder.spec)
        options.redactor, redacted = prepare_redaction(workspace, embedder, settings, progress=progress)
        report = ingest(
            [Path(p) for p in paths],
            workspace=workspace,
            embedder=embedder,
            options=options,
            progress=progress,
        )
        report.redacted_in_place = redacted
        return report


def workspace_status(*, settings: Settings | None = None) -> dict[str, Any]:
    """Counts of documents, turns, customer turns, survey answers and accounts in the workspace."""
    settings = settings or load_settings()
    with _read_only(settings) as workspace:
        return {**workspace.status(), **privacy_status(workspace)}


def workspace_accounts(*, settings: Settings | None = None) -> list[Account]:
    """The CRM accounts ingested into the workspace, joined as ingest joins them (companies with deals)."""
    settings = settings or load_settings()
    with _read_only(settings) as workspace:
        accounts = workspace.accounts()
    if not accounts:
        raise StoreError(f"workspace {settings.workspace} holds no CRM accounts: ingest a CRM export first")
    return accounts


def _read_only(settings: Settings) -> AbstractContextManager[Workspace]:
    """The workspace opened read-only and without the writer lock: reading works on a read-only workspace and
    during an ingest."""
    _require_workspace(settings)
    name = _embedder(settings).name
    return open_workspace(
        settings.workspace, embedding_name=name, chroma_url=settings.chroma_url, read_only=True
    )


def forget_data(
    *,
    path: Path | str | None = None,
    account: str | None = None,
    person: str | None = None,
    settings: Settings | None = None,
) -> Forgotten:
    """Remove a file or folder, an account, or a person from the workspace, with everything derived from them."""
    settings = settings or load_settings()
    _require_workspace(settings)
    embedder = get_embedder(settings.embedding)
    with _open(settings, embedder) as workspace:
        return forget(workspace, path=Path(path) if path else None, account=account, person=person)


def build(
    *,
    settings: Settings | None = None,
    out_dir: Path | str = DEFAULT_OUT,
    template: Path | str | None = None,
    embedder: Embedder | None = None,
    progress: bool = False,
) -> BuildResult:
    """Analyse the workspace and write profile.html, profile.md, icp.json, personas.json and themes.json.

    With ``settings.llm`` set, a chat model finds and names the themes; otherwise the offline analyzer runs.
    """
    settings = settings or load_settings()
    _require_workspace(settings)
    embedder = embedder or _embedder(settings)
    with _open(settings, embedder) as workspace:
        return build_profile(
            workspace,
            embedder,
            out_dir=Path(out_dir),
            template=Path(template) if template else None,
            llm=_llm(settings, workspace),
            progress=progress,
        )


def ask_questions(
    questions: Iterable[str],
    *,
    settings: Settings | None = None,
    filters: Mapping[str, str] | None = None,
    top: int = 5,
    embedder: Embedder | None = None,
) -> Iterator[Answer]:
    """Answer each question (read lazily, so stdin works) from one statement index over the workspace.

    With ``settings.llm`` set, the model writes each answer from its cited quotes.
    """
    settings = settings or load_settings()
    _require_workspace(settings)
    embedder = embedder or _embedder(settings)
    with _open(settings, embedder) as workspace:
        index = index_statements(workspace, embedder)
        llm = _llm(settings, workspace)
        for question in questions:
            answer = ask(workspace, embedder, question, filters=filters, top=top, index=index)
            yield llm.answer(answer) if llm else answer


def _embedder(settings: Settings) -> Embedder:
    """The embedder asked for, else the one the workspace was ingested with, else the default."""
    spec = settings.embedding
    if "embedding" not in settings.model_fields_set:
        spec = recorded_embedding(settings.workspace) or spec
    return get_embedder(spec)


def _llm(settings: Settings, workspace: Workspace) -> LlmAnalyzer | None:
    if not settings.llm:
        return None  # the offline analyzer; LangChain is not even imported
    from .llm import open_llm

    check_llm_redaction(settings, workspace)
    return open_llm(settings, workspace)


def _require_workspace(settings: Settings) -> None:
    if not (settings.workspace / "records.sqlite3").exists():
        raise StoreError(f"no workspace at {settings.workspace}: run 'icp-assist ingest PATH' first")


def _open(settings: Settings, embedder: Embedder) -> Any:
    return open_workspace(settings.workspace, embedding_name=embedder.name, chroma_url=settings.chroma_url)


__all__ = [
    "Answer",
    "BuildResult",
    "Workspace",
    "ask_questions",
    "build",
    "forget_data",
    "ingest_paths",
    "workspace_status",
]
