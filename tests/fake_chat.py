"""A chat model for tests that answers with recorded JSON (or raises recorded errors), through LangChain's
own structured-output parsing, and keeps every conversation it was sent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from icp_assist.llm.provider import ChatModel

Reply = str | AIMessage | BaseException
Router = Callable[[str, str], Reply]  # (tool/schema name, last user message) -> reply


class RecordedChatModel(BaseChatModel):
    """Answers from a queue of recorded replies, or from ``route`` when the queue is empty.

    A reply is the JSON text of a tool call (valid or not), a whole AIMessage, or an exception to raise.
    """

    replies: list[Any] = Field(default_factory=list)  # Reply; Any keeps pydantic from coercing them
    route: Router | None = None
    history: list[list[BaseMessage]] = Field(default_factory=list)
    as_text: bool = False  # answer as plain content instead of a tool call (json_mode style)

    @property
    def _llm_type(self) -> str:
        return "recorded"

    def enqueue(self, replies: Sequence[Reply]) -> None:
        self.replies.extend(replies)

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Any:
        return self.bind(tools=tools, **kwargs)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.history.append(list(messages))
        tools = kwargs.get("tools") or []
        name = _tool_name(tools[0]) if tools else ""
        if self.replies:
            reply = self.replies.pop(0)
        elif self.route is not None:
            reply = self.route(name, str(messages[-1].content))
        else:
            raise AssertionError("RecordedChatModel ran out of replies")
        if isinstance(reply, BaseException):
            raise reply
        if isinstance(reply, AIMessage):
            return ChatResult(generations=[ChatGeneration(message=reply)])
        usage = {
            "input_tokens": sum(len(str(m.content)) // 4 for m in messages),
            "output_tokens": len(reply) // 4,
        }
        usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
        if self.as_text or not tools:
            message = AIMessage(content=reply, usage_metadata=usage)  # type: ignore[arg-type]
        else:
            call = {
                "id": f"call_{len(self.history)}",
                "type": "function",
                "function": {"name": name, "arguments": reply},
            }
            message = AIMessage(content="", additional_kwargs={"tool_calls": [call]}, usage_metadata=usage)  # type: ignore[arg-type]
        return ChatResult(generations=[ChatGeneration(message=message)])


def recorded(model: RecordedChatModel, *, method: str = "function_calling") -> ChatModel:
    """The recorded model as icp-assist's ChatModel."""
    return ChatModel(model=model, label="recorded:test", method=method)  # type: ignore[arg-type]


def _tool_name(tool: Any) -> str:
    if isinstance(tool, dict):
        return str(tool.get("function", {}).get("name") or tool.get("name") or tool.get("title") or "")
    return str(getattr(tool, "__name__", tool))
