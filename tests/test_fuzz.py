"""Property-based hostile input (Hypothesis): readers, templates, CSV cells and redaction never misbehave.

Every case runs under a time bound (a hang fails the test), readers may only fail with InputFileError (the
one-line `error: PATH: reason`), and a corpus mixing hostile files with a good interview still ingests the good
one and leaves the workspace consistent: every chunk has its vector, and a second ingest changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import INTERVIEW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render import make_report

from icp_assist.errors import InputFileError
from icp_assist.ingest import FileResult, IngestOptions, _read_source, ingest
from icp_assist.outputs import spreadsheet_cell
from icp_assist.render import RenderError, render_profile
from icp_assist.secrets import redact
from icp_assist.store import Workspace

CASE_SECONDS = 5.0  # far above any real file here (milliseconds); only a hang or a blow-up reaches it
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so no reader's `except Exception` can turn it into a clean error."""


@contextmanager
def time_bound(seconds: float = CASE_SECONDS) -> Iterator[None]:
    def fail(*_: object) -> None:
        raise Hang(f"case took over {seconds}s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_one(folder: Path, suffix: str, data: bytes) -> str:
    """'ok' or the clean error message of reading one file; anything else fails the test."""
    path = folder / f"case{suffix}"
    path.write_bytes(data)
    try:
        with time_bound():
            _read_source(path, IngestOptions(), {}, FileResult(str(path), "failed"))
    except InputFileError as ex:
        message = str(ex)
        assert message and "\n" not in message and "Traceback" not in message
        return message
    return "ok"


# --- strategies

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.sampled_from(["9" * 400, "1e999", "2026-13-45", "=cmd|' /C calc'!A0", "\x00", "\u202e"]),
)  # fmt: skip
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["speaker", "text", "start", "turns", "metadata", "name", "segments"]),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=25,
)
HEADERS = [
    "Account ID",
    "Company",
    "Industry",
    "Employees",
    "Revenue",
    "Outcome",
    "Tech Stack",
    "Why did you buy?",
    "NPS",
    "",
]
CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["-5", "1e999", "9" * 400, "NaN", "=1+1", "3,5", "$1.2B", "won", "churned"]),
)


@st.composite
def tables(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerows([header, *rows])
    return buffer.getvalue().encode("utf-8", "surrogatepass")


@st.composite
def transcripts(draw: st.DrawFn) -> bytes:
    meta = draw(
        st.dictionaries(
            st.sampled_from(["date", "account_id", "interviewers", "outcome", "role"]), SCALARS, max_size=4
        )
    )
    speakers = st.sampled_from(["Sam Patel", "Maria", "Q", "A", "[00:00:01] Dev", "**Ann**", "00:99:99 X"])
    lines = draw(st.lists(st.tuples(speakers, st.text(max_size=60)), max_size=8))
    front = (
        f"---\n{yaml.safe_dump(meta)}---\n"
        if meta
        else draw(st.sampled_from(["", "---\na: &a [1]\nb: *a\n---\n", "---\n: :\n---\n"]))
    )
    return (front + "\n".join(f"{s}: {t}" for s, t in lines)).encode("utf-8", "surrogatepass")


@st.composite
def captions(draw: st.DrawFn) -> tuple[str, bytes]:
    stamp = st.sampled_from(["00:00:01.000", "00:00:02,500", "99:99:99.999", "00:00:0x.000", ""])
    cues = draw(st.lists(st.tuples(stamp, stamp, st.text(max_size=40)), max_size=5))
    if draw(st.booleans()):
        body = "WEBVTT\n\n" + "\n\n".join(f"{a} --> {b}\n<v Maria>{t}" for a, b, t in cues)
        return ".vtt", body.encode("utf-8", "surrogatepass")
    body = "\n\n".join(f"{i}\n{a} --> {b}\n{t}" for i, (a, b, t) in enumerate(cues, 1))
    return ".srt", body.encode("utf-8", "surrogatepass")


SUFFIXES = [".txt", ".md", ".vtt", ".srt", ".json", ".csv", ".tsv", ".docx", ".xlsx"]
ANY_FILE = st.one_of(
    st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=800)),
    st.tuples(st.just(".json"), JSON.map(lambda v: json.dumps(v).encode())),
    st.tuples(st.sampled_from([".csv", ".tsv"]), tables()),
    st.tuples(st.sampled_from([".md", ".txt"]), transcripts()),
    captions(),
)


def office_files() -> dict[str, bytes]:
    import docx
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Account ID", "Company", "Outcome", "Employees"])
    book.active.append(["A1", "Acme", "won", 120])
    xlsx = io.BytesIO()
    book.save(xlsx)
    document = docx.Document()
    document.add_paragraph("Sam Patel: What happened?")
    document.add_paragraph("Maria Okafor: We were drowning in spreadsheets.")
    doc = io.BytesIO()
    document.save(doc)
    return {".xlsx": xlsx.getvalue(), ".docx": doc.getvalue()}


OFFICE = office_files()


# --- properties


@FUZZ
@given(case=ANY_FILE)
def test_every_reader_reads_or_fails_with_one_clean_line(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[str, bytes]
):
    read_one(tmp_path_factory.mktemp("fuzz"), *case)


@settings(FUZZ, max_examples=80)
@given(
    suffix=st.sampled_from(sorted(OFFICE)),
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
    cut=st.integers(0, 10**6),
)
def test_damaged_xlsx_and_docx_fail_cleanly(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, edits: list[tuple[int, int]], cut: int
):
    data = bytearray(OFFICE[suffix])
    for at, value in edits:
        data[at % len(data)] = value
    read_one(tmp_path_factory.mktemp("office"), suffix, bytes(data[: max(4, cut % (len(data) + 1))]))


TEMPLATE_PARTS = st.sampled_from([
    "{{ report.analyzer }}", "{{ report.profile.summary | join(', ') }}", "{% for p in report.personas %}{{ p.name }}{% endfor %}",
    "{{ report.parse_raw('x') }}", "{{ report.__class__ }}", "{{ range(10**9) | list }}", "{{ 'x' * 10**9 }}",
    "{{ report.profile.firmographics[0].evidence[0] | footnote }}", "{{ cycler.__init__ }}", "{{ 9 ** 9 ** 9 }}",
    "{% for i in range(99999) %}{% endfor %}", "{{ report.nope }}", "{{", "{% if %}", "<b>{{ report.generated_at }}</b>", "text",
])  # fmt: skip


@settings(FUZZ, max_examples=100)
@given(parts=st.lists(TEMPLATE_PARTS, min_size=1, max_size=4))
def test_any_template_renders_or_is_a_render_error(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str]
):
    custom = tmp_path_factory.mktemp("tpl") / "custom.md.j2"
    custom.write_text("".join(parts), encoding="utf-8")
    try:
        with time_bound():
            render_profile(make_report(), fmt="md", template=custom)
    except RenderError as ex:
        assert str(ex).startswith("template ")


@settings(FUZZ, max_examples=300)
@given(cell=st.text(max_size=30))
def test_no_csv_cell_stays_a_formula(cell: str):
    safe = spreadsheet_cell(cell)
    assert spreadsheet_cell(safe) == safe and safe.endswith(cell)
    if safe.startswith(("=", "+", "-", "@", "\t", "\r")):
        float(safe.replace(",", "").rstrip("%"))  # only a plain number may keep its sign


@settings(FUZZ, max_examples=200)
@given(
    key=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=8, max_size=40),
    around=st.text(max_size=40),
)
def test_a_configured_key_never_survives_redaction(
    key: str, around: str, monkeypatch_session: pytest.MonkeyPatch
):
    monkeypatch_session.setenv("OPENAI_API_KEY", key)
    assert key not in redact(f"{around}{key}{around} Bearer {key}")


@pytest.fixture(scope="module")
def monkeypatch_session() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@settings(FUZZ, max_examples=6)
@given(hostile=st.lists(ANY_FILE, min_size=1, max_size=5))
def test_a_corpus_with_hostile_files_still_ingests_the_rest_consistently(
    tmp_path_factory: pytest.TempPathFactory, embedder, hostile: list[tuple[str, bytes]]
):
    root = tmp_path_factory.mktemp("corpus")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(INTERVIEW, encoding="utf-8")
    for number, (suffix, data) in enumerate(hostile):
        (corpus / f"hostile{number}{suffix}").write_bytes(data)
    with Workspace(root / "ws", embedding_name=embedder.name) as workspace:
        with time_bound(60):
            report = ingest([corpus], workspace=workspace, embedder=embedder)
        assert len(report.files) == len(hostile) + 1
        assert next(f for f in report.files if f.path.endswith("good.md")).status in ("added", "unchanged")
        assert all(f.message for f in report.failed)
        status = workspace.status()
        assert status["chunks_without_vectors"] == 0 and status["vectors"] == status["chunks"]
        again = ingest([corpus], workspace=workspace, embedder=embedder)
        assert again.count("added") == again.count("updated") == again.chunks_embedded == 0


def test_a_number_past_floats_range_is_no_amount():
    # Found by the fuzzer: 400 nines in an employees column parsed to infinity, and int() raised OverflowError.
    from icp_assist.ingest.accounts import parse_amount

    assert parse_amount("9" * 400) is None
    assert parse_amount("1,200") == 1200.0
