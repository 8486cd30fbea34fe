"""Measurement 4: the whole pipeline on real buyer research (18F), and an independent check of every quote.

The research folder is ingested as a user would ingest it (every file; scripts and plans without
participants' words are refused with a reason), the profile is built, and every quote in the written
icp.json, personas.json and themes.json is checked against the file on disk, not against the workspace:

- verbatim: the file's text[start:end] is the quote;
- a participant's words: the span lies inside one ``> `` blockquote line of the file (these syntheses have
  no speaker labels; participants are quoted in blockquotes, everything else is the researchers' prose);
- not from a plan, script or template (file name): those quote the researchers' own plans, not buyers.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icp_assist.build import build_profile
from icp_assist.embed import Embedder
from icp_assist.ingest import ingest
from icp_assist.store import Workspace

from .data import buyer_research_folder

_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>.*$", re.MULTILINE)
_RESEARCHER_FILES = re.compile(r"plan|script|template", re.IGNORECASE)


@dataclass
class QuoteCheck:
    """What the check found in one build's outputs."""

    files: int = 0
    ingested: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    themes: int = 0
    quotes: int = 0
    verbatim: int = 0
    in_blockquote: int = 0
    from_researcher_files: int = 0
    by_file: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def evidence_in(data: Any) -> Iterator[dict[str, Any]]:
    """Every evidence object (document, start, end, quote) anywhere in a JSON value."""
    if isinstance(data, dict):
        if {"document", "start", "end", "quote"} <= data.keys():
            yield data
        for value in data.values():
            yield from evidence_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from evidence_in(value)


def check_quote(evidence: dict[str, Any], check: QuoteCheck) -> None:
    path = Path(evidence["document"])
    text = path.read_bytes().decode("utf-8-sig")
    start, end = evidence["start"], evidence["end"]
    check.quotes += 1
    check.by_file[path.name] += 1
    check.verbatim += text[start:end] == evidence["quote"]
    check.in_blockquote += any(m.start() <= start and end <= m.end() for m in _BLOCKQUOTE.finditer(text))
    check.from_researcher_files += bool(_RESEARCHER_FILES.search(path.name))


def run(embedder: Embedder, paths: list[Path] | None = None) -> QuoteCheck:
    """Ingest the research folder (or the given files), build the profile, check every quote in the outputs."""
    paths = paths or [buyer_research_folder()]
    check = QuoteCheck()
    with tempfile.TemporaryDirectory(prefix="icp-eval-") as tmp:
        with Workspace(Path(tmp) / "workspace", embedding_name=embedder.name) as workspace:
            report = ingest(paths, workspace=workspace, embedder=embedder)
            check.files = len(report.files)
            check.ingested = report.count("added") + report.count("updated") + report.count("unchanged")
            check.refused = [(Path(f.path).name, f.message) for f in report.failed]
            result = build_profile(workspace, embedder, out_dir=Path(tmp) / "out")
        check.themes = len(result.report.themes)
        check.warnings = list(result.report.profile.warnings)
        for name in ("icp.json", "personas.json", "themes.json"):
            data = json.loads((Path(tmp) / "out" / name).read_text(encoding="utf-8"))
            for evidence in evidence_in(data):
                check_quote(evidence, check)
    return check
