"""Tolerant matching of column headers to the fields icp-assist knows ('Employees' = 'employee_count')."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import InputFileError

ACCOUNT_FIELDS: dict[str, tuple[str, ...]] = {
    "account_id": ("account id", "accountid", "account", "acct id", "acct", "account number", "company id", "crm id", "id"),
    "name": ("account name", "company", "company name", "name", "organization", "organisation", "customer"),
    "industry": ("industry", "sector", "vertical", "segment industry"),
    "employees": (
        "employees", "employee count", "number of employees", "no of employees", "headcount",
        "company size", "size", "fte", "staff",
    ),
    "revenue": ("annual revenue", "revenue", "company revenue", "annual turnover", "turnover"),
    "region": ("region", "country", "geo", "geography", "territory", "location", "hq", "billing country"),
    "tech_stack": ("tech stack", "technologies", "technographics", "tools", "stack", "erp", "software used"),
    "outcome": ("outcome", "stage", "stage name", "deal stage", "opportunity stage", "status", "result", "won lost"),
    "arr": ("arr", "annual recurring revenue", "acv", "annual contract value", "contract value"),
    "ltv": ("ltv", "lifetime value", "clv", "customer lifetime value"),
    "sales_cycle_days": ("sales cycle", "sales cycle days", "days to close", "cycle length", "cycle days"),
    "close_date": ("close date", "closed date", "date closed", "won date", "closed on"),
}  # fmt: skip


def normalise_header(header: str) -> str:
    """'Annual Revenue (USD)' -> 'annual revenue'; 'employee_count' -> 'employee count'."""
    header = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header)  # AnnualRevenue -> Annual Revenue
    header = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", header).split())


def match_columns(
    header: list[str], fields: Mapping[str, tuple[str, ...]], *, explicit: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each known field to a column of ``header``; ``explicit`` ({field: column}) wins over guessing."""
    explicit = dict(explicit or {})
    for field, column in explicit.items():
        if field not in fields:
            raise InputFileError(f"--map names unknown field {field!r} (known: {', '.join(fields)})")
        if column not in header:
            raise InputFileError(f"--map {field}={column!r}: no such column (columns: {', '.join(header)})")
    mapping = dict(explicit)
    taken = set(explicit.values())
    normalised = {column: normalise_header(column) for column in header}
    for field, synonyms in fields.items():
        if field in mapping:
            continue
        for synonym in synonyms:  # synonyms are in order of preference
            found = next(
                (c for c in header if c not in taken and normalised[c] in (synonym, f"{synonym}s")), None
            )
            if found is not None:
                mapping[field] = found
                taken.add(found)
                break
    return mapping


def parse_mapping(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """'field=Column Name' pairs from the command line into a dict."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InputFileError(f"--map expects FIELD=COLUMN, got {pair!r}")
        mapping[field.strip()] = column.strip()
    return mapping
