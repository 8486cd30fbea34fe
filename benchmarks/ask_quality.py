"""`ask` quality on samples/ against samples/answer_key.json: evidence precision, recall and latency.

    .venv/bin/python benchmarks/ask_quality.py [--workspace DIR] [--repeat 5] [--verbose]

Each question maps to the key theme ids a good answer draws on. A *source* is an interview file (the key
lists the themes of the whole interview) or one survey answer, (respondent id, question column); a source
is *relevant* to a question when the key gives it one of the question's themes.

- precision@5: the share of the top-5 citations whose source is relevant (interview sources are judged
  by the whole interview's themes, so they are judged leniently);
- recall@k: the relevant sources among the distinct sources of the top-k citations, divided by
  min(k, relevant sources): 1.0 means the k citations found as many relevant sources as they could hold.
  Questions have 8–130 relevant sources, so uncapped recall would measure k, not the ranking;
- thin: whether the answer said the evidence was thin (it should not, for these questions);
- latency p50/p95: wall time of `ask` with a warm model and a warm embedding cache, repeated, both
  reusing one statement index (as the interactive `ask` does) and building it on each call.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT / "benchmarks" / ".work" / "build" / "large"
KEY = json.loads((ROOT / "samples" / "answer_key.json").read_text(encoding="utf-8"))

QUESTIONS: dict[str, tuple[str, ...]] = {
    "Why did customers buy?": ("trigger_", "pain_"),
    "What made customers start looking?": ("trigger_",),
    "What problems were customers trying to solve?": ("pain_",),
    "Who signs off on the purchase?": ("dm_cfo_signs_off",),
    "Who championed the evaluation?": ("dm_controller_champion",),
    "What nearly stopped customers from buying?": ("obj_",),
    "What did customers use instead before buying?": ("alt_",),
    "Why did customers churn?": ("churn_",),
    "Why did we lose deals?": ("loss_", "dm_procurement_blocker", "alt_bill_com", "obj_price"),
    "Did security or IT review slow the purchase?": ("dm_it_security_review",),
    "Was price a concern?": ("obj_price",),
}


# The same needs in other words, written (ask16, 2026-11-29) before any of them was asked and never tuned on:
# a check that a ranking change is not fitted to the wording of QUESTIONS. Each keeps its original's key.
REWORDED: dict[str, tuple[str, ...]] = {
    "What prompted customers to start looking for a new AP tool?": ("trigger_",),
    "What triggered the search for a solution?": ("trigger_",),
    "Why did teams begin evaluating tools when they did?": ("trigger_",),
    "What events led customers to go shopping for software?": ("trigger_",),
    "Why did companies purchase Tallybook?": ("trigger_", "pain_"),
    "What were the main reasons customers chose us?": ("trigger_", "pain_"),
    "What were customers struggling with?": ("pain_",),
    "What frustrated finance teams about their old process?": ("pain_",),
    "Who approved the budget for the purchase?": ("dm_cfo_signs_off",),
    "Who made the final call to buy?": ("dm_cfo_signs_off",),
    "Who drove the evaluation internally?": ("dm_controller_champion",),
    "Who led the vendor selection?": ("dm_controller_champion",),
    "What concerns did buyers have before signing?": ("obj_",),
    "What almost made customers walk away from the deal?": ("obj_",),
    "What were customers doing before they had Tallybook?": ("alt_",),
    "Which competitors did customers consider?": ("alt_",),
    "Why did accounts cancel?": ("churn_",),
    "What made customers stop using the product?": ("churn_",),
    "Why did prospects choose a competitor over us?": (
        "loss_",
        "dm_procurement_blocker",
        "alt_bill_com",
        "obj_price",
    ),
    "What made deals fall through?": ("loss_", "dm_procurement_blocker", "alt_bill_com", "obj_price"),
    "Was IT security a hurdle in the purchase?": ("dm_it_security_review",),
    "Did customers think it was too expensive?": ("obj_price",),
}


def relevant_sources(prefixes: tuple[str, ...]) -> set[str]:
    """Sources whose key themes include one starting with a prefix: 'file.txt' or 'R001|column'."""
    hit = lambda themes: any(t.startswith(prefixes) for t in themes)  # noqa: E731
    sources = {name for name, entry in KEY["interviews"].items() if hit(entry["themes"])}
    sources |= {f"{a['respondent_id']}|{a['column']}" for a in KEY["survey"]["answers"] if hit(a["themes"])}
    return sources


def source_of(evidence: Any, documents: dict[str, Any]) -> str:
    """A citation's source in the key's terms: the interview file name, or respondent|question."""
    if evidence.kind == "interview":
        return Path(evidence.document).name
    document = documents[evidence.document]
    turn = next(t for t in document.turns if t.start <= evidence.start and evidence.end <= t.end)
    return f"{evidence.document.rsplit('#', 1)[1]}|{turn.question}"


def evaluate(answer: Any, relevant: set[str], documents: dict[str, Any]) -> dict[str, float]:
    """precision@5, recall@5 and recall@10 of one answer's citations (asked with top=10)."""
    sources = [source_of(c, documents) for c in answer.citations]
    result = {"p@5": sum(s in relevant for s in sources[:5]) / 5}
    for k in (5, 10):
        found = {s for s in sources[:k] if s in relevant}
        result[f"r@{k}"] = len(found) / min(k, len(relevant))
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workspace", type=Path, help="an existing workspace with samples/ ingested")
    parser.add_argument("--repeat", type=int, default=5, help="asks per question for the latency")
    parser.add_argument("--verbose", action="store_true", help="print each question's citations")
    parser.add_argument("--embedding", default="minilm", help="'minilm' (default) or 'minilm-int8'")
    parser.add_argument(
        "--reworded", action="store_true", help="ask REWORDED (the same needs in other words) instead"
    )
    parser.add_argument(
        "--large", type=Path, default=LARGE,
        help="a larger corpus to time ask on (build_speed.py makes the default one); skipped if missing",
    )  # fmt: skip
    args = parser.parse_args()
    from icp_assist.ask import ask, index_statements
    from icp_assist.embed import get_embedder
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    embedder = get_embedder(args.embedding)
    scratch = tempfile.TemporaryDirectory(
        prefix="icp-ask-"
    )  # removed at the end, unless --workspace is given
    folder = args.workspace or Path(scratch.name)
    with scratch, Workspace(folder, embedding_name=embedder.name) as ws:
        ingest([ROOT / "samples"], workspace=ws, embedder=embedder)
        index = index_statements(ws, embedder)  # warms the model and the embedding cache
        documents = index.documents
        rows: list[tuple[str, dict[str, float], bool]] = []
        for question, prefixes in (REWORDED if args.reworded else QUESTIONS).items():
            answer = ask(ws, embedder, question, top=10, index=index)
            rows.append((question, evaluate(answer, relevant_sources(prefixes), documents), answer.thin))
            if args.verbose:
                print(f"\n{question}\n{answer.answer}")
                for c in answer.citations:
                    print(f"  [{source_of(c, documents)[:40]}] {c.quote[:90]}")
        latency: dict[str, list[float]] = defaultdict(list)
        for _ in range(args.repeat):
            for question in QUESTIONS:
                started = time.perf_counter()
                ask(ws, embedder, question, index=index)
                latency["ask, index reused"].append(time.perf_counter() - started)
            started = time.perf_counter()
            ask(ws, embedder, next(iter(QUESTIONS)))
            latency["ask, index built per call"].append(time.perf_counter() - started)
        if args.large.is_dir():
            time_large_corpus(args.large, embedder, latency, repeat=args.repeat)
    print_table(rows, latency)


def time_large_corpus(folder: Path, embedder: Any, latency: dict[str, list[float]], *, repeat: int) -> None:
    """Ask the same questions over a larger corpus: latency only (it has no answer key)."""
    from icp_assist.ask import ask, index_statements
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    with (
        tempfile.TemporaryDirectory(prefix="icp-ask-large-") as scratch,
        Workspace(Path(scratch), embedding_name=embedder.name) as ws,
    ):
        ingest([folder], workspace=ws, embedder=embedder)
        index = index_statements(ws, embedder)
        name = f"large corpus ({len(index.documents)} documents), index reused"
        for _ in range(repeat):
            for question in QUESTIONS:
                started = time.perf_counter()
                ask(ws, embedder, question, index=index)
                latency[name].append(time.perf_counter() - started)


def print_table(rows: list[tuple[str, dict[str, float], bool]], latency: dict[str, list[float]]) -> None:
    print("| question | precision@5 | recall@5 | recall@10 | thin |")
    print("|---|---:|---:|---:|---|")
    for question, scores, thin in rows:
        print(f"| {question} | {scores['p@5']:.2f} | {scores['r@5']:.2f} | {scores['r@10']:.2f} | {thin} |")
    mean = {m: statistics.mean(s[m] for _, s, _ in rows) for m in ("p@5", "r@5", "r@10")}
    print(f"| **mean** | **{mean['p@5']:.2f}** | **{mean['r@5']:.2f}** | **{mean['r@10']:.2f}** | |")
    print("\n| latency (warm model, warm cache) | runs | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for name, values in latency.items():
        print(
            f"| {name} | {len(values)} | {percentile(values, 0.5) * 1000:.0f} | {percentile(values, 0.95) * 1000:.0f} |"
        )


if __name__ == "__main__":
    main()
