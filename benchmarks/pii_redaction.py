"""PII redaction: recall per kind, titles/products wrongly redacted, and the cost per 1,000 turns.

    .venv/bin/python -m benchmarks.pii_redaction [--repeat 3]

Quality on two written corpora (tests/pii_corpus.py): SENTENCES, used while building the detector (tuned
on), and HELD_OUT, written after it was frozen. A piece of personal data counts as caught when 80% of its
letters and digits are redacted; a title, company or product counts as wrongly redacted when any of it is.
Speed: every interview of samples/ redacted as ingest does (Redactor.document, pseudonyms in a temporary
folder), repeated until at least 1,000 turns, after the name lists are loaded (their load is timed apart).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes; the best is reported.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from pii_corpus import HELD_OUT, SENTENCES, score

    from icp_assist.privacy.detect import _lexicon, find_personal_data

    started = time.perf_counter()
    _lexicon()
    load = time.perf_counter() - started

    def found(text: str) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in find_personal_data(text)]

    print("| corpus | sentences | kind | caught / total | rate |")
    print("|---|---|---|---|---|")
    for name, sentences in (("SENTENCES (tuned on)", SENTENCES), ("HELD_OUT (not tuned on)", HELD_OUT)):
        for kind, (caught, total) in score(found, sentences).items():
            label = "titles/companies/products wrongly redacted" if kind == "Keep" else kind
            print(f"| {name} | {len(sentences)} | {label} | {caught} / {total} | {caught / total:.1%} |")
    turns, seconds = _speed(args.repeat)
    print(f"\nname lists loaded in {load:.2f} s (once per process)")
    print(f"redaction: {turns} turns in {seconds:.2f} s = {1000 * seconds / turns:.2f} s per 1,000 turns")


def _speed(repeat: int) -> tuple[int, float]:
    """Turns redacted and the best time to redact them, over samples/ interviews repeated to >= 1,000 turns."""
    from icp_assist.ingest.files import TRANSCRIPT_SUFFIXES, read_bytes
    from icp_assist.ingest.transcripts import read_transcripts
    from icp_assist.privacy.pseudonyms import Pseudonyms
    from icp_assist.privacy.redact import Redactor

    documents = []
    for path in sorted((ROOT / "samples" / "interviews").iterdir()):
        if path.suffix.lower() in TRANSCRIPT_SUFFIXES:
            data = read_bytes(path, max_mb=25)
            documents += read_transcripts(path, data, metadata={}, encoding=None, warnings=[])
    per_pass = sum(len(d.turns) for d in documents)
    copies = -(-1000 // per_pass)
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            redactor = Redactor(Pseudonyms(Path(folder)))
            started = time.perf_counter()
            for _ in range(copies):
                for document in documents:
                    redactor.document(document)
            best = min(best, time.perf_counter() - started)
    return per_pass * copies, best


if __name__ == "__main__":
    main()
