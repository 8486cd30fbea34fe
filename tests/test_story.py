"""The whole buying story on the sample build: a committee its quotes support, and every section backed."""

from __future__ import annotations

import re

import pytest

from icp_assist.analyze import analyze_workspace
from icp_assist.analyze.committee import decision_acts, names_to_titles
from icp_assist.analyze.titles import canonical_title, document_role
from icp_assist.models import ProfileReport

NEGATION = re.compile(r"\b(not|never|no|nobody|none|without)\b|n't\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def sample_report(sample_workspace, embedder) -> ProfileReport:
    ws, _ = sample_workspace
    return analyze_workspace(ws, embedder)


def test_every_committee_entry_has_a_quote_where_that_title_does_the_act(sample_report, sample_workspace):
    ws, _ = sample_workspace
    documents = {d.doc_id: d for d in ws.documents()}
    committee = sample_report.profile.buying_committee
    assert committee and any(c.title == "CFO" and c.part == "economic_buyer" for c in committee)
    for entry in committee:
        assert entry.evidence, entry.value
        for quote in entry.evidence:
            document = documents[quote.document]
            role = document_role(document)
            acts = decision_acts(
                quote.quote,
                speaker_title=canonical_title(role) if role else None,
                names=names_to_titles(document.text),
            )
            shown = [a for a in acts if (a.title, a.part) == (entry.title, entry.part)]
            assert shown, (entry.value, quote.quote)
            assert all(not NEGATION.search(a.clause) for a in shown), (entry.value, quote.quote)


def test_the_issue_bad_committee_quotes_are_refused(sample_report):
    quotes = [e.quote for c in sample_report.profile.buying_committee for e in c.evidence]
    for bad in ("We don't have a CFO", "I had just joined as CFO", "Put your AP manager", "budget owners"):
        assert not any(bad in q for q in quotes), bad
    assert not any(
        c.title == "AP Manager" and c.part == "economic_buyer" for c in sample_report.profile.buying_committee
    )
