"""`icp-assist build`: analyse the workspace and write the profile, the ICP, personas and themes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .analyze import ANALYZER_VERSION, analyze_workspace
from .analyze.facets import classifier_key
from .corrections import corrections_fingerprint
from .embed import Embedder
from .errors import StoreError
from .models import ProfileReport
from .outputs import write_text_atomic
from .render import RenderError, write_profile
from .store import Workspace

if TYPE_CHECKING:
    from .llm import LlmAnalyzer

LAST_BUILD_FILE = "last-build.json"  # in the workspace: where its last build wrote icp.json


@dataclass
class BuildResult:
    """What a build wrote, and whether it reused a cached analysis."""

    report: ProfileReport
    written: list[Path] = field(default_factory=list)
    cached: bool = False
    render_error: RenderError | None = None


def build_profile(
    workspace: Workspace,
    embedder: Embedder,
    *,
    out_dir: Path,
    template: Path | None = None,
    llm: LlmAnalyzer | None = None,
    progress: bool = False,
) -> BuildResult:
    """Analyse (or reuse the cached analysis of unchanged input), write the JSON outputs, then render.

    A template that fails to render does not stop the JSON outputs: they are written first, and the
    error is returned in ``render_error`` for the caller to report. With ``llm``, the LLM finds and
    names the themes; its answers are cached call by call, so an interrupted build resumes.
    """
    report, cached = analyze_cached(workspace, embedder, llm=llm, progress=progress)
    result = BuildResult(report=report, cached=cached)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "icp.json": report.profile.model_dump(mode="json"),
        "personas.json": [p.model_dump(mode="json") for p in report.personas],
        "themes.json": [t.model_dump(mode="json") for t in report.themes],
        "signals.json": [s.model_dump(mode="json") for s in report.signals],
    }
    if report.llm is not None:
        outputs["llm-report.json"] = report.llm.model_dump(mode="json")
    for name, data in outputs.items():
        result.written.append(
            write_text_atomic(out_dir / name, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        )
    # `score --workspace` scores against the ICP this build wrote, wherever --out put it
    last = {"icp": str((out_dir / "icp.json").resolve())}
    write_text_atomic(workspace.path / LAST_BUILD_FILE, json.dumps(last, indent=1) + "\n")
    try:
        result.written.extend(write_profile(report, out_dir, template=template))
    except RenderError as ex:
        result.render_error = ex
    return result


def last_built_icp(workspace: Path) -> Path | None:
    """The icp.json the workspace's last build wrote, if a build has run and the file is still there."""
    try:
        path = Path(json.loads((workspace / LAST_BUILD_FILE).read_text(encoding="utf-8"))["icp"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if path.is_file() else None


def analyze_cached(
    workspace: Workspace, embedder: Embedder, *, llm: LlmAnalyzer | None = None, progress: bool = False
) -> tuple[ProfileReport, bool]:
    """The workspace's analysis, reused when its input, the analyzer and the analyst's corrections are
    unchanged; and whether it was reused."""
    if not workspace.has_content():
        raise StoreError(f"workspace {workspace.path} is empty: run 'icp-assist ingest PATH' first")
    analyzer = llm.version if llm else "offline"
    corrections = corrections_fingerprint(workspace.path)  # an edit in `serve` re-applies on the next build
    classifier = classifier_key(embedder)  # an edited training set re-analyses even without a version bump
    key = f"build:{ANALYZER_VERSION}:{classifier}:{embedder.name}:{analyzer}:{workspace.fingerprint()}:{corrections}"
    cached = workspace.cached(key)
    if cached is not None:
        return ProfileReport.model_validate_json(cached), True
    report = analyze_workspace(workspace, embedder, llm=llm, progress=progress)
    if not (report.llm and report.llm.skipped):  # a build that skipped calls is redone next time
        workspace.store_cached(key, report.model_dump_json())
    return report, False
