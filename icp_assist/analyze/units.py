"""Units of analysis: customer sentences from interviews and customer answers from surveys, with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..models import Evidence
from ..records import Document, DocumentKind

# (not after a title or a short form that a name or a word follows: "the owner, Mr. Lafleur", qa26)
HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Prof")  # titles before a name (labels reads them too)
# Words that name nothing: scikit-learn's stop list, less the content words it holds ("system", "bill", "part"):
# "One system for everything." says why a league chose it (qa205: read as saying nothing, so never filed), and
# "Full-service" is not "service" (qa173).
FUNCTION_WORDS = ENGLISH_STOP_WORDS - {
    "full", "part", "system", "bill", "fire", "front", "back", "side", "call", "interest", "mill", "move", "top",
    "bottom", "thick", "thin", "computer",
}  # fmt: skip
# short forms a full stop ends (labels reads them too)
ABBREVIATIONS = (*HONORIFICS, "St", "Jr", "Sr", "vs", "Mt")
# nor after an initial ("C. Diff outbreak", "J. Smith": qa31's label "Diff outbreak" had lost its "C.")
_SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{a}\.)" for a in ABBREVIATIONS)
    + r"(?<!\b[A-Z]\.)(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])"
)
# Where a written answer lists its reasons: a line break, a semicolon, a "+" between words, ", also" or "and
# also", or a number closing a parenthesis ("1) parcel missing 2) renewal increase"). Each item is a statement of
# its own ("price; the IT review" gives two), as a sentence is.
# ... or a sentence run on without its full stop, as typed answers do ("Training our aides who had only used paper We
# looked at Halcyon too", "compared to ParkLogix Also your team was great", qa150, qa152: a reason's label was the
# other sentence's words): a capitalised pronoun or joining word after a lower-case word, a lower-case word after it.
_LIST_SEPARATOR = re.compile(
    r"\s*(?:\n|;|\s\+\s|(?:,|\band)\s+also\b|(?<!\w)\(?\d{1,2}\)(?=\s)|"
    r"(?-i:(?<=[a-z0-9%])\s+(?=(?:We|Our|They|Their|My|It's|This|Also|Plus|But)\s+[a-z])))\s*",
    re.IGNORECASE,
)
MIN_INTERVIEW_WORDS = 5  # shorter interview sentences ("Yeah, totally.") join their neighbour
# A sentence that opens by pointing back ("She went to a bigger retailer.", "It was getting worse every month.")
# says nothing on its own: its quote is shown with the sentence before it in the same answer, when there is one
# and it is not itself a long one (a quote is read at a glance).
_POINTS_BACK = re.compile(r"(?:She|He|They|It|That|This|Those|These|Which)\b(?!-)")
LEAD_MAX_WORDS = 30


@dataclass(frozen=True)
class Unit:
    """One customer sentence (or short run of sentences) located in a stored document."""

    doc_id: str
    title: str
    kind: DocumentKind
    speaker: str
    account_id: str | None
    start: int
    end: int
    text: str
    question: str | None = None  # the interviewer turn or survey question this statement answers
    lead: str = ""  # the sentence before, with what lies between, when this one points back to it

    def evidence(self) -> Evidence:
        """This unit as a verbatim, located quote (with its lead, so that "She went to a bigger retailer." is
        read as "Lisa left in the autumn. She went to a bigger retailer.")."""
        return Evidence(
            document=self.doc_id, title=self.title, kind=self.kind, speaker=self.speaker,
            start=self.start - len(self.lead), end=self.end, quote=self.lead + self.text,
            account_id=self.account_id,
        )  # fmt: skip


def customer_units(documents: Iterable[Document]) -> list[Unit]:
    """Every customer sentence of every interview and every customer survey answer, in document order."""
    units: list[Unit] = []
    for document in documents:
        asked: str | None = None  # the interviewer's last question (or last turn, where none has a "?")
        punctuated = any("?" in document.turn_text(t) for t in document.turns if not t.is_customer)
        for turn in document.turns:
            if not turn.is_customer:
                said = document.turn_text(turn).strip()
                if said and (asked is None or not punctuated or asks(said)) and not asks_for_more(said):
                    asked = said
                continue
            # Survey answers are short and often list two reasons, so their short sentences and the items
            # of a list stand alone.
            survey = document.kind == "survey_response"
            min_words = 1 if survey else MIN_INTERVIEW_WORDS
            items = list_items(document.text, turn.start, turn.end) if survey else [(turn.start, turn.end)]
            spans = [s for a, b in items for s in sentence_spans(document.text, a, b, min_words=min_words)]
            for number, (start, end) in enumerate(spans):
                units.append(
                    Unit(
                        doc_id=document.doc_id,
                        title=document.title,
                        kind=document.kind,
                        speaker=turn.speaker,
                        account_id=document.account_id,
                        start=start,
                        end=end,
                        text=document.text[start:end],
                        question=turn.question or asked,
                        lead=_lead(document.text, spans[number - 1] if number else None, start),
                    )
                )
    return units


def _lead(text: str, before: tuple[int, int] | None, start: int) -> str:
    """text from the previous sentence of the same answer to ``start``, if the sentence at ``start`` points back
    to it (_POINTS_BACK) and it has at most LEAD_MAX_WORDS words; else nothing."""
    if before is None or not _POINTS_BACK.match(text, start) or _words(text, *before) > LEAD_MAX_WORDS:
        return ""
    return text[before[0] : start]


# An interviewer's turn that asks: a question, a prompt ("Tell me about the evaluation.", "Walk me through it"), or
# anything longer than an acknowledgment ("And you ended up choosing Bloomerang."). A few words that only
# acknowledge ("Right, the float.", "That sounds stressful.", "Two weeks, yikes.") leave the question answered
# standing, so the next statements still answer it.
_PROMPT = re.compile(
    r"\b(tell (me|us)|walk (me|us)|describe|talk (me|us) through|explain|say more|go on|take (me|us) through|"
    r"help me understand)\b|(^|[.!:;]\s*)(what|why|how|who|when|where|which)\b",
    re.IGNORECASE,
)
ACKNOWLEDGMENT_WORDS = 5


def asks_for_more(said: str) -> bool:
    """Whether an interviewer's turn only asks for more of the answer ("That's fair. What else?", "Anything
    else?", "Any other reasons?"): the question answered before still stands (qa30: a lost deal's second reason,
    told after "What else?", was read as answering nothing)."""
    return bool(_FOR_MORE.search(said)) and len(said.split()) <= ACKNOWLEDGMENT_WORDS + 3


_FOR_MORE = re.compile(
    r"(^|[.!]\s+)(and |so |okay,? |ok,? )?(what else|anything else|any other (reasons?|things?|factors?)|"
    r"why else|what other reasons?|go on|tell me more|say more|and then)\b[^.?!]{0,12}\?*\s*$",
    re.IGNORECASE,
)


def asks(said: str) -> bool:
    """Whether an interviewer's turn asks something (a question or a prompt), rather than acknowledges."""
    return "?" in said or bool(_PROMPT.search(said)) or len(said.split()) > ACKNOWLEDGMENT_WORDS


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a written list in text[start:end] (lines, or parts between semicolons or a spaced "+")."""
    items = []
    cursor = start
    separators = [
        m
        for m in _LIST_SEPARATOR.finditer(text, start, end)
        # inside parentheses: "(authorizations + copays)" lists no reasons (qa144: "copays) better…")
        if text.count("(", start, m.start()) <= text.count(")", start, m.start())
    ]
    for n, match in enumerate(separators):
        if match.group(0).strip() == "+" and _joins_words(text, cursor, separators[n:], end):
            continue
        items.append((cursor, match.start()))
        cursor = match.end()
    items.append((cursor, end))
    return [(a, b) for a, b in items if text[a:b].strip()]


# A word that makes the phrase before a "+" a clause whose object the "+" extends ("instead of email + phone").
_GOVERNS = re.compile(r"\b(of|for|with|than|from|to|in|on|at|by|via|was|were|is|are|used|using|use)\b", re.I)


# What follows a "+" chain goes on as one clause of which the chain is a part: after a word or two, a verb of being or
# having, or a modal ("the bill with 4 locations + drivers is confusing and high"); or, after a chain of words or
# pairs of words, a clause holding such a verb or a subject pronoun ("Mercury + Dove + BloomNet in one list and it
# prints one ticket", qa237: "Mercury" and "Dove" were statements, "Mercury" a reason chosen). Never one that opens
# on its own subject ("dosing calculator + it bills the chems": two reasons). Closed classes of English.
_VERBS_OF_BEING = r"is|are|was|were|isn't|aren't|wasn't|weren't|has|have|had|does|do|did|can|can't|could|will|won't|would|should"
_SUBJECTS = r"i|we|they|it|you|he|she"
_GOES_ON = re.compile(rf"^\s*\S+(?:\s+\S+)?\s+(?:{_VERBS_OF_BEING})\b", re.IGNORECASE)
_A_CLAUSE = re.compile(rf"\b(?:{_VERBS_OF_BEING}|{_SUBJECTS})\b", re.IGNORECASE)
_OWN_SUBJECT = re.compile(rf"^\s*(?:{_SUBJECTS})\b", re.IGNORECASE)
# A word or two, then where the things joined are kept together: "in one place", "on the same screen", "under one
# login". Closed phrases of English.
_ALL_IN_ONE_PLACE = re.compile(
    r"^\s*\S+(?:\s+\S+)?\s+(?:all\s+)?(?:in|on|under|into|through|across)\s+(?:one|the same|a single|a shared)\b",
    re.IGNORECASE,
)


def _continues_a_clause(text: str, before: str, after: Sequence[re.Match[str]], end: int) -> bool:
    """Whether the words after the last "+" of a chain go on as one clause of which the chain is a part: the "+"
    signs join words inside one sentence, not reasons."""
    chain = [after[0]]
    for match in after[1:]:
        if match.group(0).strip() != "+":
            break
        chain.append(match)
    tail = text[chain[-1].end() : next((m.start() for m in after[len(chain) :]), end)]
    if len(tail.split()) <= 3 or _OWN_SUBJECT.match(tail):
        return False
    if _GOES_ON.match(tail):
        return True
    # (the words before it, as the chain's earlier "+" signs part them)
    pieces = [*re.split(r"\s\+\s", before), *(text[a.end() : b.start()] for a, b in pairwise(chain))]
    # ... or, after a chain of words, where they all are ("Donor + subscriber info on the same screen", "fundraising +
    # box office in one place", qa240: "Donor" and "fundraising" were statements)
    return all(len(piece.split()) <= 2 for piece in pieces) and bool(
        _A_CLAUSE.search(tail) or _ALL_IN_ONE_PLACE.match(tail)
    )


def _joins_words(text: str, cursor: int, after: Sequence[re.Match[str]], end: int) -> bool:
    """Whether a "+" (the first of ``after``) joins words inside the phrase before it, not reasons: the phrase is a
    clause and each piece the "+" signs add is a word or two ("one place for all orders instead of email + phone +
    fax", qa151: "phone" was a reason chosen by eight respondents)."""
    before = text[cursor : after[0].start()]
    if _continues_a_clause(text, before, after, end):
        return True
    if len(before.split()) <= 3 or not _GOVERNS.search(before):
        return False  # "3 year contract length + price": two reasons
    pieces = []
    at = after[0].end()
    for match in after[1:]:
        pieces.append((at, match.start()))
        if match.group(0).strip() != "+":
            break
        at = match.end()
    else:
        pieces.append((at, end))
    return all(_words(text, a, b) <= 2 for a, b in pieces)


def sentence_spans(
    text: str, start: int, end: int, *, min_words: int = MIN_INTERVIEW_WORDS
) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as (start, end), short ones merged into a neighbour, fillers dropped."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((cursor, match.start() + len(match.group(0).rstrip())))
        cursor = match.end()
    spans.append((cursor, end))
    spans = [_strip(text, a, b) for a, b in spans]
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and _words(text, *merged[-1]) < min_words:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    if len(merged) > 1 and _words(text, *merged[-1]) < min_words:
        last = merged.pop()
        merged[-1] = (merged[-1][0], last[1])
    return [(a, b) for a, b in merged if _words(text, a, b) >= min_words]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def one_per_document(evidence: Iterable[Evidence]) -> list[Evidence]:
    """The first quote of each document, in the given order."""
    seen: set[str] = set()
    first = []
    for quote in evidence:
        if quote.document not in seen:
            seen.add(quote.document)
            first.append(quote)
    return first


def wording(quote: str) -> str:
    """A quote's words, lower case: two respondents writing the same line have the same wording."""
    return " ".join(re.findall(r"\w+", quote.casefold()))
