"""Manifests: a CSV beside transcripts giving each file's account, interviewee, role, segment, date, outcome."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import InputFileError
from .columns import normalise_header
from .files import read_bytes
from .tables import Table, read_table

_FILE_HEADERS = {"file", "filename", "file name", "transcript", "path"}
_KEYS = {
    "account": "account_id", "account id": "account_id", "company id": "account_id",
    "title": "role", "job title": "role", "interviewer": "interviewers", "interviewers": "interviewers",
    "interviewee": "interviewee", "name": "interviewee",
}  # fmt: skip


def is_manifest(path: Path, table: Table | None = None) -> bool:
    """A table named like '*manifest*' with a file-name column."""
    if "manifest" not in path.stem.lower() or path.suffix.lower() not in {".csv", ".tsv", ".xlsx"}:
        return False
    return table is None or _file_column(table) is not None


def _file_column(table: Table) -> str | None:
    return next((c for c in table.header if normalise_header(c) in _FILE_HEADERS), None)


def read_manifest(path: Path, *, max_mb: float, encoding: str | None = None) -> dict[str, dict[str, Any]]:
    """Metadata per transcript, keyed by its file cell as written ('call.json', 'gong/call.json'), from one
    manifest table."""
    table = read_table(path, read_bytes(path, max_mb=max_mb), encoding=encoding)
    file_column = _file_column(table)
    if file_column is None:
        raise InputFileError(f"manifest has no file column (columns: {', '.join(table.header)})")
    entries: dict[str, dict[str, Any]] = {}
    for row in table.rows:
        values = dict(zip(table.header, row, strict=True))
        written = _written_path(values.pop(file_column))
        if written:
            entries[written] = {_key(k): v for k, v in values.items() if v}
    return entries


def _written_path(value: str) -> str:
    """A manifest's file cell as a relative path in '/' form: 'gong\\call.json' and './gong/call.json' are
    'gong/call.json'; a bare file name stays as it is."""
    parts = [p for p in value.strip().replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


def manifest_entry(path: Path, folder: Path, entries: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """A transcript's metadata in the manifests of ``folder`` (its own folder or one above it): the entry whose
    file cell is its path from that folder ('gong/call.json'), else one naming it by file name alone (the
    last part of the cell)."""
    relative = path.relative_to(folder).as_posix()
    if relative in entries:
        return entries[relative]
    named = [meta for written, meta in entries.items() if written.rsplit("/", 1)[-1] == path.name]
    return named[-1] if named else None


def interviewers_of_every_call(entries: dict[str, dict[str, Any]]) -> list[str]:
    """The interviewers a manifest names on any of its rows ("Priya Shah; Dev Patel"): the vendor's people."""
    named = (
        part.strip()
        for meta in entries.values()
        for part in re.split(r"[;,]", str(meta.get("interviewers") or ""))
    )
    return sorted({n for n in named if n})


def _key(header: str) -> str:
    normal = normalise_header(header)
    return _KEYS.get(normal, normal.replace(" ", "_"))


def manifests_for(folder: Path, *, max_mb: float, encoding: str | None = None) -> dict[str, dict[str, Any]]:
    """Merged metadata from every manifest in a folder (later files win for the same transcript)."""
    merged: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and is_manifest(path):
            for name, meta in read_manifest(path, max_mb=max_mb, encoding=encoding).items():
                merged.setdefault(name, {}).update(meta)
    return merged
