"""Reduce: findings → themes (embedding clusters the LLM names), and the profile summary the LLM writes
from the computed themes, counts and signals.

Counts come from the clusters (distinct documents whose verbatim quotes back a finding), never from
the model. A summary line that cites a number the data does not contain is dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from ..analyze.codebook import load_codebook, match_codebook, save_codebook, updated_codebook
from ..analyze.committee import ActReader, committee_from_acts
from ..analyze.facets import heading_asked
from ..analyze.signals import MIN_CRITERION_N
from ..analyze.themes import (
    MIN_SOURCES,
    by_centrality,
    cluster_members,
    counted_theme,
    reach_order,
    theme_centroids,
)
from ..analyze.titles import canonical_title
from ..embed import Embedder
from ..models import FACETS, Criterion, DecisionMaker, DecisionRole, Evidence, IcpProfile, Signal, Theme
from ..records import Document
from .calls import Call, LlmSession
from .extract import Found
from .gate import numbers_within
from .prompts import echoes, load_prompt

FINDING_DISTANCE = 0.6  # cosine distance for merging finding summaries (shorter than sentences, so tighter)
SUMMARY_THEMES = 12
SUMMARY_SIGNALS = 8
GROUNDING_WORDS = 2  # a summary line must share this many content words with the theme labels and signals
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_FILLER = {"customer", "customers", "best", "they", "their", "that", "this", "with", "from", "have", "what", "when",
           "which", "more", "most", "them", "were", "will", "your", "about", "into", "than", "only"}  # fmt: skip


class ThemeName(BaseModel):
    """A theme's name and what it says."""

    label: str = Field(description="At most eight words, in plain words a sales team would use.")
    summary: str = Field(description="One sentence on what these customers said.")


class ProfileSummary(BaseModel):
    """The summary lines at the top of the Ideal Customer Profile."""

    lines: list[str] = Field(description="Three to six short lines, each using only the numbers given.")


def find_themes(
    session: LlmSession,
    found: Sequence[Found],
    embedder: Embedder,
    *,
    outcomes: Mapping[str, str | None],
    codebook: Path | None = None,
    progress: bool = False,
    documents: Sequence[Document] = (),
) -> list[Theme]:
    """Cluster each facet's findings by meaning, keep clusters raised by two or more sources, let the LLM name them.

    With ``codebook`` (a JSON file in the workspace), a theme an earlier build found keeps its id and label.
    A finding told only in answers to a survey question that sets its heading ("What was the main reason you
    chose X?") takes that heading, as the offline path files them (``heading_asked``).
    """
    if not found:
        return []
    asked = {
        d.doc_id: [(t.start, t.end, t.question) for t in d.turns]
        for d in documents
        if d.kind == "survey_response"
    }
    found = [_by_question(_by_outcome(f, outcomes), asked, outcomes) for f in found]
    vectors = embedder.embed([_text(f) for f in found])
    clusters: list[list[int]] = []
    for facet in FACETS:
        members = [i for i, f in enumerate(found) if f.facet == facet]
        clusters += [c for c in cluster_members(vectors, members, distance=FINDING_DISTANCE)
                     if len(set().union(*(found[i].documents for i in c))) >= MIN_SOURCES]  # fmt: skip
    themes = [_theme(cluster, found, vectors, outcomes) for cluster in clusters]
    _name(session, themes, [[found[i] for i in c] for c in clusters], progress=progress)
    if codebook:
        _keep_identities(themes, clusters, vectors, codebook)
    themes.sort(key=reach_order)
    return themes


def _keep_identities(
    themes: list[Theme], clusters: list[list[int]], vectors: np.ndarray, codebook: Path
) -> None:
    """Themes an earlier build found keep its id and label, so `diff` reports real change and not the model
    naming the same theme a little differently each time; then the codebook remembers this build's themes."""
    if not clusters:
        return  # the codebook is left as it was
    centroids = theme_centroids(vectors, clusters)
    known = load_codebook(codebook)
    reused = match_codebook(centroids, known, facets=[t.facet for t in themes])
    for number, entry in reused.items():
        themes[number].theme_id, themes[number].label = entry.theme_id, entry.label
    save_codebook(codebook, updated_codebook(known, themes, centroids, reused))


def _by_outcome(finding: Found, outcomes: Mapping[str, str | None]) -> Found:
    """A churn reason from a lost deal is a loss reason, and a loss reason from a churned account a churn reason."""
    if finding.facet not in ("churn_reason", "loss_reason"):
        return finding
    seen = {outcomes.get(d) for d in finding.documents}
    if seen == {"lost"}:
        return replace(finding, facet="loss_reason")
    if seen == {"churned"}:
        return replace(finding, facet="churn_reason")
    return finding


def _by_question(
    finding: Found,
    asked: Mapping[str, list[tuple[int, int, str | None]]],
    outcomes: Mapping[str, str | None],
) -> Found:
    """The heading the survey question its quotes answer sets, when they all answer questions setting one."""
    headings = set()
    for evidence in finding.item.evidence:
        question = next(
            (q for start, end, q in asked.get(evidence.document, []) if start <= evidence.start < end), None
        )
        headings.add(heading_asked(question, outcomes.get(evidence.document)))
    heading = headings.pop() if len(headings) == 1 else None
    return replace(finding, facet=heading) if heading else finding


def buying_committee(
    found: Sequence[Found],
    documents: Sequence[Document] = (),
    outcomes: Mapping[str, str | None] | None = None,
) -> list[Criterion]:
    """Who takes part in the decision, from the decision-makers the LLM found, checked as the offline path is.

    A quote backs a decision-maker only where that title (canonical) does a decision act in it
    (``decision_acts``: not a mention, a negation or advice), and the part is the act's, not the model's
    word for it. Titles with such quotes in two or more distinct sources enter the committee.
    """
    reader = ActReader({d.doc_id: d for d in documents})
    sources: dict[tuple[str, DecisionRole], dict[str, Evidence]] = defaultdict(dict)
    for f in found:
        if not isinstance(f.item, DecisionMaker) or not f.item.title.strip():
            continue
        title = canonical_title(f.item.title)
        if title is None:  # a title the titles module does not know cannot be checked, so it is not shown
            continue
        for evidence in f.item.evidence:
            for act in reader.acts(evidence.quote, evidence.document, evidence.speaker):
                if act.title == title:
                    sources[(title, act.part)].setdefault(evidence.document, evidence)
    return committee_from_acts(sources, outcomes)


def write_summary(
    session: LlmSession, profile: IcpProfile, themes: Sequence[Theme], signals: Sequence[Signal]
) -> None:
    """Replace the profile's summary with the LLM's, keeping only lines whose numbers are all in the data."""
    prompt = load_prompt("profile_summary")
    label_of = {t.theme_id: t.label for t in themes}
    data: dict[str, Any] = {
        "counts": profile.counts,
        "themes": [t.model_dump(include={"facet", "label", "interviews", "respondents"}) for t in themes[:SUMMARY_THEMES]],
        "signals": [_signal_data(s, label_of) for s in sorted(_citable(signals), key=lambda s: -abs(np.log(max(s.lift, 1e-6))))[:SUMMARY_SIGNALS]],
    }  # fmt: skip
    messages = prompt.render(**data)
    (answer,) = session.run(
        [Call(prompt=prompt, messages=messages, schema=ProfileSummary, label="profile summary")]
    )
    if answer is None:
        return
    data_text = str(messages[-1].content)
    terms = _content_words(
        " ".join([*(t["label"] for t in data["themes"]), *(str(s["value"]) for s in data["signals"])])
    )
    lines = [line.strip() for line in answer.lines if line.strip()]
    instructions = str(messages[0].content)
    kept = [
        line for line in lines
        if numbers_within(line, data_text)  # no number the data does not contain
        and len(_content_words(line) & terms) >= GROUNDING_WORDS  # about the themes or signals, not filler
        and not echoes(line, instructions)
    ]  # fmt: skip
    session.report.rejected_claims += len(lines) - len(kept)
    if kept:
        profile.summary = kept


def _citable(signals: Sequence[Signal]) -> list[Signal]:
    """Signals the summary may cite: traits (no sellers or ids) with n >= MIN_CRITERION_N, themes included."""
    return [s for s in signals if s.trait and s.n >= MIN_CRITERION_N]


def _content_words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - _FILLER


def _text(found: Found) -> str:
    if isinstance(found.item, DecisionMaker):
        return f"{found.item.title}: {found.item.summary}"
    return found.item.summary


def _theme(
    cluster: list[int],
    found: Sequence[Found],
    vectors: np.ndarray,
    outcomes: Mapping[str, str | None],
) -> Theme:
    ranked = by_centrality(vectors, cluster)
    evidence = [e for i in ranked for e in found[i].item.evidence]
    # Labelled with the most central finding until the LLM names it.
    return counted_theme(
        found[cluster[0]].facet, evidence, outcomes=outcomes, label=found[ranked[0]].item.summary
    )


def _name(session: LlmSession, themes: list[Theme], members: list[list[Found]], *, progress: bool) -> None:
    prompt = load_prompt("name_theme")
    calls = []
    for theme, group in zip(themes, members, strict=True):
        findings = [{"summary": _text(f), "quote": f.item.evidence[0].quote} for f in group[:20]]
        messages = prompt.render(
            facet=theme.facet.replace("_", " "), findings=findings, sources=len(theme.documents)
        )
        calls.append(
            Call(prompt=prompt, messages=messages, schema=ThemeName, label=f"naming theme {theme.theme_id}")
        )
    instructions = str(calls[0].messages[0].content) if calls else ""
    for theme, name in zip(themes, session.run(calls, desc="Naming themes", progress=progress), strict=True):
        if name is None or not name.label.strip():
            continue
        if echoes(f"{name.label} {name.summary}", instructions):
            session.report.rejected_claims += 1
        else:
            theme.label = " ".join(name.label.split()[:12])
            theme.summary = name.summary.strip()


def _signal_data(signal: Signal, label_of: Mapping[str, str]) -> dict[str, object]:
    value = label_of.get(signal.value, signal.value) if signal.attribute == "theme" else signal.value
    return {
        "attribute": signal.attribute, "value": value, "n": signal.n, "lift": f"{signal.lift:.1f}",
        "rate_pct": round(100 * signal.rate), "base_pct": round(100 * signal.base_rate), "confidence": signal.confidence,
    }  # fmt: skip
