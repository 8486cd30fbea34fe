"""Redaction of CRM exports: owners, contacts, e-mails and phones in CRM columns become the workspace's
pseudonyms at ingest, in a real store, through a build with the recorded chat model, and on forget."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write
from fake_chat import RecordedChatModel
from test_llm_build import _analyzer, researcher
from test_privacy import _interviews

from icp_assist import api
from icp_assist.analyze.signals import firmographic_signals
from icp_assist.build import build_profile
from icp_assist.cli import cli
from icp_assist.config import Settings
from icp_assist.ingest.accounts import read_crm
from icp_assist.ingest.tables import read_table
from icp_assist.privacy.accounts import names_a_person, redact_accounts
from icp_assist.privacy.pseudonyms import Pseudonyms
from icp_assist.privacy.redact import Redactor
from icp_assist.store import Workspace

SELLERS = ["Marisol Vega", "Henrik Aalto", "Kwame Mensah"]
CONTACTS = [
    ("Ingrid Solberg", "ingrid.solberg@firm0.example.com", "+1 415 555 0101"),
    ("Ravi Subramanian", "ravi.s@firm1.example.com", "(212) 555-0142"),
    ("Chloé Marchand", "chloe@firm2.example.com", "+44 20 7946 0958"),
    ("Tomasz Kowalski", "t.kowalski@firm3.example.com", "415-555-0177"),
    ("Yuki Tanaka", "yuki.tanaka@firm4.example.com", "+1 (646) 555-0123"),
    ("Fatima Al-Sayed", "fatima@firm5.example.com", "+1 312 555 0199"),
    ("Gareth Hughes", "gareth.hughes@firm6.example.com", "020 7946 0321"),
    ("Beatriz Costa", "bcosta@firm7.example.com", "+1 617 555 0110"),
]
HEADER = (
    "Account ID,Account Name,Industry,Employees,Stage,Opportunity Owner,Primary Contact,Contact Email,"
    "Contact Phone,Lead Source,Tech Stack,Next Step\n"
)


def _crm() -> str:
    rows = []
    for n, (contact, email, phone) in enumerate(CONTACTS):
        seller = SELLERS[n % 3]
        stage = "Closed Won" if n % 2 else "Closed Lost"
        source = ["Inbound", "Partner referral"][n % 2]
        note = f"Call {contact.split()[n % 2]} back on {phone} after the pilot"  # given name or surname
        rows.append(
            f'ACC-{n},Firm {n},Logistics,{100 + 50 * n},{stage},{seller},{contact},{email},"{phone}",'
            f'{source},"NetSuite; Okta",{note}\n'
        )
    return HEADER + "".join(rows)


def _personal() -> list[str]:
    values = [*SELLERS, *(v for c in CONTACTS for v in c)]
    return sorted(
        set(values) | {w for v in values if "@" not in v and not re.search(r"\d", v) for w in v.split()}
    )


def _leaks(text: str) -> list[str]:
    return [v for v in _personal() if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text)]


def test_person_columns_are_told_from_ids_companies_and_categories() -> None:
    people = [
        "Opportunity Owner",
        "Primary Contact",
        "Contact Email",
        "Phone",
        "Sales rep",
        "Account Manager",
    ]
    assert all(names_a_person(c) for c in people)
    people += ["Contact number", "Mobile", "Account Executive", "Created By", "Referred by", "Champion"]
    others = ["Owner ID", "Contact ID", "Account Name", "Lead Source", "Industry", "Next Step", "id"]
    others += ["Contact title", "Contact role", "Sales rep region", "Owner team", "Number of contacts"]
    assert not any(names_a_person(c) for c in others)


@pytest.fixture(scope="module")
def crm_build(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("crm")
    crm = write(root / "in" / "opportunities.csv", _crm())
    settings = Settings(workspace=root / "ws", redact=True)
    report = api.ingest_paths([*_interviews(root / "in"), crm], settings=settings, embedder=embedder)
    assert not report.failed, report.failed
    model = RecordedChatModel(route=researcher)
    with Workspace(root / "ws", embedding_name=embedder.name) as ws:
        build_profile(ws, embedder, out_dir=root / "offline")
        build_profile(ws, embedder, out_dir=root / "out", llm=_analyzer(ws, model, "crm"))
        accounts = ws.accounts()
        dump = "\n".join(ws.db.iterdump())
    return root, model, accounts, dump, crm


def test_no_crm_person_email_or_phone_reaches_the_store_an_output_or_a_prompt(crm_build) -> None:
    root, model, accounts, dump, _ = crm_build
    assert len(accounts) == len(CONTACTS)
    assert _leaks(dump) == []
    for folder in ("offline", "out"):
        for path in (root / folder).iterdir():
            assert _leaks(path.read_text(encoding="utf-8")) == [], path
    prompts = "\n".join(str(m.content) for conversation in model.history for m in conversation)
    assert model.history and _leaks(prompts) == []
    signals = json.loads((root / "out" / "signals.json").read_text(encoding="utf-8"))
    owners = [s for s in signals if s["attribute"] == "Opportunity Owner"]
    assert owners and all(re.fullmatch(r"Person \d+", s["value"]) and not s["trait"] for s in owners)
    mapping = (root / "ws" / "pseudonyms.json").read_text(encoding="utf-8")
    assert SELLERS[0] in mapping and CONTACTS[0][1] in mapping  # kept locally only


def test_companies_categories_numbers_and_stack_stay_and_pseudonyms_are_shared(crm_build) -> None:
    _, _, accounts, _, _ = crm_build
    first = accounts[0]
    assert (first.name, first.industry, first.employees, first.tech_stack) == (
        "Firm 0",
        "Logistics",
        100,
        ["NetSuite", "Okta"],
    )
    assert first.extra["Lead Source"] == "Inbound"
    assert re.fullmatch(r"Person \d+", first.extra["Opportunity Owner"])
    assert re.fullmatch(r"Email \d+", first.extra["Contact Email"])
    assert re.fullmatch(r"Phone \d+", first.extra["Contact Phone"])
    for account in accounts:  # the note names the contact by given name or surname: the same pseudonym
        assert account.extra["Next Step"].startswith(
            f"Call {account.extra['Primary Contact']} back on Phone "
        )
    owners = {a.extra["Opportunity Owner"] for a in accounts}
    assert len(owners) == len(SELLERS)  # one seller, one pseudonym, in every row


def test_a_pseudonymised_seller_is_still_a_non_trait_signal(crm_build) -> None:
    _, _, accounts, _, crm = crm_build
    plain = read_crm(read_table(crm, crm.read_bytes()), source=crm.stem).accounts
    shape = [(s.attribute, s.n, s.good, s.trait) for s in firmographic_signals(plain)]
    redacted = [(s.attribute, s.n, s.good, s.trait) for s in firmographic_signals(accounts)]
    assert sorted(shape) == sorted(redacted)
    owner = [s for s in firmographic_signals(accounts) if s.attribute == "Opportunity Owner"]
    assert owner and not any(s.trait for s in owner)


def test_turning_redaction_on_redacts_stored_accounts(tmp_path: Path, embedder) -> None:
    crm = write(tmp_path / "in" / "opportunities.csv", _crm())
    ws = str(tmp_path / "ws")
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["ingest", str(crm), "-w", ws, "--outcome", "Closed Lost=churned"]).exit_code == 0
    )
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as store:
        assert _leaks(json.dumps([a.extra for a in store.accounts()]))  # stored as written
    interview = _interviews(tmp_path / "more")[0]
    result = runner.invoke(cli, ["ingest", str(interview), "-w", ws, "--redact"])
    assert result.exit_code == 0, result.output
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as store:
        assert _leaks("\n".join(store.db.iterdump())) == []
        # redacted in place, the export keeps the flags it was read with
        assert store.reading_options()[str(crm.resolve())] == {"outcome": {"closed lost": "churned"}}


def test_forgetting_an_account_or_a_contact_drops_the_pseudonyms_only_their_rows_used(
    tmp_path: Path, embedder
) -> None:
    crm = write(tmp_path / "in" / "opportunities.csv", _crm())
    ws = tmp_path / "ws"
    assert CliRunner().invoke(cli, ["ingest", str(crm), "-w", str(ws), "--redact"]).exit_code == 0

    def mapping() -> str:
        return (ws / "pseudonyms.json").read_text(encoding="utf-8")

    result = CliRunner().invoke(cli, ["forget", "--account", "ACC-0", "-w", str(ws)])
    assert result.exit_code == 0, result.output
    assert _leaks(mapping()) and not any(v in mapping() for v in CONTACTS[0])
    assert SELLERS[0] in mapping()  # the seller owns other accounts too
    result = CliRunner().invoke(cli, ["forget", "--person", CONTACTS[1][0], "-w", str(ws)])
    assert result.exit_code == 0, result.output
    assert not any(v in mapping() for v in CONTACTS[1]) and SELLERS[1] in mapping()
    assert CONTACTS[2][1] in mapping()


def test_record_ids_and_codes_keep_their_digits(tmp_path: Path) -> None:
    csv = (
        "mql_id,seller_id,landing_page_id,origin,converted\n"
        "dac32acd4db4c29c230538b72f8dd87d,2c43fb513632d29b3b58df74816f1b06,007f9098284a86ee80ddeb25d53e0af8,"
        "social,1\n"
        "8c18d1de7f67e60dbd64e3c07d7e9d5d,bbb7d7893a450660432ea6652310ebb7,a7982125ff7aa3b2054c6e44f9d28522,"
        "paid_search,0\n"
    )
    path = write(tmp_path / "leads.csv", csv)
    accounts = read_crm(read_table(path, path.read_bytes()), source=path.stem).accounts
    redactor = Redactor(Pseudonyms(tmp_path))
    assert [a.extra for a in redact_accounts(redactor, accounts, path=str(path))] == [
        a.extra for a in accounts
    ]
