"""The whole buying story on the sample build: a committee its quotes support, and every section backed."""

from __future__ import annotations

import re

import pytest

from icp_assist.analyze import analyze_workspace
from icp_assist.analyze.committee import ActReader
from icp_assist.analyze.titles import document_role
from icp_assist.models import Criterion, ProfileReport
from icp_assist.render import render_profile

# "said no" is a refusal, the act of a blocker, not the negation of an act
NEGATION = re.compile(
    r"\b(not|never|(?<!\bsaid )(?<!\bsaying )no|nobody|none|without)\b|n't\b", re.IGNORECASE
)


@pytest.fixture(scope="module")
def sample_report(sample_workspace, embedder) -> ProfileReport:
    ws, _ = sample_workspace
    return analyze_workspace(ws, embedder)


def test_every_committee_entry_has_a_quote_where_that_title_does_the_act(sample_report, sample_workspace):
    ws, _ = sample_workspace
    reader = ActReader({d.doc_id: d for d in ws.documents()})
    committee = sample_report.profile.buying_committee
    assert committee and any(c.title == "CFO" and c.part == "economic_buyer" for c in committee)
    for entry in committee:
        assert entry.evidence, entry.value
        for quote in entry.evidence:
            shown = [
                a
                for a in reader.acts(quote.quote, quote.document, quote.speaker)
                if a.part == entry.part
                # a line of one function names each of its titles ("IT & security (CISO, IT Director)")
                and (a.title == entry.title or a.title in entry.value.partition(" — ")[0])
            ]
            assert shown, (entry.value, quote.quote)
            assert all(not NEGATION.search(a.clause) for a in shown), (entry.value, quote.quote)


def test_the_issue_bad_committee_quotes_are_refused(sample_report):
    quotes = [e.quote for c in sample_report.profile.buying_committee for e in c.evidence]
    for bad in ("We don't have a CFO", "I had just joined as CFO", "Put your AP manager", "budget owners"):
        assert not any(bad in q for q in quotes), bad
    assert not any(
        c.title == "AP Manager" and c.part == "economic_buyer" for c in sample_report.profile.buying_committee
    )


STORY = ("objections", "alternatives", "competitors", "outcomes", "churn_reasons", "loss_reasons")


def test_every_part_of_the_story_is_on_the_profile_with_quotes_or_says_why_not(sample_report):
    profile = sample_report.profile
    for name in (*STORY, "buying_committee"):
        items = getattr(profile, name)
        assert items or name in profile.notes, name
        for item in items:
            assert item.evidence, (name, item.value)
    bill = next(c for c in profile.competitors if c.value.casefold() == "bill.com")
    assert all("bill.com" in e.quote.casefold() for e in bill.evidence)
    assert sum(bill.by_outcome.values()) <= int(bill.reason.split(" in ")[1].split()[0])


def test_a_statement_that_rules_a_reason_out_is_no_reason(sample_report):
    # 07_atlas_global_logistics: "Your pricing was fine, by the way. That was never the issue." was a loss reason,
    # labelled "That was never the issue".
    filed = [
        (t.facet, m.quote) for t in sample_report.themes for m in t.members if "never the issue" in m.quote
    ]
    assert filed == []


def test_no_quote_twice_in_one_section(sample_report):
    profile = sample_report.profile
    for name in (*STORY, "buying_committee", "triggers", "pain_points", "goals"):
        keys = [(e.document, e.start, e.end) for c in getattr(profile, name) for e in c.evidence]
        assert len(keys) == len(set(keys)), name
        words = [
            " ".join(re.findall(r"\w+", e.quote.casefold()))
            for c in getattr(profile, name)
            for e in c.evidence
        ]
        assert len(words) == len(set(words)), name  # two respondents writing the same line show once
    for persona in sample_report.personas:
        assert len({(e.document, e.start) for e in persona.quotes}) == len(persona.quotes)


def test_personas_differ_where_their_people_said_different_things(sample_report, sample_workspace):
    ws, _ = sample_workspace
    personas = sample_report.personas
    assert len(personas) >= 2
    listed = [tuple(p.pains) for p in personas if p.pains]
    assert len(set(listed)) == len(listed)  # no two list the same pains
    roles = {d.doc_id: document_role(d) for d in ws.documents()}
    themes = {t.theme_id: t for t in sample_report.themes}
    # (the samples' survey roles differ in nothing beyond chance, even by the answer key's own labels: its smallest
    # one-sided Fisher p over the 81 role-and-theme tests with 3+ of the role is 0.002, where Benjamini-Hochberg at
    # 5% asks 0.0006; so no highlight need stand out here, and each that does is its own people's)
    for persona in personas:
        # issue 11: not built from one or two statements; when nothing stands out, the page says so
        assert persona.highlights or persona.note.startswith("Nothing this role raises stands out"), persona
        own = {doc for doc, role in roles.items() if role in persona.roles}
        for theme_id in persona.pains + persona.triggers + persona.objections:
            assert len(own.intersection(themes[theme_id].documents)) >= 3, (persona.name, theme_id)
        for quote in persona.quotes:  # a persona quotes its own people only
            assert roles[quote.document] in persona.roles


def test_no_quote_twice_in_any_section_of_the_rendered_page(sample_report):
    page = render_profile(sample_report, fmt="md")
    body, notes = page.split("\n## Evidence\n")
    words = {
        number: " ".join(re.findall(r"\w+", quote.casefold()))
        for number, quote in re.findall(r"^\[\^(\d+)\]: “(.*?)” — ", notes, flags=re.MULTILINE)
    }
    for section in re.split(r"^## ", body, flags=re.MULTILINE)[1:]:
        cited = re.findall(r"\[\^(\d+)\]", section)
        heading = section.splitlines()[0]
        assert len(cited) == len(set(cited)), heading
        assert len({words[n] for n in cited}) == len(cited), (
            heading
        )  # the same words from two people count once


def test_account_criteria_obey_the_rubric_rule_and_their_confidence_follows_n(sample_report):
    from icp_assist.analyze.signals import MIN_CRITERION_N, signal_confidence

    profile = sample_report.profile
    points = {(r.attribute, r.value): r.points for r in profile.rubric.rules}
    positive = profile.firmographics + profile.technographics
    negative = [c for c in profile.negative_signals if c.attribute != "theme"]
    assert positive and negative
    for criterion, sign in [(c, 1) for c in positive] + [(c, -1) for c in negative]:
        signal = criterion.signal
        assert signal and signal.n >= MIN_CRITERION_N, criterion.value
        assert points[(criterion.attribute, criterion.value)] * sign > 0, (
            criterion.value
        )  # scored the same way
        assert criterion.confidence == signal_confidence(signal.n, overlaps=False) != "low"
    for (
        criterion
    ) in profile.negative_signals:  # theme lines too: ten accounts, never an outcome-defined facet
        assert criterion.signal and criterion.signal.n >= MIN_CRITERION_N, criterion.value


def test_a_product_name_capitalised_inside_is_a_name_in_a_recorded_reason_and_a_sentence():
    # qa19: HubSpot's "Chose competitor - ezyVet" (8 of 19 losses) never counted under ezyVet
    from icp_assist.analyze.competitors import competitor_names, names_in_reason

    assert names_in_reason("Chose competitor - ezyVet") == ["ezyVet"]
    assert competitor_names("We almost went with ezyVet, honestly.") == ["ezyVet"]
    assert competitor_names("In the end we went with iCIMS.") == ["iCIMS"]
    assert (
        names_in_reason("Lost - budget") == [] and competitor_names("We went with everything we had.") == []
    )
    # qa227: what the reason says was missing is a feature, no product ("CLM", closed-loop marketing)
    assert names_in_reason("Missing Feature - CLM") == [] and names_in_reason("Feature gap: EVV") == []
    assert names_in_reason("Corporate standard: SAP SuccessFactors") == ["SAP SuccessFactors"]
    # qa249: work done twice for want of a link to the practices' own system is no loss to it
    assert names_in_reason("Double entry concerns - OrthoTrac") == []
    assert names_in_reason("Went with competitor - OrthoTrac") == ["OrthoTrac"]


def test_a_move_they_were_made_to_make_and_a_name_among_features_are_no_rival():
    # qa250: "we had to switch to QBO" (their accounting system); qa253: "EVV", the product's category, listed among
    # what the rival does, answering who they went with
    from icp_assist.analyze.competitors import competitor_names

    assert competitor_names("No QuickBooks Desktop connection, we had to switch to QBO.") == []
    assert competitor_names("We're switching to Toast next month.") == ["Toast"]
    asked = "Who did you go with?"
    said = "CareLedger. Enterprise contract, clinical, hospice, scheduling, EVV, billing."
    assert competitor_names(said, asked) == ["CareLedger"]
    assert competitor_names("AxisBridge, CareLedger, and a spreadsheet.", asked) == [
        "AxisBridge",
        "CareLedger",
    ]


def test_the_pronoun_after_a_name_is_not_part_of_it():
    # qa60, qa62: "Snowflake I" and "Crewlio I" listed as competitors
    from icp_assist.analyze.competitors import competitor_names

    assert competitor_names("Anthony looked at Crewlio I think.") == ["Crewlio"]
    assert competitor_names("We evaluated Snowflake I'd say, and Monte Carlo.") == ["Snowflake"]
    assert competitor_names("We went with Dynamics 365 in the end.") == ["Dynamics 365"]


def test_a_product_the_question_says_was_chosen_is_weighed_where_the_answer_names_it():
    # qa100: a deal lost to HireDesk ("So why HireDesk?" "… HireDesk was about four grand.") counted no interview of it
    from icp_assist.analyze.competitors import competitor_names

    assert competitor_names("Price, honestly. HireDesk was about four grand.", "So why HireDesk?") == [
        "HireDesk"
    ]
    assert competitor_names(
        "HireDesk we set up over a weekend.", "You chose HireDesk in the end, right?"
    ) == ["HireDesk"]
    assert (
        competitor_names("Price, honestly, mostly price.", "So why HireDesk?") == []
    )  # not named: no quote of it
    assert competitor_names("Because of the sync, I guess.", "Why did you pick us?") == []
    # qa101: weighed beside the product, moved to in the present, signed up for
    assert (
        competitor_names("I evaluated you and Tabletop Payroll, we're on Tabletop POS.")[0]
        == "Tabletop Payroll"
    )
    assert competitor_names("She decided we'd move to Tabletop Payroll in January.") == ["Tabletop Payroll"]
    assert competitor_names("I signed up for Tabletop Payroll the same week.") == ["Tabletop Payroll"]
    assert competitor_names("I signed up for a webinar.") == []


def test_a_question_asking_why_they_chose_asks_for_no_options():
    # qa69: "Why did you choose Lanyard?" answered "Check in speed." made "Check" a competitor
    from icp_assist.analyze.competitors import asks_for_options, competitor_names

    assert not asks_for_options("Why did you choose Lanyard?")
    assert asks_for_options("Which tools did you evaluate?")
    assert competitor_names("Check in speed.", "Why did you choose Lanyard?") == []
    assert competitor_names("RegPoint and Summitry.", "Which tools did you evaluate?") == [
        "RegPoint",
        "Summitry",
    ]


def test_a_part_of_a_tool_evaluated_is_no_rival():
    # qa27: "she really evaluated the Salesforce side" listed Salesforce as a competitor; qa21: "the Part 11 side"
    from icp_assist.analyze.competitors import competitor_names

    assert competitor_names("She really evaluated the Salesforce side.") == []
    assert competitor_names("We looked at the NetSuite integration first.") == []
    assert competitor_names("We evaluated Gainsight and ChurnZero.") == ["Gainsight", "ChurnZero"]


def test_a_rival_whose_offer_was_heard_is_weighed_and_named_without_its_kind_of_software():
    # qa323: "we got quotes from Edroute and RouteMaster too", "we had a demo from RouteMaster" (a rival weighed in three
    # interviews on no list), and "Travora ERP", the CRM's spelling, shown for the interviews' "Travora"
    from icp_assist.analyze.competitors import competitor_names, short_forms

    said = "Purchasing wanted three quotes, so we got quotes from Edroute and RouteMaster too."
    assert competitor_names(said) == ["Edroute", "RouteMaster"]
    assert competitor_names("We had a demo from RouteMaster.") == ["RouteMaster"]
    assert competitor_names("I had a demo from Sarah on your team.") == []
    keys = ["travora", "travora erp", "loop", "loop returns"]
    assert short_forms(keys, ["Travora", "Travora ERP", "Loop", "Loop Returns"]) == {
        "travora erp": "travora",
        "loop": "loop returns",
    }


def test_an_organisations_it_department_is_no_rival():
    # qa321: "Hospital IT and compliance would not approve a cloud system without Epic integration." made "Hospital IT"
    # a rival of two lost deals
    from icp_assist.analyze.competitors import competitor_names

    said = "Hospital IT and compliance would not approve a cloud system without Epic integration."
    assert competitor_names(said, "Which other options did you evaluate?") == []
    assert competitor_names("We went with Corporate IT's pick, ServiceNow.") == []
    assert competitor_names("We evaluated ServiceNow.") == ["ServiceNow"]


def test_a_word_written_as_a_name_ending_one_other_name_is_that_product():
    # qa275: "Team Software WinTeam" (the CRM's loss reasons) and "WinTeam" (interviews) were two rivals
    from icp_assist.analyze.competitors import short_forms

    # qa318: "Epic" and "Applied Epic" were two rivals (a word of English, written as a name, is one too); a word
    # that ends two rivals' names is neither's
    keys = ["winteam", "team software winteam", "intacct", "sage intacct", "epic", "applied epic", "cloud"]
    keys += ["oracle cloud", "service cloud"]
    spelled = ["WinTeam", "Team Software WinTeam", "Intacct", "Sage Intacct", "Epic", "Applied Epic", "Cloud"]
    spelled += ["Oracle Cloud", "Service Cloud"]
    assert short_forms(keys, spelled) == {
        "winteam": "team software winteam",
        "intacct": "sage intacct",
        "epic": "applied epic",
    }


def test_an_owners_name_and_a_makers_product_word_are_short_forms_and_a_stretch_of_places_no_rival():
    # qa248: "Sonny" beside "Sonny's Controls" and "Patheon" beside "DRB Patheon" were rivals of their own, and
    # "Pensacola over to Panama City" made a city a rival
    from icp_assist.analyze.competitors import competitor_names, short_forms

    keys = ["sonny", "sonny's controls", "patheon", "drb patheon", "drb sitewatch"]
    spelled = ["Sonny", "Sonny's Controls", "Patheon", "DRB Patheon", "DRB SiteWatch"]
    assert short_forms(keys, spelled) == {"sonny": "sonny's controls", "patheon": "drb patheon"}
    assert competitor_names("Fourteen express sites, Pensacola over to Panama City, and two in Mobile.") == []
    assert competitor_names("We picked them over Washify.") == ["Washify"]


def test_a_line_of_a_theme_of_several_points_counts_the_point_its_label_names(sample_report):
    # qa314, qa315: "The sync runs overnight — 25 survey respondents", of whom 6 said it
    themes = {t.theme_id: t for t in sample_report.themes}
    profile = sample_report.profile
    lines = [
        c
        for name in type(profile).model_fields
        if isinstance(section := getattr(profile, name), list)
        for c in section
        if isinstance(c, Criterion) and c.theme_id in themes and themes[c.theme_id].points
    ]
    assert lines  # samples/' survey makes such themes ("Invoices got lost in trucks" beside approvals)
    for line in lines:
        theme = themes[line.theme_id]
        point = next(p for p in theme.points if p.label == line.value)
        assert {e.document for e in line.evidence} <= set(point.documents)
        assert f"{point.respondents} survey respondent" in line.reason
        assert point.interviews + point.respondents < theme.interviews + theme.respondents
        assert [p.label for p in line.points] == [p.label for p in theme.points if p is not point]
