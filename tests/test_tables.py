"""Surveys and CRM exports: column detection, tolerant headers, values, and malformed tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_assist.errors import InputFileError
from icp_assist.ingest.accounts import parse_amount, read_accounts
from icp_assist.ingest.surveys import SurveyColumns, open_columns, read_survey
from icp_assist.ingest.tables import read_table

SURVEY = """respondent_id,company_size,role,nps,What made you start looking?,Anything else?
R1,200-999,Controller,9,"We were keying every invoice by hand, and close took two weeks",n/a
R2,50-199,AP Specialist,6,approvals got stuck in the CFO's inbox for days at a time,Price was high
R3,1000-4999,CFO,10,Our auditors found duplicate payments last year,
"""


def table(text: str, name: str = "t.csv"):
    return read_table(Path(name), text.encode())


def test_open_and_closed_columns_are_told_apart():
    survey = table(SURVEY)
    # a short answer to a question header is still an open answer (issue 12: short-answer fields)
    assert open_columns(survey) == ["What made you start looking?", "Anything else?"]
    docs = read_survey(
        Path("s.csv"), survey, choice=SurveyColumns(open=["What made you start looking?", "Anything else?"])
    )
    assert [d.metadata["respondent"] for d in docs] == ["R1", "R2", "R3"]
    assert docs[0].metadata["role"] == "Controller" and docs[0].metadata["nps"] == "9"
    answers = [[d.turn_text(t) for t in d.turns] for d in docs]
    assert answers[1] == ["approvals got stuck in the CFO's inbox for days at a time", "Price was high"]
    assert answers[0] == [
        "We were keying every invoice by hand, and close took two weeks"
    ]  # 'n/a' is no answer
    assert docs[1].turns[1].question == "Anything else?"


def test_override_and_unknown_column():
    survey = table(SURVEY)
    closed = SurveyColumns(closed=["What made you start looking?", "Anything else?"])
    assert open_columns(survey, choice=closed) == []
    with pytest.raises(InputFileError, match="no column named 'Nope'"):
        open_columns(survey, choice=SurveyColumns(open=["Nope"]))


def test_survey_without_text_column_is_refused():
    with pytest.raises(InputFileError, match="no open-ended text column"):
        read_survey(Path("s.csv"), table("id,size,nps\n1,50-199,9\n2,5000+,3\n"))


def test_repeated_respondent_ids_keep_both_answers():
    docs = read_survey(
        Path("s.csv"),
        table('id,Why did you buy?\n7,"we needed approvals routed"\n7,"audit prep was painful"\n'),
    )
    assert len(docs) == 2 and len({d.doc_id for d in docs}) == 2


def test_semicolon_delimited_and_xlsx(tmp_path: Path):
    from openpyxl import Workbook

    assert table("a;b\n1;two words here and more\n").header == ["a", "b"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "Why did you buy?"])
    sheet.append([1, "the old process lost invoices every month"])
    workbook.save(tmp_path / "s.xlsx")
    xlsx = read_table(tmp_path / "s.xlsx", (tmp_path / "s.xlsx").read_bytes())
    assert xlsx.rows == [["1", "the old process lost invoices every month"]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('a,b\n1,"unterminated\n', "malformed CSV"),
        ("a,b\n1,2,3\n", "malformed CSV at line 2: 3 fields but the header has 2"),
        ("a,b\n", "no data rows"),
        ("a,,c\n1,2,3\n", "empty column names"),
    ],
)
def test_malformed_tables(text: str, message: str):
    with pytest.raises(InputFileError, match=message):
        table(text)


@pytest.mark.parametrize(
    "header", ["Employees", "employee_count", "Company size", "Number of Employees (FTE)"]
)
def test_employee_headers_are_recognised(header: str):
    accounts, _ = read_accounts(table(f'Account ID,Stage,{header}\nA1,Closed Won,"1,200"\n'))
    assert accounts[0].employees == 1200


def test_account_fields_outcomes_amounts_and_extras():
    crm = table(
        "Account ID,Account Name,Industry,Stage,Annual Revenue (USD),Tech Stack,LTV,Sales Cycle (days),Owner,Employees\n"
        'A1,Acme,SaaS,Closed Won,$12.5M,NetSuite; Salesforce,"84,000",45,Jo,200-999\n'
        "A2,Beta,Retail,Churned,900k,QuickBooks Online,12000,20,Al,40\n"
        "A3,Gamma,Health,Closed Lost,,SAP,,180,Al,9000\n"
        "A4,Delta,Health,Maybe later,,,,,Al,10\n"
    )
    accounts, warnings = read_accounts(crm)
    a1, a2, a3, a4 = accounts
    assert (a1.outcome, a2.outcome, a3.outcome, a4.outcome) == ("won", "churned", "lost", None)
    assert a1.revenue == 12_500_000 and a2.revenue == 900_000 and a1.ltv == 84_000
    assert a1.tech_stack == ["NetSuite", "Salesforce"] and a1.sales_cycle_days == 45
    assert (
        a1.extra == {"Owner": "Jo", "Employees": "200-999"} and a1.employees is None
    )  # a band is not a count
    assert any("not recognised (kept as unknown): Maybe later (1)" in w for w in warnings)


def test_explicit_mapping_and_missing_id():
    crm = table("Client,Head count,Result\nA1,55,won\n")
    (by_line,), notes = read_accounts(crm, source="crm")
    assert by_line.account_id == "crm:2" and any("each row is one account" in n for n in notes)
    accounts, _ = read_accounts(crm, explicit={"account_id": "Client", "employees": "Head count"})
    assert accounts[0].account_id == "A1" and accounts[0].employees == 55 and accounts[0].outcome == "won"
    with pytest.raises(InputFileError, match="no such column"):
        read_accounts(crm, explicit={"employees": "Staff"})
    with pytest.raises(InputFileError, match="unknown field"):
        read_accounts(crm, explicit={"shoe_size": "Client"})


@pytest.mark.parametrize(
    ("text", "value"), [("1,200", 1200), ("$3.5m", 3.5e6), ("€40k", 40_000), ("n/a", None), ("", None)]
)
def test_amounts(text: str, value: float | None):
    assert parse_amount(text) == value


def test_salesforce_style_camel_case_headers():
    crm = table("Id,Name,NumberOfEmployees,AnnualRevenue,StageName\n001A,Acme,320,5000000,Closed Won\n")
    (account,) = read_accounts(crm)[0]
    assert (account.account_id, account.name, account.employees, account.revenue, account.outcome) == (
        "001A", "Acme", 320, 5_000_000, "won",
    )  # fmt: skip


def test_columns_a_header_names_twice_are_named_apart_and_said_so():
    # Typeform heads every question's write-in "Other" (qa236: a 73-respondent export was refused outright)
    found = table("What's your role?,Other,Quore,Other,Notes\nGM,,Quore,,x\n,Rooms manager,,Paper,y\n")
    assert found.header == [
        "What's your role?",
        "What's your role? - Other",
        "Quore",
        "Other (column 4)",
        "Notes",
    ]
    assert found.rows[1] == ["", "Rooms manager", "", "Paper", "y"]
    assert any("'Other' 2 times" in note for note in found.notes)
    assert table("a,a,a (column 2)\n1,2,3\n").header == [
        "a (column 1)",
        "a (column 2) (column 2)",
        "a (column 2)",
    ]


def test_one_name_written_two_ways_with_other_firmographics_is_said_to_be_maybe_two_companies():
    # qa230: "Sunflower Pawn Co. Inc" (3 stores, 21 employees, won) and "Sunflower Pawn Inc" (40 stores, 396
    # employees, lost to a rival) were rolled up into one won account, and the note said only "3 rows rolled up"
    crm = table(
        "Account Name,Opportunity Name,Stage,Employees,Close Date\n"
        "Sunflower Pawn Co. Inc,Sunflower - New,Closed Won,21,2025-01-10\n"
        "Sunflower Pawn Inc,Sunflower - New,Closed Lost,396,2025-03-02\n"
        '"Drake Irwin, LLP",Drake - New,Closed Lost,40,2025-02-01\n'
        "Drake Irwin LLP,Drake - Renewal,Closed Won,40,2025-06-01\n"
    )
    accounts, warnings = read_accounts(crm)
    assert len(accounts) == 2
    (said,) = [w for w in warnings if "read as one account" in w]
    assert "'Sunflower Pawn Co. Inc' and 'Sunflower Pawn Inc'" in said and "employees 21 / 396" in said
