"""Ingest: read interviews, surveys and CRM accounts, embed their text, and store them in a workspace."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from tqdm import tqdm

from ..config import forget_command
from ..embed import Embedder
from ..errors import InputFileError
from ..records import Account, Chunk, Document, joined_by_name
from ..secrets import redact
from ..store import SourceRecords, Workspace
from .accounts import is_accounts_table, read_crm, says_no_outcome
from .chunks import chunk_document
from .files import TABLE_SUFFIXES, TRANSCRIPT_SUFFIXES, Skipped, find_input_files, read_bytes
from .kept_flags import REPLACING, REUSING, reading_flags, with_kept_flags, without_gone_columns
from .linking import (
    AccountIndex,
    company_columns,
    count_keys,
    link_by,
    outcome_disagreements,
    shared_name_notes,
)
from .manifest import interviewers_of_every_call, is_manifest, manifest_entry, manifests_for
from .outcomes import Term
from .own_outputs import icp_assist_output
from .surveys import SurveyColumns, open_columns, read_survey
from .tables import read_table
from .transcripts import read_transcripts

if TYPE_CHECKING:
    from ..privacy.redact import Redactor

__all__ = [
    "FileResult",
    "IngestOptions",
    "IngestReport",
    "SurveyColumns",
    "ingest",
    "repair_vectors",
    "unexpected_failure",
]

ACCOUNTS_NAMED = 3  # accounts a warning names of those another file holds too (the rest are counted)
EMBED_GROUP_CHUNKS = 4096  # larger groups batch better; smaller ones keep more work when a run is stopped
Kind = Literal["transcript", "survey", "accounts"]
Status = Literal["added", "updated", "moved", "unchanged", "failed", "manifest", "skipped"]
KEPT_AS = "unchanged, so kept as"  # the warning of a file read again unchanged that now reads as another kind


@dataclass
class IngestOptions:
    """How to read the files: a forced kind, survey columns, an accounts column mapping, an encoding."""

    kind: Kind | None = None
    survey_columns: SurveyColumns = field(default_factory=SurveyColumns)
    account_mapping: Mapping[str, str] = field(default_factory=dict)
    outcomes: Mapping[str, Term] = field(default_factory=dict)
    encoding: str | None = None
    max_file_mb: float = 25.0
    prune: bool = False
    redactor: Redactor | None = None  # set: personal data is replaced by pseudonyms before anything is stored
    remembered: frozenset[str] = frozenset()  # flags taken from the file's earlier ingest, not given this run


@dataclass
class FileResult:
    """What happened to one input file."""

    path: str
    status: Status
    kind: str = ""
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # notes and warnings of reading an unchanged file, given when it was read, not repeated
    said_before: int = 0


@dataclass
class IngestReport:
    """What one ingest run did, file by file."""

    files: list[FileResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    orphans_removed: int = 0
    newly_linked: int = 0
    linked_by: dict[str, int] = field(default_factory=dict)  # every linked document, by the key that matched
    vectors_repaired: int = 0
    pruned: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    redacted_in_place: int = 0
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        """How many files ended with this status."""
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FileResult]:
        """The files that could not be ingested."""
        return [f for f in self.files if f.status == "failed"]


@dataclass
class _Pending:
    result: FileResult
    records: SourceRecords
    replaces: str | None = None  # the same content stored under a path that is gone (a moved file)
    # vectors of chunk texts already stored: a moved file's, or an updated file's from before (a survey export
    # with a few new rows embeds only those rows' answers)
    known: dict[str, np.ndarray] = field(default_factory=dict)


def ingest(
    paths: Iterable[Path],
    *,
    workspace: Workspace,
    embedder: Embedder,
    options: IngestOptions | None = None,
    progress: bool = False,
) -> IngestReport:
    """Ingest files and folders; unchanged files are skipped, changed ones replace their old records.

    Afterwards chunks without vectors are re-embedded, and with ``options.prune`` sources whose files are
    gone are removed (``report.gone`` lists those left).
    """
    options = options or IngestOptions()
    started = time.perf_counter()
    report = IngestReport(orphans_removed=workspace.sweep())
    stored = {path: (kind, content_hash) for path, kind, content_hash in workspace.sources()}
    pending = _read_all(
        paths,
        options,
        report,
        workspace=workspace.path,
        stored=stored,
        remembered=workspace.reading_options(),
    )
    if options.redactor is not None:  # the mapping is on disk before any text that uses it is stored
        options.redactor.pseudonyms.save()
    _embed_and_store(pending, workspace, embedder, report, progress=progress)
    _say_joined_by_name(pending, workspace)
    report.vectors_repaired = repair_vectors(workspace, embedder)
    if options.redactor is not None:
        options.redactor.pseudonyms.save()
    if options.prune:
        for gone in workspace.missing_sources():
            workspace.remove_source(gone)
            report.pruned.append(gone)
    report.gone = workspace.missing_sources()
    report.newly_linked, report.linked_by, unlinked = link_documents(workspace)
    report.warnings += unlinked
    accounts = workspace.accounts()
    if accounts:  # the CRM's outcome is used where a manifest states another: say so
        report.warnings += outcome_disagreements(workspace.documents(kind="interview"), accounts)
    report.seconds = time.perf_counter() - started
    return report


def _read_all(
    paths: Iterable[Path],
    options: IngestOptions,
    report: IngestReport,
    *,
    workspace: Path | None = None,
    stored: Mapping[str, tuple[str, str]] | None = None,
    remembered: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[_Pending]:
    """Read every file found; each failure, whatever raised it, becomes that file's error line."""
    pending: list[_Pending] = []
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}
    seen: set[Path] = set()
    for found in find_input_files((Path(p) for p in paths), workspace=workspace):
        if isinstance(found, Skipped):
            if found.error:
                report.files.append(FileResult(display_path(found.path), "failed", message=found.reason))
            else:
                report.warnings.append(f"{display_path(found.path)}: {found.reason}")
            continue
        result = FileResult(path=display_path(found), status="failed")
        try:
            path = _checked_path(found)
            if path in seen:
                continue
            seen.add(path)
            result.path = str(path)
            used = with_kept_flags(options, (remembered or {}).get(str(path), {}), result.notes)
            records = _read_source(path, used, manifests, result, (stored or {}).get(str(path)))
        except InputFileError as ex:
            result.message = str(ex)
        except Exception as ex:  # one bad file must never stop the run: any failure is its error line
            result.message = unexpected_failure(ex)
        else:
            if records is not None:
                pending.append(_Pending(result, records))
        report.files.append(result)
    return pending


def display_path(path: Path) -> str:
    """The path as printable text: bytes of a file name that are not UTF-8 are shown as '\\xNN'."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def unexpected_failure(ex: BaseException) -> str:
    """One line for an error no reader anticipated, with no secret in it."""
    if isinstance(ex, PermissionError):
        return "cannot read: permission denied"
    if isinstance(ex, RecursionError):
        return "nested too deeply to read (over the recursion limit)"
    if isinstance(ex, MemoryError):
        return "too large to read into memory"
    if isinstance(ex, OverflowError):
        return f"a number in it is too large ({ex})"
    detail = " ".join(str(ex).split())[:300]
    return redact(f"cannot read ({type(ex).__name__}{': ' + detail if detail else ''})")


def _checked_path(path: Path) -> Path:
    """The resolved path, refusing file names that are not UTF-8 (they cannot be stored or shown faithfully)."""
    resolved = path.resolve()
    if display_path(resolved) != str(resolved):
        raise InputFileError(
            "the file name is not valid UTF-8: rename the file (or its folder) and ingest again"
        )
    return resolved


def _read_source(
    path: Path,
    options: IngestOptions,
    manifests: dict[Path, dict[str, dict[str, Any]]],
    result: FileResult,
    previous: tuple[str, str] | None = None,
) -> SourceRecords | None:
    """Parse one file into records, or None when it is a manifest, icp-assist's own output or unchanged
    (``result`` says which)."""
    written = icp_assist_output(path, max_mb=options.max_file_mb)
    if written is not None:
        result.status, result.kind = "skipped", "output"
        result.notes.append(f"skipped: {written}, written by icp-assist: not customer evidence")
        return None
    data = read_bytes(path, max_mb=options.max_file_mb)
    suffix = path.suffix.lower()
    if is_manifest(path):
        result.status, result.kind = "manifest", "manifest"
        return None
    kind = options.kind or ("transcript" if suffix in TRANSCRIPT_SUFFIXES else "table")
    if kind == "transcript":
        meta = _manifest_meta(path, options, manifests, result)
        records = _transcript_records(path, data, meta, options, result)
    elif suffix not in TABLE_SUFFIXES:
        raise InputFileError(f"a {kind} file must be .csv, .tsv or .xlsx, not {suffix}")
    else:
        records = _table_records(path, data, options, kind, result, previous)
    result.kind = records.kind
    return records


def _manifest_meta(
    path: Path,
    options: IngestOptions,
    manifests: dict[Path, dict[str, dict[str, Any]]],
    result: FileResult,
) -> dict[str, Any]:
    """A transcript's manifest entry: in its own folder's manifests, else in a folder above it, up to
    MANIFEST_LEVELS_UP, whose manifest names it by its path from there ('gong/call.json') or by name (qa55: one
    manifest in 'calls/' for the files of 'calls/gong/', 'calls/otter/' and 'calls/teams/' was ignored, silently)."""
    for folder in [path.parent, *path.parent.parents][: MANIFEST_LEVELS_UP + 1]:
        if folder not in manifests:
            manifests[folder] = _folder_manifest(folder, options, result)
        found = manifest_entry(path, folder, manifests[folder])
        if found is not None:
            if folder != path.parent:
                result.notes.append(f"read with the manifest in {display_path(folder)}")
            # (with the interviewers it names on its other rows: the vendor's people, whoever a row left off)
            return {**found, "staff": interviewers_of_every_call(manifests[folder])}
    return {}


MANIFEST_LEVELS_UP = 2  # a manifest two folders up ('calls/' over 'calls/gong/x.json') still names its files


def _folder_manifest(folder: Path, options: IngestOptions, result: FileResult) -> dict[str, dict[str, Any]]:
    try:
        return manifests_for(folder, max_mb=options.max_file_mb, encoding=options.encoding)
    except InputFileError as ex:
        result.warnings.append(f"manifest in {folder} ignored: {ex}")
        return {}
    except OSError:  # a folder above the files that cannot be listed holds no manifest of theirs
        return {}


# How files are read. Bump it whenever a reader changes what it takes from a file (a transcript's turns, a notes
# file's quotes, a survey's columns, a CRM's fields): a file ingested before is then read again, as if changed, and
# the fix reaches workspaces built before it (its unchanged chunks keep their vectors).
READERS_VERSION = 43


def _content_hash(data: bytes, *extras: Any) -> str:
    digest = hashlib.sha256(data)
    digest.update(f"readers {READERS_VERSION}".encode())
    digest.update(json.dumps(extras, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _transcript_records(
    path: Path, data: bytes, meta: dict[str, Any], options: IngestOptions, result: FileResult
) -> SourceRecords:
    documents = _redacted(
        read_transcripts(path, data, metadata=meta, encoding=options.encoding, warnings=result.warnings),
        options,
    )
    return SourceRecords(
        options=reading_flags(options, "interview"),
        path=str(path),
        kind="interview",
        content_hash=_content_hash(data, meta, options.encoding, *_redaction_mark(options)),
        documents=documents,
        chunks=[chunk for document in documents for chunk in chunk_document(document)],
    )


def _redacted(documents: list[Document], options: IngestOptions) -> list[Document]:
    """The documents with personal data replaced by pseudonyms, when redaction is on."""
    if options.redactor is None:
        return documents
    return [options.redactor.document(d) for d in documents]


def _redaction_mark(options: IngestOptions) -> tuple[str, ...]:
    """Part of a source's content hash: the same file redacted or not is different content."""
    return ("redacted",) if options.redactor is not None else ()


def _table_records(
    path: Path,
    data: bytes,
    options: IngestOptions,
    kind: str,
    result: FileResult,
    previous: tuple[str, str] | None = None,
) -> SourceRecords:
    table = read_table(path, data, encoding=options.encoding)
    result.notes.extend(table.notes)
    options = without_gone_columns(options, table.header, result.notes)
    stored_kind, stored_hash = previous or ("", "")
    if kind == "table":
        # --open-column/--closed-column name a survey's columns: a table with none of them (the CRM export
        # beside the survey in the same folder) is judged as if none were named.
        choice = options.survey_columns
        named = [*(choice.open or []), *choice.closed, *choice.company]
        has_free_text = bool(
            open_columns(table, choice=choice if not named or set(named) & set(table.header) else None)
        )
        doubts: list[str] = []
        kind = "accounts" if is_accounts_table(table, has_free_text=has_free_text, notes=doubts) else "survey"
        if kind != stored_kind and _table_hash(data, options, stored_kind) == stored_hash:
            # an unchanged file stays what it was ingested as (e.g. with --kind accounts), and says so
            doubts = [
                f"{KEPT_AS} {stored_kind} as when it was ingested, though it now reads as {kind} "
                f"(pass --kind {kind} to read it so)"
            ]
            kind = stored_kind
        result.warnings.extend(doubts)
    if kind == "accounts":
        crm = read_crm(table, explicit=options.account_mapping, overrides=options.outcomes, source=path.stem)
        result.warnings.extend(crm.warnings)
        result.notes.extend(crm.notes)
        accounts = crm.accounts
        if options.redactor is not None:  # its company and product names are never redacted as people
            from ..privacy.accounts import redact_accounts

            options.redactor.keep_terms(accounts)
            accounts = redact_accounts(options.redactor, accounts, path=str(path))
        _say_changed_kind(stored_kind, kind, result)
        return SourceRecords(
            path=str(path),
            kind="accounts",
            content_hash=_table_hash(data, options, kind),
            accounts=accounts,
            options=reading_flags(options, kind),
        )
    mapped = [f"{f}='{c}'" for f, c in options.account_mapping.items() if c in table.header]
    if mapped:
        result.warnings.append(
            f"--map {', '.join(mapped)} changed nothing: this file is read as a survey, and --map names a CRM "
            "export's columns (pass --kind accounts if it is one)"
        )
    documents = _redacted(
        read_survey(path, table, choice=options.survey_columns, notes=result.notes), options
    )
    chunks = [chunk for document in documents for chunk in chunk_document(document)]
    _say_changed_kind(stored_kind, kind, result)
    return SourceRecords(
        path=str(path),
        kind="survey",
        content_hash=_table_hash(data, options, kind),
        documents=documents,
        chunks=chunks,
        options=reading_flags(options, kind),
    )


def _table_hash(data: bytes, options: IngestOptions, kind: str) -> str:
    """A table's content hash: its bytes and the options that change how it is read as this kind."""
    if kind == "accounts":
        read = (dict(options.account_mapping), dict(options.outcomes))
        return _content_hash(data, options.encoding, kind, *read, *_redaction_mark(options))
    return _content_hash(
        data, options.encoding, kind, options.survey_columns.__dict__, *_redaction_mark(options)
    )


def _say_changed_kind(stored_kind: str, kind: str, result: FileResult) -> None:
    if stored_kind in ("accounts", "survey") and stored_kind != kind:
        result.warnings.append(
            f"was ingested as {stored_kind}, now read as {kind}: its {stored_kind} records are replaced "
            f"(pass --kind {stored_kind} to keep reading it as before)"
        )


def _embed_and_store(
    pending: list[_Pending], workspace: Workspace, embedder: Embedder, report: IngestReport, *, progress: bool
) -> None:
    """Embed and store changed sources group by group, so a stop keeps every group finished before it."""
    # account id -> the files of this run holding it, each with whether it is a deals export
    claimed: dict[str, list[tuple[str, bool]]] = {}
    joined: set[str] = set()  # the files of this run whose accounts are joined with another file's
    fields = _AccountFields(workspace, {item.records.path: item.records.accounts for item in pending})
    changed = [item for item in pending if _classify(item, workspace, claimed, joined, fields)]
    for item in changed:
        # the deals export it is joined with gives these accounts their outcomes
        if item.records.path in joined:
            item.result.warnings = [w for w in item.result.warnings if not says_no_outcome(w)]
    total = sum(
        sum(c.text not in item.known for c in item.records.chunks)
        for item in changed
        if item.records.vectors is None
    )
    with tqdm(total=total, unit="chunk", desc="Embedding", disable=not progress or total == 0) as bar:
        for group in _groups(changed):
            todo = [item for item in group if item.records.vectors is None]
            texts = [c.text for item in todo for c in item.records.chunks if c.text not in item.known]
            # One pass over the group: batches sorted by length across sources waste less on padding.
            vectors = embedder.embed(texts, on_batch=bar.update) if texts else np.zeros((0, 0))
            bar.update(len(texts) - len(set(texts)))  # repeated texts were embedded once
            fresh = dict(zip(texts, vectors, strict=True))
            embedded: dict[int, int] = {}
            for item in todo:
                chunks = item.records.chunks
                item.records.vectors = (
                    np.vstack(
                        [item.known[c.text] if c.text in item.known else fresh[c.text] for c in chunks]
                    ).astype(np.float32)
                    if chunks
                    else np.zeros((0, 0), dtype=np.float32)
                )
                embedded[id(item)] = sum(c.text not in item.known for c in chunks)
            for item in group:
                workspace.replace_source(item.records, replaces=item.replaces)
                report.chunks_embedded += embedded.get(id(item), 0)
                item.result.message = _summary(item.records)
                if item.replaces:
                    item.result.message += f"; moved from {item.replaces}, vectors reused"
                elif item.known and id(item) in embedded:
                    reused = len(item.records.chunks) - embedded[id(item)]
                    item.result.message += f"; {reused} unchanged chunks kept their vectors"


def _deals_elsewhere(records: SourceRecords, workspace: Workspace) -> bool:
    """Whether another file stored holds some of these accounts as a deals export (one giving their outcomes)."""
    stored = workspace.accounts_elsewhere(records.path, [a.account_id for a in records.accounts])
    return any(workspace.holds_deals(path) for path in {p for paths in stored.values() for p in paths})


def _classify(
    item: _Pending,
    workspace: Workspace,
    claimed: dict[str, list[tuple[str, bool]]],
    joined: set[str],
    fields: _AccountFields,
) -> bool:
    """Set the item's status; True when it must be stored. Sources are keyed by content, not only path."""
    records = item.records
    previous = workspace.content_hash(records.path)
    if previous == records.content_hash:
        item.result.status = "unchanged"
        if records.accounts and _deals_elsewhere(records, workspace):
            # read again unchanged, an accounts file is still joined by id with the deals export that gives its
            # accounts their outcomes: it never warns that they have none (qa259: a second ingest told the user to
            # leave out the organizations file that gives every firmographic)
            item.result.warnings = [w for w in item.result.warnings if not says_no_outcome(w)]
        # What reading it said was said when it was read, in the same words (the same content read the same way):
        # not repeated, so that what changed stands out (qa289, qa290: a second ingest printed again every note
        # and warning of its eleven unchanged files); what it says of this run (kept as read, flags reused) is.
        of_this_run = (KEPT_AS, REUSING, REPLACING)
        notes = [n for n in item.result.notes if n.startswith(of_this_run)]
        warnings = [w for w in item.result.warnings if w.startswith(of_this_run)]
        item.result.said_before = (
            len(item.result.notes) + len(item.result.warnings) - len(notes) - len(warnings)
        )
        item.result.notes, item.result.warnings = notes, warnings
        return False
    if previous is None:
        same = [p for p in workspace.sources_with_hash(records.content_hash) if p != records.path]
        if not same and records.kind == "interview" and len(records.documents) == 1:
            # the same interview under other metadata (e.g. copied out of the folder its manifest describes)
            same = [
                p
                for p in workspace.sources_with_text("interview", records.documents[0].text)
                if p != records.path
            ]
        gone = [p for p in same if not Path(p).is_file()]
        if same and not gone:
            item.result.status = "unchanged"
            item.result.warnings.append(f"same content as {same[0]}, already ingested: not counted twice")
            return False
        if gone:
            item.replaces = gone[0]
        elif records.kind == "survey" and (repeated := _respondents_repeated(records, workspace)):
            item.result.warnings.append(repeated)
    item.result.status = "moved" if item.replaces else ("added" if previous is None else "updated")
    if item.result.status != "added":
        # a moved file keeps its vectors (same content, same chunk texts); an updated one, those of the chunk
        # texts it held before
        item.known = workspace.stored_vectors(
            sorted(workspace.chunk_ids_of_source(item.replaces or records.path))
        )
    if records.accounts:
        ids = [a.account_id for a in records.accounts]
        deals = any(a.deals is not None for a in records.accounts)
        stored = workspace.accounts_elsewhere(records.path, ids)
        level = {
            path: workspace.holds_deals(path) for path in {p for paths in stored.values() for p in paths}
        }
        elsewhere = {i: [(path, level[path]) for path in paths] for i, paths in stored.items()}
        for i in ids:
            elsewhere.setdefault(i, []).extend(claimed.get(i, []))
            claimed.setdefault(i, []).append((records.path, deals))
        # one line per other file, naming a few of its accounts: a quarterly re-export repeats them all
        by_file: dict[tuple[str, bool], list[str]] = {}
        for account_id, held in sorted(elsewhere.items()):
            for holder in held:
                if holder[0] != item.replaces:
                    by_file.setdefault(holder, []).append(account_id)
        for (other, its_deals), accounts in by_file.items():
            # a companies export and a deals export of one CRM are joined, as they are meant to be
            if its_deals != deals:
                item.result.notes.append(_joined_with(len(accounts), other, deals=deals))
                joined.update((records.path, other))
            elif _adds_columns(fields.of(records.path), fields.of(other)):
                # another account-level file of other columns (a customer-success churn list beside the companies
                # export, qa118) adds to the accounts; it is no re-export of them
                item.result.notes.append(
                    f"{len(accounts)} accounts joined by id with {other}: this file adds its columns; a field both "
                    "give takes the newer file's value, and a churn either records outranks a win"
                )
            else:
                item.result.warnings.append(_also_in(accounts, other, workspace.path))
    return True


def _say_joined_by_name(pending: list[_Pending], workspace: Workspace) -> None:
    """Note, on each CRM file of this run, the accounts joined by name with another file's (a deals export that
    names its accounts only by name, as Salesforce's Opportunities report does, and an accounts export), once. A
    file read again unchanged is still joined: it never warns that its accounts have no outcome (qa232: a second
    ingest told the user to leave out the organizations file that gives every firmographic)."""
    crm = {
        item.records.path: item.result
        for item in pending
        if item.records.accounts and item.result.status in ("added", "updated", "moved", "unchanged")
    }
    if not crm:
        return
    held = workspace.accounts_by_source()
    source_of = {
        (a.account_id, a.deals is not None): path for path, accounts in held.items() for a in accounts
    }
    joins = joined_by_name([a for accounts in held.values() for a in accounts])
    pairs: dict[tuple[str, str], int] = {}  # (deals file, accounts file) -> accounts joined
    for deals_id, account_id in joins.items():
        pair = (source_of[deals_id, True], source_of[account_id, False])
        pairs[pair] = pairs.get(pair, 0) + 1
    for (deals_file, accounts_file), count in sorted(pairs.items()):
        for path, other, deals in ((deals_file, accounts_file, True), (accounts_file, deals_file, False)):
            if path in crm:
                if crm[path].status != "unchanged":
                    crm[path].notes.append(_joined_with(count, other, deals=deals, by="name"))
                if not deals:  # its deals give these accounts their outcomes
                    crm[path].warnings = [w for w in crm[path].warnings if not says_no_outcome(w)]


def _joined_with(count: int, other: str, *, deals: bool, by: str = "id") -> str:
    """The note that this file's accounts are joined with another file's by their id (or name)."""
    joined = f"{count} accounts joined by {by} with {other}: this file"
    if deals:
        return f"{joined} (a deals export) gives their outcomes, that one their firmographics"
    return f"{joined} gives their firmographics, that one (a deals export) their outcomes"


class _AccountFields:
    """The fields and extra columns each CRM file's accounts give beside their id and name, worked out only for the
    files two of which share accounts: from this run's records, else from the workspace."""

    def __init__(self, workspace: Workspace, running: Mapping[str, Sequence[Account]]) -> None:
        self._workspace = workspace
        self._running = running
        self._known: dict[str, set[str]] = {}

    def of(self, path: str) -> set[str]:
        if path not in self._known:
            accounts = self._running.get(path) or self._workspace.accounts_in_source(path)
            given = {
                name for a in accounts for name in a.model_dump(exclude_defaults=True) if name != "extra"
            }
            self._known[path] = (given | {c for a in accounts for c in a.extra}) - {"account_id", "name"}
        return self._known[path]


def _adds_columns(mine: set[str], theirs: set[str]) -> bool:
    """Whether a file of these fields adds to another's accounts rather than re-exporting them: fewer than half
    of the fields of the smaller one are in both (a re-export repeats them all)."""
    return 2 * len(mine & theirs) < min(len(mine), len(theirs))


REPEATED_ANSWER_WORDS = 4  # answers this long are one respondent's own words; "n/a" or "Price." are anyone's


def _respondents_repeated(records: SourceRecords, workspace: Workspace) -> str | None:
    """A warning when most of a new survey file's respondents (by answers of REPEATED_ANSWER_WORDS or more words)
    repeat word for word another stored survey file's: a re-export with the new rows saved beside the old export
    (qa275, qa277: saved to a new folder and ingested, 114 respondents became 249 with no word said)."""
    elsewhere = workspace.texts_elsewhere("survey_response", records.path)
    found = most_repeated([d.text for d in records.documents], elsewhere)
    if found is None or not Path(found[0]).is_file():
        return None
    other, repeated, of = found
    # (the export with fewer respondents is the older one, whichever was ingested last: the old file ingested again
    # after a forget was told to forget the re-export, qa305)
    older = records.path if len(records.documents) < workspace.documents_of_source(other) else other
    return (
        f"{repeated} of its {of} respondents answer word for word as respondents of {other} do (a re-export of "
        f"that survey?): both files are read, so those respondents count twice. To keep the newer export alone: "
        f"{forget_command(workspace.path, older)}"
    )


def most_repeated(
    answers: Sequence[str], elsewhere: Mapping[str, Collection[str]]
) -> tuple[str, int, int] | None:
    """The other survey file that most of these respondents (by answers of REPEATED_ANSWER_WORDS or more words)
    repeat word for word (``elsewhere``: each answer's other files), with how many do and of how many; None when
    fewer than half do."""
    own = [text for text in answers if len(text.split()) >= REPEATED_ANSWER_WORDS]
    counts = Counter(source for text in own for source in elsewhere.get(text, ()))
    if not counts:
        return None
    other, repeated = counts.most_common(1)[0]
    return (other, repeated, len(own)) if 2 * repeated >= len(own) else None


def _also_in(accounts: list[str], other: str, workspace: Path) -> str:
    """The warning that accounts of this file are in another one too, naming ACCOUNTS_NAMED of them."""
    if len(accounts) == 1:
        return f"account {accounts[0]} is also in {other}; this file's record replaces it"
    named = ", ".join(accounts[:ACCOUNTS_NAMED])
    if len(accounts) > ACCOUNTS_NAMED:
        named += f" and {len(accounts) - ACCOUNTS_NAMED} more"
    return (
        f"{len(accounts)} accounts {named} are also in {other}; this file's records replace them "
        f"(to drop the older file from the workspace: {forget_command(workspace, other)})"
    )


def repair_vectors(workspace: Workspace, embedder: Embedder) -> int:
    """Re-embed every recorded chunk whose vector Chroma lacks (a lost write, a deleted chroma/); how many."""
    missing = workspace.missing_vectors()
    if not missing:
        return 0
    wanted = {doc_id for _, doc_id, *_ in missing}
    documents = {d.doc_id: d for d in workspace.documents() if d.doc_id in wanted}
    chunks = []
    for chunk_id, doc_id, turn_index, start, end in missing:
        document = documents[doc_id]
        chunks.append(
            Chunk(
                chunk_id=chunk_id, doc_id=doc_id, turn_index=turn_index, start=start, end=end,
                text=document.text[start:end],
            )
        )  # fmt: skip
    workspace.add_vectors(chunks, embedder.embed([c.text for c in chunks]))
    return len(chunks)


def link_documents(workspace: Workspace) -> tuple[int, dict[str, int], list[str]]:
    """Point interviews and survey responses at the CRM accounts their id, company name or e-mail domain names:
    how many links changed, how many documents are linked by each key, and a note per name two or more accounts
    share that left documents unlinked."""
    accounts = workspace.accounts()
    if not accounts:
        return 0, {}, []
    index = AccountIndex(accounts)
    references = workspace.account_references()
    named, read_as_company = company_columns(workspace.survey_answers(), index)
    for doc_id, company in named.items():
        references[doc_id].append(company)
    found = link_by(references, index)
    changed = workspace.set_document_accounts({d: f[0] for d, f in found.items() if f is not None})
    notes = read_as_company + shared_name_notes(index, references, found)
    return changed, dict(count_keys(found).most_common()), notes


def _groups(changed: list[_Pending]) -> list[list[_Pending]]:
    """Sources in groups of about EMBED_GROUP_CHUNKS chunks, stored group by group as they are embedded."""
    groups: list[list[_Pending]] = [[]]
    size = 0
    for item in changed:
        if size >= EMBED_GROUP_CHUNKS:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += len(item.records.chunks)
    return [g for g in groups if g]


def _summary(records: SourceRecords) -> str:
    if records.kind == "accounts":
        return f"{len(records.accounts)} accounts"
    if records.kind == "survey":
        return f"{len(records.documents)} respondents, {len(records.chunks)} answers"
    turns = sum(len(d.turns) for d in records.documents)
    customer = sum(t.is_customer for d in records.documents for t in d.turns)
    return f"{turns} turns ({customer} customer), {len(records.chunks)} chunks"
