"""CRM stage and status vocabularies mapped to outcomes (won / lost / churned / active / open), overridable."""

from __future__ import annotations

import re
import shlex
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..errors import InputFileError
from .columns import ACCOUNT_FIELDS, header_names, normalise_header
from .surveys import asks_a_question
from .tables import Table

Term = Literal["won", "lost", "churned", "active", "open"]
TERMS: tuple[Term, ...] = ("won", "lost", "churned", "active", "open")
VOCABULARY: dict[str, Term] = {
    # deal stages (Salesforce, HubSpot, Pipedrive) and plain words
    "won": "won", "closed won": "won", "closedwon": "won", "win": "won", "signed": "won", "booked": "won",
    "lost": "lost", "closed lost": "lost", "closedlost": "lost", "loss": "lost", "no decision": "lost",
    "disqualified": "lost", "closed disqualified": "lost", "bad fit": "lost",
    "open": "open", "prospecting": "open", "qualification": "open", "needs analysis": "open",
    "value proposition": "open", "id decision makers": "open", "perception analysis": "open",
    "proposal price quote": "open", "proposal": "open", "negotiation review": "open", "negotiation": "open",
    "appointment scheduled": "open", "qualified to buy": "open", "presentation scheduled": "open",
    "decision maker bought in": "open", "contract sent": "open", "qualified": "open", "contact made": "open",
    "demo scheduled": "open", "proposal made": "open", "negotiations started": "open", "in progress": "open",
    "pending": "open", "evaluation": "open", "trial": "open", "discovery": "open", "demo": "open",
    "solution design": "open", "commit": "open", "verbal": "open", "verbal commit": "open",
    "proposal sent": "open", "quote sent": "open", "proposal presented": "open", "contract negotiation": "open",
    # account status and lifecycle stages
    "churned": "churned", "churn": "churned", "cancelled": "churned", "canceled": "churned",
    "former customer": "churned", "did not renew": "churned", "inactive": "churned", "terminated": "churned",
    "customer former": "churned", "lapsed": "churned",
    # a lost renewal is a customer who left ('Renewal lost', 'Renewal - lost', 'Lost at renewal')
    "renewal lost": "churned", "lost renewal": "churned", "lost at renewal": "churned",
    "churned at renewal": "churned", "renewal churned": "churned", "renewal closed lost": "churned",
    "closed lost renewal": "churned", "renewal cancelled": "churned", "renewal canceled": "churned",
    "active": "active", "customer": "active", "live": "active", "renewed": "active",
    # a customer-success list's account that was at risk and stayed (qa118: "Saved" beside "Churned")
    "saved": "active", "retained": "active",
    # a won renewal is a customer who stayed ('Renewal won', 'Renewal - won', qa51: HubSpot's Renewals pipeline)
    "renewal won": "active", "won renewal": "active", "renewal closed won": "active",
    "closed won renewal": "active", "renewal renewed": "active",
    "not renewed": "churned", "non renewal": "churned", "churned customer": "churned",
    "current customer": "active", "current": "active", "evangelist": "active", "customer direct": "active",
    "customer channel": "active", "paying": "active",
    # (qa141: a HubSpot "Account Status" of "Active Customer", "Churned", "Closed Lost", "Open Deal" was not read, and
    # every churned account stayed a customer)
    "active customer": "active", "paying customer": "active", "existing customer": "active",
    "lost customer": "churned", "past customer": "churned", "previous customer": "churned",
    "inactive customer": "churned", "open deal": "open", "open opportunity": "open", "in pipeline": "open",
    "lead": "open", "subscriber": "open", "marketing qualified lead": "open", "sales qualified lead": "open",
    "opportunity": "open", "prospect": "open",
}  # fmt: skip
_BOOLEAN: dict[str, Term] = {
    "1": "won",
    "true": "won",
    "yes": "won",
    "0": "lost",
    "false": "lost",
    "no": "lost",
}
_BOOLEAN_HEADERS = {"converted", "won", "is won", "closed won"}
_MIN_KNOWN_SHARE = 0.5  # a column is read for outcomes when at least half its values are known words


@dataclass
class OutcomeColumns:
    """The columns outcomes are read from and how each value was mapped (shown to the user once)."""

    columns: list[str] = field(default_factory=list)
    won_date: str | None = None
    lost_date: str | None = None
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    unknown: Counter[str] = field(default_factory=Counter)
    # rows where one column's closed word (Closed Lost) outranked another's open one (Prospect): (closed, open)
    outranked: Counter[tuple[str, str]] = field(default_factory=Counter)

    def describe(self) -> str:
        """One line: which columns, which value became which outcome, and how to change it."""
        if not self.columns and not self.won_date:
            return "no outcome column found: accounts have no outcome (name one with --map outcome=COLUMN)"
        pairs = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        mapped = ", ".join(f"{value} → {term} ({n})" for (value, term), n in pairs[:12])
        if len(pairs) > 12:
            mapped += f", … {len(pairs) - 12} more"
        unknown = ", ".join(f"{v} ({n})" for v, n in self.unknown.most_common(6))
        sources = [f"'{c}'" for c in self.columns]
        sources += [
            f"'{c}' (a date means {word})"
            for c, word in ((self.won_date, "won"), (self.lost_date, "lost"))
            if c
        ]
        line = f"outcomes from {' + '.join(sources)}: {mapped or 'none'}"
        # say which wins, so 'Customer → active' beside 'Churned → churned' is not misread
        if len(sources) > 1:
            line += (
                " (where they disagree, an account is churned if any says so, else won, else active, and lost"
                " only if every deal was lost; a closed status outranks an open stage)"
            )
        if self.outranked:
            line += "; " + ", ".join(
                f"{n} rows '{open_}' called open were read by '{closed}'"
                for (closed, open_), n in self.outranked.most_common()
            )
        if unknown:
            line += f"; not recognised (kept as unknown): {unknown}"
        return line + "; change with --outcome 'VALUE=won|lost|churned|active|open'"


def parse_outcome_overrides(pairs: Sequence[str]) -> dict[str, Term]:
    """'Renewed=active' pairs from the command line into {normalised value: outcome}."""
    overrides: dict[str, Term] = {}
    for pair in pairs:
        value, sep, term = pair.rpartition("=")
        term = term.strip().lower()
        if not sep or not value.strip() or term not in TERMS:
            raise InputFileError(f"--outcome expects VALUE=won|lost|churned|active|open, got {pair!r}")
        overrides[_key(value)] = term
    return overrides


def find_outcome_columns(
    table: Table,
    *,
    explicit: str | None = None,
    lifecycle: str | None = None,
    overrides: Mapping[str, Term] | None = None,
) -> OutcomeColumns:
    """The stage/status columns whose values read as outcomes (by content), and won/lost date columns.

    ``explicit`` (--map outcome=) is the only outcome column; ``lifecycle`` (--map lifecycle=) is read
    beside the others. Both are read whatever their values.
    """
    overrides = overrides or {}
    found = OutcomeColumns()
    candidates = [explicit] if explicit else [c for c in table.header if _may_hold_outcomes(c)]
    named = {c for c in (explicit, lifecycle) if c}
    for column in dict.fromkeys([*candidates, *([lifecycle] if lifecycle else [])]):
        values = [v for v in table.column(column) if v]
        known = sum(1 for v in values if term_of(v, column, overrides) is not None)
        if column in named or (values and known / len(values) >= _MIN_KNOWN_SHARE):
            found.columns.append(column)
    if not explicit:
        by_name = {normalise_header(c): c for c in table.header}
        found.won_date = next(
            (by_name[h] for h in ("won date", "won time", "deal won time") if h in by_name), None
        )
        found.lost_date = next((by_name[h] for h in ACCOUNT_FIELDS["lost_date"] if h in by_name), None)
    return found


_OUTCOME_NAMES = frozenset(ACCOUNT_FIELDS["outcome"]) | frozenset(ACCOUNT_FIELDS["lifecycle"])
# Any stage or status column, as a report names it ('Last Opportunity Stage', 'Latest Deal Status'), is read
# when at least half its values are outcome words: a Salesforce accounts report's last stage says 'Closed Lost'
# where its 'Type' still says 'Prospect'.
_STAGE_WORDS = frozenset(["stage", "status"])


def _may_hold_outcomes(column: str) -> bool:
    """Whether a column's header names an outcome, lifecycle, stage or status (not a survey question)."""
    names = header_names(column)
    if any(n in _OUTCOME_NAMES for n in names):
        return True
    return any(_STAGE_WORDS & set(n.split()) for n in names) and not asks_a_question(column)


def flags_without_effect(
    table: Table,
    found: OutcomeColumns,
    *,
    named: Mapping[str, str],
    overrides: Mapping[str, Term],
) -> list[str]:
    """A warning for each --map outcome/lifecycle column with no outcome word in it, and each --outcome value
    that no outcome column of ``table`` holds (naming the column that does hold it, if one does)."""
    warnings = []
    for name, column in named.items():
        values = [v for v in table.column(column) if v]
        if not any(term_of(v, column, overrides) for v in values):
            shown = ", ".join(f"'{v}'" for v in list(dict.fromkeys(values))[:5]) or "none"
            warnings.append(
                f"--map {name}={shlex.quote(column)} changed nothing: none of its values is an outcome word (values: "
                f"{shown}); say what they mean with --outcome 'VALUE=won|lost|churned|active|open'"
            )
    held = {_key(v) for c in found.columns for v in table.column(c) if v}
    sources = ", ".join(f"'{c}'" for c in found.columns) or "none"
    for key, term in overrides.items():
        if key in held:
            continue
        elsewhere = [
            c for c in table.header if c not in found.columns and any(_key(v) == key for v in table.column(c))
        ]
        hint = (
            f"; '{elsewhere[0]}' holds it: read that column with --map lifecycle={shlex.quote(elsewhere[0])}"
            if elsewhere
            else ""
        )
        warnings.append(
            f"--outcome '{key}={term}' changed nothing in this file: no outcome column holds '{key}' "
            f"(outcome columns: {sources}){hint}"
        )
    return warnings


def term_of(value: str, column: str, overrides: Mapping[str, Term]) -> Term | None:
    """The outcome a cell means, or None when the word is not known."""
    key = _key(value)
    if key in overrides:
        return overrides[key]
    if normalise_header(column) in _BOOLEAN_HEADERS and key in _BOOLEAN:
        return _BOOLEAN[key]
    if (
        key not in VOCABULARY
        and _STAGE_HEADER.search(normalise_header(column))
        and _IN_PROGRESS.search(key)
        and not _CLOSED.search(key)
    ):
        return "open"  # a pipeline's own stage ("Security review", "Demo completed", "In Pipeline", qa106, qa109)
    return VOCABULARY.get(key)


# Words of a deal still being worked, and words of one closed: a stage named with the first and none of the second is
# open. Closed classes of sales pipelines' words.
_IN_PROGRESS = re.compile(
    r"\b(pipeline|review|demo\w*|pilot|poc|proof of concept|trial|evaluat\w*|proposal|quote|negotiat\w*|"
    r"discovery|qualif\w*|scheduled|sent|contracting|redlines?|procurement|shortlist\w*|rfp|rfi)\b"
)
_STAGE_HEADER = re.compile(r"\b(stage|status|pipeline)\b")
_CLOSED = re.compile(r"\b(won|win|lost|loss|closed|churn\w*|cancel\w*|renew\w*|dead|disqualified|declined)\b")


def row_terms(values: Mapping[str, str], found: OutcomeColumns, overrides: Mapping[str, Term]) -> list[Term]:
    """The outcome words of one row (several columns may say something), counted for the shown mapping."""
    said: list[tuple[str, Term]] = []
    unread: list[str] = []
    for column in found.columns:
        value = values[column]
        if not value:
            continue
        term = term_of(value, column, overrides)
        if term is None:
            unread.append(value)
        else:
            found.counts[(value, term)] += 1
            said.append((column, term))
    if not said:
        # (a value another column of the row decided is kept as nothing: HubSpot's lifecycle "Other" beside an
        # account status of "Churned", qa305: "not recognised (kept as unknown): Other (13)" for 13 churned accounts)
        found.unknown.update(unread)
    terms = [t for _, t in said]
    if any(t != "open" for t in terms):
        # A closed status outranks an open stage or type: Pipedrive's stage the deal was in when it closed,
        # a Salesforce account's 'Type' of Prospect beside its last opportunity's 'Closed Lost'.
        closed = next(c for c, t in said if t != "open")
        for column in dict.fromkeys(c for c, t in said if t == "open"):
            found.outranked[(closed, column)] += 1
        terms = [t for t in terms if t != "open"]
    if not terms and found.won_date and values[found.won_date]:
        terms.append("won")
    elif not terms and found.lost_date and values[found.lost_date]:
        terms.append("lost")
    return terms


_RENEWAL = re.compile(r"\brenewals?\b", re.IGNORECASE)
# A loss reason that says a customer left ('Churn - Low usage after audit', 'Did not renew'); not every word
# about cancelling does ('cancellation terms too strict' is a reason a new deal was lost).
_CHURN_WORDS = re.compile(
    # (the word, not a name holding it: "Went with ChurnZero" is a deal lost to a competitor, qa27)
    r"\b(churn(ed|s|ing)?|did ?n[o']t renew|non[- ]?renew\w*|not renewing"
    r"|cancell?ed (the |their |our )?(subscription|contract|plan|account))\b",
    re.IGNORECASE,
)
_DEAL_TYPE_HEADERS = {"type", "opportunity type", "deal type", "deal deal type"}
_PIPELINE_HEADERS = {"pipeline", "deal pipeline", "opportunity pipeline", "sales pipeline"}
_REASON_HEADER = re.compile(
    r"\b((closed )?(lost|loss|churn|cancell?ation) reasons?|reasons? (lost|for (loss|losing|churn|leaving)))\b"
)


@dataclass
class ChurnColumns:
    """The deal type and loss reason columns that tell a lost renewal (a customer leaving) from a lost sale."""

    deal_type: str | None = None
    reason: str | None = None
    read_as_churn: Counter[str] = field(default_factory=Counter)
    pipeline: str | None = None

    @classmethod
    def of(cls, header: Sequence[str]) -> ChurnColumns:
        """The columns of ``header`` that name a deal's type, its pipeline and its loss reason, if any."""
        names = {c: normalise_header(c) for c in header}
        return cls(
            deal_type=next((c for c, n in names.items() if n in _DEAL_TYPE_HEADERS), None),
            reason=next((c for c, n in names.items() if _REASON_HEADER.search(n)), None),
            # (a CRM run with a pipeline of renewals, Pipedrive's "Deal - Pipeline" = "Renewals", qa243: 17 parks
            # that left were read as won)
            pipeline=next((c for c, n in names.items() if n in _PIPELINE_HEADERS), None),
        )

    def deal_term(self, values: Mapping[str, str], terms: Sequence[Term]) -> Term | None:
        """One deal's outcome: a lost renewal, or a loss whose reason names churn, is a customer who left."""
        term = account_outcome(terms)
        if term != "lost":
            return term
        if self.reason and _CHURN_WORDS.search(values[self.reason]):
            self.read_as_churn[f"'{self.reason}' names churn"] += 1
            return "churned"
        for column in (self.deal_type, self.pipeline):
            if column and _RENEWAL.search(values[column]):
                self.read_as_churn[f"'{column}' is a renewal"] += 1
                return "churned"
        return term

    def describe(self) -> str | None:
        """The note for the lost deals read as churn, or None when there were none."""
        if not self.read_as_churn:
            return None
        why = ", ".join(f"{reason} ({n})" for reason, n in self.read_as_churn.most_common())
        return (
            f"{sum(self.read_as_churn.values())} lost deals read as churned (a customer leaving): {why}; to read "
            "them as lost, rename or remove those columns"
        )


ROLL_UP_RULE = (
    "by what happened last, in close-date order: a deal won and nothing closed since is won, a lost renewal "
    "or a loss whose reason names churn after it is churned, a lost add-on after a win stays won, lost only "
    "if every closed deal was lost"
)


def last_outcome(deals: Sequence[tuple[date | None, Term | None]]) -> Term | None:
    """The outcome of an account's deals ((close date, outcome), in file order) by what happened last.

    A later plain loss (an add-on, an expansion) does not undo an earlier win or churn; undated deals count
    as the earliest.
    """
    ordered = sorted(enumerate(deals), key=lambda item: (item[1][0] or date.min, item[0]))
    closed = [term for _, (_, term) in ordered if term is not None and term != "open"]
    if not closed:
        return None
    if closed[-1] != "lost":
        return closed[-1]
    earlier = [term for term in closed[:-1] if term != "lost"]
    return earlier[-1] if earlier else "lost"


def account_outcome(terms: Sequence[Term]) -> Term | None:
    """Churned if any status says so; won if any deal was won; active; lost only if every deal was lost."""
    if "churned" in terms:
        return "churned"
    if "won" in terms:
        return "won"
    if "active" in terms:
        return "active"
    if terms and all(t == "lost" for t in terms):
        return "lost"
    return None


def _key(value: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", value.lower().replace("_", " ")).split())
