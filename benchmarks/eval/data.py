"""Where the public evaluation sets are, and readers for their gold labels (never copied into the project).

The sets live in ``../shared/eval`` beside the project (each folder has a README.txt with its source and
licence); ``ICP_EVAL_DATA`` points somewhere else.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def eval_data() -> Path:
    """The folder holding the evaluation sets."""
    return Path(os.environ.get("ICP_EVAL_DATA") or ROOT.parent / "shared" / "eval")


# --- Jupyter UX survey 2015: answers per question, with keyword-assisted theme labels per respondent

JUPYTER_QUESTIONS = (
    "hinderances",
    "difficult_aspects",
    "pleasant_aspects",
    "features_changes",
    "first_experience_enhancements",
    "integrations",
    "workflow_needs_not_addressed",
)  # workflow_needs_addressed has a single theme: nothing to recover


def jupyter_folder() -> Path:
    return eval_data() / "jupyter_user_surveys" / "2015-12-notebook-ux"


def jupyter_rows() -> list[dict[str, str]]:
    """survey_short_columns.csv: one row per survey session; the unnamed first column is the row index."""
    with (jupyter_folder() / "survey_short_columns.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def answer_columns(header: list[str], question: str) -> list[str]:
    """The columns holding one question's answers: 'hinderances', or 'pleasant_aspects_1'..'_3'."""
    return [c for c in header if c == question or re.fullmatch(rf"{question}_\d", c)]


def jupyter_labels(question: str) -> dict[str, list[str]]:
    """Row index -> theme labels for one question (empty list: answered, but no theme matched)."""
    path = jupyter_folder() / "themes" / f"{question}_themes.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))[1:]
    return {r[0]: [t for t in r[1].split(",") if t] for r in rows}


# --- LLMCode / Bopp et al. "games as art": span-level human codes from a 31-code codebook


@dataclass(frozen=True)
class CodedText:
    """One answer and its coded spans as (start, end, codes) in the answer."""

    text: str
    spans: list[tuple[int, int, list[str]]]


_CODED = re.compile(r"\*\*(.+?)\*\*<sup>(.*?)</sup>", re.DOTALL)


def coded_texts() -> list[CodedText]:
    """bopp_test_coded_texts.csv with its inline **span**<sup>code; code</sup> marks located in the plain text."""
    path = eval_data() / "llmcode_bopp_games_as_art_coded" / "bopp_test_coded_texts.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    texts = []
    for row in rows:
        plain: list[str] = []
        spans = []
        length = cursor = 0
        marked = row["coded_text"]
        for match in _CODED.finditer(marked):
            before = marked[cursor : match.start()]
            plain.append(before)
            length += len(before)
            span = match[1]
            codes = [c.strip() for c in match[2].split(";") if c.strip()]
            spans.append((length, length + len(span), codes))
            plain.append(span)
            length += len(span)
            cursor = match.end()
        plain.append(marked[cursor:])
        texts.append(CodedText("".join(plain), spans))
    return texts


# --- Salvirt B2B opportunities and the Olist marketing funnel


def salvirt_path() -> Path:
    return eval_data() / "salvirt_b2b_sales_opportunities" / "Salvirt_B2B_ML_dataset_HF.csv"


def olist_leads_path() -> Path:
    return eval_data() / "olist_marketing_funnel" / "olist_mql_with_outcome.cleaned.csv"


def read_rows(path: Path, *, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(f, delimiter=delimiter)
        ]


# --- QMSum product meetings


def qmsum_folder() -> Path:
    return eval_data() / "qmsum_ami_product_meetings"


def meetings(ids: list[str] | None = None) -> Iterator[tuple[str, dict]]:
    """(meeting id, the QMSum JSON) for every meeting, or the named ones."""
    folder = qmsum_folder() / "meetings"
    paths = sorted(folder.glob("*.json")) if ids is None else [folder / f"{i}.json" for i in ids]
    for path in paths:
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))


def qmsum_split(name: str) -> list[str]:
    """Meeting ids of one QMSum split (the files list them as 'ES2004a.json')."""
    names = (qmsum_folder() / f"split_{name}.txt").read_text(encoding="utf-8").split()
    return [n.removesuffix(".json") for n in names]


def buyer_research_folder() -> Path:
    return eval_data() / "18f_website_buyer_research" / "research"
