"""QMSum AMI meetings as icp-assist transcripts: one JSON call export per meeting, and gold spans located.

Each meeting is written (to a temporary folder, never into the project) in the JSON call-export format
icp-assist reads, ``{"metadata": {...}, "turns": [{speaker, text}]}``, with ``interviewers: none`` (a
meeting has no interviewer: every speaker is a participant) and the meeting id as its account id, so a
question can be asked about one meeting with the ``account_id`` filter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from icp_assist.records import Document

from .data import meetings


@dataclass(frozen=True)
class GoldQuestion:
    """A QMSum question about one meeting, with its evidence as ranges of turn numbers (inclusive)."""

    meeting: str
    query: str
    spans: list[tuple[int, int]]


def write_meetings(folder: Path, ids: list[str] | None = None) -> list[str]:
    """Write each meeting as a JSON call export into ``folder``; returns the meeting ids."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for meeting, data in meetings(ids):
        export = {
            "metadata": {"interviewers": "none", "account_id": meeting, "title": f"AMI meeting {meeting}"},
            "turns": [{"speaker": t["speaker"], "text": t["content"]} for t in data["meeting_transcripts"]],
        }
        (folder / f"{meeting}.json").write_text(json.dumps(export), encoding="utf-8")
        written.append(meeting)
    return written


def gold_questions(ids: list[str] | None = None, *, why_only: bool = False) -> list[GoldQuestion]:
    """The specific (span-annotated) questions of the meetings, or only the 'why ...' ones."""
    questions = []
    for meeting, data in meetings(ids):
        for item in data["specific_query_list"]:
            if why_only and not item["query"].lower().startswith("why"):
                continue
            spans = [(int(a), int(b)) for a, b in item["relevant_text_span"]]
            questions.append(GoldQuestion(meeting, item["query"], spans))
    return questions


def turn_offsets(document: Document, meeting: str) -> list[tuple[int, int] | None]:
    """Where each original QMSum turn sits in the stored document text (None for an empty turn).

    Ingest joins consecutive turns of one speaker and normalises spaces, so each original turn's words
    are found in order in the document text.
    """
    (_, data), *_ = meetings([meeting])
    offsets: list[tuple[int, int] | None] = []
    cursor = 0
    for turn in data["meeting_transcripts"]:
        words = " ".join(turn["content"].split())
        start = document.text.find(words, cursor) if words else -1
        if start < 0:
            offsets.append(None)
            continue
        offsets.append((start, start + len(words)))
        cursor = start + len(words)
    return offsets


def span_ranges(offsets: list[tuple[int, int] | None], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges of gold turn spans (turns that are empty are skipped)."""
    ranges = []
    for first, last in spans:
        located = [o for o in offsets[first : last + 1] if o is not None]
        if located:
            ranges.append((located[0][0], located[-1][1]))
    return ranges
