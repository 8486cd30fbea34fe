"""CRM exports as Salesforce, HubSpot and Pipedrive write them: keys, roll-up, outcomes, columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_assist.errors import InputFileError
from icp_assist.ingest.accounts import is_accounts_table, read_crm
from icp_assist.ingest.linking import AccountIndex, account_key
from icp_assist.ingest.outcomes import parse_outcome_overrides
from icp_assist.ingest.surveys import open_columns
from icp_assist.ingest.tables import Table, read_table

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


def crm(name: str, **kwargs):
    table = read_table(EXPORTS / name, (EXPORTS / name).read_bytes())
    assert is_accounts_table(table, has_free_text=bool(open_columns(table)))
    return table, read_crm(table, source=Path(name).stem, **kwargs)


def by_name(read) -> dict[str, object]:
    return {a.name: a for a in read.accounts}


def test_salesforce_opportunity_report_rolls_up_to_accounts_by_name():
    table, read = crm("salesforce_opportunities.csv")
    assert "ignored 5 footer lines" in table.notes[0]
    accounts = by_name(read)
    assert {n: a.outcome for n, a in accounts.items()} == {
        "BrightPath Logistics, Inc.": "won",  # one won, one lost: won
        "Kestrel Foods Ltd": "lost",  # every deal lost
        "Orbit Dental GmbH": "won",
        "Marlow Analytics": None,  # only an open deal
    }
    brightpath = accounts["BrightPath Logistics, Inc."]
    assert (brightpath.deals, brightpath.won_amount, brightpath.sales_cycle_days) == (2, 48000, 61)
    assert (brightpath.region, brightpath.employees, brightpath.industry) == (
        "United States",
        640,
        "Transportation",
    )
    assert brightpath.extra == {"Lead Source": "Referral"}
    assert any("7 rows rolled up into 4 accounts" in n for n in read.notes)
    assert any("Closed Won → won (2)" in n and "--outcome" in n for n in read.notes)


def test_salesforce_account_report_reads_type_and_status_columns():
    _, read = crm("salesforce_accounts.csv")
    assert {n: a.outcome for n, a in by_name(read).items()} == {
        "BrightPath Logistics, Inc.": "active",
        "Kestrel Foods Ltd": None,  # a prospect
        "Orbit Dental GmbH": "churned",  # churn from the status column outranks the account type
    }
    # with two outcome columns the note says which wins ("Customer → active" beside "Churned → churned")
    assert any("where they disagree, an account is churned if any says so" in n for n in read.notes)


def test_salesforce_account_report_reads_the_last_opportunity_stage_beside_the_type():
    # An accounts report's 'Type' still says Prospect where the last opportunity was Closed Lost: lost.
    _, read = crm("salesforce_accounts_last_stage.csv")
    assert {n: a.outcome for n, a in by_name(read).items()} == {
        "BrightPath Logistics, Inc.": "won",
        "Kestrel Foods Ltd": "lost",  # a closed stage outranks the open type
        "Orbit Dental GmbH": "churned",
        "Marlow Analytics": None,  # still negotiating
        "Tarn Valley Mills": "lost",
    }
    (outcomes,) = [n for n in read.notes if n.startswith("outcomes from")]
    assert "'Type' + 'Last Opportunity Stage'" in outcomes
    assert "2 rows 'Type' called open were read by 'Last Opportunity Stage'" in outcomes
    assert not any("Last Opportunity Stage" in n for n in read.notes if n.startswith("kept as attributes"))
    assert [a.name for a in read.accounts if a.in_pipeline] == ["Marlow Analytics"]  # open, not unknown


def test_hubspot_companies_keep_web_technologies_and_country():
    _, read = crm("hubspot_companies.csv")
    first = read.accounts[0]
    assert (first.account_id, first.name, first.outcome) == ("9012345001", "Harborline Freight", "active")
    assert first.tech_stack == ["google_analytics", "hubspot", "shopify"] and first.region == "United States"
    assert [a.outcome for a in read.accounts] == ["active", None, None, None]
    assert any("not recognised (kept as unknown): Other (1)" in n for n in read.notes)


def test_a_lifecycle_value_another_column_decides_is_not_called_unknown(tmp_path: Path):
    # qa305: HubSpot's lifecycle "Other" beside an account status of "Churned" gave "not recognised (kept as unknown):
    # Other (13)" for 13 accounts whose outcome was read
    rows = ["Record ID,Company name,Lifecycle Stage,Account Status"]
    rows += [f"{n},Co {n},Other,Churned" for n in range(3)] + ["3,Co 3,Other,"]
    rows += [f"{n},Co {n},Customer,Active" for n in range(4, 9)]
    path = tmp_path / "companies.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = read_crm(read_table(path, path.read_bytes()))
    assert [a.outcome for a in read.accounts] == ["churned"] * 3 + [None] + ["active"] * 5
    assert any("not recognised (kept as unknown): Other (1);" in n for n in read.notes), read.notes


def test_a_region_column_of_one_value_yields_to_one_that_tells_accounts_apart(tmp_path: Path):
    # qa106: HubSpot's "Country/Region" was "United States" for every account; "State/Region" was never compared
    rows = ["Record ID,Company name,Country/Region,State/Region,Lifecycle Stage"]
    rows += [f"{n},Co {n},United States,{state},Customer" for n, state in enumerate(["CA", "TX", "CA", "OR"])]
    path = tmp_path / "companies.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = read_crm(read_table(path, path.read_bytes()))
    assert [a.region for a in read.accounts] == ["California", "Texas", "California", "Oregon"]
    # qa305: a country column of two values (59 in the United States, 5 in Canada) yields to the states within them
    rows = ["Record ID,Company name,Country/Region,State/Region,Lifecycle Stage"]
    places = [
        ("United States", "WI"),
        ("United States", "MN"),
        ("Canada", "Ontario"),
        ("United States", "GA"),
    ]
    rows += [f"{n},Co {n},{country},{state},Customer" for n, (country, state) in enumerate(places)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = read_crm(read_table(path, path.read_bytes()))
    assert [a.region for a in read.accounts] == ["Wisconsin", "Minnesota", "Ontario", "Georgia"]
    # a country that varies stays the region
    _, read = crm("hubspot_companies.csv")
    assert read.accounts[0].region == "United States"
    # qa251: Pipedrive's address parts, under the organization's prefix
    rows = [
        "Organization - ID,Organization - Name,Organization - Address - State/County,Organization - Address - Country"
    ]
    rows += [f"{n},Barn {n},{state},United States" for n, state in enumerate(["KY", "TX", "KY", "VA"])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = read_crm(read_table(path, path.read_bytes()))
    assert [a.region for a in read.accounts] == ["Kentucky", "Texas", "Kentucky", "Virginia"]


def test_an_accounts_recorded_fields_are_its_last_deals(tmp_path: Path):
    # qa262: Keel Yoga's two lost deals, 2023 "No decision / went dark" and 2024 "Chose competitor - Momence (price)":
    # the account kept the 2024 close date and the 2023 reason
    rows = ["Deal Name,Associated Company,Deal Stage,Close Date,Closed Lost Reason"]
    rows += [
        "Keel renewal,Keel Yoga,Closed Lost,2024-01-01,Chose competitor - Momence (price)",
        "Keel first,Keel Yoga,Closed Lost,2023-06-15,No decision / went dark",
        "Fern 1,Fern Strength,Closed Lost,2023-02-01,Price",
        "Fern 2,Fern Strength,Closed Lost,2023-03-01,Price",
        "Fern 3,Fern Strength,Closed Lost,2024-05-01,Chose competitor - Momence (price)",
    ]
    path = tmp_path / "deals.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    accounts = {a.name: a for a in read_crm(read_table(path, path.read_bytes())).accounts}
    assert accounts["Keel Yoga"].extra["Closed Lost Reason"] == "Chose competitor - Momence (price)"
    assert accounts["Fern Strength"].extra["Closed Lost Reason"] == "Chose competitor - Momence (price)"


def test_an_opportunity_history_report_counts_each_deal_once(tmp_path: Path):
    # qa245: Salesforce's opportunity history repeats a deal on a row per stage change: Ironclad's 3 opportunities
    # were 13 deals worth $267,900
    rows = ["Account Name,Opportunity ID,Stage,Amount,Close Date,From Stage,To Stage"]
    rows += [
        f"Ironclad,006A,Closed Won,20000,1/5/2024,{a},{b}"
        for a, b in [("", "Prospecting"), ("Prospecting", "Closed Won")]
    ]
    rows += [
        f"Ironclad,006B,Closed Won,5000,3/5/2025,{a},{b}"
        for a, b in [("", "Pilot"), ("Pilot", "Proposal"), ("Proposal", "Closed Won")]
    ]
    rows += ["Keystone,006C,Closed Lost,9000,2/2/2025,,Closed Lost"]
    path = tmp_path / "history.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    accounts = {a.name: a for a in read_crm(read_table(path, path.read_bytes())).accounts}
    assert (accounts["Ironclad"].deals, accounts["Ironclad"].won_amount) == (2, 25000.0)
    assert accounts["Keystone"].outcome == "lost"


def test_a_state_written_by_its_code_and_by_its_name_is_one_region(tmp_path: Path):
    # qa241: HubSpot's hand-typed "State/Region" held "TX" (6) and "Texas" (2), counted apart: no region signal
    rows = ["Record ID,Company name,State/Region,Lifecycle Stage"]
    rows += [
        f"{n},Co {n},{state},Customer"
        for n, state in enumerate(["TX", "Texas", " tx", "AZ", "Arizona", "Ontario"])
    ]
    path = tmp_path / "companies.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = read_crm(read_table(path, path.read_bytes()))
    assert [a.region for a in read.accounts] == ["Texas", "Texas", "Texas", "Arizona", "Arizona", "Ontario"]
    assert any(
        "states read by their names, 'AZ' as 'Arizona', 'TX' as 'Texas', 'tx' as 'Texas'" in n
        for n in read.notes
    )
    # a column of countries, sales regions or cities is no column of states: "CA" there may be Canada
    for places in (["US", "CA", "UK", "DE", "IN"], ["West", "East", "CA", "Central"]):
        rows = ["Record ID,Company name,Region,Lifecycle Stage"]
        rows += [f"{n},Co {n},{place},Customer" for n, place in enumerate(places)]
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        assert [a.region for a in read_crm(read_table(path, path.read_bytes())).accounts] == places


def test_a_column_of_states_beside_the_region_is_one_value_a_state(tmp_path: Path):
    # qa268: HubSpot's "Country/Region" was the region and its "State/Region" a column of its own, "CA" (6 accounts)
    # and "California" (4) two values: a +11.9 rule for "CA" and nothing for "California"
    rows = ["Record ID,Company name,Country/Region,State/Region,Venue type,Lifecycle Stage"]
    rows += [
        f"{n},Co {n},{['United States', 'Canada'][n % 2]},{state},{kind},Customer"
        for n, (state, kind) in enumerate([("CA", "Escape"), ("California", "Arcade"), ("TN", "Escape"),
                                           ("Tennessee", "Escape"), ("ca", "Arcade")])
    ]  # fmt: skip
    path = tmp_path / "companies.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = read_crm(read_table(path, path.read_bytes()))
    assert [a.extra["State/Region"] for a in read.accounts] == [
        "California", "California", "Tennessee", "Tennessee", "California"
    ]  # fmt: skip
    assert [a.region for a in read.accounts] == ["United States", "Canada"] * 2 + ["United States"]
    assert any(
        n.startswith("'State/Region': states read by their names, 'CA' as 'California'") for n in read.notes
    )


def test_a_count_of_locations_is_no_region(tmp_path: Path):
    # qa170: Pipedrive's "Organization - Locations" (1 to 4 sites) was the region, and "region 3, 2 or 4" the ICP
    rows = ["Organization - Name,Organization - Locations,Deal - Status"]
    rows += [f"School {n},{sites},Won" for n, sites in enumerate([1, 3, 2, 1])]
    path = tmp_path / "deals.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = read_crm(read_table(path, path.read_bytes()))
    assert [a.region for a in read.accounts] == [None] * 4
    assert [a.extra.get("Organization - Locations") for a in read.accounts] == ["1", "3", "2", "1"]


def test_the_systems_a_company_runs_on_outrank_what_its_website_runs():
    # qa38: HubSpot's "Web Technologies" (Google Analytics, WordPress) was the tech stack, and "ERP / AP System",
    # where SAP S/4HANA won 9 of 9, a plain attribute; qa37: a carrier's "TMS" was not read as tech stack
    from icp_assist.ingest.columns import ACCOUNT_FIELDS, match_columns

    header = ["Record ID", "Company name", "Web Technologies", "ERP / AP System"]
    assert match_columns(header, ACCOUNT_FIELDS)["tech_stack"] == "ERP / AP System"
    assert match_columns(["Account Name", "TMS"], ACCOUNT_FIELDS)["tech_stack"] == "TMS"
    # qa303: a credit union's "Core Processor"
    assert match_columns(["Company name", "Core Processor"], ACCOUNT_FIELDS)["tech_stack"] == "Core Processor"
    assert match_columns(header[:3], ACCOUNT_FIELDS)["tech_stack"] == "Web Technologies"
    # qa60: a deals export's "Company Industry" and a data team's "Data Warehouse"
    found = match_columns(["Associated Company", "Company Industry", "Data Warehouse"], ACCOUNT_FIELDS)
    assert found["industry"] == "Company Industry" and found["tech_stack"] == "Data Warehouse"
    # qa68: the system a market runs on, named by what it manages
    found = match_columns(
        ["Organization - Name", "Organization - Pharmacy management system"], ACCOUNT_FIELDS
    )
    assert found["tech_stack"] == "Organization - Pharmacy management system"
    # qa129: a HubSpot custom property naming the system growers run, before what a scan of the website found
    found = match_columns(
        ["Record ID", "Company name", "Web Technologies", "Climate Control System"], ACCOUNT_FIELDS
    )
    assert found["tech_stack"] == "Climate Control System"
    explicit = {"tech_stack": "Web Technologies"}
    assert (
        match_columns(
            ["Company name", "Web Technologies", "Climate Control System"], ACCOUNT_FIELDS, explicit=explicit
        )["tech_stack"]
        == "Web Technologies"
    )
    # qa122: Pipedrive's "Organization - Country of Address" is the account's country, a market, not a street address
    from icp_assist.analyze.signals import reached_us_or_address

    found = match_columns(["Deal - Organization", "Organization - Country of Address"], ACCOUNT_FIELDS)
    assert found["region"] == "Organization - Country of Address"
    assert not reached_us_or_address("Organization - Country of Address")
    assert reached_us_or_address("Organization - City/town/village/locality of Address")
    # ... and in its newer wording (qa235: "Organization - Address - State/county" was a street address)
    found = match_columns(
        ["Deal - Organization", "Organization - Address", "Organization - Address - City/town/village/locality",
         "Organization - Address - State/county"], ACCOUNT_FIELDS,
    )  # fmt: skip
    assert found["region"] == "Organization - Address - State/county"
    # qa116: a subcontractor's trade is its industry
    found = match_columns(["Deal - Organization", "Organization - Trade"], ACCOUNT_FIELDS)
    assert found["industry"] == "Organization - Trade"
    # qa212: HubSpot's custom "Center Type" (test prep, music) is the account's industry; "Company type" is not
    found = match_columns(["Deal Name", "Associated Company", "Center Type", "Company type"], ACCOUNT_FIELDS)
    assert found["industry"] == "Center Type"
    assert "industry" not in match_columns(["Deal Name", "Company type"], ACCOUNT_FIELDS)


def test_hubspot_deals_record_id_is_the_deal_and_company_is_the_key():
    _, read = crm("hubspot_deals.csv")
    accounts = by_name(read)
    assert {n: (a.outcome, a.deals) for n, a in accounts.items()} == {
        "Harborline Freight": ("won", 2),
        "Verdant Clinics": ("lost", 1),
        "Nimbus Tooling GmbH": ("won", 2),
    }
    assert accounts["Nimbus Tooling GmbH"].sales_cycle_days == 146


def test_pipedrive_deal_status_outranks_its_stage():
    _, read = crm("pipedrive_deals.csv")
    assert {n: a.outcome for n, a in by_name(read).items()} == {
        "Tallis Print": "won",
        "Greenway Farms": "lost",
        "Sundial Optics": "won",
    }
    assert by_name(read)["Greenway Farms"].extra["Deal - Lost reason"] == "Price too high"


def test_semicolon_export_with_decimal_commas_region_and_erp():
    table, read = crm("crm_semicolon.csv")
    assert table.decimal_comma
    accounts = by_name(read)
    assert [accounts[n].revenue for n in accounts] == [3.5, 12.25, 0.8, 1250.5]
    assert {n: a.outcome for n, a in accounts.items()} == {
        "BrightPath Logistics": "active", "Kestrel Foods": "churned", "Orbit Dental": "lost",
        "Marlow Analytics": "active",
    }  # fmt: skip
    assert accounts["Kestrel Foods"].region == "UK&I"
    assert accounts["Kestrel Foods"].tech_stack == ["Microsoft Dynamics 365"]


def test_comma_separated_file_keeps_thousands_commas():
    table = read_table(Path("a.csv"), b'Account ID,Stage,Revenue\nA1,Closed Won,"1,200"\n')
    assert not table.decimal_comma and read_crm(table).accounts[0].revenue == 1200


def test_outcome_override_changes_the_mapping():
    overrides = parse_outcome_overrides(["Renewed=churned", "Other=active"])
    _, read = crm("crm_semicolon.csv", overrides=overrides)
    assert by_name(read)["Marlow Analytics"].outcome == "churned"
    with pytest.raises(InputFileError, match="--outcome expects"):
        parse_outcome_overrides(["Renewed=maybe"])


def test_opportunity_rows_without_any_account_column_are_one_account_each():
    table = Table(["Product", "Up_sale", "Status"], [["A", "Yes", "Won"], ["A", "No", "Lost"]], [2, 3])
    assert is_accounts_table(table, has_free_text=False)
    read = read_crm(table, source="deals")
    assert [(a.account_id, a.outcome, a.extra) for a in read.accounts] == [
        ("deals:2", "won", {"Product": "A", "Up_sale": "Yes"}),
        ("deals:3", "lost", {"Product": "A", "Up_sale": "No"}),
    ]


def test_a_survey_status_column_is_not_an_outcome():
    table = Table(
        ["ResponseId", "Status", "What slowed you down?"],
        [
            ["R_1", "IP Address", "Approvals took weeks to come back"],
            ["R_2", "IP Address", "The import kept failing"],
        ],
        [4, 5],
    )
    assert not is_accounts_table(table, has_free_text=True)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("BrightPath Logistics, Inc.", "brightpath logistics"),
        ("Orbit Dental GmbH", "ORBIT DENTAL"),
        ("Kestrel Foods Ltd.", "Kestrel Foods"),
        ("The Quill & Co LLC", "quill and co"),
        # qa238: a practice's professional-corporation suffix, with stops or without
        ("Old Mill Eye Associates PC", "Old Mill Eye Associates"),
        ("Old Mill Eye Associates, P.C.", "old mill eye associates"),
        ("Lakeside Dermatology, PLLC", "Lakeside Dermatology"),
    ],
)
def test_account_names_match_across_case_punctuation_and_legal_suffixes(a: str, b: str):
    assert account_key(a) == account_key(b)


def test_account_index_finds_by_id_then_name():
    _, read = crm("salesforce_accounts.csv")
    index = AccountIndex(read.accounts)
    assert index.find("orbit dental") == "Orbit Dental GmbH"
    assert index.find("BrightPath Logistics, Inc.") == "BrightPath Logistics, Inc."
    assert index.find("Unknown Co") is None


def test_xlsx_reads_the_data_sheets_and_names_the_ones_it_ignored(tmp_path: Path):
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Report", "Q1 pipeline"])
    summary.append(["Owner", "Dana"])
    first = book.create_sheet("Accounts")
    second = book.create_sheet("More accounts")
    for sheet, rows in (
        (first, [["A1", "Closed Won"], ["A2", "Closed Lost"], ["A3", "Churned"]]),
        (second, [["A4", "Closed Won"]]),
    ):
        sheet.append(["Account ID", "Stage"])
        for row in rows:
            sheet.append(row)
    book.create_sheet("Notes")
    book.save(tmp_path / "crm.xlsx")
    table = read_table(tmp_path / "crm.xlsx", (tmp_path / "crm.xlsx").read_bytes())
    assert [row[0] for row in table.rows] == ["A1", "A2", "A3", "A4"]
    assert table.notes == [
        "read sheet(s) 'Accounts', 'More accounts'; ignored sheet(s) 'Summary', 'Notes' (different columns or "
        "empty): save a sheet as its own CSV to read it"
    ]


def test_nul_bytes_past_the_first_8_kb_of_a_csv_are_refused():
    data = b"Account ID,Stage\n" + b"A1,Closed Won\n" * 1000 + b"A2,\x00\x00\n"
    with pytest.raises(InputFileError, match="NUL byte"):
        read_table(Path("crm.csv"), data)


def test_cli_prints_the_outcome_mapping_once_and_takes_overrides(tmp_path: Path):
    from click.testing import CliRunner

    from icp_assist.cli import cli

    runner = CliRunner()
    path = EXPORTS / "crm_semicolon.csv"
    first = runner.invoke(cli, ["ingest", str(path)])
    assert first.exit_code == 0, first.output
    assert first.output.count("Renewed → active (1)") == 1 and "--outcome" in first.output
    again = runner.invoke(cli, ["ingest", str(path), "--outcome", "Renewed=churned"])
    assert again.exit_code == 0 and "Renewed → churned (1)" in again.output
    status = runner.invoke(cli, ["status", "--json"])
    assert '"churned": 2' in status.output
    bad = runner.invoke(cli, ["ingest", str(path), "--outcome", "Renewed"])
    assert bad.exit_code != 0 and "--outcome expects VALUE=won|lost|churned|active|open" in bad.output


def test_a_survey_naming_the_company_and_a_customer_type_stays_a_survey():
    table = Table(
        ["Company", "Type", "What nearly stopped you from buying?"],
        [
            ["Acme", "Customer", "The migration looked like months of work for our team"],
            ["Bolt", "Prospect", "We were not sure the approvals would fit our process"],
        ],
        [2, 3],
    )
    assert not is_accounts_table(table, has_free_text=bool(open_columns(table)))


def test_title_lines_above_the_header_of_a_formatted_report_are_skipped():
    text = (
        '"Closed opportunities FY26"\n"Filtered By: Stage equals Closed Won, Closed Lost"\n\n'
        '"Account Name","Opportunity Name","Stage","Amount"\n'
        '"Acme Ltd","Acme - platform","Closed Won","1000"\n"Bolt","Bolt - pilot","Closed Lost","500"\n'
    )
    table = read_table(Path("report.csv"), text.encode())
    assert table.header == ["Account Name", "Opportunity Name", "Stage", "Amount"]
    assert table.notes == ["ignored 2 title lines before the header (report name, filters)"]
    assert [a.outcome for a in read_crm(table).accounts] == ["won", "lost"]


def test_an_opportunity_report_with_free_text_columns_is_a_crm_export_not_a_survey():
    # 'Opportunity Name', 'Loss Reason' and 'Next Step' read as free text, but owner, stage, amount,
    # probability and close date are a CRM's columns: it was ingested as a survey of 8 respondents
    table, read = crm("salesforce_opportunities_renewals.csv")
    assert {"Loss Reason", "Next Step"} <= set(open_columns(table))
    assert len(read.accounts) == 5
    # the stage sets the probability (100 won, 0 lost): as an attribute it would restate the outcome
    assert not any("Probability (%)" in a.extra for a in read.accounts)
    assert "ignored (set by the stage, so they would restate the outcome): Probability (%)" in read.notes


def test_a_table_with_crm_columns_and_survey_questions_says_it_is_ambiguous():
    table = Table(
        ["Account Name", "Stage", "Amount", "Close Date", "Opportunity Owner", "Why did they choose us?"],
        [
            [
                "Acme",
                "Closed Won",
                "1000",
                "3/1/2026",
                "Dana Reyes",
                "The approvals flow fit our finance team",
            ],
            ["Bolt", "Closed Lost", "500", "4/2/2026", "Sam Okoro", "They wanted a cheaper plan for a pilot"],
        ],
        [2, 3],
    )
    notes: list[str] = []
    assert is_accounts_table(table, has_free_text=True, notes=notes)
    assert "ambiguous" in notes[0] and "--kind survey" in notes[0]


def test_a_lost_renewal_after_a_win_is_churn_and_a_lost_add_on_is_not():
    _, read = crm("salesforce_opportunities_renewals.csv")
    assert {n: a.outcome for n, a in by_name(read).items()} == {
        "Alder Clinics": "churned",  # renewal Closed Lost, 'Churn - Low usage ...'
        "Birchway Pay": "won",  # renewed, then an add-on lost: still a customer
        "Cobalt Freight": "lost",
        "Dunmore Labs": "churned",  # renewal lost: acquired, no churn word in the reason
        "Elmstead Media": None,  # only an open deal
    }
    assert any("by what happened last, in close-date order" in n for n in read.notes)
    assert any("2 lost deals read as churned" in n for n in read.notes)


def test_a_lost_deal_in_a_pipeline_of_renewals_is_churn(tmp_path: Path):
    # qa243: Pipedrive run with a "Renewals" pipeline; its lost deals (17 parks that left) were read as lost sales,
    # and the parks as won
    rows = [
        '"Deal - ID","Deal - Organization","Deal - Pipeline","Deal - Stage","Deal - Status","Deal - Won time","Deal - Lost time"'
    ]
    rows += ['"1","Sandhill","New business","Contract sent","won","2024-12-01",""',
             '"2","Sandhill","Renewals","Renewal quote sent","lost","","2025-12-06"',
             '"3","Willow","New business","Contract sent","won","2024-03-01",""',
             '"4","Willow","Renewals","Renewed","won","2025-04-21",""',
             '"5","Oak","New business","Demo done","lost","","2025-01-02"']  # fmt: skip
    path = tmp_path / "deals.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = read_crm(read_table(path, path.read_bytes()))
    assert {a.name: a.outcome for a in read.accounts} == {
        "Sandhill": "churned",
        "Willow": "won",
        "Oak": "lost",
    }
    assert any(
        "1 lost deals read as churned (a customer leaving): 'Deal - Pipeline' is a renewal" in n
        for n in read.notes
    )


def test_a_win_back_after_churn_is_won():
    table = Table(
        ["Account Name", "Opportunity Name", "Type", "Stage", "Close Date"],
        [
            ["Acme", "Acme - Win back", "New Business", "Closed Won", "6/1/2026"],
            ["Acme", "Acme - Platform", "New Business", "Closed Won", "1/5/2024"],
            ["Acme", "Acme - Renewal", "Renewal", "Closed Lost", "1/5/2025"],
        ],
        [2, 3, 4],
    )
    assert [a.outcome for a in read_crm(table).accounts] == ["won"]


def test_a_pipedrive_deals_export_with_written_lost_reasons_is_a_crm_export():
    table = Table(
        ["Deal - Title", "Deal - Organization", "Deal - Value", "Deal - Status", "Deal - Lost reason", "Deal - Owner"],
        [
            ["Tallis Print deal", "Tallis Print", "14500", "won", "", "Mia Kovač"],
            ["Greenway deal", "Greenway Farms", "9000", "lost", "Price was too high next to their current vendor", "Mia Kovač"],
            ["Sundial deal", "Sundial Optics", "7000", "lost", "They postponed the project to the next budget year", "Jon Ek"],
        ],
        [2, 3, 4],
    )  # fmt: skip
    assert open_columns(table) == ["Deal - Lost reason"]
    assert is_accounts_table(table, has_free_text=True)


def test_a_new_deal_lost_over_cancellation_terms_is_lost_not_churned():
    table = Table(
        ["Account Name", "Opportunity Name", "Type", "Stage", "Close Date", "Loss Reason"],
        [
            [
                "Acme",
                "Acme - Platform",
                "New Business",
                "Closed Lost",
                "3/1/2026",
                "Cancellation terms too strict",
            ],
            ["Bolt", "Bolt - Platform", "New Business", "Closed Won", "1/5/2025", ""],
            [
                "Bolt",
                "Bolt - Year 2",
                "Existing Business",
                "Closed Lost",
                "1/5/2026",
                "Did not renew: budget cut",
            ],
        ],
        [2, 3, 4],
    )
    assert [a.outcome for a in read_crm(table).accounts] == ["lost", "churned"]


def test_pipedrive_object_prefixes_are_matched_to_the_account_fields():
    _, read = crm("pipedrive_deals_organization_fields.csv")
    sundial = by_name(read)["Sundial Optics"]
    assert (sundial.employees, sundial.industry, sundial.region) == (310, "Manufacturing", "Austria")
    assert sundial.tech_stack == ["SAP S/4HANA"]
    assert "Person - Name" in sundial.extra  # the contact's name is never the account's
    assert sundial.account_id == "Sundial Optics"


def test_a_renewal_status_column_is_an_outcome_source_like_customer_status():
    _, read = crm("pipedrive_deals_organization_fields.csv")
    assert {n: a.outcome for n, a in by_name(read).items()} == {
        "Tallis Print": "won",
        "Greenway Farms": "lost",
        "Sundial Optics": "churned",  # won, then 'Deal - Renewal status' = Churned
        "Harbor Wines": "won",
    }
    assert "'Deal - Renewal status'" in read.notes[1]


def test_outcome_and_map_flags_that_change_nothing_say_so():
    _, read = crm(
        "pipedrive_deals_organization_fields.csv",
        explicit={"lifecycle": "Organization - Industry"},
        overrides=parse_outcome_overrides(["Head of Finance=churned", "Cancelled=churned"]),
    )
    warnings = " | ".join(read.warnings)
    assert "--map lifecycle='Organization - Industry' changed nothing" in warnings
    assert "--outcome 'head of finance=churned' changed nothing" in warnings
    assert (
        "'Person - Job title' holds it: read that column with --map lifecycle='Person - Job title'"
        in warnings
    )
    assert "--outcome 'cancelled=churned' changed nothing" in warnings


def test_a_mapped_lifecycle_column_is_read_whatever_its_header():
    _, read = crm(
        "pipedrive_deals_organization_fields.csv",
        explicit={"lifecycle": "Person - Job title"},
        overrides=parse_outcome_overrides(["Head of Finance=churned"]),
    )
    assert by_name(read)["Tallis Print"].outcome == "churned"
    assert not [w for w in read.warnings if "changed nothing" in w]


def test_a_leads_list_without_outcomes_is_a_warning_that_says_to_score_it():
    text = (
        "Company,Locations,Employees,ERP,Region,Contact email\n"
        "Brookfield Logistics,12,200,NetSuite,Southeast,ops@brookfield.example\n"
        "Two Rivers Freight,3,24,QuickBooks,Midwest,ap@tworivers.example\n"
    )
    table = read_table(Path("leads-q4.csv"), text.encode())
    assert is_accounts_table(table, has_free_text=bool(open_columns(table)))
    read = read_crm(table, source="leads-q4")
    (warning,) = read.warnings
    assert warning.startswith("no outcome column found: its 2 accounts have no outcome")
    assert "icp-assist score FILE" in warning and ".icpignore" in warning


@pytest.mark.parametrize("stage", ["Renewal lost", "Renewal - lost", "Lost at renewal", "Churned at renewal"])
def test_a_lost_renewal_stage_is_churned_without_a_flag(stage: str):
    header = "Record ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company\n"
    rows = f"1,A - new,Closed won,100,2026-01-05,Alder SD\n2,B - renewal,{stage},100,2026-02-05,Birch SD\n"
    table = read_table(Path("deals.csv"), (header + rows).encode())
    read = read_crm(table, source="deals")
    assert by_name(read)["Birch SD"].outcome == "churned"
    assert not any("not recognised" in n for n in read.notes)


@pytest.mark.parametrize("stage", ["Renewal won", "Renewal - won", "Won renewal"])
def test_a_won_renewal_stage_is_an_active_customer_without_a_flag(stage: str):
    # qa51: HubSpot's Renewals pipeline stage "Renewal won" was not recognised
    header = "Record ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company\n"
    rows = f"1,A - new,Closed won,100,2025-01-05,Alder SD\n2,A - renewal,{stage},100,2026-01-05,Alder SD\n"
    read = read_crm(read_table(Path("deals.csv"), (header + rows).encode()), source="deals")
    assert by_name(read)["Alder SD"].outcome == "active"
    assert not any("not recognised" in n for n in read.notes)


def test_a_single_grand_totals_line_under_an_accounts_report_is_no_account(tmp_path):
    # qa26: Salesforce's Accounts report ended in one '"Grand Totals (100 records)"' line, read as a 101st account
    from icp_assist.ingest.tables import read_table

    path = tmp_path / "accounts.csv"
    path.write_text(
        "Account ID,Account Name,Type,Industry\n001A1,Cove Hotels,Customer,Resort\n001A2,Elm Inns,Prospect,Resort\n\n"
        '"Grand Totals (2 records)"\n',
        encoding="utf-8",
    )
    table = read_table(path, path.read_bytes())
    assert [row[1] for row in table.rows] == ["Cove Hotels", "Elm Inns"]


def test_a_competitor_whose_name_holds_churn_is_no_churn():
    # qa27: "Went with ChurnZero" turned two lost deals into churned customers
    from icp_assist.ingest.outcomes import _CHURN_WORDS

    assert not _CHURN_WORDS.search("Went with ChurnZero")
    assert _CHURN_WORDS.search("Churn - low usage") and _CHURN_WORDS.search("Churned after the audit")


def test_pipedrives_add_time_is_when_the_deal_was_created():
    # qa33: "Deal - Add time" and "Deal - Won time" were in the deals export, and validate showed no sales cycle
    from icp_assist.ingest.accounts import read_crm
    from icp_assist.ingest.tables import read_table

    text = (
        "Deal - ID,Deal - Title,Deal - Organization,Deal - Status,Deal - Add time,Deal - Won time\n"
        "1,Acme deal,Acme,won,2025-01-01 10:00:00,2025-03-02 10:00:00\n"
        "2,Bolt deal,Bolt,lost,2025-02-01 10:00:00,\n"
    )
    read = read_crm(read_table(Path("deals.csv"), text.encode()))
    assert "created_date='Deal - Add time'" in " ".join(read.notes)
    assert {a.name: a.sales_cycle_days for a in read.accounts}["Acme"] == 60


def test_a_pipeline_s_own_stage_names_read_as_open():
    # qa106: "Security review" and "Demo completed", qa109: "In Pipeline" were "not recognised (kept as unknown)"
    from icp_assist.ingest.outcomes import term_of

    for stage in ("Security review", "Demo completed", "In Pipeline", "Pilot"):
        assert term_of(stage, "Deal Stage", {}) == "open", stage
    assert term_of("Lost - security review", "Deal Stage", {}) is None  # a closed word: not read as open
    assert term_of("Schedule demo", "Next Step", {}) is None  # not a stage column


def test_a_formatted_salesforce_xlsx_report_loses_its_footer_and_reads_its_last_close_date(tmp_path: Path):
    """qa151: 'Total (96)', 'Confidential Information…' and the copyright line under an .xlsx report were read as
    accounts without an id (three warnings on every ingest), and 'Last Close Date' gave no sales cycle."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in ("Accounts with Last Opportunity", "CrumbRoute, Inc.", "Filtered By:", None):
        sheet.append([line])
    sheet.append(
        ["Account Name", "Account ID", "Type", "Last Opportunity Stage", "Last Close Date", "Created Date"]
    )
    sheet.append(["Hearth & Crumb", "001A", "Customer", "Closed Won", "2023-07-29", "2023-04-03"])
    sheet.append(["Old Mill Bread", "001B", "Former Customer", "Closed Won", "2022-05-02", "2022-03-01"])
    sheet.append(["Northside Tortilla", "001C", "Prospect", "Closed Lost", "2024-01-10", "2023-11-20"])
    for line in (None, "Total (3)", None, "Confidential Information - Do Not Distribute",
                 "Copyright © 2000-2025 salesforce.com, inc. All rights reserved."):  # fmt: skip
        sheet.append([line])
    book.save(tmp_path / "report.xlsx")
    table = read_table(tmp_path / "report.xlsx", (tmp_path / "report.xlsx").read_bytes())
    assert [row[0] for row in table.rows] == ["Hearth & Crumb", "Old Mill Bread", "Northside Tortilla"]
    assert any("ignored 3 footer lines" in n for n in table.notes)
    read = read_crm(table, source="report")
    assert not [w for w in read.warnings if "row skipped" in w]
    assert by_name(read)["Hearth & Crumb"].sales_cycle_days == 117
    # qa223, qa229: a totals line beside the amounts it sums ("Grand Totals (109 records)", 5018500) is a footer too
    book = Workbook()
    sheet = book.active
    sheet.append(["Account Name", "Account ID", "Stage", "Amount", "Close Date"])
    sheet.append(["Hearth & Crumb", "001A", "Closed Won", 12000, "2023-07-29"])
    sheet.append(["Old Mill Bread", "001B", "Closed Lost", 8000, "2022-05-02"])
    for line in (["Grand Totals (2 records)", None, None, 20000], [None], ["Confidential Information"]):
        sheet.append(line)
    book.save(tmp_path / "totals.xlsx")
    table = read_table(tmp_path / "totals.xlsx", (tmp_path / "totals.xlsx").read_bytes())
    assert [row[0] for row in table.rows] == ["Hearth & Crumb", "Old Mill Bread"]
    assert not read_crm(table, source="totals").warnings
    # qa260: a formatted report with its column A blank in every row (title, header, rows and footer one column in)
    # was refused for "header has empty column names (column 1)"
    book = Workbook()
    sheet = book.active
    for line in (["Opportunities"], ["Filtered By:"], [None],
                 ["Opportunity Owner", "Account Name", "Account ID", "Stage", "Close Date"],
                 ["Brandon Lee", "Hearth & Crumb", "001A", "Closed Won", "2023-07-29"],
                 ["Nicole Tran", "Old Mill Bread", "001B", "Closed Lost", "2022-05-02"],
                 ["Total"], [None], ["Confidential Information - Do Not Distribute"]):  # fmt: skip
        sheet.append([None, *line])
    book.save(tmp_path / "margin.xlsx")
    table = read_table(tmp_path / "margin.xlsx", (tmp_path / "margin.xlsx").read_bytes())
    assert table.header[0] == "Opportunity Owner"
    assert [row[1] for row in table.rows] == ["Hearth & Crumb", "Old Mill Bread"]
    assert any("ignored column A, empty in every row" in n for n in table.notes)
    assert not read_crm(table, source="margin").warnings


def test_a_column_of_the_system_used_before_is_no_tech_stack(tmp_path: Path):
    # qa256: Pipedrive's "Organization - Booking system (before)" was read as the tech stack, so the booking tool
    # customers left was "a system they run" (no rival) and a scoring rule
    (tmp_path / "orgs.csv").write_text(
        "Organization - Name,Organization - ID,Deal - Status,Organization - Booking system (before)\n"
        "Bondi Surf Co,1,won,Rezdy\nRibeira Surf,2,lost,FareHarbor\nZurriola Waves,3,won,Paper\n",
        encoding="utf-8",
    )
    table = read_table(tmp_path / "orgs.csv", (tmp_path / "orgs.csv").read_bytes())
    read = read_crm(table, source="orgs")
    assert not any(a.tech_stack for a in read.accounts)
    assert "Rezdy" in by_name(read)["Bondi Surf Co"].extra.values()


def test_dates_written_day_first_are_read_so(tmp_path: Path):
    # qa255: a UK/European Salesforce report's "20/02/2024" was unread, so a lost renewal above its won first deal
    # did not come after it: 9 of 20 churned accounts were won, and sales cycles were wrong
    (tmp_path / "opps.csv").write_text(
        "Account Name,Opportunity Name,Type,Stage,Created Date,Close Date\n"
        "Camping Les Pins,Renewal 2024,Renewal,Closed Lost,02/01/2024,20/02/2024\n"
        "Camping Les Pins,New Business,New Business,Closed Won,05/01/2023,20/02/2023\n"
        "Porto Harbour,New Business,New Business,Closed Won,01/03/2023,15/04/2023\n",
        encoding="utf-8",
    )
    table = read_table(tmp_path / "opps.csv", (tmp_path / "opps.csv").read_bytes())
    read = read_crm(table, source="opps")
    accounts = by_name(read)
    assert accounts["Camping Les Pins"].outcome == "churned"
    assert accounts["Porto Harbour"].sales_cycle_days == 45
    assert any("written day first" in n for n in read.notes) and not read.warnings
    # both orders seen: read month first, and said
    (tmp_path / "mixed.csv").write_text(
        "Account Name,Stage,Close Date\nA,Closed Won,20/02/2024\nB,Closed Lost,02/20/2024\n", encoding="utf-8"
    )
    table = read_table(tmp_path / "mixed.csv", (tmp_path / "mixed.csv").read_bytes())
    assert any("both month first and day first" in w for w in read_crm(table, source="mixed").warnings)
