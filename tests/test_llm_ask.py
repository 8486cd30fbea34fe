"""`ask --llm`: the model writes the answer from the quotes retrieval found; unsupported sentences are dropped."""

from __future__ import annotations

import json

from click.testing import CliRunner
from fake_chat import RecordedChatModel, recorded

from icp_assist import llm as llm_package
from icp_assist.ask import ask
from icp_assist.cli import cli
from icp_assist.llm.answer import write_answer
from icp_assist.llm.calls import LlmSession


def _session(model: RecordedChatModel) -> LlmSession:
    return LlmSession(recorded(model), sleep=lambda _: None)


def _written(*sentences: tuple[str, list[int]]) -> str:
    return json.dumps({"sentences": [{"text": t, "citations": c} for t, c in sentences]})


def test_the_answer_is_written_from_cited_quotes_and_unsupported_sentences_are_dropped(
    sample_workspace, embedder
) -> None:
    ws, _ = sample_workspace
    extractive = ask(ws, embedder, "Why did customers buy?")
    assert not extractive.thin and len(extractive.citations) >= 3
    model = RecordedChatModel(
        replies=[
            _written(
                ("Customers bought to stop closing the books by hand.", [1, 2]),
                ("Most of them cut their close by 73%.", [1]),  # a number no quote contains
                ("Their CEO demanded it.", [42]),  # a quote that does not exist
                ("It was cheap.", []),  # cites nothing
            )
        ]
    )
    session = _session(model)
    answer = write_answer(session, extractive)
    assert answer.answer == "Customers bought to stop closing the books by hand. [1, 2]"
    assert answer.citations == extractive.citations and answer.thin is False
    assert session.report.rejected_claims == 3
    sent = str(model.history[0][-1].content)
    assert all(c.quote in sent for c in extractive.citations)  # the model sees exactly the cited quotes


def test_thin_evidence_is_not_sent_to_the_model(sample_workspace, embedder) -> None:
    ws, _ = sample_workspace
    thin = ask(ws, embedder, "Why did customers buy?", filters={"account_id": "ACC-NOPE"})
    assert thin.thin
    model = RecordedChatModel()
    assert write_answer(_session(model), thin) == thin and model.history == []


def test_when_no_sentence_survives_the_extractive_answer_stands(sample_workspace, embedder) -> None:
    ws, _ = sample_workspace
    extractive = ask(ws, embedder, "Why did customers churn?")
    model = RecordedChatModel(replies=[_written(("Because of 99 reasons.", [1]))])
    assert write_answer(_session(model), extractive).answer == extractive.answer


def test_ask_command_takes_llm(sample_workspace, monkeypatch) -> None:
    ws, _ = sample_workspace
    monkeypatch.setenv("ICP_ASSIST_WORKSPACE", str(ws.path))
    model = RecordedChatModel(
        route=lambda name, text: _written(("Manual month-end work pushed them to buy.", [1]))
    )
    monkeypatch.setattr(llm_package, "open_chat_model", lambda settings: recorded(model))
    args = ["ask", "Why did customers buy?", "--llm", "openai:gpt-4o-mini", "--no-redact"]
    result = CliRunner().invoke(cli, args)  # the sample workspace is not redacted: said on purpose
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Manual month-end work pushed them to buy. [1]")
    assert "  [1] “" in result.output
