"""Facet precision: the share of statements filed under a facet that a person would file there.

    .venv/bin/python benchmarks/facet_precision.py [--top 5] [--workspace DIR] [--skip-held-out]

Run it with the code to measure first on the path (PYTHONPATH=. for this checkout; PYTHONPATH=<main checkout>
for the old analyzer). Two labelled sets:

- 18F (not written or tuned on): the participant quotes of ../shared/eval/18f_website_buyer_research, one label
  each in benchmarks/data/facets_18f.jsonl (file, line, facet or none, other acceptable facets, a reason), read
  from the dataset at run time. Each quote is one statement with no question context. Split by source file into
  a dev half (DEV_FILES: its errors may be read while developing) and a test half (the rest: never read).
- Jupyter (held out, labelled before the classifier was run on it): 70 answers of the 2015 Jupyter Notebook UX
  survey in ../shared/eval/jupyter_user_surveys, labelled in benchmarks/data/facets_jupyter.jsonl (file, row,
  column, facet, other acceptable facets, reason), each classified with its survey question.
- samples/ (seen during development): survey answers, each filed against the facets of the themes
  samples/answer_key.json gives that answer (none when it gives none); interview statements against the facets
  of their interview's key themes (loose: any statement of that facet in that interview counts). The key has
  no goal or outcome themes, so statements filed there are counted but not scored.

Recall is the share of statements labelled with a facet that are filed under an accepted facet.
"Shown" is the top ``--top`` statements per facet by the classifier's probability (what a page would lead with);
"all" is every statement assigned to the facet.
"""

from __future__ import annotations

import argparse
import csv
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
DEV_FILES = {  # the 18F dev half, fixed before any errors were read; every other file is the test half
    "research/0-sprint/0-sprint-research-synthesis.md",
    "research/2-sprint-festivefjord/festivefjord-research-synthesis.md",
}
JUPYTER = ROOT.parent / "shared" / "eval" / "jupyter_user_surveys"
JUPYTER_LABELS = ROOT / "benchmarks" / "data" / "facets_jupyter.jsonl"
JUPYTER_QUESTIONS = {  # the survey's question texts (2015-12-notebook-ux/README.md, columns 4, 11 and 23)
    "hinderances": "What, if anything, hinders you from making Jupyter Notebook an even more regular part of your workflow?",
    "workflow_needs_addressed_1": "What needs in your workflow does Jupyter Notebook address?",
    "features_changes_1": "What new features or changes would you like to see in Jupyter Notebook?",
}  # fmt: skip
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


def labelled_jupyter() -> list[dict[str, Any]]:
    """The labelled Jupyter survey answers, each with its text and question read from the dataset."""
    rows = [
        json.loads(line) for line in JUPYTER_LABELS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    tables: dict[str, dict[str, dict[str, str]]] = {}
    for row in rows:
        if row["file"] not in tables:
            with (JUPYTER / row["file"]).open(encoding="utf-8", newline="") as handle:
                tables[row["file"]] = {r[""]: r for r in csv.DictReader(handle)}
        row["text"] = tables[row["file"]][str(row["row"])][row["column"]].strip()
        row["question"] = JUPYTER_QUESTIONS[row["column"]]
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


def measure_labelled(
    rows: Sequence[dict[str, Any]], embedder: Any, top: int, *, verbose: bool = False
) -> dict[str, dict[str, tuple[int, int]]]:
    """Precision (and recall) on hand-labelled statements: each one unit, with its question when it has one."""
    from icp_assist.analyze.units import Unit

    units = [
        Unit(doc_id=f"{r['file']}:{i}", title=r["file"], kind="interview", speaker="participant",
             account_id=None, start=0, end=len(r["text"]), text=r["text"], question=r.get("question"))
        for i, r in enumerate(rows)
    ]  # fmt: skip
    facets = classify_units(units, embedder, {})
    if verbose:
        for row, assigned in zip(rows, facets.assigned, strict=True):
            if assigned and assigned[0] not in row["accepted"]:
                print(f"  WRONG {assigned} (labelled {row['label']}): {row['text'][:110]}")
            elif row["label"] != "none" and not set(assigned) & row["accepted"]:
                print(f"  MISSED {assigned} (labelled {row['label']}): {row['text'][:110]}")
    result = precision(facets.assigned, facets.scores, [r["accepted"] for r in rows], top)
    facet_rows = [(r, a) for r, a in zip(rows, facets.assigned, strict=True) if r["label"] != "none"]
    found = sum(bool(set(a) & r["accepted"]) for r, a in facet_rows)
    result["recall"] = {"facet statements": (found, len(facet_rows))}
    return result


def measure_samples(embedder: Any, top: int, workspace: Path | None) -> dict[str, Any]:
    """Precision on samples/ against the answer key: survey answers (exact) and interviews (by document)."""
    from icp_assist.analyze.units import customer_units
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    scratch = tempfile.TemporaryDirectory(
        prefix="icp-facets-"
    )  # removed at the end, unless a workspace is given
    folder = workspace or Path(scratch.name) / "ws"
    with scratch, Workspace(folder, embedding_name=embedder.name) as ws:
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


def cross_validate(embedder: Any, thresholds: Sequence[float], c_values: Sequence[float]) -> None:
    """5-fold stratified cross-validation on facet_training.jsonl: where C and MIN_PROBABILITY come from."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from icp_assist.analyze.facets import NONE, training_examples, training_features

    examples = training_examples()
    features = training_features(examples, embedder)
    labels = np.asarray([e.label for e in examples])
    for c in c_values:
        probabilities = np.zeros((len(examples), len(set(labels))))
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(features, labels):
            regression = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
            regression.fit(features[train], labels[train])
            probabilities[test] = regression.predict_proba(features[test])
        facets = [i for i, label in enumerate(regression.classes_) if label != NONE]
        best = np.asarray(regression.classes_)[facets][probabilities[:, facets].argmax(axis=1)]
        top = probabilities[:, facets].max(axis=1)
        for threshold in thresholds:
            filed = top >= threshold
            correct = int((filed & (best == labels)).sum())
            total = int((labels != NONE).sum())
            print(
                f"C={c:g} threshold {threshold:.2f}: precision {correct}/{int(filed.sum())} = "
                f"{_ratio(correct, int(filed.sum()))}, recall {correct}/{total} = {_ratio(correct, total)}"
            )


SEEDS = (3, 4, 5, 6)  # repeated 5-fold splits for the ablation and the no-question bar


def _out_of_fold(
    features: np.ndarray, labels: np.ndarray, seed: int, dim: int
) -> tuple[Any, np.ndarray, np.ndarray]:
    """Out-of-fold probabilities (classes, as given, with the question withheld) of a 5-fold split."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from icp_assist.analyze.facets import C

    given, withheld = np.zeros((2, len(labels), len(set(labels))))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(features, labels):
        regression = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        regression.fit(features[train], labels[train])
        given[test] = regression.predict_proba(features[test])
        blind = features[test].copy()
        blind[:, dim : 2 * dim] = 0.0  # the question's embedding, as when no question is known
        withheld[test] = regression.predict_proba(blind)
    return regression.classes_, given, withheld


def _curve(
    runs: Sequence[tuple[Any, np.ndarray]], labels: np.ndarray, threshold: float
) -> tuple[float, float]:
    """Mean precision and recall over runs of filing each statement's best facet at a threshold."""
    from icp_assist.analyze.facets import NONE

    correct = filed = 0.0
    for classes, probabilities in runs:
        facets = [i for i, label in enumerate(classes) if label != NONE]
        best = np.asarray(classes)[facets][probabilities[:, facets].argmax(axis=1)]
        chosen = probabilities[:, facets].max(axis=1) >= threshold
        correct += float((chosen & (best == labels)).sum())
        filed += float(chosen.sum())
    return correct / max(filed, 1.0), correct / len(runs) / max(int((labels != NONE).sum()), 1)


def _bar(runs: Sequence[tuple[Any, np.ndarray]], labels: np.ndarray, precision: float = 0.90) -> str:
    """The lowest threshold (0.01 steps) whose cross-validated precision reaches ``precision``, and its recall."""
    for threshold in np.arange(0.40, 0.96, 0.01):
        p, r = _curve(runs, labels, float(threshold))
        if p >= precision:
            return f"{threshold:.2f} (precision {p:.3f}, recall {r:.3f})"
    return "none"


def cross_validate_abstention(embedder: Any) -> None:
    """Which cues earn their place, and the bar for statements whose question is not known (SEEDS x 5 folds)."""
    from icp_assist.analyze.facets import CUES, QUESTION_CUES, training_examples, training_features

    examples = training_examples()
    features = training_features(examples, embedder)
    labels = np.asarray([e.label for e in examples])
    asked = np.asarray([bool(e.question) for e in examples])
    names = [*CUES, *QUESTION_CUES, "fragment"]
    dim = (features.shape[1] - len(names)) // 2
    print("Cue ablation: the lowest threshold at CV precision >= 0.90, and its recall")
    for dropped in [None, *names]:
        masked = features.copy()
        if dropped:
            masked[:, 2 * dim + names.index(dropped)] = 0.0
        runs = [_out_of_fold(masked, labels, seed, dim) for seed in SEEDS]
        print(f"  without {dropped or '(nothing)'}: {_bar([(c, g) for c, g, _ in runs], labels)}")
    runs = [_out_of_fold(features, labels, seed, dim) for seed in SEEDS]
    standing = (~asked) & (features[:, -1] == 0)  # written without a question; fragments are never filed
    leaning = asked & (features[:, -1] == 0)
    pooled = [(c, np.vstack([g[standing], w[leaning]])) for c, g, w in runs]
    pooled_labels = np.concatenate([labels[standing], labels[leaning]])
    print(
        f"No question known: {int(standing.sum())} statements written without one, {int(leaning.sum())} with theirs withheld"
    )
    for threshold in (0.6, 0.65, 0.7, 0.75, 0.8):
        given = _curve([(c, g[leaning]) for c, g, _ in runs], labels[leaning], threshold)
        withheld = _curve([(c, w[leaning]) for c, _, w in runs], labels[leaning], threshold)
        both = _curve(pooled, pooled_labels, threshold)
        print(
            f"  {threshold:.2f}: with its question {given[0]:.3f}/{given[1]:.3f}, withheld "
            f"{withheld[0]:.3f}/{withheld[1]:.3f}, no question known (pooled) {both[0]:.3f}/{both[1]:.3f}"
        )
    print(f"  the rule (CV precision >= 0.90) on the pooled statements: {_bar(pooled, pooled_labels)}")


def report(
    name: str,
    result: dict[str, dict[str, tuple[int, int]]],
    *,
    scored: set[str] | None = None,
    summary_only: bool = False,
) -> None:
    """Print precision per facet and overall, for shown and for all statements (held-out sets: overall only)."""
    print(f"\n{name}")
    print("| facet | shown correct/filed | shown precision | all correct/filed | all precision |")
    print("|---|---|---|---|---|")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for facet, (correct, filed) in result["all"].items():
        if not filed and not scored:
            continue
        if scored is not None and facet not in scored:
            continue
        shown = result["shown"][facet]
        for part, (c, f) in (("shown", shown), ("all", (correct, filed))):
            totals[part][0] += c
            totals[part][1] += f
        if not summary_only:
            print(
                f"| {facet} | {shown[0]}/{shown[1]} | {_ratio(*shown)} | {correct}/{filed} | {_ratio(correct, filed)} |"
            )
    s, a = totals["shown"], totals["all"]
    print(f"| **overall** | {s[0]}/{s[1]} | {_ratio(*s)} | {a[0]}/{a[1]} | {_ratio(*a)} |")
    if "recall" in result:
        found, total = result["recall"]["facet statements"]
        print(f"recall of facet statements: {found}/{total} = {_ratio(found, total)}")


def _ratio(correct: int, filed: int) -> str:
    return f"{correct / filed:.2f}" if filed else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5, help="statements per facet a page would show")
    parser.add_argument("--verbose", action="store_true", help="print the 18F dev half's errors")
    parser.add_argument("--skip-samples", action="store_true", help="only the held-out sets")
    parser.add_argument(
        "--skip-held-out",
        action="store_true",
        help="leave out the held-out sets (18F test half, Jupyter): for work between the lead's measurements",
    )
    parser.add_argument(
        "--cross-validate", action="store_true", help="only the cross-validation on the training set"
    )
    parser.add_argument(
        "--abstention",
        action="store_true",
        help="with --cross-validate: each cue's ablation and the bar when no question is known",
    )
    parser.add_argument("--workspace", type=Path, help="an existing workspace with samples/ ingested")
    args = parser.parse_args()
    from icp_assist.embed import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    if args.cross_validate:
        cross_validate(embedder, (0.3, 0.45, 0.5, 0.6, 0.7), (1.0, 4.0, 16.0))
        if args.abstention:
            cross_validate_abstention(embedder)
        return
    rows = labelled_18f()
    dev = [r for r in rows if r["file"] in DEV_FILES]
    test = [r for r in rows if r["file"] not in DEV_FILES]
    report(
        f"18F dev half ({len(dev)} quotes)", measure_labelled(dev, embedder, args.top, verbose=args.verbose)
    )
    if not args.skip_held_out:
        # The held-out sets print their summary lines only: their quotes, labels and per-facet errors stay unread.
        held_out = measure_labelled(test, embedder, args.top)
        report(f"18F test half ({len(test)} quotes, held out)", held_out, summary_only=True)
        report("18F all", measure_labelled(rows, embedder, args.top), summary_only=True)
        jupyter = labelled_jupyter()
        held_out = measure_labelled(jupyter, embedder, args.top)
        report(f"Jupyter survey answers ({len(jupyter)}, held out)", held_out, summary_only=True)
    if args.skip_samples:
        return
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
