"""CRM redaction on real public exports: which cells change, which columns count as people, and the time.

    .venv/bin/python -m benchmarks.pii_crm

Each export of ../shared/eval (read at run time, never copied) is read as ingest reads it (read_crm) and
redacted as ingest redacts it (redact_accounts, pseudonyms in a temporary folder). None of these exports
holds a real name, e-mail or phone (their sellers are hashes or 'Seller 6'), so every changed cell is a
wrongly redacted one: the figure to watch is 0. Printed: accounts, CRM cells, columns taken for people,
changed cells per column with up to three examples, and the seconds the redaction took.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
EXPORTS = (
    "olist_marketing_funnel/olist_mql_joined_closed_deals.csv",
    "olist_marketing_funnel/olist_closed_deals_dataset.full14cols.csv",
    "salvirt_b2b_sales_opportunities/Salvirt_B2B_ML_dataset_HF.csv",
)


def main() -> None:
    from icp_assist.ingest.accounts import read_crm
    from icp_assist.ingest.tables import read_table
    from icp_assist.privacy.accounts import names_a_person, redact_accounts
    from icp_assist.privacy.detect import _lexicon
    from icp_assist.privacy.pseudonyms import Pseudonyms
    from icp_assist.privacy.redact import Redactor, kept_terms

    _lexicon()  # the name lists load once per process; not part of the timing
    for name in EXPORTS:
        path = EVAL / name
        if not path.is_file():
            print(f"{name}: not found under {EVAL}", file=sys.stderr)
            continue
        accounts = read_crm(read_table(path, path.read_bytes()), source=path.stem).accounts
        with tempfile.TemporaryDirectory() as folder:
            redactor = Redactor(Pseudonyms(Path(folder)), keep=kept_terms(accounts))
            started = time.perf_counter()
            redacted = redact_accounts(redactor, accounts, path=str(path))
            seconds = time.perf_counter() - started
        changed: Counter[str] = Counter()
        examples: list[str] = []
        for before, after in zip(accounts, redacted, strict=True):
            for column, value in before.extra.items():
                if after.extra[column] != value:
                    changed[column] += 1
                    if len(examples) < 3:
                        examples.append(f"{column}: {value!r} -> {after.extra[column]!r}")
        cells = sum(len(a.extra) for a in accounts)
        people = sorted({c for a in accounts for c in a.extra if names_a_person(c)})
        print(f"{name}: {len(accounts)} accounts, {cells} cells, {seconds:.2f} s")
        print(f"  person columns: {people or 'none'}; changed cells: {sum(changed.values())} {dict(changed)}")
        for example in examples:
            print(f"    {example}")


if __name__ == "__main__":
    main()
