"""Turns as read from a file, and laying spoken pieces out as one document text with located turns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawTurn:
    """A turn as read from a file, before interviewers are known."""

    speaker: str
    start: int
    end: int
    seconds: float | None = None


@dataclass
class ParsedTranscript:
    """Document text, turns located in it, metadata found inside the file, and what was skipped."""

    text: str
    turns: list[RawTurn]
    metadata: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def render_turns(spoken: list[tuple[str, str, float | None]]) -> ParsedTranscript:
    """Lay turns out as 'Speaker: text' lines, merging consecutive pieces from the same speaker."""
    merged: list[tuple[str, str, float | None]] = []
    for speaker, words, seconds in spoken:
        words = " ".join(words.split())
        if not words:
            continue
        if merged and merged[-1][0] == speaker:
            merged[-1] = (speaker, f"{merged[-1][1]} {words}", merged[-1][2])
        else:
            merged.append((speaker, words, seconds))
    parts: list[str] = []
    turns: list[RawTurn] = []
    length = 0
    for speaker, words, seconds in merged:
        prefix = f"{speaker}: "
        turns.append(RawTurn(speaker, length + len(prefix), length + len(prefix) + len(words), seconds))
        parts.append(f"{prefix}{words}\n")
        length += len(parts[-1])
    return ParsedTranscript("".join(parts), turns, {})
