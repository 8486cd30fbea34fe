"""Facet precision: the share of statements filed under a facet that a person would file there.

    .venv/bin/python benchmarks/facet_precision.py [--top 5] [--workspace DIR]

Run it with the code to measure first on the path (PYTHONPATH=. for this checkout; PYTHONPATH=<main checkout>
for the old analyzer). Two labelled sets:

- 18F (held out, not written or tuned on): the participant quotes of ../shared/eval/18f_website_buyer_research,
  one label each in benchmarks/data/facets_18f.jsonl (file, line, facet or none, other acceptable facets, a
  reason), read from the dataset at run time. Each quote is one statement with no question context.
- samples/ (seen during development): survey answers, each filed against the facets of the themes
  samples/answer_key.json gives that answer (none when it gives none); interview statements against the facets
  of their interview's key themes (loose: any statement of that facet in that interview counts). The key has
  no goal or outcome themes, so statements filed there are counted but not scored.

"Shown" is the top ``--top`` statements per facet by the classifier's probability (what a page would lead with);
"all" is every statement assigned to the facet.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT.parent / "shared" / "eval" / "18f_website_buyer_research"
LABELS = ROOT / "benchmarks" / "data" / "facets_18f.jsonl"
KEY = json.loads((ROOT / "samples" / "answer_key.json").read_text(encoding="utf-8"))
_MARKUP = re.compile(r"^\s*(?:[>+*-]\s*)*")
_ATTRIBUTION = re.compile(r"(?<=[\"”])\s+-\s+[^\"”]+$")  # "..." - SSA employee
_NOTE = re.compile(r"(?<=[\"”])\s*[\[(].*$")  # "..." [North Carolina]


def quote_text(line: str) -> str:
    """The participant's words on a line of the synthesis: markup, notes, attribution and outer quotes removed."""
    text = _MARKUP.sub("", line).strip()
    opening = re.search(r"[\"“]", text)
    if not line.lstrip().startswith(">") and text[:1] not in '"“' and opening:
        text = text[opening.start() :]  # a quote inside a researcher's sentence
    text = _NOTE.sub("", _ATTRIBUTION.sub("", text)).strip()
    return text.strip('"“”_ ').strip()


def labelled_18f() -> list[dict[str, Any]]:
    """The labelled 18F quotes, each with its text read from the dataset."""
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        lines = (DATASET / row["file"]).read_text(encoding="utf-8").split("\n")
        row["text"] = quote_text(lines[row["line"] - 1])
        row["accepted"] = {row["label"], *row.get("also", [])}
    return rows


def classify_units(units: Sequence[Any], embedder: Any, outcomes: dict[str, str | None]) -> Any:
    """Facets of units with whichever analyzer is on the path (the old one takes no outcomes)."""
    from icp_assist.analyze.facets import classify

    vectors = embedder.embed([u.text for u in units])
    if "outcomes" in inspect.signature(classify).parameters:
        return classify(units, vectors, embedder, outcomes=outcomes)
    return classify(units, vectors, embedder)


def precision(
    assigned: Sequence[Sequence[str]], scores: np.ndarray, accepted: Sequence[set[str] | None], top: int
) -> dict[str, dict[str, tuple[int, int]]]:
    """Per facet: (correct, filed) for all assigned statements and for the top ones; None = not scored."""
    from icp_assist.models import FACETS

    result: dict[str, dict[str, tuple[int, int]]] = {"all": {}, "shown": {}}
    for column, facet in enumerate(FACETS):
        rows = [i for i, facets in enumerate(assigned) if facet in facets and accepted[i] is not None]
        rows.sort(key=lambda i: -float(scores[i, column]))
        for name, chosen in (("all", rows), ("shown", rows[:top])):
            correct = sum(facet in (accepted[i] or set()) for i in chosen)
            result[name][facet] = (correct, len(chosen))
    return result


def measure_18f(embedder: Any, top: int, *, verbose: bool = False) -> dict[str, dict[str, tuple[int, int]]]:
    """Precision on the hand-labelled 18F quotes."""
    from icp_assist.analyze.units import Unit

    rows = labelled_18f()
    units = [
        Unit(doc_id=f"{r['file']}:{r['line']}", title=r["file"], kind="interview", speaker="participant",
             account_id=None, start=0, end=len(r["text"]), text=r["text"])
        for r in rows
    ]  # fmt: skip
    facets = classify_units(units, embedder, {})
    if verbose:
        print("18F quotes filed under a facet:")
        for row, assigned in zip(rows, facets.assigned, strict=True):
            if assigned:
                print(f"  {assigned} (labelled {row['label']}): {row['text'][:100]}")
    return precision(facets.assigned, facets.scores, [r["accepted"] for r in rows], top)


def measure_samples(embedder: Any, top: int, workspace: Path | None) -> dict[str, Any]:
    """Precision on samples/ against the answer key: survey answers (exact) and interviews (by document)."""
    from icp_assist.analyze.units import customer_units
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    folder = workspace or Path(tempfile.mkdtemp()) / "ws"
    with Workspace(folder, embedding_name=embedder.name) as ws:
        if workspace is None:
            ingest([ROOT / "samples"], workspace=ws, embedder=embedder)
        documents = list(ws.documents())
        outcome_of_account = {a.account_id: a.outcome for a in ws.accounts()}
    outcomes = {d.doc_id: outcome_of_account.get(d.account_id or "") for d in documents}
    units = customer_units(documents)
    facets = classify_units(units, embedder, outcomes)
    accepted = [_key_facets(u) for u in units]
    return {
        kind: precision(
            facets.assigned,
            facets.scores,
            [a if (u.kind == kind) else None for u, a in zip(units, accepted, strict=True)],
            top,
        )
        for kind in ("survey_response", "interview")
    }


def _key_facets(unit: Any) -> set[str] | None:
    """The facets the answer key accepts for a statement's answer or interview; None when the key is silent."""
    themes = KEY["themes"]

    def facets(ids: Sequence[str]) -> set[str]:
        found = {themes[t]["facet"] for t in ids}
        return found | (
            {"loss_reason"} if "churn_reason" in found else set()
        )  # the key files losses as churn

    if "#" in unit.doc_id:
        respondent = unit.doc_id.rsplit("#", 1)[1]
        for answer in KEY["survey"]["answers"]:
            if answer["respondent_id"] == respondent and answer["column"] == unit.question:
                return facets(answer["themes"])
        return None
    entry = KEY["interviews"].get(Path(unit.doc_id).name)
    return facets(entry["themes"]) if entry else None


def report(
    name: str, result: dict[str, dict[str, tuple[int, int]]], *, scored: set[str] | None = None
) -> None:
    """Print precision per facet and overall, for shown and for all statements."""
    print(f"\n{name}")
    print("| facet | shown correct/filed | shown precision | all correct/filed | all precision |")
    print("|---|---|---|---|---|")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for facet, (correct, filed) in result["all"].items():
        if scored is not None and facet not in scored:
            continue
        shown = result["shown"][facet]
        for part, (c, f) in (("shown", shown), ("all", (correct, filed))):
            totals[part][0] += c
            totals[part][1] += f
        print(
            f"| {facet} | {shown[0]}/{shown[1]} | {_ratio(*shown)} | {correct}/{filed} | {_ratio(correct, filed)} |"
        )
    s, a = totals["shown"], totals["all"]
    print(f"| **overall** | {s[0]}/{s[1]} | {_ratio(*s)} | {a[0]}/{a[1]} | {_ratio(*a)} |")


def _ratio(correct: int, filed: int) -> str:
    return f"{correct / filed:.2f}" if filed else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5, help="statements per facet a page would show")
    parser.add_argument("--verbose", action="store_true", help="print the 18F quotes filed under a facet")
    parser.add_argument("--workspace", type=Path, help="an existing workspace with samples/ ingested")
    args = parser.parse_args()
    from icp_assist.embed import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    report("18F participant quotes (held out)", measure_18f(embedder, args.top, verbose=args.verbose))
    key_facets = {t["facet"] for t in KEY["themes"].values()} | {"loss_reason"}
    samples = measure_samples(embedder, args.top, args.workspace)
    report("samples/ survey answers (seen in development)", samples["survey_response"], scored=key_facets)
    report(
        "samples/ interviews, by document (loose; seen in development)",
        samples["interview"],
        scored=key_facets,
    )


if __name__ == "__main__":
    main()
