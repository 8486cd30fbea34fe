"""Back-testing: bands, AUC computed by hand, the stratified split, the chart and the samples' planted pattern."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLES

from icp_assist.ingest.accounts import read_accounts
from icp_assist.ingest.tables import read_table
from icp_assist.models import IcpProfile, Rubric, RubricRule
from icp_assist.records import Account
from icp_assist.validate import (
    BacktestError,
    auc,
    evaluate,
    plot_bands,
    score_band,
    split_accounts,
    validate,
    validate_holdout,
)

RUBRIC = Rubric(
    base=50,
    attributes=["industry"],
    rules=[
        RubricRule(attribute="industry", value="A", points=30),
        RubricRule(attribute="industry", value="B", points=-30),
    ],
)
ACCOUNTS = [  # score: A -> 80, B -> 20, anything else -> 50
    Account(account_id="a1", industry="A", outcome="won", ltv=100, sales_cycle_days=10),
    Account(account_id="a2", industry="A", outcome="active", ltv=300, sales_cycle_days=30),
    Account(account_id="a3", industry="A", outcome="churned", ltv=50, sales_cycle_days=20),
    Account(account_id="a4", industry="B", outcome="lost", sales_cycle_days=100),
    Account(account_id="a5", industry="B", outcome="won", ltv=200, sales_cycle_days=60),
    Account(account_id="a6", industry="C", outcome="lost"),
    Account(account_id="a7"),  # no industry, no outcome
]


def brute_force_auc(positive: list[float], negative: list[float]) -> float:
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def test_auc_counts_ties_as_half():
    # pairs: 3>1, 3>2, 2>1, 2=2 -> (1 + 1 + 1 + 0.5) / 4
    assert auc([3, 2], [1, 2]) == 0.875
    assert auc([5, 5], [5]) == 0.5
    assert auc([1], [2, 3]) == 0.0
    assert auc([], [1]) is None and auc([1], []) is None


def test_auc_matches_the_pairwise_definition():
    rng = random.Random(3)
    positive = [rng.choice([0, 20, 50, 50, 80]) for _ in range(40)]
    negative = [rng.choice([0, 20, 20, 50, 100]) for _ in range(25)]
    assert auc(positive, negative) == pytest.approx(brute_force_auc(positive, negative))


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "0-39"),
        (39.9, "0-39"),
        (40, "40-59"),
        (59.9, "40-59"),
        (60, "60-79"),
        (80, "80-100"),
        (100, "80-100"),
    ],
)
def test_score_bands(score: float, band: str):
    assert score_band(score) == band


def test_bands_and_aucs_by_hand():
    result = evaluate(ACCOUNTS, RUBRIC)
    low, middle, upper, top = result.bands
    assert (low.n, low.known, low.good, low.rate) == (2, 2, 1, 0.5)  # a4, a5
    assert (low.mean_ltv, low.median_cycle_days) == (200, 80)
    assert (middle.n, middle.known, middle.good, middle.rate) == (2, 1, 0, 0.0)  # a6, a7
    assert (middle.mean_ltv, middle.median_cycle_days) == (None, None)
    assert (upper.n, upper.rate) == (0, None)
    assert (top.n, top.good, top.rate) == (3, 2, pytest.approx(2 / 3))  # a1, a2, a3
    assert (top.mean_ltv, top.median_cycle_days) == (150, 20)
    # good 80, 80, 20 vs bad 80, 20, 50: each 80 gets 0.5 + 1 + 1, the 20 gets 0 + 0.5 + 0
    good_vs_bad = result.aucs["good_vs_bad"]
    assert (good_vs_bad.auc, good_vs_bad.n_positive, good_vs_bad.n_negative) == (pytest.approx(5.5 / 9), 3, 3)
    # won 80, 20 and active 80 vs lost 20, 50
    assert result.aucs["won_vs_lost"].auc == pytest.approx(4.5 / 6)
    assert result.aucs["retained_vs_churned"].auc == pytest.approx(1 / 3)  # 80, 80, 20 vs churned 80
    assert (result.n_train, result.n_test) == (None, 7)
    assert "n=3 in band 80-100 is too small to trust" in result.notes
    assert "1 of 7 accounts lack most rubric attributes (low confidence)." in result.notes


def test_an_empty_class_gives_no_auc_and_says_so():
    result = evaluate([a for a in ACCOUNTS if a.outcome != "churned"], RUBRIC)
    assert result.aucs["retained_vs_churned"].auc is None
    assert "No churned accounts: AUC retained vs churned cannot be computed." in result.notes
    # qa11, qa237: a CRM that marks its customers active, not won, printed "0 won vs 18 lost", read as "no wins",
    # then "No won accounts" beside 75 Closed Won deals: a customer still is a deal won
    active = [a.model_copy(update={"outcome": "active"}) if a.outcome == "won" else a for a in ACCOUNTS]
    result = evaluate(active, RUBRIC)
    assert result.aucs["won_vs_lost"].auc == evaluate(ACCOUNTS, RUBRIC).aucs["won_vs_lost"].auc is not None
    assert not any(note.startswith("No won") for note in result.notes)


def test_validate_in_sample_warns_and_with_holdout_drafts_from_train():
    in_sample = validate(ACCOUNTS, IcpProfile(rubric=RUBRIC))
    assert in_sample.notes[0].startswith("In-sample")
    accounts = sample_accounts()
    held_out = validate(accounts, IcpProfile(rubric=RUBRIC), holdout=0.3, seed=1)
    assert held_out.aucs == validate_holdout(accounts, holdout=0.3, seed=1).aucs
    assert "set aside" in held_out.notes[0]


def test_split_is_stratified_by_outcome_reproducible_and_keeps_order():
    outcomes = ["won"] * 20 + ["lost"] * 10 + [None] * 10
    accounts = [Account(account_id=str(i), outcome=o) for i, o in enumerate(outcomes)]
    train, test = split_accounts(accounts, 0.3, seed=7)
    assert Counter(a.outcome for a in test) == {"won": 6, "lost": 3, None: 3}
    assert Counter(a.outcome for a in train) == {"won": 14, "lost": 7, None: 7}
    assert {a.account_id for a in train} | {a.account_id for a in test} == {str(i) for i in range(40)}
    assert [a.account_id for a in test] == sorted((a.account_id for a in test), key=int)
    assert split_accounts(accounts, 0.3, seed=7) == (train, test)
    assert split_accounts(accounts, 0.3, seed=8)[1] != test


@pytest.mark.parametrize("holdout", [0, 1, 1.5, -0.1])
def test_split_refuses_a_holdout_outside_0_and_1(holdout: float):
    with pytest.raises(ValueError, match="between 0 and 1"):
        split_accounts(ACCOUNTS, holdout, seed=0)


def test_too_few_accounts_for_a_holdout_or_none_at_all():
    with pytest.raises(BacktestError, match="too few"):
        validate_holdout(ACCOUNTS[:1], holdout=0.3)
    with pytest.raises(BacktestError, match="no accounts"):
        evaluate([], RUBRIC)


def test_plot_bands_writes_a_png(tmp_path: Path):
    path = plot_bands(evaluate(ACCOUNTS, RUBRIC), tmp_path / "bands.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["bands.png"]


def sample_accounts() -> list[Account]:
    path = SAMPLES / "accounts" / "crm_accounts.csv"
    accounts, _ = read_accounts(read_table(path, path.read_bytes()))
    return accounts


def test_samples_planted_pattern_is_found_on_held_out_accounts():
    result = validate_holdout(sample_accounts(), holdout=0.3, seed=0)
    assert result.n_train + result.n_test == 72
    assert result.aucs["good_vs_bad"].auc > 0.7


def test_many_hold_outs_say_how_far_one_splits_auc_moves():
    # qa244, qa246: the default hold-out's AUC was 0.50, other seeds' 0.59-0.78, and nothing warned of it
    accounts = sample_accounts()
    one = validate_holdout(accounts, holdout=0.3, seed=0)
    many = validate_holdout(accounts, holdout=0.3, seed=0, draws=20)
    assert many.aucs == one.aucs and one.spread is None  # the table is still the seed's own split
    assert many.spread is not None and many.spread.draws == 20
    assert many.spread.low <= many.spread.median <= many.spread.high
    aucs = [validate_holdout(accounts, holdout=0.3, seed=s).aucs["good_vs_bad"].auc for s in range(20)]
    assert min(aucs) <= many.spread.low and many.spread.high <= max(aucs)
    assert any("over 20 random hold-outs (seeds 0-19)" in n for n in many.notes)


def test_hold_outs_that_hold_chance_say_so_in_words():
    # qa322: "median 0.48, 8 in 10 between 0.34 and 0.54" was never called no better than chance
    draw = random.Random(7)
    accounts = [
        Account(account_id=f"A{n}", name=f"Firm {n}", industry=draw.choice(["Law", "Tax", "Audit"]),
                employees=draw.randint(5, 200), region=draw.choice(["TX", "OH", "OR"]),
                outcome=draw.choice(["won", "lost", "churned"]))
        for n in range(60)
    ]  # fmt: skip
    noise = validate_holdout(accounts, holdout=0.3, seed=0, draws=20)
    assert noise.spread is not None and noise.spread.low <= 0.5 <= noise.spread.high
    assert any("no better than chance" in n for n in noise.notes), noise.notes
    planted = validate_holdout(sample_accounts(), holdout=0.3, seed=0, draws=20)
    assert not any("no better than chance" in n for n in planted.notes), planted.notes
