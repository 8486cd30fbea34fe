"""Lead scoring with a hand-built rubric: points, clamping, matching, missing data, icp.json and the CSV out."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from icp_assist.errors import InputFileError
from icp_assist.ingest.tables import Table
from icp_assist.models import IcpProfile, Rubric, RubricRule
from icp_assist.records import Account
from icp_assist.score import IcpFileError, load_icp, score_account, score_leads, write_scores

NETSUITE_NOTE = "won/active 92% vs 61% overall (n=25)"
RUBRIC = Rubric(
    base=50,
    attributes=["employees", "industry", "region", "revenue", "tech_stack"],
    rules=[
        RubricRule(attribute="industry", value="Manufacturing", points=20),
        RubricRule(attribute="employees", value="200-999", points=15),
        RubricRule(attribute="tech_stack", value="NetSuite", points=14.2, reason=NETSUITE_NOTE),
        RubricRule(attribute="revenue", value="$50M-$250M", points=10),
        RubricRule(attribute="tech_stack", value="Jira", points=10),
        RubricRule(attribute="region", value="EMEA", points=-5),
        RubricRule(attribute="tech_stack", value="QuickBooks Online", points=-30, reason="won/active 0%"),
    ],
)
PROFILE = IcpProfile(rubric=RUBRIC)


def account(**fields: object) -> Account:
    return Account.model_validate({"account_id": "A1", **fields})


def rubric_of(attributes: list[str], *rules: tuple[str, str, float]) -> Rubric:
    """A rubric of base 50 scoring these attributes by these (attribute, value, points) rules."""
    return Rubric(
        base=50,
        attributes=attributes,
        rules=[RubricRule(attribute=a, value=v, points=p) for a, v, p in rules],
    )


def table(header: list[str], *rows: list[str]) -> Table:
    return Table(header, [list(r) for r in rows], list(range(2, len(rows) + 2)))


def test_score_is_base_plus_matching_points_and_says_why():
    score = score_account(account(industry="Retail", tech_stack=["NetSuite", "QuickBooks Online"]), RUBRIC)
    assert score.score == pytest.approx(50 + 14.2 - 30)
    assert score.matched == [f"tech_stack NetSuite +14.2: {NETSUITE_NOTE}"]
    assert score.negatives == ["tech_stack QuickBooks Online -30.0: won/active 0%"]


def test_score_is_clamped_to_0_and_100():
    best = account(
        industry="Manufacturing", employees=450, revenue=80e6, region="US", tech_stack=["NetSuite", "Jira"]
    )
    assert score_account(best, RUBRIC).score == 100  # 50 + 20 + 15 + 10 + 14.2 + 10 = 119.2
    worst = Rubric(
        base=10, attributes=["tech_stack"], rules=[RubricRule(attribute="tech_stack", value="X", points=-30)]
    )
    assert score_account(account(tech_stack=["X"]), worst).score == 0


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        (200, 50e6, 50 + 15 + 10),  # lower edges of 200-999 and $50M-$250M
        (999, 249_999_999, 50 + 15 + 10),
        (199, 49_999_999, 50),  # one below: 50-199 and $10M-$50M score nothing here
        (1_000, 250e6, 50),
        (-5, None, 50),  # a negative head count is unknown, never a band
    ],
)
def test_employees_and_revenue_are_banded_before_matching(employees, revenue, expected):
    score = score_account(account(employees=employees, revenue=revenue), RUBRIC)
    assert score.score == pytest.approx(expected)


def test_tech_items_industry_and_region_match_ignoring_case_and_space():
    leads = table(
        ["Industry", "Region", "Tech Stack"],
        [" manufacturing ", "emea", "netsuite; JIRA | Slack, NetSuite"],  # NetSuite twice counts once
        ["Manufacturing", "EMEA", "NetSuite Cloud"],  # an item matches whole, not as a substring
    )
    first, second = score_leads(leads, PROFILE)
    assert first.score == pytest.approx(50 + 20 - 5 + 14.2 + 10)
    assert second.score == pytest.approx(50 + 20 - 5)


def test_lead_headers_are_matched_like_account_headers_and_can_be_mapped():
    leads = table(
        ["Account ID", "Company", "Head count", "Annual Revenue (USD)", "Sector"],
        ["L-7", "Acme", "450", "$80M", "Manufacturing"],
        ["", "Bolt", "200-999", "n/a", "Retail"],  # a band as text still matches; 'n/a' is missing
    )
    acme, bolt = score_leads(leads, PROFILE, mapping={"employees": "Head count"})
    assert (acme.lead_id, acme.name, acme.score) == ("L-7", "Acme", 50 + 15 + 10 + 20)
    assert (bolt.lead_id, bolt.score) == ("line 3", 50 + 15)
    assert bolt.missing == ["region", "revenue", "tech_stack"]


def test_missing_attributes_are_listed_and_lower_confidence():
    full = account(industry="Retail", employees=10, revenue=1e6, region="US", tech_stack=["Slack"])
    assert score_account(full, RUBRIC).confidence == "high"
    assert score_account(full, RUBRIC).missing == []
    no_region = score_account(full.model_copy(update={"region": None}), RUBRIC)
    assert (no_region.confidence, no_region.missing) == ("medium", ["region"])
    sparse = score_account(account(industry="Retail", region="  "), RUBRIC)
    assert sparse.confidence == "low"
    assert sparse.missing == ["employees", "region", "revenue", "tech_stack"]
    assert sparse.score == 50  # nothing is guessed for what is missing


def test_a_table_without_any_rubric_attribute_is_refused_naming_columns_and_attributes():
    with pytest.raises(InputFileError) as raised:
        score_leads(table(["Company", "Notes"], ["Acme", "met at a fair"]), PROFILE)
    message = str(raised.value)
    assert "Company, Notes" in message
    assert "employees, industry, region, revenue, tech_stack" in message


def test_a_profile_without_a_rubric_cannot_score():
    with pytest.raises(IcpFileError, match="no scoring rubric"):
        score_leads(table(["Industry"], ["Retail"]), IcpProfile())


def write_json(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "icp.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_icp_reads_what_build_writes(tmp_path: Path):
    assert load_icp(write_json(tmp_path, PROFILE.model_dump(mode="json"))) == PROFILE


def test_load_icp_names_the_file_and_the_first_bad_field(tmp_path: Path):
    data = PROFILE.model_dump(mode="json")
    data["rubric"]["rules"][2]["points"] = "lots"
    path = write_json(tmp_path, data)
    with pytest.raises(IcpFileError) as raised:
        load_icp(path)
    assert (
        str(raised.value)
        == f"{path}: rubric.rules[2].points: Input should be a valid number, unable to parse string as a number"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"version": 2, "rubric": {}}', "version 2, but this icp-assist reads version 1"),
        ('{"rubric": {}}', "version None"),
        ('{"version": 1, "rubric": ', "not valid JSON"),
        ("[1, 2]", "expected the ICP as a JSON object, found a list"),
    ],
)
def test_load_icp_refuses_other_versions_and_non_json(tmp_path: Path, content: str, expected: str):
    path = tmp_path / "icp.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IcpFileError, match=expected):
        load_icp(path)


def test_load_icp_says_a_missing_file_comes_from_build(tmp_path: Path):
    with pytest.raises(IcpFileError, match="no such file; `icp-assist build` writes icp"):
        load_icp(tmp_path / "icp.json")


def test_write_scores_keeps_the_original_columns_and_adds_the_score(tmp_path: Path):
    leads = table(["Company", "Tech Stack"], ["Acme", "NetSuite; QuickBooks Online"])
    path = write_scores(score_leads(leads, PROFILE), tmp_path / "scored.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows == [
        {
            "Company": "Acme",
            "Tech Stack": "NetSuite; QuickBooks Online",
            "icp_score": "34.2",
            "icp_confidence": "low",
            "icp_reasons": f"tech_stack NetSuite +14.2: {NETSUITE_NOTE} | tech_stack QuickBooks Online -30.0: won/active 0%",
            "icp_missing": "employees; industry; region; revenue",
        }
    ]
    rescored = score_leads(table(list(rows[0]), list(rows[0].values())), PROFILE)
    header = next(csv.reader(write_scores(rescored, path).open(encoding="utf-8")))
    assert header == ["Company", "Tech Stack", "icp_score", "icp_confidence", "icp_reasons", "icp_missing"]


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "scored.csv"
    path.write_text("old\n", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_scores(score_leads(table(["Industry"], ["Retail"]), PROFILE), path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["scored.csv"]


def test_lead_columns_that_look_like_rubric_attributes_are_read_or_named_once():
    leads = table(
        [
            "Company name",
            "Web Technologies",
            "Country/Region",
            "Industry",
            "Technologies Used",
            "Staff (approx.)",
        ],
        ["Acme", "NetSuite;Jira", "EMEA", "Manufacturing", "Slack", "about 300"],
    )
    warnings: list[str] = []
    (score,) = score_leads(leads, PROFILE, warnings=warnings)
    assert any(m.startswith("tech_stack NetSuite +14.2") for m in score.matched)
    assert any(n.startswith("region EMEA") for n in score.negatives)
    assert (
        warnings == []
    )  # HubSpot's 'Web Technologies' and 'Country/Region' are read as tech stack and region
    leads = table(
        ["Company", "Industry", "Technologies Used", "HQ City"], ["Acme", "Retail", "NetSuite", "Leeds"]
    )
    score_leads(leads, PROFILE, warnings=warnings)
    assert warnings == [
        "lead columns that look like rubric attributes are not read: 'Technologies Used' (tech_stack?), "
        "'HQ City' (region?); name them with --map tech_stack='Technologies Used'"
    ]


@pytest.mark.parametrize("header", ["PMS", "EHR", "Practice management system", "Organization - ERP"])
def test_a_vertical_systems_column_of_a_lead_file_is_its_tech_stack(header: str):
    leads = table(["Company", header], ["Acme", "NetSuite"])
    (acme,) = score_leads(leads, PROFILE)
    assert acme.score == 50 + 14.2 and "tech_stack" not in acme.missing


def test_the_suggested_map_flag_can_be_pasted_into_a_shell():
    # A new-market tester: "--map Original Source Type='Lead Source'" splits into three arguments in a shell.
    import shlex

    from icp_assist.score import unread_attribute_columns

    note = unread_attribute_columns(["Company", "Original Source"], {}, ["Original Source Type"])
    assert note is not None
    flag = shlex.split(note.split("name them with ", 1)[1])
    assert flag == ["--map", "Original Source Type=Original Source"]
    # qa12: the flag as suggested failed ("--map names unknown field"); it now reads the column
    from icp_assist.score import score_values

    profile = PROFILE.model_copy(deep=True)
    profile.rubric.rules.append(RubricRule(attribute="Deal - Active projects", value="12-31", points=9.0))
    profile.rubric.attributes = [*profile.rubric.attributes, "Deal - Active projects"]
    leads = table(["Company", "Active projects"], ["Acme", "20"])
    (acme,) = score_leads(leads, profile, mapping={"Deal - Active projects": "Active projects"})
    assert acme.score == score_values({}, profile.rubric, lead_id="x").score + 9.0


def test_a_lead_count_falls_in_the_band_a_rule_names():
    from icp_assist.score import score_values

    rubric = Rubric(base=50, rules=[
        RubricRule(attribute="Number of stores", value="15+", points=14.0),
        RubricRule(attribute="Number of stores", value="1-3", points=-20.0),
    ])  # fmt: skip
    assert score_values({"Number of stores": ["28"]}, rubric, lead_id="a").score == 64.0
    assert score_values({"Number of stores": ["2"]}, rubric, lead_id="b").score == 30.0
    assert score_values({"Number of stores": ["7"]}, rubric, lead_id="c").score == 50.0
    assert (
        score_values({"Number of stores": ["15+"]}, rubric, lead_id="d").score == 64.0
    )  # the band as written
    # qa226: a pooled rule ("1 or 5+") takes a count in any of its bands, once
    pooled = Rubric(
        base=50,
        rules=[RubricRule(attribute="Number of stores", value="1 or 5+", values=["1", "5+"], points=-8.0)],
    )
    assert [score_values({"Number of stores": [n]}, pooled, lead_id=n).score for n in ("1", "3", "6")] == [
        42.0, 50.0, 42.0,
    ]  # fmt: skip


def test_a_lead_below_every_account_seen_falls_in_the_lowest_band():
    # qa10: the lowest band of loads a month was '210-1,199' and a 190-load lead matched no band, unscored and
    # not listed as missing. The lowest band is open below ('up to 1,199') wherever the lowest value seen is not 1.
    from icp_assist.analyze.signals import measure_band
    from icp_assist.score import score_values

    edges = [210.0, 1200.0, 2200.0]
    assert [measure_band(a, edges) for a in (210, 1199, 1200, 5000)] == [
        "up to 1,199", "up to 1,199", "1,200-2,199", "2,200+",
    ]  # fmt: skip
    assert measure_band(2, [1.0, 4.0, 8.0]) == "1-3"  # from 1, a band reads as the counts it holds
    rubric = Rubric(
        base=50, rules=[RubricRule(attribute="Loads per month", value="up to 1,199", points=-12.0)]
    )
    assert score_values({"Loads per month": ["190"]}, rubric, lead_id="a").score == 38.0
    assert score_values({"Loads per month": ["1,500"]}, rubric, lead_id="b").score == 50.0


def test_a_field_named_by_another_crm_object_is_read_as_the_same_field():
    # qa27: the rubric's "Deal - Lead source" (a Pipedrive deals export) never read a leads export's "Lead - Source"
    from icp_assist.score import _other_columns

    header = ["Lead - Title", "Lead - Source", "Organization - Industry"]
    assert _other_columns(header, ["Deal - Lead source", "Organization - Locale"], taken=set()) == {
        "Deal - Lead source": "Lead - Source"
    }
    assert _other_columns(["Lead - Title"], ["Deal - Title"], taken=set()) == {"Deal - Title": "Lead - Title"}
    # qa52: a leads file's plain header is the CRM's field of an object
    assert _other_columns(
        ["Company", "Number of facilities"], ["Organization - Number of facilities"], taken=set()
    ) == {"Organization - Number of facilities": "Number of facilities"}


def test_confidence_weighs_each_attribute_by_the_points_it_can_move():
    # qa38: every lead was "medium", one ranked second missing its head count and revenue, because the city,
    # the website tags and the lead source it had counted as much as they did
    rubric = RUBRIC.model_copy(update={"attributes": [*RUBRIC.attributes, "City", "Lead source"]})
    heavy_missing = account(industry="Retail", region="US", City="Dallas", **{"Lead source": "Web"})
    assert score_account(heavy_missing, rubric).confidence == "low"  # 25 of 80 points at stake known
    no_city = account(industry="Retail", employees=10, revenue=1e6, region="US", tech_stack=["Slack"])
    assert score_account(no_city, rubric).confidence == "high"  # nothing the rubric scores is missing
    # ... and a column no rule scores is not missing either (qa91: the contact's job title, on every lead)
    assert score_account(no_city, rubric).missing == []
    assert set(score_account(account(industry="Retail"), rubric).missing) == {
        "employees",
        "revenue",
        "region",
        "tech_stack",
    }


def test_a_lead_column_named_as_a_rubric_attribute_is_that_attribute_not_a_field_its_words_guess():
    # qa87: "Property Management System" (its own CRM column beside "Web Technologies") was read as the leads'
    # tech stack, so every lead had it "missing"
    rubric = rubric_of(
        ["Property Management System", "tech_stack"],
        ("Property Management System", "Mews", 6),
        ("tech_stack", "WordPress", 3),
    )
    (lead,) = score_leads(table(["Company name", "Property Management System"], ["Gull Rock", "Mews"]),
                          IcpProfile(rubric=rubric))  # fmt: skip
    assert lead.score == 56 and lead.missing == ["tech_stack"]


def test_a_lead_column_of_numbers_named_by_a_measures_words_is_that_measure():
    # qa280: "Carrier appointments" and "Commercial %" (the CRM's "Number of Carrier Appointments" and "Commercial Lines
    # %", the rubric's two strongest rules) were named in the warning and left out: a non-fit tied with a true fit
    rubric = rubric_of(
        ["Number of Carrier Appointments", "Commercial Lines %"],
        ("Number of Carrier Appointments", "11+", 8),
        ("Commercial Lines %", "55+", 8),
    )
    leads = table(["Agency", "Carrier appointments", "Commercial %", "Notes"], ["Fit", "14", "70", "x"],
                  ["Misfit", "4", "10", "y"])  # fmt: skip
    warnings: list[str] = []
    fit, misfit = score_leads(leads, IcpProfile(rubric=rubric), warnings=warnings)
    assert fit.score > misfit.score and not fit.missing
    assert any(
        "read lead column 'Carrier appointments' as Number of Carrier Appointments" in w for w in warnings
    )
    # words that are no measure's, or a column of words, are not read so
    leads = table(
        ["Agency", "Appointments booked", "Commercial"], ["Fit", "14", "yes"], ["Misfit", "4", "no"]
    )
    with pytest.raises(InputFileError, match="no column holds an attribute the ICP scores"):
        score_leads(leads, IcpProfile(rubric=rubric), warnings=[])


def test_a_column_of_numbers_is_no_region_and_the_column_of_the_rubrics_regions_is():
    # qa282: the leads' "Locations" (a count of sites) was read as the region, so "Nation", holding the rubric's
    # regions, was never read and every lead, the Irish non-fits too, scored 50 with high confidence
    rubric = rubric_of(["region"], ("region", "Ireland", -20), ("region", "Wales", 7))
    leads = table(["Lead clinic", "Nation", "Locations"], ["Tralee", "Ireland", "2"], ["Llandudno", "Wales", "1"],
                  ["Exeter", "England", "2"], ["Drogheda", "Ireland", "1"])  # fmt: skip
    warnings: list[str] = []
    tralee, llandudno, _, _ = score_leads(leads, IcpProfile(rubric=rubric), warnings=warnings)
    assert tralee.score == 30 and llandudno.score == 57
    assert any("read lead column 'Nation' as region" in w for w in warnings)


def test_a_lead_column_holding_the_industries_the_rubric_scores_is_read_as_industry():
    # qa155: the leads' "Practice area" held the CRM's industries; every lead's industry was missing and the worst
    # leads tied with the best
    leads = table(
        ["Company", "Practice area", "Employees"],
        ["Acme", "Manufacturing", "300"], ["Bolt", "Manufacturing", "250"], ["Cog", "Retail", "400"],
        ["Dyn", "Manufacturing", "500"],
    )  # fmt: skip
    warnings: list[str] = []
    acme, _, cog, _ = score_leads(leads, PROFILE, warnings=warnings)
    assert "industry" not in acme.missing and acme.score > cog.score
    assert any("read lead column 'Practice area' as industry: 3 of its 4 values" in w for w in warnings)
    # a column whose values are not the rubric's is never read so
    notes = table(
        ["Company", "Comment", "Employees"],
        ["Acme", "fine", "300"],
        ["Bolt", "ok", "20"],
        ["Cog", "good", "9"],
    )
    assert all("industry" in s.missing for s in score_leads(notes, PROFILE, warnings=[]))


def test_a_lead_column_holding_the_accounts_industries_is_read_as_industry_though_few_are_scored():
    # qa290: "Type of business" held the CRM's industries, two of ten of them the one the rubric scores; every lead's
    # industry was "missing" and no hint said which column held it
    rubric = rubric_of(["industry", "employees"], ("industry", "Gym / Health Club", -6))
    rubric.values = {"industry": ["Boutique Fitness", "Climbing Gym", "Gym / Health Club", "Yoga & Pilates"]}
    leads = table(
        ["Studio Name", "Type of business", "Staff"],
        ["Golden Hour", "Yoga & Pilates", "48"], ["Brickhouse", "Boutique Fitness", "95"],
        ["Titan", "Gym / Health Club", "410"], ["Lotus", "Yoga & Pilates", "6"], ["Crux", "Climbing Gym", "60"],
    )  # fmt: skip
    warnings: list[str] = []
    scored = score_leads(leads, IcpProfile(rubric=rubric), warnings=warnings)
    assert all("industry" not in s.missing for s in scored)
    assert scored[2].score < scored[0].score
    assert any("read lead column 'Type of business' as industry: 5 of its 5 values" in w for w in warnings), (
        warnings
    )


def test_a_column_its_header_took_for_the_industry_holding_another_attributes_values_is_that_attribute():
    # qa291: "Type of operation", read as the industry by its words, held the CRM's "Brewery Type" values; every
    # lead's brewery type, the rubric's strongest rule, was missing and a nanobrewery scored as the ideal brewery
    rubric = rubric_of(
        ["Brewery Type", "industry"],
        ("Brewery Type", "Microbrewery", 9),
        ("Brewery Type", "Nanobrewery", -20),
    )
    rubric.values = {
        "Brewery Type": ["Brewpub", "Microbrewery", "Nanobrewery"],
        "industry": ["Food & Beverages"],
    }
    leads = table(
        ["Brewery", "Type of operation", "State"],
        ["Wolf Moon", "Microbrewery", "CO"], ["Tiny Tap", "Nanobrewery", "VT"], ["Cobblestone", "Brewpub", "VT"],
        ["Little Acorn", "Microbrewery", "ME"],
    )  # fmt: skip
    warnings: list[str] = []
    wolf, tiny, *_ = score_leads(leads, IcpProfile(rubric=rubric), warnings=warnings)
    assert "Brewery Type" not in wolf.missing and wolf.score > tiny.score
    assert any("read lead column 'Type of operation' as Brewery Type" in w for w in warnings), warnings
    assert any("--map 'Brewery Type'=COLUMN" in w for w in warnings), warnings


def test_a_column_its_header_took_for_an_industry_the_rubric_never_scores_is_read_by_its_values():
    # qa298: the leads' "Sector" was read as an industry the CRM never had, while its values were the CRM's
    # "Nonprofit Sector" the rubric scores; and "Annual Budget", a nonprofit's size in money, was no revenue
    rubric = rubric_of(
        ["Nonprofit Sector", "revenue"],
        ("Nonprofit Sector", "Arts & Culture", 6),
        ("Nonprofit Sector", "Education", -7),
        ("revenue", "$1.6M-$13M", 8),
    )
    rubric.values = {"Nonprofit Sector": ["Arts & Culture", "Education", "Human Services"]}
    leads = table(
        ["Organization", "Sector", "Annual Budget"],
        ["Prairie Wind", "Arts & Culture", "2100000"], ["Westbrook Day", "Education", "9000000"],
        ["Tri-County", "Human Services", "3800000"],
    )  # fmt: skip
    warnings: list[str] = []
    arts, school, _ = score_leads(leads, IcpProfile(rubric=rubric), warnings=warnings)
    assert "Nonprofit Sector" not in arts.missing and "revenue" not in arts.missing
    assert arts.score > school.score
    assert any("read lead column 'Sector' as Nonprofit Sector" in w for w in warnings), warnings
    # qa315: one of its values an industry of the CRM too ("Higher education") kept "Sector" the industry, and the
    # rubric's strongest rule scored no lead: the column is the attribute most of its values are
    rubric.values["industry"] = ["Higher education", "Nonprofit Organization Management"]
    rubric.attributes = [*rubric.attributes, "industry"]
    leads = table(
        ["Organization", "Sector", "Annual Budget"],
        ["Prairie Wind", "Arts & Culture", "2100000"], ["Westbrook Day", "Education", "9000000"],
        ["Tri-County", "Human Services", "3800000"], ["State U Foundation", "Higher education", "30000000"],
    )  # fmt: skip
    warnings = []
    arts, school, *_ = score_leads(leads, IcpProfile(rubric=rubric), warnings=warnings)
    assert "Nonprofit Sector" not in arts.missing and arts.score > school.score
    assert any("read lead column 'Sector' as Nonprofit Sector" in w for w in warnings), warnings


def test_a_lead_column_listing_the_accounts_tools_among_others_is_their_tech_stack():
    # qa319: the leads' "Web Technologies" ("Google Workspace; QuickBooks"), the CRM's tech stack, was not read
    # beside "Current TMS", which the header words took, as no whole cell was one tool
    rubric = rubric_of(
        ["tech_stack", "employees"], ("tech_stack", "Salesforce", -9), ("tech_stack", "NetSuite", 7)
    )
    rubric.values = {
        "tech_stack": ["Salesforce", "NetSuite", "Google Workspace", "QuickBooks", "Microsoft 365"]
    }
    leads = table(
        ["Company", "Current TMS", "Web Technologies", "Employees"],
        ["Buckeye", "Aljex", "Google Workspace; QuickBooks", "95"], ["Magnolia", "Spreadsheets", "Microsoft 365; NetSuite", "160"],
        ["Cloudforce", "Tai TMS", "Salesforce; NetSuite", "180"], ["Bayou", "Aljex", "Salesforce; QuickBooks", "70"],
    )  # fmt: skip
    warnings: list[str] = []
    buckeye, magnolia, _, bayou = score_leads(leads, IcpProfile(rubric=rubric), warnings=warnings)
    assert "tech_stack" not in buckeye.missing and magnolia.score > buckeye.score > bayou.score
    assert not any("are not read" in w for w in warnings), warnings


def test_a_lead_column_of_state_codes_meets_the_rubrics_state_names():
    # qa250, qa252: the CRM's "PA" was read as Pennsylvania, and the leads' "PA" matched no region rule, named with
    # --map region=State or not
    rubric = rubric_of(["region", "employees"], ("region", "Pennsylvania", 8), ("region", "Florida", -6))
    leads = table(
        ["Company", "State", "Employees"],
        ["Acme", "PA", "30"], ["Bolt", "FL", "25"], ["Cog", "pa", "40"], ["Dyn", "Ohio", "12"],
    )  # fmt: skip
    for mapping in ({"region": "State"}, None):
        acme, bolt, cog, dyn = score_leads(leads, IcpProfile(rubric=rubric), mapping=mapping, warnings=[])
        assert (acme.score, bolt.score, cog.score, dyn.score) == (58, 44, 58, 50)


def test_a_lead_column_of_state_codes_meets_a_rule_of_another_state_column():
    # qa268: a lead's "State/Region: CA" and "California" scored 75.5 and 63.6 for the same venue
    rubric = rubric_of(["State/Region", "employees"], ("State/Region", "California", 8))
    leads = table(["Company", "State/Region", "Employees"], ["Acme", "CA", "30"], ["Bolt", "California", "25"],
                  ["Cog", "TN", "40"])  # fmt: skip
    acme, bolt, cog = score_leads(leads, IcpProfile(rubric=rubric), warnings=[])
    assert (acme.score, bolt.score, cog.score) == (58, 58, 50)


def test_a_lead_column_named_as_a_crm_fields_own_name_is_that_attribute_not_the_region():
    # qa228: the leads' "Locations" was read as the region, so the ICP's "Organization - Locations: 2+" (a Pipedrive
    # field) was missing on every lead, and a three-venue arena scored as a one-venue cafe
    rubric = Rubric(
        base=50,
        attributes=["Organization - Locations", "region"],
        rules=[
            RubricRule(attribute="Organization - Locations", value="2+", points=8),
            RubricRule(attribute="region", value="TX", points=1),
        ],
    )
    three, one = score_leads(
        table(["Organization", "Locations", "State"], ["Apex", "3", "TX"], ["Byte", "1", "TX"]),
        IcpProfile(rubric=rubric),
    )
    assert "Organization - Locations" not in three.missing
    assert three.score > one.score


def test_measures_no_lead_column_holds_are_said_beside_the_unread_columns_of_numbers():
    # qa283, qa284: the rubric's strongest rules ("Number of Sites", "Vets (FTE)"; "Offices") were missing on every
    # lead while the leads held them as "Locations", "DVMs", "Branches", with no word of it; and the leads' first
    # column ("Clinic") named no lead, so each was "line 2", "line 3"
    rubric = rubric_of(
        ["Number of Sites", "Vets (FTE)", "region"],
        ("Number of Sites", "2-8", 10),
        ("Vets (FTE)", "4-16", 5),
        ("region", "Ohio", 2),
    )
    leads = table(["Clinic", "Locations", "DVMs", "Region"], ["Fernhill Veterinary Group", "4", "11", "Ohio"],
                  ["Juniper Animal Hospitals", "3", "8", "Oregon"])  # fmt: skip
    warnings: list[str] = []
    fernhill, juniper = score_leads(leads, IcpProfile(rubric=rubric), warnings=warnings)
    assert (fernhill.name, juniper.name) == ("Fernhill Veterinary Group", "Juniper Animal Hospitals")
    assert any(
        "the rubric's 'Number of Sites', 'Vets (FTE)' are read from no lead column, and lead columns of numbers are "
        "not read: 'Locations', 'DVMs'"
        in w
        and "--map 'Number of Sites'=COLUMN" in w
        for w in warnings
    ), warnings
    # mapped, nothing is said; a period said either way is the measure's ("Monthly shipments")
    warnings = []
    mapping = {"Number of Sites": "Locations", "Vets (FTE)": "DVMs"}
    score_leads(leads, IcpProfile(rubric=rubric), mapping=mapping, warnings=warnings)
    assert not any("read from no lead column" in w for w in warnings)
    rubric = rubric_of(["Shipments per Month"], ("Shipments per Month", "600-1,099", 10))
    leads = table(["Organisation", "Monthly shipments"], ["Trent Valley", "900"], ["Solo", "40"])
    trent, solo = score_leads(leads, IcpProfile(rubric=rubric), warnings=[])
    assert trent.score > solo.score and trent.name == "Trent Valley"


def test_a_pooled_rule_names_the_leads_own_value():
    # qa306: a Texas lead's reason was "region Ohio, Indiana, Michigan, Kentucky, New York or 1 more like them -1.3"
    from icp_assist.score import score_values

    pooled = Rubric(
        base=50,
        rules=[
            RubricRule(
                attribute="region", value="Ohio, Indiana or 1 more like them", values=["Ohio", "Indiana", "Texas"],
                points=-1.3,
            )
        ],
    )  # fmt: skip
    (reason,) = score_values({"region": ["Texas"]}, pooled, lead_id="a").negatives
    assert reason.startswith("region Texas, of Ohio, Indiana or 1 more like them -1.3"), reason
