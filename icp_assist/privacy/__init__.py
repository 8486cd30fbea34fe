"""Privacy: personal data redacted before it is embedded or sent to an LLM, and a workspace that forgets.

A workspace is redacted or not as a whole: its mode is kept in the workspace, a workspace that holds
unredacted text is redacted in place when redaction is turned on, and a redacted one refuses to take
unredacted text (its originals are not kept).
"""

from __future__ import annotations

from typing import Any

from tqdm import tqdm

from ..config import Settings
from ..embed import Embedder
from ..errors import ConfigError
from ..ingest.chunks import chunk_document
from ..store import SourceRecords, Workspace
from .accounts import redact_accounts
from .pseudonyms import PSEUDONYMS_FILE, Pseudonyms
from .redact import Redactor, kept_terms

MODE = "redaction"  # the workspace's meta key: "on" or "off"

__all__ = [
    "PSEUDONYMS_FILE",
    "Pseudonyms",
    "Redactor",
    "check_llm_redaction",
    "is_redacted",
    "prepare_redaction",
]


def wants_redaction(settings: Settings, workspace: Workspace) -> bool:
    """Redact on ingest: as set; unset, when an LLM is configured or the workspace is already redacted."""
    if settings.redact is not None:
        return settings.redact
    return bool(settings.llm) or is_redacted(workspace)


def is_redacted(workspace: Workspace) -> bool:
    """True when the workspace's text was redacted as it was ingested."""
    return workspace.setting(MODE) == "on"


def prepare_redaction(
    workspace: Workspace, embedder: Embedder, settings: Settings, *, progress: bool = False
) -> tuple[Redactor | None, int]:
    """The redactor an ingest uses (None: no redaction) and how many stored documents were redacted now."""
    redact = wants_redaction(settings, workspace)
    holds_text = workspace.has_content()
    if not redact:
        if is_redacted(workspace):
            raise ConfigError(
                f"workspace {workspace.path} is redacted and does not keep the original text: "
                "ingest into a new --workspace to keep names, or leave out --no-redact"
            )
        if not holds_text:
            workspace.keep_setting(MODE, "off")
        return None, 0
    redactor = Redactor(Pseudonyms(workspace.path), keep=kept_terms(workspace.accounts()))
    converted = 0
    if holds_text and not is_redacted(workspace):
        converted = _redact_stored(workspace, embedder, redactor, progress=progress)
    workspace.keep_setting(MODE, "on")
    return redactor, converted


def privacy_status(workspace: Workspace) -> dict[str, Any]:
    """Whether the workspace is redacted, and how many pseudonyms of each kind its mapping holds."""
    kinds: dict[str, int] = {}
    if (workspace.path / PSEUDONYMS_FILE).is_file():
        for entry in Pseudonyms(workspace.path).entries.values():
            kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    return {"redacted": is_redacted(workspace), "pseudonyms": kinds}


def check_llm_redaction(settings: Settings, workspace: Workspace) -> None:
    """Refuse to send unredacted text to an LLM unless redaction was turned off on purpose."""
    if settings.redact is False or is_redacted(workspace) or not workspace.has_content():
        return
    raise ConfigError(
        f"workspace {workspace.path} holds text that was not redacted, and the LLM path redacts by default: "
        "run 'icp-assist ingest --redact PATH' to redact what is stored (names become pseudonyms), "
        "or pass --no-redact (or set redact = false) to send the text as it is"
    )


def _redact_stored(workspace: Workspace, embedder: Embedder, redactor: Redactor, *, progress: bool) -> int:
    """Redact every stored interview and survey response (re-chunked and re-embedded) and CRM account in place."""
    documents = list(workspace.documents())
    by_source: dict[str, list] = {}
    for document in documents:
        by_source.setdefault(document.source, []).append(document)
    done = 0
    flags = workspace.reading_options()  # each source keeps the flags it was read with
    for path, kind, content_hash in tqdm(workspace.sources(), desc="Redacting", disable=not progress):
        if kind == "accounts":
            accounts = redact_accounts(redactor, workspace.accounts_in_source(path), path=path)
            workspace.replace_source(
                SourceRecords(
                    path=path,
                    kind=kind,
                    content_hash=content_hash,
                    accounts=accounts,
                    options=flags.get(path, {}),
                )
            )
            continue
        if path not in by_source:
            continue
        redacted = [redactor.document(d) for d in by_source[path]]
        chunks = [c for d in redacted for c in chunk_document(d)]
        vectors = embedder.embed([c.text for c in chunks]) if chunks else None
        records = SourceRecords(
            path=path,
            kind=kind,
            content_hash=content_hash,
            documents=redacted,
            chunks=chunks,
            vectors=vectors,
            options=flags.get(path, {}),
        )
        workspace.replace_source(records)
        done += len(redacted)
    redactor.pseudonyms.save()
    # imported here: forget imports the ask index, which callers of this module at import time do not need
    from .forget import derived_texts

    workspace.forget_derived(derived_texts(documents))  # vectors cached under the unredacted texts go too
    return done
