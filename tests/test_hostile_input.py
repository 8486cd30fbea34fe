"""Hostile and clumsy input: every bad file is one error line, the rest of the corpus is ingested, nothing hangs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import INTERVIEW, write

from icp_assist.errors import InputFileError
from icp_assist.ingest import IngestOptions, ingest
from icp_assist.ingest.files import find_input_files
from icp_assist.ingest.frontmatter import load_front_matter
from icp_assist.store import Workspace

GOOD = INTERVIEW.replace("ACC-001", "ACC-GOOD")
ROOT_CAN_READ_ANYTHING = os.geteuid() == 0


def _messages(report) -> dict[str, str]:
    return {Path(f.path).name: f.message for f in report.failed}


def test_symlink_loops_end_and_every_real_file_is_ingested_once(
    tmp_path: Path, workspace: Workspace, embedder
):
    corpus = tmp_path / "corpus"
    write(corpus / "sub" / "call.md", GOOD)
    (corpus / "sub" / "up").symlink_to("..")
    (corpus / "sub" / "self").symlink_to(".")
    (corpus / "dangling.md").symlink_to(corpus / "missing.md")
    report = ingest([corpus], workspace=workspace, embedder=embedder)
    assert [Path(f.path).name for f in report.files if f.status == "added"] == ["call.md"]
    assert not report.failed
    assert any("symbolic link loop" in w for w in report.warnings)
    assert any("broken symbolic link" in w for w in report.warnings)


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path, workspace: Workspace, embedder):
    corpus = tmp_path / "corpus"
    write(corpus / "call.md", GOOD)
    os.mkfifo(corpus / "pipe.md")
    report = ingest([corpus, corpus / "pipe.md"], workspace=workspace, embedder=embedder)
    assert report.count("added") == 1
    assert [f.message for f in report.failed] == ["not a regular file (a FIFO); not read"] * 2


@pytest.mark.skipif(ROOT_CAN_READ_ANYTHING, reason="root reads files without read permission")
def test_unreadable_file_and_folder_are_reported(tmp_path: Path, workspace: Workspace, embedder):
    corpus = tmp_path / "corpus"
    write(corpus / "call.md", GOOD)
    locked = write(corpus / "locked.md", GOOD)
    locked.chmod(0)
    (corpus / "private").mkdir()
    (corpus / "private").chmod(0)
    try:
        report = ingest([corpus], workspace=workspace, embedder=embedder)
    finally:
        (corpus / "private").chmod(0o755)
    assert report.count("added") == 1
    messages = _messages(report)
    assert "permission denied" in messages["locked.md"].lower()
    assert "cannot read folder" in messages["private"]


def test_front_matter_typos_and_bombs_are_one_line(tmp_path: Path, workspace: Workspace, embedder):
    corpus = tmp_path / "corpus"
    write(corpus / "good.md", GOOD)
    write(corpus / "date.md", GOOD.replace("segment: mid-market", "date: 2026-13-45"))
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12)
    )
    write(corpus / "laughs.md", f"---\n{laughs}---\nCustomer: hello there\n")
    report = ingest([corpus], workspace=workspace, embedder=embedder)
    assert report.count("added") == 2  # the impossible date is kept as the text written
    assert "aliases" in _messages(report)["laughs.md"]
    date_doc = next(d for d in workspace.documents() if d.source.endswith("date.md"))
    assert date_doc.metadata.get("date") == "2026-13-45"


def test_front_matter_loader_keeps_dates_as_text_and_refuses_aliases():
    assert load_front_matter("date: 2024-05-01\nn: 3") == {"date": "2024-05-01", "n": 3}
    with pytest.raises(InputFileError, match="aliases"):
        load_front_matter("a: &x 1\nb: *x")


def test_deep_json_huge_numbers_and_bad_names_do_not_stop_the_run(
    tmp_path: Path, workspace: Workspace, embedder
):
    corpus = tmp_path / "corpus"
    write(corpus / "good.md", GOOD)
    write(corpus / "deep.json", "[" * 200_000 + "]" * 200_000)
    write(corpus / "crm.csv", f"Account ID,Company,Employees,Outcome\nA1,Acme,{'9' * 400},won\n")
    write(Path(os.fsdecode(bytes(corpus) + b"/caf\xe9.md")), GOOD)
    report = ingest([corpus], workspace=workspace, embedder=embedder)
    assert "good.md" in {Path(f.path).name for f in report.files if f.status == "added"}
    messages = _messages(report)
    assert "nested too deeply" in messages["deep.json"] or "JSON" in messages["deep.json"]
    assert "not valid UTF-8" in messages["caf\\xe9.md"]


def test_broken_xlsx_is_one_line(tmp_path: Path, workspace: Workspace, embedder):
    corpus = tmp_path / "corpus"
    write(corpus / "good.md", GOOD)
    write(corpus / "broken.xlsx", b"PK\x03\x04" + os.urandom(200))
    report = ingest([corpus], workspace=workspace, embedder=embedder)
    assert report.count("added") == 1 and list(_messages(report)) == ["broken.xlsx"]


def test_non_utf8_icpignore_is_reported_and_still_applied(tmp_path: Path):
    corpus = tmp_path / "corpus"
    write(corpus / "call.md", GOOD)
    write(corpus / "skip.md", GOOD)
    write(corpus / ".icpignore", b"skip.md\n\xff\xfe junk\n")
    found = list(find_input_files([corpus]))
    assert [p.name for p in found if isinstance(p, Path)] == ["call.md"]
    assert any("not UTF-8" in getattr(p, "reason", "") for p in found)


def test_permission_errors_are_reported_even_when_running_as_root(
    tmp_path: Path, workspace: Workspace, embedder, monkeypatch: pytest.MonkeyPatch
):
    corpus = tmp_path / "corpus"
    write(corpus / "call.md", GOOD)
    write(corpus / "locked.md", GOOD)
    write(corpus / "private" / "inner.md", GOOD)
    real_open, real_iterdir = Path.open, Path.iterdir

    def fake_open(self: Path, *args, **kwargs):
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def fake_iterdir(self: Path):
        if self.name == "private":
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "open", fake_open)
    monkeypatch.setattr(Path, "iterdir", fake_iterdir)
    report = ingest([corpus], workspace=workspace, embedder=embedder)
    assert report.count("added") == 1
    messages = _messages(report)
    assert messages["locked.md"] == "cannot read: Permission denied"
    assert messages["private"].startswith("cannot read folder: Permission denied")


def test_any_unexpected_reader_failure_is_that_file_s_error_line(
    tmp_path: Path, workspace: Workspace, embedder, monkeypatch: pytest.MonkeyPatch
):
    import icp_assist.ingest as ingest_module

    corpus = tmp_path / "corpus"
    write(corpus / "good.md", GOOD)
    write(corpus / "bad.md", GOOD.replace("ACC-001", "ACC-BAD"))
    real = ingest_module.read_transcripts

    def explode(path: Path, *args, **kwargs):
        if path.name == "bad.md":
            raise KeyError("speaker sk-abcdefghijklmnopqrstu")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "read_transcripts", explode)
    report = ingest([corpus], workspace=workspace, embedder=embedder)
    assert report.count("added") == 1
    message = _messages(report)["bad.md"]
    assert message.startswith("cannot read (KeyError") and "abcdefghijklmnopqrstu" not in message


def test_a_zip_bomb_xlsx_is_refused_before_unpacking(tmp_path: Path, workspace: Workspace, embedder):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "xl/worksheets/sheet1.xml", " " * (300 * 1024 * 1024)
        )  # 60 MB of spaces, ~60 KB zipped
    corpus = tmp_path / "corpus"
    write(corpus / "good.md", GOOD)
    write(corpus / "bomb.xlsx", buffer.getvalue())
    report = ingest([corpus], workspace=workspace, embedder=embedder, options=IngestOptions(max_file_mb=1))
    assert report.count("added") == 1
    assert "possible zip bomb" in _messages(report)["bomb.xlsx"]
