"""Hostile-input campaign: the cases of issue 15 and more, run through the real CLI, each one classified.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/hostile_input.py [--only NAME ...]

Every case runs `icp-assist` commands in-process (click's CliRunner, the real embedder loaded once) under a
time bound, on its own temporary folders, then checks the outcome. A case ends as one of:

  clean              the expected behaviour: one clear line per bad thing, the rest done, nothing leaked
  traceback          an exception escaped a command (or a traceback was printed)
  hang               the case did not finish within its time bound
  data issue         no crash, but data was lost, doubled or wrong, or a bad file went unreported
  security failure   code ran, a file leaked, a key was printed, or a formula reached the CSV
  not applicable     the case cannot be staged here (e.g. permission cases when running as root)

Two cases start real subprocesses (concurrent ingests). Owners: cases marked [exports] are another helper's
readers; they are measured here so the figure is honest, not fixed here.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping
from http.server import ThreadingHTTPServer
from pathlib import Path

from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' own helpers: one copy of each
from conftest import write  # noqa: E402
from test_fuzz import Hang, time_bound  # noqa: E402
from test_secrets import EchoCredential  # noqa: E402

SAMPLES = ROOT / "samples"
CASE_SECONDS = 120
INTERVIEW = (SAMPLES / "interviews" / "01_brightline_distribution.txt").read_text(encoding="utf-8")
KEY = "sk-hostile-0123456789abcdefghij"

Outcome = tuple[str, str]
CASES: dict[str, tuple[str, Callable[[Path], Outcome]]] = {}


def case(group: str) -> Callable[[Callable[[Path], Outcome]], Callable[[Path], Outcome]]:
    def register(function: Callable[[Path], Outcome]) -> Callable[[Path], Outcome]:
        CASES[function.__name__] = (group, function)
        return function

    return register


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    from icp_assist.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def escaped(result: Result) -> bool:
    """True when an exception escaped the command (click's own exit is not one)."""
    return result.exception is not None and not isinstance(result.exception, SystemExit)


def ingest_ok(tmp: Path, corpus: Path, *extra: str, workspace: Path | None = None) -> tuple[Result, Path]:
    workspace = workspace or tmp / "ws"
    return run("ingest", corpus, "--workspace", workspace, *extra), workspace


def status(workspace: Path) -> dict:
    return json.loads(run("status", "--workspace", workspace, "--json").output)


def judge_ingest(result: Result, *, bad: list[str], good: int, workspace: Path) -> Outcome:
    """Clean when each bad name has an error/warning line, `good` files were added and the store is consistent."""
    if escaped(result) or "Traceback" in result.output:
        return "traceback", repr(result.exception)[:200]
    reported = [line for line in result.output.splitlines() if line.startswith(("error:", "warning:"))]
    missing = [name for name in bad if not any(name in line for line in reported)]
    if missing:
        return "data issue", f"no line for {missing}"
    counts = status(workspace)
    added = result.output.count("added: /")
    if added < good:
        return "data issue", f"{added} of {good} good files added"
    if counts["chunks_without_vectors"]:
        return "data issue", f"{counts['chunks_without_vectors']} chunks without vectors"
    return "clean", f"{added} added; bad reported"


def corpus_with(tmp: Path, name: str, content: str | bytes) -> Path:
    corpus = tmp / "corpus"
    write(corpus / "good.txt", INTERVIEW)
    write(corpus / name, content)
    return corpus


# --- security


TEMPLATE_ESCAPES = {
    "pickle": "{{ report.parse_raw(\"cos\\nsystem\\n(S'touch MARKER'\\ntR.\", proto='pickle', allow_pickle=True) }}",
    "parse_file": "{{ report.parse_file('/etc/passwd') }}",
    "model_validate_json": "{{ report.model_validate_json('{}') }}",
    "class_mro": "{{ report.__class__.__mro__[1].__subclasses__() }}",
    "init_globals": "{{ report.__init__.__globals__['__builtins__'] }}",
    "cycler_os": "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "format_attr": "{{ '{0.__class__.__init__.__globals__}'.format(report) }}",
    "attr_filter": "{{ (report | attr('__class__')) }}",
    "range_1e9": "{% for i in range(10**9) %}{{ i }}{% endfor %}",
    "string_bomb": "{{ 'x' * 10**10 }}",
    "power_bomb": "{{ 7 ** 10000000000 }}",
    "lipsum_bomb": "{{ lipsum(10**6) }}",
    "include_passwd": "{% include '/etc/passwd' %}",
    "include_dotdot": "{% include '../../../../etc/passwd' %}",
}


XSS = "<script>alert('owned')</script><img src=x onerror=alert(1)>"


def built_workspace(tmp: Path) -> Path:
    workspace = tmp / "ws"
    corpus = tmp / "corpus"
    shutil.copytree(SAMPLES / "interviews", corpus)
    # markup inside many customer sentences, so some of it is quoted in the profile
    lines = [
        line.replace(", ", f", {XSS} ") if line.startswith("Maria Okafor:") else line
        for line in INTERVIEW.split("\n")
    ]
    text = "\n".join(lines).replace("ACC-014", "ACC-XSS").replace("Brightline", "=HYPERLINK(evil)")
    write(corpus / "zz_hostile.txt", text)
    run("ingest", corpus, "--workspace", workspace)
    return workspace


@case("security")
def html_escaping_of_customer_text(tmp: Path) -> Outcome:
    every_quote = (
        "{% for t in report.themes %}{% for e in t.evidence %}<q>{{ e.quote }}</q>{% endfor %}{% endfor %}"
    )
    template = write(tmp / "quotes.html.j2", every_quote)
    result = run("build", "--workspace", SHARED["built"], "--out", tmp / "out", "--template", template)
    html = (SHARED["out"] / "profile.html").read_text(encoding="utf-8")
    html += (tmp / "out" / "profile.html").read_text(encoding="utf-8") if result.exit_code == 0 else ""
    if "<script>alert" in html or "<img src=x" in html:
        return "security failure", "customer text reached the HTML unescaped"
    if "&lt;script&gt;alert" not in html:
        return "not applicable", "the hostile quote was not among the quotes the profile shows"
    return "clean", "script and img tags from an interview are escaped in profile.html"


@case("security")
def llm_key_echo(tmp: Path) -> Outcome:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoCredential)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/v1"}
    try:
        result = run(
            "build", "--workspace", SHARED["built"], "--out", tmp / "out", "--llm", "openai:x", env=env
        )
    finally:
        server.shutdown()
    if KEY in result.output or KEY[10:] in result.output:
        return "security failure", "key printed"
    if escaped(result):
        return "traceback", repr(result.exception)[:150]
    return "clean", (result.output.strip().splitlines() or ["(no output)"])[-1][:150]


@case("security")
def front_matter_python_tags(tmp: Path) -> Outcome:
    marker = tmp / "PWNED"
    tag = f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\n"
    result, ws = ingest_ok(tmp, corpus_with(tmp, "tag.md", tag + INTERVIEW.split("---\n", 2)[2]))
    if marker.exists():
        return "security failure", "a YAML tag ran a command"
    return judge_ingest(result, bad=["tag.md"], good=1, workspace=ws)


@case("security")
def template_escapes(tmp: Path) -> Outcome:
    workspace = SHARED["built"]
    failures = []
    for name, text in TEMPLATE_ESCAPES.items():
        marker = tmp / f"PWNED-{name}"
        template = write(tmp / f"{name}.md.j2", text.replace("MARKER", str(marker)))
        result = run("build", "--workspace", workspace, "--out", tmp / "out", "--template", template)
        out = (
            (tmp / "out" / "profile.md").read_text(encoding="utf-8")
            if (tmp / "out" / "profile.md").exists()
            else ""
        )
        if marker.exists() or "root:" in result.output + out:
            failures.append(f"{name}: escaped")
        elif escaped(result) or (result.exit_code == 0 and "bomb" in name):
            failures.append(f"{name}: {result.exception!r}"[:120])
    if any("escaped" in f for f in failures):
        return "security failure", "; ".join(failures)
    if failures:
        return "traceback", "; ".join(failures)
    return "clean", f"{len(TEMPLATE_ESCAPES)} escapes refused with a template error"


@case("security")
def embedding_key_echo(tmp: Path) -> Outcome:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoCredential)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/v1"}
    try:
        result = run("ingest", corpus_with(tmp, "x.md", INTERVIEW), "--workspace", tmp / "ws",
                     "--embedding", "openai:text-embedding-3-small", env=env)  # fmt: skip
    finally:
        server.shutdown()
    if KEY in result.output or KEY[10:] in result.output:
        return "security failure", "key printed"
    if escaped(result):
        return "traceback", repr(result.exception)
    return "clean", result.output.strip().splitlines()[-1][:150]


FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1",
    "=1+1",
]


@case("security")
def score_formula_injection(tmp: Path) -> Outcome:
    icp = write(tmp / "icp.json", json.dumps({"version": 1, "rubric": {"base": 50, "attributes": ["industry"],
                "rules": [{"attribute": "industry", "value": "Retail", "points": 5}]}}))  # fmt: skip
    rows = [["Account ID", "Company", "Industry", "Margin"]] + [
        [f"A{i}", f, "Retail", "-12.5"] for i, f in enumerate(FORMULAS)
    ]
    rows.append(["=1+1", "\x1b[31mred\x1b[0m", "Retail", "-3"])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    leads = write(tmp / "leads.csv", buffer.getvalue())
    result = run("score", leads, "--icp", icp, "--out", tmp / "scored.csv")
    if escaped(result):
        return "traceback", repr(result.exception)
    scored = list(csv.reader((tmp / "scored.csv").open(encoding="utf-8", newline="")))
    live = [
        c
        for row in scored
        for c in row
        if c[:1] in ("=", "+", "@", "\t", "\r")
        or (c[:1] == "-" and c[1:2] != "" and not c[1:].replace(".", "").isdigit())
    ]
    shown = [
        line
        for line in result.output.splitlines()
        if any(f in line for f in ("=HYPERLINK", "@SUM", "+cmd")) and "'" not in line
    ]
    if live or shown or "\x1b" in result.output:
        return "security failure", f"live cells {live[:3]} shown {shown[:2]}"
    numbers_kept = all(row[3] in ("-12.5", "-3") for row in scored[1:])
    return (
        ("clean", "formulas quoted, negatives kept")
        if numbers_kept
        else ("data issue", "negative numbers mangled")
    )


# --- files and folders


@case("files")
def front_matter_bad_date(tmp: Path) -> Outcome:
    text = "---\ndate: 2026-13-45\naccount_id: X1\n---\n" + INTERVIEW
    result, ws = ingest_ok(tmp, corpus_with(tmp, "typo.txt", text))
    return judge_ingest(result, bad=[], good=2, workspace=ws)


@case("files")
def front_matter_billion_laughs(tmp: Path) -> Outcome:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(9)]
    result, ws = ingest_ok(
        tmp, corpus_with(tmp, "laughs.md", "---\n" + "\n".join(lines) + "\n---\n" + INTERVIEW)
    )
    return judge_ingest(result, bad=["laughs.md"], good=1, workspace=ws)


@case("files")
def non_utf8_file_name(tmp: Path) -> Outcome:
    corpus = corpus_with(tmp, "ok.md", INTERVIEW.replace("Brightline", "Brightlyne"))
    write(Path(os.fsdecode(bytes(corpus) + b"/caf\xe9.txt")), INTERVIEW.replace("Brightline", "Cafe"))
    result, ws = ingest_ok(tmp, corpus)
    return judge_ingest(result, bad=["caf\\xe9.txt"], good=2, workspace=ws)


@case("files")
def broken_xlsx_ingest_and_score(tmp: Path) -> Outcome:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Account ID", "Company", "Outcome"])
    book.active.append(["A1", "Acme", "won"])
    good = io.BytesIO()
    book.save(good)
    broken = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    corpus = corpus_with(tmp, "broken.xlsx", broken.getvalue())
    result, ws = ingest_ok(tmp, corpus)
    verdict = judge_ingest(result, bad=["broken.xlsx"], good=1, workspace=ws)
    icp = write(
        tmp / "icp.json", json.dumps({"version": 1, "rubric": {"attributes": ["industry"], "rules": []}})
    )
    scored = run("score", corpus / "broken.xlsx", "--icp", icp)
    if escaped(scored):
        return "traceback", f"score: {scored.exception!r}"
    return verdict


@case("files")
def non_utf8_icpignore(tmp: Path) -> Outcome:
    corpus = corpus_with(tmp, ".icpignore", b"skip*\n\xff\xfe\xe9t\xe9\n")
    write(corpus / "skip_me.txt", INTERVIEW.replace("Brightline", "Skipped"))
    result, ws = ingest_ok(tmp, corpus)
    if "skip_me" in result.output:
        return "data issue", "ignored file was ingested"
    return judge_ingest(result, bad=[".icpignore"], good=1, workspace=ws)


@case("files")
def json_200k_deep(tmp: Path) -> Outcome:
    result, ws = ingest_ok(tmp, corpus_with(tmp, "deep.json", "[" * 200_000 + "]" * 200_000))
    return judge_ingest(result, bad=["deep.json"], good=1, workspace=ws)


@case("files")
def employee_count_400_digits(tmp: Path) -> Outcome:
    crm = (
        "Account ID,Company,Industry,Employees,Outcome\nA1,Acme,Retail,"
        + "9" * 400
        + ",won\nA2,Bolt,Retail,50,lost\n"
    )
    corpus = corpus_with(tmp, "crm.csv", crm)
    result, _ws = ingest_ok(tmp, corpus)
    icp = write(
        tmp / "icp.json", json.dumps({"version": 1, "rubric": {"attributes": ["employees"], "rules": []}})
    )
    for extra in (
        run("score", corpus / "crm.csv", "--icp", icp, "--out", tmp / "s.csv"),
        run("validate", corpus / "crm.csv"),
    ):
        if escaped(extra):
            return "traceback", repr(extra.exception)
    if escaped(result):
        return "traceback", repr(result.exception)
    return "clean", result.output.strip().splitlines()[-1][:120]


@case("files")
def symlink_loops(tmp: Path) -> Outcome:
    corpus = corpus_with(tmp, "sub/inner.md", INTERVIEW.replace("Brightline", "Inner"))
    (corpus / "sub" / "up").symlink_to("..")
    (corpus / "sub" / "self").symlink_to(".")
    result, ws = ingest_ok(tmp, corpus)
    return judge_ingest(result, bad=["symbolic link loop"], good=2, workspace=ws)


@case("files")
def fifo_in_folder_and_named(tmp: Path) -> Outcome:
    corpus = corpus_with(tmp, "x.md", INTERVIEW.replace("Brightline", "Xeno"))
    os.mkfifo(corpus / "pipe.md")
    os.mkfifo(corpus / "leads.csv")
    result, ws = ingest_ok(tmp, corpus)
    named = run("ingest", corpus / "pipe.md", "--workspace", ws)
    icp = write(
        tmp / "icp.json", json.dumps({"version": 1, "rubric": {"attributes": ["industry"], "rules": []}})
    )
    scored = run("score", corpus / "leads.csv", "--icp", icp)
    if escaped(named) or escaped(scored):
        return "traceback", repr(named.exception or scored.exception)
    if "regular file" not in named.output or "regular file" not in scored.output:
        return "data issue", "a named FIFO was not refused clearly"
    return judge_ingest(result, bad=["pipe.md", "leads.csv"], good=2, workspace=ws)


@case("files")
def devices_and_odd_paths(tmp: Path) -> Outcome:
    corpus = corpus_with(tmp, "folder.md/inner.txt", INTERVIEW.replace("Brightline", "Nested"))
    (corpus / "dangling.md").symlink_to(tmp / "nowhere.md")
    result, ws = ingest_ok(tmp, corpus)
    verdict = judge_ingest(result, bad=["dangling.md"], good=2, workspace=ws)
    for device in ("/dev/null", "/dev/zero"):
        other = run("ingest", device, "--workspace", ws)
        if escaped(other) or "error:" not in other.output:
            return "data issue" if not escaped(other) else "traceback", f"{device}: {other.output[-120:]}"
    return verdict


@case("files")
def unreadable_file_and_folder(tmp: Path) -> Outcome:
    if os.geteuid() == 0:
        return "not applicable", "running as root: permissions do not stop reads (tests cover it by patching)"
    corpus = corpus_with(tmp, "locked.md", INTERVIEW)
    (corpus / "locked.md").chmod(0)
    write(corpus / "private" / "a.md", INTERVIEW)
    (corpus / "private").chmod(0)
    try:
        result, ws = ingest_ok(tmp, corpus)
    finally:
        (corpus / "private").chmod(0o755)
    return judge_ingest(result, bad=["locked.md", "private"], good=1, workspace=ws)


@case("files")
def assorted_bad_files(tmp: Path) -> Outcome:
    corpus = tmp / "corpus"
    write(corpus / "good.txt", INTERVIEW)
    bad = {
        "empty.txt": b"", "spaces.md": b"   \n\n", "binary.txt": bytes(range(256)) * 4, "latin1.txt": "Q: Où?\nA: Café crème.\n".encode("cp1252"),
        "zero.xlsx": b"", "notzip.xlsx": b"hello, world", "notzip.docx": b"PK\x03\x04junk", "bad.srt": b"1\n00:00 --> x\nhi\n",
        "bad.vtt": b"WEBVTT\n\nnot a cue\n", "list.json": b"[1, 2, 3]", "nulls.csv": b"a,b\n\x00,\x00\n", "quote.csv": b'id,Why?\n1,"open\n',
        "big.txt": b"Maria: " + b"word " * 300_000,
    }  # fmt: skip
    for name, data in bad.items():
        write(corpus / name, data)
    result, ws = ingest_ok(tmp, corpus, "--max-file-mb", "1")
    expected_bad = [n for n in bad if n not in ("nulls.csv",)]
    return judge_ingest(result, bad=expected_bad, good=1, workspace=ws)


# --- workspace


@case("workspace")
def corrupt_records_database(tmp: Path) -> Outcome:
    ws = tmp / "ws"
    run("ingest", corpus_with(tmp, "a.md", INTERVIEW.replace("Brightline", "A")), "--workspace", ws)
    (ws / "records.sqlite3").write_bytes(b"garbage" * 1000)
    for command in (["status"], ["ingest", tmp / "corpus"], ["build", "--out", tmp / "out"], ["ask", "why?"]):
        result = run(*command, "--workspace", ws)
        if escaped(result) or "Traceback" in result.output:
            return "traceback", f"{command[0]}: {result.exception!r}"[:150]
        if result.exit_code == 0:
            return "data issue", f"{command[0]} accepted a corrupt database"
    return "clean", "status, ingest, build, ask: one line each"


@case("workspace")
def unwritable_out(tmp: Path) -> Outcome:
    blocker = write(tmp / "blocker", "a file where a folder should be")
    icp = write(
        tmp / "icp.json", json.dumps({"version": 1, "rubric": {"attributes": ["industry"], "rules": []}})
    )
    leads = write(
        tmp / "leads.csv",
        "Account ID,Industry,Outcome\nA1,Retail,won\nA2,Retail,lost\nA3,Tech,won\nA4,Tech,lost\n",
    )
    checks = [
        run("build", "--workspace", SHARED["built"], "--out", blocker / "out"),
        run("score", leads, "--icp", icp, "--out", blocker / "s.csv"),
        run("validate", SAMPLES / "accounts" / "crm_accounts.csv", "--plot", blocker / "p.png"),
    ]
    bad = [repr(r.exception)[:80] for r in checks if escaped(r)]
    return ("traceback", "; ".join(bad)) if bad else ("clean", "build, score, validate --plot: one line each")


@case("workspace")
def status_touches_nothing(tmp: Path) -> Outcome:
    ws = SHARED["built"]
    before = {
        p: p.stat().st_mtime_ns
        for p in ws.rglob("*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }
    result = run("status", "--workspace", ws)
    after = {
        p: p.stat().st_mtime_ns
        for p in ws.rglob("*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }
    if escaped(result):
        return "traceback", repr(result.exception)
    return (
        ("clean", "no file written") if before == after else ("data issue", "status wrote to the workspace")
    )


@case("workspace")
def lost_vectors_and_deleted_chroma(tmp: Path) -> Outcome:
    import chromadb.api.client

    from icp_assist.store import Workspace

    corpus = corpus_with(tmp, "b.md", INTERVIEW.replace("Brightline", "Beta"))
    _result, ws = ingest_ok(tmp, corpus)
    with Workspace(ws, embedding_name="minilm-l6-v2") as workspace:
        ids = sorted(workspace.vector_ids())
        workspace.collection.delete(ids=ids[:5])
    if status(ws)["chunks_without_vectors"] != 5:
        return "data issue", "status did not report lost vectors"
    again, _ = ingest_ok(tmp, corpus)
    if status(ws)["chunks_without_vectors"] or "repaired 5" not in again.output:
        return "data issue", "ingest did not repair lost vectors"
    shutil.rmtree(ws / "chroma")
    chromadb.api.client.SharedSystemClient.clear_system_cache()
    _third, _ = ingest_ok(tmp, corpus)
    counts = status(ws)
    if counts["chunks_without_vectors"] or counts["vectors"] != counts["chunks"]:
        return (
            "data issue",
            f"after deleting chroma/: {counts['vectors']} vectors for {counts['chunks']} chunks",
        )
    return "clean", f"5 lost vectors and a deleted chroma/ ({counts['chunks']} chunks) repaired"


@case("workspace")
def moved_corpus_and_prune(tmp: Path) -> Outcome:
    corpus = tmp / "corpus"
    shutil.copytree(SAMPLES / "interviews", corpus)
    _, ws = ingest_ok(tmp, corpus)
    before = status(ws)
    moved = tmp / "moved"
    corpus.rename(moved)
    _result, _ = ingest_ok(tmp, moved)
    after = status(ws)
    if after["interviews"] != before["interviews"]:
        return "data issue", f"interviews {before['interviews']} -> {after['interviews']} after a move"
    (moved / "01_brightline_distribution.txt").unlink()
    pruned, _ = ingest_ok(tmp, moved, "--prune")
    final = status(ws)
    if final["interviews"] != before["interviews"] - 1 or "pruned:" not in pruned.output:
        return "data issue", "--prune did not remove the deleted file"
    copy = write(tmp / "copy" / "02.txt", (moved / "02_northwind_health.txt").read_text(encoding="utf-8"))
    ingest_ok(tmp, copy)
    if status(ws)["interviews"] != final["interviews"]:
        return "data issue", "a copy was counted twice"
    return "clean", f"{before['interviews']} interviews kept after the move, 1 pruned, copy not doubled"


@case("workspace")
def same_account_in_two_crm_files(tmp: Path) -> Outcome:
    corpus = tmp / "corpus"
    write(
        corpus / "q1.csv", "Account ID,Company,Industry,Outcome\nA-1,Acme,Retail,won\nA-2,Bolt,Retail,lost\n"
    )
    write(corpus / "q2.csv", "Account ID,Company,Industry,Outcome\nA-1,Acme Corp,Retail,churned\n")
    result, _ = ingest_ok(tmp, corpus)
    return (
        ("clean", "warned")
        if "account A-1 is also in" in result.output
        else ("data issue", "silent replacement")
    )


@case("workspace")
def concurrent_ingests(tmp: Path) -> Outcome:
    ws = tmp / "ws"
    corpora = [interview_copies(tmp / f"c{n}", 30, f"Company{n}x") for n in range(2)]
    env = {**os.environ, "ICP_ASSIST_LOCK_TIMEOUT": "300"}
    procs = [
        subprocess.Popen(
            ingest_command(ws, c),
            env=subprocess_env(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for c in corpora
    ]
    outputs = [p.communicate(timeout=CASE_SECONDS)[0] for p in procs]
    if any("Traceback" in o for o in outputs):
        return "traceback", "a concurrent ingest crashed"
    counts = status(ws)
    if not all_stored(counts, interviews=60):
        return (
            "data issue",
            f"{counts['vectors']} vectors for {counts['chunks']} chunks, {counts['interviews']} interviews",
        )
    return (
        "clean",
        f"both finished (one waited for the lock): 60 interviews, {counts['chunks']} chunks, all with vectors",
    )


@case("workspace")
def kill_9_during_ingest(tmp: Path) -> Outcome:
    corpus = interview_copies(tmp / "c", 40, "Killed")
    ws = tmp / "ws"
    command = ingest_command(ws, corpus)
    proc = subprocess.Popen(
        command, env=subprocess_env(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(12)  # model loaded, embedding under way
    proc.kill()
    proc.wait()
    first = status(ws) if (ws / "records.sqlite3").exists() else {}
    result, _ = ingest_ok(tmp, corpus)
    counts = status(ws)
    if escaped(result) or not all_stored(counts, interviews=40):
        return "data issue", f"after kill -9 and re-ingest: {counts}"
    return (
        "clean",
        f"killed with {first.get('interviews', 0)} interviews stored; re-ingest completed 40, all chunks with vectors",
    )


def interview_copies(corpus: Path, count: int, company: str) -> Path:
    """``count`` copies of the sample interview, each with its own company name."""
    for i in range(count):
        write(corpus / f"{i}.txt", INTERVIEW.replace("Brightline", f"{company}{i}"))
    return corpus


def ingest_command(workspace: Path, corpus: Path) -> list[str]:
    """`icp-assist ingest` as a process of its own, to run beside another or to kill."""
    code = "from icp_assist.cli import main; main()"
    return [sys.executable, "-c", code, "ingest", "--workspace", str(workspace), str(corpus)]


def subprocess_env(env: Mapping[str, str]) -> dict[str, str]:
    return {**env, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}


def all_stored(counts: Mapping[str, int], *, interviews: int) -> bool:
    """Every interview stored and every chunk with its vector."""
    whole = not counts["chunks_without_vectors"] and counts["vectors"] == counts["chunks"]
    return whole and counts["interviews"] == interviews


# --- data (other helpers' readers: measured, not fixed here)


@case("data [exports]")
def decimal_comma_revenue(tmp: Path) -> Outcome:
    corpus = tmp / "c"
    write(corpus / "crm.csv", "Account ID;Company;Revenue;Outcome\nA1;Acme;3,5;won\nA2;Bolt;12;lost\n")
    _, ws = ingest_ok(tmp, corpus)
    from icp_assist.store import Workspace

    with Workspace(ws, embedding_name="minilm-l6-v2", read_only=True) as workspace:
        revenue = {a.account_id: a.revenue for a in workspace.accounts()}
    return (
        ("clean", f"revenue {revenue}")
        if revenue.get("A1") in (3.5, None)
        else ("data issue", f"3,5 stored as {revenue.get('A1')}")
    )


@case("data [exports]")
def json_text_not_a_string(tmp: Path) -> Outcome:
    turns = [
        {"speaker": "Sam", "text": "Why?"},
        {"speaker": "Maria", "text": ["drowning", "in", "paper"]},
        {"speaker": True, "text": {"a": 1}},
    ]
    _result, ws = ingest_ok(tmp, corpus_with(tmp, "call.json", json.dumps(turns)))
    from icp_assist.store import Workspace

    with Workspace(ws, embedding_name="minilm-l6-v2", read_only=True) as workspace:
        texts = [d.text for d in workspace.documents() if d.source.endswith("call.json")]
    if texts and ("['drowning'" in texts[0] or "{'a': 1}" in texts[0]):
        return "data issue", "Python reprs stored as customer text"
    return "clean", "refused or stored verbatim"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="Run only these cases.")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from functools import cache

    import icp_assist.api as api

    api.get_embedder = cache(api.get_embedder)  # the real model, loaded once for all cases
    tally: Counter[str] = Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="icp-hostile-") as scratch:
        SHARED["built"] = built_workspace(Path(scratch) / "shared")
        SHARED["out"] = Path(scratch) / "shared" / "out"
        run("build", "--workspace", SHARED["built"], "--out", SHARED["out"])
        for name, (group, function) in CASES.items():
            if args.only and name not in args.only:
                continue
            tmp = Path(tempfile.mkdtemp(dir=scratch, prefix=f"{name}-"))
            begun = time.perf_counter()
            try:
                with time_bound(CASE_SECONDS):
                    outcome, detail = function(tmp)
            except Hang:
                outcome, detail = "hang", f"over {CASE_SECONDS}s"
            except Exception as ex:  # the harness itself saw an escaped exception
                outcome, detail = "traceback", f"{type(ex).__name__}: {ex}"[:200]
            tally[outcome] += 1
            print(
                f"{outcome:<17} {group:<15} {name:<32} {time.perf_counter() - begun:5.1f}s  {detail}",
                flush=True,
            )
    tried = sum(tally.values())
    print(
        f"\ncases tried {tried} / clean {tally['clean']} / tracebacks {tally['traceback']} / hangs {tally['hang']} / "
        f"data issues {tally['data issue']} / security failures {tally['security failure']} / "
        f"not applicable {tally['not applicable']}  ({time.perf_counter() - started:.0f}s)"
    )


SHARED: dict[str, Path] = {}

if __name__ == "__main__":
    main()
