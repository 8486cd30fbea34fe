"""Structured LLM calls: cached, retried with backoff, and re-asked when the answer breaks the schema.

Every answer is cached in the workspace under a hash of (prompt version, model, method, answer schema,
messages), so the messages' content hash is part of the key, and a run that stops half-way resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel
from tqdm import tqdm

from ..errors import LlmError, LlmOutputError
from ..models import LlmReport
from ..store import Workspace
from .prompts import Prompt
from .provider import ChatModel, describe, is_transient, retry_after

T = TypeVar("T", bound=BaseModel)
MAX_BACKOFF = 60.0
_REASK = (
    "Your answer could not be used: {error}\n"
    "Answer again with only the {schema} object, following its schema exactly. Copy quotes word for word."
)


@dataclass(frozen=True)
class Call(Generic[T]):
    """One question for the model: the prompt it was rendered from, its messages and the answer's schema."""

    prompt: Prompt
    messages: list[BaseMessage]
    schema: type[T]
    label: str

    def cache_key(self, model: ChatModel) -> str:
        """Everything the answer depends on, hashed."""
        # The schema's JSON, not only its name: its descriptions are instructions the model reads.
        schema = json.dumps(self.schema.model_json_schema(), sort_keys=True)
        payload = [self.prompt.key, model.label, model.method, self.schema.__name__, schema,
                   [(m.type, m.content) for m in self.messages]]  # fmt: skip
        return "llm:" + hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


class LlmSession:
    """Runs calls against one chat model, a few at a time, and keeps the tally in ``report``."""

    def __init__(
        self,
        chat: ChatModel,
        *,
        workspace: Workspace | None = None,
        concurrency: int = 2,
        retries: int = 4,
        reasks: int = 2,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.chat = chat
        self.workspace = workspace
        self.concurrency = concurrency
        self.retries = retries
        self.reasks = reasks
        self.backoff = backoff
        self.sleep = sleep
        self.report = LlmReport(model=chat.label)
        # One row per call sent: (call label, prompt tokens, completion tokens), for cost reports.
        self.ledger: list[tuple[str, int, int]] = []
        self._lock = threading.Lock()

    def run(
        self, calls: Sequence[Call[T]], *, desc: str = "LLM calls", progress: bool = False
    ) -> list[T | None]:
        """Answers in the order of ``calls``; None where the model kept breaking the schema (noted in
        ``report.skipped``). Raises LlmError when the model cannot be reached; answers so far stay cached."""
        results: list[T | None] = [None] * len(calls)
        pending: list[int] = []
        for i, call in enumerate(calls):
            hit = self.workspace.cached(call.cache_key(self.chat)) if self.workspace else None
            if hit is not None:
                results[i] = call.schema.model_validate_json(hit)
                self.report.cached_calls += 1
            else:
                pending.append(i)
        if not pending:
            return results
        with (
            tqdm(total=len(pending), desc=desc, unit="call", disable=not progress) as bar,
            ThreadPoolExecutor(max_workers=self.concurrency) as pool,
        ):
            futures: dict[Future[T], int] = {pool.submit(self.ask, calls[i]): i for i in pending}
            not_done: set[Future[T]] = set(futures)
            while not_done:
                done, not_done = wait(not_done, return_when=FIRST_EXCEPTION)
                failure = self._collect_all(done, futures, calls, results, bar)
                if failure is not None:
                    # Stop asking, but keep (and cache) every answer already on its way.
                    for future in not_done:
                        future.cancel()
                    self._collect_all(
                        {f for f in not_done if not f.cancelled()}, futures, calls, results, bar
                    )
                    raise failure
        return results

    def _collect_all(
        self,
        done: set[Future[T]],
        futures: dict[Future[T], int],
        calls: Sequence[Call[T]],
        results: list[T | None],
        bar: Any,
    ) -> LlmError | None:
        failure: LlmError | None = None
        for future in done:
            i = futures[future]
            try:
                answer = future.result()
            except LlmOutputError as ex:
                self.report.skipped.append(f"{calls[i].label}: {ex}")
            except LlmError as ex:
                failure = failure or ex
                continue
            else:
                results[i] = answer
                if self.workspace is not None:
                    self.workspace.store_cached(calls[i].cache_key(self.chat), answer.model_dump_json())
            bar.update()
        return failure

    def ask(self, call: Call[T]) -> T:
        """One answer that validates against ``call.schema``, re-asking with the error a bounded number of times."""
        messages = _with_schema(call) if self.chat.method == "json_mode" else list(call.messages)
        error = ""
        for attempt in range(self.reasks + 1):
            if attempt:
                with self._lock:
                    self.report.reasks += 1
            out = self._invoke(call, messages)
            raw = out.get("raw")
            self._count(call.label, raw)
            parsed, problem = out.get("parsed"), out.get("parsing_error")
            if isinstance(parsed, call.schema) and problem is None:
                return parsed
            error = _short(problem) if problem else "no answer in the expected form"
            reply = AIMessage(content=_raw_text(raw))
            messages = [
                *messages,
                reply,
                HumanMessage(_REASK.format(error=error, schema=call.schema.__name__)),
            ]
        raise LlmOutputError(
            f"the answer broke the {call.schema.__name__} schema {self.reasks + 1} times ({error})"
        )

    def _invoke(self, call: Call[Any], messages: list[BaseMessage]) -> dict[str, Any]:
        structured = self.chat.model.with_structured_output(
            call.schema, method=self.chat.method, include_raw=True
        )
        for attempt in range(self.retries + 1):
            try:
                out = structured.invoke(messages)
                return out if isinstance(out, dict) else {"raw": None, "parsed": out, "parsing_error": None}
            except Exception as ex:
                if not is_transient(ex):
                    raise LlmError(f"{self.chat.where} refused {call.label}: {describe(ex)}") from ex
                if attempt == self.retries:
                    raise LlmError(
                        f"{self.chat.where} still failing after {attempt + 1} attempts at {call.label}: "
                        f"{describe(ex)}. Answers so far are cached: run the same command again to resume."
                    ) from ex
                with self._lock:
                    self.report.retries += 1
                self.sleep(self._delay(attempt, ex))
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, error: BaseException) -> float:
        asked = retry_after(error)
        if asked is not None:
            return min(asked, MAX_BACKOFF)
        return min(MAX_BACKOFF, self.backoff * 2**attempt) * random.uniform(0.5, 1.5)

    def _count(self, label: str, raw: object) -> None:
        usage = getattr(raw, "usage_metadata", None) or {}
        prompt, completion = int(usage.get("input_tokens", 0) or 0), int(usage.get("output_tokens", 0) or 0)
        with self._lock:
            self.report.calls += 1
            self.report.prompt_tokens += prompt
            self.report.completion_tokens += completion
            self.ledger.append((label, prompt, completion))


def _with_schema(call: Call[Any]) -> list[BaseMessage]:
    """json_mode constrains the answer to JSON but not to the schema, so the schema goes into the prompt."""
    schema = json.dumps(call.schema.model_json_schema(), ensure_ascii=False)
    note = f"\n\nAnswer with one JSON object, and nothing else, that follows this JSON schema:\n{schema}"
    first, *rest = call.messages
    return [SystemMessage(content=f"{first.content}{note}"), *rest]


def _raw_text(raw: object) -> str:
    if not isinstance(raw, AIMessage):
        return ""
    calls = [*raw.tool_calls, *raw.invalid_tool_calls]
    if calls:
        args = calls[0].get("args")
        return args if isinstance(args, str) else json.dumps(args, ensure_ascii=False)
    return raw.content if isinstance(raw.content, str) else json.dumps(raw.content)


def _short(error: object) -> str:
    text = " ".join(str(error).split())
    cut = text.find("For troubleshooting")
    text = text[:cut].strip() if cut > 0 else text
    return text[:600]
