"""Lead scoring: rate leads (or historical accounts) with the ICP's rubric, and say why and how sure.

A score is the rubric's base plus the points of every rule whose value the lead has, clamped to 0–100.
Head count and revenue are banded the way the outcome signals band them; tech-stack items, industry and
region match ignoring case, and so do other CRM columns the rubric scores (a category column such as
'Lead source', matched by its header). A rubric attribute the lead has no value for is listed as missing and lowers
the confidence: it is never guessed.
"""

from __future__ import annotations

import csv
import io
import math
import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from .analyze.signals import (
    EMPLOYEE_BAND_LABELS,
    employee_band,
    in_measure_band,
    in_money_band,
    list_items,
    revenue_band,
)
from .errors import IcpAssistError, InputFileError
from .ingest.accounts import parse_amount, split_list
from .ingest.columns import ACCOUNT_FIELDS, match_columns, normalise_header
from .ingest.places import state_names
from .ingest.tables import Table
from .jsonfile import first_error, read_json
from .models import Confidence, IcpProfile, Rubric, RubricRule
from .outputs import spreadsheet_cell, write_text_atomic
from .records import Account

SCORE_COLUMNS = ("icp_score", "icp_confidence", "icp_reasons", "icp_missing")
SCORED_ATTRIBUTES = ("industry", "employees", "revenue", "region", "tech_stack")
# Band labels as employee_band/revenue_band name them, so a lead file that gives '200-999' still matches.
_EMPLOYEE_BANDS = frozenset(EMPLOYEE_BAND_LABELS)
_REVENUE_BANDS = frozenset(revenue_band(x) for x in (0, 10e6, 50e6, 250e6, 1e9))

AttributeValues = Mapping[str, Sequence[str]]


class IcpFileError(IcpAssistError):
    """icp.json is missing, not JSON, or not an ICP this version of icp-assist can read."""


class LeadScore(BaseModel):
    """How well one lead fits the ICP: the score, the rules behind it and what was missing."""

    lead_id: str = Field(description="The lead's account id, or 'line N' of the lead file when it has none.")
    name: str | None = None
    score: float = Field(ge=0, le=100, description="Rubric base plus matching rule points, clamped to 0–100.")
    confidence: Confidence = Field(
        description="From the share of rubric attributes the lead has a value for."
    )
    matched: list[str] = Field(
        default_factory=list, description="Rules that added points, with their evidence."
    )
    negatives: list[str] = Field(default_factory=list, description="Rules that took points away.")
    missing: list[str] = Field(
        default_factory=list, description="Rubric attributes with no value in the lead."
    )
    values: dict[str, str] = Field(default_factory=dict, description="The lead's original columns, in order.")


def load_icp(path: Path) -> IcpProfile:
    """The ICP from an icp.json written by `icp-assist build`; IcpFileError says what is wrong with it."""
    data = read_json(path, error=IcpFileError, produced_by="`icp-assist build` writes icp.json")
    if not isinstance(data, dict):
        raise IcpFileError(f"{path}: expected the ICP as a JSON object, found a {type(data).__name__}")
    expected = IcpProfile().version
    if data.get("version") != expected:
        raise IcpFileError(
            f"{path}: ICP file version {data.get('version')!r}, but this icp-assist reads version {expected}; "
            "rebuild it with `icp-assist build`"
        )
    try:
        return IcpProfile.model_validate(data)
    except ValidationError as ex:
        raise IcpFileError(f"{path}: {first_error(ex)}") from ex


def account_values(account: Account) -> dict[str, list[str]]:
    """An account's attribute values, head count and revenue as bands, other CRM columns under their names."""
    employees = account.employees
    revenue = account.revenue
    return {
        **{column: _text(value) for column, value in account.extra.items()},
        "industry": _text(account.industry),
        "employees": [employee_band(employees), str(employees)]
        if employees is not None and employees >= 0
        else [],
        "revenue": [revenue_band(revenue), f"{revenue:f}"] if revenue is not None and revenue >= 0 else [],
        "region": _text(account.region),
        "tech_stack": [item for item in account.tech_stack if item.strip()],
    }


def score_values(
    values: AttributeValues, rubric: Rubric, *, lead_id: str, name: str | None = None
) -> LeadScore:
    """Score attribute values (as account_values gives them) with a rubric."""
    rules: dict[tuple[str, str], list[RubricRule]] = {}
    of_attribute: dict[str, list[RubricRule]] = {}
    for rule in rubric.rules:
        for value in dict.fromkeys(
            [rule.value, *rule.values]
        ):  # a pooled value: any of the values it stands for
            rules.setdefault((rule.attribute, _key(value)), []).append(rule)
        of_attribute.setdefault(rule.attribute, []).append(rule)
    hits = []
    said: dict[int, str] = {}  # a pooled rule's value the lead has, by the rule's id
    for attribute, lead_values in values.items():
        # a tech item listed twice counts once; a multi-select cell ("LTL; Truckload") matches each choice too
        split = [item for v in lead_values for item in (list_items(v) if ";" in v else [])]
        as_written: dict[str, str] = {}  # each key, in the order said, to the lead's first value of it
        for value in [*lead_values, *split]:
            as_written.setdefault(_key(value), value)
        for key, value in as_written.items():
            for rule in rules.get((attribute, key), []):
                hits.append(rule)
                said.setdefault(id(rule), value)
        if attribute not in _NAMED_VALUES:
            # a measure's band ("Number of stores: 12+", "employees 28+", "revenue $2.7M-$12M") takes the number
            # itself; a band written as is was matched above, and a pooled rule takes the number in any of its bands
            # (qa226: "Number of Stores: 1 or 5+" docked one-store leads and never a six-store one)
            within = in_money_band if attribute == "revenue" else in_measure_band
            hits.extend(
                rule
                for rule in of_attribute.get(attribute, [])
                if not any(_key(v) in as_written for v in [rule.value, *rule.values])
                and any(within(v, band) for v in lead_values for band in (rule.values or [rule.value]))
            )
    hits = _one_per_fact(_one_per_group(hits), rubric)
    attributes = _attributes(rubric)
    # a column no rule scores cannot move the score: its absence is not "missing" (qa91: the CRM contact's job
    # title, weighed and given no rule, was missing on every lead)
    scored = {r.attribute for r in rubric.rules} or set(attributes)
    missing = [a for a in attributes if a in scored and not any(v.strip() for v in values.get(a, ()))]
    total = rubric.base + sum(rule.points for rule in hits)
    return LeadScore(
        lead_id=lead_id,
        name=name,
        score=round(min(100.0, max(0.0, total)), 1),
        confidence=_confidence(rubric, attributes, missing),
        matched=[_reason(r, said.get(id(r))) for r in sorted(hits, key=lambda r: -r.points) if r.points > 0],
        negatives=[_reason(r, said.get(id(r))) for r in sorted(hits, key=lambda r: r.points) if r.points < 0],
        missing=missing,
    )


def score_reach(rubric: Rubric) -> list[float]:
    """The lowest and the highest score a lead can get: a lead with each column's weakest value, then one with each
    column's strongest, scored as any lead is (its rules of one fact counted once), so the page can say that a lead
    with every best-fit value scores 60, not 100 (qa304: six perfect leads at 60.1 read as a fault)."""
    if not rubric.rules:
        return []
    reach = []
    for sign in (-1, 1):
        # each column's rule of most points of that sign (the last of equals)
        chosen: dict[str, RubricRule] = {}
        for rule in rubric.rules:
            if rule.points * sign > 0 and (
                rule.attribute not in chosen or rule.points * sign >= chosen[rule.attribute].points * sign
            ):
                chosen[rule.attribute] = rule
        # (a column with no rule of that sign: the lead has none of its scored values)
        values = {attribute: [rule.value] for attribute, rule in chosen.items()}
        reach.append(score_values(values, rubric, lead_id="reach").score)
    return reach


def score_account(account: Account, rubric: Rubric) -> LeadScore:
    """Score one (historical) account with a rubric."""
    return score_values(account_values(account), rubric, lead_id=account.account_id, name=account.name)


def score_leads(
    table: Table,
    profile: IcpProfile,
    *,
    mapping: Mapping[str, str] | None = None,
    warnings: list[str] | None = None,
) -> list[LeadScore]:
    """Score every row of a lead table (CSV/XLSX), matching its headers as CRM account headers are matched.

    A column that looks like a rubric attribute but is not read is named once in ``warnings``.
    """
    attributes = _attributes(profile.rubric)
    if not attributes:
        raise IcpFileError(
            "the ICP has no scoring rubric: build it from a CRM export with won/lost/churned outcomes"
        )
    # --map names an account field ("employees") or a rubric attribute the CRM export named ("Deal - Active
    # projects"), as the note on unread columns suggests
    mapping = dict(mapping or {})
    named = {a: mapping.pop(a) for a in list(mapping) if a not in ACCOUNT_FIELDS and a in attributes}
    for attribute, column in named.items():
        if column not in table.header:
            raise InputFileError(
                f"--map {attribute}={column!r}: no such column (columns: {', '.join(table.header)})"
            )
    columns = match_columns(table.header, ACCOUNT_FIELDS, explicit=mapping)
    # a lead column named exactly as a rubric attribute the CRM export named is that attribute, not the account field
    # its words would guess (qa87: "Property Management System", a CRM column of its own beside "Web Technologies",
    # was read as the leads' tech stack, and listed missing on every lead), and so is one named as its field without
    # the CRM's object (qa228: the leads' "Locations" was read as the region, so Pipedrive's "Organization -
    # Locations", the ICP's first criterion, was missing on every lead)
    own = [a for a in attributes if a not in SCORED_ATTRIBUTES]
    exact = {normalise_header(a) for a in own} | {name for a in own for name in _field_names(a)}
    columns = {
        field: column
        for field, column in columns.items()
        if field in mapping or normalise_header(column) not in exact
    }
    # ... and a column of numbers is no place, industry or tool, whatever its header ("Locations: 2", qa282: read as
    # the region, so the leads' "Nation", holding the rubric's regions, was never read and every lead scored 50)
    columns = {
        field: column
        for field, column in columns.items()
        if field in mapping or field not in _NAMED_VALUES or not _mostly_numbers(table.column(column))
    }
    columns.update(
        _other_columns(table.header, attributes, taken=set(columns.values()) | set(named.values()))
    )
    columns.update(named)  # what the user named wins
    # a column its header took for an industry, region or tool, none of whose values are the accounts' values of it,
    # holds something else (qa291: "Type of operation", read as the industry by its words, held the CRM's brewery
    # types, and every lead's brewery type, the rubric's strongest rule, was missing)
    columns = {
        field: column
        for field, column in columns.items()
        if field in mapping
        or field in named
        or field not in _NAMED_VALUES
        # (where the rubric scores the field but knows none of the accounts' values, nothing tells; where it scores
        # none of it, the column read as it counts for nothing: qa298, "Sector" read as an industry the CRM never
        # had, while its values were the CRM's "Nonprofit Sector" the rubric scores)
        or (not profile.rubric.values.get(field) and field in _attributes(profile.rubric))
        or _held_most(table, column, field, profile.rubric)
    }
    for attribute, column, held in _columns_by_values(table, profile.rubric, columns):
        columns[attribute] = column
        if warnings is not None:
            warnings.append(
                f"read lead column '{column}' as {attribute}: {held} values are the accounts' values of "
                f"{attribute}; name another with --map {shlex.quote(attribute)}=COLUMN"
            )
    for attribute, column in _columns_by_words(table, profile.rubric, columns):
        columns[attribute] = column
        if warnings is not None:
            warnings.append(
                f"read lead column '{column}' as {attribute}: its words are the attribute's and its values "
                f"numbers; name another with --map {shlex.quote(attribute)}=COLUMN"
            )
    if "name" not in columns and table.header[0] not in columns.values():
        # a lead list's first column, of words each lead's own, names the leads whatever its header ("Clinic", qa283:
        # every lead shown as "line 2", "line 3"…)
        cells = [c.strip() for c in table.column(table.header[0]) if c.strip()]
        if cells and len(set(cells)) == len(cells) and not _mostly_numbers(cells):
            columns["name"] = table.header[0]
    unread = unread_attribute_columns(table.header, columns, attributes)
    if unread and warnings is not None:
        warnings.append(unread)
    if warnings is not None and (unmeasured := unread_measures(table, profile.rubric, columns)):
        warnings.append(unmeasured)
    if not any(a in columns for a in attributes):
        raise InputFileError(
            f"no column holds an attribute the ICP scores (columns: {', '.join(table.header)}; "
            f"needed: {', '.join(attributes)}); name one with --map {attributes[0]}=COLUMN"
        )
    # a column of states by their codes is read by their names, as ingest reads the CRM's ("PA" meets the rubric's
    # "Pennsylvania", qa250, qa252: no region rule fired)
    # (and so is any other column of states the rubric scores: "State/Region", qa268)
    states = {name: state_names(table.column(column)) for name, column in columns.items()}
    scores = []
    for line, row in zip(table.row_numbers, table.rows, strict=True):
        original = dict(zip(table.header, row, strict=True))
        field = {name: original[column].strip() for name, column in columns.items()}
        field = {name: states[name].get(value.casefold(), value) for name, value in field.items()}
        lead_id = field.get("account_id") or f"line {line}"
        values = {**{a: _text(v) for a, v in field.items() if a not in ACCOUNT_FIELDS}, **_row_values(field)}
        score = score_values(values, profile.rubric, lead_id=lead_id, name=field.get("name") or None)
        scores.append(score.model_copy(update={"values": original}))
    return scores


_ATTRIBUTE_WORDS = {
    "tech_stack": {"tech", "technology", "technologies", "technographics", "stack", "software", "tools", "erp", "crm",
                   "platform", "platforms", "integrations", "apps", "ats", "cms"},
    "region": {"country", "countries", "region", "location", "hq", "geo", "state", "city", "territory", "market"},
    "industry": {"industry", "industries", "sector", "vertical", "naics", "sic"},
    "employees": {"employees", "employee", "headcount", "staff", "fte", "size", "people"},
    "revenue": {"revenue", "turnover", "sales"},
}  # fmt: skip


def unread_attribute_columns(
    header: Sequence[str], columns: Mapping[str, str], attributes: Sequence[str]
) -> str | None:
    """One line naming the lead columns that look like a rubric attribute but are not read, or None."""
    unread = [c for c in header if c not in columns.values()]
    found: list[tuple[str, str]] = []
    for column in unread:
        words = set(normalise_header(column).split())
        for attribute in attributes:
            if attribute in columns:
                continue
            cues = _ATTRIBUTE_WORDS.get(attribute) or set(normalise_header(attribute).split())
            if words & cues:
                found.append((column, attribute))
                break
    if not found:
        return None
    named = ", ".join(f"'{c}' ({a}?)" for c, a in found)
    column, attribute = found[0]
    return (
        f"lead columns that look like rubric attributes are not read: {named}; "
        f"name them with --map {shlex.quote(attribute)}={shlex.quote(column)}"
    )


def unread_measures(table: Table, rubric: Rubric, columns: Mapping[str, str]) -> str | None:
    """One line naming the measures the rubric scores that no lead column is read as, beside the lead columns of
    numbers nothing reads, when there are both ("Number of Sites" and "Vets (FTE)" beside "Locations" and "DVMs",
    qa283; "Offices" beside "Branches", qa284: the rubric's strongest rules missing on every lead, with no word)."""
    missing = [a for a in _attributes(rubric) if a in _measures(rubric) and a not in columns]
    taken = set(columns.values())
    numbers = [c for c in table.header if c not in taken and _mostly_numbers(table.column(c))]
    if not (missing and numbers):
        return None
    return (
        f"the rubric's {', '.join(repr(a) for a in missing)} {'is' if len(missing) == 1 else 'are'} read from no "
        f"lead column, and lead columns of numbers are not read: {', '.join(repr(c) for c in numbers)}; if one holds "
        f"it, name it with --map {shlex.quote(missing[0])}=COLUMN"
    )


def write_scores(scores: Sequence[LeadScore], path: Path) -> Path:
    """Write the leads' original columns plus icp_score, icp_confidence, icp_reasons and icp_missing as CSV.

    Written atomically: a failure leaves any earlier file as it was and no partial one. Scoring a file
    that was scored before replaces its icp_* columns. Every cell is formula-neutralised (a lead named
    `=HYPERLINK(...)` is written as `'=HYPERLINK(...)`), plain numbers excepted.
    """
    original = [c for c in dict.fromkeys(c for s in scores for c in s.values) if c not in SCORE_COLUMNS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; also quotes a cell holding a bare CR
    writer.writerow([spreadsheet_cell(c) for c in [*original, *SCORE_COLUMNS]])
    for s in scores:
        reasons = " | ".join(s.matched + s.negatives)
        cells = [s.values.get(c, "") for c in original]
        cells += [f"{s.score:g}", s.confidence, reasons, "; ".join(s.missing)]
        writer.writerow([spreadsheet_cell(c) for c in cells])
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_text_atomic(path, buffer.getvalue())


def _other_columns(header: Sequence[str], attributes: Sequence[str], *, taken: set[str]) -> dict[str, str]:
    """Rubric attributes that are CRM columns of their own ('Lead source'), matched to headers by name."""
    by_name = {normalise_header(c): c for c in header if c not in taken}
    found: dict[str, str | None] = {
        a: by_name.get(normalise_header(a)) for a in attributes if a not in SCORED_ATTRIBUTES
    }
    # a CRM names a field by its object ("Deal - Lead source", "Organization - Industry") and a leads export by its
    # own ("Lead - Source"): the same field read either way (qa27: "Lead - Source" was never read)
    by_field: dict[str, list[str]] = {}
    for column in header:
        if column not in taken:
            # a leads file's plain "Number of facilities" is Pipedrive's "Organization - Number of facilities" (qa52)
            for name in _field_names(column) or {normalise_header(column)}:
                by_field.setdefault(name, []).append(column)
    for attribute, matched in found.items():
        if matched is None:
            matches = {c for name in _field_names(attribute) for c in by_field.get(name, [])}
            found[attribute] = next(iter(matches)) if len(matches) == 1 else None
    return {a: c for a, c in found.items() if c is not None}


_OBJECT_PREFIX = re.compile(
    r"^\s*(deal|lead|organi[sz]ation|person|contact|company|account|opportunity)\s*-\s*", re.I
)


def _field_names(column: str) -> set[str]:
    """A column's field as its own CRM object or another's would name it: "Lead - Source" is "lead source" and
    "source"; "Deal - Lead source" is "lead source" too."""
    prefix = _OBJECT_PREFIX.match(column)
    if not prefix:
        return set()
    field = normalise_header(column[prefix.end() :])
    return {field, normalise_header(f"{prefix.group(1)} {field}")}


def _row_values(field: Mapping[str, str]) -> dict[str, list[str]]:
    return {
        "industry": _text(field.get("industry")),
        "employees": _band(field.get("employees", ""), lambda n: employee_band(int(n)), _EMPLOYEE_BANDS),
        "revenue": _band(field.get("revenue", ""), revenue_band, _REVENUE_BANDS),
        "region": _text(field.get("region")),
        "tech_stack": split_list(field.get("tech_stack", "")),
    }


def _band(cell: str, band_of: Callable[[float], str], labels: frozenset[str]) -> list[str]:
    """A number as its band; a cell that already names a band as it is; anything else is missing."""
    amount = parse_amount(cell)
    if amount is not None and math.isfinite(amount):
        # a negative number is a bad CRM cell, as in the outcome signals: unknown, not a reason to fail; the number
        # itself is kept beside its usual band, for a rubric whose bands were cut where its accounts part
        return [band_of(amount), f"{amount:f}"] if amount >= 0 else []
    label = next((b for b in labels if _key(b) == _key(cell)), None)
    return [label] if label else []


def _text(value: str | None) -> list[str]:
    return [value.strip()] if value and value.strip() else []


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


# A lead column whose values are a rubric attribute's named values is read as that attribute when no column is: at
# least this many of its cells, and this share of its filled ones (a closed-list column, "Practice area" holding the
# CRM's industries, qa155: every lead's industry was missing and the worst leads tied with the best). Set by reasoning
# (three cells are no coincidence of one name; a third leaves room for values the rubric has no rule for), not on data.
_BY_VALUES_MIN_CELLS = 3
_BY_VALUES_MIN_SHARE = 1 / 3


def _columns_by_values(
    table: Table, rubric: Rubric, columns: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(attribute, lead column, "n of m") for each named-value attribute no column is read as, whose values one
    unread column alone holds enough of (_BY_VALUES_MIN_CELLS, _BY_VALUES_MIN_SHARE)."""
    taken = set(columns.values())
    unread = [c for c in table.header if c not in taken]
    found = []
    measures = _measures(rubric)
    for attribute in _attributes(rubric):
        if attribute in columns:
            continue
        known = _known_values(rubric, attribute)
        if not known or attribute in measures:
            continue
        fits = []
        for column in unread:
            held = _held(table, column, known)
            filled = sum(1 for c in table.column(column) if c.strip())
            if held >= _BY_VALUES_MIN_CELLS and held >= _BY_VALUES_MIN_SHARE * filled:
                fits.append((column, f"{held} of its {filled}"))
        if len(fits) == 1:
            found.append((attribute, *fits[0]))
            unread.remove(fits[0][0])
    return found


def _known_values(rubric: Rubric, attribute: str) -> set[str]:
    """An attribute's values, casefolded: those its rules score and any other the accounts hold (a lead column of the
    CRM's industries, two of ten of them scored, was no industry column, qa290)."""
    known = {v.casefold() for r in rubric.rules if r.attribute == attribute for v in (r.value, *r.values)}
    return known | {v.casefold() for v in rubric.values.get(attribute, [])}


def _held_most(table: Table, column: str, field: str, rubric: Rubric) -> bool:
    """Whether a lead column holds values of the field its header names, and of no other attribute the rubric scores
    more (qa315: "Sector", read as the industry for its one "Higher education", held the CRM's "Nonprofit Sector" in
    every other cell, and the rubric's strongest rule scored no lead)."""
    cells = _cells(table, column)  # read once for every attribute weighed
    held = _held_cells(cells, _known_values(rubric, field))
    measures = _measures(rubric)
    return held > 0 and all(
        _held_cells(cells, _known_values(rubric, other)) <= held
        for other in _attributes(rubric)
        if other != field and other not in measures
    )


def _held(table: Table, column: str, known: set[str]) -> int:
    """How many of a lead column's filled cells are one of the ``known`` values (a state's code as its name), or list
    one among others ("Google Workspace; QuickBooks", qa319: the leads' "Web Technologies", the CRM's tech stack, was
    not read, as no whole cell was one tool)."""
    return _held_cells(_cells(table, column), known)


def _cells(table: Table, column: str) -> list[str]:
    """A lead column's filled cells, casefolded, a state's code as its name."""
    states = state_names(table.column(column))
    return [states.get(c, c).casefold() for c in (c.strip().casefold() for c in table.column(column)) if c]


def _held_cells(cells: Sequence[str], known: set[str]) -> int:
    return sum(1 for c in cells if c in known or any(item in known for item in split_list(c)))


# Words a count's name may carry or leave out ("Number of Carrier Appointments", "Carrier appointments")
_COUNT_WORDS = frozenset(["number", "of", "no", "count", "total", "num", "nr", "per"])
# ... and a period said either way ("Monthly shipments" of "Shipments per Month", qa284)
_PERIODS = {"monthly": "month", "weekly": "week", "daily": "day", "yearly": "year", "annual": "year"}
_A_NUMBER = re.compile(r"[$€£]?\s*\d[\d,.]*\s*(?:%|[kKmM])?")


def _mostly_numbers(cells: Sequence[str]) -> bool:
    """Whether at least half of a column's filled cells are numbers."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and sum(1 for c in filled if _A_NUMBER.fullmatch(c)) * 2 >= len(filled)


def _columns_by_words(table: Table, rubric: Rubric, columns: Mapping[str, str]) -> list[tuple[str, str]]:
    """(attribute, lead column) for each measure no column is read as, named by one unread column whose words are
    all the attribute's ("Carrier appointments" of "Number of Carrier Appointments", "Commercial %" of "Commercial
    Lines %") and which holds numbers, where that column names no other attribute (qa280: both rules, the rubric's
    strongest, were left out of every lead's score while the warning guessed them right)."""
    taken = set(columns.values())
    measures = [a for a in _attributes(rubric) if a in _measures(rubric) and a not in columns]

    def words(name: str) -> set[str]:
        return {_PERIODS.get(w, w) for w in normalise_header(name).split()} - _COUNT_WORDS

    fits: dict[str, list[str]] = {}
    for column in table.header:
        said = words(column)
        if column in taken or not said or not _mostly_numbers(table.column(column)):
            continue
        named = [a for a in measures if said <= words(a)]
        if len(named) == 1:
            fits.setdefault(named[0], []).append(column)
    return [(attribute, found[0]) for attribute, found in fits.items() if len(found) == 1]


def _attributes(rubric: Rubric) -> list[str]:
    """The attributes a rubric scores (those of its rules when a hand-written rubric leaves them out)."""
    return list(rubric.attributes) or sorted({r.attribute for r in rubric.rules})


# The attributes whose values are names (an industry, a region, a tool); every other one is a measure, its rules bands.
_NAMED_VALUES = ("industry", "region", "tech_stack")


def _measures(rubric: Rubric) -> set[str]:
    """The rubric's attributes that are measures, their rules bands of numbers (head count, revenue, "Number of
    stores"), not names."""
    measures = {r.attribute for r in rubric.rules if r.attribute not in _NAMED_VALUES}
    return measures - {r.attribute for r in rubric.rules if not any(c.isdigit() for c in r.value)}


def _one_per_fact(hits: Sequence[RubricRule], rubric: Rubric) -> list[RubricRule]:
    """The hits, those on a fact measured by several columns counted once: a group of rules over two or more
    measures (head count and revenue, "one fact, scored once") makes those measures one fact, whichever sign a rule
    has, and where a lead matches rules of two or more of them, each counts its share (their mean), as readings of
    one size. A lead of 120 employees and $14M revenue was "employees 86+ +5.8" and "revenue <$16M -28.7" at once
    (qa115); keeping only the weightier measure dropped the one the ICP names (qa125: three plants, +7.7, gone
    under revenue <$110M, -16.4)."""
    # measures only (head count, revenue, "Number of stores"): a tool or an industry in a group beside them is a fact
    # of its own, scored with its group as before
    measures = _measures(rubric)
    columns: dict[str, set[str]] = {}
    for rule in rubric.rules:
        if rule.group and rule.attribute in measures:
            columns.setdefault(rule.group, set()).add(rule.attribute)
    fact_of: dict[str, int] = {}  # attribute -> its fact, for groups that span several attributes
    for number, attributes in enumerate(a for a in columns.values() if len(a) > 1):
        joined = {fact_of[a] for a in attributes if a in fact_of}
        target = min(joined, default=number)
        for attribute, fact in list(fact_of.items()):
            if fact in joined:
                fact_of[attribute] = target
        fact_of.update(dict.fromkeys(attributes, target))
    sharing: dict[int, list[RubricRule]] = {}
    for rule in hits:
        if rule.attribute in fact_of:
            sharing.setdefault(fact_of[rule.attribute], []).append(rule)
    shared = {id(r): rules for rules in sharing.values() if len(rules) > 1 for r in rules}
    return [
        r.model_copy(
            update={
                "points": r.points / len(shared[id(r)]),
                "reason": f"{r.reason}; one fact with "
                + ", ".join(f"{o.attribute} {o.value}" for o in shared[id(r)] if o is not r)
                + f", so {1 / len(shared[id(r)]):.0%} of its points",
            }
        )
        if id(r) in shared
        else r
        for r in hits
    ]


def _one_per_group(hits: Sequence[RubricRule]) -> list[RubricRule]:
    """Every ungrouped rule, and of each group only the rule with the most points either way."""
    best: dict[str, RubricRule] = {}
    for rule in hits:
        if rule.group and abs(rule.points) > abs(best.get(rule.group, rule).points):
            best[rule.group] = rule
        best.setdefault(rule.group, rule)
    return [r for r in hits if not r.group or best[r.group] is r]


def _confidence(rubric: Rubric, attributes: Sequence[str], missing: Sequence[str]) -> Confidence:
    """High with every rubric attribute known, medium with at least half of the points at stake known, low with
    fewer (or none to know). An attribute weighs as much as its strongest rule either way, so a lead missing its
    head count and revenue is not "medium" because it has a city the rubric never scores (qa38: all 22 leads
    medium, one ranked second with neither)."""
    stake = {a: 0.0 for a in attributes}
    for rule in rubric.rules:
        if rule.attribute in stake:
            stake[rule.attribute] = max(stake[rule.attribute], abs(rule.points))
    if not any(stake.values()):  # a rubric with no points: each attribute weighs alike
        stake = dict.fromkeys(attributes, 1.0)
    total = sum(stake.values())
    known = total - sum(stake.get(a, 0.0) for a in missing)
    if total and known >= total:
        return "high"
    return "medium" if total and known * 2 >= total else "low"


def _reason(rule: RubricRule, value: str | None = None) -> str:
    """The rule as a lead's reason; a pooled rule names the lead's own value first ("region Texas, of Ohio, Indiana,
    … or 1 more like them", qa306: a Texas lead's reason named five other states)."""
    named = (
        f"{value}, of {rule.value}"
        if value and rule.values and _key(value) != _key(rule.value)
        else rule.value
    )
    text = f"{rule.attribute} {named} {rule.points:+.1f}"
    return f"{text}: {rule.reason}" if rule.reason else text
