"""CRM exports of accounts or opportunities: one Account per account, with outcome, size, region and stack.

Rows are grouped by the account id, or by the normalised account name when there is no id column; an
opportunity report (several deals per account) is rolled up by what happened last (close-date order): won,
churned when a status says so or a renewal after the win was lost, lost if every deal was lost; with the
deal count, amounts and sales cycle.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..errors import InputFileError
from ..records import Account
from .columns import (
    ACCOUNT_FIELDS,
    DEAL_FIELDS,
    columns_named,
    match_columns,
    normalise_header,
    unprefixed_header,
)
from .linking import account_key
from .outcomes import (
    ROLL_UP_RULE,
    ChurnColumns,
    OutcomeColumns,
    Term,
    find_outcome_columns,
    flags_without_effect,
    last_outcome,
    row_terms,
)
from .places import state_names
from .tables import Table

_AMOUNT = re.compile(r"[~≈]?\s*[$€£]?\s*(-?[\d,]*\.?\d+)\s*(k|m|mm|b|bn)?\s*(usd|eur|gbp|days?)?")
_NUMERIC_FIELDS = {"employees", "revenue", "arr", "ltv", "sales_cycle_days"}
_SCALE = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}
_ID_LIKE = re.compile(r".*\bid\b|.*_id$", re.IGNORECASE)
_DATE_FORMATS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})[.-](?P<m>\d{1,2})[.-](?P<y>\d{4})"),
)


@dataclass
class AccountsRead:
    """Accounts from one CRM table, with warnings and the notes shown once (mapping, columns used)."""

    accounts: list[Account]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Columns only a CRM writes (Salesforce, HubSpot, Pipedrive; normalised headers, 'deal ' prefix dropped): an
# owner, the pipeline's probability and forecast, a lead source, the next step, a loss reason.
_CRM_ONLY_HEADERS = frozenset(
    ["opportunity owner", "owner", "account owner", "company owner", "contact owner", "probability",
     "probability %", "forecast category", "pipeline", "lead source", "original source", "next step",
     "loss reason", "lost reason", "closed lost reason", "reason lost", "won reason", "fiscal period",
     "fiscal quarter", "expected revenue", "weighted amount", "primary campaign source", "last activity",
     "days in stage", "opportunity type",
     # Pipedrive's organizations export ("Organization - Owner", "Organization - Won deals", ...)
     "visible to", "next activity date", "last activity date", "update time", "open deals", "won deals",
     "lost deals", "closed deals", "done activities", "activities to do", "total activities"]
)  # fmt: skip
_CRM_FIELDS = frozenset(["deal_name", "deal_id", "amount", "close_date", "created_date", "lost_date", "arr"])
_MIN_CRM_COLUMNS = 2  # CRM-only columns that make a table with an outcome and an account key a CRM export


def is_accounts_table(table: Table, *, has_free_text: bool, notes: list[str] | None = None) -> bool:
    """True for a CRM export: outcome words in a stage/status column, or an account key and no free text.

    A table with an outcome column, an account key and CRM-only columns (deal name, amount, close date,
    owner, probability, loss reason ...) is a CRM export even with free-text columns (a loss reason, a next
    step), unless its headers ask questions. A bare 'id' column says nothing about accounts on its own, so it
    needs the outcome column too. A table keyed only by a company name with answers in free-text columns is
    a survey that names the company. When both readings have evidence, ``notes`` says which was chosen.
    """
    mapping = match_columns(table.header, ACCOUNT_FIELDS)
    found = find_outcome_columns(table)
    has_outcome = bool(found.columns or found.won_date)
    keyed = "account_id" in mapping or "name" in mapping
    crm = crm_columns(table.header, mapping)
    from .surveys import asks_a_question

    questions = [c for c in table.header if asks_a_question(c)]
    if table.vendor:  # a survey tool's multi-row header
        return False
    if has_outcome and keyed and len(crm) >= _MIN_CRM_COLUMNS:
        if not questions:
            return True
        chosen = len(crm) > len(questions)
        if notes is not None:
            notes.append(_ambiguous(crm, questions, chosen=chosen))
        return chosen
    if has_outcome and "account_id" in mapping:
        return True
    if has_outcome and "name" in mapping:
        return not has_free_text or not _answers(table, mapping)
    if has_outcome:
        return not has_free_text
    named_id = "account_id" in mapping and normalise_header(mapping["account_id"]) not in ("id", "record id")
    firmographics = _has_firmographics(mapping) or len(crm) >= _MIN_CRM_COLUMNS
    return (
        (named_id or "name" in mapping)
        and (not has_free_text or (len(crm) >= _MIN_CRM_COLUMNS and not questions))
        and firmographics
    )


def crm_columns(header: list[str], mapping: Mapping[str, str]) -> list[str]:
    """The columns only a CRM export has: deal name/id, amount, dates, owner, probability, loss reason ..."""
    fields = {mapping[f] for f in _CRM_FIELDS if f in mapping}
    return [c for c in header if c in fields or _crm_only(c)]


_STAGE_DERIVED = frozenset(
    [
        "probability",
        "probability %",
        "forecast category",
        "expected revenue",
        "weighted amount",
        # Close's opportunity 'confidence' (100 when won, 0 when lost), and a win probability by any name
        "confidence",
        "win probability",
        "win likelihood",
        "likelihood to close",
        "status type",
    ]
)


def follows_the_stage(column: str) -> bool:
    """A pipeline column the CRM sets from the stage (Probability (%) is 100 when won, 0 when lost)."""
    name = normalise_header(column)
    return name in _STAGE_DERIVED or name.removeprefix("deal ").removeprefix("opportunity ") in _STAGE_DERIVED


def _crm_only(column: str) -> bool:
    name = normalise_header(column)
    bare = re.sub(r"^(deal|opportunity|organi[sz]ation|person) ", "", name)
    return name in _CRM_ONLY_HEADERS or bare in _CRM_ONLY_HEADERS


def _ambiguous(crm: list[str], questions: list[str], *, chosen: bool) -> str:
    shown = ", ".join(f"'{c}'" for c in crm[:4])
    asked = ", ".join(f"'{q[:40]}'" for q in questions[:2])
    read = "a CRM export (accounts)" if chosen else "a survey"
    other = "survey" if chosen else "accounts"
    return (
        f"ambiguous: CRM columns ({shown}) and survey questions ({asked}); read as {read} by the larger "
        f"count; pass --kind {other} if it is not"
    )


def _answers(table: Table, mapping: Mapping[str, str]) -> list[str]:
    """Free-text columns that are not CRM fields (a deal name or a note is not a survey answer)."""
    from .surveys import open_columns

    return [c for c in open_columns(table) if c not in mapping.values()]


def _has_firmographics(mapping: Mapping[str, str]) -> bool:
    return bool(
        {"industry", "employees", "revenue", "region", "tech_stack", "lifecycle", "arr"} & mapping.keys()
    )


def _region_that_varies(table: Table, mapping: dict[str, str]) -> None:
    """The region from a column that tells accounts apart by place: HubSpot's "Country/Region" is one country for a
    market that sells in one, and its "State/Region" tells the accounts apart (qa106: region "United States" for
    every account, the states never compared). The other region column, if it does, is read instead."""
    column = mapping.get("region")
    if column is None:
        return
    if _a_place(_values(table, column)):
        # ... and a region column of countries yields to one of places within them, each within one of its values
        # (qa305: "Country/Region", 59 accounts in the United States and 5 in Canada, was read and the state, where
        # the snow belt won and the south lost, kept as an attribute)
        finer = _refining(table, column, mapping)
        if finer is not None:
            mapping["region"] = finer
        return
    if _counts(_values(table, column)):
        del mapping["region"]  # a count is no place: kept as an attribute of its own
    # (as written, then without a CRM's object prefix: Pipedrive's "Organization - Address - State/County", qa251:
    # region "United States" for every account)
    for names in (
        {c: normalise_header(c) for c in table.header},
        {c: unprefixed_header(c)[0] for c in table.header},
    ):
        for other in columns_named(
            table.header, names, ACCOUNT_FIELDS["region"], set(mapping.values()) | {column}
        ):
            if _a_place(_values(table, other)):
                mapping["region"] = other
                return


def _refining(table: Table, column: str, mapping: Mapping[str, str]) -> str | None:
    """Another region column with more places, each of which lies within one place of ``column`` (a state within
    its country) on every account that gives both: the finer reading of where the accounts are."""
    at = table.header.index(column)
    outer = len(_values(table, column))
    names = {c: normalise_header(c) for c in table.header}
    for other in columns_named(
        table.header, names, ACCOUNT_FIELDS["region"], set(mapping.values()) | {column}
    ):
        places = _values(table, other)
        if not _a_place(places) or len(places) <= outer:
            continue
        within: dict[str, set[str]] = {}
        there = table.header.index(other)
        named = state_names(places)  # ("CA" and "California" one state)
        for row in table.rows:
            if max(at, there) < len(row) and row[at].strip() and row[there].strip():
                place = row[there].strip().casefold()
                within.setdefault(named.get(place, place), set()).add(row[at].strip().casefold())
        if within and all(len(outer) == 1 for outer in within.values()):
            return other
    return None


def _a_place(values: set[str]) -> bool:
    """Whether a region column's values tell accounts apart by place: more than one, and no counts."""
    return len(values) > 1 and not _counts(values)


def _counts(values: set[str]) -> bool:
    """Whether every value is a number (qa170: Pipedrive's "Organization - Locations", 1 to 4 sites, was read as
    the region, and "region 3, 2 or 4" made the ICP)."""
    return bool(values) and all(re.fullmatch(r"[\d.,]+", v) for v in values)


def _values(table: Table, column: str) -> set[str]:
    at = table.header.index(column)
    return {row[at].strip().casefold() for row in table.rows if at < len(row) and row[at].strip()}


def read_accounts(
    table: Table,
    *,
    explicit: Mapping[str, str] | None = None,
    overrides: Mapping[str, Term] | None = None,
    source: str = "",
) -> tuple[list[Account], list[str]]:
    """Accounts from a CRM table, and warnings (the notes are folded in; see read_crm for them apart)."""
    read = read_crm(table, explicit=explicit, overrides=overrides, source=source)
    return read.accounts, read.notes + read.warnings


def read_crm(
    table: Table,
    *,
    explicit: Mapping[str, str] | None = None,
    overrides: Mapping[str, Term] | None = None,
    source: str = "",
) -> AccountsRead:
    """Accounts from a CRM table of accounts or of deals, with what was mapped, kept and ignored."""
    overrides = overrides or {}
    read_dates = _dates_day_first(table)
    mapping = match_columns(table.header, ACCOUNT_FIELDS, explicit=explicit)
    if "region" not in (explicit or {}):
        _region_that_varies(table, mapping)
    deal_level = "deal_name" in mapping or "deal_id" in mapping
    if (
        deal_level
        and "account_id" in mapping
        and normalise_header(mapping["account_id"]) in ("id", "record id")
    ):
        mapping["deal_id"] = mapping.pop("account_id")  # a deals export's own record id names the deal
    named = {f: c for f, c in (explicit or {}).items() if f in ("outcome", "lifecycle")}
    outcome_columns = find_outcome_columns(
        table, explicit=named.get("outcome"), lifecycle=named.get("lifecycle"), overrides=overrides
    )
    for name in ("outcome", "lifecycle"):
        if mapping.get(name) and mapping[name] not in outcome_columns.columns:
            mapping.pop(name)  # a 'Status' or 'Type' column whose values are not outcomes stays an attribute
    if not ("account_id" in mapping or "name" in mapping):
        fallback = _fallback_id(table)
        if fallback:
            mapping["account_id"] = fallback
    key_column = mapping.get("account_id") or mapping.get("name")
    comma = table.decimal_comma
    read = AccountsRead(accounts=[])
    if read_dates:
        (read.warnings if read_dates.startswith(_BOTH_ORDERS) else read.notes).append(read_dates)
    read.warnings += flags_without_effect(table, outcome_columns, named=named, overrides=overrides)
    groups = _group_rows(
        table, key_column, source, read, by_name="account_id" not in mapping, name_column=mapping.get("name")
    )
    if key_column and "account_id" not in mapping:
        read.warnings += _names_of_two(groups, key_column, mapping)
    used = set(mapping.values()) | set(outcome_columns.columns)
    used |= {c for c in (outcome_columns.won_date, outcome_columns.lost_date) if c}
    extra_columns = [c for c in table.header if c not in used and not follows_the_stage(c)]
    churn = ChurnColumns.of(table.header) if outcome_columns.columns else ChurnColumns()
    for key, rows in groups.items():
        read.accounts.append(
            _account(key, rows, mapping, outcome_columns, overrides, extra_columns, comma, churn)
        )
    if not read.accounts:
        raise InputFileError(
            "no account rows: every row lacks an account id or name; name the key with --map account_id=COLUMN"
        )
    _states_spelled_out(read, mapping.get("region"))
    _other_states_spelled_out(read)
    read.notes[:0] = _notes(table, mapping, key_column, groups, outcome_columns, extra_columns)
    if not any(a.outcome for a in read.accounts):
        read.warnings.append(_no_outcome(len(read.accounts), outcome_columns))
    if churn.describe():
        read.notes.insert(2, str(churn.describe()))
    return read


def _other_states_spelled_out(read: AccountsRead) -> None:
    """Another column of states or provinces written both ways ("State/Region" beside a "Country/Region" read as the
    region, qa268: "CA" 6 accounts and "California" 4 were two values, a +11.9 rule and a +0) read as their names."""
    for column in dict.fromkeys(c for a in read.accounts for c in a.extra):
        cells = {id(a): a.extra.get(column) or "" for a in read.accounts}
        for account, name in _spelled_out(read, f"'{column}'", cells):
            account.extra[column] = name


def _states_spelled_out(read: AccountsRead, column: str | None) -> None:
    """A region column of states or provinces written both ways ("TX", "Texas") read as their names (places)."""
    for account, name in _spelled_out(
        read, f"'{column}' (region)", {id(a): a.region or "" for a in read.accounts}
    ):
        account.region = name


def _spelled_out(read: AccountsRead, label: str, cells: dict[int, str]) -> list[tuple[Account, str]]:
    """The accounts whose cell (by account id()) is a state written otherwise than by its name, each with the name,
    where the cells are a column of states (``state_names``); a note says which were read so."""
    names = state_names(cells.values())
    found = [
        (account, name)
        for account in read.accounts
        if (name := names.get(cells[id(account)].strip().casefold())) and name != cells[id(account)]
    ]
    spelled = sorted({cells[id(account)] for account, _ in found})
    if spelled:
        shown = ", ".join(f"{v!r} as {names[v.strip().casefold()]!r}" for v in spelled[:3])
        more = f" and {len(spelled) - 3} more" if len(spelled) > 3 else ""
        read.notes.append(f"{label}: states read by their names, {shown}{more}")
    return found


_TEACHES_NOTHING = "so they teach the profile nothing"


def says_no_outcome(warning: str) -> bool:
    """Whether a warning is the one of a table whose accounts all lack an outcome (_no_outcome)."""
    return _TEACHES_NOTHING in warning


def _no_outcome(count: int, found: OutcomeColumns) -> str:
    """The warning for a table whose accounts all lack an outcome: they teach the profile nothing."""
    why = (
        "no outcome column found"
        if not (found.columns or found.won_date)
        else "no deal in it closed (every outcome open or unknown)"
    )
    return (
        f"{why}: its {count} accounts have no outcome, {_TEACHES_NOTHING} (it learns from won, "
        "lost and churned); if these are leads to rate, score them with 'icp-assist score FILE' and leave the "
        "file out of ingest with a line in .icpignore; if the outcome is in a column, name it with "
        "--map outcome=COLUMN"
    )


def _fallback_id(table: Table) -> str | None:
    """A column named like an id ('mql_id') whose values are all present and distinct, e.g. a lead id."""
    for column in table.header:
        values = table.column(column)
        if _ID_LIKE.fullmatch(column) and all(values) and len(set(values)) == len(values):
            return column
    return None


def _group_rows(
    table: Table,
    key_column: str | None,
    source: str,
    read: AccountsRead,
    *,
    by_name: bool,
    name_column: str | None = None,
) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """Rows per account: by id as written, by normalised name, or one account per row when there is no key.

    A row keyed by id that has no id but names its account ("Associated Company" filled, "Associated Company IDs"
    empty, qa246: two active customers' won deals were skipped and their lost add-ons made them lost) takes the id
    the file gives that name elsewhere, else the name itself (joined by name to the companies export)."""
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    shown: dict[str, str] = {}
    rows = [dict(zip(table.header, row, strict=True)) for row in table.rows]
    named_by = "" if by_name or name_column is None else name_column
    ids_of_names = {
        account_key(values[named_by]) or values[named_by]: values[key_column].split(";")[0].strip()
        for values in rows
        if named_by and key_column and values[key_column] and values[named_by]
    }
    keyed_by_name: list[int] = []
    for line, values in zip(table.row_numbers, rows, strict=True):
        if key_column is None:
            groups[f"{source or 'row'}:{line}"] = [(line, values)]
            continue
        value = values[key_column]
        if not value and named_by and values[named_by]:
            name = values[named_by]
            value = ids_of_names.get(account_key(name) or name, name)
            keyed_by_name.append(line)
        if not value:
            read.warnings.append(f"line {line}: no {key_column}, row skipped")
            continue
        # a deal associated with several companies lists their ids ('18000320037;18000320099'): the first is its own
        key = (account_key(value) or value) if by_name else value.split(";")[0].strip()
        shown.setdefault(key, value)
        groups.setdefault(shown[key], []).append((line, values))
    if keyed_by_name:
        lines = ", ".join(str(n) for n in keyed_by_name[:5]) + (" …" if len(keyed_by_name) > 5 else "")
        read.notes.append(
            f"{len(keyed_by_name)} rows with no {key_column} read by their '{named_by}' (line {lines})"
        )
    return groups


# The account's own traits: rows of one name whose values of these differ may be two companies.
_FIRMOGRAPHICS = ("industry", "employees", "revenue", "region")


def _names_of_two(
    groups: Mapping[str, list[tuple[int, dict[str, str]]]], key_column: str, mapping: Mapping[str, str]
) -> list[str]:
    """A warning for each account whose rows, keyed by a name read without its legal suffix, name it in other
    words and give it other firmographics ("Sunflower Pawn Co. Inc", 21 employees, and "Sunflower Pawn Inc", 396,
    qa230: one won account of two companies, one lost to a rival): they may be two companies."""
    warnings = []
    for rows in groups.values():
        written = {re.sub(r"\W+", " ", v[key_column]).strip().casefold(): v[key_column] for _, v in rows}
        if len(written) < 2:
            continue
        differing = [
            f"{field} {' / '.join(sorted(found))}"
            for field in _FIRMOGRAPHICS
            if field in mapping
            and len(found := {v[mapping[field]] for _, v in rows if v[mapping[field]]}) > 1
        ]
        if differing:
            names = " and ".join(f"'{n}'" for n in sorted(written.values()))
            warnings.append(
                f"{names} are read as one account (the same name without its legal suffix), though their "
                f"{'; '.join(differing)} differ: if they are two companies, give the file an account id column"
            )
    return warnings


def _account(
    key: str,
    rows: list[tuple[int, dict[str, str]]],
    mapping: Mapping[str, str],
    outcome_columns: OutcomeColumns,
    overrides: Mapping[str, Term],
    extra_columns: list[str],
    comma: bool,
    churn: ChurnColumns,
) -> Account:
    def first(name: str) -> str:
        column = mapping.get(name)
        return next((v[column] for _, v in rows if column and v[column]), "")

    def amount(name: str) -> float | None:
        return parse_amount(first(name), decimal_comma=comma)

    said = [(values, row_terms(values, outcome_columns, overrides)) for _, values in rows]
    deals = [
        (_closed_on(values, mapping, outcome_columns), churn.deal_term(values, terms))
        for values, terms in said
    ]
    outcome = last_outcome(deals)
    account = Account(
        account_id=key,
        name=first("name") or None,
        industry=first("industry") or None,
        employees=_count(first("employees"), comma),
        revenue=amount("revenue"),
        region=first("region") or None,
        tech_stack=list(dict.fromkeys(split_list(first("tech_stack")))),
        outcome=outcome,  # type: ignore[arg-type]
        in_pipeline=outcome is None and any("open" in terms for _, terms in said),
        arr=amount("arr"),
        ltv=amount("ltv"),
        sales_cycle_days=amount("sales_cycle_days"),
        close_date=_last(rows, mapping.get("close_date")),
        extra=_extra(rows, extra_columns, [closed for closed, _ in deals]),
    )
    for name in _NUMERIC_FIELDS & mapping.keys():  # keep what could not be read as a number, e.g. '200-999'
        if first(name) and getattr(account, name) is None:
            account.extra[mapping[name]] = first(name)
    if len(rows) > 1 or DEAL_FIELDS[0] in mapping:
        _add_deals(account, rows, mapping, outcome_columns, overrides, comma)
    elif account.sales_cycle_days is None and "won" in said[0][1]:
        # an account report's row of its last deal: created to closed ("Last Close Date", qa151)
        account.sales_cycle_days = _won_in_days(said[0][0], mapping)
    return account


def _closed_on(values: Mapping[str, str], mapping: Mapping[str, str], found: OutcomeColumns) -> date | None:
    """When a deal closed: its close date, else the date it was won or lost."""
    columns = [mapping.get("close_date"), found.won_date, found.lost_date]
    return next((d for c in columns if c and (d := _date(values[c]))), None)


def _extra(
    rows: list[tuple[int, dict[str, str]]], columns: list[str], closed: Sequence[date | None]
) -> dict[str, str]:
    """Other columns as attributes: the value of the account's last closed deal that has one, as its outcome is its
    last deal's (qa262: a lost account's 2023 "No decision / went dark" stood beside its 2024 close date and "Chose
    competitor - Momence", the last deal's reason), else the most common value across its rows."""
    order = sorted((day, n) for n, day in enumerate(closed) if day is not None)
    extra = {}
    for column in columns:
        dated = [rows[n][1][column] for _, n in order if rows[n][1][column]]
        values = Counter(v[column] for _, v in rows if v[column])
        if dated:
            extra[column] = dated[-1]
        elif values:
            extra[column] = values.most_common(1)[0][0]
    return extra


def _won_in_days(values: Mapping[str, str], mapping: Mapping[str, str]) -> float | None:
    """Days from a deal's creation to its close, when both dates are read."""
    created = _date(values.get(mapping.get("created_date", ""), ""))
    closed = _date(values.get(mapping.get("close_date", ""), ""))
    return float((closed - created).days) if created and closed and closed >= created else None


def _add_deals(
    account: Account,
    rows: list[tuple[int, dict[str, str]]],
    mapping: Mapping[str, str],
    outcome_columns: OutcomeColumns,
    overrides: Mapping[str, Term],
    comma: bool,
) -> None:
    """Deal count, the amount of won deals and the mean days from created to close of won deals: each deal once,
    where a report repeats it row by row (Salesforce's opportunity history, one row per stage change, qa245:
    Ironclad's 3 opportunities were 13 deals worth $267,900), by its last row."""
    quiet = OutcomeColumns(outcome_columns.columns, outcome_columns.won_date, outcome_columns.lost_date)
    if "deal_id" in mapping:
        by_deal = {values[mapping["deal_id"]].strip() or f"row {n}": (n, values) for n, values in rows}
        rows = list(by_deal.values())
    won_amount = 0.0
    cycles = []
    for _, values in rows:
        amount = parse_amount(values[mapping["amount"]], decimal_comma=comma) if "amount" in mapping else None
        won = "won" in row_terms(values, quiet, overrides)
        won_amount += (amount or 0.0) if won else 0.0
        days = _won_in_days(values, mapping) if won else None
        if days is not None:
            cycles.append(days)
    account.deals = len(rows)
    if "amount" in mapping:
        account.won_amount = won_amount
    if cycles and account.sales_cycle_days is None:
        account.sales_cycle_days = float(statistics.mean(cycles))


def _last(rows: list[tuple[int, dict[str, str]]], column: str | None) -> str | None:
    if not column:
        return None
    values = [v[column] for _, v in rows if v[column]]
    dated = sorted((d, v) for v in values if (d := _date(v)))
    return dated[-1][1] if dated else (values[-1] if values else None)


_BOTH_ORDERS = "dates are written both month first and day first"
_SLASHED = _DATE_FORMATS[1]  # "02/20/2024", read month first by _date


def _dates_day_first(table: Table) -> str:
    """Read a table's dates written day first ("20/02/2024", as a UK or European Salesforce exports them) as such,
    rewritten in place as ISO dates, where some day is past 12 and no month is; what was read, or a warning where
    both orders are seen, or "" (qa255: 9 of 20 churned accounts were won, their dates unread)."""
    firsts = seconds = 0
    for row in table.rows:
        for cell in row:
            if found := _SLASHED.match(cell.strip()):
                firsts += int(found["m"]) > 12
                seconds += int(found["d"]) > 12
    if firsts and seconds:
        return f"{_BOTH_ORDERS} (a day past 12 in each place): read month first; export them as YYYY-MM-DD to be sure"
    if not firsts:
        return ""
    for row in table.rows:
        for i, cell in enumerate(row):
            if found := _SLASHED.match(cell.strip()):
                day, month, year = found["m"], found["d"], found["y"]  # (written day first)
                row[i] = f"{year}-{int(month):02d}-{int(day):02d}" + cell.strip()[found.end() :]
    return "dates are written day first ('20/02/2024' is 20 February 2024): read so"


def _date(value: str) -> date | None:
    for pattern in _DATE_FORMATS:
        match = pattern.match(value.strip())
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def _notes(
    table: Table,
    mapping: Mapping[str, str],
    key_column: str | None,
    groups: Mapping[str, list[tuple[int, dict[str, str]]]],
    outcome_columns: OutcomeColumns,
    extra_columns: list[str],
) -> list[str]:
    rows = sum(len(r) for r in groups.values())
    if key_column is None:
        key = "no account id or name column: each row is one account (name one with --map account_id=COLUMN)"
    elif "account_id" in mapping:
        key = f"accounts keyed by '{key_column}'"
    else:
        key = f"no account id column: accounts keyed by the name in '{key_column}' (case, punctuation, Inc/Ltd ignored)"
    if rows > len(groups):
        key += f"; {rows} rows rolled up into {len(groups)} accounts ({ROLL_UP_RULE})"
    fields = ", ".join(f"{f}='{c}'" for f, c in mapping.items() if f not in ("outcome", "lifecycle"))
    empty = [c for c in table.header if not any(table.column(c))]
    kept = [c for c in extra_columns if c not in empty]
    # with no outcome column at all, read_crm warns instead (its accounts teach nothing)
    described = [outcome_columns.describe()] if outcome_columns.columns or outcome_columns.won_date else []
    notes = [key, *described, f"columns read: {fields or 'none'}"]
    notes.append(f"kept as attributes: {', '.join(kept) or 'none'}")
    if empty:
        notes.append(f"ignored (empty in every row): {', '.join(empty)}")
    staged = [c for c in table.header if follows_the_stage(c) and c not in mapping.values()]
    if staged:
        notes.append(f"ignored (set by the stage, so they would restate the outcome): {', '.join(staged)}")
    return notes


def parse_amount(value: str, *, decimal_comma: bool = False) -> float | None:
    """'$12.5M' -> 12500000.0, '1,200' -> 1200.0, '' or 'n/a' -> None; '3,5' -> 3.5 with ``decimal_comma``."""
    text = value.strip().lower()
    if decimal_comma:
        text = text.replace(" ", "").replace(".", "").replace(",", ".")
    match = _AMOUNT.fullmatch(text)
    if not match:
        return None
    number = float(match[1].replace(",", "")) * _SCALE.get(match[2] or "", 1.0)
    return number if math.isfinite(number) else None  # "999…9" past float's range is no amount


def _count(value: str, comma: bool = False) -> int | None:
    """An exact head count; a band such as '200-999' is not a count and stays unknown."""
    amount = parse_amount(value, decimal_comma=comma)
    return int(amount) if amount is not None else None


def split_list(value: str) -> list[str]:
    """'NetSuite; Salesforce, Slack' -> ['NetSuite', 'Salesforce', 'Slack']; an item's own commas, inside its
    brackets, stay ('Supplier portals (Sysco, US Foods),MarketMan' is two)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(value):
        depth += (char in "([") - (char in ")]")
        if char in ";,|" and depth <= 0:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return [part.strip() for part in parts if part.strip()]
