"""What ingest produces: interviews and survey responses with their turns, and CRM accounts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

DocumentKind = Literal["interview", "survey_response"]
Outcome = Literal["won", "active", "lost", "churned"]
MetadataValue = str | int | float | bool | None


class Turn(BaseModel):
    """One speaker's turn (or one survey answer), located by character offsets in its document's text."""

    speaker: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    is_customer: bool
    seconds: float | None = None
    question: str | None = Field(
        default=None,
        description="For a survey answer: the question it answers; for a quote in research notes: its section heading.",
    )


class Document(BaseModel):
    """An interview transcript or one survey respondent's answers."""

    doc_id: str
    kind: DocumentKind
    source: str
    title: str
    text: str
    turns: list[Turn]
    account_id: str | None = None
    metadata: dict[str, MetadataValue] = Field(default_factory=dict)

    def turn_text(self, turn: Turn) -> str:
        """The verbatim text of one turn."""
        return self.text[turn.start : turn.end]


class Account(BaseModel):
    """One account from a CRM export, with its outcome."""

    account_id: str
    name: str | None = None
    industry: str | None = None
    employees: int | None = None
    revenue: float | None = None
    region: str | None = None
    tech_stack: list[str] = Field(default_factory=list)
    outcome: Outcome | None = None
    arr: float | None = None
    ltv: float | None = None
    sales_cycle_days: float | None = None
    close_date: str | None = None
    deals: int | None = Field(
        default=None, description="Deals rolled up into the account (opportunity exports)."
    )
    won_amount: float | None = Field(
        default=None, description="The summed amount of the account's won deals."
    )
    in_pipeline: bool = Field(
        default=False, description="No outcome yet, but an open deal or stage (a prospect, an opportunity)."
    )
    extra: dict[str, str] = Field(default_factory=dict)


class Chunk(BaseModel):
    """A piece of a turn that is embedded and stored in the vector store."""

    chunk_id: str
    doc_id: str
    turn_index: int
    start: int
    end: int
    text: str


def source_key(doc_id: str) -> str:
    """Who a source is, whatever file holds it: a survey respondent ("….csv#R_3PqW9") by "#" and their id, the same
    in a re-export of the survey to another file; any other document by its id."""
    return "#" + doc_id.rsplit("#", 1)[1] if "#" in doc_id else doc_id


def join_accounts(accounts: Iterable[Account]) -> list[Account]:
    """The accounts, oldest file first, with one held by several CRM files (a companies export and its deals
    export) joined into one (``joined``), in the order their ids first come.

    A deals export that names its accounts only by name (Salesforce's Opportunities report has "Account Name"
    and no id) is joined by that name to the one account of an account-level file that has it (qa23)."""
    accounts = list(accounts)
    by_name = joined_by_name(accounts)
    held: dict[str, list[tuple[Account, bool]]] = {}
    for account in accounts:
        if account.account_id in by_name and account.deals is not None:
            account = account.model_copy(update={"account_id": by_name[account.account_id]})
        held.setdefault(account.account_id, []).append((account, account.deals is not None))
    return [records[0][0] if len(records) == 1 else joined(records) for records in held.values()]


def joined_by_name(accounts: Sequence[Account]) -> dict[str, str]:
    """The id of each deals export's account that no account-level file holds, to the id of the one account of
    an account-level file with its name (case, spacing and punctuation aside), where exactly one has it."""
    ids = {a.account_id for a in accounts if a.deals is None}
    by_name: dict[str, set[str]] = {}
    for account in accounts:
        if account.deals is None and account.name:
            by_name.setdefault(_name_key(account.name), set()).add(account.account_id)
    joins: dict[str, str] = {}
    for account in accounts:
        if account.deals is not None and account.account_id not in ids:
            named = by_name.get(_name_key(account.name or account.account_id), set())
            if len(named) == 1:
                joins[account.account_id] = next(iter(named))
    return joins


def _name_key(name: str) -> str:
    """An account name as two exports of one CRM write it alike: case, spacing and punctuation aside."""
    return " ".join(re.findall(r"\w+", name.casefold()))


def joined(records: Sequence[tuple[Account, bool]]) -> Account:
    """One account held by several CRM files, oldest first, each flagged when its file is a deals export: a
    companies export gives the account's firmographics, and its deals its outcome. Each field takes the newest
    value of an account-level file, else of a deals export; the outcome, and what the deals say (their number,
    amounts, close date, cycle), come from the newest deals export, else the newest file with an outcome; but a
    churn any file records outranks a win."""
    ordered = [a for a, deals in records if deals] + [a for a, deals in records if not deals]
    merged: dict[str, Any] = {}
    for account in ordered:
        for name, value in account.model_dump(exclude_defaults=True).items():
            if name == "extra":
                merged["extra"] = {**merged.get("extra", {}), **{k: v for k, v in value.items() if v}}
            elif value not in (None, "", []):
                merged[name] = value
    by_deals = (
        [a for a, deals in records if deals] or [a for a, _ in records if a.outcome] or [records[-1][0]]
    )
    told = by_deals[-1]
    for name in _DEAL_FIELDS:
        merged[name] = getattr(told, name)
    # as within one file, an account is churned if any file says so: a won deal stays won on the CRM's record
    # after the customer leaves, and the list that says they left is the later word (qa118: a customer-success
    # churn list beside the HubSpot companies export, whose six churned accounts stayed won)
    if merged["outcome"] in ("won", "active") and any(a.outcome == "churned" for a, _ in records):
        merged["outcome"] = "churned"
    return Account.model_validate(merged)


_DEAL_FIELDS = ("outcome", "in_pipeline", "deals", "won_amount", "close_date", "sales_cycle_days")
