"""Survey responses: open-ended answers become customer text, closed columns become respondent metadata.

Column types come from the export's own labels when it has them (SurveyMonkey's 'Open-Ended Response',
Qualtrics' ``_TEXT`` import ids) and otherwise from the values: numbers, dates and timestamps, ids, e-mail
addresses and links, option lists (few distinct values, or ';'/','-separated picks from a small set), names,
and free text (mostly distinct answers of several words). Rows without any open answer are not respondents.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputFileError
from ..records import Document, MetadataValue, Turn
from .columns import names_a_company, names_a_role, names_a_segment, normalise_header
from .linking import DOMAIN_REFERENCE, account_key, email_domain, place_name
from .tables import Table

COMPANY_DOMAIN = "company domain"  # a respondent's metadata key for their work e-mail's domain
_RESPONDENT_HEADERS = {
    "respondent id", "respondent", "response id", "responseid", "id", "respondent number", "token", "response",
}  # fmt: skip
_ACCOUNT_HEADERS = {"account id", "accountid", "account", "crm id", "company id"}
# (Typeform's "Response Type": completed or partial, qa236). A yes/no column ("Finished", "Completed") marks a
# partial response by false, 0 or no; a status column only by its word: Qualtrics' numeric export writes Status
# 0 for an ordinary response (qa289: all 60 finished responses were reported "marked partial in 'Status'").
_NOT_DONE = frozenset(["false", "0", "no"])
_PARTIAL_WORDS = frozenset(["partial", "incomplete", "disqualified"])
_PARTIAL_VALUES = {
    **dict.fromkeys(["finished", "completed", "complete"], _NOT_DONE),
    **dict.fromkeys(["status", "response status", "response type"], _PARTIAL_WORDS),
}
# A row the survey tool marks as its owner trying the survey out, or as spam (Qualtrics' Status "Survey Preview",
# "Survey Test", "Spam"; its DistributionChannel "preview", "test"): no respondent (qa227: "test test" answers of
# the vendor's own preview were counted and embedded)
_TRIAL_HEADERS = {"status", "response type", "distribution channel", "distributionchannel"}
_TRIAL_VALUES = {"survey preview", "survey test", "spam", "preview", "test"}
# The same in Qualtrics' numeric export, whose Status is a code: 1 Survey Preview, 2 Survey Test, 8 Spam, 9 Survey
# Preview Spam, 12 Imported Spam, 17 Offline Survey Preview (0 is an ordinary response, 4 imported, 16 offline)
_TRIAL_CODES = {"1", "2", "8", "9", "12", "17"}
_NON_ANSWERS = {"", "n a", "na", "none given", "no answer", "nil", "nan",
               # keys run over to get past a required field (qa56: a theme "Asdf")
               "asdf", "asdfg", "asdfgh", "asdf asdf", "qwerty", "sdf", "jkl", "jk", "xx", "xxx", "x", "zzz",
               "test", "testing", "aaa", "abc"}  # fmt: skip
# Thresholds, set by reading the Jupyter 2015/2016 survey exports and the samples/ survey (not tuned on scores):
_OPEN_MIN_DISTINCT = 0.5  # free text: at least half of the answers are distinct
_OPEN_MIN_WORDS = 4.0  # ... and they average this many words,
_QUESTION_MIN_WORDS = 2.0  # ... or this many when the column header asks a question (short-answer fields)
_MULTI_MAX_DISTINCT = 0.2  # ';'/','-separated picks drawn from a small set are an option list
_NAME_SHARE = 0.6  # answers that are mostly Capitalised Names (schools, people, products) are not opinions
# A time of day and its zone as exports write them: '4:06:23 PM EST' (Google Forms writes the sheet's zone:
# EST, AST, GMT+1), '10:22:31Z', '10:22:31+02:00'.
_CLOCK = r"\d{1,2}:\d{2}(:\d{2})?(\.\d+)?(\s*[AaPp]\.?[Mm]\.?)?(\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{1,5}([+-]\d{1,2}(:?\d{2})?)?))?"
_DATE = re.compile(
    rf"\d{{4}}-\d{{2}}-\d{{2}}([ T]{_CLOCK})?"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}([ T,]+{_CLOCK})?"
    rf"|\d{{4}}/\d{{1,2}}/\d{{1,2}}( {_CLOCK})?"
)
# Headers of a survey tool's own time columns; mostly dates under one is a date column, never an answer.
_TIME_HEADERS = {
    "timestamp", "submitted at", "submitted", "submission date", "date submitted", "start date", "end date",
    "created at", "completed at", "date", "time", "start time", "end time", "recorded date",
}  # fmt: skip
_TIME_MIN_SHARE = 0.8
# A question a pick list asks ('Which …?', 'How many …?', 'Do you …?'), as against one answered in words.
# (not one that asks after anything at all, "Was there anything that nearly stopped you signing up?", "Is there
# anything else you'd like to tell us?", "Did anything almost stop you?": answered in words, qa282: 50 written
# objections read as a pick list, and the profile's only objection came from two interviews)
_CLOSED_STEM = re.compile(
    r"^(?!(is|was|are|were) there (anything|any|something)\b|(did|does|do|has|have|will|would|could) anything\b)"
    r"(which|how (many|much|likely|often|satisfied|long|old|big|large)|do|does|did|are|is|was|were|have|has|"
    r"will|can|on a scale|rate|what best describes|what (type|kind|size|sort) of)\b",
    re.IGNORECASE,
)
# An open question's answers may repeat (a stock phrase, a copied reply) and stay answers, so long as they are
# not a handful of options picked over and over: set by reasoning about pick lists, not on a data set.
_REPEATED_OPEN_MIN_DISTINCT = 0.2
_REPEATED_OPEN_MIN_VALUES = 6
# More different answers of several words than a pick list offers (survey tools advise ten options or fewer) are
# written answers, some of them copied, whatever the question's first word ('Was there anything that nearly
# stopped you …?'): set by reasoning about pick lists, checked on the QA testers' corpora, not tuned on scores.
_PICK_LIST_MAX_SENTENCES = 15
# ... and, under a question asked in words, more different answers of that length, each given twice or more, than
# the ten options a pick list offers are written answers however often each is repeated (qa20: 14 such
# complaints among 109 answers). A CRM's reason field is the same kind of list (profile.recorded_reasons).
PICK_LIST_MAX_OPTIONS = 10
_QUESTION_START = re.compile(
    r"^(what|why|how|which|who|where|when|describe|tell|please|any|is there|are there|do you|did you|would|"
    r"could|if you|in your|list|explain)\b",
    re.IGNORECASE,
)


@dataclass
class SurveyColumns:
    """Which columns hold free-text answers (embedded) and which are closed (metadata); None means guess."""

    open: list[str] | None = None
    closed: list[str] = field(default_factory=list)
    # the column naming the respondent's company (--company-column)
    company: list[str] = field(default_factory=list)


def column_types(table: Table, *, choice: SurveyColumns | None = None) -> dict[str, str]:
    """Each column's type: 'open', or a closed type (choice, options, number, date, id, contact, name, empty)."""
    choice = choice or SurveyColumns()
    for name in (choice.open or []) + choice.closed + choice.company:
        if name not in table.header:
            raise InputFileError(f"no column named {name!r} (columns: {', '.join(table.header)})")
    types: dict[str, str] = {}
    for column in table.header:
        # Naming a column open or closed changes that column only: the others keep their guessed types.
        if column in (choice.open or []):
            types[column] = "open (chosen)"
        elif column in choice.company:
            types[column] = "company"  # named by the user: whatever its words, it links responses to accounts
        elif column in choice.closed:
            types[column] = "closed (chosen)"
        elif names_a_company(column) and any(table.column(column)):
            types[column] = "company"  # the respondent's company links the response to an account
        elif names_a_role(column) and any(table.column(column)):
            # the respondent's job ('What is your job title?' -> 'CTO', 'Staff Eng'), even where the export
            # marks the question a text entry (Qualtrics' _TEXT): it is who answered, not what they said
            types[column] = "role"
        elif table.hints.get(column) == "other":
            # an 'Other (please specify)' column: open unless it repeats, or the job typed in a role question's box,
            # the respondent's role, not what they said (qa62: "Onboarding Specialist" cited as a buying trigger)
            if names_a_role(_WRITE_IN.sub("", column)):
                types[column] = "role"
            else:
                guessed = _type_of(column, table.column(column))
                types[column] = guessed if guessed in ("choice", "empty", "number", "date") else "open"
        elif table.hints.get(column) == "open":
            types[column] = "open"
        else:
            if column not in table.guessed_types:  # asked twice: survey or CRM export, then to read it
                table.guessed_types[column] = _type_of(column, table.column(column))
            guessed = table.guessed_types[column]
            types[column] = "choice" if table.hints.get(column) == "closed" and guessed == "open" else guessed
    return types


def open_columns(table: Table, *, choice: SurveyColumns | None = None) -> list[str]:
    """The free-text columns: those named open, and those whose answers read as free text."""
    return [c for c, kind in column_types(table, choice=choice).items() if is_open(kind)]


def is_open(kind: str) -> bool:
    """Whether a column type (of column_types) holds free-text answers."""
    return kind in ("open", "open (chosen)")


def _type_of(header: str, values: Sequence[str]) -> str:
    answered = [v for v in values if not _is_non_answer(v)]
    if not answered:
        return "empty"
    if all(_is_number(v) for v in answered):
        return "number"
    dates = sum(1 for v in answered if _DATE.fullmatch(v.strip()))
    if dates == len(answered) or (
        normalise_header(header) in _TIME_HEADERS and dates >= _TIME_MIN_SHARE * len(answered)
    ):
        return "date"
    if all(re.fullmatch(r"\S+@\S+\.\w+|https?://\S+|www\.\S+", v) for v in answered):
        return "contact"
    if all(_IP_ADDRESS.fullmatch(v) for v in answered):
        return "ip address"  # Qualtrics' IPAddress: where the answer came from, not a number
    distinct = len(set(answered)) / len(answered)
    if _is_option_list(answered) and not (_asked_in_words(header) and _said_in_sentences(answered)):
        return "choice"
    if distinct < _OPEN_MIN_DISTINCT:
        return "open" if _repeated_open_answers(header, answered) else "choice"
    if distinct == 1 and all(
        len(v) >= 6 and len(v.split()) == 1 and any(c.isdigit() for c in v) for v in answered
    ):
        return "id"
    words = statistics.mean(len(v.split()) for v in answered)
    asks = asks_a_question(header)
    if words >= _OPEN_MIN_WORDS or (asks and words >= _QUESTION_MIN_WORDS):
        return "name" if _mostly_names(answered) else "open"
    return "choice" if words < _QUESTION_MIN_WORDS else "short text"


def _repeated_open_answers(header: str, answered: Sequence[str]) -> bool:
    """Answers that repeat but are sentences under a question answered in words ('What's the most frustrating
    part …?', 'If X disappeared tomorrow, what would you do instead?'), or more different sentences than any
    pick list holds, not picks from a few options."""
    distinct = set(answered)
    sentences = [v for v in distinct if len(v.split()) >= _OPEN_MIN_WORDS]
    if len(sentences) >= _PICK_LIST_MAX_SENTENCES and 2 * len(sentences) >= len(distinct):
        return not _mostly_names(sentences)
    if not asks_a_question(header) or _CLOSED_STEM.match(_question_part(header)):
        return False
    return (
        len(distinct) >= _REPEATED_OPEN_MIN_VALUES
        and (
            len(distinct) >= _REPEATED_OPEN_MIN_DISTINCT * len(answered)
            or len(_repeated_sentences(answered)) > PICK_LIST_MAX_OPTIONS
        )
        and statistics.mean(len(v.split()) for v in answered) >= _OPEN_MIN_WORDS
        and not _mostly_names(answered)
    )


def _repeated_sentences(answered: Sequence[str]) -> set[str]:
    """Different answers of a sentence's length that two respondents or more gave: a pick list's options, or the
    stock phrases of written answers; a pick list with an "Other" box adds only answers given once (Jupyter
    2016: 5 options and 18 write-ins)."""
    counts = Counter(answered)
    return {v for v, n in counts.items() if n >= 2 and len(v.split()) >= _OPEN_MIN_WORDS}


def _asked_in_words(header: str) -> bool:
    """A question answered in words ("What is the most frustrating part of DockWise today?"), not one picked
    from options ("Which of these did you use? (select all that apply)"): answers that list the same few
    reasons, each in the same words ("slow support after hours; no native EDI"), are still its answers."""
    asked = _question_part(header)
    return asks_a_question(header) and not _CLOSED_STEM.match(asked) and not _ALL_THAT_APPLY.search(header)


_ALL_THAT_APPLY = re.compile(
    r"\b(select|check|tick|choose|mark) all\b|\ball that apply\b|\bwhich of (the following|these)\b",
    re.IGNORECASE,
)


def _trial_values(column: str, values: Sequence[str]) -> set[str]:
    """The values that mark a row of ``column`` as the survey's owner trying it out, or as spam: the words, and
    Qualtrics' codes where the column is its numeric Status (every value a whole number)."""
    if normalise_header(column) in {"status", "response type"} and all(
        v.strip().isdigit() for v in values if v.strip()
    ):
        return _TRIAL_CODES
    return _TRIAL_VALUES


def _said_in_sentences(answered: Sequence[str]) -> bool:
    """Listed items as long as a free-text answer's (_OPEN_MIN_WORDS on average), not an option's label."""
    items = [i for v in answered for i in _PICKS.split(v) if i.strip()]
    return bool(items) and statistics.mean(len(i.split()) for i in items) >= _OPEN_MIN_WORDS


def asks_a_question(header: str) -> bool:
    """Whether a column header is a question put to a respondent ('What nearly stopped you?')."""
    return header.rstrip().endswith("?") or _QUESTION_START.match(_question_part(header)) is not None


def _question_part(header: str) -> str:
    """'Workflow Need #1:What needs ...?' -> 'What needs ...?' (SurveyGizmo and Qualtrics prefixes)."""
    return header.rsplit(":", 1)[-1].strip() if ":" in header[:60] else header


def _is_option_list(answered: Sequence[str]) -> bool:
    """Picks from a list, written 'a;b;c', 'a, b' or, as Qualtrics joins them, 'a,b': few distinct items across
    many picks."""
    separated = [v for v in answered if _PICKS.search(v)]
    if len(separated) * 10 < len(answered) * 3:
        return False
    items = [i.strip().lower() for v in answered for i in _PICKS.split(v) if i.strip()]
    return len(set(items)) <= _MULTI_MAX_DISTINCT * len(items)


_PICKS = re.compile(r";|, |(?<!\d),(?=[^\s\d])")  # not the comma of a number ("1,200")


def _mostly_names(answered: Sequence[str]) -> bool:
    def capitalised(value: str) -> bool:
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", value) if len(w) > 3]
        return bool(words) and all(w[0].isupper() for w in words)

    short = statistics.mean(len(v.split()) for v in answered) <= 5
    return short and sum(1 for v in answered if capitalised(v)) >= _NAME_SHARE * len(answered)


# IPv4, or IPv6 with '::' or five colons or more (a clock time '10:22:31' is neither)
_IP_ADDRESS = re.compile(r"\d{1,3}(\.\d{1,3}){3}|(?=.*::|(?:[^:]*:){5})[0-9a-fA-F:]{2,39}")


def _is_number(value: str) -> bool:
    """'1,200', '3.5', '1.200.000', '45%'; not an IP address ('203.0.113.141') nor a version ('2.4.1')."""
    if re.fullmatch(r"-?[\d,. ]*\d%?", value) is None:
        return False
    return value.count(".") <= 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?%?", value) is not None


# A survey answer's speaker: the title names the respondent ('survey.csv · 11894532923'), and a citation shows
# both ('Respondent, survey.csv · 11894532923'), so the id is never shown twice.
RESPONDENT = "Respondent"
MAX_SHOWN_ID = 24  # longer respondent ids are tokens (Typeform: 32 characters); Qualtrics' R_… (17) are kept


# A closed question asking whether the respondent is still a customer, and what its answers say of that.
_ASKS_IF_STILL_A_CUSTOMER = re.compile(
    r"\b(are|is) (you|your (team|company|agency|organi[sz]ation)) (still|currently|a current|an active)\b.*"
    r"\b(customer|client|user|subscriber|using|subscribed)\b|\b(do|does) (you|your \w+) still use\b",
    re.IGNORECASE,
)
STILL_A_CUSTOMER = {"yes": "active", "no": "churned"}


_OTHER = re.compile(r"\s*other\b", re.IGNORECASE)
_WRITE_IN = re.compile(r"\s*-\s*other\b.*$", re.IGNORECASE)  # "<question> - Other (please specify)"


def _yes_no(value: str) -> str:
    """'Yes', 'yes, for now', 'No - we cancelled' -> 'yes' / 'no'; anything else as it is."""
    first = re.match(r"\s*(yes|yep|yeah|y|no|nope|n)\b", value, re.IGNORECASE)
    word = first.group(1).lower() if first else value.strip().lower()
    return {"yep": "yes", "yeah": "yes", "y": "yes", "nope": "no", "n": "no"}.get(word, word)


_NO_COMPANY = re.compile(
    r"(?i)(anonymous|anon|prefer not to (say|answer|share)|rather not (say|share)|n/?a|none|not (sure|telling)|"
    r"confidential|private|-+|\?+)\.?"
)


@lru_cache(maxsize=65_536)  # a survey's cells repeat (closed columns, "N/A"): each distinct one is read once
def _is_non_answer(value: str) -> bool:
    return " ".join(re.sub(r"[^\w]+", " ", value.lower()).split()) in _NON_ANSWERS


def describe_types(types: dict[str, str]) -> str:
    """One line naming the open columns and each closed type, with the flags that change them."""
    groups: dict[str, list[str]] = {}
    for column, kind in types.items():
        groups.setdefault(kind, []).append(column)
    parts = []
    for kind in sorted(groups, key=lambda k: (not is_open(k), k)):
        names = [f"'{_short(c)}'" for c in groups[kind]]
        shown = ", ".join(names[:6]) + (f", … {len(names) - 6} more" if len(names) > 6 else "")
        parts.append(f"{kind} ({len(names)}): {shown}")
    return "survey columns: " + "; ".join(parts) + "; change with --open-column / --closed-column"


def _short(column: str) -> str:
    """A column name cut to about 50 characters, keeping the option of a 'Question - Option' column."""
    if len(column) <= 50:
        return column
    question, dash, option = column.rpartition(" - ")
    if dash and len(option) <= 30:
        return f"{question[: 47 - len(option) - 3]}… - {option}"
    return column[:47] + "…"


def read_survey(
    path: Path, table: Table, *, choice: SurveyColumns | None = None, notes: list[str] | None = None
) -> list[Document]:
    """One Document per respondent with at least one open answer; closed columns are its metadata."""
    types = column_types(table, choice=choice)
    questions = [c for c, kind in types.items() if is_open(kind)]
    if not questions:
        raise InputFileError(
            f"no open-ended text column found (columns: {', '.join(table.header)}); "
            "name them with --open-column, or pass --kind accounts if this is a CRM export"
        )
    respondent_column = _respondent_column(table, exclude=questions)
    account_column = _find(table.header, _ACCOUNT_HEADERS, exclude=questions)
    # (the one that marks some response partial: Qualtrics' "Response Type" is its Status, "IP Address")
    partial_column = next(
        (
            c
            for c in table.header
            if c not in questions
            and any(
                v.strip().lower() in _PARTIAL_VALUES.get(normalise_header(c), ()) for v in table.column(c)
            )
        ),
        None,
    )
    partial_values = (
        _PARTIAL_VALUES.get(normalise_header(partial_column), frozenset()) if partial_column else frozenset()
    )
    trial_columns = {
        c: (at, _trial_values(c, table.column(c)))
        for at, c in enumerate(table.header)
        if c not in questions and normalise_header(c) in _TRIAL_HEADERS
    }
    closed = [c for c in table.header if c not in questions]
    # the column the user named first (qa171: --company-column changed nothing while a column read before it was
    # taken for the company too)
    chosen = choice.company if choice else []
    companies = sorted((c for c in closed if types[c] == "company"), key=lambda c: c not in chosen)
    documents: dict[str, Document] = {}
    blank = partial = 0
    trials: Counter[str] = Counter()
    for line, row in zip(table.row_numbers, table.rows, strict=True):
        trial = next(
            (c for c, (at, values) in trial_columns.items() if row[at].strip().casefold() in values), None
        )
        if trial is not None:
            trials[f"{row[trial_columns[trial][0]].strip()}' in '{trial}"] += 1
            continue
        document = _respondent(
            path, table.header, row, line, questions, closed, respondent_column, account_column, companies
        )
        if not document.turns:
            blank += 1
            continue
        if partial_column and row[table.header.index(partial_column)].strip().lower() in partial_values:
            partial += 1
        if document.doc_id in documents:  # a repeated respondent id must not overwrite an earlier answer
            document = _respondent(
                path, table.header, row, line, questions, closed, None, account_column, companies
            )
        documents[document.doc_id] = document
    shared = _unlink_shared_domains(list(documents.values()))
    if notes is not None:
        notes.append(describe_types(types))
        notes.extend(shared)
        counted = f"{len(documents)} respondents with at least one open answer"
        if partial:
            counted += f" ({partial} marked partial in '{partial_column}')"
        if blank:
            counted += f"; {blank} rows without any open answer not counted"
        for marked, n in sorted(trials.items()):
            counted += f"; {n} {'row' if n == 1 else 'rows'} marked '{marked}' not counted (no respondent)"
        notes.append(counted)
    if not documents:
        raise InputFileError(
            f"no row answers any open question ({', '.join(questions)}); name the free-text columns with "
            "--open-column"
        )
    return list(documents.values())


def _unlink_shared_domains(documents: list[Document]) -> list[str]:
    """Drop an e-mail domain that respondents naming different companies share (a state school network's
    'k12.us', a parent group's): it is no one company's, so it must not link them all to one account. A note
    per domain dropped."""
    companies: dict[
        str, dict[str, str]
    ] = {}  # domain -> {first word of the company's key: company as written}
    for document in documents:
        domain, company = document.metadata.get(COMPANY_DOMAIN), document.metadata.get("company")
        # (a government by its place: "City of Dunmore" and "Dunmore" are one, fleetmaint)
        name = account_key(str(company or ""))
        key = (place_name(name) or name).split()
        if (
            domain and key
        ):  # 'Acme' and 'Acme Software' are one company; 'Westbrook Schools' and 'Elm Grove SD' two
            companies.setdefault(str(domain), {}).setdefault(key[0], str(company))
    shared = {domain: names for domain, names in companies.items() if len(names) > 1}
    for document in documents:
        if document.metadata.get(COMPANY_DOMAIN) in shared:
            del document.metadata[COMPANY_DOMAIN]
    return [
        f"e-mail domain '{domain.removeprefix(DOMAIN_REFERENCE)}' ignored for linking: its respondents name "
        f"{len(names)} different companies ({', '.join(sorted(names.values())[:3])}{', …' if len(names) > 3 else ''})"
        for domain, names in sorted(shared.items())
    ]


def _respondent_column(table: Table, *, exclude: list[str]) -> str | None:
    if "#" in table.header:  # Typeform's response token
        return "#"
    return _find(table.header, _RESPONDENT_HEADERS, exclude=exclude)


def _find(header: list[str], names: set[str], *, exclude: list[str]) -> str | None:
    return next((c for c in header if c not in exclude and normalise_header(c) in names), None)


def _respondent(
    path: Path,
    header: list[str],
    row: list[str],
    line: int,
    questions: list[str],
    closed: list[str],
    respondent_column: str | None,
    account_column: str | None,
    companies: Sequence[str] = (),
) -> Document:
    values = dict(zip(header, row, strict=True))
    respondent = (
        values[respondent_column] if respondent_column and values[respondent_column] else f"row {line}"
    )
    # A response token (Typeform's 32-character "#") names no one a reader can find: the row is shown instead.
    shown = respondent if len(respondent) <= MAX_SHOWN_ID else f"row {line}"
    parts: list[str] = []
    turns: list[Turn] = []
    length = 0
    for question in questions:
        answer = values[question]
        if _is_non_answer(answer):
            continue
        # The question heads its answer, so the document reads like a short interview.
        block = f"{question}\n{answer}\n\n"
        start = length + len(question) + 1
        turns.append(
            Turn(
                speaker=RESPONDENT, start=start, end=start + len(answer), is_customer=True, question=question
            )
        )
        parts.append(block)
        length += len(block)
    metadata: dict[str, MetadataValue] = {c: values[c] for c in closed if values[c]}
    # The respondent's job, whatever the form called the question ("What's your role?"), is their "role", as a
    # manifest's is an interviewee's: personas, the committee and the role filter read it there.
    # A pick list's "Other" stands for the role written in its box ("- Other - Text"), which is the role.
    # (or its write-in's own column, "What's your role? - Other", where Typeform leaves the question's blank: qa236)
    roles = [c for c in closed if names_a_role(_WRITE_IN.sub("", c)) and values[c]]
    role_column = next((c for c in roles if not _OTHER.match(values[c])), roles[0] if roles else None)
    role = values[role_column] if role_column else ""
    if role_column and _OTHER.match(role):
        # SurveyMonkey's write-in sits in its own column of the question ("What is your role? - Other (please
        # specify)": "CBM coordinator"); with none, "Other (please specify)" is no role (qa49: a persona of it)
        role = next(
            (
                values[c].strip()
                for c in header
                if c.startswith(role_column)
                and c != role_column
                and _OTHER.search(c[len(role_column) :])
                and values[c].strip()
            ),
            "",
        )
    if role and "role" not in metadata:
        metadata["role"] = role
    # ... and their company, whatever the question's words, is their "company": it links them to an account.
    company_column = next((c for c in companies if values[c]), None)
    if company_column and _NO_COMPANY.fullmatch(values[company_column].strip()):
        company_column = None  # "anonymous", "prefer not to say": nobody's company, not one the CRM lacks
    if company_column and "company" not in metadata:
        metadata["company"] = values[company_column]
    # ... whether they are still a customer ("Are you still a ClientPulse customer?": No) is their outcome, where
    # no CRM account says it (a CRM's outcome wins: analyze.document_outcome) ...
    status = next(
        (
            STILL_A_CUSTOMER[_yes_no(value)]
            for column, value in values.items()
            if value and _ASKS_IF_STILL_A_CUSTOMER.search(column) and _yes_no(value) in STILL_A_CUSTOMER
        ),
        None,
    )
    if status and "outcome" not in metadata:
        metadata["outcome"] = status
    # ... and their industry is their "segment", as an interview's manifest gives it (ask's segment filter).
    segment_column = next((c for c in closed if names_a_segment(c) and values[c]), None)
    if segment_column and "segment" not in metadata:
        metadata["segment"] = values[segment_column]
    # ... and the domain of their work e-mail address links them too, where the company name does not match.
    domain = next((d for c in closed if values[c] and (d := email_domain(values[c]))), None)
    if domain and COMPANY_DOMAIN not in metadata:
        metadata[COMPANY_DOMAIN] = DOMAIN_REFERENCE + domain
    metadata["respondent"] = respondent
    metadata["line"] = line
    account = values[account_column] if account_column else ""
    return Document(
        doc_id=f"{path}#{respondent}",
        kind="survey_response",
        source=str(path),
        title=f"{path.name} · {shown}",
        text="".join(parts),
        turns=turns,
        account_id=account or None,
        metadata=metadata,
    )


__all__ = ["SurveyColumns", "column_types", "describe_types", "open_columns", "read_survey"]
