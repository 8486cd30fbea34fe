"""Writing output files atomically: a failed or interrupted write never leaves a partial file."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

# OWASP's CSV-injection rule: a cell starting with one of these is a formula to Excel, LibreOffice and Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def spreadsheet_cell(value: str) -> str:
    """The cell prefixed with a single quote when a spreadsheet would run it as a formula.

    Plain numbers ('-12.5', '+3', '-1,200') are left alone so numeric columns stay numbers.
    """
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def terminal_text(value: str) -> str:
    """Text safe to print on a terminal: formula-neutralised, control characters (escape codes) shown as '?'."""
    return _CONTROL.sub("?", spreadsheet_cell(value))


def write_text_atomic(path: Path, text: str) -> Path:
    """Write text to a temporary file beside ``path``, then move it into place."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write bytes to a temporary file beside ``path``, then move it into place."""
    # mkstemp makes the file 0600; outputs are meant to be shared, so keep the old mode or use 0644.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
