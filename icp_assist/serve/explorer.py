"""What the evidence explorer shows: the analysis, the documents and accounts, loaded once, seen through filters."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from ..analyze import document_outcome
from ..ask import Answer, StatementIndex, ask, index_statements
from ..build import analyze_cached
from ..config import Settings
from ..corrections import Correction, Corrections, add_correction, apply_corrections, statements
from ..embed import Embedder, get_embedder
from ..errors import StoreError
from ..models import ProfileReport, Theme
from ..records import Account, Document
from ..store import Workspace, open_workspace

FILTERS = ("segment", "role", "outcome", "kind")  # what every page can be narrowed by
GRID_BY = ("segment", "role", "outcome", "kind")  # the columns of the theme grid


def document_key(doc_id: str) -> str:
    """A short stable key for a document id (ids are file paths; survey rows add '#respondent')."""
    return hashlib.sha1(doc_id.encode()).hexdigest()[:12]


@dataclass
class Segment:
    """A piece of one turn's text, highlighted when it is the quote asked for."""

    text: str
    highlighted: bool = False
    marked: bool = False  # a quote the page marks covers it
    anchor: str = ""  # the id of the quote that starts here


@dataclass
class TurnView:
    """One turn of a transcript as the page shows it."""

    speaker: str
    is_customer: bool
    seconds: float | None
    question: str | None
    segments: list[Segment]


@dataclass
class Explorer:
    """The workspace's analysis, documents, accounts and statement index, loaded once for many requests."""

    workspace: Path
    report: ProfileReport
    documents: dict[str, Document]
    accounts: dict[str, Account]
    outcomes: dict[str, str | None]
    index: StatementIndex | None = None
    embedder: Embedder | None = None
    keys: dict[str, str] = field(default_factory=dict)
    _editing: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.keys = {document_key(d): d for d in self.documents}

    # --- looking things up

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id, or None."""
        return next((t for t in self.report.themes if t.theme_id == theme_id), None)

    def document(self, key: str) -> Document | None:
        """The document with this key (or id), or None."""
        return self.documents.get(self.keys.get(key, key))

    def attribute(self, doc_id: str, name: str) -> str:
        """A document's segment, role, outcome or kind ('unknown' when not known)."""
        document = self.documents.get(doc_id)
        if document is None:
            return "unknown"
        if name == "kind":
            return document.kind
        if name == "outcome":
            return self.outcomes.get(doc_id) or "unknown"
        value = document.metadata.get(name)
        return str(value) if value not in (None, "") else "unknown"

    def values(self, name: str) -> list[str]:
        """Every value of a filter in the workspace, sorted, 'unknown' last."""
        found = {self.attribute(d, name) for d in self.documents}
        return sorted(found - {"unknown"}) + (["unknown"] if "unknown" in found else [])

    # --- filtering

    def selected(self, filters: Mapping[str, str]) -> set[str]:
        """Ids of the documents that pass the filters (empty values are ignored)."""
        wanted = {k: v for k, v in filters.items() if k in FILTERS and v}
        return {d for d in self.documents if all(self.attribute(d, k) == v for k, v in wanted.items())}

    def themes_in(self, chosen: set[str]) -> list[tuple[Theme, int]]:
        """Themes raised by the chosen documents with how many of them raise each, most raised first."""
        counted = [(t, len(set(t.documents) & chosen)) for t in self.report.themes]
        return sorted(((t, n) for t, n in counted if n), key=lambda pair: (-pair[1], pair[0].label))

    def grid(
        self, themes: Sequence[tuple[Theme, int]], chosen: set[str], by: str
    ) -> tuple[list[str], list[list[int]]]:
        """Column values and, per theme, distinct chosen documents raising it for each value."""
        columns = [v for v in self.values(by) if any(self.attribute(d, by) == v for d in chosen)]
        rows = [
            [
                sum(1 for d in theme.documents if d in chosen and self.attribute(d, by) == value)
                for value in columns
            ]
            for theme, _ in themes
        ]
        return columns, rows

    def column_totals(self, chosen: set[str], by: str, columns: Sequence[str]) -> list[int]:
        """Documents per column value: what each grid cell is out of."""
        return [sum(1 for d in chosen if self.attribute(d, by) == value) for value in columns]

    def themes_of(self, doc_id: str) -> list[Theme]:
        """Themes the document raises."""
        return [t for t in self.report.themes if doc_id in t.documents]

    # --- the transcript view

    def turns(
        self, document: Document, highlight: tuple[int, int] | None, *, anchors: bool
    ) -> list[TurnView]:
        """The document's turns, the ``highlight`` span marked; with ``anchors``, every quote the themes cite
        in it is marked too (for the static site, where the page cannot read ``?at=``)."""
        spans = [highlight] if highlight else []
        if anchors:
            cited = {
                (e.start, e.end)
                for t in self.report.themes
                for e in statements(t)
                if e.document == document.doc_id
            }
            spans = sorted(cited | set(spans))
        views = []
        for turn in document.turns:
            inside = [s for s in spans if turn.start <= s[0] and s[1] <= turn.end]
            views.append(
                TurnView(
                    speaker=turn.speaker,
                    is_customer=turn.is_customer,
                    seconds=turn.seconds,
                    question=turn.question,
                    segments=_segments(document.text, turn.start, turn.end, inside, highlight),
                )
            )
        return views

    # --- asking and correcting

    def ask(self, question: str, filters: Mapping[str, str]) -> Answer:
        """Answer from the statement index loaded at start-up (the embedding model stays loaded)."""
        if self.index is None or self.embedder is None:
            raise StoreError("asking needs the running server (icp-assist serve)")
        wanted = {k: v for k, v in filters.items() if v}
        # Read-only and without the writer lock (a build may run meanwhile); opened per question, since
        # requests are served on worker threads and a SQLite connection belongs to the thread that made it.
        with open_workspace(self.workspace, embedding_name=self.embedder.name, read_only=True) as reader:
            return ask(reader, self.embedder, question, filters=wanted, index=self.index)

    def correct(self, correction: Correction) -> list[str]:
        """Save a correction to the workspace and apply it to the themes shown; what could not be applied."""
        with self._editing:  # two edits at once must not both rewrite corrections.json from the same state
            themes, skipped = apply_corrections(
                self.report.themes,
                Corrections(corrections=[correction]),
                documents=list(self.documents.values()),
                outcomes=self.outcomes,
            )
            if not skipped:
                add_correction(self.workspace, correction)
                self.report.themes = themes
            return skipped


def _segments(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]], highlight: tuple[int, int] | None
) -> list[Segment]:
    """The turn text cut at the marked spans' ends, each piece marked while a span covers it, and anchored where a
    span starts: a quote inside or across another keeps its anchor (a theme's link to "Getting approvals out of the
    warehouse managers…" went nowhere when another theme quoted the turn around it)."""
    cuts = sorted({start, end, *(p for span in spans for p in span if start <= p <= end)})
    segments: list[Segment] = []
    for a, b in pairwise(cuts):
        anchors = [f"at-{s}-{e}" for s, e in spans if s == a]
        segments.extend(Segment("", marked=True, anchor=extra) for extra in anchors[1:])
        segments.append(
            Segment(
                text[a:b],
                highlighted=highlight is not None and highlight[0] <= a and b <= highlight[1],
                marked=any(s <= a and b <= e for s, e in spans),
                anchor=anchors[0] if anchors else "",
            )
        )
    return segments


def load_explorer(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    ask_index: bool = True,
    report: ProfileReport | None = None,
) -> Explorer:
    """Analyse (or reuse the cached analysis of) the workspace, or take ``report``, and load what pages show.

    The workspace is opened for writing only while loading (the analysis and embeddings are cached in it),
    so a ``build`` can run while the server is up. With ``settings.llm``, the LLM build's analysis is shown.
    """
    if not (settings.workspace / "records.sqlite3").exists():
        raise StoreError(f"no workspace at {settings.workspace}: run 'icp-assist ingest PATH' first")
    embedder = embedder or get_embedder(settings.embedding)
    with open_workspace(
        settings.workspace, embedding_name=embedder.name, chroma_url=settings.chroma_url
    ) as ws:
        if report is None:
            llm = None
            if settings.llm:
                from ..llm import open_llm

                llm = open_llm(settings, ws)
            report, _ = analyze_cached(ws, embedder, llm=llm)
        return _load(ws, report, embedder if ask_index else None)


def _load(workspace: Workspace, report: ProfileReport, embedder: Embedder | None) -> Explorer:
    documents = {d.doc_id: d for d in workspace.documents()}
    accounts = {a.account_id: a for a in workspace.accounts()}
    by_account = {k: a.outcome for k, a in accounts.items()}
    return Explorer(
        workspace=workspace.path,
        report=report,
        documents=documents,
        accounts=accounts,
        outcomes={k: document_outcome(d, by_account) for k, d in documents.items()},
        index=index_statements(workspace, embedder) if embedder else None,
        embedder=embedder,
    )
