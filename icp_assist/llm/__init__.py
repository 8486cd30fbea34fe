"""The LLM path: a LangChain chat model extracts findings with verbatim quotes (map), embedding clusters of
them become themes the model names (reduce), and the model writes the profile summary from the computed
themes, counts and signals. Nothing here runs unless an LLM is configured.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..ask import Answer
from ..config import Settings
from ..embed import Embedder
from ..models import Criterion, IcpProfile, ProfileReport, Signal, Theme
from ..records import Document
from ..store import Workspace
from .answer import write_answer
from .calls import Call, LlmSession
from .extract import Found, excerpts, extract
from .gate import EvidenceGate
from .prompts import load_prompt
from .provider import ChatModel, open_chat_model
from .themes import buying_committee, find_themes, write_summary

PROMPTS = ("extract", "name_theme", "profile_summary")  # the prompts a build depends on


@dataclass
class LlmAnalyzer:
    """Map, reduce and summary over one workspace with one chat model."""

    session: LlmSession
    chunk_chars: int = 8000
    gate: EvidenceGate = field(default_factory=EvidenceGate)
    found: list[Found] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    outcomes: dict[str, str | None] = field(default_factory=dict)  # document id -> its account's outcome

    @property
    def version(self) -> str:
        """The model, the prompt versions and the chunk size: what a cached build depends on."""
        prompts = ",".join(load_prompt(name).key for name in PROMPTS)
        return f"{self.session.chat.label}|{self.session.chat.method}|{prompts}|{self.chunk_chars}"

    def themes(
        self,
        documents: Sequence[Document],
        embedder: Embedder,
        *,
        outcomes: Mapping[str, str | None],
        codebook: Path | None = None,
        progress: bool = False,
    ) -> list[Theme]:
        """Findings from every interview and survey answer, clustered into named themes (ids and labels kept
        from earlier builds by ``codebook``)."""
        self.documents = list(documents)
        self.outcomes = dict(outcomes)
        parts = excerpts(documents, max_chars=self.chunk_chars)
        self.found = extract(self.session, parts, self.gate, progress=progress)
        return find_themes(
            self.session,
            self.found,
            embedder,
            outcomes=outcomes,
            codebook=codebook,
            progress=progress,
            documents=self.documents,
        )

    def committee(self) -> list[Criterion]:
        """The buying committee from the decision-makers found (after ``themes``); empty if none recur."""
        return buying_committee(self.found, self.documents, self.outcomes)

    def summarise(self, profile: IcpProfile, themes: Sequence[Theme], signals: Sequence[Signal]) -> None:
        """The profile summary, written by the model from the computed data."""
        write_summary(self.session, profile, themes, signals)

    def answer(self, answer: Answer) -> Answer:
        """The `ask` answer written by the model from its cited quotes (thin evidence is left as it is)."""
        return write_answer(self.session, answer)

    def finish(self, report: ProfileReport) -> None:
        """Put the tally in the report and tell the reader what the gate refused and what was skipped."""
        tally = self.session.report
        tally.rejected_quotes = self.gate.total
        tally.rejected_by_reason = dict(self.gate.rejected)
        report.analyzer = tally.model
        report.llm = tally
        if tally.rejected_quotes:
            report.profile.warnings.append(
                f"{tally.rejected_quotes} quotes the model returned were not found verbatim in a customer's "
                "turn and were dropped."
            )
        if tally.skipped:
            report.profile.warnings.append(
                f"{len(tally.skipped)} LLM calls gave no valid answer and were skipped: findings may be missing."
            )


def open_llm(settings: Settings, workspace: Workspace) -> LlmAnalyzer | None:
    """The LLM analyzer the settings ask for, or None for the offline analyzer."""
    chat = open_chat_model(settings)
    if chat is None:
        return None
    session = LlmSession(
        chat,
        workspace=workspace,
        concurrency=settings.llm_concurrency,
        retries=settings.llm_retries,
        reasks=settings.llm_reasks,
    )
    return LlmAnalyzer(session=session, chunk_chars=settings.llm_chunk_chars)


__all__ = ["Call", "ChatModel", "EvidenceGate", "LlmAnalyzer", "LlmSession", "open_chat_model", "open_llm"]
