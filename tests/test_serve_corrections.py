"""Corrections that last: made in the explorer by POST, saved in corrections.json, applied by the next build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_helpers import analysed_samples, copy_workspace  # noqa: F401 - fixture

from icp_assist.api import build
from icp_assist.config import Settings
from icp_assist.corrections import (
    Correction,
    Corrections,
    CorrectionsError,
    QuoteRef,
    apply_corrections,
    load_corrections,
    split_id,
)
from icp_assist.diff import diff_files, render_diff
from icp_assist.models import Evidence, Theme, ThemePoint
from icp_assist.records import Document, Turn
from icp_assist.serve import create_app, load_explorer

TEXT = "Alpha said one. Beta said two. Gamma said three. Delta said four."


def _doc(doc_id: str, kind: str = "interview") -> Document:
    return Document(
        doc_id=doc_id, kind=kind, source=doc_id, title=doc_id, text=TEXT, account_id=f"A-{doc_id}",
        turns=[Turn(speaker="C", start=0, end=len(TEXT), is_customer=True)],
    )  # fmt: skip


def _quote(doc_id: str, start: int, end: int) -> Evidence:
    return Evidence(
        document=doc_id, title=doc_id, kind="interview", speaker="C", start=start, end=end,
        quote=TEXT[start:end], account_id=f"A-{doc_id}",
    )  # fmt: skip


def _theme(theme_id: str, *quotes: Evidence) -> Theme:
    docs = sorted({q.document for q in quotes})
    return Theme(
        theme_id=theme_id, facet="pain_point", label=theme_id.upper(), interviews=len(docs), respondents=0,
        accounts=len(docs), documents=docs, account_ids=[f"A-{d}" for d in docs], evidence=list(quotes),
    )  # fmt: skip


DOCS = [_doc("d1"), _doc("d2"), _doc("d3"), _doc("d4")]
OUTCOMES = {"d1": "won", "d2": "won", "d3": "churned", "d4": None}


def _apply(themes: list[Theme], *corrections: Correction) -> tuple[list[Theme], list[str]]:
    return apply_corrections(
        themes, Corrections(corrections=list(corrections)), documents=DOCS, outcomes=OUTCOMES
    )


def test_rename_hide_and_merge_recount_distinct_sources() -> None:
    a = _theme("a", _quote("d1", 0, 15), _quote("d2", 16, 30))
    b = _theme("b", _quote("d2", 31, 49), _quote("d3", 50, 66))
    c = _theme("c", _quote("d4", 0, 15))
    themes, skipped = _apply(
        [a, b, c],
        Correction(action="rename", theme_id="a", label="Manual close"),
        Correction(action="merge", theme_id="b", into="a"),
        Correction(action="hide", theme_id="c"),
    )
    assert not skipped and [t.theme_id for t in themes] == ["a"]
    merged = themes[0]
    assert merged.label == "Manual close" and merged.merged_from == ["b"]
    assert (merged.interviews, merged.accounts, merged.documents) == (3, 3, ["d1", "d2", "d3"])
    assert merged.by_outcome == {"won": 2, "churned": 1} and len(merged.evidence) == 4
    assert a.label == "A"  # the input is not changed
    again, skipped = apply_corrections(
        themes,
        Corrections(corrections=[Correction(action="merge", theme_id="b", into="a")]),
        documents=DOCS,
        outcomes=OUTCOMES,
    )
    assert not skipped and again[0].interviews == 3  # applying a merge twice changes nothing


def test_split_moves_the_chosen_quotes_and_their_sources() -> None:
    a = _theme("a", _quote("d1", 0, 15), _quote("d2", 16, 30), _quote("d3", 31, 49))
    split = Correction(
        action="split", theme_id="a", label="Beta things", quotes=[QuoteRef(document="d2", start=16, end=30)]
    )
    themes, skipped = _apply([a], split)
    assert not skipped
    old, new = themes
    assert new.theme_id == split_id(split) and new.label == "Beta things" and new.facet == "pain_point"
    assert new.documents == ["d2"] and new.interviews == 1 and new.evidence[0].quote == "Beta said two."
    assert (
        old.documents == ["d1", "d3"] and old.interviews == 2 and old.by_outcome == {"won": 1, "churned": 1}
    )


def test_a_corrected_theme_drops_the_points_it_was_built_with() -> None:
    # a point counts the statements the analyzer grouped: "Beta said two" split out, a point counting d2 would be wrong
    a = _theme("a", _quote("d1", 0, 15), _quote("d2", 16, 30), _quote("d3", 31, 49))
    a.points = [
        ThemePoint(label="Alpha", interviews=2, respondents=0, documents=["d1", "d2"]),
        ThemePoint(label="Gamma", interviews=1, respondents=0, documents=["d3"]),
    ]
    split = Correction(action="split", theme_id="a", quotes=[QuoteRef(document="d2", start=16, end=30)])
    (old, _), _ = _apply([a], split)
    assert old.points == []
    (renamed,), _ = _apply([a], Correction(action="rename", theme_id="a", label="Alpha things"))
    assert len(renamed.points) == 2  # a new name changes no count


def test_not_evidence_and_move_quote_and_skipped_corrections_are_named() -> None:
    a = _theme("a", _quote("d1", 0, 15), _quote("d2", 16, 30))
    b = _theme("b", _quote("d3", 31, 49))
    themes, skipped = _apply(
        [a, b],
        Correction(action="not_evidence", theme_id="a", quotes=[QuoteRef(document="d1", start=0, end=15)]),
        Correction(
            action="move_quote", theme_id="a", into="b", quotes=[QuoteRef(document="d2", start=16, end=30)]
        ),
        Correction(action="rename", theme_id="gone", label="x"),
        Correction(action="not_evidence", theme_id="b", quotes=[QuoteRef(document="d9", start=0, end=1)]),
    )
    a2, b2 = themes
    assert a2.evidence == [] and a2.interviews == 0
    assert b2.documents == ["d2", "d3"] and b2.interviews == 2
    assert len(skipped) == 2 and "gone" in skipped[0] and "none of its quotes" in skipped[1]


def test_corrections_reach_every_member_statement_not_only_the_quotes_shown() -> None:
    shown = [_quote("d1", 0, 15), _quote("d2", 16, 30)]
    a = _theme("a", *shown).model_copy(
        update={
            "members": [*shown, _quote("d3", 31, 49), _quote("d1", 50, 66)],
            "documents": ["d1", "d2", "d3"],
        }
    )
    a.interviews = a.accounts = 3
    themes, skipped = _apply(
        [a],
        Correction(action="not_evidence", theme_id="a", quotes=[QuoteRef(document="d3", start=31, end=49)]),
    )
    assert not skipped and themes[0].evidence == shown  # the profile's quotes are untouched
    assert (themes[0].documents, themes[0].interviews, themes[0].by_outcome) == (["d1", "d2"], 2, {"won": 2})
    assert len(themes[0].members) == 3
    # A shown quote taken out is replaced by the next member; d1 still counts through its other statement.
    themes, skipped = _apply(
        themes,
        Correction(action="not_evidence", theme_id="a", quotes=[QuoteRef(document="d1", start=0, end=15)]),
    )
    assert not skipped and [(e.document, e.start) for e in themes[0].evidence] == [("d2", 16), ("d1", 50)]
    assert themes[0].documents == ["d1", "d2"] and themes[0].interviews == 2
    split = Correction(action="split", theme_id="a", quotes=[QuoteRef(document="d1", start=50, end=66)])
    themes, skipped = _apply(themes, split)
    old, new = themes
    assert not skipped and old.documents == ["d2"] and old.interviews == 1 and old.evidence == [shown[1]]
    assert [(e.document, e.start) for e in new.members] == [("d1", 50)] and new.documents == ["d1"]


def test_diff_shows_a_hidden_theme_as_hidden_not_vanished(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from icp_assist.cli import cli
    from icp_assist.corrections import save_corrections

    a = _theme("a", _quote("d1", 0, 15), _quote("d2", 16, 30))
    b = _theme("b", _quote("d3", 31, 49), _quote("d4", 50, 66))
    c = _theme("c", _quote("d1", 16, 30), _quote("d3", 0, 15))
    hide = Correction(action="hide", theme_id="b")
    themes, _ = _apply([a, b, c], hide, Correction(action="rename", theme_id="a", label="Alpha"))
    for name, version in (("old", [a, b, c]), ("new", themes)):
        (tmp_path / f"{name}.json").write_text(json.dumps([t.model_dump(mode="json") for t in version]))
    (tmp_path / "ws").mkdir()
    save_corrections(tmp_path / "ws", Corrections(corrections=[hide]))
    args = ["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]
    shown = CliRunner().invoke(cli, [*args, "--workspace", str(tmp_path / "ws")])
    assert shown.exit_code == 0, shown.output
    assert "- pain_point: B hidden (corrections.json)" in shown.output
    assert "Alpha (was A)" in shown.output and "vanished" not in shown.output and "C" not in shown.output
    # Without the corrections (another workspace), the same theme has simply vanished.
    plain = CliRunner().invoke(cli, [*args, "--workspace", str(tmp_path / "other")])
    assert plain.exit_code == 0 and "- pain_point: B" in plain.output and "hidden" not in plain.output
    changes = diff_files(tmp_path / "old.json", tmp_path / "new.json", hidden={"b"}).changes
    assert [(ch.change, ch.value) for ch in changes if ch.value == "B"] == [("hidden", "B")]


def test_the_quotes_form_records_only_what_the_chosen_action_uses() -> None:
    from icp_assist.serve.app import _correction

    form = {"quote": ["d1|0|15", "d2|16|30"], "into": ["b"], "facet": ["goal"], "label": ["New"]}
    split = _correction("a", {**form, "action": ["split"]})
    assert (split.label, split.into, split.facet, len(split.quotes)) == ("New", None, "goal", 2)
    moved = _correction("a", {**form, "action": ["move_quote"]})
    assert (moved.label, moved.into, moved.facet) == (None, "b", None)
    dropped = _correction("a", {**form, "action": ["not_evidence"]})
    assert (dropped.label, dropped.into, dropped.facet) == (None, None, None)
    assert _correction("a", {**form, "action": ["move_to_facet"]}).action == "move_quote"


def test_a_corrupt_corrections_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "corrections.json").write_text('{"corrections": [{"action": "explode"}]}')
    with pytest.raises(CorrectionsError, match=r"corrections\.json: not a readable corrections file"):
        load_corrections(tmp_path)
    (tmp_path / "corrections.json").write_text("{not json")
    with pytest.raises(CorrectionsError, match="move the file away"):
        load_corrections(tmp_path)


@pytest.fixture(scope="module")
def settings(analysed_samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:  # noqa: F811
    return copy_workspace(analysed_samples, tmp_path_factory.mktemp("corrections") / "ws")


def test_a_statement_the_profile_does_not_show_can_be_marked_not_evidence(
    analysed_samples: Path,  # noqa: F811
    tmp_path: Path,
    embedder,
) -> None:
    settings = copy_workspace(analysed_samples, tmp_path / "ws")
    explorer = load_explorer(settings, embedder=embedder, ask_index=False)
    client = TestClient(create_app(explorer), raise_server_exceptions=False)
    theme = next(
        t
        for t in explorer.report.themes
        if any(m.document not in {e.document for e in t.evidence} for m in t.members)
    )
    hidden = next(m for m in theme.members if m.document not in {e.document for e in theme.evidence})
    alone = sum(m.document == hidden.document for m in theme.members) == 1
    token = re.search(r'name="token" value="([^"]+)"', client.get(f"/themes/{theme.theme_id}").text)[1]
    sent = client.post(
        f"/themes/{theme.theme_id}/correct",
        data={
            "token": token,
            "action": "not_evidence",
            "quote": f"{hidden.document}|{hidden.start}|{hidden.end}",
        },
    )
    assert sent.status_code == 200
    after = explorer.theme(theme.theme_id)
    assert after is not None and hidden not in after.members and after.evidence == theme.evidence
    assert (hidden.document in after.documents) is not alone
    sources = after.interviews + after.respondents
    assert sources == len(theme.documents) - alone == len(set(after.documents))
    rebuilt = build(settings=settings, out_dir=tmp_path / "out", embedder=embedder).report
    again = next(t for t in rebuilt.themes if t.theme_id == theme.theme_id)
    assert hidden not in again.members and again.documents == after.documents


def test_corrections_made_in_the_explorer_survive_a_rebuild(
    settings: Settings, embedder, tmp_path: Path
) -> None:
    before = build(settings=settings, out_dir=tmp_path / "before", embedder=embedder)
    assert before.cached
    explorer = load_explorer(settings, embedder=embedder)
    app = create_app(explorer)
    client = TestClient(app, raise_server_exceptions=False)
    interviews = [t for t in explorer.report.themes if t.facet == "pain_point" and t.interviews >= 1]
    renamed, kept, merged = interviews[:3]
    token = re.search(r'name="token" value="([^"]+)"', client.get(f"/themes/{renamed.theme_id}").text)[1]
    assert token == app.state.token
    post = lambda theme, **form: client.post(  # noqa: E731
        f"/themes/{theme.theme_id}/correct", data={"token": token, **form}, follow_redirects=False
    )
    assert post(renamed, action="rename", label="Close <takes> too long").status_code == 303
    assert "Close &lt;takes&gt; too long" in client.get(f"/themes/{renamed.theme_id}").text
    moved = post(merged, action="merge", into=kept.theme_id)
    assert moved.status_code == 303 and moved.headers["location"] == f"/themes/{kept.theme_id}"
    assert client.get(f"/themes/{merged.theme_id}").status_code == 404
    dropped = kept.evidence[0]
    quote = f"{dropped.document}|{dropped.start}|{dropped.end}"
    assert post(kept, action="not_evidence", quote=quote).status_code == 303
    assert post(kept, action="merge").status_code == 400  # incomplete: no theme to merge into

    saved = json.loads((settings.workspace / "corrections.json").read_text())
    assert [c["action"] for c in saved["corrections"]] == ["rename", "merge", "not_evidence"]
    after = build(settings=settings, out_dir=tmp_path / "after", embedder=embedder)
    assert not after.cached  # the edit is part of the cache key: the analysis is redone with it
    themes = {t.theme_id: t for t in after.report.themes}
    assert themes[renamed.theme_id].label == "Close <takes> too long"
    assert merged.theme_id not in themes and merged.theme_id in themes[kept.theme_id].merged_from
    assert all(
        (e.document, e.start) != (dropped.document, dropped.start) for e in themes[kept.theme_id].evidence
    )
    assert build(settings=settings, out_dir=tmp_path / "again", embedder=embedder).cached

    diff = diff_files(tmp_path / "before" / "themes.json", tmp_path / "after" / "themes.json")
    text = render_diff(diff)
    assert f"(was {renamed.label})" in text
    assert f"{merged.label} merged into {themes[kept.theme_id].label}" in text
    assert not any(c.change == "vanished" and c.value == merged.label for c in diff.changes)


def test_the_llm_build_applies_the_corrections_too(settings: Settings, embedder, tmp_path: Path) -> None:
    from fake_chat import RecordedChatModel
    from test_llm_build import _analyzer, researcher

    from icp_assist.build import build_profile
    from icp_assist.corrections import save_corrections
    from icp_assist.store import Workspace

    with Workspace(settings.workspace, embedding_name=embedder.name) as workspace:
        model = RecordedChatModel(route=researcher)
        first = build_profile(
            workspace, embedder, out_dir=tmp_path / "a", llm=_analyzer(workspace, model, "c")
        )
        theme = first.report.themes[0]
        save_corrections(
            workspace.path,
            Corrections(
                corrections=[Correction(action="rename", theme_id=theme.theme_id, label="Named by hand")]
            ),
        )
        second = build_profile(
            workspace, embedder, out_dir=tmp_path / "b", llm=_analyzer(workspace, model, "c")
        )
    assert not second.cached and first.report.analyzer == second.report.analyzer == "recorded:c"
    assert {t.theme_id: t.label for t in second.report.themes}[theme.theme_id] == "Named by hand"
    written = json.loads((tmp_path / "b" / "themes.json").read_text())
    assert {t["theme_id"]: t["label"] for t in written}[theme.theme_id] == "Named by hand"
