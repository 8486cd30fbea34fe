"""Reading the JSON files `icp-assist build` writes, with errors that name the file and what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from .errors import IcpAssistError


def read_json(path: Path, *, error: type[IcpAssistError], produced_by: str) -> object:
    """The parsed JSON of ``path``; ``error`` (naming the file) when it is missing, unreadable or not JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as ex:
        raise error(f"{path}: no such file; {produced_by}") from ex
    except IsADirectoryError as ex:
        raise error(f"{path}: is a folder; give the JSON file inside it") from ex
    except UnicodeDecodeError as ex:
        raise error(f"{path}: not UTF-8 text, so not a file icp-assist wrote") from ex
    except OSError as ex:
        raise error(f"{path}: cannot be read ({ex.strerror})") from ex
    try:
        return json.loads(text)
    except json.JSONDecodeError as ex:
        raise error(f"{path}: not valid JSON ({ex.msg} at line {ex.lineno} column {ex.colno})") from ex
    except RecursionError:  # the depth limit: json nests no deeper than the interpreter's recursion limit
        raise error(f"{path}: JSON nested too deeply, so not a file icp-assist wrote") from None


def first_error(ex: ValidationError) -> str:
    """The first validation error as 'rubric.rules[2].points: Input should be ...' (and how many more)."""
    first = ex.errors()[0]
    location = ""
    for part in first["loc"]:
        location += f"[{part}]" if isinstance(part, int) else f"{'.' if location else ''}{part}"
    more = f" (and {ex.error_count() - 1} more)" if ex.error_count() > 1 else ""
    return f"{location or '(top level)'}: {first['msg']}{more}"
