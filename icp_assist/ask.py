"""`icp-assist ask`: answer a question from customers' own words, offline, with verbatim citations.

Retrieval runs over customer statements only (interview customer sentences and survey answers, as
``customer_units`` cuts them). Three rankings are fused with reciprocal-rank fusion:

- semantic: cosine of the question's embedding to each statement's (statement vectors come from
  ``Workspace.embed_cached``, so a built or asked workspace never embeds a statement twice);
- keyword: TF-IDF cosine of the question to each statement, for names and exact terms;
- facet: when the question asks about one part of buying ("why did they buy" → triggers and pains,
  "who signs off" → decision makers), each statement's score for those facets from ``classify``.

A question about leaving ("churn", "cancel", "lost") is answered from churned or lost accounts only,
unless ``filters`` name an outcome. The Chroma collection is not queried: it holds whole turns, while
every customer sentence is already in the statement index with exact offsets, so it would add a second
vector space to reconcile and no recall.

The answer is extractive: the relevant statements are clustered, and the answer lists the clusters
raised by the most distinct sources with their counts. When fewer than ``MIN_SOURCES`` distinct sources
are relevant, the answer says the evidence is thin instead of answering.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel, Field
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from .analyze import document_outcome, is_verbatim
from .analyze.facets import FacetScores, classify
from .analyze.themes import cluster_members
from .analyze.units import Unit, customer_units
from .embed import Embedder
from .errors import ConfigError, StoreError
from .models import FACETS, Evidence, Facet
from .records import Document
from .store import Workspace

FILTER_KEYS = ("account_id", "kind", "outcome", "role", "segment")
SIMILARITY = 0.42  # a statement this close to the question speaks to it (calibrated on samples)
MIN_SOURCES = 3  # fewer relevant distinct sources than this, and the evidence is thin
RRF_K = 60  # reciprocal-rank fusion constant (Cormack et al. 2009)
# Weights of the semantic, keyword and facet rankings in the fusion: the facet ranking, when the question
# has an intent, counts double (tuned on samples with benchmarks/ask_quality.py).
WEIGHTS = (1.0, 1.0, 2.0)
POOL = 40  # the best-ranked relevant statements that are clustered into the answer's themes
CLUSTER_DISTANCE = 0.6  # cosine distance at which answer clusters stop merging
MAX_THEMES = 4


@dataclass(frozen=True)
class Intent:
    """What a question asks about: the facets to favour and the outcomes it is about."""

    name: str
    facets: tuple[Facet, ...]
    outcomes: tuple[str, ...] = ()


# First match wins: "what nearly stopped you from buying" is about objections, not about buying.
_INTENTS: tuple[tuple[str, Intent], ...] = (
    (r"churn|cancel|leave|left|didn'?t renew|not renew|stop(ped)? using", Intent("churn", ("outcome",), ("churned",))),
    (r"\blos[te]\b|\blosing\b|\bloss\b|didn'?t buy|not buy|walk(ed)? away", Intent("loss", ("outcome",), ("lost",))),
    (r"who\b.*\b(sign|decid|approv|buy|involv|champion)|sign(s|ed)? off|decision|approv|budget", Intent("decision", ("decision_maker",))),
    (r"nearly|almost|stop(ped)?|objection|hesita|concern|worr|hold .* back|push ?back", Intent("objection", ("objection",))),
    (r"instead|alternative|before|competitor|compare|other (tools|vendors|options)|used to", Intent("alternative", ("alternative",))),
    (r"why\b.*\b(buy|bought|purchas|choose|chose|pick|sign(ed)? up|switch)|start(ed)? looking|trigger|prompt|why now", Intent("buy", ("trigger", "pain_point"))),
    (r"problem|pain|struggl|challenge|frustrat", Intent("pain", ("pain_point",))),
    (r"goal|hop(e|ing)|achieve|want|success", Intent("goal", ("goal",))),
)  # fmt: skip


class Answer(BaseModel):
    """An extractive answer: what customers most often said, the verbatim quotes behind it, or 'thin'."""

    question: str
    answer: str
    citations: list[Evidence] = Field(default_factory=list, description="Best statement per source first.")
    themes: list[str] = Field(default_factory=list, description="Clusters the relevant statements form.")
    thin: bool = Field(description="Fewer than MIN_SOURCES distinct sources speak to the question.")
    sources: int = Field(default=0, description="Distinct interviews and respondents that speak to it.")


@dataclass
class StatementIndex:
    """Every customer statement with its vector, facet scores and keyword terms; build once, ask often."""

    units: list[Unit]
    vectors: np.ndarray
    facets: FacetScores
    documents: dict[str, Document]
    outcomes: dict[str, str | None]
    tfidf: TfidfVectorizer | None
    terms: Any  # the sparse TF-IDF matrix of the statements (scipy)

    def keyword_scores(self, question: str) -> np.ndarray:
        """TF-IDF cosine of the question to every statement (rows are L2-normalised)."""
        if self.tfidf is None:
            return np.zeros(len(self.units), dtype=np.float32)
        query = self.tfidf.transform([question])
        return np.asarray((self.terms @ query.T).toarray()).ravel()


def index_statements(workspace: Workspace, embedder: Embedder) -> StatementIndex:
    """Load, embed (through the workspace cache) and score every customer statement in the workspace."""
    if not workspace.has_content():
        raise StoreError(f"workspace {workspace.path} is empty: run 'icp-assist ingest PATH' first")
    documents = list(workspace.documents())
    units = customer_units(documents)
    vectors = workspace.embed_cached([u.text for u in units], embedder)
    crm = {a.account_id: a.outcome for a in workspace.accounts()}
    tfidf, terms = _keyword_index([u.text for u in units])
    return StatementIndex(
        units=units,
        vectors=vectors,
        facets=classify(units, vectors, embedder),
        documents={d.doc_id: d for d in documents},
        outcomes={d.doc_id: document_outcome(d, crm) for d in documents},
        tfidf=tfidf,
        terms=terms,
    )


def ask(
    workspace: Workspace,
    embedder: Embedder,
    question: str,
    *,
    filters: Mapping[str, str] | None = None,
    top: int = 5,
    index: StatementIndex | None = None,
) -> Answer:
    """Answer a question from customer statements, citing verbatim quotes; pass ``index`` to reuse one."""
    question = question.strip()
    if not question:
        raise ConfigError("Ask a question, e.g. 'why did customers buy?'")
    if top < 1:
        raise ConfigError(f"--top must be at least 1, not {top}")
    wanted = _parse_filters(filters or {})
    index = index or index_statements(workspace, embedder)
    intent = detect_intent(question)
    if intent and intent.outcomes and "outcome" not in wanted:
        wanted["outcome"] = set(intent.outcomes)
    candidates = [i for i, u in enumerate(index.units) if _matches(u, index, wanted)]
    if not candidates:
        return _thin(question, [], 0, f"no customer statements match {_describe(wanted)}")
    ranked, relevant = _rank(index, embedder, question, intent, candidates)
    pool = [i for i in ranked if i in relevant]
    sources = len({index.units[i].doc_id for i in relevant})
    citations = _verified(index, _one_per_document_first(index.units, pool, top))
    if sources < MIN_SOURCES:
        return _thin(question, citations, sources, _too_few(citations, sources))
    themes = _themes(index, pool[:POOL])
    return Answer(
        question=question,
        answer=_summary(index, relevant, themes, intent),
        citations=citations,
        themes=[label for label, _, _ in themes],
        thin=False,
        sources=sources,
    )


def detect_intent(question: str) -> Intent | None:
    """The part of buying a question asks about, or None for an open question."""
    for pattern, intent in _INTENTS:
        if re.search(pattern, question, re.IGNORECASE):
            return intent
    return None


def to_json(answer: Answer) -> dict[str, object]:
    """The answer as plain JSON: answer, citations (document, speaker, start, end, quote), themes, thin."""
    return {
        "answer": answer.answer,
        "citations": [
            {"document": c.document, "speaker": c.speaker, "start": c.start, "end": c.end, "quote": c.quote}
            for c in answer.citations
        ],
        "themes": answer.themes,
        "thin": answer.thin,
    }


# --- filtering


def _parse_filters(filters: Mapping[str, str]) -> dict[str, set[str]]:
    """Filter key -> accepted values (lower case); 'outcome=churned,lost' accepts either."""
    unknown = sorted(set(filters) - set(FILTER_KEYS))
    if unknown:
        raise ConfigError(
            f"Unknown filter {', '.join(map(repr, unknown))}: use one of {', '.join(FILTER_KEYS)} "
            "(e.g. --filter segment=mid-market)."
        )
    return {
        k: {v.strip().lower() for v in str(value).split(",") if v.strip()} for k, value in filters.items()
    }


def _matches(unit: Unit, index: StatementIndex, wanted: Mapping[str, set[str]]) -> bool:
    document = index.documents[unit.doc_id]
    values = {
        "account_id": unit.account_id,
        "kind": unit.kind,
        "outcome": index.outcomes.get(unit.doc_id),
        "role": document.metadata.get("role"),
        "segment": document.metadata.get("segment"),
    }
    # A document that does not state a value does not match a filter on it (surveys carry no segment).
    return all(str(values[key]).lower() in accepted for key, accepted in wanted.items() if accepted)


def _describe(wanted: Mapping[str, set[str]]) -> str:
    return " ".join(f"{k}={','.join(sorted(v))}" for k, v in sorted(wanted.items())) or "the question"


# --- ranking


def _keyword_index(texts: Sequence[str]) -> tuple[TfidfVectorizer | None, Any]:
    if not texts:
        return None, None
    vectorizer = TfidfVectorizer(stop_words=list(ENGLISH_STOP_WORDS), sublinear_tf=True, ngram_range=(1, 2))
    try:
        return vectorizer, vectorizer.fit_transform(texts)
    except ValueError:  # only stop words
        return None, None


def _rank(
    index: StatementIndex, embedder: Embedder, question: str, intent: Intent | None, candidates: list[int]
) -> tuple[list[int], set[int]]:
    """Candidates best first by reciprocal-rank fusion, and those relevant enough to count as sources."""
    rows = np.asarray(candidates)
    semantic = (index.vectors[rows] @ embedder.embed([question])[0]) if len(index.vectors) else rows * 0.0
    rankings = [semantic, index.keyword_scores(question)[rows]]
    relevant = set(rows[semantic >= SIMILARITY].tolist())
    if intent:
        columns = np.asarray([FACETS.index(f) for f in intent.facets])
        facet = index.facets.scores[np.ix_(rows, columns)].max(axis=1)
        rankings.append(facet)
        relevant |= {i for i in candidates if set(index.facets.assigned[i]) & set(intent.facets)}
    fused = np.zeros(len(rows))
    for weight, scores in zip(WEIGHTS, rankings, strict=False):
        order = np.argsort(-scores, kind="stable")
        fused[order] += weight / (RRF_K + np.arange(1, len(rows) + 1))
    ranked = [int(rows[i]) for i in np.argsort(-fused, kind="stable")]
    return ranked, relevant


def _one_per_document_first(units: Sequence[Unit], ranked: Sequence[int], top: int) -> list[int]:
    """The best statement of each document in rank order, then second-best ones, up to ``top``."""
    seen: set[str] = set()
    first: list[int] = []
    rest: list[int] = []
    for i in ranked:
        (rest if units[i].doc_id in seen else first).append(i)
        seen.add(units[i].doc_id)
    return (first + rest)[:top]


def _verified(index: StatementIndex, chosen: Sequence[int]) -> list[Evidence]:
    evidence = [index.units[i].evidence() for i in chosen]
    return [e for e in evidence if is_verbatim(e, index.documents.get(e.document))]


# --- the extractive answer


def _themes(index: StatementIndex, pool: Sequence[int]) -> list[tuple[str, int, list[int]]]:
    """Clusters of the pool as (label, distinct sources, members), most sources first."""
    groups = cluster_members(index.vectors, pool, distance=CLUSTER_DISTANCE) or [list(pool)]
    scored = [(g, len({index.units[i].doc_id for i in g})) for g in groups]
    scored.sort(key=lambda pair: (-pair[1], pool.index(pair[0][0])))
    recurring = [pair for pair in scored if pair[1] >= 2] or scored[:1]
    return [(_label(index, g), n, g) for g, n in recurring[:MAX_THEMES]]


def _label(index: StatementIndex, members: Sequence[int]) -> str:
    """The cluster's most telling terms (shared by two or more of its statements), else its first quote."""
    if index.tfidf is not None and len(members) > 1:
        rows = index.terms[list(members)]
        weight = np.asarray(rows.sum(axis=0)).ravel()
        shared = np.asarray((rows > 0).sum(axis=0)).ravel() >= 2
        names = index.tfidf.get_feature_names_out()
        top = [str(names[i]) for i in np.argsort(-weight * shared)[:6] if shared[i] and weight[i] > 0]
        kept = [t for t in top if not any(t != o and t in o for o in top)][:3]
        if kept:
            return " · ".join(kept)
    return _shorten(index.units[members[0]].text)


def _summary(
    index: StatementIndex, relevant: set[int], themes: list[tuple[str, int, list[int]]], intent: Intent | None
) -> str:
    documents = {index.units[i].doc_id for i in relevant}
    interviews = sum(1 for d in documents if index.documents[d].kind == "interview")
    respondents = len(documents) - interviews
    counted = [
        _plural(n, noun) for n, noun in ((interviews, "interview"), (respondents, "survey respondent")) if n
    ]
    scope = f"Across {' and '.join(counted)}"
    if intent and intent.outcomes:
        scope += f" from {' or '.join(intent.outcomes)} accounts"
    lines = [f"{scope}, customers most often said:"]
    for label, count, members in themes:
        lines.append(
            f"- {label} ({_plural(count, 'source')}), e.g. “{_shorten(index.units[members[0]].text)}”"
        )
    return "\n".join(lines)


def _too_few(citations: Sequence[Evidence], sources: int) -> str:
    if not sources:
        return "no customer statement speaks to this"
    titles = ", ".join(dict.fromkeys(c.title for c in citations))
    return f"only {_plural(sources, 'source')} speak{'s' if sources == 1 else ''} to this ({titles})"


def _thin(question: str, citations: list[Evidence], sources: int, why: str) -> Answer:
    text = f"The evidence is thin: {why}. Ingest more interviews or survey answers, or widen the filters."
    return Answer(question=question, answer=text, citations=citations, thin=True, sources=sources)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _shorten(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
