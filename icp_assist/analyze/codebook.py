"""The theme codebook: each theme's id, label, facet and centroid, kept in the workspace between builds so
that a theme found again keeps its id and label when data is added.

The file is small, readable JSON (``codebook.json`` in the workspace)::

    {"version": 1, "themes": [{"theme_id": "...", "label": "...", "facet": "...", "centroid": [...],
                               "label_rules": 2, "members": ["3f9a0c12d4", ...]}]}

``label_rules`` is the ``LABEL_RULES_VERSION`` the label was cut under (absent in older files: 0);
``members`` names the theme's statements by a short hash of where each one is (absent in older files: none);
``grouped_by`` is the analyzer version that grouped them (absent in older files: none).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..errors import IcpAssistError
from ..models import Evidence, Theme
from ..outputs import write_text_atomic
from ..records import source_key
from .labels import LABEL_RULES_VERSION, without_asides

CODEBOOK_FILE = "codebook.json"
LLM_CODEBOOK_FILE = (
    "codebook-llm.json"  # the LLM path's themes: centroids of finding summaries, model-written labels
)
CODEBOOK_VERSION = 1
MATCH_SIMILARITY = 0.8  # centroid cosine at which a new cluster is the codebook's theme (set on samples/)
# ... or this close when its statements still say the remembered label: the same theme, grown (samples/)
LABEL_SIMILARITY = 0.6
_DIGITS = 5  # centroid precision kept in the file


class CodebookError(IcpAssistError):
    """The workspace's theme codebook cannot be read."""


@dataclass
class CodebookEntry:
    """One theme as the codebook remembers it."""

    theme_id: str
    label: str
    facet: str
    centroid: np.ndarray
    label_rules: int = 0  # the LABEL_RULES_VERSION the label was cut under
    members: frozenset[str] = frozenset()  # statement_key of each of its statements
    label_sources: int = 0  # the distinct sources of the theme its label was cut from (0: not recorded)
    grouped_by: str = ""  # the analyzer that grouped its members (they keep their theme under the same one)

    @property
    def label_is_current(self) -> bool:
        """Whether the label was cut under today's rules (if not, the theme keeps its id and is relabelled)."""
        return self.label_rules == LABEL_RULES_VERSION


def load_codebook(path: Path) -> list[CodebookEntry]:
    """The codebook's themes; none when the file does not exist yet."""
    if not path.exists():
        return []
    fix = "fix it, or delete it to let the next build start a new codebook (theme ids and labels will change)"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [
            CodebookEntry(
                theme_id=str(t["theme_id"]),
                label=str(t["label"]),
                facet=str(t["facet"]),
                centroid=np.asarray(t["centroid"], dtype=np.float64),
                label_rules=int(t.get("label_rules", 0)),
                members=frozenset(str(m) for m in t.get("members", [])),
                label_sources=int(t.get("label_sources", 0)),
                grouped_by=str(t.get("grouped_by", "")),
            )
            for t in data["themes"]
        ]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as ex:
        raise CodebookError(f"{path}: not a readable theme codebook ({ex}); {fix}") from ex
    sizes = {e.centroid.shape for e in entries}
    if len(sizes) > 1 or any(len(size) != 1 for size in sizes):
        raise CodebookError(f"{path}: theme centroids differ in length; {fix}")
    return entries


def save_codebook(path: Path, entries: Sequence[CodebookEntry]) -> None:
    """Write the codebook atomically, one theme per entry, centroids rounded."""
    data = {
        "version": CODEBOOK_VERSION,
        "themes": [
            {
                "theme_id": e.theme_id,
                "label": e.label,
                "facet": e.facet,
                "centroid": [round(float(x), _DIGITS) for x in e.centroid],
                "label_rules": e.label_rules,
                "members": sorted(e.members),
                "label_sources": e.label_sources,
                "grouped_by": e.grouped_by,
            }
            for e in entries
        ],
    }
    write_text_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def statement_key(quote: Evidence) -> str:
    """A short, stable name for a statement, hashed: where it is (document, offsets); a survey answer by who gave it
    and what it says, whatever file the survey was exported to (qa289: a re-export with a week's new rows replaced
    the old export, as the tool advised, and answers nobody changed moved between themes, counts falling in `diff`)."""
    if quote.kind == "survey_response" and "#" in quote.document:
        return hashlib.sha1(f"{source_key(quote.document)}\0{quote.quote}".encode()).hexdigest()[:10]
    return hashlib.sha1(f"{quote.document}\0{quote.start}\0{quote.end}".encode()).hexdigest()[:10]


def match_codebook(
    centroids: np.ndarray,
    entries: Sequence[CodebookEntry],
    *,
    facets: Sequence[str] | None = None,
    texts: Sequence[Sequence[str]] | None = None,
) -> dict[int, CodebookEntry]:
    """Cluster number -> the codebook theme it is: one-to-one, most similar pairs first (under the same
    heading when ``facets`` are given), centroid cosine at least MATCH_SIMILARITY, or at least
    LABEL_SIMILARITY when the remembered label is still said in the cluster's statements (``texts``).
    Centroids of another length (another embedding model) match nothing."""
    if not len(centroids) or not entries or entries[0].centroid.shape[0] != centroids.shape[1]:
        return {}
    known = np.array([e.centroid for e in entries])
    known /= np.maximum(np.linalg.norm(known, axis=1, keepdims=True), 1e-12)
    similar = centroids @ known.T
    if facets is not None:
        same = np.array([[f == e.facet for e in entries] for f in facets])
        similar = np.where(same, similar, -1.0)
    rows, columns = linear_sum_assignment(-similar)
    matched = {}
    for r, c in zip(rows, columns, strict=True):
        entry, score = entries[int(c)], float(similar[r, c])
        said = texts is not None and says(texts[int(r)], entry.label)
        if score >= MATCH_SIMILARITY or (said and score >= LABEL_SIMILARITY):
            matched[int(r)] = entry
    return matched


def says(statements: Sequence[str], label: str) -> bool:
    """Whether one of the statements says the label (case, spacing and the asides a label is cut without aside:
    "Your API docs were thinner" of "Your API docs were, um, thinner.")."""
    wanted = " ".join(label.casefold().split())
    return any(wanted in " ".join(t.casefold().split()) for s in statements for t in (s, without_asides(s)))


def updated_codebook(
    known: Sequence[CodebookEntry],
    themes: Sequence[Theme],
    centroids: np.ndarray,
    reused: Mapping[int, CodebookEntry],
    *,
    analyzer: str = "",
) -> list[CodebookEntry]:
    """This build's themes (with their current centroids, labelled under today's rules, grouped by ``analyzer``),
    then the remembered themes it did not find."""
    current = [
        CodebookEntry(
            t.theme_id,
            t.label,
            t.facet,
            centroids[n],
            LABEL_RULES_VERSION,
            frozenset(map(statement_key, t.members)),
            # (a label kept from the codebook was cut from the sources it had then)
            reused[n].label_sources if n in reused and reused[n].label == t.label else len(set(t.documents)),
            analyzer,
        )
        for n, t in enumerate(themes)
    ]
    ids = {t.theme_id for t in themes}
    return current + [e for e in known if e.theme_id not in ids]
