"""Redaction: a document's personal data replaced by the workspace's pseudonyms, its offsets kept true.

A redacted document is stored in place of the original, so every quote, offset, vector and prompt is of
the redacted text, and the evidence gate checks quotes against it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ..records import Account, Document, MetadataValue, Turn
from .detect import Found, find_personal_data
from .pseudonyms import Pseudonyms

# Metadata keys whose values name a person (never a company: "company name" and "account name" stay).
_PERSON_KEY = re.compile(
    r"interviewee|interviewer|participant|respondent|contact|^name$|full name|email|phone"
)
_NOT_PERSON_KEY = re.compile(r"company|account|organi[sz]ation|product|vendor|tool")
_GENERIC_SPEAKER = re.compile(
    r"(?:interviewer|moderator|host|q|a|question|answer|speaker\s*\w*|customer|participant\s*\w*|respondent"
    r"|user|guest|unknown|me|[prs]\d+|row \d+|person \d+|interviewee|caller|agent|rep)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Replacement:
    """Text [start, end) of the original became [new_start, new_end) of the redacted text."""

    start: int
    end: int
    new_start: int
    new_end: int


class Redactor:
    """Replaces personal data with pseudonyms kept in the workspace."""

    def __init__(self, pseudonyms: Pseudonyms, *, keep: Iterable[str] = ()) -> None:
        self.pseudonyms = pseudonyms
        self.keep = frozenset(keep)

    def text(
        self,
        text: str,
        *,
        source: str,
        people: Iterable[str] = (),
        keep: Iterable[str] | None = None,
        kinds: Collection[str] | None = None,
    ) -> tuple[str, list[Replacement]]:
        """The redacted text and where each replacement went; ``keep`` words are never a name.

        ``kinds`` limits what is replaced (e.g. everything but "Person" in a column of categories).
        """
        found = find_personal_data(text, people=people, keep=self.keep if keep is None else keep)
        if kinds is not None:
            found = [f for f in found if f.kind in kinds]
        names = {f: self._pseudonym(f, source) for f in sorted(found, key=_full_names_first)}
        pieces: list[str] = []
        replacements: list[Replacement] = []
        cursor = length = 0
        for f in found:
            pieces.append(text[cursor : f.start])
            length += f.start - cursor
            pieces.append(names[f])
            replacements.append(Replacement(f.start, f.end, length, length + len(names[f])))
            length += len(names[f])
            cursor = f.end
        pieces.append(text[cursor:])
        return "".join(pieces), replacements

    def keep_terms(self, accounts: Iterable[Account]) -> None:
        """Never redact the accounts' names and tech stack as people."""
        self.keep = self.keep | kept_terms(accounts)

    def _pseudonym(self, found: Found, source: str) -> str:
        return self.pseudonyms.pseudonym(found.kind, found.text, source=source)

    def document(self, document: Document) -> Document:
        """The document with its text, speakers, title and metadata redacted and its turns re-located."""
        source = document.source
        people = people_of(document)
        for name in sorted(people, key=lambda p: -len(p.split())):
            self.pseudonyms.pseudonym("Person", name, source=source)
        kept = self.keep | _company_words(document)
        text, replacements = self.text(document.text, source=source, people=people, keep=kept)
        turns = [
            Turn(
                speaker=self.speaker(t.speaker, source=source),
                start=moved(t.start, replacements, at_end=False),
                end=moved(t.end, replacements, at_end=True),
                is_customer=t.is_customer,
                seconds=t.seconds,
                question=self.text(t.question, source=source, people=people)[0] if t.question else None,
            )
            for t in document.turns
        ]
        doc_id, _, respondent = document.doc_id.partition("#")
        if respondent:
            doc_id += "#" + self.text(respondent, source=source, people=people)[0]
        return document.model_copy(
            update={
                "doc_id": doc_id,
                "text": text,
                "turns": turns,
                "title": self.text(_spaced_names(document.title, people), source=source, people=people)[0],
                "metadata": {k: self._metadata(k, v, source, people) for k, v in document.metadata.items()},
            }
        )

    def speaker(self, label: str, *, source: str) -> str:
        """A speaker's pseudonym, or the label itself when it names a role ("Interviewer", "Speaker 2")."""
        if is_generic_speaker(label):
            return label
        return self.pseudonyms.pseudonym("Person", _name_part(label), source=source)

    def _metadata(self, key: str, value: MetadataValue, source: str, people: Sequence[str]) -> MetadataValue:
        if not isinstance(value, str) or not value.strip():
            return value
        lowered = key.casefold().replace("_", " ")
        if _NOT_PERSON_KEY.search(lowered):
            return value  # company and account names link documents to CRM accounts; they stay
        if _names_a_person(lowered) and not re.search(r"\d", value):
            found = find_personal_data(value)
            if found and found[0].kind in ("Email", "Phone"):
                return self.text(value, source=source)[0]
            return ", ".join(
                name if is_generic_speaker(name) else self.pseudonyms.pseudonym("Person", name, source=source)
                for name in names_in(value)
            )
        return self.text(value, source=source, people=people)[0]


def people_of(document: Document) -> list[str]:
    """The people a document names outright: its speakers, interviewee and interviewers."""
    names = [_name_part(t.speaker) for t in document.turns if not is_generic_speaker(t.speaker)]
    for key, value in document.metadata.items():
        lowered = key.casefold().replace("_", " ")
        if _names_a_person(lowered) and isinstance(value, str) and not re.search(r"[@\d]", value):
            names.extend(names_in(value))
    return [n for n in dict.fromkeys(names) if n and not is_generic_speaker(n)]


def kept_terms(accounts: Iterable[Account]) -> frozenset[str]:
    """The words of account names and tech-stack items: companies and products, not people."""
    return frozenset(w for a in accounts for term in [*a.tech_stack, a.name or ""] for w in term.split())


def _company_words(document: Document) -> frozenset[str]:
    """The words of the document's own company or account name: a company, never a person."""
    words = [
        w
        for key, value in document.metadata.items()
        if isinstance(value, str) and _NOT_PERSON_KEY.search(key.casefold())
        for w in value.split()
    ]
    return frozenset(words)


def _names_a_person(key: str) -> bool:
    return _PERSON_KEY.search(key) is not None and _NOT_PERSON_KEY.search(key) is None


def is_generic_speaker(label: str) -> bool:
    """True for speaker labels that name a role or a number, not a person."""
    return (
        not label.strip()
        or _GENERIC_SPEAKER.fullmatch(label.strip()) is not None
        or not any(c.isalpha() for c in label)
    )


def moved(position: int, replacements: Sequence[Replacement], *, at_end: bool) -> int:
    """Where a position of the original text is in the redacted text."""
    shift = 0
    for r in replacements:
        if position <= r.start:
            break
        if position < r.end:
            return r.new_end if at_end else r.new_start
        shift = r.new_end - r.end
    return position + shift


def _name_part(label: str) -> str:
    """'Dana Whitfield (Northwind)' -> 'Dana Whitfield'."""
    return re.sub(r"\s*[\(\[].*$", "", label).strip() or label.strip()


def names_in(value: str) -> list[str]:
    """'Dana Whitfield, Raj Patel' -> ['Dana Whitfield', 'Raj Patel'] (and, &, / and ; split too)."""
    return [
        n.strip() for n in re.split(r",|;|/|\band\b|&", value) if n.strip() and n.strip().casefold() != "none"
    ]


def _spaced_names(title: str, people: Sequence[str]) -> str:
    """A title naming a person with other separators ('dana_whitfield.txt') written with the known name."""
    for name in people:
        words = name.split()
        if len(words) > 1:
            pattern = r"[\s_.-]+".join(re.escape(w) for w in words)
            title = re.sub(rf"(?<![A-Za-z]){pattern}(?![A-Za-z])", name, title, flags=re.IGNORECASE)
    return title


def _full_names_first(found: Found) -> tuple[int, int]:
    return (0 if found.kind == "Person" and " " in found.text.strip() else 1, found.start)
