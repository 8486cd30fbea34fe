"""Themes: clusters of customer units within one facet, counted by distinct interviews, respondents, accounts."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from ..models import Evidence, Facet, Theme
from .facets import FacetScores
from .units import Unit, one_per_document

DISTANCE_THRESHOLD = 0.65  # cosine distance at which average-linkage clusters stop merging (tuned on samples)
EXACT_MEMBERS = 5_000  # up to this many statements, exact average linkage (N² distances: ~100 MB at 5,000)
CENTROIDS = 1_000  # above it, statements are summarised by k-means centroids first (at most this many)
MIN_SOURCES = 2  # a theme is recurring only if at least two distinct interviews/respondents raise it
QUOTES_PER_THEME = 4
COMMON_TERM_SHARE = 0.3  # a term in more than this share of themes is too common to label one
_EXTRA_STOP_WORDS = ["yeah", "like", "just", "really", "know", "think", "honestly", "basically", "lot", "kind", "sort", "got", "ve", "ll", "don", "didn", "wasn", "thing", "things", "way", "actually", "pretty", "bit", "mean", "okay", "right", "sure", "said", "couldn", "wouldn", "isn", "aren", "doesn", "haven", "hadn", "shouldn", "weren", "years", "week", "weeks", "time", "people", "tbh", "stuff", "going", "did", "does", "make", "want", "need", "used"]  # fmt: skip


def find_themes(
    units: Sequence[Unit],
    vectors: np.ndarray,
    facets: FacetScores,
    *,
    outcomes: Mapping[str, str | None],
) -> list[Theme]:
    """Cluster each facet's units into themes; ``outcomes`` maps document id to its known outcome."""
    themes: list[Theme] = []
    clusters: list[list[int]] = []
    # Cluster across facets, then give each cluster its members' usual facet: one topic (say, price) is
    # raised as an objection by some and as a reason to switch by others, and must be counted once.
    members = [i for i, assigned in enumerate(facets.assigned) if assigned]
    for cluster in recurring_clusters(units, vectors, members):
        facet = Counter(facets.assigned[i][0] for i in cluster).most_common(1)[0][0]
        themes.append(_theme(facet, cluster, units, vectors, outcomes))
        clusters.append(cluster)
    _label_themes(themes, [" ".join(units[i].text for i in cluster) for cluster in clusters])
    themes.sort(key=lambda t: (-(t.interviews + t.respondents), t.facet, t.label))
    return themes


def recurring_clusters(units: Sequence[Unit], vectors: np.ndarray, members: Sequence[int]) -> list[list[int]]:
    """Clusters of the given units that at least MIN_SOURCES distinct documents raise (the theme candidates)."""
    return [
        cluster
        for cluster in cluster_members(vectors, members)
        if len({units[i].doc_id for i in cluster}) >= MIN_SOURCES
    ]


def cluster_members(
    vectors: np.ndarray, members: Sequence[int], *, distance: float = DISTANCE_THRESHOLD
) -> list[list[int]]:
    """Average-linkage cosine clusters of the given rows of ``vectors``, as lists of those row numbers.

    Average linkage needs every pairwise distance (N² memory and time), so above EXACT_MEMBERS rows the
    rows are first summarised by CENTROIDS k-means centroids, and the centroids are linked.
    """
    members = list(members)
    if len(members) < 2:
        return [members] if members else []
    if len(members) > EXACT_MEMBERS:
        labels = _two_stage(vectors[members], distance)
    else:
        labels = _average_linkage(vectors[members], distance)
    groups: dict[int, list[int]] = {}
    for member, label in zip(members, labels, strict=True):
        groups.setdefault(int(label), []).append(member)
    return list(groups.values())


def _average_linkage(points: np.ndarray, distance: float) -> np.ndarray:
    return AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    ).fit_predict(points)


def _two_stage(points: np.ndarray, distance: float) -> np.ndarray:
    """Average linkage over k-means cells of the points: O(N) memory instead of O(N²).

    Each cell is kept whole, and cells are linked by the mean cosine distance between their members,
    which for unit vectors is exactly 1 - mean(A)·mean(B): the same criterion as average linkage over
    the points themselves, only never splitting a cell.
    """
    points = points / np.maximum(np.linalg.norm(points, axis=1, keepdims=True), 1e-12)
    cells = min(CENTROIDS, len(points) // 5)
    # Random initial centroids and a few Lloyd iterations: k-means++ seeding of 1,000 centroids costs minutes.
    kmeans = KMeans(n_clusters=cells, init="random", n_init=1, max_iter=10, random_state=0).fit(points)
    used, cell_of_point = np.unique(kmeans.labels_, return_inverse=True)
    sizes = np.bincount(cell_of_point).astype(np.float64)
    means = np.zeros((len(used), points.shape[1]))
    np.add.at(means, cell_of_point, points)
    means /= sizes[:, None]
    return _link_cells(means, sizes, distance)[cell_of_point]


def _link_cells(means: np.ndarray, sizes: np.ndarray, distance: float) -> np.ndarray:
    """Average-linkage labels of cells (means of unit vectors, with member counts), merged below ``distance``."""
    gaps = 1.0 - means @ means.T
    np.fill_diagonal(gaps, np.inf)
    sizes = sizes.copy()
    labels = np.arange(len(means))
    while len(means) > 1:
        i, j = np.unravel_index(int(np.argmin(gaps)), gaps.shape)
        if gaps[i, j] >= distance:
            break
        # The merged cluster's mean distance to any other is the member-weighted mean of the two (UPGMA).
        row = (sizes[i] * gaps[i] + sizes[j] * gaps[j]) / (sizes[i] + sizes[j])
        gaps[i, :] = gaps[:, i] = row
        gaps[j, :] = gaps[:, j] = gaps[i, i] = np.inf
        sizes[i] += sizes[j]
        labels[labels == j] = i
    return labels


def _theme(
    facet: Facet,
    cluster: list[int],
    units: Sequence[Unit],
    vectors: np.ndarray,
    outcomes: Mapping[str, str | None],
) -> Theme:
    ranked = by_centrality(vectors, cluster)
    return counted_theme(facet, [units[i].evidence() for i in ranked], outcomes=outcomes)


def by_centrality(vectors: np.ndarray, cluster: Sequence[int]) -> list[int]:
    """The cluster's rows, closest to its centroid (most representative) first."""
    centroid = vectors[list(cluster)].mean(axis=0)
    return sorted(cluster, key=lambda i: -float(vectors[i] @ centroid))


def counted_theme(
    facet: Facet, ranked: Sequence[Evidence], *, outcomes: Mapping[str, str | None], label: str = ""
) -> Theme:
    """A theme from all of its evidence, most representative first: counted by distinct documents and
    accounts, with one quote per document first so the evidence shows the spread, not one talkative customer."""
    documents = sorted({e.document for e in ranked})
    interviews = {e.document for e in ranked if e.kind == "interview"}
    accounts = sorted({e.account_id for e in ranked if e.account_id})
    by_outcome: dict[str, int] = {}
    for doc in documents:
        if outcome := outcomes.get(doc):
            by_outcome[outcome] = by_outcome.get(outcome, 0) + 1
    key = hashlib.sha1("\n".join(sorted(f"{e.document}:{e.start}" for e in ranked)).encode())
    return Theme(
        theme_id=f"{facet}-{key.hexdigest()[:8]}",
        facet=facet,
        label=label,
        interviews=len(interviews),
        respondents=len(documents) - len(interviews),
        accounts=len(accounts),
        documents=documents,
        account_ids=accounts,
        by_outcome=by_outcome,
        evidence=one_per_document(ranked)[:QUOTES_PER_THEME],
    )


def _label_themes(themes: list[Theme], texts: list[str]) -> None:
    """Label each theme with its most distinctive phrases (class-based TF-IDF, as BERTopic does)."""
    if not themes:
        return
    vectorizer = CountVectorizer(
        ngram_range=(1, 2), stop_words=list(ENGLISH_STOP_WORDS.union(_EXTRA_STOP_WORDS)), min_df=1
    )
    try:
        counts = vectorizer.fit_transform(texts).toarray().astype(np.float64)
    except ValueError:  # every word was a stop word
        for theme in themes:
            theme.label = theme.evidence[0].quote[:60] if theme.evidence else theme.facet
        return
    terms = vectorizer.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    idf = np.log(1 + counts.sum() / len(themes) / np.maximum(counts.sum(axis=0), 1))
    weights = tf * idf
    # Words every theme uses (the product's own name, say) and bare numbers label nothing.
    spread = (counts > 0).mean(axis=0)
    weights[:, (spread > COMMON_TERM_SHARE) & (len(themes) >= 5)] = 0
    weights[:, [any(ch.isdigit() for ch in term) for term in terms]] = 0
    for theme, row in zip(themes, weights, strict=True):
        top = [terms[i] for i in np.argsort(-row)[:10] if row[i] > 0 and _distinct_words(terms[i])]
        phrases = _drop_contained(top)[:3]
        theme.keyphrases = phrases
        theme.label = " · ".join(phrases) if phrases else theme.evidence[0].quote[:60]


def _distinct_words(term: str) -> bool:
    words = term.split()
    return len(set(words)) == len(words)


def _drop_contained(terms: list[str]) -> list[str]:
    """Keep 'month end close' and drop 'month' and 'close' when they only repeat it."""
    kept: list[str] = []
    for term in sorted(terms, key=lambda t: -len(t.split())):
        if not any(term in k.split() or term in k for k in kept):
            kept.append(term)
    return sorted(kept, key=terms.index)
