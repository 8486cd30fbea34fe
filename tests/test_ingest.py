"""Ingest into a real workspace: idempotence, replacement, interrupted runs and bad input losing nothing."""

from __future__ import annotations

import codecs
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import INTERVIEW, write

from icp_assist.build import build_profile
from icp_assist.cli import cli
from icp_assist.ingest import IngestOptions, SurveyColumns, ingest
from icp_assist.ingest.chunks import chunk_document, split_span
from icp_assist.store import Workspace

SURVEY = "id,role,Why did you buy Tallybook?\n1,CFO,Our close took twelve days and the auditors were unhappy\n2,AP,invoices kept getting lost between email threads\n"
CRM = "Account ID,Stage,Employees\nACC-001,Closed Won,450\nACC-002,Churned,30\n"


def corpus(folder: Path) -> Path:
    write(folder / "interviews" / "brightline.txt", INTERVIEW)
    write(folder / "survey.csv", SURVEY)
    write(folder / "crm.csv", CRM)
    return folder


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path, workspace: Workspace, embedder):
    folder = corpus(tmp_path / "in")
    first = ingest([folder], workspace=workspace, embedder=embedder)
    assert first.count("added") == 3 and not first.failed
    before = workspace.status()
    assert before["interviews"] == 1 and before["customer_turns"] == 2 and before["survey_answers"] == 2
    assert before["accounts"] == 2 and before["linked_documents"] == 1
    assert before["vectors"] == before["chunks"] == 6
    second = ingest([folder], workspace=workspace, embedder=embedder)
    assert second.count("unchanged") == 3 and second.chunks_embedded == 0
    assert workspace.status() == before


def test_files_are_read_again_once_the_readers_change(
    tmp_path: Path, workspace: Workspace, embedder, monkeypatch: pytest.MonkeyPatch
):
    # a reader's fix (a notes quote, a survey's company column) reached no workspace ingested before it: unchanged
    # files were skipped
    import icp_assist.ingest as ingest_module

    folder = corpus(tmp_path / "in")
    ingest([folder], workspace=workspace, embedder=embedder)
    before = workspace.status()
    monkeypatch.setattr(ingest_module, "READERS_VERSION", ingest_module.READERS_VERSION + 1)
    again = ingest([folder], workspace=workspace, embedder=embedder)
    assert again.count("updated") == 3 and again.chunks_embedded == 0  # read again; vectors kept
    assert workspace.status() == before


def test_changed_file_replaces_its_chunks(tmp_path: Path, workspace: Workspace, embedder):
    path = write(tmp_path / "in" / "a.txt", INTERVIEW)
    ingest([path], workspace=workspace, embedder=embedder)
    old_ids = set(workspace.collection.get(include=[])["ids"])
    write(path, INTERVIEW.replace("eleven days", "nine days"))
    report = ingest([path], workspace=workspace, embedder=embedder)
    assert report.count("updated") == 1
    new_ids = set(workspace.collection.get(include=[])["ids"])
    assert len(new_ids) == 4 and new_ids != old_ids
    recorded = [c for d in workspace.documents() for c in chunk_document(d)]
    assert {c.chunk_id for c in recorded} == new_ids
    assert any("nine days" in c.text for c in recorded) and not any("eleven days" in c.text for c in recorded)


def test_a_survey_export_with_new_rows_embeds_only_their_answers(
    tmp_path: Path, workspace: Workspace, embedder
):
    # A survey re-exported a week later holds the same answers plus a few new ones: only those are embedded, and
    # the rest keep the very vectors they had.
    path = write(tmp_path / "s.csv", SURVEY)
    ingest([path], workspace=workspace, embedder=embedder)
    before = workspace.stored_vectors(sorted(workspace.chunk_ids_of_source(str(path))))
    write(path, SURVEY + "3,Controller,Month-end meant chasing approvals across three offices\n")
    report = ingest([path], workspace=workspace, embedder=embedder)
    assert report.count("updated") == 1 and report.chunks_embedded == 1
    assert "2 unchanged chunks kept their vectors" in report.files[0].message
    after = workspace.stored_vectors(sorted(workspace.chunk_ids_of_source(str(path))))
    assert set(after) == {*before, "Month-end meant chasing approvals across three offices"}
    # the vectors read back (Chroma keeps cosine vectors normalised, so the last bit can move)
    assert all(np.allclose(after[text], vector, atol=1e-6) for text, vector in before.items())
    assert workspace.status()["vectors"] == workspace.status()["chunks"] == 3


def test_options_are_part_of_the_content_hash(tmp_path: Path, workspace: Workspace, embedder):
    path = write(tmp_path / "s.csv", SURVEY)
    ingest([path], workspace=workspace, embedder=embedder)
    report = ingest([path], workspace=workspace, embedder=embedder, options=IngestOptions(kind="survey"))
    assert report.count("updated") == 0 and report.count("unchanged") == 1  # same reading, same hash
    report = ingest([path], workspace=workspace, embedder=embedder, options=IngestOptions(encoding="utf-8"))
    assert report.count("updated") == 1


def test_interrupted_write_keeps_the_earlier_state(
    tmp_path: Path, workspace: Workspace, embedder, monkeypatch
):
    path = write(tmp_path / "a.txt", INTERVIEW)
    ingest([path], workspace=workspace, embedder=embedder)
    before = workspace.status()
    write(path, INTERVIEW.replace("eleven days", "nine days"))

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(workspace, "_insert_documents", crash)  # after the new vectors, inside the commit
    with pytest.raises(KeyboardInterrupt):
        ingest([path], workspace=workspace, embedder=embedder)
    monkeypatch.undo()
    after = workspace.status()
    assert {k: after[k] for k in after if k != "vectors"} == {k: before[k] for k in before if k != "vectors"}
    uncommitted = after["vectors"] - before["vectors"]
    assert uncommitted == 3  # the changed turn and the two after it (shifted offsets) are still in Chroma ...
    report = ingest([path], workspace=workspace, embedder=embedder)  # ... until the next run sweeps them
    assert report.orphans_removed == uncommitted and report.count("updated") == 1
    assert workspace.status()["vectors"] == workspace.status()["chunks"] == 4


def test_a_survey_column_named_for_a_folder_leaves_its_crm_export_alone(tmp_path: Path, embedder):
    result = CliRunner().invoke(
        cli,
        ["ingest", str(corpus(tmp_path / "in")), "-w", str(tmp_path / "ws"), "--open-column", "Why did you buy Tallybook?"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "crm.csv (accounts: 2 accounts)" in result.output and "survey: 2 respondents" in result.output


def test_a_workspace_inside_the_ingested_folder_is_not_read_as_input(tmp_path: Path, embedder):
    folder = corpus(tmp_path / "in")
    with Workspace(folder / "ws", embedding_name=embedder.name) as ws:
        for _ in range(2):  # the second time its store is on disk beside the inputs
            report = ingest([folder], workspace=ws, embedder=embedder)
            assert not report.failed, [(f.path, f.message) for f in report.failed]
            assert any("the workspace this ingest writes to" in w for w in report.warnings)


def test_workspace_reopens_from_disk(tmp_path: Path, embedder):
    ws = Workspace(tmp_path / "ws", embedding_name=embedder.name)
    ingest([write(tmp_path / "a.txt", INTERVIEW)], workspace=ws, embedder=embedder)
    ws.close()
    again = Workspace(tmp_path / "ws", embedding_name=embedder.name)
    doc = next(again.documents(kind="interview"))
    assert [doc.turn_text(t) for t in doc.turns if t.is_customer][1].startswith("Our CFO signed off")
    assert again.status()["vectors"] == 4
    again.close()


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"  \n", "file is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
    "slides.pdf": (b"%PDF-1.4", "unsupported file type '.pdf'"),
    "latin1.txt": (
        "Q: Où?\nA: À Montréal, café et crème brûlée.\n".encode("cp1252"),
        "cannot decode as utf-8",
    ),
    "broken.csv": (b'id,Why?\n1,"never closed\n', "malformed CSV"),
    "closed.csv": (b"id,size,nps\n1,50-199,9\n2,5000+,3\n", "no open-ended text column"),
    "monologue.txt": (b"We bought it for the approvals.\nIt worked.\n", "no speaker turns"),
}


def test_each_bad_file_gets_a_message_and_the_rest_still_ingest(
    tmp_path: Path, workspace: Workspace, embedder
):
    folder = corpus(tmp_path / "in")
    for name, (content, _) in BAD_FILES.items():
        write(folder / "bad" / name, content)
    report = ingest([folder], workspace=workspace, embedder=embedder)
    failures = {Path(f.path).name: f.message for f in report.failed}
    assert set(failures) == set(BAD_FILES)
    for name, (_, message) in BAD_FILES.items():
        assert message in failures[name], (name, failures[name])
        assert "\n" not in failures[name]
    assert report.count("added") == 3
    assert workspace.status()["interviews"] == 1 and workspace.status()["accounts"] == 2


def test_encoding_hint_and_override(tmp_path: Path, workspace: Workspace, embedder):
    path = write(tmp_path / "latin1.txt", BAD_FILES["latin1.txt"][0] * 20)
    report = ingest([path], workspace=workspace, embedder=embedder)
    assert "--encoding" in report.failed[0].message
    report = ingest([path], workspace=workspace, embedder=embedder, options=IngestOptions(encoding="cp1252"))
    assert report.count("added") == 1
    doc = next(workspace.documents())
    assert "crème brûlée" in doc.turn_text(doc.turns[1])


def test_utf16_and_bom_files_decode(tmp_path: Path, workspace: Workspace, embedder):
    write(tmp_path / "u16.txt", codecs.BOM_UTF16_LE + INTERVIEW.encode("utf-16-le"))
    write(tmp_path / "bom.txt", codecs.BOM_UTF8 + INTERVIEW.encode())
    # and UTF-16 written without its byte-order mark, either way round (it was refused as binary, and --encoding
    # could not rescue it)
    write(tmp_path / "le.txt", INTERVIEW.encode("utf-16-le"))
    write(tmp_path / "be.txt", INTERVIEW.encode("utf-16-be"))
    report = ingest([tmp_path], workspace=workspace, embedder=embedder)
    assert report.count("added") == 4, [f.message for f in report.failed]
    texts = {Path(d.source).name: d.text for d in workspace.documents()}
    assert all("drowning in spreadsheets" in texts[name] for name in ("le.txt", "be.txt")), texts


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path, workspace: Workspace, embedder):
    big = tmp_path / "huge.csv"
    with big.open("wb") as handle:
        handle.write(b"id,Why did you buy?\n")
        handle.truncate(50 * 1024 * 1024)
    report = ingest([big, write(tmp_path / "a.txt", INTERVIEW)], workspace=workspace, embedder=embedder)
    assert "50.0 MB, over the 25 MB limit" in report.failed[0].message
    assert report.count("added") == 1


def test_ignore_file_and_default_ignores(tmp_path: Path, workspace: Workspace, embedder):
    folder = corpus(tmp_path / "in")
    write(folder / "README.md", "# About this folder\n")
    write(folder / "key.json", '{"themes": {}}')
    write(folder / ".icpignore", "# not data\nkey.json\n")
    report = ingest([folder], workspace=workspace, embedder=embedder)
    assert not report.failed and report.count("added") == 3


def test_an_ignore_line_ending_in_a_slash_names_a_folder_and_a_line_that_leaves_nothing_out_is_said(
    tmp_path: Path, workspace: Workspace, embedder
):
    # qa297: "leads/", written as in a .gitignore, matched nothing and the leads came back as 13 accounts, unsaid
    folder = corpus(tmp_path / "in")
    write(folder / "leads" / "prospects.csv", "Company,Employees\nAcme,40\n")
    write(folder / ".icpignore", "leads/\nold-survey.csv\n")
    report = ingest([folder], workspace=workspace, embedder=embedder)
    assert not report.failed and report.count("added") == 3  # the corpus alone
    assert not any("prospects" in f.path for f in report.files)
    (note,) = [w for w in report.warnings if "old-survey.csv" in w]
    assert ".icpignore" in note and "matches no file or folder below it" in note
    assert not any("'leads/'" in w for w in report.warnings)
    from icp_assist.ingest.files import Pattern

    assert Pattern("leads/").matches("leads", True) and not Pattern("leads/").matches("leads", False)
    assert Pattern("*.csv").matches("a.csv", False) and Pattern("leads").matches("leads", True)


def test_cli_exit_code_and_one_line_per_failure(tmp_path: Path):
    folder = corpus(tmp_path / "in")
    write(folder / "empty.txt", "")
    result = CliRunner().invoke(cli, ["ingest", str(folder)])
    assert result.exit_code == 1
    assert f"error: {folder / 'empty.txt'}: file is empty" in result.output
    assert "3 added, 1 failed" in result.output
    status = CliRunner().invoke(cli, ["status", "--json"])
    assert status.exit_code == 0 and '"interviews": 1' in status.output


def test_ingest_again_does_not_repeat_what_reading_the_unchanged_files_said(tmp_path: Path):
    # qa289, qa290: a second ingest printed again every note and warning of its eleven unchanged files, and the
    # three that changed were hard to find among them
    folder = corpus(tmp_path / "in")
    ws = str(tmp_path / "ws")
    first = CliRunner().invoke(cli, ["ingest", str(folder), "-w", ws])
    assert first.exit_code == 0 and f"note: {folder / 'crm.csv'}: columns read" in first.output
    write(folder / "interviews" / "second.txt", INTERVIEW.replace("Brightline", "Northwind"))
    again = CliRunner().invoke(cli, ["ingest", str(folder), "-w", ws])
    assert again.exit_code == 0 and "1 added, 3 unchanged" in again.output
    assert f"{folder / 'crm.csv'}" not in again.output
    assert re.search(
        r"\(\d+ notes and warnings of 2 unchanged files, given when they were read, are not repeated\)",
        again.output,
    )


def test_status_of_missing_workspace_is_a_clean_error(tmp_path: Path):
    result = CliRunner().invoke(cli, ["status", "--workspace", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "run 'icp-assist ingest PATH' first" in result.output


def test_long_turns_split_between_sentences():
    text = " ".join(f"Sentence number {i} says something about invoices." for i in range(60))
    pieces = split_span(text, 0, len(text), limit=200)
    assert len(pieces) > 5
    assert all(b - a <= 200 for a, b in pieces)
    assert " ".join(text[a:b] for a, b in pieces) == text


def test_a_table_ingested_with_kind_accounts_stays_accounts_when_ingested_again(
    tmp_path: Path, workspace: Workspace, embedder
):
    # a customer list whose free-text 'Notes' make the guess a survey: the user said --kind accounts
    path = write(
        tmp_path / "in" / "customers.csv",
        "Company,Notes\nAcme Ltd,Renewal call went well and they asked about the API\n"
        "Bolt GmbH,Asked for a discount on the second year of the plan\n",
    )
    first = ingest([path], workspace=workspace, embedder=embedder, options=IngestOptions(kind="accounts"))
    assert first.files[0].kind == "accounts" and workspace.status()["accounts"] == 2
    again = ingest([path.parent], workspace=workspace, embedder=embedder)
    assert again.files[0].status == "unchanged" and again.files[0].kind == "accounts"
    # the --kind it was ingested with is reused, and said (a store from before kept flags says "unchanged, so
    # kept as accounts")
    assert again.files[0].notes[0] == "reusing the options this file was ingested with: --kind accounts"
    # a customer list without outcomes says it teaches nothing, when it is read; read again unchanged, not again
    (no_outcome,) = first.files[0].warnings
    assert no_outcome.startswith("no outcome column found: its 2 accounts have no outcome")
    assert again.files[0].warnings == [] and again.files[0].said_before >= 1
    assert workspace.status()["accounts"] == 2
    # an explicit other kind replaces it, and says so
    survey = ingest([path], workspace=workspace, embedder=embedder, options=IngestOptions(kind="survey"))
    assert survey.files[0].status == "updated"
    assert any("was ingested as accounts, now read as survey" in w for w in survey.files[0].warnings)


def test_a_map_flag_on_a_file_read_as_a_survey_says_it_changed_nothing(tmp_path: Path, embedder):
    folder = corpus(tmp_path / "in")
    result = CliRunner().invoke(
        cli,
        ["ingest", str(folder / "survey.csv"), "-w", str(tmp_path / "ws"), "--map", "industry=Why did you buy Tallybook?"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "--map industry='Why did you buy Tallybook?' changed nothing: this file is read as a survey"
        in result.output
    )


def test_a_cp1252_file_is_not_sent_to_cp1250(tmp_path: Path, workspace: Workspace, embedder):
    text = (
        "Sam: How did the rollout go?\n"
        "Karen: The señora Muñoz at the front desk said it was très compliqué … nobody liked it.\n"
        "Sam: Thanks.\n"
    )
    path = write(tmp_path / "excel-notes.txt", text.encode("cp1252"))
    message = ingest([path], workspace=workspace, embedder=embedder).failed[0].message
    assert "re-run with --encoding cp1252" in message, message
    assert "'señora' with cp1252, 'seńora' with cp1250" in message  # the detector's guess, shown honestly
    report = ingest([path], workspace=workspace, embedder=embedder, options=IngestOptions(encoding="cp1252"))
    doc = next(workspace.documents())
    assert report.count("added") == 1 and "señora Muñoz" in doc.text and "très" in doc.text


def test_a_folder_holding_earlier_outputs_does_not_read_them_as_evidence(
    tmp_path: Path, workspace: Workspace, embedder
):
    folder = corpus(tmp_path / "in")
    # two respondents with the same pain, so the build has a theme to write
    write(
        folder / "survey.csv", SURVEY.replace("Why did you buy Tallybook?", "What problem were you solving?")
    )
    ingest([folder], workspace=workspace, embedder=embedder)
    out = folder / "out"
    build_profile(workspace, embedder, out_dir=out)
    scored = CliRunner().invoke(
        cli,
        [
            "score",
            str(folder / "crm.csv"),
            "--icp",
            str(out / "icp.json"),
            "--out",
            str(out / "leads-scored.csv"),
        ],
    )
    assert scored.exit_code == 0, scored.output
    shutil.copy(out / "profile.md", folder / "interviews" / "acme-notes.md")  # told by content, not by name
    shutil.copy(out / "themes.json", folder / "interviews" / "call.json")
    before = workspace.status()
    report = ingest([folder], workspace=workspace, embedder=embedder)
    skipped = {Path(f.path).name: f.notes for f in report.files if f.status == "skipped"}
    assert set(skipped) == {
        "profile.md", "profile.html", "icp.json", "themes.json", "personas.json", "signals.json",
        "leads-scored.csv", "acme-notes.md", "call.json",
    }  # fmt: skip
    assert skipped["profile.md"] == [
        "skipped: the one-page profile (profile.md), written by icp-assist: not customer evidence"
    ]
    assert not report.failed and report.count("unchanged") == 3 and report.count("added") == 0
    assert workspace.status() == before


def test_status_counts_accounts_with_only_an_open_deal_as_open_not_unknown(
    tmp_path: Path, workspace: Workspace, embedder
):
    crm = "Record ID,Company name,Lifecycle Stage\n1,Acme,Customer\n2,Birch,Opportunity\n3,Cedar,\n4,Dune,Former customer\n"
    ingest([write(tmp_path / "hubspot.csv", crm)], workspace=workspace, embedder=embedder)
    assert workspace.status()["accounts_by_outcome"] == {"active": 1, "open": 1, "unknown": 1, "churned": 1}


def test_a_plain_ingest_reuses_the_flags_each_file_was_ingested_with(
    tmp_path: Path, workspace: Workspace, embedder
):
    folder = corpus(tmp_path / "in")
    crm = write(folder / "crm.csv", CRM + "ACC-003,Gone quiet,12\n")
    survey = folder / "survey.csv"
    ingest(
        [crm],
        workspace=workspace,
        embedder=embedder,
        options=IngestOptions(outcomes={"gone quiet": "churned"}),
    )
    columns = SurveyColumns(open=["Why did you buy Tallybook?", "role"])
    ingest([survey], workspace=workspace, embedder=embedder, options=IngestOptions(survey_columns=columns))
    before = workspace.status()
    assert before["accounts_by_outcome"].get("churned") == 2 and before["survey_answers"] == 4
    again = ingest([folder], workspace=workspace, embedder=embedder)  # no flags: each file's own are reused
    assert {f.path.rsplit("/", 1)[-1]: f.status for f in again.files} == {
        "brightline.txt": "added", "crm.csv": "unchanged", "survey.csv": "unchanged",
    }  # fmt: skip
    notes = {f.path.rsplit("/", 1)[-1]: f.notes for f in again.files}
    assert (
        "reusing the options this file was ingested with: --outcome 'gone quiet=churned'" in notes["crm.csv"]
    )
    assert (
        "reusing the options this file was ingested with: --open-column 'Why did you buy Tallybook?', "
        "--open-column 'role'" in notes["survey.csv"]
    )
    after = workspace.status()
    assert after["accounts_by_outcome"] == before["accounts_by_outcome"] and after["survey_answers"] == 4
    # a flag given explicitly replaces the one kept, says so, and is kept in its place
    other = ingest(
        [crm], workspace=workspace, embedder=embedder, options=IngestOptions(outcomes={"gone quiet": "lost"})
    )
    assert other.files[0].status == "updated"
    assert other.files[0].notes[0] == (
        "the flags given replace those this file was ingested with: --outcome 'gone quiet=churned'"
    )
    assert workspace.reading_options()[str(crm.resolve())] == {"outcome": {"gone quiet": "lost"}}
    assert ingest([crm], workspace=workspace, embedder=embedder).files[0].status == "unchanged"
    workspace.remove_source(str(crm.resolve()))  # forgetting a file forgets its flags
    assert str(crm.resolve()) not in workspace.reading_options()


def test_a_kept_column_flag_the_changed_file_no_longer_has_is_dropped_and_said(
    tmp_path: Path, workspace: Workspace, embedder
):
    survey = write(tmp_path / "in" / "survey.csv", SURVEY)
    columns = SurveyColumns(open=["Why did you buy Tallybook?", "role"])
    ingest([survey], workspace=workspace, embedder=embedder, options=IngestOptions(survey_columns=columns))
    write(survey, SURVEY.replace("id,role,", "id,job,"))  # the next export renames the column
    again = ingest([survey], workspace=workspace, embedder=embedder)
    assert again.files[0].status == "updated", again.files[0].message
    assert (
        "dropped, as the file no longer has the column they name: --open-column 'role'"
        in again.files[0].notes
    )
    assert workspace.reading_options()[str(survey.resolve())] == {
        "open_column": ["Why did you buy Tallybook?"]
    }


def test_a_survey_column_named_as_the_company_links_its_respondents_and_is_kept(
    tmp_path: Path, workspace: Workspace, embedder
):
    # qa78, qa82: a company column the header's words did not name ("Where do you work these days?") linked no
    # respondent, and nothing could say which column it was
    folder = tmp_path / "in"
    crm = write(
        folder / "crm.csv",
        "Account Name,Stage\nBrightline Distribution,Closed Won\nNorthwind Health,Churned\n",
    )
    header = "id,Where do you spend your days?,Why did you buy Tallybook?\n"
    survey = write(
        folder / "survey.csv",
        header
        + "1,Brightline Distribution,Our close took twelve days\n2,Northwind Health,Invoices got lost\n",
    )
    ingest([crm], workspace=workspace, embedder=embedder)
    ingest([survey], workspace=workspace, embedder=embedder)
    assert workspace.status()["linked_documents"] == 0
    columns = SurveyColumns(company=["Where do you spend your days?"])
    named = ingest(
        [survey], workspace=workspace, embedder=embedder, options=IngestOptions(survey_columns=columns)
    )
    assert named.files[0].status == "updated" and workspace.status()["linked_documents"] == 2
    assert workspace.reading_options()[str(survey.resolve())] == {
        "company_column": ["Where do you spend your days?"]
    }
    again = ingest([survey], workspace=workspace, embedder=embedder)  # kept for the next ingest
    assert again.files[0].status == "unchanged" and workspace.status()["linked_documents"] == 2


def test_the_company_column_named_is_the_company_before_another_read_so(
    tmp_path: Path, workspace: Workspace, embedder
):
    # qa171: --company-column changed nothing while a column before it was also read as the company
    folder = tmp_path / "in"
    crm = write(folder / "crm.csv", "Account Name,Stage\nBrightline Distribution,Closed Won\n")
    survey = write(
        folder / "survey.csv",
        "id,Company,Where do you spend your days?,Why did you buy Tallybook?\n"
        "1,Ops,Brightline Distribution,Our close took twelve days\n",
    )
    columns = SurveyColumns(company=["Where do you spend your days?"])
    ingest(
        [crm, survey], workspace=workspace, embedder=embedder, options=IngestOptions(survey_columns=columns)
    )
    assert workspace.status()["linked_documents"] == 1


def test_status_counts_what_names_no_account_at_all(tmp_path: Path, workspace: Workspace, embedder):
    # qa87: a survey whose company question was not recognised left 34 respondents linked to nothing, and status
    # said nothing of them
    folder = tmp_path / "in"
    crm = write(folder / "crm.csv", "Account Name,Stage\nBrightline Distribution,Closed Won\n")
    survey = write(
        folder / "survey.csv",
        "id,Where do you spend your days?,Why did you buy Tallybook?\n1,Brightline Distribution,Our close took days\n"
        "2,Northwind Health,Invoices got lost\n",
    )
    ingest([crm, survey], workspace=workspace, embedder=embedder)
    assert workspace.status()["unnamed_documents"] == 2
    columns = SurveyColumns(company=["Where do you spend your days?"])
    ingest([survey], workspace=workspace, embedder=embedder, options=IngestOptions(survey_columns=columns))
    status = workspace.status()  # one linked, one naming a company the CRM does not have: no longer nameless
    assert (
        status["unnamed_documents"] == 0
        and status["linked_documents"] == 1
        and status["unlinked_documents"] == 1
    )
