"""Map: the LLM reads batches of short interviews, long interviews in parts, and batches of survey answers,
and returns pain points, buying triggers, decision-makers, goals, objections, alternatives, outcomes, churn
reasons and loss reasons, each with verbatim quotes.

The answer schema is what the model sees; the evidence gate then turns its quotes into located Evidence
and drops every quote (and every finding left without one) that is not in a customer's turn of the source
the quote names. Several interviews share a call to spread the fixed cost of the instructions and the
schema, so a quote is looked for only in the source it names: one filed under the wrong interview is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from ..models import (
    Alternative,
    BuyingTrigger,
    DecisionMaker,
    DecisionRole,
    Evidence,
    Facet,
    FacetItem,
    Goal,
    Objection,
    PainPoint,
)
from ..privacy.mask import NameMask
from ..records import Document, Turn
from .calls import Call, LlmSession
from .gate import EvidenceGate
from .prompts import echoes, load_prompt


class Quote(BaseModel):
    """Words copied exactly from one customer line of the text."""

    text: str = Field(description="Copied word for word from a customer's line: no paraphrase, no '...'.")
    source: str = Field(default="", description="The id of the source the line is in, e.g. 'S1' or 'R3'.")


class Finding(BaseModel):
    """One thing customers said, with the quotes that show it."""

    summary: str = Field(description="One short line in the customer's own terms.")
    quotes: list[Quote] = Field(default_factory=list, description="One to three quotes that show it.")


class DecisionMakerFinding(Finding):
    """A person in the buying decision."""

    title: str = Field(description="Job title or role, e.g. 'CFO' or 'IT lead'.")
    part: DecisionRole = Field(description="The part they played in the decision.")


class Extraction(BaseModel):
    """What the customers in the text said, facet by facet. A list stays empty when the text says nothing."""

    pain_points: list[Finding] = Field(default_factory=list, description="Problems they had before buying.")
    buying_triggers: list[Finding] = Field(
        default_factory=list, description="Events that made them look now."
    )
    decision_makers: list[DecisionMakerFinding] = Field(
        default_factory=list, description="Who decided, and how."
    )
    goals: list[Finding] = Field(default_factory=list, description="Outcomes they wanted.")
    objections: list[Finding] = Field(
        default_factory=list, description="What nearly stopped (or stopped) them."
    )
    alternatives: list[Finding] = Field(
        default_factory=list, description="What they used or considered instead."
    )
    outcomes: list[Finding] = Field(
        default_factory=list,
        description="Results and value they got after buying (an after-state, not a pain).",
    )
    churn_reasons: list[Finding] = Field(
        default_factory=list, description="Why a customer stopped using it, cancelled or did not renew."
    )
    loss_reasons: list[Finding] = Field(
        default_factory=list,
        description="Why a prospect chose another vendor, or nothing, instead of buying.",
    )


FIELDS: dict[str, tuple[Facet, type[FacetItem]]] = {
    "pain_points": ("pain_point", PainPoint),
    "buying_triggers": ("trigger", BuyingTrigger),
    "decision_makers": ("decision_maker", DecisionMaker),
    "goals": ("goal", Goal),
    "objections": ("objection", Objection),
    "alternatives": ("alternative", Alternative),
    "outcomes": ("outcome", FacetItem),
    "churn_reasons": ("churn_reason", FacetItem),
    "loss_reasons": ("loss_reason", FacetItem),
}


@dataclass(frozen=True)
class Excerpt:
    """What one extraction call reads: sources by id, each with the turns (by index) it shows."""

    sources: dict[str, tuple[Document, list[int]]]
    label: str

    def mask(self) -> NameMask:
        """The speakers, interviewees and interviewers of the sources, as "Person N" in the prompt."""
        return NameMask(doc for doc, _ in self.sources.values())

    def as_data(self) -> list[dict[str, Any]]:
        """The sources as plain data for the prompt, with the names of the people in them masked."""
        mask = self.mask()
        data = []
        for sid, (doc, turns) in self.sources.items():
            shown = [doc.turns[i] for i in turns]
            speakers = _legend(shown, mask)
            tags = {s["name"]: s for s in speakers}
            data.append(
                {"id": sid, "kind": doc.kind, "outcome": str(doc.metadata.get("outcome") or ""),
                 "speakers": speakers, "turns": [_turn_data(doc, turn, mask, tags) for turn in shown]}
            )  # fmt: skip
        return data


@dataclass(frozen=True)
class Found:
    """A finding that survived the evidence gate: its facet and the item with located quotes."""

    facet: Facet
    item: FacetItem

    @property
    def documents(self) -> set[str]:
        """Distinct documents whose quotes back it."""
        return {e.document for e in self.item.evidence}


def excerpts(documents: Sequence[Document], *, max_chars: int) -> list[Excerpt]:
    """Short interviews packed together, in order, up to ``max_chars`` of turns per call; a longer interview
    in parts of at most ``max_chars``; survey respondents batched to the same size."""
    parts: list[Excerpt] = []
    interviews = [d for d in documents if d.kind == "interview" and any(t.is_customer for t in d.turns)]
    sizes = [(i, sum(t.end - t.start for t in d.turns)) for i, d in enumerate(interviews)]
    for batch in _group([s for s in sizes if s[1] <= max_chars], max_chars):
        sources = {
            f"S{k}": (interviews[i], list(range(len(interviews[i].turns)))) for k, i in enumerate(batch, 1)
        }
        parts.append(Excerpt(sources=sources, label=" + ".join(interviews[i].title for i in batch)))
    for doc in (interviews[i] for i, size in sizes if size > max_chars):
        groups = _group([(i, t.end - t.start) for i, t in enumerate(doc.turns)], max_chars)
        for n, turns in enumerate(groups, start=1):
            label = doc.title + (f" part {n}/{len(groups)}" if len(groups) > 1 else "")
            parts.append(Excerpt(sources={"S1": (doc, turns)}, label=label))
    respondents = [
        d for d in documents if d.kind == "survey_response" and any(t.is_customer for t in d.turns)
    ]
    sizes = [(i, sum(t.end - t.start for t in d.turns)) for i, d in enumerate(respondents)]
    for n, batch in enumerate(_group(sizes, max_chars), start=1):
        sources = {
            f"R{k}": (respondents[i], list(range(len(respondents[i].turns)))) for k, i in enumerate(batch, 1)
        }
        parts.append(Excerpt(sources=sources, label=f"survey answers batch {n}"))
    return parts


def extract(
    session: LlmSession, parts: Sequence[Excerpt], gate: EvidenceGate, *, progress: bool = False
) -> list[Found]:
    """Ask the model about every excerpt and keep the findings whose quotes pass the gate."""
    prompt = load_prompt("extract")
    calls = [
        Call(
            prompt=prompt, messages=prompt.render(sources=part.as_data()), schema=Extraction, label=part.label
        )
        for part in parts
    ]
    instructions = str(calls[0].messages[0].content) if calls else ""
    found: list[Found] = []
    for part, answer in zip(parts, session.run(calls, desc="Extracting", progress=progress), strict=True):
        if answer is None:
            continue
        kept = located_findings(answer, part, gate)
        echoing = [f for f in kept if echoes(f.item.summary, instructions)]
        session.report.rejected_claims += len(echoing)
        found.extend(f for f in kept if f not in echoing)
    return found


def located_findings(answer: Extraction, part: Excerpt, gate: EvidenceGate) -> list[Found]:
    """The answer's findings with their quotes located in the excerpt's customer turns; unlocated ones dropped."""
    found: list[Found] = []
    for field, (facet, model) in FIELDS.items():
        for finding in getattr(answer, field):
            if not finding.summary.strip():
                continue
            evidence = _locate_all(finding.quotes, part, gate)
            if not evidence:
                continue
            extra = (
                {"title": finding.title, "part": finding.part}
                if isinstance(finding, DecisionMakerFinding)
                else {}
            )
            found.append(
                Found(facet=facet, item=model(summary=finding.summary.strip(), evidence=evidence, **extra))
            )
    return found


def _locate_all(quotes: Sequence[Quote], part: Excerpt, gate: EvidenceGate) -> list[Evidence]:
    located: list[Evidence] = []
    mask = part.mask()
    for quote in quotes:
        named = part.sources.get(quote.source.strip().strip("[]"))
        if named is None and len(part.sources) == 1:
            named = next(iter(part.sources.values()))  # one source: the id cannot be wrong
        if named is None:
            gate.rejected["unknown_source"] += 1  # several interviews in the call: which one is not said
            continue
        document = named[0]
        # The prompt showed "Person N" for a name: the quote is looked for with each name it stands for.
        tried = mask.restorations(quote.text)
        text = next((t for t in tried[1:] if _in_a_turn(t, [document])), tried[0])
        others = [doc for doc, _ in part.sources.values() if doc is not document]
        if others and not _in_a_turn(text, [document]) and any(_in_a_turn(t, others) for t in tried):
            gate.rejected["wrong_source"] += 1  # said in another interview of the call: not this one's
            continue
        evidence = gate.locate(text, [document])
        if evidence is not None and all(
            (e.document, e.start) != (evidence.document, evidence.start) for e in located
        ):
            located.append(evidence)
    return located


def _in_a_turn(quote: str, documents: Sequence[Document]) -> bool:
    """True when the quote is in some turn, a customer's or not (the gate then says which)."""
    trial = EvidenceGate()
    return trial.locate(quote, documents) is not None or trial.rejected["interviewer_turn"] > 0


def _group(sizes: Sequence[tuple[int, int]], max_chars: int) -> list[list[int]]:
    groups: list[list[int]] = [[]]
    used = 0
    for index, size in sizes:
        if groups[-1] and used + size > max_chars:
            groups.append([])
            used = 0
        groups[-1].append(index)
        used += size
    return [g for g in groups if g]


def _legend(turns: Sequence[Turn], mask: NameMask) -> list[dict[str, Any]]:
    """Who speaks, said once per source: each (masked) speaker's short tag and part, so a line carries only
    the tag ("A" for the customer, "Q" for the interviewer; numbered when there are several)."""
    parts: dict[str, set[bool]] = {}
    for turn in turns:
        parts.setdefault(mask.hide(turn.speaker), set()).add(turn.is_customer)
    speakers: list[dict[str, Any]] = []
    for letter, role, kinds in (("A", "customer", {True}), ("Q", "interviewer", {False})):
        names = [name for name, seen in parts.items() if seen == kinds]
        for n, name in enumerate(names, start=1):
            speakers.append({"tag": letter + (str(n) if len(names) > 1 else ""), "name": name, "role": role})
    # One label with both kinds of turn (rare: say a name shared by two people): each line says which.
    mixed = [name for name, seen in parts.items() if len(seen) > 1]
    for n, name in enumerate(mixed, start=1):
        speakers.append({"tag": f"X{n}", "name": name, "role": "marked on each line", "marked": True})
    return speakers


def _turn_data(doc: Document, turn: Turn, mask: NameMask, tags: dict[str, dict[str, Any]]) -> dict[str, Any]:
    text = mask.hide(doc.turn_text(turn)).replace(
        "</source", "< /source"
    )  # the text cannot close its own tag
    question = mask.hide(turn.question) if turn.question else turn.question
    speaker = tags[mask.hide(turn.speaker)]
    return {
        "speaker": speaker["tag"],
        "role": ("customer" if turn.is_customer else "interviewer") if speaker.get("marked") else "",
        "customer": turn.is_customer,
        "question": question,
        "text": text,
    }
