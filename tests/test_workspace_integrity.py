"""Workspace integrity: one writer at a time, lost vectors repaired, content keys, --prune, read-only status."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import INTERVIEW, ROOT, write

from icp_assist.cli import cli
from icp_assist.config import forget_command
from icp_assist.errors import StoreError
from icp_assist.ingest import IngestOptions, ingest
from icp_assist.ingest.chunks import chunk_document
from icp_assist.store import Workspace
from icp_assist.vectors import chroma_client

OTHER = INTERVIEW.replace("ACC-001", "ACC-002").replace("drowning in spreadsheets", "buried in paper")


def _consistent(ws: Workspace) -> None:
    status = ws.status()
    assert status["chunks_without_vectors"] == 0 and status["vectors"] == status["chunks"]


def test_a_second_writer_waits_then_fails_clearly_while_readers_go_on(tmp_path: Path, embedder, monkeypatch):
    folder = tmp_path / "ws"
    Workspace(folder, embedding_name=embedder.name).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from icp_assist.store import WriterLock;"
         f"WriterLock.acquire(Path({str(folder)!r})); print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("ICP_ASSIST_LOCK_TIMEOUT", "0.5")
        with pytest.raises(
            StoreError, match=rf"being written by icp-assist pid {holder.pid}; one command writes"
        ):
            Workspace(folder, embedding_name=embedder.name)
        with Workspace(folder, embedding_name=embedder.name, read_only=True) as reader:
            assert reader.status()["chunks"] == 0
    finally:
        holder.communicate("", timeout=30)
    Workspace(folder, embedding_name=embedder.name).close()  # the lock is free once the writer ends


def test_lost_vectors_are_reported_and_repaired(tmp_path: Path, workspace: Workspace, embedder):
    ingest(
        [write(tmp_path / "a.md", INTERVIEW), write(tmp_path / "b.md", OTHER)],
        workspace=workspace,
        embedder=embedder,
    )
    ids = sorted(workspace.vector_ids())
    workspace.collection.delete(ids=ids[:3])
    assert workspace.status()["chunks_without_vectors"] == 3
    report = ingest([tmp_path / "a.md"], workspace=workspace, embedder=embedder)
    assert report.count("unchanged") == 1 and report.vectors_repaired == 3
    _consistent(workspace)
    assert workspace.vector_ids() == set(ids)


def test_a_deleted_chroma_folder_is_rebuilt_by_ingest(tmp_path: Path, embedder):
    import chromadb.api.client

    folder = tmp_path / "ws"
    with Workspace(folder, embedding_name=embedder.name) as ws:
        ingest([write(tmp_path / "a.md", INTERVIEW)], workspace=ws, embedder=embedder)
        chunks = ws.status()["chunks"]
    shutil.rmtree(folder / "chroma")
    chromadb.api.client.SharedSystemClient.clear_system_cache()
    with Workspace(folder, embedding_name=embedder.name, read_only=True) as reader:
        assert reader.status()["chunks_without_vectors"] == chunks
    with Workspace(folder, embedding_name=embedder.name) as ws:
        assert ingest([], workspace=ws, embedder=embedder).vectors_repaired == chunks
        _consistent(ws)


def test_a_moved_corpus_adds_nothing_and_keeps_its_vectors(tmp_path: Path, workspace: Workspace, embedder):
    first = tmp_path / "first"
    write(first / "a.md", INTERVIEW)
    write(first / "b.md", OTHER)
    ingest([first], workspace=workspace, embedder=embedder)
    before = workspace.status()
    moved = tmp_path / "renamed"
    first.rename(moved)
    report = ingest([moved], workspace=workspace, embedder=embedder)
    assert report.count("moved") == 2 and report.chunks_embedded == 0 and not report.gone
    after = workspace.status()
    assert after["interviews"] == before["interviews"] == 2 and after["chunks"] == before["chunks"]
    assert {d.source for d in workspace.documents()} == {
        str(moved.resolve() / "a.md"),
        str(moved.resolve() / "b.md"),
    }
    _consistent(workspace)


def _as_older_versions_stored_it(ws: Workspace) -> list[list[float]]:
    """Rewrite the store as versions before 2026-11-29 wrote it: chunk texts and the document's fields in
    Chroma; returns its vectors, sorted."""
    chunks = {c.chunk_id: (d, c) for d in ws.documents() for c in chunk_document(d)}
    ids = sorted(chunks)
    vectors = ws.collection.get(ids=ids, include=["embeddings"])["embeddings"]
    ws.collection.upsert(
        ids=ids,
        embeddings=vectors,
        documents=[chunks[i][1].text for i in ids],
        metadatas=[
            {"doc_id": chunks[i][0].doc_id, "kind": "interview", "account_id": "ACC-001"} for i in ids
        ],
    )
    return sorted(np.asarray(vectors).tolist())


def test_a_store_written_with_chunk_texts_in_chroma_still_moves_and_links(
    tmp_path: Path, workspace: Workspace, embedder
):
    ingest([write(tmp_path / "first" / "a.md", INTERVIEW)], workspace=workspace, embedder=embedder)
    vectors = _as_older_versions_stored_it(workspace)
    (tmp_path / "first").rename(tmp_path / "renamed")
    report = ingest([tmp_path / "renamed"], workspace=workspace, embedder=embedder)
    assert report.count("moved") == 1 and report.chunks_embedded == 0
    assert (
        sorted(np.asarray(workspace.collection.get(include=["embeddings"])["embeddings"]).tolist()) == vectors
    )
    _consistent(workspace)
    _as_older_versions_stored_it(workspace)
    document = next(workspace.documents())
    assert workspace.set_document_accounts({document.doc_id: "ACC-7"}) == 1
    stored = workspace.collection.get(include=["metadatas"])["metadatas"]
    assert {m["account_id"] for m in stored} == {"ACC-7"}  # an older store's metadata stays true


def test_a_copy_of_an_ingested_file_is_not_counted_twice(tmp_path: Path, workspace: Workspace, embedder):
    ingest([write(tmp_path / "a.md", INTERVIEW)], workspace=workspace, embedder=embedder)
    report = ingest([write(tmp_path / "copy" / "a.md", INTERVIEW)], workspace=workspace, embedder=embedder)
    assert report.files[0].status == "unchanged"
    assert "already ingested: not counted twice" in report.files[0].warnings[0]
    assert workspace.status()["interviews"] == 1


def test_prune_removes_sources_whose_files_are_gone(tmp_path: Path, workspace: Workspace, embedder):
    keep, drop = write(tmp_path / "c" / "a.md", INTERVIEW), write(tmp_path / "c" / "b.md", OTHER)
    ingest([tmp_path / "c"], workspace=workspace, embedder=embedder)
    drop.unlink()
    report = ingest([keep], workspace=workspace, embedder=embedder)
    assert report.gone == [str(drop.resolve())] and workspace.status()["interviews"] == 2
    report = ingest([keep], workspace=workspace, embedder=embedder, options=IngestOptions(prune=True))
    assert report.pruned == [str(drop.resolve())] and not report.gone
    assert workspace.status()["interviews"] == 1
    _consistent(workspace)


def test_the_same_account_in_two_crm_files_is_a_warning(tmp_path: Path, workspace: Workspace, embedder):
    header = "Account ID,Company,Industry,Employees,Outcome\n"
    write(tmp_path / "q1.csv", header + "A-1,Acme,Retail,120,won\nA-2,Bolt,Retail,80,lost\n")
    write(tmp_path / "q2.csv", header + "A-1,Acme Corp,Retail,130,churned\n")
    report = ingest([tmp_path / "q1.csv", tmp_path / "q2.csv"], workspace=workspace, embedder=embedder)
    warnings = [w for f in report.files for w in f.warnings]
    assert any("account A-1 is also in" in w and "q1.csv" in w for w in warnings), warnings


def test_status_is_read_only_and_a_corrupt_database_is_one_line(tmp_path: Path, embedder):
    folder = tmp_path / "ws"
    with Workspace(folder, embedding_name=embedder.name) as ws:
        ingest([write(tmp_path / "a.md", INTERVIEW)], workspace=ws, embedder=embedder)

    def written() -> dict[Path, int]:  # SQLite may add its -wal/-shm lock files beside a read-only reader
        return {
            p: p.stat().st_mtime_ns
            for p in folder.rglob("*")
            if p.is_file() and p.suffix[-4:] not in ("-wal", "-shm")
        }

    files = written()
    result = CliRunner().invoke(cli, ["status", "--workspace", str(folder)])
    assert result.exit_code == 0, result.output
    assert written() == files
    with (
        Workspace(folder, embedding_name=embedder.name, read_only=True) as reader,
        pytest.raises(Exception, match="readonly"),
    ):
        reader.db.execute("DELETE FROM sources")
    (folder / "records.sqlite3").write_bytes(b"this is not a database" * 100)
    for command in (["status"], ["ingest", str(tmp_path / "a.md")]):
        result = CliRunner().invoke(cli, [*command, "--workspace", str(folder)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "records.sqlite3 is damaged" in result.output, result.output


def test_an_unwritable_out_folder_is_one_line(tmp_path: Path):
    icp = write(tmp_path / "icp.json", '{"version": 1}')
    leads = write(tmp_path / "leads.csv", "Company,Industry\nAcme,Retail\n")
    blocker = write(tmp_path / "blocker", "a file, not a folder")
    result = CliRunner().invoke(
        cli, ["score", str(leads), "--icp", str(icp), "--out", str(blocker / "x.csv")]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output and result.exception is not None


def test_a_copy_outside_its_manifest_folder_is_still_the_same_interview(
    tmp_path: Path, workspace: Workspace, embedder
):
    body = INTERVIEW.split("---\n", 2)[2]  # no front matter: the manifest gives the metadata
    write(tmp_path / "calls" / "manifest.csv", "file,account_id,segment\na.md,ACC-9,smb\n")
    write(tmp_path / "calls" / "a.md", body)
    ingest([tmp_path / "calls"], workspace=workspace, embedder=embedder)
    report = ingest([write(tmp_path / "elsewhere" / "a.md", body)], workspace=workspace, embedder=embedder)
    assert report.files[0].status == "unchanged" and "not counted twice" in report.files[0].warnings[0]
    assert workspace.status()["interviews"] == 1


def test_a_manifest_in_a_folder_above_names_its_files_by_their_path_from_there(
    tmp_path: Path, workspace: Workspace, embedder
):
    # qa55: one manifest in calls/ for the files of calls/gong/ and calls/otter/ was ignored, silently
    body = INTERVIEW.split("---\n", 2)[2]
    write(
        tmp_path / "calls" / "interviews_manifest.csv",
        "file,account_id,segment\ngong/a.md,ACC-9,smb\nb.md,ACC-7,mid\n",
    )
    write(tmp_path / "calls" / "gong" / "a.md", body)
    write(tmp_path / "calls" / "otter" / "b.md", body.replace("Tallybook", "Ledgerly"))
    report = ingest([tmp_path / "calls"], workspace=workspace, embedder=embedder)
    by_name = {Path(d.source).name: d for d in workspace.documents()}
    assert by_name["a.md"].account_id == "ACC-9" and by_name["a.md"].metadata["segment"] == "smb"
    assert by_name["b.md"].account_id == "ACC-7"  # named by file name alone
    assert any("read with the manifest in" in n for f in report.files for n in f.notes)


def test_status_still_shows_the_records_when_chroma_cannot_be_opened(
    tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch
):
    import icp_assist.store as store

    folder = tmp_path / "ws"
    with Workspace(folder, embedding_name=embedder.name) as ws:
        ingest([write(tmp_path / "a.md", INTERVIEW)], workspace=ws, embedder=embedder)

    def read_only_chroma(*args: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(store, "chroma_client", read_only_chroma)
    result = CliRunner().invoke(cli, ["status", "--workspace", str(folder)])
    assert result.exit_code == 0, result.output
    assert "interviews      1" in result.output and "cannot be opened read-only" in result.output


def test_a_new_store_gets_the_cheaper_index_and_an_older_one_keeps_its_own(tmp_path: Path, embedder):
    with Workspace(tmp_path / "new", embedding_name=embedder.name) as ws:
        hnsw = ws.collection.configuration["hnsw"]
        assert (hnsw["space"], hnsw["ef_construction"], hnsw["ef_search"]) == ("cosine", 60, 200)
    with Workspace(tmp_path / "old", embedding_name=embedder.name) as ws:
        client = chroma_client(ws.path, None)
        client.create_collection(
            ws._collection_name(), embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        ingest([write(tmp_path / "a.md", INTERVIEW)], workspace=ws, embedder=embedder)
        hnsw = ws.collection.configuration["hnsw"]
        assert (hnsw["space"], hnsw["ef_construction"], hnsw["ef_search"]) == ("cosine", 100, 100)
        _consistent(ws)


def test_a_quarterly_re_export_gives_one_line_not_one_per_account(
    tmp_path: Path, workspace: Workspace, embedder
):
    # qa12: a re-exported CRM printed 100 near-identical warnings, one per account
    header = "Account ID,Company,Industry,Employees,Outcome\n"
    rows = "".join(f"A-{n},Firm {n},Retail,{100 + n},won\n" for n in range(10))
    write(tmp_path / "q1.csv", header + rows)
    write(
        tmp_path / "q2.csv",
        header + rows.replace("A-3,Firm 3,Retail,103,won", "A-3,Firm 3,Retail,103,churned"),
    )
    report = ingest([tmp_path / "q1.csv", tmp_path / "q2.csv"], workspace=workspace, embedder=embedder)
    warnings = [w for f in report.files for w in f.warnings if "also in" in w]
    assert len(warnings) == 1, warnings
    assert (
        warnings[0].startswith("10 accounts A-0, A-1, A-2 and 7 more are also in") and "forget" in warnings[0]
    )


def test_a_survey_re_exported_beside_the_old_export_says_its_respondents_count_twice(
    tmp_path: Path, workspace: Workspace, embedder, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("ICP_ASSIST_WORKSPACE")  # the workspace is named on the command line, as qa317's was
    # qa275, qa277: the grown export saved to a new folder and ingested counted every earlier respondent again,
    # with no word said
    header = "Respondent ID,What made you start looking for a new tool?\n"
    rows = [f"{n},Our old spreadsheet broke when we passed {n * 10} orders a week\n" for n in range(1, 9)]
    ingest(
        [write(tmp_path / "june" / "survey.csv", header + "".join(rows))],
        workspace=workspace,
        embedder=embedder,
    )
    later = header + "".join(rows) + "9,We opened a second warehouse and lost track of stock\n"
    report = ingest([write(tmp_path / "july" / "survey.csv", later)], workspace=workspace, embedder=embedder)
    assert report.files[0].status == "added"
    assert any(
        "8 of its 9 respondents answer word for word as respondents of" in w
        and "count twice" in w
        and "forget" in w
        for w in report.files[0].warnings
    ), report.files[0].warnings
    june_file, july_file = (str((tmp_path / month / "survey.csv").resolve()) for month in ("june", "july"))
    # (the workspace named, as the command must be typed where ingest ran: qa317, "no workspace at .icp-assist")
    assert forget_command(workspace.path, june_file) in " ".join(report.files[0].warnings)
    assert f"icp-assist forget --workspace {workspace.path} {june_file}" in " ".join(report.files[0].warnings)
    # qa305: the old export forgotten, then ingested again (still in its folder), was told to forget the newer one
    workspace.remove_source(june_file)
    report = ingest([tmp_path / "june" / "survey.csv"], workspace=workspace, embedder=embedder)
    advice = " ".join(report.files[0].warnings)
    assert forget_command(workspace.path, june_file) in advice, advice
    assert forget_command(workspace.path, july_file) not in advice, advice
    # a survey of other people's answers says nothing of the kind
    other = header + "".join(f"{n},A different answer about invoices number {n} here\n" for n in range(1, 9))
    report = ingest([write(tmp_path / "other" / "survey.csv", other)], workspace=workspace, embedder=embedder)
    assert not any("count twice" in w for w in report.files[0].warnings)
    # qa283: a build on both exports said nothing of it, and its page counted "77 survey respondents" of 68
    from icp_assist.analyze import surveys_repeated

    (said,) = surveys_repeated(list(workspace.documents()), workspace.path)
    june, july = (str((tmp_path / month / "survey.csv").resolve()) for month in ("june", "july"))
    assert said.startswith(f"8 of the 8 respondents of {june} are repeated word for word in {july}"), said
    assert said.endswith(forget_command(workspace.path, june))


def test_the_forget_command_advised_names_the_workspace_unless_a_command_finds_it_by_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # qa317: the advice printed after `ingest --workspace W` failed as printed ("no workspace at .icp-assist")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ICP_ASSIST_WORKSPACE", raising=False)
    assert forget_command(Path(".icp-assist"), "q3 survey.csv") == "icp-assist forget 'q3 survey.csv'"
    assert forget_command(tmp_path / ".icp-assist", "s.csv") == "icp-assist forget s.csv"
    assert (
        forget_command(tmp_path / "ws", "s.csv") == f"icp-assist forget --workspace {tmp_path / 'ws'} s.csv"
    )
    monkeypatch.setenv("ICP_ASSIST_WORKSPACE", str(tmp_path / "ws"))
    assert forget_command(tmp_path / "ws", "s.csv") == "icp-assist forget s.csv"
