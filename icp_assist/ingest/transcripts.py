"""Interview transcripts in txt, md, vtt, srt, docx and JSON call exports, as turns with offsets."""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputFileError
from ..records import Document, MetadataValue, Turn
from .call_exports import parse_call_json, parse_calls
from .files import decode_text
from .frontmatter import load_front_matter
from .notes import QUOTED_PARTICIPANT, participant_quotes
from .speakers import (
    CUSTOMER_LABELS,
    INTERVIEWER_LABELS,
    SURNAME_PARTICLES,
    as_named,
    find_interviewers,
    normalise_name,
)
from .turns import ParsedTranscript, RawTurn, render_turns

__all__ = ["QUOTED_PARTICIPANT", "ParsedTranscript", "RawTurn", "read_transcript", "read_transcripts"]

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_STAMP = rf"(?:\[(?P<ts1>{_TIME})\]|\((?P<ts2>{_TIME})\)|(?P<ts3>{_TIME})(?=\s))"
_NAME = r"[^\W\d_][\w.'’&()\- ]{0,48}?"
_TURN_LINE = re.compile(
    rf"^\s*(?:{_STAMP}\s*)?(?:-\s*)?"
    rf"(?:\*\*(?P<bold>{_NAME})(?::\*\*|\*\*:)|(?P<name>{_NAME})\s*(?:{_STAMP.replace('ts', 'tsb')}\s*)?:)"
    # a stamp may also follow the label ("Hannah Brooks: [00:00:10] Our renewal...")
    rf"[ \t]*(?:\[(?P<tsa1>{_TIME})\][ \t]*)?(?P<text>\S.*)$"
)
_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---[ \t]*\n", re.DOTALL)


def read_transcript(
    path: Path,
    data: bytes,
    *,
    metadata: dict[str, Any],
    encoding: str | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Parse one transcript file into a Document; ``metadata`` (e.g. from a manifest) is overridden by the file's.

    Markdown or text notes that are not a conversation but quote participants (``> `` blockquotes, quoted
    list items, attributed quotations) keep only those quotations as the participants' turns.
    What was skipped while reading (e.g. a caption with a broken timestamp) is added to ``warnings``.
    """
    return _document(path, _PARSERS[path.suffix.lower()](data, encoding), metadata, warnings)


def read_transcripts(
    path: Path,
    data: bytes,
    *,
    metadata: dict[str, Any],
    encoding: str | None = None,
    warnings: list[str] | None = None,
) -> list[Document]:
    """Every interview in one file: one, or one per call of a Gong export that holds several."""
    if path.suffix.lower() == ".json":
        calls = parse_calls(data, encoding)
        if len(calls) > 1:
            return [_document(path, parsed, metadata, warnings, call=True) for parsed in calls]
        return [_document(path, calls[0], metadata, warnings)]
    return [read_transcript(path, data, metadata=metadata, encoding=encoding, warnings=warnings)]


def _document(
    path: Path,
    parsed: ParsedTranscript,
    metadata: dict[str, Any],
    warnings: list[str] | None,
    *,
    call: bool = False,
) -> Document:
    meta = {**metadata, **{k: v for k, v in parsed.metadata.items() if v not in (None, "")}}
    staff = _as_list(meta.pop("staff", None))
    _drop_system_lines(parsed)
    interviewers = _as_list(meta.get("interviewers"))
    try:
        recorded = path.suffix.lower() in _RECORDED_CALLS
        if path.suffix.lower() in {".md", ".txt"} and _written_as_notes(parsed):
            raise InputFileError("a 'Label:' line is followed by headings or blockquotes: notes, not speech")
        turns, asking = _conversation(parsed, interviewers, meeting_if_unclear=recorded)
    except InputFileError as ex:
        turns = quoted_turns(parsed.text) if path.suffix.lower() in {".md", ".txt"} else []
        if not turns and path.suffix.lower() in {".md", ".txt"} and parsed.turns:
            raise InputFileError(
                f"{ex}; if these are research notes, quote participants as '> ' blockquotes, '- \"…\"' list "
                "items or quoted sentences with an attribution (the researchers' own text is never used)"
            ) from ex
        if not turns and call:
            raise InputFileError(f"call {meta.get('call_id')}: {ex}") from ex
        if not turns:
            raise
        asking, meta["notes"] = set(), "participants quoted in the notes"
    turns, asking = _named_speakers(turns, asking, meta, parsed.warnings, text=parsed.text)
    turns, asking = _staff_of_other_calls(turns, asking, staff, meta, parsed.warnings)
    if warnings is not None:
        warnings.extend(parsed.warnings)
    meta["interviewers"] = ", ".join(sorted(asking)) or None
    account = meta.pop("account_id", None)
    suffix = f"#{meta['call_id']}" if call else ""
    return Document(
        doc_id=f"{path}{suffix}",
        kind="interview",
        source=str(path),
        title=f"{path.name} · call {meta['call_id']}" if call else path.name,
        text=parsed.text,
        turns=turns,
        account_id=str(account) if account not in (None, "") else None,
        metadata=_flat_metadata(meta),
    )


def _staff_of_other_calls(
    turns: list[Turn], asking: set[str], staff: list[str], meta: dict[str, Any], warnings: list[str]
) -> tuple[list[Turn], set[str]]:
    """A customer speaker the manifest names, by full name, as an interviewer of its other calls is the vendor's too
    (qa267: the account executive, left off one call's row, was a customer on it: "That was a fun call." backed an
    objection theme); never the call's own interviewee, nor every customer speaker of the call."""
    known = {normalise_name(n) for n in staff if len(n.split()) >= 2}
    interviewee = normalise_name(str(meta.get("interviewee") or ""))
    customers = {t.speaker for t in turns if t.is_customer}
    sellers = {c for c in customers if normalise_name(as_named(c)) in known - {interviewee}}
    if not sellers or sellers == customers:
        return turns, asking
    warnings.append(
        f"speakers read as interviewers: {', '.join(sorted(sellers))} (the manifest names them interviewers of "
        "other calls)"
    )
    turns = [t.model_copy(update={"is_customer": False}) if t.speaker in sellers else t for t in turns]
    return turns, asking | sellers


def _conversation(
    parsed: ParsedTranscript, interviewers: list[str], *, meeting_if_unclear: bool = False
) -> tuple[list[Turn], set[str]]:
    """The turns, customer or not, and the interviewers; InputFileError when the speakers cannot be told.

    With ``meeting_if_unclear`` (a recorded call), three or more speakers of whom none leads the questions
    are read as a meeting: every speaker a participant, and a warning says so.
    """
    if not parsed.turns:
        raise InputFileError(
            "no speaker turns found: expected lines like 'Name: what they said' (or '[00:01:23] Name: ...')"
        )
    spoken = [(t.speaker, parsed.text[t.start : t.end]) for t in parsed.turns]
    speakers = sorted({t.speaker for t in parsed.turns})
    try:
        asking: set[str] = set() if no_interviewer(interviewers) else find_interviewers(spoken, interviewers)
    except InputFileError:
        if not meeting_if_unclear or len(speakers) < 3:
            raise
        asking = set()
        parsed.warnings.append(
            f"no interviewer among {len(speakers)} speakers ({', '.join(speakers)}): read as a meeting, every "
            "speaker a participant; name the interviewer with 'interviewers: [Name]' in a manifest if there is one"
        )
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


_RECORDED_CALLS = {".json", ".vtt", ".srt"}
# Gong without parties; Otter's "Unknown Speaker" (qa244)
_UNNAMED_SPEAKER = re.compile(r"(?:speaker|spk)[ _-]?\w+|\d+|unknown speaker|unknown", re.IGNORECASE)
# A device a video call names a participant by who joined from it ("Jake's iPhone", "iPad", "Galaxy S23", "Call-in
# User 2"): Zoom's and Teams' defaults.
_DEVICE = re.compile(
    r"(?:(?P<owner>[^\W\d_][\w-]*)['’]s\s+)?(?:iphone|ipad|android|galaxy(?:\s+\w+)?|pixel(?:\s+\w+)?|"
    r"macbook(?:\s+(?:pro|air))?|laptop|phone|(?:call|dial)-?in\s+user|zoom\s+user)(?:\s*\(?\d+\)?)?",
    re.IGNORECASE,
)


def _introduced(
    turns: list[Turn], text: str, speakers: Sequence[str], people: Sequence[str]
) -> dict[str, str]:
    """The speakers that introduce themselves by the given name of exactly one of these people ("I'm Raj", "This is
    Linda", "my name is Raj"), each to that person, where no two speakers name the same one."""
    found: dict[str, set[str]] = {}
    for turn in turns:
        if turn.speaker in speakers:
            for given in _INTRODUCES_SELF.findall(text[turn.start : turn.end]):
                theirs = [p for p in people if normalise_name(p.split()[0]) == normalise_name(given)]
                if len(theirs) == 1:
                    found.setdefault(turn.speaker, set()).add(theirs[0])
    named = {speaker: next(iter(who)) for speaker, who in found.items() if len(who) == 1}
    counts = Counter(named.values())
    return {speaker: person for speaker, person in named.items() if counts[person] == 1}


_INTRODUCES_SELF = re.compile(r"\b(?:I['’]m|I am|[Tt]his is|[Mm]y name is|[Mm]y name['’]s)\s+([A-Z][a-z]+)\b")


def _named_speakers(
    turns: list[Turn], asking: set[str], meta: dict[str, Any], warnings: list[str], *, text: str = ""
) -> tuple[list[Turn], set[str]]:
    """Speakers known only by an id ('Speaker 8812…'), a generic label ('A', 'Interviewee', 'Q') or the first
    name alone ('Rick') named from the manifest: its interviewee when there is one customer speaker, its
    interviewer when there is one interviewer; of customer speakers known by ids, those beside the one who says
    most are interviewers when the manifest names that many more."""
    renames: dict[str, str] = {}
    customers = sorted({t.speaker for t in turns if t.is_customer})
    interviewee = " ".join(str(meta.get("interviewee") or "").split())
    named = _as_list(meta.get("interviewers"))
    one_person = not re.search(r"[;|,&/]|\band\b", interviewee)
    # Speakers known only by ids, where the manifest names one interviewee and as many interviewers more than were
    # found asking as there are customer speakers beside the one who says most: those are the interviewers (qa174:
    # a Gong call without parties, whose account executive's one line made him a customer)
    # (and of several interviewees, those who say most: "Priya Natarajan; Tom Kessler" with a CSM "just listening
    # mostly", qa194: the CSM's lines were customers')
    extra = len(named) - len(asking)
    said: Counter[str] = Counter()  # how much each speaker says, in characters
    for turn in turns:
        said[turn.speaker] += turn.end - turn.start
    people = [p.strip() for p in re.split(r"[;|&/]|\band\b", interviewee) if p.strip()]
    if (
        people
        and (one_person or len(people) > 1)
        and len(customers) > len(people)
        and all(_unnamed(c) for c in customers)
        and extra == len(customers) - len(people)
        and not no_interviewer(named)
    ):
        main = sorted(customers, key=lambda c: -said[c])[: len(people)]
        sellers = set(customers) - set(main)
        who = (
            "one interviewee, who says most"
            if len(people) == 1
            else f"{len(people)} interviewees, who say most"
        )
        warnings.append(
            f"speakers read as interviewers: {', '.join(sorted(sellers))} (the manifest names {len(named)} "
            f"interviewers and {who})"
        )
        turns = [t.model_copy(update={"is_customer": False}) if t.speaker in sellers else t for t in turns]
        asking = asking | sellers
        customers = sorted(main)
    if len(people) > 1 and len(customers) > 1 and all(_unnamed(c) for c in customers):
        # which id is which of several people the manifest names, told where each introduces themselves by their
        # given name ("Yeah, Linda's here. I'm Raj, VP of operations", "Hi, I'm Linda, the controller.", qa299: the
        # lost deal's reasons were quoted as "Speaker 9679834464776185482")
        introduced = _introduced(turns, text, customers, people)
        left = [c for c in customers if c not in introduced]
        unnamed = [p for p in people if p not in introduced.values()]
        if introduced and len(left) == 1 and len(unnamed) == 1:
            introduced[left.pop()] = unnamed[0]  # the one left is the one not introduced
        renames.update(introduced)
        if left:
            warnings.append(
                f"speakers {', '.join(sorted(left))} are {interviewee} in some order: nothing in the file tells "
                "which is whom, so their quotes are shown under these ids; name them in the file"
            )
    if interviewee and one_person and len(customers) > 1 and all(_unnamed(c) for c in customers):
        # one interviewee and several ids, one saying far more than the rest ("Speaker 2" beside Otter's "Unknown
        # Speaker", a colleague's one line, qa244: the interviewee quoted as "Speaker 2"): that one is the interviewee
        (top, most), (_, next_most) = Counter({c: said[c] for c in customers}).most_common(2)
        if most >= _SAYS_FAR_MORE * next_most and not _unnamed(interviewee):
            renames[top] = interviewee
    if interviewee and len(customers) == 1 and not _unnamed(interviewee):
        # a label ('A', 'Speaker 2'), or the interviewee's first name alone ('Rick' for 'Rick Delaney')
        first = normalise_name(interviewee.split()[0])
        bare = normalise_name(customers[0]) == first and len(interviewee.split()) > 1
        # research notes quoting the one person interviewed quote that person (qa50: "participant (quoted)" took
        # no role, so the notes' "I signed" and their churn story reached no committee line and no answer)
        # ... or a phone or laptop Zoom shows by its name and no one's ("iPad", "Call-in User 2"; one named for its
        # owner is read below)
        device = _DEVICE.fullmatch(customers[0].strip())
        no_ones = device is not None and device.group("owner") is None
        if _unnamed(customers[0]) or bare or no_ones or (customers[0] == QUOTED_PARTICIPANT and one_person):
            renames[customers[0]] = interviewee
    # ... and a device named for its owner is that interviewee's, of one or several, by their given name or a short
    # form of it ("Jake's iPhone", qa158: the owner's signature and role were lost; "Carla's iPhone" of "Mike
    # Sorensen; Carla Diaz", "Jen's iPad" of "Jennifer Lowe", qa178, qa181: never renamed), also where that person
    # spoke under their own name before rejoining from the phone (qa235: "Denise's iPhone" after "Denise Walsh")
    for customer in customers:
        device = _DEVICE.fullmatch(customer.strip())
        if customer in renames or not device or not device.group("owner"):
            continue
        owner = normalise_name(device.group("owner"))
        theirs = [
            p
            for p in people
            if (given := normalise_name(p.split()[0])) == owner
            or (len(owner) >= 3 and given.startswith(owner))
        ]
        if len(theirs) == 1:
            renames[customer] = theirs[0]
    if len(named) == 1 and len(asking) == 1 and not no_interviewer(named):
        (asker,) = asking
        if _unnamed(asker) and not _unnamed(named[0]):
            renames[asker] = named[0]
    if not renames:
        return turns, asking
    warnings.append(
        "speakers named from the manifest: " + ", ".join(f"'{old}' is {new}" for old, new in renames.items())
    )
    turns = [t.model_copy(update={"speaker": renames.get(t.speaker, t.speaker)}) for t in turns]
    return turns, {renames.get(a, a) for a in asking}


# How many times the words of the next speaker one of several unnamed speakers must say to be the one interviewee
# the manifest names. Judgement (a colleague's interruption beside an hour's answers), not fitted to data.
_SAYS_FAR_MORE = 5


def _unnamed(speaker: str) -> bool:
    """A speaker known by an id ('Speaker 2', '8812') or a label ('A', 'Q', 'Interviewee'), not a name."""
    label = normalise_name(speaker)
    return (
        bool(_UNNAMED_SPEAKER.fullmatch(speaker)) or label in CUSTOMER_LABELS or label in INTERVIEWER_LABELS
    )


# Lines a transcription tool writes into the transcript, never spoken (checked against real exports):
# Teams ('Jordan Price started transcription'), Otter's footer, Google Meet's closing lines.
_SYSTEM_LINE = re.compile(
    r"(?:[^\W\d_][\w.,'’\- ]{0,60} (?:started|stopped) transcription"
    r"|Transcribed by https?://otter\.ai/?"
    r"|(?:Transcription|Meeting) ended after \d{1,2}:\d{2}(?::\d{2})?\W*"
    r"|This editable transcript was computer generated and might contain errors\..*"
    # Rev's export line, at the head or the foot of the file (qa266: in its .docx, the last turn's, a churn theme's label)
    r"|This transcript was exported on [^\n]{1,40}?(?:\s*[-–—]\s*view latest version here)?\.?)",
    re.IGNORECASE,
)


def _drop_system_lines(parsed: ParsedTranscript) -> None:
    """Cut the tool's own lines (a footer, 'X stopped transcription') out of turns, saying what was ignored."""
    turns: list[RawTurn] = []
    cut_from_a_turn = False
    for turn in parsed.turns:
        position, cut = turn.start, True
        pieces: list[tuple[int, int]] = []
        for line in parsed.text[turn.start : turn.end].split("\n"):
            start, position = position, position + len(line) + 1
            if _SYSTEM_LINE.fullmatch(line.strip()):
                cut = cut_from_a_turn = True
            elif line.strip():
                span = (start + len(line) - len(line.lstrip()), start + len(line.rstrip()))
                pieces.append(span if cut else (pieces.pop()[0], span[1]))
                cut = False
        seconds = [turn.seconds] + [None] * len(pieces)
        turns += [RawTurn(turn.speaker, a, b, s) for (a, b), s in zip(pieces, seconds, strict=False)]
    # every such line is said to be ignored, those outside every turn too ("Sophie Lang started transcription" above
    # the first, qa279: the warning named only the "stopped" line inside the last turn)
    ignored = [line.strip() for line in parsed.text.split("\n") if _SYSTEM_LINE.fullmatch(line.strip())]
    if ignored:
        shown = "; ".join(f"'{line[:60]}'" for line in dict.fromkeys(ignored))
        parsed.warnings.append(
            f"ignored {len(ignored)} line(s) the transcription tool wrote (not speech): {shown}"
        )
    if cut_from_a_turn:
        parsed.turns = turns


# A line of Markdown structure: a heading or a blockquote. Nobody speaks one; notes are made of them.
_NOTES_LINE = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]|>)", re.MULTILINE)


def _written_as_notes(parsed: ParsedTranscript) -> bool:
    """Whether the 'Name: text' turns found are the header lines of research notes ("**Date:** …",
    "**Participant:** …"): some turn runs over a Markdown heading or a blockquote, which a transcript's turn never
    holds, and the notes quote participants. Read as a conversation, the researcher's prose after the last such
    line became a customer's turn (qa39: a speaker "Deal" owned the whole write-up, headings and all)."""
    spans = [parsed.text[t.start : t.end] for t in parsed.turns]
    return any(_NOTES_LINE.search(span) for span in spans) and bool(quoted_turns(parsed.text))


def no_interviewer(interviewers: list[str]) -> bool:
    """True when the metadata says 'interviewers: none': every speaker is a participant (e.g. a meeting)."""
    return [normalise_name(n) for n in interviewers] == ["none"]


def quoted_turns(text: str) -> list[Turn]:
    """The participants' quotations in research notes, each as a customer turn."""
    return participant_quotes(text)


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
    words = as_named(match["bold"] or match["name"]).split()  # (a company in brackets after it aside)
    lowercase = sum(1 for w in words if not w[0].isupper())
    # (a device a call names its participant by opens in lower case: "iPhone", "iPad", qa158)
    device = bool(words) and words[0] in ("iPhone", "iPad") and bool(_DEVICE.fullmatch(" ".join(words)))
    if not device and (not words or not words[0][0].isupper() or len(words) > 5 or lowercase > 1):
        return None
    return match


# A timestamp alone on its line: Google Meet's transcript (saved from Google Docs) writes one every few minutes
# above the 'Name: text' lines that follow it. It is a time mark, never words of the turn above it.
_STAMP_LINE = re.compile(rf"^\s*[\[(]?(?P<t>{_TIME})[\])]?\s*$")


def parse_turn_lines(text: str, *, offset: int = 0) -> list[RawTurn]:
    """Turns from 'Name: text' lines; a line without a label continues the previous turn, and a timestamp
    alone on a line (Google Meet) is the time of the turn below it."""
    turns: list[RawTurn] = []
    position = offset
    mark: float | None = None
    for line in text[offset:].split("\n"):
        line_start, position = position, position + len(line) + 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if stamp_line := _STAMP_LINE.match(line):
            mark = _seconds(stamp_line["t"])
            continue
        match = match_turn_line(line)
        if match:
            speaker = (match["bold"] or match["name"]).strip()
            stamp = next(
                (match[g] for g in ("ts1", "ts2", "ts3", "tsb1", "tsb2", "tsb3", "tsa1") if match[g]), None
            )
            end = line_start + len(line.rstrip())
            seconds = _seconds(stamp) if stamp else mark
            turns.append(RawTurn(speaker, line_start + match.start("text"), end, seconds))
            mark = None
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


# Teams shows people as their directory has them, often "Last, First" ("Raman, Priya   0:01", qa69: the file was
# refused as having one speaker); in a header line with its time only, so "Well, I think: …" is never a name.
_LAST_FIRST = r"[^\W\d_][\w.'’\-]*(?: [^\W\d_][\w.'’\-]*)?, [^\W\d_][\w.'’\-]*(?: [^\W\d_][\w.'’\-]*)?"
_BLOCK_HEADER = re.compile(
    # (with the tag Teams puts after an outside attendee: "Ortega, Marisol (Guest)   0:12", qa146: three files refused)
    rf"^\s*(?P<name>{_LAST_FIRST}(?:\s*\([A-Za-z]+\))?|{_NAME})\s*(?:\(\s*(?P<t1>{_TIME})\s*\)\s*:?|:\s*\(\s*(?P<t2>{_TIME})\s*\)"
    rf"|\s+-\s+(?P<t3>{_TIME})|\s+(?P<t4>{_TIME})(?:\s*-->\s*{_TIME})?)\s*$"
)
# Zoom's saved captions / transcript .txt: '[Karen Liu] 14:02:11', the words on the next line.
_ZOOM_HEADER = re.compile(rf"^\s*\[(?P<name>{_NAME})\]\s+(?P<t>{_TIME})\s*$")
# Fathom's .txt: '0:09 - Brian Okoye (Lakeside Smiles)', the company in brackets, the words indented below.
_FATHOM_HEADER = re.compile(rf"^\s*(?P<t>{_TIME})\s+-\s+(?P<name>{_NAME})(?:\s*\([^)]*\))?\s*$")
# tl;dv's and Avoma's Markdown: '**Priya Shah** [00:41]' (or '**Priya Shah** 00:41'), the words on the lines below.
_MARKDOWN_HEADER = re.compile(rf"^\s*\*\*(?P<name>{_NAME})\*\*\s*(?:\[(?P<t>{_TIME})\]|(?P<t2>{_TIME}))\s*$")
_ARROW_LINE = re.compile(rf"^\s*(?P<t>{_TIME}|\d+:\d+:\d+(?:\.\d+)?)\s*-->\s*\S+\s*$")


def parse_speaker_blocks(text: str, *, offset: int = 0) -> list[RawTurn]:
    """Turns from header lines 'Name  0:06' (Otter, Teams), 'Name (00:04):' (Rev, tl;dv), 'Name - 01:23'
    (Fireflies), '[Name] 14:02:11' (Zoom), '0:09 - Name (Company)' (Fathom) or '**Name** [00:41]' (tl;dv and
    Avoma Markdown), each followed by the words on the lines below it; [] when the text is not laid out so."""
    turns: list[RawTurn] = []
    position = offset
    for line in text[offset:].split("\n"):
        line_start, position = position, position + len(line) + 1
        header = _block_header(line)
        if header is not None:
            name, stamp = header
            turns.append(RawTurn(name, line_start + len(line), line_start + len(line), _seconds(stamp)))
        elif turns and line.strip() and not _STAMP_LINE.match(line):
            if turns[-1].start == turns[-1].end:
                turns[-1].start = line_start + len(line) - len(line.lstrip())
            turns[-1].end = line_start + len(line.rstrip())
    spoken = [t for t in turns if t.end > t.start]
    return spoken if len(spoken) >= 2 and len(spoken) * 2 >= len(turns) else []


def parse_timed_name_blocks(text: str) -> list[RawTurn]:
    """Turns from a timing line, then the speaker's name alone on a line, then the words (older Teams .docx)."""
    lines = text.split("\n")
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    turns: list[RawTurn] = []
    index = 0
    while index < len(lines):
        timing = _ARROW_LINE.match(lines[index])
        name = lines[index + 1].strip() if timing and index + 1 < len(lines) else ""
        if timing and _looks_like_name(name):
            turns.append(RawTurn(name, -1, -1, _seconds(timing["t"].rsplit(".", 1)[0])))
            index += 2
            continue
        line = lines[index]
        if turns and line.strip():
            if turns[-1].start < 0:
                turns[-1].start = starts[index] + len(line) - len(line.lstrip())
            turns[-1].end = starts[index] + len(line.rstrip())
        index += 1
    spoken = [t for t in turns if t.start >= 0]
    return spoken if len(spoken) >= 2 else []


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 5
        and words[0][0].isupper()
        and not text.endswith((".", "?", "!", ":"))
        and sum(1 for w in words if not w[0].isupper()) <= 1
    )


def _block_header(line: str) -> tuple[str, str] | None:
    match = (
        _BLOCK_HEADER.match(line)
        or _ZOOM_HEADER.match(line)
        or _FATHOM_HEADER.match(line)
        or _MARKDOWN_HEADER.match(line)
    )
    if match is None:
        return None
    # (a company in brackets after the name is no part of it: "Mike Dunleavy (Keystone Power & Controls)   0:14",
    # qa239: six words, and the chief estimator's turns were the CFO's)
    words = as_named(match["name"]).split()
    lowered = [w for w in words if not w[0].isupper() and w not in SURNAME_PARTICLES]
    if not words[0][0].isupper() or len(words) > 5 or len(lowered) > 1:
        return None
    stamps = {k: v for k, v in match.groupdict().items() if k != "name"}
    last, comma, first = as_named(match["name"]).partition(", ")
    return (f"{first} {last}" if comma else last), next(v for v in stamps.values() if v)


def _parse_text(data: bytes, encoding: str | None) -> ParsedTranscript:
    """Plain text or Markdown: 'Name: text' lines, or speaker header blocks as Otter, Rev or Fireflies write.

    Captions saved with a .txt name (a WebVTT or SubRip file) are read as captions: the content decides.
    """
    text = _refuse_nul(decode_text(data, encoding=encoding)).lstrip()
    if text.startswith("WEBVTT"):
        return _parse_vtt(data, encoding)
    if _SRT_START.match(text):
        return _parse_srt(data, encoding)
    parsed = _parse_plain(data, encoding)
    front = _FRONT_MATTER.match(parsed.text)
    blocks = parse_speaker_blocks(parsed.text, offset=front.end() if front else 0)
    if blocks:
        parsed.turns = blocks
    return parsed


_SRT_START = re.compile(r"\d+\n\d{2}:\d{2}:\d{2},\d{3} --> ")


def _refuse_nul(text: str) -> str:
    if "\x00" in text:
        raise InputFileError(
            f"NUL byte at character {text.index(chr(0))}: the file looks binary, not text "
            "(if it is UTF-16 without a byte-order mark, pass --encoding utf-16)"
        )
    return text


_CUE_TIMING = re.compile(
    r"^(?:\d{2,}:)?\d{2}:\d{2}[.,]\d{3}[ \t]+-->[ \t]+(?:\d{2,}:)?\d{2}:\d{2}[.,]\d{3}(?:[ \t].*)?$"
)


def _parse_vtt(data: bytes, encoding: str | None) -> ParsedTranscript:
    import webvtt

    text = _refuse_nul(decode_text(data, encoding=encoding))
    try:
        captions = webvtt.from_string(text)
    except Exception as ex:  # webvtt-py raises its own parse errors and ValueError
        raise InputFileError(f"not a valid WebVTT file: {ex}") from ex
    # a cue's character references are its characters (Teams writes "<v Rosa Pe&#241;a>", qa127: the name was cited
    # with the code in it)
    parsed = render_turns(
        _label_captions(
            (html.unescape(c.voice) if c.voice else c.voice, html.unescape(c.text), c.start_in_seconds)
            for c in captions.captions
        )
    )
    parsed.warnings = _broken_cues(text)
    return parsed


def _broken_cues(text: str) -> list[str]:
    """A warning for each cue whose timing line is malformed (a WebVTT reader skips such cues)."""
    warnings = []
    line = 1
    for block in text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        first = lines[0].strip() if lines else ""
        timing = next((n for n, part in enumerate(lines) if "-->" in part), None)
        skip = not first or first.startswith(("WEBVTT", "NOTE", "STYLE", "REGION"))
        if not skip and (timing is None or not _CUE_TIMING.match(lines[timing].strip())):
            shown = lines[timing].strip() if timing is not None else first
            words = " ".join(lines[(timing or 0) + 1 :])[:60]
            warnings.append(f"caption at line {line} skipped: broken timestamp {shown!r} (text: {words!r})")
        line += block.count("\n") + 2
    return warnings


def _parse_srt(data: bytes, encoding: str | None) -> ParsedTranscript:
    import srt

    text = _refuse_nul(decode_text(data, encoding=encoding))
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as ex:
        raise InputFileError(f"not a valid SubRip file: {ex}") from ex
    return render_turns(_label_captions((None, s.content, s.start.total_seconds()) for s in subtitles))


def _label_captions(captions: Any) -> list[tuple[str, str, float | None]]:
    """Speaker from a voice tag or a 'Name: ' prefix; an unlabelled caption continues the last speaker."""
    spoken: list[tuple[str, str, float | None]] = []
    for voice, words, seconds in captions:
        words = " ".join(str(words).split())
        match = None if voice else match_turn_line(words)
        if voice:
            spoken.append((as_named(str(voice)), words, float(seconds)))
        elif match:
            spoken.append((as_named((match["bold"] or match["name"]).strip()), match["text"], float(seconds)))
        elif spoken and _SYSTEM_LINE.fullmatch(words):
            # the tool's own line, in a caption of its own ("Sorensen, Nate stopped transcription"): no one's, so no
            # part of the turn before (qa242: "Sure. Bye." was ignored with it), and cut with the tool's other lines
            spoken.append(("", words, None))
        elif spoken:
            spoken.append((spoken[-1][0], words, None))
    return spoken


def _parse_docx(data: bytes, encoding: str | None) -> ParsedTranscript:
    """Word documents: 'Name: text' paragraphs, or header paragraphs as Teams and Otter write them."""
    from docx import Document as DocxDocument

    try:
        paragraphs = [p.text for p in DocxDocument(io.BytesIO(data)).paragraphs]
    except Exception as ex:  # python-docx raises zipfile, KeyError and lxml errors for broken files
        raise InputFileError(f"not a valid .docx file ({type(ex).__name__}: {ex})") from ex
    # A soft line break inside a paragraph (Teams: 'Name   0:03' then the words) is a line of its own.
    text = "\n".join(paragraphs)
    turns = parse_speaker_blocks(text) or parse_timed_name_blocks(text) or parse_turn_lines(text)
    return ParsedTranscript(text, turns, {})


_PARSERS: dict[str, Callable[[bytes, str | None], ParsedTranscript]] = {
    ".txt": _parse_text,
    ".md": _parse_text,
    ".vtt": _parse_vtt,
    ".srt": _parse_srt,
    ".docx": _parse_docx,
    ".json": parse_call_json,
}
