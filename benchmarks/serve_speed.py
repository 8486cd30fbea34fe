"""The evidence explorer's speed through a running server: ask p50/p95, page-load p95, start-up and memory.

    .venv/bin/python -m benchmarks.serve_speed [--corpus samples qmsum] [--meetings 12] [--repeat 3]

For each corpus a workspace is ingested once (kept under ``--workdir`` and reused), then a real
``icp-assist serve`` process is started on a free port of 127.0.0.1 and asked over HTTP, one request at a
time: every question ``--repeat`` times (samples: the ask questions below; QMSum: the span-annotated
questions of the first ``--meetings`` AMI meetings, read from ../shared/eval at run time), then every page
kind (themes grid, a theme, a transcript at a quote, the interview list, accounts, profile) over the themes
and quotes the server lists. Memory is the server's resident set (VmRSS, and its peak VmHWM) at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_QUESTIONS = [
    "why did customers buy?",
    "who signs off on the purchase?",
    "what nearly stopped them from buying?",
    "why did customers churn?",
    "what did they use before?",
    "what problems did the AP team have?",
    "what did customers get after buying?",
    "how long did month-end close take?",
    "what did they say about the ERP sync?",
    "why did we lose deals?",
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", nargs="+", choices=["samples", "qmsum"], default=["samples", "qmsum"])
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / ".work" / "serve")
    parser.add_argument("--meetings", type=int, default=12, help="QMSum meetings to ingest (ingest is slow)")
    parser.add_argument("--repeat", type=int, default=3, help="times each question is asked")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    rows = []
    for corpus in args.corpus:
        workspace, questions = _prepare(corpus, args.workdir, args.meetings)
        rows.append((corpus, _measure(workspace, questions, args.repeat)))
    print(
        "| corpus | documents | start-up s | ask p50 ms | ask p95 ms | asks | page p50 ms | page p95 ms | pages | RSS MiB | peak RSS MiB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for corpus, m in rows:
        print(
            f"| {corpus} | {m['documents']} | {m['startup']:.1f} | {m['ask_p50']:.0f} | {m['ask_p95']:.0f} | "
            f"{m['asks']} | {m['page_p50']:.0f} | {m['page_p95']:.0f} | {m['pages']} | {m['rss']:.0f} | "
            f"{m['peak']:.0f} |"
        )


def _prepare(corpus: str, workdir: Path, meetings: int) -> tuple[Path, list[str]]:
    """The corpus ingested into its workspace under ``workdir`` (reused when there), and its questions."""
    from icp_assist.api import ingest_paths
    from icp_assist.config import Settings

    workspace = workdir / corpus / "workspace"
    if corpus == "samples":
        inputs, questions = [ROOT / "samples"], SAMPLE_QUESTIONS
    else:
        from .eval.data import qmsum_folder
        from .eval.meetings import gold_questions, write_meetings

        ids = sorted(p.stem for p in (qmsum_folder() / "meetings").glob("*.json"))[:meetings]
        write_meetings(workdir / corpus / "meetings", ids)
        inputs, questions = [workdir / corpus / "meetings"], [q.query for q in gold_questions(ids)]
        workspace = workdir / corpus / f"workspace-{meetings}"
    if not (workspace / "records.sqlite3").exists():
        print(f"ingesting {corpus} into {workspace} (once)", file=sys.stderr)
        report = ingest_paths(inputs, settings=Settings(workspace=workspace), progress=True)
        if report.failed:
            raise SystemExit(f"ingest failed: {report.failed[0].path}: {report.failed[0].message}")
    return workspace, questions


def _measure(workspace: Path, questions: list[str], repeat: int) -> dict[str, float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-c", "from icp_assist.cli import main; main()", "serve"]
    server = subprocess.Popen(
        [*command, "--workspace", str(workspace), "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        started = time.perf_counter()
        while True:
            try:
                _get(f"{url}/themes")
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("icp-assist serve stopped while starting") from None
                time.sleep(0.5)
        startup = time.perf_counter() - started
        asks = [_timed(f"{url}/ask?q={urllib.parse.quote(q)}") for _ in range(repeat) for q in questions]
        pages = _pages(url)
        loads = [_timed(page) for _ in range(repeat) for page in pages]
        rss, peak = _memory(server.pid)
        documents = len(set(re.findall(r'href="/documents/(\w+)"', _get(f"{url}/documents"))))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "documents": documents,
        "startup": startup,
        "ask_p50": _percentile(asks, 50),
        "ask_p95": _percentile(asks, 95),
        "asks": len(asks),
        "page_p50": _percentile(loads, 50),
        "page_p95": _percentile(loads, 95),
        "pages": len(loads),
        "rss": rss,
        "peak": peak,
    }


def _pages(url: str) -> list[str]:
    """Every page kind: the grid, up to 20 themes, up to 20 transcripts at a quote, and the other pages."""
    grid = _get(f"{url}/themes")
    themes = re.findall(r'class="theme" href="(/themes/[^"]+)"', grid)[:20]
    quotes = []
    for theme in themes:
        quotes += re.findall(r'class="quote-link" href="([^"]+)"', _get(url + theme))[:1]
    others = ["/themes", "/themes?by=role", "/documents", "/accounts", "/profile", "/ask"]
    return [url + p.replace("&amp;", "&") for p in [*others, *themes, *quotes]]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return answer.read().decode("utf-8")


def _timed(url: str) -> float:
    started = time.perf_counter()
    _get(url)
    return (time.perf_counter() - started) * 1000


def _percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def _memory(pid: int) -> tuple[float, float]:
    """VmRSS and VmHWM of the process in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return int(found["VmRSS"]) / 1024, int(found["VmHWM"]) / 1024


if __name__ == "__main__":
    main()
