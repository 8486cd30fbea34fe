"""The sample corpus ingests whole, twice without change, with interviewers never marked as customers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from conftest import SAMPLES

from icp_assist.ingest import ingest
from icp_assist.ingest.speakers import normalise_name

KEY = json.loads((SAMPLES / "answer_key.json").read_text(encoding="utf-8"))


def test_every_sample_is_ingested(sample_workspace):
    ws, report = sample_workspace
    status = ws.status()
    with (SAMPLES / "survey" / "customer_survey_2026.csv").open(encoding="utf-8") as handle:
        respondents = sum(1 for _ in csv.DictReader(handle))
    assert status["interviews"] == len(KEY["interviews"]) >= 12
    assert status["survey_responses"] == respondents >= 150
    assert status["accounts"] >= 60
    assert set(status["accounts_by_outcome"]) >= {"won", "lost", "churned"}
    assert status["vectors"] == status["chunks"] > 0
    assert report.count("manifest") == 1


def test_second_ingest_adds_nothing(sample_workspace, embedder):
    ws, _ = sample_workspace
    before = ws.status()
    again = ingest([SAMPLES], workspace=ws, embedder=embedder)
    assert again.chunks_embedded == 0 and again.count("added") == again.count("updated") == 0
    assert ws.status() == before


def test_interviews_link_to_accounts_and_keep_metadata(sample_workspace):
    ws, _ = sample_workspace
    accounts = {a.account_id: a for a in ws.accounts()}
    for doc in ws.documents(kind="interview"):
        expected = KEY["interviews"][Path(doc.source).name]
        assert doc.account_id == expected["account_id"] and doc.account_id in accounts
        assert doc.metadata["outcome"] == expected["outcome"]
        assert doc.metadata.get("role") and doc.metadata.get("segment")


# 03_quarry_labs.txt names no interviewer: the tool must find Dana as the one asking the questions.
UNNAMED_INTERVIEWERS = {"03_quarry_labs.txt": "Dana"}


def test_interviewers_are_never_customers(sample_workspace):
    ws, _ = sample_workspace
    with (SAMPLES / "interviews" / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = {row["file"]: row for row in csv.DictReader(handle)}
    for doc in ws.documents(kind="interview"):
        name = Path(doc.source).name
        listed = manifest[name]["interviewers"] or UNNAMED_INTERVIEWERS[name]
        named = {normalise_name(n) for n in listed.split(";")}
        first_names = {n.split()[0] for n in named}
        for turn in doc.turns:
            speaker = normalise_name(turn.speaker)
            asks = speaker in named or speaker in first_names or speaker in {"interviewer", "q", "host"}
            assert turn.is_customer is not asks, (doc.title, turn.speaker)
        assert sum(t.is_customer for t in doc.turns) >= 5
        assert not doc.turns[0].speaker.lower().startswith("customer interview")  # a title line is no turn


def test_every_stored_turn_is_verbatim_in_its_document(sample_workspace):
    ws, _ = sample_workspace
    for doc in ws.documents():
        for turn in doc.turns:
            quote = doc.turn_text(turn)
            assert quote and quote == quote.strip(), (doc.title, turn)
        if doc.kind == "interview" and Path(doc.source).suffix in (".txt", ".md"):
            assert doc.text == Path(doc.source).read_text(encoding="utf-8").replace("\r\n", "\n")
