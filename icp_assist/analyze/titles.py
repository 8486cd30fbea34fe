"""Job titles and decision roles: a maintained list of B2B titles plus patterns for the part people play."""

from __future__ import annotations

import re

from ..records import Document

# (canonical title, pattern), most specific first. Extend here; nothing else knows titles.
TITLES: tuple[tuple[str, str], ...] = (
    ("CFO", r"\bcfo\b|chief financial officer"),
    ("CEO", r"\bceo\b|chief executive|founder|\b(the|my|our) owner\b|owner of the (business|company)|business owner"),
    ("COO", r"\bcoo\b|chief operating officer"),
    ("CIO", r"\bcio\b|chief information officer"),
    ("CTO", r"\bcto\b|chief technology officer"),
    ("CISO", r"\bciso\b|chief (information )?security officer"),
    ("VP Finance", r"\bvp,? (of )?finance\b|vice president,? (of )?finance|head of finance|finance director|director of finance"),
    ("Controller", r"\b(financial )?(controller|comptroller)\b"),
    ("FP&A Manager", r"\bfp&?a\b|financial planning"),
    ("AP Manager", r"\b(ap|accounts payable|payables) (manager|lead|supervisor|team lead)\b|head of (ap|accounts payable)"),
    ("AP Specialist", r"\b(ap|accounts payable|payables) (specialist|clerk|analyst|coordinator|associate)\b"),
    ("Accountant", r"\b(senior |staff )?accountants?\b|bookkeeper|accounting (manager|team)"),
    ("IT Director", r"\b(it|information technology) (director|manager|lead|team|department)\b|director of it|head of it|\bsysadmin\b"),
    ("Security", r"\bsecurity (team|review|lead|officer|engineer)\b|infosec"),
    ("Procurement", r"\bprocurement\b|purchasing (manager|team)|sourcing (manager|team)|vendor management"),
    ("Legal", r"\blegal( team| counsel)?\b|general counsel|\blawyers?\b"),
    ("Operations", r"\b(vp|head|director) (of )?operations\b|operations manager|\bops lead\b"),
    ("Board", r"\b(the )?board\b|investors?\b"),
)  # fmt: skip
_COMPILED = tuple((title, re.compile(pattern, re.IGNORECASE)) for title, pattern in TITLES)

ROLE_FAMILY = {
    "CFO": "Finance leader", "VP Finance": "Finance leader", "CEO": "Executive", "COO": "Executive",
    "Controller": "Controller / AP manager", "AP Manager": "Controller / AP manager",
    "FP&A Manager": "Finance leader", "AP Specialist": "AP practitioner", "Accountant": "AP practitioner",
    "IT Director": "IT & security", "CIO": "IT & security", "CTO": "IT & security", "CISO": "IT & security",
    "Security": "IT & security", "Procurement": "Procurement & legal", "Legal": "Procurement & legal",
    "Operations": "Operations", "Board": "Executive",
}  # fmt: skip


def find_titles(text: str) -> list[str]:
    """Canonical job titles mentioned in a text, in order of first mention."""
    return [title for _, title in title_mentions(text)]


def title_mentions(text: str) -> list[tuple[int, str]]:
    """(position, canonical title) of each title's first mention in a text, in order."""
    found = [(m.start(), title) for title, pattern in _COMPILED for m in [pattern.search(text)] if m]
    return sorted(found)


def title_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical title) of every title mention in a text, in order, overlaps resolved first-listed."""
    spans: list[tuple[int, int, str]] = []
    for title, pattern in _COMPILED:
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), title))
    return sorted(spans)


def canonical_title(role: str) -> str | None:
    """The canonical title for a free-text role such as 'Senior AP Specialist'."""
    titles = find_titles(role)
    return titles[0] if titles else None


def document_role(document: Document) -> str | None:
    """The interviewee's or respondent's role or job title from the document's metadata, if given."""
    for key, value in document.metadata.items():
        if key.lower() in ("role", "title", "job title", "job_title", "position") and isinstance(value, str):
            return value
    return None
