"""The render stage: one-page HTML and Markdown profiles, footnoted evidence, and safe custom templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape

from icp_assist.errors import IcpAssistError
from icp_assist.models import (
    Criterion,
    Evidence,
    IcpProfile,
    Persona,
    ProfileReport,
    Saturation,
    Signal,
    ThemePoint,
)
from icp_assist.render import Format, RenderError, markdown_text, percent, render_profile, write_profile

BRIGHTLINE = "samples/interviews/brightline_call.md"
HALVERSON = "samples/interviews/halverson_call.md"
SURVEY = "samples/survey/q3_survey.csv"


def quote(document: str, speaker: str, start: int, text: str, *, title: str | None = None) -> Evidence:
    kind = "survey_response" if "#" in document else "interview"
    return Evidence(
        document=document,
        title=title or Path(document.split("#")[0]).name,
        kind=kind,
        speaker=speaker,
        start=start,
        end=start + len(text),
        quote=text,
    )


SPREADSHEETS = quote(BRIGHTLINE, "Maria Okafor", 412, "Honestly we were drowning in spreadsheets.")
MONTH_END = quote(BRIGHTLINE, "Maria Okafor", 470, "month-end took eleven days")
CFO = quote(BRIGHTLINE, "Maria Okafor", 620, "Our CFO signed off once IT finished the security review.")
AUDIT = quote(HALVERSON, "Dev Ramirez", 233, "The auditors flagged our Q&A process around approvals twice.")
NETSUITE = quote(
    HALVERSON, "Dev Ramirez", 801, "We are on NetSuite and the connector was the deciding factor."
)
SCRIPT = quote(
    f"{SURVEY}#r17", "respondent 17", 0, "Our old tool let <script>alert(1)</script> into invoices."
)
TOO_SMALL = quote(f"{SURVEY}#r4", "respondent 4", 0, "We are six people; we pay invoices by phone.")


def signal(attribute: str, value: str, n: int, good: int) -> Signal:
    rate = good / n
    return Signal(
        attribute=attribute,
        value=value,
        n=n,
        good=good,
        rate=rate,
        base_rate=0.55,
        lift=rate / 0.55,
        confidence="high" if n >= 10 else "medium",
    )


def criterion(attribute: str, value: str, reason: str, *evidence: Evidence, **extra: object) -> Criterion:
    return Criterion.model_validate(
        {
            "attribute": attribute,
            "value": value,
            "reason": reason,
            "confidence": "medium",
            "evidence": evidence,
        }
        | extra
    )


def make_report() -> ProfileReport:
    profile = IcpProfile(
        summary=[
            "Mid-market wholesale distributors with 3+ AP clerks keying invoices by hand.",
            "Buying starts after an audit finding or a slow month-end close.",
        ],
        firmographics=[
            criterion(
                "industry",
                "Wholesale distribution",
                "Won 9 of 11 distributors.",
                SPREADSHEETS,
                confidence="high",
                signal=signal("industry", "Wholesale distribution", 11, 9),
            ),
            criterion("employees", "200–1,000", "Large enough for a dedicated AP team.", AUDIT),
        ],
        technographics=[
            criterion(
                "tech_stack",
                "NetSuite",
                "The connector decided deals.",
                NETSUITE,
                signal=signal("tech_stack", "NetSuite", 8, 7),
            ),
            criterion("tech_stack", "Excel-based AP", "Manual keying is the pain we remove.", SPREADSHEETS),
        ],
        triggers=[
            criterion("theme", "Audit finding on approvals", "Raised in 4 interviews.", AUDIT),
            criterion("theme", "Month-end close over a week", "Raised in 5 interviews.", MONTH_END),
        ],
        buying_committee=[
            criterion("theme", "CFO signs, IT reviews security", "Every won deal had both.", CFO),
            criterion("theme", "Controller champions", "Controllers started 6 of 9 evaluations.", MONTH_END),
        ],
        pain_points=[
            criterion(
                "theme", "Manual invoice keying", "Raised by 7 interviews, 12 respondents.", SPREADSHEETS
            ),
            criterion("theme", "Unsafe legacy tool", "Security incidents in the old tool.", SCRIPT),
        ],
        goals=[criterion("theme", "Close the books in 3 days", "Stated by 4 controllers.", MONTH_END)],
        objections=[criterion("objection", "Worried about the ERP sync", "raised in 3 interviews", NETSUITE)],
        competitors=[criterion("competitor", "Bill.com", "named as weighed in 4 interviews/answers", AUDIT)],
        alternatives=[
            criterion("alternative", "Stay on spreadsheets", "raised in 2 interviews", SPREADSHEETS)
        ],
        outcomes=[criterion("outcome", "Close in five days", "raised in 5 interviews", MONTH_END)],
        churn_reasons=[
            criterion("churn_reason", "Too few invoices", "raised in 2 interviews; churned 2", TOO_SMALL)
        ],
        loss_reasons=[
            criterion("loss_reason", "Stayed with the ERP module", "raised in 2 interviews; lost 2", CFO)
        ],
        negative_signals=[
            criterion(
                "employees",
                "Under 20",
                "Too few invoices to pay back.",
                TOO_SMALL,
                confidence="low",
                signal=signal("employees", "<20", 5, 1),
            ),
        ],
        saturation=Saturation(
            new_themes_per_interview=[5, 3, 2, 1, 0, 0], new_in_last=0, window=3, verdict="Saturated"
        ),
        counts={"interviews": 6, "respondents": 40, "accounts": 25},
        warnings=["Goals rest on one theme; interview more finance leads."],
    )
    personas = [
        Persona(
            name="Finance lead",
            roles=["Controller", "CFO"],
            sources=7,
            quotes=[CFO, SPREADSHEETS],
            highlights=["Month-end close"],
        ),
        Persona(name="IT reviewer", roles=["IT manager"], sources=1, quotes=[NETSUITE]),
    ]
    return ProfileReport(
        profile=profile, personas=personas, generated_at="2025-06-01T09:30:00Z", analyzer="offline"
    )


CITED = [SPREADSHEETS, AUDIT, NETSUITE, MONTH_END, CFO, SCRIPT, TOO_SMALL]


@pytest.fixture
def report() -> ProfileReport:
    return make_report()


def evidence_part(text: str, heading: str) -> str:
    return text[text.index(heading) :]


def test_percent() -> None:
    assert percent(0.83) == "83%"
    assert percent(1.0) == "100%"


def test_markdown_text_is_one_line_with_markup_escaped() -> None:
    assert markdown_text("see [docs](x)\n  and *this* <b>") == r"see \[docs\](x) and \*this\* \<b\>"
    assert markdown_text("tech_stack in _calls_.md") == r"tech_stack in \_calls\_.md"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_both_formats_show_every_section(report: ProfileReport, fmt: Format) -> None:
    text = render_profile(report, fmt=fmt)
    for heading in [
        "Ideal Customer Profile",
        "Summary",
        "Firmographics",
        "Technographics",
        "Buying triggers",
        "Buying committee",
        "Pain points",
        "Goals",
        "Negative signals / anti-ICP",
        "Objections",
        "Bill.com",
        "Stay on spreadsheets",
        "Outcomes customers got",
        "Churn reasons",
        "Loss reasons",
        "Personas",
        "Saturation",
        "Warnings",
        "Evidence",
    ]:
        assert heading in text
    for shown in [
        "Wholesale distribution",
        "Finance lead",
        "IT reviewer",
        "Saturated",
        "2025-06-01T09:30:00Z",
    ]:
        assert shown in text
    assert "40 respondents" in text
    assert "n=11, 82% won/active" in text.replace(" · ", ", ")
    assert "No evidence yet" not in text


def test_html_is_one_print_ready_page(report: ProfileReport) -> None:
    html = render_profile(report, fmt="html")
    assert "@page { size: A4; margin: 12mm; }" in html
    assert "@media print" in html
    assert "break-before: page" in html
    assert "<script" not in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "no external assets"
    assert html.count('class="badge badge-high"') == 1


def test_html_footnotes_number_each_quote_once_and_link_to_anchors(report: ProfileReport) -> None:
    html = render_profile(report, fmt="html")
    body, notes = html.split('<section class="evidence">')
    links = set(re.findall(r'<sup><a href="#ev-(\d+)">\1</a></sup>', body))
    anchors = re.findall(r'<li id="ev-(\d+)"><span class="n">\[\1\]</span>', notes)
    assert anchors == [str(n) for n in range(1, len(CITED) + 1)]
    assert links == set(anchors)
    assert (
        len(re.findall(r"<sup>", body)) == 19
    )  # one per citation (six story sections), and the first quote of the persona that has something to say
    for ev in CITED:
        assert notes.count(f"“{escape(ev.quote)}”") == 1
    first = notes.split("</li>")[0]
    assert (
        "— Maria Okafor, brightline_call.md (samples/interviews/brightline_call.md), chars 412–454" in first
    )


def test_markdown_footnotes_are_defined_once_for_each_reference(report: ProfileReport) -> None:
    md = render_profile(report, fmt="md")
    body, notes = md.split("## Evidence")
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", body))
    definitions = re.findall(r"^\[\^(\d+)\]: “", notes, flags=re.MULTILINE)
    assert definitions == [str(n) for n in range(1, len(CITED) + 1)]
    assert refs == set(definitions)
    assert notes.count("Honestly we were drowning in spreadsheets.") == 1


def test_html_escapes_quotes_but_markdown_keeps_ordinary_text(report: ProfileReport) -> None:
    html = render_profile(report, fmt="html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Q&amp;A" in html
    md = render_profile(report, fmt="md")
    assert "Q&A" in md
    assert "&amp;" not in md and "&lt;" not in md
    assert r"\<script\>" in md  # Markdown escaping keeps a quote from turning into raw HTML


def test_empty_sections_say_no_evidence_yet() -> None:
    empty = ProfileReport(profile=IcpProfile())
    html = render_profile(empty, fmt="html")
    md = render_profile(empty, fmt="md")
    # summary, seven criteria sections, saturation, and the six parts of the buying story; personas say why
    assert html.count("No evidence yet.") == 15
    assert md.count("_No evidence yet._") == 15
    assert "no persona is drawn yet" in html and "no persona is drawn yet" in md
    assert "No quotes cited." in html and "No quotes cited." in md
    # qa306: "Warnings: None: every part has enough evidence." beside four sections marked thin
    assert "enough evidence" not in html and "enough evidence" not in md


def test_custom_template_missing_field_names_template_and_field(
    report: ProfileReport, tmp_path: Path
) -> None:
    custom = tmp_path / "custom.html.j2"
    custom.write_text("<h1>ICP</h1>\n<p>{{ report.analyzer }}</p>\n<p>{{ report.profile.budget }}</p>\n")
    with pytest.raises(RenderError) as info:
        render_profile(report, fmt="html", template=custom)
    assert isinstance(info.value, IcpAssistError)
    message = str(info.value)
    assert message.startswith("template custom.html.j2 line 3:")
    assert "'budget'" in message


def test_syntax_error_names_the_line(report: ProfileReport, tmp_path: Path) -> None:
    custom = tmp_path / "broken.md.j2"
    custom.write_text("# ICP\n\n{% for c in report.profile.goals %}\n- {{ c.value }\n{% endfor %}\n")
    with pytest.raises(RenderError, match=r"template broken\.md\.j2 line 4: syntax error"):
        render_profile(report, fmt="md", template=custom)


def test_sandbox_blocks_python_internals(report: ProfileReport, tmp_path: Path) -> None:
    custom = tmp_path / "sneaky.html.j2"
    custom.write_text("{{ report.__class__.__mro__ }}")
    with pytest.raises(RenderError, match=r"sneaky\.html\.j2 line 1: .*unsafe"):
        render_profile(report, fmt="html", template=custom)


def test_custom_template_can_extend_siblings_and_builtins(report: ProfileReport, tmp_path: Path) -> None:
    (tmp_path / "base.md.j2").write_text("# {{ report.analyzer }}\n{% block body %}{% endblock %}\n")
    child = tmp_path / "child.md.j2"
    child.write_text('{% extends "base.md.j2" %}{% block body %}{{ report.personas | length }}{% endblock %}')
    assert (
        render_profile(report, fmt="md", template=child) == "# offline\n2"
    )  # trim_blocks eats the newline after a block tag

    branded = tmp_path / "branded.html.j2"
    branded.write_text(
        '{% extends "builtin/profile.html.j2" %}{% block header %}<h1>Acme ICP</h1>{% endblock %}'
    )
    html = render_profile(report, fmt="html", template=branded)
    assert "<h1>Acme ICP</h1>" in html and 'id="ev-7"' in html


def test_missing_template_file_or_include(report: ProfileReport, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"nope\.html\.j2 not found"):
        render_profile(report, fmt="html", template=tmp_path / "nope.html.j2")
    custom = tmp_path / "custom.md.j2"
    custom.write_text('{% include "footer.md.j2" %}')
    with pytest.raises(RenderError, match=r"template custom\.md\.j2: cannot find template 'footer\.md\.j2'"):
        render_profile(report, fmt="md", template=custom)


def test_write_profile_writes_both_files(report: ProfileReport, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_profile(report, out)
    assert written == [out / "profile.html", out / "profile.md"]
    assert written[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert written[1].read_text(encoding="utf-8").startswith("# Ideal Customer Profile")
    assert sorted(p.name for p in out.iterdir()) == ["profile.html", "profile.md"]


def test_custom_template_replaces_only_its_format(report: ProfileReport, tmp_path: Path) -> None:
    custom = tmp_path / "templates" / "short.md.j2"
    custom.parent.mkdir()
    custom.write_text("{{ report.personas | length }} personas\n")
    html, md = write_profile(report, tmp_path / "out", template=custom)
    assert md.read_text(encoding="utf-8") == "2 personas\n"
    assert "Ideal Customer Profile" in html.read_text(encoding="utf-8")


def test_failing_custom_template_leaves_existing_files_untouched(
    report: ProfileReport, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    write_profile(report, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    custom = tmp_path / "custom.html.j2"
    custom.write_text("<p>{{ report.profile.budget }}</p>")
    with pytest.raises(RenderError, match="budget"):
        write_profile(make_report().model_copy(update={"analyzer": "openai:gpt-4o"}), out, template=custom)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_template_of_unknown_format_is_refused(report: ProfileReport, tmp_path: Path) -> None:
    custom = tmp_path / "profile.txt"
    custom.write_text("{{ report.analyzer }}")
    with pytest.raises(RenderError, match=r"name it \*\.html\.j2 or \*\.md\.j2"):
        write_profile(report, tmp_path / "out", template=custom)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_an_empty_goals_section_says_why_on_the_page(fmt: Format) -> None:
    from icp_assist.profile import draft_profile

    profile = draft_profile(
        themes=[], firmographic=[], by_theme=[], committee=[], saturation=None, counts={"interviews": 3}
    )
    page = render_profile(ProfileReport(profile=profile), fmt=fmt)
    goals = page[page.index("Goals") : page.index("Buying committee" if fmt == "html" else "Objections")]
    assert "No goal statements recur in two or more interviews/answers yet." in goals
    assert "No evidence yet." not in goals


def test_the_header_counts_are_in_a_readers_words():
    # A new-market tester: the header read "30 accounts_with_outcome · 299 customer_units".
    report = make_report()
    report.profile.counts.update({"accounts_with_outcome": 30, "customer_units": 299})
    for fmt in ("md", "html"):
        page = render_profile(report, fmt=fmt)
        assert "30 accounts with a known outcome" in page and "299 customer statements" in page
        assert "accounts_with_outcome" not in page and "customer_units" not in page


def test_personas_with_nothing_to_say_are_one_line_not_a_page_each(report: ProfileReport) -> None:
    # A new-market tester: nine personas, each saying "Nothing this role raises stands out", filled the page.
    for fmt in ("md", "html"):
        page = render_profile(report, fmt=fmt)
        assert "Finance lead" in page and "Month-end close" in page
        assert (
            "Also heard from, with nothing that stands out from the other roles yet: IT reviewer (1 source)."
            in page
        )
        assert "IT manager" not in page  # its roles and quote are not drawn as a persona


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_headings_a_survey_asked_show_only_where_one_asked(fmt: Format) -> None:
    said = quote("pulse.csv#R1", "R1", 0, "Change orders signed on the spot")
    asked = IcpProfile(
        reasons_chosen=[
            criterion("theme", "Change orders signed on the spot", "raised by 32 respondents", said)
        ],
        complaints=[criterion("theme", "Offline sync", "raised by 23 respondents", said)],
    )
    page = render_profile(ProfileReport(profile=asked), fmt=fmt)
    assert "Why customers chose it" in page and "Complaints about it today" in page
    assert "Change orders signed on the spot" in page and "Offline sync" in page
    empty = render_profile(ProfileReport(profile=IcpProfile()), fmt=fmt)
    assert "Why customers chose it" not in empty and "Complaints about it today" not in empty


def test_an_attribute_is_shown_without_its_exports_prefix() -> None:
    # qa15, qa12: "Best-fit accounts: custom.Agency Type Performance / PPC", "Deal - Active projects 12-31"
    from icp_assist.models import shown_attribute

    assert shown_attribute("custom.Agency Type") == "Agency Type"
    assert shown_attribute("Organization - Number of sites") == "Number of sites"
    assert shown_attribute("tech_stack") == "tech stack" and shown_attribute("Deal Type") == "Deal Type"


def test_the_markdown_profile_shows_the_scoring_rubric(report: ProfileReport) -> None:
    # qa155: the page a marketer signs said nothing of the industries that moved every lead's score by 14 points
    from icp_assist.models import Rubric, RubricRule

    rubric = Rubric(
        base=50,
        rules=[
            RubricRule(
                attribute="industry", value="Immigration", points=-14.3, reason="won/active 0% (n=14)"
            ),
            RubricRule(attribute="revenue", value="$4.4M-$11M", points=11.5, reason="won/active 77% (n=13)"),
        ],
    )
    report = report.model_copy(update={"profile": report.profile.model_copy(update={"rubric": rubric})})
    md = render_profile(report, fmt="md")
    scoring = md[md.index("## Lead scoring") :]
    assert "Each lead starts at 50" in scoring
    assert scoring.index("revenue: $4.4M-$11M** +11.5") < scoring.index("industry: Immigration** -14.3")
    empty = report.model_copy(update={"profile": report.profile.model_copy(update={"rubric": Rubric()})})
    assert "_No scoring rubric" in render_profile(empty, fmt="md")


def test_the_lead_scoring_section_says_what_a_best_fit_lead_scores_and_which_rules_are_one_fact(
    report: ProfileReport,
) -> None:
    # qa304: the page listed "Business Type: Boutique Fitness or Gym Chain +10.0" and "employees: 14-88 +11.5" as if
    # they added up, while `score` counts one rule of a group once; every perfect lead scored 60.1 and the page
    # could not explain it
    from icp_assist.models import Rubric, RubricRule
    from icp_assist.score import score_reach

    group = "employees 14-88"
    rubric = Rubric(
        base=50,
        rules=[
            RubricRule(attribute="employees", value="14-88", points=11.5, group=group),
            RubricRule(attribute="Business Type", value="Gym Chain", points=10.0, group=group),
            RubricRule(attribute="region", value="Texas", points=4.0),
            RubricRule(attribute="Business Type", value="Physio", points=-22.7),
        ],
    )
    rubric.reach = score_reach(rubric)
    assert rubric.reach == [27.3, 65.5]  # (no rule docks a region or a head count: the worst lead has none)
    report = report.model_copy(update={"profile": report.profile.model_copy(update={"rubric": rubric})})
    scoring = render_profile(report, fmt="md").split("## Lead scoring")[1].split("\n## ")[0]
    assert (
        "A lead with every column's best-fit value scores 65.5, one with every column's worst 27.3" in scoring
    )
    (gym,) = [line for line in scoring.splitlines() if line.startswith("- **Business Type: Gym Chain**")]
    assert gym.endswith("one fact with employees 14-88: the strongest counts"), gym
    (texas,) = [line for line in scoring.splitlines() if "Texas" in line]
    assert "one fact" not in texas


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_theme_of_several_points_shows_each_with_its_count(fmt: Format) -> None:
    # qa307: "Support answers are slow on weekends — 24 respondents", of whom 6 said it: the line counts those 6, and
    # the group's other points stand under it with theirs
    support = quote("pulse.csv#R1", "R1", 0, "Support answers are slow on weekends")
    internet = quote("pulse.csv#R7", "R7", 0, "When the internet drops we're stuck")
    app = quote("pulse.csv#R9", "R9", 0, "Mobile app logs me out constantly")
    points = [
        ThemePoint(label="Internet drops we're stuck", interviews=1, respondents=3, evidence=[internet]),
        ThemePoint(label="Mobile app logs me out constantly", interviews=0, respondents=2, evidence=[app]),
    ]
    line = criterion(
        "theme",
        "Support answers are slow on weekends",
        "raised by 6 survey respondents",
        support,
        points=points,
    )
    page = render_profile(ProfileReport(profile=IcpProfile(complaints=[line])), fmt=fmt)
    if fmt == "md":
        assert (
            "raised by 6 survey respondents; with 2 other points in its group _medium confidence_[^1]" in page
        )
        assert "  - Internet drops we're stuck — 1 interview and 3 respondents[^2]" in page
        assert "  - Mobile app logs me out constantly — 2 respondents[^3]" in page
    else:
        assert (
            "In its group: Internet drops we&#39;re stuck (4); Mobile app logs me out constantly (2)" in page
        )
