"""A small slice of the evaluation on public data (`make eval`), so the harness cannot silently break.

Reads ../shared/eval at run time, as the evaluation does; nothing of it is copied into the project.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.eval import buyer_research, crm_signals, meetings, nhs_feedback, questions, survey_themes  # noqa: E402
from benchmarks.eval.data import buyer_research_folder, eval_data  # noqa: E402
from benchmarks.eval.metrics import agreement, harmonic_purity  # noqa: E402
from benchmarks.eval.report import TITLE, replace_section  # noqa: E402
from icp_assist.analyze.units import customer_units  # noqa: E402
from icp_assist.ingest import ingest  # noqa: E402

pytestmark = pytest.mark.skipif(not eval_data().is_dir(), reason=f"no evaluation data at {eval_data()}")


def test_metrics_on_a_known_partition():
    gold = ["a", "a", "b", "b"]
    assert agreement([1, 1, 2, 2], gold).ari == pytest.approx(1.0)
    assert harmonic_purity([1, 1, 1, 1], gold) == pytest.approx(2 * 0.5 * 1.0 / 1.5)
    assert agreement([-1, -1, 2, 2], gold).unthemed == 0.5


def test_survey_answers_through_the_theme_stage_and_bertopic(embedder):
    (result,) = survey_themes.jupyter(embedder, questions=["hinderances"], limit=30, seeds=1)
    assert result.answers == 30 and result.gold_themes >= 3
    for method in survey_themes.METHODS:
        score = result.scores[method]
        assert score.n > 10
        assert -1 <= score.ari <= 1 and 0 <= score.nmi <= 1 and 0 < score.harmonic_purity <= 1
    assert result.scores["icp-assist"].clusters >= 2


def test_nhs_comments_through_the_theme_stage_and_bertopic(embedder):
    results = nhs_feedback.run(embedder, limit=40, seeds=1)
    assert [r.question for r in results] == sorted(r.question for r in results) and len(results) == 5
    for result in results:
        assert result.comments == 40 and result.codes["subcategory"] >= result.codes["label"] >= 2
        for method in nhs_feedback.METHODS:
            score = result.scores[method]["subcategory"]
            assert score.n > 20 and -1 <= score.ari <= 1
    assert "### 6. Themes on NHS patient feedback" in nhs_feedback.nhs_table(results, seeds=1)


def test_salvirt_subset_names_its_strongest_drivers():
    result = crm_signals.salvirt(seeds=1, limit=200)
    assert len(result.columns) == 22  # every Salvirt column but Status reaches the ICP as a category
    # a value may be named in a pool of values whose outcomes do not differ ("Client: New or Past")
    positive = {(s.attribute, v) for s in result.positive for v in [s.value, *s.values]}
    negative = {(s.attribute, v) for s in result.negative for v in [s.value, *s.values]}
    assert ("Up_sale", "Yes") in positive and ("Client", "New") in negative
    hits, total = result.recall
    assert total >= 5 and hits / total >= 0.5
    assert result.icp_auc[0] is not None and result.icp_auc[0] > 0.6
    assert result.baseline_auc[0] is not None


def test_buyer_research_statements_are_verbatim_participant_words(workspace, embedder):
    """Every statement the analyzer may quote from real research notes is verbatim file text, and a plan
    with no participant quotes is refused. (Few of these website-feedback quotes are about buying, so the
    profile itself may quote none of them: the statements are checked, not just what reaches the page.)"""
    research = buyer_research_folder()
    files = [
        research / "0-sprint" / "0-sprint-research-synthesis.md",
        research / "2-sprint-festivefjord" / "festivefjord-research-synthesis.md",
        research / "3-sprint-kuriouskettle" / "kuriouskettle-research-results.md",
        research / "3-sprint-kuriouskettle" / "kuriouskettle-research-plan.md",  # no quotes: refused
    ]
    report = ingest(files, workspace=workspace, embedder=embedder)
    assert report.count("added") == 3 and [Path(f.path).name for f in report.failed] == [
        "kuriouskettle-research-plan.md"
    ]
    check = buyer_research.QuoteCheck()
    for unit in customer_units(list(workspace.documents())):
        buyer_research.check_quote(unit.evidence().model_dump(), check)
    assert check.quotes >= 100 and check.verbatim == check.quotes
    assert check.in_blockquote >= 1 and check.from_researcher_files == 0


def test_a_meeting_question_is_asked_against_its_gold_span(tmp_path, workspace, embedder):
    (meeting,) = meetings.write_meetings(tmp_path / "meetings", ["ES2005a"])
    report = ingest([tmp_path / "meetings"], workspace=workspace, embedder=embedder)
    assert not report.failed, report.failed[0].message
    (document,) = workspace.documents()
    assert document.account_id == meeting and all(t.is_customer for t in document.turns)
    offsets = meetings.turn_offsets(document, meeting)
    assert sum(o is None for o in offsets) < len(offsets) / 10
    asked = meetings.gold_questions([meeting])[:3]
    (result,) = questions.ask_all(workspace, embedder, {"slice": asked})
    assert result.questions == len(asked)
    assert 0 <= result.recall_at_5 <= result.recall_at_10 <= 1 and result.p50_ms > 0


def test_the_docs_section_is_replaced_not_duplicated():
    doc = "# Benchmarks\n\n## Ingest\n\nfigures\n"
    once = replace_section(doc, {"2": "### 2. Two\n\nkept", "1": "### 1. One\n\nfirst"})
    assert once.index("### 1. One") < once.index("### 2. Two")
    twice = replace_section(once + "\n## Later\n\nkept too\n", {"1": "### 1. One\n\nsecond"})
    assert twice.count(TITLE) == 1 and "second" in twice and "first" not in twice
    assert (
        "### 2. Two\n\nkept" in twice and "## Later\n\nkept too" in twice and twice.startswith(doc.rstrip())
    )
