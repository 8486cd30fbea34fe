"""Measurement 1: themes on real survey answers, icp-assist's theme stage beside BERTopic on the same vectors.

Answers are ingested as a survey through icp-assist's own ingest (a CSV written to a temporary folder, one
row per respondent), cut into statements by ``customer_units`` and embedded through the workspace cache
with the bundled MiniLM. On the same statements and the same vectors:

- **icp-assist**: ``recurring_clusters`` (the theme stage: a silhouette-chosen cut, among 2 to √N clusters, of
  the average-linkage tree of mean-centred vectors; clusters that at least two respondents raise), over
  every answer of the question;
- **icp-assist, facet gate**: the full ``find_themes`` path, which first keeps only statements with a
  buying facet (pain, trigger, goal...), as a build does;
- **BERTopic** 0.17 with its defaults (UMAP 5-d, HDBSCAN min_topic_size 10), the vectors passed in
  precomputed so it loads no model, UMAP seeded; the mean over ``seeds``.

A respondent's theme is the most common theme of their statements; statements in no theme (BERTopic's -1
topic, icp-assist's one-off clusters) form one "no theme" group. Scored on the respondents with exactly one
gold label (the Jupyter labels are multi-label; ARI and NMI need one label per answer).
"""

from __future__ import annotations

import csv
import logging
import statistics
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from icp_assist.analyze.facets import classify
from icp_assist.analyze.themes import recurring_clusters
from icp_assist.analyze.units import Unit, customer_units
from icp_assist.embed import Embedder
from icp_assist.ingest import IngestOptions, SurveyColumns, ingest
from icp_assist.store import Workspace

from .data import JUPYTER_QUESTIONS, answer_columns, coded_texts, jupyter_labels, jupyter_rows
from .metrics import Agreement, agreement

OUTLIER = -1
METHODS = ("icp-assist", "icp-assist, facet gate", "BERTopic")


@dataclass(frozen=True)
class Statements:
    """The ingested statements of one survey, their vectors and facet assignments."""

    units: list[Unit]
    vectors: np.ndarray
    faceted: set[int]


@dataclass(frozen=True)
class QuestionResult:
    """One labelled question: the gold themes and each method's agreement with them."""

    dataset: str
    question: str
    answers: int
    gold_themes: int
    scores: dict[str, Agreement]


def ingest_survey(
    header: list[str], rows: list[list[str]], open_columns: list[str], embedder: Embedder, folder: Path
) -> Statements:
    """Write the answers as a CSV, ingest it as a survey into a fresh workspace, return its statements."""
    path = folder / "survey.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    options = IngestOptions(kind="survey", survey_columns=SurveyColumns(open=open_columns))
    with Workspace(folder / "workspace", embedding_name=embedder.name) as workspace:
        report = ingest([path], workspace=workspace, embedder=embedder, options=options)
        if report.failed:
            raise RuntimeError(f"survey ingest failed: {report.failed[0].message}")
        units = customer_units(workspace.documents())
        vectors = workspace.embed_cached([u.text for u in units], embedder)
    facets = classify(units, vectors, embedder)
    return Statements(units, vectors, {i for i, f in enumerate(facets.assigned) if f})


def ours(statements: Statements, members: Sequence[int], *, gate: bool = False) -> dict[int, int]:
    """Statement row -> theme number from the theme stage (statements left out are not in the dict)."""
    if gate:
        members = [i for i in members if i in statements.faceted]
    clusters = recurring_clusters(statements.units, statements.vectors, members)
    return {i: number for number, cluster in enumerate(clusters) for i in cluster}


def bertopic(statements: Statements, members: Sequence[int], *, seed: int) -> dict[int, int]:
    """Statement row -> BERTopic topic (-1 = outlier), on the same precomputed vectors."""
    from bertopic import BERTopic
    from umap import UMAP

    logging.getLogger("BERTopic").setLevel(logging.WARNING)
    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    model = BERTopic(umap_model=umap, embedding_model=None)
    docs = [statements.units[i].text for i in members]
    topics, _ = model.fit_transform(docs, embeddings=statements.vectors[list(members)])
    return {i: int(t) for i, t in zip(members, topics, strict=True)}


def by_answer(
    statements: Statements, members: Sequence[int], themes: dict[int, int], answer_of: Callable[[Unit], str]
) -> dict[str, int]:
    """Each answer's theme: the most common theme of its statements, OUTLIER when none has one."""
    votes: dict[str, Counter[int]] = {}
    for i in members:
        answer = answer_of(statements.units[i])
        votes.setdefault(answer, Counter())
        if themes.get(i, OUTLIER) != OUTLIER:
            votes[answer][themes[i]] += 1
    return {a: (c.most_common(1)[0][0] if c else OUTLIER) for a, c in votes.items()}


def score_methods(
    statements: Statements,
    members: Sequence[int],
    gold: dict[str, str],
    answer_of: Callable[[Unit], str],
    *,
    seeds: int,
) -> dict[str, Agreement]:
    """Agreement of each method with the gold labels (BERTopic: mean over seeds)."""

    def judged(themes: dict[int, int]) -> Agreement:
        found = by_answer(statements, members, themes, answer_of)
        keys = [a for a in found if a in gold]
        return agreement([found[a] for a in keys], [gold[a] for a in keys], outlier=OUTLIER)

    scores = {
        METHODS[0]: judged(ours(statements, members)),
        METHODS[1]: judged(ours(statements, members, gate=True)),
    }
    if seeds:  # none: icp-assist only (benchmarks/eval/theme_stage.py)
        scores[METHODS[2]] = mean_agreement(
            [judged(bertopic(statements, members, seed=s)) for s in range(seeds)]
        )
    return scores


def mean_agreement(runs: Sequence[Agreement]) -> Agreement:
    return Agreement(
        ari=statistics.fmean(r.ari for r in runs),
        nmi=statistics.fmean(r.nmi for r in runs),
        harmonic_purity=statistics.fmean(r.harmonic_purity for r in runs),
        n=runs[0].n,
        clusters=round(statistics.fmean(r.clusters for r in runs)),
        unthemed=statistics.fmean(r.unthemed for r in runs),
    )


def respondent(unit: Unit) -> str:
    return unit.doc_id.rsplit("#", 1)[1]


def jupyter(
    embedder: Embedder,
    *,
    questions: Sequence[str] = JUPYTER_QUESTIONS,
    limit: int | None = None,
    seeds: int = 3,
) -> list[QuestionResult]:
    """Every labelled Jupyter 2015 UX-survey question; ``limit`` keeps the first N answers of each (tests)."""
    rows = jupyter_rows()
    header = list(rows[0])
    labels = {q: jupyter_labels(q) for q in questions}
    columns = {q: answer_columns(header, q) for q in questions}
    kept: dict[str, list[str]] = {}
    for q in questions:
        answered = [r[""] for r in rows if r[""] in labels[q] and any(r[c] for c in columns[q])]
        kept[q] = answered[:limit] if limit else answered
    wanted = {index for ids in kept.values() for index in ids}
    open_columns = [c for q in questions for c in columns[q]]
    table = [
        [r[""]] + [r[c] if r[""] in kept[q] else "" for q in questions for c in columns[q]]
        for r in rows
        if r[""] in wanted
    ]
    with tempfile.TemporaryDirectory(prefix="icp-eval-") as folder:
        statements = ingest_survey(
            ["Respondent ID", *open_columns], table, open_columns, embedder, Path(folder)
        )
    results = []
    for q in questions:
        members = [i for i, u in enumerate(statements.units) if u.question in columns[q]]
        gold = {r: labels[q][r][0] for r in kept[q] if len(labels[q][r]) == 1}
        scores = score_methods(statements, members, gold, respondent, seeds=seeds)
        n_themes = len(set(gold.values()))
        results.append(
            QuestionResult(
                "jupyter 2015", q, len({respondent(statements.units[i]) for i in members}), n_themes, scores
            )
        )
    return results


def games_as_art(embedder: Embedder, *, limit: int | None = None, seeds: int = 3) -> QuestionResult:
    """The LLMCode 'games as art' answers against their span-level codes from the 31-code codebook.

    A statement's gold code is the one code of the coded spans it overlaps; statements that overlap no
    span or spans with several codes are clustered but not scored. Scored per statement, not per answer.
    """
    texts = coded_texts()[:limit] if limit else coded_texts()
    table = [[str(n), t.text] for n, t in enumerate(texts, 1)]
    with tempfile.TemporaryDirectory(prefix="icp-eval-") as folder:
        statements = ingest_survey(["Respondent ID", "Answer"], table, ["Answer"], embedder, Path(folder))
    members = list(range(len(statements.units)))
    gold: dict[str, str] = {}
    for i, unit in enumerate(statements.units):
        coded = texts[int(respondent(unit)) - 1]
        offset = coded.text.find(unit.text)
        if offset < 0:
            continue
        codes = {c for a, b, cs in coded.spans if a < offset + len(unit.text) and offset < b for c in cs}
        if len(codes) == 1:
            gold[str(i)] = codes.pop()
    scores = score_methods(statements, members, gold, lambda u: str(statements.units.index(u)), seeds=seeds)
    return QuestionResult("games as art", "why_art spans", len(texts), len(set(gold.values())), scores)
