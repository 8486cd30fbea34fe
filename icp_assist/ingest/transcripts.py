"""Interview transcripts in txt, md, vtt, srt, docx and JSON call exports, as turns with offsets."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputFileError
from ..records import Document, MetadataValue, Turn
from .files import decode_text
from .frontmatter import load_front_matter
from .speakers import find_interviewers, normalise_name

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_STAMP = rf"(?:\[(?P<ts1>{_TIME})\]|\((?P<ts2>{_TIME})\)|(?P<ts3>{_TIME})(?=\s))"
_NAME = r"[^\W\d_][\w.'’&()\- ]{0,48}?"
_TURN_LINE = re.compile(
    rf"^\s*(?:{_STAMP}\s*)?(?:-\s*)?"
    rf"(?:\*\*(?P<bold>{_NAME})(?::\*\*|\*\*:)|(?P<name>{_NAME})\s*(?:{_STAMP.replace('ts', 'tsb')}\s*)?:)"
    rf"[ \t]*(?P<text>\S.*)$"
)
QUOTED_PARTICIPANT = "participant (quoted)"
_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---[ \t]*\n", re.DOTALL)


@dataclass
class RawTurn:
    """A turn as read from a file, before interviewers are known."""

    speaker: str
    start: int
    end: int
    seconds: float | None = None


@dataclass
class ParsedTranscript:
    """Document text, turns located in it, and metadata found inside the file."""

    text: str
    turns: list[RawTurn]
    metadata: dict[str, Any]


def read_transcript(
    path: Path, data: bytes, *, metadata: dict[str, Any], encoding: str | None = None
) -> Document:
    """Parse one transcript file into a Document; ``metadata`` (e.g. from a manifest) is overridden by the file's.

    Markdown or text notes that are not a conversation but quote participants in ``> `` blockquotes
    (a research synthesis) keep the blockquoted lines as the participants' turns and nothing else.
    """
    parser = _PARSERS[path.suffix.lower()]
    parsed = parser(data, encoding)
    meta = {**metadata, **{k: v for k, v in parsed.metadata.items() if v not in (None, "")}}
    interviewers = _as_list(meta.get("interviewers"))
    try:
        turns, asking = _conversation(parsed, interviewers)
    except InputFileError:
        turns = quoted_turns(parsed.text) if path.suffix.lower() in {".md", ".txt"} else []
        if not turns:
            raise
        asking, meta["notes"] = set(), "participants quoted in blockquotes"
    meta["interviewers"] = ", ".join(sorted(asking)) or None
    account = meta.pop("account_id", None)
    return Document(
        doc_id=str(path),
        kind="interview",
        source=str(path),
        title=path.name,
        text=parsed.text,
        turns=turns,
        account_id=str(account) if account not in (None, "") else None,
        metadata=_flat_metadata(meta),
    )


def _conversation(parsed: ParsedTranscript, interviewers: list[str]) -> tuple[list[Turn], set[str]]:
    """The turns, customer or not, and the interviewers; InputFileError when the speakers cannot be told."""
    if not parsed.turns:
        raise InputFileError(
            "no speaker turns found: expected lines like 'Name: what they said' (or '[00:01:23] Name: ...')"
        )
    spoken = [(t.speaker, parsed.text[t.start : t.end]) for t in parsed.turns]
    speakers = sorted({t.speaker for t in parsed.turns})
    asking: set[str] = set() if no_interviewer(interviewers) else find_interviewers(spoken, interviewers)
    if not asking and len(speakers) == 1 and not no_interviewer(interviewers):
        raise InputFileError(
            f"only one speaker ({speakers[0]}): a transcript needs the interviewer's turns too; if every "
            "speaker is a participant (a meeting, a monologue), say 'interviewers: none' in the front "
            "matter or the manifest"
        )
    turns = [
        Turn(
            speaker=t.speaker,
            start=t.start,
            end=t.end,
            is_customer=t.speaker not in asking,
            seconds=t.seconds,
        )
        for t in parsed.turns
    ]
    if not any(t.is_customer for t in turns):
        raise InputFileError("every turn is from an interviewer: there are no customer turns to learn from")
    return turns, asking


def no_interviewer(interviewers: list[str]) -> bool:
    """True when the metadata says 'interviewers: none': every speaker is a participant (e.g. a meeting)."""
    return [normalise_name(n) for n in interviewers] == ["none"]


_QUOTE_LINE = re.compile(r"^[ \t]{0,3}>[ \t]?(?P<text>.*?)\s*$")


def quoted_turns(text: str) -> list[Turn]:
    """Each non-empty ``> `` blockquote line as a participant's turn (the quote marker left out)."""
    turns = []
    position = 0
    for line in text.split("\n"):
        match = _QUOTE_LINE.match(line)
        if match and match["text"].strip(">").strip():
            start = position + match.start("text")
            turns.append(
                Turn(
                    speaker=QUOTED_PARTICIPANT, start=start, end=start + len(match["text"]), is_customer=True
                )
            )
        position += len(line) + 1
    return turns


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [part.strip() for part in re.split(r"[;,]", str(value)) if part.strip()]


def _flat_metadata(meta: dict[str, Any]) -> dict[str, MetadataValue]:
    flat: dict[str, MetadataValue] = {}
    for key, value in meta.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif value is not None and not isinstance(value, str | int | float | bool):
            value = str(value)
        flat[str(key).strip().lower()] = value
    return flat


def match_turn_line(line: str) -> re.Match[str] | None:
    """A 'Name: text' match whose name looks like a person or a label, not the start of a sentence."""
    match = _TURN_LINE.match(line)
    if match is None:
        return None
    words = (match["bold"] or match["name"]).split()
    lowercase = sum(1 for w in words if not w[0].isupper())
    if not words or not words[0][0].isupper() or len(words) > 5 or lowercase > 1:
        return None
    return match


def parse_turn_lines(text: str, *, offset: int = 0) -> list[RawTurn]:
    """Turns from 'Name: text' lines; a line without a label continues the previous turn."""
    turns: list[RawTurn] = []
    position = offset
    for line in text[offset:].split("\n"):
        line_start, position = position, position + len(line) + 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = match_turn_line(line)
        if match:
            speaker = (match["bold"] or match["name"]).strip()
            stamp = next((match[g] for g in ("ts1", "ts2", "ts3", "tsb1", "tsb2", "tsb3") if match[g]), None)
            end = line_start + len(line.rstrip())
            turns.append(RawTurn(speaker, line_start + match.start("text"), end, _seconds(stamp)))
        elif turns:
            turns[-1].end = line_start + len(line.rstrip())
    return _drop_title_lines(turns)


def _drop_title_lines(turns: list[RawTurn]) -> list[RawTurn]:
    """Drop leading 'Label: text' lines whose label never speaks again, e.g. 'Customer interview: Acme'."""
    spoken = Counter(t.speaker for t in turns)
    while len(turns) > 1 and spoken[turns[0].speaker] == 1 and max(spoken.values()) > 1:
        turns = turns[1:]
    return turns


def _seconds(stamp: str | None) -> float | None:
    if not stamp:
        return None
    total = 0.0
    for part in stamp.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return total


def _parse_plain(data: bytes, encoding: str | None) -> ParsedTranscript:
    text = decode_text(data, encoding=encoding)
    metadata: dict[str, Any] = {}
    body_start = 0
    front = _FRONT_MATTER.match(text)
    if front:
        metadata, body_start = load_front_matter(front["yaml"]), front.end()
    return ParsedTranscript(text, parse_turn_lines(text, offset=body_start), metadata)


def _render(spoken: list[tuple[str, str, float | None]]) -> ParsedTranscript:
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


def _parse_vtt(data: bytes, encoding: str | None) -> ParsedTranscript:
    import webvtt

    text = decode_text(data, encoding=encoding)
    try:
        captions = webvtt.from_string(text)
    except Exception as ex:  # webvtt-py raises its own parse errors and ValueError
        raise InputFileError(f"not a valid WebVTT file: {ex}") from ex
    return _render(_label_captions((c.voice, c.text, c.start_in_seconds) for c in captions.captions))


def _parse_srt(data: bytes, encoding: str | None) -> ParsedTranscript:
    import srt

    text = decode_text(data, encoding=encoding)
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as ex:
        raise InputFileError(f"not a valid SubRip file: {ex}") from ex
    return _render(_label_captions((None, s.content, s.start.total_seconds()) for s in subtitles))


def _label_captions(captions: Any) -> list[tuple[str, str, float | None]]:
    """Speaker from a voice tag or a 'Name: ' prefix; an unlabelled caption continues the last speaker."""
    spoken: list[tuple[str, str, float | None]] = []
    for voice, words, seconds in captions:
        words = " ".join(str(words).split())
        match = None if voice else match_turn_line(words)
        if voice:
            spoken.append((str(voice).strip(), words, float(seconds)))
        elif match:
            spoken.append(((match["bold"] or match["name"]).strip(), match["text"], float(seconds)))
        elif spoken:
            spoken.append((spoken[-1][0], words, None))
    return spoken


def _parse_docx(data: bytes, encoding: str | None) -> ParsedTranscript:
    from docx import Document as DocxDocument

    try:
        paragraphs = [p.text for p in DocxDocument(io.BytesIO(data)).paragraphs]
    except Exception as ex:  # python-docx raises zipfile, KeyError and lxml errors for broken files
        raise InputFileError(f"not a valid .docx file ({type(ex).__name__}: {ex})") from ex
    text = "\n".join(paragraphs)
    return ParsedTranscript(text, parse_turn_lines(text), {})


_SPEAKER_KEYS = ("speaker", "speaker_name", "name", "participant")
_TEXT_KEYS = ("text", "content", "utterance", "transcript", "sentence")
_START_KEYS = ("start", "start_time", "startTime", "timestamp", "offset")
_LIST_KEYS = ("turns", "utterances", "segments", "transcript", "messages")


def _parse_json(data: bytes, encoding: str | None) -> ParsedTranscript:
    try:
        loaded = json.loads(decode_text(data, encoding=encoding))
    except json.JSONDecodeError as ex:
        raise InputFileError(f"invalid JSON: {ex.msg} at line {ex.lineno} column {ex.colno}") from ex
    metadata: dict[str, Any] = {}
    items = loaded
    if isinstance(loaded, dict):
        if isinstance(loaded.get("metadata"), dict):
            metadata = loaded["metadata"]
        items = next((loaded[k] for k in _LIST_KEYS if isinstance(loaded.get(k), list)), None)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputFileError("JSON is not a call export: expected a list of {speaker, text, start} objects")
    spoken = []
    for number, item in enumerate(items, 1):
        speaker, words = _first(item, _SPEAKER_KEYS), _first(item, _TEXT_KEYS)
        if speaker is None or words is None:
            raise InputFileError(f"JSON item {number} has no speaker or no text")
        start = _first(item, _START_KEYS)
        spoken.append((str(speaker).strip(), str(words), _number(start)))
    parsed = _render(spoken)
    parsed.metadata = metadata
    return parsed


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((item[k] for k in keys if item.get(k) not in (None, "")), None)


def _number(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return _seconds(str(value)) if re.fullmatch(_TIME, str(value)) else None


_PARSERS: dict[str, Callable[[bytes, str | None], ParsedTranscript]] = {
    ".txt": _parse_plain,
    ".md": _parse_plain,
    ".vtt": _parse_vtt,
    ".srt": _parse_srt,
    ".docx": _parse_docx,
    ".json": _parse_json,
}
