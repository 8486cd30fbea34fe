"""Structured calls: schema validation with bounded re-asks, retries with backoff, the cache, and errors
that name what to do and never show a key."""

from __future__ import annotations

import httpx
import openai
import pytest
from fake_chat import RecordedChatModel, recorded
from langchain_core.messages import AIMessage
from pydantic import BaseModel

from icp_assist.errors import LlmError
from icp_assist.llm.calls import Call, LlmSession
from icp_assist.llm.prompts import load_prompt
from icp_assist.store import Workspace


class Verdict(BaseModel):
    """A test answer."""

    label: str
    score: int


def _call(text: str = "Name it.", label: str = "test call") -> Call[Verdict]:
    prompt = load_prompt("name_theme")
    messages = prompt.render(facet="pain point", findings=[{"summary": text, "quote": ""}], sources=2)
    return Call(prompt=prompt, messages=messages, schema=Verdict, label=label)


def _session(model: RecordedChatModel, workspace: Workspace | None = None, **options: int) -> LlmSession:
    return LlmSession(recorded(model), workspace=workspace, sleep=lambda _: None, **options)


def _status_error(
    cls: type[openai.APIStatusError], status: int, headers: dict[str, str] | None = None
) -> Exception:
    request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    response = httpx.Response(status, request=request, headers=headers or {})
    return cls(f"HTTP {status}", response=response, body=None)


def test_a_valid_answer_is_parsed_and_counted() -> None:
    model = RecordedChatModel(replies=['{"label": "Slow close", "score": 3}'])
    session = _session(model)
    (answer,) = session.run([_call()])
    assert answer == Verdict(label="Slow close", score=3)
    assert session.report.calls == 1 and session.report.reasks == 0
    assert session.report.prompt_tokens > 0 and session.report.completion_tokens > 0


def test_invalid_json_is_sent_back_with_the_error_then_accepted() -> None:
    model = RecordedChatModel(
        replies=['{"label": "Slow close", "score": ', '{"label": "Slow close", "score": 3}']
    )
    session = _session(model)
    (answer,) = session.run([_call()])
    assert answer is not None and answer.score == 3
    assert session.report.reasks == 1 and session.report.calls == 2
    reask = model.history[1]
    assert reask[-2].content == '{"label": "Slow close", "score": '  # what it said
    assert "not valid JSON" in str(reask[-1].content) and "Verdict" in str(reask[-1].content)


def test_schema_errors_are_reasked_a_bounded_number_of_times_then_the_call_is_skipped() -> None:
    bad = '{"label": "x", "score": "high"}'
    model = RecordedChatModel(replies=[bad, bad, bad, '{"label": "ok", "score": 1}'])
    session = _session(model, reasks=2)
    answers = session.run([_call(label="interview acme.md")])
    assert answers == [None]
    assert session.report.calls == 3 and session.report.reasks == 2
    assert session.report.skipped and "interview acme.md" in session.report.skipped[0]
    assert "score" in session.report.skipped[0]
    assert len(model.replies) == 1  # the fourth reply was never asked for


def test_a_prose_answer_instead_of_a_tool_call_is_reasked() -> None:
    model = RecordedChatModel(
        replies=[AIMessage(content="Sure! The theme is slow closes."), '{"label": "Slow close", "score": 2}']
    )
    session = _session(model)
    (answer,) = session.run([_call()])
    assert answer == Verdict(label="Slow close", score=2)
    assert session.report.reasks == 1
    assert "no answer in the expected form" in str(model.history[1][-1].content)


def test_rate_limits_and_server_errors_are_retried_with_backoff() -> None:
    waits: list[float] = []
    model = RecordedChatModel(
        replies=[
            _status_error(openai.RateLimitError, 429, {"retry-after": "7"}),
            _status_error(openai.InternalServerError, 503),
            openai.APITimeoutError(request=httpx.Request("POST", "http://127.0.0.1:9")),
            '{"label": "ok", "score": 1}',
        ]
    )
    session = LlmSession(recorded(model), sleep=waits.append, retries=4, backoff=1.0)
    (answer,) = session.run([_call()])
    assert answer is not None
    assert session.report.retries == 3
    assert waits[0] == 7.0  # the server's Retry-After is honoured
    assert 1.0 <= waits[1] <= 3.0 and 2.0 <= waits[2] <= 6.0  # exponential, with jitter


def test_a_model_that_stays_down_gives_one_clear_error_and_keeps_what_was_answered(
    tmp_path, embedder
) -> None:
    ws = Workspace(tmp_path / "ws", embedding_name=embedder.name)
    first, second = _call("first finding", "call one"), _call("second finding", "call two")

    def route(name: str, text: str) -> str | Exception:
        if "first finding" in text:
            return '{"label": "First", "score": 1}'
        return _status_error(openai.InternalServerError, 502)

    model = RecordedChatModel(route=route)
    session = _session(model, ws, retries=2, concurrency=1)
    with pytest.raises(
        LlmError, match=r"still failing after 3 attempts at call two.*run the same command again"
    ):
        session.run([first, second])
    # The answered call is cached: a re-run asks only the failed one.
    healed = RecordedChatModel(route=lambda name, text: '{"label": "Second", "score": 2}')
    resumed = _session(healed, ws)
    answers = resumed.run([first, second])
    assert [a.label for a in answers if a] == ["First", "Second"]
    assert resumed.report.cached_calls == 1 and len(healed.history) == 1
    ws.close()


def test_errors_that_retrying_cannot_fix_stop_at_once_without_showing_the_key(monkeypatch) -> None:
    key = "sk-test-abcdefghijklmnopqrstuvwxyz123456"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    error = _status_error(openai.AuthenticationError, 401)
    error.args = (f"Incorrect API key provided: {key}",)
    model = RecordedChatModel(replies=[error])
    session = _session(model, retries=5)
    with pytest.raises(LlmError) as caught:
        session.run([_call(label="interview acme.md")])
    assert key not in str(caught.value) and "HTTP 401" in str(caught.value)
    assert "interview acme.md" in str(caught.value)
    assert session.report.retries == 0


def test_the_cache_key_changes_with_the_model_the_prompt_and_the_text() -> None:
    model = RecordedChatModel()
    chat = recorded(model)
    other = recorded(model, method="json_schema")
    assert _call("a").cache_key(chat) == _call("a").cache_key(chat)
    assert _call("a").cache_key(chat) != _call("b").cache_key(chat)
    assert _call("a").cache_key(chat) != _call("a").cache_key(other)


def test_cached_answers_are_not_asked_again(tmp_path, embedder) -> None:
    ws = Workspace(tmp_path / "ws", embedding_name=embedder.name)
    model = RecordedChatModel(replies=['{"label": "ok", "score": 1}'])
    assert _session(model, ws).run([_call()])[0] is not None
    again = RecordedChatModel()
    session = _session(again, ws)
    assert session.run([_call()])[0] == Verdict(label="ok", score=1)
    assert again.history == [] and session.report.cached_calls == 1
    ws.close()


def test_json_mode_puts_the_schema_in_the_prompt() -> None:
    # (The recorded model answers through LangChain's generic tool parsing; ChatOpenAI parses json_mode itself.)
    model = RecordedChatModel(replies=['{"label": "Slow close", "score": 4}'])
    session = LlmSession(recorded(model, method="json_mode"), sleep=lambda _: None)
    (answer,) = session.run([_call()])
    assert answer == Verdict(label="Slow close", score=4)
    system = str(model.history[0][0].content)
    assert '"score"' in system and "JSON schema" in system
