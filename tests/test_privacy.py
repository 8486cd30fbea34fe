"""Redaction: the detector on a written PII corpus, pseudonyms, redacted ingest into a real store, the
workspace's redaction mode, and an LLM build (recorded chat model) that never sees personal data."""

from __future__ import annotations

import hashlib
import json
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write
from fake_chat import RecordedChatModel
from pii_corpus import SENTENCES, corpus, score
from test_llm_build import _analyzer, researcher

from icp_assist import api
from icp_assist.analyze import is_verbatim
from icp_assist.build import build_profile
from icp_assist.cli import cli
from icp_assist.config import Settings
from icp_assist.errors import ConfigError
from icp_assist.ingest.chunks import chunk_document
from icp_assist.llm.extract import excerpts, extract
from icp_assist.privacy import check_llm_redaction
from icp_assist.privacy.detect import find_personal_data
from icp_assist.privacy.pseudonyms import Pseudonyms
from icp_assist.privacy.redact import Redactor
from icp_assist.records import Document, Turn
from icp_assist.store import Workspace

INTERVIEWEES = ["Lucía Herrera", "Tobias Lindqvist", "Amara Nwosu", "Deepa Krishnan", "Connor Byrne"]
INTERVIEWER = "Noah Fischer"


def _found(text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in find_personal_data(text)]


def test_recall_on_the_corpus_meets_the_issue_thresholds() -> None:
    tally = score(_found)
    recall = {kind: caught / total for kind, (caught, total) in tally.items() if kind != "Keep"}
    assert recall["Email"] >= 0.95 and recall["Phone"] >= 0.95, tally
    assert recall["Person"] >= 0.9, tally
    assert min(recall[k] for k in ("Address", "Card", "IBAN", "Link")) >= 0.9, tally
    wrongly, kept = tally["Keep"]
    assert wrongly / kept <= 0.05, tally


def test_titles_products_and_numbers_that_are_not_personal_stay() -> None:
    text = (
        "Our CFO and the AP Manager chose NetSuite over BlackLine in 2019-2020 for $250,000 at netsuite.com."
    )
    assert find_personal_data(text) == []
    assert [f.kind for f in find_personal_data("Will we renew? Grant it. Sage Intacct is fine.")] == []
    assert [f.text for f in find_personal_data("Will Thompson and Grant Okafor agreed.")] == [
        "Will Thompson",
        "Grant Okafor",
    ]


def test_a_verb_or_adjective_that_is_also_a_given_name_stays() -> None:
    # survey answers of samples/ that made "Skip" and "Worth" into people
    assert find_personal_data("Skip it if you're on QBO until the ERP project is done") == []
    assert find_personal_data("Worth a look") == []
    assert [
        f.text for f in find_personal_data("Dana approved the budget; I forwarded it to Raj the next day")
    ] == [
        "Dana",
        "Raj",
    ]


def test_card_and_iban_need_their_checksums() -> None:
    assert [f.kind for f in find_personal_data("card 4111 1111 1111 1111")] == ["Card"]
    assert [f.kind for f in find_personal_data("card 4111 1111 1111 1112")] != ["Card"]
    assert [f.kind for f in find_personal_data("IBAN DE89 3704 0044 0532 0130 00")] == ["IBAN"]
    assert "IBAN" not in [f.kind for f in find_personal_data("IBAN DE88 3704 0044 0532 0130 00")]


def _document(text: str, speakers: list[tuple[str, bool]], metadata: dict) -> Document:
    turns, position = [], 0
    for line in text.splitlines(keepends=True):
        name, _, said = line.partition(": ")
        is_customer = dict(speakers)[name]
        start = position + len(name) + 2
        turns.append(
            Turn(speaker=name, start=start, end=start + len(said.rstrip("\n")), is_customer=is_customer)
        )
        position += len(line)
    return Document(doc_id="/x/a.txt", kind="interview", source="/x/a.txt", title="a.txt", text=text,
                    turns=turns, metadata=metadata)  # fmt: skip


def test_a_redacted_document_keeps_its_turns_and_pseudonyms_are_consistent(tmp_path: Path) -> None:
    text = (
        "Noah Fischer: Who signs?\n"
        "Lucía Herrera: Our CFO Marcus Lee signs; mail lucia@herrera-foods.mx or call +1 415 555 0132.\n"
        "Noah Fischer: Thanks, Lucía.\n"
        "Lucía Herrera: Marcus moved us to NetSuite.\n"
    )
    meta = {"interviewee": "Lucía Herrera", "interviewers": "Noah Fischer", "company": "Herrera Foods"}
    doc = _document(text, [("Noah Fischer", False), ("Lucía Herrera", True)], meta)
    redactor = Redactor(Pseudonyms(tmp_path))
    redacted = redactor.document(doc)
    turns = [redacted.turn_text(t) for t in redacted.turns]
    assert turns == [
        "Who signs?",
        "Our CFO Person 3 signs; mail Email 1 or call Phone 1.",
        "Thanks, Person 2.",
        "Person 3 moved us to NetSuite.",
    ]
    assert [t.speaker for t in redacted.turns] == ["Person 1", "Person 2", "Person 1", "Person 2"]
    assert redacted.metadata == {
        "interviewee": "Person 2",
        "interviewers": "Person 1",
        "company": "Herrera Foods",
    }
    redactor.pseudonyms.save()
    assert stat.S_IMODE((tmp_path / "pseudonyms.json").stat().st_mode) == 0o600
    again = Redactor(Pseudonyms(tmp_path)).text("Lucía Herrera met Marcus Lee.", source="/x/b.txt")[0]
    assert again == "Person 2 met Person 3."


def _interviews(folder: Path) -> list[Path]:
    """The corpus as five interviews, each with an interviewee and interviewer named in the front matter."""
    files = []
    for n, name in enumerate(INTERVIEWEES):
        lines = [f"{INTERVIEWER}: What happened before you bought?"]
        for sentence in [plain for plain, _ in corpus()][n::5]:
            lines += [
                f"{name}: {sentence} We lost two days every close because of it.",
                f"{INTERVIEWER}: Go on.",
            ]
        body = "\n".join(lines[:-1]) + "\n"
        front = f"---\ninterviewee: {name}\ninterviewers: [{INTERVIEWER}]\naccount_id: ACC-{n}\n---\n"
        files.append(write(folder / f"interview_{n}.txt", front + body))
    return files


def _personal_strings() -> list[str]:
    """Every name, e-mail and phone number of the corpus and the interviews, and each name's words."""
    values = [INTERVIEWER, *INTERVIEWEES]
    for text, spans in corpus():
        values += [text[s.start : s.end] for s in spans if s.kind in ("Person", "Email", "Phone")]
    words = [w for v in values if "@" not in v and not re.search(r"\d", v) for w in v.split() if len(w) > 3]
    return sorted(set(values) | set(words) - {"Dr."})


def _leaks(text: str) -> list[str]:
    return [v for v in _personal_strings() if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text)]


@pytest.fixture(scope="module")
def redacted_build(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("pii")
    settings = Settings(workspace=root / "ws", redact=True)
    report = api.ingest_paths(_interviews(root / "in"), settings=settings, embedder=embedder)
    assert not report.failed and report.count("added") == 5
    model = RecordedChatModel(route=researcher)
    with Workspace(root / "ws", embedding_name=embedder.name) as ws:
        result = build_profile(ws, embedder, out_dir=root / "out", llm=_analyzer(ws, model, "pii"))
        documents = {d.doc_id: d for d in ws.documents()}
        chroma = ws.collection.get(include=["documents", "metadatas"])
    return root, model, result, documents, chroma


def test_no_personal_data_reaches_a_prompt_an_output_or_the_store(redacted_build) -> None:
    root, model, _, documents, chroma = redacted_build
    prompts = "\n".join(str(m.content) for conversation in model.history for m in conversation)
    assert model.history and "Person " in prompts
    assert _leaks(prompts) == []
    for path in (root / "out").iterdir():
        assert _leaks(path.read_text(encoding="utf-8")) == [], path.name
    assert _leaks(json.dumps(chroma, ensure_ascii=False)) == []
    assert _leaks("\n".join(d.text + d.title + json.dumps(d.metadata) for d in documents.values())) == []
    mapping = (root / "ws" / "pseudonyms.json").read_text(encoding="utf-8")
    assert "Lucía Herrera" in mapping and "priya.r@northwind-foods.com" in mapping  # kept locally only


def test_quotes_are_verbatim_of_the_redacted_text(redacted_build) -> None:
    _, _, result, documents, _ = redacted_build
    evidence = [e for theme in result.report.themes for e in theme.evidence]
    assert evidence
    assert all(is_verbatim(e, documents.get(e.document)) for e in evidence)
    assert any(re.search(r"\b(?:Person|Email|Phone) \d+\b", e.quote) for e in evidence)


def test_the_llm_path_refuses_an_unredacted_workspace_unless_told(tmp_path: Path, embedder) -> None:
    settings = Settings(workspace=tmp_path / "ws", redact=False)
    api.ingest_paths(_interviews(tmp_path / "in")[:1], settings=settings, embedder=embedder)
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as ws:
        with pytest.raises(ConfigError, match="--redact"):
            check_llm_redaction(Settings(workspace=tmp_path / "ws", llm="openai:x"), ws)
        check_llm_redaction(Settings(workspace=tmp_path / "ws", llm="openai:x", redact=False), ws)


def test_turning_redaction_on_redacts_what_is_stored_and_off_is_refused(tmp_path: Path, embedder) -> None:
    files = _interviews(tmp_path / "in")[:2]
    runner = CliRunner()
    ws = str(tmp_path / "ws")
    assert runner.invoke(cli, ["ingest", str(files[0]), "-w", ws]).exit_code == 0
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as store:  # vectors cached by plain text
        plain = {c.text for d in store.documents() for c in chunk_document(d)}
        assert _cached(store, [hashlib.sha1(t.encode()).hexdigest() for t in plain]) == len(plain)
    result = runner.invoke(cli, ["ingest", str(files[1]), "-w", ws, "--redact"])
    assert result.exit_code == 0, result.output
    assert "redacted 1 stored interviews/responses" in result.output
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as store:
        texts = [d.text for d in store.documents()]
        stored = store.collection.get(include=["documents", "metadatas"])
        assert set(stored["documents"]) == {None}  # chunk texts are kept in SQLite only
        assert store.missing_vectors() == []
        now = {c.text for d in store.documents() for c in chunk_document(d)}
        changed = [hashlib.sha1(t.encode()).hexdigest() for t in plain - now]  # the texts that held a name
        assert changed and _cached(store, changed) == 0
    assert len(texts) == 2 and _leaks("\n".join(texts) + json.dumps(stored["metadatas"])) == []
    refused = runner.invoke(cli, ["ingest", str(files[0]), "-w", ws, "--no-redact"])
    assert refused.exit_code == 1 and "is redacted" in refused.output
    again = runner.invoke(cli, ["ingest", str(files[0]), "-w", ws])  # the workspace stays redacted
    assert again.exit_code == 0, again.output


def _cached(store: Workspace, hashes: list[str]) -> int:
    query = f"SELECT COUNT(*) FROM embeddings WHERE text_hash IN ({','.join('?' * len(hashes))})"
    return int(store.db.execute(query, hashes).fetchone()[0])


def test_corpus_marks_are_well_formed() -> None:
    for sentence, (text, spans) in zip(SENTENCES, corpus(), strict=True):
        assert "[[" not in text and "{{" not in text, sentence
        assert spans


def test_without_redaction_the_people_of_a_transcript_are_still_masked_in_prompts(
    tmp_path: Path, embedder
) -> None:
    body = (
        f"---\ninterviewee: Lucía Herrera\ninterviewers: [{INTERVIEWER}]\n---\n"
        f"{INTERVIEWER}: What happened before you bought?\n"
        "Lucía Herrera: Noah, we lost eleven days at every month-end close before this.\n"
        f"{INTERVIEWER}: And then?\n"
        "Lucía Herrera: Our controller signed once Fischer in IT agreed.\n"
    )
    source = write(tmp_path / "in" / "call.txt", body)
    settings = Settings(workspace=tmp_path / "ws", redact=False)
    api.ingest_paths([source], settings=settings, embedder=embedder)
    model = RecordedChatModel(route=researcher)
    with Workspace(tmp_path / "ws", embedding_name=embedder.name) as store:
        documents = list(store.documents())
        analyzer = _analyzer(store, model, "mask")
        found = extract(analyzer.session, excerpts(documents, max_chars=6000), analyzer.gate)
    assert "Noah, we lost" in documents[0].text  # the workspace keeps the names
    prompts = "\n".join(str(m.content) for conversation in model.history for m in conversation)
    assert [n for n in ("Lucía", "Herrera", "Noah", "Fischer") if n in prompts] == []
    assert "Person 1, we lost eleven days" in prompts  # the interviewer, named by the customer
    quotes = [e.quote for f in found for e in f.item.evidence]
    assert "Noah, we lost eleven days at every month-end close before this" in quotes  # mapped back
