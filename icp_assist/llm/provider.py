"""The one place that knows chat-model providers: specs, endpoints, keys, structured-output methods, errors."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from typing import Any

import httpx
import openai
from langchain.chat_models import init_chat_model
from langchain_core.language_models.chat_models import BaseChatModel

from ..config import Settings, StructuredOutput
from ..errors import ConfigError
from ..secrets import redact

_OPENAI_COMPATIBLE = {"openai", "azure_openai"}
_PACKAGES = {"anthropic": "langchain-anthropic", "ollama": "langchain-ollama", "google_genai": "langchain-google-genai",
             "mistralai": "langchain-mistralai", "groq": "langchain-groq", "bedrock": "langchain-aws"}  # fmt: skip
_TRANSIENT_STATUS = {408, 409, 429}


@dataclass(frozen=True)
class ChatModel:
    """A LangChain chat model, the name it is reported under, and how to ask it for structured output."""

    model: BaseChatModel
    label: str
    method: StructuredOutput
    endpoint: str | None = None  # for messages only; credentials removed

    @property
    def where(self) -> str:
        """The model and, for a custom endpoint, where it is served."""
        return f"{self.label} at {self.endpoint}" if self.endpoint else self.label


def parse_spec(spec: str) -> tuple[str, str]:
    """'provider:model' → (provider, model)."""
    provider, sep, model = spec.partition(":")
    if not sep or not provider.strip() or not model.strip():
        raise ConfigError(
            f"LLM spec {spec!r} must be provider:model, e.g. 'openai:gpt-4o-mini' or 'ollama:llama3.1'"
        )
    return provider.strip().lower(), model.strip()


def open_chat_model(settings: Settings) -> ChatModel | None:
    """The chat model the settings name, or None when no LLM is configured (the offline analyzer runs)."""
    if not settings.llm:
        return None
    provider, name = parse_spec(settings.llm)
    kwargs: dict[str, Any] = {
        "temperature": 0,
        "max_tokens": settings.llm_max_tokens,
        "timeout": settings.llm_timeout,
        "max_retries": 0,  # icp-assist retries itself, with backoff and one message for every provider
    }
    base_url = settings.llm_base_url
    if provider == "ollama" and importlib.util.find_spec("langchain_ollama") is None:
        # Ollama speaks the OpenAI API too, so it works without its own LangChain package.
        host = os.environ.get("OLLAMA_HOST", "http://localhost:11434")
        base_url = base_url or (host if "://" in host else f"http://{host}").rstrip("/") + "/v1"
        provider, kwargs["api_key"] = "openai", "ollama"
    if provider in _OPENAI_COMPATIBLE:
        base_url = base_url or os.environ.get("OPENAI_BASE_URL")
        if base_url:
            kwargs["base_url"] = base_url
        if provider == "openai" and "api_key" not in kwargs and not os.environ.get("OPENAI_API_KEY"):
            if not base_url:
                raise ConfigError(
                    f"--llm {settings.llm} needs OPENAI_API_KEY in the environment "
                    "(or ICP_ASSIST_LLM_BASE_URL / OPENAI_BASE_URL for a local OpenAI-compatible server)"
                )
            kwargs["api_key"] = "not-needed"  # local servers ignore the key, the client insists on one
    elif base_url:
        kwargs["base_url"] = base_url
    model = _init(provider, name, kwargs)
    return ChatModel(
        model=model,
        label=f"{provider}:{name}",
        method=_method(settings, provider, base_url),
        endpoint=redact(base_url) if base_url else None,
    )


def _init(provider: str, name: str, kwargs: dict[str, Any]) -> BaseChatModel:
    try:
        model = init_chat_model(name, model_provider=provider, **kwargs)
    except ImportError as ex:
        package = _PACKAGES.get(provider, f"langchain-{provider.replace('_', '-')}")
        raise ConfigError(
            f"LLM provider {provider!r} needs its LangChain package: pip install {package} "
            "(or use the provider's OpenAI-compatible endpoint with --llm openai:<model> and OPENAI_BASE_URL)"
        ) from ex
    except ValueError as ex:
        raise ConfigError(f"LLM provider {provider!r}: {redact(str(ex))}") from ex
    if not isinstance(model, BaseChatModel):
        raise ConfigError(f"LLM spec {provider}:{name} did not give a chat model")
    return model


def _method(settings: Settings, provider: str, base_url: str | None) -> StructuredOutput:
    if settings.llm_structured_output != "auto":
        return settings.llm_structured_output
    # OpenAI itself enforces a JSON schema; OpenAI-compatible servers (llama.cpp, vLLM, LM Studio) and
    # other providers reliably support tool calls, which LangChain turns into the same pydantic model.
    if provider == "openai" and not base_url:
        return "json_schema"
    return "function_calling"


def is_transient(error: BaseException) -> bool:
    """True for errors worth retrying: timeouts, lost connections, rate limits (429) and server errors (5xx)."""
    if isinstance(error, openai.APITimeoutError | openai.APIConnectionError | openai.RateLimitError):
        return True
    if isinstance(error, openai.InternalServerError | httpx.TimeoutException | httpx.TransportError):
        return True
    if isinstance(error, TimeoutError | ConnectionError):
        return True
    status = getattr(error, "status_code", None)
    return isinstance(status, int) and (status in _TRANSIENT_STATUS or status >= 500)


def retry_after(error: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After), if it said."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None) or {}
    value = headers.get("retry-after")
    try:
        return float(value) if value else None
    except (TypeError, ValueError):
        return None


def describe(error: BaseException) -> str:
    """A one-line description of a provider error, with any key or endpoint credentials removed."""
    status = getattr(error, "status_code", None)
    text = " ".join(str(error).split())[:300].rstrip(".") or type(error).__name__
    lost = _lost_server(error)
    return redact(f"{type(error).__name__}{f' (HTTP {status})' if status else ''}: {text}{lost}")


def _lost_server(error: BaseException) -> str:
    """What a lost connection says about the server: nobody listening, or it hung up mid-answer."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ConnectionRefusedError | httpx.ConnectError):
            return " (connection refused: no server is listening there; has it stopped or crashed?)"
        if isinstance(cause, httpx.RemoteProtocolError | httpx.ReadError | ConnectionResetError):
            return " (the server closed the connection without answering; has it stopped or crashed?)"
        cause = cause.__cause__ or cause.__context__
    return ""
