"""Real exports, read as they are: what ingest detects per file, beside what a person would expect.

Reads the public data in ../shared/eval with no --kind, --map, --outcome or column flags, through the same
reading path `icp-assist ingest` uses (nothing is embedded or stored), and prints one Markdown table row per
file or group of files: expected, detected, and whether they agree.

    .venv/bin/python benchmarks/real_exports.py [--eval ../shared/eval]

The expectations below were written from each data set's README.txt (and, for the survey columns, from the
question wording) before this script was first run; none was changed to fit a result. Where a person could
reasonably go either way, the column is listed under ``EITHER`` and not scored.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from icp_assist.ingest import FileResult, IngestOptions, _read_source  # noqa: E402
from icp_assist.ingest.surveys import column_types  # noqa: E402
from icp_assist.ingest.tables import read_table  # noqa: E402

JUPYTER_2015_OPEN_PREFIXES = (  # the free-text questions the README's theme files code, and the write-in
    "What, if anything, hinders", "Tool / Application #", "Other - Write In:How do you run", "Workflow Need #",
    "Aspect #", "Feature / Change #", "Enhancement #",
)  # fmt: skip
JUPYTER_2015_EITHER = ("Other word(s)::", "What is your primary role")  # write-in words; a role in free text
JUPYTER_2015_SHORT_OPEN = (
    "hinderances", "integrations_", "how_run_other", "workflow_needs_", "pleasant_aspects_",
    "difficult_aspects_", "features_changes_", "first_experience_enhancements_",
)  # fmt: skip
JUPYTER_2015_SHORT_EITHER = ("keywords_other", "role")
EDUCATION_2016_OPEN = (
    "What are the biggest pain points for you in running your class?",
    "What are the biggest pain points for you in grading",
    "Are there any other ways that you structure your assignments",
    "Are there any other ways in which you are using Jupyter",
    "Do you have any specific suggestions for how Jupyter tools",
    "If you are using the notebook, are you using any custom or third-party",
)
EDUCATION_2016_EITHER = ("What is the official name of your course?", "What types of questions are included")


@dataclass
class Row:
    """One line of the report."""

    name: str
    expected: str
    detected: str
    agrees: bool


def read(path: Path) -> tuple[FileResult, Any]:
    """What ingest would make of one file, with default options."""
    result = FileResult(path=str(path), status="failed")
    try:
        records = _read_source(path.resolve(), IngestOptions(), {}, result)
    except Exception as ex:  # the benchmark reports every failure, including unexpected ones
        result.message = f"{type(ex).__name__}: {ex}"
        return result, None
    return result, records


def open_columns_check(
    path: Path, is_open: tuple[str, ...], either: tuple[str, ...], *, prefix: bool = True
) -> tuple[str, bool]:
    """Open-column precision and recall against the expected set (columns under ``either`` not scored)."""
    table = read_table(path, path.read_bytes())
    types = column_types(table)

    def matches(column: str, names: tuple[str, ...]) -> bool:
        return any(column.startswith(n) if prefix else column == n for n in names)

    scored = {c: k for c, k in types.items() if not matches(c, either)}
    expected = {c for c in scored if matches(c, is_open)}
    found = {c for c, k in scored.items() if k == "open"}
    hits = len(expected & found)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(expected) if expected else 1.0
    wrong = sorted(found - expected)[:3] + sorted(expected - found)[:3]
    text = f"open columns P {precision:.2f} R {recall:.2f} ({hits}/{len(expected)})"
    if wrong:
        text += "; differ: " + "; ".join(f"'{c[:40]}' ({types[c]})" for c in wrong)
    return text, precision == 1.0 and recall == 1.0


def respondents_with_text(path: Path, columns: list[int]) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return sum(1 for r in rows if any(i < len(r) and r[i].strip() for i in columns))


def survey_rows(base: Path) -> list[Row]:
    rows = []
    export = base / "jupyter_user_surveys/2015-12-notebook-ux/20160115235816-SurveyExport.csv"
    result, records = read(export)
    cols, ok = open_columns_check(export, JUPYTER_2015_OPEN_PREFIXES, JUPYTER_2015_EITHER)
    detected = (
        f"{result.kind or result.message}: {len(records.documents) if records else 0} respondents; {cols}"
    )
    complete = _count_column(export, "Status", "Complete")
    rows.append(
        Row(
            "jupyter 2015 SurveyExport.csv (1,706 sessions)",
            f"survey; ≤1,706 respondents, not the blank partial sessions (README: {complete} complete); "
            "the 23 free-text questions open; how-long/how-often/role/industry closed",
            detected,
            ok and records is not None and len(records.documents) < 1706,
        )
    )
    short = base / "jupyter_user_surveys/2015-12-notebook-ux/survey_short_columns.csv"
    result, records = read(short)
    cols, ok = open_columns_check(short, JUPYTER_2015_SHORT_OPEN, JUPYTER_2015_SHORT_EITHER)
    rows.append(
        Row(
            "jupyter 2015 survey_short_columns.csv (short headers, pandas index)",
            "survey; same 23 open columns by short name; index column read, not refused",
            f"{result.kind or result.message}: {len(records.documents) if records else 0} respondents; {cols}",
            ok and records is not None,
        )
    )
    text_fields = base / "jupyter_user_surveys/2020-12-jupyter-survey/text_fields.csv"
    result, records = read(text_fields)
    header = next(csv.reader(text_fields.open(encoding="utf-8-sig")))
    expected_n = respondents_with_text(text_fields, list(range(1, len(header))))
    cols, ok = open_columns_check(text_fields, tuple(header[1:]), (), prefix=False)
    got = len(records.documents) if records else 0
    rows.append(
        Row(
            "jupyter 2020 text_fields.csv (1,135 rows)",
            f"survey; the 18 '(other)'/comment columns open; {expected_n} respondents (rows that wrote anything)",
            f"{result.kind or result.message}: {got} respondents; {cols}",
            ok and got == expected_n,
        )
    )
    choices = base / "jupyter_user_surveys/2020-12-jupyter-survey/all_responses.csv"
    result, records = read(choices)
    rows.append(
        Row(
            "jupyter 2020 all_responses.csv (216 multiple-choice columns)",
            "refused: no open-ended column, with the flag that fixes it",
            f"{result.status}: {result.message[:90]}",
            records is None and "--open-column" in result.message,
        )
    )
    education = base / "jupyter_user_surveys/2016-05-education-survey/responses.csv"
    result, records = read(education)
    cols, ok = open_columns_check(education, EDUCATION_2016_OPEN, EDUCATION_2016_EITHER)
    types = column_types(read_table(education, education.read_bytes()))
    rows.append(
        Row(
            "jupyter 2016 education responses.csv (Google Forms, 125 rows)",
            "survey; Timestamp a date; the 6 pain-point/suggestion questions open; course, school, "
            "instructor names and links closed",
            f"{result.kind or result.message}: {len(records.documents) if records else 0} respondents; "
            f"Timestamp {types.get('Timestamp')}; {cols}",
            ok and types.get("Timestamp") == "date",
        )
    )
    return rows


def _count_column(path: Path, column: str, value: str) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for r in csv.DictReader(handle) if r.get(column) == value)


def crm_rows(base: Path) -> list[Row]:
    cases = [
        ("salvirt_b2b_sales_opportunities/Salvirt_B2B_ML_dataset_HF.csv", "accounts", 448, {"won": 227, "lost": 221}),
        ("olist_marketing_funnel/olist_closed_deals_dataset.cleaned.csv", "accounts", 842, {"won": 842}),
        ("olist_marketing_funnel/olist_closed_deals_dataset.full14cols.csv", "accounts", 842, {"won": 842}),
        ("olist_marketing_funnel/olist_mql_with_outcome.cleaned.csv", "accounts", 8000, {"won": 842, "lost": 7158}),
        ("olist_marketing_funnel/olist_mql_joined_closed_deals.csv", "accounts", 8000, {"won": 842, "lost": 7158}),
        ("olist_marketing_funnel/olist_marketing_qualified_leads_dataset.with_landing_page.csv", "refused", 0, {}),
        ("olist_marketing_funnel/olist_sellers_dataset.csv", "refused", 0, {}),
    ]  # fmt: skip
    rows = []
    for name, kind, count, outcomes in cases:
        result, records = read(base / name)
        if records is None or records.kind != "accounts":
            detected = f"{result.status}: {result.message[:80]}" if records is None else f"{records.kind}"
            agrees = kind == "refused" and records is None
        else:
            tally = Counter(a.outcome for a in records.accounts if a.outcome)
            detected = f"accounts: {len(records.accounts)}, outcomes {dict(sorted(tally.items()))}"
            agrees = kind == "accounts" and len(records.accounts) == count and dict(tally) == outcomes
        expected = (
            "refused (no outcome, no free text)" if kind == "refused" else f"accounts: {count}, {outcomes}"
        )
        rows.append(Row(name.split("/", 1)[1], expected, detected, agrees))
    return rows


QUOTES_EXPECTED = ("synthesis", "results", "findings", "update")  # files named so hold participant quotes


def notes_rows(base: Path) -> list[Row]:
    rows = []
    for path in sorted((base / "18f_website_buyer_research/research").rglob("*.md")):
        result, records = read(path)
        expects_quotes = any(word in path.stem for word in QUOTES_EXPECTED)
        quotes = sum(len(d.turns) for d in records.documents) if records else 0
        detected = f"{quotes} participant quotes" if records else f"refused: {result.message[:70]}"
        expected = (
            "participant quotes" if expects_quotes else "refused (plan, script or template: no participants)"
        )
        rows.append(Row(str(path.relative_to(base / "18f_website_buyer_research/research")), expected, detected,
                        (quotes > 0) == expects_quotes))  # fmt: skip
    return rows


def meeting_rows(base: Path) -> list[Row]:
    files = sorted((base / "qmsum_ami_product_meetings/meetings").glob("*.json"))
    read_ok = four = 0
    turns_match = 0
    for path in files:
        _, records = read(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        if records is None:
            continue
        read_ok += 1
        doc = records.documents[0]
        speakers = {t.speaker for t in doc.turns}
        four += speakers == {t["speaker"] for t in data["meeting_transcripts"]}
        turns_match += all(t.is_customer for t in doc.turns)
    return [
        Row(
            f"qmsum meetings/*.json ({len(files)} meetings)",
            "every meeting read; its speakers exactly as written; no interviewer (a meeting): all participants",
            f"{read_ok} read, {four} with the speakers as written, {turns_match} read as meetings",
            read_ok == four == turns_match == len(files),
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    started = time.perf_counter()
    rows = survey_rows(args.eval) + crm_rows(args.eval) + notes_rows(args.eval) + meeting_rows(args.eval)
    print("| file | a person expects | detected (no flags) | agrees |")
    print("|---|---|---|---|")
    for row in rows:
        cells = [row.name, row.expected, row.detected.replace("|", "/"), "yes" if row.agrees else "**no**"]
        print("| " + " | ".join(cells) + " |")
    agreed = sum(r.agrees for r in rows)
    print(f"\n{agreed}/{len(rows)} rows agree; {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
