"""Survey responses: open-ended answers become customer text, closed columns become respondent metadata."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputFileError
from ..records import Document, MetadataValue, Turn
from .columns import normalise_header
from .tables import Table

_RESPONDENT_HEADERS = {"respondent id", "respondent", "response id", "responseid", "id", "respondent number"}
_ACCOUNT_HEADERS = {"account id", "accountid", "account", "crm id", "company id"}
_NON_ANSWERS = {"", "n a", "na", "none given", "no answer", "nil"}
_OPEN_MIN_WORDS = 4.0  # a column whose answers average this many words is free text
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}")


@dataclass
class SurveyColumns:
    """Which columns hold free-text answers (embedded) and which are closed (metadata); None means guess."""

    open: list[str] | None = None
    closed: list[str] = field(default_factory=list)


def open_columns(table: Table, *, choice: SurveyColumns | None = None) -> list[str]:
    """The free-text columns: named ones if given, otherwise those whose answers read as sentences."""
    choice = choice or SurveyColumns()
    for name in (choice.open or []) + choice.closed:
        if name not in table.header:
            raise InputFileError(f"no column named {name!r} (columns: {', '.join(table.header)})")
    if choice.open is not None:
        return list(choice.open)
    return [c for c in table.header if c not in choice.closed and _reads_as_free_text(table.column(c))]


def _reads_as_free_text(values: Sequence[str]) -> bool:
    answered = [v for v in values if not _is_non_answer(v)]
    if not answered:
        return False
    if all(_is_number(v) or _DATE.fullmatch(v) for v in answered):
        return False
    return statistics.mean(len(v.split()) for v in answered) >= _OPEN_MIN_WORDS


def _is_number(value: str) -> bool:
    return re.fullmatch(r"-?[\d,]*\.?\d+%?", value) is not None


def _is_non_answer(value: str) -> bool:
    return " ".join(re.sub(r"[^\w]+", " ", value.lower()).split()) in _NON_ANSWERS


def read_survey(path: Path, table: Table, *, choice: SurveyColumns | None = None) -> list[Document]:
    """One Document per respondent: each open answer is a customer turn, closed columns its metadata."""
    questions = open_columns(table, choice=choice)
    if not questions:
        raise InputFileError(
            f"no open-ended text column found (columns: {', '.join(table.header)}); "
            "name them with --open-column, or pass --kind accounts if this is a CRM export"
        )
    respondent_column = _find(table.header, _RESPONDENT_HEADERS, exclude=questions)
    account_column = _find(table.header, _ACCOUNT_HEADERS, exclude=questions)
    closed = [c for c in table.header if c not in questions]
    documents: dict[str, Document] = {}
    for line, row in zip(table.row_numbers, table.rows, strict=True):
        document = _respondent(
            path, table.header, row, line, questions, closed, respondent_column, account_column
        )
        if document.doc_id in documents:  # a repeated respondent id must not overwrite an earlier answer
            document = _respondent(path, table.header, row, line, questions, closed, None, account_column)
        documents[document.doc_id] = document
    return list(documents.values())


def _find(header: list[str], names: set[str], *, exclude: list[str]) -> str | None:
    return next((c for c in header if c not in exclude and normalise_header(c) in names), None)


def _respondent(
    path: Path,
    header: list[str],
    row: list[str],
    line: int,
    questions: list[str],
    closed: list[str],
    respondent_column: str | None,
    account_column: str | None,
) -> Document:
    values = dict(zip(header, row, strict=True))
    respondent = (
        values[respondent_column] if respondent_column and values[respondent_column] else f"row {line}"
    )
    parts: list[str] = []
    turns: list[Turn] = []
    length = 0
    for question in questions:
        answer = values[question]
        if _is_non_answer(answer):
            continue
        # The question heads its answer, so the document reads like a short interview.
        block = f"{question}\n{answer}\n\n"
        start = length + len(question) + 1
        turns.append(
            Turn(
                speaker=respondent, start=start, end=start + len(answer), is_customer=True, question=question
            )
        )
        parts.append(block)
        length += len(block)
    metadata: dict[str, MetadataValue] = {c: values[c] for c in closed if values[c]}
    metadata["respondent"] = respondent
    metadata["line"] = line
    account = values[account_column] if account_column else ""
    return Document(
        doc_id=f"{path}#{respondent}",
        kind="survey_response",
        source=str(path),
        title=f"{path.name} · {respondent}",
        text="".join(parts),
        turns=turns,
        account_id=account or None,
        metadata=metadata,
    )
