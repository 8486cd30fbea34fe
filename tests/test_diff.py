"""`icp-assist diff`: hand-built old and new ICPs and themes, one kind of change at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from icp_assist.diff import (
    DiffError,
    ProfileDiff,
    diff_files,
    diff_profiles,
    diff_themes,
    load_profile,
    load_themes,
    render_diff,
)
from icp_assist.errors import IcpAssistError
from icp_assist.models import Confidence, Criterion, Facet, IcpProfile, Rubric, RubricRule, Signal, Theme


def signal_criterion(
    attribute: str, value: str, *, n: int, lift: float, confidence: Confidence = "high"
) -> Criterion:
    rate = round(0.6 * lift, 3)
    signal = Signal(
        attribute=attribute, value=value, n=n, good=round(n * rate), rate=rate, base_rate=0.6, lift=lift,
        confidence=confidence, note=f"won/active {rate:.0%} vs 60% overall (n={n})",
    )  # fmt: skip
    return Criterion(
        attribute=attribute, value=value, reason=signal.note, confidence=confidence, signal=signal
    )


def theme_criterion(
    facet: Facet,
    label: str,
    *,
    interviews: int,
    respondents: int = 0,
    theme_id: str = "t1",
    confidence: Confidence = "medium",
) -> Criterion:
    reach = f"{interviews} interview{'s' * (interviews != 1)}"
    if respondents:
        reach += f" and {respondents} survey respondents"
    return Criterion(
        attribute=facet,
        value=label,
        reason=f"raised in {reach} (3 known accounts)",
        confidence=confidence,
        theme_id=theme_id,
    )


def committee(value: str, mentions: int) -> Criterion:
    return Criterion(
        attribute="decision_maker", value=value, reason=f"named in decision talk in {mentions} interviews/answers",
        confidence="medium",
    )  # fmt: skip


def theme(label: str, *, facet: Facet = "pain_point", interviews: int = 3, respondents: int = 0) -> Theme:
    return Theme(
        theme_id=f"id-{label}", facet=facet, label=label, keyphrases=label.split(" · "),
        interviews=interviews, respondents=respondents, accounts=2,
    )  # fmt: skip


@pytest.fixture
def old() -> IcpProfile:
    return IcpProfile(
        firmographics=[
            signal_criterion("industry", "Wholesale", n=20, lift=1.4),
            signal_criterion("employees", "200-999", n=30, lift=1.3, confidence="medium"),
        ],
        technographics=[signal_criterion("tech_stack", "QuickBooks Desktop", n=6, lift=1.2)],
        triggers=[theme_criterion("trigger", "funding round", interviews=3)],
        pain_points=[
            theme_criterion("pain_point", "month end close", interviews=4),
            theme_criterion("pain_point", "copy paste · spreadsheets", interviews=5),
        ],
        goals=[theme_criterion("goal", "audit trail · auditors", interviews=2, respondents=3)],
        buying_committee=[committee("CFO — economic buyer (signs off)", 6)],
        negative_signals=[signal_criterion("tech_stack", "SAP S/4HANA", n=7, lift=0.2)],
        rubric=Rubric(rules=[RubricRule(attribute="industry", value="Wholesale", points=8.0)]),
        counts={"interviews": 10, "respondents": 100, "accounts": 50},
    )


def test_identical_profiles_have_no_changes(old: IcpProfile) -> None:
    diff = diff_profiles(old, old.model_copy(deep=True))
    assert diff.empty
    assert render_diff(diff) == "No changes"


def test_new_theme_ids_alone_are_no_change(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    for criterion in new.pain_points + new.triggers + new.goals:
        criterion.theme_id = "rebuilt-hash"
    assert diff_profiles(old, new).empty


def test_criteria_added_removed_and_changed_show_old_and_new_numbers(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.technographics = [signal_criterion("tech_stack", "Sage Intacct", n=13, lift=1.5, confidence="medium")]
    new.firmographics[1] = signal_criterion("employees", "200-999", n=36, lift=1.6, confidence="high")
    lines = render_diff(diff_profiles(old, new)).splitlines()
    assert lines == [
        "~ firmographics: employees 200-999 n 30 → 36, rate 78% → 96%, lift 1.3× → 1.6×, confidence medium → high",
        "+ technographics: tech_stack Sage Intacct (n=13, lift 1.5×, medium confidence)",
        "- technographics: tech_stack QuickBooks Desktop (n=6, lift 1.2×, high confidence)",
    ]


def test_a_confidence_change_alone_is_a_change(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.firmographics[0].confidence = "low"
    (change,) = diff_profiles(old, new).changes
    assert (change.change, change.value) == ("changed", "Wholesale")
    assert change.old and change.old.confidence == "high" and change.new and change.new.confidence == "low"


def test_float_noise_is_no_change_but_a_small_real_change_shows_more_digits(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    assert new.firmographics[0].signal is not None
    new.firmographics[0].signal.lift = 1.4000000001
    assert diff_profiles(old, new).empty
    new.firmographics[0].signal.lift = 1.43
    assert "lift 1.40× → 1.43×" in render_diff(diff_profiles(old, new))


def test_themes_appear_vanish_rise_and_fall_with_counts_from_the_reason(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.triggers = [
        theme_criterion("trigger", "new CFO hired", interviews=2, theme_id="t-new")
    ]  # a new theme
    new.pain_points = [
        theme_criterion("pain_point", "month end close", interviews=9, theme_id="other"),
        theme_criterion("pain_point", "copy paste · spreadsheets", interviews=3),
    ]
    new.goals = [theme_criterion("goal", "audit trail · auditors", interviews=2, respondents=1)]
    diff = diff_profiles(old, new)
    assert [(c.section, c.change, c.value) for c in diff.changes] == [
        ("triggers", "appeared", "new CFO hired"),
        ("triggers", "vanished", "funding round"),
        ("pain_points", "rose", "month end close"),
        ("pain_points", "fell", "copy paste · spreadsheets"),
        ("goals", "fell", "audit trail · auditors"),
    ]
    assert render_diff(diff).splitlines() == [
        "+ triggers: new CFO hired (2 interviews, 3 known accounts, medium confidence)",
        "- triggers: funding round (3 interviews, 3 known accounts, medium confidence)",
        "~ pain_points: month end close 4 → 9 interviews",
        "~ pain_points: copy paste · spreadsheets 5 → 3 interviews",
        "~ goals: audit trail · auditors 3 → 1 survey respondents",
    ]


def test_a_reworded_theme_matches_on_half_its_words(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.pain_points[0] = theme_criterion("pain_point", "Month-end close · closing", interviews=6)
    (change,) = diff_profiles(old, new).changes
    assert (change.change, change.value, change.old_value) == (
        "rose",
        "Month-end close · closing",
        "month end close",
    )
    assert render_diff(diff_profiles(old, new)) == (
        "~ pain_points: Month-end close · closing (was month end close) 4 → 6 interviews"
    )


def test_a_theme_sharing_under_half_its_words_is_a_different_theme(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.pain_points[0] = theme_criterion("pain_point", "close takes weeks · late", interviews=4)
    kinds = [(c.change, c.value) for c in diff_profiles(old, new).changes]
    assert kinds == [("appeared", "close takes weeks · late"), ("vanished", "month end close")]


def test_a_relabelled_theme_line_pairs_by_its_theme_id(old: IcpProfile) -> None:
    # A new-market tester: the top trigger was relabelled between builds; themes.json's diff said renamed, the
    # profile's said one line vanished and another appeared.
    old.triggers[0].theme_id = "t-1"
    new = old.model_copy(deep=True)
    new.triggers[0] = theme_criterion("trigger", "every EU prospect asked for ISO 27001", interviews=3)
    new.triggers[0].theme_id = "t-1"
    (change,) = diff_profiles(old, new).changes
    assert (change.change, change.value, change.old_value) == (
        "changed", "every EU prospect asked for ISO 27001", "funding round"
    )  # fmt: skip


def test_fuzzy_matching_stays_within_a_facet(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.triggers = []
    new.goals.append(theme_criterion("goal", "funding round", interviews=3))
    kinds = [(c.section, c.change) for c in diff_profiles(old, new).changes]
    assert kinds == [("triggers", "vanished"), ("goals", "appeared")]


def test_buying_committee_rises_by_interviews_and_answers(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.buying_committee = [committee("CFO — economic buyer (signs off)", 9)]
    assert render_diff(diff_profiles(old, new)) == (
        "~ buying_committee: CFO — economic buyer (signs off) 6 → 9 interviews/answers"
    )


def test_a_committee_line_of_other_interviews_counts_them(old: IcpProfile) -> None:
    # qa301, qa303: "Varies by account (…) — champion … 1 → 0 interviews/answers" where the line said "in 2 other
    # interviews/answers": the count was not read
    new = old.model_copy(deep=True)
    new.buying_committee = [
        Criterion(
            attribute="decision_maker", value="CFO — economic buyer (signs off)", confidence="medium",
            reason="signs or owns the budget in 8 other interviews/answers, no one title in more than one",
        )
    ]  # fmt: skip
    assert render_diff(diff_profiles(old, new)) == (
        "~ buying_committee: CFO — economic buyer (signs off) 6 → 8 interviews/answers"
    )


def test_negative_signals_show_attribute_and_move_by_accounts(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.negative_signals = [
        signal_criterion("tech_stack", "SAP S/4HANA", n=11, lift=0.2),
        signal_criterion("tech_stack", "SAP Business One", n=5, lift=0.3),
    ]
    # "SAP Business One" shares a word with "SAP S/4HANA", but firmographic values match exactly or not at all.
    assert render_diff(diff_profiles(old, new)).splitlines() == [
        "+ negative_signals: tech_stack SAP Business One (n=5, lift 0.3×, high confidence)",
        "~ negative_signals: tech_stack SAP S/4HANA n 7 → 11",
    ]


def test_rubric_rules_and_base(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.rubric = Rubric(
        base=55,
        rules=[
            RubricRule(attribute="industry", value="Wholesale", points=12.5),
            RubricRule(attribute="tech_stack", value="NetSuite", points=10),
        ],
    )
    assert render_diff(diff_profiles(old, new)).splitlines() == [
        "+ rubric: tech_stack NetSuite (+10 points)",
        "~ rubric: industry Wholesale +8 → +12.5 points",
        "~ rubric: base 50 → 55",
    ]
    new.rubric.rules = []
    assert render_diff(diff_profiles(old, new)).splitlines()[0] == "- rubric: industry Wholesale (+8 points)"


def test_counts(old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.counts = {"interviews": 14, "respondents": 100, "themes": 40}
    assert render_diff(diff_profiles(old, new)).splitlines() == [
        "~ counts: interviews 10 → 14",
        "- counts: accounts (was 50)",
        "+ counts: themes 40",
    ]


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_diff_files_reads_what_build_writes(tmp_path: Path, old: IcpProfile) -> None:
    new = old.model_copy(deep=True)
    new.counts["interviews"] = 12
    diff = diff_files(
        write(tmp_path / "old.json", old.model_dump(mode="json")),
        write(tmp_path / "new.json", new.model_dump(mode="json")),
    )
    assert render_diff(diff) == "~ counts: interviews 10 → 12"
    assert ProfileDiff.model_validate_json(diff.model_dump_json()) == diff


def test_diff_files_compares_themes_json_by_label(tmp_path: Path) -> None:
    before = [
        theme("invoice approvals · approvers", interviews=2),
        theme("funding round", facet="trigger"),
        theme("late close"),
    ]
    after = [
        theme("invoice approvals · approvers", interviews=3, respondents=4),
        theme("funding round", facet="trigger", interviews=1),
        theme("late close · closing late", interviews=3),
        theme("new auditor", facet="trigger"),
    ]
    old_file = write(tmp_path / "themes-q1.json", [t.model_dump(mode="json") for t in before])
    new_file = write(tmp_path / "themes-q2.json", [t.model_dump(mode="json") for t in after])
    diff = diff_files(old_file, new_file)
    assert diff.kind == "themes"
    assert render_diff(diff).splitlines() == [
        "+ trigger: new auditor (3 interviews, 2 known accounts)",
        "~ pain_point: invoice approvals · approvers 2 → 3 interviews, 0 → 4 survey respondents",
        "~ trigger: funding round 3 → 1 interviews",
        "~ pain_point: late close · closing late (was late close)",
    ]
    assert diff_themes(before, before).empty


def test_load_profile_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DiffError, match=r"nope\.json: no such file"):
        load_profile(tmp_path / "nope.json")


def test_load_profile_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DiffError, match="is a folder"):
        load_profile(tmp_path)


def test_load_profile_reports_invalid_json_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "icp.json"
    path.write_text('{"firmographics": [', encoding="utf-8")
    with pytest.raises(DiffError, match=r"icp\.json: not valid JSON \(.* line 1 column 20\)"):
        load_profile(path)


def test_load_profile_names_the_first_schema_error(tmp_path: Path) -> None:
    path = write(tmp_path / "icp.json", {"firmographics": [{"attribute": "industry", "value": "Retail"}]})
    with pytest.raises(DiffError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message
    assert "firmographics[0].reason: Field required (and 1 more)" in message
    assert isinstance(caught.value, IcpAssistError)


def test_load_profile_refuses_some_other_json_object(tmp_path: Path) -> None:
    with pytest.raises(DiffError, match=r"not an icp\.json"):
        load_profile(write(tmp_path / "package.json", {"name": "x"}))


def test_load_themes_names_the_bad_theme(tmp_path: Path) -> None:
    path = write(tmp_path / "themes.json", [theme("a").model_dump(mode="json"), {"label": "b"}])
    with pytest.raises(
        DiffError, match=r"themes\.json: not a valid themes\.json: \[1\]\.theme_id: Field required"
    ):
        load_themes(path)


def test_an_icp_cannot_be_compared_with_themes(tmp_path: Path, old: IcpProfile) -> None:
    icp = write(tmp_path / "icp.json", old.model_dump(mode="json"))
    themes = write(tmp_path / "themes.json", [])
    with pytest.raises(DiffError, match=r"give two icp\.json files or two themes\.json files"):
        diff_files(icp, themes)


def test_the_whole_story_is_compared_objections_competitors_and_reasons_too(old: IcpProfile) -> None:
    # A survey-only tester: the icp.json diff left out objections, churn reasons and competitors.
    new = old.model_copy(deep=True)
    new.objections = [
        theme_criterion("objection", "SSO only on the enterprise plan", interviews=0, respondents=9)
    ]
    new.churn_reasons = [theme_criterion("churn_reason", "Moved to Statsig", interviews=2, theme_id="c1")]
    weighed = "named as weighed in 12 interviews/answers"
    new.competitors = [
        Criterion(attribute="competitor", value="LaunchDarkly", reason=weighed, confidence="high")
    ]
    shown = render_diff(diff_profiles(old, new))
    assert "+ objections: SSO only on the enterprise plan" in shown
    assert "+ churn_reasons: Moved to Statsig" in shown and "+ competitors: LaunchDarkly" in shown
    again = new.model_copy(deep=True)
    again.objections[0].reason = "raised by 11 survey respondents (3 known accounts)"
    assert render_diff(diff_profiles(new, again)) == (
        "~ objections: SSO only on the enterprise plan 9 → 11 survey respondents"
    )


def test_a_competitor_ticked_in_a_new_survey_shows_only_what_changed(old: IcpProfile) -> None:
    # qa20: "~ competitors: TempWorks 0 → 0 interviews, 0 → 37 survey respondents" beside "4 interviews/answers"
    said = Criterion(attribute="competitor", value="TempWorks", reason="named as weighed in 4 interviews/answers",
                     confidence="medium")  # fmt: skip
    ticked = said.model_copy(
        update={
            "reason": said.reason
            + " and ticked by 37 survey respondents in 'Which other tools did you evaluate?'"
        }
    )
    before, after = old.model_copy(deep=True), old.model_copy(deep=True)
    before.competitors, after.competitors = [said], [ticked]
    assert render_diff(diff_profiles(before, after)).splitlines() == [
        "~ competitors: TempWorks 0 → 37 survey respondents"
    ]


def test_a_theme_cut_again_with_a_new_id_and_label_is_the_same_theme_when_it_quotes_the_same_statements() -> (
    None
):
    # qa280, qa281: a survey re-exported and the old export forgotten; unchanged complaints were cut again under new
    # ids and labels, and `diff` showed "- Report builder" and "+ The report builder is clunky"
    from icp_assist.models import Evidence

    said = [f"The report builder is clunky for custom report number {n}." for n in range(8)]

    def quoted(doc: str, texts: list[str]) -> list[Evidence]:
        return [Evidence(document=doc, title=doc, kind="survey_response", speaker="R", start=0, end=len(t), quote=t)
                for t in texts]  # fmt: skip

    before = theme("Report builder", facet="complaint", interviews=0, respondents=10)
    before.members = quoted("old.csv#1", said)
    after = theme("Exports to Excel for anything custom", facet="complaint", interviews=0, respondents=14)
    after.members = quoted("new.csv#1", [*said, "Reports are very basic."])
    (change,) = diff_themes([before], [after]).changes
    assert (change.change, change.old_value, change.value) == (
        "rose",
        "Report builder",
        "Exports to Excel for anything custom",
    )
    # themes that quote other statements stay apart
    after.members = quoted("new.csv#1", ["Reports are very basic.", "Dashboards are slow."])
    assert {c.change for c in diff_themes([before], [after]).changes} == {"appeared", "vanished"}


def test_a_line_pushed_off_a_sections_list_is_told_so_where_its_theme_stands(
    tmp_path: Path, old: IcpProfile
) -> None:
    # qa283: "- complaints: Price went up at renewal" read as a complaint customers stopped making, when another had
    # only pushed it out of the page's first four (still 8 respondents' theme in themes.json)
    new = old.model_copy(deep=True)
    new.pain_points = [
        theme_criterion("pain_point", "month end close", interviews=4),
        theme_criterion("pain_point", "approval chasing", interviews=6, theme_id="t9"),
    ]
    for folder, profile, themes in (
        (
            "q1",
            old,
            [theme("copy paste · spreadsheets", interviews=5), theme("approval chasing", interviews=2)],
        ),
        (
            "q2",
            new,
            [theme("copy paste · spreadsheets", interviews=5), theme("approval chasing", interviews=6)],
        ),
    ):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "icp.json", profile.model_dump(mode="json"))
        write(tmp_path / folder / "themes.json", [t.model_dump(mode="json") for t in themes])
    lines = render_diff(diff_files(tmp_path / "q1" / "icp.json", tmp_path / "q2" / "icp.json")).splitlines()
    assert (
        "+ pain_points: approval chasing (6 interviews, 3 known accounts, medium confidence) newly on the page's "
        "list; a theme already (2 interviews, 2 known accounts) in the old themes.json"
    ) in lines, lines
    assert (
        "- pain_points: copy paste · spreadsheets (5 interviews, 3 known accounts, medium confidence) off the "
        "page's list; still a theme (5 interviews, 2 known accounts) in themes.json"
    ) in lines, lines
    # (without themes.json beside them, as before)
    plain = render_diff(diff_profiles(old, new)).splitlines()
    assert (
        "- pain_points: copy paste · spreadsheets (5 interviews, 3 known accounts, medium confidence)"
        in plain
    )


def test_a_reason_the_crm_records_for_more_accounts_is_a_change(old: IcpProfile) -> None:
    # qa284: "Churn - Acquired by group" went from 1 to 2 of the churned accounts, and the diff said nothing
    def recorded(n: int) -> Criterion:
        return Criterion(
            attribute="churn_reason",
            value="Churn - Acquired by group",
            reason=f"recorded in the CRM's 'Loss Reason' for {n} of the 5 churned accounts",
            confidence="low",
        )

    before, after = old.model_copy(deep=True), old.model_copy(deep=True)
    before.churn_reasons, after.churn_reasons = [recorded(1)], [recorded(2)]
    assert render_diff(diff_profiles(before, after)).splitlines() == [
        "~ churn_reasons: Churn - Acquired by group recorded for 1 → 2 accounts"
    ]


def grouped(theme_id: str, label: str, documents: list[str]) -> Theme:
    """A theme of these interviews, each its own account."""
    return Theme(
        theme_id=theme_id, facet="trigger", label=label, interviews=len(documents), respondents=0,
        accounts=len(documents), documents=documents,
    )  # fmt: skip


def test_a_theme_that_rose_says_how_many_of_its_new_sources_the_earlier_build_had_grouped_elsewhere():
    # qa291: "Keg problem would triple 4 → 7 interviews" after two interviews were added, two of its three more
    # interviews of the earlier build whose statements the new cut grouped here
    old = [grouped("t1", "Keg problem", ["a", "b", "c", "d"]), grouped("t2", "New taproom", ["e", "f"])]
    new = [
        grouped("t1", "Keg problem", ["a", "b", "c", "d", "e", "f", "new"]),
        grouped("t2", "New taproom", ["e", "f"]),
    ]
    (rose,) = diff_themes(old, new).changes
    assert rose.change == "rose" and rose.regrouped == 2
    assert render_diff(diff_themes(old, new)).endswith(
        "4 → 7 interviews, 4 → 7 known accounts (of the 3 it gained, 2 in the earlier build's themes, regrouped "
        "here; 1 new)"
    )
    # and a rise all of the earlier build's says so (qa304: "2 sources of the earlier build among them: … nothing
    # new said" of a rise of four, two of them new interviews, read as if nothing new were said)
    regrouped_only = [grouped("t1", "Keg problem", ["a", "b", "c", "d", "e", "f"]), old[1]]
    assert render_diff(diff_themes(old, regrouped_only)).endswith(
        "(all 2 it gained in the earlier build's themes: regrouped here, nothing new said)"
    )
    only_new = [grouped("t1", "Keg problem", ["a", "b", "c", "d", "new"]), old[1]]
    assert diff_themes(old, only_new).changes[0].regrouped is None


def test_a_theme_new_to_this_build_says_how_many_of_its_sources_the_earlier_build_had_grouped_elsewhere():
    # qa295: "+ pain_points: Calling customers (7 interviews …)" after three interviews were added, four of its
    # sources the earlier build's; qa296: a reason of nine respondents, six of them the earlier build's
    old = [grouped("t1", "Phones", ["a", "b"]), grouped("t2", "Server", ["c", "d"])]
    new = [*old, grouped("t3", "Calling customers", ["a", "c", "new1", "new2"])]
    (appeared,) = [c for c in diff_themes(old, new).changes if c.change == "appeared"]
    assert appeared.regrouped == 2 and appeared.sources == 4
    assert (
        render_diff(diff_themes(old, new))
        .splitlines()[0]
        .endswith("(2 of its 4 sources in the earlier build's themes: regrouped here)")
    )
    only_old = [*old, grouped("t3", "Calling customers", ["a", "c"])]
    assert (
        "(all 2 of its sources in the earlier build's themes: regrouped here, nothing new said)"
        in render_diff(diff_themes(old, only_old))
    )
    only_new = [*old, grouped("t3", "Calling customers", ["new1", "new2"])]
    assert "regrouped" not in render_diff(diff_themes(old, only_new))


def test_a_survey_respondent_regrouped_is_known_by_id_whatever_file_the_survey_was_exported_to():
    # qa293: the survey re-exported to a new file, its respondents the same people
    def grouped(theme_id: str, documents: list[str]) -> Theme:
        return Theme(
            theme_id=theme_id, facet="reason_chosen", label=theme_id, interviews=0, respondents=len(documents),
            accounts=0, documents=documents,
        )  # fmt: skip

    old = [grouped("queue", ["March.csv#R1", "March.csv#R2"]), grouped("price", ["March.csv#R3"])]
    new = [grouped("queue", ["April.csv#R1", "April.csv#R2", "April.csv#R3", "April.csv#R9"])]
    (rose,) = [c for c in diff_themes(old, new).changes if c.change == "rose"]
    assert rose.regrouped == 1  # R3, of the earlier build's "price"; R9 is new
