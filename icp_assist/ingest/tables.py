"""Reading CSV, TSV and XLSX tables into header and rows, with clear errors for malformed files."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputFileError
from .files import decode_text
from .survey_layouts import Hint, fold_header_rows


@dataclass
class Table:
    """A table's header and rows; ``row_numbers`` are the rows' line numbers in the file (header = 1)."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    decimal_comma: bool = False
    notes: list[str] = field(default_factory=list)
    hints: dict[str, Hint] = field(default_factory=dict)
    vendor: str = ""
    # Each column's guessed type, read once (surveys.column_types): ingest asks twice per table.
    guessed_types: dict[str, str] = field(default_factory=dict, repr=False)

    def column(self, name: str) -> list[str]:
        """Every row's value in one column."""
        index = self.header.index(name)
        return [row[index] for row in self.rows]


def read_table(path: Path, data: bytes, *, encoding: str | None = None) -> Table:
    """Read a CSV/TSV (delimiter and decimal comma sniffed) or the data sheet(s) of an XLSX workbook."""
    if path.suffix.lower() == ".xlsx":
        return _check(_read_xlsx(data))
    text = decode_text(data, encoding=encoding)
    if "\x00" in text:
        raise InputFileError(
            f"NUL byte at character {text.index(chr(0))}: the file looks binary, not text "
            "(if it is UTF-16 without a byte-order mark, pass --encoding utf-16)"
        )
    return _check(_read_delimited(text, tab=path.suffix.lower() == ".tsv"))


def _read_delimited(text: str, *, tab: bool) -> Table:
    delimiter = "\t" if tab else _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = [(reader.line_num, row) for row in reader]
    except csv.Error as ex:
        raise InputFileError(f"malformed CSV at line {reader.line_num}: {ex}") from ex
    records = [(n, row) for n, row in records if any(cell.strip() for cell in row)]
    if not records:
        raise InputFileError("table has no rows")
    records, empty = _without_empty_columns(records)
    records, title_lines = _skip_title_block(records)
    (_, header), body = records[0], records[1:]
    body, footer = _split_footer(body, len(header))
    for line, row in body:
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            raise InputFileError(
                f"malformed CSV at line {line}: {len(row)} fields but the header has {len(header)}"
            )
    width = len(header)
    rows = [[c.strip() for c in (row + [""] * width)[:width]] for _, row in body]
    table = Table([h.strip() for h in header], rows, [n for n, _ in body])
    _say_what_was_cut(table, title_lines, footer, empty)
    table.decimal_comma = delimiter != "," and _uses_decimal_comma(rows)
    if table.decimal_comma:
        table.notes.append("numbers use a decimal comma ('3,5' is 3.5), as the ';'-separated layout suggests")
    return table


def _say_what_was_cut(table: Table, title_lines: int, footer: int, empty: Sequence[int] = ()) -> None:
    """Note the report's title lines, footer lines and empty columns left out of the table, if any."""
    if empty:
        table.notes.append(
            f"ignored column {', '.join(_letters(i) for i in empty)}, empty in every row (a blank margin column)"
        )
    if title_lines:
        table.notes.append(f"ignored {title_lines} title lines before the header (report name, filters)")
    if footer:
        table.notes.append(
            f"ignored {footer} footer lines after the data (totals, report title, copyright, run by)"
        )


def _without_empty_columns(
    records: list[tuple[int, list[str]]],
) -> tuple[list[tuple[int, list[str]]], list[int]]:
    """The records without the columns that are empty in every one of them, before the last column any record fills,
    and those columns' indices: a spreadsheet's blank margin, as a Salesforce formatted report's column A (qa260: the
    export was refused for "header has empty column names (column 1)", and its footer was read as accounts)."""
    width = max(
        (max((i for i, cell in enumerate(row) if cell.strip()), default=-1) for _, row in records), default=-1
    )
    empty = [i for i in range(width) if not any(i < len(row) and row[i].strip() for _, row in records)]
    if not empty:
        return records, []
    gone = set(empty)
    return [(n, [cell for i, cell in enumerate(row) if i not in gone]) for n, row in records], empty


def _letters(index: int) -> str:
    """A column's spreadsheet name: 0 is "A", 26 is "AA"."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _skip_title_block(records: list[tuple[int, list[str]]]) -> tuple[list[tuple[int, list[str]]], int]:
    """Drop one-cell lines above a header of three or more columns, as formatted reports write them."""
    for index, (_, row) in enumerate(records[: len(records) - 1]):
        filled = sum(1 for c in row if c.strip())
        if filled >= 3:
            return records[index:], index
        if filled > 1:
            break
    return records, 0


def _split_footer(body: list[tuple[int, list[str]]], width: int) -> tuple[list[tuple[int, list[str]]], int]:
    """Rows, and how many trailing one-cell lines (a report footer, as Salesforce writes) were cut off."""
    end = len(body)
    while (
        end
        and width >= 3
        and sum(1 for c in body[end - 1][1] if c.strip()) == 1
        and body[end - 1][1][0].strip()
    ):
        end -= 1
    # ... and a line of totals ("Grand Totals (109 records)" beside the amounts summed, qa223, qa229: warned of as an
    # account with no id) before them
    if end and width >= 3 and _totals(body[end - 1][1]):
        end -= 1
    footer = len(body) - end
    # one line is a footer when it says it is one ("Grand Totals (100 records)", qa26), not when it may be data
    if footer >= 2 or (footer == 1 and _FOOTER.match(body[-1][1][0])):
        return body[:end], footer
    return body, 0


def _totals(row: list[str]) -> bool:
    """Whether a row is a report's totals: its first cell says so and the others are numbers or blank."""
    first, *rest = row or [""]
    return bool(_TOTALS.match(first)) and all(
        re.fullmatch(r"[-$€£]?\s*[\d.,]+\s*%?", c.strip()) for c in rest if c.strip()
    )


_TOTALS = re.compile(r"\s*(grand totals?|totals?|subtotals?|sum)\b", re.IGNORECASE)


_FOOTER = re.compile(
    r"\s*(grand totals?|totals?|subtotals?|count|records?|confidential|copyright|©|generated by|report generated)\b",
    re.IGNORECASE,
)


_COMMA_DECIMAL = re.compile(r"-?[$€£]?\s*(\d{1,3}(\.\d{3})+|\d+),\d{1,2}\s*[$€£%]?")
_DOT_DECIMAL = re.compile(r"-?[$€£]?\s*(\d{1,3}(,\d{3})+|\d+)\.\d{1,2}\s*[$€£%]?")


def _uses_decimal_comma(rows: list[list[str]]) -> bool:
    """True when numbers are written '3,5' or '1.200,50' and never '3.5' (the convention of the file)."""
    cells = [c for row in rows for c in row if (c and c[-1:].isdigit()) or c.endswith(("€", "%"))]
    comma = sum(1 for c in cells if _COMMA_DECIMAL.fullmatch(c))
    dot = sum(1 for c in cells if _DOT_DECIMAL.fullmatch(c))
    return comma > 0 and dot == 0


def _sniff_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [(sheet.title, _sheet_records(sheet)) for sheet in workbook.worksheets]
    except Exception as ex:  # openpyxl raises zipfile, KeyError and XML errors for broken files
        raise InputFileError(f"not a valid .xlsx workbook ({type(ex).__name__}: {ex})") from ex
    finally:
        if "workbook" in locals():
            workbook.close()
    trimmed = [(title, _without_empty_columns(records)) for title, records in sheets]
    sheets = [(title, records) for title, (records, _) in trimmed]
    emptied = {title: empty for title, (_, empty) in trimmed}
    titled = [(title, _skip_title_block(records)) for title, records in sheets]
    sheets = [(title, records) for title, (records, _) in titled]
    skipped = sum(n for _, (_, n) in titled)
    filled = [(title, records) for title, records in sheets if len(records) > 1]
    if not filled:
        raise InputFileError("no sheet of the workbook has a header and data rows")
    # The sheet with the most rows is the data; sheets with the same header continue it.
    _, main = max(filled, key=lambda s: len(s[1]))
    header = _header(main[0][1], main[1][1])
    chosen = [(t, r) for t, r in filled if _header(r[0][1], r[1][1]) == header]
    table = Table(header, [], [])
    footer = 0
    for _title, records in chosen:
        # a formatted report's footer ("Total (96)", "Confidential Information", the copyright line), as in a CSV
        body, cut = _split_footer(records[1:], len(header))
        footer += cut
        table.rows += [(row + [""] * len(header))[: len(header)] for _, row in body]
        table.row_numbers += [n for n, _ in body]
    _say_what_was_cut(table, skipped, footer, emptied[chosen[0][0]])
    ignored = [title for title, _ in sheets if title not in {t for t, _ in chosen}]
    read = ", ".join(f"'{t}'" for t, _ in chosen)
    if ignored:
        table.notes.append(
            f"read sheet(s) {read}; ignored sheet(s) {', '.join(repr(t) for t in ignored)} "
            "(different columns or empty): save a sheet as its own CSV to read it"
        )
    return table


def _sheet_records(sheet: Any) -> list[tuple[int, list[str]]]:
    return [
        (number, ["" if v is None else str(v).strip() for v in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
        if any(v not in (None, "") for v in values)
    ]


def _header(row: list[str], below: list[str]) -> list[str]:
    """The header row without trailing blank cells (kept where the row below has a label, as SurveyMonkey's)."""
    header = list(row)
    while header and not header[-1] and not (len(header) <= len(below) and below[len(header) - 1]):
        header.pop()
    return header


def _is_row_index(table: Table) -> bool:
    values = [row[0] for row in table.rows]
    return all(v.isdigit() for v in values) and len(set(values)) == len(values)


def _check(table: Table) -> Table:
    folded = fold_header_rows(table.header, table.rows)
    if folded is not None:
        table.header, drop, table.hints, table.vendor = folded
        table.rows, table.row_numbers = table.rows[drop:], table.row_numbers[drop:]
        table.notes.append(f"{table.vendor}: {drop + 1} header rows folded into one")
    if len(table.header) > 1 and not table.header[0] and all(table.header[1:]) and _is_row_index(table):
        table.header[0] = "(row index)"
        table.notes.append(
            "the unnamed first column is a row index (as pandas writes it): read as '(row index)'"
        )
    if not table.rows:
        raise InputFileError("table has a header but no data rows")
    blank = [i + 1 for i, h in enumerate(table.header) if not h]
    if blank:
        raise InputFileError(f"header has empty column names (column {', '.join(map(str, blank))})")
    _name_repeated_columns(table)
    return table


def _name_repeated_columns(table: Table) -> None:
    """Give each column a header names more than once a name of its own, and say so. Typeform heads the write-in
    of every question with an "Other" option just "Other" (qa236: a 73-respondent export was refused): the one
    right after a question is that question's ("What's your role? - Other", as SurveyMonkey names it); any other
    is told by its column ("Other (column 17)"). Nothing is dropped."""
    counts: dict[str, int] = {}
    for name in table.header:
        counts[name] = counts.get(name, 0) + 1
    repeated = {name for name, n in counts.items() if n > 1}
    if not repeated:
        return
    taken = set(table.header)
    renamed: dict[str, list[str]] = {}
    for index, name in enumerate(table.header):
        if name not in repeated:
            continue
        before = table.header[index - 1] if index else ""
        of_the_question = before.rstrip().endswith("?")
        new = f"{before} - {name}" if of_the_question else f"{name} (column {index + 1})"
        while new in taken:
            new = f"{new} (column {index + 1})"
        taken.add(new)
        if of_the_question and re.match(r"\s*other\b", name, re.IGNORECASE):
            table.hints[new] = "other"  # a write-in, typed by its answers as SurveyMonkey's is
        table.header[index] = new
        renamed.setdefault(name, []).append(new)
    for name, names in renamed.items():
        table.notes.append(
            f"the header names column {name!r} {len(names)} times: read as " + ", ".join(map(repr, names))
        )
