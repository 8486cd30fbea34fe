"""The evidence explorer's routes through FastAPI's test client, over a real workspace of samples/."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape  # Jinja's escaper: an apostrophe is &#39; (html.escape writes &#x27;)
from serve_helpers import HOSTILE_QUOTE, analysed_samples, copy_workspace  # noqa: F401 - fixture

from icp_assist.config import Settings
from icp_assist.errors import StoreError
from icp_assist.serve import create_app, document_key, load_explorer
from icp_assist.serve.explorer import Explorer
from icp_assist.store import Workspace

MARK = re.compile(r'<mark id="at-(\d+)-(\d+)" class="hl">(.*?)</mark>', re.S)


@pytest.fixture(scope="module")
def explorer(analysed_samples: Path, tmp_path_factory: pytest.TempPathFactory, embedder) -> Explorer:  # noqa: F811
    settings = copy_workspace(analysed_samples, tmp_path_factory.mktemp("serve") / "ws")
    return load_explorer(settings, embedder=embedder)


@pytest.fixture(scope="module")
def client(explorer: Explorer) -> TestClient:
    return TestClient(create_app(explorer), raise_server_exceptions=False)


def test_themes_grid_counts_distinct_sources_by_segment(client: TestClient, explorer: Explorer) -> None:
    page = client.get("/themes")
    assert page.status_code == 200
    theme = max(explorer.report.themes, key=lambda t: len(t.documents))
    assert str(escape(theme.label)) in page.text
    segments = {explorer.attribute(d, "segment") for d in theme.documents}
    assert "mid-market" in page.text and len(segments) >= 1
    by_role = client.get("/themes", params={"by": "role"})
    assert by_role.status_code == 200 and "Controller" in by_role.text
    assert client.get("/").text == page.text


def test_filters_narrow_the_themes_to_matching_sources(client: TestClient, explorer: Explorer) -> None:
    everyone = client.get("/themes").text
    churned = client.get("/themes", params={"outcome": "churned"}).text
    chosen = explorer.selected({"outcome": "churned"})
    assert chosen and len(chosen) < len(explorer.documents)
    assert f"raised by {len(chosen)} interviews" in churned
    assert churned != everyone
    only_surveys = client.get("/documents", params={"kind": "survey_response"}).text
    assert "<td>survey response</td>" in only_surveys and "<td>interview</td>" not in only_surveys


def test_theme_page_links_each_quote_to_its_place(client: TestClient, explorer: Explorer) -> None:
    theme = explorer.report.themes[0]
    page = client.get(f"/themes/{theme.theme_id}")
    assert page.status_code == 200
    for evidence in theme.evidence:
        assert str(escape(evidence.quote)) in page.text
        assert f"/documents/{document_key(evidence.document)}?at={evidence.start}-{evidence.end}" in page.text


def test_theme_page_shows_every_member_statement_verbatim(client: TestClient, explorer: Explorer) -> None:
    theme = max(explorer.report.themes, key=lambda t: len(t.members) - len(t.evidence))
    assert len(theme.members) > len(theme.evidence) and theme.evidence[0] in theme.members
    page = client.get(f"/themes/{theme.theme_id}").text
    assert f"All {len(theme.members)} statements" in page
    for member in theme.members:
        assert member.quote == explorer.documents[member.document].text[member.start : member.end]
        assert f'value="{escape(member.document)!s}|{member.start}|{member.end}"' in page
    assert {m.document for m in theme.members} == set(theme.documents)


def test_theme_page_shows_each_point_of_a_theme_of_several(client: TestClient, explorer: Explorer) -> None:
    # a survey theme of several kinds of answer ("Invoices got lost in trucks" beside approvals and keying)
    theme = next(t for t in explorer.report.themes if t.points)
    page = client.get(f"/themes/{theme.theme_id}").text
    assert f"Its sources say {len(theme.points)} different things" in page
    for point in theme.points:
        assert f"{escape(point.label)} — {point.interviews + point.respondents}" in page
        assert str(escape(point.evidence[0].quote)) in page


def test_transcript_opens_at_the_quote_with_exactly_its_text_highlighted(
    client: TestClient, explorer: Explorer
) -> None:
    evidence = next(e for t in explorer.report.themes for e in t.evidence if e.kind == "interview")
    key = document_key(evidence.document)
    page = client.get(f"/documents/{key}", params={"at": f"{evidence.start}-{evidence.end}"})
    assert page.status_code == 200
    (start, end, shown), *rest = MARK.findall(page.text)
    assert not rest
    text = explorer.documents[evidence.document].text
    assert html.unescape(shown) == text[int(start) : int(end)] == evidence.quote
    assert "(interviewer)" in page.text and 'class="turn interviewer"' in page.text


def test_interview_page_shows_who_and_the_themes_it_raises(client: TestClient, explorer: Explorer) -> None:
    doc_id = explorer.report.themes[0].documents[0]
    page = client.get(f"/documents/{document_key(doc_id)}")
    assert page.status_code == 200 and "Themes it raises" in page.text
    assert str(escape(explorer.report.themes[0].label)) in page.text


def test_accounts_signals_and_profile_pages(client: TestClient, explorer: Explorer) -> None:
    accounts = client.get("/accounts")
    assert accounts.status_code == 200
    assert next(iter(explorer.accounts)) in accounts.text and "Outcome signals" in accounts.text
    profile = client.get("/profile")
    assert profile.status_code == 200 and 'href="/themes"' in profile.text


def test_ask_answers_with_citations_linked_to_transcripts(client: TestClient, explorer: Explorer) -> None:
    empty = client.get("/ask")
    assert empty.status_code == 200 and 'name="q"' in empty.text
    page = client.get("/ask", params={"q": "why did customers buy?"})
    assert page.status_code == 200
    cited = re.findall(r'href="/documents/(\w+)\?at=(\d+)-(\d+)#at-\2-\3"', page.text)
    assert cited
    key, start, end = cited[0]
    document = explorer.document(key)
    assert document is not None and str(escape(document.text[int(start) : int(end)])) in page.text
    filtered = client.get("/ask", params={"q": "why did customers buy?", "segment": "no-such-segment"})
    assert filtered.status_code == 200 and "thin" in filtered.text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/themes/no-such-theme", 404),
        ("/documents/0123456789ab", 404),
        ("/nowhere", 404),
        ("/documents/{key}?at=abc", 400),
    ],
)
def test_unknown_ids_get_a_page_not_a_traceback(
    client: TestClient, explorer: Explorer, path: str, status: int
) -> None:
    key = document_key(next(iter(explorer.documents)))
    page = client.get(path.format(key=key))
    assert page.status_code == status
    assert "Traceback" not in page.text and "<nav" in page.text and 'class="warning error"' in page.text


def test_edits_without_the_session_token_are_refused(client: TestClient, explorer: Explorer) -> None:
    theme = explorer.report.themes[0]
    label = theme.label
    for form in (
        {"action": "rename", "label": "Hijacked"},
        {"action": "rename", "label": "Hijacked", "token": "x"},
    ):
        refused = client.post(f"/themes/{theme.theme_id}/correct", data=form, follow_redirects=False)
        assert refused.status_code == 403
    assert client.get(f"/themes/{theme.theme_id}/correct").status_code == 405
    assert theme.label == label and not (explorer.workspace / "corrections.json").exists()


def test_customer_text_is_escaped_everywhere(client: TestClient, explorer: Explorer) -> None:
    doc_id = next(d for d, doc in explorer.documents.items() if HOSTILE_QUOTE in doc.text)
    start = explorer.documents[doc_id].text.index(HOSTILE_QUOTE)
    page = client.get(
        f"/documents/{document_key(doc_id)}", params={"at": f"{start}-{start + len(HOSTILE_QUOTE)}"}
    )
    assert page.status_code == 200
    assert "<script>" not in page.text and "<b>angry" not in page.text
    assert str(escape(HOSTILE_QUOTE)) in page.text
    asked = client.get("/ask", params={"q": "<script>alert(1)</script> why did they leave?"})
    assert "<script>alert(1)" not in asked.text and "&lt;script&gt;alert(1)" in asked.text


def test_missing_empty_or_corrupt_workspace_gets_a_clear_page(tmp_path: Path, embedder) -> None:
    with pytest.raises(StoreError, match="no workspace"):
        load_explorer(Settings(workspace=tmp_path / "missing"), embedder=embedder)
    Workspace(tmp_path / "empty", embedding_name=embedder.name).close()
    with pytest.raises(StoreError, match="empty"):
        load_explorer(Settings(workspace=tmp_path / "empty"), embedder=embedder)
    (tmp_path / "corrupt").mkdir()
    (tmp_path / "corrupt" / "records.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError) as corrupt:
        load_explorer(Settings(workspace=tmp_path / "corrupt"), embedder=embedder)
    client = TestClient(create_app(None, problem=str(corrupt.value)), raise_server_exceptions=False)
    for path in ("/", "/themes/x", "/ask?q=why"):
        page = client.get(path)
        assert page.status_code == 503 and str(escape(str(corrupt.value))) in page.text


def test_requests_for_another_host_are_refused(explorer: Explorer) -> None:
    from icp_assist.serve import allowed_hosts

    guarded = TestClient(
        create_app(explorer, hosts=allowed_hosts("127.0.0.1")), base_url="http://127.0.0.1:8765"
    )
    assert guarded.get("/accounts").status_code == 200
    assert guarded.get("/accounts", headers={"host": "attacker.example:8765"}).status_code == 400
    assert allowed_hosts("0.0.0.0") == ["*"]


def test_serve_export_writes_the_same_static_site_as_build_site(
    analysed_samples: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from icp_assist.cli import cli

    settings = copy_workspace(analysed_samples, tmp_path / "ws")
    ws = ["--workspace", str(settings.workspace)]
    exported = CliRunner().invoke(cli, ["serve", *ws, "--export", str(tmp_path / "export")])
    assert exported.exit_code == 0, exported.output
    assert "pages of the evidence explorer: open" in exported.output
    built = CliRunner().invoke(
        cli, ["build", *ws, "--out", str(tmp_path / "out"), "--site", str(tmp_path / "site")]
    )
    assert built.exit_code == 0, built.output
    files = sorted(p.relative_to(tmp_path / "export") for p in (tmp_path / "export").rglob("*.html"))
    assert files == sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*.html"))
    for name in files:
        assert (tmp_path / "export" / name).read_text() == (tmp_path / "site" / name).read_text()
    # Every member statement on a static theme page links to an anchor that its transcript page has.
    explorer = load_explorer(settings, ask_index=False)
    theme = max(explorer.report.themes, key=lambda t: len(t.members))
    page = (tmp_path / "export" / "themes" / f"{theme.theme_id}.html").read_text()
    for member in theme.members:
        link = f"../documents/{document_key(member.document)}.html#at-{member.start}-{member.end}"
        assert link in page
        target = (tmp_path / "export" / "documents" / f"{document_key(member.document)}.html").read_text()
        assert f'id="at-{member.start}-{member.end}"' in target


def test_a_quote_inside_another_quote_keeps_its_anchor_on_the_transcript_page() -> None:
    # a theme quoting one sentence of a turn another theme quotes whole: its link went nowhere (the first span won)
    from icp_assist.serve.explorer import _segments

    text = "Three of us. Getting approvals out of the warehouse is slow. Thanks!"
    inner = (text.index("Getting"), text.index(" Thanks"))
    segments = _segments(text, 0, len(text), [(0, inner[1]), inner], highlight=inner)
    assert "".join(s.text for s in segments) == text
    anchored = {s.anchor: s for s in segments if s.anchor}
    assert set(anchored) == {f"at-0-{inner[1]}", f"at-{inner[0]}-{inner[1]}"}
    assert anchored[f"at-{inner[0]}-{inner[1]}"].text.startswith("Getting approvals")
    assert [s.text for s in segments if s.highlighted] == ["Getting approvals out of the warehouse is slow."]
    assert [s.marked for s in segments] == [True, True, False]
