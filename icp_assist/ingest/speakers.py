"""Telling interviewers from customers, so interviewer words never count as customer evidence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..errors import InputFileError

INTERVIEWER_LABELS = {
    "interviewer", "q", "question", "host", "moderator", "researcher", "facilitator", "int", "iv",
}  # fmt: skip
CUSTOMER_LABELS = {"a", "answer", "interviewee", "respondent", "customer", "participant", "guest"}
_QUESTION_SHARE = 0.5  # at least half of a speaker's turns are questions ...
_QUESTION_MARGIN = 2.0  # ... and at least twice the share of the next most questioning speaker


def normalise_name(name: str) -> str:
    """Lower case, no punctuation or extra spaces: 'Sam  Patel.' -> 'sam patel'."""
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())


def as_named(speaker: str) -> str:
    """A speaker as people name them: Teams' "Mehta, Rahul" is "Rahul Mehta", and its "(Guest)" or "(External)" after
    a name, or a company in brackets, is no part of it (qa140: citations read "Mehta, Rahul", and a question naming
    Rahul found none)."""
    name = _MEETING_ROLE.sub("", speaker).strip() or speaker.strip()
    reversed_name = _SURNAME_FIRST.fullmatch(name)
    if reversed_name and reversed_name["given"].rstrip(".").casefold() not in _SUFFIXES:
        return f"{reversed_name['given']} {reversed_name['surname']}"
    return name


# (and any other note in brackets after a name, as Zoom shows a display name: "Ray Delgado (Sablewood)", qa143)
_MEETING_ROLE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
# (a surname may open on its particles: "de Vries, Femke (Guest)", qa255: the whole Teams file was refused)
SURNAME_PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "da", "di", "del", "della", "du", "dos", "das", "le", "la", "ter", "ten", "al",
     "el", "bin", "ibn", "zu", "af"]
)  # fmt: skip
_SURNAME_FIRST = re.compile(
    r"(?P<surname>(?:(?:" + "|".join(sorted(SURNAME_PARTICLES)) + r") )*[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?),\s*"
    r"(?P<given>[A-Z][\w'’.-]+)"
)
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "cpa", "esq"])


def find_interviewers(spoken: Sequence[tuple[str, str]], named: Iterable[str] = ()) -> set[str]:
    """The speakers who are interviewers, from (speaker, text) turns and names given in metadata.

    Order of evidence: names in the metadata (full or first name), then common labels such as
    'Interviewer', 'Q' or 'Host', then the one speaker who asks far more questions than anyone else.
    """
    speakers = list(dict.fromkeys(speaker for speaker, _ in spoken))
    wanted = {normalise_name(n) for n in named if n and n.strip()}
    found = {s for s in speakers if _matches_named(s, wanted) or _is_interviewer_label(s)}
    if found or len(speakers) < 2:
        return found
    asker = _main_questioner(spoken)
    if asker is None and len(wanted) >= 2 and len(speakers) == len(wanted) + 1:
        # as many interviewers named as there are speakers but one, known by ids ("Speaker 1/2/3", qa239: Rev's
        # file refused though the manifest named both interviewers): the one who asks least is the interviewee
        answerer = _main_answerer(spoken)
        if answerer is not None:
            return set(speakers) - {answerer}
    if asker is None:
        raise InputFileError(
            f"cannot tell which speaker is the interviewer (speakers: {', '.join(speakers)}); "
            "name them with 'interviewers: [Name]' in the front matter or the manifest"
        )
    return {asker}


def _main_answerer(spoken: Sequence[tuple[str, str]]) -> str | None:
    """The one speaker whose share of questions is far below everyone else's (_QUESTION_MARGIN), if any."""
    share = sorted((part, s) for s, part in _question_shares(spoken).items())
    (low_share, low), (next_share, _) = share[0], share[1]
    return low if next_share >= _QUESTION_SHARE and _QUESTION_MARGIN * low_share <= next_share else None


def _question_shares(spoken: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Each speaker's share of turns that end on a question mark."""
    turns = Counter(speaker for speaker, _ in spoken)
    questions = Counter(speaker for speaker, text in spoken if text.rstrip().endswith("?"))
    return {s: questions[s] / turns[s] for s in turns}


def _matches_named(speaker: str, wanted: set[str]) -> bool:
    name = normalise_name(speaker)
    return name in wanted or any(w.split()[0] == name for w in wanted if w)


def _is_interviewer_label(speaker: str) -> bool:
    name = normalise_name(speaker)
    return name in INTERVIEWER_LABELS or name.startswith("interviewer ")


def _main_questioner(spoken: Sequence[tuple[str, str]]) -> str | None:
    shares = _question_shares(spoken)
    if all(normalise_name(s) in CUSTOMER_LABELS for s in shares if s):
        return None
    share = sorted(((part, s) for s, part in shares.items()), reverse=True)
    (top_share, top), (next_share, _) = share[0], share[1]
    if top_share >= _QUESTION_SHARE and top_share >= _QUESTION_MARGIN * next_share:
        return top
    return None
