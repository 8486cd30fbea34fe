"""A shared custom template cannot run code, read files or exhaust the machine: every known escape fails cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render import SPREADSHEETS, make_report

from icp_assist.models import ProfileReport
from icp_assist.render import Footnotes, RenderError, render_profile

PICKLE = "cos\\nsystem\\n(S'touch {marker}'\\ntR."

ESCAPES = {
    "parse_raw_pickle": '{{{{ report.parse_raw("' + PICKLE + "\", proto='pickle', allow_pickle=True) }}}}",
    "parse_file": "{{{{ report.parse_file('/etc/passwd') }}}}",
    "profile_parse_file": "{{{{ report.profile.parse_file('/etc/passwd') }}}}",
    "model_validate_json": "{{{{ report.model_validate_json('{{}}') }}}}",
    "model_construct": "{{{{ report.model_construct() }}}}",
    "class_mro": "{{{{ report.__class__.__mro__ }}}}",
    "init_globals": "{{{{ report.__init__.__globals__ }}}}",
    "cycler_globals": "{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
    "attr_filter": "{{{{ report | attr('__class__') }}}}",
    "footnotes_class": "{{{{ footnotes.__class__.__init__.__globals__ }}}}",
    "format_string": "{{{{ '{{0.__class__.__init__.__globals__}}'.format(report) }}}}",
    "namespace_globals": "{{% set ns = namespace() %}}{{{{ ns.__init__.__globals__ }}}}",
    "range_huge": "{{% for i in range(10**9) %}}{{{{ i }}}}{{% endfor %}}",
    "string_bomb": "{{{{ 'x' * 10**10 }}}}",
    "power_bomb": "{{{{ 7 ** 10000000000 }}}}",
    "list_bomb": "{{{{ ([1] * 100000) * 100000 }}}}",
    "lipsum_bomb": "{{{{ lipsum(10**9) }}}}",
}


@pytest.fixture
def report() -> ProfileReport:
    return make_report()


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_each_known_escape_is_a_clean_render_error(report: ProfileReport, tmp_path: Path, name: str) -> None:
    marker = tmp_path / "PWNED"
    custom = tmp_path / f"{name}.html.j2"
    custom.write_text(ESCAPES[name].format(marker=marker), encoding="utf-8")
    with pytest.raises(RenderError, match=rf"^template {name}\.html\.j2"):
        render_profile(report, fmt="html", template=custom)
    assert not marker.exists()


def test_templates_see_plain_data_only(report: ProfileReport, tmp_path: Path) -> None:
    custom = tmp_path / "types.md.j2"
    custom.write_text(
        "{{ report is mapping }} {{ report.profile is mapping }} {{ report.personas is sequence }}"
        " {{ report.personas[0] is mapping }} {{ report.profile.firmographics[0].evidence[0] is mapping }}"
    )
    assert render_profile(report, fmt="md", template=custom) == "True True True True True"


def test_passwd_never_reaches_the_output(report: ProfileReport, tmp_path: Path) -> None:
    custom = tmp_path / "leak.md.j2"
    custom.write_text("{% for k in report %}{{ report[k] }}{% endfor %}{{ report.get('parse_file') }}")
    text = render_profile(report, fmt="md", template=custom)
    assert "root:" not in text


def test_footnote_filter_takes_dicts_and_evidence() -> None:
    notes = Footnotes()
    as_dict = SPREADSHEETS.model_dump(mode="json")
    assert notes.cite(as_dict) == 1
    assert notes.cite(SPREADSHEETS) == 1
    assert notes.cited == [as_dict]


def test_a_reasonable_loop_still_renders(report: ProfileReport, tmp_path: Path) -> None:
    custom = tmp_path / "loop.md.j2"
    custom.write_text("{{ range(1000) | sum }} {{ 2 ** 10 }} {{ '-' * 3 }}")
    assert render_profile(report, fmt="md", template=custom) == "499500 1024 ---"


def test_a_template_that_never_ends_is_stopped(
    report: ProfileReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icp_assist.render as render

    monkeypatch.setattr(render, "RENDER_SECONDS", 0.5)
    custom = tmp_path / "forever.md.j2"
    custom.write_text("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")
    with pytest.raises(RenderError, match=r"forever\.md\.j2.*ran over 0\.5 s"):
        render_profile(report, fmt="md", template=custom)
