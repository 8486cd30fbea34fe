"""The evidence gate: a quote the LLM returns is shown only if it is found in a customer's turn.

The quote is looked for exactly, then after normalising whitespace, quote marks, dashes and letter
case; when found, it is rewritten to the exact source span, so what a person reads is the source text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Evidence
from ..records import Document, Turn

MIN_QUOTE_WORDS = 3  # "Yes." or "the price" locates anywhere and proves nothing
_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "„": '"',
                       "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})  # fmt: skip
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_TRIM = " \t\r\n\"'“”‘’`«»"


@dataclass
class EvidenceGate:
    """Locates quotes in customer turns and counts what it refuses, by reason."""

    rejected: Counter[str] = field(default_factory=Counter)

    def locate(self, quote: str, documents: Sequence[Document]) -> Evidence | None:
        """The exact source span of ``quote`` in a customer turn of one of ``documents`` (first found), or None."""
        needle, _ = _normalise(quote.strip(_TRIM))
        needle = needle.strip(_TRIM + ".…")
        if len(needle.split()) < MIN_QUOTE_WORDS:
            self.rejected["too_short"] += 1
            return None
        in_interviewer_turn = False
        for document in documents:
            for turn in document.turns:
                span = _find(document.text, turn, needle)
                if span is None:
                    continue
                if not turn.is_customer:
                    in_interviewer_turn = True
                    continue
                return _evidence(document, turn, *span)
        self.rejected["interviewer_turn" if in_interviewer_turn else "not_in_source"] += 1
        return None

    @property
    def total(self) -> int:
        """Quotes refused so far."""
        return sum(self.rejected.values())


def numbers_within(text: str, source: str) -> bool:
    """True when every number ``text`` states also appears in ``source`` (model text may not invent figures)."""
    return set(_NUMBER.findall(text)) <= set(_NUMBER.findall(source))


def _find(text: str, turn: Turn, needle: str) -> tuple[int, int] | None:
    hay, offsets = _normalise(text[turn.start : turn.end])
    at = hay.find(needle)
    if at < 0:
        return None
    start = turn.start + offsets[at]
    end = turn.start + offsets[at + len(needle) - 1] + 1
    return start, end


def _normalise(text: str) -> tuple[str, list[int]]:
    """Folded text (one space per whitespace run, plain quote marks and dashes, lower case) and, for each of
    its characters, the offset of the character it came from."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        lowered = ch.lower()
        out.append(lowered if len(lowered) == 1 else ch)
        offsets.append(i)
    return "".join(out), offsets


def _evidence(document: Document, turn: Turn, start: int, end: int) -> Evidence:
    return Evidence(
        document=document.doc_id, title=document.title, kind=document.kind, speaker=turn.speaker,
        start=start, end=end, quote=document.text[start:end], account_id=document.account_id,
    )  # fmt: skip
