"""Agreement of found clusters with gold labels: ARI, NMI and harmonic purity (as TopicGPT reports them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score


@dataclass(frozen=True)
class Agreement:
    """How well one partition of answers matches the gold labels."""

    ari: float
    nmi: float
    harmonic_purity: float
    n: int
    clusters: int
    unthemed: float  # share of the answers put in no theme (one "no theme" group, like BERTopic's -1)


def purity(found: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Share of items that fall in their cluster's majority gold label."""
    if not found:
        return 0.0
    members: dict[Hashable, Counter[Hashable]] = {}
    for f, g in zip(found, gold, strict=True):
        members.setdefault(f, Counter())[g] += 1
    return sum(c.most_common(1)[0][1] for c in members.values()) / len(found)


def harmonic_purity(found: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Harmonic mean of purity and inverse purity (each gold label's share in its best cluster)."""
    p, inverse = purity(found, gold), purity(gold, found)
    return 2 * p * inverse / (p + inverse) if p + inverse else 0.0


def agreement(found: Sequence[Hashable], gold: Sequence[Hashable], *, outlier: Hashable = -1) -> Agreement:
    """ARI, NMI (arithmetic) and harmonic purity of ``found`` against ``gold``; ``outlier`` is the no-theme group."""
    return Agreement(
        ari=float(adjusted_rand_score(gold, found)),
        nmi=float(normalized_mutual_info_score(gold, found)),
        harmonic_purity=harmonic_purity(found, gold),
        n=len(found),
        clusters=len(set(found) - {outlier}),
        unthemed=sum(f == outlier for f in found) / len(found) if found else 0.0,
    )
