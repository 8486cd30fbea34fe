"""Other CRM columns as category signals and rubric attributes; meetings without interviewers; quoted notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_assist.analyze.signals import categorical_columns, firmographic_signals, split_signals
from icp_assist.errors import InputFileError
from icp_assist.ingest.tables import Table
from icp_assist.ingest.transcripts import QUOTED_PARTICIPANT, read_transcript
from icp_assist.models import IcpProfile
from icp_assist.profile import draft_rubric
from icp_assist.records import Account, Outcome
from icp_assist.score import score_account, score_leads


def account(n: int, outcome: Outcome | None, **extra: str) -> Account:
    return Account(account_id=f"A{n}", outcome=outcome, extra=extra)


def deals() -> list[Account]:
    """40 deals: family-owned companies mostly won, PE-backed ones mostly lost; notes and ids are unique per deal."""
    accounts = []
    for n in range(40):
        referral = n % 2 == 0
        won = (n % 10 != 0) if referral else (n % 10 == 1)
        accounts.append(
            account(
                n, "won" if won else "lost",
                **{"Ownership": "Family-owned" if referral else "PE-backed", "Deal ref": f"D-{n:04}",
                   "Notes": f"call number {n} went over the proposal and next steps in detail",
                   "Opened": f"2024-01-{n + 1:02}", "Employees": "200-999", "Priority": str(n % 3)}),
            )  # fmt: skip
    return accounts


def test_category_columns_are_short_repeated_values_not_ids_notes_dates_or_known_fields():
    assert categorical_columns(deals()) == ["Ownership", "Priority"]


def test_a_category_value_joined_by_plus_and_ampersand_is_a_few_words_not_free_text():
    # qa204: "Self-serve + WDF + pickup & delivery" was counted seven words, and the column, the strongest predictor,
    # was silently never compared
    services = ["Self-serve + WDF + pickup & delivery"] * 2 + [
        "Self-serve + wash-dry-fold",
        "Self-serve only",
    ]
    accounts = [account(n, "won", **{"Services Offered": services[n % 4]}) for n in range(12)]
    assert categorical_columns(accounts) == ["Services Offered"]


def test_a_category_column_becomes_signals_under_its_name_and_scores_leads():
    signals = firmographic_signals(deals())
    positive, negative = split_signals(signals)
    assert ("Ownership", "Family-owned") in {(s.attribute, s.value) for s in positive}
    assert ("Ownership", "PE-backed") in {(s.attribute, s.value) for s in negative}
    rubric = draft_rubric(signals)
    assert "Ownership" in rubric.attributes
    referral = score_account(account(99, None, **{"Ownership": "family-owned"}), rubric)
    cold = score_account(account(98, None, **{"Ownership": "PE-backed"}), rubric)
    assert referral.score > rubric.base > cold.score
    leads = Table(["Company", "Ownership"], [["Acme", "Family-owned"], ["Bolt", "PE-backed"]], [2, 3])
    scored = score_leads(leads, IcpProfile(rubric=rubric))
    assert scored[0].score > scored[1].score
    assert "Ownership" not in scored[0].missing


def parse(name: str, content: str, **metadata: object):
    return read_transcript(Path(name), content.encode(), metadata=dict(metadata))


MEETING = "Project Manager: Next is the LCD.\nMarketing: Too expensive for this budget.\n"


def test_a_meeting_says_it_has_no_interviewer_and_every_speaker_is_a_participant():
    with pytest.raises(InputFileError, match="interviewer"):
        parse("meeting.txt", MEETING)
    for doc in (
        parse("meeting.txt", MEETING, interviewers="none"),
        parse("m.md", "---\ninterviewers: none\n---\n" + MEETING),
    ):
        assert all(t.is_customer for t in doc.turns) and len(doc.turns) == 2
        assert doc.metadata["interviewers"] is None


def test_one_speaker_is_refused_unless_the_metadata_says_so():
    notes = "Hypothesis: users want to see past projects.\nWe tested it with four people.\n"
    with pytest.raises(InputFileError, match="only one speaker"):
        parse("notes.md", notes)
    assert (
        parse("memo.txt", "Dana: We bought it for the audit trail.\n", interviewers="none")
        .turns[0]
        .is_customer
    )


def test_research_notes_keep_only_blockquoted_participant_lines():
    notes = (
        "# Findings\n\nHypothesis: users want past projects.\nParticipants were unsure what we do.\n\n"
        "> I don't know what point you start at.\n>\n> Why not just say who you are?\n"
    )
    doc = parse("synthesis.md", notes)
    assert [doc.turn_text(t) for t in doc.turns] == [
        "I don't know what point you start at.",
        "Why not just say who you are?",
    ]
    assert {t.speaker for t in doc.turns} == {QUOTED_PARTICIPANT} and all(t.is_customer for t in doc.turns)
    # qa50: notes of one interviewee quote that person; of two, nobody can tell whose each quote is
    assert {t.speaker for t in parse("n.md", notes, interviewee="Sam Whitaker").turns} == {"Sam Whitaker"}
    pair = parse("n.md", notes, interviewee="Sam Whitaker; Dana Ortiz")
    assert {t.speaker for t in pair.turns} == {QUOTED_PARTICIPANT}
    with pytest.raises(InputFileError, match="no speaker turns"):
        parse("plan.md", "# Plan\n\nWe will interview eight people.\n")


def test_a_quote_in_notes_answers_the_section_heading_it_sits_under():
    # qa82: a lost deal's reasons, quoted under "## Why SageVista", were read with no question and filed nowhere
    notes = (
        "# Loss interview: Harborview\n\n## Why they were looking\n\n> Three places, and none of them agreed.\n\n"
        "## Why SageVista\n\n> SageVista does skilled nursing, MDS, and a live PointClickCare connection.\n"
        '- "a bit more expensive, and nobody blinked."\n'
    )
    doc = parse("harborview-notes.md", notes)
    assert [(doc.turn_text(t), t.question) for t in doc.turns] == [
        ("Three places, and none of them agreed.", "Why they were looking"),
        ("SageVista does skilled nursing, MDS, and a live PointClickCare connection.", "Why SageVista"),
        ("a bit more expensive, and nobody blinked.", "Why SageVista"),
    ]
    # a quote before any section heading (under the title alone) answers none
    assert parse("n.md", "# Findings\n\n> We lose something every shift change.\n").turns[0].question is None


def test_notes_opening_with_bold_header_lines_keep_only_the_quotations():
    # qa39: "**Date:**", "**Interviewer:**", "**Participant:**", "**Deal:**" read as four speakers; "Deal" then owned
    # the whole write-up (headings, prose, the researcher's own bullets) as a customer's turn
    notes = (
        "# Lost-deal interview: Summit\n\n**Date:** 2025-03-20\n**Interviewer:** Nora Patel (PMM)\n"
        "**Participant:** Dr. Sofia Marin, Medical Director\n**Deal:** lost to Corvana Vet, Q4 2024.\n\n"
        "## Context\n\nSofia was our champion the whole way.\n\n"
        "> Every shift change we lose something.\n\n## Notes for marketing\n\n- Consolidators are a loss vector.\n"
    )
    doc = parse("summit-notes.md", notes, interviewers="Nora Patel")
    assert [doc.turn_text(t) for t in doc.turns] == ["Every shift change we lose something."]
    assert {t.speaker for t in doc.turns} == {QUOTED_PARTICIPANT}
    # a transcript in Markdown whose turns sit under section headings is still a conversation
    transcript = (
        "# Call\n\n## Part 1\n\n**Interviewer:** What was hard?\n**Dana:** Three systems, no shared record.\n\n"
        "## Part 2\n\n**Interviewer:** Who signed?\n**Dana:** Our owner signed.\n"
    )
    call = parse("call.md", transcript)
    assert [t.speaker for t in call.turns if t.is_customer] == ["Dana", "Dana"]


def test_where_the_seller_stands_and_when_the_deal_closed_are_no_traits():
    # qa13: "Fiscal Period" (the quarter a deal closed) gave 15 rubric rules every lead missed; qa14: HubSpot's
    # "Lead Status: Connected" (a rep's disposition, set as the deal goes) led the criteria and lifted validate
    accounts = []
    for n in range(40):
        won = n % 2 == 0
        accounts.append(
            account(
                n, "won" if won else "lost",
                **{"Fiscal Period": "2025-Q1" if won else "2025-Q3", "Lead Status": "Connected" if won else "Bad timing",
                   "Concept Type": "Fast casual" if won else "Fine dining"}),
        )  # fmt: skip
    signals = firmographic_signals(accounts)
    traits = {s.attribute for s in signals if s.trait}
    assert traits == {"Concept Type"}
    assert {"Fiscal Period", "Lead Status"} <= {s.attribute for s in signals}  # still listed, as signals
    assert set(draft_rubric(signals).attributes) == {"Concept Type"}


def test_a_win_probability_by_any_name_and_the_reps_user_name_are_no_traits():
    # qa15: Close's opportunity 'confidence' (100 when won, 0 when lost) was the best-fit criterion and the
    # heaviest rubric rule, and its 'user_name' (the rep) scored leads
    from icp_assist.analyze.signals import is_person_or_id
    from icp_assist.ingest.accounts import follows_the_stage

    assert follows_the_stage("confidence") and follows_the_stage("Win Probability")
    assert is_person_or_id("user_name") and is_person_or_id("custom.Preferred Call Time")
    assert not follows_the_stage("custom.Agency Type") and not is_person_or_id("custom.Agency Type")
    # qa138: a kind of account whose name holds a person's word ("Service Agent Type": OEM-authorized or independent)
    assert not is_person_or_id("Service Agent Type") and is_person_or_id("Sales Agent")


def test_what_the_seller_did_on_the_deal_is_no_trait():
    # qa17: Pipedrive's "Deal - Notes count 0-3" was on the avoid list and "Deal - Label" scored leads
    from icp_assist.analyze.signals import follows_the_sale

    # qa122: the currency a deal was priced in ("Deal - Currency of value": GBP -4.1 a scoring rule)
    for column in ("Deal - Notes count", "Deal - Done activities", "Number of activities", "Deal - Label",
                   "Deal - Currency of value"):  # fmt: skip
        assert follows_the_sale(column), column
    assert not follows_the_sale("Deal - Number of sites") and not follows_the_sale("Organization - Industry")


def test_what_the_accounts_deals_came_to_and_who_created_the_deal_are_no_traits():
    # qa19: HubSpot's "Total Revenue" (closed-won deals summed, blank when lost) was a best-fit criterion; qa21:
    # Pipedrive's "Won deals" / "Lost deals" counts and "Weighted value" restated the outcome, "Deal - Creator" scored
    from icp_assist.analyze.signals import follows_the_sale, is_person_or_id

    for column in ("Total Revenue", "Won deals", "Organization - Lost deals", "Deal - Weighted value",
                   "Number of Associated Deals", "Recent Deal Amount", "Days to Close", "Number of Associated Contacts",
                   "Organization - People"):  # fmt: skip
        assert follows_the_sale(column), column
    for column in ("Annual Revenue", "Revenue", "Total Money Raised", "Number of Employees"):
        assert not follows_the_sale(column), column
    assert is_person_or_id("Deal - Creator")
    # qa33: Pipedrive's "Person - Name" (the deal's contact) scored +5.1 for "Omar Haddad"; qa31: "HubSpot Team"
    for column in ("Person - Name", "Deal - Contact", "First name", "HubSpot Team", "Sales team"):
        assert is_person_or_id(column), column
    for column in ("Team size", "Person - Job title", "Industry"):
        assert not is_person_or_id(column), column


def test_which_kind_of_sale_a_deal_was_is_no_trait():
    # qa22: HubSpot's "Deal Type: Renewal" (only customers renew) was an avoid line and a -10.5 rubric rule
    from icp_assist.analyze.signals import firmographic_signals
    from icp_assist.records import Account

    accounts = [
        Account(account_id=f"A{n}", outcome="churned" if n < 12 else "won",
                extra={"Deal Type": "Renewal" if n < 14 else "New Business", "Fleet Type": "Reefer" if n % 2 else "Dry Van"})
        for n in range(40)
    ]  # fmt: skip
    signals = {(s.attribute, s.value): s for s in firmographic_signals(accounts)}
    assert not signals[("Deal Type", "Renewal")].trait and not signals[("Deal Type", "New Business")].trait
    assert signals[("Fleet Type", "Reefer")].trait


def test_where_the_account_stands_with_the_seller_is_no_trait():
    # qa30: Pipedrive's "Organization - Label" (Customer / Former customer / Cold lead) was the first best-fit
    # criterion, a -30 rubric rule and gave the back-test an AUC of 1.000
    from icp_assist.analyze.signals import firmographic_signals
    from icp_assist.records import Account

    labels = ("Customer", "Former customer", "Cold lead")
    accounts = [
        Account(account_id=f"A{n}", outcome=("won", "churned", "lost")[n % 3],
                extra={"Organization - Label": labels[n % 3], "Platform": "Shopify Plus" if n % 2 else "BigCommerce"})
        for n in range(60)
    ]  # fmt: skip
    signals = {(s.attribute, s.value): s for s in firmographic_signals(accounts)}
    assert not any(signals["Organization - Label", label].trait for label in labels)
    assert signals["Platform", "Shopify Plus"].trait
    # qa187: in a column of such values, a word of the seller's own ("Cold" for a lost deal) is one too
    labels = ("Customer", "Former customer", "Cold", "Hot lead")
    accounts = [
        Account(account_id=f"A{n}", outcome=("won", "churned", "lost", None)[n % 4],
                extra={"Organization - Labels": labels[n % 4], "Platform": "Shopify Plus" if n % 2 else "BigCommerce"})
        for n in range(80)
    ]  # fmt: skip
    signals = {(s.attribute, s.value): s for s in firmographic_signals(accounts)}
    assert not signals["Organization - Labels", "Cold"].trait
