"""`build` on real workspaces: verbatim customer quotes only, honest counts, caching, and partial input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import INTERVIEW, SAMPLES, write

from icp_assist.analyze import verify_evidence
from icp_assist.analyze.signals import in_measure_band
from icp_assist.analyze.themes import REASON_FACETS
from icp_assist.build import build_profile
from icp_assist.cli import cli
from icp_assist.errors import StoreError
from icp_assist.ingest import ingest
from icp_assist.ingest.chunks import chunk_document
from icp_assist.models import Evidence, ProfileReport
from icp_assist.store import Workspace

KEY = json.loads((SAMPLES / "answer_key.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_build(sample_workspace, embedder, tmp_path_factory):
    ws, _ = sample_workspace
    out = tmp_path_factory.mktemp("profile")
    return build_profile(ws, embedder, out_dir=out), out


def all_evidence(out: Path) -> list[Evidence]:
    """Every quote in every JSON output, found wherever it sits."""
    found: list[Evidence] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if {"quote", "start", "end", "document"} <= node.keys():
                found.append(Evidence.model_validate(node))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ("icp.json", "personas.json", "themes.json"):
        walk(json.loads((out / name).read_text(encoding="utf-8")))
    return found


def test_build_writes_every_output(sample_build):
    result, out = sample_build
    names = {p.name for p in result.written}
    assert names == {"icp.json", "personas.json", "themes.json", "signals.json", "profile.html", "profile.md"}
    assert result.render_error is None
    html = (out / "profile.html").read_text(encoding="utf-8")
    assert "Ideal Customer Profile" in html and "@page" in html


def test_every_quote_is_verbatim_from_a_customer_turn(sample_build, sample_workspace):
    ws, _ = sample_workspace
    documents = {d.doc_id: d for d in ws.documents()}
    evidence = all_evidence(sample_build[1])
    assert len(evidence) > 50
    for quote in evidence:
        document = documents[quote.document]
        assert document.text[quote.start : quote.end] == quote.quote
        turn = next(t for t in document.turns if t.start <= quote.start and quote.end <= t.end)
        assert turn.is_customer, (document.title, turn.speaker, quote.quote)
        if Path(document.source).suffix in (".txt", ".md"):
            assert quote.quote in Path(document.source).read_text(encoding="utf-8")


def test_theme_counts_are_distinct_sources(sample_build):
    themes = sample_build[0].report.themes
    # a heading in which nothing recurs shows what each interview said, once (and the page says so)
    recurring = {t.facet for t in themes if t.interviews + t.respondents >= 2}
    for theme in themes:
        interviews = [d for d in theme.documents if "#" not in d]
        assert theme.interviews == len(interviews) and theme.respondents == len(theme.documents) - len(
            interviews
        )
        # churn and loss reasons are shown from one source (few accounts leave); other themes recur
        alone = theme.facet in REASON_FACETS or theme.facet not in recurring
        assert theme.interviews + theme.respondents >= (1 if alone else 2)
        assert theme.accounts == len(set(theme.account_ids))
        assert sum(theme.by_outcome.values()) <= len(theme.documents)


def test_profile_finds_the_planted_signals(sample_build):
    profile = sample_build[0].report.profile
    positive = {(c.attribute, c.value) for c in profile.firmographics + profile.technographics}
    negative = {(c.attribute, c.value) for c in profile.negative_signals}
    # head count is cut where good and bad accounts part: the planted 200-999 band lies inside the one found
    assert ("tech_stack", "NetSuite") in positive
    assert any(
        a == "employees" and in_measure_band("200", v) and in_measure_band("999", v) for a, v in positive
    )
    assert ("tech_stack", "QuickBooks Online") in negative
    assert any(a == "employees" and in_measure_band("8000", v) for a, v in negative)
    assert any(c.value.startswith("CFO") for c in profile.buying_committee)
    assert profile.saturation is not None and len(profile.saturation.new_themes_per_interview) == len(
        KEY["interviews"]
    )


def test_report_json_round_trips_exactly(sample_build):
    report = sample_build[0].report
    assert ProfileReport.model_validate_json(report.model_dump_json()) == report


def test_second_build_reuses_the_analysis(sample_workspace, embedder, tmp_path: Path, sample_build):
    ws, _ = sample_workspace
    again = build_profile(ws, embedder, out_dir=tmp_path)
    assert again.cached and again.report == sample_build[0].report


def test_survey_answers_are_embedded_once_for_the_store_and_the_analysis(sample_workspace, embedder):
    ws, _ = sample_workspace
    answers = [c.text for d in ws.documents() if d.kind == "survey_response" for c in chunk_document(d)]
    asked: list[int] = []

    class Counting:
        name = embedder.name

        def embed(self, texts, on_batch=None):
            asked.append(len(texts))
            return embedder.embed(texts)

    vectors = ws.embed_cached(answers, Counting())
    assert answers and asked == [] and vectors.shape[0] == len(answers)


def test_a_changed_facet_training_set_is_not_served_from_the_cache(
    sample_workspace, embedder, tmp_path: Path, sample_build, monkeypatch
):
    from icp_assist.analyze import facets

    examples = facets.training_examples()
    extra = facets.Example(text="Our invoice volume tripled after the merger.", label="trigger")
    monkeypatch.setattr(facets, "training_examples", lambda: [*examples, extra])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the retrained model goes here
    ws, _ = sample_workspace
    assert not build_profile(ws, embedder, out_dir=tmp_path / "out").cached


def test_evidence_gate_drops_what_is_not_verbatim(sample_build, sample_workspace):
    ws, _ = sample_workspace
    report = sample_build[0].report.model_copy(deep=True)
    theme = report.themes[0]
    good = theme.evidence[0]
    theme.evidence = [
        good,
        good.model_copy(update={"quote": good.quote + " and we loved it"}),
        good.model_copy(update={"start": good.start + 1}),
    ]
    interviewer = next((d, t) for d in ws.documents(kind="interview") for t in d.turns if not t.is_customer)
    document, turn = interviewer
    theme.evidence.append(
        good.model_copy(
            update={
                "document": document.doc_id,
                "start": turn.start,
                "end": turn.end,
                "quote": document.turn_text(turn),
            }
        )
    )
    assert verify_evidence(report, list(ws.documents())) == 3
    assert theme.evidence == [good]


def test_empty_workspace_is_a_clear_error(tmp_path: Path, embedder):
    with (
        Workspace(tmp_path / "ws", embedding_name=embedder.name) as ws,
        pytest.raises(StoreError, match="is empty"),
    ):
        build_profile(ws, embedder, out_dir=tmp_path / "out")
    result = CliRunner().invoke(cli, ["build", "--workspace", str(tmp_path / "none")])
    assert result.exit_code == 1 and "run 'icp-assist ingest PATH' first" in result.output


def test_accounts_only_still_builds_firmographics(tmp_path: Path, embedder):
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as ws:
        ingest([SAMPLES / "accounts"], workspace=ws, embedder=embedder)
        result = build_profile(ws, embedder, out_dir=tmp_path / "out")
    profile = result.report.profile
    assert profile.firmographics and not result.report.themes
    assert any("No customer statements" in w for w in profile.warnings)
    assert (tmp_path / "out" / "profile.md").exists()


def test_one_interview_only_says_the_evidence_is_thin(tmp_path: Path, embedder):
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as ws:
        ingest([write(tmp_path / "a.txt", INTERVIEW)], workspace=ws, embedder=embedder)
        result = build_profile(ws, embedder, out_dir=tmp_path / "out")
    warnings = " ".join(result.report.profile.warnings)
    assert "Only 1 interview:" in warnings and "No accounts with outcomes" in warnings
    assert result.report.themes == []  # one interview cannot make a recurring theme


def test_bad_template_still_writes_the_json(sample_workspace, tmp_path: Path):
    template = write(tmp_path / "mine.html.j2", "<p>{{ report.profile.budget }}</p>")
    ws, _ = sample_workspace
    result = CliRunner().invoke(
        cli,
        ["build", "--workspace", str(ws.path), "--out", str(tmp_path / "out"), "--template", str(template)],
    )
    assert result.exit_code == 1
    assert "mine.html.j2" in result.output and "budget" in result.output
    assert (tmp_path / "out" / "icp.json").exists() and not (tmp_path / "out" / "profile.html").exists()


def test_survey_only_builds_themes_without_interviews(tmp_path: Path, embedder):
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as ws:
        ingest([SAMPLES / "survey"], workspace=ws, embedder=embedder)
        result = build_profile(ws, embedder, out_dir=tmp_path / "out")
    report = result.report
    assert report.themes and all(t.interviews == 0 and t.respondents >= 2 for t in report.themes)
    assert report.profile.saturation is None  # saturation is about interviews
    assert any(
        w.startswith("No interviews: every theme rests on 180 survey") for w in report.profile.warnings
    )
    assert not any("Only 0 interviews" in w for w in report.profile.warnings)
    assert all(c.reason.startswith("raised by ") for c in report.profile.pain_points)  # not "in 0 interviews"
    assert any("No accounts with outcomes" in w for w in report.profile.warnings)


def test_a_rival_named_under_competitors_is_not_a_line_of_alternatives_too(sample_build):
    # qa47: "BaitShield" was a competitor named in 8 interviews/answers and an alternative raised in 5, two counts
    # of one name; samples/: "Bill.com" likewise. The competitor line counts every mention.
    profile = sample_build[0].report.profile
    named = {c.value.casefold() for c in profile.competitors}
    assert "bill.com" in named
    assert not named & {c.value.casefold().strip(".") for c in profile.alternatives}
    assert any(t.facet == "alternative" and t.label == "Bill.com" for t in sample_build[0].report.themes)
