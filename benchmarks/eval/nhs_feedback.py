"""Measurement 6: themes on NHS patient feedback with human codes, icp-assist's theme stage beside BERTopic.

About 10,000 real Friends and Family Test comments (``nhs_patient_feedback_coded/text_data.csv``), each given
one code by human labellers: a subcategory (44 in all) within a category (9). Each trust's question is one
open survey column; the comments are ingested as a survey through icp-assist's own ingest, cut into
statements and embedded with the bundled MiniLM. Per question, on the same statements and vectors, the
ungated theme stage (``recurring_clusters``) and BERTopic (defaults, vectors precomputed, UMAP seeded, mean
over seeds) are scored per comment (its most common theme) against the subcategory and the category codes.
No threshold was tuned on this set.
"""

from __future__ import annotations

import csv
import statistics
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from icp_assist.embed import Embedder

from .data import eval_data
from .metrics import Agreement, agreement
from .survey_themes import (
    OUTLIER,
    Statements,
    bertopic,
    by_answer,
    ingest_survey,
    mean_agreement,
    ours,
    respondent,
)

LEVELS = ("subcategory", "label")  # the human codes, fine and coarse
METHODS = ("icp-assist", "BERTopic")


@dataclass(frozen=True)
class NhsResult:
    """One trust's question: comments, human code counts and each method's agreement at each code level."""

    question: str
    comments: int
    codes: dict[str, int]
    scores: dict[str, dict[str, Agreement]]  # method -> level -> agreement


def comments(limit: int | None = None) -> dict[str, list[dict[str, str]]]:
    """The coded comments by question ("Trust A - Q1", ...); ``limit`` keeps the first N of each (smoke runs)."""
    path = eval_data() / "nhs_patient_feedback_coded" / "text_data.csv"
    by_question: dict[str, list[dict[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["feedback"].strip():
                by_question.setdefault(row["question"], []).append(row)
    return {q: rows[:limit] if limit else rows for q, rows in sorted(by_question.items())}


def run(embedder: Embedder, *, limit: int | None = None, seeds: int = 3) -> list[NhsResult]:
    """Every question of the coded set, ingested together as one survey."""
    questions = comments(limit)
    columns = list(questions)
    table = [
        [row["row_index"], *(row["feedback"] if c == q else "" for c in columns)]
        for q, rows in questions.items()
        for row in rows
    ]
    with tempfile.TemporaryDirectory(prefix="icp-eval-nhs-") as folder:
        statements = ingest_survey(["Respondent ID", *columns], table, columns, embedder, Path(folder))
    return [_question(statements, q, rows, seeds=seeds) for q, rows in questions.items()]


def _question(statements: Statements, question: str, rows: list[dict[str, str]], *, seeds: int) -> NhsResult:
    members = [i for i, u in enumerate(statements.units) if u.question == question]
    gold = {level: {r["row_index"]: r[level] for r in rows} for level in LEVELS}
    found = {METHODS[0]: [ours(statements, members)]}
    if seeds:  # none: icp-assist only (benchmarks/eval/theme_stage.py)
        found[METHODS[1]] = [bertopic(statements, members, seed=seed) for seed in range(seeds)]
    scores = {
        method: {level: _judged(statements, members, runs, gold[level]) for level in LEVELS}
        for method, runs in found.items()
    }
    codes = {level: len(set(gold[level].values())) for level in LEVELS}
    return NhsResult(question, len(rows), codes, scores)


def _judged(
    statements: Statements, members: Sequence[int], runs: list[dict[int, int]], gold: dict[str, str]
) -> Agreement:
    judged = []
    for themes in runs:
        found = by_answer(statements, members, themes, respondent)
        keys = [a for a in found if a in gold]
        judged.append(agreement([found[a] for a in keys], [gold[a] for a in keys], outlier=OUTLIER))
    return mean_agreement(judged)


def nhs_table(results: Sequence[NhsResult], *, seeds: int) -> str:
    """The measurement's subsection for docs/benchmarks.md."""
    lines = [
        "### 6. Themes on NHS patient feedback with human codes, beside BERTopic",
        "",
        "`benchmarks/eval/nhs_feedback.py`. ../shared/eval/nhs_patient_feedback_coded (pxtextmining, "
        "Friends and Family Test comments, each coded by people: one subcategory of 44 within one of 9 "
        "categories). Per trust question, the ungated theme stage and BERTopic 0.17 (defaults, UMAP seeded, "
        f"mean of {seeds} seeds) on the same statements and MiniLM vectors; a comment's theme is the most "
        'common theme of its statements, and comments in no theme form one "no theme" group. '
        "No threshold was tuned on this set.",
        "",
        "| question | comments | codes used (sub / category) | method | themes found | no theme "
        "| ARI sub | NMI sub | ARI category | NMI category |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for method in METHODS:
            sub, cat = r.scores[method]["subcategory"], r.scores[method]["label"]
            first = method == METHODS[0]
            codes = f"{r.codes['subcategory']} / {r.codes['label']}" if first else ""
            lines.append(
                f"| {r.question if first else ''} | {r.comments if first else ''} | {codes} | {method} "
                f"| {sub.clusters} | {sub.unthemed:.0%} | {sub.ari:.3f} | {sub.nmi:.3f} | {cat.ari:.3f} "
                f"| {cat.nmi:.3f} |"
            )
    mean = {
        (m, level): statistics.fmean(r.scores[m][level].ari for r in results)
        for m in METHODS
        for level in LEVELS
    }
    lines += [
        "",
        f"- Mean ARI against the subcategories: icp-assist {mean[METHODS[0], 'subcategory']:.3f}, "
        f"BERTopic {mean['BERTopic', 'subcategory']:.3f}; against the categories: icp-assist "
        f"{mean[METHODS[0], 'label']:.3f}, BERTopic {mean['BERTopic', 'label']:.3f}.",
    ]
    return "\n".join(lines)
