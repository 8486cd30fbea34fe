"""Reading CSV, TSV and XLSX tables into header and rows, with clear errors for malformed files."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputFileError
from .files import decode_text


@dataclass
class Table:
    """A table's header and rows; ``row_numbers`` are the rows' line numbers in the file (header = 1)."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]

    def column(self, name: str) -> list[str]:
        """Every row's value in one column."""
        index = self.header.index(name)
        return [row[index] for row in self.rows]


def read_table(path: Path, data: bytes, *, encoding: str | None = None) -> Table:
    """Read a CSV/TSV (delimiter sniffed) or the first sheet of an XLSX workbook."""
    if path.suffix.lower() == ".xlsx":
        return _check(_read_xlsx(data))
    return _check(_read_delimited(decode_text(data, encoding=encoding), tab=path.suffix.lower() == ".tsv"))


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
    (_, header), body = records[0], records[1:]
    for line, row in body:
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            raise InputFileError(
                f"malformed CSV at line {line}: {len(row)} fields but the header has {len(header)}"
            )
    width = len(header)
    rows = [(row + [""] * width)[:width] for _, row in body]
    return Table([h.strip() for h in header], [[c.strip() for c in r] for r in rows], [n for n, _ in body])


def _sniff_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as ex:  # openpyxl raises zipfile, KeyError and XML errors for broken files
        raise InputFileError(f"not a valid .xlsx workbook ({type(ex).__name__}: {ex})") from ex
    sheet = workbook.worksheets[0]
    records = [
        (number, ["" if v is None else str(v).strip() for v in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
        if any(v not in (None, "") for v in values)
    ]
    workbook.close()
    if not records:
        raise InputFileError("workbook's first sheet has no rows")
    (_, header), body = records[0], records[1:]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    return Table(header, [(row + [""] * width)[:width] for _, row in body], [n for n, _ in body])


def _check(table: Table) -> Table:
    if not table.rows:
        raise InputFileError("table has a header but no data rows")
    blank = [i + 1 for i, h in enumerate(table.header) if not h]
    if blank:
        raise InputFileError(f"header has empty column names (column {', '.join(map(str, blank))})")
    seen: set[str] = set()
    for name in table.header:
        if name in seen:
            raise InputFileError(f"header names column {name!r} twice")
        seen.add(name)
    return table
