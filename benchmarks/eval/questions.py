"""Measurement 3: QMSum questions asked with `ask` over the ingested meetings, against the gold spans.

Each question is asked about its own meeting (``filters={"account_id": meeting}``) with the statement
index built once and reused, as the interactive ``ask`` does. Recall@k is the share of a question's gold
evidence spans that at least one of the top-k citations overlaps, averaged over questions; "hit@k" is
the share of questions with at least one such citation. Latency is one ``ask`` call with the index
reused (warm model).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from icp_assist.ask import StatementIndex, ask, index_statements
from icp_assist.embed import Embedder
from icp_assist.models import Evidence
from icp_assist.store import Workspace

from .meetings import GoldQuestion, span_ranges, turn_offsets


@dataclass(frozen=True)
class QuestionSet:
    """Recall of gold evidence and latency over one set of questions."""

    name: str
    questions: int
    recall_at_5: float
    recall_at_10: float
    hit_at_5: float
    hit_at_10: float
    chance_at_5: float
    chance_at_10: float
    thin: float
    p50_ms: float
    p95_ms: float


def overlaps(citation: Evidence, ranges: Sequence[tuple[int, int]]) -> list[bool]:
    return [citation.start < end and start < citation.end for start, end in ranges]


def recall(citations: Sequence[Evidence], ranges: Sequence[tuple[int, int]], k: int) -> float:
    hits = [any(overlaps(c, ranges)[i] for c in citations[:k]) for i in range(len(ranges))]
    return sum(hits) / len(ranges)


def chance_recall(units: Sequence[tuple[int, int]], ranges: Sequence[tuple[int, int]], k: int) -> float:
    """Expected recall@k of k statements of the meeting drawn at random (the floor to beat)."""
    total = len(units)
    expected = []
    for start, end in ranges:
        inside = sum(a < end and start < b for a, b in units)
        expected.append(
            1 - math.comb(total - inside, k) / math.comb(total, k) if total >= k else float(inside > 0)
        )
    return statistics.fmean(expected)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ask_all(
    workspace: Workspace,
    embedder: Embedder,
    sets: dict[str, list[GoldQuestion]],
    *,
    index: StatementIndex | None = None,
) -> list[QuestionSet]:
    """Ask every question of every set; the statement index is built once."""
    index = index or index_statements(workspace, embedder)
    by_meeting = {d.account_id: d for d in index.documents.values() if d.account_id}
    ranges_cache: dict[str, list[tuple[int, int] | None]] = {}
    units_of: dict[str, list[tuple[int, int]]] = {}
    for unit in index.units:
        if unit.account_id:
            units_of.setdefault(unit.account_id, []).append((unit.start, unit.end))
    results = []
    for name, questions in sets.items():
        r5, r10, h5, h10, c5, c10, thin, latencies = [], [], [], [], [], [], [], []
        for q in questions:
            document = by_meeting[q.meeting]
            if q.meeting not in ranges_cache:
                ranges_cache[q.meeting] = turn_offsets(document, q.meeting)
            ranges = span_ranges(ranges_cache[q.meeting], q.spans)
            if not ranges:
                continue
            started = time.perf_counter()
            answer = ask(workspace, embedder, q.query, filters={"account_id": q.meeting}, top=10, index=index)
            latencies.append(1000 * (time.perf_counter() - started))
            r5.append(recall(answer.citations, ranges, 5))
            r10.append(recall(answer.citations, ranges, 10))
            h5.append(float(r5[-1] > 0))
            h10.append(float(r10[-1] > 0))
            thin.append(float(answer.thin))
            c5.append(chance_recall(units_of.get(q.meeting, []), ranges, 5))
            c10.append(chance_recall(units_of.get(q.meeting, []), ranges, 10))
        results.append(
            QuestionSet(
                name=name,
                questions=len(r5),
                recall_at_5=statistics.fmean(r5),
                recall_at_10=statistics.fmean(r10),
                hit_at_5=statistics.fmean(h5),
                hit_at_10=statistics.fmean(h10),
                chance_at_5=statistics.fmean(c5),
                chance_at_10=statistics.fmean(c10),
                thin=statistics.fmean(thin),
                p50_ms=percentile(latencies, 0.5),
                p95_ms=percentile(latencies, 0.95),
            )
        )
    return results
