"""What icp-assist finds and shows: evidence, facet items, themes, outcome signals, the ICP and personas.

Every claim shown to a person carries Evidence: a verbatim quote located by character offsets in a
customer's turn of a stored document.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from .records import DocumentKind

Facet = Literal[
    "pain_point",
    "trigger",
    "decision_maker",
    "goal",
    "objection",
    "alternative",
    "outcome",
    "churn_reason",
    "loss_reason",
    "reason_chosen",
    "complaint",
]
FACETS: tuple[Facet, ...] = (
    "pain_point",
    "trigger",
    "decision_maker",
    "goal",
    "objection",
    "alternative",
    "outcome",
    "churn_reason",
    "loss_reason",
    "reason_chosen",
    "complaint",
)
# Headings a survey question sets for its answers, never read from a statement alone: why customers chose the
# product ("What was the main reason you chose SiteLedger?") and what they complain about in it today ("What is
# the most frustrating part of SiteLedger today?"). Every other facet is read by the classifier.
ASKED_FACETS: tuple[Facet, ...] = ("reason_chosen", "complaint")
DecisionRole = Literal["economic_buyer", "champion", "technical_evaluator", "user", "blocker", "approver"]
Confidence = Literal["low", "medium", "high"]


class Evidence(BaseModel):
    """A verbatim quote: exactly ``document text[start:end]`` of a customer's turn."""

    document: str = Field(description="Stored document id (the file path; survey rows add '#respondent').")
    title: str = Field(description="File name, or survey file and respondent.")
    kind: DocumentKind
    speaker: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    account_id: str | None = None


class FacetItem(BaseModel):
    """Something a customer said about one facet of buying, with the quotes that back it."""

    summary: str = Field(description="One line in the customer's own terms.")
    evidence: list[Evidence] = Field(default_factory=list)


class PainPoint(FacetItem):
    """A problem the customer had before buying."""


class BuyingTrigger(FacetItem):
    """The event that made the customer start looking now."""


class Goal(FacetItem):
    """An outcome the customer wanted."""


class Objection(FacetItem):
    """What nearly stopped (or did stop) the purchase."""


class Alternative(FacetItem):
    """What the customer used or considered instead."""


class DecisionMaker(FacetItem):
    """A person in the buying decision and the part they played."""

    title: str = Field(description="Role or job title, e.g. 'CFO'.")
    part: DecisionRole


class ThemePoint(BaseModel):
    """One of the different things a theme's sources say, where its statements say several (a survey question's
    answers the heading groups as one theme: "Support answers are slow on weekends" beside "Internet goes down in a
    storm"), counted by its own distinct sources."""

    label: str
    interviews: int
    respondents: int
    accounts: int = 0
    documents: list[str] = Field(default_factory=list)
    account_ids: list[str] = Field(default_factory=list)
    by_outcome: dict[str, int] = Field(
        default_factory=dict, description="Distinct accounts per known outcome."
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="A few of its quotes, one per source, those that say its label first.",
    )


class Theme(BaseModel):
    """A recurring point across interviews and survey answers, counted by distinct sources."""

    theme_id: str
    facet: Facet
    label: str
    summary: str = Field(default="", description="One sentence on what customers said (LLM path only).")
    keyphrases: list[str] = Field(default_factory=list)
    interviews: int = Field(description="Distinct interviews that raise it.")
    respondents: int = Field(description="Distinct survey respondents that raise it.")
    accounts: int = Field(description="Distinct known accounts that raise it.")
    documents: list[str] = Field(default_factory=list, description="Ids of the documents that raise it.")
    account_ids: list[str] = Field(default_factory=list)
    by_outcome: dict[str, int] = Field(
        default_factory=dict,
        description="Distinct accounts per known outcome (a document linked to no account counts on its own).",
    )
    evidence: list[Evidence] = Field(default_factory=list, description="Most representative quote first.")
    members: list[Evidence] = Field(
        default_factory=list,
        description="Every statement of the theme, most representative first (evidence: the few it shows).",
    )
    merged_from: list[str] = Field(
        default_factory=list,
        description="Ids of the themes an analyst merged into this one (corrections.json).",
    )
    points: list[ThemePoint] = Field(
        default_factory=list,
        description="The different things its sources say, most raised first, where it holds several (else empty).",
    )


class Signal(BaseModel):
    """How one attribute value separates good customers (won/active) from churned or lost ones."""

    attribute: str = Field(description="e.g. 'industry', 'employees', 'tech_stack', 'theme'.")
    value: str
    values: list[str] = Field(
        default_factory=list,
        description="The values a pooled value stands for ('Light Industrial', 'Manufacturing'); empty for one.",
    )
    n: int = Field(description="Accounts with this value and a known outcome.")
    good: int = Field(description="Of those, won or active.")
    rate: float = Field(description="good / n.")
    base_rate: float = Field(description="good / n over every account with a known outcome.")
    lift: float = Field(description="rate / base_rate.")
    shrunk_lift: float | None = Field(
        default=None, description="Lift after shrinking the rate toward the base rate by n (a Beta prior)."
    )
    confidence: Confidence
    note: str = ""
    trait: bool = Field(
        default=True, description="False for columns naming a person or record (seller, owner, id)."
    )


class Criterion(BaseModel):
    """One line of the ICP: a value to look for (or avoid) and what backs it."""

    attribute: str
    value: str
    reason: str
    confidence: Confidence
    signal: Signal | None = None
    theme_id: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    by_outcome: dict[str, int] = Field(
        default_factory=dict, description="Distinct interviews and respondents behind it per known outcome."
    )
    title: str | None = Field(default=None, description="Buying committee only: the canonical job title.")
    part: DecisionRole | None = Field(default=None, description="Buying committee only: the act's part.")
    group: str = Field(
        default="",
        description="Account values only: the rubric group of values on mostly the same accounts (one fact).",
    )
    points: list[ThemePoint] = Field(
        default_factory=list,
        description="The different things its theme's sources say, where it holds several.",
    )


class Saturation(BaseModel):
    """Whether more interviews are likely to surface new themes."""

    new_themes_per_interview: list[int]
    new_in_last: int = Field(description="Themes first raised in the last `window` interviews.")
    window: int
    verdict: str


class Persona(BaseModel):
    """A buyer persona drawn from the interviews and survey answers of one role family."""

    name: str
    roles: list[str]
    sources: int = Field(description="Distinct interviews and respondents behind the persona.")
    goals: list[str] = Field(default_factory=list, description="Theme ids.")
    pains: list[str] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)
    objections: list[str] = Field(default_factory=list)
    evaluation: list[str] = Field(default_factory=list, description="How they evaluate: decision themes.")
    buying_roles: list[str] = Field(
        default_factory=list,
        description="The parts its titles play in the buying committee ('CFO — economic buyer (signs off)').",
    )
    highlights: list[str] = Field(
        default_factory=list,
        description="Labels of the themes this role raises most, relative to other roles.",
    )
    quotes: list[Evidence] = Field(default_factory=list)
    note: str = Field(default="", description="Why the persona's evidence is thin, when it is.")


class RubricRule(BaseModel):
    """Points a lead gains (or loses) when one of its attributes has this value."""

    attribute: str = Field(description="industry, employees, revenue, region or tech_stack.")
    value: str = Field(description="A value as the signals show it, e.g. 'NetSuite' or the band '200-999'.")
    values: list[str] = Field(
        default_factory=list,
        description="The values a pooled value stands for: a lead with any of them matches.",
    )
    points: float = Field(description="Added to the base score; negative for an anti-ICP value.")
    reason: str = ""
    group: str = Field(
        default="",
        description="Rules of one group are one fact: a lead scores only the strongest it matches.",
    )


class Rubric(BaseModel):
    """The lead-scoring rubric: a base score plus points per matching rule, clamped to 0–100."""

    base: float = 50.0
    attributes: list[str] = Field(
        default_factory=list, description="Attributes the rubric scores; a lead missing one is less certain."
    )
    rules: list[RubricRule] = Field(default_factory=list)
    values: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Each scored attribute's values the accounts hold, rule or none: what a lead column of them reads as.",
    )
    reach: list[float] = Field(
        default_factory=list,
        description="The lowest and the highest score a lead can get: every column's weakest value, then its strongest.",
    )


class IcpProfile(BaseModel):
    """The Ideal Customer Profile, every part backed by counts, signals or quotes."""

    version: int = 1
    summary: list[str] = Field(default_factory=list)
    firmographics: list[Criterion] = Field(default_factory=list)
    technographics: list[Criterion] = Field(default_factory=list)
    reasons_chosen: list[Criterion] = Field(
        default_factory=list, description="Why customers chose the product, as a survey asked them."
    )
    triggers: list[Criterion] = Field(default_factory=list)
    buying_committee: list[Criterion] = Field(default_factory=list)
    pain_points: list[Criterion] = Field(default_factory=list)
    goals: list[Criterion] = Field(default_factory=list)
    negative_signals: list[Criterion] = Field(default_factory=list)
    objections: list[Criterion] = Field(default_factory=list, description="What nearly stopped the purchase.")
    alternatives: list[Criterion] = Field(default_factory=list, description="What customers used or weighed.")
    competitors: list[Criterion] = Field(
        default_factory=list, description="Products customers name as weighed."
    )
    outcomes: list[Criterion] = Field(default_factory=list, description="Value customers got after buying.")
    complaints: list[Criterion] = Field(
        default_factory=list,
        description="What frustrates customers about the product today, as a survey asked.",
    )
    churn_reasons: list[Criterion] = Field(default_factory=list, description="Why customers left.")
    loss_reasons: list[Criterion] = Field(
        default_factory=list, description="Why prospects chose another way."
    )
    notes: dict[str, str] = Field(
        default_factory=dict, description="Per section: why its evidence is missing or thin."
    )
    saturation: Saturation | None = None
    rubric: Rubric = Field(default_factory=Rubric, description="How `icp-assist score` rates a lead.")
    counts: dict[str, int] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)

    def all_criteria(self) -> list[Criterion]:
        """Every criterion of every section, in page order."""
        return [
            *self.firmographics, *self.technographics, *self.reasons_chosen, *self.triggers,
            *self.buying_committee, *self.pain_points, *self.goals, *self.objections, *self.alternatives,
            *self.competitors, *self.outcomes, *self.complaints, *self.churn_reasons, *self.loss_reasons,
            *self.negative_signals,
        ]  # fmt: skip


class LlmReport(BaseModel):
    """What the LLM path cost and what its evidence gate refused."""

    model: str = Field(description="provider:model; never a key or an endpoint.")
    calls: int = Field(default=0, description="Calls sent to the model, re-asks included.")
    cached_calls: int = Field(default=0, description="Answers reused from the workspace cache.")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = Field(default=0, description="Calls repeated after a timeout, 429 or server error.")
    reasks: int = Field(default=0, description="Answers sent back because they broke the schema.")
    rejected_quotes: int = Field(default=0, description="Quotes not found verbatim in a customer turn.")
    rejected_by_reason: dict[str, int] = Field(default_factory=dict)
    rejected_claims: int = Field(default=0, description="Summary lines citing numbers not in the data.")
    skipped: list[str] = Field(default_factory=list, description="Calls given up on, and why.")


class ProfileReport(BaseModel):
    """Everything `icp-assist build` produces: the ICP, personas, themes and the outcome signals."""

    profile: IcpProfile
    personas: list[Persona] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
    generated_at: str = ""
    analyzer: str = Field(default="offline", description="'offline' or the LLM spec used.")
    llm: LlmReport | None = None


def shown_attribute(attribute: str) -> str:
    """An attribute as the page names it: 'tech stack', not the field name 'tech_stack'; 'Agency Type', not
    Close's 'custom.Agency Type'; 'Number of sites', not Pipedrive's 'Organization - Number of sites'."""
    bare = _EXPORT_PREFIX.sub("", attribute)
    return (bare or attribute).replace("_", " ")


# The prefix a CRM's export puts on its columns: Close's custom fields, Pipedrive's object of the field
_EXPORT_PREFIX = re.compile(
    r"^(custom\.|(deal|organi[sz]ation|person|account|opportunity|company) - )", re.IGNORECASE
)
