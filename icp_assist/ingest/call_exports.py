"""JSON call exports: a list of {speaker, text, start} turns, Gong's API transcript, Fireflies' API response.

Gong (`/v2/calls/transcript`) writes ``callTranscripts[].transcript[]`` monologues with a ``speakerId`` and
``sentences`` ({start, end, text}, start in milliseconds). Speaker names and who is internal come from the
``parties`` of ``/v2/calls/extensive`` when the file includes them; internal speakers are the interviewers.
Fireflies' GraphQL API answers ``{"data": {"transcript": {"sentences": [{speaker_name, text, start_time}]}}}``
(``transcripts: [...]`` for several calls).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InputFileError
from .files import decode_text
from .turns import ParsedTranscript, render_turns

_SPEAKER_KEYS = ("speaker", "speaker_name", "speakerName", "name", "participant", "speakerId", "speaker_id")
_TEXT_KEYS = ("text", "content", "utterance", "transcript", "sentence", "words")
_START_KEYS = ("start", "start_time", "startTime", "timestamp", "offset")
_LIST_KEYS = ("turns", "utterances", "segments", "transcript", "messages", "sentences")
_TIME = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?")


def parse_call_json(data: bytes, encoding: str | None) -> ParsedTranscript:
    """A call export in JSON holding one call: Gong's API shape or a list of speaker turns."""
    calls = parse_calls(data, encoding)
    if len(calls) != 1:
        raise InputFileError(f"a Gong export with {len(calls)} calls: read it with read_transcripts")
    return calls[0]


def parse_calls(data: bytes, encoding: str | None) -> list[ParsedTranscript]:
    """Every call in a JSON export: one per entry of Gong's callTranscripts, or the one list of turns."""
    try:
        loaded = json.loads(decode_text(data, encoding=encoding))
    except json.JSONDecodeError as ex:
        raise InputFileError(f"invalid JSON: {ex.msg} at line {ex.lineno} column {ex.colno}") from ex
    except RecursionError as ex:
        raise InputFileError("JSON is nested too deeply to be a call export") from ex
    loaded = _graphql_data(loaded)
    if isinstance(loaded, dict) and isinstance(
        loaded.get("transcripts"), list
    ):  # Fireflies' transcripts query
        calls = [
            c for c in loaded["transcripts"] if isinstance(c, dict) and isinstance(c.get("sentences"), list)
        ]
        if calls:
            return [_one_call(c, call_id=str(c.get("id") or n)) for n, c in enumerate(calls, 1)]
    if isinstance(loaded, dict) and isinstance(loaded.get("transcript"), dict):  # Fireflies' transcript query
        loaded = loaded["transcript"]
    if isinstance(loaded, dict) and isinstance(loaded.get("callTranscripts"), list):
        calls = [c for c in loaded["callTranscripts"] if isinstance(c, dict)]
        if not calls:
            raise InputFileError("the Gong export's callTranscripts list holds no call")
        return [_gong(loaded, call) for call in calls]
    return [_one_call(loaded)]


def _graphql_data(loaded: Any) -> Any:
    """The ``data`` of a GraphQL response (Fireflies' API), refusing one that carries only errors."""
    if (
        not isinstance(loaded, dict)
        or "data" not in loaded
        or not ({"data", "errors", "extensions"} >= loaded.keys())
    ):
        return loaded
    if not isinstance(loaded["data"], dict):
        errors = loaded.get("errors") or []
        messages = "; ".join(str(e.get("message", e)) for e in errors if isinstance(e, dict))[:300]
        raise InputFileError(f"the API response holds no transcript{': ' + messages if messages else ''}")
    return loaded["data"]


def _one_call(loaded: Any, *, call_id: str | None = None) -> ParsedTranscript:
    """One call: a list of turns, or an object holding one (turns, utterances, sentences ...)."""
    metadata: dict[str, Any] = {}
    items = loaded
    if isinstance(loaded, dict):
        if isinstance(loaded.get("metadata"), dict):
            metadata = loaded["metadata"]
        items = next((loaded[k] for k in _LIST_KEYS if isinstance(loaded.get(k), list)), None)
        if items is None:  # any list of turns, e.g. QMSum's 'meeting_transcripts'
            items = next((v for v in loaded.values() if _turn_list(v)), None)
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise InputFileError(
            "JSON is not a call export; icp-assist reads a list of {speaker, text, start} turns or an object "
            "holding one (turns, utterances, segments, sentences), Gong's API transcript {callTranscripts: "
            "[{transcript: [...]}]}, and Fireflies' API response {data: {transcript: {sentences: [...]}}}"
        )
    spoken = []
    for number, item in enumerate(items, 1):
        speaker = _first(item, _SPEAKER_KEYS)
        words = _first(item, _TEXT_KEYS)
        if speaker is None or words is None:
            raise InputFileError(f"JSON item {number} has no speaker or no text")
        spoken.append((_speaker(speaker, number), _text(words, number), _number(_first(item, _START_KEYS))))
    parsed = render_turns(spoken)
    parsed.metadata = {**metadata, "call_id": call_id} if call_id else metadata
    return parsed


def _turn_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(i, dict) for i in value)
        and _first(value[0], _SPEAKER_KEYS) is not None
        and _first(value[0], _TEXT_KEYS) is not None
    )


def _gong(loaded: dict[str, Any], call: dict[str, Any]) -> ParsedTranscript:
    names, internal, titles, companies = _parties(loaded, call)
    spoken: list[tuple[str, str, float | None]] = []
    for number, monologue in enumerate(call.get("transcript") or [], 1):
        if not isinstance(monologue, dict) or not isinstance(monologue.get("sentences"), list):
            raise InputFileError(f"Gong monologue {number} has no sentences list")
        speaker_id = _speaker(monologue.get("speakerId"), number)
        speaker = names.get(speaker_id, f"Speaker {speaker_id}")
        for sentence in monologue["sentences"]:
            if not isinstance(sentence, dict) or "text" not in sentence:
                raise InputFileError(f"Gong monologue {number} has a sentence without text")
            start = _number(sentence.get("start"))
            spoken.append(
                (speaker, _text(sentence["text"], number), start / 1000 if start is not None else None)
            )
    if not spoken:
        raise InputFileError(f"Gong call {call.get('callId')} has an empty transcript")
    parsed = render_turns(spoken)
    parsed.metadata = {"call_id": str(call.get("callId", "")) or None}
    if internal:
        parsed.metadata["interviewers"] = sorted(internal)
    speaking = {speaker for speaker, _, _ in spoken}
    people = [name for name in titles if name in speaking]
    if people:
        # the customers on the call with the title Gong holds: who said "I" is then known, as a manifest's
        # "interviewee: A; B" / "role: X; Y" would say it (qa34: one customer's title was dropped)
        parsed.metadata["interviewee"] = "; ".join(people)
        parsed.metadata["role"] = "; ".join(titles[name] for name in people)
    held = {companies[name] for name in speaking if name in companies}
    if len(held) == 1:  # the customers' company, where the parties name it: it links the call to its account
        parsed.metadata["company"] = held.pop()
    return parsed


def _parties(
    loaded: dict[str, Any], call: dict[str, Any]
) -> tuple[dict[str, str], set[str], dict[str, str], dict[str, str]]:
    """Speaker names by speakerId, the names of internal (seller-side) speakers, and the job title and company
    of each customer-side speaker that has one, when parties are given."""
    parties = call.get("parties") or loaded.get("parties") or _extensive_parties(loaded, call)
    names: dict[str, str] = {}
    internal: set[str] = set()
    titles: dict[str, str] = {}
    companies: dict[str, str] = {}
    for party in parties if isinstance(parties, list) else []:
        if (
            isinstance(party, dict)
            and party.get("speakerId") is not None
            and isinstance(party.get("name"), str)
        ):
            name = " ".join(party["name"].split())
            names[str(party["speakerId"])] = name
            if str(party.get("affiliation", "")).lower() == "internal":
                internal.add(name)
            else:
                if isinstance(party.get("title"), str) and party["title"].strip():
                    titles[name] = " ".join(party["title"].split())
                company = _first(party, ("company", "companyName", "accountName", "account"))
                if isinstance(company, str) and company.strip():
                    companies[name] = " ".join(company.split())
    return names, internal, titles, companies


def _extensive_parties(loaded: dict[str, Any], call: dict[str, Any]) -> list[Any]:
    """The parties of this call in a ``calls`` list beside the transcripts, as ``/v2/calls/extensive`` returns
    them ({"calls": [{"metaData": {"id": ...}, "parties": [...]}]}): the entry with the call's id, or the only one."""
    listed = loaded.get("calls")
    calls: list[dict[str, Any]] = (
        [c for c in listed if isinstance(c, dict)] if isinstance(listed, list) else []
    )
    ids = [str(c["metaData"].get("id", "")) if isinstance(c.get("metaData"), dict) else "" for c in calls]
    same = [c for c, i in zip(calls, ids, strict=True) if i == str(call.get("callId", "-"))]
    chosen = same[0] if same else calls[0] if len(calls) == 1 else {}
    parties = chosen.get("parties")
    return parties if isinstance(parties, list) else []


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((item[k] for k in keys if item.get(k) not in (None, "")), None)


def _speaker(value: Any, number: int) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputFileError(f"JSON item {number}: the speaker is {_kind(value)}, not a name or an id")
    return str(value).strip()


def _text(value: Any, number: int) -> str:
    """The words of a turn: a string, a list of strings (joined) or an object with a text field."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return " ".join(value)
    if isinstance(value, dict):
        inner = _first(value, _TEXT_KEYS)
        if inner is not None:
            return _text(inner, number)
    raise InputFileError(f"JSON item {number}: the text is {_kind(value)}, not words")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if value is None:
        return "empty"
    return {dict: "an object", list: "a list", int: "a number", float: "a number"}.get(
        type(value), "not text"
    )


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        if _TIME.fullmatch(str(value)):
            total = 0.0
            for part in str(value).replace(",", ".").split(":"):
                total = total * 60 + float(part)
            return total
        return None
