"""Reading input files safely: folder walks, file types, permissions, size, emptiness, binary content, decoding."""

from __future__ import annotations

import codecs
import fnmatch
import io
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputFileError

TRANSCRIPT_SUFFIXES = {".txt", ".md", ".vtt", ".srt", ".docx", ".json"}
TABLE_SUFFIXES = {".csv", ".tsv", ".xlsx"}
SUPPORTED_SUFFIXES = TRANSCRIPT_SUFFIXES | TABLE_SUFFIXES
ZIP_SUFFIXES = {".docx", ".xlsx"}
ZIP_EXPANSION = 20  # real .docx/.xlsx unpack to 3-10x their size; a zip bomb to thousands of times
IGNORE_FILE = ".icpignore"
DEFAULT_IGNORES = ("README*", "LICENSE*", "CHANGELOG*", IGNORE_FILE)


@dataclass(frozen=True)
class Skipped:
    """Something the folder walk found but did not read, and why; ``error`` when a file may be lost."""

    path: Path
    reason: str
    error: bool = True


def find_input_files(paths: Iterable[Path], *, workspace: Path | None = None) -> Iterator[Path | Skipped]:
    """Files named directly, and every file below named folders (sorted, hidden and ignored files skipped).

    Each folder is walked once (symbolic-link loops end), only regular files are yielded, and what cannot
    be walked (an unreadable folder, a FIFO or device, a broken link) comes back as a Skipped with the reason.
    The ``workspace`` folder, when it lies inside a walked folder, is left out: its store is not input.
    """
    visited: set[tuple[int, int]] = set()
    own = _identity(workspace) if workspace is not None and workspace.is_dir() else None
    for path in paths:
        try:
            is_dir = path.is_dir()
        except OSError as ex:
            yield Skipped(path, f"cannot read: {ex.strerror or ex}")
            continue
        if is_dir:
            patterns, problem = _ignore_patterns(path)
            if problem:
                yield problem
            used: set[Pattern] = set()
            yield from _walk(path, patterns, visited, own, used)
            yield from _unused(patterns, used)
        else:
            yield path  # read_bytes refuses anything but a regular file


@dataclass(frozen=True)
class Pattern:
    """A line of an ``.icpignore`` (``origin``; None for the default ignores): a glob matched against a name, a
    folder's only when it ends with "/", as in a .gitignore ("leads/")."""

    text: str
    origin: Path | None = None

    def matches(self, name: str, is_folder: bool) -> bool:
        if self.text.endswith("/") and not is_folder:
            return False
        return fnmatch.fnmatch(name, self.text.strip("/") or self.text)


_DEFAULTS = tuple(Pattern(p) for p in DEFAULT_IGNORES)


def _unused(patterns: tuple[Pattern, ...], used: set[Pattern]) -> Iterator[Skipped]:
    """A note for each line of an .icpignore that left nothing out: said, never silently kept ("leads/" written as
    in a .gitignore, qa297, before a line could name a folder so)."""
    for pattern in patterns:
        if pattern.origin is not None and pattern not in used:
            yield Skipped(
                pattern.origin,
                f"its line {pattern.text!r} matches no file or folder below it; nothing was left out by it",
                error=False,
            )


def _walk(
    folder: Path,
    patterns: tuple[Pattern, ...],
    visited: set[tuple[int, int]],
    own: tuple[int, int] | None,
    used: set[Pattern],
) -> Iterator[Path | Skipped]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) == own:
            yield Skipped(folder, "the workspace this ingest writes to; its store is not input", error=False)
            return
        if (info.st_dev, info.st_ino) in visited:
            yield Skipped(
                folder, "folder already read (a symbolic link loop, or named twice); skipped", error=False
            )
            return
        visited.add((info.st_dev, info.st_ino))
        children = sorted(folder.iterdir())
    except OSError as ex:
        yield Skipped(folder, f"cannot read folder: {ex.strerror or ex}; its files were not ingested")
        return
    # (whether a child is a folder is asked only when a line names folders, "leads/")
    names_folders = any(p.text.endswith("/") for p in patterns)
    for child in children:
        if child.name.startswith("."):
            continue
        is_folder = names_folders and _is_folder(child)
        matched = [p for p in patterns if p.matches(child.name, is_folder)]
        if matched:
            used.update(matched)
            continue
        try:
            mode = child.stat().st_mode
        except OSError as ex:
            reason = "broken symbolic link" if child.is_symlink() else f"cannot read: {ex.strerror or ex}"
            yield Skipped(child, reason, error=not child.is_symlink())
            continue
        if stat.S_ISDIR(mode):
            more, problem = _ignore_patterns(child)
            if problem:
                yield problem
            yield from _walk(child, patterns + more, visited, own, used)
            yield from _unused(more[len(_DEFAULTS) :], used)
        elif stat.S_ISREG(mode):
            yield child
        else:
            yield Skipped(child, f"not a regular file ({_file_type(mode)}); not read")


def _identity(folder: Path) -> tuple[int, int]:
    info = folder.stat()
    return info.st_dev, info.st_ino


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _ignore_patterns(folder: Path) -> tuple[tuple[Pattern, ...], Skipped | None]:
    """Default ignores plus the glob patterns listed in the folder's ``.icpignore``, and any problem reading it."""
    ignore_file = folder / IGNORE_FILE
    try:
        if not ignore_file.is_file():
            return _DEFAULTS, None
        data = ignore_file.read_bytes()
    except OSError as ex:
        return _DEFAULTS, Skipped(
            ignore_file, f"cannot read: {ex.strerror or ex}; its patterns were not applied"
        )
    problem = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # File names that are not UTF-8 are surrogate-escaped the same way, so such patterns still match them.
        text = data.decode("utf-8", "surrogateescape")
        problem = Skipped(ignore_file, "not UTF-8 text; its patterns were read byte for byte", error=False)
    lines = text.splitlines()
    patterns = tuple(Pattern(s.strip(), ignore_file) for s in lines if s.strip() and not s.startswith("#"))
    return _DEFAULTS + patterns, problem


def _file_type(mode: int) -> str:
    kinds = {
        stat.S_ISFIFO: "a FIFO",
        stat.S_ISSOCK: "a socket",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a file")


def read_bytes(path: Path, *, max_mb: float) -> bytes:
    """The file's bytes, refusing missing, oversized, empty, non-regular and (for text formats) binary files."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputFileError("file not found") from None
    except OSError as ex:
        raise InputFileError(f"cannot read: {ex.strerror or ex}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError("is a folder; name the folder to ingest every file in it")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(f"not a regular file ({_file_type(info.st_mode)}); not read")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        known = " ".join(sorted(SUPPORTED_SUFFIXES))
        raise InputFileError(f"unsupported file type '{suffix or path.name}' (supported: {known})")
    limit = int(max_mb * 1024 * 1024)
    too_big = f"over the {max_mb:g} MB limit (raise it with --max-file-mb)"
    if info.st_size > limit:
        raise InputFileError(f"file is {info.st_size / 1024 / 1024:.1f} MB, {too_big}")
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)  # the file may have grown since stat
    except OSError as ex:
        raise InputFileError(f"cannot read: {ex.strerror or ex}") from None
    if len(data) > limit:
        raise InputFileError(f"file is {too_big}")
    if not data.strip():
        raise InputFileError("file is empty")
    if suffix not in ZIP_SUFFIXES and _looks_binary(data):
        raise InputFileError(f"file looks binary, not {suffix[1:]} text")
    if suffix in ZIP_SUFFIXES:
        _refuse_zip_bomb(data, limit=limit * ZIP_EXPANSION)
    return data


def _refuse_zip_bomb(data: bytes, *, limit: int) -> None:
    """Refuse a .docx/.xlsx whose parts unpack to more than ``limit`` bytes (zipfile never reads past the sizes
    the archive declares, so the declared sizes bound the work). A damaged archive is left to its reader."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    if unpacked > limit:
        raise InputFileError(
            f"unpacks to {unpacked / 1024 / 1024:.0f} MB, over {limit / 1024 / 1024:.0f} MB "
            f"({ZIP_EXPANSION}x the --max-file-mb limit): refused as a possible zip bomb"
        )


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return False
    return b"\x00" in head


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text in UTF-16 written without a byte-order mark, else None: in text of
    Latin letters every other byte is a NUL, the same half of each pair (an export a tester's tool wrote so was
    refused as binary, and --encoding could not rescue it). The usual test of such detectors, not fitted to data."""
    head = data[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4 or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    firsts, seconds = head[0::2], head[1::2]
    nul_first, nul_second = firsts.count(0) / len(firsts), seconds.count(0) / len(seconds)
    if nul_second >= UTF16_NUL_SHARE and nul_first <= 1 - UTF16_NUL_SHARE:
        return "utf-16-le"
    if nul_first >= UTF16_NUL_SHARE and nul_second <= 1 - UTF16_NUL_SHARE:
        return "utf-16-be"
    return None


UTF16_NUL_SHARE = (
    0.9  # of one half of the byte pairs NUL (and of the other at most 1 - this) in Latin-script text
)


def decode_text(data: bytes, *, encoding: str | None = None) -> str:
    """Decode text as UTF-8 (or the given encoding, or UTF-16 found with or without its byte-order mark);
    newlines normalised to '\\n'."""
    if encoding is None:
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        encoding = "utf-16" if utf16 else utf16_without_bom(data) or "utf-8-sig"
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


# Latin-script code pages a detector cannot tell from Windows' own (Excel on US and Western European Windows
# writes cp1252): a short file of Spanish or French reads as cp1250 or cp1257 just as well, 'ñ' becoming 'ń'.
_LATIN_PAGES = frozenset(
    ["cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
     "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2", "cp850",
     "cp437", "cp852", "cp775", "hp_roman8"]
)  # fmt: skip


def _encoding_hint(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "; re-save it as UTF-8 or pass --encoding"
    guess = best.encoding
    if guess == "cp1252" or guess not in _LATIN_PAGES or not _decodes(data, "cp1252"):
        return f"; it looks like {guess}: re-run with --encoding {guess}"
    word = _first_accented_word(data)
    shown = f" ('{word.decode('cp1252')}' with cp1252, '{word.decode(guess)}' with {guess})" if word else ""
    return (
        f"; it looks like cp1252 (Excel on Windows in the US and Western Europe) or {guess}, which the bytes "
        f"cannot tell apart{shown}: re-run with --encoding cp1252, or --encoding {guess} if its letters are right"
    )


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _first_accented_word(data: bytes) -> bytes | None:
    """The first word with a byte above ASCII, to show what each encoding makes of it."""
    return next((w for w in data.split() if any(b > 127 for b in w)), None)
