"""The offline analyzer: customer statements → facets → themes → outcome signals → ICP and personas."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from tqdm import tqdm

from ..config import forget_command
from ..corrections import apply_corrections, load_corrections
from ..embed import Embedder
from ..ingest import most_repeated
from ..models import Criterion, Evidence, ProfileReport
from ..profile import Grouping, as_its_label_says, draft_personas, draft_profile
from ..records import Account, Document
from ..rubric import chance_tempered
from ..store import Workspace
from .codebook import LLM_CODEBOOK_FILE
from .committee import buying_committee
from .competitors import named_competitors, status_quo_ticked
from .facets import FacetScores, classify, what_it_says
from .product import own_product_named
from .saturation import interview_order_by_date, saturation
from .signals import BAD_OUTCOMES, GOOD_OUTCOMES, firmographic_signals, theme_signals
from .spelling import spelt_as_meant, words_meant
from .themes import CODEBOOK_FILE, cluster_members, find_themes
from .units import Unit, customer_units

if TYPE_CHECKING:
    from ..llm import LlmAnalyzer

ANALYZER_VERSION = "offline-599"


def analyze_workspace(
    workspace: Workspace, embedder: Embedder, *, llm: LlmAnalyzer | None = None, progress: bool = False
) -> ProfileReport:
    """Analyse everything in the workspace: offline, or with the LLM finding and naming the themes."""
    documents = list(workspace.documents())
    accounts = workspace.accounts()
    statements = classified_statements(workspace, embedder, documents, accounts, progress=progress)
    units, outcomes = statements.units, statements.outcomes
    if llm is None:
        codebook = workspace.path / CODEBOOK_FILE  # theme ids and labels kept from the last build
        themes = find_themes(
            units,
            statements.vectors,
            statements.facets,
            outcomes=outcomes,
            codebook=codebook,
            analyzer=ANALYZER_VERSION,
        )
    else:
        codebook = workspace.path / LLM_CODEBOOK_FILE
        themes = llm.themes(documents, embedder, outcomes=outcomes, codebook=codebook, progress=progress)
    # The analyst's corrections (serve) apply to the themes as formed, before anything is drafted from them.
    corrections = load_corrections(workspace.path)
    themes, skipped = apply_corrections(themes, corrections, documents=documents, outcomes=outcomes)
    interviews = interview_order_by_date(documents)
    counts = {
        "interviews": len(interviews),
        "respondents": sum(1 for d in documents if d.kind == "survey_response"),
        "accounts": len(accounts),
        "accounts_with_outcome": sum(1 for a in accounts if a.outcome),
        "customer_units": len(units),
        "themes": len(themes),
    }
    firmographic = chance_tempered(firmographic_signals(accounts))
    # (themes.json keeps each theme whole; the page counts a theme of several points by its label's)
    said = [as_its_label_says(t) for t in themes]
    by_theme = theme_signals(said, outcomes)
    profile = draft_profile(
        themes=said,
        firmographic=firmographic,
        by_theme=by_theme,
        committee=(llm.committee() if llm else None) or buying_committee(units, documents, outcomes),
        saturation=saturation({t.theme_id: t.documents for t in themes}, interviews) if interviews else None,
        counts=counts,
        accounts=accounts,
        competitors=(competitors := named_competitors(units, outcomes, documents, accounts)),
        status_quo=status_quo_ticked(
            documents, outcomes, rivals=[c.value for c in competitors], own=own_product_named(units, outcomes)
        ),
        alike_reasons=reasons_alike(workspace, embedder),
    )
    profile.warnings += surveys_repeated(documents, workspace.path) + skipped
    if llm is not None:
        llm.summarise(profile, themes, firmographic + by_theme)
    report = ProfileReport(
        profile=profile,
        personas=draft_personas(documents, said, committee=profile.buying_committee),
        themes=themes,
        signals=firmographic + by_theme,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        analyzer=ANALYZER_VERSION,
    )
    if llm is not None:
        llm.finish(report)
    rejected = verify_evidence(report, documents)
    if rejected:
        report.profile.warnings.append(f"{rejected} quotes were dropped: not verbatim in a customer turn.")
    return report


def surveys_repeated(documents: Sequence[Document], workspace: Path) -> list[str]:
    """A warning for each survey file most of whose respondents another, larger one repeats word for word (a
    re-export saved beside the old export): ingest says so once, and a build on both would count them twice with no
    word on the page (qa283: "ticked by 77 survey respondents" of 68; ingest's warning was the only one)."""
    answers: dict[str, list[str]] = defaultdict(list)
    where: dict[str, set[str]] = defaultdict(set)
    for document in documents:
        if document.kind == "survey_response":
            answers[document.source].append(document.text)
            where[document.text].add(document.source)
    warnings = []
    for source, own in answers.items():
        elsewhere = {text: sources - {source} for text, sources in where.items()}
        found = most_repeated(own, elsewhere)
        if found is None or (len(answers[found[0]]), found[0]) < (len(own), source):
            continue  # (said of the older, smaller export, once)
        newer, repeated, of = found
        warnings.append(
            f"{repeated} of the {of} respondents of {source} are repeated word for word in {newer} (a re-export?): "
            f"both are read, so they count twice; to keep the newer export alone: {forget_command(workspace, source)}"
        )
    return warnings


def reasons_alike(workspace: Workspace, embedder: Embedder) -> Grouping:
    """A CRM's reasons in other words ("Low volume", "Too small, mostly used broker") are one reason: grouped at
    the fixed distance that groups reasons and answers elsewhere, every two of a group that near (complete
    linkage: a CRM's short values share a word and read alike, and "Billing incident" joined "Family billing - one
    charge per child" through "family billing", qa107), embedded through the workspace's cache."""
    return lambda texts: alike_by_meaning(workspace.embed_cached(texts, embedder), linkage="complete")


def alike_by_meaning(vectors: np.ndarray, *, linkage: str = "average") -> list[list[int]]:
    """Texts (given by their vectors) grouped as saying the same thing, at the fixed distance that groups reasons
    and answers elsewhere (``linkage`` as scikit-learn names it); each group's texts nearest its centre first."""
    groups = cluster_members(vectors, range(len(vectors)), linkage=linkage)
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return [sorted(g, key=lambda n: -float(unit[n] @ unit[g].mean(axis=0))) for g in groups]


@dataclass
class Statements:
    """Every customer statement with its vector, its document's account outcome and its facets."""

    units: list[Unit]
    vectors: np.ndarray
    outcomes: dict[str, str | None]  # document id -> its account's outcome
    facets: FacetScores


def classified_statements(
    workspace: Workspace,
    embedder: Embedder,
    documents: Sequence[Document],
    accounts: Sequence[Account],
    *,
    progress: bool = False,
) -> Statements:
    """The customer statements of these documents, embedded through the workspace's cache and classified."""
    units = customer_units(documents)
    with tqdm(total=len(units), unit="sentence", desc="Embedding statements", disable=not progress) as bar:
        vectors = workspace.embed_cached([u.text for u in units], embedder, on_batch=bar.update)
    outcome_of_account = {a.account_id: a.outcome for a in accounts}
    outcomes = {d.doc_id: document_outcome(d, outcome_of_account) for d in documents}
    facets = classify(
        units,
        vectors,
        embedder,
        outcomes=outcomes,
        embed=lambda texts: workspace.embed_cached(texts, embedder),
        documents=documents,
    )
    return Statements(units, topic_vectors(units, vectors, workspace, embedder), outcomes, facets)


def topic_vectors(
    units: Sequence[Unit], vectors: np.ndarray, workspace: Workspace, embedder: Embedder
) -> np.ndarray:
    """The statements' vectors as their topics are read (``what_it_says``), for grouping them into themes: "But it
    wasn't about price, it was about one system for the city" is grouped with what else was said of one system, not
    with price, though it is filed (classified) as the reason it is in full."""
    meant = words_meant([u.text for u in units])  # slips of the keys read as the word meant ("carier", qa296)
    topics = [spelt_as_meant(what_it_says(u.text), meant) for u in units]
    changed = [row for row, (topic, unit) in enumerate(zip(topics, units, strict=True)) if topic != unit.text]
    if not changed:
        return vectors
    vectors = vectors.copy()
    vectors[changed] = workspace.embed_cached([topics[row] for row in changed], embedder)
    return vectors


def document_outcome(document: Document, outcome_of_account: Mapping[str, str | None]) -> str | None:
    """The CRM outcome of the document's account, else the outcome its metadata states."""
    crm = outcome_of_account.get(document.account_id or "")
    stated = document.metadata.get("outcome")
    if crm:
        return crm
    return stated if stated in GOOD_OUTCOMES | BAD_OUTCOMES else None


def is_verbatim(evidence: Evidence, document: Document | None) -> bool:
    """True when the quote is exactly text[start:end] of the document and inside one customer turn."""
    if document is None or document.text[evidence.start : evidence.end] != evidence.quote:
        return False
    return any(t.is_customer and t.start <= evidence.start and evidence.end <= t.end for t in document.turns)


def verify_evidence(report: ProfileReport, documents: Sequence[Document]) -> int:
    """Drop every quote that is not exactly text[start:end] inside a customer turn; returns how many."""
    by_id = {d.doc_id: d for d in documents}

    def valid(evidence: Evidence) -> bool:
        return is_verbatim(evidence, by_id.get(evidence.document))

    rejected = 0
    holders = [*report.themes, *report.personas, *_criteria(report)]
    for holder in holders:
        field = "quotes" if hasattr(holder, "quotes") else "evidence"
        kept = [e for e in getattr(holder, field) if valid(e)]
        rejected += len(getattr(holder, field)) - len(kept)
        setattr(holder, field, kept)
    return rejected


def _criteria(report: ProfileReport) -> list[Criterion]:
    return report.profile.all_criteria()
