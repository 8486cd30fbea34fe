"""Theme stability on samples/: build on a 70% subset, add the rest, build again; do themes keep id and label?

    .venv/bin/python benchmarks/theme_stability.py [--share 0.7] [--seed 0] [--verbose]

The subset is 70% of the interview files (the manifest cut to match) and 70% of the survey respondents
(rows of the CSV), drawn with ``--seed``; the CRM accounts are always all there. The first build runs on a
fresh workspace holding the subset; the rest of the data is then ingested into the same workspace and the
second build runs, as a team adding interviews would. Reported:

- **kept**: the share of the subset's themes whose id is in the full build with the same label (target ≥ 0.8),
  and what it would be at other codebook match bars (``MATCH_SIMILARITY``);
- the `diff` of the two themes.json files: themes that appeared, vanished, rose, fell or changed. Every
  theme `diff` lists as rose/fell/changed must have a different interview or respondent count (a real move).
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def write_subset(target: Path, *, share: float, seed: int) -> None:
    """Copy samples/ into ``target`` keeping ``share`` of the interviews and of the survey rows."""
    rng = random.Random(seed)
    shutil.copytree(SAMPLES / "accounts", target / "accounts")
    interviews = sorted(p for p in (SAMPLES / "interviews").iterdir() if p.name != "manifest.csv")
    kept = set(rng.sample([p.name for p in interviews], round(share * len(interviews))))
    (target / "interviews").mkdir()
    for path in interviews:
        if path.name in kept:
            shutil.copy(path, target / "interviews" / path.name)
    _filter_csv(SAMPLES / "interviews" / "manifest.csv", target / "interviews" / "manifest.csv", kept)
    (target / "survey").mkdir()
    for survey in (SAMPLES / "survey").glob("*.csv"):
        with survey.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        chosen = sorted(rng.sample(range(1, len(rows)), round(share * (len(rows) - 1))))
        with (target / "survey" / survey.name).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([rows[0], *(rows[i] for i in chosen)])


def _filter_csv(source: Path, target: Path, files: set[str]) -> None:
    with source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with target.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0], *(r for r in rows[1:] if r[0] in files)])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--share", type=float, default=0.7)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    from icp_assist.analyze.codebook import CODEBOOK_FILE, load_codebook
    from icp_assist.build import build_profile
    from icp_assist.diff import diff_files, render_diff
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    embedder = MiniLMEmbedder()
    with tempfile.TemporaryDirectory(prefix="icp-stability-") as tmp:
        folder = Path(tmp)
        write_subset(folder / "subset", share=args.share, seed=args.seed)
        with Workspace(folder / "workspace", embedding_name=embedder.name) as ws:
            ingest([folder / "subset"], workspace=ws, embedder=embedder)
            first = build_profile(ws, embedder, out_dir=folder / "out-subset").report.themes
            remembered = load_codebook(ws.path / CODEBOOK_FILE)
            for part in ("accounts", "interviews", "survey"):
                shutil.copytree(SAMPLES / part, folder / "subset" / part, dirs_exist_ok=True)
            ingest([folder / "subset"], workspace=ws, embedder=embedder)
            second = build_profile(ws, embedder, out_dir=folder / "out-all").report.themes
            current = load_codebook(ws.path / CODEBOOK_FILE)[: len(second)]
        diff = diff_files(folder / "out-subset" / "themes.json", folder / "out-all" / "themes.json")
    now = {t.theme_id: t for t in second}
    kept = [t for t in first if t.theme_id in now and now[t.theme_id].label == t.label]
    kinds = [c.change for c in diff.changes]
    moved_without_counts = [
        c
        for c in diff.changes
        if c.change in ("rose", "fell", "changed")
        and c.old is not None
        and c.new is not None
        and (c.old.interviews, c.old.respondents) == (c.new.interviews, c.new.respondents)
    ]
    print(
        f"subset {args.share:.0%} (seed {args.seed}): {len(first)} themes; everything: {len(second)} themes"
    )
    print(f"kept id and label: {len(kept)}/{len(first)} = {len(kept) / max(len(first), 1):.2f}")
    print(
        "diff: "
        + ", ".join(f"{kinds.count(k)} {k}" for k in ("appeared", "vanished", "rose", "fell", "changed"))
        + f"; listed without an interview or respondent count change: {len(moved_without_counts)}"
    )
    print(
        "kept at other MATCH_SIMILARITY bars: "
        + ", ".join(f"{bar}: {share:.2f}" for bar, share in kept_at_bars(remembered, current).items())
    )
    if args.verbose:
        print(render_diff(diff))


def kept_at_bars(remembered: list[Any], current: list[Any]) -> dict[float, float]:
    """The share of remembered themes a one-to-one centroid match would keep, at several similarity bars."""
    if not remembered or not current:
        return {}
    old = np.array([e.centroid for e in remembered])
    new = np.array([e.centroid for e in current])
    old /= np.linalg.norm(old, axis=1, keepdims=True)
    new /= np.linalg.norm(new, axis=1, keepdims=True)
    similar = new @ old.T
    rows, columns = linear_sum_assignment(-similar)
    pairs = similar[rows, columns]
    return {bar: float((pairs >= bar).sum()) / len(remembered) for bar in (0.6, 0.7, 0.8, 0.9)}


if __name__ == "__main__":
    main()
