"""Theme recovery on samples/ against samples/answer_key.json: precision, recall and counts per theme.

    .venv/bin/python benchmarks/theme_recovery.py [--workspace DIR] [--verbose] [--exact-members N] [--ceiling]
        [--labels]

A key theme is *recovered* when some found theme has at least 2 of its sources in the key theme's sources
and at least half of its sources there (sources = interviews by file, survey respondents by id).
Precision is the share of found themes whose sources are mostly (>= 50%) one key theme's. Coverage is the
mean, over key themes, of the share of its sources that its best single found theme holds: it falls when a
theme is split into fragments, which would undercount it.

With ``--labels``: of the precise found themes, the share whose label is closer (MiniLM cosine) to the key's
label of the key theme most of its sources raise than to any other of the key's 26 labels ("label names its
theme"), and the mean cosine to that label. The key's labels are the people's names for their themes
("Manual invoice entry and spreadsheets"); a label that names one vivid member instead of what most sources
say is closer to another key theme's label, or to none.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KEY = json.loads((ROOT / "samples" / "answer_key.json").read_text(encoding="utf-8"))


def key_sources() -> dict[str, set[str]]:
    """Key theme id -> sources that raise it: interview file names and 'survey#R001' respondent ids."""
    sources: dict[str, set[str]] = defaultdict(set)
    for name, entry in KEY["interviews"].items():
        for theme in entry["themes"]:
            sources[theme].add(name)
    for answer in KEY["survey"]["answers"]:
        for theme in answer["themes"]:
            sources[theme].add(f"survey#{answer['respondent_id']}")
    return sources


def source_of(doc_id: str) -> str:
    """A stored document id in the key's terms."""
    if "#" in doc_id:
        return "survey#" + doc_id.rsplit("#", 1)[1]
    return Path(doc_id).name


def score(found: list[tuple[str, set[str]]], key: dict[str, set[str]]) -> dict[str, Any]:
    """Precision, recall and coverage of found themes, given as (label, sources), against the key."""
    best_for_found = []
    for _, sources in found:
        overlaps = {k: len(sources & s) for k, s in key.items()}
        k = max(overlaps, key=lambda x: overlaps[x])
        best_for_found.append((k, overlaps[k], len(sources)))
    precise = [b for b in best_for_found if b[2] and b[1] / b[2] >= 0.5]
    recovered: dict[str, tuple[str, int, int]] = {}
    for (label, sources), (k, overlap, size) in zip(found, best_for_found, strict=True):
        if overlap >= 2 and overlap / size >= 0.5:
            key_interviews = sum(1 for s in key[k] if not s.startswith("survey#"))
            found_key_interviews = sum(1 for s in sources & key[k] if not s.startswith("survey#"))
            if k not in recovered or overlap > recovered[k][1]:
                recovered[k] = (label, overlap, found_key_interviews - key_interviews)
    coverage = [max((len(sources & s) / len(s) for _, sources in found), default=0.0) for s in key.values()]
    return {
        "coverage": sum(coverage) / len(coverage),
        "found_themes": len(found),
        "precision": len(precise) / len(found) if found else 0.0,
        "recall": len(recovered) / len(key),
        "recovered": recovered,
        "missed": sorted(set(key) - set(recovered)),
    }


def label_agreement(
    found: list[tuple[str, set[str]]], key: dict[str, set[str]], embedder: Any, *, only_precise: bool = True
) -> tuple[float, float, list[tuple[str, str, str]]]:
    """(share of precise themes whose label is nearest its key theme's label, mean cosine to that label,
    the (label, key theme, nearest key theme) of each precise theme); every theme, with the key theme most
    of its sources raise, when not ``only_precise``."""
    names = {k: v["label"] for k, v in KEY["themes"].items() if k in key}
    order = list(names)
    precise = []
    for label, sources in found:
        k = max(key, key=lambda x: len(sources & key[x]))
        if sources and len(sources & key[k]) / len(sources) >= (0.5 if only_precise else 0.0):
            precise.append((label, k))
    if not precise:
        return 0.0, 0.0, []
    ours = embedder.embed([label for label, _ in precise])
    theirs = embedder.embed([names[k] for k in order])
    similar = ours @ theirs.T
    rows = [(label, k, order[int(similar[n].argmax())]) for n, (label, k) in enumerate(precise)]
    hits = sum(1 for _, k, nearest in rows if k == nearest)
    closeness = [float(similar[n, order.index(k)]) for n, (_, k) in enumerate(precise)]
    return hits / len(rows), sum(closeness) / len(closeness), rows


def headings_by_source(workspace: Any, embedder: Any) -> dict[str, set[str]]:
    """Heading -> the sources (in the key's terms) with at least one statement filed under it."""
    from icp_assist.analyze import document_outcome
    from icp_assist.analyze.facets import classify
    from icp_assist.analyze.units import customer_units

    documents = list(workspace.documents())
    units = customer_units(documents)
    vectors = workspace.embed_cached([u.text for u in units], embedder)
    of_account = {a.account_id: a.outcome for a in workspace.accounts()}
    outcomes = {d.doc_id: document_outcome(d, of_account) for d in documents}
    facets = classify(units, vectors, embedder, outcomes=outcomes)
    sources: dict[str, set[str]] = defaultdict(set)
    for unit, assigned in zip(units, facets.assigned, strict=True):
        if assigned:
            sources[assigned[0]].add(source_of(unit.doc_id))
    return sources


def ceiling(headings: dict[str, set[str]], key: dict[str, set[str]]) -> float:
    """The coverage a perfect clusterer could reach when a theme holds only statements under one heading:
    for each key theme, the largest share of its sources that have any statement under one heading."""
    shares = [max((len(s & h) / len(s) for h in headings.values()), default=0.0) for s in key.values()]
    return sum(shares) / len(shares)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workspace", type=Path, help="an existing workspace with samples/ ingested")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--exact-members",
        type=int,
        help="cluster with k-means centroids + average linkage above this many statements (default: themes.EXACT_MEMBERS)",
    )
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also print the most coverage themes under one heading could reach with these facets",
    )
    parser.add_argument(
        "--labels", action="store_true", help="also score how well the labels name their themes (see above)"
    )
    args = parser.parse_args()
    if args.exact_members is not None:
        from icp_assist.analyze import themes

        themes.EXACT_MEMBERS = args.exact_members
    from icp_assist.analyze import analyze_workspace
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.ingest import ingest
    from icp_assist.store import Workspace

    embedder = MiniLMEmbedder()
    scratch = tempfile.TemporaryDirectory(
        prefix="icp-themes-"
    )  # removed at the end, unless --workspace is given
    folder = args.workspace or Path(scratch.name)
    with scratch, Workspace(folder, embedding_name=embedder.name) as ws:
        ingest([ROOT / "samples"], workspace=ws, embedder=embedder)
        started = time.perf_counter()
        report = analyze_workspace(ws, embedder)
        seconds = time.perf_counter() - started
        headings = headings_by_source(ws, embedder) if args.ceiling else {}
    found = [(t.label, {source_of(d) for d in t.documents}) for t in report.themes]
    result = score(found, key_sources())
    print(f"analysis {seconds:.1f}s; found {result['found_themes']} themes")
    print(
        f"precision {result['precision']:.2f}  recall {result['recall']:.2f} ({len(result['recovered'])}/{len(key_sources())} key themes)"
    )
    print(
        f"coverage {result['coverage']:.2f} (mean share of a key theme's sources held by its best found theme)"
    )
    print(f"missed: {', '.join(result['missed']) or 'none'}")
    if args.ceiling:
        print(f"coverage ceiling of themes under one heading: {ceiling(headings, key_sources()):.2f}")
    if args.labels:
        share, closeness, rows = label_agreement(found, key_sources(), embedder)
        print(
            f"labels naming their theme: {share:.2f} of {len(rows)} precise themes; mean cosine {closeness:.2f}"
        )
        every, every_closeness, _ = label_agreement(found, key_sources(), embedder, only_precise=False)
        print(
            f"  over all {len(found)} themes (each with its most-raised key theme): {every:.2f}; mean cosine {every_closeness:.2f}"
        )
        if args.verbose:
            for label, k, nearest in rows:
                print(f"  {'ok ' if k == nearest else 'off'} {label!r:58} {k} (nearest: {nearest})")
    if args.verbose:
        for key_theme, (label, overlap, interview_error) in sorted(result["recovered"].items()):
            print(
                f"  {key_theme:28} <- {label!r} (overlap {overlap}, interview count error {interview_error:+d})"
            )


if __name__ == "__main__":
    main()
