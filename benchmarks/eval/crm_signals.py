"""Measurement 2: ICP signals on real won/lost deals, checked against drivers computed from the raw table.

Salvirt (448 B2B software opportunities, Won/Lost, 22 categorical columns) and the Olist marketing funnel
(8,000 marketing-qualified leads, converted or not) are read with icp-assist's own table and account
readers. Neither has an account id, so each row gets one ('row N', named with the same --map a user would
pass), and Olist's 0/1 `converted` becomes won/lost. Every other column reaches the ICP the way any CRM
column does: as a category column (``categorical_columns``).

The drivers are computed independently from the raw CSV with the csv module: every value with n >= 20
whose win rate differs from the rest's by a two-proportion z-test at p < 0.01. The ICP's named signals
(``split_signals``: trusted, lift >= 1.2 or <= 1/1.2) are compared with them: recall is the share of raw
drivers the ICP names with the same sign.

Then the hold-out AUC over ``seeds`` stratified 70/30 splits: the rubric drafted from train alone
(``validate_holdout``) against scikit-learn's LogisticRegression on the same columns one-hot encoded.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from icp_assist.analyze.signals import GOOD_OUTCOMES, categorical_columns, firmographic_signals, split_signals
from icp_assist.ingest.accounts import read_accounts
from icp_assist.ingest.tables import Table, read_table
from icp_assist.models import Signal
from icp_assist.records import Account
from icp_assist.score import SCORED_ATTRIBUTES, account_values
from icp_assist.validate import auc, split_accounts, validate_holdout

from .data import olist_leads_path, read_rows, salvirt_path

DRIVER_MIN_N = 20
DRIVER_P = 0.01
ROW_ID = "Row ID"


@dataclass(frozen=True)
class Driver:
    """A value whose win rate differs from the rest's in the raw table."""

    attribute: str
    value: str
    n: int
    rate: float
    rest_rate: float
    p: float

    @property
    def positive(self) -> bool:
        return self.rate > self.rest_rate


@dataclass
class CrmResult:
    """Signals the ICP names, the raw drivers, and hold-out AUCs for one dataset."""

    dataset: str
    accounts: int
    won: int
    columns: list[str]
    positive: list[Signal]
    negative: list[Signal]
    drivers: list[Driver]
    icp_auc: list[float | None] = field(default_factory=list)
    baseline_auc: list[float | None] = field(default_factory=list)

    @property
    def recall(self) -> tuple[int, int]:
        """(raw drivers the ICP names with the same sign, raw drivers); a value the ICP names in a pool ("New or
        Past") is named."""
        named = {(s.attribute, v.casefold(), True) for s in self.positive for v in [s.value, *s.values]}
        named |= {(s.attribute, v.casefold(), False) for s in self.negative for v in [s.value, *s.values]}
        hits = sum((d.attribute, d.value.casefold(), d.positive) in named for d in self.drivers)
        return hits, len(self.drivers)


def with_row_ids(table: Table) -> Table:
    """The table with a 'Row ID' column first ('row 2' for the first data line), for tables without ids."""
    return Table(
        [ROW_ID, *table.header],
        [[f"row {line}", *row] for line, row in zip(table.row_numbers, table.rows, strict=True)],
        table.row_numbers,
    )


def salvirt_accounts(path: Path | None = None) -> list[Account]:
    """The Salvirt opportunities as accounts; Status (Won/Lost) is read as the outcome."""
    path = path or salvirt_path()
    table = with_row_ids(read_table(path, path.read_bytes()))
    accounts, _ = read_accounts(table, explicit={"account_id": ROW_ID})
    return accounts


def olist_accounts(path: Path | None = None) -> list[Account]:
    """The Olist marketing-qualified leads as accounts, converted (1/0) read as won/lost."""
    path = path or olist_leads_path()
    table = read_table(path, path.read_bytes())
    converted = table.header.index("converted")
    table.header[converted] = "Outcome"
    for row in table.rows:
        row[converted] = {"1": "won", "0": "lost"}[row[converted]]
    accounts, _ = read_accounts(table, explicit={"account_id": "mql_id"})
    return accounts


def raw_drivers(rows: Sequence[dict[str, str]], outcome: str, won: Callable[[str], bool]) -> list[Driver]:
    """Values with n >= DRIVER_MIN_N whose win rate differs from the rest's (two-proportion z-test)."""
    total = len(rows)
    wins = sum(won(r[outcome]) for r in rows)
    drivers = []
    for column in rows[0]:
        if column == outcome:
            continue
        counts: dict[str, list[int]] = {}
        for r in rows:
            if r[column]:
                pair = counts.setdefault(r[column], [0, 0])
                pair[0] += 1
                pair[1] += won(r[outcome])
        for value, (n, k) in counts.items():
            if n < DRIVER_MIN_N or n == total:
                continue
            rest_n, rest_k = total - n, wins - k
            p = two_proportion_p(k, n, rest_k, rest_n)
            if p < DRIVER_P:
                drivers.append(Driver(column, value, n, k / n, rest_k / rest_n, p))
    return sorted(drivers, key=lambda d: d.p)


def two_proportion_p(k1: int, n1: int, k2: int, n2: int) -> float:
    """Two-sided p-value of a pooled two-proportion z-test."""
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    z = (k1 / n1 - k2 / n2) / se
    return math.erfc(abs(z) / math.sqrt(2))


def features(account: Account, columns: set[str]) -> dict[str, float]:
    """One-hot of the attributes the ICP compares (standard fields and category columns), nothing else."""
    values = account_values(account)
    return {f"{name}={v.casefold()}": 1.0 for name in columns & values.keys() for v in values[name]}


def baseline_auc(train: Sequence[Account], test: Sequence[Account], columns: set[str]) -> float | None:
    """AUC on test of a logistic regression fit on train, on the same columns the ICP compares."""
    known = [a for a in train if a.outcome is not None]
    vectorizer = DictVectorizer()
    model = LogisticRegression(max_iter=2000).fit(
        vectorizer.fit_transform(features(a, columns) for a in known),
        [a.outcome in GOOD_OUTCOMES for a in known],
    )
    probability = model.predict_proba(vectorizer.transform(features(a, columns) for a in test))[:, 1]
    scored = list(zip(test, probability, strict=True))
    return auc(
        [p for a, p in scored if a.outcome in GOOD_OUTCOMES],
        [p for a, p in scored if a.outcome is not None and a.outcome not in GOOD_OUTCOMES],
    )


def evaluate(
    dataset: str, accounts: list[Account], drivers: list[Driver], *, seeds: int, holdout: float = 0.3
) -> CrmResult:
    """Named signals on all accounts, and hold-out AUC of the ICP score and the baseline per seed."""
    signals = firmographic_signals(accounts)
    positive, negative = split_signals(signals)
    result = CrmResult(
        dataset=dataset,
        accounts=len(accounts),
        won=sum(a.outcome in GOOD_OUTCOMES for a in accounts),
        columns=sorted({s.attribute for s in signals}),
        positive=positive,
        negative=negative,
        drivers=drivers,
    )
    columns = set(SCORED_ATTRIBUTES) | set(categorical_columns(accounts))
    for seed in range(seeds):
        train, test = split_accounts(accounts, holdout, seed)
        result.icp_auc.append(validate_holdout(accounts, holdout=holdout, seed=seed).aucs["good_vs_bad"].auc)
        result.baseline_auc.append(baseline_auc(train, test, columns))
    return result


def salvirt(*, seeds: int = 5, limit: int | None = None) -> CrmResult:
    accounts = salvirt_accounts()[:limit] if limit else salvirt_accounts()
    rows = read_rows(salvirt_path(), delimiter=";")[: len(accounts)]
    drivers = raw_drivers(rows, "Status", lambda v: v == "Won")
    return evaluate("Salvirt B2B opportunities", accounts, drivers, seeds=seeds)


def olist(*, seeds: int = 5) -> CrmResult:
    rows = read_rows(olist_leads_path())
    for r in rows:
        del r["mql_id"], r["first_contact_date"]  # an id and a date: neither is a driver
    drivers = raw_drivers(rows, "converted", lambda v: v == "1")
    return evaluate("Olist marketing-qualified leads", olist_accounts(), drivers, seeds=seeds)


def mean_sd(values: Sequence[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "n/a"
    return f"{statistics.fmean(known):.3f} ± {statistics.stdev(known) if len(known) > 1 else 0.0:.3f}"
