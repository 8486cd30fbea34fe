"""Survey exports whose header spans several rows: SurveyMonkey (two rows) and Qualtrics (three rows).

SurveyMonkey writes the question in row 1 and, in row 2, 'Response', 'Open-Ended Response', 'Other (please
specify)' or, for a multiple-answer question, one option per column under a blank row-1 cell. Qualtrics writes
short ids (Q1, Q2_TEXT) in row 1, the question text in row 2 and ``{"ImportId":"QID2_TEXT"}`` in row 3.
Both are folded into one header row; what row 2 says about a column (open or closed) is kept as a hint.
"""

from __future__ import annotations

import json
import re
from typing import Literal

Hint = Literal["open", "closed", "other"]  # other: a write-in 'Other (please specify)', typed by its answers
_MONKEY_SUBHEADERS: dict[str, Hint] = {
    "response": "closed",
    "open-ended response": "open",
    "other (please specify)": "other",
    "other (please specify) ": "other",
}
QUALTRICS_METADATA = {
    "startdate", "enddate", "status", "ipaddress", "progress", "duration (in seconds)", "finished",
    "recordeddate", "responseid", "recipientlastname", "recipientfirstname", "recipientemail",
    "externalreference", "externaldatareference", "locationlatitude", "locationlongitude", "distributionchannel",
    "userlanguage", "q_recaptchascore", "q_relevantidduplicate", "q_ballotboxstuffing",
}  # fmt: skip


def fold_header_rows(
    header: list[str], rows: list[list[str]]
) -> tuple[list[str], int, dict[str, Hint], str] | None:
    """(header, header rows to drop from ``rows``, hints per column, vendor) for a multi-row header, else None."""
    if len(rows) >= 2 and any(_import_id(cell) for cell in rows[1]):
        return _qualtrics(header, rows)
    if rows and _is_monkey_subheader(header, rows[0]):
        return _surveymonkey(header, rows[0])
    return None


def _import_id(cell: str) -> str | None:
    if not cell.startswith("{") or "ImportId" not in cell:
        return None
    try:
        loaded = json.loads(cell)
    except json.JSONDecodeError:
        return None
    return str(loaded.get("ImportId", "")) if isinstance(loaded, dict) else None


_QUESTION_ID = re.compile(r"Q(?:ID)?\d", re.IGNORECASE)


def _qualtrics(header: list[str], rows: list[list[str]]) -> tuple[list[str], int, dict[str, Hint], str]:
    texts = [" ".join(t.split()) or h for h, t in zip(header, rows[0], strict=True)]
    names = [t if texts.count(t) == 1 else f"{h}: {t}" for h, t in zip(header, texts, strict=True)]
    hints: dict[str, Hint] = {}
    for short, name, cell in zip(header, names, rows[1], strict=True):
        import_id = _import_id(cell) or ""
        # A question's ImportId is "QID4" (and "QID4_TEXT" for its text entry); files written by other tools
        # and scripts often say "Q4". Anything else is embedded data or Qualtrics' own fields.
        if short.lower() in QUALTRICS_METADATA or not _QUESTION_ID.match(import_id):
            hints[name] = "closed"
        elif import_id.upper().endswith("_TEXT"):
            hints[name] = "open"
    return names, 2, hints, "Qualtrics (question text from row 2, ImportId row 3)"


def _is_monkey_subheader(header: list[str], first: list[str]) -> bool:
    """Row 2 of a SurveyMonkey export: its labels under the questions, nothing under 'Respondent ID'. Under
    another first column, a row of short labels only (a respondent's row holds answers); under 'Respondent ID',
    option labels of any length ("None - we only looked at HaulSync", qa37: the whole survey was refused)."""
    marks = [c.strip().lower() for c in first]
    labels_only = all(len(c.split()) <= 6 for c in first) or header[0].strip().casefold() == "respondent id"
    return any(m in _MONKEY_SUBHEADERS for m in marks) and not first[0].strip() and labels_only


def _surveymonkey(header: list[str], sub: list[str]) -> tuple[list[str], int, dict[str, Hint], str]:
    names: list[str] = []
    hints: dict[str, Hint] = {}
    question = ""
    for top, below in zip(header, sub, strict=True):
        question = top.strip() or question
        below = below.strip()
        kind = _MONKEY_SUBHEADERS.get(below.lower())
        name = (
            question
            if not below or kind == "closed" or (kind == "open" and below.lower().startswith("open"))
            else f"{question} - {below}"
        )
        while name in names:
            name += " (again)"
        names.append(name)
        hints[name] = kind or "closed"  # an option column of a multiple-answer question is closed
        if not below and top.strip():
            hints.pop(name)  # metadata such as 'Respondent ID' carries no row-2 label: typed from its values
    return names, 1, hints, "SurveyMonkey (second header row read as answer types)"
