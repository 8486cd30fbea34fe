"""Research notes: only what participants said becomes customer text, never the researchers' own prose.

A participant's words are recognised in four written forms: a ``> `` blockquote line, a list item or a paragraph
that is a quotation (``- "..."``, ``"..."``), and a quoted sentence in prose with an attribution (``One buyer
said, "..."``, ``Derrick: "..."`` or ``"..." (P3)``). Only the words inside the quotation marks are kept.
"""

from __future__ import annotations

import re

from ..records import Turn
from .speakers import INTERVIEWER_LABELS, normalise_name

QUOTED_PARTICIPANT = "participant (quoted)"
_SECTION = re.compile(r"^[ \t]{0,3}#{2,6}[ \t]+(?P<title>.+?)[ \t]*$")
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?(?P<text>.*?)\s*$")
_LIST_QUOTE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(?P<open>[\"“‘'])(?P<text>.+?)\s*$")
_CLOSE = {'"': '"', "“": "”", "‘": "’", "'": "'"}
_PROSE_QUOTE = re.compile(r"(?P<open>[\"“])(?P<text>[^\"“”\n]{12,}?)(?P<close>[\"”])")
_SAID_BEFORE = re.compile(
    r"(?:\b(?:said|says|say|told us|tells us|explained|noted|put it|mentioned|added|described|shared|"
    r"commented|remarked|replied|wrote|recalled)\b[^.!?\"“]{0,40}|\b[Pp](?:articipant)?\s*\d+\s*"
    r"|\b(?:users?|participants?|buyers?|customers?|attendees?|respondents?|interviewees?|testers?|people|"
    r"someone|he|she|they)\b[^.!?\"“]{0,80}:)[,:]?\s*$"
)
_SAID_AFTER = re.compile(
    r"^\s*[,.!?]?\s*(?:[—–-]+\s*\S|\((?:[Pp]|participant|buyer|user|customer|interviewee)[^)]*\)|"
    # a name in parentheses after the quotation ('"We had a rough fourth quarter …" (Angela)', qa135: dropped)
    r"\((?-i:[A-Z][a-z'’-]+)(?: (?-i:[A-Z][a-z'’.-]*)){0,2}\)\s*$|"
    r"(?:she|he|they|[Pp]\s*\d+|the \w+|one \w+|a \w+)?\s*(?:said|says|explained|noted|added|told)\b)"
)
_PARAGRAPH_QUOTE = re.compile(r"^[ \t]{0,3}(?P<open>[\"“])\S")
_COLON_BEFORE = re.compile(r"\S:\s*$")
# ... but not a record's field quoted after its name ('Reason in HubSpot: "Went with outsourced administrator"',
# qa103: read as the participant's words). Closed class of record words and the CRMs.
_RECORD_WORDS = r"status|stage|field|tag|label|code|subject|ticket|crm|hubspot|salesforce|pipedrive"
_RECORD_BEFORE = re.compile(rf"\b(reasons?|{_RECORD_WORDS})\b[^.!?\"“]{{0,30}}:\s*$", re.IGNORECASE)
# A whole quoted sentence after the researcher's sentence, ending the line ('- Juniper for the portal only. "Juniper
# was a nicer portal on paper but …"', qa103: such quotes were not read).
_SENTENCE_BEFORE = re.compile(r"[.!?)]\s+$")
# A list item's label and a dash before the quotation ('- Cost — "we're a lean network, every dollar is a teacher"',
# qa137: the price objections noted so were not read).
_LABEL_DASH_BEFORE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+[^\"“”:]{1,60}?\s[—–-]{1,2}\s*$")
# A record's value, and a name referred to, before a quotation in the researcher's sentence (_quoted_within).
_DETERMINER_BEFORE = re.compile(r"\b(the|a|an|our|their|its|this|that|your)\s*$", re.IGNORECASE)
_RECORDED_BEFORE = re.compile(
    rf"\b({_RECORD_WORDS}|sfdc|zoho|marked|logged|recorded|entered|reason)\b[^.!?\"“]{{0,60}}$", re.IGNORECASE
)
_MIN_PROSE_WORDS = (
    4  # shorter quoted phrases in prose are terms or scare quotes, not a participant's sentence
)


def participant_quotes(text: str) -> list[Turn]:
    """Each participant quotation in the notes as a customer turn located in ``text``, with the section heading it
    sits under as its question ("## Why they chose SageVista", "## Objections"): researchers file their notes by the
    interview guide's topics, as the interviewer's questions are (qa82: a lost deal's reasons, quoted under "Why
    SageVista", were read with no question and filed nowhere). The document's title (a level-one heading) is none."""
    found: list[tuple[Turn, bool]] = []
    position = 0
    heading: str | None = None
    for line in text.split("\n"):
        section = _SECTION.match(line)
        if section:
            heading = section["title"].strip(" #*_") or None
        for start, end, loose in _quotes_in_line(line):
            if end > start:
                turn = Turn(
                    speaker=QUOTED_PARTICIPANT,
                    start=position + start,
                    end=position + end,
                    is_customer=True,
                    question=heading,
                )
                found.append((turn, loose))
        position += len(line) + 1
    # The looser forms (a paragraph that is a quotation, a quotation after a colon) are a participant's words only in
    # notes that quote participants in the usual forms too: in an interview script they are what the researcher
    # will say ("Very brief discussion of the purpose of today's test: “My goal today is …”", 18F)
    strict = any(not loose for _, loose in found)
    return [turn for turn, loose in found if strict or not loose]


def _quotes_in_line(line: str) -> list[tuple[int, int, bool]]:
    """(start, end, whether in a looser form) of each quotation in the line."""
    block = _BLOCKQUOTE.match(line)
    if block:
        inner = block["text"].strip(">").strip()
        if not inner:
            return []
        return [(*_unquote(line, block.start("text"), block.start("text") + len(block["text"])), False)]
    item = _LIST_QUOTE.match(line)
    if item:
        return [(*_unquote(line, item.start("open"), item.end("text")), False)]
    alone = _PARAGRAPH_QUOTE.match(line)
    if alone:
        # a paragraph that is one quotation, with at most its attribution after it (staffingats: "Nobody's going
        # back to paper. If you disappeared, probably Crewline, ..." under "## Alternatives today" was lost)
        close = line.rfind(_CLOSE[alone["open"]], alone.end("open"))
        after = line[close + 1 :] if close > alone.start("open") else ""
        if close > alone.end("open") and (not after.strip(" .,;!?") or _SAID_AFTER.match(after)):
            start, end = _unquote(line, alone.start("open"), close + 1)
            while end > start and line[end - 1] in ",;:":
                end -= 1  # '"..., " P2 explained': the comma belongs to the sentence around the quote
            return [(start, end, not _SAID_AFTER.match(after))]
    spans = []
    for match in _PROSE_QUOTE.finditer(line):
        words = match["text"].split()
        # "Derrick: "If they didn't walk in, ..."", "Crewline: "Too much system for us ..."": a name, a rival or
        # "And" before a colon introduces the words quoted after it, as "She said," does (staffingats); and so does the
        # researcher's sentence before a quoted sentence that ends the line
        before, after = line[: match.start()], line[match.end() :]
        said = _SAID_BEFORE.search(before) or _SAID_AFTER.match(after) or _named_before(before)
        introduced = (
            (_COLON_BEFORE.search(before) and not _RECORD_BEFORE.search(before))
            or (_SENTENCE_BEFORE.search(before) and not after.strip(" .,;!?"))
            or _LABEL_DASH_BEFORE.match(before)
            or _quoted_within(before, match["text"], after)
        )
        if len(words) >= _MIN_PROSE_WORDS and (said or introduced):
            start, end = _trim(line, match.start("text"), match.end("text"))
            while end > start and line[end - 1] in ",;:":
                end -= 1  # '"..., " she said': the comma belongs to the sentence around the quote
            spans.append((start, end, not said))
    return spans


def _quoted_within(before: str, text: str, after: str) -> bool:
    """A quotation inside the researcher's own sentence ('Considered Provender too but "it was a six-month project
    …"', 'pricing was "more than we'd budgeted, by about a third." Got them to annual prepay.', qa151: three
    accounts' price and rival remarks were lost), read in the looser form: not a value a record holds ('marked it
    lost in Pipedrive as "Price / no budget"', 'it's "do nothing / cheap tool"'), nor a question ('We asked "what
    made you look?"'), nor a name the researcher refers to ('the "How we work" section'), nor the words between two
    quotations ('what "18F" means, and said … on an "About" page')."""
    opens = not before or not before[-1].isalnum()
    closes = not after or not after[0].isalnum()
    named = _DETERMINER_BEFORE.search(before) or " / " in text
    return (
        opens
        and closes
        and not named
        and not text.rstrip().endswith("?")
        and not _RECORDED_BEFORE.search(before)
    )


def _named_before(before: str) -> bool:
    """Whether a line opens on a person's name and a colon, then the quotation ('Ben: "Paper waivers. In 2025."',
    qa107: notes quoting only so were refused as a one-speaker transcript); not an interviewer's label
    ('Moderator: "…"', a script's line)."""
    named = _NAME_COLON.match(before)
    return named is not None and normalise_name(named.group(1)) not in INTERVIEWER_LABELS


# A line's opening name (one to three capitalised words) and its colon, before a quotation.
_NAME_COLON = re.compile(
    r"^\s*(?:[-*+•]\s+)?(?:\*\*)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})(?:\*\*)?:(?:\*\*)?\s*$"
)


def _unquote(line: str, start: int, end: int) -> tuple[int, int]:
    """The span without its outer quotation marks and any attribution after the closing mark."""
    start, end = _trim(line, start, end)
    opening = line[start] if start < end else ""
    if opening in _CLOSE:
        close = line.rfind(_CLOSE[opening], start + 1, end)
        start += 1
        if close > start:
            end = close
        while end > start and line[end - 1] in '"”’':
            end -= 1  # a doubled closing mark
    return _trim(line, start, end)


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
