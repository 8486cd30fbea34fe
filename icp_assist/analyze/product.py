"""The vendor's own product, as the interviewers' and the survey's questions name it.

Customers name their product, its rivals and the tools they ran before; the questions a vendor writes name its own
product (``own_product_named``). Read as "us" or "you", that name stops a statement about the product being read as
one about another vendor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .competitors import OWN_PRODUCT_SHARE
from .units import Unit

# A name in the interviewer's question (the vendor's product, a competitor, the person interviewed) says nothing
# about the stage of buying it asks about, yet it moves the question's embedding: "Why did you stop using
# Hirewell?" reads as hiring. A capitalised word inside a sentence (not its first word, not a month or a day)
# is read as "it", as the training set's questions say ("Why did you stop using it?"). A rule of English
# orthography, not fitted to data; acronyms (CFO, ERP) keep their meaning and are left alone.
_NAME = re.compile(r"\b[A-Z][a-z0-9]*[a-z][A-Za-z0-9]*(?:\.[a-z]{2,4})?\b(?P<possessive>'s)?")
# (after a transcriber's note too: "[laughs] What made you go with it?", qa242: "What" read as a product's name)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"(\u201c\])]|\(\w+(?: \w+)?\))\s*$")
_CALENDAR = frozenset(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
)  # fmt: skip


def asked_of_the_product(units: Sequence[Unit], named: re.Pattern[str] | None) -> list[Unit]:
    """The units with the vendor's own product (``own_product_named``), named in their questions, read as "us"
    ("Why did you pick Tablewise originally?", "How did you end up with Tradewind?"), not as another vendor a
    customer went to (qa41, qa43: in accounts that churned, why they first bought was filed as why they left)."""
    if named is None:
        return list(units)
    return [
        replace(u, question=read_as_us(u.question, named)) if u.question and named.search(u.question) else u
        for u in units
    ]


def read_as_us(text: str, named: re.Pattern[str]) -> str:
    """The text with the vendor's own product (``own_product_named``) read as "us", its possessive as "your"."""
    return named.sub(lambda m: "your" if m.group(2) else "us", text)


def own_product_named(units: Sequence[Unit], outcomes: Mapping[str, str | None]) -> re.Pattern[str] | None:
    """The vendor's own product names as said (group 2: a possessive): the name the questions of the most of two
    or more interviews with questions ask about, when that is more than half of them, lost deals left out (where
    the interviewer asks after the vendor chosen instead: "And you ended up going with TalentLMS?"); None when no
    name is asked about so."""
    asked: dict[str, set[str]] = {}
    # only interviews with an interviewer's questions can name it in one (qa61: three of the four transcripts named
    # FieldLane, and three notes with no questions kept it below half)
    interviews = {
        u.doc_id for u in units if u.kind == "interview" and u.question and outcomes.get(u.doc_id) != "lost"
    }
    for unit in units:
        if unit.doc_id in interviews and unit.question:
            for name in _names_in(unit.question):
                asked.setdefault(name, set()).add(unit.doc_id)
    # interviewers ask about the main rival in many interviews too ("Did you look at ValuTrack?"), but less often
    # than about their own product (qa149, qa154, qa37: the rival read as "us"); a name of two words ties
    most = max((len(docs) for docs in asked.values()), default=0)
    own = [
        n
        for n, docs in asked.items()
        if len(interviews) >= 2 and len(docs) == most and len(docs) > OWN_PRODUCT_SHARE * len(interviews)
    ]
    # ... or a name most of a survey's questions ask about ("What was the main reason you chose Plotwell?", "What
    # would you improve about Plotwell?"): a survey is sent about the product (qa80: asked of in 3 of 8 interviews,
    # "Why did customers choose Plotwell over Rostr?" was read as why deals went to Rostr)
    questions = {u.question for u in units if u.kind == "survey_response" and u.question}
    in_questions: dict[str, int] = {}
    for question in questions:
        for name in _names_in(question):
            in_questions[name] = in_questions.get(name, 0) + 1
    own += [
        n for n, count in in_questions.items() if count > OWN_PRODUCT_SHARE * len(questions) and n not in own
    ]
    return re.compile(r"\b(" + "|".join(map(re.escape, own)) + r")(['’]s)?(?!\w|\.\w)") if own else None


def _names_in(question: str) -> set[str]:
    """The names inside a question's sentences (not a sentence's first word, a month or a day)."""
    return {name for m in _NAME.finditer(question) if (name := _name_inside(m, question))}


def _name_inside(match: re.Match[str], question: str) -> str | None:
    """The name a _NAME match is, without its possessive, unless it opens a sentence or is a month or a day."""
    word = match.group(0).removesuffix("'s")
    if word in _CALENDAR or _SENTENCE_START.search(question[: match.start()]):
        return None
    return word


def without_names(question: str) -> str:
    """A question with the names inside its sentences read as "it" ("...before Ledgerly?" -> "...before it?")."""

    def read(match: re.Match[str]) -> str:
        if _name_inside(match, question) is None:
            return match.group(0)
        return "its" if match.group("possessive") else "it"

    return re.sub(r"\bit(?:\s+it)+\b", "it", _NAME.sub(read, question))
