"""Saturation: new themes per interview in date order, and the verdict on whether to keep interviewing."""

from __future__ import annotations

import pytest

from icp_assist.analyze.saturation import interview_order_by_date, saturation
from icp_assist.records import Document, DocumentKind, MetadataValue

SIX = ["i1", "i2", "i3", "i4", "i5", "i6"]

# T1..T3 and T5 are first raised in i1-i3; T4 only in a survey answer, which has no place in the order.
EARLY_THEMES = {
    "T1": {"i1", "i2"},
    "T2": ["i2"],
    "T3": ("i3", "survey.csv#4"),
    "T4": {"survey.csv#7"},
    "T5": {"i1"},
}


def test_saturated_when_the_last_interviews_raise_nothing_new():
    result = saturation(EARLY_THEMES, SIX)
    assert result.new_themes_per_interview == [2, 1, 1, 0, 0, 0]
    assert (result.new_in_last, result.window) == (0, 3)
    assert result.verdict == "Saturated: the last 3 interviews raised no new themes."


def test_not_saturated_when_the_last_interviews_raise_new_themes():
    themes = {**EARLY_THEMES, "T6": {"i5"}, "T7": {"i6"}, "T8": {"i6", "i4"}, "T9": {"i6", "i1"}}
    result = saturation(themes, SIX)
    assert result.new_themes_per_interview == [3, 1, 1, 1, 1, 1]  # T9 counts where it first came up
    assert result.new_in_last == 3
    assert result.verdict == (
        "Not saturated: the last 3 interviews raised 3 new themes; more interviews are likely to find more."
    )


def test_one_new_theme_reads_singular():
    result = saturation({"T1": {"i1"}, "T2": {"i5"}}, SIX[:5], window=1)
    assert result.verdict == (
        "Not saturated: the last interview raised 1 new theme; more interviews are likely to find more."
    )


def test_order_decides_which_interview_raised_a_theme_first():
    assert saturation(EARLY_THEMES, SIX[::-1]).new_themes_per_interview == [0, 0, 0, 1, 2, 1]


@pytest.mark.parametrize(("interviews", "too_few"), [(0, True), (4, True), (5, False)])
def test_too_few_interviews_to_judge(interviews: int, too_few: bool):
    result = saturation(EARLY_THEMES, SIX[:interviews], window=3)  # needs window + 2 = 5
    assert len(result.new_themes_per_interview) == interviews
    assert (result.verdict == f"Too few interviews ({interviews}) to judge saturation.") is too_few


def test_window_must_be_positive():
    with pytest.raises(ValueError, match="window"):
        saturation(EARLY_THEMES, SIX, window=0)


def document(doc_id: str, date: MetadataValue = None, kind: DocumentKind = "interview") -> Document:
    metadata: dict[str, MetadataValue] = {} if date is None else {"date": date}
    return Document(
        doc_id=doc_id, kind=kind, source=doc_id, title=doc_id, text="", turns=[], metadata=metadata
    )


def test_interviews_ordered_by_date_with_undated_last():
    documents = [
        document("c.txt", "2026-03-14"),
        document("z.txt"),
        document("survey.csv#1", "2026-01-01", kind="survey_response"),
        document("a.txt"),
        document("b.txt", "2026-03-14"),  # same day as c.txt: ties go by id
        document("d.txt", "2026-01-22"),
        document("e.txt", "2026-03-14T09:30"),
        document("f.txt", "next Tuesday"),  # not an ISO date: treated as undated
    ]
    assert interview_order_by_date(documents) == [
        "d.txt",
        "b.txt",
        "c.txt",
        "e.txt",
        "a.txt",
        "f.txt",
        "z.txt",
    ]
