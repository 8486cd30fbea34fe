"""ICP score on held-out accounts against a firmographics-only logistic regression, as a Markdown table.

    .venv/bin/python benchmarks/score_auc.py [--accounts FILE] [--seeds 5] [--holdout 0.3]

For each seed the accounts are split by outcome (stratified) into train and a held-out test share. The ICP
score uses a rubric drafted from train alone (`validate_holdout`); the baseline is scikit-learn's
LogisticRegression on one-hot industry, employee band, revenue band, region and tech-stack items, fit on
the train accounts with a known outcome. Both are judged by AUC of good (won/active) against bad
(churned/lost) on the same test accounts.

Real won/lost deals (Salvirt B2B, Olist leads) are evaluated by `make eval` (benchmarks/eval/crm_signals.py).
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from icp_assist.analyze.signals import BAD_OUTCOMES, GOOD_OUTCOMES
from icp_assist.ingest.accounts import read_accounts
from icp_assist.ingest.tables import read_table
from icp_assist.records import Account
from icp_assist.score import SCORED_ATTRIBUTES, account_values
from icp_assist.validate import auc, split_accounts, validate_holdout

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "accounts" / "crm_accounts.csv"


def features(account: Account) -> dict[str, float]:
    """One-hot firmographics: 'industry=manufacturing', 'tech_stack=netsuite', ..."""
    values = account_values(account)
    return {f"{name}={value.strip().casefold()}": 1.0 for name in SCORED_ATTRIBUTES for value in values[name]}


def baseline_auc(train: Sequence[Account], test: Sequence[Account]) -> float | None:
    """AUC on test of a logistic regression on one-hot firmographics fit on train."""
    known = [a for a in train if a.outcome is not None]
    labels = [a.outcome in GOOD_OUTCOMES for a in known]
    if len(set(labels)) < 2:
        return None
    vectorizer = DictVectorizer()
    model = LogisticRegression(max_iter=1000).fit(vectorizer.fit_transform(map(features, known)), labels)
    probability = model.predict_proba(vectorizer.transform(map(features, test)))[:, 1]
    scored = list(zip(test, probability, strict=True))
    return auc(
        [p for a, p in scored if a.outcome in GOOD_OUTCOMES],
        [p for a, p in scored if a.outcome in BAD_OUTCOMES],
    )


def read(path: Path) -> list[Account]:
    accounts, _ = read_accounts(read_table(path, path.read_bytes()))
    return accounts


def mean_sd(values: Sequence[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "n/a"
    sd = statistics.stdev(known) if len(known) > 1 else 0.0
    return f"{statistics.fmean(known):.3f} ± {sd:.3f}"


def fmt(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "n/a"


def table(accounts: Sequence[Account], *, seeds: int, holdout: float) -> list[str]:
    lines = [
        "| seed | train | test (good/bad) | ICP score AUC | logistic regression AUC |",
        "|---:|---:|---:|---:|---:|",
    ]
    icp, baseline = [], []
    for seed in range(seeds):
        train, test = split_accounts(accounts, holdout, seed)
        result = validate_holdout(accounts, holdout=holdout, seed=seed)
        good_vs_bad = result.aucs["good_vs_bad"]
        icp.append(good_vs_bad.auc)
        baseline.append(baseline_auc(train, test))
        lines.append(
            f"| {seed} | {len(train)} | {len(test)} ({good_vs_bad.n_positive}/{good_vs_bad.n_negative}) "
            f"| {fmt(icp[-1])} | {fmt(baseline[-1])} |"
        )
    lines.append(f"| **mean ± sd** | | | **{mean_sd(icp)}** | **{mean_sd(baseline)}** |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--accounts", type=Path, default=SAMPLE, help="CRM export with outcomes")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--holdout", type=float, default=0.3)
    args = parser.parse_args()
    accounts = read(args.accounts)
    known = sum(a.outcome is not None for a in accounts)
    print(f"### {args.accounts.name}: {len(accounts)} accounts ({known} with a known outcome)")
    print(f"AUC good (won/active) vs bad (churned/lost) on a {args.holdout:.0%} stratified hold-out\n")
    print("\n".join(table(accounts, seeds=args.seeds, holdout=args.holdout)))


if __name__ == "__main__":
    main()
