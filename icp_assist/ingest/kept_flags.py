"""The reading flags a file was ingested with (--outcome, --map, --open-column …), kept and reused next time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .surveys import SurveyColumns

if TYPE_CHECKING:
    from . import IngestOptions

# the notes of how this run read a file, said again each time (see ``ingest._classify``)
REUSING = "reusing the options this file was ingested with:"
REPLACING = "the flags given replace those this file was ingested with:"


def reading_flags(options: IngestOptions, kind: str) -> dict[str, Any]:
    """The flags that changed how a source of this kind was read: kept with it, reused by a later ingest."""
    flags: dict[str, Any] = {
        "kind": options.kind,
        "encoding": options.encoding,
        "map": dict(options.account_mapping) if kind == "accounts" else {},
        "outcome": dict(options.outcomes) if kind == "accounts" else {},
        "open_column": list(options.survey_columns.open or []) if kind == "survey" else [],
        "closed_column": list(options.survey_columns.closed) if kind == "survey" else [],
        "company_column": list(options.survey_columns.company) if kind == "survey" else [],
    }
    return {name: value for name, value in flags.items() if value}


def with_kept_flags(options: IngestOptions, kept: Mapping[str, Any], notes: list[str]) -> IngestOptions:
    """The run's options, with each flag it does not give taken from those the file was ingested with."""
    given = reading_flags(options, "accounts") | reading_flags(options, "survey")
    reused = {name: value for name, value in kept.items() if name not in given}
    replaced = {name: value for name, value in kept.items() if name in given and given[name] != value}
    if replaced:
        notes.append(f"{REPLACING} {flag_text(replaced)}")
    if not reused:
        return options
    notes.append(f"{REUSING} {flag_text(reused)}")
    survey = options.survey_columns
    return replace(
        options,
        remembered=frozenset(reused),
        kind=reused.get("kind", options.kind),
        encoding=reused.get("encoding", options.encoding),
        account_mapping=reused.get("map", options.account_mapping),
        outcomes=reused.get("outcome", options.outcomes),
        survey_columns=SurveyColumns(
            open=reused.get("open_column", survey.open),
            closed=reused.get("closed_column", survey.closed),
            company=reused.get("company_column", survey.company),
        ),
    )


def flag_text(flags: Mapping[str, Any]) -> str:
    """Flags as they are typed: --outcome 'renewal lost=churned', --open-column 'Why?'."""
    parts: list[str] = []
    for name, value in flags.items():
        flag = "--" + name.replace("_", "-")
        if isinstance(value, dict):
            parts += [f"{flag} '{key}={item}'" for key, item in value.items()]
        elif isinstance(value, list):
            parts += [f"{flag} '{item}'" for item in value]
        else:
            parts.append(f"{flag} {value}")
    return ", ".join(parts)


def without_gone_columns(options: IngestOptions, header: list[str], notes: list[str]) -> IngestOptions:
    """The options without the kept flags naming a column this file no longer has (it was changed), said."""
    survey, gone = options.survey_columns, []
    keep_open, keep_closed, keep_map = survey.open, survey.closed, options.account_mapping
    keep_company = survey.company
    if "open_column" in options.remembered:
        keep_open = [c for c in survey.open or [] if c in header] or None
        gone += [f"--open-column '{c}'" for c in survey.open or [] if c not in header]
    if "closed_column" in options.remembered:
        keep_closed = [c for c in survey.closed if c in header]
        gone += [f"--closed-column '{c}'" for c in survey.closed if c not in header]
    if "company_column" in options.remembered:
        keep_company = [c for c in survey.company if c in header]
        gone += [f"--company-column '{c}'" for c in survey.company if c not in header]
    if "map" in options.remembered:
        keep_map = {f: c for f, c in options.account_mapping.items() if c in header}
        gone += [f"--map '{f}={c}'" for f, c in options.account_mapping.items() if c not in header]
    if not gone:
        return options
    notes.append(f"dropped, as the file no longer has the column they name: {', '.join(gone)}")
    return replace(
        options,
        survey_columns=SurveyColumns(open=keep_open, closed=keep_closed, company=keep_company),
        account_mapping=keep_map,
    )
