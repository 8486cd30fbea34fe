"""Files icp-assist itself wrote (a profile, icp.json, themes, scored leads), told by their content, not name.

Ingesting a folder that holds an earlier build's outputs must not read them back as customer evidence: a
profile.md would come in as an interview whose every quote is counted again.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..models import IcpProfile, LlmReport, Persona, Signal, Theme

_MARKDOWN_PROFILE = re.compile(r"\A\s*# Ideal Customer Profile\s*\n(?:\s*\n)*[^\n]*\banalyzer \S+")
_HTML_PROFILE = re.compile(r"<title>\s*Ideal Customer Profile\s*</title>.*?\banalyzer \S+", re.DOTALL)
_HTML_PAGE = re.compile(r"<title>[^<]*· icp-assist\s*</title>")  # a page of `serve` or `build --site`
_SCORE_COLUMNS = ("icp_score", "icp_confidence", "icp_reasons", "icp_missing")  # score.write_scores adds them
_JSON_OUTPUTS: dict[str, type[BaseModel]] = {
    "an ICP (icp.json)": IcpProfile,
    "themes (themes.json)": Theme,
    "personas (personas.json)": Persona,
    "outcome signals (signals.json)": Signal,
    "an LLM report (llm-report.json)": LlmReport,
}
_EMPTY_LISTS = {
    "themes.json": "themes (themes.json, empty)",
    "personas.json": "personas (personas.json, empty)",
    "signals.json": "outcome signals (signals.json, empty)",
}
_HEAD = 65_536
_SUFFIXES = {".md", ".txt", ".html", ".htm", ".json", ".csv", ".tsv"}


def icp_assist_output(path: Path, *, max_mb: float) -> str | None:
    """What output of icp-assist the file is ('the profile (profile.md)'), or None when it is not one."""
    suffix = path.suffix.lower()
    try:
        if suffix not in _SUFFIXES or not path.is_file() or path.stat().st_size > max_mb * 1024 * 1024:
            return None
        data = path.read_bytes() if suffix == ".json" else _head(path)
    except OSError:
        return None  # the reader reports what it cannot read
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    if suffix in (".md", ".txt") and _MARKDOWN_PROFILE.match(text):
        return "the one-page profile (profile.md)"
    if suffix in (".html", ".htm") and _HTML_PROFILE.search(text):
        return "the one-page profile (profile.html)"
    if suffix in (".html", ".htm") and _HTML_PAGE.search(text):
        return "a page of the evidence explorer (serve / build --site)"
    if suffix in (".csv", ".tsv"):
        return _scored_leads(text, delimiter="\t" if suffix == ".tsv" else ",")
    if suffix == ".json":
        return _json_output(text, name=path.name)
    return None


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(_HEAD)


def _scored_leads(text: str, *, delimiter: str) -> str | None:
    try:
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return None
    if tuple(h.strip() for h in header[-len(_SCORE_COLUMNS) :]) == _SCORE_COLUMNS:
        return "leads rated by `icp-assist score`"
    return None


def _json_output(text: str, *, name: str) -> str | None:
    try:
        loaded = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    if loaded == [] and name in _EMPTY_LISTS:  # a build that found no theme, persona or signal
        return _EMPTY_LISTS[name]
    first = loaded[0] if isinstance(loaded, list) and loaded else loaded
    for name, model in _JSON_OUTPUTS.items():
        if _has_the_fields_of(first, model):
            return name
    return None


def _has_the_fields_of(value: Any, model: type[BaseModel]) -> bool:
    """An object whose keys are all fields of ``model`` and name at least half of them, its first among them."""
    if not isinstance(value, dict) or not value:
        return False
    fields = list(model.model_fields)
    keys = list(value)
    return set(keys) <= set(fields) and 2 * len(keys) >= len(fields) and keys[0] == fields[0]
