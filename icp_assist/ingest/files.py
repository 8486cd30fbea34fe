"""Reading input files safely: size, emptiness, binary content and text decoding."""

from __future__ import annotations

import codecs
import fnmatch
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputFileError

TRANSCRIPT_SUFFIXES = {".txt", ".md", ".vtt", ".srt", ".docx", ".json"}
TABLE_SUFFIXES = {".csv", ".tsv", ".xlsx"}
SUPPORTED_SUFFIXES = TRANSCRIPT_SUFFIXES | TABLE_SUFFIXES
ZIP_SUFFIXES = {".docx", ".xlsx"}
IGNORE_FILE = ".icpignore"
DEFAULT_IGNORES = ("README*", "LICENSE*", "CHANGELOG*", IGNORE_FILE)


def find_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every file below named folders (sorted, hidden and ignored files skipped)."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path, _ignore_patterns(path))
        else:
            yield path


def _walk(folder: Path, patterns: tuple[str, ...]) -> Iterator[Path]:
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or any(fnmatch.fnmatch(child.name, p) for p in patterns):
            continue
        if child.is_dir():
            yield from _walk(child, patterns + _ignore_patterns(child))
        elif child.is_file():
            yield child


def _ignore_patterns(folder: Path) -> tuple[str, ...]:
    """Default ignores plus the glob patterns listed in the folder's ``.icpignore``."""
    ignore_file = folder / IGNORE_FILE
    if not ignore_file.is_file():
        return DEFAULT_IGNORES
    lines = ignore_file.read_text(encoding="utf-8").splitlines()
    return DEFAULT_IGNORES + tuple(s.strip() for s in lines if s.strip() and not s.startswith("#"))


def read_bytes(path: Path, *, max_mb: float) -> bytes:
    """The file's bytes, refusing missing, oversized, empty and (for text formats) binary files."""
    if not path.exists():
        raise InputFileError("file not found")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        known = " ".join(sorted(SUPPORTED_SUFFIXES))
        raise InputFileError(f"unsupported file type '{suffix or path.name}' (supported: {known})")
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise InputFileError(
            f"file is {size / 1024 / 1024:.1f} MB, over the {max_mb:g} MB limit (raise it with --max-file-mb)"
        )
    data = path.read_bytes()
    if not data.strip():
        raise InputFileError("file is empty")
    if suffix not in ZIP_SUFFIXES and _looks_binary(data):
        raise InputFileError(f"file looks binary, not {suffix[1:]} text")
    return data


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def decode_text(data: bytes, *, encoding: str | None = None) -> str:
    """Decode text as UTF-8 (or the given encoding); newlines normalised to '\\n'."""
    if encoding is None:
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except LookupError as ex:
        raise InputFileError(f"unknown encoding {encoding!r}") from ex
    except UnicodeDecodeError as ex:
        raise InputFileError(
            f"cannot decode as {ex.encoding} (byte 0x{data[ex.start]:02x} at offset {ex.start})"
            f"{_encoding_hint(data)}"
        ) from ex
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding_hint(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "; re-save it as UTF-8 or pass --encoding"
    return f"; it looks like {best.encoding}: re-run with --encoding {best.encoding}"
