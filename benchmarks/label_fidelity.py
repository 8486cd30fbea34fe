"""Label fidelity on comments nobody on the team wrote: is a theme named by what most of its statements say?

    HF_HUB_OFFLINE=1 PYTHONPATH=. .venv/bin/python benchmarks/label_fidelity.py [--limit N] [--verbose]

Testers kept finding themes named by one member's phrase over a mixed cluster ("Contract with a property management
firm" over 9 quotes of which 1 says so). This measures it on ../shared/eval/nhs_patient_feedback_coded: about 10,000
real Friends and Family Test comments, each given one code (a subcategory of 44) by human labellers. The comments
are ingested as one survey through icp-assist's own ingest; per trust question, the ungated theme stage
(``recurring_clusters``) groups them, each theme's statements are ordered most central first and labelled together
with ``label_themes``, as a build labels its themes (sources: respondents). For each theme:

- its **majority code**: the human code most of its comments carry (each comment once), and that code's share
  (the theme's purity);
- the comments that **say the label** (verbatim, case and spacing aside); the label is **of the majority** when most
  of them carry the majority code, **of a minority** when none does;
- the code name nearest the label (MiniLM cosine over the 44 subcategory names): **names its code** when that is
  the majority code.

The first 300 comments of each question (``--limit 300``) are the dev half, on which other ways of choosing a label
were tried; the rest (``--skip 300``) is the test half, read only for the figures (docs/benchmarks.md, thirty-fourth
session: a choice by meaning that won on the dev half lost on the test half and was not adopted). No threshold of the product
was set on this set. Run it with the code to measure first on the path.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.eval.nhs_feedback import comments  # noqa: E402
from benchmarks.eval.survey_themes import ingest_survey, respondent  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, help="the first N comments of each question (smoke runs)")
    parser.add_argument(
        "--skip", type=int, default=0, help="leave out the first N comments of each question (the dev half)"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="print every theme's label, purity and verdict"
    )
    parser.add_argument(
        "--lexical", action="store_true", help="label without the embedder (words shared only)"
    )
    args = parser.parse_args()

    from icp_assist.analyze.codebook import says
    from icp_assist.analyze.labels import label_themes
    from icp_assist.analyze.themes import by_centrality, recurring_clusters
    from icp_assist.embed import MiniLMEmbedder

    started = time.perf_counter()
    embedder = MiniLMEmbedder()
    questions = {
        q: rows[args.skip : args.skip + args.limit if args.limit else None] for q, rows in comments().items()
    }
    columns = list(questions)
    table = [
        [row["row_index"], *(row["feedback"] if c == q else "" for c in columns)]
        for q, rows in questions.items()
        for row in rows
    ]
    code_of = {row["row_index"]: row["subcategory"] for rows in questions.values() for row in rows}
    names = sorted(set(code_of.values()))
    name_vectors = embedder.embed(names)
    with tempfile.TemporaryDirectory(prefix="icp-label-fidelity-") as folder:
        statements = ingest_survey(["Respondent ID", *columns], table, columns, embedder, Path(folder))
    units, vectors = statements.units, statements.vectors
    all_texts = [u.text for u in units]

    rows: list[
        tuple[str, str, float, str, str, str]
    ] = []  # question, label, purity, majority, verdict, nearest
    for question in columns:
        members = [i for i, u in enumerate(units) if u.question == question]
        clusters = [by_centrality(vectors, c) for c in recurring_clusters(units, vectors, members)]
        if not clusters:
            continue
        texts = [[units[i].text for i in c] for c in clusters]
        sources = [[units[i].doc_id for i in c] for c in clusters]
        labels = label_themes(texts, all_texts, sources=sources)
        nearest = (embedder.embed(labels) @ name_vectors.T).argmax(axis=1)
        for cluster, label, near in zip(clusters, labels, nearest, strict=True):
            codes = {respondent(units[i]): code_of[respondent(units[i])] for i in cluster}
            majority, count = Counter(codes.values()).most_common(1)[0]
            saying = [code_of[respondent(units[i])] for i in cluster if says([units[i].text], label)]
            share = sum(1 for c in saying if c == majority) / len(saying) if saying else 0.0
            verdict = "majority" if share > 0.5 else "minority" if saying and share == 0 else "mixed"
            if not saying:
                verdict = "unsaid"
            rows.append((question, label, count / len(codes), majority, verdict, names[int(near)]))

    themes = len(rows)
    verdicts = Counter(r[4] for r in rows)
    named = sum(1 for r in rows if r[5] == r[3])
    print(
        f"{themes} themes over {len(columns)} questions; mean purity {statistics.fmean(r[2] for r in rows):.2f}"
    )
    print(
        f"label said by the majority code's comments: {verdicts['majority']}/{themes} = "
        f"{verdicts['majority'] / themes:.2f}; by a minority only: {verdicts['minority']}/{themes} = "
        f"{verdicts['minority'] / themes:.2f}; mixed {verdicts['mixed']}, said by none {verdicts['unsaid']}"
    )
    print(f"label nearest its majority code's name: {named}/{themes} = {named / themes:.2f}")
    print(f"{time.perf_counter() - started:.0f}s")
    if args.verbose:
        for question, label, purity, majority, verdict, near in rows:
            print(f"  {verdict:8} {purity:.2f} {label!r:50} {majority} (nearest: {near}) [{question}]")


if __name__ == "__main__":
    main()
