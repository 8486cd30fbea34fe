"""CRM exports of accounts with outcomes (won / lost / churned / active), revenue, LTV and sales cycle."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import InputFileError
from ..records import Account, Outcome
from .columns import ACCOUNT_FIELDS, match_columns, normalise_header
from .tables import Table

_OUTCOMES: dict[str, Outcome] = {
    "won": "won", "closed won": "won", "closedwon": "won", "win": "won", "signed": "won",
    "lost": "lost", "closed lost": "lost", "closedlost": "lost", "loss": "lost", "no decision": "lost",
    "churned": "churned", "churn": "churned", "cancelled": "churned", "canceled": "churned",
    "former customer": "churned", "did not renew": "churned",
    "active": "active", "customer": "active", "live": "active", "renewed": "active", "current customer": "active",
}  # fmt: skip
_AMOUNT = re.compile(r"[~≈]?\s*[$€£]?\s*(-?[\d,]*\.?\d+)\s*(k|m|mm|b|bn)?\s*(usd|eur|gbp|days?)?")
_NUMERIC_FIELDS = {"employees", "revenue", "arr", "ltv", "sales_cycle_days"}
_SCALE = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}


def is_accounts_table(table: Table, *, has_free_text: bool) -> bool:
    """True for a CRM export: an account id with an outcome, or an account id column and no free text.

    A bare 'id' column says nothing about accounts on its own, so it needs the outcome column too.
    """
    mapping = match_columns(table.header, ACCOUNT_FIELDS)
    if "account_id" not in mapping:
        return False
    named = normalise_header(mapping["account_id"]) != "id"
    return "outcome" in mapping or (named and not has_free_text)


def read_accounts(
    table: Table, *, explicit: Mapping[str, str] | None = None
) -> tuple[list[Account], list[str]]:
    """Accounts from a CRM table, and warnings about values that could not be read."""
    mapping = match_columns(table.header, ACCOUNT_FIELDS, explicit=explicit)
    if "account_id" not in mapping:
        raise InputFileError(
            f"no account id column (columns: {', '.join(table.header)}); name it with --map account_id=COLUMN"
        )
    extra_columns = [c for c in table.header if c not in mapping.values()]
    warnings: list[str] = []
    accounts: dict[str, Account] = {}
    for line, row in zip(table.row_numbers, table.rows, strict=True):
        values = dict(zip(table.header, row, strict=True))
        field = {name: values[column] for name, column in mapping.items()}
        account_id = field["account_id"]
        if not account_id:
            warnings.append(f"line {line}: no account id, row skipped")
            continue
        if account_id in accounts:
            warnings.append(f"line {line}: account {account_id} appears again; the later row is kept")
        outcome = _outcome(field.get("outcome", ""))
        if field.get("outcome") and outcome is None:
            warnings.append(f"line {line}: unknown outcome {field['outcome']!r} (kept as unknown)")
        accounts[account_id] = Account(
            account_id=account_id,
            name=field.get("name") or None,
            industry=field.get("industry") or None,
            employees=_count(field.get("employees", "")),
            revenue=parse_amount(field.get("revenue", "")),
            region=field.get("region") or None,
            tech_stack=split_list(field.get("tech_stack", "")),
            outcome=outcome,
            arr=parse_amount(field.get("arr", "")),
            ltv=parse_amount(field.get("ltv", "")),
            sales_cycle_days=parse_amount(field.get("sales_cycle_days", "")),
            close_date=field.get("close_date") or None,
            extra={c: values[c] for c in extra_columns if values[c]},
        )
        for name in _NUMERIC_FIELDS & field.keys():  # keep what could not be read as a number, e.g. '200-999'
            if field[name] and getattr(accounts[account_id], name) is None:
                accounts[account_id].extra[mapping[name]] = field[name]
    if not accounts:
        raise InputFileError("no account rows with an account id")
    return list(accounts.values()), warnings


def _outcome(value: str) -> Outcome | None:
    return _OUTCOMES.get(" ".join(value.lower().replace("-", " ").replace("_", " ").split()))


def parse_amount(value: str) -> float | None:
    """'$12.5M' -> 12500000.0, '1,200' -> 1200.0, '' or 'n/a' -> None."""
    match = _AMOUNT.fullmatch(value.strip().lower())
    if not match:
        return None
    number = float(match[1].replace(",", ""))
    return number * _SCALE.get(match[2] or "", 1.0)


def _count(value: str) -> int | None:
    """An exact head count; a band such as '200-999' is not a count and stays unknown."""
    amount = parse_amount(value)
    return int(amount) if amount is not None else None


def split_list(value: str) -> list[str]:
    """'NetSuite; Salesforce, Slack' -> ['NetSuite', 'Salesforce', 'Slack']."""
    return [part.strip() for part in re.split(r"[;,|]", value) if part.strip()]
