"""A CRM's companies export and its deals export describe the same accounts: joined by id, not counted twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import write

from icp_assist.ingest import ingest
from icp_assist.records import Account, joined
from icp_assist.store import Workspace

# HubSpot's two exports, as qa14 had them: companies keyed by 'Record ID', deals naming theirs in
# 'Associated Company IDs' (a deal with two companies lists both, its own first)
COMPANIES = (
    "Record ID,Company name,Industry,Number of Employees,Lifecycle Stage,Accounting Software\n"
    "18000320037,Harbor & Vine Hospitality,Hospitality,232,Customer,QuickBooks Online\n"
    "18000320683,Three Forks Taqueria Group,Food & Beverages,420,Customer,Restaurant365\n"
    "18000320999,Bluestem Kitchens,Restaurants,80,Opportunity,Xero\n"
)
DEALS = (
    "Record ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company,Associated Company IDs,Closed Lost Reason\n"
    "31000555063,Harbor & Vine - 8 locations,Closed won,18144,2024-05-03,Harbor & Vine Hospitality,18000320037,\n"
    "31000555432,Three Forks - 12 locations,Closed won,32976,2024-09-02,Three Forks Taqueria Group,18000320683,\n"
    "31000555999,Three Forks - renewal,Renewal lost,30000,2025-09-02,Three Forks Taqueria Group,"
    '"18000320683;18000320037",Went with R365\n'
)


def with_the_companies(tmp_path: Path, workspace, embedder, name: str, text: str):
    """Ingest COMPANIES beside another export of one CRM: (the ingest report, the accounts by id)."""
    folder = tmp_path / "crm"
    write(folder / "hubspot-crm-exports-all-companies.csv", COMPANIES)
    write(folder / name, text)
    report = ingest([folder], workspace=workspace, embedder=embedder)
    return report, {a.account_id: a for a in workspace.accounts()}


def test_a_companies_export_and_its_deals_export_are_one_set_of_accounts(tmp_path: Path, workspace, embedder):
    # qa14: the two files were read as 207 accounts (104 in truth); every firmographic of the companies file
    # scored "100% won/active", since only the deals file had outcomes
    report, accounts = with_the_companies(
        tmp_path, workspace, embedder, "hubspot-crm-exports-all-deals.csv", DEALS
    )
    assert set(accounts) == {"18000320037", "18000320683", "18000320999"}
    harbor, forks, bluestem = (accounts[i] for i in ("18000320037", "18000320683", "18000320999"))
    assert (harbor.outcome, harbor.industry, harbor.employees) == ("won", "Hospitality", 232)
    assert forks.outcome == "churned" and forks.tech_stack == ["Restaurant365"]
    assert forks.extra["Closed Lost Reason"] == "Went with R365" and forks.deals == 2
    assert (
        bluestem.outcome is None and bluestem.in_pipeline and bluestem.deals is None
    )  # the companies file: open
    assert workspace.status()["accounts"] == 3
    said = [n for f in report.files for n in f.notes + f.warnings]
    assert any(
        "2 accounts joined by id with" in n and "(a deals export) gives their outcomes" in n for n in said
    )
    assert not any("replace" in n for n in said)


def test_a_churn_list_keyed_by_the_crms_company_id_adds_its_churns_to_the_companies(
    tmp_path: Path, workspace, embedder
):
    # qa118: a customer-success churn list names each account in 'Account' and keys it by 'HubSpot Company ID';
    # it was keyed by the name, made accounts of its own, and its churned accounts stayed won in the companies file
    report, accounts = with_the_companies(
        tmp_path, workspace, embedder, "cs-churn-tracker.csv",
        "Account,HubSpot Company ID,CSM,Status,Churn Reason\n"
        "Harbor & Vine Hospitality,18000320037,Tom,Churned,Low adoption\n"
        "Three Forks Taqueria Group,18000320683,Tom,Saved,\n",
    )  # fmt: skip
    assert set(accounts) == {"18000320037", "18000320683", "18000320999"}
    harbor, forks = accounts["18000320037"], accounts["18000320683"]
    assert (harbor.outcome, harbor.industry, harbor.extra["Churn Reason"]) == (
        "churned",
        "Hospitality",
        "Low adoption",
    )
    assert forks.outcome == "active" and forks.employees == 420
    said = [n for f in report.files for n in f.notes + f.warnings]
    assert any("accounts keyed by 'HubSpot Company ID'" in n for n in said)
    assert any("2 accounts joined by id with" in n and "adds its columns" in n for n in said)
    assert not any("replace" in n for n in said)


def test_the_newest_deals_export_tells_the_outcome_whatever_the_order():
    companies = Account(
        account_id="A", name="Acme", industry="Retail", outcome="active", extra={"Owner": "Sam"}
    )
    deals = Account(account_id="A", name="ACME Inc", outcome="churned", deals=2, extra={"Owner": "Jo"})
    for records in ([(companies, False), (deals, True)], [(deals, True), (companies, False)]):
        account = joined(records)
        assert (account.outcome, account.deals, account.industry, account.name) == (
            "churned",
            2,
            "Retail",
            "Acme",
        )
        assert account.extra == {"Owner": "Sam"}  # the account's own file describes it


def test_a_workspace_keyed_by_account_alone_is_rekeyed_and_keeps_its_accounts(tmp_path: Path, embedder):
    path = tmp_path / "old"
    Workspace(path, embedding_name=embedder.name).close()
    db = sqlite3.connect(path / "records.sqlite3")
    with db:  # the table as workspaces written before had it, with one account
        db.execute("DROP TABLE accounts")
        db.execute(
            "CREATE TABLE accounts (account_id TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(path) "
            "ON DELETE CASCADE, record TEXT NOT NULL)"
        )
        db.execute("INSERT INTO sources VALUES ('crm.csv', 'accounts', 'h', '2026-01-01T00:00:00')")
        db.execute(
            "INSERT INTO accounts VALUES ('A1', 'crm.csv', ?)", (Account(account_id="A1").model_dump_json(),)
        )
    db.close()
    with Workspace(path, embedding_name=embedder.name) as ws:
        assert [a.account_id for a in ws.accounts()] == ["A1"]
        keys = [
            r[1] for r in sorted(ws.db.execute("PRAGMA table_info(accounts)"), key=lambda r: r[5]) if r[5]
        ]
        assert keys == ["account_id", "source"]
        ws.db.execute("PRAGMA foreign_keys = ON")
        with ws.db:
            ws.db.execute("DELETE FROM sources WHERE path = 'crm.csv'")
        assert ws.accounts() == []  # the file's accounts still go with it


def test_a_re_export_of_one_of_the_pair_is_still_said(tmp_path: Path, workspace, embedder):
    # qa16: a quarter later the companies export came again; its accounts were also held by the deals export,
    # and the store told only one of the two files, so the re-export's warning was never printed
    folder = tmp_path / "crm"
    write(folder / "hubspot-crm-exports-all-companies.csv", COMPANIES)
    write(folder / "hubspot-crm-exports-all-deals.csv", DEALS)
    ingest([folder], workspace=workspace, embedder=embedder)
    again = write(tmp_path / "q2" / "companies-q2.csv", COMPANIES.replace("232", "240"))
    report = ingest([again], workspace=workspace, embedder=embedder)
    (result,) = report.files
    assert any("also in" in w and "all-companies" in w for w in result.warnings), result.warnings
    assert any("joined by id with" in n and "all-deals" in n for n in result.notes), result.notes
    assert {a.account_id: a.employees for a in workspace.accounts()}["18000320037"] == 240


def test_a_leads_company_column_by_salesforce_and_close_names_it():
    # qa15, qa16: `score --top` printed "line 2" and lead ids, not the companies ("Company / Account",
    # "display_name")
    from icp_assist.ingest.accounts import ACCOUNT_FIELDS
    from icp_assist.ingest.columns import match_columns

    for header in (["Lead ID", "Company / Account", "Employees"], ["id", "display_name", "status_label"]):
        assert match_columns(header, ACCOUNT_FIELDS)["name"] == header[1]


def test_validate_joins_the_pair_as_ingest_does(tmp_path: Path):
    # qa16, qa18: validate took one file, so a HubSpot or Salesforce pair could not be back-tested (the deals
    # alone have no firmographics, the companies alone no lost or churned accounts)
    import json

    from click.testing import CliRunner

    from icp_assist.cli import cli
    from icp_assist.models import IcpProfile

    companies = write(tmp_path / "companies.csv", COMPANIES)
    deals = write(tmp_path / "deals.csv", DEALS)
    icp = write(tmp_path / "icp.json", IcpProfile().model_dump_json())
    result = CliRunner().invoke(cli, ["validate", str(companies), str(deals), "--icp", str(icp), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n_test"] == 3
    # qa28: how each file was read ("accounts keyed by 'Record ID'") was printed as warnings
    assert "note: " in result.stderr and "accounts keyed by" in result.stderr
    assert not any(
        "accounts keyed by" in line for line in result.stderr.splitlines() if line.startswith("warning:")
    )
    # qa27: a companies export with no outcome of its own is not said to teach nothing when its deals join it
    bare = write(
        tmp_path / "bare.csv",
        "\n".join(",".join(r.split(",")[:4] + r.split(",")[5:]) for r in COMPANIES.splitlines()),
    )
    result = CliRunner().invoke(cli, ["validate", str(bare), str(deals), "--icp", str(icp), "--json"])
    assert result.exit_code == 0 and "teach the profile nothing" not in result.stderr, result.stderr


def test_a_companies_export_joined_with_its_deals_is_not_said_to_teach_nothing(tmp_path: Path, embedder):
    # qa21: Pipedrive's organizations export (no outcome column) was joined with the deals export and, beside
    # the note saying so, warned that its accounts teach the profile nothing and should go in .icpignore
    companies = "\n".join(
        ",".join(row.split(",")[:4] + row.split(",")[5:]) for row in COMPANIES.splitlines()
    )  # no Lifecycle Stage: this file has no outcome at all
    folder = tmp_path / "crm"
    write(folder / "hubspot-crm-exports-all-companies.csv", companies)
    write(folder / "hubspot-crm-exports-all-deals.csv", DEALS)
    for paths in ([folder], [folder / "hubspot-crm-exports-all-deals.csv", folder / "hubspot-crm-exports-all-companies.csv"]):  # fmt: skip
        with Workspace(tmp_path / f"ws{len(paths)}", embedding_name=embedder.name) as ws:
            said = [
                w
                for p in paths
                for f in ingest([p], workspace=ws, embedder=embedder).files
                for w in f.warnings
            ]
            assert not any("teach the profile nothing" in w for w in said), said
            assert {a.account_id: a.outcome for a in ws.accounts()}["18000320037"] == "won"
            # (nor read again unchanged, joined by id: qa259, told to leave out the file of every firmographic)
            again = [w for f in ingest([folder], workspace=ws, embedder=embedder).files for w in f.warnings]
            assert not any("teach the profile nothing" in w for w in again), again
    alone = write(tmp_path / "other" / "companies.csv", companies)
    with Workspace(tmp_path / "ws-alone", embedding_name=embedder.name) as ws:
        (result,) = ingest([alone], workspace=ws, embedder=embedder).files
        assert any("teach the profile nothing" in w for w in result.warnings)  # without its deals, it does


def test_an_opportunities_report_naming_its_accounts_only_by_name_joins_the_accounts_report(
    tmp_path: Path, embedder
):
    # qa23: Salesforce's standard Opportunities report has "Account Name" and no id: 96 accounts were read as 192,
    # the accounts report's "Prospect" rows carrying every firmographic and no lost deal
    accounts = (
        '"Account Owner","Account Name","Account ID","Type","Industry","Number of Lawyers"\n'
        '"Jordan Pryce","Calder Nunez LLP","0015g00000Jq9R9AAJ","Customer","Legal Services","35"\n'
        '"Ben Tuttle","Drake Irwin LLP","0015g00000jqW20AAC","Prospect","Legal Services","49"\n'
    )
    opportunities = (
        '"Opportunity Owner","Account Name","Opportunity Name","Type","Stage","Amount","Close Date","Loss Reason"\n'
        '"Jordan Pryce","Calder Nunez LLP","Calder Nunez LLP - New Business","New Business","Closed Won","46200","5/27/2024",""\n'
        '"Ben Tuttle","Drake Irwin, LLP","Drake Irwin LLP - New Business","New Business","Closed Lost","20000","3/1/2025","Chose Clio"\n'
    )
    folder = tmp_path / "crm"
    write(folder / "report-accounts.csv", accounts)
    write(folder / "report-opportunities.csv", opportunities)
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as ws:
        report = ingest([folder], workspace=ws, embedder=embedder)
        found = {a.account_id: a for a in ws.accounts()}
        again = ingest([folder], workspace=ws, embedder=embedder)
    assert set(found) == {"0015g00000Jq9R9AAJ", "0015g00000jqW20AAC"}
    # the ingest says so on both files (qa23 saw only `status`'s count), once, not on every later run
    notes = {Path(f.path).name: f.notes for f in report.files}
    assert any(
        n.startswith("2 accounts joined by name with") and "(a deals export) gives their outcomes" in n
        for n in notes["report-opportunities.csv"]
    ), notes
    assert any(n.startswith("2 accounts joined by name with") for n in notes["report-accounts.csv"]), notes
    assert not any("joined" in n for f in again.files for n in f.notes)
    drake = found["0015g00000jqW20AAC"]
    assert (drake.outcome, drake.name, drake.extra.get("Number of Lawyers")) == (
        "lost",
        "Drake Irwin LLP",
        "49",
    )
    assert found["0015g00000Jq9R9AAJ"].outcome == "won"


def test_a_pipedrive_organizations_export_with_an_address_is_accounts_not_a_survey(tmp_path: Path, embedder):
    # qa30: the organizations export (no outcome column, a free-text address) was read as a survey of 100
    # respondents answering with street addresses, and the profile lost every firmographic
    organizations = (
        "Organization - ID,Organization - Name,Organization - Owner,Organization - Address,Organization - Industry,"
        "Organization - Number of employees,Organization - Label,Organization - People,Organization - Won deals,"
        "Organization - Lost deals,Organization - Visible to,Organization - Update time\n"
        + "".join(
            f'{1001 + n},Brand {n},Alana Brooks,"{100 + 37 * n % 900} Main St, '
            f'{("San Diego, CA", "Salt Lake City, UT", "New York, NY", "Austin, TX", "Kansas City, MO")[n % 5]}",Apparel,{50 + n},'
            f"{('Cold lead', 'Customer', 'Cold lead', 'Former customer', 'Cold lead')[n % 5]},3,1,0,Entire company,"
            "2026-10-02 09:14:00\n"
            for n in range(100)
        )
    )
    stages = ("Negotiation", "Proposal sent", "Contract sent", "Demo", "Negotiation")
    deals = (
        "Deal - ID,Deal - Title,Organization - ID,Deal - Organization,Deal - Stage,Deal - Status,Deal - Value\n"
        + "".join(f"{9000 + n},Brand {n} deal,{1001 + n},Brand {n},{stages[n % 5]},{('won', 'lost', 'open')[n % 3]},1000\n" for n in range(100))
    )  # fmt: skip
    folder = tmp_path / "crm"
    write(folder / "pipedrive-organizations.csv", organizations)
    write(folder / "pipedrive-deals.csv", deals)
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as ws:
        report = ingest([folder], workspace=ws, embedder=embedder)
        kinds = {Path(f.path).name: f.kind for f in report.files}
        assert kinds == {"pipedrive-organizations.csv": "accounts", "pipedrive-deals.csv": "accounts"}
        assert ws.status()["accounts"] == 100 and not ws.status().get("survey")
        said = " ".join(n for f in report.files for n in f.notes + f.warnings)
        assert "not recognised" not in said  # "Proposal sent" is an open stage


def test_a_companies_exports_account_status_tells_churned_and_lost_beside_its_lifecycle(
    tmp_path: Path, workspace, embedder
):
    # qa141: HubSpot leaves 'Lifecycle Stage' at Customer after a company churns; its 'Account Status' said
    # "Active Customer", "Churned", "Closed Lost", "Open Deal", was not read, and every churned account stayed active
    folder = tmp_path / "crm"
    write(
        folder / "hubspot-companies.csv",
        "Record ID,Company name,Lifecycle Stage,Account Status,Industry\n"
        "1,Brightside Burger Group,Customer,Active Customer,Restaurants\n"
        "2,Peak Fitness,Customer,Churned,Fitness\n"
        "3,Corner Slice,Opportunity,Closed Lost,Restaurants\n"
        "4,Evergreen Home Care,Opportunity,Open Deal,Home Care\n"
        "5,Golden Crust,Customer,Active Customer,Restaurants\n"
        "6,Harbor Lane,Customer,Active Customer,Hospitality\n",
    )
    ingest([folder], workspace=workspace, embedder=embedder)
    outcomes = {a.name: a.outcome for a in workspace.accounts()}
    assert outcomes == {
        "Brightside Burger Group": "active",
        "Peak Fitness": "churned",
        "Corner Slice": "lost",
        "Evergreen Home Care": None,
        "Golden Crust": "active",
        "Harbor Lane": "active",
    }


def test_an_organizations_export_joined_by_name_is_never_told_to_be_left_out_when_read_again(
    tmp_path: Path, embedder
):
    # qa232: a Pipedrive organizations export (no outcome of its own) joined by name with the deals export; ingested
    # again unchanged, it was warned that its accounts "teach the profile nothing" and told to go in .icpignore
    folder = tmp_path / "crm"
    write(
        folder / "organizations.csv",
        "Organization - ID,Organization - Name,Organization - Number of employees,Organization - Boutique type\n"
        "11,Magnolia and Lace,12,Full-service bridal\n12,Petal & Tulle,3,Consignment\n",
    )
    write(
        folder / "deals.csv",
        "Deal - ID,Deal - Title,Deal - Organization,Deal - Status,Deal - Value,Deal - Won time\n"
        "1,Magnolia deal,Magnolia and Lace,Won,2148,2025-03-01\n2,Petal deal,Petal & Tulle,Lost,2148,\n",
    )
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as ws:
        first = ingest([folder], workspace=ws, embedder=embedder)
        again = ingest([folder], workspace=ws, embedder=embedder)
    for report in (first, again):
        assert not any("teach the profile nothing" in w for f in report.files for w in f.warnings)


def test_a_deal_with_no_company_id_but_its_company_named_keeps_its_account(
    tmp_path: Path, workspace, embedder
):
    # qa246: a won deal row with "Associated Company" filled and "Associated Company IDs" empty was skipped, so the
    # company's later lost add-on made an active customer lost; and one whose company has no id anywhere in the file
    # is joined to the companies export by its name
    report, accounts = with_the_companies(
        tmp_path, workspace, embedder, "hubspot-crm-exports-all-deals.csv",
        "Record ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company,Associated Company IDs,Deal Type\n"
        "31000555063,Harbor & Vine - 8 locations,Closed won,18144,2024-05-03,Harbor & Vine Hospitality,,New Business\n"
        "31000555064,Harbor & Vine - kiosks,Closed lost,4800,2024-11-03,Harbor & Vine Hospitality,18000320037,"
        "Existing Business\n"
        "31000555432,Three Forks - 12 locations,Closed won,32976,2024-09-02,Three Forks Taqueria Group,,New Business\n",
    )  # fmt: skip
    assert set(accounts) == {"18000320037", "18000320683", "18000320999"}
    assert accounts["18000320037"].outcome == "won" and accounts["18000320037"].deals == 2
    assert accounts["18000320683"].outcome == "won" and accounts["18000320683"].employees == 420
    said = [n for f in report.files for n in f.notes + f.warnings]
    assert not any("row skipped" in n for n in said)
    assert any("2 rows with no Associated Company IDs read by their 'Associated Company'" in n for n in said)
