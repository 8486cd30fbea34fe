"""Manifests: a CSV beside transcripts giving each file's account, interviewee, role, segment, date, outcome."""

from __future__ import annotations

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
    """Metadata per transcript file name, from one manifest table."""
    table = read_table(path, read_bytes(path, max_mb=max_mb), encoding=encoding)
    file_column = _file_column(table)
    if file_column is None:
        raise InputFileError(f"manifest has no file column (columns: {', '.join(table.header)})")
    entries: dict[str, dict[str, Any]] = {}
    for row in table.rows:
        values = dict(zip(table.header, row, strict=True))
        name = Path(values.pop(file_column)).name
        if name:
            entries[name] = {_key(k): v for k, v in values.items() if v}
    return entries


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
